// atlas-bench-import --floor FILE: the least any import of FILE must spend building its result.
// The file is imported once (not timed); then the same workloads, datasets and report notes are
// built again from plain UTF-8 copies of their texts, on one thread, with every repeated text
// (tag keys and values, locations, types, reasons) converted once and shared, containers sized
// in advance, ids entered in an IdIndex. No parsing, no mapping decisions: what is left is the
// cost of the inventory's representation itself (UTF-16 QStrings, one allocation per distinct
// text), which an import pays whatever its reader does.
#include "benchfloor.h"

#include "benchsupport.h"
#include "catalogimporter.h"
#include "idindex.h"
#include "inventoryimporter.h"

#include <QFileInfo>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace atlas::bench {

namespace {

struct WorkloadText
{
    std::string id, name, location;
    std::vector<std::pair<std::string, std::string>> tags;
    std::vector<std::string> holds;
};
struct DatasetText
{
    std::string id, name, origin;
};
struct NoteText
{
    std::string file, subject, type, group, message;
};

} // namespace

int floorRun(const QString &path)
{
    auto catalog = embeddedCatalog();
    if (!catalog) return 3;
    LoadOptions options;
    options.limits.maxFileBytes = std::int64_t(8) << 30;
    std::vector<WorkloadText> workloads;
    std::vector<DatasetText> datasets;
    std::vector<NoteText> notes;
    std::size_t resources = 0;
    std::int64_t bytes = 0;
    { // its memory goes back before the timed part
        auto loaded = loadInventory({path}, **catalog, options);
        if (!loaded) {
            std::fprintf(stderr, "%s\n", qPrintable(loaded.error().front().toString()));
            return 2;
        }
        workloads.reserve(loaded->inventory.workloads.size());
        for (const Workload &w : loaded->inventory.workloads) {
            WorkloadText t{w.id.toStdString(), w.name.toStdString(), w.location.toStdString(), {}, {}};
            for (const Tag &tag : w.tags)
                t.tags.emplace_back(tag.key.toStdString(), tag.value.toStdString());
            for (const DatasetRef &h : w.holds)
                t.holds.push_back(h.id.toStdString());
            workloads.push_back(std::move(t));
        }
        for (const Dataset &d : loaded->inventory.datasets)
            datasets.push_back({d.id.toStdString(), d.name.toStdString(), d.origin.toStdString()});
        for (const auto *list : {&loaded->report.skipped, &loaded->report.assumptions})
            for (const ImportNote &n : *list)
                notes.push_back(
                    {n.file.toStdString(), n.subject.toStdString(), n.type.toStdString(), n.group.toStdString(), n.message.toStdString()});
        resources = std::size_t(loaded->report.files.front().resources);
        bytes = loaded->report.files.front().bytes;
    }

    const auto start = Clock::now();
    auto fresh = [](const std::string &s) {
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    };
    std::unordered_map<std::string, QString> pool; // texts that repeat: converted once
    auto shared = [&](const std::string &s) -> const QString & {
        auto it = pool.find(s);
        if (it == pool.end()) it = pool.emplace(s, fresh(s)).first;
        return it->second;
    };
    Inventory inv;
    IdIndex ids;
    QList<ImportNote> built;
    inv.workloads.reserve(workloads.size());
    inv.datasets.reserve(datasets.size());
    built.reserve(qsizetype(notes.size()));
    ids.reserve(workloads.size() + datasets.size());
    for (const WorkloadText &t : workloads) {
        Workload w;
        w.id = fresh(t.id);
        w.name = t.name == t.id ? w.id : fresh(t.name);
        w.location = shared(t.location);
        w.tags.reserve(qsizetype(t.tags.size()));
        for (const auto &[key, value] : t.tags) // the export's own id is one of a kind
            w.tags.append(Tag{shared(key), key == "import.id" ? fresh(value) : shared(value)});
        for (const std::string &h : t.holds) {
            w.holds.push_back(DatasetRef{h == t.id + "-data" ? fresh(h) : shared(h), {}});
        }
        ids.tryInsert(w.id, int(inv.workloads.size()));
        inv.workloads.push_back(std::move(w));
    }
    for (const DatasetText &t : datasets) {
        Dataset d;
        d.id = fresh(t.id);
        d.name = t.name == t.id ? d.id : fresh(t.name);
        d.origin = shared(t.origin);
        ids.tryInsert(d.id, -1);
        inv.datasets.push_back(std::move(d));
    }
    for (const NoteText &t : notes) // a sentence naming its resource is one of a kind
        built.append(ImportNote{
            shared(t.file), 1, 1, fresh(t.subject), shared(t.type), shared(t.group),
            t.message.find(t.subject) == std::string::npos ? shared(t.message) : fresh(t.message)});
    const double ms = msSince(start);
    std::printf("{\"mode\":\"floor\",\"file\":\"%s\",\"bytes\":%lld,\"resources\":%zu,"
                "\"workloads\":%zu,\"datasets\":%zu,\"notes\":%lld,"
                "\"ms\":%.1f}\n",
                qPrintable(QFileInfo(path).fileName()), static_cast<long long>(bytes), resources,
                inv.workloads.size(), inv.datasets.size(), static_cast<long long>(built.size()),
                ms);
    std::fflush(stdout);
    std::_Exit(0); // tearing down is not part of it
}

} // namespace atlas::bench
