// A report model and reading document full of hostile text — markup, attribute breakers,
// spreadsheet formulas, quotes, line breaks, non-ASCII — on a real analysis of an inventory
// whose own names are hostile (tests/data/report/hostile.yaml): what every renderer of the
// report must carry through unharmed and unexecuted. Shared by the renderers' tests.
#pragma once

#include "analysissupport.h"
#include "mapgraph.h"
#include "reportdocument.h"

namespace atlas::test::hostile {

using namespace Qt::StringLiterals;

inline const QString hostileInventory = QStringLiteral(ATLAS_TEST_DATA "/report/hostile.yaml");

// The texts every renderer must carry through unharmed (and unexecuted).
inline const QString script = u"<script>alert(1)</script>"_s;
inline const QString attribute = u"\" onmouseover=\"x"_s;
inline const QString hyperlink = u"=HYPERLINK(\"http://x\")"_s;
inline const QString plusOne = u"+1"_s;
inline const QString minusTwo = u"-2"_s;
inline const QString atSum = u"@SUM(A1)"_s;
inline const QString quoted = u"the \"approved\" list"_s;
inline const QString twoLines = u"first line\nsecond line"_s;
inline const QString unicode = u"Zürich 北京"_s;

inline std::shared_ptr<const AnalysisSnapshot> hostileAnalysis()
{
    static std::shared_ptr<const AnalysisSnapshot> snapshot = test::analysed(hostileInventory, QDate(2026, 12, 1));
    return snapshot;
}

inline QString sourceText(const Inventory &inventory, const SourceRef &ref)
{
    return displayFileName(inventory.fileOf(ref)) + u':' + QString::number(ref.line) + u':' + QString::number(ref.column);
}

// Findings of the analysis, two of them given hostile text where a spreadsheet looks first.
inline std::vector<Finding> hostileFindings(const AnalysisSnapshot &a)
{
    std::vector<Finding> findings = a.findings;
    if (findings.size() >= 2) {
        findings[0].title = hyperlink;
        findings[0].message = plusOne + u", "_s + script;
        findings[0].actions = {atSum, twoLines};
        findings[1].message = minusTwo;
        findings[1].waiverReason = quoted + u'\n' + unicode;
        findings[1].waiverExpires = QDate(2027, 6, 30);
    }
    return findings;
}

inline void fillRegisters(Report &r)
{
    ProcessingRecord p;
    p.dataset = u"patient-records"_s;
    p.datasetName = script;
    p.workload = u"us-trainer"_s;
    p.workloadKind = u"training"_s;
    p.location = unicode;
    p.purpose = hyperlink;
    p.transfer = u"flow:ehr-db--us-trainer:patient-records"_s;
    p.thirdCountries = {u"United States"_s, atSum};
    p.safeguard = plusOne;
    p.categories = u"personal, health"_s;
    p.recipients = minusTwo;
    p.retention = u"365 days"_s;
    p.security = twoLines;
    p.lawfulBasis = u"not recorded"_s;
    p.specialCategory = u"Art. 9 data: health; condition not recorded"_s;
    p.source = u"collected in EU"_s;
    r.processing.push_back(p);

    WorkloadRegisterRow w;
    w.workload = u"us-trainer"_s;
    w.name = script;
    w.kind = u"training"_s;
    w.operatorId = u"aws"_s;
    w.foreignLaws = {u"US CLOUD Act"_s};
    w.holds = {u"patient-records"_s};
    r.workloads.push_back(w);

    ReportTransfer t;
    t.id = u"flow:ehr-db--us-trainer:patient-records"_s;
    t.subject = u"ehr-db--us-trainer"_s;
    t.dataset = u"patient-records"_s;
    t.categories = {u"personal"_s, u"health"_s};
    t.form = u"raw"_s;
    t.purpose = hyperlink;
    t.from = u"ehr-db"_s;
    t.to = u"us-trainer"_s;
    t.origin = u"EU"_s;
    t.originLaw = u"GDPR Art. 44-49"_s;
    t.fromJurisdiction = u"EU"_s;
    t.destination = u"US"_s;
    t.destinationCountry = u"US"_s;
    t.adequacyReason = quoted + u", "_s + twoLines;
    t.encrypted = 1;
    t.gbPerDay = 12.5;
    t.assessmentNeeded = true;
    t.findings = {u"RES-001/flow/ehr-db--us-trainer/patient-records"_s};
    t.sourceText = u"hostile.yaml:41:5"_s;
    r.transfers.push_back(t);
    ReportTransfer access = t;
    access.id = u"access:support:patient-records"_s;
    access.via = SubjectKind::Access;
    access.purpose = atSum;
    access.adequate = 0;
    access.encrypted = -1;
    access.gbPerDay.reset();
    access.tool = TransferTool::Scc;
    r.transfers.push_back(access);

    ReportAssessment a;
    a.transfer = t.id;
    a.description = script;
    a.tool = u"none recorded"_s;
    a.measures = {{u"encryption in transit"_s, 1, u"hostile.yaml:47:5"_s, false}, {u"customer-held keys"_s, -1, {}, true}};
    a.inherent = RiskLevel::VeryHigh;
    a.residual = RiskLevel::High;
    a.forCounsel = {minusTwo};
    r.assessments.push_back(a);
}

inline void fillTheRest(Report &r)
{
    r.waivers.push_back({u"RES-004"_s, u"chat-app--prompt-log"_s, hyperlink, atSum, QDate(2027, 6, 30), 211, 1, u"active"_s, u"hostile.yaml:58:5"_s});
    r.lineage.push_back({u"patient-records"_s, script, u"EU"_s, {{u"collection"_s, {u"ehr-db (EU)"_s}}, {u"training"_s, {u"us-trainer (US)"_s}}}, {u"EU"_s, u"US"_s}});
    r.retention.push_back({u"chat-prompts"_s, u"sensitive"_s, true, std::nullopt, {u"prompt-log"_s}, {}});
    r.keys.push_back({u"patient-records"_s, u"restricted"_s, u"provider"_s, {}, {}, u"EU"_s, -1});
    r.actions.push_back({twoLines, 2, RuleSeverity::High, {u"RES-001"_s}, {u"RES-001/flow/ehr-db--us-trainer/patient-records"_s}});
    r.rules.push_back({u"RES-001"_s, script, u"high"_s, u"flow"_s, u"built-in"_s, {u"GDPR Art. 44"_s}, {u"A — local data, global model"_s}, false});
    r.laws.push_back({u"EU"_s, u"European Economic Area"_s, u"GDPR"_s, u"GDPR Art. 44-49"_s, u"adequacy"_s, {u"UK"_s}, u"https://eur-lex.europa.eu/eli/reg/2016/679/oj"_s, QDate(2026, 6, 1), true});
    r.glossary = {{u"TIA"_s, u"transfer impact assessment"_s}, {unicode, script}};
}

inline Report hostileReport(const AnalysisSnapshot &a)
{
    Report r;
    r.title = script;
    r.organisation = attribute + u' ' + unicode;
    r.asOf = QDate(2026, 12, 1);
    r.sections = allReportSections & ~(1u << int(ReportSection::Scenarios)) & ~(1u << int(ReportSection::Changes));
    r.disclaimer = u"Not legal advice."_s;
    r.provenance.inputs = {{hostileInventory, u"hostile.yaml"_s, 1234, u"ab12"_s, u"inventory"_s, u"residency-atlas inventory reader"_s}};
    r.provenance.packs = {{u"built-in"_s, u"cd34"_s, 20}};
    r.provenance.catalogNewest = QDate(2026, 6, 1);
    r.provenance.toolVersion = u"0.1.0"_s;
    r.provenance.parameters = {u"--as-of 2026-12-01"_s};
    r.coverage = a.coverage;
    r.limitations = {hyperlink};
    r.summary.findings.open[std::size_t(RuleSeverity::High)] = 2;
    r.summary.workloads = 4;
    r.summary.jurisdictions = {u"EU"_s, u"US"_s};
    r.summary.pairs.push_back({u"EU"_s, u"US"_s, 2, 2, 0, 13.5, 2, RuleSeverity::High});
    r.summary.pairs.push_back({u"EU"_s, {}, 1, 1, 0, 0, 0, std::nullopt});
    fillRegisters(r);
    r.findings = hostileFindings(a);
    for (const Finding &f : r.findings)
        r.findingSources << sourceText(*a.inventory, f.source);
    fillTheRest(r);
    return r;
}

inline std::shared_ptr<const MapScene> hostileMap(const AnalysisSnapshot &a)
{
    MapGraph graph = buildMap(a.facts, a.findings, MapOptions{});
    auto scene = layoutMap(std::move(graph));
    if (!scene)
        qFatal("%s", qPrintable(scene.error()));
    MapScene s = std::move(*scene);
    if (!s.graph.nodes.empty())
        s.graph.nodes.front().title = u"<script>alert(3)</script>"_s; // drawn (elided) on the map
    return std::make_shared<const MapScene>(std::move(s));
}

inline ReportTable hostileTable()
{
    ReportTable t;
    t.header = {u"Severity"_s, u"Risk"_s, u"Subject"_s, u"Detail"_s, u"Count"_s, u"Source"_s};
    t.styles = {CellStyle::Severity, CellStyle::Risk, CellStyle::Code, CellStyle::Plain, CellStyle::Plain, CellStyle::Plain};
    t.widths = {1, 1, 2, 4, 1, 3};
    t.rows = {{u"high"_s, u"very high"_s, script, attribute, u"12"_s, u"https://example.org/law?a=1&b=2"_s},
              {u"critical"_s, u"low"_s, u"id-2"_s, twoLines, u"3"_s, u"javascript:alert(1)"_s},
              {u"<b>bold</b>"_s, {}, unicode, hyperlink, u"1,024"_s, {}}};
    t.total = 250;
    t.overflow = u"Showing 3 of 250 <rows>. The full list: findings.csv, report.json."_s;
    return t;
}

inline ReportDocument hostileDocument(const AnalysisSnapshot &a)
{
    ReportDocument d;
    d.title = script;
    d.organisation = attribute;
    d.asOf = u"2026-12-01"_s;
    d.coverLines = {unicode, hyperlink};
    d.header = u"Residency Atlas · "_s + attribute;
    d.footer = u"Confidential · "_s + script;
    d.map = hostileMap(a);
    d.mapCaption = u"Map of "_s + script;

    ReportDocSection title{u"title"_s, u"1. Title and scope"_s, {}, {}};
    ReportBlock kv;
    kv.kind = ReportBlock::Kind::Table;
    kv.table.keyValue = true;
    kv.table.rows = {{u"Organisation"_s, attribute}, {u"Scope"_s, twoLines}};
    title.blocks.push_back(kv);

    ReportDocSection summary{u"summary"_s, u"2. Executive summary <b>"_s, {}, {{u"summary-severity"_s, u"By severity"_s}}};
    ReportBlock para;
    para.text = script + u' ' + attribute;
    ReportBlock note;
    note.kind = ReportBlock::Kind::Note;
    note.text = u"Not legal advice & not a <b>guarantee</b>."_s;
    ReportBlock heading;
    heading.kind = ReportBlock::Kind::Heading;
    heading.text = u"By severity"_s;
    heading.anchor = u"summary-severity"_s;
    ReportBlock chart;
    chart.kind = ReportBlock::Kind::Chart;
    chart.chart.title = u"Open findings <by> severity"_s;
    chart.chart.bars = {{u"<script>alert(2)</script>"_s, 3, severityColour(RuleSeverity::High), {}},
                        {unicode, 1, severityColour(RuleSeverity::Low), u"1 & more"_s}};
    ReportBlock bullets;
    bullets.kind = ReportBlock::Kind::Bullets;
    bullets.items = {hyperlink, script};
    summary.blocks = {para, note, heading, chart, bullets};

    ReportDocSection map{u"map"_s, u"3. Residency map"_s, {}, {}};
    ReportBlock mapBlock;
    mapBlock.kind = ReportBlock::Kind::Map;
    ReportBlock pageBreak;
    pageBreak.kind = ReportBlock::Kind::PageBreak;
    map.blocks = {mapBlock, pageBreak};

    ReportDocSection findings{u"findings"_s, u"4. Findings"_s, {}, {{u"findings-open"_s, u"Open <findings>"_s}}};
    heading.text = u"Open <findings>"_s;
    heading.anchor = u"findings-open"_s;
    ReportBlock table;
    table.kind = ReportBlock::Kind::Table;
    table.table = hostileTable();
    findings.blocks = {heading, table};

    d.sections = {title, summary, map, findings};
    return d;
}

} // namespace atlas::test::hostile
