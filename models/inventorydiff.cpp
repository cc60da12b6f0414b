#include "inventorydiff.h"

#include <QHash>

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

namespace atlas {

namespace {

// String equality inline, and at once for shared data (an edited copy shares every string it
// did not change): Qt 6.4's operator== calls out to an ordering comparison. Matching 10^6
// entities is mostly this.
inline bool same(const QString &a, const QString &b)
{
    return a.size() == b.size()
        && (a.constData() == b.constData() || std::memcmp(a.constData(), b.constData(), std::size_t(a.size()) * sizeof(QChar)) == 0);
}

bool sameIds(const DatasetRefs &a, const DatasetRefs &b)
{
    return std::ranges::equal(a, b, same, &DatasetRef::id, &DatasetRef::id);
}

bool sameTags(const QList<Tag> &a, const QList<Tag> &b)
{
    return std::ranges::equal(a, b, [](const Tag &x, const Tag &y) { return same(x.key, y.key) && same(x.value, y.value); });
}

bool sameKeys(const std::optional<Keys> &a, const std::optional<Keys> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->custody == b->custody && same(a->location, b->location));
}

// Whether two entities are the same in every field the walk reads (positions and links aside).
// Only a fast path: when it says "not the same", the field texts decide (a `present` bit the
// walk ignores, or a value hidden as a default, is no change).
bool sameContent(const Site &a, const Site &b)
{
    return same(a.id, b.id) && same(a.name, b.name) && same(a.country, b.country) && same(a.operatorId, b.operatorId);
}

bool sameContent(const Dataset &a, const Dataset &b)
{
    return same(a.id, b.id) && same(a.name, b.name) && a.classification == b.classification && a.categories == b.categories
        && same(a.origin, b.origin) && a.consent.training == b.consent.training && a.consent.analytics == b.consent.analytics
        && (a.present & fields::dataset::Consent) == (b.present & fields::dataset::Consent)
        && a.retentionDays == b.retentionDays && a.redacted == b.redacted && sameKeys(a.keys, b.keys)
        && a.localisation == b.localisation && a.trainingBasis == b.trainingBasis;
}

bool sameContent(const Workload &a, const Workload &b)
{
    return same(a.id, b.id) && same(a.name, b.name) && a.kind == b.kind && same(a.location, b.location) && same(a.operatorId, b.operatorId)
        && same(a.operatorHq, b.operatorHq) && sameIds(a.holds, b.holds) && a.external == b.external
        && a.certifications == b.certifications && sameTags(a.tags, b.tags) && a.geoRedundant == b.geoRedundant;
}

bool sameContent(const Flow &a, const Flow &b)
{
    return same(a.id, b.id) && same(a.from, b.from) && same(a.to, b.to) && sameIds(a.carries, b.carries) && a.form == b.form
        && a.purpose == b.purpose && a.basis == b.basis && a.encrypted == b.encrypted && a.protections == b.protections
        && a.volumeGbPerDay == b.volumeGbPerDay && a.notified == b.notified && a.assessed == b.assessed;
}

bool sameContent(const Access &a, const Access &b)
{
    return same(a.id, b.id) && same(a.role, b.role) && same(a.from, b.from) && same(a.to, b.to) && sameIds(a.datasets, b.datasets)
        && same(a.purpose, b.purpose) && a.basis == b.basis && a.notified == b.notified && a.assessed == b.assessed;
}

bool sameContent(const Waiver &a, const Waiver &b)
{
    return same(a.rule, b.rule) && same(a.subject, b.subject) && same(a.reason, b.reason) && same(a.approvedBy, b.approvedBy)
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

// Where each key of a list is, for matching what is not in step: open addressing on the keys'
// hashes, so a probe compares hashes and a string only when they agree (QHash compares the key
// of every slot it probes: a cache miss each, seconds for 10^6 keys out of order). A repeated
// key is one slot whose `head` chains its occurrences through the caller's `next`.
class KeyIndex
{
public:
    struct Slot
    {
        std::uint32_t hash = 0;
        std::int32_t first = -1; // a position with this key; -1: the slot is empty
        std::int32_t head = -1;  // the next occurrence not yet matched; -1: none left
    };

    explicit KeyIndex(std::size_t keys)
    {
        Q_ASSERT(keys < std::size_t(std::numeric_limits<std::int32_t>::max()));
        std::size_t capacity = 16;
        while (capacity < keys * 2)
            capacity *= 2;
        m_slots.resize(capacity);
    }

    // The slot of `key`, or the empty slot where it goes; `keyAt(position)` is the key there.
    template <typename KeyAt> Slot &find(const QString &key, std::uint32_t hash, KeyAt &&keyAt)
    {
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t p = hash & mask;; p = (p + 1) & mask) {
            Slot &s = m_slots[p];
            if (s.first < 0 || (s.hash == hash && same(keyAt(s.first), key)))
                return s;
        }
    }

    // Asks for the slot of `hash` a few keys ahead: the table is larger than the caches, and
    // waiting for each slot was most of the time of a match out of step.
    void prefetch(std::uint32_t hash) const { __builtin_prefetch(&m_slots[hash & (m_slots.size() - 1)]); }

    static std::uint32_t hashOf(const QString &key) { return std::uint32_t(qHash(key, 0x9e3779b9u)); }

private:
    std::vector<Slot> m_slots;
};

// The key hashes of the entities not yet matched (0 for the others).
template <typename E> std::vector<std::uint32_t> hashesOf(const std::vector<E> &list, const std::vector<bool> &matched)
{
    std::vector<std::uint32_t> hashes(list.size(), 0);
    for (std::size_t i = 0; i < list.size(); ++i)
        if (!matched[i])
            hashes[i] = KeyIndex::hashOf(entityKey(list[i]));
    return hashes;
}

// Which entities of the two lists are matched, and how many.
struct Matches
{
    std::vector<bool> before, after;
    std::size_t count = 0;
};

// Compares the entities whose keys agree at the same position: two snapshots' lists are mostly
// in step. Ids are unique in an inventory, so a key met at the same position is the match;
// waiver keys may repeat, are matched in order of occurrence, and so by position only up to the
// first difference.
template <typename E> Matches matchInStep(const std::vector<E> &before, const std::vector<E> &after, std::vector<EntityChange> &out)
{
    Matches m{std::vector<bool>(before.size(), false), std::vector<bool>(after.size(), false), 0};
    for (std::size_t i = 0, common = std::min(before.size(), after.size()); i < common; ++i) {
        const auto &key = entityKey(after[i]);
        if (!same(entityKey(before[i]), key)) {
            if constexpr (kindOfType<E>() == EntityKind::Waiver)
                break;
            continue;
        }
        compare(before[i], after[i], key, out);
        m.before[i] = m.after[i] = true;
        ++m.count;
    }
    return m;
}

// Matches the rest through an index of `before`'s keys, each key's occurrences chained in order
// through `next`; what `after` has left is added.
template <typename E> void matchByKey(const std::vector<E> &before, const std::vector<E> &after, Matches &m, std::vector<EntityChange> &out)
{
    constexpr EntityKind kind = kindOfType<E>();
    KeyIndex index(m.count < before.size() ? before.size() - m.count : 0);
    auto keyAt = [&](std::int32_t i) -> decltype(auto) { return entityKey(before[std::size_t(i)]); };
    const std::vector<std::uint32_t> beforeHashes = hashesOf(before, m.before);
    const std::vector<std::uint32_t> afterHashes = hashesOf(after, m.after);
    constexpr std::size_t ahead = 16;
    std::vector<std::int32_t> next(before.size(), -1);
    for (std::size_t i = before.size(); i-- > 0;) {
        if (i >= ahead)
            index.prefetch(beforeHashes[i - ahead]);
        if (m.before[i])
            continue;
        KeyIndex::Slot &slot = index.find(entityKey(before[i]), beforeHashes[i], keyAt);
        if (slot.first < 0)
            slot = {beforeHashes[i], std::int32_t(i), -1};
        next[i] = slot.head;
        slot.head = std::int32_t(i);
    }
    for (std::size_t j = 0; j < after.size(); ++j) {
        if (j + ahead < after.size())
            index.prefetch(afterHashes[j + ahead]);
        if (m.after[j])
            continue;
        const auto &key = entityKey(after[j]);
        KeyIndex::Slot &slot = index.find(key, afterHashes[j], keyAt);
        if (slot.head < 0) {
            out.push_back({kind, DiffOperation::Added, key, after[j], {}});
            continue;
        }
        const std::size_t i = std::size_t(slot.head);
        slot.head = next[i];
        m.before[i] = true;
        compare(before[i], after[j], key, out);
    }
}

// The changes of one entity list, sorted by key.
template <typename E> void diffList(const std::vector<E> &before, const std::vector<E> &after, std::vector<EntityChange> &out)
{
    const std::size_t firstOut = out.size();
    Matches m = matchInStep(before, after, out);
    if (m.count < before.size() || m.count < after.size()) // else nothing is left to match
        matchByKey(before, after, m, out);
    for (std::size_t i = 0; i < before.size(); ++i)
        if (!m.before[i])
            out.push_back({kindOfType<E>(), DiffOperation::Removed, entityKey(before[i]), before[i], {}});
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
