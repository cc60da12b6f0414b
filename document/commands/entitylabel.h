// How an undo command names the entity it edits: "flow eu-to-us", "waiver RES-007 on x".
#pragma once

#include "inventoryedit.h"

namespace atlas {

QString entityLabel(const EntityValue &value);

} // namespace atlas
