// One table per vocabulary (revision 2): names parse back to their values, messages list the
// table, and the documentation names every entry — a new operator, severity, subject kind or
// pattern that docs/policy.md does not describe fails here.
#include "policyrule.h"
#include "policytypes.h"

#include <QFile>
#include <QTest>

using namespace atlas;

namespace {

QString policyDoc()
{
    QFile f(QStringLiteral(ATLAS_SOURCE_DIR "/docs/policy.md"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

template <typename E> void roundTrips(std::span<const VocabularyEntry<E>> table)
{
    QVERIFY(!table.empty());
    for (const VocabularyEntry<E> &e : table) {
        const auto parsed = parseVocabulary(table, QString::fromLatin1(e.name));
        QVERIFY(parsed);
        QCOMPARE(*parsed, e.value);
        QVERIFY(QByteArray(e.meaning).size() > 5);
    }
    QVERIFY(!parseVocabulary(table, QStringLiteral("nonesuch")));
}

template <typename E> void documented(std::span<const VocabularyEntry<E>> table, const QString &doc)
{
    for (const VocabularyEntry<E> &e : table)
        QVERIFY2(doc.contains(u'`' + QString::fromLatin1(e.name) + u'`') || doc.contains(QString::fromLatin1(e.name) + u' ')
                     || doc.contains(u'|' + QString::fromLatin1(e.name)) || doc.contains(QString::fromLatin1(e.name) + u'|'),
                 e.name);
}

} // namespace

class TestVocabulary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tablesRoundTrip();
    void namesInOrder();
    void docsNameEveryEntry();
};

void TestVocabulary::tablesRoundTrip()
{
    roundTrips(subjectKinds());
    roundTrips(ruleSeverities());
    roundTrips(conditionOperators());
    for (std::size_t i = 0; i < ruleSeverities().size(); ++i) // the index is the rank
        QCOMPARE(std::size_t(ruleSeverities()[i].value), i);
    for (std::size_t i = 0; i < subjectKinds().size(); ++i)
        QCOMPARE(std::size_t(subjectKinds()[i].value), i);
}

void TestVocabulary::namesInOrder()
{
    QCOMPARE(vocabularyNames(ruleSeverities()), QStringLiteral("info, low, medium, high, critical"));
    QCOMPARE(vocabularyNames(subjectKinds()), QStringLiteral("flow, holding, access, dataset, workload"));
    QCOMPARE(vocabularyNames(conditionOperators()),
             QStringLiteral("in, not_in, gt, gte, lt, lte, exists, contains_any, contains_all"));
    QCOMPARE(subjectKindName(SubjectKind::Holding), QStringLiteral("holding"));
    QCOMPARE(ruleSeverityName(RuleSeverity::Critical), QStringLiteral("critical"));
}

void TestVocabulary::docsNameEveryEntry()
{
    const QString doc = policyDoc();
    QVERIFY(!doc.isEmpty());
    documented(ruleSeverities(), doc);
    documented(subjectKinds(), doc);
    documented(conditionOperators(), doc);
    for (const PatternInfo &p : architecturePatterns())
        QVERIFY2(doc.contains(p.name), qPrintable(p.name));
}

QTEST_GUILESS_MAIN(TestVocabulary)
#include "tst_vocabulary.moc"
