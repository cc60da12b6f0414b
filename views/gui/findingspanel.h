// The findings panel: a sortable, filterable tree of findings (severity, rule, subject,
// dataset, status, message) grouped by root — the findings that stem from one subject under one
// line that expands — with "N findings on M subjects" above it and, for the selected finding,
// its evidence, source position, remediation patterns, references and waiver (for a group, its
// findings). Its context menu offers to simulate a pattern on the finding's subject, and what
// the window adds (waive it, edit its subject); while a scenario is selected, the findings it
// resolves are struck through.
#pragma once

#include "findingsmodel.h"
#include "simulation.h"

#include <QSortFilterProxyModel>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTextBrowser;
class QTreeView;

namespace atlas {

class Document;
struct AnalysisSnapshot;
enum class SnapshotChange : std::uint8_t;

class FindingsFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMinimumSeverity(int rank);
    void setStatus(const QString &status); // empty = any
    void setText(const QString &text);

protected:
    // A finding by its own columns; a group never on its own: it shows while one of its
    // findings does (recursive filtering), so a filter never shows an empty group.
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimumSeverity = 0;
    QString m_status;
    QString m_text;
};

class FindingsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget *parent = nullptr);
    // Follows the document: every new snapshot's findings, the filters kept, and after an edit
    // or reload the selected finding kept by its identity.
    void setDocument(Document *document);
    void showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change);
    // Selects the first line whose subject is `id`: a finding, or the group of a root with
    // several (without re-announcing it).
    bool selectSubject(const QString &id);
    // Selects the finding with this identity, opening its group; announces it as a click does.
    bool selectFinding(const FindingKey &key);
    // Strikes through the findings with these identities (a selected scenario resolves them).
    void setResolved(QSet<FindingKey> keys);
    // Whether the line at `viewIndex` (of view(): after filter and sort) is drawn struck through.
    bool isStruckOut(const QModelIndex &viewIndex) const;
    // The finding at `viewIndex` of view(); null for a group and where there is none.
    const Finding *findingAt(const QModelIndex &viewIndex) const;
    // The "Try pattern" menu of the finding at `viewIndex` (the context menu shows it); null
    // when there is no finding there. The caller owns it.
    QMenu *patternMenu(const QModelIndex &viewIndex, QWidget *parent);
    // The whole context menu of the finding at `viewIndex`: the "Try pattern" menu, then what
    // the extension adds (the window's editing: waive, edit the subject). Null where there is
    // no finding. The caller owns it.
    QMenu *contextMenu(const QModelIndex &viewIndex, QWidget *parent);
    using MenuExtension = std::function<void(QMenu *menu, const Finding &finding)>;
    void setMenuExtension(MenuExtension extension) { m_menuExtension = std::move(extension); }
    FindingsModel *model() const { return m_model; }
    FindingsFilter *filter() const { return m_filter; }
    QTreeView *view() const { return m_view; }
    QLabel *summaryLabel() const { return m_summary; }
    QTextBrowser *details() const { return m_details; }
    QComboBox *severityBox() const { return m_severity; }
    QComboBox *statusBox() const { return m_status; }

Q_SIGNALS:
    void findingActivated(const QString &subjectKind, const QString &subjectId);
    // "Try pattern … on this": simulate `pattern` scoped to the finding `key`.
    void tryPattern(const atlas::FindingKey &key, atlas::Pattern pattern);

private:
    void setUpView();
    void currentChanged(const QModelIndex &current);
    void showDetails(const Finding *finding);
    void showGroupDetails(const QModelIndex &group);
    void updateSummary();
    // Selects and shows `index` of the model (opening its group) without announcing it.
    void showIndex(const QModelIndex &index);

    FindingsModel *m_model;
    FindingsFilter *m_filter;
    QLineEdit *m_text;
    QComboBox *m_severity;
    QComboBox *m_status;
    QLabel *m_summary;
    QTreeView *m_view;
    QTextBrowser *m_details;
    MenuExtension m_menuExtension;
};

} // namespace atlas
