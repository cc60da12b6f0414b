// Writes the laid-out map as SVG, PNG, PDF (through the same painter as the GUI) or DOT
// (Graphviz's own output, with positions). Files are written atomically.
#pragma once

#include "mappainter.h"

#include <QString>

#include <expected>
#include <functional>
#include <optional>

namespace atlas {

enum class MapFormat : std::uint8_t { Svg, Png, Pdf, Dot };
std::optional<MapFormat> mapFormatForPath(const QString &path);

// Writes `bytes` to `path` through a QSaveFile; the error names the path.
std::expected<void, QString> saveAtomically(const QString &path, const QByteArray &bytes);

// Writes `size` points of what `paint` draws (from the origin) as SVG, PNG (2×) or PDF (one page
// of that size), atomically; the region map, the jurisdiction overview and its matrix share it.
std::expected<void, QString> exportPainted(const QSizeF &size, const QString &title, const QString &description, const QString &path,
                                           MapFormat format, const MapPalette &palette, const std::function<void(QPainter &)> &paint);

std::expected<void, QString> exportMap(const MapScene &scene, const QString &path, MapFormat format,
                                       const MapPalette &palette = MapPalette::light());

} // namespace atlas
