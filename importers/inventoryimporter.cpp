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

std::expected<LoadedInventory, Diagnostics> loadSources(const std::vector<Source> &sources, const Catalog &catalog,
                                                        const LoadOptions &options)
{
    // The built-in mapping is parsed on another core (from the program's start when it called
    // preloadDefaults()), while the first file is opened at the latest.
    if (!options.mapping)
        ImportMapping::preloadDefaults();
    const ExportFormat *forced = nullptr;
    if (!options.format.isEmpty() && options.format != u"inventory") {
        forced = exportFormat(options.format);
        if (!forced)
            return std::unexpected(Diagnostics{Diagnostic{Severity::Error, QString(), 0, 0,
                                                          QStringLiteral("unknown format '%1'; expected one of %2")
                                                              .arg(options.format, formatNames().join(u", "))}});
    }
    QStringList names;
    for (const Source &s : sources)
        names.append(s.name);
    if (options.progress) {
        std::int64_t total = 0;
        for (const Source &s : sources)
            total += s.bytes ? std::int64_t(s.bytes->size()) : QFileInfo(s.name).size();
        options.progress->bytesTotal.store(total);
    }

    // ATLAS_IMPORT_TIMING=1 prints where a load spends its time (bench/README.md).
    static const bool timing = qEnvironmentVariableIsSet("ATLAS_IMPORT_TIMING");
    QElapsedTimer phase;
    phase.start();
    InventoryMerger merger(catalog);
    std::optional<ResourceMapper> cloudMapper;
    auto mapper = [&]() -> ResourceMapper & {
        if (!cloudMapper)
            cloudMapper.emplace(catalog, options.mapping ? *options.mapping : ImportMapping::sharedDefaults(), names);
        return *cloudMapper;
    };
    Diagnostics diagnostics;
    QSet<QString> interned;
    std::vector<Piece> pieces;
    QList<ImportFileSummary> inventorySummaries;
    bool complete = true;
    bool cloudSlot = false;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const Source &source = sources[i];
        merger.addFile(source.name);
        QElapsedTimer opening;
        opening.start();
        auto input = source.bytes ? decodeInput(source.name, *source.bytes, options.limits)
                                  : readInputFile(source.name, options.limits, TextInput::CheckMode::Later);
        if (timing)
            std::fprintf(stderr, "atlas-timing: open %s %lld ms\n", qPrintable(QFileInfo(source.name).fileName()),
                         static_cast<long long>(opening.elapsed()));
        if (!input) {
            diagnostics.append(toDiagnostic(input.error()));
            complete = false;
            continue;
        }
        // A mapped export's NUL and UTF-8 checks run on another core while it is read: the
        // reader's and the mapper's threads each leave one idle part of the time. Their verdict
        // comes before anything read from the file (destroyed before `input`, this waits).
        std::future<std::optional<Error>> checking;
        if (!input->checked())
            checking = std::async(std::launch::async, [&text = *input, &limits = options.limits] { return text.check(limits); });
        // A file that another program truncated or rewrote meanwhile is refused whatever was
        // read from it (a read past a truncated end meets zeros instead of ending the process).
        auto checkFailed = [&checking, &text = *input]() -> std::optional<Error> {
            std::optional<Error> bad = checking.valid() ? checking.get() : std::nullopt;
            if (std::optional<Error> changed = text.changedWhileRead())
                return changed;
            return bad;
        };
        QString format = forced ? forced->name() : options.format;
        if (forced) {
            // --from names the exports' format; inventory files among them (overlays) are
            // still read as inventories.
            if (const auto detected = detectInputFormat(source.name, input->text()); detected && *detected == u"inventory")
                format = *detected;
        }
        if (format.isEmpty()) {
            auto detected = detectInputFormat(source.name, input->text());
            if (!detected) {
                const std::optional<Error> bad = checkFailed();
                diagnostics.append(bad ? toDiagnostic(*bad) : toDiagnostic(detected.error()));
                complete = false;
                continue;
            }
            format = *detected;
        }
        const auto bytes = std::int64_t(input->text().size());
        if (format == u"empty" || format == u"inventory") {
            if (const std::optional<Error> bad = checkFailed()) {
                diagnostics.append(toDiagnostic(*bad));
                complete = false;
                continue;
            }
        }
        if (format == u"empty") {
            // An empty list is a valid export of nothing (an empty account, a query with no rows).
            inventorySummaries.append(ImportFileSummary{source.name, format, bytes, 0, 0, 0, 0});
            diagnostics.append(Diagnostic{Severity::Warning, source.name, 1, 1, QStringLiteral("no resources in this export (an empty list)")});
            if (options.progress)
                options.progress->filesDone.fetch_add(1);
            continue;
        }
        if (format == u"inventory") {
            ImportFileSummary summary{source.name, format, bytes, 0, 0, 0};
            if (parseInventory(*input, std::uint32_t(i), options, interned, pieces, diagnostics, summary))
                inventorySummaries.append(summary);
            else
                complete = false;
        } else {
            const ExportFormat *reader = exportFormat(format);
            mapper().beginFile(std::uint32_t(i), format, bytes);
            const ReadContextInfo context{std::uint32_t(i), options.progress};
            std::optional<Error> failed;
            {
                PipelineSink pipeline(mapper()); // parse on this thread, map on another
                failed = reader->read(*input, context, pipeline);
                pipeline.finish(); // every call delivered (and the mapper's failure, if any, rethrown here)
                if (std::optional<Error> bad = checkFailed())
                    failed = std::move(bad); // not UTF-8 text: what was read from it does not count
                if (timing)
                    std::fprintf(stderr, "atlas-timing: reader waited %lld ms, mapper waited %lld ms\n",
                                 static_cast<long long>(pipeline.producerWaitMs()), static_cast<long long>(pipeline.consumerWaitMs()));
            }
            if (failed) {
                // Nothing of a file that failed is imported.
                mapper().rollbackFile();
                if (failed->message == u"cancelled")
                    return std::unexpected(Diagnostics{Diagnostic{Severity::Error, source.name, 0, 0, QStringLiteral("import cancelled")}});
                diagnostics.append(toDiagnostic(*failed));
                complete = false;
            } else {
                mapper().commitFile();
                if (!cloudSlot) {
                    // Exports merge where the first one was given, so overlays after them apply.
                    pieces.emplace_back(CloudSlot{});
                    cloudSlot = true;
                }
            }
        }
        if (options.progress)
            options.progress->filesDone.fetch_add(1);
    }
    if (!complete) {
        // Cross-file checks would only echo the missing file as a cascade of unknown references.
        sortDiagnostics(diagnostics);
        return std::unexpected(diagnostics);
    }
    auto lap = [&](const char *what) {
        if (timing)
            std::fprintf(stderr, "atlas-timing: %s %lld ms\n", what, static_cast<long long>(phase.restart()));
    };
    lap("read+map");
    ImportReport report;
    ParsedDocument cloud = mapper().finish(diagnostics, report);
    lap("replication");
    report.files.append(inventorySummaries);
    for (Piece &piece : pieces) {
        if (auto *doc = std::get_if<ParsedDocument>(&piece))
            merger.merge(std::move(*doc), diagnostics);
        else
            merger.merge(std::move(cloud), diagnostics);
    }
    lap("merge");
    Inventory inventory = merger.finish(diagnostics);
    lap("validate");
    sortDiagnostics(diagnostics);
    lap("sort diagnostics");
    if (hasErrors(diagnostics))
        return std::unexpected(diagnostics);
    for (const ImportFileSummary &f : std::as_const(report.files))
        if (f.format != u"inventory" && f.format != u"empty" && f.resources == 0 && f.regionPairs == 0)
            diagnostics.append(Diagnostic{Severity::Warning, f.file, 0, 0, QStringLiteral("no resources in this export")});
    if (options.strict && !diagnostics.isEmpty()) {
        // A CI gate that must not pass on a typo the reader only warned about.
        for (Diagnostic &d : diagnostics) {
            d.severity = Severity::Error;
            d.message += QStringLiteral(" [an error under --strict]");
        }
        return std::unexpected(diagnostics);
    }
    return LoadedInventory{std::move(inventory), diagnostics, std::move(report)};
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
