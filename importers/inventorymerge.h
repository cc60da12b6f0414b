// Combines the documents of several inputs into one inventory (overlay rules of the contract),
// finding duplicate ids across inputs on the way (an overlay's repeated id is not one), then
// runs the model's validation of the whole (inventoryvalidation.h): required fields after
// overlays, references, catalog facts and unknown-region warnings.
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
    // Set by producers that guarantee unique ids (the cloud importers): the merger then indexes
    // the ids only if another input follows, instead of hashing a million ids for nothing.
    bool idsUnique = false;
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
                       std::vector<SourceRef> &idSources, EntityKind kind, bool overlay,
                       Diagnostics &diagnostics);
    void reportDuplicate(const QString &id, const SourceRef &at, const Entry &first,
                         Diagnostics &diagnostics) const;
    void indexDeferredIds();
    void validate(Diagnostics &diagnostics);

    const Catalog &m_catalog;
    Inventory m_result;
    QHash<QString, Entry> m_ids;
    bool m_idsDeferred = false; // m_result holds entities whose ids are not in m_ids yet
    bool m_indexAdopted = false; // m_result's id index came with its only input
};

} // namespace atlas
