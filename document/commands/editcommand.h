// The undo command behind every inventory edit: applies an InventoryEdit (models/inventoryedit.h)
// to the document's inventory on redo and reverts it exactly on undo. The edit is checked before
// the command is pushed (prepare()), so a refused edit never reaches the undo stack; the
// add/change/remove commands beside this file only name the edit.
#pragma once

#include "inventoryedit.h"

#include <QUndoCommand>

namespace atlas {

class Document;
struct InventoryChange;

class EditCommand : public QUndoCommand
{
public:
    // Applies the edit once to see whether it holds; the outcome is kept for the first redo().
    std::expected<void, Diagnostics> prepare();
    void redo() override;
    void undo() override;

    const InventoryEdit &edit() const { return m_edit; }
    // Of the last application: the entities a cascading removal took with it.
    const std::vector<Referrer> &cascadeRemoved() const { return m_cascadeRemoved; }

protected:
    EditCommand(Document *document, InventoryEdit edit, const QString &text);

private:
    static InventoryChange changeOf(const InventoryEdit &edit, const QString &text);

    Document *m_document;
    InventoryEdit m_edit;
    EditProvenance m_provenance;
    std::optional<EditOutcome> m_prepared; // for the first redo()
    EditUndo m_undo;
    std::vector<Referrer> m_cascadeRemoved;
};

} // namespace atlas
