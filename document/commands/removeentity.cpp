#include "removeentity.h"

namespace atlas {

namespace {

InventoryEdit removal(EntityKind kind, const QString &id, bool cascade)
{
    InventoryEdit edit;
    edit.operation = EditOperation::Remove;
    edit.kind = kind;
    edit.id = id;
    if (kind == EntityKind::Waiver)
        edit.waiver = id.toULongLong();
    edit.cascade = cascade;
    return edit;
}

} // namespace

RemoveEntityCommand::RemoveEntityCommand(Document *document, EntityKind kind, const QString &id, bool cascade)
    : EditCommand(document, removal(kind, id, cascade),
                  QStringLiteral("Remove ") + entityKindName(kind) + u' ' + id + (cascade ? QStringLiteral(" and what refers to it") : QString()))
{
}

} // namespace atlas
