// The paged form of the report's reading document (reportdocument.h): cover, table of contents,
// the sections with their tables, charts and the map, running header and "Page x of y" footer,
// painted with QPainter onto any QPagedPaintDevice — QPdfWriter for the PDF, a QPrinter for
// Print and print preview. Laid out in a first pass (so the contents know every page number),
// painted in a second; what the PDF adds afterwards (bookmarks, clickable contents) comes back
// as data for pdfoutline.h.
#pragma once

#include "pdfoutline.h"
#include "reportdocument.h"

#include <QString>

#include <atomic>
#include <expected>
#include <functional>
#include <vector>

class QPagedPaintDevice;

namespace atlas {

struct PagedReport
{
    int pages = 0;
    std::vector<PdfOutlineItem> outline; // sections (level 1) and sub-headings (level 2), in order
    std::vector<PdfLink> contentsLinks;  // the table of contents' rows and where they point
};

// Paints `doc` onto `device`, starting with the device's current page layout (size, margins,
// portrait; a wide map gets a landscape page where the device allows changing the layout
// between pages). Laid out in points at any resolution: a QPdfWriter at 72 dpi keeps every text
// as text; on another resolution (a QPrinter in HighResolution mode) the chart and the map go
// through SVG, vector still but their labels as outlines. `progress` (any thread) gets (pages
// painted, pages); `cancel` is checked between blocks and pages and gives the error
// "cancelled". The painter is ended before returning; the outline and links are in points.
std::expected<PagedReport, QString> paintReportPages(const ReportDocument &doc, QPagedPaintDevice &device,
                                                     const std::function<void(int done, int total)> &progress = {},
                                                     const std::atomic_bool *cancel = nullptr);

} // namespace atlas
