// The import's fast building blocks against slow, obvious references: the 64-byte JSON block
// scanner (strings, escapes and brackets across block boundaries, errors), node positions, the
// line/column map, the flat id index (inserts, lookups, removals with backward shift), the
// kinds table read line by line against the YAML parser, the mapper's prepare() step (which
// the pipeline runs on the reader's thread) against mapping without it, and memory-mapped
// input files against copies.
#include "exportinput.h"
#include "idindex.h"
#include "jsonscan.h"
#include "resourcekinds.h"
#include "resourcemapper.h"
#include "testsupport.h"
#include "textinput.h"

#include <QFile>
#include <QHash>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace atlas;

namespace {

TextInput input(const std::string &text)
{
    auto made = TextInput::fromBytes(QStringLiteral("scan.json"), text, InputLimits{});
    if (!made)
        qFatal("%s", qPrintable(made.error().toString()));
    return std::move(*made);
}

// The reference: one character at a time. Returns the end of the value at `at`, or npos when
// the text is not a well-formed nest of strings and brackets.
std::size_t referenceEnd(const std::string &t, std::size_t at)
{
    std::vector<char> open;
    for (std::size_t i = at; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '"') {
            for (++i; i < t.size() && t[i] != '"'; ++i)
                if (t[i] == '\\')
                    ++i;
            if (i >= t.size())
                return std::string::npos;
        } else if (c == '\\') {
            return std::string::npos;
        } else if (c == '{' || c == '[') {
            open.push_back(c);
        } else if (c == '}' || c == ']') {
            if (open.empty() || (c == '}') != (open.back() == '{'))
                return std::string::npos;
            open.pop_back();
            if (open.empty())
                return i + 1;
        }
    }
    return std::string::npos;
}

std::string randomString(QRandomGenerator &rng)
{
    static const char *pieces[] = {"a", "b", "\\\\", "\\\"", "{", "}", "[", "]", ":", ",", " ", "\\n", "\\u00e9", "é", "x"};
    std::string s = "\"";
    const int n = int(rng.bounded(0, 40));
    for (int i = 0; i < n; ++i)
        s += pieces[rng.bounded(int(std::size(pieces)))];
    return s + '"';
}

std::string randomValue(QRandomGenerator &rng, int depth)
{
    const int pick = depth > 3 ? int(rng.bounded(3)) : int(rng.bounded(5));
    switch (pick) {
    case 0: return randomString(rng);
    case 1: return std::to_string(rng.bounded(100000));
    case 2: return "null";
    case 3: {
        std::string s = "[";
        const int n = int(rng.bounded(4));
        for (int i = 0; i < n; ++i)
            s += (i ? ", " : "") + randomValue(rng, depth + 1);
        return s + "]";
    }
    default: {
        std::string s = "{";
        const int n = int(rng.bounded(5));
        for (int i = 0; i < n; ++i)
            s += (i ? ",\n  " : "") + randomString(rng) + ": " + randomValue(rng, depth + 1);
        return s + "}";
    }
    }
}

} // namespace

class TestImportScan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escapesAcrossBlocks();
    void randomAgainstReference();
    void memberNamesAndPositions();
    void nestedPositions();
    void errors();
    void positionsOnLongAndShortLines();
    void idIndexAgainstQHash();
    void internerKeepsItsTexts();
    void kindsTableWithoutYamlParser();
    void preparedOnAnotherThreadMapsTheSame();
    void mappedFilesReadLikeCopies();
};

void TestImportScan::escapesAcrossBlocks()
{
    // A run of backslashes before a quote, moved across the 64-byte boundary one byte at a time:
    // an even run ends the string, an odd one escapes the quote.
    for (int pad = 0; pad < 140; ++pad) {
        for (int run = 0; run < 5; ++run) {
            std::string value = "\"" + std::string(std::size_t(pad), 'p') + std::string(std::size_t(run), '\\');
            if (run % 2)
                value += "\"still inside ] } :";
            value += "\"";
            const std::string text = "{\"k\": " + value + ", \"next\": [1, {\"x\": \"]\"}]}   ";
            const TextInput in = input(text);
            JsonScanner scanner(in, 0);
            auto end = scanner.valueEnd(0);
            QVERIFY2(end.has_value(), qPrintable(QStringLiteral("pad %1 run %2").arg(pad).arg(run)));
            QCOMPARE(*end, text.find("}]}") + 3);
        }
    }
}

void TestImportScan::randomAgainstReference()
{
    QRandomGenerator rng(20261128);
    for (int round = 0; round < 3000; ++round) {
        std::string text = "{\"a\": " + randomValue(rng, 0) + ", \"b\": " + randomValue(rng, 0) + "}";
        if (round % 2) { // break it somewhere: drop, duplicate or swap one byte
            const std::size_t at = rng.bounded(quint32(text.size()));
            if (static_cast<unsigned char>(text[at]) >= 0x80) // keep the text UTF-8
                continue;
            switch (rng.bounded(3)) {
            case 0: text.erase(at, 1); break;
            case 1: text.insert(at, 1, text[at]); break;
            default: text[at] = "\"\\{}[]"[rng.bounded(6)]; break;
            }
        }
        const std::string padded = std::string(rng.bounded(70), ' ') + text;
        const std::size_t start = padded.find_first_not_of(' ');
        if (start == std::string::npos || (padded[start] != '{' && padded[start] != '['))
            continue;
        const TextInput in = input(padded);
        JsonScanner scanner(in, 0);
        const auto end = scanner.valueEnd(start);
        const std::size_t expected = referenceEnd(padded, start);
        if (expected == std::string::npos)
            QVERIFY2(!end.has_value(), padded.c_str());
        else
            QVERIFY2(end.has_value() && *end == expected, padded.c_str());
    }
}

void TestImportScan::memberNamesAndPositions()
{
    // Every member at its own value (an escaped quote inside a name, a ':' and a '{' inside a
    // string change nothing); nested members never count as the item's own.
    const std::string text = "{\"first\": {\"inner\": 1},\n  \"se\\\"cond\" :\t\"v:{\",\n  \"third\": [\"a\"]}";
    const TextInput in = input(text);
    JsonScanner scanner(in, 0);
    auto end = scanner.valueEnd(0);
    QVERIFY(end);
    auto parsed = scanner.node(0, *end);
    QVERIFY(parsed);
    const JsonNode *node = *parsed;
    QCOMPARE(node->children.size(), std::size_t(3));
    // Positions are resolved when asked for, in any order within the item.
    QCOMPARE(node->children[2].key, std::string_view("third"));
    const SourceRef third = scanner.ref(node->children[2]);
    QCOMPARE(third.line, 3u);
    QCOMPARE(third.column, 12u);
    QCOMPARE(node->children[0].key, std::string_view("first"));
    const SourceRef first = scanner.ref(node->children[0]);
    QCOMPARE(first.line, 1u);
    QCOMPARE(first.column, 11u);
    const SourceRef inner = scanner.ref(node->children[0].children[0]); // deeper members too
    QCOMPARE(inner.column, 21u);
    const SourceRef item = scanner.ref(*node);
    QCOMPARE(item.line, 1u);
    QCOMPARE(item.column, 1u);
    QCOMPARE(node->children[1].text, std::string_view("v:{"));
}

void TestImportScan::nestedPositions()
{
    // Members at every depth get their own position, taken from the parser's token offsets:
    // inside lists of objects, beside members a filter drops (whose own members have the same
    // names, and hold scalars, lists and objects), and under escaped names.
    const std::string text = "{\"skip\": [{\"id\": 0, \"name\": \"x\"}],\n"
                             " \"items\": [\n"
                             "  {\"id\": 1, \"drop\": [1, true, null, {\"x\": [2.5, \"]\"]}], \"deep\": {\"n\\u0061me\": \"a\"}},\n"
                             "  {\"id\": 2, \"deep\": {\"name\": \"b\"}}\n"
                             " ],\n"
                             " \"pairs\": [{\"n\\u0061me\": \"c\"}, {\"name\": \"d\"}]}";
    const TextInput in = input(text);
    JsonScanner scanner(in, 0);
    auto end = scanner.valueEnd(0);
    QVERIFY(end);
    static const FieldFilter filter{"", {{"items", {{"id", {}}, {"deep", {{"name", {}}}}}}, {"pairs", {{"name", {}}}}}};
    auto parsed = scanner.node(0, *end, &filter);
    QVERIFY(parsed);
    const JsonNode *node = *parsed;
    const JsonNode &items = node->children[0];
    QCOMPARE(items.key, std::string_view("items"));
    QCOMPARE(items.children.size(), std::size_t(2));
    // Line 4: `  {"id": 2, "deep": {"name": "b"}}`
    const JsonNode &second = items.children[1];
    const SourceRef object2 = scanner.ref(second);
    QCOMPARE(object2.line, 4u);
    QCOMPARE(object2.column, 3u);
    const SourceRef id2 = scanner.ref(*second.member("id"));
    QCOMPARE(id2.line, 4u);
    QCOMPARE(id2.column, 10u);
    const SourceRef name2 = scanner.ref(*second.member("deep")->member("name"));
    QCOMPARE(name2.line, 4u);
    QCOMPARE(name2.column, 30u);
    // Line 3: after a dropped list of scalars and objects, under an escaped name: the "a".
    const JsonNode *deep1 = items.children[0].member("deep");
    QCOMPARE(deep1->children.size(), std::size_t(1));
    QCOMPARE(deep1->children[0].key, std::string_view("name"));
    const SourceRef escaped = scanner.ref(deep1->children[0]);
    QCOMPARE(escaped.line, 3u);
    QCOMPARE(escaped.column, 79u);
    const SourceRef id1 = scanner.ref(*items.children[0].member("id"));
    QCOMPARE(id1.line, 3u);
    QCOMPARE(id1.column, 10u);
    // Line 6: ` "pairs": [{"n\u0061me": "c"}, {"name": "d"}]}`: each object's own member.
    const JsonNode &pairs = node->children[1];
    QCOMPARE(pairs.children.size(), std::size_t(2));
    const SourceRef c = scanner.ref(pairs.children[0].children[0]);
    QCOMPARE(c.line, 6u);
    QCOMPARE(c.column, 26u);
    const SourceRef d = scanner.ref(pairs.children[1].children[0]);
    QCOMPARE(d.line, 6u);
    QCOMPARE(d.column, 41u);
}

void TestImportScan::errors()
{
    struct Case
    {
        std::string text;
        std::uint32_t line, column;
        QString message;
    };
    const Case cases[] = {
        {"{\"a\": \"open", 1, 7, QStringLiteral("this string is not closed")},
        {"{\"a\": [1, 2}", 1, 12, QStringLiteral("'}' does not close the list")},
        {"{\"a\": \\1}", 1, 7, QStringLiteral("a backslash outside a string")},
        {"{\"a\": {\"b\": 1}", 1, 15, QStringLiteral("the object opened at line 1, column 1 is not closed")},
        {std::string(100, ' ') + "{\"x\":\n\"" + std::string(70, 'y'), 2, 1, QStringLiteral("this string is not closed")},
    };
    for (const Case &c : cases) {
        const TextInput in = input(c.text);
        JsonScanner scanner(in, 0);
        auto end = scanner.valueEnd(c.text.find('{'));
        QVERIFY2(!end.has_value(), c.text.c_str());
        QCOMPARE(end.error().line, c.line);
        QCOMPARE(end.error().column, c.column);
        QVERIFY2(end.error().message.contains(c.message), qPrintable(end.error().message));
    }
}

void TestImportScan::positionsOnLongAndShortLines()
{
    // Columns count characters (é is two bytes), lines count '\n'; the cursor only moves forward.
    std::string text;
    for (int i = 0; i < 50; ++i)
        text += std::string(std::size_t(i % 23), 'a') + "\xc3\xa9" + '\n';
    PositionMap map(text);
    std::uint32_t line = 1, column = 1;
    for (std::size_t offset = 0; offset <= text.size(); ++offset) {
        const auto pos = map.at(offset);
        QCOMPARE(pos.line, line);
        QCOMPARE(pos.column, column);
        if (offset < text.size()) {
            if (text[offset] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) {
                ++column;
            }
        }
    }
    PositionMap again(text);
    const auto far = again.at(text.size());
    QCOMPARE(far.line, 51u);
    QCOMPARE(far.column, 1u);
}

void TestImportScan::idIndexAgainstQHash()
{
    QRandomGenerator rng(42);
    IdIndex index;
    QHash<QString, int> reference;
    QStringList ids;
    for (int i = 0; i < 20000; ++i)
        ids << QStringLiteral("vnet-billing-training-dev-%1").arg(rng.bounded(30000));
    for (int i = 0; i < ids.size(); ++i) {
        const bool fresh = !reference.contains(ids[i]);
        QCOMPARE(index.tryInsert(ids[i], i), fresh);
        if (fresh)
            reference.insert(ids[i], i);
    }
    QCOMPARE(index.size(), std::size_t(reference.size()));
    // Remove a third in random order, re-check everything (backward shift keeps probes intact).
    QStringList keys = reference.keys();
    std::sort(keys.begin(), keys.end());
    for (int i = 0; i < keys.size(); i += 3) {
        QVERIFY(index.remove(keys[i]));
        QVERIFY(!index.remove(keys[i]));
        reference.remove(keys[i]);
    }
    for (int i = 0; i < 30000; ++i) {
        const QString id = QStringLiteral("vnet-billing-training-dev-%1").arg(i);
        QCOMPARE(index.contains(id), reference.contains(id));
        QCOMPARE(index.value(id, -7), reference.value(id, -7));
    }
    index.insert(keys[1], 99); // replaces
    QCOMPARE(index.value(keys[1]), 99);
    QCOMPARE(index.size(), std::size_t(reference.size()));
    index.clear();
    QVERIFY(index.isEmpty());
    QVERIFY(!index.contains(keys[1]));
}

// The interner hands out references that callers keep while asking again (a tag's key, then
// its value): they must survive the table growing, and equal texts must share one QString.
void TestImportScan::internerKeepsItsTexts()
{
    mapping::StringInterner interner;
    std::vector<const QString *> first;
    for (int i = 0; i < 5000; ++i)
        first.push_back(&interner.get("text-" + std::to_string(i)));
    for (int i = 0; i < 5000; ++i) {
        const std::string text = "text-" + std::to_string(i);
        QCOMPARE(*first[std::size_t(i)], QString::fromStdString(text));
        QCOMPARE(&interner.get(text), first[std::size_t(i)]);
    }
    QCOMPARE(interner.get(""), QString());
    QVERIFY(interner.get("").isEmpty());
    // Texts over 40 bytes are converted, not kept: the same text, not the same object.
    const std::string longText(41, 'x');
    QCOMPARE(interner.get(longText), QString::fromStdString(longText));
    QCOMPARE(interner.get("text-4999"), QStringLiteral("text-4999"));
}

void TestImportScan::kindsTableWithoutYamlParser()
{
    QFile file(QStringLiteral(ATLAS_SOURCE_DIR "/resources/import/resource-kinds.yaml"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const std::string text = file.readAll().toStdString();
    // A trailing comment on one line is YAML the line reader leaves to yaml-cpp: both readings
    // must give the same table.
    std::string viaYaml = text;
    const std::size_t bucket = viaYaml.find("  AWS::S3::Bucket: storage\n");
    QVERIFY(bucket != std::string::npos);
    viaYaml.insert(bucket + std::string("  AWS::S3::Bucket: storage").size(), "  # forces the YAML parser");
    auto plain = KindTable::parse(QStringLiteral("kinds.yaml"), text);
    auto yaml = KindTable::parse(QStringLiteral("kinds.yaml"), viaYaml);
    QVERIFY(plain && yaml);
    QVERIFY(plain->size() > 1300);
    const auto a = plain->entries(), b = yaml->entries();
    QCOMPARE(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].first, b[i].first);
        QCOMPARE(a[i].second.kind, b[i].second.kind);
        QCOMPARE(a[i].second.skip, b[i].second.skip);
    }
    // Errors keep their positions either way.
    for (const std::string &bad : {std::string("kinds: 1\ntypes:\n  AWS::X::Y: storag\n"), std::string("kinds: 1\ntypes:\n  AWS::X::Y: storag  # c\n")}) {
        auto broken = KindTable::parse(QStringLiteral("kinds.yaml"), bad);
        QVERIFY(!broken);
        QCOMPARE(broken.error().front().line, 3u);
        QCOMPARE(broken.error().front().column, 14u);
        QVERIFY(broken.error().front().message.contains(u"'storag' is not a workload kind"));
    }
    auto twice = KindTable::parse(QStringLiteral("kinds.yaml"), "kinds: 1\ntypes:\n  AWS::X::Y: storage\n  aws::x::y: storage\n");
    QVERIFY(!twice);
    QCOMPARE(twice.error().front().line, 4u);
    QVERIFY(twice.error().front().message.contains(u"listed twice"));
}

namespace {

std::vector<CloudResource> mixedResources()
{
    std::vector<CloudResource> out;
    auto make = [&](std::string type, std::string name, std::string location, std::vector<std::pair<std::string, std::string>> tags) {
        CloudResource r;
        r.format = "aws-config";
        r.provider = "aws";
        r.type = std::move(type);
        r.name = std::move(name);
        r.nativeId = "arn:aws:x:" + r.location + "::" + r.name + std::to_string(out.size());
        r.location = std::move(location);
        r.locationField = "awsRegion";
        r.tags = std::move(tags);
        r.source = SourceRef{0, std::uint32_t(out.size() + 1), 1};
        out.push_back(std::move(r));
        return &out.back();
    };
    make("AWS::S3::Bucket", "payments-ledger", "eu-central-1", {{"data-classification", "sensitive"}, {"dataset", "ds-1"}, {"env", "prod"}});
    make("AWS::S3::Bucket", "payments-ledger", "us-east-1", {{"data-classification", "restricted"}, {"dataset", "ds-1"}});
    make("AWS::S3::Bucket", "Mixed Case Name", "eu-west-1", {{"Data-Classification", "operational"}, {"team", "é"}});
    make("AWS::EC2::VPC", "network-only", "eu-west-1", {});
    make("AWS::SageMaker::Endpoint", "_scorer_", "us-west-2", {{"classification", "unknown-label"}});
    make("AWS::Unknown::Thing", "42", "eu-north-1", {});
    make("AWS::S3::Bucket", "", "eu-west-3", {}); // no name: the native id is the name
    make("AWS::Lambda::Function", "fn", "", {})->status = ResourceStatus::Planned;
    make("AWS::S3::Bucket", "gone", "eu-west-1", {})->status = ResourceStatus::Deleted;
    CloudResource *row = make("AWS::RDS::DBInstance", "db", "eu-west-1", {});
    row->stated = CloudResource::Explicit{};
    row->stated->id = "Database-One";
    row->stated->classification = "personal";
    return out;
}

} // namespace

void TestImportScan::preparedOnAnotherThreadMapsTheSame()
{
    const ImportMapping mapping = ImportMapping::defaults();
    auto run = [&](bool prepareFirst) {
        ResourceMapper mapper(test::catalog(), mapping, {QStringLiteral("estate.json")});
        mapper.beginFile(0, QStringLiteral("aws-config"), 1000);
        for (CloudResource &r : mixedResources()) {
            if (prepareFirst)
                mapper.prepare(r);
            mapper.resource(std::move(r));
        }
        mapper.commitFile();
        Diagnostics diagnostics;
        ImportReport report;
        ParsedDocument doc = mapper.finish(diagnostics, report);
        QStringList lines;
        for (const Workload &w : doc.inventory.workloads) {
            QStringList tags;
            for (const Tag &t : w.tags)
                tags << t.key + u'=' + t.value;
            lines << QStringList{w.id, w.name, w.location, enumQName(w.kind), refIds(w.holds).join(u','), tags.join(u',')}.join(u'|');
        }
        for (const Dataset &d : doc.inventory.datasets)
            lines << QStringList{d.id, d.name, enumQName(d.classification), d.origin}.join(u'|');
        for (const ImportNote &n : std::as_const(report.assumptions) + report.skipped)
            lines << QStringList{QString::number(n.line), n.subject, n.type, n.group, n.message}.join(u'|');
        for (const Diagnostic &d : std::as_const(diagnostics))
            lines << d.toString();
        return lines;
    };
    const QStringList plain = run(false);
    const QStringList prepared = run(true);
    QCOMPARE(prepared, plain);
    // The sample covers what prepare() converts: suffixed ids of a shared name, a name that is
    // not an id, the native id as name, tags with import.type / import.id / import.status.
    QVERIFY(plain.filter(QStringLiteral("payments-ledger-")).size() >= 2);
    QVERIFY(plain.filter(QStringLiteral("|Mixed Case Name|")).size() == 1);
    QVERIFY(plain.filter(QStringLiteral("import.status=planned")).size() == 1);
    QVERIFY(plain.filter(QStringLiteral("database-one|")).size() >= 1);
}

void TestImportScan::mappedFilesReadLikeCopies()
{
    // Plain files of 1 MB and more are memory-mapped instead of read into a buffer: the text,
    // the BOM, the checks and the positions of their errors must be those of the copy.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string rows = "\xEF\xBB\xBF[\n";
    for (int i = 0; rows.size() < (std::size_t(1) << 20) + 4000; ++i)
        rows += "  {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/st" + std::to_string(i)
            + "\", \"name\": \"st" + std::to_string(i) + "\", \"location\": \"westeurope\", \"tags\": {\"owner\": \"équipe\"}},\n";
    rows += "  {\"id\": \"last\"}\n]\n";
    auto write = [&](const QString &name, const std::string &bytes) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes.data(), qint64(bytes.size())), qint64(bytes.size()));
    };
    write(QStringLiteral("big.json"), rows);
    const auto mapped = readInputFile(dir.filePath(QStringLiteral("big.json")), InputLimits{});
    const auto copied = TextInput::fromBytes(QStringLiteral("big.json"), rows, InputLimits{});
    QVERIFY(mapped && copied);
    QVERIFY(mapped->isMapped());
    QCOMPARE(mapped->bomSize(), std::size_t(3));
    QVERIFY(mapped->text() == copied->text());
    QVERIFY(mapped->paddedSize() >= mapped->text().size() + simdjson::SIMDJSON_PADDING);

    // A byte that is not UTF-8 near the end: the same message at the same line and column.
    std::string broken = rows;
    broken.insert(broken.size() - 20, "\xFF");
    write(QStringLiteral("broken.json"), broken);
    const auto badMapped = readInputFile(dir.filePath(QStringLiteral("broken.json")), InputLimits{});
    const auto badCopied = TextInput::fromBytes(dir.filePath(QStringLiteral("broken.json")), broken, InputLimits{});
    QVERIFY(!badMapped && !badCopied);
    QCOMPARE(badMapped.error().toString(), badCopied.error().toString());
    QVERIFY(badMapped.error().toString().contains(u"invalid UTF-8 (byte 0xFF)"));
    QVERIFY(badMapped.error().line > 1000);

    // A size that is a whole number of pages leaves no room for the parser's padding: read.
    std::string exact = rows.substr(0, std::size_t(1) << 20);
    exact.replace(exact.size() - 2, 2, "]\n");
    exact.erase(exact.rfind(",\n", exact.size() - 3), 1);
    write(QStringLiteral("pages.json"), exact);
    const auto paged = readInputFile(dir.filePath(QStringLiteral("pages.json")), InputLimits{});
    QVERIFY(paged);
    QVERIFY(!paged->isMapped());
    QCOMPARE(paged->text().size(), exact.size() - 3);
    QVERIFY(paged->paddedSize() >= paged->text().size() + simdjson::SIMDJSON_PADDING);
}

QTEST_GUILESS_MAIN(TestImportScan)
#include "tst_importscan.moc"
