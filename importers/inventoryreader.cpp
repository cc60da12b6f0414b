#include "inventoryreader.h"

#include "inventoryvalidation.h"
#include "location.h"
#include "suggest.h"

namespace atlas {


namespace {
constexpr int kFormatVersion = 1;

bool isSection(const std::string &key)
{
    return key == "sites" || key == "datasets" || key == "workloads" || key == "flows"
        || key == "access" || key == "waivers";
}

// In the order of the format reference: the "known keys" list of the message reads like it.
const QStringList &topLevelKeys()
{
    static const QStringList keys{QStringLiteral("atlas"),    QStringLiteral("organisation"),
                                  QStringLiteral("as_of"),    QStringLiteral("overlay"),
                                  QStringLiteral("sites"),    QStringLiteral("datasets"),
                                  QStringLiteral("workloads"), QStringLiteral("flows"),
                                  QStringLiteral("access"),   QStringLiteral("waivers")};
    return keys;
}
} // namespace

SourceRef InventoryReader::entityStart(const SourceNode &node) const
{
    // The first key of the mapping: for "  - id: x" the column of `id`.
    if (node.children.empty())
        return m_context.ref(node);
    const SourceNode &first = node.children.front();
    return SourceRef{m_context.fileIndex, first.keyLine, first.keyColumn};
}

InventoryReader::InventoryReader(ReadContext context, Inventory &inventory, IdPositions &ids)
    : m_context(std::move(context)), m_inventory(inventory), m_ids(ids)
{
}

void InventoryReader::rootNotMapping(const SourceNode &root)
{
    m_badRoot = true;
    m_context.error(root, QStringLiteral("an inventory must be a mapping with 'atlas: 1' at the top, got ")
                              + QString::fromLatin1(SourceNode::kindName(root.kind)));
}

void InventoryReader::finish()
{
    if (!m_sawAtlas && !m_badRoot)
        m_context.error(1, 1, QStringLiteral("missing required field 'atlas' (the format version; write 'atlas: 1')"));
}

void InventoryReader::unknownTopLevelKey(const SourceNode &node) const
{
    // `x-…` keys are extensions (another tool's metadata): accepted silently, by our decision.
    if (node.key.starts_with("x-"))
        return;
    // An error, not a warning: `flow:` for `flows:` would otherwise drop every flow, and a
    // warning among hundreds is easy to miss (format revision 2).
    const QString key = toQString(node.key);
    m_context.error(node.keyLine, node.keyColumn,
                    QStringLiteral("unknown top-level key '") + key + u'\''
                        + didYouMean(closestMatch(key, topLevelKeys()))
                        + QStringLiteral("; known keys: ") + topLevelKeys().join(u", "));
}

bool InventoryReader::firstTopLevel(const SourceNode &node)
{
    if (m_topLevelKeys.insert(node.key).second)
        return true;
    m_context.error(node.keyLine, node.keyColumn,
                    QStringLiteral("duplicate key '") + toQString(node.key) + QStringLiteral("'"));
    return false;
}

void InventoryReader::member(SourceNode &&node)
{
    if (!firstTopLevel(node))
        return;
    const std::string &key = node.key;
    const QString qkey = toQString(key);
    if (key == "atlas") {
        m_sawAtlas = true;
        if (node.kind != SourceNode::Kind::Integer) {
            m_context.error(node, QStringLiteral("'atlas' must be an integer (the format version), got ")
                                      + QString::fromLatin1(SourceNode::kindName(node.kind)));
        } else if (node.text != "1") {
            m_context.error(node, QStringLiteral("unsupported format version ") + toQString(node.text)
                                      + QStringLiteral("; this build reads version %1").arg(kFormatVersion));
        }
        m_inventory.formatVersion = kFormatVersion;
    } else if (key == "organisation") {
        if (node.kind == SourceNode::Kind::String)
            m_inventory.organisation = toQString(node.text);
        else if (node.kind != SourceNode::Kind::Null)
            m_context.error(node, QStringLiteral("'organisation' must be a string, got ")
                                      + QString::fromLatin1(SourceNode::kindName(node.kind)));
    } else if (key == "as_of") {
        if (auto d = node.isScalar() ? parseIsoDate(node.text) : std::nullopt)
            m_inventory.asOf = *d;
        else if (node.kind != SourceNode::Kind::Null)
            m_context.error(node, QStringLiteral("'as_of' value '") + toQString(node.text)
                                      + QStringLiteral("' is not an ISO 8601 date (YYYY-MM-DD)"));
    } else if (key == "overlay") {
        if (node.kind == SourceNode::Kind::Bool)
            m_inventory.overlay = node.text == "true" || node.text == "True" || node.text == "TRUE";
        else
            m_context.error(node, QStringLiteral("'overlay' must be true or false, got ")
                                      + QString::fromLatin1(SourceNode::kindName(node.kind)));
    } else if (isSection(key)) {
        // A section that is not a list (an empty `flows:` is null, which is fine).
        if (node.kind != SourceNode::Kind::Null)
            m_context.error(node, u'\'' + qkey + QStringLiteral("' must be a list, got ")
                                      + QString::fromLatin1(SourceNode::kindName(node.kind)));
    } else {
        unknownTopLevelKey(node);
    }
}

void InventoryReader::sequenceStart(const SourceNode &sectionNode)
{
    if (!firstTopLevel(sectionNode)) {
        m_skipSection = true;
        return;
    }
    m_skipSection = false;
    if (sectionNode.key == "atlas" || sectionNode.key == "organisation"
        || sectionNode.key == "as_of" || sectionNode.key == "overlay") {
        if (sectionNode.key == "atlas")
            m_sawAtlas = true;
        m_context.error(sectionNode, u'\'' + toQString(sectionNode.key)
                                         + QStringLiteral("' must be a scalar, got a list"));
    } else if (!isSection(sectionNode.key)) {
        unknownTopLevelKey(sectionNode); // its items are dropped by item()
    }
}

void InventoryReader::item(const std::string &section, SourceNode &&node)
{
    if (m_skipSection)
        return;
    if (section == "sites")
        readSite(node);
    else if (section == "datasets")
        readDataset(node);
    else if (section == "workloads")
        readWorkload(node);
    else if (section == "flows")
        readFlow(node);
    else if (section == "access")
        readAccess(node);
    else if (section == "waivers")
        readWaiver(node);
}

void InventoryReader::checkLocation(const SourceNode &node, const char *field) const
{
    if (auto problem = locationSyntaxError(toQString(node.text)))
        m_context.error(node, *problem);
    (void)field;
}

void InventoryReader::readSite(const SourceNode &node)
{
    if (!EntityReader::expectMapping(m_context, node, QStringLiteral("site")))
        return;
    EntityReader r(m_context, node, {"id", "name", "country", "operator"});
    Site s;
    s.source = entityStart(node);
    SourceRef idRef = s.source;
    if (auto v = r.id("id")) { s.id = *v; idRef = m_context.ref(*r.field("id")); }
    if (auto v = r.string("name")) { s.name = *v; }
    if (auto v = r.string("country", true)) { s.country = *v; }
    if (auto v = r.string("operator", true)) { s.operatorId = *v; }
    s.present = r.presentMask();
    m_ids.sites.push_back(idRef);
    m_inventory.sites.push_back(std::move(s));
}

void InventoryReader::readDataset(const SourceNode &node)
{
    if (!EntityReader::expectMapping(m_context, node, QStringLiteral("dataset")))
        return;
    EntityReader r(m_context, node, {"id", "name", "classification", "categories", "origin",
                                     "consent", "retention_days", "redacted", "keys", "localisation",
                                     "training_basis"});
    Dataset d;
    d.source = entityStart(node);
    SourceRef idRef = d.source;
    if (auto v = r.id("id")) { d.id = *v; idRef = m_context.ref(*r.field("id")); }
    if (auto v = r.string("name")) { d.name = *v; }
    if (auto v = r.enumValue<Classification>("classification")) { d.classification = *v; }
    if (auto v = r.enumList<Category>("categories")) { d.categories = *v; }
    if (auto v = r.string("origin", true)) {
        d.origin = *v;
        d.originSource = m_context.ref(*r.field("origin"));
       
    }
    if (const SourceNode *c = r.field("consent"); c && c->kind != SourceNode::Kind::Null) {
       
        if (c->kind != SourceNode::Kind::Map) {
            r.typeError(*c, "consent", "a mapping");
        } else {
            EntityReader cr(m_context, *c, {"training", "analytics"});
            d.consent.training = cr.boolean("training").value_or(false);
            d.consent.analytics = cr.boolean("analytics").value_or(false);
        }
    }
    if (auto v = r.integer("retention_days", 0)) { d.retentionDays = int(*v); }
    if (auto v = r.boolean("redacted")) { d.redacted = *v; }
    if (const SourceNode *k = r.field("keys"); k && k->kind != SourceNode::Kind::Null) {
       
        if (k->kind != SourceNode::Kind::Map) {
            r.typeError(*k, "keys", "a mapping");
        } else {
            EntityReader kr(m_context, *k, {"custody", "location"});
            Keys keys;
            keys.custody = kr.enumValue<KeyCustody>("custody");
            if (auto loc = kr.string("location", true)) {
                keys.location = *loc;
                keys.locationSource = m_context.ref(*kr.field("location"));
                checkLocation(*kr.field("location"), "location");
            }
            d.keys = keys;
        }
    }
    if (auto v = r.enumValue<Localisation>("localisation")) { d.localisation = *v; }
    if (auto v = r.enumValue<TrainingBasis>("training_basis")) { d.trainingBasis = *v; }
    d.present = r.presentMask();
    m_ids.datasets.push_back(idRef);
    m_inventory.datasets.push_back(std::move(d));
}

void InventoryReader::readWorkload(const SourceNode &node)
{
    if (!EntityReader::expectMapping(m_context, node, QStringLiteral("workload")))
        return;
    EntityReader r(m_context, node, {"id", "name", "kind", "location", "operator", "operator_hq",
                                     "holds", "external", "certifications", "tags", "geo_redundant"});
    Workload w;
    w.source = entityStart(node);
    SourceRef idRef = w.source;
    if (auto v = r.id("id")) { w.id = *v; idRef = m_context.ref(*r.field("id")); }
    if (auto v = r.string("name")) { w.name = *v; }
    if (auto v = r.enumValue<WorkloadKind>("kind")) { w.kind = *v; }
    if (auto v = r.string("location", true)) {
        w.location = *v;
        w.locationSource = m_context.ref(*r.field("location"));
       
        checkLocation(*r.field("location"), "location");
    }
    if (auto v = r.string("operator", true)) { w.operatorId = *v; }
    if (auto v = r.string("operator_hq", true)) {
        w.operatorHq = *v;
        if (!w.operatorId.isEmpty())
            m_context.error(*r.field("operator_hq"), bothOperatorsMessage());
    }
    if (auto v = r.idList("holds")) { w.holds = std::move(*v); }
    if (auto v = r.boolean("external")) { w.external = *v; }
    if (auto v = r.enumList<Certification>("certifications")) { w.certifications = *v; }
    if (const SourceNode *t = r.field("tags"); t && t->kind != SourceNode::Kind::Null) {
       
        if (t->kind != SourceNode::Kind::Map) {
            r.typeError(*t, "tags", "a mapping");
        } else {
            for (const SourceNode &tag : t->children) {
                if (!tag.isScalar())
                    r.typeError(tag, "tags", "a mapping of strings");
                else
                    w.tags.append(Tag{toQString(tag.key), toQString(tag.text)});
            }
        }
    }
    if (auto v = r.boolean("geo_redundant")) { w.geoRedundant = *v; }
    w.present = r.presentMask();
    m_ids.workloads.push_back(idRef);
    m_inventory.workloads.push_back(std::move(w));
}

void InventoryReader::readFlow(const SourceNode &node)
{
    if (!EntityReader::expectMapping(m_context, node, QStringLiteral("flow")))
        return;
    EntityReader r(m_context, node, {"id", "from", "to", "carries", "form", "purpose", "basis",
                                     "encrypted", "protections", "volume_gb_per_day", "notified", "assessed"});
    Flow f;
    f.source = entityStart(node);
    SourceRef idRef = f.source;
    if (auto v = r.id("id")) { f.id = *v; idRef = m_context.ref(*r.field("id")); }
    if (auto v = r.id("from")) { f.from = *v; f.fromSource = m_context.ref(*r.field("from")); }
    if (auto v = r.id("to")) { f.to = *v; f.toSource = m_context.ref(*r.field("to")); }
    if (auto v = r.idList("carries")) {
        f.carries = std::move(*v);
        if (f.carries.empty() && r.field("carries")->kind == SourceNode::Kind::Sequence)
            m_context.error(*r.field("carries"), QStringLiteral("'carries' needs at least one dataset"));
    }
    if (auto v = r.enumValue<FlowForm>("form")) { f.form = *v; }
    if (auto v = r.enumValue<Purpose>("purpose")) { f.purpose = *v; }
    if (auto v = r.enumValue<Basis>("basis")) { f.basis = *v; }
    if (auto v = r.boolean("encrypted")) { f.encrypted = *v; }
    if (auto v = r.enumList<Protection>("protections")) { f.protections = *v; }
    if (auto v = r.number("volume_gb_per_day", 0.0)) { f.volumeGbPerDay = *v; }
    if (auto v = r.boolean("notified")) { f.notified = *v; }
    if (auto v = r.date("assessed")) { f.assessed = *v; }
    const SourceNode *idNode = r.field("id");
    if (f.id.isEmpty() && (!idNode || idNode->kind == SourceNode::Kind::Null) && !f.from.isEmpty()
        && !f.to.isEmpty())
        f.id = f.from + QStringLiteral("--") + f.to; // the contract's default id
    f.present = r.presentMask();
    m_ids.flows.push_back(idRef);
    m_inventory.flows.push_back(std::move(f));
}

void InventoryReader::readAccess(const SourceNode &node)
{
    if (!EntityReader::expectMapping(m_context, node, QStringLiteral("access entry")))
        return;
    EntityReader r(m_context, node, {"id", "role", "from", "to", "datasets", "purpose", "basis",
                                     "notified", "assessed"});
    Access a;
    a.source = entityStart(node);
    SourceRef idRef = a.source;
    if (auto v = r.id("id")) { a.id = *v; idRef = m_context.ref(*r.field("id")); }
    if (auto v = r.string("role")) { a.role = *v; }
    if (auto v = r.string("from", true)) {
        a.from = *v;
        a.fromSource = m_context.ref(*r.field("from"));
       
        checkLocation(*r.field("from"), "from");
    }
    if (auto v = r.id("to")) { a.to = *v; a.toSource = m_context.ref(*r.field("to")); }
    if (auto v = r.idList("datasets")) { a.datasets = std::move(*v); }
    if (auto v = r.string("purpose")) { a.purpose = *v; }
    if (auto v = r.enumValue<Basis>("basis")) { a.basis = *v; }
    if (auto v = r.boolean("notified")) { a.notified = *v; }
    if (auto v = r.date("assessed")) { a.assessed = *v; }
    a.present = r.presentMask();
    m_ids.access.push_back(idRef);
    m_inventory.access.push_back(std::move(a));
}

void InventoryReader::readWaiver(const SourceNode &node)
{
    if (!EntityReader::expectMapping(m_context, node, QStringLiteral("waiver")))
        return;
    EntityReader r(m_context, node, {"rule", "subject", "reason", "approved_by", "expires"});
    Waiver w;
    w.source = entityStart(node);
    if (auto v = r.string("rule", true)) { w.rule = *v; }
    if (auto v = r.id("subject")) { w.subject = *v; w.subjectSource = m_context.ref(*r.field("subject")); }
    if (auto v = r.string("reason")) { w.reason = *v; }
    if (auto v = r.string("approved_by")) { w.approvedBy = *v; }
    if (auto v = r.date("expires")) { w.expires = *v; }
    w.present = r.presentMask();
    m_inventory.waivers.push_back(std::move(w));
}

} // namespace atlas
