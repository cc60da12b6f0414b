// The transfer register and the transfer impact assessments (report-anchors.md §1.1–1.3, 1.5):
// every (flow, dataset) and (access, dataset) pair of personal data in a personal form that
// leaves — or may leave — the data's origin jurisdiction is a transfer, remote access included.
// Each gets its tool from `basis`, its adequacy from the facts, and, when no adequacy covers it
// and it does not rest on a derogation, an assessment in the EDPB's steps with an inherent and
// a residual risk graded by a fixed, documented method (docs/report.md).
#include "reportparts.h"

#include "location.h"

#include <algorithm>
#include <map>

namespace atlas::reportparts {

namespace {

TransferTool toolOf(Basis b)
{
    switch (b) {
    case Basis::None: return TransferTool::None;
    case Basis::Adequacy: return TransferTool::Adequacy;
    case Basis::Scc: return TransferTool::Scc;
    case Basis::Bcr: return TransferTool::Bcr;
    case Basis::Consent: return TransferTool::Consent;
    case Basis::Contract: return TransferTool::Contract;
    case Basis::Derogation: return TransferTool::Derogation;
    }
    return TransferTool::None;
}

// GDPR article numbers are printed for EU/EEA and UK origins only (UK GDPR keeps them): a
// transfer out of another jurisdiction is governed by that jurisdiction's law.
bool gdprOrigin(const QString &origin) { return origin == u"EU" || origin == u"UK"; }

QString toolText(TransferTool t, const QString &origin)
{
    const TransferToolInfo &i = transferToolInfo(t);
    QString text = QString::fromUtf8(i.name);
    if (t != TransferTool::None && gdprOrigin(origin))
        text += QStringLiteral(" (") + (origin == u"UK" ? QStringLiteral("UK GDPR ") : QStringLiteral("GDPR "))
            + QString::fromUtf8(i.gdprArticle) + u')';
    return text;
}

RiskLevel raise(RiskLevel r, int by)
{
    return RiskLevel(std::clamp(int(r) + by, int(RiskLevel::Low), int(RiskLevel::VeryHigh)));
}

bool specialCategory(const Dataset &d)
{
    return d.categories.contains(Category::Health) || d.categories.contains(Category::Biometric)
        || d.categories.contains(Category::Children);
}

// Workloads that only keep data (EDPB use case 1 applies to them); the rest process it in the clear.
bool storesOnly(WorkloadKind k)
{
    return k == WorkloadKind::Storage || k == WorkloadKind::Backup || k == WorkloadKind::Database;
}

struct TransferBuilder
{
    const Context &c;
    Report &r;

    ReportTransfer base(const Dataset &d, const DatasetFacts &df, std::uint32_t toWorkload)
    {
        ReportTransfer t;
        t.dataset = d.id;
        t.classification = d.classification;
        t.categories = categoryNames(d);
        t.origin = c.symbol(df.origin);
        t.originLaw = c.symbol(df.originTransferLaw);
        t.to = c.inventory.workloads[toWorkload].id;
        const WorkloadResidency &res = c.residency(toWorkload);
        t.destinationOperator = res.operatorFacts.id;
        t.foreignLaws = c.foreignLaws(toWorkload);
        if (d.keys) {
            t.keyCustody = d.keys->custody ? enumQName(*d.keys->custody) : QString();
            t.keyLocation = c.symbol(df.keysJurisdiction);
        }
        return t;
    }

    void finish(ReportTransfer &t, const Adequacy &a, const SourceRef &source)
    {
        t.adequate = a.adequate;
        t.adequacyReason = c.facts.reasons.value(a.reason);
        const TransferToolInfo &info = transferToolInfo(t.tool);
        t.assessmentNeeded = t.adequate != 1 && !info.derogation;
        t.source = source;
        t.sourceText = c.sourceText(source);
        const SubjectKind kind = t.via;
        for (int i : c.findingsBySubject.value(t.subject)) {
            const Finding &f = c.snapshot.findings[std::size_t(i)];
            if (f.subjectKind == kind && (f.dataset.isEmpty() || f.dataset == t.dataset))
                t.findings << findingKey(f).toString();
        }
        t.findings.sort();
        t.findings.removeDuplicates();
    }

    void flows()
    {
        const Inventory &inv = c.inventory;
        for (std::size_t fi = 0; fi < inv.flows.size(); ++fi) {
            const Flow &fl = inv.flows[fi];
            const FlowFacts &ff = c.facts.flows[fi];
            if (!ff.personalForm)
                continue;
            for (std::uint32_t p = ff.firstPair; p < ff.firstPair + ff.pairCount; ++p) {
                const FlowPairFacts &pf = c.facts.flowPairs[p];
                const std::uint32_t di = c.facts.flowPairDataset[p];
                const Dataset &d = inv.datasets[di];
                if (pf.leavesOrigin == 0 || !isPersonal(d))
                    continue;
                ReportTransfer t = base(d, c.facts.datasets[di], fl.toIndex);
                t.via = SubjectKind::Flow;
                t.subject = fl.id;
                t.id = QStringLiteral("flow:") + fl.id + u':' + d.id;
                t.form = enumQName(fl.form);
                t.purpose = fl.purpose ? enumQName(*fl.purpose) : QString();
                t.from = inv.workloads[fl.fromIndex].id;
                t.fromJurisdiction = c.residency(fl.fromIndex).location.jurisdiction;
                t.destination = c.residency(fl.toIndex).location.jurisdiction;
                t.destinationCountry = c.residency(fl.toIndex).location.country;
                t.tool = toolOf(fl.basis);
                t.encrypted = fl.encrypted ? int(*fl.encrypted) : -1;
                fl.protections.forEach([&](Protection pr) { t.protections << enumQName(pr); });
                t.gbPerDay = fl.volumeGbPerDay;
                finish(t, pf.adequacy, fl.source);
                r.transfers.push_back(std::move(t));
            }
        }
    }

    void access()
    {
        const Inventory &inv = c.inventory;
        for (const AccessPairFacts &ap : c.facts.accessPairs) {
            const Access &a = inv.access[ap.access];
            const Dataset &d = inv.datasets[ap.dataset];
            if (ap.leavesOrigin == 0 || !isPersonal(d))
                continue;
            const AccessFacts &af = c.facts.access[ap.access];
            ReportTransfer t = base(d, c.facts.datasets[ap.dataset], a.toIndex);
            t.via = SubjectKind::Access;
            t.subject = a.id;
            t.id = QStringLiteral("access:") + a.id + u':' + d.id;
            t.form = QStringLiteral("remote access");
            t.purpose = a.purpose;
            t.from = a.from;
            t.fromJurisdiction = c.residency(a.toIndex).location.jurisdiction;
            // The importer is whoever reaches in: the accessor's jurisdiction is the destination.
            t.destination = c.symbol(af.jurisdiction);
            t.destinationCountry = c.symbol(af.country);
            t.destinationOperator = a.role;
            t.foreignLaws.clear();
            t.tool = toolOf(a.basis);
            finish(t, ap.adequacy, a.source);
            r.transfers.push_back(std::move(t));
        }
    }
};

// Step 4 of the EDPB roadmap: what the inventory shows, and whether it lowers the risk.
std::vector<SupplementaryMeasure> measuresOf(const Context &c, const ReportTransfer &t, const Dataset &d)
{
    std::vector<SupplementaryMeasure> m;
    const Workload *to = c.inventory.workload(t.to);
    const bool access = t.via == SubjectKind::Access;
    const bool clear = access || !to || !storesOnly(to->kind);
    m.push_back({QStringLiteral("Encryption in transit"), access ? -1 : t.encrypted,
                 t.encrypted < 0 ? QStringLiteral("not recorded on the flow") : t.sourceText, false});
    const bool customerKeys = t.keyCustody == u"customer" || t.keyCustody == u"external_hsm";
    const bool keysHome = !t.keyLocation.isEmpty() && t.keyLocation == t.origin;
    const int keys = d.keys ? int(customerKeys && keysHome) : -1;
    QString keysEvidence = d.keys ? QStringLiteral("keys: %1, held in %2 (%3)")
                                        .arg(t.keyCustody.isEmpty() ? QStringLiteral("custody not recorded") : t.keyCustody,
                                             t.keyLocation.isEmpty() ? QStringLiteral("an unrecorded place") : t.keyLocation,
                                             c.sourceText(d.source))
                                  : QStringLiteral("no keys recorded for the dataset");
    if (keys == 1 && clear)
        keysEvidence += QStringLiteral("; the recipient processes the data in the clear, so the keys do not protect it there (EDPB use case 6)");
    m.push_back({QStringLiteral("Customer-held keys kept in the origin"), keys, keysEvidence, keys == 1 && !clear});
    const bool pseudo = t.form == u"pseudonymised";
    m.push_back({QStringLiteral("Pseudonymisation before transfer"), access ? -1 : int(pseudo),
                 pseudo ? QStringLiteral("flow form pseudonymised (effective only if the additional information stays in the origin)")
                        : QStringLiteral("flow form %1").arg(t.form), pseudo});
    const bool redacted = (d.redacted && *d.redacted) || t.protections.contains(QStringLiteral("redaction"));
    const bool privacy = t.protections.contains(QStringLiteral("k_anonymity")) || t.protections.contains(QStringLiteral("differential_privacy"));
    m.push_back({QStringLiteral("Redaction, k-anonymity or differential privacy"), (redacted || privacy) ? 1 : (access ? -1 : 0),
                 t.protections.isEmpty() ? (redacted ? QStringLiteral("dataset marked redacted") : QStringLiteral("none recorded"))
                                         : t.protections.join(QStringLiteral(", ")),
                 redacted || privacy});
    return m;
}

// Step 1 in words: what data, from where, to whom, for what.
QString describe(const Context &c, const ReportTransfer &t)
{
    const QString data = QStringLiteral("%1 (%2; %3)").arg(t.dataset, enumQName(t.classification),
                                                           t.categories.isEmpty() ? QStringLiteral("no categories recorded")
                                                                                  : t.categories.join(QStringLiteral(", ")));
    const QString purpose = t.purpose.isEmpty() ? QStringLiteral(", purpose not recorded") : QStringLiteral(" for ") + t.purpose;
    if (t.via == SubjectKind::Access)
        return QStringLiteral("%1 held in %2 (%3) is reached by remote access by %4 from %5 (%6)%7.")
            .arg(data, t.to, c.jurisdictionName(t.fromJurisdiction), t.destinationOperator, t.from,
                 c.jurisdictionName(t.destination), purpose);
    return QStringLiteral("%1 moves as %2 data from %3 in %4 to %5 in %6%7.")
        .arg(data, t.form, t.from, c.jurisdictionName(t.fromJurisdiction), t.to, c.jurisdictionName(t.destination), purpose);
}

ReportAssessment assess(const Context &c, const ReportTransfer &t)
{
    const Dataset &d = *c.inventory.dataset(t.dataset);
    ReportAssessment a;
    a.transfer = t.id;
    a.description = describe(c, t);
    a.tool = toolText(t.tool, t.origin);
    if (t.tool == TransferTool::Adequacy)
        a.tool += QStringLiteral(" — claimed, but no adequacy holds for %1 data in %2").arg(t.origin, t.destination.isEmpty() ? QStringLiteral("an unknown place") : t.destination);

    // Step 3: what the catalog knows of the destination.
    if (const Jurisdiction *j = t.destination.isEmpty() ? nullptr : c.lawAt(t.destination)) {
        a.destinationLaw << QStringLiteral("%1 — %2; its transfer regime: %3. Source: %4.")
                                .arg(c.jurisdictionName(j->id), j->law.isEmpty() ? QStringLiteral("law not recorded") : j->law,
                                     transferRegimeName(j->regime), j->provenance.describe());
    } else {
        a.destinationLaw << QStringLiteral("The destination's jurisdiction is unknown: its law cannot be assessed.");
    }
    a.destinationLaw << QStringLiteral("Adequacy for %1 data: %2.").arg(t.origin.isEmpty() ? QStringLiteral("this") : t.origin,
                                                                     t.adequacyReason.isEmpty() ? QStringLiteral("unknown") : t.adequacyReason);
    for (const QString &law : t.foreignLaws)
        a.destinationLaw << QStringLiteral("The recipient's operator is reached by %1 from outside the destination.").arg(law);
    a.destinationLaw << QStringLiteral("The catalog does not record the destination's surveillance law or its practice (see what remains for counsel).");

    a.measures = measuresOf(c, t, d);

    // Inherent risk: the data (class, special categories) and its exposure at the destination.
    RiskLevel inherent = d.classification == Classification::Restricted ? RiskLevel::High
        : d.classification == Classification::Sensitive                ? RiskLevel::Medium
                                                                        : RiskLevel::Low;
    QStringList why{QStringLiteral("%1 data").arg(enumQName(d.classification))};
    if (specialCategory(d)) {
        inherent = raise(inherent, 1);
        why << QStringLiteral("special categories or children's data");
    }
    if (!t.foreignLaws.isEmpty() || t.destination.isEmpty()) {
        inherent = raise(inherent, 1);
        why << (t.destination.isEmpty() ? QStringLiteral("destination unknown") : QStringLiteral("recipient reached by foreign law"));
    }
    a.inherent = inherent;
    a.inherentReason = why.join(QStringLiteral("; "));

    // Residual risk: lowered only by measures that work where the data is used.
    int lower = 0;
    QStringList effective;
    for (const SupplementaryMeasure &m : a.measures)
        if (m.present == 1 && m.effective) {
            lower += m.measure.startsWith(u"Customer-held") ? 2 : 1;
            effective << m.measure.toLower();
        }
    a.residual = raise(inherent, -lower);
    a.residualReason = effective.isEmpty() ? QStringLiteral("no supplementary measure recorded that protects the data at the destination")
                                           : QStringLiteral("lowered by ") + effective.join(QStringLiteral(", "));

    // What the inventory cannot answer.
    if (t.tool == TransferTool::None || t.tool == TransferTool::Adequacy)
        a.forCounsel << QStringLiteral("Choose a transfer tool (for example SCCs or BCRs) or stop the transfer: none that holds is recorded.");
    else
        a.forCounsel << QStringLiteral("Confirm the %1 are in place and cover this transfer; document the assessment behind the clause 14 warranty (SCCs) and keep it available to the supervisory authority.")
                            .arg(QString::fromUtf8(transferToolInfo(t.tool).name));
    a.forCounsel << QStringLiteral("Assess the destination's law and practice on public-authority access (EDPB Recommendations 02/2020, the European Essential Guarantees).");
    a.forCounsel << QStringLiteral("Decide whether the measures bring protection to an essentially equivalent level; record the procedural steps and a date to re-evaluate (EDPB steps 5-6).");
    return a;
}

void addPairs(Report &r)
{
    std::map<std::pair<QString, QString>, JurisdictionPair> pairs;
    std::map<std::pair<QString, QString>, QSet<QString>> flowIds, accessIds;
    QHash<QString, const Finding *> byKey;
    for (const Finding &f : r.findings)
        byKey.insert(findingKey(f).toString(), &f);
    ReportSummary &s = r.summary;
    for (const ReportTransfer &t : r.transfers) {
        JurisdictionPair &p = pairs[{t.origin, t.destination}];
        p.origin = t.origin;
        p.destination = t.destination;
        ++p.transfers;
        (t.via == SubjectKind::Flow ? flowIds : accessIds)[{t.origin, t.destination}].insert(t.subject);
        p.gbPerDay += t.gbPerDay.value_or(0);
        for (const QString &k : t.findings)
            if (const Finding *f = byKey.value(k); f && f->countsAsOpen()) {
                ++p.openFindings;
                p.worst = p.worst ? std::max(*p.worst, f->severity) : f->severity;
            }
        ++s.transfers;
        s.transferGbPerDay += t.gbPerDay.value_or(0);
        s.transfersWithoutAdequacy += t.adequate != 1;
        if (t.classification == Classification::Restricted) {
            ++s.restrictedPersonalTransfers;
            s.restrictedPersonalGbPerDay += t.gbPerDay.value_or(0);
        }
    }
    for (auto &[key, p] : pairs) {
        p.flows = int(flowIds[key].size());
        p.accesses = int(accessIds[key].size());
        s.pairs.push_back(p);
    }
}

} // namespace

void addTransfers(const Context &c, Report &r)
{
    TransferBuilder builder{c, r};
    builder.flows();
    builder.access();
    std::sort(r.transfers.begin(), r.transfers.end(), [](const ReportTransfer &x, const ReportTransfer &y) { return x.id < y.id; });
    for (const ReportTransfer &t : r.transfers)
        if (t.assessmentNeeded)
            r.assessments.push_back(assess(c, t));
    addPairs(r);
}

} // namespace atlas::reportparts
