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

namespace {

void recordHolding(Workload &w, const QString &datasetId, const SourceRef &source)
{
    w.holds.push_back(DatasetRef{datasetId, source});
    w.present |= fields::workload::Holds;
}

} // namespace

void ResourceMapper::classify(const CloudResource &r, Workload &w)
{
    DataTags tags;
    readDataTags(r, w, tags);
    checkOrigin(r, w, tags.origin);
    if (!settleClassification(r, w, tags))
        return;
    chooseDatasetId(r, w, tags);
    // Every dataset id is also taken in m_ids: a new id (most datasets) costs one lookup.
    const bool fresh = m_ids.tryInsert(tags.datasetId, -1);
    if (const int known = fresh ? -1 : m_datasetIndex.value(tags.datasetId); known >= 0)
        holdKnownDataset(r, w, tags, std::size_t(known));
    else
        addDataset(r, w, tags, fresh);
}

void ResourceMapper::classifyText(const CloudResource &r, const Workload &w, const std::string &value, const char *what,
                                  std::optional<Classification> &classification)
{
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
}

// Stated fields first, then the tags the mapping names, then its tag rules: the first to say
// something wins.
void ResourceMapper::readDataTags(const CloudResource &r, const Workload &w, DataTags &tags)
{
    if (r.stated) {
        classifyText(r, w, r.stated->classification, "classification", tags.classification);
        tags.datasetId = qs(r.stated->dataset);
        tags.origin = qs(r.stated->origin);
        tags.categories = splitList(r.stated->categories);
    }
    if (!tags.classification)
        if (const std::string *v = tagValue(r, m_classificationKeys))
            classifyText(r, w, *v, "tag value", tags.classification);
    if (tags.datasetId.isEmpty())
        if (const std::string *v = tagValue(r, m_datasetKeys))
            tags.datasetId = qs(*v).trimmed();
    if (tags.categories.isEmpty())
        if (const std::string *v = tagValue(r, m_categoryKeys))
            tags.categories = splitList(*v);
    if (tags.origin.isEmpty())
        if (const std::string *v = tagValue(r, m_originKeys))
            tags.origin = qs(*v).trimmed();
    applyTagRules(r, tags);
}

void ResourceMapper::applyTagRules(const CloudResource &r, DataTags &tags) const
{
    for (std::size_t ruleIndex = 0; ruleIndex < m_mapping.rules.size(); ++ruleIndex) {
        const TagRule &rule = m_mapping.rules[ruleIndex];
        const std::string *v = tagValue(r, m_ruleKeys[ruleIndex]);
        if (!v || (!rule.value.isEmpty() && qs(*v).trimmed().toLower() != rule.value))
            continue;
        if (rule.classification && !tags.classification)
            tags.classification = rule.classification;
        if (!rule.dataset.isEmpty() && tags.datasetId.isEmpty())
            tags.datasetId = rule.dataset;
        if (!rule.categories.isEmpty() && tags.categories.isEmpty())
            tags.categories = rule.categories;
        if (!rule.origin.isEmpty() && tags.origin.isEmpty())
            tags.origin = rule.origin;
    }
}

void ResourceMapper::checkOrigin(const CloudResource &r, const Workload &w, QString &origin)
{
    origin = origin.toUpper(); // GCP labels are lower-case only: "eu", "de"
    if (!origin.isEmpty() && m_catalog.jurisdictionOf(origin).isEmpty()) {
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("invalid origin"),
             QStringLiteral("origin '%1' is not a jurisdiction or country code; the default origin applies").arg(origin));
        origin.clear();
    }
}

// False when the resource holds no data the mapping can classify.
bool ResourceMapper::settleClassification(const CloudResource &r, const Workload &w, DataTags &tags)
{
    if (!tags.classification && !tags.datasetId.isEmpty()) {
        // A dataset named without a class: the dataset may be classified by another resource.
        if (!m_datasetIndex.contains(tags.datasetId)) {
            tags.classification = Classification::Restricted;
            note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("dataset without classification"),
                 QStringLiteral("dataset '%1' has no classification tag; treated as restricted").arg(tags.datasetId));
        }
    }
    if (tags.classification || !tags.datasetId.isEmpty())
        return true;
    if (!m_mapping.defaultClassification) {
        if (w.kind == WorkloadKind::Storage || w.kind == WorkloadKind::Database || w.kind == WorkloadKind::Analytics
            || w.kind == WorkloadKind::Backup || w.kind == WorkloadKind::Logging)
            note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("no classification"), m_noClassificationText);
        return false;
    }
    tags.classification = m_mapping.defaultClassification;
    note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("default classification"),
         QStringLiteral("no classification tag; classification.default '%1' from the mapping file applies")
             .arg(enumQName(*tags.classification)));
    return true;
}

// A named dataset is shared with other holders; an unnamed or invalid one is the resource's own.
void ResourceMapper::chooseDatasetId(const CloudResource &r, const Workload &w, DataTags &tags)
{
    tags.shared = !tags.datasetId.isEmpty();
    if (!tags.shared)
        tags.datasetId = w.id + QStringLiteral("-data");
    if (tags.shared && !isValidId(tags.datasetId)) {
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("invalid dataset id"),
             QStringLiteral("dataset tag '%1' is not a valid id ([a-z0-9][a-z0-9._-]*); using the resource's own dataset").arg(tags.datasetId));
        tags.datasetId = w.id + QStringLiteral("-data");
    }
}

void ResourceMapper::holdKnownDataset(const CloudResource &r, Workload &w, DataTags &tags, std::size_t known)
{
    Dataset &d = m_doc.inventory.datasets[known];
    if (tags.classification && *tags.classification < d.classification) {
        // Two holders disagree: the stricter class wins (enum order is strictest first).
        if (!originForStricterClass(r, w, tags, known))
            return;
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("classification conflict"),
             QStringLiteral("dataset '%1' is tagged %2 here and %3 elsewhere; the stricter %2 applies")
                 .arg(tags.datasetId, enumQName(*tags.classification), enumQName(d.classification)));
        d.classification = *tags.classification;
        if (d.origin.isEmpty()) {
            d.origin = tags.origin;
            d.originSource = r.source;
            d.present |= fields::dataset::Origin;
        }
    }
    recordHolding(w, tags.datasetId, r.source);
}

// A dataset public until now has no origin: this holder's tag or default gives it, else the
// jurisdiction of where it was first found held. False when none can be found.
bool ResourceMapper::originForStricterClass(const CloudResource &r, const Workload &w, DataTags &tags, std::size_t known)
{
    const Dataset &d = m_doc.inventory.datasets[known];
    if (!d.origin.isEmpty() || !tags.origin.isEmpty())
        return true;
    if (!m_mapping.originFromHolder()) {
        tags.origin = m_mapping.defaultOrigin;
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("origin from mapping"),
             QStringLiteral("dataset '%1' has no origin tag; default_origin %2 from the mapping file applies").arg(tags.datasetId, tags.origin));
        return true;
    }
    tags.origin = holderJurisdiction(w.location);
    QString where = QStringLiteral("where it is held here");
    if (tags.origin.isEmpty()) {
        tags.origin = holderJurisdiction(m_datasetHolder[known]);
        where = QStringLiteral("where it was first found held");
        if (tags.origin.isEmpty()) {
            // Never lower a class, never invent an origin: this holder is left out of the
            // dataset, loudly.
            m_warnings.append(Diagnostic{Severity::Warning, m_files.value(int(r.source.file)), r.source.line, r.source.column,
                                         QStringLiteral("'%1' tags dataset '%2' %3, which is %4 elsewhere, and no origin can be found for it: "
                                                        "not recorded as holding it — tag %5")
                                             .arg(w.id, tags.datasetId, enumQName(*tags.classification), enumQName(d.classification),
                                                  m_mapping.originTags.value(0))});
            return false;
        }
    }
    note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("origin from holder"),
         QStringLiteral("dataset '%1' has no origin tag; origin %2 assumed from %3").arg(tags.datasetId, tags.origin, where));
    return true;
}

void ResourceMapper::addCategories(const CloudResource &r, const Workload &w, const QStringList &categories, Dataset &d)
{
    for (const QString &c : categories) {
        if (auto cat = parseEnum<Category>(c.toStdString())) {
            d.categories.insert(*cat);
            d.present |= fields::dataset::Categories;
        } else {
            note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("unknown category"),
                 QStringLiteral("category '%1' is not one of %2; ignored").arg(c, allowedValues<Category>()));
        }
    }
}

// `fresh`: the id was free; otherwise another kind took it and the resource's own dataset applies.
void ResourceMapper::addDataset(const CloudResource &r, Workload &w, DataTags &tags, bool fresh)
{
    if (!fresh) {
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("invalid dataset id"),
             QStringLiteral("dataset id '%1' is already the id of a workload; using the resource's own dataset").arg(tags.datasetId));
        tags.datasetId = uniqueId(QString(w.id + QStringLiteral("-data")).toStdString(), r.nativeId, -1);
    }
    Dataset d;
    d.id = tags.datasetId;
    d.name = tags.shared ? tags.datasetId : QStringLiteral("Data in ") + w.name;
    d.classification = *tags.classification;
    d.present = fields::dataset::Id | fields::dataset::Name | fields::dataset::Classification;
    addCategories(r, w, tags.categories, d);
    if (tags.origin.isEmpty() && d.classification != Classification::Public && !defaultOrigin(r, w, d, tags.origin)) {
        m_ids.remove(tags.datasetId);
        return;
    }
    if (!tags.origin.isEmpty()) {
        d.origin = tags.origin;
        d.originSource = r.source;
        d.present |= fields::dataset::Origin;
    }
    d.source = r.source;
    Inventory &inv = m_doc.inventory;
    m_datasetIndex.tryInsert(tags.datasetId, int(inv.datasets.size()));
    m_datasetHolder.push_back(w.location);
    inv.datasets.push_back(std::move(d));
    m_doc.ids.datasets.push_back(r.source);
    recordHolding(w, tags.datasetId, r.source);
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
