#include "jurisdictionoverview.h"

#include "idindex.h"

#include <algorithm>
#include <cmath>

namespace atlas {

int OverviewCell::openFindings() const
{
    int n = 0;
    for (int c : open)
        n += c;
    return n;
}

std::optional<RuleSeverity> OverviewCell::worstOpen() const
{
    for (int s = int(open.size()) - 1; s >= 0; --s)
        if (open[std::size_t(s)] > 0)
            return RuleSeverity(s);
    return std::nullopt;
}

const OverviewCell *JurisdictionOverview::cell(int origin, int destination) const
{
    const auto it = std::lower_bound(cells.begin(), cells.end(), std::pair(origin, destination), [](const OverviewCell &c, std::pair<int, int> key) {
        return std::pair(c.origin, c.destination) < key;
    });
    return it != cells.end() && it->origin == origin && it->destination == destination ? &*it : nullptr;
}

int JurisdictionOverview::nodeIndex(const QString &id) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id)
            return int(i);
    return -1;
}

std::vector<int> JurisdictionOverview::edgeCells() const
{
    std::vector<int> out;
    for (std::size_t i = 0; i < cells.size(); ++i)
        if (cells[i].crossesJurisdiction())
            out.push_back(int(i));
    return out;
}

namespace {

// Aggregates in passes over the facts; every entity is visited once, so 10^6 flows cost one
// integer lookup each (node by symbol, cell by node pair) plus the id copy kept for drill-down.
class OverviewBuilder
{
public:
    OverviewBuilder(const PolicyFacts &facts, const std::vector<Finding> &findings) : m_f(facts), m_findings(findings) {}

    JurisdictionOverview run()
    {
        collectNodes();
        placeWorkloadsAndAccessors();
        m_cellOf.assign(m_out.nodes.size() * m_out.nodes.size(), -1);
        flows();
        access();
        attachFindings();
        holdings();
        emitCells();
        return std::move(m_out);
    }

private:
    // Nodes sorted by jurisdiction id, Unknown last; m_nodeOf maps a jurisdiction symbol to its node.
    void collectNodes()
    {
        std::vector<Symbol> symbols;
        bool unknown = false;
        auto note = [&](Symbol s) {
            if (s == NoSymbol)
                unknown = true;
            else
                symbols.push_back(s);
        };
        for (const WorkloadFacts &w : m_f.workloads)
            note(w.jurisdiction);
        for (const AccessFacts &a : m_f.access)
            note(a.jurisdiction);
        std::sort(symbols.begin(), symbols.end());
        symbols.erase(std::unique(symbols.begin(), symbols.end()), symbols.end());
        std::sort(symbols.begin(), symbols.end(), [this](Symbol a, Symbol b) { return m_f.symbols.name(a) < m_f.symbols.name(b); });
        m_nodeOf.assign(m_f.symbols.size(), -1);
        for (Symbol s : symbols) {
            OverviewNode n;
            n.id = m_f.symbols.name(s);
            const Jurisdiction *j = m_f.lawOf(n.id);
            n.name = j && !j->name.isEmpty() ? j->name : n.id;
            m_nodeOf[s] = int(m_out.nodes.size());
            m_out.nodes.push_back(std::move(n));
        }
        if (unknown) {
            OverviewNode n;
            n.id = QString(kUnknownJurisdiction);
            n.name = QStringLiteral("Unknown residency");
            n.unknown = true;
            m_nodeOf[NoSymbol] = int(m_out.nodes.size());
            m_out.nodes.push_back(std::move(n));
        }
    }

    int nodeOfWorkload(std::uint32_t w) const { return m_nodeOf[m_f.workloads[w].jurisdiction]; }

    void placeWorkloadsAndAccessors()
    {
        std::vector<std::vector<Symbol>> countries(m_out.nodes.size());
        for (const WorkloadFacts &w : m_f.workloads) {
            const int n = m_nodeOf[w.jurisdiction];
            ++m_out.nodes[std::size_t(n)].workloads;
            if (w.country)
                countries[std::size_t(n)].push_back(w.country);
        }
        for (const AccessFacts &a : m_f.access) {
            const int n = m_nodeOf[a.jurisdiction];
            ++m_out.nodes[std::size_t(n)].accessors;
            if (a.country)
                countries[std::size_t(n)].push_back(a.country);
        }
        for (std::size_t n = 0; n < countries.size(); ++n) {
            std::vector<Symbol> &c = countries[n];
            std::sort(c.begin(), c.end());
            c.erase(std::unique(c.begin(), c.end()), c.end());
            for (Symbol s : c)
                m_out.nodes[n].countries << m_f.symbols.name(s);
            m_out.nodes[n].countries.sort();
        }
    }

    OverviewCell &cellFor(int origin, int destination)
    {
        int &index = m_cellOf[std::size_t(origin) * m_out.nodes.size() + std::size_t(destination)];
        if (index < 0) {
            index = int(m_cells.size());
            OverviewCell c;
            c.origin = origin;
            c.destination = destination;
            m_cells.push_back(std::move(c));
        }
        return m_cells[std::size_t(index)];
    }

    Classification classOf(std::uint32_t dataset) const { return Classification(m_f.datasets[dataset].classification); }

    void flows()
    {
        const Inventory &inv = *m_f.inventory;
        m_flowCell.resize(m_f.flows.size());
        for (std::size_t i = 0; i < m_f.flows.size(); ++i) {
            const int origin = nodeOfWorkload(m_f.flowFrom[i]), destination = nodeOfWorkload(m_f.flowTo[i]);
            OverviewCell &c = cellFor(origin, destination);
            m_flowCell[i] = int(&c - m_cells.data());
            const Flow &fl = inv.flows[i];
            ++c.flows;
            c.flowIds.append(fl.id);
            if (fl.volumeGbPerDay) {
                c.gbPerDay += *fl.volumeGbPerDay;
                m_out.anyVolume = true;
            } else {
                ++c.flowsWithoutVolume;
            }
            const FlowFacts &ff = m_f.flows[i];
            for (std::uint32_t p = ff.firstPair; p < ff.firstPair + ff.pairCount; ++p)
                c.classes.insert(classOf(m_f.flowPairDataset[p]));
        }
        m_out.flows = int(m_f.flows.size());
    }

    void access()
    {
        const Inventory &inv = *m_f.inventory;
        m_accessCell.resize(m_f.access.size());
        for (std::size_t a = 0; a < m_f.access.size(); ++a) {
            const AccessFacts &af = m_f.access[a];
            OverviewCell &c = cellFor(nodeOfWorkload(af.toWorkload), m_nodeOf[af.jurisdiction]);
            m_accessCell[a] = int(&c - m_cells.data());
            ++c.access;
            c.accessIds.append(inv.access[a].id);
            for (const std::uint32_t d : linkedIndexes(inv.access[a].datasets))
                c.classes.insert(classOf(d));
        }
        m_out.access = int(m_f.access.size());
    }

    // A finding belongs to the cell of its subject when that is a flow or an access entry. The
    // inventory indexes no flow ids: IdIndex (a flat table, ~1 cache miss a lookup) builds one
    // for 10^6 flows in a third of QHash's time.
    void attachFindings()
    {
        const Inventory &inv = *m_f.inventory;
        IdIndex flowIndex, accessIndex;
        for (const Finding &fi : m_findings) {
            int cell = -1;
            if (fi.subjectKind == SubjectKind::Flow) {
                if (flowIndex.isEmpty())
                    flowIndex = indexOf(inv.flows);
                const int i = flowIndex.value(fi.subjectId, -1);
                cell = i < 0 ? -1 : m_flowCell[std::size_t(i)];
            } else if (fi.subjectKind == SubjectKind::Access) {
                if (accessIndex.isEmpty())
                    accessIndex = indexOf(inv.access);
                const int i = accessIndex.value(fi.subjectId, -1);
                cell = i < 0 ? -1 : m_accessCell[std::size_t(i)];
            }
            if (cell < 0)
                continue;
            OverviewCell &c = m_cells[std::size_t(cell)];
            c.findings.push_back(findingKey(fi));
            if (fi.countsAsOpen())
                ++c.open[std::size_t(fi.severity)];
        }
    }

    template <typename T> static IdIndex indexOf(const std::vector<T> &entities)
    {
        IdIndex index;
        index.reserve(entities.size());
        for (std::size_t i = 0; i < entities.size(); ++i)
            index.tryInsert(entities[i].id, int(i));
        return index;
    }

    // Distinct datasets held per node, by classification.
    void holdings()
    {
        std::vector<std::uint64_t> held; // node << 32 | dataset
        held.reserve(m_f.holdings.size());
        for (const HoldingFacts &h : m_f.holdings)
            if (h.role == HoldingFacts::Holds)
                held.push_back((std::uint64_t(nodeOfWorkload(h.workload)) << 32) | h.dataset);
        std::sort(held.begin(), held.end());
        held.erase(std::unique(held.begin(), held.end()), held.end());
        for (std::uint64_t v : held) {
            OverviewNode &n = m_out.nodes[std::size_t(v >> 32)];
            ++n.datasetsByClass[std::size_t(classOf(std::uint32_t(v & 0xffffffffu)))];
            ++n.datasetsHeld;
        }
    }

    void emitCells()
    {
        const std::size_t n = m_out.nodes.size();
        m_out.cells.reserve(m_cells.size());
        for (std::size_t o = 0; o < n; ++o)
            for (std::size_t d = 0; d < n; ++d)
                if (const int i = m_cellOf[o * n + d]; i >= 0)
                    m_out.cells.push_back(std::move(m_cells[std::size_t(i)]));
    }

    const PolicyFacts &m_f;
    const std::vector<Finding> &m_findings;
    JurisdictionOverview m_out;
    std::vector<int> m_nodeOf;      // per symbol
    std::vector<int> m_cellOf;      // per (origin, destination), into m_cells
    std::vector<OverviewCell> m_cells;
    std::vector<int> m_flowCell, m_accessCell;
};

QString gb(double v)
{
    // Whole numbers as such; small volumes keep their decimals ("0.25 GB/day").
    if (v >= 100 || v == std::floor(v))
        return QString::number(v, 'f', 0);
    return QString::number(v, 'g', 3);
}

} // namespace

JurisdictionOverview buildOverview(const PolicyFacts &facts, const std::vector<Finding> &findings)
{
    return OverviewBuilder(facts, findings).run();
}

QString volumeText(const OverviewCell &cell)
{
    if (cell.flows == 0)
        return {};
    if (cell.flowsWithoutVolume == cell.flows)
        return QStringLiteral("no volume declared");
    QString text = gb(cell.gbPerDay) + QStringLiteral(" GB/day");
    if (cell.flowsWithoutVolume > 0)
        text += QStringLiteral(" (%1 without volume)").arg(cell.flowsWithoutVolume);
    return text;
}

QStringList cellSummaryParts(const OverviewCell &cell)
{
    QStringList parts;
    if (cell.flows > 0)
        parts << (cell.flows == 1 ? QStringLiteral("1 flow") : QStringLiteral("%1 flows").arg(cell.flows));
    if (cell.access > 0)
        parts << QStringLiteral("%1 access").arg(cell.access);
    for (int s = int(cell.open.size()) - 1; s >= 0; --s)
        if (const int n = cell.open[std::size_t(s)]; n > 0)
            parts << QString::number(n) + u' ' + ruleSeverityName(RuleSeverity(s));
    if (cell.openFindings() == 0)
        parts << QStringLiteral("no open findings");
    if (cell.flows > 0)
        parts << volumeText(cell);
    return parts;
}

QString cellSummary(const OverviewCell &cell)
{
    return cellSummaryParts(cell).join(QStringLiteral(" · "));
}

} // namespace atlas
