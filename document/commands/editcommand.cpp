#include "editcommand.h"

#include "document.h"

#include <QDateTime>

namespace atlas {

namespace {

// Who edits: the account running the program (a workspace with users comes later).
QString currentUser()
{
    for (const char *name : {"USER", "USERNAME", "LOGNAME"})
        if (const QString user = qEnvironmentVariable(name); !user.isEmpty())
            return user;
    return QStringLiteral("unknown");
}

QString idOf(const EntityValue &value)
{
    return std::visit([](const auto &entity) -> QString {
        if constexpr (requires { entity.id; })
            return entity.id;
        else
            return entity.rule + u' ' + entity.subject; // a waiver
    }, value);
}

} // namespace

EditCommand::EditCommand(Document *document, InventoryEdit edit, const QString &text)
    : QUndoCommand(text), m_document(document), m_edit(std::move(edit))
{
    m_provenance.command = text;
    m_provenance.user = currentUser();
    m_provenance.time = QDateTime::currentDateTimeUtc();
}

std::expected<void, Diagnostics> EditCommand::prepare()
{
    const std::shared_ptr<const Inventory> &inventory = m_document->inventory();
    if (!inventory)
        return std::unexpected(Diagnostics{Diagnostic{Severity::Error, QString(), 0, 0, QStringLiteral("nothing is open to edit")}});
    auto outcome = applyEdit(*inventory, m_edit, m_document->catalog(), m_provenance);
    if (!outcome)
        return std::unexpected(outcome.error());
    m_prepared = std::move(*outcome);
    return {};
}

void EditCommand::redo()
{
    if (!m_prepared) { // a redo after an undo: the same edit on the same inventory again
        auto outcome = applyEdit(*m_document->inventory(), m_edit, m_document->catalog(), m_provenance);
        if (!outcome) {
            setObsolete(true); // cannot happen on the state it was undone to; never corrupt
            return;
        }
        m_prepared = std::move(*outcome);
    }
    m_undo = std::move(m_prepared->undo);
    m_cascadeRemoved = std::move(m_prepared->cascadeRemoved);
    auto after = std::make_shared<const Inventory>(std::move(m_prepared->inventory));
    m_prepared.reset();
    m_document->setInventory(std::move(after), changeOf(m_edit, text()));
}

void EditCommand::undo()
{
    Inventory before = revertEdit(*m_document->inventory(), m_undo, m_document->catalog());
    m_document->setInventory(std::make_shared<const Inventory>(std::move(before)),
                             changeOf(m_edit, QStringLiteral("Undo ") + text()));
}

InventoryChange EditCommand::changeOf(const InventoryEdit &edit, const QString &text)
{
    InventoryChange change;
    change.kind = edit.kind;
    change.text = text;
    if (!edit.id.isEmpty())
        change.ids << edit.id;
    if (edit.operation != EditOperation::Remove) {
        const QString id = idOf(edit.value);
        if (!change.ids.contains(id))
            change.ids << id;
    }
    return change;
}

} // namespace atlas
