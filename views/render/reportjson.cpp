// The report as JSON: the whole model, never capped and whatever sections were chosen — the
// machine-readable superset of the PDF and HTML — streamed with JsonStream so a report of 10^5
// transfers is written without a DOM of it. Each array element is a small QJsonObject (its keys
// then sort themselves); the top level and the arrays are streamed. Its `findings` are exactly
// `check --format json`'s, so a later report (or script) reads either the same way.
#include "reportformat.h"

#include "analysis.h"
#include "findingroots.h"
#include "findingsreport.h"
#include "jsonwriter.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>

namespace atlas {

using namespace Qt::StringLiterals;

namespace {

// ---- values: absent is null, never "" or -1 -------------------------------------------------

QJsonValue text(const QString &s) { return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s); }

QJsonArray strings(const QStringList &list)
{
    QJsonArray out;
    for (const QString &s : list)
        out.append(s);
    return out;
}

QJsonValue tri(int value) { return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value > 0); }

QJsonValue date(const QDate &d) { return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null); }

QJsonValue severity(const std::optional<RuleSeverity> &s) { return s ? QJsonValue(ruleSeverityName(*s)) : QJsonValue(QJsonValue::Null); }

QJsonObject bySeverity(const std::array<int, 5> &counts)
{
    QJsonObject o;
    for (std::size_t i = 0; i < counts.size(); ++i)
        o.insert(ruleSeverityName(RuleSeverity(i)), counts[i]);
    return o;
}

// ---- the model's parts, one object each ------------------------------------------------------

QJsonObject provenanceJson(const ReportProvenance &p)
{
    QJsonArray inputs;
    for (const ReportInputFile &f : p.inputs)
        inputs.append(QJsonObject{{u"path"_s, f.path}, {u"name"_s, f.name}, {u"bytes"_s, f.bytes}, {u"sha256"_s, text(f.sha256)},
                                  {u"format"_s, text(f.format)}, {u"importer"_s, text(f.importer)}});
    QJsonArray packs;
    for (const ReportPack &pack : p.packs)
        packs.append(QJsonObject{{u"name"_s, pack.name}, {u"sha256"_s, text(pack.sha256)}, {u"rules"_s, pack.rules}});
    return QJsonObject{{u"inputs"_s, inputs},
                       {u"packs"_s, packs},
                       {u"disabled"_s, strings(p.disabled)},
                       {u"catalog"_s, text(p.catalog)},
                       {u"catalog_sha256"_s, text(p.catalogSha256)},
                       {u"catalog_newest"_s, date(p.catalogNewest)},
                       {u"catalog_oldest"_s, date(p.catalogOldest)},
                       {u"catalog_unverified"_s, p.catalogUnverified},
                       {u"tool_version"_s, text(p.toolVersion)},
                       {u"parameters"_s, strings(p.parameters)},
                       {u"output_files"_s, strings(p.outputFiles)}};
}

QJsonObject pairJson(const JurisdictionPair &p)
{
    return QJsonObject{{u"origin"_s, text(p.origin)},       {u"destination"_s, text(p.destination)},
                       {u"transfers"_s, p.transfers},       {u"flows"_s, p.flows},
                       {u"accesses"_s, p.accesses},         {u"gb_per_day"_s, p.gbPerDay},
                       {u"open_findings"_s, p.openFindings}, {u"worst"_s, severity(p.worst)}};
}

QJsonObject summaryJson(const ReportSummary &s)
{
    QJsonArray pairs;
    for (const JurisdictionPair &p : s.pairs)
        pairs.append(pairJson(p));
    const QJsonObject findings{{u"open"_s, bySeverity(s.findings.open)},
                               {u"waived"_s, bySeverity(s.findings.waived)},
                               {u"open_total"_s, s.findings.openTotal()},
                               {u"total"_s, s.findings.total()}};
    return QJsonObject{{u"findings"_s, findings},
                       {u"subjects"_s, s.subjects},
                       {u"workloads"_s, s.workloads},
                       {u"datasets"_s, s.datasets},
                       {u"flows"_s, s.flows},
                       {u"accesses"_s, s.accesses},
                       {u"waivers"_s, s.waivers},
                       {u"transfers"_s, s.transfers},
                       {u"transfers_without_adequacy"_s, s.transfersWithoutAdequacy},
                       {u"restricted_personal_transfers"_s, s.restrictedPersonalTransfers},
                       {u"transfer_gb_per_day"_s, s.transferGbPerDay},
                       {u"restricted_personal_gb_per_day"_s, s.restrictedPersonalGbPerDay},
                       {u"jurisdictions"_s, strings(s.jurisdictions)},
                       {u"pairs"_s, pairs}};
}

// The executive summary's jurisdiction overview: the unknown jurisdiction's id is null.
QJsonValue jurisdictionId(const OverviewNode &n) { return n.unknown ? QJsonValue(QJsonValue::Null) : QJsonValue(n.id); }

QJsonObject overviewJson(const JurisdictionOverview &o)
{
    QJsonArray nodes, cells;
    for (const OverviewNode &n : o.nodes) {
        QJsonObject classes;
        for (std::size_t c = 0; c < n.datasetsByClass.size(); ++c)
            classes.insert(enumQName(Classification(c)), n.datasetsByClass[c]);
        nodes.append(QJsonObject{{u"id"_s, jurisdictionId(n)},         {u"name"_s, n.name},
                                 {u"countries"_s, strings(n.countries)}, {u"workloads"_s, n.workloads},
                                 {u"accessors"_s, n.accessors},         {u"datasets_held"_s, n.datasetsHeld},
                                 {u"datasets_by_class"_s, classes}});
    }
    for (const OverviewCell &c : o.cells)
        cells.append(QJsonObject{{u"origin"_s, jurisdictionId(o.nodes[std::size_t(c.origin)])},
                                 {u"destination"_s, jurisdictionId(o.nodes[std::size_t(c.destination)])},
                                 {u"crosses_border"_s, c.crossesJurisdiction()},
                                 {u"flows"_s, c.flows},
                                 {u"access"_s, c.access},
                                 {u"open_findings"_s, bySeverity(c.open)},
                                 {u"open_total"_s, c.openFindings()},
                                 {u"worst"_s, severity(c.worstOpen())},
                                 {u"gb_per_day"_s, c.flows > c.flowsWithoutVolume ? QJsonValue(c.gbPerDay) : QJsonValue(QJsonValue::Null)},
                                 {u"flows_without_volume"_s, c.flowsWithoutVolume},
                                 {u"summary"_s, cellSummary(c)}});
    return QJsonObject{{u"nodes"_s, nodes}, {u"cells"_s, cells}, {u"flows"_s, o.flows}, {u"access"_s, o.access}};
}

QJsonObject processingJson(const ProcessingRecord &r)
{
    return QJsonObject{{u"dataset"_s, r.dataset},
                       {u"dataset_name"_s, text(r.datasetName)},
                       {u"workload"_s, r.workload},
                       {u"workload_kind"_s, text(r.workloadKind)},
                       {u"location"_s, text(r.location)},
                       {u"country"_s, text(r.country)},
                       {u"jurisdiction"_s, text(r.jurisdiction)},
                       {u"purpose"_s, text(r.purpose)},
                       {u"transfer"_s, text(r.transfer)},
                       {u"third_countries"_s, strings(r.thirdCountries)},
                       {u"safeguard"_s, text(r.safeguard)},
                       {u"categories"_s, text(r.categories)},
                       {u"recipients"_s, text(r.recipients)},
                       {u"retention"_s, text(r.retention)},
                       {u"security"_s, text(r.security)},
                       {u"lawful_basis"_s, text(r.lawfulBasis)},
                       {u"special_category"_s, text(r.specialCategory)},
                       {u"source"_s, text(r.source)}};
}

QJsonObject workloadJson(const WorkloadRegisterRow &w)
{
    return QJsonObject{{u"id"_s, w.workload},
                       {u"name"_s, text(w.name)},
                       {u"kind"_s, text(w.kind)},
                       {u"location"_s, text(w.location)},
                       {u"country"_s, text(w.country)},
                       {u"jurisdiction"_s, text(w.jurisdiction)},
                       {u"operator"_s, text(w.operatorId)},
                       {u"operator_name"_s, text(w.operatorName)},
                       {u"operator_hq"_s, text(w.operatorHq)},
                       {u"foreign_laws"_s, strings(w.foreignLaws)},
                       {u"sovereign"_s, w.sovereign},
                       {u"holds"_s, strings(w.holds)},
                       {u"keys_for"_s, strings(w.keysFor)},
                       {u"open_findings"_s, w.openFindings}};
}

QJsonObject transferJson(const ReportTransfer &t)
{
    return QJsonObject{{u"id"_s, t.id},
                       {u"via"_s, subjectKindName(t.via)},
                       {u"subject"_s, t.subject},
                       {u"dataset"_s, t.dataset},
                       {u"classification"_s, enumQName(t.classification)},
                       {u"categories"_s, strings(t.categories)},
                       {u"form"_s, text(t.form)},
                       {u"purpose"_s, text(t.purpose)},
                       {u"from"_s, text(t.from)},
                       {u"to"_s, text(t.to)},
                       {u"origin"_s, text(t.origin)},
                       {u"origin_law"_s, text(t.originLaw)},
                       {u"from_jurisdiction"_s, text(t.fromJurisdiction)},
                       {u"destination"_s, text(t.destination)},
                       {u"destination_country"_s, text(t.destinationCountry)},
                       {u"destination_operator"_s, text(t.destinationOperator)},
                       {u"foreign_laws"_s, strings(t.foreignLaws)},
                       {u"tool"_s, QString::fromLatin1(transferToolInfo(t.tool).id)},
                       {u"adequate"_s, tri(t.adequate)},
                       {u"adequacy_reason"_s, text(t.adequacyReason)},
                       {u"encrypted"_s, tri(t.encrypted)},
                       {u"key_custody"_s, text(t.keyCustody)},
                       {u"key_location"_s, text(t.keyLocation)},
                       {u"protections"_s, strings(t.protections)},
                       {u"gb_per_day"_s, t.gbPerDay ? QJsonValue(*t.gbPerDay) : QJsonValue(QJsonValue::Null)},
                       {u"assessment_needed"_s, t.assessmentNeeded},
                       {u"findings"_s, strings(t.findings)},
                       {u"source"_s, text(t.sourceText)}};
}

QJsonObject assessmentJson(const ReportAssessment &a)
{
    QJsonArray measures;
    for (const SupplementaryMeasure &m : a.measures)
        measures.append(QJsonObject{{u"measure"_s, m.measure}, {u"present"_s, tri(m.present)},
                                    {u"evidence"_s, text(m.evidence)}, {u"effective"_s, m.effective}});
    return QJsonObject{{u"transfer"_s, a.transfer},
                       {u"description"_s, text(a.description)},
                       {u"tool"_s, text(a.tool)},
                       {u"destination_law"_s, strings(a.destinationLaw)},
                       {u"measures"_s, measures},
                       {u"inherent_risk"_s, riskLevelName(a.inherent)},
                       {u"inherent_reason"_s, text(a.inherentReason)},
                       {u"residual_risk"_s, riskLevelName(a.residual)},
                       {u"residual_reason"_s, text(a.residualReason)},
                       {u"for_counsel"_s, strings(a.forCounsel)}};
}

QJsonObject waiverJson(const ReportWaiver &w)
{
    return QJsonObject{{u"rule"_s, w.rule},
                       {u"subject"_s, w.subject},
                       {u"reason"_s, text(w.reason)},
                       {u"approved_by"_s, text(w.approvedBy)},
                       {u"expires"_s, date(w.expires)},
                       {u"days_remaining"_s, w.daysRemaining},
                       {u"matched"_s, w.matched},
                       {u"status"_s, w.status},
                       {u"source"_s, text(w.sourceText)}};
}

QJsonObject lineageJson(const ReportLineage &l)
{
    QJsonArray stages;
    for (const LineageStage &s : l.stages)
        stages.append(QJsonObject{{u"stage"_s, s.stage}, {u"workloads"_s, strings(s.workloads)}});
    return QJsonObject{{u"dataset"_s, l.dataset},
                       {u"name"_s, text(l.name)},
                       {u"origin"_s, text(l.origin)},
                       {u"stages"_s, stages},
                       {u"jurisdictions"_s, strings(l.jurisdictions)}};
}

QJsonObject retentionJson(const RetentionRow &r)
{
    return QJsonObject{{u"dataset"_s, r.dataset},
                       {u"classification"_s, text(r.classification)},
                       {u"telemetry"_s, r.telemetry},
                       {u"retention_days"_s, r.retentionDays ? QJsonValue(*r.retentionDays) : QJsonValue(QJsonValue::Null)},
                       {u"held_in"_s, strings(r.heldIn)},
                       {u"findings"_s, strings(r.findings)}};
}

QJsonObject keyJson(const KeyCustodyRow &k)
{
    return QJsonObject{{u"dataset"_s, k.dataset},
                       {u"classification"_s, text(k.classification)},
                       {u"custody"_s, text(k.custody)},
                       {u"key_location"_s, text(k.keyLocation)},
                       {u"key_jurisdiction"_s, text(k.keyJurisdiction)},
                       {u"origin"_s, text(k.origin)},
                       {u"outside_origin"_s, tri(k.outsideOrigin)}};
}

// One object per scenario, and one per metric with a value per scenario (in the same order).
QJsonValue scenariosJson(const std::optional<ReportScenarios> &s)
{
    if (!s)
        return QJsonValue::Null;
    QJsonArray scenarios;
    for (qsizetype i = 0; i < s->names.size(); ++i) {
        const std::size_t n = std::size_t(i);
        scenarios.append(QJsonObject{{u"name"_s, s->names[i]},
                                     {u"tradeoff"_s, text(s->tradeoffs.value(i))},
                                     {u"scope"_s, text(s->scopes.value(i))},
                                     {u"resolves"_s, strings(n < s->resolved.size() ? s->resolved[n] : QStringList())},
                                     {u"changes"_s, n < s->changes.size() ? QJsonValue(s->changes[n]) : QJsonValue(QJsonValue::Null)}});
    }
    QJsonArray metrics;
    for (const ReportScenarioRow &r : s->rows) {
        QJsonArray better;
        for (int b : r.better)
            better.append(b);
        metrics.append(QJsonObject{{u"metric"_s, r.metric}, {u"baseline"_s, text(r.baseline)},
                                   {u"values"_s, strings(r.values)}, {u"better"_s, better}});
    }
    return QJsonObject{{u"scenarios"_s, scenarios}, {u"metrics"_s, metrics}};
}

QJsonObject actionJson(const ReportAction &a)
{
    return QJsonObject{{u"action"_s, a.action}, {u"findings"_s, a.findings}, {u"worst"_s, severity(a.worst)},
                       {u"rules"_s, strings(a.rules)}, {u"keys"_s, strings(a.keys)}};
}

QJsonValue changesJson(const std::optional<ReportChanges> &c)
{
    if (!c)
        return QJsonValue::Null;
    QJsonArray changes;
    for (const ReportFindingChange &f : c->changes)
        changes.append(QJsonObject{{u"key"_s, f.key}, {u"rule"_s, f.rule}, {u"title"_s, text(f.title)},
                                   {u"severity"_s, ruleSeverityName(f.severity)}, {u"change"_s, f.change}});
    return QJsonObject{{u"previous"_s, text(c->previous)},
                       {u"previous_sha256"_s, text(c->previousSha256)},
                       {u"previous_as_of"_s, date(c->previousAsOf)},
                       {u"changes"_s, changes},
                       {u"opened"_s, c->opened},
                       {u"closed"_s, c->closed},
                       {u"changed"_s, c->changed}};
}

QJsonObject ruleJson(const ReportRule &r)
{
    return QJsonObject{{u"id"_s, r.id},
                       {u"title"_s, r.title},
                       {u"severity"_s, r.severity},
                       {u"subject"_s, text(r.subject)},
                       {u"pack"_s, text(r.pack)},
                       {u"references"_s, strings(r.references)},
                       {u"patterns"_s, strings(r.patterns)},
                       {u"disabled"_s, r.disabled}};
}

QJsonObject lawJson(const ReportLaw &l)
{
    return QJsonObject{{u"jurisdiction"_s, l.jurisdiction},
                       {u"name"_s, text(l.name)},
                       {u"law"_s, text(l.law)},
                       {u"transfer_law"_s, text(l.transferLaw)},
                       {u"regime"_s, text(l.regime)},
                       {u"adequate"_s, strings(l.adequate)},
                       {u"source"_s, text(l.source)},
                       {u"as_of"_s, date(l.asOf)},
                       {u"verified"_s, l.verified}};
}

QJsonArray sectionsJson(ReportSectionSet selected)
{
    QJsonArray out;
    for (const ReportSectionInfo &info : reportSections())
        if (hasSection(selected, info.section))
            out.append(QJsonObject{{u"id"_s, QString::fromLatin1(info.id)}, {u"title"_s, QString::fromLatin1(info.title)}});
    return out;
}

// ---- streaming ---------------------------------------------------------------------------

// Writes the top level in ascending key order (JsonStream requires it), reporting progress per
// part and stopping at a cancellation between parts or every 4096 elements.
class ReportJsonWriter
{
public:
    ReportJsonWriter(const ReportRenderInput &in, QIODevice &device) : m_in(in), m_device(device), m_json(device) {}

    std::expected<void, QString> write()
    {
        const Report &r = m_in.report;
        m_json.beginObject();
        array("actions"_L1, r.actions, actionJson);
        value("as_of"_L1, date(r.asOf));
        array("assessments"_L1, r.assessments, assessmentJson);
        value("changes"_L1, changesJson(r.changes));
        value("coverage"_L1, coverageJson(r.coverage));
        value("disclaimer"_L1, text(r.disclaimer));
        findings();
        value("format"_L1, u"residency-atlas-report"_s);
        value("format_version"_L1, 1);
        glossary();
        array("keys"_L1, r.keys, keyJson);
        array("laws"_L1, r.laws, lawJson);
        value("limitations"_L1, strings(r.limitations));
        array("lineage"_L1, r.lineage, lineageJson);
        value("organisation"_L1, text(r.organisation));
        value("overview"_L1, overviewJson(r.overview));
        array("processing"_L1, r.processing, processingJson);
        value("provenance"_L1, provenanceJson(r.provenance));
        array("retention"_L1, r.retention, retentionJson);
        array("rules"_L1, r.rules, ruleJson);
        value("scenarios"_L1, scenariosJson(r.scenarios));
        value("sections"_L1, sectionsJson(r.sections));
        value("summary"_L1, summaryJson(r.summary));
        value("title"_L1, text(r.title));
        array("transfers"_L1, r.transfers, transferJson);
        array("waivers"_L1, r.waivers, waiverJson);
        array("workloads"_L1, r.workloads, workloadJson);
        m_json.endObject();
        if (m_cancelled)
            return std::unexpected(u"cancelled"_s);
        if (!m_json.flush())
            return std::unexpected(u"cannot write the JSON report: "_s + m_device.errorString());
        return {};
    }

private:
    static constexpr int Parts = 27; // top-level members, for progress

    bool cancelled()
    {
        m_cancelled = m_cancelled || (m_in.cancel && m_in.cancel->load());
        return m_cancelled;
    }
    void done()
    {
        if (m_in.progress)
            m_in.progress(++m_done, Parts);
    }

    // After a cancellation the rest is written empty (the caller discards the file anyway), so
    // the document stays well-formed and JsonStream's checks hold.
    void value(QLatin1StringView key, const QJsonValue &v)
    {
        m_json.key(key);
        m_json.value(cancelled() ? QJsonValue(QJsonValue::Null) : v);
        done();
    }

    template <typename T, typename F> void array(QLatin1StringView key, const std::vector<T> &items, F toJson)
    {
        m_json.key(key);
        m_json.beginArray();
        for (std::size_t i = 0; i < items.size() && !(i % 4096 == 0 && cancelled()) && m_json.ok(); ++i)
            m_json.value(toJson(items[i]));
        m_json.endArray();
        done();
    }

    // check's own writer: the same objects as `check --format json`, in the report's order.
    void findings()
    {
        m_json.key("findings"_L1);
        if (cancelled() || !m_in.snapshot.inventory) {
            m_json.beginArray();
            m_json.endArray();
        } else {
            writeFindingsJsonArray(m_json, *m_in.snapshot.inventory, m_in.report.findings);
        }
        done();
    }

    void glossary()
    {
        m_json.key("glossary"_L1);
        m_json.beginArray();
        for (const auto &[term, definition] : m_in.report.glossary)
            m_json.value(QJsonObject{{u"term"_s, term}, {u"definition"_s, definition}});
        m_json.endArray();
        done();
    }

    const ReportRenderInput &m_in;
    QIODevice &m_device;
    JsonStream m_json;
    int m_done = 0;
    bool m_cancelled = false;
};

class JsonReportFormat final : public ReportFormat
{
public:
    QString id() const override { return u"json"_s; }
    QString name() const override { return u"JSON (the whole report model)"_s; }
    QString extension() const override { return u"json"_s; }
    QString fileName() const override { return u"report.json"_s; }
    std::expected<void, QString> write(const ReportRenderInput &in, QIODevice &device) const override
    {
        return ReportJsonWriter(in, device).write();
    }
};

} // namespace

std::unique_ptr<ReportFormat> makeJsonReportFormat() { return std::make_unique<JsonReportFormat>(); }

} // namespace atlas
