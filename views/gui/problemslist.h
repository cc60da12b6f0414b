// The Problems tab: what the check could not see (coverage gaps, first: never shown as a
// pass), then the inputs' warnings, or every error of an input that did not load, each with
// file:line:column.
#pragma once

#include "coverage.h"
#include "diagnostic.h"

#include <QListWidget>

namespace atlas {

class ProblemsList final : public QListWidget
{
    Q_OBJECT
public:
    explicit ProblemsList(QWidget *parent = nullptr);
    // `coverage` is that of a loaded inventory; a load that failed has none.
    void showProblems(const Diagnostics &diagnostics, const Coverage *coverage = nullptr);
    // Items in the list (gaps + diagnostics), for the tab's title.
    int problemCount() const { return count(); }
};

} // namespace atlas
