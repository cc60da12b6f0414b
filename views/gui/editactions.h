// The editing of the open inventory, in one place for every surface that starts an edit: the
// Edit menu, the context menus of the map, the inventory tree and the datasets and findings
// panels, the inspector's buttons and a flow dragged between two workloads. It opens the forms
// (entityform.h, classifydialog.h), asks before taking what refers to a removed entity with it,
// and keeps what the user last selected, which Edit Selected and Delete act on. Every edit goes
// through the Document as one undo command.
#pragma once

#include "inventoryedit.h"
#include "policytypes.h"

#include <QObject>
#include <QStringList>
#include <array>
#include <optional>

class QAction;
class QMenu;
class QWidget;

namespace atlas {

class ClassifyDialog;
class Document;
class EntityForm;

class EditActions final : public QObject
{
    Q_OBJECT
public:
    // Dialogs open over `window`.
    EditActions(Document *document, QWidget *window);

    // What Edit Selected, Delete and the inspector's buttons act on: one entity, or several of
    // one kind (a merged edge's flows, datasets chosen in a table).
    struct Selection
    {
        EntityKind kind = EntityKind::Workload;
        QStringList ids; // waivers: their positions, as text
    };
    void setSelection(EntityKind kind, QStringList ids);
    const Selection &selection() const { return m_selection; }

    // The forms, open (window-modal, not blocking) and deleted when closed; null when there is
    // nothing to edit (no inventory, an id that is gone).
    EntityForm *addEntity(EntityKind kind);
    EntityForm *addEntity(EntityValue prefill);
    EntityForm *editEntity(EntityKind kind, const QString &id);
    EntityForm *addFlow(const QString &from, const QString &to); // a flow dragged on the map
    EntityForm *waive(const FindingKey &finding);                // its rule and subject filled in
    ClassifyDialog *classify(const QStringList &datasetIds);
    // Removes the entities (several: one undo step). When something else refers to them the
    // user is asked, with the list, whether to remove that too; false when nothing was removed.
    bool remove(EntityKind kind, const QStringList &ids);

    void editSelected();
    void removeSelected();

    // Context-menu entries for entities of one kind: edit, delete, add a flow from a workload,
    // classify datasets, waive the open findings on them.
    void addEntityActions(QMenu *menu, EntityKind kind, const QStringList &ids);
    // For one finding: waive it (or edit and remove its waiver), edit its subject.
    void addFindingActions(QMenu *menu, const Finding &finding);
    // The Edit menu: undo and redo of the document's stack, the Add… forms, Edit Selected,
    // Delete, Classify.
    void fillEditMenu(QMenu *menu);

    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *editSelectedAction() const { return m_editSelected; }
    QAction *removeSelectedAction() const { return m_removeSelected; }
    QAction *classifyAction() const { return m_classify; }
    QAction *addAction(EntityKind kind) const { return m_add[std::size_t(kind)]; }

    // The entity of a finding's subject (a holding is its workload's).
    static EntityKind entityOf(SubjectKind kind);

Q_SIGNALS:
    void status(const QString &text); // "Add flow x", for the status bar
    void selectionChanged();

private:
    EntityForm *openForm(EntityValue value, std::optional<QString> id);
    std::optional<std::size_t> waiverOf(const QString &rule, const QString &subject) const;
    void updateActions();
    void forgetRemoved();

    Document *m_document;
    QWidget *m_window;
    Selection m_selection;
    QAction *m_undo;
    QAction *m_redo;
    QAction *m_editSelected;
    QAction *m_removeSelected;
    QAction *m_classify;
    std::array<QAction *, 6> m_add{}; // by EntityKind
};

} // namespace atlas
