// Small pieces the resource mapper's parts share (resourcemapper.cpp, resourceclassify.cpp,
// resourcereplicas.cpp): ids from names, case-insensitive tag lookup, list cells.
#pragma once

#include "cloudresource.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace atlas::mapping {

QString qs(const std::string &s);
// An inventory id from a resource name: lower-case, [a-z0-9._-], no leading punctuation.
std::string slug(std::string_view name);
// Six hex digits of FNV-1a: stable across runs and platforms.
std::string hashSuffix(const std::string &text);
std::string lowerNoSpace(std::string_view s);
// The first of `keys` (lower case, in the mapping's order) among the resource's tags.
const std::string *tagValue(const CloudResource &r, const std::vector<std::string> &keys);
// "personal; health", "personal,health", "personal health" → lower-case items.
QStringList splitList(const std::string &text);
std::vector<std::string> utf8List(const QStringList &list);

// Tag keys, classification values, types and regions repeat across a million resources: one
// shared QString each instead of an allocation per use. Long strings and a full table are not
// worth an entry. One interner per thread. A flat table (hash and entry index per slot, probed
// linearly): a hit costs one slot and one comparison, no node to chase (an import asks ~10
// times per resource).
class StringInterner
{
public:
    const QString &get(std::string_view text);

private:
    struct Slot
    {
        std::uint32_t hash = 0;
        std::uint32_t entry = 0; // 1 + index into m_entries; 0: empty
    };
    struct Entry
    {
        std::string key;
        QString value;
    };
    static std::uint32_t hashOf(std::string_view text);
    void grow();

    std::vector<Slot> m_slots;
    std::deque<Entry> m_entries; // references handed out stay valid as it grows
    QString m_scratch;
};

} // namespace atlas::mapping
