// The inventory: sites, datasets, workloads, flows, access and waivers as plain value types
// (inventory-format.md). Each entity remembers where it came from — a file position, or the
// edit that wrote it — so that findings, warnings and reports can point at it. Optional fields
// stay optional: "absent" and "false" mean different things to the policy engine (absent
// `encrypted` is unknown, not false). Validation and reference linking are
// inventoryvalidation.h's; changes go through inventoryedit.h.
#pragma once

#include "diagnostic.h"
#include "enums.h"
#include "idindex.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <ranges>
#include <vector>

namespace atlas {

// Field-presence bits: an overlay entry replaces only the fields it sets, and a required
// field is missing when its bit is clear.
using FieldMask = std::uint32_t;

// The bits of each entity kind's `present` mask, in the order of the reader's known fields.
namespace fields {
namespace site {
enum : FieldMask {
    Id = 1, Name = 2, Country = 4, Operator = 8
};
}
namespace dataset {
enum : FieldMask {
    Id = 1, Name = 2, Classification = 4, Categories = 8, Origin = 16, Consent = 32, Retention = 64, Redacted = 128, Keys = 256, Localisation = 512,
    TrainingBasis = 1024
};
}
namespace workload {
enum : FieldMask {
    Id = 1, Name = 2, Kind = 4, Location = 8, Operator = 16, OperatorHq = 32, Holds = 64, External = 128, Certifications = 256, Tags = 512,
    GeoRedundant = 1024
};
}
namespace flow {
enum : FieldMask {
    Id = 1, From = 2, To = 4, Carries = 8, Form = 16, Purpose = 32, Basis = 64, Encrypted = 128, Protections = 256, Volume = 512,
    Notified = 1024, Assessed = 2048
};
}
namespace access {
enum : FieldMask {
    Id = 1, Role = 2, From = 4, To = 8, Datasets = 16, Purpose = 32, Basis = 64, Notified = 128, Assessed = 256
};
}
namespace waiver {
enum : FieldMask {
    Rule = 1, Subject = 2, Reason = 4, ApprovedBy = 8, Expires = 16
};
}
} // namespace fields

// A reference to a dataset by id (a workload's `holds`, a flow's `carries`, an access entry's
// `datasets`): the id as written, where it was written, and the dataset's position in
// Inventory::datasets once validation has linked it — one array instead of three parallel
// ones, so an edit cannot leave them out of step.
struct DatasetRef
{
    QString id;
    SourceRef source;
    std::uint32_t index = 0; // into Inventory::datasets; set by linking (inventoryvalidation.h)

    friend bool operator==(const DatasetRef &, const DatasetRef &) = default;
};

using DatasetRefs = std::vector<DatasetRef>;

// The ids of `refs`, in order (for printing and comparing).
QStringList refIds(const DatasetRefs &refs);
const DatasetRef *findRef(const DatasetRefs &refs, QStringView id);
DatasetRef *findRef(DatasetRefs &refs, QStringView id);
inline bool containsRef(const DatasetRefs &refs, QStringView id) { return findRef(refs, id) != nullptr; }
// The linked dataset indexes of `refs`, for loops that need only those.
inline auto linkedIndexes(const DatasetRefs &refs)
{
    return refs | std::views::transform(&DatasetRef::index);
}

struct Site
{
    QString id;
    QString name;
    QString country;  // ISO 3166-1 alpha-2
    QString operatorId; // provider id or "self"
    FieldMask present = 0;
    SourceRef source;
};

struct Consent
{
    bool training = false;  // absent = false (no legal basis for secondary use)
    bool analytics = false;
};

struct Keys
{
    std::optional<KeyCustody> custody;
    QString location;      // a location reference
    SourceRef locationSource;
};

struct Dataset
{
    QString id;
    QString name;
    Classification classification = Classification::Restricted;
    CategorySet categories;
    QString origin;        // jurisdiction id or ISO country code, as written
    SourceRef originSource;
    Consent consent;
    std::optional<int> retentionDays;
    std::optional<bool> redacted;
    std::optional<Keys> keys;
    std::optional<Localisation> localisation;
    std::optional<TrainingBasis> trainingBasis; // absent = unknown
    FieldMask present = 0;
    SourceRef source;
};

// The training basis the dataset has: its `training_basis`, or consent when `consent.training`
// says so; absent when neither is recorded.
std::optional<TrainingBasis> effectiveTrainingBasis(const Dataset &dataset);

struct Tag
{
    QString key;
    QString value;
};

struct Workload
{
    QString id;
    QString name;
    WorkloadKind kind = WorkloadKind::Application;
    QString location;      // location reference, as written
    SourceRef locationSource;
    QString operatorId;    // empty = default (the region's operator, or self)
    QString operatorHq;    // ISO country of an operator the catalog does not know
    DatasetRefs holds;     // datasets at rest here
    bool external = false;
    CertificationSet certifications;
    QList<Tag> tags;
    // The provider copies the data to the region's pair (Azure GRS); absent = unknown.
    std::optional<bool> geoRedundant;
    FieldMask present = 0;
    SourceRef source;
};

struct Flow
{
    QString id;            // defaults to "<from>--<to>"
    QString from;
    QString to;
    SourceRef fromSource;
    SourceRef toSource;
    DatasetRefs carries;
    // Linked by a successful load: workload indexes, so consumers need no lookups.
    std::uint32_t fromIndex = 0;
    std::uint32_t toIndex = 0;
    FlowForm form = FlowForm::Raw;
    std::optional<Purpose> purpose;
    Basis basis = Basis::None;
    std::optional<bool> encrypted;
    ProtectionSet protections;
    std::optional<double> volumeGbPerDay;
    // A regime's prior steps (revision 2b): the regulator was notified; the transfer
    // assessment's date (null = none recorded).
    std::optional<bool> notified;
    QDate assessed;
    FieldMask present = 0;
    SourceRef source;
};

struct Access
{
    QString id;
    QString role;
    QString from;          // location reference of the accessor
    SourceRef fromSource;
    QString to;            // workload id
    SourceRef toSource;
    DatasetRefs datasets;
    std::uint32_t toIndex = 0;                // linked by a successful load
    QString purpose;       // free text for access
    Basis basis = Basis::None;
    // A regime's prior steps (revision 2b): the regulator was notified; the transfer
    // assessment's date (null = none recorded).
    std::optional<bool> notified;
    QDate assessed;
    FieldMask present = 0;
    SourceRef source;
};

struct Waiver
{
    QString rule;
    QString subject;
    SourceRef subjectSource;
    QString reason;
    QString approvedBy;
    QDate expires;
    FieldMask present = 0;
    SourceRef source;
};

enum class EntityKind : std::uint8_t { Site, Dataset, Workload, Flow, Access, Waiver };
QString entityKindName(EntityKind kind);

// Where each id value was written, one per entity in list order, for duplicate-id messages
// (which name the first definition's id, not its entity). A shorter table — a producer that
// has no separate id positions — stands for the entities' own `source`.
struct IdPositions
{
    std::vector<SourceRef> sites, datasets, workloads, flows, access;

    std::vector<SourceRef> *of(EntityKind kind); // null for waivers (they have no id)
};

// Who changed an inventory, when (UTC) and with which command (inventoryedit.h).
struct EditProvenance
{
    QString command; // "change flow", a CLI command, a GUI action
    QDateTime time;
    QString user;
};

struct Inventory
{
    int formatVersion = 1;
    QString organisation;
    QDate asOf;
    bool overlay = false;

    // SourceRef::file indexes this table. An applied edit appends a pseudo-entry naming it
    // ("edit 3 (change flow, alice, 2026-12-03T06:31:00Z)") and what it wrote points there with
    // line 0: SourceRef stays 12 bytes on every one of 10^6 entities, and every printer of
    // file:line:column names the edit without knowing about edits. Edits come after all files.
    QStringList files;
    struct EditRecord
    {
        std::uint32_t file; // its entry in `files`
        EditProvenance provenance;
    };
    std::vector<EditRecord> edits; // in the order applied

    std::vector<Site> sites;
    std::vector<Dataset> datasets;
    std::vector<Workload> workloads;
    std::vector<Flow> flows;
    std::vector<Access> access;
    std::vector<Waiver> waivers;
    IdPositions idPositions;

    QString fileOf(const SourceRef &ref) const { return files.value(int(ref.file)); }
    Diagnostic diagnosticAt(Severity severity, const SourceRef &ref, const QString &message) const;
    // The position of the id of the `index`-th entity of `kind` (a waiver's own position).
    SourceRef idSource(EntityKind kind, std::size_t index) const;
    // The edit that wrote what `ref` points at, or null for a position in an input file.
    const EditProvenance *provenance(const SourceRef &ref) const;
    bool isEdited(const SourceRef &ref) const { return !edits.empty() && ref.file >= edits.front().file; }

    // Id lookups (built by buildIndex(); ids are unique across all entity kinds).
    const Dataset *dataset(const QString &id) const;
    const Workload *workload(const QString &id) const;
    const Site *site(const QString &id) const;
    int datasetIndex(const QString &id) const { return m_datasetIndex.value(id, -1); }
    int workloadIndex(const QString &id) const { return m_workloadIndex.value(id, -1); }
    void buildIndex();
    // Ready-made indexes from a producer that hashed every id anyway (the cloud importers);
    // `workloads` may also map other kinds' ids, to -1.
    void setIndex(IdIndex datasetIndex, IdIndex workloadIndex);
    void takeIndex(Inventory &from);

private:
    IdIndex m_siteIndex;
    IdIndex m_datasetIndex;
    IdIndex m_workloadIndex;
};

} // namespace atlas
