#include "inventoryedit.h"

#include "inventoryeditvalue.h"
#include "inventoryvalidation.h"

#include <algorithm>
#include <map>
#include <set>

namespace atlas {

QString editOperationName(EditOperation operation)
{
    switch (operation) {
    case EditOperation::Add: return QStringLiteral("add");
    case EditOperation::Change: return QStringLiteral("change");
    case EditOperation::Remove: return QStringLiteral("remove");
    }
    return {};
}

QString Referrer::label() const
{
    if (kind == EntityKind::Waiver)
        return QStringLiteral("waiver ") + id;
    return entityKindName(kind) + QStringLiteral(" '") + id + u'\'';
}

std::vector<Referrer> referrersOf(const Inventory &inv, EntityKind kind, const QString &id)
{
    std::vector<Referrer> out;
    auto add = [&](EntityKind k, std::size_t i, const QString &name, const char *field, const SourceRef &at) {
        out.push_back(Referrer{k, i, name, QString::fromLatin1(field), at});
    };
    auto refs = [&](EntityKind k, std::size_t i, const QString &name, const DatasetRefs &list, const char *field) {
        if (const DatasetRef *ref = findRef(list, id))
            add(k, i, name, field, ref->source);
    };
    if (kind == EntityKind::Site) {
        const QString location = QStringLiteral("site:") + id;
        for (std::size_t i = 0; i < inv.datasets.size(); ++i)
            if (const Dataset &d = inv.datasets[i]; d.keys && d.keys->location == location)
                add(EntityKind::Dataset, i, d.id, "keys", d.keys->locationSource);
        for (std::size_t i = 0; i < inv.workloads.size(); ++i)
            if (inv.workloads[i].location == location)
                add(EntityKind::Workload, i, inv.workloads[i].id, "location", inv.workloads[i].locationSource);
        for (std::size_t i = 0; i < inv.access.size(); ++i)
            if (inv.access[i].from == location)
                add(EntityKind::Access, i, inv.access[i].id, "from", inv.access[i].fromSource);
        return out; // a waiver cannot name a site
    }
    if (kind == EntityKind::Dataset) {
        for (std::size_t i = 0; i < inv.workloads.size(); ++i)
            refs(EntityKind::Workload, i, inv.workloads[i].id, inv.workloads[i].holds, "holds");
        for (std::size_t i = 0; i < inv.flows.size(); ++i)
            refs(EntityKind::Flow, i, inv.flows[i].id, inv.flows[i].carries, "carries");
        for (std::size_t i = 0; i < inv.access.size(); ++i)
            refs(EntityKind::Access, i, inv.access[i].id, inv.access[i].datasets, "datasets");
    } else if (kind == EntityKind::Workload) {
        for (std::size_t i = 0; i < inv.flows.size(); ++i) {
            const Flow &f = inv.flows[i];
            if (f.from == id)
                add(EntityKind::Flow, i, f.id, "from", f.fromSource);
            if (f.to == id)
                add(EntityKind::Flow, i, f.id, "to", f.toSource);
        }
        for (std::size_t i = 0; i < inv.access.size(); ++i)
            if (inv.access[i].to == id)
                add(EntityKind::Access, i, inv.access[i].id, "to", inv.access[i].toSource);
    }
    if (kind != EntityKind::Waiver)
        for (std::size_t i = 0; i < inv.waivers.size(); ++i)
            if (inv.waivers[i].subject == id)
                add(EntityKind::Waiver, i, inv.waivers[i].rule, "subject", inv.waivers[i].subjectSource);
    return out;
}

namespace {

// `f` called with the list of `kind` in `inv`.
template <typename F> decltype(auto) withList(Inventory &inv, EntityKind kind, F &&f)
{
    switch (kind) {
    case EntityKind::Site: return f(inv.sites);
    case EntityKind::Dataset: return f(inv.datasets);
    case EntityKind::Workload: return f(inv.workloads);
    case EntityKind::Flow: return f(inv.flows);
    case EntityKind::Access: return f(inv.access);
    case EntityKind::Waiver: break;
    }
    return f(inv.waivers);
}

std::optional<std::size_t> positionOf(Inventory &inv, EntityKind kind, const QString &id)
{
    return withList(inv, kind, [&](const auto &list) -> std::optional<std::size_t> {
        if constexpr (requires { list.front().id; }) {
            for (std::size_t i = 0; i < list.size(); ++i)
                if (list[i].id == id)
                    return i;
        }
        return std::nullopt;
    });
}

constexpr std::array kIdKinds{EntityKind::Site, EntityKind::Dataset, EntityKind::Workload,
                              EntityKind::Flow, EntityKind::Access};

// The changes of one edit to the entity lists, each recorded for undo. Id positions stay in
// step with the lists (one per entity, see Inventory::idPositions).
class EditSession
{
public:
    EditSession(Inventory &inv, EditUndo &undo, const SourceRef &at) : m_inv(inv), m_undo(undo), m_at(at)
    {
        for (std::size_t k = 0; k < kIdKinds.size(); ++k) {
            std::vector<SourceRef> &ids = *inv.idPositions.of(kIdKinds[k]);
            undo.idPositionsBefore[k] = ids.size();
            withList(inv, kIdKinds[k], [&](const auto &list) {
                for (std::size_t i = ids.size(); i < list.size(); ++i)
                    ids.push_back(list[i].source); // what a shorter table stands for
            });
        }
    }

    void insert(EntityValue value)
    {
        const EntityKind kind = kindOf(value);
        withList(m_inv, kind, [&](auto &list) {
            using T = std::decay_t<decltype(list.front())>;
            m_undo.steps.push_back(EditStep{EditStep::Type::Inserted, kind, list.size(), {}, {}});
            list.push_back(std::get<T>(std::move(value)));
        });
        if (std::vector<SourceRef> *ids = m_inv.idPositions.of(kind))
            ids->push_back(m_at);
    }
    void replace(std::size_t index, EntityValue value, const SourceRef &idAt)
    {
        const EntityKind kind = kindOf(value);
        const SourceRef previousIdAt = m_inv.idSource(kind, index);
        withList(m_inv, kind, [&](auto &list) {
            using T = std::decay_t<decltype(list.front())>;
            m_undo.steps.push_back(EditStep{EditStep::Type::Replaced, kind, index, std::move(list[index]), previousIdAt});
            list[index] = std::get<T>(std::move(value));
        });
        if (std::vector<SourceRef> *ids = m_inv.idPositions.of(kind))
            (*ids)[index] = idAt;
    }
    void remove(EntityKind kind, std::size_t index)
    {
        const SourceRef previousIdAt = m_inv.idSource(kind, index);
        withList(m_inv, kind, [&](auto &list) {
            m_undo.steps.push_back(EditStep{EditStep::Type::Removed, kind, index, std::move(list[index]), previousIdAt});
            list.erase(list.begin() + std::ptrdiff_t(index));
        });
        if (std::vector<SourceRef> *ids = m_inv.idPositions.of(kind))
            ids->erase(ids->begin() + std::ptrdiff_t(index));
    }

private:
    Inventory &m_inv;
    EditUndo &m_undo;
    SourceRef m_at;
};

// A refused removal: what still names the entity, at the entity's own position.
Diagnostic referredTo(const Inventory &inv, EntityKind kind, const QString &id, const SourceRef &at,
                      const std::vector<Referrer> &referrers)
{
    QStringList names;
    for (const Referrer &r : referrers)
        names << r.label() + QStringLiteral(" (") + r.field + u')';
    return inv.diagnosticAt(
        Severity::Error, at,
        entityKindName(kind) + QStringLiteral(" '") + id + QStringLiteral("' is still referred to by ")
            + names.join(QStringLiteral(", "))
            + (kind == EntityKind::Site ? QStringLiteral("; change those first (removing a site does not cascade)")
                                        : QStringLiteral("; change or remove those first, or remove with cascade")));
}

// Remove with cascade: what goes with `id` and what keeps a shorter list (see InventoryEdit).
void cascade(const Inventory &inv, EntityKind kind, const QString &id, const std::vector<Referrer> &referrers,
             EditOutcome &out, std::map<EntityKind, std::set<std::size_t>> &removed,
             std::map<std::pair<EntityKind, std::size_t>, EntityValue> &changed)
{
    QSet<QString> gone{id};
    for (const Referrer &r : referrers) {
        if (r.kind == EntityKind::Waiver || removed[r.kind].contains(r.index))
            continue;
        DatasetRefs *list = nullptr;
        EntityValue value;
        if (r.kind == EntityKind::Workload)
            list = &std::get<Workload>(value = inv.workloads[r.index]).holds;
        else if (kind == EntityKind::Dataset && r.kind == EntityKind::Flow)
            list = &std::get<Flow>(value = inv.flows[r.index]).carries;
        else if (kind == EntityKind::Dataset && r.kind == EntityKind::Access)
            list = &std::get<Access>(value = inv.access[r.index]).datasets;
        if (list) {
            std::erase_if(*list, [&](const DatasetRef &ref) { return ref.id == id; });
            // A workload stays without data; a flow or access entry without data goes.
            if (!list->empty() || r.kind == EntityKind::Workload) {
                if (list->empty())
                    std::get<Workload>(value).present &= ~FieldMask(fields::workload::Holds);
                changed[{r.kind, r.index}] = std::move(value);
                out.cascadeChanged.push_back(r);
                continue;
            }
        }
        removed[r.kind].insert(r.index);
        gone.insert(r.id);
        out.cascadeRemoved.push_back(r);
    }
    for (std::size_t i = 0; i < inv.waivers.size(); ++i)
        if (gone.contains(inv.waivers[i].subject)) {
            removed[EntityKind::Waiver].insert(i);
            out.cascadeRemoved.push_back(Referrer{EntityKind::Waiver, i, inv.waivers[i].rule,
                                                  QStringLiteral("subject"), inv.waivers[i].subjectSource});
        }
}

// The provenance as recorded: time in UTC (now when not given), the command named.
EditProvenance stamped(const EditProvenance &provenance, const InventoryEdit &edit)
{
    EditProvenance out = provenance;
    out.time = (provenance.time.isValid() ? provenance.time : QDateTime::currentDateTimeUtc()).toUTC();
    if (out.command.isEmpty())
        out.command = editOperationName(edit.operation) + u' ' + entityKindName(edit.kind);
    return out;
}

// The edit's entry in the file table: "edit 3 (change flow, alice, 2026-12-03T06:31:00Z)".
QString editName(std::size_t number, const EditProvenance &provenance)
{
    QStringList parts{provenance.command};
    if (!provenance.user.isEmpty())
        parts << provenance.user;
    parts << provenance.time.toString(Qt::ISODate);
    return QStringLiteral("edit ") + QString::number(number) + QStringLiteral(" (")
        + parts.join(QStringLiteral(", ")) + u')';
}

// The position of the entity a change or removal names, or why there is none.
std::expected<std::size_t, Diagnostic> target(Inventory &inv, const InventoryEdit &edit, const QString &file)
{
    const QString verb = editOperationName(edit.operation);
    if (edit.kind == EntityKind::Waiver) {
        if (edit.waiver < inv.waivers.size())
            return edit.waiver;
        return std::unexpected(Diagnostic{Severity::Error, file, 0, 0,
                                          QStringLiteral("no waiver at position %1 to %2 (there are %3)")
                                              .arg(edit.waiver).arg(verb).arg(inv.waivers.size())});
    }
    if (const std::optional<std::size_t> i = positionOf(inv, edit.kind, edit.id))
        return *i;
    return std::unexpected(Diagnostic{Severity::Error, file, 0, 0,
                                      QStringLiteral("no ") + entityKindName(edit.kind) + QStringLiteral(" '")
                                          + edit.id + QStringLiteral("' to ") + verb});
}

// Removes the target and, with cascade, what depends on it; or says why not.
std::optional<Diagnostic> removeEntity(Inventory &inv, const InventoryEdit &edit, std::size_t index,
                                       const SourceRef &at, EditSession &session, EditOutcome &out)
{
    std::map<EntityKind, std::set<std::size_t>> removed{{edit.kind, {index}}};
    std::map<std::pair<EntityKind, std::size_t>, EntityValue> changed;
    if (edit.kind != EntityKind::Waiver) {
        const std::vector<Referrer> referrers = referrersOf(inv, edit.kind, edit.id);
        if (!referrers.empty() && (!edit.cascade || edit.kind == EntityKind::Site))
            return referredTo(inv, edit.kind, edit.id, withList(inv, edit.kind, [&](const auto &list) {
                                  return list[index].source;
                              }), referrers);
        cascade(inv, edit.kind, edit.id, referrers, out, removed, changed);
    }
    for (auto &[where, value] : changed) {
        // A list lost an entry: the entity is the edit's now; its other fields keep their text's position.
        std::visit([&](auto &entity) { entity.source = at; }, value);
        session.replace(where.second, std::move(value), inv.idSource(where.first, where.second));
    }
    // Highest index first in each list: the recorded indexes then restore in reverse order.
    for (const auto &[kind, indexes] : removed)
        for (auto it = indexes.rbegin(); it != indexes.rend(); ++it)
            session.remove(kind, *it);
    return std::nullopt;
}

} // namespace

std::expected<EditOutcome, Diagnostics> applyEdit(const Inventory &inventory, const InventoryEdit &edit,
                                                  const Catalog &catalog, const EditProvenance &provenance)
{
    const EditProvenance who = stamped(provenance, edit);
    const QString file = editName(inventory.edits.size() + 1, who);
    if (edit.operation != EditOperation::Remove && kindOf(edit.value) != edit.kind)
        return std::unexpected(Diagnostics{Diagnostic{Severity::Error, file, 0, 0,
                                                      QStringLiteral("the value is a ") + entityKindName(kindOf(edit.value))
                                                          + QStringLiteral(", not a ") + entityKindName(edit.kind)}});
    EditOutcome out;
    out.inventory = inventory;
    Inventory &inv = out.inventory;
    const SourceRef at{std::uint32_t(inv.files.size()), 0, 0};
    out.undo.filesBefore = inv.files.size();
    out.undo.editsBefore = inv.edits.size();
    inv.files.append(file);
    inv.edits.push_back(Inventory::EditRecord{at.file, who});

    Diagnostics errors;
    EditSession session(inv, out.undo, at);
    if (edit.operation == EditOperation::Add) {
        EntityValue value = edit.value;
        prepareEditedValue(value, at, file, errors);
        session.insert(std::move(value));
    } else {
        const std::expected<std::size_t, Diagnostic> index = target(inv, edit, file);
        if (!index)
            return std::unexpected(Diagnostics{index.error()});
        if (edit.operation == EditOperation::Change) {
            EntityValue value = edit.value;
            prepareEditedValue(value, at, file, errors);
            session.replace(*index, std::move(value), at);
        } else if (std::optional<Diagnostic> refused = removeEntity(inv, edit, *index, at, session, out)) {
            return std::unexpected(Diagnostics{*refused});
        }
    }

    // The whole inventory, as a load checks it: an edit gets the messages a file would.
    inv.buildIndex();
    Diagnostics diagnostics;
    validateInventory(inv, catalog, diagnostics);
    for (const Diagnostic &d : std::as_const(diagnostics))
        (d.severity == Severity::Error ? errors : out.warnings).append(d);
    if (!errors.isEmpty()) {
        sortDiagnostics(errors);
        return std::unexpected(errors);
    }
    sortDiagnostics(out.warnings);
    return out;
}

Inventory revertEdit(const Inventory &edited, const EditUndo &undo, const Catalog &catalog)
{
    Inventory inv = edited;
    for (auto step = undo.steps.rbegin(); step != undo.steps.rend(); ++step) {
        std::vector<SourceRef> *ids = inv.idPositions.of(step->kind);
        const auto at = std::ptrdiff_t(step->index);
        withList(inv, step->kind, [&](auto &list) {
            using T = std::decay_t<decltype(list.front())>;
            switch (step->type) {
            case EditStep::Type::Inserted:
                list.erase(list.begin() + at);
                if (ids)
                    ids->erase(ids->begin() + at);
                break;
            case EditStep::Type::Removed:
                list.insert(list.begin() + at, std::get<T>(step->previous));
                if (ids)
                    ids->insert(ids->begin() + at, step->previousIdSource);
                break;
            case EditStep::Type::Replaced:
                list[step->index] = std::get<T>(step->previous);
                if (ids)
                    (*ids)[step->index] = step->previousIdSource;
                break;
            }
        });
    }
    for (std::size_t k = 0; k < kIdKinds.size(); ++k)
        inv.idPositions.of(kIdKinds[k])->resize(undo.idPositionsBefore[k]);
    inv.files.resize(undo.filesBefore);
    inv.edits.resize(undo.editsBefore);
    // Positions moved back: link again (the inventory was valid before the edit).
    inv.buildIndex();
    Diagnostics relinked;
    validateInventory(inv, catalog, relinked);
    return inv;
}

} // namespace atlas
