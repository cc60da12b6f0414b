#include "mapexport.h"

#include <QBuffer>
#include <QImage>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace atlas {

std::optional<MapFormat> mapFormatForPath(const QString &path)
{
    const QString lower = path.toLower();
    if (lower.endsWith(u".svg"))
        return MapFormat::Svg;
    if (lower.endsWith(u".png"))
        return MapFormat::Png;
    if (lower.endsWith(u".pdf"))
        return MapFormat::Pdf;
    if (lower.endsWith(u".dot") || lower.endsWith(u".gv"))
        return MapFormat::Dot;
    return std::nullopt;
}

namespace {

void paintAt(QPainter &p, const MapScene &scene, const MapPalette &palette)
{
    p.translate(-scene.bounds.topLeft());
    mappaint::paintScene(p, scene, palette);
}

} // namespace

std::expected<void, QString> exportMap(const MapScene &scene, const QString &path, MapFormat format,
                                       const MapPalette &palette)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QSizeF size = scene.bounds.size();
    switch (format) {
    case MapFormat::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        svg.setTitle(QStringLiteral("Residency map"));
        svg.setDescription(QStringLiteral("Residency Atlas: workloads by jurisdiction, country and region; flows by data class and form"));
        QPainter p(&svg);
        paintAt(p, scene, palette);
        break;
    }
    case MapFormat::Png: {
        constexpr double scale = 2.0; // crisp on high-DPI screens and in print
        QImage image((size * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        if (image.isNull())
            return std::unexpected(QStringLiteral("the map is too large for a PNG (%1 × %2 points); use SVG or PDF")
                                       .arg(size.width()).arg(size.height()));
        image.setDevicePixelRatio(scale);
        image.fill(palette.background);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        paintAt(p, scene, palette);
        p.end();
        if (!image.save(&buffer, "PNG"))
            return std::unexpected(QStringLiteral("PNG encoding failed"));
        break;
    }
    case MapFormat::Pdf: {
        QPdfWriter pdf(&buffer);
        pdf.setCreator(QStringLiteral("Residency Atlas"));
        pdf.setTitle(QStringLiteral("Residency map"));
        pdf.setResolution(72); // one unit = one point
        pdf.setPageSize(QPageSize(size, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p(&pdf);
        paintAt(p, scene, palette);
        break;
    }
    case MapFormat::Dot:
        if (scene.layout.dot.isEmpty())
            return std::unexpected(QStringLiteral("Graphviz produced no DOT output"));
        bytes = scene.layout.dot.toUtf8();
        break;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return std::unexpected(QStringLiteral("cannot write ") + path + QStringLiteral(": ") + file.errorString());
    return {};
}

} // namespace atlas
