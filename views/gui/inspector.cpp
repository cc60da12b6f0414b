#include "inspector.h"

#include "catalog.h"
#include "inventory.h"

#include <QSet>

#include <optional>

namespace atlas {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(esc(label), value);
}

QString yesNo(const std::optional<bool> &b)
{
    return b ? (*b ? QStringLiteral("yes") : QStringLiteral("no")) : QStringLiteral("unknown");
}

// A transfer's prior steps (notification, assessment), shown where either is recorded: most
// transfers need neither, and "unknown" twice on each would say nothing.
QString priorSteps(const std::optional<bool> &notified, const QDate &assessed)
{
    if (!notified && !assessed.isValid())
        return {};
    return row(QStringLiteral("notified · assessed"),
               esc(yesNo(notified) + QStringLiteral(" · ")
                   + (assessed.isValid() ? assessed.toString(Qt::ISODate) : QStringLiteral("not recorded"))));
}

// Findings on any of `subjects` (of `kind`, or any kind when unset); flows name themselves.
QString findingsList(const std::vector<Finding> &findings, const QSet<QString> &subjects,
                     std::optional<SubjectKind> kind = std::nullopt, bool nameSubject = false)
{
    QString out;
    for (const Finding &f : findings)
        if (subjects.contains(f.subjectId) && (!kind || f.subjectKind == *kind))
            out += QStringLiteral("<li><b>%1</b> %2 (%3)%4%5: %6</li>")
                       .arg(esc(f.rule), esc(ruleSeverityName(f.severity)), esc(findingStatusName(f.status)),
                            nameSubject ? QStringLiteral(" on ") + esc(f.subjectId) : QString(),
                            f.dataset.isEmpty() ? QString() : QStringLiteral(" [") + esc(f.dataset) + u']', esc(f.message));
    return out.isEmpty() ? QStringLiteral("<p>No findings.</p>") : QStringLiteral("<ul>") + out + QStringLiteral("</ul>");
}

} // namespace

QString workloadInspectorHtml(const PolicyFacts &facts, const std::vector<Finding> &findings, const QString &id)
{
    const Inventory &inv = *facts.inventory;
    const int w = inv.workloadIndex(id);
    if (w < 0)
        return {};
    const Workload &wl = inv.workloads[std::size_t(w)];
    const ResolvedLocation &loc = facts.residency[std::size_t(w)].location;
    const OperatorFacts &op = facts.residency[std::size_t(w)].operatorFacts;
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p><table cellspacing='0' cellpadding='2'>").arg(esc(wl.id), esc(wl.name));
    html += row(QStringLiteral("kind"), esc(enumQName(wl.kind)) + (wl.external ? QStringLiteral(" · external") : QString()));
    html += row(QStringLiteral("location"), QStringLiteral("<code>") + esc(wl.location) + QStringLiteral("</code>"));
    if (wl.geoRedundant)
        html += row(QStringLiteral("geo-redundant"), esc(yesNo(wl.geoRedundant)));
    html += row(QStringLiteral("provider / region"), esc(loc.provider.isEmpty() ? QStringLiteral("-") : loc.provider + u' ' + loc.region)
                                                         + (loc.sovereign ? QStringLiteral(" (sovereign)") : QString()));
    const Country *country = facts.catalog->country(loc.country);
    html += row(QStringLiteral("country"), esc(country ? country->code + u' ' + country->name : QStringLiteral("unknown")));
    const Jurisdiction *j = facts.lawOf(loc.jurisdiction);
    html += row(QStringLiteral("jurisdiction"), j ? esc(j->id + QStringLiteral(" — ") + j->name + QStringLiteral(" (transfer regime: ")
                                                        + transferRegimeName(j->regime) + u')')
                                                  : QStringLiteral("<b>unknown</b> — ") + esc(loc.problem));
    html += row(QStringLiteral("operator"), esc(op.name.isEmpty() ? op.id : op.name)
                                               + (op.extraterritorial ? QStringLiteral(" — reached by ") + esc(op.law) : QString()));
    if (!wl.certifications.isEmpty()) {
        QStringList certs;
        wl.certifications.forEach([&](Certification c) { certs << enumQName(c); });
        html += row(QStringLiteral("certifications"), esc(certs.join(u", ")));
    }
    html += row(QStringLiteral("holds"), esc(wl.holds.empty() ? QStringLiteral("-") : refIds(wl.holds).join(u", ")));
    QStringList in, out;
    QSet<QString> flowIds;
    for (const Flow &f : inv.flows) {
        if (f.to == wl.id)
            in << f.id + QStringLiteral(" ← ") + f.from;
        if (f.from == wl.id)
            out << f.id + QStringLiteral(" → ") + f.to;
        if (f.to == wl.id || f.from == wl.id)
            flowIds.insert(f.id);
    }
    html += row(QStringLiteral("flows in"), esc(in.isEmpty() ? QStringLiteral("-") : in.join(QStringLiteral("; "))));
    html += row(QStringLiteral("flows out"), esc(out.isEmpty() ? QStringLiteral("-") : out.join(QStringLiteral("; "))));
    html += row(QStringLiteral("source"), QStringLiteral("<code>%1:%2:%3</code>").arg(esc(displayFileName(inv.fileOf(wl.source)))).arg(wl.source.line).arg(wl.source.column));
    html += QStringLiteral("</table>");
    for (const QString &s : loc.sources)
        html += QStringLiteral("<p style='color:gray'>") + esc(s) + QStringLiteral("</p>");
    // A workload's own findings are not all of its risk: what it sends and receives is too.
    html += QStringLiteral("<h4>Findings</h4>") + findingsList(findings, {wl.id}, std::nullopt);
    if (!flowIds.isEmpty())
        html += QStringLiteral("<h4>Findings on the flows it sends and receives</h4>")
            + findingsList(findings, flowIds, SubjectKind::Flow, true);
    return html;
}

// Model lineage (revision 2b): what a weights flow carries by derivation, and from which flows
// into training; empty for other flows.
QString derivedRow(const PolicyFacts &facts, std::size_t flow)
{
    const FlowFacts &ff = facts.flows[flow];
    QStringList derived;
    for (std::uint32_t p = ff.firstPair; p < ff.firstPair + ff.pairCount; ++p) {
        const FlowPairFacts &pair = facts.flowPairs[p];
        if (!pair.derived)
            continue;
        QString text = facts.inventory->datasets[facts.flowPairDataset[p]].id;
        if (pair.lineage >= 0)
            text += QStringLiteral(" (derived from ") + facts.symbols.name(facts.lineage[std::size_t(pair.lineage)].text) + u')';
        derived << text;
    }
    return derived.isEmpty() ? QString() : row(QStringLiteral("derived carriage"), QStringLiteral("<i>") + esc(derived.join(u"; ")) + QStringLiteral("</i>"));
}

QString flowsInspectorHtml(const PolicyFacts &facts, const std::vector<Finding> &findings, const QStringList &flowIds)
{
    const Inventory &inv = *facts.inventory;
    QString html;
    for (const QString &id : flowIds) {
        const auto it = std::find_if(inv.flows.begin(), inv.flows.end(), [&](const Flow &f) { return f.id == id; });
        if (it == inv.flows.end())
            continue;
        const Flow &f = *it;
        const auto i = std::size_t(it - inv.flows.begin());
        const ResolvedLocation &a = facts.residency[f.fromIndex].location;
        const ResolvedLocation &b = facts.residency[f.toIndex].location;
        html += QStringLiteral("<h3>%1</h3><table cellspacing='0' cellpadding='2'>").arg(esc(f.id));
        html += row(QStringLiteral("from → to"), esc(f.from + QStringLiteral(" [") + (a.isKnown() ? a.jurisdiction : QStringLiteral("unknown"))
                                                     + QStringLiteral("] → ") + f.to + QStringLiteral(" [")
                                                     + (b.isKnown() ? b.jurisdiction : QStringLiteral("unknown")) + u']'));
        html += row(QStringLiteral("carries"), esc(refIds(f.carries).join(u", ")));
        html += derivedRow(facts, i);
        html += row(QStringLiteral("form · purpose · basis"), esc(enumQName(f.form) + QStringLiteral(" · ")
                                                                  + (f.purpose ? enumQName(*f.purpose) : QStringLiteral("-"))
                                                                  + QStringLiteral(" · ") + enumQName(f.basis)));
        html += row(QStringLiteral("encrypted"), esc(yesNo(f.encrypted)));
        html += priorSteps(f.notified, f.assessed);
        html += row(QStringLiteral("crosses"), esc(facts.flows[i].crossesJurisdiction > 0 ? QStringLiteral("a jurisdiction")
                                                   : facts.flows[i].crossesBorder > 0      ? QStringLiteral("a border")
                                                                                           : QStringLiteral("no border")));
        html += row(QStringLiteral("source"), QStringLiteral("<code>%1:%2:%3</code>").arg(esc(displayFileName(inv.fileOf(f.source)))).arg(f.source.line).arg(f.source.column));
        html += QStringLiteral("</table><h4>Findings</h4>") + findingsList(findings, {f.id}, SubjectKind::Flow);
    }
    return html;
}

} // namespace atlas
