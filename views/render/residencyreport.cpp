#include "residencyreport.h"

#include "jsonwriter.h"
#include "texttable.h"

#include <QSet>

#include <map>

namespace atlas {

namespace {

QString orUnknown(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("unknown") : s;
}

QJsonArray stringArray(const QStringList &list)
{
    QJsonArray out;
    for (const QString &s : list)
        out.append(s);
    return out;
}

template <typename E> QJsonArray enumArray(EnumSet<E> set)
{
    QJsonArray out;
    set.forEach([&](E v) { out.append(enumQName(v)); });
    return out;
}

// Jurisdictions that hold each dataset, in inventory order of the holders.
QHash<QString, QStringList> heldIn(const ResidencyReportInput &in)
{
    QHash<QString, QStringList> out;
    for (std::size_t i = 0; i < in.inventory.workloads.size(); ++i) {
        const QString j = orUnknown(in.residency[i].location.jurisdiction);
        for (const QString &d : refIds(in.inventory.workloads[i].holds)) {
            QStringList &list = out[d];
            if (!list.contains(j))
                list.append(j);
        }
    }
    return out;
}

QJsonValue triState(bool known, bool value)
{
    return known ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

std::map<Classification, int> countByClassification(const Inventory &inv)
{
    std::map<Classification, int> counts;
    for (std::size_t c = 0; c < enumCount<Classification>(); ++c)
        counts[Classification(c)] = 0;
    for (const Dataset &d : inv.datasets)
        ++counts[d.classification];
    return counts;
}

QJsonObject workloadJson(const ResidencyReportInput &in, std::size_t i)
{
    const Workload &w = in.inventory.workloads[i];
    const ResolvedLocation &loc = in.residency[i].location;
    const OperatorFacts &op = in.residency[i].operatorFacts;
    return QJsonObject{
        {QStringLiteral("id"), w.id},
        {QStringLiteral("name"), w.name},
        {QStringLiteral("kind"), enumQName(w.kind)},
        {QStringLiteral("location"), w.location},
        {QStringLiteral("location_form"), locationFormName(loc.form)},
        {QStringLiteral("provider"), stringOrNull(loc.provider)},
        {QStringLiteral("region"), stringOrNull(loc.region)},
        {QStringLiteral("zone"), stringOrNull(loc.zone)},
        {QStringLiteral("country"), stringOrNull(loc.country)},
        {QStringLiteral("jurisdiction"), stringOrNull(loc.jurisdiction)},
        {QStringLiteral("residency_problem"), stringOrNull(loc.problem)},
        {QStringLiteral("sovereign"), loc.sovereign},
        {QStringLiteral("operator"), stringOrNull(op.id)},
        {QStringLiteral("operator_hq_jurisdiction"), stringOrNull(op.hqJurisdiction)},
        {QStringLiteral("extraterritorial"), triState(op.known, op.extraterritorial)},
        {QStringLiteral("extraterritorial_law"), stringOrNull(op.law)},
        {QStringLiteral("extraterritorial_law_jurisdiction"), stringOrNull(op.lawJurisdiction)},
        {QStringLiteral("external"), w.external},
        {QStringLiteral("holds"), stringArray(refIds(w.holds))},
        {QStringLiteral("source"), sourceJson(in.inventory, w.source)},
    };
}

QJsonArray datasetsJson(const ResidencyReportInput &in)
{
    const QHash<QString, QStringList> held = heldIn(in);
    QJsonArray datasets;
    for (const Dataset &d : in.inventory.datasets) {
        datasets.append(QJsonObject{
            {QStringLiteral("id"), d.id},
            {QStringLiteral("name"), d.name},
            {QStringLiteral("classification"), enumQName(d.classification)},
            {QStringLiteral("categories"), enumArray(d.categories)},
            {QStringLiteral("origin"), stringOrNull(d.origin)},
            {QStringLiteral("origin_jurisdiction"), stringOrNull(in.catalog.jurisdictionOf(d.origin))},
            {QStringLiteral("held_in"), stringArray(held.value(d.id))},
            {QStringLiteral("source"), sourceJson(in.inventory, d.source)},
        });
    }
    return datasets;
}

// Whether a flow crosses a border or a jurisdiction is null where either end's is unknown.
QJsonObject flowJson(const ResidencyReportInput &in, const Flow &f)
{
    const Inventory &inv = in.inventory;
    const int from = inv.workloadIndex(f.from), to = inv.workloadIndex(f.to);
    const ResolvedLocation &a = in.residency[std::size_t(from)].location;
    const ResolvedLocation &b = in.residency[std::size_t(to)].location;
    const bool countriesKnown = !a.country.isEmpty() && !b.country.isEmpty();
    const bool jurisdictionsKnown = a.isKnown() && b.isKnown();
    return QJsonObject{
        {QStringLiteral("id"), f.id},
        {QStringLiteral("from"), f.from},
        {QStringLiteral("to"), f.to},
        {QStringLiteral("carries"), stringArray(refIds(f.carries))},
        {QStringLiteral("form"), enumQName(f.form)},
        {QStringLiteral("purpose"), f.purpose ? QJsonValue(enumQName(*f.purpose)) : QJsonValue()},
        {QStringLiteral("basis"), enumQName(f.basis)},
        {QStringLiteral("from_country"), stringOrNull(a.country)},
        {QStringLiteral("to_country"), stringOrNull(b.country)},
        {QStringLiteral("from_jurisdiction"), stringOrNull(a.jurisdiction)},
        {QStringLiteral("to_jurisdiction"), stringOrNull(b.jurisdiction)},
        {QStringLiteral("crosses_border"), triState(countriesKnown, a.country != b.country)},
        {QStringLiteral("crosses_jurisdiction"),
         triState(jurisdictionsKnown, a.jurisdiction != b.jurisdiction)},
        {QStringLiteral("source"), sourceJson(inv, f.source)},
    };
}

QJsonObject summaryJson(const Inventory &inv, int unknownResidency)
{
    QJsonObject byClass;
    for (const auto &[c, n] : countByClassification(inv))
        byClass.insert(enumQName(c), n);
    return QJsonObject{{QStringLiteral("datasets_by_classification"), byClass},
                       {QStringLiteral("sites"), qint64(inv.sites.size())},
                       {QStringLiteral("datasets"), qint64(inv.datasets.size())},
                       {QStringLiteral("workloads"), qint64(inv.workloads.size())},
                       {QStringLiteral("flows"), qint64(inv.flows.size())},
                       {QStringLiteral("access"), qint64(inv.access.size())},
                       {QStringLiteral("waivers"), qint64(inv.waivers.size())},
                       {QStringLiteral("workloads_with_unknown_residency"), unknownResidency}};
}

} // namespace

QJsonObject residencyJson(const ResidencyReportInput &in)
{
    const Inventory &inv = in.inventory;
    QJsonArray workloads;
    int unknownResidency = 0;
    for (std::size_t i = 0; i < inv.workloads.size(); ++i) {
        if (!in.residency[i].location.isKnown())
            ++unknownResidency;
        workloads.append(workloadJson(in, i));
    }
    QJsonArray flows;
    for (const Flow &f : inv.flows)
        flows.append(flowJson(in, f));
    return QJsonObject{
        {QStringLiteral("organisation"), stringOrNull(inv.organisation)},
        {QStringLiteral("as_of"), inv.asOf.isValid() ? QJsonValue(inv.asOf.toString(Qt::ISODate)) : QJsonValue()},
        {QStringLiteral("files"), stringArray(inv.files)},
        {QStringLiteral("catalog_as_of"), in.catalog.newestAsOf().toString(Qt::ISODate)},
        {QStringLiteral("summary"), summaryJson(inv, unknownResidency)},
        {QStringLiteral("workloads"), workloads},
        {QStringLiteral("datasets"), datasetsJson(in)},
        {QStringLiteral("flows"), flows},
        {QStringLiteral("warnings"), diagnosticsJson(in.warnings)},
    };
}

QString residencyText(const ResidencyReportInput &in)
{
    const Inventory &inv = in.inventory;
    QString out;
    out += QStringLiteral("Inventory: ") + (inv.organisation.isEmpty() ? inv.files.join(u", ") : inv.organisation);
    if (inv.asOf.isValid())
        out += QStringLiteral(" (as of ") + inv.asOf.toString(Qt::ISODate) + u')';
    out += u'\n';
    out += QStringLiteral("%1 sites, %2 datasets, %3 workloads, %4 flows, %5 access entries, %6 waivers\n")
               .arg(inv.sites.size()).arg(inv.datasets.size()).arg(inv.workloads.size())
               .arg(inv.flows.size()).arg(inv.access.size()).arg(inv.waivers.size());
    out += QStringLiteral("\nDatasets by classification\n");
    for (const auto &[c, n] : countByClassification(inv))
        out += QStringLiteral("  %1 %2\n").arg(enumQName(c), -12).arg(n);

    out += QStringLiteral("\nResidency (workload → provider/region → country → jurisdiction)\n");
    TextTable table({QStringLiteral("WORKLOAD"), QStringLiteral("KIND"), QStringLiteral("PROVIDER/REGION"),
                     QStringLiteral("COUNTRY"), QStringLiteral("JURISDICTION"), QStringLiteral("OPERATOR")});
    for (std::size_t i = 0; i < inv.workloads.size(); ++i) {
        const Workload &w = inv.workloads[i];
        const ResolvedLocation &loc = in.residency[i].location;
        const OperatorFacts &op = in.residency[i].operatorFacts;
        QString where = loc.provider.isEmpty() ? w.location : loc.provider + u'/' + orUnknown(loc.region);
        if (!loc.zone.isEmpty())
            where += u'/' + loc.zone;
        if (loc.sovereign)
            where += QStringLiteral(" (sovereign)");
        QString jurisdiction = orUnknown(loc.jurisdiction);
        if (loc.form == LocationForm::Global)
            jurisdiction = QStringLiteral("unknown (global)");
        QString opText = op.id;
        if (op.extraterritorial)
            opText += QStringLiteral(" [") + op.lawJurisdiction + QStringLiteral(" law reaches]");
        table.addRow({w.id, enumQName(w.kind), where, loc.country.isEmpty() ? QStringLiteral("-") : loc.country,
                      jurisdiction, opText});
    }
    out += table.render();

    if (!in.warnings.isEmpty()) {
        out += QStringLiteral("\nWarnings\n");
        for (const Diagnostic &d : in.warnings)
            out += QStringLiteral("  ") + d.toString() + u'\n';
    }
    out += QStringLiteral("\nCatalog facts as of %1. Not legal advice.\n")
               .arg(in.catalog.newestAsOf().toString(Qt::ISODate));
    return out;
}

} // namespace atlas
