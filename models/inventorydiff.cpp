#include "inventorydiff.h"

#include <QHash>

#include <algorithm>
#include <type_traits>

namespace atlas {

namespace {

bool sameIds(const DatasetRefs &a, const DatasetRefs &b)
{
    return std::ranges::equal(a, b, {}, &DatasetRef::id, &DatasetRef::id);
}

bool sameTags(const QList<Tag> &a, const QList<Tag> &b)
{
    return std::ranges::equal(a, b, [](const Tag &x, const Tag &y) { return x.key == y.key && x.value == y.value; });
}

bool sameKeys(const std::optional<Keys> &a, const std::optional<Keys> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->custody == b->custody && a->location == b->location);
}

// Whether two entities are the same in every field the walk reads (positions and links aside).
// Only a fast path: when it says "not the same", the field texts decide (a `present` bit the
// walk ignores, or a value hidden as a default, is no change).
bool sameContent(const Site &a, const Site &b)
{
    return a.id == b.id && a.name == b.name && a.country == b.country && a.operatorId == b.operatorId;
}

bool sameContent(const Dataset &a, const Dataset &b)
{
    return a.id == b.id && a.name == b.name && a.classification == b.classification && a.categories == b.categories
        && a.origin == b.origin && a.consent.training == b.consent.training && a.consent.analytics == b.consent.analytics
        && (a.present & fields::dataset::Consent) == (b.present & fields::dataset::Consent)
        && a.retentionDays == b.retentionDays && a.redacted == b.redacted && sameKeys(a.keys, b.keys)
        && a.localisation == b.localisation;
}

bool sameContent(const Workload &a, const Workload &b)
{
    return a.id == b.id && a.name == b.name && a.kind == b.kind && a.location == b.location && a.operatorId == b.operatorId
        && a.operatorHq == b.operatorHq && sameIds(a.holds, b.holds) && a.external == b.external
        && a.certifications == b.certifications && sameTags(a.tags, b.tags);
}

bool sameContent(const Flow &a, const Flow &b)
{
    return a.id == b.id && a.from == b.from && a.to == b.to && sameIds(a.carries, b.carries) && a.form == b.form
        && a.purpose == b.purpose && a.basis == b.basis && a.encrypted == b.encrypted && a.protections == b.protections
        && a.volumeGbPerDay == b.volumeGbPerDay;
}

bool sameContent(const Access &a, const Access &b)
{
    return a.id == b.id && a.role == b.role && a.from == b.from && a.to == b.to && sameIds(a.datasets, b.datasets)
        && a.purpose == b.purpose && a.basis == b.basis;
}

bool sameContent(const Waiver &a, const Waiver &b)
{
    return a.rule == b.rule && a.subject == b.subject && a.reason == b.reason && a.approvedBy == b.approvedBy
        && a.expires == b.expires;
}

template <typename E> constexpr EntityKind kindOfType()
{
    if constexpr (std::is_same_v<E, Site>) return EntityKind::Site;
    else if constexpr (std::is_same_v<E, Dataset>) return EntityKind::Dataset;
    else if constexpr (std::is_same_v<E, Workload>) return EntityKind::Workload;
    else if constexpr (std::is_same_v<E, Flow>) return EntityKind::Flow;
    else if constexpr (std::is_same_v<E, Access>) return EntityKind::Access;
    else return EntityKind::Waiver;
}
static_assert(std::is_same_v<std::variant_alternative_t<std::size_t(kindOfType<Flow>()), EntityValue>, Flow>
              && std::is_same_v<std::variant_alternative_t<std::size_t(kindOfType<Waiver>()), EntityValue>, Waiver>);

// Appends what differs between two entities matched by key.
template <typename E> void compare(const E &before, const E &after, QString key, std::vector<EntityChange> &out)
{
    if (sameContent(before, after))
        return;
    constexpr EntityKind kind = kindOfType<E>();
    QList<FieldChange> fields = diffFields(kind, entityFields(before), entityFields(after));
    if (!fields.isEmpty())
        out.push_back({kind, DiffOperation::Changed, std::move(key), after, std::move(fields)});
}

// The changes of one entity list. The lists of two snapshots are mostly in step: entities are
// compared position by position where their keys agree, and only the others are matched through
// a hash of the earlier list's keys. Ids are unique in an inventory, so a key met at the same
// position is the match; waiver keys may repeat, and are matched in order of occurrence (by
// position only up to the first difference).
template <typename E> void diffList(const std::vector<E> &before, const std::vector<E> &after, std::vector<EntityChange> &out)
{
    constexpr EntityKind kind = kindOfType<E>();
    const std::size_t firstOut = out.size();
    std::vector<bool> matchedBefore(before.size(), false), matchedAfter(after.size(), false);
    std::size_t inStep = 0;
    for (std::size_t i = 0, common = std::min(before.size(), after.size()); i < common; ++i) {
        const auto &key = entityKey(after[i]);
        if (entityKey(before[i]) != key) {
            if constexpr (kind == EntityKind::Waiver)
                break;
            continue;
        }
        compare(before[i], after[i], key, out);
        matchedBefore[i] = matchedAfter[i] = true;
        ++inStep;
    }
    // The rest of `before` by key; a repeated key chains its later occurrences through `next`.
    QHash<QString, qsizetype> head;
    head.reserve(qsizetype(before.size() - inStep));
    std::vector<qsizetype> next(before.size(), -1);
    for (std::size_t i = before.size(); i-- > 0;) {
        if (matchedBefore[i])
            continue;
        const auto &key = entityKey(before[i]);
        if (const auto it = head.find(key); it != head.end()) {
            next[i] = it.value();
            it.value() = qsizetype(i);
        } else {
            head.emplace(key, qsizetype(i));
        }
    }
    for (std::size_t j = 0; j < after.size(); ++j) {
        if (matchedAfter[j])
            continue;
        const auto &key = entityKey(after[j]);
        const auto it = head.find(key);
        if (it == head.end() || it.value() < 0) {
            out.push_back({kind, DiffOperation::Added, key, after[j], {}});
            continue;
        }
        const std::size_t i = std::size_t(it.value());
        it.value() = next[i];
        matchedBefore[i] = true;
        compare(before[i], after[j], key, out);
    }
    for (std::size_t i = 0; i < before.size(); ++i)
        if (!matchedBefore[i])
            out.push_back({kind, DiffOperation::Removed, entityKey(before[i]), before[i], {}});
    std::stable_sort(out.begin() + std::ptrdiff_t(firstOut), out.end(), [](const EntityChange &a, const EntityChange &b) {
        if (const int c = a.key.compare(b.key))
            return c < 0;
        return a.operation < b.operation;
    });
}

void diffTopLevel(const Inventory &before, const Inventory &after, QList<FieldChange> &out)
{
    auto text = [](const QString &s) { return s.isEmpty() ? std::nullopt : std::optional<QString>(s); };
    auto date = [](const QDate &d) { return d.isValid() ? std::optional<QString>(d.toString(Qt::ISODate)) : std::nullopt; };
    FieldChange organisation{QStringLiteral("organisation"), text(before.organisation), text(after.organisation)};
    if (organisation.before != organisation.after)
        out.append(std::move(organisation));
    FieldChange asOf{QStringLiteral("as_of"), date(before.asOf), date(after.asOf)};
    if (asOf.before != asOf.after)
        out.append(std::move(asOf));
}

} // namespace

QString diffOperationName(DiffOperation operation)
{
    switch (operation) {
    case DiffOperation::Added: return QStringLiteral("added");
    case DiffOperation::Removed: return QStringLiteral("removed");
    case DiffOperation::Changed: return QStringLiteral("changed");
    }
    return {};
}

qsizetype InventoryDiff::count(DiffOperation operation) const
{
    return std::ranges::count(entities, operation, &EntityChange::operation);
}

qsizetype InventoryDiff::count(EntityKind kind, DiffOperation operation) const
{
    return std::ranges::count_if(entities, [&](const EntityChange &c) { return c.kind == kind && c.operation == operation; });
}

QList<FieldChange> diffFields(EntityKind kind, const QList<EntityField> &before, const QList<EntityField> &after)
{
    // Both lists follow the format's order: merge them by each name's rank in it.
    const QStringList &names = entityFieldNames(kind);
    auto rank = [&](const QList<EntityField> &list, qsizetype i) {
        return i < list.size() ? names.indexOf(list[i].name) : names.size();
    };
    QList<FieldChange> out;
    qsizetype i = 0, j = 0;
    while (i < before.size() || j < after.size()) {
        const qsizetype ri = rank(before, i), rj = rank(after, j);
        if (ri == rj) {
            if (before[i].value != after[j].value)
                out.append({before[i].name, before[i].value, after[j].value});
            ++i, ++j;
        } else if (ri < rj) {
            out.append({before[i].name, before[i].value, std::nullopt});
            ++i;
        } else {
            out.append({after[j].name, std::nullopt, after[j].value});
            ++j;
        }
    }
    return out;
}

InventoryDiff diffInventories(const Inventory &before, const Inventory &after)
{
    InventoryDiff diff;
    diffTopLevel(before, after, diff.topLevel);
    diffList(before.sites, after.sites, diff.entities);
    diffList(before.datasets, after.datasets, diff.entities);
    diffList(before.workloads, after.workloads, diff.entities);
    diffList(before.flows, after.flows, diff.entities);
    diffList(before.access, after.access, diff.entities);
    diffList(before.waivers, after.waivers, diff.entities);
    return diff;
}

} // namespace atlas
