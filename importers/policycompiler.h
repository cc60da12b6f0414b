// The policy pack compiler (internal to importers/): turns one pack's rules into CompiledRules —
// clauses and their conditions (policyconditions.cpp), messages, remediation actions and
// references with placeholders (policycompiler.cpp). Every problem is a diagnostic with
// file:line:column; policyimporter.cpp drives it over several packs.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "policypaths.h"
#include "policyrule.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <vector>

namespace atlas {

class PolicyCompiler
{
public:
    PolicyCompiler(const Catalog &catalog, RuleSet &rules, Diagnostics &diagnostics)
        : m_catalog(catalog), m_rules(rules), m_diagnostics(diagnostics)
    {
    }

    void error(const YAML::Node &node, const QString &message);
    static QString text(const YAML::Node &n) { return QString::fromStdString(n.Scalar()); }
    void setFile(const QString &file) { m_file = file; }
    void compileRule(const YAML::Node &r, const QString &pack, QHash<QString, QString> &seenIds);

    std::map<QString, YAML::Node> params;

private:
    // A rule's remediation actions and references as written, compiled once per clause (their
    // placeholders are paths of the clause's subject kind).
    struct RawText
    {
        YAML::Node at;
        QString text;
        QStringList origins, involves; // references only
        std::uint32_t classifications = 0; // references only: bits of Classification, 0 = any
    };
    struct RawTexts
    {
        std::vector<RawText> actions;
        std::vector<RawText> references;
    };

    QString requiredScalar(const YAML::Node &n, const char *key);
    QStringList list(const YAML::Node &n, const char *key);
    void readRemediation(const YAML::Node &r, CompiledRule &rule, RawTexts &raw);
    void readActions(const YAML::Node &node, std::vector<RawText> &into, QStringList *texts);
    void readReferences(const YAML::Node &r, CompiledRule &rule, RawTexts &raw);
    std::uint32_t classificationList(const YAML::Node &ref);
    QStringList jurisdictionList(const YAML::Node &node, const char *key);
    void compileClause(CompiledRule &rule, const YAML::Node &c, const QString &ruleMessage, const RawTexts &raw,
                       bool matchClause);
    QString withParams(const QString &raw) const;
    std::vector<MessagePart> compileMessage(const YAML::Node &at, const QString &rawMessage, const RuleClause &clause);

    // Conditions (policyconditions.cpp).
    std::uint32_t addNode(CompiledRule &rule, RuleExpr e);
    std::uint32_t compileExpr(CompiledRule &rule, const YAML::Node &n, SubjectKind kind, int depth);
    std::uint32_t compileEntry(CompiledRule &rule, const YAML::Node &keyNode, const YAML::Node &value,
                               SubjectKind kind, int depth);
    std::optional<YAML::Node> resolveParam(const YAML::Node &arg);
    bool literal(const PathInfo &path, const YAML::Node &raw, FactValue &out);
    static bool namesUnknown(const PathInfo &path);
    std::uint32_t compileLeaf(CompiledRule &rule, const YAML::Node &keyNode, const YAML::Node &value, SubjectKind kind);
    const PathInfo *leafPath(const YAML::Node &keyNode, SubjectKind kind, RuleExpr &e);
    void compileCondition(const PathInfo &path, const YAML::Node &value, RuleExpr &e);
    void compileOperator(const PathInfo &path, const QString &opName, const YAML::Node &opNode, const YAML::Node &arg,
                         RuleExpr &e);
    void compileExists(const YAML::Node &raw, RuleExpr &e);
    void compileList(const PathInfo &path, const QString &opName, const YAML::Node &opNode, const YAML::Node &raw,
                     RuleExpr &e);

    const Catalog &m_catalog;
    RuleSet &m_rules;
    Diagnostics &m_diagnostics;
    QString m_file;
    std::uint32_t m_ruleLine = 0;
    std::vector<std::uint16_t> m_read;
};

} // namespace atlas
