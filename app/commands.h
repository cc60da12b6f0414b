// The headless commands (`inventory`, `catalog`): argument parsing and exit codes only; the
// work is in importers/ and views/render/. Exit codes: 0 clean, 2 bad input, 3 internal error.
#pragma once

#include <QStringList>

namespace atlas {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitBadInput = 2, ExitInternal = 3 };

bool isCommand(const QString &word);
// `args` starts with the command word. Writes to stdout/stderr.
int runCommand(const QStringList &args);
QString generalHelp();

} // namespace atlas
