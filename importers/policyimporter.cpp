#include "policyimporter.h"

#include "policypaths.h"
#include "textinput.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <map>

namespace atlas {

QString builtinPackPath()
{
    return QStringLiteral(":/policies/local-first.yaml");
}

namespace {

struct PackSource
{
    QString file;
    YAML::Node root;
};

class Compiler
{
public:
    Compiler(const Catalog &catalog, RuleSet &rules, Diagnostics &diagnostics)
        : m_catalog(catalog), m_rules(rules), m_diagnostics(diagnostics)
    {
    }

    void error(const YAML::Node &node, const QString &message)
    {
        const YAML::Mark m = node.Mark();
        m_diagnostics.append(Diagnostic{Severity::Error, m_file, std::uint32_t(m.line + 1),
                                        std::uint32_t(m.column + 1), message});
    }

    static QString text(const YAML::Node &n) { return QString::fromStdString(n.Scalar()); }

    void setFile(const QString &file) { m_file = file; }
    std::map<QString, YAML::Node> params;

    void compileRule(const YAML::Node &r, const QString &pack, QHash<QString, QString> &seenIds)
    {
        if (!r.IsMap()) {
            error(r, QStringLiteral("a rule must be a mapping"));
            return;
        }
        static const QStringList known{QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("severity"),
                                       QStringLiteral("on"), QStringLiteral("where"), QStringLiteral("match"),
                                       QStringLiteral("message"), QStringLiteral("remediation"), QStringLiteral("references")};
        for (auto it = r.begin(); it != r.end(); ++it)
            if (!known.contains(text(it->first)))
                error(it->first, QStringLiteral("unknown field '") + text(it->first) + QStringLiteral("' in rule; allowed: ") + known.join(u", "));
        CompiledRule rule;
        rule.pack = pack;
        rule.file = m_file;
        rule.line = std::uint32_t(r.Mark().line + 1);
        m_ruleLine = rule.line;
        rule.id = requiredScalar(r, "id");
        rule.title = requiredScalar(r, "title");
        if (!rule.id.isEmpty()) {
            if (seenIds.contains(rule.id))
                error(r["id"], QStringLiteral("rule ") + rule.id + QStringLiteral(" is defined twice (first in ") + seenIds.value(rule.id) + u')');
            seenIds.insert(rule.id, m_file + u':' + QString::number(rule.line));
        }
        const QString severity = requiredScalar(r, "severity");
        if (auto s = parseRuleSeverity(severity))
            rule.severity = *s;
        else if (!severity.isEmpty())
            error(r["severity"], QStringLiteral("invalid value '") + severity + QStringLiteral("' for 'severity'; allowed: info, low, medium, high, critical"));
        bool everyClauseHasMessage = r["match"] && r["match"].IsSequence() && r["match"].size() > 0;
        if (everyClauseHasMessage)
            for (const YAML::Node &c : r["match"])
                everyClauseHasMessage &= c.IsMap() && c["message"] && c["message"].IsScalar();
        const QString message = everyClauseHasMessage && !r["message"] ? QString() : requiredScalar(r, "message");
        for (const QString &p : list(r, "remediation")) {
            if (p.size() != 1 || p[0] < u'A' || p[0] > u'D')
                error(r["remediation"], QStringLiteral("invalid value '") + p + QStringLiteral("' for 'remediation'; allowed: A, B, C, D"));
            rule.remediation << p;
        }
        rule.references = list(r, "references");

        if (r["match"] && (r["on"] || r["where"]))
            error(r, QStringLiteral("a rule has either 'on' + 'where' or 'match', not both"));
        if (r["match"]) {
            if (!r["match"].IsSequence() || r["match"].size() == 0)
                error(r["match"], QStringLiteral("'match' must be a non-empty list of {on, where} clauses"));
            else
                for (const YAML::Node &c : r["match"])
                    compileClause(rule, c, message);
        } else if (r["on"]) {
            compileClause(rule, r, message);
        } else {
            error(r, QStringLiteral("missing required field 'on' (or 'match')"));
        }
        m_rules.rules.push_back(std::move(rule));
    }

private:
    QString requiredScalar(const YAML::Node &n, const char *key)
    {
        const YAML::Node v = n[key];
        if (!v || v.IsNull()) {
            error(n, QStringLiteral("missing required field '") + QString::fromLatin1(key) + u'\'');
            return {};
        }
        if (!v.IsScalar()) {
            error(v, u'\'' + QString::fromLatin1(key) + QStringLiteral("' must be a string"));
            return {};
        }
        return text(v);
    }

    QStringList list(const YAML::Node &n, const char *key)
    {
        QStringList out;
        const YAML::Node v = n[key];
        if (!v || v.IsNull())
            return out;
        if (!v.IsSequence()) {
            error(v, u'\'' + QString::fromLatin1(key) + QStringLiteral("' must be a list"));
            return out;
        }
        for (const YAML::Node &item : v)
            out << (item.IsScalar() ? text(item) : QString());
        return out;
    }

    void compileClause(CompiledRule &rule, const YAML::Node &c, const QString &ruleMessage)
    {
        if (!c.IsMap()) {
            error(c, QStringLiteral("a clause must be a mapping with 'on' and 'where'"));
            return;
        }
        const QString on = requiredScalar(c, "on");
        const auto kind = parseSubjectKind(on);
        if (!kind) {
            if (!on.isEmpty())
                error(c["on"], QStringLiteral("invalid value '") + on + QStringLiteral("' for 'on'; allowed: flow, holding, access, dataset, workload"));
            return;
        }
        if (!c["where"]) {
            error(c, QStringLiteral("missing required field 'where'"));
            return;
        }
        RuleClause clause;
        clause.kind = *kind;
        m_read.clear();
        clause.root = compileExpr(rule, c["where"], *kind, 0);
        clause.readPaths = m_read;
        bool datasetDependent = false;
        for (std::uint16_t p : m_read)
            datasetDependent |= policyPaths()[p].datasetDependent;
        clause.perDataset = *kind != SubjectKind::Flow || datasetDependent;
        const YAML::Node own = c["message"];
        const bool hasOwn = own && own.IsScalar(); // a match clause's own message, or the rule's
        clause.message = compileMessage(hasOwn ? own : YAML::Node(), hasOwn ? text(own) : ruleMessage, clause);
        rule.clauses.push_back(std::move(clause));
    }

    std::vector<MessagePart> compileMessage(const YAML::Node &at, const QString &rawMessage, const RuleClause &clause)
    {
        // $param in a message is the parameter's value.
        QString message;
        static const QRegularExpression param(QStringLiteral("\\$([A-Za-z_][A-Za-z0-9_]*)"));
        qsizetype from = 0;
        auto tokens = param.globalMatch(rawMessage);
        while (tokens.hasNext()) {
            const auto t = tokens.next();
            const auto it = params.find(t.captured(1));
            message += rawMessage.mid(from, t.capturedStart() - from);
            message += it != params.end() && it->second.IsScalar() ? text(it->second) : t.captured(0);
            from = t.capturedEnd();
        }
        message += rawMessage.mid(from);
        std::vector<MessagePart> parts;
        static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_.]+)\\}"));
        qsizetype last = 0;
        auto it = placeholder.globalMatch(message);
        while (it.hasNext()) {
            const auto m = it.next();
            if (m.capturedStart() > last)
                parts.push_back(MessagePart{message.mid(last, m.capturedStart() - last), -1});
            const int path = findPolicyPath(m.captured(1), clause.kind);
            if (path < 0 || (!clause.perDataset && policyPaths()[std::size_t(path)].datasetDependent))
                m_diagnostics.append(Diagnostic{Severity::Error, m_file, at ? std::uint32_t(at.Mark().line + 1) : m_ruleLine, 0,
                                                QStringLiteral("message placeholder {") + m.captured(1)
                                                    + QStringLiteral("} is not a path of a ") + subjectKindName(clause.kind)
                                                    + (path >= 0 ? QStringLiteral(" evaluated per flow") : QString())});
            parts.push_back(MessagePart{{}, path});
            last = m.capturedEnd();
        }
        if (last < message.size())
            parts.push_back(MessagePart{message.mid(last), -1});
        return parts;
    }

    std::uint32_t addNode(CompiledRule &rule, RuleExpr e)
    {
        rule.nodes.push_back(std::move(e));
        return std::uint32_t(rule.nodes.size() - 1);
    }

    std::uint32_t compileExpr(CompiledRule &rule, const YAML::Node &n, SubjectKind kind, int depth)
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

    std::uint32_t compileEntry(CompiledRule &rule, const YAML::Node &keyNode, const YAML::Node &value,
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
    std::optional<YAML::Node> resolveParam(const YAML::Node &arg)
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
    bool literal(const PathInfo &path, const YAML::Node &raw, FactValue &out)
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
    static bool namesUnknown(const PathInfo &path)
    {
        switch (path.field) {
        case PathField::WLocProvider: case PathField::WLocRegion: case PathField::WLocCountry:
        case PathField::AFromProvider: case PathField::AFromRegion: case PathField::AFromCountry:
            return true;
        default:
            return path.type == PathType::Jurisdiction;
        }
    }

    std::uint32_t compileLeaf(CompiledRule &rule, const YAML::Node &keyNode, const YAML::Node &value, SubjectKind kind)
    {
        const QString name = text(keyNode);
        const int index = findPolicyPath(name, kind);
        RuleExpr e;
        e.op = RuleExpr::Op::Eq;
        if (index < 0) {
            error(keyNode, QStringLiteral("unknown path '") + name + QStringLiteral("' for subject kind ")
                               + subjectKindName(kind) + QStringLiteral(" (see: residency-atlas check --list-paths)"));
            return addNode(rule, e);
        }
        e.path = std::uint16_t(index);
        e.role = std::uint8_t(policyPaths()[std::size_t(index)].role);
        e.field = std::uint8_t(policyPaths()[std::size_t(index)].field);
        if (std::find(m_read.begin(), m_read.end(), e.path) == m_read.end())
            m_read.push_back(e.path);
        const PathInfo &path = policyPaths()[std::size_t(index)];
        const bool isSet = path.type == PathType::EnumSet || path.type == PathType::TextSet;

        if (value.IsScalar() && value.Scalar() == "unknown" && namesUnknown(path)) {
            e.op = RuleExpr::Op::IsUnknown;
            return addNode(rule, e);
        }
        if (!value.IsMap()) {
            if (value.IsSequence())
                error(value, QStringLiteral("a list needs an operator: {in: [...]} or {contains_any: [...]}"));
            else
                literal(path, value, e.arg);
            return addNode(rule, e);
        }
        if (value.size() != 1) {
            error(value, QStringLiteral("one operator per condition: in, not_in, gt, gte, lt, lte, exists, contains_any, contains_all"));
            return addNode(rule, e);
        }
        const auto op = value.begin();
        const QString opName = text(op->first);
        static const QHash<QString, RuleExpr::Op> ops{
            {QStringLiteral("in"), RuleExpr::Op::In}, {QStringLiteral("not_in"), RuleExpr::Op::NotIn},
            {QStringLiteral("gt"), RuleExpr::Op::Gt}, {QStringLiteral("gte"), RuleExpr::Op::Gte},
            {QStringLiteral("lt"), RuleExpr::Op::Lt}, {QStringLiteral("lte"), RuleExpr::Op::Lte},
            {QStringLiteral("exists"), RuleExpr::Op::Exists},
            {QStringLiteral("contains_any"), RuleExpr::Op::ContainsAny},
            {QStringLiteral("contains_all"), RuleExpr::Op::ContainsAll}};
        if (!ops.contains(opName)) {
            error(op->first, QStringLiteral("unknown operator '") + opName
                                 + QStringLiteral("'; allowed: in, not_in, gt, gte, lt, lte, exists, contains_any, contains_all"));
            return addNode(rule, e);
        }
        e.op = ops.value(opName);
        switch (e.op) {
        case RuleExpr::Op::Exists: {
            const auto arg = resolveParam(op->second);
            if (!arg)
                break;
            if (!arg->IsScalar() || (arg->Scalar() != "true" && arg->Scalar() != "false"))
                error(op->second, QStringLiteral("'exists' takes true or false"));
            else if (arg->Scalar() == "false")
                e.op = RuleExpr::Op::NotExists;
            break;
        }
        case RuleExpr::Op::Gt:
        case RuleExpr::Op::Gte:
        case RuleExpr::Op::Lt:
        case RuleExpr::Op::Lte:
            if (path.type != PathType::Int && path.type != PathType::Number)
                error(op->first, u'\'' + opName + QStringLiteral("' compares numbers; ") + path.name + QStringLiteral(" is ") + pathTypeName(path));
            else
                literal(path, op->second, e.arg);
            break;
        case RuleExpr::Op::ContainsAny:
        case RuleExpr::Op::ContainsAll:
            if (!isSet)
                error(op->first, u'\'' + opName + QStringLiteral("' needs a list-valued path; ") + path.name + QStringLiteral(" is ") + pathTypeName(path));
            [[fallthrough]];
        case RuleExpr::Op::In:
        case RuleExpr::Op::NotIn: {
            if (path.type == PathType::Number) {
                error(op->first, u'\'' + opName + QStringLiteral("' compares whole values; ") + path.name
                                     + QStringLiteral(" is a number: use gt, gte, lt, lte"));
                break;
            }
            const auto arg = resolveParam(op->second);
            if (!arg)
                break;
            if (!arg->IsSequence()) {
                error(op->second, u'\'' + opName + QStringLiteral("' takes a list"));
                break;
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
            break;
        }
        default:
            break;
        }
        return addNode(rule, e);
    }

    const Catalog &m_catalog;
    RuleSet &m_rules;
    Diagnostics &m_diagnostics;
    QString m_file;
    std::uint32_t m_ruleLine = 0;
    std::vector<std::uint16_t> m_read;
};

} // namespace

std::expected<LoadedPolicies, Diagnostics>
loadPolicyTexts(const QList<std::pair<QString, std::string>> &packs, const Catalog &catalog)
{
    LoadedPolicies out;
    out.rules = std::make_unique<RuleSet>();
    Diagnostics diagnostics;
    Compiler compiler(catalog, *out.rules, diagnostics);
    std::vector<PackSource> sources;
    std::vector<std::pair<QString, YAML::Node>> disabledAt; // checked once every rule is known
    // First pass: parse every pack and merge params (later packs override earlier ones).
    for (const auto &[file, text] : packs) {
        compiler.setFile(file);
        YAML::Node root;
        try {
            root = YAML::Load(text);
        } catch (const YAML::Exception &e) {
            diagnostics.append(Diagnostic{Severity::Error, file, std::uint32_t(e.mark.line + 1), std::uint32_t(e.mark.column + 1),
                                          QStringLiteral("YAML syntax error: ") + QString::fromStdString(e.msg)});
            continue;
        }
        if (!root.IsMap() || !root["pack"] || !root["rules"]) {
            compiler.error(root, QStringLiteral("a policy pack is a mapping with 'pack', 'version' and 'rules'"));
            continue;
        }
        static const QStringList known{QStringLiteral("pack"), QStringLiteral("version"), QStringLiteral("params"),
                                       QStringLiteral("rules"), QStringLiteral("disable"), QStringLiteral("description")};
        for (auto it = root.begin(); it != root.end(); ++it)
            if (!known.contains(Compiler::text(it->first)))
                compiler.error(it->first, QStringLiteral("unknown field '") + Compiler::text(it->first)
                                              + QStringLiteral("' in pack; allowed: ") + known.join(u", "));
        if (root["version"] && (!root["version"].IsScalar() || root["version"].Scalar() != "1"))
            compiler.error(root["version"], QStringLiteral("unsupported pack version; this build reads version 1"));
        if (const YAML::Node params = root["params"]) {
            if (!params.IsMap())
                compiler.error(params, QStringLiteral("'params' must be a mapping of name: value"));
            else
                for (auto it = params.begin(); it != params.end(); ++it)
                    compiler.params[Compiler::text(it->first)] = it->second;
        }
        if (const YAML::Node disable = root["disable"]) {
            if (!disable.IsSequence())
                compiler.error(disable, QStringLiteral("'disable' must be a list of rule ids"));
            else
                for (const YAML::Node &id : disable) {
                    out.disabled << Compiler::text(id);
                    disabledAt.push_back({file, id});
                }
        }
        out.rules->packs << Compiler::text(root["pack"]);
        sources.push_back({file, root});
    }
    // Second pass: compile every rule with the final params.
    QHash<QString, QString> seenIds;
    for (const PackSource &source : sources) {
        compiler.setFile(source.file);
        const YAML::Node rules = source.root["rules"];
        if (!rules.IsSequence()) {
            compiler.error(rules, QStringLiteral("'rules' must be a list"));
            continue;
        }
        for (const YAML::Node &r : rules)
            compiler.compileRule(r, Compiler::text(source.root["pack"]), seenIds);
    }
    for (const auto &[file, id] : disabledAt) {
        if (seenIds.contains(Compiler::text(id)))
            continue;
        compiler.setFile(file);
        compiler.error(id, QStringLiteral("'disable' names unknown rule '") + Compiler::text(id) + u'\'');
    }
    sortDiagnostics(diagnostics);
    if (hasErrors(diagnostics))
        return std::unexpected(diagnostics);
    return out;
}

std::expected<LoadedPolicies, Diagnostics> loadPolicies(const QStringList &extraPacks, const Catalog &catalog,
                                                        bool withBuiltin)
{
    QList<std::pair<QString, std::string>> packs;
    Diagnostics diagnostics;
    QStringList files = extraPacks;
    if (withBuiltin)
        files.prepend(builtinPackPath());
    for (const QString &path : files) {
        auto input = TextInput::read(path, InputLimits::fromEnvironment());
        if (!input) {
            const Error &e = input.error();
            diagnostics.append(Diagnostic{Severity::Error, e.file, e.line, e.column, e.message});
            continue;
        }
        packs.append({path, std::string(input->text())});
    }
    if (!diagnostics.isEmpty())
        return std::unexpected(diagnostics);
    return loadPolicyTexts(packs, catalog);
}

} // namespace atlas
