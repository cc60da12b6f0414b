// The jurisdiction matrix (issue 18): the overview's cells as an origin × destination table —
// the same words as the graph's labels, cells tinted by the worst open severity, the diagonal
// (what stays inside one jurisdiction) shaded. Painted for the GUI and for SVG/PNG/PDF, and
// written as text, CSV or JSON for `graph --view matrix`.
#pragma once

#include "jurisdictionoverview.h"
#include "mapexport.h"
#include "mappainter.h"

#include <QByteArray>
#include <QRectF>

#include <expected>
#include <vector>

namespace atlas {

struct MatrixLayout
{
    std::vector<double> columnX, columnWidth; // column 0 holds the row headers
    std::vector<double> rowY, rowHeight;      // row 0 holds the column headers
    QRectF bounds;                            // the table
    QRectF caption;                           // the line above it
    QRectF total;                             // caption and table with the margin

    QRectF rect(int row, int column) const;
    // The cell index (into overview.cells) under `point`; -1 for an empty or header cell.
    int cellAt(const JurisdictionOverview &overview, const QPointF &point) const;
};

// The lines a cell shows ("—" for an empty one).
QStringList matrixCellLines(const OverviewCell *cell);
// The matrix as a table of words (the report's): a header row ("From \ to", then the ids of the
// jurisdictions something reaches) and a row per jurisdiction something leaves, each cell its
// matrixCellLines() joined by line breaks.
std::pair<QStringList, std::vector<QStringList>> matrixWords(const JurisdictionOverview &overview);
MatrixLayout layoutMatrix(const JurisdictionOverview &overview);
void paintMatrix(QPainter &p, const JurisdictionOverview &overview, const MatrixLayout &layout, const MapPalette &palette,
                 int selectedCell = -1);
std::expected<void, QString> exportMatrix(const JurisdictionOverview &overview, const QString &path, MapFormat format,
                                          const MapPalette &palette = MapPalette::light());

// Plain text (nodes, a grid of flow and access counts, then every cell in words), CSV (one row
// per cell) and JSON (nodes and cells with their flow ids and finding keys).
QString matrixText(const JurisdictionOverview &overview);
QString matrixCsv(const JurisdictionOverview &overview);
QByteArray matrixJson(const JurisdictionOverview &overview);

} // namespace atlas
