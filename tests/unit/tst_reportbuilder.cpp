// The report model (analysis/reportbuilder): exact transfers, tools, adequacy, assessments with
// their risks, record-of-processing rows, waivers, actions and changes on a small estate
// (tests/data/report/small.yaml); on the bundled sample, the record of processing has a row for
// every (dataset, location, purpose, transfer), every transfer without adequacy or derogation
// has an assessment, provenance hashes equal sha256sum's, and the model is deterministic.
#include "reportbuilder.h"
#include "reportdocument.h"
#include "analysissupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <set>

using namespace atlas;
using namespace Qt::StringLiterals;

namespace {

const QString sample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");
const QString small = QStringLiteral(ATLAS_TEST_DATA "/report/small.yaml");

std::shared_ptr<const AnalysisSnapshot> analysed(const QString &file)
{
    return test::analysed(file, QDate(2026, 12, 1));
}

Report build(const QString &file, std::optional<PreviousReport> previous = {})
{
    ReportRequest rq;
    rq.snapshot = analysed(file);
    rq.previous = std::move(previous);
    auto r = buildReport(rq);
    if (!r)
        qFatal("%s", qPrintable(r.error()));
    return std::move(*r);
}

// Everything the document says, as text: two builds of the same inputs must say the same.
QString documentText(const Report &r)
{
    QString out;
    for (const ReportDocSection &s : buildReportDocument(r, nullptr).sections) {
        out += s.title + u'\n';
        for (const ReportBlock &b : s.blocks) {
            out += b.text + b.items.join(u'\n') + b.table.header.join(u'|') + u'\n';
            for (const QStringList &row : b.table.rows)
                out += row.join(u'|') + u'\n';
        }
    }
    return out;
}

} // namespace

class TestReportBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transfersOfTheSmallEstate()
    {
        const Report r = build(small);
        QStringList ids, tools, adequate;
        for (const ReportTransfer &t : r.transfers) {
            ids << t.id;
            tools << QString::fromLatin1(transferToolInfo(t.tool).id);
            adequate << QString::number(t.adequate);
        }
        // The anonymised flow is not a transfer of personal data; remote access is.
        QCOMPARE(ids, (QStringList{u"access:us-support:eu-patients"_s, u"flow:eu-to-uk:eu-patients"_s,
                                   u"flow:eu-to-us-billing:eu-patients"_s, u"flow:eu-to-us-training:eu-patients"_s}));
        QCOMPARE(tools, (QStringList{u"none"_s, u"adequacy"_s, u"consent"_s, u"scc"_s}));
        QCOMPARE(adequate, (QStringList{u"0"_s, u"1"_s, u"0"_s, u"0"_s}));
        const ReportTransfer *training = r.transfer(QStringLiteral("flow:eu-to-us-training:eu-patients"));
        QVERIFY(training);
        QCOMPARE(training->destination, QStringLiteral("US"));
        QCOMPARE(training->origin, QStringLiteral("EU"));
        QCOMPARE(training->keyCustody, QStringLiteral("customer"));
        QCOMPARE(training->keyLocation, QStringLiteral("EU"));
        QCOMPARE(training->gbPerDay.value_or(-1), 12.5);
        QCOMPARE(training->findings, QStringList{u"RES-004/flow/eu-to-us-training/eu-patients"_s});
        QVERIFY(training->assessmentNeeded);
        // A derogation is flagged and needs no assessment; adequacy needs none either.
        QVERIFY(!r.transfer(QStringLiteral("flow:eu-to-us-billing:eu-patients"))->assessmentNeeded);
        QVERIFY(!r.transfer(QStringLiteral("flow:eu-to-uk:eu-patients"))->assessmentNeeded);
        // The UK recipient runs on Azure: the CLOUD Act reaches it from outside the UK.
        QCOMPARE(r.transfer(QStringLiteral("flow:eu-to-uk:eu-patients"))->foreignLaws, QStringList{u"CLOUD Act (18 U.S.C. § 2713)"_s});

        QCOMPARE(r.summary.transfers, 4);
        QCOMPARE(r.summary.transfersWithoutAdequacy, 3);
        QCOMPARE(r.summary.pairs.size(), std::size_t(2));
        QCOMPARE(r.summary.pairs[0].destination, QStringLiteral("UK"));
        QCOMPARE(r.summary.pairs[1].destination, QStringLiteral("US"));
        QCOMPARE(r.summary.pairs[1].transfers, 3);
        QCOMPARE(r.summary.pairs[1].flows, 2);
        QCOMPARE(r.summary.pairs[1].accesses, 1);
        QCOMPARE(r.summary.pairs[1].gbPerDay, 12.5);
        QCOMPARE(r.summary.pairs[1].openFindings, 2); // RES-004 and RES-012; RES-010 is waived
        QCOMPARE(r.summary.pairs[1].worst, std::optional<RuleSeverity>(RuleSeverity::High));
    }

    void assessmentsGradeRisk()
    {
        const Report r = build(small);
        QCOMPARE(r.assessments.size(), std::size_t(2));
        const ReportAssessment &access = r.assessments[0];
        QCOMPARE(access.transfer, QStringLiteral("access:us-support:eu-patients"));
        QCOMPARE(access.tool, QStringLiteral("none recorded"));
        const ReportAssessment &scc = r.assessments[1];
        QCOMPARE(scc.tool, QStringLiteral("standard contractual clauses (GDPR Art. 46(2)(c))"));
        // Restricted health data: high, raised for special categories.
        QCOMPARE(scc.inherent, RiskLevel::VeryHigh);
        // Customer keys in the EU do not help a trainer that reads the data in the clear (use case 6).
        QCOMPARE(scc.residual, RiskLevel::VeryHigh);
        const auto keys = std::find_if(scc.measures.begin(), scc.measures.end(),
                                       [](const SupplementaryMeasure &m) { return m.measure.startsWith(u"Customer-held"); });
        QVERIFY(keys != scc.measures.end());
        QCOMPARE(keys->present, 1);
        QVERIFY(!keys->effective);
        QVERIFY(scc.forCounsel.size() >= 3);
        QVERIFY(scc.destinationLaw.join(u' ').contains(u"United States"));
    }

    void recordOfProcessing()
    {
        const Report r = build(small);
        QStringList rows;
        for (const ProcessingRecord &p : r.processing)
            rows << QStringList{p.workload, p.purpose, p.transfer, p.thirdCountries.join(u';'), p.safeguard}.join(u'|');
        QCOMPARE(rows, (QStringList{
                           u"eu-store|remote access: debugging|access:us-support:eu-patients|United States|none recorded"_s,
                           u"eu-store|storage|||"_s,
                           u"us-trainer|training|flow:eu-to-us-training:eu-patients|United States|standard contractual clauses"_s,
                           u"uk-analytics|analytics|flow:eu-to-uk:eu-patients|United Kingdom|adequacy decision"_s,
                           u"us-billing|support|flow:eu-to-us-billing:eu-patients|United States|explicit consent (derogation)"_s,
                       }));
        QCOMPARE(r.processing[2].specialCategory, QStringLiteral("Art. 9 data (health); condition not recorded"));
        QCOMPARE(r.processing[2].retention, QStringLiteral("365 days"));
        QCOMPARE(r.processing[2].lawfulBasis, QStringLiteral("not recorded"));
        QCOMPARE(r.processing[2].source, QStringLiteral("collected in EU — European Economic Area (GDPR)"));
    }

    void waiversActionsLineage()
    {
        const Report r = build(small);
        QCOMPARE(r.waivers.size(), std::size_t(2));
        QCOMPARE(r.waivers[0].subject, QStringLiteral("eu-to-uk"));
        QCOMPARE(r.waivers[0].status, QStringLiteral("matches nothing"));
        QCOMPARE(r.waivers[1].status, QStringLiteral("active"));
        QCOMPARE(r.waivers[1].daysRemaining, 61);
        QCOMPARE(r.waivers[1].matched, 1);
        // Ranked by findings addressed, then severity: the waived RES-010 has no action here.
        // Revision 2b: uk-analytics processes EU data on a US-operated cloud (RES-007's second clause).
        QCOMPARE(r.actions.size(), std::size_t(7));
        QCOMPARE(r.actions.front().rules, QStringList{u"RES-012"_s}); // restricted data unencrypted: high since 2b
        QCOMPARE(r.actions.back().rules, QStringList{u"RES-007"_s});
        QCOMPARE(r.lineage.size(), std::size_t(1));
        QCOMPARE(r.lineage[0].jurisdictions, (QStringList{u"EU"_s, u"UK"_s, u"US"_s}));
        QCOMPARE(r.lineage[0].stages.front().stage, QStringLiteral("collection"));
        QCOMPARE(r.lineage[0].stages.front().workloads, QStringList{u"eu-store (EU)"_s});
    }

    void provenanceHashesMatchSha256sum()
    {
        const Report r = build(small);
        QCOMPARE(r.provenance.inputs.size(), 1);
        QProcess sum;
        sum.start(QStringLiteral("sha256sum"), {small});
        QVERIFY(sum.waitForFinished());
        const QString expected = QString::fromLatin1(sum.readAllStandardOutput()).section(u' ', 0, 0);
        QCOMPARE(r.provenance.inputs[0].sha256, expected);
        QCOMPARE(r.provenance.inputs[0].bytes, QFileInfo(small).size());
        QCOMPARE(r.provenance.inputs[0].name, QStringLiteral("small.yaml"));
        QCOMPARE(r.provenance.packs.size(), 1);
        QCOMPARE(r.provenance.packs[0].rules, 20);
        QVERIFY(!r.provenance.packs[0].sha256.isEmpty());
        QCOMPARE(r.provenance.catalogSha256.size(), 64);
    }

    void changesSincePrevious()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("previous.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // RES-004 was medium, RES-001 on a flow is gone, RES-012 and RES-007 are new.
        f.write(R"({"as_of": "2026-11-01", "findings": [
            {"rule": "RES-004", "subject_kind": "flow", "subject_id": "eu-to-us-training", "dataset": "eu-patients",
             "severity": "medium", "status": "open", "title": "t4"},
            {"rule": "RES-001", "subject_kind": "flow", "subject_id": "eu-to-us-training", "dataset": "eu-patients",
             "severity": "critical", "status": "open", "title": "t1"},
            {"rule": "RES-010", "subject_kind": "access", "subject_id": "us-support", "dataset": "eu-patients",
             "severity": "high", "status": "waived", "title": "t10"}]})");
        f.close();
        const auto previous = readPreviousReport(path);
        QVERIFY(previous);
        QCOMPARE(previous->asOf, QDate(2026, 11, 1));
        const Report r = build(small, *previous);
        QVERIFY(r.changes);
        QCOMPARE(r.changes->opened, 3); // with RES-007 on uk-analytics (processing, revision 2b)
        QCOMPARE(r.changes->closed, 1);
        QCOMPARE(r.changes->changed, 1);
        QStringList lines;
        for (const ReportFindingChange &c : r.changes->changes)
            lines << c.change + u' ' + c.key;
        QCOMPARE(lines, (QStringList{u"closed RES-001/flow/eu-to-us-training/eu-patients"_s,
                                     u"opened RES-007/holding/eu-store/eu-patients"_s,
                                     u"opened RES-007/holding/uk-analytics/eu-patients"_s,
                                     u"opened RES-012/flow/eu-to-us-billing/eu-patients"_s,
                                     u"severity medium → high RES-004/flow/eu-to-us-training/eu-patients"_s}));
    }

    void brokenPreviousReportsNamePositions_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax") << QByteArray("{\n  \"findings\": [\n    {,}\n]}") << QStringLiteral(":3:7: error: not valid JSON");
        QTest::newRow("not a report") << QByteArray("[1, 2]") << QStringLiteral("not a report");
        QTest::newRow("finding without rule") << QByteArray(R"({"findings": [{"severity": "high"}]})") << QStringLiteral("finding 1 of");
    }
    void brokenPreviousReportsNamePositions()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("previous.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        const auto previous = readPreviousReport(path);
        QVERIFY(!previous);
        QVERIFY2(previous.error().toString().contains(message), qPrintable(previous.error().toString()));
    }

    void sampleRecordHasEveryDatasetLocationPurposeTransfer()
    {
        const Report r = build(sample);
        const auto snapshot = analysed(sample);
        const Inventory &inv = *snapshot->inventory;
        std::set<std::tuple<QString, QString, QString>> rows;
        for (const ProcessingRecord &p : r.processing)
            rows.insert({p.dataset, p.workload, p.transfer});
        std::set<QString> transfers;
        for (const ReportTransfer &t : r.transfers)
            transfers.insert(t.id);
        int checked = 0;
        for (std::size_t fi = 0; fi < inv.flows.size(); ++fi) {
            const Flow &fl = inv.flows[fi];
            if (!snapshot->facts.flows[fi].personalForm)
                continue;
            for (const DatasetRef &ref : fl.carries) {
                if (const Classification c = inv.datasets[ref.index].classification; c != Classification::Restricted && c != Classification::Sensitive)
                    continue;
                const QString id = QStringLiteral("flow:") + fl.id + u':' + ref.id;
                const QString transfer = transfers.contains(id) ? id : QString();
                QVERIFY2(rows.contains({ref.id, inv.workloads[fl.toIndex].id, transfer}), qPrintable(id));
                ++checked;
            }
        }
        QVERIFY(checked > 30);
        // Every transfer without adequacy and without a derogation has its assessment, in order.
        std::vector<QString> needing;
        for (const ReportTransfer &t : r.transfers)
            if (t.adequate != 1 && !transferToolInfo(t.tool).derogation)
                needing.push_back(t.id);
        std::vector<QString> assessed;
        for (const ReportAssessment &a : r.assessments)
            assessed.push_back(a.transfer);
        QCOMPARE(assessed, needing);
        // The counts of every section agree with the findings.
        QCOMPARE(r.summary.findings.total(), int(r.findings.size()));
        QCOMPARE(r.findingSources.size(), qsizetype(r.findings.size()));
    }

    void deterministic()
    {
        QCOMPARE(documentText(build(sample)), documentText(build(sample)));
    }
};

QTEST_GUILESS_MAIN(TestReportBuilder)
#include "tst_reportbuilder.moc"
