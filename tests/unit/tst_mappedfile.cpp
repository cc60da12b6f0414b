// Mapped exports that another program truncates or rewrites while they are read: never a crash,
// always refused with one clear error, nothing imported (importers/mappedfile.h).
#include "exportformat.h"
#include "exportinput.h"
#include "mappedfile.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <atomic>
#include <future>
#include <thread>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

using namespace atlas;

class TestMappedFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void truncatedWhileReadReadsZeros();
    void rewrittenInPlaceIsChanged();
    void untouchedFileIsNotChanged();
    void otherBusErrorsStillEndTheProcess();
    void exportTruncatedDuringImport();
};

namespace {

// An Azure resource list of at least `bytes` bytes, one resource per line.
std::string azureRows(std::size_t bytes, int *count = nullptr)
{
    std::string rows = "[\n";
    int n = 0;
    for (; rows.size() < bytes; ++n)
        rows += "  {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/app" + std::to_string(n)
            + "\", \"name\": \"app" + std::to_string(n) + "\", \"type\": \"Microsoft.Web/sites\", \"location\": \"westeurope\"},\n";
    rows.replace(rows.size() - 2, 2, "\n]\n");
    if (count)
        *count = n;
    return rows;
}

bool writeFile(const QString &path, const std::string &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
}

bool setOldTime(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadWrite)
        && file.setFileTime(QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC), QFileDevice::FileModificationTime);
}

} // namespace

void TestMappedFile::truncatedWhileReadReadsZeros()
{
    // Pages past the new end would raise SIGBUS: they read as zeros and the input says why.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("resources.json"));
    const std::string rows = azureRows(std::size_t(3) << 20);
    QVERIFY(writeFile(path, rows));
    const auto input = readInputFile(path, InputLimits{});
    QVERIFY(input);
    QVERIFY(input->isMapped());
    QVERIFY(!input->changedWhileRead());

    QVERIFY(QFile::resize(path, 100000));
    const int caught = MappedFile::caughtFaults();
    const std::string_view text = input->text();
    QVERIFY(text.substr(0, 100000) == std::string_view(rows).substr(0, 100000)); // still there
    QCOMPARE(std::count(text.begin() + (1 << 20), text.end(), '\0'), std::ptrdiff_t(text.size() - (1 << 20)));
    QVERIFY(MappedFile::caughtFaults() > caught);
    const auto changed = input->changedWhileRead();
    QVERIFY(changed);
    QCOMPARE(changed->file, path);
    QVERIFY2(changed->message.contains(u"changed while it was being read"), qPrintable(changed->message));
}

void TestMappedFile::rewrittenInPlaceIsChanged()
{
    // A rewrite that keeps the length cannot fault; the modification time gives it away.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("resources.json"));
    std::string rows = azureRows(std::size_t(2) << 20);
    QVERIFY(writeFile(path, rows));
    QVERIFY(setOldTime(path));
    const auto input = readInputFile(path, InputLimits{});
    QVERIFY(input && input->isMapped());
    QVERIFY(!input->changedWhileRead());
    std::replace(rows.begin(), rows.end(), 'w', 'W');
    QVERIFY(writeFile(path, rows));
    QVERIFY(input->changedWhileRead());
}

void TestMappedFile::untouchedFileIsNotChanged()
{
    // Reading the whole map, handing pages back and reading them again changes nothing.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("resources.json"));
    const std::string rows = azureRows(std::size_t(2) << 20);
    QVERIFY(writeFile(path, rows));
    const auto input = readInputFile(path, InputLimits{});
    QVERIFY(input && input->isMapped());
    QVERIFY(!input->check(InputLimits{}));
    input->release(input->text().size());
    QVERIFY(input->text() == std::string_view(rows));
    QVERIFY(!input->changedWhileRead());
}

void TestMappedFile::otherBusErrorsStillEndTheProcess()
{
    // The handler repairs only the maps it was given; any other SIGBUS still ends the process.
    // Run in a fresh process of this binary (busErrorChild below): in this one, the handler
    // before ours is QtTest's crash handler, which does not behave in a forked child.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ATLAS_TEST_BUS_ERROR_DIR"), dir.path());
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(60000));
    const QByteArray said = child.readAllStandardOutput();
    // The map's own fault was caught, then the other one ended the child: by the signal, or,
    // in the dev build, by ASan's handler (the one before ours there) after its report.
    QVERIFY2(said == "caught\n", said.constData());
    QVERIFY2(child.exitStatus() == QProcess::CrashExit || child.exitCode() == 1,
             qPrintable(QStringLiteral("child exit code %1").arg(child.exitCode())));
}

void TestMappedFile::exportTruncatedDuringImport()
{
    // An export cut short by another program once its import has begun: one error naming the
    // file, nothing imported, and the process lives on.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("resources.json"));
    int count = 0;
    const std::string rows = azureRows(std::size_t(24) << 20, &count);
    QVERIFY(writeFile(path, rows));
    ImportProgress progress;
    LoadOptions options;
    options.progress = &progress;
    auto loading = std::async(std::launch::async, [&] { return loadInventory({path}, test::catalog(), options); });
    while (progress.resources.load() == 0 && loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        std::this_thread::yield();
    QVERIFY(QFile::resize(path, 1 << 20));
    const auto loaded = loading.get();
    QVERIFY2(progress.resources.load() < count, "the import ended before the file was cut; make the file larger");
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    const Diagnostic &error = loaded.error().front();
    QCOMPARE(error.severity, Severity::Error);
    QCOMPARE(error.file, path);
    QVERIFY2(error.message.contains(u"changed while it was being read"), qPrintable(error.toString()));
}

namespace {

// The child of otherBusErrorsStillEndTheProcess: a fault in a mapped export is caught, a fault
// in any other map is not. Prints "caught" after the first; never returns from the second.
int busErrorChild(const QString &dir)
{
    const QString exportPath = dir + QStringLiteral("/export.json");
    if (!writeFile(exportPath, azureRows(std::size_t(2) << 20)))
        return 10;
    const auto input = readInputFile(exportPath, InputLimits{});
    if (!input || !input->isMapped() || !QFile::resize(exportPath, 0))
        return 11;
    if (input->text()[1 << 20] != '\0' || !input->changedWhileRead())
        return 12;
    std::printf("caught\n");
    std::fflush(stdout);

    const QString otherPath = dir + QStringLiteral("/other.bin");
    if (!writeFile(otherPath, std::string(std::size_t(1) << 16, 'x')))
        return 13;
    const QByteArray local = QFile::encodeName(otherPath);
    const int fd = ::open(local.constData(), O_RDONLY);
    auto *bytes = static_cast<volatile const char *>(mmap(nullptr, std::size_t(1) << 16, PROT_READ, MAP_SHARED, fd, 0));
    if (fd < 0 || bytes == MAP_FAILED || !QFile::resize(otherPath, 0))
        return 14;
    return bytes[8192] == 'x' ? 0 : 15; // ends the process before it returns
}

} // namespace

int main(int argc, char **argv)
{
    if (const QByteArray dir = qgetenv("ATLAS_TEST_BUS_ERROR_DIR"); !dir.isEmpty())
        return busErrorChild(QString::fromLocal8Bit(dir));
    QCoreApplication app(argc, argv);
    TestMappedFile test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_mappedfile.moc"
