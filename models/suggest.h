// "Did you mean …?" for unknown names and values (inventory-format.md, Validation): the one
// known candidate close to what was written, or none. A typo must not hide data, and a hint
// that names the intended value is what makes the error quick to fix. Callers compute a
// suggestion only when they already have an error or warning to report.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace atlas {

class Catalog;

// The candidate closest to `value`, or an empty string when none is close. Close means, in
// this order of preference: equal up to case and `-`/`_`; equal once a zone suffix is removed
// from either (`europe-west3-z` → `europe-west3`); or, case and `-`/`_` still folded, at most 2
// edits apart (insert, delete, replace, or swap two neighbours), where short names get fewer
// (a third of the longer length), so that `XX` is not "close" to every two-letter country code.
// Among equally close candidates, the one sharing the longest beginning with `value` wins
// (`USA` → `US`, not `SA`), then the first in the list. `value` itself is never suggested.
QString closestMatch(const QString &value, const QStringList &candidates);

// " (did you mean 'x'?)", or empty when `match` is empty: appended where a message names the
// unknown value.
QString didYouMean(const QString &match);

// `code` without its zone suffix (`eu-central-1a` → `eu-central-1`, `europe-west3-a` →
// `europe-west3`, `westeurope-1` → `westeurope`), or empty when it has none. By the shape the
// providers document for zone names; whether such a region exists is the catalog's to say.
QString withoutZoneSuffix(const QString &code);

// closestMatch() for many values against one candidate list (every dataset id, say): each
// distinct value is looked up once, and the work is capped, so that a million wrong references
// against a million ids cost a second, not hours. Past the cap, values get no suggestion
// (deterministically: the same input gets the same messages).
class Suggester
{
public:
    explicit Suggester(QStringList candidates, qint64 budget = 5'000'000);
    QString closest(const QString &value);

private:
    QStringList m_candidates;
    QHash<QString, QString> m_memo;
    qint64 m_budget; // candidate comparisons left
};

// The location reference probably meant by one that does not resolve, or empty: a close
// provider (`aws2:eu-central-1`), a close region or multi-region (`aws:eu-centrall-1`), a zone
// of a close region with its suffix kept (`aws:eu-centrall-1a` → `aws:eu-central-1a`), a known
// region for an unknown zone of it, or, when no provider name is close, the provider that has
// this very region code (`amazon:eu-central-1`); failing all that, the close provider alone.
// Candidates come from the catalog, gathered once per provider.
class LocationSuggester
{
public:
    explicit LocationSuggester(const Catalog &catalog) : m_catalog(catalog) {}
    QString closest(const QString &reference);

private:
    const QStringList &codesOf(const QString &provider);
    bool resolves(const QString &provider, const QString &code) const;
    QString closestCode(const QString &provider, const QString &code);

    const Catalog &m_catalog;
    QHash<QString, QStringList> m_codes; // provider → region, multi-region and listed zone codes
};

} // namespace atlas
