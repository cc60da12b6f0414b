// buildReport: the report model in named steps — provenance, summary, transfers and
// assessments, record of processing, registers, findings, waivers, actions, scenarios, changes,
// appendices. Every list is sorted here so that every format renders the same order.
#include "reportbuilder.h"

#include "workspace.h"

#include "catalogimporter.h"
#include "findingroots.h"
#include "policyimporter.h"
#include "reportparts.h"
#include "scenariocomparison.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <map>
#include <set>

namespace atlas {

namespace reportparts {

Context::Context(const AnalysisSnapshot &s)
    : snapshot(s), inventory(*s.inventory), catalog(*s.catalog), facts(s.facts)
{
    for (std::size_t i = 0; i < s.findings.size(); ++i)
        findingsBySubject[s.findings[i].subjectId].push_back(int(i));
}

QString Context::jurisdictionName(const QString &id) const
{
    if (id.isEmpty())
        return QStringLiteral("unknown");
    const Jurisdiction *j = lawAt(id);
    return j && !j->name.isEmpty() && j->name != id ? id + QStringLiteral(" — ") + j->name : id;
}

const Jurisdiction *Context::lawAt(const QString &id) const
{
    const Jurisdiction *j = catalog.jurisdictionAt(id, snapshot.asOf);
    return j ? j : catalog.jurisdiction(id);
}

QString Context::countryName(const QString &code) const
{
    const Country *c = catalog.country(code);
    return c && !c->name.isEmpty() ? c->name : code;
}

QString Context::locationText(std::uint32_t workload) const
{
    const ResolvedLocation &l = residency(workload).location;
    QStringList where;
    if (!l.country.isEmpty())
        where << l.country;
    where << (l.jurisdiction.isEmpty() ? QStringLiteral("jurisdiction unknown") : l.jurisdiction);
    return l.reference + QStringLiteral(" (") + where.join(QStringLiteral(", ")) + u')';
}

QStringList Context::foreignLaws(std::uint32_t workload) const
{
    const WorkloadResidency &r = residency(workload);
    if (!r.operatorFacts.extraterritorial || r.operatorFacts.law.isEmpty()
        || r.operatorFacts.lawJurisdiction == r.location.jurisdiction)
        return {};
    return {r.operatorFacts.law};
}

QString Context::sourceText(const SourceRef &ref) const
{
    QString out = displayFileName(inventory.fileOf(ref));
    if (ref.line > 0)
        out += u':' + QString::number(ref.line) + u':' + QString::number(ref.column);
    return out;
}

bool isPersonal(const Dataset &d)
{
    if (d.classification == Classification::Restricted || d.classification == Classification::Sensitive)
        return true;
    if (d.classification == Classification::Public)
        return false;
    for (Category c : {Category::Personal, Category::Health, Category::Financial, Category::Payment, Category::Biometric,
                       Category::Children, Category::Location, Category::Prompts, Category::Transcripts})
        if (d.categories.contains(c))
            return true;
    return false;
}

QStringList categoryNames(const Dataset &d)
{
    QStringList out;
    d.categories.forEach([&](Category c) { out << enumQName(c); });
    return out;
}

} // namespace reportparts

using namespace reportparts;

namespace {

// Size and hash of a file, read in blocks (inputs may be large exports).
std::optional<std::pair<qint64, QString>> hashFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f))
        return std::nullopt;
    return std::pair<qint64, QString>{f.size(), QString::fromLatin1(h.result().toHex())};
}

std::expected<void, QString> addProvenance(const ReportRequest &rq, const Context &c, Report &r)
{
    ReportProvenance &p = r.provenance;
    const AnalysisSnapshot &s = c.snapshot;
    QList<std::pair<QString, QString>> files; // (path, format)
    for (const ImportFileSummary &f : s.report.files)
        files.append({f.file, f.format});
    if (files.isEmpty())
        for (const QString &in : s.inputs)
            files.append({in, QStringLiteral("inventory")});
    for (const auto &[path, format] : files) {
        // A workspace snapshot ("estate.ratlas@3") is hashed as the workspace file it is in.
        const auto ref = format == u"workspace" ? workspace::workspaceRef(path) : std::nullopt;
        const auto hash = hashFile(ref ? ref->path : path);
        if (!hash)
            return std::unexpected(QStringLiteral("%1: cannot be read again to hash it for the report's provenance").arg(path));
        p.inputs.append({path, displayFileName(path).section(u'/', -1), hash->first, hash->second, format,
                         QStringLiteral("residency-atlas %1 (%2 reader)").arg(QStringLiteral(ATLAS_VERSION), format)});
    }
    if (const RuleSet *rules = s.rules()) {
        QHash<QString, int> perPack;
        for (const CompiledRule &rule : rules->rules)
            ++perPack[rule.pack];
        QStringList packFiles;
        if (rq.packFiles.size() + 1 == rules->packs.size() || rq.packFiles.size() == rules->packs.size())
            packFiles = rq.packFiles;
        for (qsizetype i = 0; i < rules->packs.size(); ++i) {
            const QString &name = rules->packs[i];
            const qsizetype extra = i - (rules->packs.size() - packFiles.size());
            const QString path = extra >= 0 ? packFiles[extra] : builtinPackPath();
            const auto hash = hashFile(path);
            p.packs.append({name, hash ? hash->second : QString(), perPack.value(name)});
        }
    }
    p.disabled = s.disabled;
    p.disabled.sort();
    QCryptographicHash catalogHash(QCryptographicHash::Sha256);
    const QStringList catalogFiles = rq.catalogFile.isEmpty() ? embeddedCatalogFiles() : QStringList{rq.catalogFile};
    for (const QString &f : catalogFiles) {
        QFile file(f);
        if (file.open(QIODevice::ReadOnly))
            catalogHash.addData(&file);
    }
    p.catalog = rq.catalogFile.isEmpty() ? QStringLiteral("embedded catalog (%1 files)").arg(catalogFiles.size())
                                         : QFileInfo(rq.catalogFile).fileName();
    p.catalogSha256 = QString::fromLatin1(catalogHash.result().toHex());
    p.toolVersion = QStringLiteral(ATLAS_VERSION);
    p.parameters = rq.parameters;
    p.outputFiles = rq.outputFiles;
    return {};
}

// The oldest and newest as-of dates of the catalog's facts and how many are unverified.
void addCatalogDates(const Catalog &cat, Report &r)
{
    QDate oldest, newest;
    int unverified = 0;
    const auto see = [&](const Provenance &p) {
        if (p.asOf.isValid()) {
            oldest = oldest.isValid() ? std::min(oldest, p.asOf) : p.asOf;
            newest = newest.isValid() ? std::max(newest, p.asOf) : p.asOf;
        }
        unverified += !p.verified;
    };
    for (const Jurisdiction &j : cat.jurisdictions) {
        see(j.provenance);
        for (const AdequacyEntry &a : j.adequacy)
            see(a.provenance);
    }
    for (const Operator &o : cat.operators)
        see(o.provenance);
    for (const ExtraterritorialLaw &l : cat.laws)
        see(l.provenance);
    for (const LocalisationMandate &m : cat.mandates)
        see(m.provenance);
    r.provenance.catalogOldest = oldest;
    r.provenance.catalogNewest = newest;
    r.provenance.catalogUnverified = unverified;
}

void addSummary(const Context &c, Report &r)
{
    ReportSummary &s = r.summary;
    for (const Finding &f : r.findings) {
        if (f.countsAsOpen()) {
            ++s.findings.open[std::size_t(f.severity)];
        } else {
            ++s.findings.waived[std::size_t(f.severity)];
        }
    }
    s.subjects = int(countOpenRoots(r.findings)); // one problem, one subject (revision 2b)
    const Inventory &inv = c.inventory;
    s.workloads = int(inv.workloads.size());
    s.datasets = int(inv.datasets.size());
    s.flows = int(inv.flows.size());
    s.accesses = int(inv.access.size());
    s.waivers = int(inv.waivers.size());
    std::set<QString> js;
    for (const WorkloadResidency &w : c.facts.residency)
        if (!w.location.jurisdiction.isEmpty())
            js.insert(w.location.jurisdiction);
    for (const DatasetFacts &d : c.facts.datasets)
        if (d.origin)
            js.insert(c.symbol(d.origin));
    for (const AccessFacts &a : c.facts.access)
        if (a.jurisdiction)
            js.insert(c.symbol(a.jurisdiction));
    s.jurisdictions = QStringList(js.begin(), js.end());
}

void addFindings(const Context &c, Report &r)
{
    r.findings = c.snapshot.findings;
    for (const Finding &f : r.findings)
        r.findingSources << c.sourceText(f.source);
}

void addWaivers(const Context &c, Report &r)
{
    for (const Waiver &w : c.inventory.waivers) {
        ReportWaiver rw{w.rule, w.subject, w.reason, w.approvedBy, w.expires, 0, 0, {}, c.sourceText(w.source)};
        rw.daysRemaining = int(r.asOf.daysTo(w.expires));
        for (int i : c.findingsBySubject.value(w.subject))
            rw.matched += c.snapshot.findings[std::size_t(i)].rule == w.rule;
        rw.status = rw.matched == 0 ? QStringLiteral("matches nothing")
            : rw.daysRemaining < 0  ? QStringLiteral("expired")
                                    : QStringLiteral("active");
        r.waivers.push_back(std::move(rw));
    }
    std::sort(r.waivers.begin(), r.waivers.end(), [](const ReportWaiver &a, const ReportWaiver &b) {
        return std::tie(a.rule, a.subject) < std::tie(b.rule, b.subject);
    });
}

// Each remediation action of the open findings, ranked by how many it addresses.
void addActions(Report &r)
{
    std::map<QString, ReportAction> byText;
    for (const Finding &f : r.findings) {
        if (!f.countsAsOpen())
            continue;
        for (const QString &text : f.actions) {
            ReportAction &a = byText[text];
            a.action = text;
            ++a.findings;
            a.worst = a.worst ? std::max(*a.worst, f.severity) : f.severity;
            if (!a.rules.contains(f.rule))
                a.rules << f.rule;
            a.keys << findingKey(f).toString();
        }
    }
    for (auto &[text, a] : byText) {
        a.rules.sort();
        a.keys.sort();
        r.actions.push_back(std::move(a));
    }
    std::stable_sort(r.actions.begin(), r.actions.end(), [](const ReportAction &a, const ReportAction &b) {
        if (a.findings != b.findings)
            return a.findings > b.findings;
        return a.worst > b.worst;
    });
}

void addScenarios(const SimulationResult &sim, Report &r)
{
    ReportScenarios s;
    for (const Scenario &sc : sim.scenarios) {
        s.names << sc.name();
        s.tradeoffs << sc.tradeoff;
        s.scopes << scopeText(sim.scope, sc.plan.pattern);
        QStringList resolved;
        for (const Finding &f : sc.delta.resolved)
            resolved << findingKey(f).toString();
        resolved.sort();
        s.resolved.push_back(resolved);
        s.changes.push_back(int(sc.plan.changes.size()));
    }
    for (const ComparisonRow &row : comparisonRows(sim))
        s.rows.push_back({row.metric, {}, row.values, row.better});
    r.scenarios = std::move(s);
}

void addAppendices(const Context &c, Report &r)
{
    if (const RuleSet *rules = c.snapshot.rules()) {
        for (const CompiledRule &rule : rules->rules) {
            ReportRule rr{rule.id, rule.title, ruleSeverityName(rule.severity),
                          rule.clauses.empty() ? QString() : subjectKindName(rule.clauses.front().kind), rule.pack,
                          rule.referenceTexts, {}, c.snapshot.disabled.contains(rule.id)};
            for (const QString &p : rule.patterns)
                rr.patterns << patternLabel(p);
            r.rules.push_back(std::move(rr));
        }
        std::sort(r.rules.begin(), r.rules.end(), [](const ReportRule &a, const ReportRule &b) { return a.id < b.id; });
    }
    for (const QString &id : r.summary.jurisdictions) {
        const Jurisdiction *j = c.lawAt(id);
        if (!j)
            continue;
        ReportLaw law{j->id, j->name, j->law, j->transferLaw, transferRegimeName(j->regime), {},
                      j->provenance.source, j->provenance.asOf, j->provenance.verified};
        for (const AdequacyEntry &a : j->adequacy) {
            if (!a.validity.covers(c.snapshot.asOf))
                continue; // not in force on the report's date
            QString text = a.to;
            if (!a.partial.isEmpty())
                text += QStringLiteral(" (partial: ") + a.partial + u')';
            if (a.condition)
                text += QStringLiteral(" (recipients certified ") + enumQName(*a.condition) + u')';
            if (!a.provenance.verified)
                text += QStringLiteral(" [unverified]");
            law.adequate << text;
        }
        law.verified = law.verified && std::all_of(j->adequacy.begin(), j->adequacy.end(), [](const AdequacyEntry &a) { return a.provenance.verified; });
        r.laws.push_back(std::move(law));
    }
    r.glossary = {
        {QStringLiteral("Adequacy"), QStringLiteral("A decision by the origin's authority that a destination protects personal data to an essentially equivalent level (GDPR Art. 45 and its counterparts); no further tool is needed.")},
        {QStringLiteral("Derogation"), QStringLiteral("An exception for specific situations (GDPR Art. 49): explicit consent, a contract, important public interest and others; for occasional transfers, read narrowly.")},
        {QStringLiteral("Finding"), QStringLiteral("A rule of the policy pack that holds for a subject of the inventory: a flow, a holding, an access entry, a dataset or a workload.")},
        {QStringLiteral("Inherent risk"), QStringLiteral("The risk of a transfer to the people the data is about before supplementary measures (ICO TRA, question 2).")},
        {QStringLiteral("Jurisdiction"), QStringLiteral("The legal area whose data-protection law governs a place: a country, or a union of countries that share one law (the EU/EEA).")},
        {QStringLiteral("Residual risk"), QStringLiteral("The risk that remains after the supplementary measures the inventory shows.")},
        {QStringLiteral("Residency"), QStringLiteral("Where data is at rest or processed: provider, region, country and jurisdiction.")},
        {QStringLiteral("Supplementary measure"), QStringLiteral("A technical, contractual or organisational measure added to a transfer tool so that protection is essentially equivalent (EDPB Recommendations 01/2020, step 4).")},
        {QStringLiteral("Transfer"), QStringLiteral("Personal data made available in a jurisdiction other than its origin, by a flow or by remote access; onward transfers included.")},
        {QStringLiteral("Transfer impact assessment"), QStringLiteral("The documented assessment of a transfer without adequacy: the transfer, its tool, the destination's law and practice, the supplementary measures and the residual risk (EDPB steps 1-6).")},
        {QStringLiteral("Waiver"), QStringLiteral("An accepted risk: a finding marked as approved, with a reason, an approver and an expiry date. An accepted finding is still a risk.")},
    };
}

void addLimitations(const Context &c, Report &r)
{
    r.coverage = c.snapshot.coverage;
    for (const QString &gap : r.coverage.gaps())
        r.limitations << gap;
    QStringList unverified;
    for (const QString &id : r.summary.jurisdictions)
        if (const Jurisdiction *j = c.lawAt(id); j && !j->provenance.verified)
            unverified << id;
    if (!unverified.isEmpty())
        r.limitations << QStringLiteral("The catalog's facts for %1 could not be checked against a primary source (marked unverified).")
                             .arg(unverified.join(QStringLiteral(", ")));
    r.limitations << QStringLiteral("Only what the inventory declares is checked: flows, access and data that it does not list are not seen.");
    r.limitations << QStringLiteral("The catalog records laws, adequacy and the reach of foreign laws, not how authorities apply them: each assessment leaves that to counsel.");
    // The dates of the facts this report leans on: the jurisdictions it involves.
    QDate oldest = r.provenance.catalogNewest, newest = r.provenance.catalogNewest;
    for (const ReportLaw &law : r.laws)
        if (law.asOf.isValid()) {
            oldest = std::min(oldest, law.asOf);
            newest = std::max(newest, law.asOf);
        }
    r.disclaimer = QStringLiteral("This report applies the catalog's legal facts (for the jurisdictions involved, as of %1 to %2) and the policy pack "
                                  "to the inventory. It is a starting point for legal review, not legal advice.")
                       .arg(oldest.toString(Qt::ISODate), newest.toString(Qt::ISODate));
}

} // namespace

std::expected<Report, QString> buildReport(const ReportRequest &rq)
{
    if (!rq.snapshot || !rq.snapshot->rules())
        return std::unexpected(QStringLiteral("the report needs an analysis with findings"));
    const Context c(*rq.snapshot);
    Report r;
    r.asOf = rq.snapshot->asOf;
    r.organisation = rq.organisation.isEmpty() ? c.inventory.organisation : rq.organisation;
    r.title = rq.title.isEmpty() ? QStringLiteral("Data residency and cross-border transfer report") : rq.title;
    r.sections = rq.sections;
    if (auto ok = addProvenance(rq, c, r); !ok)
        return std::unexpected(ok.error());
    addCatalogDates(c.catalog, r);
    addFindings(c, r);
    addSummary(c, r);
    r.overview = buildOverview(c.facts, c.snapshot.findings);
    addTransfers(c, r);
    addProcessing(c, r);
    addRegisters(c, r);
    addWaivers(c, r);
    addActions(r);
    if (rq.scenarios)
        addScenarios(*rq.scenarios, r);
    if (rq.previous)
        r.changes = compareWithPrevious(*rq.previous, r.findings);
    addAppendices(c, r);
    addLimitations(c, r);
    return r;
}

} // namespace atlas
