#include "catalogimporter.h"

#include "entityreader.h" // parseIsoDate

#include <QDir>
#include <QFile>

#include <yaml-cpp/yaml.h>

#include <mutex>

namespace atlas {

namespace {

class CatalogReader
{
public:
    CatalogReader(const QString &file, Diagnostics &diagnostics)
        : m_file(file), m_diagnostics(diagnostics)
    {
    }

    void error(const YAML::Node &node, const QString &message)
    {
        const YAML::Mark m = node.Mark();
        m_diagnostics.append(Diagnostic{Severity::Error, m_file, std::uint32_t(m.line + 1),
                                        std::uint32_t(m.column + 1), message});
    }

    QString str(const YAML::Node &entry, const char *key, bool required = false)
    {
        const YAML::Node n = entry[key];
        if (!n || n.IsNull()) {
            if (required)
                error(entry, QStringLiteral("missing required field '") + QString::fromLatin1(key) + u'\'');
            return {};
        }
        if (!n.IsScalar()) {
            error(n, u'\'' + QString::fromLatin1(key) + QStringLiteral("' must be a scalar"));
            return {};
        }
        return QString::fromStdString(n.Scalar());
    }

    bool flag(const YAML::Node &entry, const char *key, bool fallback)
    {
        const YAML::Node n = entry[key];
        if (!n || n.IsNull())
            return fallback;
        if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false"))
            return n.Scalar() == "true";
        error(n, u'\'' + QString::fromLatin1(key) + QStringLiteral("' must be true or false"));
        return fallback;
    }

    QDate date(const YAML::Node &entry, const char *key)
    {
        const QString text = str(entry, key);
        if (text.isEmpty())
            return {};
        if (auto d = parseIsoDate(text.toStdString()))
            return *d;
        error(entry[key], u'\'' + QString::fromLatin1(key) + QStringLiteral("' is not an ISO 8601 date"));
        return {};
    }

    // effective_from / effective_until (revision 2b): when the fact is in force.
    Validity validity(const YAML::Node &entry)
    {
        Validity v{date(entry, "effective_from"), date(entry, "effective_until")};
        if (v.from.isValid() && v.until.isValid() && v.from > v.until)
            error(entry["effective_until"], QStringLiteral("'effective_until' is before 'effective_from'"));
        return v;
    }

    QStringList list(const YAML::Node &entry, const char *key)
    {
        QStringList out;
        const YAML::Node n = entry[key];
        if (!n || n.IsNull())
            return out;
        if (!n.IsSequence()) {
            error(n, u'\'' + QString::fromLatin1(key) + QStringLiteral("' must be a list"));
            return out;
        }
        for (const YAML::Node &item : n)
            out << QString::fromStdString(item.as<std::string>());
        return out;
    }

    Provenance provenance(const YAML::Node &entry)
    {
        Provenance p;
        p.source = str(entry, "source", true);
        const QString asOf = str(entry, "as_of", true);
        if (!asOf.isEmpty()) {
            if (auto d = parseIsoDate(asOf.toStdString()))
                p.asOf = *d;
            else
                error(entry["as_of"], QStringLiteral("'as_of' is not an ISO 8601 date"));
        }
        const QString confidence = str(entry, "confidence");
        if (confidence == u"medium")
            p.confidence = Confidence::Medium;
        else if (confidence == u"low")
            p.confidence = Confidence::Low;
        else if (!confidence.isEmpty() && confidence != u"high")
            error(entry["confidence"], QStringLiteral("invalid value '") + confidence
                                           + QStringLiteral("' for 'confidence'; allowed: high, medium, low"));
        p.verified = flag(entry, "verified", true);
        p.note = str(entry, "note");
        return p;
    }

    void read(const YAML::Node &root, Catalog &catalog)
    {
        if (!root.IsMap()) {
            error(root, QStringLiteral("a catalog file must be a mapping with 'catalog: 1'"));
            return;
        }
        if (!root["catalog"] || root["catalog"].Scalar() != "1")
            error(root, QStringLiteral("missing or unsupported 'catalog' version (this build reads 1)"));
        for (const YAML::Node &e : root["jurisdictions"])
            catalog.jurisdictions.push_back(jurisdiction(e));
        for (const YAML::Node &e : root["countries"])
            catalog.countries.push_back(Country{str(e, "code", true), str(e, "name", true),
                                                str(e, "jurisdiction", true), provenance(e)});
        for (const YAML::Node &e : root["operators"])
            catalog.operators.push_back(Operator{str(e, "id", true), str(e, "name", true),
                                                 str(e, "hq_country", true), str(e, "parent_country"),
                                                 flag(e, "sovereign", false), provenance(e)});
        for (const YAML::Node &e : root["extraterritorial_laws"]) {
            ExtraterritorialLaw law{str(e, "id", true), str(e, "jurisdiction", true),
                                    str(e, "name", true), ExtraterritorialLaw::Reach::Hq, provenance(e)};
            const QString reach = str(e, "reaches");
            if (reach == u"hq_or_parent")
                law.reach = ExtraterritorialLaw::Reach::HqOrParent;
            else if (!reach.isEmpty() && reach != u"hq")
                error(e["reaches"], QStringLiteral("invalid value '") + reach
                                        + QStringLiteral("' for 'reaches'; allowed: hq, hq_or_parent"));
            catalog.laws.push_back(law);
        }
        for (const YAML::Node &e : root["localisation_mandates"])
            catalog.mandates.push_back(mandate(e));
        const QString provider = str(root, "provider");
        for (const YAML::Node &e : root["regions"]) {
            Region r{provider, str(e, "code", true), str(e, "name"), str(e, "city"),
                     str(e, "country", true), str(e, "partition"), str(e, "operator"),
                     flag(e, "sovereign", false), provenance(e)};
            pairedRegion(e, r);
            catalog.regions.push_back(r);
        }
        for (const YAML::Node &e : root["zones"])
            catalog.zones.push_back(Zone{provider, str(e, "code", true), str(e, "region", true),
                                         str(e, "kind"), str(e, "city"), str(e, "country", true),
                                         provenance(e)});
        for (const YAML::Node &e : root["multi_regions"])
            catalog.multiRegions.push_back(MultiRegion{provider, str(e, "code", true), str(e, "name"),
                                                       str(e, "jurisdiction"), list(e, "regions"),
                                                       list(e, "countries"), provenance(e)});
    }

private:
    // `paired` is a fact with its own provenance: it comes with `paired_source` and
    // `paired_as_of`, and neither comes without it.
    void pairedRegion(const YAML::Node &e, Region &r)
    {
        r.paired = str(e, "paired");
        if (r.paired.isEmpty()) {
            for (const char *key : {"paired_source", "paired_as_of"})
                if (e[key])
                    error(e[key], u'\'' + QString::fromLatin1(key) + QStringLiteral("' without 'paired'"));
            return;
        }
        r.pairedSource = str(e, "paired_source", true);
        const QString asOf = str(e, "paired_as_of", true);
        if (asOf.isEmpty())
            return;
        if (auto d = parseIsoDate(asOf.toStdString()))
            r.pairedAsOf = *d;
        else
            error(e["paired_as_of"], QStringLiteral("'paired_as_of' is not an ISO 8601 date"));
    }

    Jurisdiction jurisdiction(const YAML::Node &e)
    {
        Jurisdiction j;
        j.id = str(e, "id", true);
        j.name = str(e, "name", true);
        j.law = str(e, "law");
        j.transferLaw = str(e, "transfer_law");
        const QString regime = str(e, "transfer_regime");
        if (!regime.isEmpty()) {
            if (auto r = parseTransferRegime(regime))
                j.regime = *r;
            else
                error(e["transfer_regime"], QStringLiteral("invalid value '") + regime
                                                + QStringLiteral("' for 'transfer_regime'; allowed: allowlist, open, negative_list, approval, basis_required"));
        }
        j.validity = validity(e);
        for (const YAML::Node &a : e["adequacy"]) {
            AdequacyEntry entry;
            entry.to = str(a, "to", true);
            const QString condition = str(a, "condition");
            if (!condition.isEmpty()) {
                entry.condition = parseEnum<Certification>(condition.toStdString());
                if (!entry.condition)
                    error(a["condition"], QStringLiteral("invalid value '") + condition
                                              + QStringLiteral("' for 'condition'; allowed: ")
                                              + allowedValues<Certification>());
            }
            entry.partial = str(a, "partial");
            entry.validity = validity(a);
            entry.provenance = provenance(a);
            j.adequacy.push_back(entry);
        }
        j.restricted = list(e, "restricted");
        for (const YAML::Node &r : e["basis_rules"])
            j.basisRules.push_back(basisRule(r));
        for (const YAML::Node &r : e["prior_steps"])
            j.priorSteps.push_back(priorStep(r));
        j.provenance = provenance(e);
        return j;
    }

    BasisRule basisRule(const YAML::Node &e)
    {
        BasisRule r;
        r.id = str(e, "id", true);
        const QString when = str(e, "when", true);
        if (when == u"mandate_applies")
            r.when = BasisRule::When::MandateApplies;
        else if (when != u"always" && !when.isEmpty())
            error(e["when"], QStringLiteral("invalid value '") + when + QStringLiteral("' for 'when'; allowed: always, mandate_applies"));
        for (const QString &b : list(e, "not_counted")) {
            if (auto basis = parseEnum<Basis>(b.toStdString()); basis && *basis != Basis::None)
                r.notCounted.insert(*basis);
            else
                error(e["not_counted"], QStringLiteral("invalid value '") + b + QStringLiteral("' for 'not_counted'; allowed: ")
                                            + allowedValues<Basis>());
        }
        r.instead = str(e, "instead", true);
        r.validity = validity(e);
        r.provenance = provenance(e);
        return r;
    }

    PriorStep priorStep(const YAML::Node &e)
    {
        PriorStep p;
        p.id = str(e, "id", true);
        const QString kind = str(e, "kind", true);
        if (kind == u"assessment")
            p.kind = PriorStep::Kind::Assessment;
        else if (kind != u"notification" && !kind.isEmpty())
            error(e["kind"], QStringLiteral("invalid value '") + kind + QStringLiteral("' for 'kind'; allowed: notification, assessment"));
        p.name = str(e, "name", true);
        p.validity = validity(e);
        p.provenance = provenance(e);
        return p;
    }

    LocalisationMandate mandate(const YAML::Node &e)
    {
        LocalisationMandate m;
        m.id = str(e, "id", true);
        m.jurisdiction = str(e, "jurisdiction", true);
        m.name = str(e, "name", true);
        for (const QString &c : list(e, "categories")) {
            if (auto cat = parseEnum<Category>(c.toStdString()))
                m.categories.insert(*cat);
            else
                error(e["categories"], QStringLiteral("invalid value '") + c
                                           + QStringLiteral("' for 'categories'; allowed: ")
                                           + allowedValues<Category>());
        }
        const QString kind = str(e, "kind", true);
        if (kind == u"primary_copy")
            m.kind = LocalisationMandate::Kind::PrimaryCopy;
        else if (kind != u"storage" && !kind.isEmpty())
            error(e["kind"], QStringLiteral("invalid value '") + kind
                                 + QStringLiteral("' for 'kind'; allowed: storage, primary_copy"));
        m.conditional = flag(e, "conditional", false);
        const QString scope = str(e, "scope");
        if (scope == u"handler")
            m.handlerScope = true;
        else if (!scope.isEmpty() && scope != u"dataset")
            error(e["scope"], QStringLiteral("invalid value '") + scope + QStringLiteral("' for 'scope'; allowed: dataset, handler"));
        if (m.handlerScope && !m.conditional)
            error(e["scope"], QStringLiteral("'scope' applies to conditional mandates only"));
        const QString hours = str(e, "processing_abroad_hours");
        if (!hours.isEmpty()) {
            bool ok = false;
            m.processingAbroadHours = hours.toInt(&ok);
            if (!ok || m.processingAbroadHours <= 0)
                error(e["processing_abroad_hours"], QStringLiteral("'processing_abroad_hours' must be a positive whole number"));
        }
        m.validity = validity(e);
        m.provenance = provenance(e);
        return m;
    }

    QString m_file;
    Diagnostics &m_diagnostics;
};

// Referential checks once everything is read: each mistake would silently weaken a rule.
void checkConsistency(const Catalog &catalog, Diagnostics &diagnostics)
{
    auto problem = [&](const QString &message) {
        diagnostics.append(Diagnostic{Severity::Error, QStringLiteral("catalog"), 0, 0, message});
    };
    for (const Country &c : catalog.countries)
        if (!catalog.jurisdiction(c.jurisdiction))
            problem(QStringLiteral("country ") + c.code + QStringLiteral(" names unknown jurisdiction ") + c.jurisdiction);
    for (const Region &r : catalog.regions)
        if (!catalog.country(r.country))
            problem(QStringLiteral("region ") + r.provider + u':' + r.code + QStringLiteral(" names unknown country ") + r.country);
    for (const Zone &z : catalog.zones) {
        if (!catalog.country(z.country))
            problem(QStringLiteral("zone ") + z.code + QStringLiteral(" names unknown country ") + z.country);
        if (!catalog.region(z.provider, z.region))
            problem(QStringLiteral("zone ") + z.code + QStringLiteral(" names unknown region ") + z.region);
    }
    for (const Operator &o : catalog.operators)
        if (!catalog.country(o.hqCountry))
            problem(QStringLiteral("operator ") + o.id + QStringLiteral(" names unknown country ") + o.hqCountry);
    for (const Region &r : catalog.regions)
        if (!r.paired.isEmpty() && (r.paired.compare(r.code, Qt::CaseInsensitive) == 0
                                    || !catalog.region(r.provider, r.paired)))
            problem(QStringLiteral("region ") + r.provider + u':' + r.code
                    + QStringLiteral(" names paired region ") + r.paired
                    + QStringLiteral(", which is not another region of ") + r.provider);
    for (const Region &r : catalog.regions)
        if (!r.operatorId.isEmpty() && !catalog.findOperator(r.operatorId))
            problem(QStringLiteral("region ") + r.code + QStringLiteral(" names unknown operator ") + r.operatorId);
    for (const Jurisdiction &j : catalog.jurisdictions)
        for (const AdequacyEntry &a : j.adequacy)
            if (catalog.jurisdictionOf(a.to).isEmpty())
                problem(QStringLiteral("jurisdiction ") + j.id + QStringLiteral(" lists unknown adequacy destination ") + a.to);
    for (const LocalisationMandate &m : catalog.mandates)
        if (!catalog.jurisdiction(m.jurisdiction))
            problem(QStringLiteral("mandate ") + m.id + QStringLiteral(" names unknown jurisdiction ") + m.jurisdiction);
}

} // namespace

QStringList embeddedCatalogFiles()
{
    const QDir dir(QStringLiteral(":/catalog"));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

std::expected<Catalog, Diagnostics>
loadCatalogTexts(const QList<std::pair<QString, std::string>> &documents)
{
    Catalog catalog;
    Diagnostics diagnostics;
    for (const auto &[name, text] : documents) {
        CatalogReader reader(name, diagnostics);
        try {
            reader.read(YAML::Load(text), catalog);
        } catch (const YAML::Exception &e) {
            diagnostics.append(Diagnostic{Severity::Error, name, std::uint32_t(e.mark.line + 1),
                                          std::uint32_t(e.mark.column + 1),
                                          QStringLiteral("YAML error: ") + QString::fromStdString(e.msg)});
        }
    }
    if (hasErrors(diagnostics))
        return std::unexpected(diagnostics);
    catalog.finalize();
    checkConsistency(catalog, diagnostics);
    if (hasErrors(diagnostics))
        return std::unexpected(diagnostics);
    return catalog;
}

std::expected<Catalog, Diagnostics> loadCatalogWithOverrides(const QList<std::pair<QString, std::string>> &overrides)
{
    QList<std::pair<QString, std::string>> documents;
    for (const QString &path : embeddedCatalogFiles()) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return std::unexpected(Diagnostics{{Severity::Error, path, 0, 0, QStringLiteral("cannot read the embedded catalog")}});
        documents.append({path, f.readAll().toStdString()});
    }
    return loadCatalogTexts(documents + overrides);
}

std::expected<const Catalog *, Diagnostics> embeddedCatalog()
{
    static std::once_flag once;
    static std::expected<Catalog, Diagnostics> loaded = std::unexpected(Diagnostics{});
    std::call_once(once, [] { loaded = loadCatalogWithOverrides({}); });
    if (!loaded)
        return std::unexpected(loaded.error());
    return &*loaded;
}

} // namespace atlas
