// The audit report as one computed model (issue 16): everything a PDF, HTML, JSON, CSV or SARIF
// rendering shows is here, computed once from an analysis (and the scenarios chosen), so that the
// formats cannot disagree on a count. Plain values, sorted: the same inputs and as-of date give
// the same model, so the renderings are byte-reproducible. Wording of sections belongs to the
// renderers; the facts, their sources and the verdicts belong here.
#pragma once

#include "coverage.h"
#include "enums.h"
#include "jurisdictionoverview.h"
#include "policytypes.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <span>
#include <vector>

namespace atlas {

// The report's sections, in the order they appear; `--sections` names them by `id`.
enum class ReportSection : std::uint8_t {
    Title, Provenance, Coverage, Summary, Map, Processing, Register, Transfers, Assessments,
    Findings, Waivers, Lineage, Retention, Scenarios, Actions, Changes, SignOff, Appendices
};
struct ReportSectionInfo
{
    ReportSection section;
    const char *id;       // "transfers"
    const char *title;    // "Transfer register"
};
std::span<const ReportSectionInfo> reportSections();
QString reportSectionId(ReportSection s);
QString reportSectionTitle(ReportSection s);
std::optional<ReportSection> parseReportSection(const QString &id);
using ReportSectionSet = std::uint32_t; // bit (1 << section)
constexpr ReportSectionSet allReportSections = (1u << (int(ReportSection::Appendices) + 1)) - 1;
inline bool hasSection(ReportSectionSet set, ReportSection s) { return set & (1u << int(s)); }

// A graded risk, for the transfer impact assessments (inherent before measures, residual after).
enum class RiskLevel : std::uint8_t { Low, Medium, High, VeryHigh };
QString riskLevelName(RiskLevel r); // "low", "medium", "high", "very high"

// ---- provenance ---------------------------------------------------------------------------

struct ReportInputFile
{
    QString path;          // as given on the command line
    QString name;          // file name only (what the report prints)
    qint64 bytes = 0;
    QString sha256;        // lower-case hex
    QString format;        // "inventory", "aws-config", …
    QString importer;      // "residency-atlas 0.1.0 inventory reader"
};

struct ReportPack
{
    QString name;          // "built-in" or the file name
    QString sha256;        // of the pack file; of the embedded resource for the built-in pack
    int rules = 0;
};

struct ReportProvenance
{
    QList<ReportInputFile> inputs;
    QList<ReportPack> packs;
    QStringList disabled;              // rule ids switched off, by packs or --disable
    QString catalog;                   // "embedded" or the catalog file
    QString catalogSha256;
    QDate catalogNewest, catalogOldest;// as-of dates of its facts
    int catalogUnverified = 0;         // facts marked verified: false
    QString toolVersion;               // ATLAS_VERSION
    QStringList parameters;            // the report's options, normalised (no paths of the machine)
    QStringList outputFiles;           // the files written with this report (--out DIR/), by name
};

// ---- summary ----------------------------------------------------------------------------

struct SeverityCounts
{
    std::array<int, 5> open{};         // by RuleSeverity (open and waiver-expired)
    std::array<int, 5> waived{};
    int total() const;
    int openTotal() const;
};

// One origin → destination jurisdiction pair: every transfer of data between them.
struct JurisdictionPair
{
    QString origin;                    // jurisdiction id ("" = unknown)
    QString destination;
    int transfers = 0;                 // (flow or access, dataset) pairs
    int flows = 0;                     // distinct flows
    int accesses = 0;                  // distinct access entries
    double gbPerDay = 0;
    int openFindings = 0;
    std::optional<RuleSeverity> worst; // of its open findings
};

struct ReportSummary
{
    SeverityCounts findings;
    int subjects = 0;                  // distinct roots of the open findings (findingroots.h)
    int workloads = 0, datasets = 0, flows = 0, accesses = 0, waivers = 0;
    int transfers = 0;                 // (flow|access, dataset) pairs leaving the data's origin
    int transfersWithoutAdequacy = 0;
    int restrictedPersonalTransfers = 0;
    double transferGbPerDay = 0;
    double restrictedPersonalGbPerDay = 0;
    QStringList jurisdictions;         // every jurisdiction the inventory touches, sorted
    std::vector<JurisdictionPair> pairs; // origin → destination, sorted by (origin, destination)
};

// ---- registers --------------------------------------------------------------------------

// Chapter V transfer tools (GDPR Art. 45/46/49 and their counterparts), from a flow's `basis`.
enum class TransferTool : std::uint8_t {
    None, Adequacy, Scc, Bcr, Consent, Contract, Derogation
};
struct TransferToolInfo
{
    TransferTool tool;
    const char *id;          // "scc"
    const char *name;        // "standard contractual clauses"
    const char *gdprArticle; // "Art. 46(2)(c)" — printed only for EEA and UK origins
    bool derogation;         // Art. 49
    bool needsAssessment;    // a TIA is expected when the destination is not adequate
};
const TransferToolInfo &transferToolInfo(TransferTool t);

struct ReportTransfer
{
    QString id;                        // "flow:<flow id>:<dataset>" or "access:<id>:<dataset>"
    SubjectKind via = SubjectKind::Flow; // Flow or Access
    QString subject;                   // the flow's or access entry's id
    QString dataset;
    Classification classification = Classification::Restricted;
    QStringList categories;
    QString form;                      // flow form ("raw"); "remote access" for access
    QString purpose;                   // flow purpose or access purpose, "" when not recorded
    QString from;                      // workload id (flow) or accessor's location (access)
    QString to;                        // workload id
    QString origin;                    // the dataset's origin jurisdiction
    QString originLaw;                 // the origin's transfer law ("GDPR Art. 44-49")
    QString fromJurisdiction, destination; // jurisdiction ids
    QString destinationCountry;        // ISO code
    QString destinationOperator;       // operator id of the receiving workload
    QStringList foreignLaws;           // laws reaching the receiving operator from abroad ("US CLOUD Act")
    TransferTool tool = TransferTool::None;
    int adequate = -1;                 // -1 unknown, 0 no, 1 yes (for this origin → destination)
    QString adequacyReason;
    int encrypted = -1;                // in transit; -1 not recorded
    QString keyCustody;                // "customer", "provider", "external_hsm", "" not recorded
    QString keyLocation;               // jurisdiction of the keys, "" not recorded
    QStringList protections;
    std::optional<double> gbPerDay;
    bool assessmentNeeded = false;     // not adequate (or unknown) and not a derogation
    QStringList findings;              // keys of the findings on this transfer, sorted
    SourceRef source;
    QString sourceText;                // "file:line:column"
};

// What a transfer impact assessment records for one transfer without adequacy (EDPB steps 1–6).
struct SupplementaryMeasure
{
    QString measure;                   // "encryption in transit", "customer-held keys in the origin"
    int present = -1;                  // -1 not recorded, 0 no, 1 yes
    QString evidence;                  // where the inventory says so
    bool effective = false;            // counts toward the residual risk (EDPB use cases 1/2/6)
};

struct ReportAssessment
{
    QString transfer;                  // ReportTransfer::id
    QString description;               // step 1: what, from where, to whom, why
    QString tool;                      // step 2: the tool (with its article for EEA/UK origins)
    QStringList destinationLaw;        // step 3: what the catalog knows of the destination
    std::vector<SupplementaryMeasure> measures; // step 4
    RiskLevel inherent = RiskLevel::High;
    QString inherentReason;
    RiskLevel residual = RiskLevel::High;
    QString residualReason;
    QStringList forCounsel;            // steps 3, 5, 6: what remains for a lawyer
};

// A row of the record of processing: one (dataset, location, purpose, transfer).
struct ProcessingRecord
{
    QString dataset, datasetName;
    QString workload;                  // where it is (held or processed)
    QString workloadKind;
    QString location;                  // "aws:eu-central-1 (Frankfurt, DE)"
    QString country, jurisdiction;
    QString purpose;                   // "storage" for a holding without a purpose
    QString transfer;                  // ReportTransfer::id of the transfer that brings it here, or ""
    QStringList thirdCountries;        // names of countries outside the origin jurisdiction it reaches here
    QString safeguard;                 // the transfer tool, "" with no transfer
    QString categories;                // personal-data categories
    QString recipients;                // the operator (and provider) of the workload
    QString retention;                 // "30 days" or "not recorded"
    QString security;                  // encryption, keys, protections as the inventory records them
    QString lawfulBasis;               // what the inventory records ("consent for training"), or "not recorded"
    QString specialCategory;           // "health" (Art. 9 data) or ""
    QString source;                    // the origin jurisdiction ("collected in EU")
};

struct WorkloadRegisterRow
{
    QString workload, name, kind;
    QString location, country, jurisdiction;
    QString operatorId, operatorName, operatorHq;
    QStringList foreignLaws;           // laws reaching the operator from outside the jurisdiction
    bool sovereign = false;
    QStringList holds;                 // dataset ids held
    QStringList keysFor;               // datasets whose keys are held in this workload's jurisdiction
    int openFindings = 0;
};

struct KeyCustodyRow
{
    QString dataset, classification, custody, keyLocation, keyJurisdiction, origin;
    int outsideOrigin = -1;
};

struct RetentionRow
{
    QString dataset, classification;
    bool telemetry = false;            // AI telemetry (prompts, transcripts, outputs, traces, logs)
    std::optional<int> retentionDays;
    QStringList heldIn;                // workload ids
    QStringList findings;              // RES keys about retention
};

// Where a restricted dataset goes, stage by stage (collection → training → inference → logging).
struct LineageStage
{
    QString stage;                     // "collection", "training", "inference", "logging", "other"
    QStringList workloads;             // "eu-trainer (EU)"
};
struct ReportLineage
{
    QString dataset, name, origin;
    std::vector<LineageStage> stages;
    QStringList jurisdictions;         // every jurisdiction it reaches
};

struct ReportWaiver
{
    QString rule, subject, reason, approvedBy;
    QDate expires;
    int daysRemaining = 0;             // negative: expired that many days ago
    int matched = 0;                   // findings it waives (or would, if unexpired)
    QString status;                    // "active", "expired", "matches nothing"
    QString sourceText;
};

// An action from the findings' remediation, ranked by how many open findings it addresses.
struct ReportAction
{
    QString action;                    // the filled action text
    int findings = 0;
    std::optional<RuleSeverity> worst;
    QStringList rules;                 // RES ids, sorted
    QStringList keys;                  // finding keys, sorted
};

// ---- scenarios and changes ------------------------------------------------------------

struct ReportScenarioRow
{
    QString metric;
    QString baseline;                  // the "before" value where the metric has one
    QStringList values;                // one per scenario
    QList<int> better;                 // per scenario: 1 better, -1 worse, 0 same or n/a
};
struct ReportScenarios
{
    QStringList names;                 // "A — local data, global model"
    QStringList tradeoffs;             // one per scenario
    QStringList scopes;
    std::vector<ReportScenarioRow> rows;
    std::vector<QStringList> resolved; // per scenario: finding keys it resolves
    std::vector<int> changes;          // per scenario: number of changes
};

struct ReportFindingChange
{
    QString key, rule, title;
    RuleSeverity severity = RuleSeverity::Info;
    QString change;                    // "opened", "closed", "severity high → critical", "waived", …
};
struct ReportChanges
{
    QString previous;                  // the previous report's file name
    QString previousSha256;
    QDate previousAsOf;
    std::vector<ReportFindingChange> changes; // sorted by (change kind, key)
    int opened = 0, closed = 0, changed = 0;
};

// ---- appendices -------------------------------------------------------------------------

struct ReportRule
{
    QString id, title, severity, subject, pack;
    QStringList references;
    QStringList patterns;              // "A — local data, global model"
    bool disabled = false;
};

struct ReportLaw
{
    QString jurisdiction, name, law, transferLaw, regime;
    QStringList adequate;              // destinations ("UK", "JP (partial: commercial)")
    QString source;
    QDate asOf;
    bool verified = true;
};

// ---- the model ----------------------------------------------------------------------------

struct Report
{
    QString title;
    QString organisation;
    QDate asOf;                        // the state attested (the report's date)
    ReportSectionSet sections = allReportSections;
    QString disclaimer;                // not legal advice, with the catalog's as-of dates

    ReportProvenance provenance;
    Coverage coverage;
    QStringList limitations;           // coverage gaps and unverified facts, as sentences
    ReportSummary summary;
    // The executive summary's figure and matrix: flows and access entries between jurisdictions
    // (by where the workloads are, not the data's origin) with their open findings and volume.
    JurisdictionOverview overview;
    std::vector<ProcessingRecord> processing;
    std::vector<WorkloadRegisterRow> workloads;
    std::vector<ReportTransfer> transfers;       // sorted by id
    std::vector<ReportAssessment> assessments;   // one per transfer needing one, same order
    std::vector<Finding> findings;               // sorted (sortFindings)
    QStringList findingSources;                  // "file:line:column" per finding
    std::vector<ReportWaiver> waivers;
    std::vector<ReportLineage> lineage;
    std::vector<RetentionRow> retention;
    std::vector<KeyCustodyRow> keys;
    std::optional<ReportScenarios> scenarios;
    std::vector<ReportAction> actions;
    std::optional<ReportChanges> changes;
    std::vector<ReportRule> rules;
    std::vector<ReportLaw> laws;
    std::vector<std::pair<QString, QString>> glossary;

    const ReportTransfer *transfer(const QString &id) const;
};

} // namespace atlas
