// Helpers shared by the unit tests: the embedded catalog, loading inline YAML documents.
#pragma once

#include "catalogimporter.h"
#include "inventoryimporter.h"
#include "residency.h"

#include <QTest>

namespace atlas::test {

inline const Catalog &catalog()
{
    auto c = embeddedCatalog();
    if (!c) {
        for (const Diagnostic &d : c.error())
            qWarning("%s", qPrintable(d.toString()));
        qFatal("embedded catalog does not load");
    }
    return **c;
}

inline std::expected<LoadedInventory, Diagnostics> load(std::initializer_list<std::pair<const char *, const char *>> docs)
{
    QList<std::pair<QString, std::string>> documents;
    for (const auto &[name, text] : docs)
        documents.append({QString::fromUtf8(name), std::string(text)});
    return loadInventoryTexts(documents, catalog());
}

inline QString join(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << d.toString();
    return lines.join(u'\n');
}

// For QVERIFY2 messages, which are evaluated even when the check passes: never touch
// error() of a successful result.
template <typename T> QString errors(const std::expected<T, Diagnostics> &result)
{
    return result ? QString() : join(result.error());
}

} // namespace atlas::test
