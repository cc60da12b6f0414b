#include "idindex.h"

#include <bit>
#include <cstring>

namespace atlas {

std::uint32_t IdIndex::hashOf(QStringView id)
{
    // 8 bytes (4 UTF-16 units) per step, multiply-rotate, then murmur3's finaliser: ids share
    // long prefixes ("vnet-billing-…"), so every byte must reach every bit.
    const auto *bytes = reinterpret_cast<const unsigned char *>(id.data());
    std::size_t size = std::size_t(id.size()) * sizeof(QChar);
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (size * 0xC2B2AE3D27D4EB4Full);
    while (size >= 8) {
        std::uint64_t chunk;
        std::memcpy(&chunk, bytes, 8);
        h = std::rotl((h ^ chunk) * 0x87C37B91114253D5ull, 31);
        bytes += 8;
        size -= 8;
    }
    if (size) {
        std::uint64_t chunk = 0;
        std::memcpy(&chunk, bytes, size);
        h = std::rotl((h ^ chunk) * 0x87C37B91114253D5ull, 31);
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    return std::uint32_t(h);
}

std::size_t IdIndex::findSlot(QStringView id, std::uint32_t hash) const
{
    if (m_slots.empty())
        return npos;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot &s = m_slots[i];
        if (s.entry < 0)
            return npos;
        if (s.hash == hash && QStringView(m_entries[std::size_t(s.entry)].key) == id)
            return i;
    }
}

int IdIndex::value(QStringView id, int fallback) const
{
    const std::size_t slot = findSlot(id, hashOf(id));
    return slot == npos ? fallback : m_entries[std::size_t(m_slots[slot].entry)].value;
}

void IdIndex::place(std::uint32_t hash, std::int32_t entry)
{
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = hash & mask;
    while (m_slots[i].entry >= 0)
        i = (i + 1) & mask;
    m_slots[i] = Slot{hash, entry};
}

void IdIndex::rehash(std::size_t slots)
{
    std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(slots));
    for (const Slot &s : old)
        if (s.entry >= 0)
            place(s.hash, s.entry);
}

void IdIndex::reserve(std::size_t count)
{
    std::size_t slots = 16;
    while (slots < count * 2)
        slots *= 2;
    if (slots > m_slots.size())
        rehash(slots);
    m_entries.reserve(count);
}

bool IdIndex::tryInsert(const QString &id, int value)
{
    const std::uint32_t hash = hashOf(id);
    if (findSlot(id, hash) != npos)
        return false;
    add(id, hash, value);
    return true;
}

void IdIndex::insert(const QString &id, int value)
{
    const std::uint32_t hash = hashOf(id);
    if (const std::size_t slot = findSlot(id, hash); slot != npos) {
        m_entries[std::size_t(m_slots[slot].entry)].value = value;
        return;
    }
    add(id, hash, value);
}

void IdIndex::add(const QString &id, std::uint32_t hash, int value)
{
    if ((m_size + 1) * 2 > m_slots.size())
        rehash(std::max<std::size_t>(16, m_slots.size() * 2));
    m_entries.push_back(Entry{id, value});
    place(hash, std::int32_t(m_entries.size() - 1));
    ++m_size;
}

bool IdIndex::remove(QStringView id)
{
    std::size_t i = findSlot(id, hashOf(id));
    if (i == npos)
        return false;
    m_entries[std::size_t(m_slots[i].entry)].key = QString();
    --m_size;
    // Backward-shift deletion keeps every probe sequence unbroken without tombstones.
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t j = (i + 1) & mask; m_slots[j].entry >= 0; j = (j + 1) & mask) {
        const std::size_t home = m_slots[j].hash & mask;
        const bool movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
        if (movable) {
            m_slots[i] = m_slots[j];
            i = j;
        }
    }
    m_slots[i] = Slot{};
    if (m_size == 0)
        clear();
    return true;
}

void IdIndex::clear()
{
    m_slots.clear();
    m_entries.clear();
    m_size = 0;
}

} // namespace atlas
