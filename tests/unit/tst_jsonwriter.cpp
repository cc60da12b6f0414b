// JsonStream writes the bytes QJsonDocument::toJson(Indented) writes: the check reports stream
// through it and their goldens (and users' diffs) must not change. Each case is compared with
// Qt's own output for the same value.
#include "jsonwriter.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

using namespace atlas;

namespace {

QByteArray streamed(const QJsonValue &v)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        JsonStream json(buffer);
        json.value(v);
        if (!json.flush())
            qFatal("write to a QBuffer failed");
    }
    return buffer.data();
}

QByteArray qt(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson() : QJsonDocument(v.toObject()).toJson();
}

// A device that takes the first `room` bytes and then refuses.
class FullDevice : public QIODevice
{
public:
    explicit FullDevice(qint64 room) : m_room(room) { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 n) override
    {
        if (n > m_room)
            return -1;
        m_room -= n;
        return n;
    }

private:
    qint64 m_room;
};

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void strings_data();
    void strings();
    void structure();
    void keysAscendAsQJsonObjectOrdersThem();
    void bigDocumentAcrossBlocks();
    void failedWriteIsReported();
};

void TestJsonWriter::strings_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("ascii") << QStringLiteral("eu-central-1 / RES-004: flow a → b");
    QTest::newRow("quotes and backslashes") << QStringLiteral("say \"hi\" C:\\dir\\");
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls += QChar(c);
    QTest::newRow("every control character") << controls + QChar(0x7f);
    QTest::newRow("latin-1, CJK, U+FFFF, U+E000") << QStringLiteral("é ß 中文 ") + QChar(0xffff) + QChar(0xe000);
    QTest::newRow("surrogate pair") << QStringLiteral("data 😀 here");
    QTest::newRow("lone high at end") << QStringLiteral("x") + QChar(0xd83d);
    QTest::newRow("lone high before a letter") << QStringLiteral("x") + QChar(0xd83d) + u'a';
    QTest::newRow("lone low") << QString(QChar(0xde00)) + u'a';
    QTest::newRow("high, high, low") << QString(QChar(0xd83d)) + QChar(0xd83d) + QChar(0xde00);
}

void TestJsonWriter::strings()
{
    QFETCH(QString, text);
    const QJsonObject o{{QStringLiteral("value"), text}, {text, QStringLiteral("as a key")}};
    QCOMPARE(streamed(o), qt(o));
    const QJsonArray a{text, text};
    QCOMPARE(streamed(a), qt(a));
}

void TestJsonWriter::structure()
{
    const QJsonObject o{
        {QStringLiteral("empty array"), QJsonArray{}},
        {QStringLiteral("empty object"), QJsonObject{}},
        {QStringLiteral("numbers"), QJsonArray{0, -1, qint64(1) << 40, 0.5, 1e300, -2.25}},
        {QStringLiteral("flags"), QJsonArray{true, false, QJsonValue(QJsonValue::Null)}},
        {QStringLiteral("nested"), QJsonArray{QJsonArray{QJsonArray{}}, QJsonObject{{QStringLiteral("a"), QJsonObject{}}}}},
    };
    QCOMPARE(streamed(o), qt(o));

    // The same written member by member, as the reports do.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        using namespace Qt::StringLiterals;
        JsonStream json(buffer);
        json.beginObject();
        json.key("a"_L1);
        json.stringOrNull(QString());
        json.memberStrings("b"_L1, {QStringLiteral("x"), QStringLiteral("y")});
        json.memberStrings("c"_L1, {});
        json.member("d"_L1, qint64(-7));
        json.memberValue("e"_L1, QJsonObject{{QStringLiteral("k"), true}});
        json.endObject();
    }
    const QJsonObject same{{QStringLiteral("a"), QJsonValue(QJsonValue::Null)},
                           {QStringLiteral("b"), QJsonArray{QStringLiteral("x"), QStringLiteral("y")}},
                           {QStringLiteral("c"), QJsonArray{}},
                           {QStringLiteral("d"), -7},
                           {QStringLiteral("e"), QJsonObject{{QStringLiteral("k"), true}}}};
    QCOMPARE(buffer.data(), qt(same));
}

// The reports sort dynamic keys (evidence paths) with QString's operator<; QJsonObject must
// order them the same way.
void TestJsonWriter::keysAscendAsQJsonObjectOrdersThem()
{
    QStringList keys{QStringLiteral("b"), QStringLiteral("aa"), QStringLiteral("a"), QStringLiteral("B"),
                     QStringLiteral("a_b"), QStringLiteral("a.b"), QStringLiteral("flow.destination"),
                     QStringLiteral("flow.dest"), QStringLiteral("é"), QStringLiteral("z9"), QStringLiteral("Z")};
    QJsonObject o;
    for (const QString &k : keys)
        o.insert(k, 1);
    std::sort(keys.begin(), keys.end());
    QCOMPARE(o.keys(), keys);
}

void TestJsonWriter::bigDocumentAcrossBlocks()
{
    QJsonArray a;
    for (int i = 0; i < 40000; ++i)
        a.append(QJsonObject{{QStringLiteral("i"), i}, {QStringLiteral("s"), QStringLiteral("ä😀\"x").repeated(i % 7)}});
    a.append(QString(3 << 20, u'é')); // one string bigger than a block
    QCOMPARE(streamed(a), qt(a));
}

void TestJsonWriter::failedWriteIsReported()
{
    FullDevice device(100);
    JsonStream json(device);
    json.beginArray();
    for (int i = 0; i < 1000; ++i)
        json.string(QStringLiteral("more than a hundred bytes in all"));
    json.endArray();
    QVERIFY(!json.flush());
    QVERIFY(!json.ok());
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
