#include "addentity.h"

#include "entitylabel.h"

namespace atlas {

namespace {

InventoryEdit addition(EntityValue value)
{
    InventoryEdit edit;
    edit.operation = EditOperation::Add;
    edit.kind = kindOf(value);
    edit.value = std::move(value);
    return edit;
}

} // namespace

AddEntityCommand::AddEntityCommand(Document *document, EntityValue value)
    : EditCommand(document, addition(value), QStringLiteral("Add ") + entityLabel(value))
{
}

} // namespace atlas
