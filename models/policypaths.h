// The paths a rule may read, per subject kind (policy-rules.md, "Facts"): one table that the
// rule compiler validates against, the evaluator dispatches on, and `check --list-paths`
// documents. Workload paths appear under several roles (workload., source., destination.,
// access.to.), dataset paths under dataset.
#pragma once

#include "policytypes.h"

#include <QString>
#include <QStringList>

#include <span>

namespace atlas {

// Whose fact a path reads in the subject.
enum class PathRole : std::uint8_t { Workload, Source, Destination, AccessTo, Dataset, Flow, Holding, Access };

enum class PathField : std::uint8_t {
    // workload fields (roles Workload, Source, Destination, AccessTo)
    WId, WName, WKind, WExternal, WCarriesData, WCertifications, WLocProvider, WLocRegion,
    WLocCountry, WLocJurisdiction, WLocSovereign, WLocProblem, WOpId, WOpHqJurisdiction,
    WOpExtraterritorial, WOpLaw, WUnclassifiedStore,
    // dataset fields
    DId, DName, DClassification, DCategories, DOrigin, DConsentTraining, DConsentAnalytics,
    DRetentionDays, DRedacted, DKeysCustody, DKeysJurisdiction, DLocalisation, DTrainingBasis, DHeldIn, DReaches,
    DKeysOutsideOrigin, DKeysDeclared, DTelemetry, DMandateKind, DMandateConditional,
    DMandateApplies, DMandateName, DPrimaryCopyMissing, DMandateProcessingHours,
    // the dataset's origin jurisdiction, from the catalog (paths origin.*)
    DOriginLaw, DOriginTransferLaw, DOriginRegime,
    // flow fields
    FId, FForm, FPurpose, FBasis, FEncrypted, FProtections, FVolume, FCrossesBorder,
    FCrossesJurisdiction, FLeavesOrigin, FDestinationAdequate, FPersonalForm, FLocalisationBreach,
    FBasisNotCounted, FBasisInstead, FPriorStepMissing, FPriorStepsMissing, FProcessingAbroad,
    FDerived, FDerivedFrom, FDerivedTainted, FCarriesRestricted,
    // holding fields
    HOutsideOrigin, HOperatorForeign, HLocalisationBreach, HRole,
    // access fields
    AId, ARole, APurpose, ABasis, AFromProvider, AFromRegion, AFromCountry, AFromJurisdiction,
    ALeavesOrigin, ADestinationAdequate, ABasisNotCounted, ABasisInstead, APriorStepMissing,
    APriorStepsMissing
};

enum class PathType : std::uint8_t {
    Bool, Int, Number, Enum, Text, Jurisdiction, EnumSet, TextSet
};

struct PathInfo
{
    QString name;                 // "destination.location.jurisdiction"
    PathRole role;
    PathField field;
    PathType type;
    QStringList values;           // enumerations: the allowed values
    bool datasetDependent;        // reading it makes a flow subject per (flow, dataset)
    QString description;
    std::uint8_t kinds;           // bit per SubjectKind where the path exists
};

// Every path of every subject kind, in documentation order.
std::span<const PathInfo> policyPaths();
// Index into policyPaths(), or -1 when `name` is not a path of `kind`.
int findPolicyPath(const QString &name, SubjectKind kind);
bool pathAvailable(const PathInfo &path, SubjectKind kind);
QString pathTypeName(const PathInfo &path);

} // namespace atlas
