// Converts one inventory document (YAML or JSON, streamed as SourceNodes) into an Inventory:
// every field typed and checked against the contract (inventory-format.md), every problem a
// diagnostic with file:line:column. Checks that need the whole input set (required fields after
// overlays, references, duplicate ids) are the merger's (inventorymerge.h).
#pragma once

#include "entityreader.h"
#include "inventory.h"
#include "sourcenode.h"

#include <set>

namespace atlas {

// Field-presence bits (Inventory entities' `present` masks), one enum per entity kind.
namespace fields {
namespace site {
enum : FieldMask {
    Id = 1, Name = 2, Country = 4, Operator = 8
};
}
namespace dataset {
enum : FieldMask {
    Id = 1, Name = 2, Classification = 4, Categories = 8, Origin = 16, Consent = 32, Retention = 64, Redacted = 128, Keys = 256, Localisation = 512
};
}
namespace workload {
enum : FieldMask {
    Id = 1, Name = 2, Kind = 4, Location = 8, Operator = 16, OperatorHq = 32, Holds = 64, External = 128, Certifications = 256, Tags = 512
};
}
namespace flow {
enum : FieldMask {
    Id = 1, From = 2, To = 4, Carries = 8, Form = 16, Purpose = 32, Basis = 64, Encrypted = 128, Protections = 256, Volume = 512
};
}
namespace access {
enum : FieldMask {
    Id = 1, Role = 2, From = 4, To = 8, Datasets = 16, Purpose = 32, Basis = 64
};
}
namespace waiver {
enum : FieldMask {
    Rule = 1, Subject = 2, Reason = 4, ApprovedBy = 8, Expires = 16
};
}
} // namespace fields

// Id value positions, kept beside the inventory for duplicate-id messages.
struct IdPositions
{
    std::vector<SourceRef> sites, datasets, workloads, flows, access;
};

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
