// The diff engine behind `residency-atlas diff A B` (models/inventorydiff.h) on synthetic
// inventories of N flows built in memory twice (each its own strings, as two loads give): once
// in step with 1% of the flows changed and 0.05% renamed (a removal and an addition each); once
// with the second copy's flows and workloads in reverse order, so every key goes through the
// hash.
// Usage: atlas-bench-diff [--flows N] [--repeat R]   (JSON lines on stdout)
#include "benchsupport.h"

#include "inventorydiff.h"

#include <QCoreApplication>

#include <ctime>

using namespace atlas;
using namespace atlas::bench;

namespace {

Inventory synthetic(std::size_t flows)
{
    Inventory inv;
    const std::size_t workloads = std::max<std::size_t>(10, flows / 10), datasets = std::max<std::size_t>(10, workloads / 10);
    for (std::size_t i = 0; i < datasets; ++i) {
        Dataset d{.id = QStringLiteral("dataset-%1").arg(i), .classification = Classification(i % 4), .origin = QStringLiteral("EU")};
        d.categories.insert(Category(i % 24));
        d.retentionDays = int(30 + i % 700);
        inv.datasets.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < workloads; ++i) {
        Workload w{.id = QStringLiteral("workload-%1").arg(i), .kind = WorkloadKind(i % 19), .location = QStringLiteral("aws:eu-central-1")};
        w.holds.push_back({inv.datasets[i % datasets].id, {}});
        w.tags.append({QStringLiteral("team"), QStringLiteral("team-%1").arg(i % 50)});
        inv.workloads.push_back(std::move(w));
    }
    for (std::size_t i = 0; i < flows; ++i) {
        Flow f{.id = QStringLiteral("flow-%1").arg(i), .from = inv.workloads[i % workloads].id,
               .to = inv.workloads[(i * 7 + 1) % workloads].id, .form = FlowForm(i % 9), .basis = Basis(i % 7)};
        f.carries.push_back({inv.datasets[i % datasets].id, {}});
        if (i % 3 == 0)
            f.carries.push_back({inv.datasets[(i + 1) % datasets].id, {}});
        f.purpose = Purpose(i % 12);
        f.encrypted = i % 2 == 0;
        f.volumeGbPerDay = double(i % 100) / 4;
        inv.flows.push_back(std::move(f));
    }
    return inv;
}

double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Timing
{
    double wallMs, cpuMs; // medians; CPU time is steadier on a shared machine
    std::size_t changes;
};

Timing timeDiff(const Inventory &a, const Inventory &b, int repeat)
{
    std::vector<double> wall, cpu;
    std::size_t changes = 0;
    for (int r = 0; r < repeat; ++r) {
        const auto start = Clock::now();
        const double cpuStart = cpuMs();
        const InventoryDiff d = diffInventories(a, b);
        cpu.push_back(cpuMs() - cpuStart);
        wall.push_back(msSince(start));
        changes = d.entities.size();
    }
    return {median(wall), median(cpu), changes};
}

void print(const char *name, std::size_t flows, const Timing &t)
{
    std::printf("{\"case\": \"%s\", \"flows\": %zu, \"changes\": %zu, \"diff_ms\": %.1f, \"diff_cpu_ms\": %.1f, "
                "\"peak_rss_mib\": %.1f}\n",
                name, flows, t.changes, t.wallMs, t.cpuMs, double(maxRssKiB()) / 1024.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    std::size_t flows = 1000000;
    int repeat = 3;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--flows")
            flows = args[i + 1].toULongLong();
        else if (args[i] == u"--repeat")
            repeat = std::max(1, args[i + 1].toInt());
    }
    const Inventory before = synthetic(flows);
    Inventory after = synthetic(flows);
    for (std::size_t i = 0; i < flows; i += 100)
        after.flows[i].basis = after.flows[i].basis == Basis::Scc ? Basis::Bcr : Basis::Scc;
    for (std::size_t i = 50; i < flows; i += 2000)
        after.flows[i].id += QStringLiteral("-renamed"); // a removal and an addition each
    print("in step", flows, timeDiff(before, after, repeat));
    std::ranges::reverse(after.flows);
    std::ranges::reverse(after.workloads);
    print("reversed", flows, timeDiff(before, after, repeat));
    return 0;
}
