// Replaces one entity by its new value as an undo command; a new id in the value is a rename.
#pragma once

#include "editcommand.h"

namespace atlas {

class ChangeEntityCommand final : public EditCommand
{
public:
    // `id`: the entity's id before the change (a waiver: its position, as text).
    ChangeEntityCommand(Document *document, const QString &id, EntityValue value);
};

} // namespace atlas
