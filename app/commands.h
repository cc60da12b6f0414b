// The headless commands (`inventory`, `catalog`, `check`, `graph`, `import`): argument parsing,
// output and exit codes only; analyses come from analysis/ (analyse), reports and pictures from
// views/render/. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad input, 3 internal
// error.
#pragma once

#include <QStringList>

namespace atlas {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitBadInput = 2, ExitInternal = 3 };

bool isCommand(const QString &word);
// `args` starts with the command word. Writes to stdout/stderr.
int runCommand(const QStringList &args);
QString generalHelp();

} // namespace atlas
