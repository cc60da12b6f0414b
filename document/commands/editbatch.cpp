#include "editbatch.h"

#include <ranges>
#include <utility>

namespace atlas {

EditBatchCommand::EditBatchCommand(const QString &text) : QUndoCommand(text) {}

EditBatchCommand::~EditBatchCommand() = default;

void EditBatchCommand::append(std::unique_ptr<EditCommand> command)
{
    m_commands.push_back(std::move(command));
}

void EditBatchCommand::redo()
{
    if (std::exchange(m_applied, false)) return;
    for (const auto &command : m_commands)
        command->redo();
}

void EditBatchCommand::undo()
{
    // Each edit's undo needs the inventory its own edit produced: last applied, first reverted.
    for (const auto &command : m_commands | std::views::reverse)
        command->undo();
}

} // namespace atlas
