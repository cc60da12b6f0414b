// Id → position lookups for inventories of a million entities. QHash<QString, int> costs two
// to three cache misses per lookup (bucket, node, string); this keeps a flat table of (hash,
// entry) slots probed linearly, and touches an id's characters only when its 32-bit hash
// matches: about one miss per lookup, which is what an import of 10⁶ resources pays per id.
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace atlas {

class IdIndex
{
public:
    // The value stored for `id`, or `fallback`.
    int value(QStringView id, int fallback = -1) const;
    bool contains(QStringView id) const { return findSlot(id, hashOf(id)) != npos; }
    // Adds `id` → `value` when `id` is absent; false (nothing changed) when it is present.
    bool tryInsert(const QString &id, int value);
    // Adds or replaces.
    void insert(const QString &id, int value);
    bool remove(QStringView id);
    void reserve(std::size_t count);
    void clear();
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

private:
    static constexpr std::size_t npos = std::size_t(-1);
    struct Slot
    {
        std::uint32_t hash = 0;
        std::int32_t entry = -1; // into m_entries; -1: empty
    };
    struct Entry
    {
        QString key; // null once removed
        int value = 0;
    };
    static std::uint32_t hashOf(QStringView id);
    std::size_t findSlot(QStringView id, std::uint32_t hash) const;
    void place(std::uint32_t hash, std::int32_t entry);
    void add(const QString &id, std::uint32_t hash, int value);
    void rehash(std::size_t slots);

    std::vector<Slot> m_slots; // a power of two, at most half full
    std::vector<Entry> m_entries;
    std::size_t m_size = 0;
};

} // namespace atlas
