// Turns CloudResources from any export reader into inventory entities: the kind from the kinds
// table, the location reference from the export's token (never guessed from a name), datasets
// and classification from tags through the mapping file, flows from replication, and the import
// report. One mapper serves all cloud inputs of a load, so a bucket in one region's file can
// replicate to a bucket in another's. A file that fails is rolled back: nothing of it remains.
#pragma once

#include "catalog.h"
#include "exportformat.h"
#include "importmapping.h"
#include "importreport.h"
#include "inventorymerge.h"
#include "mappersupport.h"

#include <QHash>
#include <QSet>

#include <map>
#include <string>
#include <unordered_map>

namespace atlas {

class ResourceMapper final : public ResourceSink
{
public:
    ResourceMapper(const Catalog &catalog, const ImportMapping &mapping, QStringList files);

    void beginFile(std::uint32_t fileIndex, const QString &format, std::int64_t bytes);
    void commitFile();
    void rollbackFile();

    void resource(CloudResource &&resource) override;
    // The reader's thread (PipelineSink, when mapping is behind): conversions only.
    void prepare(CloudResource &resource) override;
    void skipped(SkippedResource &&skipped) override;
    void warning(const SourceRef &at, const QString &message) override;
    void replication(const std::string &sourceId, Replica &&replica) override;
    void regionPair(const std::string &provider, const std::string &region, const std::string &paired,
                    const SourceRef &at) override;

    bool empty() const { return m_doc.inventory.workloads.empty() && m_doc.inventory.datasets.empty(); }
    // Resolves replication into flows and returns the document to merge (with the warnings of
    // the committed files in `diagnostics`) and the report.
    ParsedDocument finish(Diagnostics &diagnostics, ImportReport &report);

private:
    struct PendingReplica
    {
        std::uint32_t workload;
        Replica replica;
    };
    struct PendingLink
    {
        std::string sourceId;
        Replica replica;
    };
    struct Checkpoint
    {
        std::size_t workloads = 0, datasets = 0, replicas = 0, links = 0, skipped = 0, assumptions = 0, warnings = 0;
    };
    const QString &shared(const std::string &text);
    std::optional<KindRule> kindOf(const std::string &type); // the kinds table, cached per type

    // A free id from `base`, taken for a workload at `workloadIndex` (-1: another kind).
    QString uniqueId(const std::string &base, const std::string &nativeId, int workloadIndex);
    QString uniqueId(const std::string &candidate, const QString &id, const std::string &nativeId, int workloadIndex);
    void prepareWith(CloudResource &resource, mapping::StringInterner &interner) const;
    QString locationReference(const CloudResource &r, ImportNote &assumption, bool &assumed);
    std::optional<WorkloadKind> workloadKind(const CloudResource &r, bool &assumed);
    Workload newWorkload(CloudResource &r, WorkloadKind kind, ImportNote &locationNote, bool &locationAssumed);
    void addWorkload(CloudResource &r, Workload &&w);
    void note(QList<ImportNote> &list, const SourceRef &at, const QString &subject, const std::string &type,
              const QString &group, const QString &message);
    // What a resource's stated fields, tags and the mapping's tag rules say about its data.
    struct DataTags
    {
        std::optional<Classification> classification;
        QString datasetId;
        QString origin;
        QStringList categories;
        bool shared = false; // the dataset was named, so other resources may hold it too
    };
    void classify(const CloudResource &r, Workload &w);
    void classifyText(const CloudResource &r, const Workload &w, const std::string &value, const char *what,
                      std::optional<Classification> &classification);
    void readDataTags(const CloudResource &r, const Workload &w, DataTags &tags);
    void applyTagRules(const CloudResource &r, DataTags &tags) const;
    void checkOrigin(const CloudResource &r, const Workload &w, QString &origin);
    bool settleClassification(const CloudResource &r, const Workload &w, DataTags &tags);
    void chooseDatasetId(const CloudResource &r, const Workload &w, DataTags &tags);
    void holdKnownDataset(const CloudResource &r, Workload &w, DataTags &tags, std::size_t known);
    bool originForStricterClass(const CloudResource &r, const Workload &w, DataTags &tags, std::size_t known);
    void addCategories(const CloudResource &r, const Workload &w, const QStringList &categories, Dataset &d);
    void addDataset(const CloudResource &r, Workload &w, DataTags &tags, bool fresh);
    QString holderJurisdiction(const QString &location);
    // The origin assumed for `d` held by `w` (reported); false when none can be (holder unknown).
    bool defaultOrigin(const CloudResource &r, const Workload &w, const Dataset &d, QString &origin);
    struct NativeIdLookup;
    void resolveReplicas();
    void indexCopiedResources(NativeIdLookup &lookup) const;
    void queueLinks(const NativeIdLookup &lookup);
    void resolveReplica(const PendingReplica &p, NativeIdLookup &lookup);
    std::uint32_t namedReplica(const PendingReplica &p, const QString &srcId, NativeIdLookup &lookup);
    std::uint32_t replicaInRegion(const PendingReplica &p, const QString &srcId);
    void settleCollisions();
    void addReplicaFlow(std::uint32_t from, std::uint32_t to, const Replica &replica);
    // A copy of workload `from` at `location`; its id is `from-SUFFIX`, or SUFFIX alone with `ownName`.
    std::uint32_t addReplicaWorkload(std::uint32_t from, const QString &location, const QString &idSuffix,
                                     const Replica &replica, bool ownName);
    static std::string matchKey(const std::string &nativeId);

    const Catalog &m_catalog;
    const ImportMapping &m_mapping;
    QStringList m_files;
    ParsedDocument m_doc;
    std::vector<std::string> m_nativeIds; // parallel to workloads
    // Every id taken; workloads map to their index, other kinds to -1. Handed to the inventory
    // as its workload index, so a million ids are not hashed a second time.
    IdIndex m_ids;
    IdIndex m_datasetIndex;
    QStringList m_datasetHolder; // per dataset: where it was first found held
    QSet<QString> m_collided;    // names two resources share
    QHash<QString, QString> m_jurisdictionCache;
    std::vector<PendingReplica> m_replicas;
    std::vector<PendingLink> m_links;
    std::unordered_map<std::string, std::string> m_pairs; // "provider:region" → region
    Diagnostics m_warnings;
    ImportReport m_report;
    Checkpoint m_checkpoint;
    ImportFileSummary m_current;
    mapping::StringInterner m_shared;       // the mapper's thread
    mapping::StringInterner m_readerShared; // the reader's thread, only through prepare()
    std::unordered_map<std::string, std::optional<KindRule>> m_readerKinds; // the same
    std::vector<std::string> m_classificationKeys, m_datasetKeys, m_categoryKeys, m_originKeys;
    std::vector<std::vector<std::string>> m_ruleKeys;
    std::unordered_map<std::string, std::optional<Classification>> m_classes; // tag value → class
    std::unordered_map<std::string, std::optional<KindRule>> m_kinds;          // type → kind
    std::unordered_map<std::string, QString> m_locations; // "aws:eu-west-1" as written → reference, empty if malformed
    std::string m_locationKey;
    std::map<std::pair<int, bool>, std::pair<QString, QString>> m_skipTexts; // (reason, by mapping) → group, message
    QString m_noClassificationText; // the same sentence for every unclassified store
    const QString m_importType = QStringLiteral("import.type");
    const QString m_importId = QStringLiteral("import.id");
};

} // namespace atlas
