#include "snapshotdiff.h"

#include <QSet>

#include <algorithm>

namespace atlas {

namespace {

// The findings of `side` whose identity `other` does not have, by key.
std::vector<DiffFinding> onlyIn(const std::vector<Finding> &side, const std::vector<Finding> &other)
{
    QSet<FindingKey> keys;
    keys.reserve(qsizetype(other.size()));
    for (const Finding &f : other)
        keys.insert(findingKey(f));
    std::vector<DiffFinding> out;
    for (const Finding &f : side)
        if (FindingKey key = findingKey(f); !keys.contains(key)) {
            keys.insert(key); // a key twice on one side is listed once
            out.push_back({std::move(key), f.severity, f.status, f.title, f.message});
        }
    std::ranges::sort(out, {}, &DiffFinding::key);
    return out;
}

} // namespace

SnapshotDiff diffSnapshots(const AnalysisSnapshot &before, const AnalysisSnapshot &after)
{
    Q_ASSERT(before.inventory && after.inventory);
    SnapshotDiff diff;
    diff.inventory = diffInventories(*before.inventory, *after.inventory);
    diff.opened = onlyIn(after.findings, before.findings);
    diff.closed = onlyIn(before.findings, after.findings);
    diff.counts = {diff.inventory.count(DiffOperation::Added), diff.inventory.count(DiffOperation::Removed),
                   diff.inventory.count(DiffOperation::Changed), qsizetype(diff.opened.size()), qsizetype(diff.closed.size())};
    return diff;
}

} // namespace atlas
