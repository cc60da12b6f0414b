// The Problems panel (a tab): what the check could not see (coverage gaps, first: never shown as a
// pass), then the inputs' warnings, or every error of an input that did not load, each with
// file:line:column.
#pragma once

#include "coverage.h"
#include "diagnostic.h"

#include <QListWidget>

namespace atlas {

class Document;

class ProblemsPanel final : public QListWidget
{
    Q_OBJECT
public:
    explicit ProblemsPanel(QWidget *parent = nullptr);
    // Follows the document: a snapshot's coverage and warnings, or a failed load's errors.
    void setDocument(Document *document);
    // `coverage` is that of a loaded inventory; a load that failed has none.
    void showProblems(const Diagnostics &diagnostics, const Coverage *coverage = nullptr);
    // Items in the list (gaps + diagnostics), for the tab's title.
    int problemCount() const { return count(); }

Q_SIGNALS:
    void problemCountChanged(int count);
};

} // namespace atlas
