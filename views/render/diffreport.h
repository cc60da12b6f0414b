// The renderings of a diff between two analyses (analysis/snapshotdiff.h) that
// `residency-atlas diff A B` prints: text for people, JSON for tools (docs/diff-format.md).
// Deterministic: the same diff and labels give the same bytes.
#pragma once

#include "snapshotdiff.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace atlas {

// What the two sides are called in the output: a file name, a snapshot's name and date, …
struct DiffLabels
{
    QString a; // before
    QString b; // after
};

// A header naming A and B, the summary line ("3 added, 1 removed, 2 changed; 4 findings
// opened, 1 closed"), the top-level changes, then per kind `+ workload x`, `- flow y`,
// `~ dataset z` with an indented `field: before → after` line per changed field, then the
// findings opened and closed.
QString diffText(const SnapshotDiff &diff, const DiffLabels &labels);

// The JSON document of docs/diff-format.md (QJsonDocument's indented form, keys sorted).
QByteArray diffJson(const SnapshotDiff &diff, const DiffLabels &labels);
// The same bytes streamed to `device` (a diff of 10^6 flows is too big to hold twice); false
// when a write failed.
bool writeDiffJson(const SnapshotDiff &diff, const DiffLabels &labels, QIODevice &device);

} // namespace atlas
