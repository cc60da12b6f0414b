// The paged report's fonts and wrapped text (reportpagedparts.h): measured against the device
// being painted, so a paragraph wraps the same on the page as it did in the layout.
#include "ligatures.h"
#include "reportpagedparts.h"

#include <QTextOption>

namespace atlas::paged {

QFont makeFont(double points, bool bold, bool italic, bool monospace)
{
    QFont f(monospace ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setItalic(italic);
    f.setHintingPreference(QFont::PreferNoHinting); // design widths: the same at any resolution
    turnOffLigatures(f);
    return f;
}

Text wrap(const QString &text, const QFont &font, double width, const QPaintDevice *device, double leading,
          Qt::Alignment align)
{
    QString lines = text;
    lines.replace(u'\n', QChar::LineSeparator); // QTextLayout breaks at U+2028, not at '\n'
    const double points = font.pointSizeF() * device->logicalDpiY() / 72.0; // its size on the page (Fonts)
    Text t{std::make_shared<QTextLayout>(lines, font, device), points * leading};
    QTextOption option(align);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setUseDesignMetrics(true);
    t.layout->setTextOption(option);
    t.layout->setCacheEnabled(true);
    t.layout->beginLayout();
    for (int i = 0;; ++i) {
        QTextLine line = t.layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(std::max(width, 1.0));
        line.setPosition(QPointF(0, i * t.lineHeight + (t.lineHeight - line.ascent() - line.descent()) / 2));
    }
    t.layout->endLayout();
    return t;
}

Text balanced(const QString &text, const QFont &font, double width, const QPaintDevice *device, double leading)
{
    Text best = wrap(text, font, width, device, leading);
    const auto betweenWords = [&](const Text &t) {
        for (int i = 1; i < t.lines(); ++i)
            if (const int start = t.layout->lineAt(i).textStart(); start > 0 && !text.at(start - 1).isSpace())
                return false;
        return true;
    };
    double fits = width, tooNarrow = width / 2;
    for (int step = 0; step < 8 && best.lines() > 1; ++step) {
        const double w = (fits + tooNarrow) / 2;
        Text t = wrap(text, font, w, device, leading);
        if (t.lines() == best.lines() && betweenWords(t))
            fits = w, best = std::move(t);
        else
            tooNarrow = w;
    }
    return best;
}

} // namespace atlas::paged
