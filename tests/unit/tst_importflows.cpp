// Copies of data the exports show between resources, which become flows: S3 replication given
// by a separate Terraform resource (the destination bucket in the same state), RDS read replicas
// (Terraform `replicate_source_db` / `replication_source_identifier`, AWS Config's
// `readReplicaSourceDBInstanceIdentifier`), same-region sources named by identifier, sources
// outside the export reported.
#include "inventoryimporter.h"
#include "location.h"
#include "policyengine.h"
#include "policyimporter.h"
#include "testsupport.h"

#include <QTest>

using namespace atlas;

namespace {

QString data(const QString &relative)
{
    return QStringLiteral(ATLAS_TEST_DATA "/import/") + relative;
}

const Flow *flow(const LoadedInventory &l, const QString &from, const QString &to)
{
    for (const Flow &f : l.inventory.flows)
        if (f.from == from && f.to == to)
            return &f;
    return nullptr;
}

QString countryOf(const LoadedInventory &l, const QString &id)
{
    const Workload *w = l.inventory.workload(id);
    return w ? resolveLocation(test::catalog(), w->location).country : QStringLiteral("<no workload>");
}

// The built-in rules' findings on flows, as "RULE flow-id".
QStringList flowFindings(const LoadedInventory &l)
{
    auto packs = loadPolicies({}, test::catalog());
    if (!packs)
        return {QStringLiteral("<pack does not load>")};
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), l.inventory);
    QStringList out;
    for (const Finding &f : evaluatePolicies(*packs->rules, facts))
        if (f.subjectKind == SubjectKind::Flow)
            out << f.rule + u' ' + f.subjectId;
    out.removeDuplicates();
    out.sort();
    return out;
}

const ImportNote *note(const LoadedInventory &l, const QString &group)
{
    for (const ImportNote &n : l.report.assumptions)
        if (n.group == group)
            return &n;
    return nullptr;
}

} // namespace

class TestImportFlows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void terraformCopies();
    void awsConfigReadReplicas();
};

void TestImportFlows::terraformCopies()
{
    const auto loaded = loadInventory({data(QStringLiteral("terraform/copies.tfstate"))}, test::catalog());
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->inventory.flows.size(), std::size_t(3));

    // The separate replication resource names a bucket that is in the state: the flow goes to
    // it (the United States), not to a placeholder at 'unknown'.
    const Flow *s3 = flow(*loaded, QStringLiteral("patients-eu"), QStringLiteral("patients-us"));
    QVERIFY(s3);
    QCOMPARE(refIds(s3->carries), QStringList{QStringLiteral("patients")});
    QCOMPARE(countryOf(*loaded, QStringLiteral("patients-us")), QStringLiteral("US"));
    QVERIFY(!note(*loaded, QStringLiteral("replication target outside the export")));

    // A cross-region read replica named by ARN: Germany to the United States, the source's data.
    const Flow *dr = flow(*loaded, QStringLiteral("claims"), QStringLiteral("claims-dr"));
    QVERIFY(dr);
    QCOMPARE(refIds(dr->carries), QStringList{QStringLiteral("claims-records")});
    QCOMPARE(countryOf(*loaded, QStringLiteral("claims")), QStringLiteral("DE"));
    QCOMPARE(countryOf(*loaded, QStringLiteral("claims-dr")), QStringLiteral("US"));
    QCOMPARE(dr->source.line, 135u); // replicate_source_db, deep in the resource's attributes
    // A same-region replica names its source by identifier: found through the replica's ARN.
    QVERIFY(flow(*loaded, QStringLiteral("claims"), QStringLiteral("claims-reporting")));
    // Restricted data copied out of the EU is a finding; the copy inside Germany is not.
    const QStringList findings = flowFindings(*loaded);
    QVERIFY2(findings.contains(QStringLiteral("RES-001 claims--claims-dr")), qPrintable(findings.join(u", ")));
    QVERIFY2(findings.contains(QStringLiteral("RES-001 patients-eu--patients-us")), qPrintable(findings.join(u", ")));
    QVERIFY2(findings.filter(QStringLiteral("claims--claims-reporting")).isEmpty(), qPrintable(findings.join(u", ")));

    // A source outside the state: said, with the position, and no flow invented.
    const ImportNote *missing = note(*loaded, QStringLiteral("replication source not in the export"));
    QVERIFY(missing);
    QCOMPARE(missing->subject, QStringLiteral("arn:aws:rds:eu-west-1:111122223333:cluster:ledger"));
    QVERIFY(missing->message.contains(u"RDS read replica (replication_source_identifier)"));
}

void TestImportFlows::awsConfigReadReplicas()
{
    // The configuration as an object (snapshot files) and as a JSON string (history and
    // batch-get API output); the source named by ARN in another region, and by identifier.
    const char *snapshot = R"({"fileVersion": "1.0", "configSnapshotId": "c0ffee00-0000-4000-8000-000000000001", "configurationItems": [
 {"configurationItemStatus": "OK", "resourceType": "AWS::RDS::DBInstance", "resourceId": "db-SRC", "resourceName": "orders",
  "ARN": "arn:aws:rds:eu-west-3:111122223333:db:orders", "awsRegion": "eu-west-3", "availabilityZone": "eu-west-3a",
  "awsAccountId": "111122223333", "configurationItemCaptureTime": "2026-11-01T00:00:00.000Z",
  "tags": {"data-classification": "sensitive", "data-origin": "FR"},
  "configuration": {"dBInstanceIdentifier": "orders", "readReplicaDBInstanceIdentifiers": ["arn:aws:rds:sa-east-1:111122223333:db:orders-br"]}},
 {"configurationItemStatus": "OK", "resourceType": "AWS::RDS::DBInstance", "resourceId": "db-BR", "resourceName": "orders-br",
  "ARN": "arn:aws:rds:sa-east-1:111122223333:db:orders-br", "awsRegion": "sa-east-1", "availabilityZone": "sa-east-1a",
  "awsAccountId": "111122223333", "configurationItemCaptureTime": "2026-11-01T00:00:00.000Z", "tags": {},
  "configuration": {"dBInstanceIdentifier": "orders-br", "readReplicaSourceDBInstanceIdentifier": "arn:aws:rds:eu-west-3:111122223333:db:orders"}},
 {"configurationItemStatus": "OK", "resourceType": "AWS::RDS::DBInstance", "resourceId": "db-RO", "resourceName": "orders-ro",
  "ARN": "arn:aws:rds:eu-west-3:111122223333:db:orders-ro", "awsRegion": "eu-west-3", "availabilityZone": "eu-west-3b",
  "awsAccountId": "111122223333", "configurationItemCaptureTime": "2026-11-01T00:00:00.000Z", "tags": {},
  "configuration": "{\"dBInstanceIdentifier\":\"orders-ro\",\"readReplicaSourceDBInstanceIdentifier\":\"orders\"}"}
]})";
    const auto loaded = loadInventoryTexts({{QStringLiteral("config.json"), std::string(snapshot)}}, test::catalog());
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->inventory.flows.size(), std::size_t(2));
    const Flow *br = flow(*loaded, QStringLiteral("orders"), QStringLiteral("orders-br"));
    QVERIFY(br);
    QCOMPARE(countryOf(*loaded, QStringLiteral("orders-br")), QStringLiteral("BR"));
    QCOMPARE(refIds(br->carries), QStringList{QStringLiteral("orders-data")});
    QCOMPARE(br->source.line, 10u); // the replica's configuration
    QVERIFY(flow(*loaded, QStringLiteral("orders"), QStringLiteral("orders-ro")));
}

QTEST_GUILESS_MAIN(TestImportFlows)
#include "tst_importflows.moc"
