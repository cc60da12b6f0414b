#include "analysis.h"

#include "catalogimporter.h"
#include "exportformat.h"
#include "georedundancy.h"
#include "policyengine.h"
#include "policyimporter.h"
#include "workspaceload.h"

#include <QElapsedTimer>

namespace atlas {

namespace {

AnalysisError failure(AnalysisErrorKind kind, Diagnostics diagnostics = {})
{
    return AnalysisError{kind, std::move(diagnostics), {}};
}

// Readers stop at their next resource once cancel is set; the steps after loading have no hook,
// so the flag is checked again between them: a cancel always wins.
bool cancelRequested(const AnalysisRequest &request)
{
    return request.load.progress && request.load.progress->cancel.load(std::memory_order_relaxed);
}

std::expected<const Catalog *, AnalysisError> catalogOf(const AnalysisRequest &request)
{
    if (request.catalog)
        return request.catalog;
    auto embedded = embeddedCatalog();
    if (!embedded)
        return std::unexpected(failure(AnalysisErrorKind::Internal, embedded.error()));
    return *embedded;
}

// Every --disable id names a loaded rule.
std::optional<AnalysisError> checkDisabled(const QStringList &ids, const RuleSet &rules)
{
    Diagnostics unknown;
    for (const QString &id : ids)
        if (std::none_of(rules.rules.begin(), rules.rules.end(), [&](const CompiledRule &r) { return r.id == id; }))
            unknown << Diagnostic{Severity::Error, QString(), 0, 0, QStringLiteral("--disable names unknown rule '") + id + u'\''};
    if (unknown.isEmpty())
        return std::nullopt;
    return failure(AnalysisErrorKind::BadRequest, unknown);
}

// A workspace among the inputs: it must be the only one (imports go into it with `import`).
std::expected<std::optional<workspace::WorkspaceInput>, AnalysisError> workspaceInput(const AnalysisRequest &request)
{
    if (request.inventory)
        return std::nullopt;
    std::optional<workspace::WorkspaceRef> ref;
    for (const QString &input : request.inputs)
        if (auto r = workspace::workspaceRef(input)) {
            if (request.inputs.size() > 1)
                return std::unexpected(failure(AnalysisErrorKind::BadRequest,
                                               {{Severity::Error, r->path, 0, 0,
                                                 QStringLiteral("a workspace is read alone; add files to it with `residency-atlas import FILE... --out ")
                                                     + r->path + QStringLiteral("`")}}));
            ref = r;
        }
    if (!ref)
        return std::nullopt;
    auto opened = workspace::openWorkspaceInput(*ref);
    if (!opened)
        return std::unexpected(failure(AnalysisErrorKind::BadInput, opened.error()));
    return std::optional<workspace::WorkspaceInput>(std::move(*opened));
}

// The embedded catalog with the workspace's overrides after it.
std::expected<std::shared_ptr<const Catalog>, AnalysisError> catalogWithOverrides(const QList<workspace::StoredText> &overrides,
                                                                                  const QString &path)
{
    QList<std::pair<QString, std::string>> documents;
    for (const workspace::StoredText &t : overrides)
        documents.append({path + QStringLiteral(":catalog/") + t.name, t.content.toStdString()});
    auto loaded = loadCatalogWithOverrides(documents);
    if (!loaded)
        return std::unexpected(failure(AnalysisErrorKind::BadInput, loaded.error()));
    return std::make_shared<const Catalog>(std::move(*loaded));
}

// The inventory: the one given, a workspace's snapshot, or the inputs loaded and merged.
std::optional<AnalysisError> loadInputs(const AnalysisRequest &request, const Catalog &catalog, AnalysisSnapshot &s,
                                        std::optional<workspace::WorkspaceInput> &ws)
{
    if (request.inventory) {
        s.inventory = request.inventory;
        return std::nullopt;
    }
    auto loaded = ws ? workspace::loadWorkspaceInventory(*ws, catalog, request.load)
                     : loadInventory(request.inputs, catalog, request.load);
    if (cancelRequested(request))
        return failure(AnalysisErrorKind::Cancelled);
    if (!loaded)
        return failure(AnalysisErrorKind::BadInput, loaded.error());
    s.inventory = std::make_shared<const Inventory>(std::move(loaded->inventory));
    s.warnings = std::move(loaded->warnings);
    s.report = std::move(loaded->report);
    return std::nullopt;
}

} // namespace

qsizetype AnalysisSnapshot::openFindings() const
{
    return std::count_if(findings.begin(), findings.end(), [](const Finding &f) { return f.countsAsOpen(); });
}

std::expected<std::shared_ptr<const PolicySet>, AnalysisError>
compilePolicies(const QStringList &extraPacks, bool builtin, const Catalog &catalog,
                const QList<std::pair<QString, std::string>> &extraTexts)
{
    auto packs = loadPolicies(extraPacks, catalog, builtin, extraTexts);
    if (!packs)
        return std::unexpected(failure(AnalysisErrorKind::BadPack, packs.error()));
    auto set = std::make_shared<PolicySet>();
    set->rules = std::move(packs->rules);
    set->packDisabled = std::move(packs->disabled);
    return set;
}

AnalysisResult analyse(const AnalysisRequest &request)
{
    auto catalog = catalogOf(request);
    if (!catalog)
        return std::unexpected(catalog.error());
    auto ws = workspaceInput(request);
    if (!ws)
        return std::unexpected(ws.error());
    auto s = std::make_shared<AnalysisSnapshot>();
    if (*ws && !(*ws)->overrides.isEmpty()) {
        auto owned = catalogWithOverrides((*ws)->overrides, (*ws)->ref.path);
        if (!owned)
            return std::unexpected(owned.error());
        s->ownedCatalog = std::move(*owned);
        catalog = s->ownedCatalog.get();
    }
    QList<std::pair<QString, std::string>> workspacePacks;
    if (*ws)
        for (const workspace::StoredText &t : (*ws)->packs)
            workspacePacks.append({(*ws)->ref.path + QStringLiteral(":pack/") + t.name, t.content.toStdString()});
    s->inputs = request.inputs;
    s->catalog = *catalog;
    s->asOf = request.asOf.isValid() ? request.asOf : QDate::currentDate();
    QElapsedTimer clock;
    clock.start();
    auto lap = [&clock] { // milliseconds since the previous lap
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        clock.restart();
        return ms;
    };
    // Packs before inputs: a broken pack is reported without reading a gigabyte of exports.
    if (request.depth == AnalysisDepth::Findings) {
        if (request.policies) {
            s->policies = request.policies;
        } else {
            auto compiled = compilePolicies(request.packs, request.builtinPack, **catalog, workspacePacks);
            if (!compiled)
                return std::unexpected(compiled.error());
            s->policies = std::move(*compiled);
        }
        s->timings.packsMs = lap();
    }
    if (auto problem = loadInputs(request, **catalog, *s, *ws))
        return std::unexpected(std::move(*problem));
    s->input = s->inventory;
    if (auto expanded = expandGeoRedundancy(*s->inventory, **catalog))
        s->inventory = std::make_shared<const Inventory>(std::move(*expanded));
    s->timings.loadMs = lap();
    if (s->policies) {
        if (auto bad = checkDisabled(request.disabled, *s->policies->rules))
            return std::unexpected(std::move(*bad));
        s->disabled = s->policies->packDisabled + request.disabled;
    }
    s->facts = derivePolicyFacts(**catalog, *s->inventory, s->asOf);
    s->timings.factsMs = lap();
    if (cancelRequested(request))
        return std::unexpected(failure(AnalysisErrorKind::Cancelled));
    if (s->policies) {
        EvaluationOptions options;
        options.asOf = s->asOf;
        options.disabled = s->disabled;
        s->findings = evaluatePolicies(*s->policies->rules, s->facts, options);
        s->coverage = computeCoverage(s->facts);
        addImportCoverage(s->coverage, s->report);
        s->timings.evaluateMs = lap();
    }
    if (cancelRequested(request))
        return std::unexpected(failure(AnalysisErrorKind::Cancelled));
    return std::shared_ptr<const AnalysisSnapshot>(std::move(s));
}

} // namespace atlas
