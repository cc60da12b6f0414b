// What Qt 6.4's QPdfWriter cannot do, done on the bytes it wrote: bookmarks (the /Outlines tree)
// and internal links (the report's table of contents), appended as a standard incremental
// update; and reproducible output (Qt writes the wall-clock time and, because its font table is
// a QHash with a per-process seed, the fonts in a different order on every run), by rewriting
// the file with its objects renumbered in a canonical order and a creation date of our choice.
// Only the classic cross-reference tables QPdfWriter writes are read (no xref streams, no
// encryption): anything else is refused with an error, never passed on half-understood.
#pragma once

#include <QByteArray>
#include <QDate>
#include <QRectF>
#include <QString>

#include <expected>
#include <vector>

namespace atlas {

// A bookmark: level 1 is a section, 2 a sub-heading under the last level-1 entry. `top` is in
// points from the top edge of page `page` (0-based), where the viewer scrolls to.
struct PdfOutlineItem
{
    QString title;
    int level = 1;
    int page = 0;
    double top = 0;
};

// A clickable area on `page`, `rect` in points from the page's top-left corner, jumping to
// `targetTop` on `targetPage`.
struct PdfLink
{
    int page = 0;
    QRectF rect;
    int targetPage = 0;
    double targetTop = 0;
};

// The same drawing gives the same bytes: objects renumbered in the order they are reached
// from the trailer, subset font tags derived from the new numbers, the /Info strings written as
// hex (Qt's literal strings turn a CR byte of UTF-16 text into LF for a conforming reader) and
// /CreationDate set to `creationDate` at 00:00 UTC (dropped when the date is invalid).
std::expected<QByteArray, QString> reproduciblePdf(const QByteArray &pdf, const QDate &creationDate);

// Appends an incremental update: the outline (and /PageMode /UseOutlines when there is one),
// the links as /Link annotations on their pages, and a trailer /ID hashed from the content, so
// the result is as reproducible as `pdf` is.
std::expected<QByteArray, QString> addPdfOutline(const QByteArray &pdf, const std::vector<PdfOutlineItem> &outline,
                                                 const std::vector<PdfLink> &links);

} // namespace atlas
