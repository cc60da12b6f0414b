#include "inventoryimporter.h"

#include "inventorymerge.h"
#include "jsonreader.h"

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

Diagnostic toDiagnostic(const Error &e)
{
    return Diagnostic{Severity::Error, e.file, e.line, e.column, e.message};
}

// Returns false when the file could not be read to its end (a syntax or limit error).
bool parseDocument(const TextInput &input, std::uint32_t fileIndex, const LoadOptions &options,
                   QSet<QString> &interned, InventoryMerger &merger, Diagnostics &diagnostics)
{
    ParsedDocument doc;
    Diagnostics local;
    ReadContext context{input.name(), fileIndex, &local, &interned};
    InventoryReader reader(context, doc.inventory, doc.ids);
    const TextFormat format = detectTextFormat(input.name(), input.text());
    const std::optional<Error> stop = format == TextFormat::Json
        ? readJson(input, reader, options.stream)
        : readYaml(input, reader, options.stream);
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
    merger.merge(std::move(doc), diagnostics);
    return true;
}

// `complete`: every file was read to its end. Otherwise cross-file checks would only echo the
// missing file as a cascade of unknown references, so they are skipped.
std::expected<LoadedInventory, Diagnostics> finishLoad(InventoryMerger &merger, bool complete,
                                                       Diagnostics &diagnostics)
{
    if (!complete) {
        sortDiagnostics(diagnostics);
        return std::unexpected(diagnostics);
    }
    Inventory inventory = merger.finish(diagnostics);
    sortDiagnostics(diagnostics);
    if (hasErrors(diagnostics))
        return std::unexpected(diagnostics);
    return LoadedInventory{std::move(inventory), diagnostics};
}

} // namespace

std::expected<LoadedInventory, Diagnostics> loadInventory(const QStringList &paths,
                                                          const Catalog &catalog,
                                                          const LoadOptions &options)
{
    InventoryMerger merger(catalog);
    Diagnostics diagnostics;
    QSet<QString> interned;
    bool complete = true;
    for (qsizetype i = 0; i < paths.size(); ++i) {
        merger.addFile(paths[i]);
        auto input = TextInput::read(paths[i], options.limits);
        if (!input) {
            diagnostics.append(toDiagnostic(input.error()));
            complete = false;
            continue;
        }
        complete &= parseDocument(*input, std::uint32_t(i), options, interned, merger, diagnostics);
    }
    return finishLoad(merger, complete, diagnostics);
}

std::expected<LoadedInventory, Diagnostics>
loadInventoryTexts(const QList<std::pair<QString, std::string>> &documents, const Catalog &catalog,
                   const LoadOptions &options)
{
    InventoryMerger merger(catalog);
    Diagnostics diagnostics;
    QSet<QString> interned;
    bool complete = true;
    for (qsizetype i = 0; i < documents.size(); ++i) {
        merger.addFile(documents[i].first);
        auto input = TextInput::fromBytes(documents[i].first, documents[i].second, options.limits);
        if (!input) {
            diagnostics.append(toDiagnostic(input.error()));
            complete = false;
            continue;
        }
        complete &= parseDocument(*input, std::uint32_t(i), options, interned, merger, diagnostics);
    }
    return finishLoad(merger, complete, diagnostics);
}

} // namespace atlas
