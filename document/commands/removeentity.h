// Removes one entity as an undo command. Something still referring to it refuses the removal
// (prepare() lists the referrers) unless `cascade`, which removes the referrers too.
#pragma once

#include "editcommand.h"

namespace atlas {

class RemoveEntityCommand final : public EditCommand
{
public:
    // `id`: the entity's id (a waiver: its position, as text).
    RemoveEntityCommand(Document *document, EntityKind kind, const QString &id, bool cascade = false);
};

} // namespace atlas
