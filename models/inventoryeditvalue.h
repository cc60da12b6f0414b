// The value of an edited entity made what the inventory reader would have made of a file with
// the same content: which fields are present, where every value "was written" (the edit), and
// the reader's checks of single values — id syntax, minimums, location syntax, operator vs.
// operator_hq, dates the format can write, enumeration values it has a name for — with the same
// messages, the invalid value dropped as the reader drops it.
// The checks that need the whole inventory are validation's (inventoryvalidation.h).
#pragma once

#include "diagnostic.h"
#include "inventoryedit.h"

namespace atlas {

// `present` gains the fields the value shows set and loses those it shows absent (see
// InventoryEdit::value); every SourceRef of the value becomes `at`; a flow without an id gets
// "<from>--<to>". Problems are appended to `diagnostics` at `at` with `file` as file name.
void prepareEditedValue(EntityValue &value, const SourceRef &at, const QString &file,
                        Diagnostics &diagnostics);

} // namespace atlas
