#include "resourcemapper.h"

#include "entityreader.h"
#include "inventoryreader.h"
#include "location.h"


#include <deque>
#include <unordered_set>

namespace atlas {

namespace {

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// An inventory id from a resource name: lower-case, [a-z0-9._-], no leading punctuation.
std::string slug(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    bool dash = false;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
        if (ok) {
            if (dash && !out.empty())
                out += '-';
            out += c;
            dash = false;
        } else {
            dash = true;
        }
    }
    while (!out.empty() && (out.front() == '.' || out.front() == '_'))
        out.erase(out.begin());
    if (out.size() > 80)
        out.resize(80);
    while (!out.empty() && (out.back() == '.' || out.back() == '_' || out.back() == '-'))
        out.pop_back();
    return out;
}

std::string hashSuffix(const std::string &text)
{
    std::uint32_t h = 2166136261u; // FNV-1a: stable across runs and platforms
    for (unsigned char c : text)
        h = (h ^ c) * 16777619u;
    static const char digits[] = "0123456789abcdef";
    std::string out(6, '0');
    for (int i = 5; i >= 0; --i, h >>= 4)
        out[std::size_t(i)] = digits[h & 15];
    return out;
}

std::string lowerNoSpace(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == ' ')
            continue;
        out += c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    }
    return out;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

// The first of `keys` (lower case, in the mapping's order: the first present wins) among the
// resource's tags, compared ignoring case; no allocation, this runs per resource and key.
const std::string *tagValue(const CloudResource &r, const std::vector<std::string> &keys)
{
    for (const std::string &key : keys)
        for (const auto &[tk, tv] : r.tags)
            if (equalsNoCase(tk, key))
                return &tv;
    return nullptr;
}

// "personal; health", "personal,health", "personal health" → lower-case items.
QStringList splitList(const std::string &text)
{
    QStringList out;
    std::size_t b = 0;
    while (b < text.size()) {
        const std::size_t e = text.find_first_of(";, \t", b);
        const std::size_t end = e == std::string::npos ? text.size() : e;
        if (end > b)
            out.append(QString::fromUtf8(text.data() + b, qsizetype(end - b)).toLower());
        b = end + 1;
    }
    return out;
}

std::vector<std::string> utf8List(const QStringList &list)
{
    std::vector<std::string> out;
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

QString resourceLabel(const CloudResource &r)
{
    return qs(r.nativeId.empty() ? r.name : r.nativeId);
}

} // namespace

ResourceMapper::ResourceMapper(const Catalog &catalog, const ImportMapping &mapping, QStringList files)
    : m_catalog(catalog), m_mapping(mapping), m_files(std::move(files))
{
    m_doc.inventory.files = m_files;
    m_report.mapping = mapping.file;
    m_classificationKeys = utf8List(mapping.classificationTags);
    m_datasetKeys = utf8List(mapping.datasetTags);
    m_categoryKeys = utf8List(mapping.categoryTags);
    m_originKeys = utf8List(mapping.originTags);
    for (const TagRule &rule : mapping.rules)
        m_ruleKeys.push_back({rule.tag.toStdString()});
}

void ResourceMapper::beginFile(std::uint32_t fileIndex, const QString &format, std::int64_t bytes)
{
    m_checkpoint = Checkpoint{m_doc.inventory.workloads.size(), m_doc.inventory.datasets.size(), m_replicas.size(),
                              m_links.size(), std::size_t(m_report.skipped.size()),
                              std::size_t(m_report.assumptions.size()), std::size_t(m_warnings.size())};
    m_current = ImportFileSummary{m_files.value(int(fileIndex)), format, bytes, 0, 0, 0, 0};
    // Room for the ids this file will bring (a workload and often a dataset per resource; a
    // resource takes 100 B in CSV to 1.5 KB in JSON): growing a set of millions rehashes it all.
    m_ids.reserve(m_ids.size() + qsizetype(std::min<std::int64_t>(bytes / 400, 4'000'000)));
    m_inFile = true;
}

void ResourceMapper::commitFile()
{
    m_report.files.append(m_current);
    m_inFile = false;
}

void ResourceMapper::rollbackFile()
{
    Inventory &inv = m_doc.inventory;
    for (std::size_t i = m_checkpoint.workloads; i < inv.workloads.size(); ++i)
        m_ids.remove(inv.workloads[i].id);
    for (std::size_t i = m_checkpoint.datasets; i < inv.datasets.size(); ++i) {
        m_ids.remove(inv.datasets[i].id);
        m_datasetIndex.remove(inv.datasets[i].id);
    }
    inv.workloads.resize(m_checkpoint.workloads);
    m_doc.ids.workloads.resize(m_checkpoint.workloads);
    m_nativeIds.resize(m_checkpoint.workloads);
    inv.datasets.resize(m_checkpoint.datasets);
    m_doc.ids.datasets.resize(m_checkpoint.datasets);
    m_replicas.resize(m_checkpoint.replicas);
    m_links.resize(m_checkpoint.links);
    m_report.skipped.resize(qsizetype(m_checkpoint.skipped));
    m_report.assumptions.resize(qsizetype(m_checkpoint.assumptions));
    m_warnings.resize(qsizetype(m_checkpoint.warnings));
    m_inFile = false;
}

void ResourceMapper::note(QList<ImportNote> &list, const SourceRef &at, const QString &subject,
                          const std::string &type, const QString &group, const QString &message)
{
    list.append(ImportNote{m_files.value(int(at.file)), at.line, at.column, subject, qs(type), group, message});
}

QString ResourceMapper::uniqueId(const std::string &base, const std::string &nativeId, int workloadIndex)
{
    std::string candidate = base.empty() ? std::string("resource") : base;
    if (!(candidate[0] >= 'a' && candidate[0] <= 'z') && !(candidate[0] >= '0' && candidate[0] <= '9'))
        candidate = "r" + candidate;
    QString id = qs(candidate);
    if (m_ids.contains(id)) {
        // The same name twice (two regions, two accounts): a suffix from the export's own id,
        // so re-importing gives the same ids and overlays keep applying.
        const std::string suffixed = candidate + '-' + hashSuffix(nativeId.empty() ? candidate : nativeId);
        id = qs(suffixed);
        for (int n = 2; m_ids.contains(id); ++n)
            id = qs(suffixed) + u'-' + QString::number(n);
    }
    m_ids.insert(id, workloadIndex);
    return id;
}

QString ResourceMapper::locationReference(const CloudResource &r, ImportNote &assumption, bool &assumed)
{
    assumed = false;
    if (r.stated && !r.stated->location.empty())
        return shared(r.stated->location);
    std::string token = r.location;
    if (token.empty() && !r.providerConfig.empty()) {
        // Terraform before AWS provider 6 keeps the region in the provider configuration, which
        // the state does not hold: the mapping file's `regions:` says it, and the report shows it.
        const QString key = qs(r.providerConfig);
        QString region = m_mapping.regions.value(key);
        QString usedKey = key;
        if (region.isEmpty()) {
            usedKey = key.section(u'.', 0, 0);
            region = m_mapping.regions.value(usedKey);
        }
        if (!region.isEmpty()) {
            token = region.toStdString();
            assumed = true;
            assumption.group = QStringLiteral("region from the mapping file");
            assumption.message = QStringLiteral("the export gives no region; regions.%1 in the mapping file says %2").arg(usedKey, region);
        }
    }
    if (token.empty() || r.provider.empty()) {
        assumed = true;
        assumption.group = QStringLiteral("location unknown");
        assumption.message = r.provider.empty() ? QStringLiteral("the export does not say which cloud this is; location set to unknown")
                                                : QStringLiteral("the export gives no location for this resource; location set to unknown");
        return QStringLiteral("unknown");
    }
    const std::string key = r.provider + ':' + lowerNoSpace(token);
    auto cached = m_locations.find(key);
    if (cached == m_locations.end()) {
        QString reference = qs(key);
        cached = m_locations.emplace(key, locationSyntaxError(reference) ? QString() : reference).first;
    }
    const QString &reference = cached->second;
    if (reference.isEmpty()) {
        assumed = true;
        assumption.group = QStringLiteral("location unknown");
        assumption.message = QStringLiteral("'%1' (from %2) is not a location code; location set to unknown")
                                 .arg(qs(token), qs(r.locationField));
        return QStringLiteral("unknown");
    }
    return reference; // shared: a few hundred distinct references for a whole estate
}

QString ResourceMapper::holderJurisdiction(const QString &location)
{
    const auto it = m_jurisdictionCache.constFind(location);
    if (it != m_jurisdictionCache.cend())
        return *it;
    const QString j = resolveLocation(m_catalog, location).jurisdiction;
    m_jurisdictionCache.insert(location, j);
    return j;
}

void ResourceMapper::classify(const CloudResource &r, Workload &w, std::uint32_t workloadIndex)
{
    Q_UNUSED(workloadIndex);
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
                note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("no classification"),
                     QStringLiteral("holds data but has no classification tag (%1); no dataset recorded — tag it or classify it in an overlay")
                         .arg(m_mapping.classificationTags.join(u", ")));
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
    if (const auto it = m_datasetIndex.constFind(datasetId); it != m_datasetIndex.cend()) {
        Dataset &d = inv.datasets[*it];
        if (classification && *classification < d.classification) {
            // Two holders disagree: the stricter class wins (enum order is strictest first).
            note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("classification conflict"),
                 QStringLiteral("dataset '%1' is tagged %2 here and %3 elsewhere; the stricter %2 applies")
                     .arg(datasetId, enumQName(*classification), enumQName(d.classification)));
            d.classification = *classification;
            if (d.origin.isEmpty() && d.classification != Classification::Public) {
                // Public until now, so without an origin: this holder's tag or default decides.
                if (origin.isEmpty() && !defaultOrigin(r, w, d, origin))
                    d.classification = Classification::Public;
                else {
                    d.origin = origin;
                    d.originSource = r.source;
                    d.present |= fields::dataset::Origin;
                }
            }
        }
        w.holds.append(datasetId);
        w.holdsSources.push_back(r.source);
        w.present |= fields::workload::Holds;
        return;
    }
    if (m_ids.contains(datasetId)) {
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("invalid dataset id"),
             QStringLiteral("dataset id '%1' is already the id of a workload; using the resource's own dataset").arg(datasetId));
        datasetId = uniqueId(QString(w.id + QStringLiteral("-data")).toStdString(), r.nativeId, -1);
    } else {
        m_ids.insert(datasetId, -1);
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
    if (!origin.isEmpty() && m_catalog.jurisdictionOf(origin).isEmpty()) {
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("invalid origin"),
             QStringLiteral("origin '%1' is not a jurisdiction or country code; the default origin applies").arg(origin));
        origin.clear();
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
    m_datasetIndex.insert(datasetId, int(inv.datasets.size()));
    inv.datasets.push_back(std::move(d));
    m_doc.ids.datasets.push_back(r.source);
    w.holds.append(datasetId);
    w.holdsSources.push_back(r.source);
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

const QString &ResourceMapper::shared(const std::string &text)
{
    // Tag keys, classification values, types and regions repeat across a million resources:
    // one shared QString each instead of an allocation per use. Long or unique strings (names,
    // ids) are not worth a table entry.
    static const QString none;
    if (text.size() > 40 || m_shared.size() > 200000) {
        m_scratch = qs(text);
        return m_scratch;
    }
    auto it = m_shared.find(text);
    if (it == m_shared.end())
        it = m_shared.emplace(text, qs(text)).first;
    return it->second;
}

std::optional<KindRule> ResourceMapper::kindOf(const std::string &type)
{
    auto it = m_kinds.find(type);
    if (it == m_kinds.end())
        it = m_kinds.emplace(type, m_mapping.kinds.lookup(type)).first;
    return it->second;
}

void ResourceMapper::resource(CloudResource &&r)
{
    ++m_current.resources;
    const QString label = resourceLabel(r);
    if (r.status == ResourceStatus::Deleted || r.status == ResourceStatus::PlannedDelete) {
        ++m_current.skipped;
        note(m_report.skipped, r.source, label, r.type, QStringLiteral("deleted"),
             r.status == ResourceStatus::Deleted ? QStringLiteral("deleted or not recorded (%1)").arg(qs(r.statusText))
                                                 : QStringLiteral("the plan destroys it"));
        return;
    }
    std::optional<WorkloadKind> kind;
    bool kindAssumed = false;
    if (r.stated && !r.stated->kind.empty()) {
        kind = parseEnum<WorkloadKind>(r.stated->kind);
        if (!kind) {
            ++m_current.skipped;
            note(m_report.skipped, r.source, label, r.type, QStringLiteral("invalid kind"),
                 QStringLiteral("kind '%1' is not one of %2").arg(qs(r.stated->kind), allowedValues<WorkloadKind>()));
            m_warnings.append(Diagnostic{Severity::Warning, m_files.value(int(r.source.file)), r.source.line, r.source.column,
                                         QStringLiteral("kind '%1' is not one of %2; row not imported").arg(qs(r.stated->kind), allowedValues<WorkloadKind>())});
            return;
        }
    } else if (auto rule = kindOf(r.type)) {
        if (!rule->kind) {
            ++m_current.skipped;
            const QString why = QStringLiteral("holds no data (%1)").arg(skipReasonText(rule->skip));
            note(m_report.skipped, r.source, label, r.type, why,
                 why + (rule->fromMapping ? QStringLiteral(", by the mapping file") : QString()));
            return;
        }
        kind = rule->kind;
    } else {
        kind = WorkloadKind::Application;
        kindAssumed = true;
    }

    Workload w;
    w.id = uniqueId(slug(r.stated && !r.stated->id.empty() ? r.stated->id : r.name), r.nativeId,
                    int(m_doc.inventory.workloads.size()));
    w.name = qs(r.name.empty() ? r.nativeId : r.name);
    w.kind = *kind;
    ImportNote locationNote;
    bool locationAssumed = false;
    w.location = locationReference(r, locationNote, locationAssumed);
    w.locationSource = r.locationSource.isValid() ? r.locationSource : r.source;
    w.source = r.source;
    w.present = fields::workload::Id | fields::workload::Name | fields::workload::Kind | fields::workload::Location;
    if (r.stated) {
        if (!r.stated->operatorId.empty()) {
            w.operatorId = qs(r.stated->operatorId);
            w.present |= fields::workload::Operator;
        }
        if (!r.stated->operatorHq.empty()) {
            w.operatorHq = qs(r.stated->operatorHq);
            w.present |= fields::workload::OperatorHq;
        }
        if (r.stated->external) {
            w.external = *r.stated->external;
            w.present |= fields::workload::External;
        }
    }
    w.tags.reserve(qsizetype(r.tags.size()) + 2);
    for (const auto &[k, v] : r.tags)
        w.tags.append(Tag{shared(k), shared(v)});
    if (!r.type.empty())
        w.tags.append(Tag{m_importType, shared(r.type)});
    if (!r.nativeId.empty())
        w.tags.append(Tag{m_importId, qs(r.nativeId)});
    if (r.status == ResourceStatus::DataSource)
        w.tags.append(Tag{QStringLiteral("import.status"), QStringLiteral("data-source")});
    else if (r.status == ResourceStatus::Planned)
        w.tags.append(Tag{QStringLiteral("import.status"), QStringLiteral("planned")});
    if (!w.tags.isEmpty())
        w.present |= fields::workload::Tags;

    if (kindAssumed)
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("kind assumed"),
             QStringLiteral("type '%1' is not in the kinds table; imported as application (set it under kinds: in the mapping file)").arg(qs(r.type)));
    if (locationAssumed)
        note(m_report.assumptions, locationNote.line ? SourceRef{r.source} : r.source, w.id, r.type, locationNote.group,
             locationNote.message);
    if (r.status == ResourceStatus::Planned)
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("planned"),
             QStringLiteral("from a Terraform plan: intent, not yet deployed"));

    const auto index = std::uint32_t(m_doc.inventory.workloads.size());
    classify(r, w, index);
    // Only stores can be named as a copy's source or destination (S3 buckets, storage accounts,
    // CSV rows); the others need no entry in the replication lookup.
    const bool copyable = r.format == "csv" || w.kind == WorkloadKind::Storage || w.kind == WorkloadKind::Database
        || w.kind == WorkloadKind::Backup || !r.replicas.empty();
    for (Replica &replica : r.replicas)
        m_replicas.push_back(PendingReplica{index, std::move(replica)});
    m_doc.ids.workloads.push_back(r.source);
    m_nativeIds.push_back(copyable ? matchKey(r.nativeId) : std::string());
    m_doc.inventory.workloads.push_back(std::move(w));
    ++m_current.imported;
}

void ResourceMapper::skipped(SkippedResource &&s)
{
    ++m_current.resources;
    ++m_current.skipped;
    note(m_report.skipped, s.source, qs(s.nativeId), s.type, s.reason.section(u':', 0, 0), s.reason);
}

void ResourceMapper::warning(const SourceRef &at, const QString &message)
{
    m_warnings.append(Diagnostic{Severity::Warning, m_files.value(int(at.file)), at.line, at.column, message});
}

void ResourceMapper::replication(const std::string &sourceId, Replica &&replica)
{
    m_links.push_back(PendingLink{sourceId, std::move(replica)});
}

void ResourceMapper::regionPair(const std::string &provider, const std::string &region, const std::string &paired,
                                const SourceRef &at)
{
    Q_UNUSED(at);
    ++m_current.regionPairs;
    m_pairs[provider + ':' + lowerNoSpace(region)] = lowerNoSpace(paired);
}

std::string ResourceMapper::matchKey(const std::string &nativeId)
{
    // Azure ids are case-insensitive; ARNs and the rest are compared as written.
    if (!nativeId.empty() && nativeId[0] == '/')
        return lowerNoSpace(nativeId);
    return nativeId;
}

void ResourceMapper::addReplicaFlow(std::uint32_t from, std::uint32_t to, const Replica &replica)
{
    Inventory &inv = m_doc.inventory;
    const Workload &src = inv.workloads[from];
    Flow f;
    f.from = src.id;
    f.to = inv.workloads[to].id;
    f.id = f.from + QStringLiteral("--") + f.to;
    for (int n = 2; m_ids.contains(f.id); ++n)
        f.id = f.from + QStringLiteral("--") + f.to + u'-' + QString::number(n);
    m_ids.insert(f.id, -1);
    f.fromSource = f.toSource = f.source = replica.source.isValid() ? replica.source : src.source;
    f.carries = src.holds;
    f.carriesSources.assign(std::size_t(src.holds.size()), f.source);
    f.purpose = Purpose::Replication;
    // The destination holds what is copied to it, whether or not it is tagged itself.
    Workload &dst = inv.workloads[to];
    for (qsizetype i = 0; i < src.holds.size(); ++i)
        if (!dst.holds.contains(src.holds[i])) {
            dst.holds.append(src.holds[i]);
            dst.holdsSources.push_back(f.source);
            dst.present |= fields::workload::Holds;
        }
    f.present = fields::flow::Id | fields::flow::From | fields::flow::To | fields::flow::Carries | fields::flow::Purpose;
    inv.flows.push_back(std::move(f));
    m_doc.ids.flows.push_back(replica.source.isValid() ? replica.source : src.source);
}

std::uint32_t ResourceMapper::addReplicaWorkload(std::uint32_t from, const QString &location, const QString &idSuffix,
                                                 const Replica &replica, bool ownName)
{
    Inventory &inv = m_doc.inventory;
    Workload w = inv.workloads[from]; // the same kind of store, holding the same data
    w.id = uniqueId(ownName ? idSuffix.toStdString() : QString(w.id + u'-' + idSuffix).toStdString(),
                    m_nativeIds[from] + idSuffix.toStdString(), int(inv.workloads.size()));
    w.name = w.name + QStringLiteral(" (replica, ") + idSuffix + u')';
    w.location = location;
    w.locationSource = replica.source.isValid() ? replica.source : w.source;
    w.tags.removeIf([](const Tag &t) { return t.key.startsWith(u"import."); });
    w.tags.append(Tag{QStringLiteral("import.replica-of"), inv.workloads[from].id});
    const auto index = std::uint32_t(inv.workloads.size());
    m_doc.ids.workloads.push_back(w.source);
    m_nativeIds.push_back({});
    inv.workloads.push_back(std::move(w));
    return index;
}

void ResourceMapper::resolveReplicas(Diagnostics &diagnostics)
{
    Q_UNUSED(diagnostics);
    if (m_replicas.empty() && m_links.empty())
        return;
    // Views into m_nativeIds: no reallocation while they live (replica workloads add at most
    // one entry per pending copy).
    m_nativeIds.reserve(m_nativeIds.size() + m_replicas.size() + m_links.size());
    std::unordered_map<std::string_view, std::uint32_t> byNativeId;
    // Only copies that name their destination need the lookup (not geo-redundancy by region).
    const bool needLookup = !m_links.empty()
        || std::any_of(m_replicas.begin(), m_replicas.end(), [](const PendingReplica &p) { return !p.replica.target.empty(); });
    if (needLookup) {
        // Index only the ids some copy names (a few thousand), not every resource's.
        std::unordered_set<std::string> wanted;
        for (const PendingLink &link : m_links)
            wanted.insert(matchKey(link.sourceId));
        for (const PendingReplica &p : m_replicas)
            if (!p.replica.target.empty())
                wanted.insert(matchKey(p.replica.target));
        for (std::uint32_t i = 0; i < m_nativeIds.size(); ++i)
            if (!m_nativeIds[i].empty() && wanted.contains(m_nativeIds[i]))
                byNativeId.emplace(m_nativeIds[i], i);
    }
    std::deque<std::string> extraKeys; // keys of workloads added below (stable addresses)
    for (PendingLink &link : m_links) {
        const auto it = byNativeId.find(matchKey(link.sourceId));
        if (it == byNativeId.end()) {
            note(m_report.assumptions, link.replica.source, qs(link.sourceId), "", QStringLiteral("replication source not in the export"),
                 QStringLiteral("%1 describes a copy of '%2', which is not in the imported files; no flow recorded")
                     .arg(qs(link.replica.via), qs(link.sourceId)));
            continue;
        }
        m_replicas.push_back(PendingReplica{it->second, std::move(link.replica)});
    }
    Inventory &inv = m_doc.inventory;
    for (const PendingReplica &p : m_replicas) {
        const Replica &rep = p.replica;
        const QString srcId = inv.workloads[p.workload].id;
        if (inv.workloads[p.workload].holds.isEmpty()) {
            note(m_report.assumptions, rep.source, srcId, "", QStringLiteral("replication of unclassified data"),
                 QStringLiteral("%1 copies this resource's data, but it holds no classified dataset: no flow recorded — classify it to check the copy")
                     .arg(qs(rep.via)));
            continue;
        }
        std::uint32_t to = 0;
        if (!rep.target.empty()) {
            if (const auto it = byNativeId.find(matchKey(rep.target)); it != byNativeId.end()) {
                to = it->second;
            } else {
                // The destination is outside the export: its location cannot be known.
                std::string name = rep.target.substr(rep.target.find_last_of(":/") + 1);
                to = addReplicaWorkload(p.workload, QStringLiteral("unknown"), qs(slug(name)), rep, true);
                inv.workloads[to].name = qs(name);
                byNativeId.emplace(extraKeys.emplace_back(matchKey(rep.target)), to);
                note(m_report.assumptions, rep.source, inv.workloads[to].id, "", QStringLiteral("replication target outside the export"),
                     QStringLiteral("%1 copies '%2' to '%3', which is not in the imported files: location unknown (add it, or set its location in an overlay)")
                         .arg(qs(rep.via), srcId, qs(rep.target)));
            }
        } else {
            std::string region = rep.region;
            if (rep.toPairedRegion) {
                const Workload &src = inv.workloads[p.workload];
                const QString srcRegion = src.location.section(u':', 1);
                const auto pair = m_pairs.find(rep.provider + ':' + srcRegion.toStdString());
                if (pair != m_pairs.end())
                    region = pair->second;
                else
                    region = m_catalog.pairedRegion(qs(rep.provider), srcRegion).toStdString();
                if (region.empty()) {
                    to = addReplicaWorkload(p.workload, QStringLiteral("unknown"), QStringLiteral("geo-replica"), rep, false);
                    note(m_report.assumptions, rep.source, inv.workloads[to].id, "", QStringLiteral("paired region unknown"),
                         QStringLiteral("%1 replicates '%2' to the paired region of %3, which the catalog does not list: location unknown (give an az account list-locations file)")
                             .arg(qs(rep.via), srcId, srcRegion));
                    addReplicaFlow(p.workload, to, rep);
                    continue;
                }
            }
            to = addReplicaWorkload(p.workload, qs(rep.provider) + u':' + qs(region), qs(region), rep, false);
        }
        if (to != p.workload)
            addReplicaFlow(p.workload, to, rep);
    }
}

ParsedDocument ResourceMapper::finish(Diagnostics &diagnostics, ImportReport &report)
{
    resolveReplicas(diagnostics);
    diagnostics.append(m_warnings);
    m_report.workloads = int(m_doc.inventory.workloads.size());
    m_report.datasets = int(m_doc.inventory.datasets.size());
    m_report.flows = int(m_doc.inventory.flows.size());
    report = std::move(m_report);
    m_doc.idsUnique = true; // uniqueId() saw to it
    m_doc.inventory.setIndex(std::move(m_datasetIndex), std::move(m_ids));
    return std::move(m_doc);
}

} // namespace atlas
