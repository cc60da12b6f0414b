// Placing rectangles side by side (the region map's tiles and cards, packedlayout.h): in rows
// ("shelves") to an aspect ratio for a fresh arrangement, or each where it was before — pushed
// down only as far as it must to clear what was placed above it — for a kept one.
#pragma once

#include <QPointF>
#include <QSizeF>

#include <vector>

namespace atlas::packing {

struct Packing
{
    std::vector<QPointF> at; // each item's top left, in the order given
    QSizeF size;             // the extent from (0, 0)
};

// Items in rows of at most `rowWidth` (an item wider than that gets a row of its own).
Packing shelf(const std::vector<QSizeF> &items, double rowWidth, double gapX, double gapY);

// The row width whose packing comes closest to `aspect` (width / height) without wasting area.
Packing toAspect(const std::vector<QSizeF> &items, double aspect, double gapX, double gapY);

// Items with a previous place (`pins`, NaN for none) keep it, taken in reading order (top to
// bottom, left to right), each pushed down just below whatever already placed it would touch
// (one that grew, or a pin from another arrangement); items without one are packed to
// `aspect` below them. The same items with the pins of a previous toAspect() packing come back
// exactly where they were. Never more than O(n²) overlap tests, however the pins fall.
Packing keepPinned(const std::vector<QSizeF> &items, const std::vector<QPointF> &pins, double aspect, double gapX, double gapY);

} // namespace atlas::packing
