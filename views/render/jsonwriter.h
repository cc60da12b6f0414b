// Small helpers for the JSON the commands print: positions and diagnostics in one shape.
#pragma once

#include "diagnostic.h"
#include "inventory.h"

#include <QJsonArray>
#include <QJsonObject>

namespace atlas {

QJsonObject sourceJson(const Inventory &inventory, const SourceRef &ref);
QJsonObject diagnosticJson(const Diagnostic &d);
QJsonArray diagnosticsJson(const Diagnostics &diagnostics);
// Deterministic, two-space indented, trailing newline.
QByteArray toJsonBytes(const QJsonObject &object);
QJsonValue stringOrNull(const QString &s);

} // namespace atlas
