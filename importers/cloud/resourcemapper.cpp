#include "resourcemapper.h"

#include "entityreader.h"
#include "inventoryreader.h"
#include "location.h"
#include "mappersupport.h"

namespace atlas {

using namespace mapping;

namespace {

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
    m_noClassificationText = QStringLiteral("holds data but has no classification tag (%1); no dataset recorded — tag it or "
                                            "classify it in an overlay")
                                 .arg(mapping.classificationTags.join(u", "));
}

void ResourceMapper::beginFile(std::uint32_t fileIndex, const QString &format, std::int64_t bytes)
{
    m_checkpoint = Checkpoint{m_doc.inventory.workloads.size(), m_doc.inventory.datasets.size(), m_replicas.size(),
                              m_links.size(), std::size_t(m_report.skipped.size()),
                              std::size_t(m_report.assumptions.size()), std::size_t(m_warnings.size())};
    m_current = ImportFileSummary{m_files.value(int(fileIndex)), format, bytes, 0, 0, 0, 0};
    // Room for the ids this file will bring (a workload and often a dataset per resource; a
    // resource takes 100 B in CSV to 1.5 KB in JSON): growing a set of millions rehashes it all.
    const auto expected = std::size_t(std::min<std::int64_t>(bytes / 400, 4'000'000));
    m_ids.reserve(m_ids.size() + expected);
    // The workloads too: growing a vector of a million workloads moves them all into fresh
    // memory again and again. Room not used is address space only, never touched.
    Inventory &inv = m_doc.inventory;
    inv.workloads.reserve(inv.workloads.size() + expected);
    m_doc.ids.workloads.reserve(m_doc.ids.workloads.size() + expected);
    m_nativeIds.reserve(m_nativeIds.size() + expected);
}

void ResourceMapper::commitFile()
{
    m_report.files.append(m_current);
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
    m_datasetHolder.resize(qsizetype(m_checkpoint.datasets));
    m_doc.ids.datasets.resize(m_checkpoint.datasets);
    m_replicas.resize(m_checkpoint.replicas);
    m_links.resize(m_checkpoint.links);
    m_report.skipped.resize(qsizetype(m_checkpoint.skipped));
    m_report.assumptions.resize(qsizetype(m_checkpoint.assumptions));
    m_warnings.resize(qsizetype(m_checkpoint.warnings));
}

void ResourceMapper::note(QList<ImportNote> &list, const SourceRef &at, const QString &subject,
                          const std::string &type, const QString &group, const QString &message)
{
    list.append(ImportNote{m_files.value(int(at.file)), at.line, at.column, subject, shared(type), group, message});
}

namespace {

// A valid id from a slug: never empty, starting with a letter or digit.
std::string idCandidate(std::string base)
{
    if (base.empty())
        return "resource";
    if (!(base[0] >= 'a' && base[0] <= 'z') && !(base[0] >= '0' && base[0] <= '9'))
        base.insert(0, 1, 'r');
    return base;
}

} // namespace

QString ResourceMapper::uniqueId(const std::string &base, const std::string &nativeId, int workloadIndex)
{
    const std::string candidate = idCandidate(base);
    return uniqueId(candidate, qs(candidate), nativeId, workloadIndex);
}

QString ResourceMapper::uniqueId(const std::string &candidate, const QString &id, const std::string &nativeId, int workloadIndex)
{
    if (m_ids.tryInsert(id, workloadIndex))
        return id;
    m_collided.insert(id); // settleCollisions() gives the first holder its suffix too
    // The same name twice (two regions, two accounts): a suffix from the export's own id, so
    // re-importing gives the same ids and overlays keep applying.
    const std::string suffixed = candidate + '-' + hashSuffix(nativeId.empty() ? candidate : nativeId);
    QString taken = qs(suffixed);
    for (int n = 2; !m_ids.tryInsert(taken, workloadIndex); ++n)
        taken = qs(suffixed) + u'-' + QString::number(n);
    return taken;
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
        // An aliased provider (aws.us) exists because its region differs: it never borrows the
        // unaliased one's.
        const QString usedKey = qs(r.providerConfig);
        const QString region = m_mapping.regions.value(usedKey);
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
    // Cached by the token as written ("azure:West Europe"), so the lower-casing runs once per
    // distinct spelling, not per resource.
    m_locationKey.assign(r.provider).append(1, ':').append(token);
    auto cached = m_locations.find(m_locationKey);
    if (cached == m_locations.end()) {
        const QString reference = qs(r.provider + ':' + lowerNoSpace(token));
        cached = m_locations.emplace(m_locationKey, locationSyntaxError(reference) ? QString() : reference).first;
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

const QString &ResourceMapper::shared(const std::string &text)
{
    return m_shared.get(text);
}

void ResourceMapper::prepare(CloudResource &r)
{
    // The reader's thread: its own caches. Resources whose type holds no data are skipped by
    // resource(): nothing to prepare.
    if (!(r.stated && !r.stated->kind.empty())) {
        auto it = m_readerKinds.find(r.type);
        if (it == m_readerKinds.end())
            it = m_readerKinds.emplace(r.type, m_mapping.kinds.lookup(r.type)).first;
        if (it->second && !it->second->kind)
            return;
    }
    prepareWith(r, m_readerShared);
}

void ResourceMapper::prepareWith(CloudResource &r, mapping::StringInterner &interner) const
{
    if (r.prepared || r.status == ResourceStatus::Deleted || r.status == ResourceStatus::PlannedDelete)
        return;
    CloudResource::Prepared p;
    std::string candidate = idCandidate(slug(r.stated && !r.stated->id.empty() ? r.stated->id : r.name));
    p.id = qs(candidate);
    const std::string &name = r.name.empty() ? r.nativeId : r.name;
    // Most names are already ids: the name then shares the id's string.
    p.name = name == candidate ? p.id : qs(name);
    p.idCandidate = std::move(candidate);
    p.tags.reserve(qsizetype(r.tags.size()) + 3);
    for (const auto &[k, v] : r.tags)
        p.tags.append(Tag{interner.get(k), interner.get(v)});
    if (!r.type.empty())
        p.tags.append(Tag{m_importType, interner.get(r.type)});
    if (!r.nativeId.empty())
        p.tags.append(Tag{m_importId, qs(r.nativeId)});
    if (r.status == ResourceStatus::DataSource)
        p.tags.append(Tag{QStringLiteral("import.status"), QStringLiteral("data-source")});
    else if (r.status == ResourceStatus::Planned)
        p.tags.append(Tag{QStringLiteral("import.status"), QStringLiteral("planned")});
    r.prepared = std::move(p);
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
    if (r.status == ResourceStatus::Deleted || r.status == ResourceStatus::PlannedDelete) {
        ++m_current.skipped;
        note(m_report.skipped, r.source, resourceLabel(r), r.type, QStringLiteral("deleted"),
             r.status == ResourceStatus::Deleted ? QStringLiteral("deleted or not recorded (%1)").arg(qs(r.statusText))
                                                 : QStringLiteral("the plan destroys it"));
        return;
    }
    bool kindAssumed = false;
    const std::optional<WorkloadKind> kind = workloadKind(r, kindAssumed);
    if (!kind)
        return;
    prepareWith(r, m_shared); // unless the reader's thread did it already
    ImportNote locationNote;
    bool locationAssumed = false;
    Workload w = newWorkload(r, *kind, locationNote, locationAssumed);
    if (kindAssumed)
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("kind assumed"),
             QStringLiteral("type '%1' is not in the kinds table; imported as application (set it under kinds: in the mapping file)").arg(qs(r.type)));
    if (locationAssumed)
        note(m_report.assumptions, locationNote.line ? SourceRef{r.source} : r.source, w.id, r.type, locationNote.group,
             locationNote.message);
    if (r.status == ResourceStatus::Planned)
        note(m_report.assumptions, r.source, w.id, r.type, QStringLiteral("planned"),
             QStringLiteral("from a Terraform plan: intent, not yet deployed"));
    addWorkload(r, std::move(w));
}

// The stated kind, else the kinds table's, else application (`assumed`); nullopt when the
// resource is skipped (counted and reported): an invalid stated kind, or a type holding no data.
std::optional<WorkloadKind> ResourceMapper::workloadKind(const CloudResource &r, bool &assumed)
{
    if (r.stated && !r.stated->kind.empty()) {
        const std::optional<WorkloadKind> kind = parseEnum<WorkloadKind>(r.stated->kind);
        if (!kind) {
            ++m_current.skipped;
            note(m_report.skipped, r.source, resourceLabel(r), r.type, QStringLiteral("invalid kind"),
                 QStringLiteral("kind '%1' is not one of %2").arg(qs(r.stated->kind), allowedValues<WorkloadKind>()));
            m_warnings.append(Diagnostic{Severity::Warning, m_files.value(int(r.source.file)), r.source.line, r.source.column,
                                         QStringLiteral("kind '%1' is not one of %2; row not imported").arg(qs(r.stated->kind), allowedValues<WorkloadKind>())});
        }
        return kind;
    }
    const std::optional<KindRule> rule = kindOf(r.type);
    if (!rule) {
        assumed = true;
        return WorkloadKind::Application;
    }
    if (!rule->kind) {
        ++m_current.skipped;
        // One message per reason, shared by every resource skipped for it.
        auto &[why, message] = m_skipTexts[std::pair(int(rule->skip), rule->fromMapping)];
        if (why.isEmpty()) {
            why = QStringLiteral("holds no data (%1)").arg(skipReasonText(rule->skip));
            message = why + (rule->fromMapping ? QStringLiteral(", by the mapping file") : QString());
        }
        note(m_report.skipped, r.source, resourceLabel(r), r.type, why, message);
        return std::nullopt;
    }
    return rule->kind;
}

namespace {

void applyStatedOperator(const CloudResource::Explicit &stated, Workload &w)
{
    if (!stated.operatorId.empty()) {
        w.operatorId = qs(stated.operatorId);
        w.present |= fields::workload::Operator;
    }
    if (!stated.operatorHq.empty()) {
        w.operatorHq = qs(stated.operatorHq);
        w.present |= fields::workload::OperatorHq;
    }
    if (stated.external) {
        w.external = *stated.external;
        w.present |= fields::workload::External;
    }
}

} // namespace

// The workload of a prepared resource; its prepared name and tags are moved into it.
Workload ResourceMapper::newWorkload(CloudResource &r, WorkloadKind kind, ImportNote &locationNote, bool &locationAssumed)
{
    CloudResource::Prepared &prepared = *r.prepared;
    Workload w;
    w.id = uniqueId(prepared.idCandidate, prepared.id, r.nativeId, int(m_doc.inventory.workloads.size()));
    if (r.stated && !r.stated->id.empty() && w.id != qs(r.stated->id))
        m_warnings.append(Diagnostic{Severity::Warning, m_files.value(int(r.source.file)), r.source.line, r.source.column,
                                     QStringLiteral("id '%1' %2; imported as '%3' (overlays must use that id)")
                                         .arg(qs(r.stated->id),
                                              isValidId(qs(r.stated->id)) ? QStringLiteral("is already taken") : QStringLiteral("is not a valid id"),
                                              w.id)});
    w.name = std::move(prepared.name);
    w.kind = kind;
    w.location = locationReference(r, locationNote, locationAssumed);
    w.locationSource = r.locationSource.isValid() ? r.locationSource : r.source;
    w.source = r.source;
    w.present = fields::workload::Id | fields::workload::Name | fields::workload::Kind | fields::workload::Location;
    if (r.stated)
        applyStatedOperator(*r.stated, w);
    w.tags = std::move(prepared.tags);
    if (!w.tags.isEmpty())
        w.present |= fields::workload::Tags;
    return w;
}

// Classifies the workload's data, queues its copies for resolveReplicas() and adds it.
void ResourceMapper::addWorkload(CloudResource &r, Workload &&w)
{
    const auto index = std::uint32_t(m_doc.inventory.workloads.size());
    classify(r, w);
    // Only stores can be named as a copy's source or destination (S3 buckets, storage accounts,
    // CSV rows); the others need no entry in the replication lookup.
    const bool copyable = r.format == "csv" || w.kind == WorkloadKind::Storage || w.kind == WorkloadKind::Database
        || w.kind == WorkloadKind::Backup || !r.replicas.empty() || r.copyOf;
    for (Replica &replica : r.replicas)
        m_replicas.push_back(PendingReplica{index, std::move(replica)});
    if (r.copyOf) // a copy from the source to this resource, resolved with the other copies
        m_links.push_back(PendingLink{std::move(r.copyOf->sourceId),
                                      Replica{r.nativeId, {}, {}, std::move(r.copyOf->via), false, r.copyOf->source}});
    m_doc.ids.workloads.push_back(r.source);
    m_nativeIds.push_back(copyable ? std::move(r.nativeId) : std::string()); // as written; matched lazily
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

void ResourceMapper::settleCollisions()
{
    // The first resource with a name took the plain id, the later ones a suffix from their own
    // export id. Give the first its suffix too, so that ids do not depend on the order of the
    // inputs (overlays name them). Its own dataset follows it.
    Inventory &inv = m_doc.inventory;
    QHash<QString, QString> renamed;
    for (const QString &base : std::as_const(m_collided)) {
        const int index = m_ids.value(base, -1);
        if (index < 0)
            continue;
        Workload &w = inv.workloads[std::size_t(index)];
        QString native;
        for (const Tag &t : std::as_const(w.tags))
            if (t.key == u"import.id")
                native = t.value;
        const QString suffixed = base + u'-' + qs(hashSuffix(native.isEmpty() ? base.toStdString() : native.toStdString()));
        QString id = suffixed;
        for (int n = 2; m_ids.contains(id); ++n)
            id = suffixed + u'-' + QString::number(n);
        m_ids.remove(base);
        m_ids.insert(id, index);
        w.id = id;
        renamed.insert(base, id);
        const QString oldData = base + QStringLiteral("-data");
        const QString newData = id + QStringLiteral("-data");
        const int dataIndex = m_datasetIndex.value(oldData);
        if (dataIndex < 0 || !containsRef(w.holds, oldData) || m_ids.contains(newData))
            continue;
        inv.datasets[std::size_t(dataIndex)].id = newData;
        m_datasetIndex.remove(oldData);
        m_datasetIndex.insert(newData, dataIndex);
        m_ids.remove(oldData);
        m_ids.insert(newData, -1);
        findRef(w.holds, oldData)->id = newData;
        renamed.insert(oldData, newData);
    }
    if (renamed.isEmpty())
        return;
    for (QList<ImportNote> *list : {&m_report.skipped, &m_report.assumptions})
        for (ImportNote &n : *list) {
            if (const auto it = renamed.constFind(n.subject); it != renamed.cend())
                n.subject = *it;
            for (auto it = renamed.cbegin(); it != renamed.cend() && n.message.contains(u'\''); ++it)
                n.message.replace(u'\'' + it.key() + u'\'', u'\'' + it.value() + u'\'');
        }
}

ParsedDocument ResourceMapper::finish(Diagnostics &diagnostics, ImportReport &report)
{
    settleCollisions();
    resolveReplicas();
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
