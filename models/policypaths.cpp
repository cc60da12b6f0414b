#include "policypaths.h"

#include "enums.h"

#include <QHash>

namespace atlas {

namespace {

constexpr std::uint8_t bit(SubjectKind k) { return std::uint8_t(1u << unsigned(k)); }

template <typename E> QStringList names()
{
    QStringList out;
    for (std::string_view n : EnumNames<E>::names)
        out << QString::fromLatin1(n.data(), qsizetype(n.size()));
    return out;
}

// The values of origin.transfer_regime, in TransferRegime's order.
QStringList originRegimes()
{
    return {QStringLiteral("not_catalogued"), QStringLiteral("allowlist"), QStringLiteral("open"),
            QStringLiteral("negative_list"), QStringLiteral("approval"), QStringLiteral("basis_required")};
}

struct Field
{
    const char *suffix;
    PathField field;
    PathType type;
    QStringList values;
    bool datasetDependent;
    const char *description;
};

std::vector<Field> workloadFields()
{
    return {
    {"id", PathField::WId, PathType::Text, {}, false, "workload id"},
    {"name", PathField::WName, PathType::Text, {}, false, "workload name"},
    {"kind", PathField::WKind, PathType::Enum, names<WorkloadKind>(), false, "workload kind"},
    {"external", PathField::WExternal, PathType::Bool, {}, false, "third-party vendor / SaaS outside our control"},
    {"carries_data", PathField::WCarriesData, PathType::Bool, {}, false, "holds a dataset or ends a flow"},
    {"certifications", PathField::WCertifications, PathType::EnumSet, names<Certification>(), false, "certifications (dpf, dpf-uk, dpf-ch)"},
    {"location.provider", PathField::WLocProvider, PathType::Text, {}, false, "cloud provider of the location"},
    {"location.region", PathField::WLocRegion, PathType::Text, {}, false, "canonical region code"},
    {"location.country", PathField::WLocCountry, PathType::Text, {}, false, "ISO country of the location"},
    {"location.jurisdiction", PathField::WLocJurisdiction, PathType::Jurisdiction, {}, false, "jurisdiction of the location (or unknown)"},
    {"location.sovereign", PathField::WLocSovereign, PathType::Bool, {}, false, "a region the catalog marks sovereign"},
    {"location.problem", PathField::WLocProblem, PathType::Text, {}, false, "why the residency is unknown (region not in the catalog, declared unknown, global service…); unknown when it is known"},
    {"operator.id", PathField::WOpId, PathType::Text, {}, false, "operator id (catalog id, self, vendor:XX)"},
    {"operator.hq_jurisdiction", PathField::WOpHqJurisdiction, PathType::Jurisdiction, {}, false, "jurisdiction of the operator's headquarters"},
    {"operator.extraterritorial", PathField::WOpExtraterritorial, PathType::Bool, {}, false, "a law of the operator's (or its parent's) home can compel access to data held abroad"},
    {"operator.law", PathField::WOpLaw, PathType::Text, {}, false, "the extraterritorial law that reaches the operator (catalog), e.g. the US CLOUD Act"},
    {"unclassified_store", PathField::WUnclassifiedStore, PathType::Bool, {}, false, "a data store (storage, database, backup, logging, telemetry) that holds no declared dataset"},
    };
}

std::vector<Field> datasetFields()
{
    return {
    {"id", PathField::DId, PathType::Text, {}, true, "dataset id"},
    {"name", PathField::DName, PathType::Text, {}, true, "dataset name"},
    {"classification", PathField::DClassification, PathType::Enum, names<Classification>(), true, "restricted, sensitive, operational or public"},
    {"categories", PathField::DCategories, PathType::EnumSet, names<Category>(), true, "data categories"},
    {"origin", PathField::DOrigin, PathType::Jurisdiction, {}, true, "origin jurisdiction (country codes resolved)"},
    {"consent.training", PathField::DConsentTraining, PathType::Bool, {}, true, "legal basis for training (absent = false)"},
    {"consent.analytics", PathField::DConsentAnalytics, PathType::Bool, {}, true, "legal basis for analytics (absent = false)"},
    {"retention_days", PathField::DRetentionDays, PathType::Int, {}, true, "retention in days (absent = unknown)"},
    {"redacted", PathField::DRedacted, PathType::Bool, {}, true, "PII redaction before storage (telemetry)"},
    {"keys.custody", PathField::DKeysCustody, PathType::Enum, names<KeyCustody>(), true, "key custody"},
    {"keys.jurisdiction", PathField::DKeysJurisdiction, PathType::Jurisdiction, {}, true, "jurisdiction of the key location"},
    {"localisation", PathField::DLocalisation, PathType::Enum, names<Localisation>(), true, "declared answer to a conditional mandate"},
    {"training_basis", PathField::DTrainingBasis, PathType::Enum, names<TrainingBasis>(), true, "legal basis for training on it (training_basis, or consent when consent.training: true; absent = unknown)"},
    {"held_in", PathField::DHeldIn, PathType::TextSet, {}, true, "jurisdictions holding the dataset"},
    {"reaches", PathField::DReaches, PathType::TextSet, {}, true, "workloads and jurisdictions the dataset reaches (lineage)"},
    {"keys_outside_origin", PathField::DKeysOutsideOrigin, PathType::Bool, {}, true, "keys located outside the origin jurisdiction"},
    {"keys_declared", PathField::DKeysDeclared, PathType::Bool, {}, true, "the dataset declares keys"},
    {"telemetry", PathField::DTelemetry, PathType::Bool, {}, true, "has prompts, transcripts, model_outputs or tool_traces"},
    {"mandate.kind", PathField::DMandateKind, PathType::Enum, {QStringLiteral("storage"), QStringLiteral("primary_copy")}, true, "kind of the origin's localisation mandate covering the dataset"},
    {"mandate.conditional", PathField::DMandateConditional, PathType::Bool, {}, true, "that mandate applies only to some organisations"},
    {"mandate.applies", PathField::DMandateApplies, PathType::Bool, {}, true, "unconditional, or conditional and declared localisation: applies"},
    {"mandate.name", PathField::DMandateName, PathType::Text, {}, true, "the name of that mandate (catalog), for references"},
    {"primary_copy_missing", PathField::DPrimaryCopyMissing, PathType::Bool, {}, true, "a primary_copy mandate applies and no workload inside holds it"},
    {"mandate.processing_abroad_hours", PathField::DMandateProcessingHours, PathType::Int, {}, true, "hours within which data processed abroad must be deleted there, where the mandate allows it (RBI 2019 FAQ: 24)"},
    };
}

std::vector<Field> originFields()
{
    return {
    {"law", PathField::DOriginLaw, PathType::Text, {}, true, "the origin jurisdiction's data-protection law (catalog)"},
    {"transfer_law", PathField::DOriginTransferLaw, PathType::Text, {}, true, "the articles of the origin's law that govern transfers out (catalog), e.g. GDPR Art. 44-49, APPI Art. 28"},
    {"transfer_regime", PathField::DOriginRegime, PathType::Enum, originRegimes(), true, "the origin's transfer regime in the catalog (not_catalogued when the catalog has none)"},
    };
}

std::vector<Field> flowFields()
{
    return {
    {"id", PathField::FId, PathType::Text, {}, false, "flow id"},
    {"form", PathField::FForm, PathType::Enum, names<FlowForm>(), false, "form of the data in transit (absent = raw)"},
    {"purpose", PathField::FPurpose, PathType::Enum, names<Purpose>(), false, "purpose of the flow"},
    {"basis", PathField::FBasis, PathType::Enum, names<Basis>(), false, "declared transfer basis (absent = none)"},
    {"encrypted", PathField::FEncrypted, PathType::Bool, {}, false, "encrypted in transit (absent = unknown)"},
    {"protections", PathField::FProtections, PathType::EnumSet, names<Protection>(), false, "protections applied"},
    {"volume_gb_per_day", PathField::FVolume, PathType::Number, {}, false, "volume"},
    {"crosses_border", PathField::FCrossesBorder, PathType::Bool, {}, false, "source and destination countries differ"},
    {"crosses_jurisdiction", PathField::FCrossesJurisdiction, PathType::Bool, {}, false, "source and destination jurisdictions differ"},
    {"leaves_origin", PathField::FLeavesOrigin, PathType::Bool, {}, true, "destination jurisdiction differs from the dataset's origin"},
    {"destination_adequate", PathField::FDestinationAdequate, PathType::Bool, {}, true, "the destination is adequate for the origin (transfer regime, adequacy list, conditions); unknown where the origin's regime is not catalogued"},
    {"personal_form", PathField::FPersonalForm, PathType::Bool, {}, false, "form is raw, pseudonymised or features"},
    {"localisation_breach", PathField::FLocalisationBreach, PathType::Bool, {}, true, "a storage mandate that applies is breached by sending personal-form data outside (to a store, or to any workload where the mandate allows no processing abroad)"},
    {"processing_abroad", PathField::FProcessingAbroad, PathType::Bool, {}, true, "personal-form data under a storage mandate goes abroad to a workload that only processes it, which the mandate allows if it is deleted there within mandate.processing_abroad_hours"},
    {"basis_not_counted", PathField::FBasisNotCounted, PathType::Bool, {}, true, "the declared basis is one the origin's law, at the evaluation date, does not accept for this transfer (e.g. scc under an applying PIPL Art. 40 mandate)"},
    {"basis_instead", PathField::FBasisInstead, PathType::Text, {}, true, "what the origin's law accepts instead (catalog)"},
    {"prior_step_missing", PathField::FPriorStepMissing, PathType::Bool, {}, true, "the origin's law requires a step before the transfer (notification, assessment) that the flow does not record (notified: true, assessed: DATE)"},
    {"prior_steps_missing", PathField::FPriorStepsMissing, PathType::Text, {}, true, "the steps missing, in words (catalog)"},
    {"derived", PathField::FDerived, PathType::Bool, {}, true, "the flow carries this dataset by derivation: model weights or updates of a model trained on it (model lineage), not declared"},
    {"derived_from", PathField::FDerivedFrom, PathType::Text, {}, true, "the flows into training that brought the dataset to the model (model lineage)"},
    {"derived_tainted", PathField::FDerivedTainted, PathType::Bool, {}, true, "a flow into training that brought this dataset to the model has an open RES-001, RES-002 or RES-004 finding (read after those rules ran)"},
    {"carries_restricted", PathField::FCarriesRestricted, PathType::Bool, {}, false, "the flow carries restricted data, declared or by model lineage"},
    };
}

std::vector<Field> holdingFields()
{
    return {
    {"outside_origin", PathField::HOutsideOrigin, PathType::Bool, {}, true, "the holder is outside the dataset's origin jurisdiction"},
    {"operator_foreign", PathField::HOperatorForeign, PathType::Bool, {}, true, "the holder's operator is extraterritorial and that law's home is not the origin"},
    {"localisation_breach", PathField::HLocalisationBreach, PathType::Bool, {}, true, "a storage mandate that applies is breached by holding outside"},
    {"role", PathField::HRole, PathType::Enum, {QStringLiteral("holds"), QStringLiteral("processes")}, true, "holds: the workload declares it holds the dataset; processes: it receives the dataset in a personal form without holding it"},
    };
}

std::vector<Field> accessFields()
{
    return {
    {"id", PathField::AId, PathType::Text, {}, false, "access id"},
    {"role", PathField::ARole, PathType::Text, {}, false, "role of the accessor"},
    {"purpose", PathField::APurpose, PathType::Text, {}, false, "purpose (free text)"},
    {"basis", PathField::ABasis, PathType::Enum, names<Basis>(), false, "declared transfer basis"},
    {"from.provider", PathField::AFromProvider, PathType::Text, {}, false, "provider where the accessor sits"},
    {"from.region", PathField::AFromRegion, PathType::Text, {}, false, "region where the accessor sits"},
    {"from.country", PathField::AFromCountry, PathType::Text, {}, false, "country where the accessor sits"},
    {"from.jurisdiction", PathField::AFromJurisdiction, PathType::Jurisdiction, {}, false, "jurisdiction where the accessor sits"},
    {"leaves_origin", PathField::ALeavesOrigin, PathType::Bool, {}, true, "the accessor is outside the dataset's origin jurisdiction"},
    {"destination_adequate", PathField::ADestinationAdequate, PathType::Bool, {}, true, "the accessor's jurisdiction is adequate for the origin (no certifications); unknown where the origin's regime is not catalogued"},
    {"basis_not_counted", PathField::ABasisNotCounted, PathType::Bool, {}, true, "the declared basis is one the origin's law does not accept for this access"},
    {"basis_instead", PathField::ABasisInstead, PathType::Text, {}, true, "what the origin's law accepts instead (catalog)"},
    {"prior_step_missing", PathField::APriorStepMissing, PathType::Bool, {}, true, "the origin's law requires a step before the transfer that the access does not record (notified: true, assessed: DATE)"},
    {"prior_steps_missing", PathField::APriorStepsMissing, PathType::Text, {}, true, "the steps missing, in words (catalog)"},
    };
}

std::vector<PathInfo> buildPaths()
{
    const std::uint8_t flowK = bit(SubjectKind::Flow), holdingK = bit(SubjectKind::Holding),
                       accessK = bit(SubjectKind::Access), datasetK = bit(SubjectKind::Dataset),
                       workloadK = bit(SubjectKind::Workload);
    std::vector<PathInfo> out;
    auto add = [&](const char *prefix, PathRole role, const std::vector<Field> &fields, std::uint8_t kinds) {
        for (const Field &f : fields)
            out.push_back(PathInfo{QString::fromLatin1(prefix) + QString::fromLatin1(f.suffix), role, f.field,
                                   f.type, f.values, f.datasetDependent, QString::fromUtf8(f.description), kinds});
    };
    add("workload.", PathRole::Workload, workloadFields(), workloadK | holdingK);
    add("source.", PathRole::Source, workloadFields(), flowK);
    add("destination.", PathRole::Destination, workloadFields(), flowK);
    add("access.to.", PathRole::AccessTo, workloadFields(), accessK);
    add("dataset.", PathRole::Dataset, datasetFields(), flowK | holdingK | accessK | datasetK);
    add("origin.", PathRole::Dataset, originFields(), flowK | holdingK | accessK | datasetK);
    add("flow.", PathRole::Flow, flowFields(), flowK);
    add("holding.", PathRole::Holding, holdingFields(), holdingK);
    add("access.", PathRole::Access, accessFields(), accessK);
    return out;
}

const std::vector<PathInfo> &paths()
{
    static const std::vector<PathInfo> table = buildPaths();
    return table;
}

} // namespace

std::span<const PathInfo> policyPaths()
{
    return paths();
}

bool pathAvailable(const PathInfo &path, SubjectKind kind)
{
    return (path.kinds & bit(kind)) != 0;
}

int findPolicyPath(const QString &name, SubjectKind kind)
{
    static const QHash<QString, int> index = [] {
        QHash<QString, int> h;
        for (std::size_t i = 0; i < paths().size(); ++i)
            h.insert(paths()[i].name, int(i));
        return h;
    }();
    const int i = index.value(name, -1);
    return i >= 0 && pathAvailable(paths()[std::size_t(i)], kind) ? i : -1;
}

QString pathTypeName(const PathInfo &path)
{
    switch (path.type) {
    case PathType::Bool: return QStringLiteral("boolean");
    case PathType::Int: return QStringLiteral("integer");
    case PathType::Number: return QStringLiteral("number");
    case PathType::Enum: return QStringLiteral("one of: ") + path.values.join(u", ");
    case PathType::Text: return QStringLiteral("string");
    case PathType::Jurisdiction: return QStringLiteral("jurisdiction id or unknown");
    case PathType::EnumSet: return QStringLiteral("list of: ") + path.values.join(u", ");
    case PathType::TextSet: return QStringLiteral("list of ids");
    }
    return {};
}

} // namespace atlas
