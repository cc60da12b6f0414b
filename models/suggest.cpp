#include "suggest.h"

#include "catalog.h"
#include "location.h"

#include <QVarLengthArray>
#include <algorithm>
#include <cstdlib>

namespace atlas {

namespace {

constexpr int kMaxEdits = 2;
// Longer texts are no typo of a name (a pasted paragraph): compared by folding only, so that
// the edit table never grows with the input.
constexpr qsizetype kMaxEditLength = 200;

// Lower score = closer. Folding beats a zone suffix beats one edit beats two.
enum Score : int { Folded = 1, ZoneSuffix = 2, OneEdit = 3, TwoEdits = 4, NotClose = 100 };

bool isAsciiLower(QChar c)
{
    return c >= u'a' && c <= u'z';
}
bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Inline for ASCII: a look-up against a million ids folds tens of millions of characters.
QChar fold(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= 128) return c.toLower();
    if (u == u'_') return QChar(u'-');
    return (u >= u'A' && u <= u'Z') ? QChar(char16_t(u + 32)) : c;
}

// 0 when `code` has no zone suffix; else how many characters it is.
qsizetype zoneSuffixLength(QStringView code)
{
    const qsizetype n = code.size();
    if (n < 3) return 0;
    const QChar last = fold(code[n - 1]), before = fold(code[n - 2]);
    // AWS: eu-central-1a
    if (isAsciiLower(last) && isAsciiDigit(before)) return 1;
    // GCP: europe-west3-a
    if (n >= 4 && before == u'-' && isAsciiLower(last) && isAsciiDigit(code[n - 3])) return 2;
    // Azure: westeurope-1 (a region code without dashes)
    const QStringView rest = code.first(n - 2);
    if (before == u'-' && isAsciiDigit(last) && !rest.contains(u'-') && !rest.contains(u'_'))
        return 2;
    return 0;
}

qsizetype commonPrefix(QStringView a, QStringView b)
{
    qsizetype n = 0;
    while (n < a.size() && n < b.size() && fold(a[n]) == fold(b[n]))
        ++n;
    return n;
}

// Optimal string alignment distance (a swap of neighbours is one edit) up to case and -/_, or
// `limit + 1` as soon as it is certainly above `limit`. Only the band of cells within `limit`
// of the diagonal is computed: a million same-length ids cost a few cells each, not a table.
int boundedDistance(QStringView a, QStringView b, int limit)
{
    const int far = limit + 1; // stands for every value above the limit
    // A common end costs no edit (nor does a common beginning, which the caller cut off).
    while (!a.isEmpty() && !b.isEmpty() && fold(a.back()) == fold(b.back())) {
        a.chop(1);
        b.chop(1);
    }
    const qsizetype n = a.size(), m = b.size();
    if (std::abs(n - m) > limit) return far;
    if (n == 0 || m == 0) return int(std::max(n, m));
    // Three rows, rotated by pointer: row i-2 (for swaps), row i-1 and row i.
    QVarLengthArray<int, 3 * 64> rows(3 * (m + 1));
    int *older = rows.data(), *previous = older + (m + 1), *current = previous + (m + 1);
    for (qsizetype j = 0; j <= m; ++j)
        previous[j] = int(std::min<qsizetype>(j, far));
    for (qsizetype i = 1; i <= n; ++i) {
        const qsizetype lo = std::max<qsizetype>(1, i - limit),
                        hi = std::min<qsizetype>(m, i + limit);
        current[0] = int(std::min<qsizetype>(i, far));
        current[lo - 1] = lo == 1 ? current[0] : far;
        int rowMin = current[lo - 1];
        const QChar ai = fold(a[i - 1]), aBefore = i > 1 ? fold(a[i - 2]) : QChar();
        for (qsizetype j = lo; j <= hi; ++j) {
            const QChar bj = fold(b[j - 1]);
            int v = std::min(
                {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ai == bj ? 0 : 1), far});
            if (i > 1 && j > 1 && ai == fold(b[j - 2]) && aBefore == bj)
                v = std::min(v, older[j - 2] + 1);
            current[j] = v;
            rowMin = std::min(rowMin, v);
        }
        if (hi < m) current[hi + 1] = far;
        if (rowMin > limit) return far;
        std::swap(older, previous);   // older = row i-1
        std::swap(previous, current); // previous = row i; current is free
    }
    return std::min(previous[m], far);
}

// How close `candidate` is to `value`, given the length of their common beginning (folded)
// and of `value`'s zone suffix.
int score(QStringView value, qsizetype valueZone, QStringView candidate, qsizetype prefix)
{
    const qsizetype n = value.size(), m = candidate.size();
    if (prefix == n && prefix == m) return Folded;
    if (valueZone && n - valueZone == m && prefix >= m) return ZoneSuffix;
    if (m > n && prefix >= n && zoneSuffixLength(candidate) == m - n) return ZoneSuffix;
    const int limit = int(std::min<qsizetype>(kMaxEdits, std::max(n, m) / 3));
    if (limit == 0 || n > kMaxEditLength || m > kMaxEditLength) return NotClose;
    const int d = boundedDistance(value.sliced(prefix), candidate.sliced(prefix), limit);
    if (d > limit) return NotClose;
    return d == 1 ? OneEdit : TwoEdits;
}

} // namespace

QString closestMatch(const QString &value, const QStringList &candidates)
{
    const qsizetype valueZone = zoneSuffixLength(value);
    int best = NotClose;
    qsizetype bestPrefix = -1, bestIndex = -1;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const QString &candidate = candidates[i];
        // Every rule needs lengths within two of each other: most candidates end here.
        if (std::abs(candidate.size() - value.size()) > kMaxEdits || candidate == value) continue;
        const qsizetype prefix = commonPrefix(value, candidate);
        const int s = score(value, valueZone, candidate, prefix);
        if (s > best || s == NotClose) continue;
        // Equally close: a typo keeps the beginning more often than not (`USA` is `US`, not `SA`).
        if (s < best || prefix > bestPrefix) {
            best = s;
            bestPrefix = prefix;
            bestIndex = i;
        }
    }
    return bestIndex < 0 ? QString() : candidates[bestIndex];
}

QString didYouMean(const QString &match)
{
    if (match.isEmpty()) return {};
    return QStringLiteral(" (did you mean '") + match + QStringLiteral("'?)");
}

QString withoutZoneSuffix(const QString &code)
{
    const qsizetype s = zoneSuffixLength(code);
    return s ? code.chopped(s) : QString();
}

Suggester::Suggester(QStringList candidates, qint64 budget)
    : m_candidates(std::move(candidates)), m_budget(budget)
{
}

QString Suggester::closest(const QString &value)
{
    const auto it = m_memo.constFind(value);
    if (it != m_memo.cend()) return *it;
    QString match;
    if (m_budget >= m_candidates.size()) {
        m_budget -= m_candidates.size();
        match = closestMatch(value, m_candidates);
    }
    m_memo.insert(value, match);
    return match;
}

const QStringList &LocationSuggester::codesOf(const QString &provider)
{
    auto it = m_codes.find(provider);
    if (it != m_codes.end()) return *it;
    QStringList codes;
    for (const Region &r : m_catalog.regions)
        if (r.provider == provider) codes.append(r.code);
    for (const MultiRegion &m : m_catalog.multiRegions)
        if (m.provider == provider) codes.append(m.code);
    for (const Zone &z : m_catalog.zones)
        if (z.provider == provider) codes.append(z.code);
    return *m_codes.insert(provider, codes);
}

bool LocationSuggester::resolves(const QString &provider, const QString &code) const
{
    // Resolution decides, not our reading of the names: zone naming is the provider's.
    return resolveLocation(m_catalog, provider + u':' + code).form != LocationForm::Unresolved;
}

QString LocationSuggester::closestCode(const QString &provider, const QString &code)
{
    const QStringList &known = codesOf(provider);
    if (const QString region = withoutZoneSuffix(code); !region.isEmpty()) {
        const bool regionKnown = m_catalog.region(provider, region) != nullptr; // the zone is wrong
        const QString fixed = regionKnown ? region : closestMatch(region, known);
        if (!fixed.isEmpty()) {
            const QString zone = fixed + code.mid(region.size());
            if (resolves(provider, zone)) return zone;
            if (regionKnown) return region;
        }
    }
    return closestMatch(code, known);
}

QString LocationSuggester::closest(const QString &reference)
{
    const qsizetype colon = reference.indexOf(u':');
    if (colon <= 0 || reference.startsWith(u"site:"))
        return {}; // sites are inventory ids; no typo of a two-letter country code is close
    const QString provider = reference.left(colon), code = reference.mid(colon + 1);
    QString p = provider;
    if (!m_catalog.hasProvider(provider)) {
        p = closestMatch(provider, m_catalog.providers());
        if (p.isEmpty()) {
            for (const QString &other : m_catalog.providers())
                if (resolves(other, code)) return other + u':' + code;
            return {};
        }
        if (resolves(p, code)) return p + u':' + code;
    }
    if (const QString fixed = closestCode(p, code); !fixed.isEmpty()) return p + u':' + fixed;
    return p == provider ? QString() : p;
}

} // namespace atlas
