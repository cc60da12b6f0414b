// The findings dock's model and the grouping it rests on (models/findingroots.h): findings
// with one root are one group line over them, a root with one finding is a plain line, and the
// counts and words the reports share ("5 findings on 3 subjects").
#include "findingroots.h"
#include "findingsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace atlas;

namespace {

Finding finding(const char *rule, RuleSeverity severity, SubjectKind kind, const char *subject, const char *dataset, const char *root,
                FindingStatus status = FindingStatus::Open)
{
    Finding f;
    f.rule = QString::fromLatin1(rule);
    f.title = QStringLiteral("title of ") + f.rule;
    f.severity = severity;
    f.status = status;
    f.subjectKind = kind;
    f.subjectId = QString::fromLatin1(subject);
    f.dataset = QString::fromLatin1(dataset);
    f.root = QString::fromLatin1(root);
    f.message = QStringLiteral("message of ") + f.rule;
    return f;
}

// Sorted as the engine sorts them (most severe first). A model derived from the data of flow
// f-a and deployed on f-deploy stems from f-a; f-b's finding has no root set (built by hand).
std::shared_ptr<const std::vector<Finding>> sample()
{
    return std::make_shared<const std::vector<Finding>>(std::vector<Finding>{
        finding("RES-001", RuleSeverity::Critical, SubjectKind::Flow, "f-a", "d1", "flow:f-a"),
        finding("RES-004", RuleSeverity::High, SubjectKind::Flow, "f-a", "d1", "flow:f-a", FindingStatus::Waived),
        finding("RES-018", RuleSeverity::High, SubjectKind::Flow, "f-deploy", "d1", "flow:f-a"),
        finding("RES-007", RuleSeverity::Medium, SubjectKind::Holding, "w1", "d1", "holding:w1/d1"),
        finding("RES-012", RuleSeverity::Low, SubjectKind::Flow, "f-b", "", "", FindingStatus::Waived),
    });
}

} // namespace

class TestFindingsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roots();
    void words_data();
    void words();
    void tree();
    void resolved();
};

void TestFindingsModel::roots()
{
    const auto findings = sample();
    QCOMPARE(findingRoot((*findings)[4]), QStringLiteral("flow:f-b"));
    const std::vector<RootGroup> groups = groupByRoot(*findings);
    QCOMPARE(qsizetype(groups.size()), countRoots(*findings));
    QCOMPARE(groups.size(), std::size_t(3));
    QCOMPARE(groups[0].root, QStringLiteral("flow:f-a"));
    QCOMPARE(groups[0].members, (std::vector<std::uint32_t>{0, 1, 2}));
    QCOMPARE(groups[0].worst, RuleSeverity::Critical);
    QCOMPARE(groups[1].root, QStringLiteral("holding:w1/d1"));
    QCOMPARE(groups[1].worst, RuleSeverity::Medium);
    QCOMPARE(groups[2].root, QStringLiteral("flow:f-b"));
    // f-b's only finding is waived: two subjects still to act on.
    QCOMPARE(countOpenRoots(*findings), qsizetype(2));
    QVERIFY(groupByRoot({}).empty());
}

void TestFindingsModel::words_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    QTest::newRow("many") << findingsOnSubjects(114, 80) << QStringLiteral("114 findings on 80 subjects");
    QTest::newRow("one") << findingsOnSubjects(1, 1) << QStringLiteral("1 finding on 1 subject");
    QTest::newRow("none") << findingsOnSubjects(0, 0) << QStringLiteral("0 findings");
    QTest::newRow("flow") << rootLabel(QStringLiteral("flow:cn-chat-to-us-finetune")) << QStringLiteral("flow cn-chat-to-us-finetune");
    QTest::newRow("holding") << rootLabel(QStringLiteral("holding:de-ehr-db/eu-patient-records"))
                             << QStringLiteral("holding de-ehr-db / eu-patient-records");
    QTest::newRow("dataset") << rootLabel(QStringLiteral("dataset:in-card-tokens")) << QStringLiteral("dataset in-card-tokens");
}

void TestFindingsModel::words()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void TestFindingsModel::tree()
{
    FindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    const auto findings = sample();
    model.setFindings(findings, nullptr);
    QCOMPARE(model.findingCount(), qsizetype(5));
    QCOMPARE(model.subjectCount(), qsizetype(3));
    QCOMPARE(model.rowCount(), 3);

    // The group line: its subject and count, the worst severity, its rules and statuses once.
    const QModelIndex group = model.index(0, 0);
    QVERIFY(model.isGroup(group));
    QVERIFY(!model.finding(group));
    QCOMPARE(model.rowCount(group), 3);
    QCOMPARE(model.rowCount(group.siblingAtColumn(FindingsModel::Rule)), 0);
    QCOMPARE(group.data().toString(), QStringLiteral("critical"));
    QCOMPARE(group.data(FindingsModel::SortRole).toInt(), int(RuleSeverity::Critical));
    QCOMPARE(group.siblingAtColumn(FindingsModel::Subject).data().toString(), QStringLiteral("flow f-a — 3 findings"));
    QCOMPARE(group.siblingAtColumn(FindingsModel::Rule).data().toString(), QStringLiteral("RES-001, RES-004, RES-018"));
    QCOMPARE(group.siblingAtColumn(FindingsModel::DatasetColumn).data().toString(), QStringLiteral("d1"));
    QCOMPARE(group.siblingAtColumn(FindingsModel::Status).data().toString(), QStringLiteral("2 open, 1 waived"));
    QCOMPARE(group.data(FindingsModel::SubjectIdRole).toString(), QStringLiteral("f-a"));
    QCOMPARE(group.data(FindingsModel::SubjectKindRole).toString(), QStringLiteral("flow"));
    QCOMPARE(group.data(FindingsModel::RootRole).toString(), QStringLiteral("flow:f-a"));
    QVERIFY(group.data(FindingsModel::GroupRole).toBool());
    QVERIFY(group.data(FindingsModel::OpenRole).toBool());
    QVERIFY(group.data(Qt::ToolTipRole).toString().contains(u"RES-018"));

    // Its findings, in their order; the one derived elsewhere keeps its own subject.
    const QModelIndex derived = model.index(2, 0, group);
    QCOMPARE(derived.parent(), group);
    QVERIFY(!model.isGroup(derived));
    QCOMPARE(model.finding(derived)->rule, QStringLiteral("RES-018"));
    QCOMPARE(derived.siblingAtColumn(FindingsModel::Subject).data().toString(), QStringLiteral("flow f-deploy"));
    QCOMPARE(derived.data(FindingsModel::RootRole).toString(), QStringLiteral("flow:f-a"));
    QCOMPARE(model.indexOf(findingKey((*findings)[2])), derived);

    // A root with one finding is a plain line; a holding's group names its workload.
    const QModelIndex holding = model.index(1, 0);
    QVERIFY(!model.isGroup(holding));
    QCOMPARE(model.rowCount(holding), 0);
    QCOMPARE(model.finding(holding)->rule, QStringLiteral("RES-007"));
    QCOMPARE(holding.data(FindingsModel::SubjectIdRole).toString(), QStringLiteral("w1"));
    QCOMPARE(model.indexOf(findingKey((*findings)[3])), holding);
    QCOMPARE(model.indexOfRoot(QStringLiteral("flow:f-b")), model.index(2, 0));
    QVERIFY(!model.indexOfRoot(QStringLiteral("flow:nowhere")).isValid());
    QVERIFY(!model.indexOf(FindingKey{QStringLiteral("RES-001"), SubjectKind::Flow, QStringLiteral("nowhere"), {}}).isValid());

    model.setFindings(nullptr, nullptr);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.subjectCount(), qsizetype(0));
}

void TestFindingsModel::resolved()
{
    FindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto findings = sample();
    model.setFindings(findings, nullptr);
    const QModelIndex group = model.index(0, 0);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setResolved({findingKey((*findings)[0])});
    QCOMPARE(changed.count(), 2); // the top-level lines, and the one group's findings
    QVERIFY(model.index(0, 0, group).data(FindingsModel::ResolvedRole).toBool());
    QVERIFY(!group.data(FindingsModel::ResolvedRole).toBool()); // not all of it
    model.setResolved({findingKey((*findings)[0]), findingKey((*findings)[1]), findingKey((*findings)[2])});
    QVERIFY(group.data(FindingsModel::ResolvedRole).toBool());
    QVERIFY(!model.index(1, 0).data(FindingsModel::ResolvedRole).toBool());
}

QTEST_GUILESS_MAIN(TestFindingsModel)
#include "tst_findingsmodel.moc"
