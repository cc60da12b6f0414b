// "Did you mean …?": which known name is close to a typo (the contract's closeness rule), which
// is picked among several, and that nothing is suggested when nothing is close.
#include "suggest.h"
#include "testsupport.h"

using namespace atlas;

namespace {
QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *s : items)
        out << QString::fromUtf8(s);
    return out;
}

const QStringList kTopLevel = list({"atlas", "organisation", "as_of", "overlay", "sites",
                                    "datasets", "workloads", "flows", "access", "waivers"});
const QStringList kDatasetFields =
    list({"id", "name", "classification", "categories", "origin", "consent", "retention_days",
          "redacted", "keys", "localisation"});
} // namespace

class TestSuggest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void closestMatch_data();
    void closestMatch();
    void withoutZoneSuffix_data();
    void withoutZoneSuffix();
    void didYouMeanFormats();
    void suggesterRemembersAndStopsAtItsBudget();
    void locations_data();
    void locations();
};

void TestSuggest::closestMatch_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("candidates");
    QTest::addColumn<QString>("expected"); // empty: no suggestion
    auto row = [](const char *name, const char *value, const QStringList &candidates,
                  const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(value) << candidates
                            << QString::fromUtf8(expected);
    };
    // Edit distance: insert, delete, replace, swap of neighbours.
    row("distance 1: a letter missing", "flow", kTopLevel, "flows");
    row("distance 1: a letter missing inside", "retention_day", kDatasetFields, "retention_days");
    row("distance 1: a letter wrong", "clasification", kDatasetFields, "classification");
    row("distance 1: two letters swapped", "restricetd",
        list({"restricted", "sensitive", "operational", "public"}), "restricted");
    row("distance 2", "retntion_dys", kDatasetFields, "retention_days");
    row("distance 2: a swap and a wrong letter", "eu-cnetral-2", list({"eu-central-1"}),
        "eu-central-1");
    row("distance 1: a letter more at the start", "aworkloads", kTopLevel, "workloads");
    row("distance 1: the first letter missing", "orkloads", kTopLevel, "workloads");
    row("distance 1: two swapped near the start", "wokrloads", kTopLevel, "workloads");
    row("distance 2: both ends", "xworkload", kTopLevel, "workloads");
    row("distance 2: two letters more at the end", "workloadsxy", kTopLevel, "workloads");
    row("distance 3: none", "rxtentxon_dayx", kDatasetFields, "");
    row("distance 3, letters missing: none", "retntin_dys", kDatasetFields, "");
    // Short names allow fewer edits (a third of the length): 'XX' is not close to every code.
    row("short: one edit of three letters", "EUR", list({"EU", "US"}), "EU");
    row("short: two letters replaced", "XX", list({"EU", "DE", "US"}), "");
    row("short: two of three letters", "crm", list({"cdn", "ehr-db"}), "");
    row("short: provider with a digit", "aws2", list({"aws", "azure", "gcp", "oci"}), "aws");
    // Case and -/_ are folded, whatever the length.
    row("case", "eu", list({"DE", "EU"}), "EU");
    row("case of a long name", "DATASETS", kTopLevel, "datasets");
    row("dash for underscore", "fine-tuning", list({"training", "fine_tuning"}), "fine_tuning");
    row("underscore and case", "EXTERNAL_HSM", list({"provider", "customer", "external-hsm"}),
        "external-hsm");
    // Zone suffixes, removed from either side.
    row("zone suffix, GCP", "europe-west3-z", list({"europe-west2", "europe-west3"}),
        "europe-west3");
    row("zone suffix, Azure", "westeurope-7", list({"westus", "westeurope"}), "westeurope");
    row("zone suffix beats one edit", "eu-central-1z", list({"eu-central-2", "eu-central-1"}),
        "eu-central-1");
    row("zone suffix missing", "us-east-1-qro-1", list({"us-east-1", "us-east-1-qro-1a"}),
        "us-east-1-qro-1a");
    // Preference and ties.
    row("folding beats an edit", "flows", list({"flow", "FLOWS"}), "FLOWS");
    row("one edit beats two", "workloadz", list({"worklod", "workloads"}), "workloads");
    row("tie: the first candidate", "eu-central-3", list({"eu-central-1", "eu-central-2"}),
        "eu-central-1");
    row("tie: the first candidate, other order", "eu-central-3",
        list({"eu-central-2", "eu-central-1"}), "eu-central-2");
    row("tie: the longer common beginning", "USA", list({"SA", "UM", "US"}), "US");
    row("tie: the longer common beginning, case folded", "gbr", list({"BR", "GB"}), "GB");
    // Nothing to suggest.
    row("no candidates", "flow", QStringList(), "");
    row("the value itself is no suggestion", "flows", kTopLevel, "");
    row("empty value", "", list({"a", "ab"}), "");
    row("unrelated", "legitimate-interest",
        list({"none", "adequacy", "scc", "bcr", "consent", "derogation", "contract"}), "");
}

void TestSuggest::closestMatch()
{
    QFETCH(QString, value);
    QFETCH(QStringList, candidates);
    QFETCH(QString, expected);
    QCOMPARE(atlas::closestMatch(value, candidates), expected);
}

void TestSuggest::withoutZoneSuffix_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("region");
    QTest::newRow("aws") << QStringLiteral("eu-central-1a") << QStringLiteral("eu-central-1");
    QTest::newRow("aws local zone")
        << QStringLiteral("us-east-1-qro-1a") << QStringLiteral("us-east-1-qro-1");
    QTest::newRow("gcp") << QStringLiteral("europe-west3-a") << QStringLiteral("europe-west3");
    QTest::newRow("azure") << QStringLiteral("westeurope-1") << QStringLiteral("westeurope");
    QTest::newRow("aws region") << QStringLiteral("eu-central-1") << QString();
    QTest::newRow("gcp region") << QStringLiteral("europe-west3") << QString();
    QTest::newRow("azure region") << QStringLiteral("westeurope") << QString();
    QTest::newRow("too short") << QStringLiteral("1a") << QString();
}

void TestSuggest::withoutZoneSuffix()
{
    QFETCH(QString, code);
    QFETCH(QString, region);
    QCOMPARE(atlas::withoutZoneSuffix(code), region);
}

void TestSuggest::didYouMeanFormats()
{
    QCOMPARE(didYouMean(QStringLiteral("flows")), QStringLiteral(" (did you mean 'flows'?)"));
    QCOMPARE(didYouMean(QString()), QString());
}

void TestSuggest::suggesterRemembersAndStopsAtItsBudget()
{
    // Two candidates, budget for two look-ups: the third distinct value gets nothing, a value
    // seen before still gets its answer.
    Suggester s(list({"patient-records", "usage-metrics"}), 4);
    QCOMPARE(s.closest(QStringLiteral("usage-metric")), QStringLiteral("usage-metrics"));
    QCOMPARE(s.closest(QStringLiteral("patient-record")), QStringLiteral("patient-records"));
    QCOMPARE(s.closest(QStringLiteral("patientrecords")), QString());
    QCOMPARE(s.closest(QStringLiteral("usage-metric")), QStringLiteral("usage-metrics"));
}

void TestSuggest::locations_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("expected");
    auto row = [](const char *reference, const char *expected) {
        QTest::newRow(reference) << QString::fromUtf8(reference) << QString::fromUtf8(expected);
    };
    row("aws:eu-centrall-1", "aws:eu-central-1");
    row("aws:EU-CENTRAL_1", "aws:eu-central-1");
    row("gcp:europe-wst3", "gcp:europe-west3");
    row("gpc:eu", "gcp:eu"); // a multi-region, of a mistyped provider
    row("azur:westeurope", "azure:westeurope");
    row("aws2:eu-central-1", "aws:eu-central-1");
    row("amazon:eu-central-1", "aws:eu-central-1"); // no close provider: the one with this code
    row("aws:eu-centrall-1a", "aws:eu-central-1a"); // a zone of a mistyped region keeps its zone
    row("gcp:europe-westt3-a", "gcp:europe-west3-a");
    row("azure:westeurope-7", "azure:westeurope"); // a zone the region does not have
    row("aws2:nowhere-9", "aws");                  // only the provider is close
    row("aws:eu-fake-9", "");
    row("zzz:nowhere", "");
    row("site:fra-dc", ""); // sites are the inventory's, not the catalog's
    row("DX", "");
}

void TestSuggest::locations()
{
    QFETCH(QString, reference);
    QFETCH(QString, expected);
    LocationSuggester suggester(test::catalog());
    QCOMPARE(suggester.closest(reference), expected);
}

QTEST_GUILESS_MAIN(TestSuggest)
#include "tst_suggest.moc"
