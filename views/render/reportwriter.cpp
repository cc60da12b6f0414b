#include "reportwriter.h"

#include "mapgraph.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <memory>

namespace atlas {

namespace {
// The map gets a landscape A4 page of its own (842 × 595 points): it is laid out to that shape.
constexpr double kReportMapAspect = 842.0 / 595.0;
// The overview sits in the summary under a heading, a paragraph and above its caption: about
// the A4 portrait text area (493 × 740 points) less 200 points of those.
constexpr double kReportOverviewAspect = 493.0 / 540.0;
} // namespace

std::shared_ptr<const MapScene> reportMap(const AnalysisSnapshot &snapshot)
{
    if (snapshot.inventory->workloads.empty())
        return nullptr;
    MapOptions options;
    options.grouping = MapGrouping::Jurisdiction;
    options.onlyCrossBorder = true;
    std::expected<MapScene, QString> scene = layoutMap(buildMap(snapshot.facts, snapshot.findings, options), kReportMapAspect);
    if (!scene || scene->graph.nodes.empty())
        return nullptr;
    return std::make_shared<const MapScene>(std::move(*scene));
}

std::shared_ptr<const OverviewScene> reportOverview(const Report &report)
{
    if (report.overview.edgeCells().empty())
        return nullptr;
    std::expected<OverviewScene, QString> scene = layoutOverview(report.overview, {kReportOverviewAspect, true});
    return scene ? std::make_shared<const OverviewScene>(std::move(*scene)) : nullptr;
}

std::expected<PreparedReport, QString> prepareReport(const ReportRequest &request, bool withMap)
{
    std::expected<Report, QString> report = buildReport(request);
    if (!report)
        return std::unexpected(report.error());
    PreparedReport p{request.snapshot, std::move(*report), {}};
    const bool mapWanted = withMap && hasSection(p.report.sections, ReportSection::Map);
    const bool overviewWanted = withMap && hasSection(p.report.sections, ReportSection::Summary);
    p.document = buildReportDocument(p.report, mapWanted ? reportMap(*request.snapshot) : nullptr,
                                     overviewWanted ? reportOverview(p.report) : nullptr);
    return p;
}

std::vector<ReportTarget> reportTargetsIn(const QString &dir)
{
    std::vector<ReportTarget> targets;
    for (const std::unique_ptr<ReportFormat> &f : reportFormats())
        targets.push_back({f.get(), QDir(dir).filePath(f->fileName())});
    return targets;
}

QStringList reportSetFileNames()
{
    QStringList names;
    for (const std::unique_ptr<ReportFormat> &f : reportFormats())
        names << f->fileName();
    names << QStringLiteral("manifest.sha256");
    return names;
}

namespace {

// Forwards every write to the file and into a SHA-256, so the manifest hashes exactly the bytes
// written without reading the file back or rendering twice.
class HashingDevice : public QIODevice
{
public:
    explicit HashingDevice(QIODevice &target) : m_target(target) { open(QIODevice::WriteOnly); }
    QByteArray hash() const { return m_hash.result().toHex(); }
    QString errorText() const { return m_target.errorString(); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        const qint64 n = m_target.write(data, size);
        if (n > 0)
            m_hash.addData(QByteArrayView(data, n));
        return n;
    }

private:
    QIODevice &m_target;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

} // namespace

std::expected<void, QString> writeReportFiles(const PreparedReport &prepared, const std::vector<ReportTarget> &targets,
                                              const QString &manifestDir, const std::function<void(int, int)> &progress,
                                              const std::atomic_bool *cancel)
{
    std::vector<std::unique_ptr<QSaveFile>> files;
    QStringList manifest;
    const int total = int(targets.size());
    for (int i = 0; i < total; ++i) {
        const ReportTarget &t = targets[std::size_t(i)];
        if (cancel && cancel->load())
            return std::unexpected(QStringLiteral("cancelled; nothing written"));
        auto file = std::make_unique<QSaveFile>(t.path);
        if (!file->open(QIODevice::WriteOnly))
            return std::unexpected(QStringLiteral("cannot write %1: %2; nothing written").arg(t.path, file->errorString()));
        HashingDevice device(*file);
        const ReportRenderInput in{prepared.report, prepared.document, *prepared.snapshot, {}, cancel};
        if (std::expected<void, QString> ok = t.format->write(in, device); !ok)
            return std::unexpected(QStringLiteral("%1: %2; nothing written").arg(t.path, ok.error()));
        if (file->error() != QFileDevice::NoError)
            return std::unexpected(QStringLiteral("cannot write %1: %2; nothing written").arg(t.path, file->errorString()));
        manifest << QString::fromLatin1(device.hash()) + QStringLiteral("  ") + QFileInfo(t.path).fileName();
        files.push_back(std::move(file));
        if (progress)
            progress(i + 1, total);
    }
    if (!manifestDir.isEmpty()) {
        manifest.sort();
        auto file = std::make_unique<QSaveFile>(QDir(manifestDir).filePath(QStringLiteral("manifest.sha256")));
        if (!file->open(QIODevice::WriteOnly) || file->write((manifest.join(u'\n') + u'\n').toUtf8()) < 0)
            return std::unexpected(QStringLiteral("cannot write the manifest: %1; nothing written").arg(file->errorString()));
        files.push_back(std::move(file));
    }
    // Every file rendered: now they replace what was there, one rename each.
    for (const std::unique_ptr<QSaveFile> &f : files)
        if (!f->commit())
            return std::unexpected(QStringLiteral("cannot write %1: %2").arg(f->fileName(), f->errorString()));
    return {};
}

} // namespace atlas
