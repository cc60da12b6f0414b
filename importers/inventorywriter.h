// Writes an inventory back as YAML or JSON in the contract's format (inventory-format.md): what the
// cloud importers produce and what scenarios export. The output loads again to the same
// inventory (round-trip), fields in the contract's order, defaults left out, strings quoted
// only where YAML needs it. Deterministic: the same inventory gives the same bytes.
#pragma once

#include "inventory.h"

#include <QByteArray>

namespace atlas {

QByteArray inventoryToYaml(const Inventory &inventory);
// The same inventory as JSON (same structure, same fields; `atlas` first).
QByteArray inventoryToJson(const Inventory &inventory);

} // namespace atlas
