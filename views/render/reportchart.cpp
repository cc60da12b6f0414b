// Bar charts of the report, painted with QPainter: the PDF draws them as vectors and the HTML
// embeds the same painting as SVG. Severity and risk colours are shared by every rendering.
#include "ligatures.h"
#include "reportdocument.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace atlas {

namespace {

constexpr double barHeight = 14;
constexpr double barGap = 6;
constexpr double titleGap = 8;

QFont chartFont(double pointSize, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    turnOffLigatures(f); // the labels are text in the PDF too ("Open findings by severity")
    return f;
}

} // namespace

QColor severityColour(RuleSeverity s)
{
    switch (s) {
    case RuleSeverity::Critical: return QColor(0x8b, 0x1a, 0x1a);
    case RuleSeverity::High: return QColor(0xd5, 0x5e, 0x00);   // Okabe–Ito vermillion
    case RuleSeverity::Medium: return QColor(0xe6, 0x9f, 0x00); // orange
    case RuleSeverity::Low: return QColor(0x00, 0x72, 0xb2);    // blue
    case RuleSeverity::Info: return QColor(0x6b, 0x6b, 0x6b);
    }
    return QColor(0x6b, 0x6b, 0x6b);
}

QColor riskColour(RiskLevel r)
{
    switch (r) {
    case RiskLevel::VeryHigh: return severityColour(RuleSeverity::Critical);
    case RiskLevel::High: return severityColour(RuleSeverity::High);
    case RiskLevel::Medium: return severityColour(RuleSeverity::Medium);
    case RiskLevel::Low: return QColor(0x00, 0x9e, 0x73); // bluish green
    }
    return severityColour(RuleSeverity::Info);
}

double reportChartHeight(const ReportChart &chart, double width)
{
    Q_UNUSED(width);
    const QFontMetricsF title(chartFont(10, true));
    const double bars = double(chart.bars.size()) * (barHeight + barGap);
    return (chart.title.isEmpty() ? 0 : title.height() + titleGap) + std::max(bars, barHeight) + 4;
}

void paintReportChart(QPainter &p, const QRectF &rect, const ReportChart &chart)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    double y = rect.top();
    if (!chart.title.isEmpty()) {
        p.setFont(chartFont(10, true));
        p.setPen(QColor(0x22, 0x22, 0x22));
        const QFontMetricsF fm(p.font());
        p.drawText(QPointF(rect.left(), y + fm.ascent()), chart.title);
        y += fm.height() + titleGap;
    }
    const QFont labelFont = chartFont(8.5);
    const QFontMetricsF fm(labelFont);
    double labelWidth = 0, valueWidth = 0, maxValue = 0;
    for (const ReportChart::Bar &b : chart.bars) {
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(b.label));
        const QString v = b.valueText.isEmpty() ? QString::number(b.value) : b.valueText;
        valueWidth = std::max(valueWidth, fm.horizontalAdvance(v));
        maxValue = std::max(maxValue, b.value);
    }
    labelWidth = std::min(labelWidth, rect.width() * 0.45);
    const double barLeft = rect.left() + labelWidth + 8;
    const double barSpace = std::max(10.0, rect.right() - barLeft - valueWidth - 8);
    p.setFont(labelFont);
    if (chart.bars.empty()) {
        p.setPen(QColor(0x6b, 0x6b, 0x6b));
        p.drawText(QPointF(rect.left(), y + fm.ascent()), QStringLiteral("(none)"));
    }
    for (const ReportChart::Bar &b : chart.bars) {
        const double mid = y + barHeight / 2;
        p.setPen(QColor(0x22, 0x22, 0x22));
        const QString label = fm.elidedText(b.label, Qt::ElideMiddle, labelWidth);
        p.drawText(QPointF(barLeft - 8 - fm.horizontalAdvance(label), mid + fm.ascent() / 2 - 1), label);
        const double w = maxValue > 0 ? barSpace * b.value / maxValue : 0;
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xee, 0xee, 0xee));
        p.drawRect(QRectF(barLeft, y, barSpace, barHeight));
        p.setBrush(b.colour.isValid() ? b.colour : QColor(0x00, 0x72, 0xb2));
        if (w > 0)
            p.drawRect(QRectF(barLeft, y, std::max(w, 1.5), barHeight));
        p.setPen(QColor(0x22, 0x22, 0x22));
        const QString v = b.valueText.isEmpty() ? QString::number(b.value) : b.valueText;
        p.drawText(QPointF(barLeft + barSpace + 6, mid + fm.ascent() / 2 - 1), v);
        y += barHeight + barGap;
    }
    p.restore();
}

} // namespace atlas
