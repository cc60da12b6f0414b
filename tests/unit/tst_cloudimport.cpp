// The cloud importers end to end, below the command line: real third-party samples (GCP, Azure
// Resource Graph, Terraform state and plan), hand-written fixtures from the documented structures
// (AWS Config over several regions, az resource list, CSV), broken inputs, the mapping file, the
// round trip through the inventory writer, cancellation.
#include "exportformat.h"
#include "importmapping.h"
#include "inventorywriter.h"
#include "location.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace atlas;

namespace {

QString data(const QString &relative)
{
    return QStringLiteral(ATLAS_TEST_DATA "/import/") + relative;
}

std::expected<LoadedInventory, Diagnostics> importFiles(const QStringList &relative, LoadOptions options = {})
{
    QStringList paths;
    for (const QString &r : relative)
        paths << data(r);
    return loadInventory(paths, test::catalog(), options);
}

const Workload *workload(const LoadedInventory &l, const QString &id)
{
    return l.inventory.workload(id);
}

QString countryOf(const LoadedInventory &l, const QString &id)
{
    const Workload *w = workload(l, id);
    return w ? resolveLocation(test::catalog(), w->location).country : QStringLiteral("<no workload>");
}

const Flow *flow(const LoadedInventory &l, const QString &from, const QString &to)
{
    for (const Flow &f : l.inventory.flows)
        if (f.from == from && f.to == to)
            return &f;
    return nullptr;
}

int notes(const QList<ImportNote> &list, const QString &group)
{
    return int(std::count_if(list.begin(), list.end(), [&](const ImportNote &n) { return n.group == group; }));
}

} // namespace

class TestCloudImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detection_data();
    void detection();
    void awsConfigEstate();
    void gcpSamples();
    void azureResourceGraphSample();
    void azureResourceList();
    void azureLocationsFile();
    void azureCosmosMultiRegion();
    void terraformSamples();
    void csv();
    void gcpSearchJson();
    void terraformStateJson();
    void terraformRegionsFromMapping();
    void gcsDualRegion();
    void terraformVersion3();
    void idsIndependentOfOrder();
    void reviewFindings();
    void broken_data();
    void broken();
    void largeFilesCheckedWhileRead();
    void roundTrip_data();
    void roundTrip();
    void mappingFile();
    void mappingErrors();
    void overlayAfterExport();
    void cancel();
};

void TestCloudImport::detection_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::newRow("aws snapshot") << "aws-config/123456789012_Config_eu-central-1_ConfigSnapshot_20261101T000000Z_0b7c.json" << "aws-config";
    QTest::newRow("aws select") << "aws-config/select-resource-config.json" << "aws-config";
    QTest::newRow("gcp ndjson named .json") << "samples/resource_inventory.json" << "gcp-assets";
    QTest::newRow("gcp dump") << "samples/mock_cai_resources.dump" << "gcp-assets";
    QTest::newRow("arg rest example") << "samples/ResourcesBasicQuery.json" << "azure";
    QTest::newRow("az resource list") << "azure/az-resource-list.json" << "azure";
    QTest::newRow("arg cli envelope") << "azure/arg-cli-envelope.json" << "azure";
    QTest::newRow("tf state") << "samples/driftctl-aws_s3_full.tfstate" << "terraform";
    QTest::newRow("tf plan") << "samples/tfplan.json" << "terraform";
    QTest::newRow("csv") << "csv/estate.csv" << "csv";
    QTest::newRow("aws config named .yaml") << "broken/aws-config-named.yaml" << "aws-config";
    QTest::newRow("gcp named .csv") << "broken/gcp-assets-named.csv" << "gcp-assets";
}

void TestCloudImport::detection()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFile f(data(file));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const std::string text = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3).toStdString() : bytes.toStdString();
    const auto detected = detectInputFormat(file, text);
    QVERIFY(detected);
    QCOMPARE(*detected, format);
}

void TestCloudImport::awsConfigEstate()
{
    const QDir dir(data(QStringLiteral("aws-config")));
    QStringList files;
    for (const QString &f : dir.entryList({QStringLiteral("*.json"), QStringLiteral("*.json.gz")}, QDir::Files, QDir::Name))
        files << QStringLiteral("aws-config/") + f;
    QCOMPARE(files.size(), 4);
    const auto loaded = importFiles(files);
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->inventory.workloads.size(), std::size_t(16));
    QCOMPARE(loaded->report.workloads, 16);
    // Cross-border S3 replication between two region files: DE → US, carrying the patient data.
    const Flow *replication = flow(*loaded, QStringLiteral("northwind-patients-eu"), QStringLiteral("northwind-patients-replica-us"));
    QVERIFY(replication);
    QCOMPARE(replication->purpose, Purpose::Replication);
    QCOMPARE(refIds(replication->carries), QStringList{QStringLiteral("patient-records")});
    QCOMPARE(countryOf(*loaded, QStringLiteral("northwind-patients-eu")), QStringLiteral("DE"));
    QCOMPARE(countryOf(*loaded, QStringLiteral("northwind-patients-replica-us")), QStringLiteral("US"));
    // The Querétaro Local Zone is in Mexico although its parent region is us-east-1.
    const Workload *qro = nullptr;
    for (const Workload &w : loaded->inventory.workloads)
        if (w.location == u"aws:us-east-1-qro-1a")
            qro = &w;
    QVERIFY(qro);
    QCOMPARE(resolveLocation(test::catalog(), qro->location).country, QStringLiteral("MX"));
    // A replication target outside the export: kept, at an unknown location, and reported.
    QCOMPARE(workload(*loaded, QStringLiteral("partner-archive-bucket"))->location, QStringLiteral("unknown"));
    QVERIFY(flow(*loaded, QStringLiteral("northwind-scans-eu"), QStringLiteral("partner-archive-bucket")));
    QCOMPARE(notes(loaded->report.assumptions, QStringLiteral("replication target outside the export")), 1);
    // Global IAM items hold no data; deleted and superseded items are listed, never silent.
    QCOMPARE(notes(loaded->report.skipped, QStringLiteral("holds no data (identity)")), 2);
    QCOMPARE(notes(loaded->report.skipped, QStringLiteral("deleted")), 2);
    QCOMPARE(notes(loaded->report.skipped, QStringLiteral("superseded")), 2);
    // The history file keeps the latest item of northwind-claims-in (ap-south-1, India).
    QCOMPARE(countryOf(*loaded, QStringLiteral("northwind-claims-in")), QStringLiteral("IN"));
    // Origins: tagged where tagged, else the holder's jurisdiction, each assumption reported.
    QCOMPARE(loaded->inventory.dataset(QStringLiteral("patient-records"))->origin, QStringLiteral("EU"));
    // The index handed over by the importer: a dataset id is not a workload, and back.
    QVERIFY(!loaded->inventory.workload(QStringLiteral("patient-records")));
    QVERIFY(!loaded->inventory.dataset(QStringLiteral("northwind-patients-eu")));
    QCOMPARE(loaded->inventory.workloadIndex(QStringLiteral("northwind-patients-eu")) >= 0, true);
    QCOMPARE(notes(loaded->report.assumptions, QStringLiteral("origin from holder")), 5);
    QCOMPARE(notes(loaded->report.assumptions, QStringLiteral("no classification")), 1);
    // Gzip positions are those of the decompressed text (one line, as AWS writes it).
    const Workload *replica = workload(*loaded, QStringLiteral("northwind-patients-replica-us"));
    QVERIFY(loaded->inventory.fileOf(replica->source).endsWith(u".json.gz"));
    QCOMPARE(replica->source.line, 1u);
}

void TestCloudImport::gcpSamples()
{
    const auto modern = importFiles({QStringLiteral("samples/resource_inventory.json")});
    QVERIFY2(modern, qPrintable(test::errors(modern)));
    QCOMPARE(modern->report.files.front().resources, 3);
    QCOMPARE(modern->inventory.workloads.size(), std::size_t(1));
    // A multi-region bucket: "US" is the US multi-region, one jurisdiction, no single country.
    const Workload &bucket = modern->inventory.workloads.front();
    QCOMPARE(bucket.location, QStringLiteral("gcp:us"));
    QCOMPARE(resolveLocation(test::catalog(), bucket.location).jurisdiction, QStringLiteral("US"));

    const auto old = importFiles({QStringLiteral("samples/mock_cai_resources.dump")});
    QVERIFY2(old, qPrintable(test::errors(old)));
    QCOMPARE(old->report.files.front().resources, 133);
    QCOMPARE(old->inventory.workloads.size(), std::size_t(35));
    // No resource.location in this older export: zone self-links and data.location decide.
    QCOMPARE(workload(*old, QStringLiteral("cluster-1"))->location, QStringLiteral("gcp:us-central1-a"));
    // Two resources named "forseti" (a Cloud SQL instance and its database): both suffixed from
    // their own asset names, whatever their order.
    QVERIFY(!workload(*old, QStringLiteral("forseti")));
    QCOMPARE(workload(*old, QStringLiteral("forseti-440746"))->location, QStringLiteral("gcp:us-west1"));
    QVERIFY(workload(*old, QStringLiteral("forseti-742b03")));
    QCOMPARE(workload(*old, QStringLiteral("bucket1"))->location, QStringLiteral("gcp:us"));
    for (const Workload &w : old->inventory.workloads) {
        const ResolvedLocation r = resolveLocation(test::catalog(), w.location);
        QVERIFY2(r.form == LocationForm::Unknown || r.jurisdiction == u"US", qPrintable(w.id + u' ' + w.location));
    }
    QCOMPARE(old->report.skipped.size(), 98);
}

void TestCloudImport::azureResourceGraphSample()
{
    const auto loaded = importFiles({QStringLiteral("samples/ResourcesBasicQuery.json")});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    // Three network resources (lower-cased types, as Resource Graph writes them): no data.
    QCOMPARE(loaded->report.files.front().resources, 3);
    QCOMPARE(notes(loaded->report.skipped, QStringLiteral("holds no data (network)")), 3);
    QCOMPARE(loaded->report.skipped.front().line, 21u);
}

void TestCloudImport::azureResourceList()
{
    const auto loaded = importFiles({QStringLiteral("azure/az-resource-list.json")});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->report.files.front().resources, 15);
    QCOMPARE(loaded->report.files.front().imported, 12);
    // Geo-redundant storage replicates to the paired region: IE → NL, and BR → US.
    QVERIFY(flow(*loaded, QStringLiteral("stnwcustrecneu01"), QStringLiteral("stnwcustrecneu01-westeurope")));
    QCOMPARE(countryOf(*loaded, QStringLiteral("stnwcustrecneu01-westeurope")), QStringLiteral("NL"));
    QVERIFY(flow(*loaded, QStringLiteral("stnwbenefbrs01"), QStringLiteral("stnwbenefbrs01-southcentralus")));
    QCOMPARE(countryOf(*loaded, QStringLiteral("stnwbenefbrs01-southcentralus")), QStringLiteral("US"));
    // Display-name location normalised; "Global" is the global form; an unknown region is a
    // warning with its position and unknown residency, never a guess.
    QCOMPARE(workload(*loaded, QStringLiteral("cosmos-nw-profiles-weu"))->location, QStringLiteral("azure:westeurope"));
    QCOMPARE(workload(*loaded, QStringLiteral("afd-nw-portal"))->location, QStringLiteral("azure:global"));
    bool mars = false;
    for (const Diagnostic &d : loaded->warnings)
        mars |= d.line == 321 && d.column == 17 && d.message.contains(u"marsnorth");
    QVERIFY2(mars, qPrintable(test::join(loaded->warnings)));
    // Tag keys compare ignoring case (Data-Classification).
    QCOMPARE(loaded->inventory.dataset(QStringLiteral("br-beneficiaries"))->origin, QStringLiteral("BR"));
}

void TestCloudImport::azureLocationsFile()
{
    // `az account list-locations` as PowerShell wrote it (UTF-16LE, BOM, a `//` line): region
    // pairs, no resources; its pairs win over the catalog's for the exports beside it.
    const auto loaded = importFiles({QStringLiteral("broken/utf16-locations.json"), QStringLiteral("azure/az-resource-list.json")});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const ImportFileSummary &locations = loaded->report.files.front();
    QCOMPARE(locations.format, QStringLiteral("azure"));
    QCOMPARE(locations.resources, 0);
    QCOMPARE(locations.regionPairs, 45);
    QVERIFY(flow(*loaded, QStringLiteral("stnwbenefbrs01"), QStringLiteral("stnwbenefbrs01-southcentralus")));
}

void TestCloudImport::azureCosmosMultiRegion()
{
    // A Cosmos DB account's properties.locations other than its own region are full copies:
    // one replica each, as for geo-redundant storage; a single-region account copies nothing.
    const auto loaded = importFiles({QStringLiteral("azure/cosmos-multi-region.json")});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QVERIFY2(loaded->warnings.isEmpty(), qPrintable(test::join(loaded->warnings)));
    QCOMPARE(loaded->report.files.front().resources, 2);
    QCOMPARE(workload(*loaded, QStringLiteral("cosmos-nw-members-brs"))->location, QStringLiteral("azure:brazilsouth"));
    const Workload *replica = workload(*loaded, QStringLiteral("cosmos-nw-members-brs-eastus"));
    QVERIFY(replica);
    QCOMPARE(replica->location, QStringLiteral("azure:eastus"));
    QCOMPARE(countryOf(*loaded, replica->id), QStringLiteral("US"));
    QCOMPARE(refIds(replica->holds), QStringList{QStringLiteral("br-members")});

    QCOMPARE(loaded->inventory.flows.size(), std::size_t(1));
    const Flow *copy = flow(*loaded, QStringLiteral("cosmos-nw-members-brs"), QStringLiteral("cosmos-nw-members-brs-eastus"));
    QVERIFY(copy);
    QCOMPARE(copy->id, QStringLiteral("cosmos-nw-members-brs--cosmos-nw-members-brs-eastus"));
    QCOMPARE(copy->purpose, Purpose::Replication);
    QCOMPARE(refIds(copy->carries), QStringList{QStringLiteral("br-members")});
    // Located at the East US item of properties.locations.
    QCOMPARE(loaded->inventory.fileOf(copy->source), data(QStringLiteral("azure/cosmos-multi-region.json")));
    QCOMPARE(copy->source.line, 28u);
    QCOMPARE(copy->source.column, 9u);
    QVERIFY(!workload(*loaded, QStringLiteral("cosmos-nw-orders-gwc-germanywestcentral")));
    QCOMPARE(workload(*loaded, QStringLiteral("cosmos-nw-orders-gwc"))->location, QStringLiteral("azure:germanywestcentral"));
}

void TestCloudImport::terraformSamples()
{
    const auto s3 = importFiles({QStringLiteral("samples/driftctl-aws_s3_full.tfstate")});
    QVERIFY2(s3, qPrintable(test::errors(s3)));
    QCOMPARE(s3->report.files.front().resources, 26);
    QCOMPARE(s3->inventory.workloads.size(), std::size_t(3));
    for (const Workload &w : s3->inventory.workloads)
        QCOMPARE(w.location, QStringLiteral("aws:eu-west-3")); // aws_s3_bucket.region; the ARNs have none

    const auto lb = importFiles({QStringLiteral("samples/driftctl-aws_lb_listener.tfstate")});
    QVERIFY2(lb, qPrintable(test::errors(lb)));
    QCOMPARE(lb->report.files.front().resources, 7);
    QCOMPARE(lb->inventory.workloads.size(), std::size_t(0));

    // The plan: the region only in the provider configuration (var.region → us-west-2).
    const auto plan = importFiles({QStringLiteral("samples/tfplan.json")});
    QVERIFY2(plan, qPrintable(test::errors(plan)));
    QCOMPARE(plan->report.files.front().resources, 55);
    QCOMPARE(plan->inventory.workloads.size(), std::size_t(20));
    for (const Workload &w : plan->inventory.workloads)
        QVERIFY2(resolveLocation(test::catalog(), w.location).region == u"us-west-2", qPrintable(w.id + u' ' + w.location));
    QCOMPARE(notes(plan->report.assumptions, QStringLiteral("planned")), 20);
    QCOMPARE(workload(*plan, QStringLiteral("db1"))->kind, WorkloadKind::Database);
}

void TestCloudImport::csv()
{
    const auto loaded = importFiles({QStringLiteral("csv/estate.csv")});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->report.files.front().resources, 10);
    // Quoted commas, doubled quotes and a line break inside a quoted name survive.
    bool comma = false, quote = false, newline = false;
    for (const Workload &w : loaded->inventory.workloads) {
        comma |= w.name == u"Claims DB, Mumbai";
        quote |= w.name.contains(u'"');
        newline |= w.name.contains(u'\n');
    }
    QVERIFY(comma);
    QVERIFY(quote);
    QVERIFY(newline);
    // Unknown column kept as a tag, with a warning at its header cell.
    bool costCentre = false;
    for (const Diagnostic &d : loaded->warnings)
        costCentre |= d.line == 1 && d.message.contains(u"cost_centre");
    QVERIFY(costCentre);
    QVERIFY(!loaded->inventory.flows.empty()); // replicates_to

    const auto semicolon = importFiles({QStringLiteral("csv/semicolon.csv")});
    QVERIFY2(semicolon, qPrintable(test::errors(semicolon)));
    QCOMPARE(semicolon->inventory.workloads.size(), std::size_t(4));
}

namespace {
std::expected<LoadedInventory, Diagnostics> importText(const char *name, const char *text, std::shared_ptr<const ImportMapping> mapping = {})
{
    LoadOptions options;
    options.mapping = std::move(mapping);
    return loadInventoryTexts({{QString::fromUtf8(name), std::string(text)}}, test::catalog(), options);
}
} // namespace

void TestCloudImport::gcpSearchJson()
{
    // `gcloud asset search-all-resources --format=json`: camelCase, a list, top-level location.
    const auto loaded = importText("search.json", R"([
  {"name": "//storage.googleapis.com/eu-claims-archive", "assetType": "storage.googleapis.com/Bucket",
   "project": "projects/123", "displayName": "eu-claims-archive", "location": "europe-west3",
   "labels": {"data-classification": "restricted", "data-origin": "de"}},
  {"name": "//compute.googleapis.com/projects/p/zones/asia-east1-b/instances/tw-worker", "assetType": "compute.googleapis.com/Instance",
   "displayName": "tw-worker", "location": "asia-east1-b"}
])");
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->report.files.front().format, QStringLiteral("gcp-assets"));
    QCOMPARE(workload(*loaded, QStringLiteral("eu-claims-archive"))->location, QStringLiteral("gcp:europe-west3"));
    QCOMPARE(loaded->inventory.dataset(QStringLiteral("eu-claims-archive-data"))->origin, QStringLiteral("DE")); // label upper-cased
    QCOMPARE(countryOf(*loaded, QStringLiteral("tw-worker")), QStringLiteral("TW"));
}

void TestCloudImport::terraformStateJson()
{
    // `terraform show -json` of a state: values.root_module and a child module; the region from
    // the ARN when the attributes have none, a data source kept and flagged.
    const auto loaded = importText("show.json", R"({"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{
  "resources":[{"address":"aws_db_instance.claims","mode":"managed","type":"aws_db_instance","name":"claims",
    "provider_name":"registry.terraform.io/hashicorp/aws",
    "values":{"arn":"arn:aws:rds:eu-central-1:123456789012:db:claims","identifier":"claims","tags":{"data-classification":"restricted"}}},
   {"address":"data.azurerm_storage_account.logs","mode":"data","type":"azurerm_storage_account","name":"logs",
    "provider_name":"registry.terraform.io/hashicorp/azurerm","values":{"name":"stlogs","location":"UK South","account_replication_type":"LRS"}}],
  "child_modules":[{"address":"module.ml","resources":[{"address":"module.ml.google_vertex_ai_endpoint.chat","mode":"managed",
    "type":"google_vertex_ai_endpoint","name":"chat","provider_name":"registry.terraform.io/hashicorp/google",
    "values":{"name":"chat","region":"europe-west4"}}]}]}}})");
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(workload(*loaded, QStringLiteral("claims"))->location, QStringLiteral("aws:eu-central-1"));
    QCOMPARE(workload(*loaded, QStringLiteral("claims"))->kind, WorkloadKind::Database);
    QCOMPARE(workload(*loaded, QStringLiteral("stlogs"))->location, QStringLiteral("azure:uksouth"));
    bool flagged = false;
    for (const Tag &t : workload(*loaded, QStringLiteral("stlogs"))->tags)
        flagged |= t.key == u"import.status" && t.value == u"data-source";
    QVERIFY(flagged);
    QCOMPARE(workload(*loaded, QStringLiteral("chat"))->kind, WorkloadKind::Inference);
    // Each resource read on its own: its own position, in a child module too.
    QCOMPARE(workload(*loaded, QStringLiteral("claims"))->source.line, 2u);
    QCOMPARE(workload(*loaded, QStringLiteral("stlogs"))->source.line, 5u);
    QCOMPARE(workload(*loaded, QStringLiteral("chat"))->source.line, 7u);
    QCOMPARE(countryOf(*loaded, QStringLiteral("chat")), QStringLiteral("NL"));
}

void TestCloudImport::terraformRegionsFromMapping()
{
    // A state (before AWS provider 6) has no region for most AWS resources: the mapping file's
    // regions: names it per provider configuration, aliases first; the report says so.
    const char *state = R"({"version":4,"terraform_version":"1.5.7","serial":3,"lineage":"x","outputs":{},"resources":[
  {"mode":"managed","type":"aws_sagemaker_endpoint","name":"scoring","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",
   "instances":[{"schema_version":0,"attributes":{"name":"scoring","id":"scoring"}}]},
  {"mode":"managed","type":"aws_sagemaker_endpoint","name":"scoring_us","provider":"provider[\"registry.terraform.io/hashicorp/aws\"].us",
   "instances":[{"schema_version":0,"attributes":{"name":"scoring-us","id":"scoring-us"}}]}]})";
    const auto without = importText("t.tfstate", state);
    QVERIFY2(without, qPrintable(test::errors(without)));
    QCOMPARE(workload(*without, QStringLiteral("scoring"))->location, QStringLiteral("unknown"));
    const auto mapping = parseImportMapping(QStringLiteral("m.yaml"), "mapping: 1\nregions:\n  aws: eu-west-1\n  aws.us: us-east-2\n", test::catalog());
    QVERIFY2(mapping, qPrintable(test::errors(mapping)));
    const auto with = importText("t.tfstate", state, std::make_shared<const ImportMapping>(*mapping));
    QVERIFY2(with, qPrintable(test::errors(with)));
    QCOMPARE(workload(*with, QStringLiteral("scoring"))->location, QStringLiteral("aws:eu-west-1"));
    QCOMPARE(workload(*with, QStringLiteral("scoring-us"))->location, QStringLiteral("aws:us-east-2"));
    QCOMPARE(notes(with->report.assumptions, QStringLiteral("region from the mapping file")), 2);
}

void TestCloudImport::gcsDualRegion()
{
    // A custom dual-region bucket holds its data in two regions, here two jurisdictions: the
    // second is a replica with a replication flow, never hidden behind the "US" code.
    const auto loaded = importText("dual.json",
        R"({"name":"//storage.googleapis.com/projects/_/buckets/scans","asset_type":"storage.googleapis.com/Bucket","resource":{"location":"us","data":{"name":"scans","location":"US","customPlacementConfig":{"dataLocations":["US-EAST1","EUROPE-WEST1"]},"labels":{"data-classification":"restricted","data-origin":"us"}}}})");
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(workload(*loaded, QStringLiteral("scans"))->location, QStringLiteral("gcp:us-east1"));
    QVERIFY(flow(*loaded, QStringLiteral("scans"), QStringLiteral("scans-europe-west1")));
    QCOMPARE(countryOf(*loaded, QStringLiteral("scans-europe-west1")), QStringLiteral("BE"));
}

void TestCloudImport::idsIndependentOfOrder()
{
    // The same table name in two regions' files (DynamoDB names are regional): the same ids
    // whichever file comes first.
    const char *eu = R"({"configSnapshotId":"a","configurationItems":[{"resourceType":"AWS::DynamoDB::Table","resourceId":"orders","resourceName":"orders","awsAccountId":"111111111111","awsRegion":"eu-west-1","configurationItemStatus":"OK","tags":{"data-classification":"restricted"}}]})";
    const char *us = R"({"configSnapshotId":"b","configurationItems":[{"resourceType":"AWS::DynamoDB::Table","resourceId":"orders","resourceName":"orders","awsAccountId":"222222222222","awsRegion":"us-east-1","configurationItemStatus":"OK","tags":{"data-classification":"restricted"}}]})";
    auto ids = [](const char *first, const char *second) {
        const auto loaded = loadInventoryTexts({{QStringLiteral("1.json"), first}, {QStringLiteral("2.json"), second}}, test::catalog());
        QMap<QString, QString> byLocation; // location → workload id and its dataset
        for (const Workload &w : loaded->inventory.workloads)
            byLocation.insert(w.location, w.id + u' ' + refIds(w.holds).join(u','));
        return byLocation;
    };
    const auto a = ids(eu, us);
    QCOMPARE(a, ids(us, eu));
    QCOMPARE(a.size(), 2);
    QVERIFY(!a.value(QStringLiteral("aws:eu-west-1")).startsWith(u"orders "));
}

void TestCloudImport::reviewFindings()
{
    // Each case a defect found in review, kept from coming back.
    {   // A gzip file of two members imports both.
        const auto loaded = importFiles({QStringLiteral("gcp/two-members.json.gz")});
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        QCOMPARE(loaded->inventory.workloads.size(), std::size_t(2));
    }
    {   // "atlas" as a resource name does not make an export an inventory.
        const auto detected = detectInputFormat(QStringLiteral("x.json"),
            R"([{"id":"/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/atlas","name":"atlas","type":"Microsoft.Storage/storageAccounts","location":"westeurope"}])");
        QVERIFY(detected);
        QCOMPARE(*detected, QStringLiteral("azure"));
    }
    {   // History: a zone change then a deletion is one deleted database, not two live ones.
        const auto loaded = importText("h.json", R"({"requestId":"r","configurationItems":[
 {"resourceType":"AWS::RDS::DBInstance","resourceId":"db-1","resourceName":"patients","awsAccountId":"1","awsRegion":"eu-west-1","availabilityZone":"eu-west-1a","configurationItemStatus":"OK","configurationItemCaptureTime":"2026-01-01T00:00:00Z"},
 {"resourceType":"AWS::RDS::DBInstance","resourceId":"db-1","resourceName":"patients","awsAccountId":"1","awsRegion":"eu-west-1","availabilityZone":"eu-west-1b","configurationItemStatus":"OK","configurationItemCaptureTime":"2026-02-01T00:00:00Z"},
 {"resourceType":"AWS::RDS::DBInstance","resourceId":"db-1","resourceName":"patients","awsAccountId":"1","awsRegion":"eu-west-1","configurationItemStatus":"ResourceDeleted","configurationItemCaptureTime":"2026-03-01T00:00:00Z"}]})");
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        QCOMPARE(loaded->inventory.workloads.size(), std::size_t(0));
        QCOMPARE(notes(loaded->report.skipped, QStringLiteral("superseded")), 2);
        QCOMPARE(notes(loaded->report.skipped, QStringLiteral("deleted")), 1);
    }
    {   // A class is never lowered: a public dataset tagged restricted elsewhere becomes
        // restricted, its origin from where it was first held when this holder's is unknown...
        const auto loaded = importText("c.csv", "id,name,kind,location,classification,dataset\na,A,storage,aws:eu-west-1,public,shared\nb,B,storage,unknown,restricted,shared\n");
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        QCOMPARE(loaded->inventory.dataset(QStringLiteral("shared"))->classification, Classification::Restricted);
        QCOMPARE(loaded->inventory.dataset(QStringLiteral("shared"))->origin, QStringLiteral("EU"));
        QVERIFY(containsRef(loaded->inventory.workload(QStringLiteral("b"))->holds, u"shared"));
    }
    {   // ... and when no origin can be found at all, that holder is left out, with a warning.
        const auto loaded = importText("c.csv", "id,name,kind,location,classification,dataset\na,A,storage,unknown,public,shared\nb,B,storage,unknown,restricted,shared\n");
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        QVERIFY(!containsRef(loaded->inventory.workload(QStringLiteral("b"))->holds, u"shared"));
        QCOMPARE(loaded->inventory.dataset(QStringLiteral("shared"))->classification, Classification::Public);
        bool warned = false;
        for (const Diagnostic &d : loaded->warnings)
            warned |= d.line == 3 && d.message.contains(u"tags dataset 'shared' restricted");
        QVERIFY2(warned, qPrintable(test::join(loaded->warnings)));
    }
    {   // ... and a public dataset tagged restricted by a holder with a location takes its origin.
        const auto loaded = importText("c.csv", "id,name,kind,location,classification,dataset\na,A,storage,aws:eu-west-1,public,shared\nb,B,storage,aws:us-east-1,restricted,shared\n");
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        QCOMPARE(loaded->inventory.dataset(QStringLiteral("shared"))->classification, Classification::Restricted);
        QCOMPARE(loaded->inventory.dataset(QStringLiteral("shared"))->origin, QStringLiteral("US"));
    }
    {   // Terraform: an AWS Local Zone wins over the region attribute; default tags (tags_all)
        // classify; an aliased provider never borrows the unaliased one's region; v3-upgraded
        // flat attributes are read.
        const char *state = R"({"version":4,"terraform_version":"1.9.5","serial":1,"lineage":"x","outputs":{},"resources":[
  {"mode":"managed","type":"aws_ebs_volume","name":"v","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",
   "instances":[{"schema_version":0,"attributes":{"id":"vol-1","region":"us-east-1","availability_zone":"us-east-1-qro-1a","tags":{},"tags_all":{"data-classification":"restricted","data-origin":"MX"}}}]},
  {"mode":"managed","type":"aws_sagemaker_endpoint","name":"e","provider":"provider[\"registry.terraform.io/hashicorp/aws\"].us",
   "instances":[{"schema_version":0,"attributes":{"name":"scoring-us","id":"scoring-us"}}]},
  {"mode":"managed","type":"aws_s3_bucket","name":"old","provider":"provider.aws",
   "instances":[{"schema_version":0,"attributes_flat":{"bucket":"legacy-claims","region":"eu-west-2","tags.%":"1","tags.data-classification":"restricted"}}]}]})";
        const auto mapping = parseImportMapping(QStringLiteral("m.yaml"), "mapping: 1\nregions:\n  aws: eu-west-1\n", test::catalog());
        QVERIFY(mapping);
        const auto loaded = importText("t.tfstate", state, std::make_shared<const ImportMapping>(*mapping));
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        QCOMPARE(countryOf(*loaded, QStringLiteral("aws_ebs_volume.v")), QStringLiteral("MX"));
        QCOMPARE(workload(*loaded, QStringLiteral("aws_ebs_volume.v"))->holds.size(), 1u);
        QCOMPARE(workload(*loaded, QStringLiteral("scoring-us"))->location, QStringLiteral("unknown"));
        QCOMPARE(workload(*loaded, QStringLiteral("legacy-claims"))->location, QStringLiteral("aws:eu-west-2"));
        QCOMPARE(workload(*loaded, QStringLiteral("legacy-claims"))->holds.size(), 1u);
    }
    {   // One page of a Resource Graph result: imported, and said to be one page.
        const auto loaded = importText("p.json", R"({"count":1,"data":[{"id":"/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/sites/w","name":"w","type":"microsoft.web/sites","location":"westeurope"}],"skip_token":"abc","total_records":5000})");
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        bool paged = false;
        for (const Diagnostic &d : loaded->warnings)
            paged |= d.message.contains(u"one page of a larger result");
        QVERIFY2(paged, qPrintable(test::join(loaded->warnings)));
    }
    {   // CSV: rows of delimiters only are not resources; replicates_to split on line breaks too;
        // a stated id that changes is a warning.
        const auto loaded = importText("e.csv", "id,name,kind,location,classification,origin,replicates_to\na,A,storage,aws:eu-west-1,restricted,EU,\"b\nc\"\nb,B,storage,aws:us-east-1,,,\nc,C,storage,aws:us-west-2,,,\n,,,,,,\nWeb App,W,application,DE,,,\n");
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        QCOMPARE(loaded->inventory.workloads.size(), std::size_t(4));
        QVERIFY(flow(*loaded, QStringLiteral("a"), QStringLiteral("b")));
        QVERIFY(flow(*loaded, QStringLiteral("a"), QStringLiteral("c")));
        bool renamed = false;
        for (const Diagnostic &d : loaded->warnings)
            renamed |= d.message.contains(u"id 'Web App' is not a valid id; imported as 'web-app'");
        QVERIFY2(renamed, qPrintable(test::join(loaded->warnings)));
    }
    {   // A minified {"assets": […]} on one line is an envelope, not NDJSON.
        const auto loaded = importText("rest.json", R"({"assets":[{"name":"//storage.googleapis.com/projects/_/buckets/z","assetType":"storage.googleapis.com/Bucket","resource":{"location":"asia-east2"}}],"nextPageToken":""})");
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        QCOMPARE(countryOf(*loaded, QStringLiteral("z")), QStringLiteral("HK"));
    }
    {   // NDJSON line 2: a wrong type points at the field of that line, not column 1 or a
        // nested field of the same name.
        const auto loaded = importText("n.json",
            "{\"name\":\"//a/b\",\"asset_type\":\"storage.googleapis.com/Bucket\",\"resource\":{\"location\":\"eu\"}}\n"
            "{\"name\":\"//a/c\",\"resource\":{\"asset_type\":\"x\"},\"asset_type\":42}\n");
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().front().line, 2u);
        QCOMPARE(loaded.error().front().column, 60u);
    }
}

void TestCloudImport::terraformVersion3()
{
    const auto loaded = importText("old.tfstate", R"({"version": 3, "terraform_version": "0.11.14", "serial": 1, "lineage": "x", "modules": []})");
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().front().line, 1u);
    QVERIFY2(loaded.error().front().message.contains(u"version 3 (Terraform 0.11 or older) is not supported"), qPrintable(test::join(loaded.error())));
}

void TestCloudImport::broken_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QFile tsv(data(QStringLiteral("broken/expected.tsv")));
    QVERIFY(tsv.open(QIODevice::ReadOnly | QIODevice::Text));
    tsv.readLine();
    int rows = 0;
    while (!tsv.atEnd()) {
        const QStringList f = QString::fromUtf8(tsv.readLine()).trimmed().split(u'\t');
        if (f.size() < 5)
            continue;
        QTest::newRow(qPrintable(f[0])) << f[0] << f[1] << f[2].toInt() << f[3].toInt() << f[4];
        ++rows;
    }
    // Every broken fixture is listed.
    const QStringList files = QDir(data(QStringLiteral("broken"))).entryList(QDir::Files);
    QCOMPARE(rows, int(files.size()) - 2); // expected.tsv, README.md
}

void TestCloudImport::broken()
{
    QFETCH(QString, file);
    QFETCH(QString, severity);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const auto loaded = importFiles({QStringLiteral("broken/") + file});
    if (severity == u"error") {
        QVERIFY(!loaded);
        const Diagnostic &d = loaded.error().front();
        QVERIFY2(d.message.toLower().contains(message), qPrintable(d.toString()));
        QCOMPARE(int(d.line), line);
        QCOMPARE(int(d.column), column);
        return;
    }
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    if (severity == u"ok") {
        QVERIFY2(loaded->warnings.isEmpty(), qPrintable(test::join(loaded->warnings)));
        return;
    }
    bool found = false;
    for (const Diagnostic &d : loaded->warnings)
        found |= d.message.toLower().contains(message) && int(d.line) == line && int(d.column) == column;
    QVERIFY2(found, qPrintable(test::join(loaded->warnings)));
}

void TestCloudImport::largeFilesCheckedWhileRead()
{
    // Exports of 1 MB and more are mapped and their NUL and UTF-8 checks run beside the reading:
    // a bad byte far down such a file, even in a member no reader parses, still refuses it, at
    // its position, with nothing imported.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string rows = "{\"data\": [\n";
    int count = 0;
    for (; rows.size() < (std::size_t(1) << 20) + 4000; ++count)
        rows += "  {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/app" + std::to_string(count)
            + "\", \"name\": \"app" + std::to_string(count) + "\", \"type\": \"Microsoft.Web/sites\", \"location\": \"westeurope\"},\n";
    rows.replace(rows.size() - 2, 2, "\n],\n\"comment\": \"exported by hand\"}\n");
    const int lastLine = count + 3; // the comment's line
    auto write = [&](const QString &name, const std::string &bytes) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes.data(), qint64(bytes.size())), qint64(bytes.size()));
    };
    write(QStringLiteral("good.json"), rows);
    const auto good = loadInventory({dir.filePath(QStringLiteral("good.json"))}, test::catalog());
    QVERIFY2(good, qPrintable(test::errors(good)));
    QCOMPARE(int(good->inventory.workloads.size()), count);

    const std::size_t at = rows.rfind("by hand"); // inside the comment, which no reader parses
    for (const auto &[bad, message] : {std::pair{std::string("\xC3\x28"), QStringLiteral("invalid utf-8 (byte 0xc3)")},
                                       std::pair{std::string(1, '\0'), QStringLiteral("binary file (nul byte)")}}) {
        std::string broken = rows;
        broken.replace(at, 1, bad);
        write(QStringLiteral("broken.json"), broken);
        const auto loaded = loadInventory({dir.filePath(QStringLiteral("good.json")), dir.filePath(QStringLiteral("broken.json"))},
                                          test::catalog());
        QVERIFY(!loaded);
        const Diagnostic &d = loaded.error().front();
        QVERIFY2(d.message.toLower().contains(message), qPrintable(d.toString()));
        QCOMPARE(d.file, dir.filePath(QStringLiteral("broken.json")));
        QCOMPARE(int(d.line), lastLine);
        QCOMPARE(int(d.column), int(at - rows.rfind('\n', at)));
    }
}

void TestCloudImport::roundTrip_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::newRow("aws") << QStringList{QStringLiteral("aws-config/select-resource-config.json"),
                                        QStringLiteral("aws-config/123456789012_Config_eu-central-1_ConfigSnapshot_20261101T000000Z_0b7c.json"),
                                        QStringLiteral("aws-config/123456789012_Config_us-east-1_ConfigSnapshot_20261101T000000Z_4e1a.json.gz")};
    QTest::newRow("gcp") << QStringList{QStringLiteral("samples/mock_cai_resources.dump")};
    QTest::newRow("azure") << QStringList{QStringLiteral("azure/az-resource-list.json"), QStringLiteral("azure/arg-cli-envelope.json")};
    QTest::newRow("terraform") << QStringList{QStringLiteral("samples/tfplan.json"), QStringLiteral("samples/driftctl-aws_s3_full.tfstate")};
    QTest::newRow("csv") << QStringList{QStringLiteral("csv/estate.csv")};
}

void TestCloudImport::roundTrip()
{
    QFETCH(QStringList, files);
    const auto loaded = importFiles(files);
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const QByteArray yaml = inventoryToYaml(loaded->inventory);
    const auto again = loadInventoryTexts({{QStringLiteral("imported.yaml"), yaml.toStdString()}}, test::catalog());
    QVERIFY2(again, qPrintable(test::errors(again)));
    QCOMPARE(again->inventory.workloads.size(), loaded->inventory.workloads.size());
    QCOMPARE(again->inventory.datasets.size(), loaded->inventory.datasets.size());
    QCOMPARE(again->inventory.flows.size(), loaded->inventory.flows.size());
    QCOMPARE(inventoryToYaml(again->inventory), yaml); // deterministic, lossless
}

void TestCloudImport::mappingFile()
{
    const auto mapping = parseImportMapping(QStringLiteral("m.yaml"), R"(mapping: 1
classification:
  tags: [sensitivity]
  values: {secret: restricted}
default_origin: DE
rules:
  - {tag: team, value: clinical, categories: [health]}
kinds:
  AWS::DynamoDB::Table: skip-configuration
)", test::catalog());
    QVERIFY2(mapping, qPrintable(test::errors(mapping)));
    LoadOptions options;
    options.mapping = std::make_shared<const ImportMapping>(*mapping);
    const auto loaded = loadInventoryTexts({{QStringLiteral("s.json"), R"({"fileVersion":"1.0","configSnapshotId":"x","configurationItems":[
 {"resourceType":"AWS::S3::Bucket","resourceId":"b1","resourceName":"b1","ARN":"arn:aws:s3:::b1","awsRegion":"us-east-1","availabilityZone":"Regional","configurationItemStatus":"OK","tags":{"sensitivity":"secret","team":"clinical"}},
 {"resourceType":"AWS::DynamoDB::Table","resourceId":"t1","resourceName":"t1","awsRegion":"us-east-1","configurationItemStatus":"OK","tags":{}}]})"}},
                                           test::catalog(), options);
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->inventory.workloads.size(), std::size_t(1));
    const Dataset *d = loaded->inventory.dataset(QStringLiteral("b1-data"));
    QVERIFY(d);
    QCOMPARE(d->classification, Classification::Restricted);
    QCOMPARE(d->origin, QStringLiteral("DE")); // the fixed default origin, not the holder (US)
    QVERIFY(d->categories.contains(Category::Health));
    QCOMPARE(notes(loaded->report.assumptions, QStringLiteral("origin from mapping")), 1);
    QCOMPARE(loaded->report.skipped.front().message, QStringLiteral("holds no data (configuration), by the mapping file"));
}

void TestCloudImport::mappingErrors()
{
    const auto bad = parseImportMapping(QStringLiteral("m.yaml"), "mapping: 1\ndefault_origin: Atlantis\nkinds:\n  X: warehouse\nclassification:\n  values: {a: secret}\n",
                                        test::catalog());
    QVERIFY(!bad);
    QCOMPARE(bad.error().size(), 3);
    QCOMPARE(bad.error()[0].line, 2u);
    QCOMPARE(bad.error()[0].column, 17u);
    QVERIFY(bad.error()[0].message.contains(u"Atlantis"));
    QCOMPARE(bad.error()[1].line, 4u);
    QCOMPARE(bad.error()[2].line, 6u);
}

void TestCloudImport::overlayAfterExport()
{
    // An overlay given after an export extends what the export imported.
    QFile f(data(QStringLiteral("azure/az-resource-list.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto loaded = loadInventoryTexts({{QStringLiteral("az.json"), f.readAll().toStdString()},
                                            {QStringLiteral("overlay.yaml"), "atlas: 1\noverlay: true\nworkloads:\n  - id: log-nw-ops\n    location: azure:northeurope\n"}},
                                           test::catalog());
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->inventory.workload(QStringLiteral("log-nw-ops"))->location, QStringLiteral("azure:northeurope"));
}

void TestCloudImport::cancel()
{
    ImportProgress progress;
    progress.cancel = true;
    LoadOptions options;
    options.progress = &progress;
    const auto loaded = importFiles({QStringLiteral("samples/mock_cai_resources.dump")}, options);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().front().message, QStringLiteral("import cancelled"));
}

QTEST_GUILESS_MAIN(TestCloudImport)
#include "tst_cloudimport.moc"
