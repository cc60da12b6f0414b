// The record of processing (one row per dataset × location × purpose × transfer, in the ICO
// template's terms), the workload and jurisdiction register (which foreign law reaches each
// operator), key custody, retention (AI telemetry marked) and the lineage of each restricted
// dataset from collection to logging — all read from the inventory and its facts.
#include "reportparts.h"

#include <algorithm>
#include <map>
#include <set>

namespace atlas::reportparts {

namespace {

QString retentionText(const Dataset &d)
{
    return d.retentionDays ? QStringLiteral("%1 days").arg(*d.retentionDays) : QStringLiteral("not recorded");
}

QString specialCategoryText(const Dataset &d)
{
    QStringList art9;
    if (d.categories.contains(Category::Health))
        art9 << QStringLiteral("health");
    if (d.categories.contains(Category::Biometric))
        art9 << QStringLiteral("biometric");
    return art9.isEmpty() ? QString() : QStringLiteral("Art. 9 data (%1); condition not recorded").arg(art9.join(QStringLiteral(", ")));
}

QString lawfulBasisText(const Dataset &d, const QString &purpose)
{
    if ((purpose == u"training" || purpose == u"fine_tuning") && d.consent.training)
        return QStringLiteral("consent (training)");
    if (purpose == u"analytics" && d.consent.analytics)
        return QStringLiteral("consent (analytics)");
    return QStringLiteral("not recorded");
}

QString securityText(const Context &c, const Dataset &d, const Flow *flow)
{
    QStringList parts;
    if (flow)
        parts << QStringLiteral("in transit: %1").arg(!flow->encrypted ? QStringLiteral("not recorded")
                                                      : *flow->encrypted ? QStringLiteral("encrypted")
                                                                         : QStringLiteral("not encrypted"));
    if (d.keys) {
        const int di = c.inventory.datasetIndex(d.id);
        const QString where = c.symbol(c.facts.datasets[std::size_t(di)].keysJurisdiction);
        parts << QStringLiteral("keys: %1%2").arg(d.keys->custody ? enumQName(*d.keys->custody) : QStringLiteral("custody not recorded"),
                                               where.isEmpty() ? QString() : QStringLiteral(", held in ") + where);
    } else {
        parts << QStringLiteral("keys: not recorded");
    }
    if (d.redacted && *d.redacted)
        parts << QStringLiteral("redacted");
    if (flow)
        flow->protections.forEach([&](Protection p) { parts << enumQName(p); });
    return parts.join(QStringLiteral("; "));
}

struct ProcessingBuilder
{
    const Context &c;
    Report &r;
    std::set<std::tuple<QString, QString, QString, QString>> seen;

    void add(const Dataset &d, std::uint32_t workload, const QString &purpose, const ReportTransfer *t,
             const Flow *flow, const QString &place = {}, const QString &placeJurisdiction = {}, const QString &placeCountry = {})
    {
        const Workload &w = c.inventory.workloads[workload];
        if (!seen.insert({d.id, place.isEmpty() ? w.id : place, purpose, t ? t->id : QString()}).second)
            return;
        const int di = c.inventory.datasetIndex(d.id);
        const QString origin = c.symbol(c.facts.datasets[std::size_t(di)].origin);
        const WorkloadResidency &res = c.residency(workload);
        ProcessingRecord p;
        p.dataset = d.id;
        p.datasetName = d.name;
        p.workload = w.id;
        p.workloadKind = enumQName(w.kind);
        p.location = place.isEmpty() ? c.locationText(workload) : place;
        p.country = place.isEmpty() ? res.location.country : placeCountry;
        p.jurisdiction = place.isEmpty() ? res.location.jurisdiction : placeJurisdiction;
        p.purpose = purpose;
        p.transfer = t ? t->id : QString();
        if (!origin.isEmpty() && p.jurisdiction != origin)
            p.thirdCountries << (p.country.isEmpty() ? c.jurisdictionName(p.jurisdiction) : c.countryName(p.country));
        p.safeguard = t ? QString::fromUtf8(transferToolInfo(t->tool).name) : QString();
        if (!t && !p.thirdCountries.isEmpty())
            p.safeguard = QStringLiteral("none recorded (held outside the origin)");
        p.categories = categoryNames(d).join(QStringLiteral(", "));
        p.recipients = res.operatorFacts.name.isEmpty() ? res.operatorFacts.id : res.operatorFacts.name;
        if (!place.isEmpty() && t)
            p.recipients = t->destinationOperator;
        p.retention = retentionText(d);
        p.security = securityText(c, d, flow);
        p.lawfulBasis = lawfulBasisText(d, purpose);
        p.specialCategory = specialCategoryText(d);
        p.source = origin.isEmpty() ? QStringLiteral("origin not recorded") : QStringLiteral("collected in ") + c.jurisdictionName(origin);
        r.processing.push_back(std::move(p));
    }

    void run()
    {
        const Inventory &inv = c.inventory;
        QHash<QString, const ReportTransfer *> transfers;
        for (const ReportTransfer &t : r.transfers)
            transfers.insert(t.id, &t);
        for (std::uint32_t w = 0; w < inv.workloads.size(); ++w)
            for (const DatasetRef &ref : inv.workloads[w].holds)
                if (isPersonal(inv.datasets[ref.index]))
                    add(inv.datasets[ref.index], w, QStringLiteral("storage"), nullptr, nullptr);
        for (std::size_t fi = 0; fi < inv.flows.size(); ++fi) {
            const Flow &fl = inv.flows[fi];
            if (!c.facts.flows[fi].personalForm)
                continue;
            for (const DatasetRef &ref : fl.carries) {
                const Dataset &d = inv.datasets[ref.index];
                if (!isPersonal(d))
                    continue;
                const QString purpose = fl.purpose ? enumQName(*fl.purpose) : QStringLiteral("not recorded");
                add(d, fl.toIndex, purpose, transfers.value(QStringLiteral("flow:") + fl.id + u':' + d.id), &fl);
            }
        }
        for (std::size_t ai = 0; ai < inv.access.size(); ++ai) {
            const Access &a = inv.access[ai];
            const AccessFacts &af = c.facts.access[ai];
            for (const DatasetRef &ref : a.datasets) {
                const Dataset &d = inv.datasets[ref.index];
                if (!isPersonal(d))
                    continue;
                const QString purpose = a.purpose.isEmpty() ? QStringLiteral("remote access") : QStringLiteral("remote access: ") + a.purpose;
                add(d, a.toIndex, purpose, transfers.value(QStringLiteral("access:") + a.id + u':' + d.id), nullptr,
                    a.from, c.symbol(af.jurisdiction), c.symbol(af.country));
            }
        }
        std::sort(r.processing.begin(), r.processing.end(), [](const ProcessingRecord &a, const ProcessingRecord &b) {
            return std::tie(a.dataset, a.location, a.workload, a.purpose, a.transfer) < std::tie(b.dataset, b.location, b.workload, b.purpose, b.transfer);
        });
    }
};

void addWorkloads(const Context &c, Report &r)
{
    const Inventory &inv = c.inventory;
    for (std::uint32_t w = 0; w < inv.workloads.size(); ++w) {
        const Workload &wl = inv.workloads[w];
        const WorkloadResidency &res = c.residency(w);
        WorkloadRegisterRow row;
        row.workload = wl.id;
        row.name = wl.name;
        row.kind = enumQName(wl.kind);
        row.location = c.locationText(w);
        row.country = res.location.country;
        row.jurisdiction = res.location.jurisdiction;
        row.operatorId = res.operatorFacts.id;
        row.operatorName = res.operatorFacts.name;
        row.operatorHq = res.operatorFacts.hqCountry;
        row.foreignLaws = c.foreignLaws(w);
        row.sovereign = res.location.sovereign;
        row.holds = refIds(wl.holds);
        for (const DatasetRef &ref : wl.holds) {
            const Dataset &d = inv.datasets[ref.index];
            if (d.keys) {
                const QString where = c.symbol(c.facts.datasets[ref.index].keysJurisdiction);
                row.keysFor << QStringLiteral("%1: %2%3").arg(d.id, d.keys->custody ? enumQName(*d.keys->custody) : QStringLiteral("custody not recorded"),
                                                              where.isEmpty() ? QString() : QStringLiteral(" keys in ") + where);
            }
        }
        for (int i : c.findingsBySubject.value(wl.id))
            row.openFindings += c.snapshot.findings[std::size_t(i)].countsAsOpen();
        r.workloads.push_back(std::move(row));
    }
    std::sort(r.workloads.begin(), r.workloads.end(), [](const auto &a, const auto &b) {
        return std::tie(a.jurisdiction, a.workload) < std::tie(b.jurisdiction, b.workload);
    });
}

void addKeysAndRetention(const Context &c, Report &r)
{
    const Inventory &inv = c.inventory;
    QHash<QString, QStringList> heldIn, retentionFindings;
    for (const Workload &w : inv.workloads)
        for (const DatasetRef &ref : w.holds)
            heldIn[ref.id] << w.id;
    for (const Finding &f : c.snapshot.findings)
        if (!f.dataset.isEmpty() && (f.rule == u"RES-005" || f.rule == u"RES-013"))
            retentionFindings[f.dataset] << findingKey(f).toString();
    for (std::size_t di = 0; di < inv.datasets.size(); ++di) {
        const Dataset &d = inv.datasets[di];
        const DatasetFacts &df = c.facts.datasets[di];
        if (d.classification == Classification::Public)
            continue;
        KeyCustodyRow k;
        k.dataset = d.id;
        k.classification = enumQName(d.classification);
        k.custody = d.keys && d.keys->custody ? enumQName(*d.keys->custody) : QStringLiteral("not recorded");
        k.keyLocation = d.keys ? d.keys->location : QString();
        k.keyJurisdiction = c.symbol(df.keysJurisdiction);
        k.origin = c.symbol(df.origin);
        k.outsideOrigin = df.keysOutsideOrigin;
        r.keys.push_back(std::move(k));

        RetentionRow ret;
        ret.dataset = d.id;
        ret.classification = enumQName(d.classification);
        ret.telemetry = df.telemetry || d.categories.contains(Category::Logs);
        ret.retentionDays = d.retentionDays;
        ret.heldIn = heldIn.value(d.id);
        ret.heldIn.sort();
        ret.findings = retentionFindings.value(d.id);
        r.retention.push_back(std::move(ret));
    }
    const auto byId = [](const auto &a, const auto &b) { return a.dataset < b.dataset; };
    std::sort(r.keys.begin(), r.keys.end(), byId);
    std::sort(r.retention.begin(), r.retention.end(), byId);
}

QString lineageStage(const Workload &w, const Flow *into)
{
    switch (w.kind) {
    case WorkloadKind::Training:
    case WorkloadKind::FineTuning:
        return QStringLiteral("training");
    case WorkloadKind::Inference:
        return QStringLiteral("inference");
    case WorkloadKind::Telemetry:
    case WorkloadKind::Logging:
    case WorkloadKind::Observability:
        return QStringLiteral("logging");
    default:
        break;
    }
    if (into && into->purpose) {
        switch (*into->purpose) {
        case Purpose::Training:
        case Purpose::FineTuning: return QStringLiteral("training");
        case Purpose::Inference: return QStringLiteral("inference");
        case Purpose::Logging:
        case Purpose::Monitoring: return QStringLiteral("logging");
        default: break;
        }
    }
    return QStringLiteral("storage and other processing");
}

void addLineage(const Context &c, Report &r)
{
    const Inventory &inv = c.inventory;
    static const QStringList order{QStringLiteral("collection"), QStringLiteral("storage and other processing"),
                                   QStringLiteral("training"), QStringLiteral("inference"), QStringLiteral("logging")};
    // Who holds and who receives each dataset, once (not a scan of every flow per dataset).
    std::vector<std::vector<std::uint32_t>> holders(inv.datasets.size()), carriers(inv.datasets.size());
    for (std::uint32_t w = 0; w < inv.workloads.size(); ++w)
        for (const DatasetRef &ref : inv.workloads[w].holds)
            holders[ref.index].push_back(w);
    for (std::uint32_t fi = 0; fi < inv.flows.size(); ++fi)
        for (const DatasetRef &ref : inv.flows[fi].carries)
            carriers[ref.index].push_back(fi);
    for (std::size_t di = 0; di < inv.datasets.size(); ++di) {
        const Dataset &d = inv.datasets[di];
        if (d.classification != Classification::Restricted)
            continue;
        std::map<int, std::set<QString>> stages;
        std::set<QString> jurisdictions;
        const auto place = [&](std::uint32_t w) {
            const QString j = c.residency(w).location.jurisdiction;
            jurisdictions.insert(j.isEmpty() ? QStringLiteral("unknown") : j);
            return QStringLiteral("%1 (%2)").arg(inv.workloads[w].id, j.isEmpty() ? QStringLiteral("unknown") : j);
        };
        const QString origin = c.symbol(c.facts.datasets[di].origin);
        // Collection: where the data is held in its origin; every other holder by its kind.
        for (std::uint32_t w : holders[di]) {
            const bool home = !origin.isEmpty() && c.residency(w).location.jurisdiction == origin;
            stages[int(order.indexOf(home ? QStringLiteral("collection") : lineageStage(inv.workloads[w], nullptr)))].insert(place(w));
        }
        for (std::uint32_t fi : carriers[di]) {
            const Flow &fl = inv.flows[fi];
            stages[int(order.indexOf(lineageStage(inv.workloads[fl.toIndex], &fl)))].insert(place(fl.toIndex));
        }
        ReportLineage l;
        l.dataset = d.id;
        l.name = d.name;
        l.origin = origin;
        for (const auto &[i, ws] : stages)
            l.stages.push_back({order.value(i), QStringList(ws.begin(), ws.end())});
        l.jurisdictions = QStringList(jurisdictions.begin(), jurisdictions.end());
        r.lineage.push_back(std::move(l));
    }
    std::sort(r.lineage.begin(), r.lineage.end(), [](const auto &a, const auto &b) { return a.dataset < b.dataset; });
}

} // namespace

void addProcessing(const Context &c, Report &r)
{
    ProcessingBuilder{c, r, {}}.run();
}

void addRegisters(const Context &c, Report &r)
{
    addWorkloads(c, r);
    addKeysAndRetention(c, r);
    addLineage(c, r);
}

} // namespace atlas::reportparts
