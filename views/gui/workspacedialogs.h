// The workspace's windows: its audit log (every record, the chain's verdict) and a comparison of
// the open document with one of the workspace's snapshots (the diff as text, and on the map).
#pragma once

#include "analysis.h"
#include "snapshotdiff.h"
#include "workspace.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTableWidget;
class QTextBrowser;

namespace atlas {

class AuditLogDialog final : public QDialog
{
    Q_OBJECT
public:
    AuditLogDialog(const QString &workspacePath, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }
    QLabel *verdict() const { return m_verdict; }

private:
    QTableWidget *m_table;
    QLabel *m_verdict;
};

class CompareDialog final : public QDialog
{
    Q_OBJECT
public:
    // Compares snapshots of `workspacePath` with `current` (the open document, edits included).
    CompareDialog(const QString &workspacePath, std::shared_ptr<const AnalysisSnapshot> current, QWidget *parent = nullptr);
    QComboBox *snapshots() const { return m_snapshots; }
    QTextBrowser *text() const { return m_text; }
    const SnapshotDiff &diff() const { return m_diff; }
    // Runs the comparison with the snapshot chosen (also on every choice).
    bool compare();

Q_SIGNALS:
    void showOnMap(const SnapshotDiff &diff, std::shared_ptr<const AnalysisSnapshot> before);

private:
    QString m_path;
    std::shared_ptr<const AnalysisSnapshot> m_current;
    std::shared_ptr<const AnalysisSnapshot> m_before;
    QComboBox *m_snapshots;
    QTextBrowser *m_text;
    SnapshotDiff m_diff;
};

} // namespace atlas
