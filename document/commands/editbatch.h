// Several edits as one undo step (bulk classification, deleting several datasets): the commands
// are applied one after another by Document::applyAll, each checked against the inventory the
// previous ones left, and undone in reverse. One entry in the history, one Ctrl+Z.
#pragma once

#include "editcommand.h"

#include <QUndoCommand>
#include <memory>
#include <vector>

namespace atlas {

class EditBatchCommand final : public QUndoCommand
{
public:
    explicit EditBatchCommand(const QString &text);
    ~EditBatchCommand() override;

    // `command` has been applied (its redo() ran) after those appended before it.
    void append(std::unique_ptr<EditCommand> command);
    std::size_t size() const { return m_commands.size(); }
    const EditCommand &at(std::size_t i) const { return *m_commands[i]; }

    // The first redo() is the push onto the stack: the edits are applied already.
    void redo() override;
    void undo() override;

private:
    std::vector<std::unique_ptr<EditCommand>> m_commands; // in the order applied
    bool m_applied = true;
};

} // namespace atlas
