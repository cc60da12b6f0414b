// Combines the documents of several inputs into one inventory (overlay rules of the contract)
// and runs the checks that need the whole input set: duplicate ids across inputs, required
// fields (after overlays), references between entities, catalog lookups (origins, operators,
// countries) and unknown-region warnings.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"
#include "inventoryreader.h"

namespace atlas {

struct ParsedDocument
{
    Inventory inventory; // one file; SourceRef::file already indexes the merged file table
    IdPositions ids;
};

class InventoryMerger
{
public:
    explicit InventoryMerger(const Catalog &catalog) : m_catalog(catalog) {}

    void addFile(const QString &name) { m_result.files.append(name); }
    void merge(ParsedDocument &&doc, Diagnostics &diagnostics);
    // Whole-inventory checks; returns the merged inventory (index built).
    Inventory finish(Diagnostics &diagnostics);

private:
    struct Entry
    {
        EntityKind kind;
        std::size_t index;
        SourceRef idSource;
    };
    template <typename T>
    void mergeEntities(std::vector<T> &into, std::vector<T> &from,
                       const std::vector<SourceRef> &idSources, EntityKind kind, bool overlay,
                       Diagnostics &diagnostics);
    void reportDuplicate(const QString &id, const SourceRef &at, const Entry &first,
                         Diagnostics &diagnostics) const;
    void validate(Diagnostics &diagnostics);
    void checkRequired(Diagnostics &diagnostics);
    void checkReferences(Diagnostics &diagnostics);
    void checkCatalogFacts(Diagnostics &diagnostics);

    const Catalog &m_catalog;
    Inventory m_result;
    QHash<QString, Entry> m_ids;
};

} // namespace atlas
