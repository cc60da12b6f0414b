// The vocabulary of a simulation: pattern letters, change actions, the options of patterns.md
// ("Options") with their types and defaults, and the scope's names checked against the inventory.
#include "simulation.h"

#include "suggest.h"

namespace atlas {

QString patternLetter(Pattern p)
{
    return QString(QChar(u'A' + int(p)));
}

std::optional<Pattern> parsePattern(const QString &letter)
{
    const QString l = letter.trimmed().toUpper();
    for (Pattern p : allPatterns)
        if (l == patternLetter(p))
            return p;
    return std::nullopt;
}

QString changeActionName(ChangeAction a)
{
    switch (a) {
    case ChangeAction::Added: return QStringLiteral("added");
    case ChangeAction::Moved: return QStringLiteral("moved");
    case ChangeAction::Rerouted: return QStringLiteral("rerouted");
    case ChangeAction::Removed: return QStringLiteral("removed");
    }
    return {};
}

bool isScopeRule(Pattern p, const QString &rule)
{
    static const QStringList residency{QStringLiteral("RES-001"), QStringLiteral("RES-002"),
                                       QStringLiteral("RES-003"), QStringLiteral("RES-010")};
    return residency.contains(rule) || (p == Pattern::C && rule == QLatin1String("RES-007"));
}

namespace {

enum class OptionType : std::uint8_t { Bool, PositiveInt, NonNegativeNumber, Method };

struct OptionSpec
{
    const char *key;
    Pattern pattern;
    OptionType type;
};

constexpr OptionSpec optionSpecs[] = {
    {"secure_aggregation", Pattern::B, OptionType::Bool},
    {"differential_privacy", Pattern::B, OptionType::Bool},
    {"rounds_per_day", Pattern::B, OptionType::PositiveInt},
    {"update_mb", Pattern::B, OptionType::NonNegativeNumber},
    {"method", Pattern::D, OptionType::Method},
};

QString typeText(OptionType t)
{
    switch (t) {
    case OptionType::Bool: return QStringLiteral("true or false");
    case OptionType::PositiveInt: return QStringLiteral("a whole number of at least 1");
    case OptionType::NonNegativeNumber: return QStringLiteral("a number of at least 0");
    case OptionType::Method: return QStringLiteral("tokenise or anonymise");
    }
    return {};
}

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

// Stores `value` for `spec`; false when it is not of the option's type.
bool store(PatternOptions &o, const OptionSpec &spec, const QString &value)
{
    const QString key = QLatin1String(spec.key);
    switch (spec.type) {
    case OptionType::Bool: {
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return false;
        (key == QLatin1String("secure_aggregation") ? o.secureAggregation : o.differentialPrivacy) = value == QLatin1String("true");
        return true;
    }
    case OptionType::PositiveInt: {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n < 1)
            return false;
        o.roundsPerDay = n;
        return true;
    }
    case OptionType::NonNegativeNumber: {
        bool ok = false;
        const double d = value.toDouble(&ok);
        if (!ok || !(d >= 0) || !std::isfinite(d))
            return false;
        o.updateMb = d;
        return true;
    }
    case OptionType::Method:
        if (value == QLatin1String("tokenise"))
            o.method = DeidMethod::Tokenise;
        else if (value == QLatin1String("anonymise"))
            o.method = DeidMethod::Anonymise;
        else
            return false;
        return true;
    }
    return false;
}

} // namespace

QMap<QString, QString> PatternOptions::describe(Pattern p) const
{
    QMap<QString, QString> out;
    if (p == Pattern::B) {
        out.insert(QStringLiteral("secure_aggregation"), secureAggregation ? QStringLiteral("true") : QStringLiteral("false"));
        out.insert(QStringLiteral("differential_privacy"), differentialPrivacy ? QStringLiteral("true") : QStringLiteral("false"));
        out.insert(QStringLiteral("rounds_per_day"), QString::number(roundsPerDay));
        out.insert(QStringLiteral("update_mb"), number(updateMb));
    } else if (p == Pattern::D) {
        out.insert(QStringLiteral("method"), !method ? QStringLiteral("by purpose")
                                              : *method == DeidMethod::Tokenise ? QStringLiteral("tokenise")
                                                                                : QStringLiteral("anonymise"));
    }
    return out;
}

std::expected<PatternOptions, QString> parsePatternOptions(const QStringList &items, const std::vector<Pattern> &patterns)
{
    PatternOptions o;
    QStringList keys;
    for (const OptionSpec &s : optionSpecs)
        keys << QLatin1String(s.key);
    for (const QString &item : items) {
        const qsizetype eq = item.indexOf(u'=');
        if (eq <= 0)
            return std::unexpected(QStringLiteral("--option '%1': expected KEY=VALUE").arg(item));
        const QString key = item.left(eq).trimmed();
        const QString value = item.mid(eq + 1).trimmed();
        const OptionSpec *spec = nullptr;
        for (const OptionSpec &s : optionSpecs)
            if (key == QLatin1String(s.key))
                spec = &s;
        if (!spec)
            return std::unexpected(QStringLiteral("--option '%1': unknown option '%2'%3; options: %4")
                                       .arg(item, key, didYouMean(closestMatch(key, keys)), keys.join(QStringLiteral(", "))));
        if (std::find(patterns.begin(), patterns.end(), spec->pattern) == patterns.end())
            return std::unexpected(QStringLiteral("--option '%1': '%2' is an option of pattern %3, which is not simulated here")
                                       .arg(item, key, patternLabel(patternLetter(spec->pattern))));
        if (!store(o, *spec, value))
            return std::unexpected(QStringLiteral("--option '%1': '%2' must be %3").arg(item, key, typeText(spec->type)));
        if (!o.given.contains(key))
            o.given << key;
    }
    return o;
}

QString ScopeProblem::message(bool commandLine) const
{
    QString what;
    QString option;
    switch (field) {
    case Field::Dataset:
        what = QStringLiteral("no dataset '%1' in the inventory").arg(name);
        option = QStringLiteral("--scope-dataset");
        break;
    case Field::Workload:
        what = QStringLiteral("no workload '%1' in the inventory").arg(name);
        option = QStringLiteral("--scope-workload");
        break;
    case Field::Origin:
        what = (commandLine ? QString() : u'\'' + name + QStringLiteral("' is "))
            + QStringLiteral("not a jurisdiction or country code the catalog knows");
        option = QStringLiteral("--scope-origin");
        break;
    }
    what += didYouMean(suggestion);
    return commandLine ? option + QStringLiteral(" '") + name + QStringLiteral("': ") + what : what;
}

std::vector<ScopeProblem> scopeProblems(const SimulationScope &scope, const Inventory &inventory, const Catalog &catalog)
{
    std::vector<ScopeProblem> problems;
    QStringList datasetIds, workloadIds, jurisdictions;
    if (std::any_of(scope.datasets.begin(), scope.datasets.end(), [&](const QString &id) { return !inventory.dataset(id); }))
        for (const Dataset &d : inventory.datasets)
            datasetIds << d.id;
    if (std::any_of(scope.workloads.begin(), scope.workloads.end(), [&](const QString &id) { return !inventory.workload(id); }))
        for (const Workload &w : inventory.workloads)
            workloadIds << w.id;
    for (const Jurisdiction &j : catalog.jurisdictions)
        jurisdictions << j.id;
    for (const QString &id : scope.datasets)
        if (!inventory.dataset(id))
            problems.push_back({ScopeProblem::Field::Dataset, id, closestMatch(id, datasetIds)});
    for (const QString &id : scope.workloads)
        if (!inventory.workload(id))
            problems.push_back({ScopeProblem::Field::Workload, id, closestMatch(id, workloadIds)});
    for (const QString &origin : scope.origins)
        if (catalog.jurisdictionOf(origin).isEmpty())
            problems.push_back({ScopeProblem::Field::Origin, origin, closestMatch(origin, jurisdictions)});
    return problems;
}

} // namespace atlas
