// ResourceMapper, its data part: a resource's tags (through the mapping file) → classification,
// dataset, categories and origin, each assumption reported.
#include "resourcemapper.h"

#include "entityreader.h"
#include "inventoryreader.h"
#include "location.h"
#include "mappersupport.h"

namespace atlas {

using namespace mapping;

QString ResourceMapper::holderJurisdiction(const QString &location)
{
    const auto it = m_jurisdictionCache.constFind(location);
    if (it != m_jurisdictionCache.cend())
        return *it;
    const QString j = resolveLocation(m_catalog, location).jurisdiction;
    m_jurisdictionCache.insert(location, j);
    return j;
}

void ResourceMapper::classify(const CloudResource &r, Workload &w)
{
    std::optional<Classification> classification;
    QString datasetId;
    QString origin;
    QStringList categories;

    auto fromText = [&](const std::string &value, const char *what) {
        if (value.empty())
            return;
        auto known = m_classes.find(value);
        if (known == m_classes.end())
            known = m_classes.emplace(value, m_mapping.classificationOf(qs(value))).first;
        if (known->second) {
            classification = known->second;
            return;
        }
        // An unknown label must not weaken the rules: treat it as the strictest class and say so.
        classification = Classification::Restricted;
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("unknown classification value"),
             QStringLiteral("%1 '%2' is not a known classification; treated as restricted (add it to classification.values in the mapping file)")
                 .arg(QLatin1String(what), qs(value)));
    };

    if (r.stated) {
        fromText(r.stated->classification, "classification");
        datasetId = qs(r.stated->dataset);
        origin = qs(r.stated->origin);
        categories = splitList(r.stated->categories);
    }
    if (!classification)
        if (const std::string *v = tagValue(r, m_classificationKeys))
            fromText(*v, "tag value");
    if (datasetId.isEmpty())
        if (const std::string *v = tagValue(r, m_datasetKeys))
            datasetId = qs(*v).trimmed();
    if (categories.isEmpty())
        if (const std::string *v = tagValue(r, m_categoryKeys))
            categories = splitList(*v);
    if (origin.isEmpty())
        if (const std::string *v = tagValue(r, m_originKeys))
            origin = qs(*v).trimmed();
    for (std::size_t ruleIndex = 0; ruleIndex < m_mapping.rules.size(); ++ruleIndex) {
        const TagRule &rule = m_mapping.rules[ruleIndex];
        const std::string *v = tagValue(r, m_ruleKeys[ruleIndex]);
        if (!v || (!rule.value.isEmpty() && qs(*v).trimmed().toLower() != rule.value))
            continue;
        if (rule.classification && !classification)
            classification = rule.classification;
        if (!rule.dataset.isEmpty() && datasetId.isEmpty())
            datasetId = rule.dataset;
        if (!rule.categories.isEmpty() && categories.isEmpty())
            categories = rule.categories;
        if (!rule.origin.isEmpty() && origin.isEmpty())
            origin = rule.origin;
    }
    origin = origin.toUpper(); // GCP labels are lower-case only: "eu", "de"
    if (!origin.isEmpty() && m_catalog.jurisdictionOf(origin).isEmpty()) {
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("invalid origin"),
             QStringLiteral("origin '%1' is not a jurisdiction or country code; the default origin applies").arg(origin));
        origin.clear();
    }
    if (!classification && !datasetId.isEmpty()) {
        // A dataset named without a class: the dataset may be classified by another resource.
        if (!m_datasetIndex.contains(datasetId)) {
            classification = Classification::Restricted;
            note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("dataset without classification"),
                 QStringLiteral("dataset '%1' has no classification tag; treated as restricted").arg(datasetId));
        }
    }
    if (!classification && datasetId.isEmpty()) {
        if (!m_mapping.defaultClassification) {
            if (w.kind == WorkloadKind::Storage || w.kind == WorkloadKind::Database || w.kind == WorkloadKind::Analytics
                || w.kind == WorkloadKind::Backup || w.kind == WorkloadKind::Logging)
                note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("no classification"), m_noClassificationText);
            return;
        }
        classification = m_mapping.defaultClassification;
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("default classification"),
             QStringLiteral("no classification tag; classification.default '%1' from the mapping file applies")
                 .arg(enumQName(*classification)));
    }

    const bool shared = !datasetId.isEmpty();
    if (!shared)
        datasetId = w.id + QStringLiteral("-data");
    if (shared && !isValidId(datasetId)) {
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("invalid dataset id"),
             QStringLiteral("dataset tag '%1' is not a valid id ([a-z0-9][a-z0-9._-]*); using the resource's own dataset").arg(datasetId));
        datasetId = w.id + QStringLiteral("-data");
    }
    Inventory &inv = m_doc.inventory;
    // Every dataset id is also taken in m_ids: a new id (most datasets) costs one lookup.
    const bool fresh = m_ids.tryInsert(datasetId, -1);
    if (const int known = fresh ? -1 : m_datasetIndex.value(datasetId); known >= 0) {
        Dataset &d = inv.datasets[std::size_t(known)];
        if (classification && *classification < d.classification) {
            // Two holders disagree: the stricter class wins (enum order is strictest first). A
            // dataset public until now has no origin: this holder's tag or default gives it,
            // else the jurisdiction of where it was first found held.
            if (d.origin.isEmpty() && origin.isEmpty() && !m_mapping.originFromHolder()) {
                origin = m_mapping.defaultOrigin;
                note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("origin from mapping"),
                     QStringLiteral("dataset '%1' has no origin tag; default_origin %2 from the mapping file applies").arg(datasetId, origin));
            } else if (d.origin.isEmpty() && origin.isEmpty()) {
                origin = holderJurisdiction(w.location);
                QString where = QStringLiteral("where it is held here");
                if (origin.isEmpty()) {
                    origin = holderJurisdiction(m_datasetHolder[std::size_t(known)]);
                    where = QStringLiteral("where it was first found held");
                    if (origin.isEmpty()) {
                        // Never lower a class, never invent an origin: this holder is left out
                        // of the dataset, loudly.
                        m_warnings.append(Diagnostic{Severity::Warning, m_files.value(int(r.source.file)), r.source.line, r.source.column,
                                                     QStringLiteral("'%1' tags dataset '%2' %3, which is %4 elsewhere, and no origin can be found for it: "
                                                                    "not recorded as holding it — tag %5")
                                                         .arg(w.id, datasetId, enumQName(*classification), enumQName(d.classification),
                                                              m_mapping.originTags.value(0))});
                        return;
                    }
                }
                note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("origin from holder"),
                     QStringLiteral("dataset '%1' has no origin tag; origin %2 assumed from %3").arg(datasetId, origin, where));
            }
            note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("classification conflict"),
                 QStringLiteral("dataset '%1' is tagged %2 here and %3 elsewhere; the stricter %2 applies")
                     .arg(datasetId, enumQName(*classification), enumQName(d.classification)));
            d.classification = *classification;
            if (d.origin.isEmpty()) {
                d.origin = origin;
                d.originSource = r.source;
                d.present |= fields::dataset::Origin;
            }
        }
        w.holds.push_back(DatasetRef{datasetId, r.source});
        w.present |= fields::workload::Holds;
        return;
    }
    if (!fresh) {
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("invalid dataset id"),
             QStringLiteral("dataset id '%1' is already the id of a workload; using the resource's own dataset").arg(datasetId));
        datasetId = uniqueId(QString(w.id + QStringLiteral("-data")).toStdString(), r.nativeId, -1);
    }
    Dataset d;
    d.id = datasetId;
    d.name = shared ? datasetId : QStringLiteral("Data in ") + w.name;
    d.classification = *classification;
    d.present = fields::dataset::Id | fields::dataset::Name | fields::dataset::Classification;
    for (const QString &c : std::as_const(categories)) {
        if (auto cat = parseEnum<Category>(c.toStdString())) {
            d.categories.insert(*cat);
            d.present |= fields::dataset::Categories;
        } else {
            note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("unknown category"),
                 QStringLiteral("category '%1' is not one of %2; ignored").arg(c, allowedValues<Category>()));
        }
    }
    if (origin.isEmpty() && d.classification != Classification::Public && !defaultOrigin(r, w, d, origin)) {
        m_ids.remove(datasetId);
        return;
    }
    if (!origin.isEmpty()) {
        d.origin = origin;
        d.originSource = r.source;
        d.present |= fields::dataset::Origin;
    }
    d.source = r.source;
    m_datasetIndex.tryInsert(datasetId, int(inv.datasets.size()));
    m_datasetHolder.push_back(w.location);
    inv.datasets.push_back(std::move(d));
    m_doc.ids.datasets.push_back(r.source);
    w.holds.push_back(DatasetRef{datasetId, r.source});
    w.present |= fields::workload::Holds;
}

bool ResourceMapper::defaultOrigin(const CloudResource &r, const Workload &w, const Dataset &d, QString &origin)
{
    if (m_mapping.originFromHolder()) {
        origin = holderJurisdiction(w.location);
        if (origin.isEmpty()) {
            note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("origin unknown"),
                 QStringLiteral("%1 data with no origin tag, and the holder's location (%2) has no jurisdiction: no dataset recorded — tag %3 or set default_origin")
                     .arg(enumQName(d.classification), w.location, m_mapping.originTags.value(0)));
            return false;
        }
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("origin from holder"),
             QStringLiteral("dataset '%1' has no origin tag; origin %2 assumed from where it is held (default_origin: holder)").arg(d.id, origin));
        return true;
    }
    origin = m_mapping.defaultOrigin;
    note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("origin from mapping"),
         QStringLiteral("dataset '%1' has no origin tag; default_origin %2 from the mapping file applies").arg(d.id, origin));
    return true;
}

} // namespace atlas
