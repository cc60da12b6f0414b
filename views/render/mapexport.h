// Writes the laid-out map as SVG, PNG, PDF (through the same painter as the GUI) or DOT
// (Graphviz's own output, with positions). Files are written atomically.
#pragma once

#include "mappainter.h"

#include <QString>

#include <expected>
#include <optional>

namespace atlas {

enum class MapFormat : std::uint8_t { Svg, Png, Pdf, Dot };
std::optional<MapFormat> mapFormatForPath(const QString &path);

std::expected<void, QString> exportMap(const MapScene &scene, const QString &path, MapFormat format,
                                       const MapPalette &palette = MapPalette::light());

} // namespace atlas
