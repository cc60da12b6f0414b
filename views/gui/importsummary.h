// What an import did, after the fact: the counts that are now open, every input with its format,
// every skipped resource and every assumption grouped by reason, the warnings with their
// positions; and the imported inventory saved as YAML (the contract's format) or the whole
// report saved as text or JSON.
#pragma once

#include "diagnostic.h"
#include "importreport.h"
#include "inventory.h"

#include <QDialog>
#include <memory>

class QHBoxLayout;
class QLabel;
class QTabWidget;
class QTreeWidget;

namespace atlas {

struct AnalysisSnapshot;

class ImportSummary final : public QDialog
{
    Q_OBJECT
public:
    ImportSummary(const AnalysisSnapshot &analysis, QWidget *parent = nullptr);

    // True when any input was a cloud export (not only inventory files).
    static bool hasExports(const ImportReport &report);
    // Opens a summary (non-modal, deleted on close) in place of any earlier one of `parent`.
    static ImportSummary *showFor(QWidget *parent, const AnalysisSnapshot &analysis);

    bool saveInventory(const QString &path); // QSaveFile; a failure is shown and returns false
    bool saveReport(const QString &path);    // .json: JSON, else the full text report

    QLabel *headline() const { return m_headline; }
    QTabWidget *tabs() const { return m_tabs; }
    QTreeWidget *fileTree() const { return m_fileTree; }
    QTreeWidget *skippedTree() const { return m_skippedTree; }
    QTreeWidget *assumptionTree() const { return m_assumptionTree; }
    QTreeWidget *warningTree() const { return m_warningTree; }

private:
    QLabel *newHeadline();
    QLabel *newDetails();
    void buildTabs();
    QLabel *newSelectionDetail();
    QHBoxLayout *newButtonRow();
    bool write(const QString &path, const QByteArray &bytes, const QString &what);
    QString defaultPath(const QString &name) const;

    std::shared_ptr<const Inventory> m_inventory;
    ImportReport m_report;
    Diagnostics m_warnings;
    QLabel *m_headline = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_saved = nullptr;
    QTreeWidget *m_fileTree = nullptr;
    QTreeWidget *m_skippedTree = nullptr;
    QTreeWidget *m_assumptionTree = nullptr;
    QTreeWidget *m_warningTree = nullptr;
};

} // namespace atlas
