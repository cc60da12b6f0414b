#include "mappersupport.h"

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

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
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

const QString &StringInterner::get(const std::string &text)
{
    if (text.size() > 40 || m_table.size() > 200000) {
        m_scratch = qs(text);
        return m_scratch;
    }
    auto it = m_table.find(text);
    if (it == m_table.end())
        it = m_table.emplace(text, qs(text)).first;
    return it->second;
}

std::vector<std::string> utf8List(const QStringList &list)
{
    std::vector<std::string> out;
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

} // namespace atlas::mapping
