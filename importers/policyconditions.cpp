// Compiling a rule's conditions: combinators, leaves, operators, literals and `$params`, each
// checked against the path table (policypaths.h) of the clause's subject kind.
#include "policycompiler.h"

namespace atlas {

std::uint32_t PolicyCompiler::addNode(CompiledRule &rule, RuleExpr e)
{
    rule.nodes.push_back(std::move(e));
    return std::uint32_t(rule.nodes.size() - 1);
}

std::uint32_t PolicyCompiler::compileExpr(CompiledRule &rule, const YAML::Node &n, SubjectKind kind, int depth)
{
    if (depth > 32) {
        error(n, QStringLiteral("condition nested too deep"));
        return addNode(rule, {});
    }
    if (!n.IsMap() || n.size() == 0) {
        error(n, QStringLiteral("a condition must be a mapping: all/any/not, or PATH: VALUE"));
        return addNode(rule, {});
    }
    if (n.size() > 1) { // several leaves side by side: all of them
        RuleExpr all;
        all.op = RuleExpr::Op::All;
        for (auto it = n.begin(); it != n.end(); ++it) {
            all.children.push_back(compileEntry(rule, it->first, it->second, kind, depth));
        }
        return addNode(rule, std::move(all));
    }
    const auto it = n.begin();
    return compileEntry(rule, it->first, it->second, kind, depth);
}

std::uint32_t PolicyCompiler::compileEntry(CompiledRule &rule, const YAML::Node &keyNode, const YAML::Node &value,
                           SubjectKind kind, int depth)
{
    const QString key = text(keyNode);
    if (key == u"all" || key == u"any") {
        RuleExpr e;
        e.op = key == u"all" ? RuleExpr::Op::All : RuleExpr::Op::Any;
        if (!value.IsSequence() || value.size() == 0)
            error(value, u'\'' + key + QStringLiteral("' takes a non-empty list of conditions"));
        else
            for (const YAML::Node &c : value)
                e.children.push_back(compileExpr(rule, c, kind, depth + 1));
        return addNode(rule, std::move(e));
    }
    if (key == u"not") {
        RuleExpr e;
        e.op = RuleExpr::Op::Not;
        e.children.push_back(compileExpr(rule, value, kind, depth + 1));
        return addNode(rule, std::move(e));
    }
    return compileLeaf(rule, keyNode, value, kind);
}

// Resolves `$param` to the parameter's value; nullopt (reported) when it is not defined.
std::optional<YAML::Node> PolicyCompiler::resolveParam(const YAML::Node &arg)
{
    if (!arg.IsScalar() || arg.Scalar().empty() || arg.Scalar()[0] != '$')
        return arg;
    const QString name = text(arg).mid(1);
    const auto it = params.find(name);
    if (it == params.end()) {
        QStringList names;
        for (const auto &[k, v] : params)
            names << k;
        error(arg, QStringLiteral("unknown parameter $") + name + QStringLiteral("; defined: ")
                       + (names.isEmpty() ? QStringLiteral("none") : names.join(u", ")));
        return std::nullopt;
    }
    return it->second;
}

// A literal for `path`: enum ordinal, symbol, bool or number. False on error (reported).
bool PolicyCompiler::literal(const PathInfo &path, const YAML::Node &raw, FactValue &out)
{
    const std::optional<YAML::Node> resolved = resolveParam(raw);
    if (!resolved)
        return false;
    const YAML::Node v = *resolved;
    if (!v.IsScalar()) {
        error(raw, QStringLiteral("expected a single value for ") + path.name);
        return false;
    }
    const QString s = text(v);
    switch (path.type) {
    case PathType::Bool:
        if (s == u"true" || s == u"false") {
            out = FactValue::boolean(s == u"true");
            return true;
        }
        error(raw, QStringLiteral("invalid value '") + s + QStringLiteral("' for ") + path.name + QStringLiteral("; allowed: true, false"));
        return false;
    case PathType::Int:
    case PathType::Number: {
        bool ok = false;
        const double d = s.toDouble(&ok);
        if (!ok) {
            error(raw, QStringLiteral("invalid value '") + s + QStringLiteral("' for ") + path.name + QStringLiteral("; expected a number"));
            return false;
        }
        out = path.type == PathType::Int && d == double(qint64(d)) ? FactValue::integer(qint64(d)) : FactValue::number(d);
        return true;
    }
    case PathType::Enum:
    case PathType::EnumSet: {
        const qsizetype i = path.values.indexOf(s);
        if (i < 0) {
            error(raw, QStringLiteral("invalid value '") + s + QStringLiteral("' for ") + path.name
                           + QStringLiteral("; allowed: ") + path.values.join(u", "));
            return false;
        }
        out = FactValue::enumValue(int(i));
        return true;
    }
    case PathType::Jurisdiction: {
        const QString j = m_catalog.jurisdictionOf(s);
        if (j.isEmpty()) {
            error(raw, QStringLiteral("invalid value '") + s + QStringLiteral("' for ") + path.name
                           + QStringLiteral("; expected a jurisdiction id (EU, UK, US, …), an ISO country code or unknown"));
            return false;
        }
        out = FactValue{FactValue::Kind::Sym, m_rules.symbols.intern(j), 0, nullptr};
        return true;
    }
    case PathType::Text:
    case PathType::TextSet: {
        const QString j = m_catalog.jurisdictionOf(s);
        // Jurisdiction sets (held_in, reaches) hold jurisdiction ids: DE means EU there.
        const QString value = path.type == PathType::TextSet && !j.isEmpty() ? j : s;
        out = FactValue{FactValue::Kind::Sym, m_rules.symbols.intern(value), 0, nullptr};
        return true;
    }
    }
    return false;
}

// The literal `unknown` is the spec's for location facts: jurisdictions and the provider,
// region and country of a location. Elsewhere it is a plain word.
bool PolicyCompiler::namesUnknown(const PathInfo &path)
{
    switch (path.field) {
    case PathField::WLocProvider: case PathField::WLocRegion: case PathField::WLocCountry:
    case PathField::AFromProvider: case PathField::AFromRegion: case PathField::AFromCountry:
    // Adequacy is unknown where the origin's regime is not catalogued (revision 2).
    case PathField::FDestinationAdequate: case PathField::ADestinationAdequate:
        return true;
    default:
        return path.type == PathType::Jurisdiction;
    }
}

std::uint32_t PolicyCompiler::compileLeaf(CompiledRule &rule, const YAML::Node &keyNode, const YAML::Node &value, SubjectKind kind)
{
    RuleExpr e;
    e.op = RuleExpr::Op::Eq;
    if (const PathInfo *path = leafPath(keyNode, kind, e))
        compileCondition(*path, value, e);
    return addNode(rule, e);
}

// The path a leaf names, recorded in `e` and among the paths the rule reads; null (reported)
// when the subject kind has no such path.
const PathInfo *PolicyCompiler::leafPath(const YAML::Node &keyNode, SubjectKind kind, RuleExpr &e)
{
    const QString name = text(keyNode);
    const int index = findPolicyPath(name, kind);
    if (index < 0) {
        error(keyNode, QStringLiteral("unknown path '") + name + QStringLiteral("' for subject kind ")
                           + subjectKindName(kind) + QStringLiteral(" (see: residency-atlas check --list-paths)"));
        return nullptr;
    }
    e.path = std::uint16_t(index);
    e.role = std::uint8_t(policyPaths()[std::size_t(index)].role);
    e.field = std::uint8_t(policyPaths()[std::size_t(index)].field);
    if (std::find(m_read.begin(), m_read.end(), e.path) == m_read.end())
        m_read.push_back(e.path);
    return &policyPaths()[std::size_t(index)];
}

// `PATH: VALUE` (equality), `PATH: unknown`, or `PATH: {OPERATOR: ARGUMENT}`.
void PolicyCompiler::compileCondition(const PathInfo &path, const YAML::Node &value, RuleExpr &e)
{
    if (value.IsScalar() && value.Scalar() == "unknown" && namesUnknown(path)) {
        e.op = RuleExpr::Op::IsUnknown;
        return;
    }
    if (!value.IsMap()) {
        if (value.IsSequence())
            error(value, QStringLiteral("a list needs an operator: {in: [...]} or {contains_any: [...]}"));
        else
            literal(path, value, e.arg);
        return;
    }
    if (value.size() != 1) {
        error(value, QStringLiteral("one operator per condition: ") + vocabularyNames(conditionOperators()));
        return;
    }
    const auto op = value.begin();
    const QString opName = text(op->first);
    const auto parsed = parseVocabulary(conditionOperators(), opName);
    if (!parsed) {
        error(op->first, QStringLiteral("unknown operator '") + opName
                             + QStringLiteral("'; allowed: ") + vocabularyNames(conditionOperators()));
        return;
    }
    e.op = *parsed;
    compileOperator(path, opName, op->first, op->second, e);
}

void PolicyCompiler::compileOperator(const PathInfo &path, const QString &opName, const YAML::Node &opNode,
                                     const YAML::Node &arg, RuleExpr &e)
{
    const bool isSet = path.type == PathType::EnumSet || path.type == PathType::TextSet;
    switch (e.op) {
    case RuleExpr::Op::Exists:
        compileExists(arg, e);
        break;
    case RuleExpr::Op::Gt:
    case RuleExpr::Op::Gte:
    case RuleExpr::Op::Lt:
    case RuleExpr::Op::Lte:
        if (path.type != PathType::Int && path.type != PathType::Number)
            error(opNode, u'\'' + opName + QStringLiteral("' compares numbers; ") + path.name + QStringLiteral(" is ") + pathTypeName(path));
        else
            literal(path, arg, e.arg);
        break;
    case RuleExpr::Op::ContainsAny:
    case RuleExpr::Op::ContainsAll:
        if (!isSet)
            error(opNode, u'\'' + opName + QStringLiteral("' needs a list-valued path; ") + path.name + QStringLiteral(" is ") + pathTypeName(path));
        [[fallthrough]];
    case RuleExpr::Op::In:
    case RuleExpr::Op::NotIn:
        compileList(path, opName, opNode, arg, e);
        break;
    default:
        break;
    }
}

// `exists: false` is its own operator, so the evaluator needs no negation.
void PolicyCompiler::compileExists(const YAML::Node &raw, RuleExpr &e)
{
    const auto arg = resolveParam(raw);
    if (!arg)
        return;
    if (!arg->IsScalar() || (arg->Scalar() != "true" && arg->Scalar() != "false"))
        error(raw, QStringLiteral("'exists' takes true or false"));
    else if (arg->Scalar() == "false")
        e.op = RuleExpr::Op::NotExists;
}

// A list operator's values, as ordinals or symbols (enums also as a bit mask); `unknown` in the
// list matches an unknown value.
void PolicyCompiler::compileList(const PathInfo &path, const QString &opName, const YAML::Node &opNode,
                                 const YAML::Node &raw, RuleExpr &e)
{
    if (path.type == PathType::Number) {
        error(opNode, u'\'' + opName + QStringLiteral("' compares whole values; ") + path.name
                          + QStringLiteral(" is a number: use gt, gte, lt, lte"));
        return;
    }
    const auto arg = resolveParam(raw);
    if (!arg)
        return;
    if (!arg->IsSequence()) {
        error(raw, u'\'' + opName + QStringLiteral("' takes a list"));
        return;
    }
    for (const YAML::Node &item : *arg) {
        if (item.IsScalar() && item.Scalar() == "unknown" && namesUnknown(path)) {
            e.unknownMatches = true;
            continue;
        }
        FactValue v;
        if (literal(path, item, v)) {
            e.list.push_back(v.i);
            if (v.kind == FactValue::Kind::Enum && v.i < 32)
                e.mask |= 1u << v.i;
        }
    }
}

} // namespace atlas
