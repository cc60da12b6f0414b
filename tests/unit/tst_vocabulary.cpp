// One table per vocabulary (revision 2): names parse back to their values, messages list the
// table, and the documentation names every entry — a new operator, severity, subject kind or
// pattern that docs/policy.md does not describe fails here, and so does an inventory value
// (models/enums.h) that docs/inventory-format.md or the inventory's JSON Schema lacks.
#include "enums.h"
#include "policyrule.h"
#include "policytypes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace atlas;

namespace {

QByteArray sourceFile(const char *path)
{
    QFile f(QStringLiteral(ATLAS_SOURCE_DIR "/") + QString::fromLatin1(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString policyDoc()
{
    return QString::fromUtf8(sourceFile("docs/policy.md"));
}

// The values a property of the schema's $defs allows ({"dataset", "keys", "custody"}), the
// items' for a list, without null (which is "absent").
QStringList schemaValues(const QJsonObject &schema, QStringList path)
{
    QJsonObject o = schema.value(QStringLiteral("$defs")).toObject().value(path.takeFirst()).toObject();
    for (const QString &p : path)
        o = o.value(QStringLiteral("properties")).toObject().value(p).toObject();
    if (o.contains(QStringLiteral("items")))
        o = o.value(QStringLiteral("items")).toObject();
    QStringList values;
    for (const QJsonValue &v : o.value(QStringLiteral("enum")).toArray())
        if (!v.isNull())
            values << v.toString();
    return values;
}

// An inventory enumeration: the schema allows exactly its table, in order, and the field's row
// in docs/inventory-format.md (the first table row for `field`) names every value.
template <typename E> void inventoryVocabulary(const QString &doc, const QJsonObject &schema, const char *field,
                                               const QStringList &schemaPath)
{
    QStringList names;
    for (std::string_view n : EnumNames<E>::names)
        names << QString::fromLatin1(n.data(), qsizetype(n.size()));
    QCOMPARE(schemaValues(schema, schemaPath), names);
    const qsizetype at = doc.indexOf(QStringLiteral("| `") + QString::fromLatin1(field) + QStringLiteral("` |"));
    QVERIFY2(at >= 0, field);
    const QString row = doc.mid(at, doc.indexOf(u'\n', at) - at);
    for (const QString &name : names)
        QVERIFY2(row.contains(u'`' + name + u'`'), qPrintable(QString::fromLatin1(field) + QStringLiteral(": ") + name));
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
    void inventoryVocabularies();
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

void TestVocabulary::inventoryVocabularies()
{
    const QString doc = QString::fromUtf8(sourceFile("docs/inventory-format.md"));
    const QJsonObject schema = QJsonDocument::fromJson(sourceFile("resources/schema/inventory.schema.json")).object();
    QVERIFY(!doc.isEmpty() && !schema.isEmpty());
    const auto path = [](std::initializer_list<const char *> parts) {
        QStringList out;
        for (const char *p : parts)
            out << QString::fromLatin1(p);
        return out;
    };
    inventoryVocabulary<Classification>(doc, schema, "classification", path({"dataset", "classification"}));
    inventoryVocabulary<Category>(doc, schema, "categories", path({"dataset", "categories"}));
    inventoryVocabulary<KeyCustody>(doc, schema, "keys", path({"dataset", "keys", "custody"}));
    inventoryVocabulary<Localisation>(doc, schema, "localisation", path({"dataset", "localisation"}));
    inventoryVocabulary<TrainingBasis>(doc, schema, "training_basis", path({"dataset", "training_basis"}));
    inventoryVocabulary<WorkloadKind>(doc, schema, "kind", path({"workload", "kind"}));
    inventoryVocabulary<Certification>(doc, schema, "certifications", path({"workload", "certifications"}));
    inventoryVocabulary<FlowForm>(doc, schema, "form", path({"flow", "form"}));
    inventoryVocabulary<Purpose>(doc, schema, "purpose", path({"flow", "purpose"}));
    inventoryVocabulary<Basis>(doc, schema, "basis", path({"flow", "basis"}));
    inventoryVocabulary<Protection>(doc, schema, "protections", path({"flow", "protections"}));
    QCOMPARE(schemaValues(schema, path({"access", "basis"})), schemaValues(schema, path({"flow", "basis"})));
}

QTEST_GUILESS_MAIN(TestVocabulary)
#include "tst_vocabulary.moc"
