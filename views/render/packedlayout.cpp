#include "packedlayout.h"

#include "shelfpacking.h"

#include <QLineF>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace atlas {

namespace {

constexpr double kMargin = 14;     // inside a tile, around its content
constexpr double kGapX = 22;       // between items in a row
constexpr double kGapY = 20;       // between rows
constexpr double kCardGapX = 16;   // between cards packed in a region
constexpr double kCardGapY = 14;
constexpr double kArrow = 9;       // the arrow head: the line stops this far from the tip

// Workloads placed together inside one tile: cards packed in rows, or a Graphviz layout of the
// ones joined by flows inside the tile (with those flows' routes).
struct Block
{
    std::vector<int> nodes;
    std::vector<QPointF> offsets;       // each node's top left, from the block's
    QSizeF size;
    std::vector<int> edges;             // routed inside the block
    std::vector<QPainterPath> paths;    // relative to the block
    std::vector<QPointF> tips;
};

struct Tile
{
    QSizeF size;
    QPointF content;                    // where its content area starts, from its top left
    std::vector<int> clusters;          // child tiles
    std::vector<Block> blocks;
    std::vector<QPointF> clusterAt, blockAt; // offsets from this tile's top left
};

class Packer
{
public:
    explicit Packer(const LayoutRequest &r) : m_r(r), m_tiles(r.clusters.size() + 1) {}

    std::expected<LayoutResult, QString> run()
    {
        if (auto bad = check())
            return std::unexpected(*bad);
        collect();
        for (std::size_t c = m_r.clusters.size(); c-- > 0;) // children before parents
            if (auto failed = buildTile(int(c), 1.6))
                return std::unexpected(*failed);
        if (auto failed = buildTile(-1, std::max(0.2, m_r.aspect)))
            return std::unexpected(*failed);
        m_out.nodes.assign(m_r.nodes.size(), QRectF());
        m_out.clusters.assign(m_r.clusters.size(), QRectF());
        m_out.nodeOffsets.assign(m_r.nodes.size(), QPointF());
        m_out.clusterOffsets.assign(m_r.clusters.size(), QPointF());
        m_out.edges.assign(m_r.edges.size(), QPainterPath());
        m_out.arrowTips.assign(m_r.edges.size(), QPointF(qQNaN(), qQNaN()));
        m_routed.assign(m_r.edges.size(), false);
        place(-1, QPointF(0, 0));
        m_out.bounds = contentBounds();
        routeEdges();
        placeLabels();
        m_out.dot = dot();
        return std::move(m_out);
    }

private:
    Tile &tile(int c) { return m_tiles[std::size_t(c + 1)]; }

    std::optional<QString> check() const
    {
        for (std::size_t i = 0; i < m_r.edges.size(); ++i) {
            const LayoutEdge &e = m_r.edges[i];
            if (e.from < 0 || e.to < 0 || std::size_t(e.from) >= m_r.nodes.size() || std::size_t(e.to) >= m_r.nodes.size())
                return QStringLiteral("edge %1 names a node that does not exist").arg(i);
        }
        for (std::size_t c = 0; c < m_r.clusters.size(); ++c)
            if (m_r.clusters[c].parent >= int(c))
                return QStringLiteral("cluster %1 comes before its parent").arg(c);
        return std::nullopt;
    }

    void collect()
    {
        m_children.assign(m_r.clusters.size() + 1, {});
        m_direct.assign(m_r.clusters.size() + 1, {});
        for (std::size_t c = 0; c < m_r.clusters.size(); ++c)
            m_children[std::size_t(m_r.clusters[c].parent + 1)].push_back(int(c));
        for (std::size_t n = 0; n < m_r.nodes.size(); ++n)
            m_direct[std::size_t(m_r.nodes[n].cluster + 1)].push_back(int(n));
        m_top.assign(m_r.clusters.size(), -1);
        for (std::size_t c = 0; c < m_r.clusters.size(); ++c)
            m_top[c] = m_r.clusters[c].parent < 0 ? int(c) : m_top[std::size_t(m_r.clusters[c].parent)];
    }

    // What the top level holds: from (0, 0) when packed afresh; a kept arrangement whose first
    // row was filtered away starts lower, and the map is only as large as what it shows.
    QRectF contentBounds() const
    {
        QRectF bounds;
        for (std::size_t c = 0; c < m_r.clusters.size(); ++c)
            if (m_r.clusters[c].parent < 0)
                bounds = bounds.united(m_out.clusters[c]);
        for (int n : m_direct[0])
            bounds = bounds.united(m_out.nodes[std::size_t(n)]);
        return bounds.isEmpty() ? QRectF(QPointF(0, 0), m_tiles[0].size) : bounds;
    }

    // The top-level tile a node is in (-1: the root).
    int topOf(int node) const
    {
        const int c = m_r.nodes[std::size_t(node)].cluster;
        return c < 0 ? -1 : m_top[std::size_t(c)];
    }

    static bool isPinned(const QPointF &p) { return !std::isnan(p.x()) && !std::isnan(p.y()); }

    // Whether anything directly in the tile had a place before: then the tile keeps them there.
    bool hasPins(int c) const
    {
        for (int child : m_children[std::size_t(c + 1)])
            if (isPinned(m_r.clusters[std::size_t(child)].pinned))
                return true;
        for (int n : m_direct[std::size_t(c + 1)])
            if (isPinned(m_r.nodes[std::size_t(n)].pinned))
                return true;
        return false;
    }

    // Where a block sat before: a kept card's own place; new blocks have none.
    QPointF blockPin(const Block &b) const
    {
        return b.nodes.size() == 1 ? m_r.nodes[std::size_t(b.nodes.front())].pinned : QPointF(qQNaN(), qQNaN());
    }

    std::optional<QString> buildTile(int c, double aspect)
    {
        Tile &t = tile(c);
        t.clusters = m_children[std::size_t(c + 1)];
        const bool kept = hasPins(c);
        if (auto failed = buildBlocks(m_direct[std::size_t(c + 1)], t.blocks, kept))
            return failed;
        // Items: child tiles, then blocks; highest first (rows waste less), ties in given order.
        std::vector<std::pair<QSizeF, int>> items; // size, index (>= 0 tile, < 0 block -1-k)
        for (int child : t.clusters)
            items.emplace_back(tile(child).size, child);
        for (std::size_t b = 0; b < t.blocks.size(); ++b)
            items.emplace_back(t.blocks[b].size, -1 - int(b));
        std::stable_sort(items.begin(), items.end(), [](const auto &a, const auto &b) { return a.first.height() > b.first.height(); });
        std::vector<QSizeF> sizes;
        std::vector<QPointF> pins;
        for (const auto &[size, index] : items) {
            sizes.push_back(size);
            pins.push_back(index >= 0 ? m_r.clusters[std::size_t(index)].pinned : blockPin(t.blocks[std::size_t(-1 - index)]));
        }
        // A kept arrangement is checked at the cards' gaps, the smallest a fresh one leaves.
        const packing::Packing p = kept ? packing::keepPinned(sizes, pins, aspect, kCardGapX, kCardGapY)
                                        : packing::toAspect(sizes, aspect, kGapX, kGapY);
        const QSizeF title = c >= 0 ? m_r.clusters[std::size_t(c)].titleSize : QSizeF();
        const double top = c >= 0 ? std::max(kMargin, title.height() + 10) : 0;
        const double margin = c >= 0 ? kMargin : 0;
        t.content = QPointF(margin, top);
        t.clusterAt.assign(t.clusters.size(), QPointF());
        t.blockAt.assign(t.blocks.size(), QPointF());
        for (std::size_t i = 0; i < items.size(); ++i) {
            const QPointF at = p.at[i] + t.content;
            const int index = items[i].second;
            if (index >= 0)
                t.clusterAt[std::size_t(std::find(t.clusters.begin(), t.clusters.end(), index) - t.clusters.begin())] = at;
            else
                t.blockAt[std::size_t(-1 - index)] = at;
        }
        const double width = std::max(p.size.width() + 2 * margin, title.width() + 2 * margin);
        t.size = QSizeF(width, top + p.size.height() + margin);
        return std::nullopt;
    }

    // A tile's own workloads: those joined by a flow inside the tile go to Graphviz together,
    // the rest are packed as cards. In a kept arrangement each workload with a place keeps it
    // as a card of its own (its flows inside the tile then drawn as curves, like those between
    // cards); only new ones go to Graphviz or the card rows.
    std::optional<QString> buildBlocks(const std::vector<int> &all, std::vector<Block> &blocks, bool kept)
    {
        std::vector<int> nodes;
        for (int n : all) {
            if (kept && isPinned(m_r.nodes[std::size_t(n)].pinned))
                blocks.push_back(cardBlock({n}));
            else
                nodes.push_back(n);
        }
        if (nodes.empty())
            return std::nullopt;
        std::vector<int> local(m_r.nodes.size(), -1); // node -> index in `nodes`
        for (std::size_t i = 0; i < nodes.size(); ++i)
            local[std::size_t(nodes[i])] = int(i);
        std::vector<int> inner;
        std::vector<bool> joined(nodes.size(), false);
        for (std::size_t e = 0; e < m_r.edges.size(); ++e) {
            const LayoutEdge &edge = m_r.edges[e];
            const int a = local[std::size_t(edge.from)], b = local[std::size_t(edge.to)];
            if (a >= 0 && b >= 0 && a != b) {
                inner.push_back(int(e));
                joined[std::size_t(a)] = joined[std::size_t(b)] = true;
            }
        }
        std::vector<int> graphed, cards;
        for (std::size_t i = 0; i < nodes.size(); ++i)
            (joined[i] ? graphed : cards).push_back(nodes[i]);
        if (!graphed.empty()) {
            auto block = graphBlock(graphed, inner);
            if (!block)
                return block.error();
            blocks.push_back(std::move(*block));
        }
        if (!cards.empty())
            blocks.push_back(cardBlock(cards));
        return std::nullopt;
    }

    Block cardBlock(const std::vector<int> &nodes) const
    {
        Block b;
        b.nodes = nodes;
        std::vector<QSizeF> sizes;
        for (int n : nodes)
            sizes.push_back(m_r.nodes[std::size_t(n)].size);
        const packing::Packing p = packing::toAspect(sizes, 2.0, kCardGapX, kCardGapY);
        b.offsets = p.at;
        b.size = p.size;
        return b;
    }

    std::expected<Block, QString> graphBlock(const std::vector<int> &nodes, const std::vector<int> &edges) const
    {
        LayoutRequest sub;
        sub.leftToRight = m_r.leftToRight;
        std::map<int, int> index;
        for (int n : nodes) {
            index[n] = int(sub.nodes.size());
            sub.nodes.push_back(LayoutNode{m_r.nodes[std::size_t(n)].size, -1, m_r.nodes[std::size_t(n)].label});
        }
        for (int e : edges) {
            const LayoutEdge &edge = m_r.edges[std::size_t(e)];
            sub.edges.push_back(LayoutEdge{index[edge.from], index[edge.to], edge.weight, edge.label});
        }
        auto laid = layoutGraph(sub);
        if (!laid)
            return std::unexpected(laid.error());
        Block b;
        b.nodes = nodes;
        for (const QRectF &r : laid->nodes)
            b.offsets.push_back(r.topLeft());
        b.size = laid->bounds.size();
        b.edges = edges;
        b.paths = laid->edges;
        b.tips = laid->arrowTips;
        return b;
    }

    void place(int c, const QPointF &at)
    {
        Tile &t = tile(c);
        if (c >= 0)
            m_out.clusters[std::size_t(c)] = QRectF(at, t.size);
        for (std::size_t i = 0; i < t.clusters.size(); ++i) {
            m_out.clusterOffsets[std::size_t(t.clusters[i])] = t.clusterAt[i] - t.content;
            place(t.clusters[i], at + t.clusterAt[i]);
        }
        for (std::size_t b = 0; b < t.blocks.size(); ++b) {
            const Block &block = t.blocks[b];
            const QPointF origin = at + t.blockAt[b];
            for (std::size_t i = 0; i < block.nodes.size(); ++i) {
                const auto n = std::size_t(block.nodes[i]);
                m_out.nodes[n] = QRectF(origin + block.offsets[i], m_r.nodes[n].size);
                m_out.nodeOffsets[n] = t.blockAt[b] + block.offsets[i] - t.content;
            }
            for (std::size_t i = 0; i < block.edges.size(); ++i) {
                const auto e = std::size_t(block.edges[i]);
                m_out.edges[e] = block.paths[i].translated(origin);
                m_out.arrowTips[e] = block.tips[i] + origin;
                m_routed[e] = true;
            }
        }
    }

    // Where the line from a rectangle's centre towards `toward` leaves the rectangle.
    static QPointF exitPoint(const QRectF &r, const QPointF &toward)
    {
        const QPointF c = r.center();
        const QPointF d = toward - c;
        if (std::abs(d.x()) < 1e-9 && std::abs(d.y()) < 1e-9)
            return c;
        const double sx = std::abs(d.x()) > 1e-9 ? (r.width() / 2) / std::abs(d.x()) : std::numeric_limits<double>::max();
        const double sy = std::abs(d.y()) > 1e-9 ? (r.height() / 2) / std::abs(d.y()) : std::numeric_limits<double>::max();
        return c + d * std::min(sx, sy);
    }

    static QPointF unit(const QPointF &v)
    {
        const double l = std::hypot(v.x(), v.y());
        return l > 1e-9 ? v / l : QPointF(1, 0);
    }

    // The point an edge between two top-level tiles passes through: between the tiles' facing
    // sides, shifted aside by direction so that A → B and B → A are two bundles.
    QPointF bundlePoint(int fromTop, int toTop) const
    {
        const QRectF a = fromTop >= 0 ? m_out.clusters[std::size_t(fromTop)] : m_out.bounds;
        const QRectF b = toTop >= 0 ? m_out.clusters[std::size_t(toTop)] : m_out.bounds;
        const QPointF pa = exitPoint(a, b.center()), pb = exitPoint(b, a.center());
        const QPointF d = unit(pb - pa);
        const QPointF aside = QPointF(-d.y(), d.x()) * 10;
        // Midway, unless the bundle's count would sit on a card or on another bundle's count
        // there (the line between two tiles may cross a third, and on a dense map dozens of
        // bundles meet between the same tiles): then the nearest point along it where it covers
        // neither, then the same a count's height or two to either side; failing all, where it
        // covers the fewest.
        static constexpr double kAlong[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9};
        static constexpr double kSide[] = {0, 1.3, -1.3, 2.6, -2.6, 3.9, -3.9};
        const QSizeF box = m_r.bundleLabel;
        if (box.isEmpty())
            return (pa + pb) / 2 + aside;
        const auto roomAt = [&](const QPointF &at) { return QRectF(at - QPointF(box.width() / 2 + 2, box.height() / 2 + 2), box + QSizeF(4, 4)); };
        const QPointF across = QPointF(-d.y(), d.x()) * box.height();
        QPointF best = (pa + pb) / 2 + aside;
        qsizetype fewest = std::numeric_limits<qsizetype>::max();
        for (double side : kSide)
            for (double t : kAlong) {
                const QPointF at = pa + (pb - pa) * t + aside + across * side;
                const QRectF room = roomAt(at);
                const qsizetype hits = std::count_if(m_out.nodes.begin(), m_out.nodes.end(), [&](const QRectF &n) { return n.intersects(room); })
                    + std::count_if(m_out.bundles.begin(), m_out.bundles.end(), [&](const LayoutBundle &other) { return roomAt(other.at).intersects(room); });
                if (hits == 0)
                    return at;
                if (hits < fewest) {
                    fewest = hits;
                    best = at;
                }
            }
        return best;
    }

    void routeEdges()
    {
        std::map<std::pair<int, int>, std::size_t> bundleOf; // (from tile, to tile) -> index
        for (std::size_t e = 0; e < m_r.edges.size(); ++e) {
            if (m_routed[e])
                continue;
            const LayoutEdge &edge = m_r.edges[e];
            const QRectF from = m_out.nodes[std::size_t(edge.from)], to = m_out.nodes[std::size_t(edge.to)];
            if (edge.from == edge.to)
                continue; // a loop on one card is said by its label and tooltip, not drawn
            const int fromTop = topOf(edge.from), toTop = topOf(edge.to);
            QPointF via;
            if (fromTop != toTop) {
                const auto [it, added] = bundleOf.try_emplace({fromTop, toTop}, m_out.bundles.size());
                if (added) // one point per pair of tiles and direction, worked out once
                    m_out.bundles.push_back(LayoutBundle{bundlePoint(fromTop, toTop), {}});
                m_out.bundles[it->second].edges.push_back(int(e));
                via = m_out.bundles[it->second].at;
            } else { // a gentle bend, so that lines between cards of one tile are told apart
                const QPointF a = from.center(), b = to.center();
                const QPointF d = b - a;
                via = (a + b) / 2 + QPointF(-d.y(), d.x()) * 0.12;
            }
            const QPointF start = exitPoint(from, via);
            const QPointF tip = exitPoint(to, via);
            const QPointF end = tip - unit(tip - via) * kArrow;
            // Catmull-Rom through start, via, end, as two cubic Béziers; the tangent at `via` no
            // longer than the shorter side, so that a curve never overshoots and hooks back.
            const double shorter = std::min(QLineF(start, via).length(), QLineF(via, end).length());
            const QPointF t0 = via - start, t1 = unit(end - start) * shorter, t2 = end - via;
            QPainterPath path(start);
            path.cubicTo(start + t0 / 3, via - t1 / 3, via);
            path.cubicTo(via + t1 / 3, end - t2 / 3, end);
            m_out.edges[e] = path;
            m_out.arrowTips[e] = tip;
        }
        std::erase_if(m_out.bundles, [](const LayoutBundle &b) { return b.edges.size() < 2; });
    }

    // Each label where it covers no other label and no card: tried at the middle first, then
    // further along the edge on either side; failing that, where it covers the least.
    void placeLabels()
    {
        m_out.edgeLabels.assign(m_r.edges.size(), QPointF(qQNaN(), qQNaN()));
        std::vector<QRectF> taken;
        if (!m_r.bundleLabel.isEmpty()) // a bundle's count sits on its point: labels keep off it
            for (const LayoutBundle &b : m_out.bundles)
                taken.push_back(QRectF(b.at - QPointF(m_r.bundleLabel.width() / 2, m_r.bundleLabel.height() / 2), m_r.bundleLabel).adjusted(-2, -2, 2, 2));
        static constexpr double kAt[] = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.12, 0.88};
        for (std::size_t e = 0; e < m_r.edges.size(); ++e) {
            const QPainterPath &path = m_out.edges[e];
            if (path.isEmpty())
                continue;
            const QSizeF size = m_r.edges[e].label;
            if (size.isEmpty()) {
                m_out.edgeLabels[e] = path.pointAtPercent(0.5);
                continue;
            }
            double bestCover = std::numeric_limits<double>::max();
            QRectF best;
            for (double t : kAt) {
                const QPointF c = path.pointAtPercent(t);
                const QRectF box(c.x() - size.width() / 2, c.y() - size.height() / 2, size.width(), size.height());
                const double cover = covered(box, taken);
                if (cover < bestCover) {
                    bestCover = cover;
                    best = box;
                }
                if (cover == 0)
                    break;
            }
            taken.push_back(best.adjusted(-2, -2, 2, 2));
            m_out.edgeLabels[e] = best.center();
        }
    }

    double covered(const QRectF &box, const std::vector<QRectF> &taken) const
    {
        double area = 0;
        for (const QRectF &r : taken)
            if (r.intersects(box)) {
                const QRectF x = r.intersected(box);
                area += x.width() * x.height();
            }
        for (const QRectF &r : m_out.nodes)
            if (r.intersects(box)) {
                const QRectF x = r.intersected(box);
                area += x.width() * x.height();
            }
        return area;
    }

    // The arrangement in DOT with positions (Graphviz's y points up), for `neato -n2`.
    QString dot() const
    {
        QString out = QStringLiteral("digraph map {\n\tgraph [bb=\"%1,0,%2,%3\", splines=true];\n\tnode [shape=box, fixedsize=true];\n")
                          .arg(m_out.bounds.left()).arg(m_out.bounds.right(), 0, 'f', 1).arg(m_out.bounds.height(), 0, 'f', 1);
        dotCluster(-1, 1, out);
        for (std::size_t e = 0; e < m_r.edges.size(); ++e) {
            const QPainterPath &path = m_out.edges[e];
            QStringList points;
            if (!std::isnan(m_out.arrowTips[e].x()))
                points << u"e," + dotPoint(m_out.arrowTips[e]);
            for (int i = 0; i < path.elementCount(); ++i)
                points << dotPoint(QPointF(path.elementAt(i).x, path.elementAt(i).y));
            out += QStringLiteral("\tn%1 -> n%2 [pos=\"%3\"];\n").arg(m_r.edges[e].from).arg(m_r.edges[e].to).arg(points.join(u' '));
        }
        return out + QStringLiteral("}\n");
    }

    QString dotPoint(const QPointF &p) const
    {
        return QStringLiteral("%1,%2").arg(p.x(), 0, 'f', 1).arg(m_out.bounds.bottom() - p.y(), 0, 'f', 1);
    }

    // A DOT ID: as it is when it is a plain name, quoted otherwise.
    static QString dotId(QString s)
    {
        static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        if (plain.match(s).hasMatch())
            return s;
        return u'"' + s.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\"")) + u'"';
    }

    void dotCluster(int c, int depth, QString &out) const
    {
        const QString indent(depth, u'\t');
        for (int child : m_children[std::size_t(c + 1)]) {
            const QRectF &r = m_out.clusters[std::size_t(child)];
            out += indent + QStringLiteral("subgraph cluster_%1 {\n").arg(child);
            out += indent + QStringLiteral("\tgraph [label=%1, bb=\"%2,%3\"];\n")
                                .arg(dotId(m_r.clusters[std::size_t(child)].label), dotPoint(r.bottomLeft()), dotPoint(r.topRight()));
            dotCluster(child, depth + 1, out);
            out += indent + QStringLiteral("}\n");
        }
        for (int n : m_direct[std::size_t(c + 1)]) {
            const QRectF &r = m_out.nodes[std::size_t(n)];
            out += indent + QStringLiteral("n%1\t [label=%2, pos=\"%3\", width=%4, height=%5];\n")
                                .arg(n).arg(dotId(m_r.nodes[std::size_t(n)].label), dotPoint(r.center()))
                                .arg(r.width() / 72, 0, 'f', 4).arg(r.height() / 72, 0, 'f', 4);
        }
    }

    const LayoutRequest &m_r;
    std::vector<Tile> m_tiles;                    // [0] the root, [c + 1] cluster c
    std::vector<std::vector<int>> m_children;     // by cluster + 1
    std::vector<std::vector<int>> m_direct;       // nodes directly in a cluster, by cluster + 1
    std::vector<int> m_top;                       // a cluster's top-level ancestor
    std::vector<bool> m_routed;
    LayoutResult m_out;
};

} // namespace

std::expected<LayoutResult, QString> packedLayout(const LayoutRequest &request)
{
    return Packer(request).run();
}

} // namespace atlas
