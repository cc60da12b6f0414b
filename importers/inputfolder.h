// A folder as an input: cloud providers deliver exports as folder trees (AWS Config writes
// AWSLogs/<account>/Config/<region>/<date>/ConfigSnapshot/*.json.gz beside check files). The
// scan keeps the files whose content is an export or an inventory, in path order, and lists
// every other file with the reason, so nothing is left out silently.
#pragma once

#include <QString>
#include <QStringList>

namespace atlas {

struct FolderScan
{
    QStringList inputs;   // recognised files, sorted by path
    QStringList skipped;  // "path: reason", sorted by path
};

FolderScan scanInputFolder(const QString &folder);

// The format a file's first 64 KiB (gunzipped when gzip) looks like: an export format's name,
// "inventory", or empty when nothing recognises it.
QString sniffFileFormat(const QString &path);

} // namespace atlas
