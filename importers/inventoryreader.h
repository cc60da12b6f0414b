// Converts one inventory document (YAML or JSON, streamed as SourceNodes) into an Inventory:
// every field typed and checked against the contract (inventory-format.md), every problem a
// diagnostic with file:line:column. Checks that need the whole input set (required fields after
// overlays, duplicate ids) are the merger's (inventorymerge.h) and the model's validation
// (inventoryvalidation.h).
#pragma once

#include "entityreader.h"
#include "inventory.h"
#include "sourcenode.h"

#include <set>

namespace atlas {

class InventoryReader final : public DocumentSink
{
public:
    InventoryReader(ReadContext context, Inventory &inventory, IdPositions &ids);

    void member(SourceNode &&node) override;
    void sequenceStart(const SourceNode &sectionNode) override;
    void item(const std::string &section, SourceNode &&node) override;
    void rootNotMapping(const SourceNode &root) override;

    // Call after the document: reports a missing `atlas`.
    void finish();

private:
    void readSite(const SourceNode &node);
    void readDataset(const SourceNode &node);
    void readWorkload(const SourceNode &node);
    void readFlow(const SourceNode &node);
    void readAccess(const SourceNode &node);
    void readWaiver(const SourceNode &node);
    void checkLocation(const SourceNode &node, const char *field) const;
    SourceRef entityStart(const SourceNode &node) const;

    ReadContext m_context;
    Inventory &m_inventory;
    IdPositions &m_ids;
    bool firstTopLevel(const SourceNode &node);
    void unknownTopLevelKey(const SourceNode &node) const;

    std::set<std::string> m_topLevelKeys;
    bool m_skipSection = false; // a repeated section: reported once, its items ignored
    bool m_sawAtlas = false;
    bool m_badRoot = false;
};

} // namespace atlas
