#include "changeentity.h"

#include "entitylabel.h"

namespace atlas {

namespace {

InventoryEdit change(const QString &id, EntityValue value)
{
    InventoryEdit edit;
    edit.operation = EditOperation::Change;
    edit.kind = kindOf(value);
    edit.id = id;
    if (edit.kind == EntityKind::Waiver)
        edit.waiver = id.toULongLong();
    edit.value = std::move(value);
    return edit;
}

} // namespace

ChangeEntityCommand::ChangeEntityCommand(Document *document, const QString &id, EntityValue value)
    : EditCommand(document, change(id, value), QStringLiteral("Change ") + entityLabel(value))
{
}

} // namespace atlas
