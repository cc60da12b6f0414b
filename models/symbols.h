// Interned strings: ids, jurisdictions, regions and other repeated text become small integers
// once, so the policy evaluator compares integers in its hot loop. Symbol 0 is "no value".
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace atlas {

using Symbol = std::uint32_t;
constexpr Symbol NoSymbol = 0;

class SymbolTable
{
public:
    SymbolTable() { m_names.append(QString()); }
    Symbol intern(const QString &text)
    {
        if (text.isEmpty())
            return NoSymbol;
        const auto it = m_index.constFind(text);
        if (it != m_index.cend())
            return *it;
        const Symbol s = Symbol(m_names.size());
        m_names.append(text);
        m_index.insert(text, s);
        return s;
    }
    // NoSymbol when the text was never interned (so it cannot match any value).
    Symbol find(const QString &text) const { return m_index.value(text, NoSymbol); }
    const QString &name(Symbol s) const { return m_names[qsizetype(s)]; }
    std::uint32_t size() const { return std::uint32_t(m_names.size()); }

private:
    QHash<QString, Symbol> m_index;
    QStringList m_names;
};

} // namespace atlas
