// atlas-bench-inventory: times loading (parse + validate) and residency resolution of one
// inventory file, as the `inventory` command does them.
//
//   atlas-bench-inventory FILE [--repeat R]
//
// Prints one line of JSON for the run: the median wall time of each phase over R repeats (and
// every sample), throughput, and memory: peak RSS (getrusage ru_maxrss and /proc VmHWM) with
// the baseline before the first load (Qt + the embedded catalog), so the inventory's own share
// can be told apart. Each repeat frees the previous inventory before loading again.

#include "catalogimporter.h"
#include "inventory.h"
#include "inventoryimporter.h"
#include "residency.h"
#include "benchsupport.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace atlas::bench;

[[noreturn]] void usage(const char *message)
{
    if (message)
        std::fprintf(stderr, "atlas-bench-inventory: %s\n", message);
    std::fprintf(stderr, "usage: atlas-bench-inventory FILE [--repeat R]\n");
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString file;
    int repeat = 3;
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--repeat") {
            if (i + 1 >= args.size())
                usage("--repeat needs a value");
            bool ok = false;
            repeat = args[++i].toInt(&ok);
            if (!ok || repeat < 1)
                usage("--repeat needs a positive integer");
        } else if (args[i] == u"--help" || args[i] == u"-h") {
            usage(nullptr);
        } else if (file.isEmpty() && !args[i].startsWith(u"--")) {
            file = args[i];
        } else {
            usage("unexpected argument");
        }
    }
    if (file.isEmpty())
        usage("no input file");
    const QFileInfo info(file);
    if (!info.isFile())
        usage("the input is not a readable file");
    const double fileMiB = double(info.size()) / (1024.0 * 1024.0);

    const auto catalogStart = Clock::now();
    const auto catalog = atlas::embeddedCatalog();
    const double catalogMs = msSince(catalogStart);
    if (!catalog) {
        std::fprintf(stderr, "atlas-bench-inventory: the embedded catalog does not load\n");
        for (const atlas::Diagnostic &d : catalog.error())
            std::fprintf(stderr, "%s\n", qPrintable(d.toString()));
        return 3;
    }
    const long baselineKiB = procStatusKiB("VmRSS");
    const long baselineHwmKiB = procStatusKiB("VmHWM");

    std::vector<double> loadMs, resolveMs;
    std::size_t workloads = 0, flows = 0, datasets = 0, warnings = 0;
    long afterLoadRssKiB = 0;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = Clock::now();
        auto loaded = atlas::loadInventory({file}, **catalog);
        loadMs.push_back(msSince(t0));
        if (!loaded) {
            const auto &diagnostics = loaded.error();
            std::fprintf(stderr, "atlas-bench-inventory: %s does not load (%lld diagnostics):\n",
                         qPrintable(file), static_cast<long long>(diagnostics.size()));
            for (qsizetype i = 0; i < std::min<qsizetype>(diagnostics.size(), 20); ++i)
                std::fprintf(stderr, "  %s\n", qPrintable(diagnostics[i].toString()));
            return 1;
        }
        afterLoadRssKiB = std::max(afterLoadRssKiB, procStatusKiB("VmRSS"));
        const auto t1 = Clock::now();
        const std::vector<atlas::WorkloadResidency> rows =
            atlas::resolveResidency(**catalog, loaded->inventory);
        resolveMs.push_back(msSince(t1));
        if (rows.size() != loaded->inventory.workloads.size())
            return 3;
        workloads = loaded->inventory.workloads.size();
        flows = loaded->inventory.flows.size();
        datasets = loaded->inventory.datasets.size();
        warnings = std::size_t(loaded->warnings.size());
    }

    const double load = median(loadMs);
    const double resolve = median(resolveMs);
    const long ruMaxKiB = maxRssKiB();
    const long hwmKiB = procStatusKiB("VmHWM");
    // The kernel syncs RSS counters lazily: take the highest of the three readings.
    const long peakKiB = std::max({ruMaxKiB, hwmKiB, afterLoadRssKiB});
    const QString format =
        atlas::detectTextFormat(file, {}) == atlas::TextFormat::Json ? QStringLiteral("json")
                                                                     : QStringLiteral("yaml");
    std::printf("{\"file\": %s, \"format\": %s, \"file_bytes\": %lld, \"file_mib\": %.3f, "
                "\"workloads\": %zu, \"flows\": %zu, \"datasets\": %zu, \"warnings\": %zu, "
                "\"repeat\": %d, \"catalog_ms\": %.3f, "
                "\"load_ms\": %.3f, \"resolve_ms\": %.3f, \"load_ms_all\": %s, \"resolve_ms_all\": %s, "
                "\"flows_per_s\": %.0f, \"mib_per_s\": %.2f, "
                "\"baseline_rss_kib\": %ld, \"baseline_hwm_kib\": %ld, \"after_load_rss_kib\": %ld, "
                "\"ru_maxrss_kib\": %ld, \"vmhwm_kib\": %ld, \"peak_rss_kib\": %ld, "
                "\"peak_rss_per_file\": %.2f, \"delta_rss_per_file\": %.2f}\n",
                jsonString(file).c_str(), jsonString(format).c_str(),
                static_cast<long long>(info.size()), fileMiB, workloads, flows, datasets, warnings,
                repeat, catalogMs, load, resolve, jsonArray(loadMs).c_str(),
                jsonArray(resolveMs).c_str(), load > 0 ? double(flows) / (load / 1000.0) : 0.0,
                load > 0 ? fileMiB / (load / 1000.0) : 0.0, baselineKiB, baselineHwmKiB,
                afterLoadRssKiB, ruMaxKiB, hwmKiB, peakKiB,
                fileMiB > 0 ? double(peakKiB) / 1024.0 / fileMiB : 0.0,
                fileMiB > 0 ? double(peakKiB - baselineHwmKiB) / 1024.0 / fileMiB : 0.0);
    return 0;
}
