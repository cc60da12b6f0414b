#include "policycompiler.h"

#include <QRegularExpression>

namespace atlas {

void PolicyCompiler::error(const YAML::Node &node, const QString &message)
{
    const YAML::Mark m = node.Mark();
    m_diagnostics.append(Diagnostic{Severity::Error, m_file, std::uint32_t(m.line + 1),
                                    std::uint32_t(m.column + 1), message});
}

void PolicyCompiler::compileRule(const YAML::Node &r, const QString &pack, QHash<QString, QString> &seenIds)
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
        error(r["severity"], QStringLiteral("invalid value '") + severity + QStringLiteral("' for 'severity'; allowed: ") + vocabularyNames(ruleSeverities()));
    bool everyClauseHasMessage = r["match"] && r["match"].IsSequence() && r["match"].size() > 0;
    if (everyClauseHasMessage)
        for (const YAML::Node &c : r["match"])
            everyClauseHasMessage &= c.IsMap() && c["message"] && c["message"].IsScalar();
    const QString message = everyClauseHasMessage && !r["message"] ? QString() : requiredScalar(r, "message");
    RawTexts raw;
    readRemediation(r, rule, raw);
    readReferences(r, rule, raw);

    if (r["match"] && (r["on"] || r["where"]))
        error(r, QStringLiteral("a rule has either 'on' + 'where' or 'match', not both"));
    if (r["match"]) {
        if (!r["match"].IsSequence() || r["match"].size() == 0)
            error(r["match"], QStringLiteral("'match' must be a non-empty list of {on, where} clauses"));
        else
            for (const YAML::Node &c : r["match"])
                compileClause(rule, c, message, raw, true);
    } else if (r["on"]) {
        compileClause(rule, r, message, raw, false);
    } else {
        error(r, QStringLiteral("missing required field 'on' (or 'match')"));
    }
    m_rules.rules.push_back(std::move(rule));
}

QString PolicyCompiler::requiredScalar(const YAML::Node &n, const char *key)
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

QStringList PolicyCompiler::list(const YAML::Node &n, const char *key)
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

// `remediation` is {actions, patterns} (policy-rules.md, revision 2); the older list of pattern
// letters is still read, as patterns without actions.
void PolicyCompiler::readRemediation(const YAML::Node &r, CompiledRule &rule, RawTexts &raw)
{
    const YAML::Node rem = r["remediation"];
    if (!rem || rem.IsNull())
        return;
    if (rem.IsMap()) {
        for (auto it = rem.begin(); it != rem.end(); ++it)
            if (text(it->first) != u"actions" && text(it->first) != u"patterns")
                error(it->first, QStringLiteral("unknown field '") + text(it->first)
                                     + QStringLiteral("' in remediation; allowed: actions, patterns"));
        readActions(rem["actions"], raw.actions, &rule.actionTexts);
    } else if (!rem.IsSequence()) {
        error(rem, QStringLiteral("'remediation' must be a mapping {actions: [...], patterns: [...]}"));
        return;
    }
    // yaml-cpp's Node assignment writes into the node: bind once, never assign.
    const YAML::Node patterns = rem.IsSequence() ? rem : rem["patterns"];
    if (!patterns || patterns.IsNull())
        return;
    if (!patterns.IsSequence()) {
        error(patterns, QStringLiteral("'patterns' must be a list of A, B, C, D"));
        return;
    }
    for (const YAML::Node &p : patterns) {
        const QString letter = p.IsScalar() ? text(p) : QString();
        if (!isPatternLetter(letter))
            error(p, QStringLiteral("invalid value '") + letter + QStringLiteral("' for 'patterns'; allowed: ") + patternLegend());
        else
            rule.patterns << letter;
    }
}

void PolicyCompiler::readActions(const YAML::Node &node, std::vector<RawText> &into, QStringList *texts)
{
    if (!node || node.IsNull())
        return;
    if (!node.IsSequence()) {
        error(node, QStringLiteral("'actions' must be a list of sentences"));
        return;
    }
    for (const YAML::Node &a : node) {
        if (!a.IsScalar() || a.Scalar().empty()) {
            error(a, QStringLiteral("an action must be a non-empty sentence"));
            continue;
        }
        into.push_back(RawText{a, text(a), {}, {}});
        if (texts && !texts->contains(withParams(text(a))))
            *texts << withParams(text(a));
    }
}

// References: a sentence, or {cite, origin, involves} to cite it only where it applies.
void PolicyCompiler::readReferences(const YAML::Node &r, CompiledRule &rule, RawTexts &raw)
{
    const YAML::Node refs = r["references"];
    if (!refs || refs.IsNull())
        return;
    if (!refs.IsSequence()) {
        error(refs, QStringLiteral("'references' must be a list"));
        return;
    }
    for (const YAML::Node &ref : refs) {
        RawText entry{ref, {}, {}, {}};
        if (ref.IsScalar()) {
            entry.text = text(ref);
        } else if (ref.IsMap()) {
            for (auto it = ref.begin(); it != ref.end(); ++it)
                if (text(it->first) != u"cite" && text(it->first) != u"origin" && text(it->first) != u"involves"
                    && text(it->first) != u"classification")
                    error(it->first, QStringLiteral("unknown field '") + text(it->first)
                                         + QStringLiteral("' in a reference; allowed: cite, origin, involves, classification"));
            entry.text = requiredScalar(ref, "cite");
            entry.origins = jurisdictionList(ref, "origin");
            entry.involves = jurisdictionList(ref, "involves");
            entry.classifications = classificationList(ref);
        } else {
            error(ref, QStringLiteral("a reference is a string or {cite, origin, involves}"));
            continue;
        }
        if (entry.text.isEmpty())
            continue;
        rule.referenceTexts << entry.text;
        raw.references.push_back(entry);
    }
}

// `classification: restricted` or a list: cite only for findings about data so classified
// (a personal-data law is not cited for business secrets).
std::uint32_t PolicyCompiler::classificationList(const YAML::Node &ref)
{
    const YAML::Node n = ref["classification"];
    if (!n)
        return 0;
    std::uint32_t bits = 0;
    auto one = [&](const YAML::Node &item) {
        const std::optional<Classification> c = item.IsScalar() ? parseEnum<Classification>(item.Scalar()) : std::nullopt;
        if (c)
            bits |= 1u << unsigned(*c);
        else
            error(item, QStringLiteral("invalid classification in a reference; allowed: ") + allowedValues<Classification>());
    };
    if (n.IsSequence())
        for (const YAML::Node &item : n)
            one(item);
    else
        one(n);
    return bits;
}

// A jurisdiction id or a list of them (country codes resolve: DE means EU).
QStringList PolicyCompiler::jurisdictionList(const YAML::Node &node, const char *key)
{
    QStringList out;
    const YAML::Node v = node[key];
    if (!v || v.IsNull())
        return out;
    std::vector<YAML::Node> items;
    if (v.IsScalar())
        items.push_back(v);
    else if (v.IsSequence())
        for (const YAML::Node &item : v)
            items.push_back(item);
    else
        error(v, u'\'' + QString::fromLatin1(key) + QStringLiteral("' must be a jurisdiction id or a list of them"));
    for (const YAML::Node &item : items) {
        const QString j = item.IsScalar() ? m_catalog.jurisdictionOf(text(item)) : QString();
        if (j.isEmpty())
            error(item, QStringLiteral("invalid value '") + (item.IsScalar() ? text(item) : QString()) + QStringLiteral("' for '")
                            + QString::fromLatin1(key) + QStringLiteral("'; expected a jurisdiction id (EU, UK, US, …) or an ISO country code"));
        else
            out << j;
    }
    return out;
}

void PolicyCompiler::compileClause(CompiledRule &rule, const YAML::Node &c, const QString &ruleMessage, const RawTexts &raw,
                                   bool matchClause)
{
    if (!c.IsMap()) {
        error(c, QStringLiteral("a clause must be a mapping with 'on' and 'where'"));
        return;
    }
    if (matchClause) {
        static const QStringList known{QStringLiteral("on"), QStringLiteral("where"), QStringLiteral("message"), QStringLiteral("actions")};
        for (auto it = c.begin(); it != c.end(); ++it)
            if (!known.contains(text(it->first)))
                error(it->first, QStringLiteral("unknown field '") + text(it->first) + QStringLiteral("' in a match clause; allowed: ") + known.join(u", "));
    }
    const QString on = requiredScalar(c, "on");
    const auto kind = parseSubjectKind(on);
    if (!kind) {
        if (!on.isEmpty())
            error(c["on"], QStringLiteral("invalid value '") + on + QStringLiteral("' for 'on'; allowed: ") + vocabularyNames(subjectKinds()));
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
    // A match clause may say what to do in its own words (its placeholders are its kind's).
    std::vector<RawText> ownActions;
    const bool hasOwnActions = matchClause && c["actions"];
    if (hasOwnActions)
        readActions(c["actions"], ownActions, &rule.actionTexts);
    for (const RawText &a : hasOwnActions ? ownActions : raw.actions)
        clause.actions.push_back(compileMessage(a.at, a.text, clause));
    for (const RawText &r : raw.references)
    {
        RuleReference ref{compileMessage(r.at, r.text, clause), {}, {}, r.classifications};
        for (const QString &j : r.origins)
            ref.origins.push_back(m_rules.symbols.intern(j));
        for (const QString &j : r.involves)
            ref.involves.push_back(m_rules.symbols.intern(j));
        clause.references.push_back(std::move(ref));
    }
    rule.clauses.push_back(std::move(clause));
}

QString PolicyCompiler::withParams(const QString &raw) const
{
    // $param in a text is the parameter's value.
    QString out;
    static const QRegularExpression param(QStringLiteral("\\$([A-Za-z_][A-Za-z0-9_]*)"));
    qsizetype from = 0;
    auto tokens = param.globalMatch(raw);
    while (tokens.hasNext()) {
        const auto t = tokens.next();
        const auto it = params.find(t.captured(1));
        out += raw.mid(from, t.capturedStart() - from);
        out += it != params.end() && it->second.IsScalar() ? text(it->second) : t.captured(0);
        from = t.capturedEnd();
    }
    return out + raw.mid(from);
}

std::vector<MessagePart> PolicyCompiler::compileMessage(const YAML::Node &at, const QString &rawMessage, const RuleClause &clause)
{
    const QString message = withParams(rawMessage);
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
                                            QStringLiteral("placeholder {") + m.captured(1)
                                                + QStringLiteral("} is not a path of a ") + subjectKindName(clause.kind)
                                                + (path >= 0 ? QStringLiteral(" evaluated per flow") : QString())});
        parts.push_back(MessagePart{{}, path});
        last = m.capturedEnd();
    }
    if (last < message.size())
        parts.push_back(MessagePart{message.mid(last), -1});
    return parts;
}

} // namespace atlas
