// Catalog consistency: every region's country exists, every country has a jurisdiction, every
// entry has a source and an as-of date; and the facts the spec singles out are right.
#include "testsupport.h"

using namespace atlas;

class TestCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loads();
    void everyEntryHasProvenance();
    void referencesResolve();
    void everyIsoCountryIsPresent();
    void eeaIsOneJurisdiction();
    void transferRegimes();
    void adequacyConditions();
    void mandates();
    void everyProviderHasRegions();
    void sovereignOfferings();
    void pairedRegions_data();
    void pairedRegions();
    void pairedRegionCarriesProvenance();
    void brokenPairedRegion_data();
    void brokenPairedRegion();
    void brokenCatalogReportsPosition();
    void lawAsOfADate();
    void brokenPeriods_data();
    void brokenPeriods();
};

void TestCatalog::loads()
{
    const Catalog &c = test::catalog();
    QVERIFY(c.newestAsOf().isValid());
    QCOMPARE(embeddedCatalogFiles().size(), 8);
}

void TestCatalog::everyEntryHasProvenance()
{
    const Catalog &c = test::catalog();
    auto check = [](const auto &items, const char *what) {
        for (const auto &i : items) {
            QVERIFY2(!i.provenance.source.trimmed().isEmpty(), what);
            QVERIFY2(i.provenance.asOf.isValid(), what);
            QVERIFY2(i.provenance.asOf <= QDate(2026, 12, 31), what);
        }
    };
    check(c.jurisdictions, "jurisdiction");
    check(c.countries, "country");
    check(c.operators, "operator");
    check(c.laws, "law");
    check(c.mandates, "mandate");
    check(c.regions, "region");
    check(c.zones, "zone");
    check(c.multiRegions, "multi-region");
    for (const Region &r : c.regions) {
        if (r.paired.isEmpty())
            continue;
        QVERIFY2(!r.pairedSource.trimmed().isEmpty(), qPrintable(r.code));
        QVERIFY2(r.pairedAsOf.isValid(), qPrintable(r.code));
    }
    for (const Jurisdiction &j : c.jurisdictions)
        for (const AdequacyEntry &a : j.adequacy) {
            QVERIFY(!a.provenance.source.isEmpty());
            QVERIFY(a.provenance.asOf.isValid());
        }
}

void TestCatalog::referencesResolve()
{
    const Catalog &c = test::catalog();
    for (const Region &r : c.regions) {
        QVERIFY2(c.country(r.country), qPrintable(r.code));
        const QString op = r.operatorId.isEmpty() ? r.provider : r.operatorId;
        QVERIFY2(c.findOperator(op), qPrintable(r.code));
    }
    for (const Zone &z : c.zones) {
        QVERIFY2(c.country(z.country), qPrintable(z.code));
        QVERIFY2(c.region(z.provider, z.region), qPrintable(z.code));
    }
    for (const Country &country : c.countries)
        QVERIFY2(c.jurisdiction(country.jurisdiction), qPrintable(country.code));
    for (const Operator &o : c.operators)
        QVERIFY2(c.country(o.hqCountry), qPrintable(o.id));
    for (const LocalisationMandate &m : c.mandates) {
        QVERIFY2(c.jurisdiction(m.jurisdiction), qPrintable(m.id));
        QVERIFY2(!m.categories.isEmpty(), qPrintable(m.id));
    }
}

void TestCatalog::everyIsoCountryIsPresent()
{
    const Catalog &c = test::catalog();
    QCOMPARE(c.countries.size(), std::size_t(249));
    for (const char *code : {"DE", "FR", "GB", "US", "CN", "IN", "BR", "RU", "JP", "KR", "CA", "AU", "SA",
                             "VN", "ID", "TR", "CH", "HK", "TW", "MO", "MX", "ZA"})
        QVERIFY2(c.country(QString::fromLatin1(code)), code);
}

void TestCatalog::eeaIsOneJurisdiction()
{
    const Catalog &c = test::catalog();
    int eea = 0;
    for (const Country &country : c.countries)
        eea += country.jurisdiction == u"EU" ? 1 : 0;
    QCOMPARE(eea, 30); // EU27 + IS, LI, NO
    QCOMPARE(c.jurisdictionOf(QStringLiteral("GB")), QStringLiteral("UK"));
    QCOMPARE(c.jurisdictionOf(QStringLiteral("UK")), QStringLiteral("UK"));
    QCOMPARE(c.jurisdictionOf(QStringLiteral("CH")), QStringLiteral("CH"));
    QCOMPARE(c.jurisdictionOf(QStringLiteral("HK")), QStringLiteral("HK"));
    QCOMPARE(c.jurisdictionOf(QStringLiteral("TW")), QStringLiteral("TW"));
    QCOMPARE(c.jurisdictionOf(QStringLiteral("XX")), QString());
}

void TestCatalog::transferRegimes()
{
    const Catalog &c = test::catalog();
    auto regime = [&](const char *id) { return c.jurisdiction(QString::fromLatin1(id))->regime; };
    QCOMPARE(regime("EU"), TransferRegime::Allowlist);
    QCOMPARE(regime("UK"), TransferRegime::Allowlist);
    QCOMPARE(regime("CH"), TransferRegime::Allowlist);
    QCOMPARE(regime("BR"), TransferRegime::Allowlist);
    QCOMPARE(regime("RU"), TransferRegime::Allowlist);
    QCOMPARE(regime("US"), TransferRegime::Open);
    QCOMPARE(regime("IN"), TransferRegime::NegativeList);
    QCOMPARE(regime("CN"), TransferRegime::Approval);
    QCOMPARE(regime("JP"), TransferRegime::Allowlist);       // revision 2: APPI Art. 28
    QCOMPARE(regime("UY"), TransferRegime::NotCatalogued);   // nothing researched: not invented
    QCOMPARE(regime("BD"), TransferRegime::NotCatalogued);   // its text was not read: review, not "open"
    // Revision 2b: 152-FZ Art. 12, the Convention 108 parties the research names (unverified).
    QVERIFY(!c.jurisdiction(QStringLiteral("RU"))->adequacy.empty());
    QVERIFY(!c.jurisdiction(QStringLiteral("RU"))->provenance.verified);
    // Every regime that restricts transfers names the law a finding cites; at least the 30
    // largest economies (the EEA counting as one) have a regime.
    int regimes = 0;
    for (const Jurisdiction &j : c.jurisdictions) {
        if (j.regime == TransferRegime::NotCatalogued)
            continue;
        ++regimes;
        if (j.regime != TransferRegime::Open)
            QVERIFY2(!j.transferLaw.isEmpty(), qPrintable(j.id + QStringLiteral(" has no transfer_law")));
    }
    QVERIFY(regimes >= 30);
    QCOMPARE(c.jurisdiction(QStringLiteral("EU"))->transferLaw, QStringLiteral("GDPR Art. 44-49"));
    QCOMPARE(c.jurisdiction(QStringLiteral("JP"))->transferLaw, QStringLiteral("APPI Art. 28"));
    QCOMPARE(c.jurisdiction(QStringLiteral("CN"))->transferLaw, QStringLiteral("PIPL Art. 38-40"));
    for (const char *id : {"JP", "KR", "SG", "AU", "CA", "NZ", "IL", "AE", "SA", "TR", "ZA", "MX", "AR", "ID", "VN", "TH", "MY", "PH", "CH"})
        QVERIFY2(regime(id) != TransferRegime::NotCatalogued, id);
}

void TestCatalog::adequacyConditions()
{
    const Catalog &c = test::catalog();
    auto entry = [&](const char *from, const char *to) -> const AdequacyEntry * {
        for (const AdequacyEntry &a : c.jurisdiction(QString::fromLatin1(from))->adequacy)
            if (a.to == QString::fromLatin1(to))
                return &a;
        return nullptr;
    };
    QVERIFY(entry("EU", "US") && entry("EU", "US")->condition == Certification::Dpf);
    QVERIFY(entry("UK", "US") && entry("UK", "US")->condition == Certification::DpfUk);
    QVERIFY(entry("CH", "US") && entry("CH", "US")->condition == Certification::DpfCh);
    QVERIFY(entry("EU", "JP") && !entry("EU", "JP")->partial.isEmpty());
    QVERIFY(entry("EU", "CA") && !entry("EU", "CA")->partial.isEmpty());
    QVERIFY(entry("EU", "UK") && !entry("EU", "UK")->condition);
    QVERIFY(entry("EU", "BR"));
    QVERIFY(!entry("EU", "IN"));
    QVERIFY(!entry("EU", "CN"));
}

void TestCatalog::mandates()
{
    const Catalog &c = test::catalog();
    auto find = [&](const char *jurisdiction, Category category) -> const LocalisationMandate * {
        for (const LocalisationMandate &m : c.mandates)
            if (m.jurisdiction == QString::fromLatin1(jurisdiction) && m.categories.contains(category))
                return &m;
        return nullptr;
    };
    const LocalisationMandate *rbi = find("IN", Category::Payment);
    QVERIFY(rbi && rbi->kind == LocalisationMandate::Kind::Storage && !rbi->conditional);
    QCOMPARE(rbi->processingAbroadHours, 24); // RBI 2019 FAQ: processed abroad, deleted within 24 hours
    // RBI digital lending covers loan data (financial), conditionally: not every organisation lends.
    const LocalisationMandate *lending = find("IN", Category::Financial);
    QVERIFY(lending && lending->conditional);
    const LocalisationMandate *ru = find("RU", Category::Personal);
    QVERIFY(ru && ru->kind == LocalisationMandate::Kind::PrimaryCopy && !ru->conditional);
    const LocalisationMandate *cn = find("CN", Category::Personal);
    QVERIFY(cn && cn->conditional);
    QVERIFY(find("AU", Category::Health) && find("AU", Category::Health)->conditional);
    QVERIFY(find("VN", Category::Personal) && find("ID", Category::Personal));
}

void TestCatalog::everyProviderHasRegions()
{
    const Catalog &c = test::catalog();
    QCOMPARE(c.providers(), (QStringList{QStringLiteral("aws"), QStringLiteral("azure"), QStringLiteral("gcp"), QStringLiteral("oci")}));
    QMap<QString, int> counts;
    for (const Region &r : c.regions)
        ++counts[r.provider];
    QVERIFY(counts[QStringLiteral("aws")] >= 38);
    QVERIFY(counts[QStringLiteral("azure")] >= 60);
    QVERIFY(counts[QStringLiteral("gcp")] >= 40);
    QVERIFY(counts[QStringLiteral("oci")] >= 40);
}

void TestCatalog::sovereignOfferings()
{
    const Catalog &c = test::catalog();
    const Region *eusc = c.region(QStringLiteral("aws"), QStringLiteral("eusc-de-east-1"));
    QVERIFY(eusc && eusc->sovereign && eusc->operatorId == u"aws-eusc");
    const Operator *op = c.findOperator(QStringLiteral("aws-eusc"));
    QVERIFY(op && op->sovereign && op->parentCountry == u"US");
    QVERIFY(!op->provenance.verified); // the research notes mark the GA date unverified
}

void TestCatalog::pairedRegions_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("paired");
    auto add = [](const char *provider, const char *code, const char *paired) {
        QTest::addRow("%s:%s", provider, code)
            << QString::fromLatin1(provider) << QString::fromLatin1(code) << QString::fromLatin1(paired);
    };
    add("azure", "northeurope", "westeurope");
    add("azure", "westeurope", "northeurope");
    add("azure", "NorthEurope", "westeurope");       // codes are case-insensitive
    add("azure", "brazilsouth", "southcentralus");   // one-way: southcentralus pairs with northcentralus
    add("azure", "southcentralus", "northcentralus");
    add("azure", "eastasia", "southeastasia");
    add("azure", "southeastasia", "eastasia");
    add("azure", "westus3", "eastus");               // one-way as listed: eastus pairs with westus
    add("azure", "eastus", "westus");
    add("azure", "italynorth", "");                  // newer than the 2021 file: no pair invented
    add("azure", "polandcentral", "");
    add("azure", "australiacentral", "");            // the 2021 file pairs it only with itself
    add("azure", "chinanorth", "");                  // not in the file (public cloud only)
    add("azure", "nosuchregion", "");
    add("aws", "eu-central-1", "");
    add("gcp", "europe-west3", "");
}

void TestCatalog::pairedRegions()
{
    QFETCH(QString, provider);
    QFETCH(QString, code);
    QFETCH(QString, paired);
    const Catalog &c = test::catalog();
    QCOMPARE(c.pairedRegion(provider, code), paired);
    if (!paired.isEmpty())
        QVERIFY(c.region(provider, paired)); // the pair is itself a catalogued region
}

void TestCatalog::pairedRegionCarriesProvenance()
{
    const Catalog &c = test::catalog();
    const Region *ne = c.region(QStringLiteral("azure"), QStringLiteral("northeurope"));
    QVERIFY(ne);
    QCOMPARE(ne->pairedAsOf, QDate(2021, 11, 2));
    QVERIFY(ne->pairedSource.contains(u"azure-regions.json"));
    QVERIFY(ne->pairedSource.contains(u"pairedRegion"));
    QCOMPARE(ne->provenance.asOf, QDate(2026, 1, 21)); // the region's own fact keeps its source
    int paired = 0;
    for (const Region &r : c.regions) {
        if (r.paired.isEmpty())
            continue;
        ++paired;
        QCOMPARE(r.provider, QStringLiteral("azure"));
        QVERIFY2(r.paired != r.code, qPrintable(r.code));
        QVERIFY2(c.region(r.provider, r.paired), qPrintable(r.code));
    }
    QCOMPARE(paired, 45); // the 47 physical regions of the 2021 file, less the two self-paired
}

void TestCatalog::brokenPairedRegion_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("message");
    QTest::newRow("no paired_source") << QStringLiteral("paired: b, paired_as_of: 2021-11-02")
                                      << QStringLiteral("missing required field 'paired_source'");
    QTest::newRow("no paired_as_of") << QStringLiteral("paired: b, paired_source: y")
                                     << QStringLiteral("missing required field 'paired_as_of'");
    QTest::newRow("bad paired_as_of") << QStringLiteral("paired: b, paired_source: y, paired_as_of: 2021-13-02")
                                      << QStringLiteral("'paired_as_of' is not an ISO 8601 date");
    QTest::newRow("provenance without pair") << QStringLiteral("paired_source: y")
                                             << QStringLiteral("'paired_source' without 'paired'");
    QTest::newRow("unknown pair") << QStringLiteral("paired: zz, paired_source: y, paired_as_of: 2021-11-02")
                                  << QStringLiteral("names paired region zz, which is not another region of azure");
    QTest::newRow("paired with itself") << QStringLiteral("paired: a, paired_source: y, paired_as_of: 2021-11-02")
                                        << QStringLiteral("names paired region a, which is not another region of azure");
}

void TestCatalog::brokenPairedRegion()
{
    QFETCH(QString, entry);
    QFETCH(QString, message);
    const QString text = QStringLiteral(R"(catalog: 1
provider: azure
countries:
  - {code: IE, name: Ireland, jurisdiction: IE, source: x, as_of: 2026-01-01}
regions:
  - {code: a, country: IE, source: x, as_of: 2026-01-01, %1}
  - {code: b, country: IE, source: x, as_of: 2026-01-01}
)").arg(entry);
    auto bad = loadCatalogTexts({{QStringLiteral("c.yaml"), text.toStdString()}});
    QVERIFY(!bad);
    QCOMPARE(bad.error().size(), 1);
    QVERIFY2(bad.error()[0].message.contains(message), qPrintable(bad.error()[0].message));

    const QString good = QString(text).replace(entry, QStringLiteral("paired: b, paired_source: y, paired_as_of: 2021-11-02"));
    auto loaded = loadCatalogTexts({{QStringLiteral("c.yaml"), good.toStdString()}});
    QVERIFY(loaded);
    QCOMPARE(loaded->pairedRegion(QStringLiteral("azure"), QStringLiteral("a")), QStringLiteral("b"));
    QCOMPARE(loaded->pairedRegion(QStringLiteral("azure"), QStringLiteral("b")), QString());
}

void TestCatalog::brokenCatalogReportsPosition()
{
    auto bad = loadCatalogTexts({{QStringLiteral("c.yaml"), std::string(R"(catalog: 1
countries:
  - {code: DE, name: Germany, jurisdiction: EU, source: x, as_of: 2026-01-01}
  - {code: FR, name: France, jurisdiction: EU, as_of: 2026-01-01}
jurisdictions:
  - {id: EU, name: EEA, transfer_regime: allowlist, source: x, as_of: 2026-13-01}
)")}});
    QVERIFY(!bad);
    QCOMPARE(bad.error().size(), 2);
    QCOMPARE(bad.error()[0].line, 6u); // jurisdictions are read first
    QVERIFY(bad.error()[0].message.contains(u"as_of"));
    QCOMPARE(bad.error()[1].line, 4u);
    QVERIFY(bad.error()[1].message.contains(u"missing required field 'source'"));
}

// Revision 2b: two entries of one jurisdiction by period; the one in force on a date applies.
void TestCatalog::lawAsOfADate()
{
    const Catalog &c = test::catalog();
    const Jurisdiction *before = c.jurisdictionAt(QStringLiteral("IN"), QDate(2027, 5, 12));
    const Jurisdiction *after = c.jurisdictionAt(QStringLiteral("IN"), QDate(2027, 5, 13));
    QVERIFY(before && after);
    QCOMPARE(before->regime, TransferRegime::BasisRequired);   // SPDI Rules 2011 Rule 7
    QCOMPARE(after->regime, TransferRegime::NegativeList);     // DPDP Act 2023 s. 16
    QVERIFY(before->transferLaw.contains(u"SPDI"));
    QVERIFY(after->transferLaw.contains(u"DPDP"));
    QCOMPARE(c.jurisdiction(QStringLiteral("IN")), after);     // undated: the newest period
}

void TestCatalog::brokenPeriods_data()
{
    QTest::addColumn<QString>("dates");
    QTest::addColumn<QString>("message");
    QTest::newRow("until before from") << QStringLiteral("effective_from: 2027-05-13, effective_until: 2027-05-12")
                                       << QStringLiteral("'effective_until' is before 'effective_from'");
    QTest::newRow("not a date") << QStringLiteral("effective_from: soon") << QStringLiteral("effective_from");
}

void TestCatalog::brokenPeriods()
{
    QFETCH(QString, dates);
    QFETCH(QString, message);
    const QString text = QStringLiteral(R"(catalog: 1
countries:
  - {code: DE, name: Germany, jurisdiction: EU, source: x, as_of: 2026-01-01}
jurisdictions:
  - {id: EU, name: EEA, transfer_regime: open, source: x, as_of: 2026-01-01, %1}
)").arg(dates);
    auto bad = loadCatalogTexts({{QStringLiteral("c.yaml"), text.toStdString()}});
    QVERIFY(!bad);
    QCOMPARE(bad.error().size(), 1);
    QCOMPARE(bad.error()[0].line, 5u);
    QVERIFY2(bad.error()[0].message.contains(message), qPrintable(bad.error()[0].message));
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
