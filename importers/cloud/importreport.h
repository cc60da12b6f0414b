// What an import did, for the person who has to trust it: per file the format, counts and
// outcome; every resource not imported with the reason; every assumption the mapping made
// (origins defaulted, kinds assumed, data without classification, replication targets outside the
// export, plan intent). Nothing is dropped or assumed silently.
#pragma once

#include "coverage.h"
#include "diagnostic.h"

#include <QList>
#include <QString>

namespace atlas {

struct ImportFileSummary
{
    QString file;
    QString format;        // "aws-config", …, "inventory"
    std::int64_t bytes = 0;
    int resources = 0;     // read from the file
    int imported = 0;      // became workloads
    int skipped = 0;
    int regionPairs = 0;   // region facts (az account list-locations), not resources
};

struct ImportNote
{
    QString file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    QString subject;       // workload id, or the export's id when nothing was imported
    QString type;          // the export's resource type
    QString group;         // short reason, for grouping ("deleted", "holds no data (network)")
    QString message;       // the whole sentence
};

struct ImportReport
{
    QString mapping;       // the mapping file, or empty for the built-in defaults
    QList<ImportFileSummary> files;
    QList<ImportNote> skipped;
    QList<ImportNote> assumptions;
    int workloads = 0;
    int datasets = 0;
    int flows = 0;

    bool isEmpty() const { return files.isEmpty(); }
};

// The import's part of a check's coverage: what the exports held that no rule could look at.
inline void addImportCoverage(Coverage &coverage, const ImportReport &report)
{
    for (const ImportFileSummary &f : report.files)
        coverage.exports += f.format != u"inventory" && f.format != u"empty";
    coverage.importSkipped += int(report.skipped.size());
    coverage.importAssumptions += int(report.assumptions.size());
}

} // namespace atlas
