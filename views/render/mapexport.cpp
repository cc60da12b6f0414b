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

std::expected<void, QString> saveAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return std::unexpected(QStringLiteral("cannot write ") + path + QStringLiteral(": ") + file.errorString());
    return {};
}

std::expected<void, QString> exportPainted(const QSizeF &size, const QString &title, const QString &description, const QString &path,
                                           MapFormat format, const MapPalette &palette, const std::function<void(QPainter &)> &paint)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (format == MapFormat::Svg) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        svg.setTitle(title);
        svg.setDescription(description);
        QPainter p(&svg);
        paint(p);
    } else if (format == MapFormat::Png) {
        constexpr double scale = 2.0; // crisp on high-DPI screens and in print
        QImage image((size * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        if (image.isNull())
            return std::unexpected(QStringLiteral("the %1 is too large for a PNG (%2 × %3 points); use SVG or PDF")
                                       .arg(title.toLower())
                                       .arg(size.width()).arg(size.height()));
        image.setDevicePixelRatio(scale);
        image.fill(palette.background);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        paint(p);
        p.end();
        if (!image.save(&buffer, "PNG"))
            return std::unexpected(QStringLiteral("PNG encoding failed"));
    } else if (format == MapFormat::Pdf) {
        QPdfWriter pdf(&buffer);
        pdf.setCreator(QStringLiteral("Residency Atlas"));
        pdf.setTitle(title);
        pdf.setResolution(72); // one unit = one point
        pdf.setPageSize(QPageSize(size, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p(&pdf);
        paint(p);
    } else {
        return std::unexpected(QStringLiteral("this view has no DOT form; write .svg, .png or .pdf"));
    }
    return saveAtomically(path, bytes);
}

std::expected<void, QString> exportMap(const MapScene &scene, const QString &path, MapFormat format,
                                       const MapPalette &palette)
{
    if (format != MapFormat::Dot)
        return exportPainted(scene.bounds.size(), QStringLiteral("Residency map"),
                             QStringLiteral("Residency Atlas: workloads by jurisdiction, country and region; flows by data class and form"), path,
                             format, palette, [&](QPainter &p) {
                                 p.translate(-scene.bounds.topLeft());
                                 mappaint::paintScene(p, scene, palette);
                             });
    if (scene.layout.dot.isEmpty())
        return std::unexpected(QStringLiteral("Graphviz produced no DOT output"));
    return saveAtomically(path, scene.layout.dot.toUtf8());
}

} // namespace atlas
