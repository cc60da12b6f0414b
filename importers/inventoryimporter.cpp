#include "inventoryimporter.h"

#include "exportformat.h"
#include "exportinput.h"
#include "importmapping.h"
#include "inventorymerge.h"
#include "jsonreader.h"
#include "pipelinesink.h"
#include "resourcemapper.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>
#include <future>

#include <variant>

namespace atlas {

TextFormat detectTextFormat(const QString &path, std::string_view text)
{
    const QString lower = path.toLower();
    if (lower.endsWith(u".json"))
        return TextFormat::Json;
    if (lower.endsWith(u".yaml") || lower.endsWith(u".yml"))
        return TextFormat::Yaml;
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && (text[first] == '{' || text[first] == '['))
        return TextFormat::Json;
    return TextFormat::Yaml;
}

namespace {

// Whether a JSON text's top-level object has the member `atlas` (not merely the word somewhere:
// a bucket may be called "atlas"). Reads only `head`; strings and nesting are skipped.
bool hasTopLevelAtlas(std::string_view head)
{
    int depth = 0;
    for (std::size_t i = 0; i < head.size(); ++i) {
        const char c = head[i];
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == '"') {
            const std::size_t start = i + 1;
            for (++i; i < head.size() && head[i] != '"'; ++i)
                if (head[i] == '\\')
                    ++i;
            if (depth == 1 && head.substr(start, i - start) == "atlas") {
                std::size_t j = i + 1;
                while (j < head.size() && (head[j] == ' ' || head[j] == '\t' || head[j] == '\r' || head[j] == '\n'))
                    ++j;
                if (j < head.size() && head[j] == ':')
                    return true;
            }
        }
    }
    return false;
}

} // namespace

std::expected<QString, Error> detectInputFormat(const QString &name, std::string_view text)
{
    const std::string_view head = text.substr(0, 64 * 1024);
    const std::size_t first = head.find_first_not_of(" \t\r\n");
    const bool jsonLike = first != std::string_view::npos && (head[first] == '{' || head[first] == '[' || head[first] == '/');
    // The inventory format announces itself with `atlas`; content decides, not the extension.
    if (jsonLike ? hasTopLevelAtlas(head)
                 : (head.starts_with("atlas:") || head.find("\natlas:") != std::string_view::npos))
        return QStringLiteral("inventory");
    if (jsonLike && head[first] == '[' && text.find_first_not_of("[] \t\r\n") == std::string_view::npos)
        return QStringLiteral("empty");
    int best = 0;
    const ExportFormat *winner = nullptr;
    for (const ExportFormat *f : exportFormats()) {
        if (jsonLike == (f->name() == u"csv"))
            continue; // CSV is never JSON, the others always are
        const int score = f->sniff(head);
        if (score > best) {
            best = score;
            winner = f;
        }
    }
    if (winner)
        return winner->name();
    // Nothing recognised the content: a telling extension picks the reader, which then says
    // precisely what is wrong (a CSV without a location column, a state of another version).
    const QString lower = name.toLower();
    if (lower.endsWith(u".csv") || lower.endsWith(u".tsv"))
        return QStringLiteral("csv");
    if (lower.endsWith(u".tfstate") || lower.endsWith(u".tfstate.backup"))
        return QStringLiteral("terraform");
    if (!jsonLike || hasTopLevelAtlas(text)) // `atlas` after the first 64 KiB of a JSON inventory
        return QStringLiteral("inventory"); // (the YAML reader explains what is wrong otherwise)
    if (head[first] == '{' || head[first] == '[')
        return std::unexpected(Error{name, 1, 1,
                                     QStringLiteral("not a format Residency Atlas reads: a JSON document that is neither an inventory "
                                                    "(no 'atlas') nor a known cloud export; name the format with --from (%1)")
                                         .arg(formatNames().join(u", "))});
    return QStringLiteral("inventory");
}

namespace {

Diagnostic toDiagnostic(const Error &e)
{
    return Diagnostic{Severity::Error, e.file, e.line, e.column, e.message};
}

struct Source
{
    QString name;
    std::optional<std::string> bytes; // in memory; otherwise read from `name`
};

struct CloudSlot {};
using Piece = std::variant<ParsedDocument, CloudSlot>;

// Returns false when the file could not be read to its end (a syntax or limit error).
bool parseInventory(const TextInput &input, std::uint32_t fileIndex, const LoadOptions &options,
                    QSet<QString> &interned, std::vector<Piece> &pieces, Diagnostics &diagnostics,
                    ImportFileSummary &summary)
{
    ParsedDocument doc;
    Diagnostics local;
    ReadContext context{input.name(), fileIndex, &local, &interned};
    InventoryReader reader(context, doc.inventory, doc.ids);
    const TextFormat format = detectTextFormat(input.name(), input.text());
    std::optional<Error> stop = format == TextFormat::Json
        ? readJson(input, reader, options.stream)
        : readYaml(input, reader, options.stream);
    if (std::optional<Error> changed = input.changedWhileRead())
        stop = std::move(changed); // what was read is not the file
    if (stop) {
        // A syntax error ends the file: what was read before it is not worth reporting twice.
        local.erase(std::remove_if(local.begin(), local.end(),
                                   [](const Diagnostic &d) { return d.severity == Severity::Warning; }),
                    local.end());
        local.append(toDiagnostic(*stop));
        diagnostics.append(local);
        return false;
    }
    reader.finish();
    diagnostics.append(local);
    summary.resources = int(doc.inventory.workloads.size() + doc.inventory.datasets.size() + doc.inventory.flows.size()
                            + doc.inventory.sites.size() + doc.inventory.access.size() + doc.inventory.waivers.size());
    summary.imported = int(doc.inventory.workloads.size());
    pieces.emplace_back(std::move(doc));
    return true;
}

// ATLAS_IMPORT_TIMING=1 prints where a load spends its time (bench/README.md).
bool importTiming()
{
    static const bool timing = qEnvironmentVariableIsSet("ATLAS_IMPORT_TIMING");
    return timing;
}

// A mapped export's NUL and UTF-8 checks run on another core while it is read: the reader's and
// the mapper's threads each leave one idle part of the time. Their verdict comes before anything
// read from the file (destroyed before the input it checks, this waits).
class BackgroundCheck
{
public:
    BackgroundCheck(const TextInput &text, const InputLimits &limits) : m_text(text)
    {
        if (!text.checked())
            m_checking = std::async(std::launch::async, [&text, &limits] { return text.check(limits); });
    }

    // A file that another program truncated or rewrote meanwhile is refused whatever was read
    // from it (a read past a truncated end meets zeros instead of ending the process).
    std::optional<Error> failed()
    {
        std::optional<Error> bad = m_checking.valid() ? m_checking.get() : std::nullopt;
        if (std::optional<Error> changed = m_text.changedWhileRead())
            return changed;
        return bad;
    }

private:
    const TextInput &m_text;
    std::future<std::optional<Error>> m_checking;
};

// loadSources' steps share the options, the merger, the cloud mapper (made when first needed)
// and what the files read so far produced.
class SourceLoader
{
public:
    SourceLoader(const std::vector<Source> &sources, const Catalog &catalog, const LoadOptions &options)
        : m_sources(sources), m_catalog(catalog), m_options(options), m_merger(catalog)
    {
        for (const Source &s : sources)
            m_names.append(s.name);
    }

    std::expected<LoadedInventory, Diagnostics> load();

private:
    enum class FileResult { Unread, Read, Cancelled };

    ResourceMapper &mapper();
    void announceTotalBytes() const;
    FileResult readSource(std::size_t i);
    std::optional<QString> formatOf(const Source &source, const TextInput &input, BackgroundCheck &check);
    void readEmpty(const Source &source, std::int64_t bytes);
    void readInventory(std::size_t i, const TextInput &input, std::int64_t bytes);
    FileResult readExport(std::size_t i, const QString &format, const TextInput &input, BackgroundCheck &check);
    std::expected<LoadedInventory, Diagnostics> finish();
    Inventory mergePieces(ParsedDocument &&cloud);
    void warnEmptyExports(const ImportReport &report);
    void lap(const char *what);
    void fail(const Error &e)
    {
        m_diagnostics.append(toDiagnostic(e));
        m_complete = false;
    }

    const std::vector<Source> &m_sources;
    const Catalog &m_catalog;
    const LoadOptions &m_options;
    const ExportFormat *m_forced = nullptr; // --from, unless it names the inventory format
    QStringList m_names;
    const bool m_timing = importTiming();
    QElapsedTimer m_phase;
    InventoryMerger m_merger;
    std::optional<ResourceMapper> m_cloudMapper;
    Diagnostics m_diagnostics;
    QSet<QString> m_interned;
    std::vector<Piece> m_pieces;
    QList<ImportFileSummary> m_inventorySummaries;
    bool m_complete = true;
    bool m_cloudSlot = false;
};

ResourceMapper &SourceLoader::mapper()
{
    if (!m_cloudMapper)
        m_cloudMapper.emplace(m_catalog, m_options.mapping ? *m_options.mapping : ImportMapping::sharedDefaults(), m_names);
    return *m_cloudMapper;
}

void SourceLoader::announceTotalBytes() const
{
    if (!m_options.progress)
        return;
    std::int64_t total = 0;
    for (const Source &s : m_sources)
        total += s.bytes ? std::int64_t(s.bytes->size()) : QFileInfo(s.name).size();
    m_options.progress->bytesTotal.store(total);
}

std::expected<LoadedInventory, Diagnostics> SourceLoader::load()
{
    // The built-in mapping is parsed on another core (from the program's start when it called
    // preloadDefaults()), while the first file is opened at the latest.
    if (!m_options.mapping)
        ImportMapping::preloadDefaults();
    if (!m_options.format.isEmpty() && m_options.format != u"inventory") {
        m_forced = exportFormat(m_options.format);
        if (!m_forced)
            return std::unexpected(Diagnostics{Diagnostic{Severity::Error, QString(), 0, 0,
                                                          QStringLiteral("unknown format '%1'; expected one of %2")
                                                              .arg(m_options.format, formatNames().join(u", "))}});
    }
    announceTotalBytes();
    m_phase.start();
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
        const FileResult result = readSource(i);
        if (result == FileResult::Cancelled)
            return std::unexpected(Diagnostics{Diagnostic{Severity::Error, m_sources[i].name, 0, 0, QStringLiteral("import cancelled")}});
        if (result == FileResult::Read && m_options.progress)
            m_options.progress->filesDone.fetch_add(1);
    }
    return finish();
}

SourceLoader::FileResult SourceLoader::readSource(std::size_t i)
{
    const Source &source = m_sources[i];
    m_merger.addFile(source.name);
    QElapsedTimer opening;
    opening.start();
    auto input = source.bytes ? decodeInput(source.name, *source.bytes, m_options.limits)
                              : readInputFile(source.name, m_options.limits, TextInput::CheckMode::Later);
    if (m_timing)
        std::fprintf(stderr, "atlas-timing: open %s %lld ms\n", qPrintable(QFileInfo(source.name).fileName()),
                     static_cast<long long>(opening.elapsed()));
    if (!input) {
        fail(input.error());
        return FileResult::Unread;
    }
    BackgroundCheck check(*input, m_options.limits);
    const std::optional<QString> format = formatOf(source, *input, check);
    if (!format)
        return FileResult::Unread;
    const auto bytes = std::int64_t(input->text().size());
    if (*format == u"empty" || *format == u"inventory") {
        if (const std::optional<Error> bad = check.failed()) {
            fail(*bad);
            return FileResult::Unread;
        }
    }
    if (*format == u"empty")
        readEmpty(source, bytes);
    else if (*format == u"inventory")
        readInventory(i, *input, bytes);
    else
        return readExport(i, *format, *input, check);
    return FileResult::Read;
}

// The format a file is read as; nullopt (and the reason among the diagnostics) when none fits.
std::optional<QString> SourceLoader::formatOf(const Source &source, const TextInput &input, BackgroundCheck &check)
{
    QString format = m_forced ? m_forced->name() : m_options.format;
    if (m_forced) {
        // --from names the exports' format; inventory files among them (overlays) are
        // still read as inventories.
        if (const auto detected = detectInputFormat(source.name, input.text()); detected && *detected == u"inventory")
            format = *detected;
    }
    if (!format.isEmpty())
        return format;
    auto detected = detectInputFormat(source.name, input.text());
    if (!detected) {
        const std::optional<Error> bad = check.failed();
        fail(bad ? *bad : detected.error());
        return std::nullopt;
    }
    return *detected;
}

// An empty list is a valid export of nothing (an empty account, a query with no rows).
void SourceLoader::readEmpty(const Source &source, std::int64_t bytes)
{
    m_inventorySummaries.append(ImportFileSummary{source.name, QStringLiteral("empty"), bytes, 0, 0, 0, 0});
    m_diagnostics.append(Diagnostic{Severity::Warning, source.name, 1, 1, QStringLiteral("no resources in this export (an empty list)")});
}

void SourceLoader::readInventory(std::size_t i, const TextInput &input, std::int64_t bytes)
{
    ImportFileSummary summary{m_sources[i].name, QStringLiteral("inventory"), bytes, 0, 0, 0};
    if (parseInventory(input, std::uint32_t(i), m_options, m_interned, m_pieces, m_diagnostics, summary))
        m_inventorySummaries.append(summary);
    else
        m_complete = false;
}

SourceLoader::FileResult SourceLoader::readExport(std::size_t i, const QString &format, const TextInput &input,
                                                  BackgroundCheck &check)
{
    const ExportFormat *reader = exportFormat(format);
    mapper().beginFile(std::uint32_t(i), format, std::int64_t(input.text().size()));
    const ReadContextInfo context{std::uint32_t(i), m_options.progress};
    std::optional<Error> failed;
    {
        PipelineSink pipeline(mapper()); // parse on this thread, map on another
        failed = reader->read(input, context, pipeline);
        pipeline.finish(); // every call delivered (and the mapper's failure, if any, rethrown here)
        if (std::optional<Error> bad = check.failed())
            failed = std::move(bad); // not UTF-8 text: what was read from it does not count
        if (m_timing)
            std::fprintf(stderr, "atlas-timing: reader waited %lld ms, mapper waited %lld ms\n",
                         static_cast<long long>(pipeline.producerWaitMs()), static_cast<long long>(pipeline.consumerWaitMs()));
    }
    if (failed) {
        // Nothing of a file that failed is imported.
        mapper().rollbackFile();
        if (failed->message == u"cancelled")
            return FileResult::Cancelled;
        fail(*failed);
        return FileResult::Read;
    }
    mapper().commitFile();
    if (!m_cloudSlot) {
        // Exports merge where the first one was given, so overlays after them apply.
        m_pieces.emplace_back(CloudSlot{});
        m_cloudSlot = true;
    }
    return FileResult::Read;
}

void SourceLoader::lap(const char *what)
{
    if (m_timing)
        std::fprintf(stderr, "atlas-timing: %s %lld ms\n", what, static_cast<long long>(m_phase.restart()));
}

std::expected<LoadedInventory, Diagnostics> SourceLoader::finish()
{
    if (!m_complete) {
        // Cross-file checks would only echo the missing file as a cascade of unknown references.
        sortDiagnostics(m_diagnostics);
        return std::unexpected(m_diagnostics);
    }
    lap("read+map");
    ImportReport report;
    ParsedDocument cloud = mapper().finish(m_diagnostics, report);
    lap("replication");
    report.files.append(m_inventorySummaries);
    Inventory inventory = mergePieces(std::move(cloud));
    sortDiagnostics(m_diagnostics);
    lap("sort diagnostics");
    if (hasErrors(m_diagnostics))
        return std::unexpected(m_diagnostics);
    warnEmptyExports(report);
    if (m_options.strict && !m_diagnostics.isEmpty()) {
        // A CI gate that must not pass on a typo the reader only warned about.
        for (Diagnostic &d : m_diagnostics) {
            d.severity = Severity::Error;
            d.message += QStringLiteral(" [an error under --strict]");
        }
        return std::unexpected(m_diagnostics);
    }
    return LoadedInventory{std::move(inventory), m_diagnostics, std::move(report)};
}

Inventory SourceLoader::mergePieces(ParsedDocument &&cloud)
{
    for (Piece &piece : m_pieces) {
        if (auto *doc = std::get_if<ParsedDocument>(&piece))
            m_merger.merge(std::move(*doc), m_diagnostics);
        else
            m_merger.merge(std::move(cloud), m_diagnostics);
    }
    lap("merge");
    Inventory inventory = m_merger.finish(m_diagnostics);
    lap("validate");
    return inventory;
}

void SourceLoader::warnEmptyExports(const ImportReport &report)
{
    for (const ImportFileSummary &f : std::as_const(report.files))
        if (f.format != u"inventory" && f.format != u"empty" && f.resources == 0 && f.regionPairs == 0)
            m_diagnostics.append(Diagnostic{Severity::Warning, f.file, 0, 0, QStringLiteral("no resources in this export")});
}

std::expected<LoadedInventory, Diagnostics> loadSources(const std::vector<Source> &sources, const Catalog &catalog,
                                                        const LoadOptions &options)
{
    return SourceLoader(sources, catalog, options).load();
}

} // namespace

std::expected<LoadedInventory, Diagnostics> loadInventory(const QStringList &paths,
                                                          const Catalog &catalog,
                                                          const LoadOptions &options)
{
    std::vector<Source> sources;
    for (const QString &p : paths)
        sources.push_back(Source{p, std::nullopt});
    return loadSources(sources, catalog, options);
}

std::expected<LoadedInventory, Diagnostics>
loadInventoryTexts(const QList<std::pair<QString, std::string>> &documents, const Catalog &catalog,
                   const LoadOptions &options)
{
    std::vector<Source> sources;
    for (const auto &[name, text] : documents)
        sources.push_back(Source{name, text});
    return loadSources(sources, catalog, options);
}

} // namespace atlas
