#include "mappersupport.h"

#include "jsonnode.h" // equalsNoCase

#include <cstring>

#include <algorithm>

namespace atlas::mapping {

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// An inventory id from a resource name: lower-case, [a-z0-9._-], no leading punctuation.
std::string slug(std::string_view name)
{
    // Most cloud names are ids already (lower case, digits, '-', '.', '_'): taken as they are.
    const auto plain = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'; };
    if (!name.empty() && name.size() <= 80 && ((name.front() >= 'a' && name.front() <= 'z') || (name.front() >= '0' && name.front() <= '9'))
        && name.back() != '-' && name.back() != '.' && name.back() != '_' && std::all_of(name.begin(), name.end(), plain)
        && name.find("--") == std::string_view::npos)
        return std::string(name);
    std::string out;
    out.reserve(name.size());
    bool dash = false;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
        if (ok) {
            if (dash && !out.empty())
                out += '-';
            out += c;
            dash = false;
        } else {
            dash = true;
        }
    }
    while (!out.empty() && (out.front() == '.' || out.front() == '_'))
        out.erase(out.begin());
    if (out.size() > 80)
        out.resize(80);
    while (!out.empty() && (out.back() == '.' || out.back() == '_' || out.back() == '-'))
        out.pop_back();
    return out;
}

std::string hashSuffix(const std::string &text)
{
    std::uint32_t h = 2166136261u; // FNV-1a: stable across runs and platforms
    for (unsigned char c : text)
        h = (h ^ c) * 16777619u;
    static const char digits[] = "0123456789abcdef";
    std::string out(6, '0');
    for (int i = 5; i >= 0; --i, h >>= 4)
        out[std::size_t(i)] = digits[h & 15];
    return out;
}

std::string lowerNoSpace(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == ' ')
            continue;
        out += c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    }
    return out;
}

// The first of `keys` (lower case, in the mapping's order: the first present wins) among the
// resource's tags, compared ignoring case; no allocation, this runs per resource and key.
const std::string *tagValue(const CloudResource &r, const std::vector<std::string> &keys)
{
    for (const std::string &key : keys)
        for (const auto &[tk, tv] : r.tags)
            if (equalsNoCase(tk, key))
                return &tv;
    return nullptr;
}

// "personal; health", "personal,health", "personal health" → lower-case items.
QStringList splitList(const std::string &text)
{
    QStringList out;
    std::size_t b = 0;
    while (b < text.size()) {
        const std::size_t e = text.find_first_of(";, \t", b);
        const std::size_t end = e == std::string::npos ? text.size() : e;
        if (end > b)
            out.append(QString::fromUtf8(text.data() + b, qsizetype(end - b)).toLower());
        b = end + 1;
    }
    return out;
}

std::uint32_t StringInterner::hashOf(std::string_view text)
{
    // FNV-1a over 8-byte words: the keys are short (≤ 40 bytes), the table is a power of two.
    std::uint64_t h = 0xcbf29ce484222325ull ^ text.size();
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        h = (h ^ word) * 0x100000001b3ull;
        h ^= h >> 29;
    }
    for (; i < text.size(); ++i)
        h = (h ^ std::uint8_t(text[i])) * 0x100000001b3ull;
    h ^= h >> 32;
    return std::uint32_t(h);
}

void StringInterner::grow()
{
    std::vector<Slot> slots(m_slots.empty() ? 1024 : m_slots.size() * 2);
    const std::size_t mask = slots.size() - 1;
    for (const Slot &s : m_slots)
        if (s.entry) {
            std::size_t i = s.hash & mask;
            while (slots[i].entry)
                i = (i + 1) & mask;
            slots[i] = s;
        }
    m_slots = std::move(slots);
}

const QString &StringInterner::get(std::string_view text)
{
    if (text.size() > 40 || m_entries.size() >= 200000) {
        m_scratch = QString::fromUtf8(text.data(), qsizetype(text.size()));
        return m_scratch;
    }
    if ((m_entries.size() + 1) * 2 > m_slots.size())
        grow();
    const std::uint32_t hash = hashOf(text);
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = hash & mask;
    for (; m_slots[i].entry; i = (i + 1) & mask)
        if (m_slots[i].hash == hash && m_entries[m_slots[i].entry - 1].key == text)
            return m_entries[m_slots[i].entry - 1].value;
    m_entries.push_back(Entry{std::string(text), QString::fromUtf8(text.data(), qsizetype(text.size()))});
    m_slots[i] = Slot{hash, std::uint32_t(m_entries.size())};
    return m_entries.back().value;
}

std::vector<std::string> utf8List(const QStringList &list)
{
    std::vector<std::string> out;
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

} // namespace atlas::mapping
