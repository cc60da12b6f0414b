#include "shelfpacking.h"

#include <QRectF>

#include <algorithm>
#include <cmath>
#include <limits>

namespace atlas::packing {

Packing shelf(const std::vector<QSizeF> &items, double rowWidth, double gapX, double gapY)
{
    Packing p;
    p.at.reserve(items.size());
    double x = 0, y = 0, rowHeight = 0, width = 0;
    for (const QSizeF &s : items) {
        if (x > 0 && x + s.width() > rowWidth) {
            y += rowHeight + gapY;
            x = 0;
            rowHeight = 0;
        }
        p.at.emplace_back(x, y);
        width = std::max(width, x + s.width());
        rowHeight = std::max(rowHeight, s.height());
        x += s.width() + gapX;
    }
    p.size = QSizeF(width, y + rowHeight);
    return p;
}

Packing toAspect(const std::vector<QSizeF> &items, double aspect, double gapX, double gapY)
{
    if (items.empty())
        return {};
    double area = 0, widest = 0;
    for (const QSizeF &s : items) {
        area += (s.width() + gapX) * (s.height() + gapY);
        widest = std::max(widest, s.width());
    }
    const double ideal = std::sqrt(area * aspect);
    Packing best;
    double bestScore = std::numeric_limits<double>::max();
    for (double f = 0.5; f <= 2.51; f += 0.1) {
        Packing p = shelf(items, std::max(widest, ideal * f), gapX, gapY);
        const double ratio = p.size.width() / std::max(1.0, p.size.height());
        const double score = p.size.width() * p.size.height() * (1 + 2 * std::abs(std::log(ratio / aspect)));
        if (score < bestScore) {
            bestScore = score;
            best = std::move(p);
        }
    }
    return best;
}

namespace {

// Two items closer than the gaps touch: each rectangle is taken with the gap to its right and
// below it.
QRectF withGap(const QPointF &at, const QSizeF &size, double gapX, double gapY)
{
    return QRectF(at, size + QSizeF(gapX, gapY));
}

} // namespace

Packing keepPinned(const std::vector<QSizeF> &items, const std::vector<QPointF> &pins, double aspect, double gapX, double gapY)
{
    Packing p;
    p.at.assign(items.size(), QPointF());
    std::vector<std::size_t> pinned, loose;
    for (std::size_t i = 0; i < items.size(); ++i)
        (i < pins.size() && !std::isnan(pins[i].x()) && !std::isnan(pins[i].y()) ? pinned : loose).push_back(i);
    std::stable_sort(pinned.begin(), pinned.end(), [&](std::size_t a, std::size_t b) {
        return pins[a].y() != pins[b].y() ? pins[a].y() < pins[b].y() : pins[a].x() < pins[b].x();
    });
    std::vector<QRectF> placed;
    placed.reserve(pinned.size());
    double width = 0, height = 0;
    for (std::size_t i : pinned) {
        QPointF at(std::max(0.0, pins[i].x()), std::max(0.0, pins[i].y()));
        // Below the lowest of everything it touches, until it touches nothing: each pass moves
        // it below all it touched, so a stack of equal pins costs two passes per item.
        for (;;) {
            const QRectF want = withGap(at, items[i], gapX, gapY);
            double below = -1;
            for (const QRectF &r : placed)
                if (r.intersects(want))
                    below = std::max(below, r.bottom());
            if (below < 0)
                break;
            at.setY(below);
        }
        p.at[i] = at;
        placed.push_back(withGap(at, items[i], gapX, gapY));
        width = std::max(width, at.x() + items[i].width());
        height = std::max(height, at.y() + items[i].height());
    }
    if (!loose.empty()) {
        std::vector<QSizeF> sizes;
        for (std::size_t i : loose)
            sizes.push_back(items[i]);
        const Packing rest = toAspect(sizes, aspect, gapX, gapY);
        const double top = pinned.empty() ? 0 : height + gapY;
        for (std::size_t k = 0; k < loose.size(); ++k)
            p.at[loose[k]] = rest.at[k] + QPointF(0, top);
        width = std::max(width, rest.size.width());
        height = top + rest.size.height();
    }
    p.size = QSizeF(width, height);
    return p;
}

} // namespace atlas::packing
