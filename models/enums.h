// The closed vocabularies of the inventory format (classification, kinds, forms, purposes, …)
// as enums, with one name table each. Parsing, printing and "allowed values" messages all come
// from these tables, so the format, the validator and the JSON Schema cannot drift apart.
#pragma once

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace atlas {

enum class Classification : std::uint8_t { Restricted, Sensitive, Operational, Public };

enum class WorkloadKind : std::uint8_t {
    Storage, Database, Application, Training, FineTuning, Inference, FeaturePipeline,
    Tokenisation, Anonymisation, Aggregation, ModelRegistry, Telemetry, Logging, Observability,
    Evaluation, Analytics, Backup, CiCd, Saas
};

enum class Category : std::uint8_t {
    Personal, Health, Financial, Payment, Biometric, Children, Government, Defence, Credentials,
    Location, Prompts, Transcripts, ModelOutputs, ToolTraces, Contracts, SourceCode, Pricing, Ip,
    Logs, Metrics, Usage, Licensed, PublicWeb, Synthetic
};

enum class FlowForm : std::uint8_t {
    Raw, Pseudonymised, Anonymised, Aggregated, Synthetic, Features, ModelWeights, Gradients,
    Metrics
};

enum class Purpose : std::uint8_t {
    Training, FineTuning, Inference, Analytics, Support, Backup, Replication, Logging, Monitoring,
    Evaluation, Export, Other
};

enum class Basis : std::uint8_t { None, Adequacy, Scc, Bcr, Consent, Derogation, Contract };

enum class Protection : std::uint8_t {
    SecureAggregation, DifferentialPrivacy, Redaction, KAnonymity
};

enum class Certification : std::uint8_t { Dpf, DpfUk, DpfCh };

enum class KeyCustody : std::uint8_t { Provider, Customer, ExternalHsm };

enum class Localisation : std::uint8_t { Applies, Exempt };

// A dataset's legal basis for training on it (revision 2b); `none` says there is none.
enum class TrainingBasis : std::uint8_t {
    Consent, LegitimateInterests, Contract, LegalObligation, PublicInterest, None
};

template <typename E> struct EnumNames;

#define ATLAS_ENUM_NAMES(Type, ...)                                                            \
    template <> struct EnumNames<Type>                                                         \
    {                                                                                          \
        static constexpr std::array names{__VA_ARGS__};                                        \
    };

using namespace std::string_view_literals;
ATLAS_ENUM_NAMES(Classification, "restricted"sv, "sensitive"sv, "operational"sv, "public"sv)
ATLAS_ENUM_NAMES(WorkloadKind, "storage"sv, "database"sv, "application"sv, "training"sv,
                 "fine_tuning"sv, "inference"sv, "feature_pipeline"sv, "tokenisation"sv,
                 "anonymisation"sv, "aggregation"sv, "model_registry"sv, "telemetry"sv,
                 "logging"sv, "observability"sv, "evaluation"sv, "analytics"sv, "backup"sv,
                 "ci_cd"sv, "saas"sv)
ATLAS_ENUM_NAMES(Category, "personal"sv, "health"sv, "financial"sv, "payment"sv, "biometric"sv,
                 "children"sv, "government"sv, "defence"sv, "credentials"sv, "location"sv,
                 "prompts"sv, "transcripts"sv, "model_outputs"sv, "tool_traces"sv,
                 "contracts"sv, "source_code"sv, "pricing"sv, "ip"sv, "logs"sv, "metrics"sv,
                 "usage"sv, "licensed"sv, "public_web"sv, "synthetic"sv)
ATLAS_ENUM_NAMES(FlowForm, "raw"sv, "pseudonymised"sv, "anonymised"sv, "aggregated"sv,
                 "synthetic"sv, "features"sv, "model_weights"sv, "gradients"sv, "metrics"sv)
ATLAS_ENUM_NAMES(Purpose, "training"sv, "fine_tuning"sv, "inference"sv, "analytics"sv,
                 "support"sv, "backup"sv, "replication"sv, "logging"sv, "monitoring"sv,
                 "evaluation"sv, "export"sv, "other"sv)
ATLAS_ENUM_NAMES(Basis, "none"sv, "adequacy"sv, "scc"sv, "bcr"sv, "consent"sv, "derogation"sv,
                 "contract"sv)
ATLAS_ENUM_NAMES(Protection, "secure_aggregation"sv, "differential_privacy"sv, "redaction"sv,
                 "k_anonymity"sv)
ATLAS_ENUM_NAMES(Certification, "dpf"sv, "dpf-uk"sv, "dpf-ch"sv)
ATLAS_ENUM_NAMES(KeyCustody, "provider"sv, "customer"sv, "external-hsm"sv)
ATLAS_ENUM_NAMES(Localisation, "applies"sv, "exempt"sv)
ATLAS_ENUM_NAMES(TrainingBasis, "consent"sv, "legitimate_interests"sv, "contract"sv,
                 "legal_obligation"sv, "public_interest"sv, "none"sv)
#undef ATLAS_ENUM_NAMES

template <typename E> constexpr std::size_t enumCount()
{
    return EnumNames<E>::names.size();
}

template <typename E> constexpr std::string_view enumName(E value)
{
    return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

template <typename E> QString enumQName(E value)
{
    const std::string_view n = enumName(value);
    return QString::fromLatin1(n.data(), qsizetype(n.size()));
}

template <typename E> std::optional<E> parseEnum(std::string_view text)
{
    const auto &names = EnumNames<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text)
            return static_cast<E>(i);
    return std::nullopt;
}

// "restricted, sensitive, operational, public" — for "allowed values" in error messages.
template <typename E> QString allowedValues()
{
    QString out;
    for (std::string_view n : EnumNames<E>::names) {
        if (!out.isEmpty())
            out += QStringLiteral(", ");
        out += QString::fromLatin1(n.data(), qsizetype(n.size()));
    }
    return out;
}

// A set of enum values as bits: membership tests in the evaluator are one AND.
template <typename E> class EnumSet
{
    static_assert(enumCount<E>() <= 32);

public:
    constexpr EnumSet() = default;
    constexpr void insert(E v) { m_bits |= bit(v); }
    constexpr bool contains(E v) const { return (m_bits & bit(v)) != 0; }
    constexpr bool isEmpty() const { return m_bits == 0; }
    constexpr std::uint32_t bits() const { return m_bits; }
    constexpr EnumSet &operator|=(EnumSet o)
    {
        m_bits |= o.m_bits;
        return *this;
    }
    friend constexpr bool operator==(EnumSet, EnumSet) = default;

    template <typename F> void forEach(F &&f) const
    {
        for (std::size_t i = 0; i < enumCount<E>(); ++i)
            if (m_bits & (1u << i))
                f(static_cast<E>(i));
    }

private:
    static constexpr std::uint32_t bit(E v) { return 1u << static_cast<std::uint32_t>(v); }
    std::uint32_t m_bits = 0;
};

using CategorySet = EnumSet<Category>;
using ProtectionSet = EnumSet<Protection>;
using CertificationSet = EnumSet<Certification>;

} // namespace atlas
