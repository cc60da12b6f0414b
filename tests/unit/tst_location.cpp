// Every form of location reference resolves to the expected provider, region, country,
// jurisdiction and operator — and nothing is guessed from a name.
#include "location.h"
#include "residency.h"
#include "testsupport.h"

using namespace atlas;

class TestLocation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resolve_data();
    void resolve();
    void syntax_data();
    void syntax();
    void siteResolvesThroughInventory();
    void operatorOfSovereignRegionIsStillReachedByParentLaw();
    void operatorHqVendor();
};

void TestLocation::resolve_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("form");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("jurisdiction");
    QTest::addColumn<QString>("operatorId");

    auto row = [](const char *name, const char *ref, const char *form, const char *provider, const char *region,
                  const char *country, const char *jurisdiction, const char *op) {
        QTest::newRow(name) << QString::fromUtf8(ref) << QString::fromUtf8(form) << QString::fromUtf8(provider)
                            << QString::fromUtf8(region) << QString::fromUtf8(country)
                            << QString::fromUtf8(jurisdiction) << QString::fromUtf8(op);
    };
    row("aws region", "aws:eu-central-1", "region", "aws", "eu-central-1", "DE", "EU", "aws");
    row("azure region", "azure:westeurope", "region", "azure", "westeurope", "NL", "EU", "azure");
    row("gcp region", "gcp:europe-west3", "region", "gcp", "europe-west3", "DE", "EU", "gcp");
    row("oci region", "oci:eu-frankfurt-1", "region", "oci", "eu-frankfurt-1", "DE", "EU", "oci");
    row("aws zone by letter", "aws:eu-central-1a", "zone", "aws", "eu-central-1", "DE", "EU", "aws");
    row("gcp zone", "gcp:europe-west3-a", "zone", "gcp", "europe-west3", "DE", "EU", "gcp");
    row("azure numbered zone", "azure:westeurope-2", "zone", "azure", "westeurope", "NL", "EU", "azure");
    row("aws local zone abroad", "aws:us-east-1-qro-1a", "zone", "aws", "us-east-1", "MX", "MX", "aws");
    row("gcp multi-region eu", "gcp:eu", "multi-region", "gcp", "eu", "", "EU", "gcp");
    row("gcp multi-region upper case", "gcp:EU", "multi-region", "gcp", "eu", "", "EU", "gcp");
    row("gcp multi-region us", "gcp:us", "multi-region", "gcp", "us", "", "US", "gcp");
    row("gcp dual-region eur4", "gcp:eur4", "multi-region", "gcp", "eur4", "", "EU", "gcp");
    row("gcp multi-region asia spans several", "gcp:asia", "multi-region", "gcp", "asia", "", "", "gcp");
    row("aws global", "aws:global", "global", "aws", "global", "", "", "aws");
    row("aws-global pseudo region", "aws:aws-global", "global", "aws", "global", "", "", "aws");
    row("azure global", "azure:global", "global", "azure", "global", "", "", "azure");
    row("gcp global", "gcp:global", "global", "gcp", "global", "", "", "gcp");
    row("country", "DE", "country", "", "", "DE", "EU", "self");
    row("UK country", "GB", "country", "", "", "GB", "UK", "self");
    row("Hong Kong is its own", "HK", "country", "", "", "HK", "HK", "self");
    row("Norway is EEA", "NO", "country", "", "", "NO", "EU", "self");
    row("Switzerland is not EU", "CH", "country", "", "", "CH", "CH", "self");
    row("unknown literal", "unknown", "unknown", "", "", "", "", "");
    row("hong kong region", "aws:ap-east-1", "region", "aws", "ap-east-1", "HK", "HK", "aws");
    row("taiwan region", "gcp:asia-east1", "region", "gcp", "asia-east1", "TW", "TW", "gcp");
    row("zurich region", "aws:eu-central-2", "region", "aws", "eu-central-2", "CH", "CH", "aws");
    row("london region", "gcp:europe-west2", "region", "gcp", "europe-west2", "GB", "UK", "gcp");
    row("sovereign region", "aws:eusc-de-east-1", "region", "aws", "eusc-de-east-1", "DE", "EU", "aws-eusc");
    row("china region (run by Sinnet)", "aws:cn-north-1", "region", "aws", "cn-north-1", "CN", "CN", "sinnet");
    row("us gov region", "aws:us-gov-west-1", "region", "aws", "us-gov-west-1", "US", "US", "aws");
    // Never guessed from the name:
    row("unknown aws region", "aws:eu-north-9", "unresolved", "aws", "", "", "", "");
    row("unlisted local zone", "aws:us-east-1-xyz-1a", "unresolved", "aws", "", "", "", "");
    row("zone of unknown region", "gcp:europe-west99-a", "unresolved", "gcp", "", "", "", "");
    row("unknown provider", "alibaba:cn-hangzhou", "unresolved", "alibaba", "", "", "", "");
    row("not an ISO country", "XZ", "unresolved", "", "", "", "", "self");
    row("unknown site without inventory", "site:fra-dc1", "unresolved", "", "", "", "", "");
}

void TestLocation::resolve()
{
    QFETCH(QString, reference);
    QFETCH(QString, form);
    QFETCH(QString, provider);
    QFETCH(QString, region);
    QFETCH(QString, country);
    QFETCH(QString, jurisdiction);
    QFETCH(QString, operatorId);
    const ResolvedLocation loc = resolveLocation(test::catalog(), reference);
    QCOMPARE(locationFormName(loc.form), form);
    QCOMPARE(loc.provider, provider);
    QCOMPARE(loc.region, region);
    QCOMPARE(loc.country, country);
    QCOMPARE(loc.jurisdiction, jurisdiction);
    QCOMPARE(loc.operatorId, operatorId);
    // Unknown residency always says why; known residency always cites its sources.
    if (jurisdiction.isEmpty())
        QVERIFY2(!loc.problem.isEmpty(), qPrintable(reference));
    else
        QVERIFY2(!loc.sources.isEmpty(), qPrintable(reference));
    QCOMPARE(loc.needsWarning(), form == u"unresolved");
}

void TestLocation::syntax_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<bool>("valid");
    QTest::newRow("region") << QStringLiteral("aws:eu-central-1") << true;
    QTest::newRow("site") << QStringLiteral("site:fra-dc1") << true;
    QTest::newRow("country") << QStringLiteral("IN") << true;
    QTest::newRow("unknown") << QStringLiteral("unknown") << true;
    QTest::newRow("bare region") << QStringLiteral("eu-central-1") << false;
    QTest::newRow("lower-case country") << QStringLiteral("de") << false;
    QTest::newRow("upper-case provider") << QStringLiteral("AWS:eu-central-1") << false;
    QTest::newRow("empty region") << QStringLiteral("aws:") << false;
    QTest::newRow("bad site id") << QStringLiteral("site:Fra DC") << false;
    QTest::newRow("spaces") << QStringLiteral("aws: eu-central-1") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestLocation::syntax()
{
    QFETCH(QString, reference);
    QFETCH(bool, valid);
    const auto problem = locationSyntaxError(reference);
    QCOMPARE(!problem.has_value(), valid);
    if (problem)
        QVERIFY(problem->contains(u"invalid location reference"));
}

void TestLocation::siteResolvesThroughInventory()
{
    auto loaded = test::load({{"sites.yaml", R"(atlas: 1
sites:
  - {id: fra-dc1, country: DE, operator: self}
  - {id: msk-dc1, country: RU}
)"}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const ResolvedLocation fra = resolveLocation(test::catalog(), QStringLiteral("site:fra-dc1"), &loaded->inventory);
    QCOMPARE(locationFormName(fra.form), QStringLiteral("site"));
    QCOMPARE(fra.country, QStringLiteral("DE"));
    QCOMPARE(fra.jurisdiction, QStringLiteral("EU"));
    QCOMPARE(fra.operatorId, QStringLiteral("self"));
    const ResolvedLocation msk = resolveLocation(test::catalog(), QStringLiteral("site:msk-dc1"), &loaded->inventory);
    QCOMPARE(msk.jurisdiction, QStringLiteral("RU"));
    const ResolvedLocation none = resolveLocation(test::catalog(), QStringLiteral("site:nowhere"), &loaded->inventory);
    QVERIFY(!none.isKnown());
    QVERIFY(none.problem.contains(u"unknown site"));
}

void TestLocation::operatorOfSovereignRegionIsStillReachedByParentLaw()
{
    const Catalog &c = test::catalog();
    const ResolvedLocation loc = resolveLocation(c, QStringLiteral("aws:eusc-de-east-1"));
    QVERIFY(loc.sovereign);
    const OperatorFacts op = operatorFacts(c, {}, {}, loc);
    QCOMPARE(op.id, QStringLiteral("aws-eusc"));
    QCOMPARE(op.hqJurisdiction, QStringLiteral("EU"));
    QVERIFY(op.extraterritorial);               // the US parent: CLOUD Act
    QCOMPARE(op.lawJurisdiction, QStringLiteral("US"));
    const OperatorFacts self = operatorFacts(c, {}, {}, resolveLocation(c, QStringLiteral("DE")));
    QCOMPARE(self.id, QStringLiteral("self"));
    QVERIFY(!self.extraterritorial);
}

void TestLocation::operatorHqVendor()
{
    const Catalog &c = test::catalog();
    const ResolvedLocation loc = resolveLocation(c, QStringLiteral("aws:eu-west-1"));
    const OperatorFacts us = operatorFacts(c, {}, QStringLiteral("US"), loc);
    QCOMPARE(us.id, QStringLiteral("vendor:US"));
    QVERIFY(us.extraterritorial);
    const OperatorFacts fr = operatorFacts(c, {}, QStringLiteral("FR"), loc);
    QCOMPARE(fr.hqJurisdiction, QStringLiteral("EU"));
    QVERIFY(!fr.extraterritorial);
    const OperatorFacts ovh = operatorFacts(c, QStringLiteral("ovhcloud"), {}, loc);
    QVERIFY(ovh.known);
    QVERIFY(!ovh.extraterritorial);
}

QTEST_GUILESS_MAIN(TestLocation)
#include "tst_location.moc"
