// Helpers of tst_inventoryedit: a small inventory as YAML lines (so that a test can say "the
// same file with this line changed"), edits built from entity values, and a dump of everything
// an inventory holds — positions, presence, links — to compare inventories exactly.
#pragma once

#include "testsupport.h"

#include "inventoryedit.h"
#include "inventorywriter.h"

namespace atlas::test {

using namespace Qt::StringLiterals;

inline const QString kFra = u"  - {id: fra-dc1, name: Frankfurt, country: DE}"_s;
inline const QString kMuc = u"  - {id: muc-dc, name: Munich, country: DE}"_s;
inline const QString kPatients = u"  - {id: patient-records, classification: restricted, categories: [personal, health], origin: EU}"_s;
inline const QString kUsage = u"  - {id: usage-metrics, classification: operational, categories: [metrics], origin: EU}"_s;
inline const QString kArchive = u"  - {id: archive, classification: public}"_s;
inline const QString kEhr = u"  - {id: ehr-db, kind: database, location: aws:eu-central-1, holds: [patient-records]}"_s;
inline const QString kTrainer = u"  - {id: trainer, kind: training, location: aws:us-east-1, holds: [patient-records, usage-metrics]}"_s;
inline const QString kOnprem = u"  - {id: onprem, kind: storage, location: site:fra-dc1, holds: [usage-metrics]}"_s;
inline const QString kSpare = u"  - {id: spare, kind: backup, location: DE}"_s;
inline const QString kFlow1 = u"  - {id: ehr-to-trainer, from: ehr-db, to: trainer, carries: [patient-records], purpose: training}"_s;
inline const QString kFlow2 = u"  - {id: metrics-out, from: onprem, to: trainer, carries: [usage-metrics, patient-records]}"_s;
inline const QString kAccess = u"  - {id: us-debug, role: ds, from: US, to: ehr-db, datasets: [patient-records]}"_s;
inline const QString kWaiver1 = u"  - {rule: RES-007, subject: ehr-db, reason: contract, approved_by: dpo@x.example, expires: 2027-06-30}"_s;
inline const QString kWaiver2 = u"  - {rule: RES-001, subject: ehr-to-trainer, reason: reviewed, approved_by: dpo@x.example, expires: 2027-06-30}"_s;

// Line 1 is `atlas: 1`; ehr-db is on line 10, for instance.
inline const QStringList kBaseLines{u"atlas: 1"_s, u"sites:"_s, kFra, kMuc, u"datasets:"_s, kPatients, kUsage, kArchive,
                             u"workloads:"_s, kEhr, kTrainer, kOnprem, kSpare, u"flows:"_s, kFlow1, kFlow2,
                             u"access:"_s, kAccess, u"waivers:"_s, kWaiver1, kWaiver2};

inline QString baseText()
{
    return kBaseLines.join(u'\n') + u'\n';
}

// The base with whole lines replaced (a null replacement removes the line).
inline QString baseWith(const QList<std::pair<QString, QString>> &changes)
{
    QStringList lines = kBaseLines;
    for (const auto &[from, to] : changes) {
        const qsizetype i = lines.indexOf(from);
        if (i < 0)
            return u"not a line of the base: "_s + from; // loads as an error
        if (to.isNull())
            lines.removeAt(i);
        else
            lines[i] = to;
    }
    return lines.join(u'\n') + u'\n';
}

inline QString appended(const QString &line, const QString &next)
{
    return line + u'\n' + next;
}

inline std::expected<LoadedInventory, Diagnostics> loadTexts(const QList<std::pair<QString, QString>> &texts)
{
    QList<std::pair<QString, std::string>> documents;
    for (const auto &[name, text] : texts)
        documents.append({name, text.toStdString()});
    return loadInventoryTexts(documents, test::catalog());
}

inline EditProvenance alice()
{
    return EditProvenance{QString(), QDateTime(QDate(2026, 12, 3), QTime(6, 31), Qt::UTC), u"alice"_s};
}

inline const QString kAliceTime = u"alice, 2026-12-03T06:31:00Z)"_s;

inline InventoryEdit add(EntityValue value)
{
    const EntityKind kind = kindOf(value);
    return InventoryEdit{EditOperation::Add, kind, {}, 0, std::move(value), false};
}

inline InventoryEdit change(const QString &id, EntityValue value)
{
    const EntityKind kind = kindOf(value);
    return InventoryEdit{EditOperation::Change, kind, id, 0, std::move(value), false};
}

inline InventoryEdit remove(EntityKind kind, const QString &id, bool cascade = false)
{
    return InventoryEdit{EditOperation::Remove, kind, id, 0, {}, cascade};
}

inline InventoryEdit onWaiver(EditOperation operation, std::size_t index, EntityValue value = {})
{
    return InventoryEdit{operation, EntityKind::Waiver, {}, index, std::move(value), false};
}

inline DatasetRefs refs(const QStringList &ids)
{
    DatasetRefs out;
    for (const QString &id : ids)
        out.push_back(DatasetRef{id, {}});
    return out;
}

inline CategorySet categories(std::initializer_list<Category> list)
{
    CategorySet set;
    for (Category c : list)
        set.insert(c);
    return set;
}

inline QString pos(const Inventory &inv, const SourceRef &r)
{
    return inv.fileOf(r) + u':' + QString::number(r.line) + u':' + QString::number(r.column);
}

inline QString dumpRefs(const Inventory &inv, const DatasetRefs &list)
{
    QStringList out;
    for (const DatasetRef &r : list)
        out << r.id + u'@' + pos(inv, r.source) + u'#' + QString::number(r.index);
    return u'[' + out.join(u',') + u']';
}

// Everything an inventory holds, positions, presence and links included: equal dumps are
// equal inventories.
inline QString dump(const Inventory &inv)
{
    QStringList out{QString::fromUtf8(inventoryToJson(inv)), inv.files.join(u'|')};
    for (const Inventory::EditRecord &e : inv.edits)
        out << QString::number(e.file) + u' ' + e.provenance.command + u' ' + e.provenance.user + u' '
                + e.provenance.time.toString(Qt::ISODateWithMs);
    auto entity = [&](EntityKind kind, std::size_t i, FieldMask present, const SourceRef &source) -> QString {
        return entityKindName(kind) + u' ' + QString::number(present) + u' ' + pos(inv, source) + u" id@"_s
            + pos(inv, inv.idSource(kind, i)) + u' ';
    };
    for (std::size_t i = 0; i < inv.sites.size(); ++i)
        out << entity(EntityKind::Site, i, inv.sites[i].present, inv.sites[i].source);
    for (std::size_t i = 0; i < inv.datasets.size(); ++i) {
        const Dataset &d = inv.datasets[i];
        out << entity(EntityKind::Dataset, i, d.present, d.source) + pos(inv, d.originSource)
                + (d.keys ? pos(inv, d.keys->locationSource) : QString());
    }
    for (std::size_t i = 0; i < inv.workloads.size(); ++i) {
        const Workload &w = inv.workloads[i];
        out << entity(EntityKind::Workload, i, w.present, w.source) + pos(inv, w.locationSource) + dumpRefs(inv, w.holds);
    }
    for (std::size_t i = 0; i < inv.flows.size(); ++i) {
        const Flow &f = inv.flows[i];
        out << entity(EntityKind::Flow, i, f.present, f.source) + pos(inv, f.fromSource) + pos(inv, f.toSource)
                + QStringLiteral(" %1>%2 ").arg(f.fromIndex).arg(f.toIndex) + dumpRefs(inv, f.carries);
    }
    for (std::size_t i = 0; i < inv.access.size(); ++i) {
        const Access &a = inv.access[i];
        out << entity(EntityKind::Access, i, a.present, a.source) + pos(inv, a.fromSource) + pos(inv, a.toSource)
                + u'>' + QString::number(a.toIndex) + dumpRefs(inv, a.datasets);
    }
    for (std::size_t i = 0; i < inv.waivers.size(); ++i)
        out << entity(EntityKind::Waiver, i, inv.waivers[i].present, inv.waivers[i].source)
                + pos(inv, inv.waivers[i].subjectSource);
    return out.join(u'\n');
}

// Every reference names, by index, the entity of its id, and the id index finds every entity.
inline void verifyLinked(const Inventory &inv)
{
    for (std::size_t i = 0; i < inv.sites.size(); ++i)
        QCOMPARE(inv.site(inv.sites[i].id), &inv.sites[i]);
    for (std::size_t i = 0; i < inv.datasets.size(); ++i)
        QCOMPARE(inv.datasetIndex(inv.datasets[i].id), int(i));
    for (std::size_t i = 0; i < inv.workloads.size(); ++i)
        QCOMPARE(inv.workloadIndex(inv.workloads[i].id), int(i));
    auto linked = [&](const DatasetRefs &list) {
        for (const DatasetRef &r : list)
            if (r.index >= inv.datasets.size() || inv.datasets[r.index].id != r.id)
                return false;
        return true;
    };
    for (const Workload &w : inv.workloads)
        QVERIFY2(linked(w.holds), qPrintable(w.id));
    for (const Flow &f : inv.flows) {
        QVERIFY2(linked(f.carries), qPrintable(f.id));
        QCOMPARE(inv.workloads[f.fromIndex].id, f.from);
        QCOMPARE(inv.workloads[f.toIndex].id, f.to);
    }
    for (const Access &a : inv.access) {
        QVERIFY2(linked(a.datasets), qPrintable(a.id));
        QCOMPARE(inv.workloads[a.toIndex].id, a.to);
    }
}

inline QList<FieldMask> presentMasks(const Inventory &inv)
{
    QList<FieldMask> out;
    auto add = [&](const auto &list) {
        for (const auto &e : list)
            out << e.present;
    };
    add(inv.sites);
    add(inv.datasets);
    add(inv.workloads);
    add(inv.flows);
    add(inv.access);
    add(inv.waivers);
    return out;
}

inline QStringList messages(const Diagnostics &diagnostics, Severity severity)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        if (d.severity == severity)
            out << d.message;
    out.sort();
    return out;
}

} // namespace atlas::test
