// Small pieces the resource mapper's parts share (resourcemapper.cpp, resourceclassify.cpp,
// resourcereplicas.cpp): ids from names, case-insensitive tag lookup, list cells.
#pragma once

#include "cloudresource.h"

#include <QString>
#include <QStringList>

#include <string>
#include <string_view>
#include <vector>

namespace atlas::mapping {

QString qs(const std::string &s);
// Whether `q` holds exactly the UTF-8 text `s` (no conversion, no allocation).
bool sameText(const QString &q, std::string_view s);
// An inventory id from a resource name: lower-case, [a-z0-9._-], no leading punctuation.
std::string slug(std::string_view name);
// Six hex digits of FNV-1a: stable across runs and platforms.
std::string hashSuffix(const std::string &text);
std::string lowerNoSpace(std::string_view s);
bool equalsNoCase(std::string_view a, std::string_view b);
// The first of `keys` (lower case, in the mapping's order) among the resource's tags.
const std::string *tagValue(const CloudResource &r, const std::vector<std::string> &keys);
// "personal; health", "personal,health", "personal health" → lower-case items.
QStringList splitList(const std::string &text);
std::vector<std::string> utf8List(const QStringList &list);

} // namespace atlas::mapping
