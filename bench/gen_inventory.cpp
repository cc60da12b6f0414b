// atlas-gen-inventory: a deterministic synthetic inventory generator for the benchmarks.
//
//   atlas-gen-inventory --workloads N --flows M --format yaml|json --out FILE [--seed S]
//
// The same arguments always give the same bytes (a fixed xorshift64* stream, no clocks, no
// std::uniform_*_distribution whose output differs between standard libraries). The output is
// a valid inventory (docs: /work/shared/spec/inventory-format.md): it loads with 0 errors.
// Plain C++: the whole document is built in one std::string and written with one fwrite.

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

// ---- deterministic randomness --------------------------------------------------------------

class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_state(seed ? seed : 0x9E3779B97F4A7C15ull)
    {
        for (int i = 0; i < 8; ++i)
            next();
    }
    std::uint64_t next()
    {
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 0x2545F4914F6CDD1Dull;
    }
    // [0, n)
    std::size_t below(std::size_t n) { return n ? std::size_t((next() >> 11) % n) : 0; }
    // [lo, hi]
    int between(int lo, int hi) { return lo + int(below(std::size_t(hi - lo + 1))); }
    bool chance(double p) { return double(next() >> 11) * 0x1.0p-53 < p; }
    template <typename T, std::size_t N> const T &pick(const std::array<T, N> &a)
    {
        return a[below(N)];
    }

private:
    std::uint64_t m_state;
};

// Picks by integer weight.
struct Weighted
{
    std::string_view value;
    int weight;
};
template <std::size_t N> std::string_view pickWeighted(Rng &rng, const std::array<Weighted, N> &a)
{
    int total = 0;
    for (const Weighted &w : a)
        total += w.weight;
    int r = int(rng.below(std::size_t(total)));
    for (const Weighted &w : a) {
        if (r < w.weight)
            return w.value;
        r -= w.weight;
    }
    return a.back().value;
}

// ---- vocabularies (the inventory format's enumerations and real catalog locations) ---------

using namespace std::string_view_literals;

constexpr std::array kKinds{"storage"sv, "database"sv, "application"sv, "training"sv,
                            "fine_tuning"sv, "inference"sv, "feature_pipeline"sv,
                            "tokenisation"sv, "anonymisation"sv, "aggregation"sv,
                            "model_registry"sv, "telemetry"sv, "logging"sv, "observability"sv,
                            "evaluation"sv, "analytics"sv, "backup"sv, "ci_cd"sv, "saas"sv};

struct SiteDef
{
    std::string_view id, name, country;
};
constexpr std::array kSites{
    SiteDef{"fra-dc1", "Frankfurt data centre", "DE"},
    SiteDef{"lon-colo2", "London colocation cage", "GB"},
    SiteDef{"blr-dc1", "Bengaluru engineering site", "IN"},
    SiteDef{"sao-dc1", "Sao Paulo branch server room", "BR"},
    SiteDef{"tyo-colo1", "Tokyo colocation", "JP"},
};

// Workload locations: cloud regions, a zone, a multi-region, sites, ~1% unknown.
constexpr std::array kLocations{
    Weighted{"aws:eu-central-1", 14},   Weighted{"aws:us-east-1", 14},
    Weighted{"aws:ap-south-1", 6},      Weighted{"azure:westeurope", 10},
    Weighted{"azure:eastus", 8},        Weighted{"gcp:europe-west3-a", 6},
    Weighted{"gcp:us-central1", 8},     Weighted{"gcp:eu", 5},
    Weighted{"oci:eu-frankfurt-1", 4},  Weighted{"aws:sa-east-1", 4},
    Weighted{"aws:cn-north-1", 3},      Weighted{"aws:eu-west-2", 6},
    Weighted{"site:fra-dc1", 2},        Weighted{"site:lon-colo2", 1},
    Weighted{"site:blr-dc1", 1},        Weighted{"site:sao-dc1", 1},
    Weighted{"site:tyo-colo1", 1},      Weighted{"unknown", 1},
};
constexpr std::array kKeyLocations{"aws:eu-central-1"sv, "aws:us-east-1"sv, "azure:westeurope"sv,
                                   "gcp:europe-west3"sv, "site:fra-dc1"sv, "site:blr-dc1"sv,
                                   "oci:eu-frankfurt-1"sv};

constexpr std::array kOrigins{Weighted{"EU", 30}, Weighted{"DE", 6}, Weighted{"FR", 4},
                              Weighted{"UK", 10},  Weighted{"US", 22}, Weighted{"IN", 10},
                              Weighted{"CN", 6},   Weighted{"BR", 6},  Weighted{"JP", 6}};

constexpr std::array kClassifications{Weighted{"restricted", 30}, Weighted{"sensitive", 30},
                                      Weighted{"operational", 25}, Weighted{"public", 15}};

constexpr std::array kRestrictedCategories{"personal"sv, "health"sv,    "payment"sv,
                                           "financial"sv, "biometric"sv, "children"sv,
                                           "credentials"sv, "prompts"sv, "transcripts"sv,
                                           "government"sv, "location"sv};
constexpr std::array kSensitiveCategories{"personal"sv, "contracts"sv, "source_code"sv,
                                          "pricing"sv, "ip"sv, "model_outputs"sv,
                                          "tool_traces"sv, "prompts"sv, "usage"sv};
constexpr std::array kOperationalCategories{"logs"sv, "metrics"sv, "usage"sv, "tool_traces"sv,
                                            "model_outputs"sv};
constexpr std::array kPublicCategories{"public_web"sv, "synthetic"sv, "licensed"sv};

constexpr std::array kDatasetNouns{"Patient records"sv, "Claims history"sv, "Card transactions"sv,
                                   "Chat prompts"sv, "Call transcripts"sv, "Service logs"sv,
                                   "Latency metrics"sv, "Supplier contracts"sv,
                                   "Pricing tables"sv, "Web crawl"sv, "Synthetic claims"sv,
                                   "Employee records"sv, "Fraud signals"sv, "Usage events"sv};

constexpr std::array kForms{Weighted{"raw", 40},          Weighted{"pseudonymised", 15},
                            Weighted{"anonymised", 8},    Weighted{"aggregated", 10},
                            Weighted{"synthetic", 4},     Weighted{"features", 8},
                            Weighted{"model_weights", 5}, Weighted{"gradients", 3},
                            Weighted{"metrics", 7}};
constexpr std::array kPurposes{Weighted{"training", 12},   Weighted{"fine_tuning", 5},
                               Weighted{"inference", 15},  Weighted{"analytics", 14},
                               Weighted{"support", 6},     Weighted{"backup", 10},
                               Weighted{"replication", 8}, Weighted{"logging", 10},
                               Weighted{"monitoring", 8},  Weighted{"evaluation", 5},
                               Weighted{"export", 4},      Weighted{"other", 3}};
constexpr std::array kBases{Weighted{"none", 30},     Weighted{"adequacy", 20},
                            Weighted{"scc", 25},      Weighted{"bcr", 8},
                            Weighted{"consent", 7},   Weighted{"derogation", 3},
                            Weighted{"contract", 7}};
constexpr std::array kProtections{"secure_aggregation"sv, "differential_privacy"sv,
                                  "redaction"sv, "k_anonymity"sv};
constexpr std::array kCustody{"provider"sv, "customer"sv, "external-hsm"sv};
constexpr std::array kTeams{"clinical"sv, "payments"sv, "ml-platform"sv, "data-eng"sv,
                            "support"sv, "sre"sv, "finance"sv, "research"sv};
constexpr std::array kEnvs{"prod"sv, "staging"sv, "dev"sv};
constexpr std::array kSaasHq{"US"sv, "US"sv, "IE"sv, "DE"sv, "IL"sv, "IN"sv, "GB"sv};
constexpr std::array kRoles{"data-science-us"sv, "support-in"sv, "sre-global"sv,
                            "auditors-eu"sv, "vendor-support"sv};
constexpr std::array kAccessFrom{"US"sv, "IN"sv, "GB"sv, "DE"sv, "site:blr-dc1"sv, "JP"sv};
constexpr std::array kRules{"RES-001"sv, "RES-002"sv, "RES-005"sv, "RES-007"sv, "RES-008"sv};

// ---- a tiny document model, emitted as YAML or JSON ----------------------------------------

// One entity (a mapping of scalars, flat lists and flat maps): enough for the inventory format.
struct Value
{
    enum class Kind { String, Raw, List, Map } kind = Kind::String;
    std::string scalar;                                  // String (quoted in JSON) or Raw (number/bool)
    std::vector<std::string> items;                      // List of strings
    std::vector<std::pair<std::string, Value>> members;  // Map of scalars
};

struct Entity
{
    std::vector<std::pair<std::string, Value>> fields;

    void str(std::string_view key, std::string_view v)
    {
        fields.emplace_back(std::string(key), Value{Value::Kind::String, std::string(v), {}, {}});
    }
    void raw(std::string_view key, std::string_view v)
    {
        fields.emplace_back(std::string(key), Value{Value::Kind::Raw, std::string(v), {}, {}});
    }
    void list(std::string_view key, std::vector<std::string> v)
    {
        fields.emplace_back(std::string(key), Value{Value::Kind::List, {}, std::move(v), {}});
    }
    void map(std::string_view key, std::vector<std::pair<std::string, Value>> m)
    {
        fields.emplace_back(std::string(key), Value{Value::Kind::Map, {}, {}, std::move(m)});
    }
};

Value strValue(std::string_view v) { return Value{Value::Kind::String, std::string(v), {}, {}}; }
Value rawValue(std::string_view v) { return Value{Value::Kind::Raw, std::string(v), {}, {}}; }

// Names carry spaces and punctuation: quoted in YAML. Ids, enums and locations stay plain, as a
// person would write them.
bool needsYamlQuotes(std::string_view s)
{
    if (s.empty())
        return true;
    for (char c : s)
        if (c == ' ' || c == '#' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
            || c == '"' || c == '\'' || c == '&' || c == '*' || c == '!' || c == '|' || c == '>'
            || c == '%' || c == '@' || c == '`' || c == '(' || c == ')')
            return true;
    return false;
}

void appendJsonString(std::string &out, std::string_view s)
{
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    out += '"';
}

void appendYamlScalar(std::string &out, std::string_view s)
{
    if (needsYamlQuotes(s))
        appendJsonString(out, s); // a JSON string is a valid YAML double-quoted scalar
    else
        out += s;
}

class Emitter
{
public:
    Emitter(bool json, std::string &out) : m_json(json), m_out(out) {}

    void begin(std::string_view organisation, std::string_view asOf)
    {
        if (m_json) {
            m_out += "{\n\"atlas\": 1,\n\"organisation\": ";
            appendJsonString(m_out, organisation);
            m_out += ",\n\"as_of\": ";
            appendJsonString(m_out, asOf);
        } else {
            m_out += "# Synthetic inventory generated by atlas-gen-inventory (benchmarks).\n";
            m_out += "atlas: 1\norganisation: ";
            appendYamlScalar(m_out, organisation);
            m_out += "\nas_of: ";
            m_out += asOf;
            m_out += '\n';
        }
    }
    void section(std::string_view name)
    {
        if (m_json) {
            if (m_inSection)
                m_out += "\n]";
            m_out += ",\n\"";
            m_out += name;
            m_out += "\": [";
        } else {
            m_out += '\n';
            m_out += name;
            m_out += ":\n";
        }
        m_inSection = true;
        m_first = true;
    }
    void entity(const Entity &e)
    {
        if (m_json) {
            m_out += m_first ? "\n  {" : ",\n  {";
            bool firstField = true;
            for (const auto &[key, value] : e.fields) {
                m_out += firstField ? "" : ", ";
                firstField = false;
                appendJsonString(m_out, key);
                m_out += ": ";
                jsonValue(value);
            }
            m_out += '}';
        } else {
            bool firstField = true;
            for (const auto &[key, value] : e.fields) {
                m_out += firstField ? "  - " : "    ";
                firstField = false;
                m_out += key;
                m_out += ": ";
                yamlValue(value);
                m_out += '\n';
            }
        }
        m_first = false;
    }
    void end()
    {
        if (m_json)
            m_out += m_inSection ? "\n]\n}\n" : "\n}\n";
    }

private:
    void jsonValue(const Value &v)
    {
        switch (v.kind) {
        case Value::Kind::String: appendJsonString(m_out, v.scalar); break;
        case Value::Kind::Raw: m_out += v.scalar; break;
        case Value::Kind::List:
            m_out += '[';
            for (std::size_t i = 0; i < v.items.size(); ++i) {
                if (i)
                    m_out += ", ";
                appendJsonString(m_out, v.items[i]);
            }
            m_out += ']';
            break;
        case Value::Kind::Map:
            m_out += '{';
            for (std::size_t i = 0; i < v.members.size(); ++i) {
                if (i)
                    m_out += ", ";
                appendJsonString(m_out, v.members[i].first);
                m_out += ": ";
                jsonValue(v.members[i].second);
            }
            m_out += '}';
            break;
        }
    }
    void yamlValue(const Value &v)
    {
        switch (v.kind) {
        case Value::Kind::String: appendYamlScalar(m_out, v.scalar); break;
        case Value::Kind::Raw: m_out += v.scalar; break;
        case Value::Kind::List:
            m_out += '[';
            for (std::size_t i = 0; i < v.items.size(); ++i) {
                if (i)
                    m_out += ", ";
                appendYamlScalar(m_out, v.items[i]);
            }
            m_out += ']';
            break;
        case Value::Kind::Map:
            m_out += "{ ";
            for (std::size_t i = 0; i < v.members.size(); ++i) {
                if (i)
                    m_out += ", ";
                m_out += v.members[i].first;
                m_out += ": ";
                yamlValue(v.members[i].second);
            }
            m_out += " }";
            break;
        }
    }

    bool m_json;
    std::string &m_out;
    bool m_inSection = false;
    bool m_first = true;
};

// ---- helpers -------------------------------------------------------------------------------

std::string numbered(std::string_view prefix, std::size_t n, int width)
{
    char digits[32];
    const int len = std::snprintf(digits, sizeof digits, "%0*zu", width, n);
    std::string s(prefix);
    s.append(digits, std::size_t(len));
    return s;
}

std::string datasetId(std::size_t i) { return numbered("ds-", i, 6); }
std::string workloadId(std::size_t i) { return numbered("wl-", i, 7); }

std::string toString(long long v)
{
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    (void)ec;
    return std::string(buf, end);
}

template <std::size_t N>
std::vector<std::string> distinctPicks(Rng &rng, const std::array<std::string_view, N> &from, int count)
{
    std::vector<std::string> out;
    while (int(out.size()) < count && out.size() < N) {
        const std::string candidate(from[rng.below(N)]);
        bool seen = false;
        for (const std::string &s : out)
            seen |= s == candidate;
        if (!seen)
            out.push_back(candidate);
    }
    return out;
}

std::vector<std::string> distinctDatasets(Rng &rng, std::size_t datasetCount, int count)
{
    std::vector<std::string> out;
    std::vector<std::size_t> picked;
    while (int(out.size()) < count && out.size() < datasetCount) {
        const std::size_t d = rng.below(datasetCount);
        bool seen = false;
        for (std::size_t p : picked)
            seen |= p == d;
        if (!seen) {
            picked.push_back(d);
            out.push_back(datasetId(d));
        }
    }
    return out;
}

// ---- the inventory -------------------------------------------------------------------------

struct Options
{
    std::size_t workloads = 0;
    std::size_t flows = 0;
    bool json = false;
    std::string out;
    std::uint64_t seed = 20261101;
};

std::string generate(const Options &o)
{
    Rng rng(o.seed);
    const std::size_t datasetCount = std::max<std::size_t>(10, o.workloads / 10);
    std::string out;
    // ~190 bytes per flow, ~250 per workload, ~300 per dataset in YAML; JSON is similar.
    out.reserve(o.flows * 220 + o.workloads * 280 + datasetCount * 330 + 4096);
    Emitter em(o.json, out);
    em.begin("Synthetic Benchmark Group (seed " + toString(static_cast<long long>(o.seed)) + ")",
             "2026-11-01");

    em.section("sites");
    for (const SiteDef &s : kSites) {
        Entity e;
        e.str("id", s.id);
        e.str("name", s.name);
        e.str("country", s.country);
        e.str("operator", "self");
        em.entity(e);
    }

    em.section("datasets");
    for (std::size_t i = 0; i < datasetCount; ++i) {
        Entity e;
        const std::string_view cls = pickWeighted(rng, kClassifications);
        e.str("id", datasetId(i));
        e.str("name", std::string(kDatasetNouns[rng.below(kDatasetNouns.size())]) + " #"
                          + toString(static_cast<long long>(i)));
        e.str("classification", cls);
        std::vector<std::string> categories;
        if (cls == "restricted")
            categories = distinctPicks(rng, kRestrictedCategories, rng.between(1, 3));
        else if (cls == "sensitive")
            categories = distinctPicks(rng, kSensitiveCategories, rng.between(1, 2));
        else if (cls == "operational")
            categories = distinctPicks(rng, kOperationalCategories, rng.between(1, 2));
        else
            categories = distinctPicks(rng, kPublicCategories, 1);
        e.list("categories", std::move(categories));
        if (cls != "public" || rng.chance(0.3))
            e.str("origin", pickWeighted(rng, kOrigins));
        if (cls == "restricted" || cls == "sensitive") {
            if (rng.chance(0.7))
                e.map("consent", {{"training", rawValue(rng.chance(0.3) ? "true" : "false")},
                                  {"analytics", rawValue(rng.chance(0.6) ? "true" : "false")}});
            if (rng.chance(0.8))
                e.raw("retention_days", toString(rng.pick(std::array{30, 90, 365, 730, 2555, 3650})));
            if (rng.chance(0.85))
                e.map("keys", {{"custody", strValue(rng.pick(kCustody))},
                               {"location", strValue(rng.pick(kKeyLocations))}});
            if (rng.chance(0.1))
                e.str("localisation", rng.chance(0.8) ? "applies" : "exempt");
        } else if (cls == "operational") {
            e.raw("retention_days", toString(rng.pick(std::array{7, 30, 90, 365})));
            if (rng.chance(0.4))
                e.raw("redacted", rng.chance(0.7) ? "true" : "false");
        }
        em.entity(e);
    }

    em.section("workloads");
    for (std::size_t i = 0; i < o.workloads; ++i) {
        Entity e;
        const std::string_view kind = kKinds[i % kKinds.size()]; // every kind, evenly
        e.str("id", workloadId(i));
        e.str("name", std::string(kind) + " service " + toString(static_cast<long long>(i)));
        e.str("kind", kind);
        const bool saas = kind == "saas" || rng.chance(0.03);
        e.str("location", pickWeighted(rng, kLocations));
        if (saas) {
            e.str("operator_hq", rng.pick(kSaasHq));
            e.raw("external", "true");
            if (rng.chance(0.4))
                e.list("certifications", rng.chance(0.5) ? std::vector<std::string>{"dpf"}
                                                         : std::vector<std::string>{"dpf", "dpf-uk"});
        }
        const int holds = int(rng.below(4)); // 0..3
        if (holds > 0 || rng.chance(0.2))
            e.list("holds", distinctDatasets(rng, datasetCount, holds));
        e.map("tags", {{"team", strValue(rng.pick(kTeams))}, {"env", strValue(rng.pick(kEnvs))}});
        em.entity(e);
    }

    em.section("flows");
    char volume[32];
    for (std::size_t i = 0; i < o.flows; ++i) {
        Entity e;
        const std::size_t from = rng.below(o.workloads);
        std::size_t to = rng.below(o.workloads - 1);
        if (to >= from)
            ++to; // distinct from `from`
        e.str("id", numbered("fl-", i, 8));
        e.str("from", workloadId(from));
        e.str("to", workloadId(to));
        e.list("carries", distinctDatasets(rng, datasetCount, rng.chance(0.7) ? 1 : 2));
        e.str("form", pickWeighted(rng, kForms));
        e.str("purpose", pickWeighted(rng, kPurposes));
        if (rng.chance(0.9))
            e.str("basis", pickWeighted(rng, kBases));
        if (rng.chance(0.8))
            e.raw("encrypted", rng.chance(0.85) ? "true" : "false");
        if (rng.chance(0.1))
            e.list("protections", distinctPicks(rng, kProtections, rng.between(1, 2)));
        if (rng.chance(0.5)) {
            const int len = std::snprintf(volume, sizeof volume, "%.1f",
                                          double(rng.below(50000)) / 10.0);
            e.raw("volume_gb_per_day", std::string_view(volume, std::size_t(len)));
        }
        em.entity(e);
    }

    const std::size_t accessCount = std::max<std::size_t>(1, o.workloads / 100);
    em.section("access");
    for (std::size_t i = 0; i < accessCount; ++i) {
        Entity e;
        e.str("id", numbered("acc-", i, 5));
        e.str("role", rng.pick(kRoles));
        e.str("from", rng.pick(kAccessFrom));
        e.str("to", workloadId(rng.below(o.workloads)));
        e.list("datasets", distinctDatasets(rng, datasetCount, rng.between(1, 2)));
        e.str("purpose", "debugging");
        e.str("basis", rng.chance(0.5) ? "scc" : "none");
        em.entity(e);
    }

    const std::size_t waiverCount = std::min<std::size_t>(o.flows, 20);
    em.section("waivers");
    for (std::size_t i = 0; i < waiverCount; ++i) {
        Entity e;
        e.str("rule", rng.pick(kRules));
        e.str("subject", numbered("fl-", rng.below(o.flows), 8));
        e.str("reason", "Reviewed by the DPO (synthetic)");
        e.str("approved_by", "dpo@synthetic.example");
        e.str("expires", rng.chance(0.8) ? "2027-06-30" : "2025-12-31");
        em.entity(e);
    }
    em.end();
    return out;
}

[[noreturn]] void usage(const char *message)
{
    if (message)
        std::fprintf(stderr, "atlas-gen-inventory: %s\n", message);
    std::fprintf(stderr, "usage: atlas-gen-inventory --workloads N --flows M --format yaml|json "
                         "--out FILE [--seed S]\n");
    std::exit(2);
}

std::uint64_t parseNumber(const char *text, const char *what)
{
    std::uint64_t v = 0;
    const char *end = text + std::strlen(text);
    auto [ptr, ec] = std::from_chars(text, end, v);
    if (ec != std::errc() || ptr != end) {
        std::fprintf(stderr, "atlas-gen-inventory: %s needs a non-negative integer, got '%s'\n",
                     what, text);
        std::exit(2);
    }
    return v;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    bool haveWorkloads = false, haveFlows = false, haveFormat = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h")
            usage(nullptr);
        if (i + 1 >= argc)
            usage("missing value after an option");
        const char *value = argv[++i];
        if (arg == "--workloads") {
            o.workloads = std::size_t(parseNumber(value, "--workloads"));
            haveWorkloads = true;
        } else if (arg == "--flows") {
            o.flows = std::size_t(parseNumber(value, "--flows"));
            haveFlows = true;
        } else if (arg == "--seed") {
            o.seed = parseNumber(value, "--seed");
        } else if (arg == "--out") {
            o.out = value;
        } else if (arg == "--format") {
            const std::string_view f = value;
            if (f != "yaml" && f != "json")
                usage("--format must be yaml or json");
            o.json = f == "json";
            haveFormat = true;
        } else {
            usage("unknown option");
        }
    }
    if (!haveWorkloads || !haveFlows || !haveFormat || o.out.empty())
        usage("--workloads, --flows, --format and --out are required");
    if (o.workloads < 2 && o.flows > 0)
        usage("flows need at least 2 workloads (a flow joins two distinct workloads)");
    if (o.workloads < 1)
        usage("--workloads must be at least 1");

    const std::string text = generate(o);
    std::FILE *f = std::fopen(o.out.c_str(), "wb");
    if (!f) {
        std::perror(o.out.c_str());
        return 1;
    }
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !ok) {
        std::perror(o.out.c_str());
        return 1;
    }
    std::fprintf(stderr, "atlas-gen-inventory: wrote %s (%zu bytes, %zu workloads, %zu flows, %zu datasets)\n",
                 o.out.c_str(), text.size(), o.workloads, o.flows,
                 std::max<std::size_t>(10, o.workloads / 10));
    return 0;
}
