// Import benchmark (issue 5): one fresh process per measurement.
//   atlas-bench-import FILE            parse + map + build the inventory in memory (what `import`
//                                      does before writing YAML), then the YAML writing apart
//   atlas-bench-import --dom FILE      simdjson's DOM parse of the same (decompressed) file: the
//                                      limit for this machine (NDJSON: parse_many)
//   atlas-bench-import --floor FILE    building the same result alone from its texts, one thread:
//                                      what the inventory's representation costs (bench_floor.cpp)
// Prints one JSON line: bytes, resources, milliseconds, MB/s, resources/s, peak RSS.
#include "benchfloor.h"
#include "benchsupport.h"
#include "catalogimporter.h"
#include "exportinput.h"
#include "importmapping.h"
#include "inventoryimporter.h"
#include "inventorywriter.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <simdjson.h>

using namespace atlas;
using namespace atlas::bench;

namespace {

int domParse(const QString &path)
{
    auto input = readInputFile(path, InputLimits{std::int64_t(8) << 30});
    if (!input) {
        std::fprintf(stderr, "%s\n", qPrintable(input.error().toString()));
        return 2;
    }
    const std::string_view text = input->text();
    const auto start = Clock::now();
    simdjson::dom::parser parser;
    std::size_t documents = 0;
    const bool ndjson = text.substr(0, text.find('\n')).find_last_of('}') != std::string_view::npos && text.find('\n') + 1 < text.size()
        && text[text.find_first_not_of(" \n")] == '{' && text.find("\n{") != std::string_view::npos;
    if (ndjson) {
        simdjson::dom::document_stream stream;
        if (parser.parse_many(reinterpret_cast<const std::uint8_t *>(text.data()), text.size(), 1 << 24).get(stream))
            return 3;
        for (auto doc : stream) {
            if (doc.error())
                return 3;
            ++documents;
        }
    } else {
        simdjson::dom::element root;
        if (parser.parse(reinterpret_cast<const std::uint8_t *>(text.data()), text.size(), false).get(root))
            return 3;
        documents = 1;
    }
    const double ms = msSince(start);
    std::printf("{\"mode\":\"dom\",\"file\":\"%s\",\"bytes\":%zu,\"ms\":%.1f,\"mb_per_s\":%.1f,\"peak_rss_mib\":%.1f,\"documents\":%zu}\n",
                qPrintable(QFileInfo(path).fileName()), text.size(), ms, double(text.size()) / 1e6 / (ms / 1e3),
                double(maxRssKiB()) / 1024.0, documents);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() == 2 && args[0] == u"--dom")
        return domParse(args[1]);
    if (args.size() == 2 && args[0] == u"--floor")
        return floorRun(args[1]);
    if (args.size() != 1) {
        std::fprintf(stderr, "usage: atlas-bench-import [--dom | --floor] FILE\n");
        return 2;
    }
    ImportMapping::preloadDefaults(); // as the commands do: beside the catalog
    auto catalog = embeddedCatalog();
    if (!catalog)
        return 3;
    const long baseline = maxRssKiB();
    LoadOptions options;
    options.limits.maxFileBytes = std::int64_t(8) << 30;
    const auto start = Clock::now();
    auto loaded = loadInventory({args[0]}, **catalog, options);
    const double ms = msSince(start);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error().front().toString()));
        return 2;
    }
    const long peak = maxRssKiB();
    // ATLAS_BENCH_LOAD_ONLY=1: the load alone (profiling), no YAML written.
    const bool write = !qEnvironmentVariableIsSet("ATLAS_BENCH_LOAD_ONLY");
    const auto writeStart = Clock::now();
    const QByteArray yaml = write ? inventoryToYaml(loaded->inventory) : QByteArray();
    const double writeMs = msSince(writeStart);
    const auto &file = loaded->report.files.front();
    std::printf("{\"mode\":\"import\",\"file\":\"%s\",\"format\":\"%s\",\"bytes\":%lld,\"resources\":%d,\"workloads\":%zu,\"ms\":%.1f,"
                "\"mb_per_s\":%.1f,\"resources_per_s\":%.0f,\"peak_rss_mib\":%.1f,\"baseline_rss_mib\":%.1f,\"write_yaml_ms\":%.1f,\"yaml_mib\":%.1f}\n",
                qPrintable(QFileInfo(args[0]).fileName()), qPrintable(file.format), static_cast<long long>(file.bytes), file.resources,
                loaded->inventory.workloads.size(), ms, double(file.bytes) / 1e6 / (ms / 1e3), file.resources / (ms / 1e3),
                double(peak) / 1024.0, double(baseline) / 1024.0, writeMs, double(yaml.size()) / 1048576.0);
    if (!write) { // profiling: tearing down a million workloads is not part of the load
        std::fflush(stdout);
        std::_Exit(0);
    }
    return 0;
}
