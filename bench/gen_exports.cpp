// gen_exports: a deterministic generator of synthetic cloud exports for the import benchmarks.
//
//   gen_exports FORMAT COUNT OUT_PATH [--seed N]
//
//   aws-config  one AWS Config snapshot, minified on one line as AWS delivers it
//   gcp-assets  `gcloud asset export` NDJSON (snake_case keys, one asset per line)
//   azure       `az resource list -o json` (a JSON array, 2-space indent, sorted keys)
//   terraform   a Terraform state v4 file (2-space indent, aws + azurerm + google)
//   csv         the resource CSV (`id,name,kind,location,classification,dataset,...`)
//
// The shapes follow /work/shared/research/cloud-formats.md. The same arguments always give the
// same bytes: every resource is a pure function of (seed, index) through splitmix64 (no clocks,
// no std::*_distribution whose output differs between standard libraries), so a resource can
// also name another one (an S3 replication destination, a Terraform dependency). Names are
// unique (they end with the resource index) and made of lower-case letters, digits and dashes
// (BigQuery datasets use underscores: dashes are invalid there). Output goes through an 8 MiB
// buffer written with fwrite: 10^6 resources take seconds. Standard library only.

#include <algorithm>
#include <array>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace {

using namespace std::string_view_literals;
using u64 = std::uint64_t;
using i64 = std::int64_t;

// ---- deterministic randomness --------------------------------------------------------------

// The splitmix64 finaliser: a bijection on 64-bit values, so mix64(i + salt) is unique per i.
constexpr u64 mix64(u64 z)
{
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

class Rng // splitmix64
{
public:
    explicit Rng(u64 seed) : m_state(seed) {}
    u64 next()
    {
        m_state += 0x9E3779B97F4A7C15ull;
        u64 z = m_state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // [0, n)
    std::size_t below(std::size_t n) { return n ? std::size_t(next() % n) : 0; }
    // [lo, hi]
    int between(int lo, int hi) { return lo + int(below(std::size_t(hi - lo + 1))); }
    bool chance(double p) { return double(next() >> 11) * 0x1.0p-53 < p; }
    template <typename T, std::size_t N> const T &pick(const std::array<T, N> &a)
    {
        return a[below(N)];
    }

private:
    u64 m_state;
};

// Each resource draws from its own stream, so resource j can be recomputed from (seed, j).
Rng resourceRng(u64 seed, u64 index)
{
    return Rng(mix64(seed ^ 0xA0761D6478BD642Full) ^ mix64(index * 0xE7037ED1A0B428DBull + 1));
}

struct Weighted
{
    std::string_view value;
    int weight;
};
template <std::size_t N> std::size_t pickIndex(Rng &rng, const std::array<Weighted, N> &a)
{
    int total = 0;
    for (const Weighted &w : a)
        total += w.weight;
    int r = int(rng.below(std::size_t(total)));
    for (std::size_t i = 0; i < N; ++i) {
        if (r < a[i].weight) return i;
        r -= a[i].weight;
    }
    return N - 1;
}
template <std::size_t N> std::string_view pickWeighted(Rng &rng, const std::array<Weighted, N> &a)
{
    return a[pickIndex(rng, a)].value;
}

// ---- output --------------------------------------------------------------------------------

class Out
{
public:
    explicit Out(std::FILE *f) : m_f(f), m_buf(new char[kCap]) {}
    void put(std::string_view s)
    {
        if (s.size() > kCap - m_pos) {
            flush();
            if (s.size() > kCap) {
                write(s.data(), s.size());
                return;
            }
        }
        std::memcpy(m_buf.get() + m_pos, s.data(), s.size());
        m_pos += s.size();
    }
    void put(char c)
    {
        if (m_pos == kCap) flush();
        m_buf[m_pos++] = c;
    }
    void flush()
    {
        if (m_pos) write(m_buf.get(), m_pos);
        m_pos = 0;
    }
    u64 bytes() const { return m_written + m_pos; }
    bool ok() const { return m_ok; }

private:
    static constexpr std::size_t kCap = std::size_t(8) << 20;
    void write(const char *p, std::size_t n)
    {
        m_ok = m_ok && std::fwrite(p, 1, n, m_f) == n;
        m_written += n;
    }
    std::FILE *m_f;
    std::unique_ptr<char[]> m_buf;
    std::size_t m_pos = 0;
    u64 m_written = 0;
    bool m_ok = true;
};

// A small fixed-capacity string builder for ids, ARNs, URLs and timestamps (no allocation).
class S
{
public:
    S() = default;
    S(const S &) = default;
    S &operator=(const S &) = default;
    S &operator<<(std::string_view s)
    {
        reserve(s.size());
        std::memcpy(m_b + m_n, s.data(), s.size());
        m_n += s.size();
        return *this;
    }
    S &operator<<(const char *s) { return *this << std::string_view(s); }
    S &operator<<(const std::string &s) { return *this << std::string_view(s); }
    S &operator<<(const S &s) { return *this << s.view(); }
    S &operator<<(char c)
    {
        reserve(1);
        m_b[m_n++] = c;
        return *this;
    }
    template <std::integral T>
    requires(!std::same_as<T, char> && !std::same_as<T, bool>) S &operator<<(T v)
    {
        reserve(24);
        m_n = std::size_t(std::to_chars(m_b + m_n, m_b + kCap, v).ptr - m_b);
        return *this;
    }
    // v in decimal, zero-padded to `width` digits
    S &pad(u64 v, int width)
    {
        char digits[24];
        const auto len = int(std::to_chars(digits, digits + sizeof digits, v).ptr - digits);
        for (int k = len; k < width; ++k)
            *this << '0';
        return *this << std::string_view(digits, std::size_t(len));
    }
    S &hex(u64 v, int digits)
    {
        reserve(std::size_t(digits));
        for (int k = digits - 1; k >= 0; --k)
            m_b[m_n++] = "0123456789abcdef"[(v >> (4 * (k % 16))) & 15];
        return *this;
    }
    // 5 bits per character from v, upper-case A-Z2-7 (AWS-style opaque ids)
    S &base32(u64 v, int chars)
    {
        reserve(std::size_t(chars));
        for (int k = 0; k < chars; ++k) {
            m_b[m_n++] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[v & 31];
            v = (v >> 5) | (v << 59);
        }
        return *this;
    }
    S &digits(Rng &rng, int count)
    {
        reserve(std::size_t(count));
        for (int k = 0; k < count; ++k)
            m_b[m_n++] = char('0' + (k == 0 ? 1 + rng.below(9) : rng.below(10)));
        return *this;
    }
    S &uuid(Rng &rng)
    {
        const u64 a = rng.next(), b = rng.next();
        hex(a >> 32, 8) << '-';
        hex((a >> 16) & 0xFFFF, 4) << '-';
        hex(0x4000 | (a & 0x0FFF), 4) << '-';
        hex(0x8000 | ((b >> 48) & 0x3FFF), 4) << '-';
        return hex(b & 0xFFFFFFFFFFFFull, 12);
    }
    std::string_view view() const { return {m_b, m_n}; }
    operator std::string_view() const { return view(); }
    std::size_t size() const { return m_n; }
    void clear() { m_n = 0; }

private:
    static constexpr std::size_t kCap = 1024;
    void reserve(std::size_t extra)
    {
        if (m_n + extra > kCap) {
            std::fprintf(stderr, "gen_exports: internal string overflow\n");
            std::abort();
        }
    }
    char m_b[kCap];
    std::size_t m_n = 0;
};

// Streams JSON: minified ("k":v) or pretty with a 2-space indent ("k": v), empty containers as
// {} and [] — the layout of Go's json.MarshalIndent (Terraform) and Python's json.dumps(indent=2)
// (the Azure CLI). Keys are written in the order given: the emitters give the real order.
class Json
{
public:
    Json(Out &out, bool pretty) : m_out(out), m_pretty(pretty) {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    Json &key(std::string_view k)
    {
        separate();
        m_out.put('"');
        m_out.put(k);
        m_out.put(m_pretty ? "\": "sv : "\":"sv);
        m_afterKey = true;
        return *this;
    }
    void str(std::string_view v)
    {
        value();
        putEscaped(v);
    }
    template <std::integral T>
    requires(!std::same_as<T, bool>) void num(T v)
    {
        char buf[24];
        value();
        m_out.put(
            std::string_view(buf, std::size_t(std::to_chars(buf, buf + sizeof buf, v).ptr - buf)));
    }
    void raw(std::string_view literal)
    {
        value();
        m_out.put(literal);
    }
    void null() { raw("null"sv); }
    void boolean(bool b) { raw(b ? "true"sv : "false"sv); }

    // key + value shorthands
    void kv(std::string_view k, std::string_view v) { key(k).str(v); }
    template <std::integral T>
    requires(!std::same_as<T, bool>) void kn(std::string_view k, T v) { key(k).num(v); }
    void kb(std::string_view k, bool v) { key(k).boolean(v); }
    void knull(std::string_view k) { key(k).null(); }
    void kraw(std::string_view k, std::string_view literal) { key(k).raw(literal); }
    void kEmptyObject(std::string_view k)
    {
        key(k).beginObject();
        endObject();
    }
    void kEmptyArray(std::string_view k)
    {
        key(k).beginArray();
        endArray();
    }
    void kStrings(std::string_view k, std::initializer_list<std::string_view> items)
    {
        key(k).beginArray();
        for (std::string_view s : items)
            str(s);
        endArray();
    }
    void putNewline() { m_out.put('\n'); } // between NDJSON lines, at the end of a file

private:
    void value()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        separate();
    }
    void separate()
    {
        if (m_depth == 0) return;
        if (m_count[m_depth]++) m_out.put(',');
        if (m_pretty) newline(m_depth);
    }
    void open(char c)
    {
        value();
        m_out.put(c);
        ++m_depth;
        m_count[m_depth] = 0;
    }
    void close(char c)
    {
        if (m_pretty && m_count[m_depth]) newline(m_depth - 1);
        --m_depth;
        m_out.put(c);
    }
    void newline(int depth)
    {
        static constexpr std::string_view spaces =
            "\n                                                                "sv;
        m_out.put(spaces.substr(0, std::size_t(1 + 2 * depth)));
    }
    void putEscaped(std::string_view v)
    {
        m_out.put('"');
        std::size_t start = 0;
        for (std::size_t k = 0; k < v.size(); ++k) {
            const unsigned char ch = static_cast<unsigned char>(v[k]);
            if (ch != '"' && ch != '\\' && ch >= 0x20) continue;
            m_out.put(v.substr(start, k - start));
            if (ch == '"')
                m_out.put("\\\""sv);
            else if (ch == '\\')
                m_out.put("\\\\"sv);
            else if (ch == '\n')
                m_out.put("\\n"sv);
            else {
                char u[8];
                std::snprintf(u, sizeof u, "\\u%04x", ch);
                m_out.put(std::string_view(u, 6));
            }
            start = k + 1;
        }
        m_out.put(v.substr(start));
        m_out.put('"');
    }

    Out &m_out;
    bool m_pretty;
    bool m_afterKey = false;
    int m_depth = 0;
    std::array<int, 32> m_count{};
};

// ---- time ----------------------------------------------------------------------------------

// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
void civil(i64 days, int &y, int &m, int &d)
{
    days += 719468;
    const i64 era = (days >= 0 ? days : days - 146096) / 146097;
    const i64 doe = days - era * 146097;
    const i64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const i64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const i64 mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y = int(yoe + era * 400 + (m <= 2));
}

// "YYYY-MM-DDTHH:MM:SS" for epoch seconds
S &dateTime(S &s, i64 secs, char sep = 'T')
{
    int y, m, d;
    civil(secs / 86400, y, m, d);
    const i64 sod = secs % 86400;
    s.pad(u64(y), 4) << '-';
    s.pad(u64(m), 2) << '-';
    s.pad(u64(d), 2) << sep;
    s.pad(u64(sod / 3600), 2) << ':';
    s.pad(u64(sod / 60 % 60), 2) << ':';
    return s.pad(u64(sod % 60), 2);
}
// 2026-02-13T06:01:40.000Z (AWS, GCP update_time)
S isoMs(i64 ms)
{
    S s;
    dateTime(s, ms / 1000) << '.';
    s.pad(u64(ms % 1000), 3) << 'Z';
    return s;
}
// 2024-01-02T03:04:05Z (Terraform)
S isoSec(i64 secs)
{
    S s;
    dateTime(s, secs) << 'Z';
    return s;
}

constexpr i64 kCaptureBase = 1770681600; // 2026-02-10T00:00:00Z: the export's "now"
constexpr i64 kCreatedFrom = 1546300800; // 2019-01-01T00:00:00Z

// A creation time between 2019 and the capture base, in milliseconds.
i64 createdMs(Rng &r)
{
    return (kCreatedFrom + i64(r.below(u64(kCaptureBase - kCreatedFrom - 86400)))) * 1000 +
           i64(r.below(1000));
}

// ---- shared vocabulary ---------------------------------------------------------------------

constexpr std::array kTeams{"payments"sv,  "claims"sv,    "clinical"sv, "ml-platform"sv,
                            "data-eng"sv,  "support"sv,   "sre"sv,      "finance"sv,
                            "research"sv,  "marketing"sv, "identity"sv, "search"sv,
                            "fraud"sv,     "checkout"sv,  "billing"sv,  "crm"sv,
                            "logistics"sv, "analytics"sv, "risk"sv,     "platform"sv};
constexpr std::array kNouns{
    "ledger"sv,   "events"sv,   "models"sv,     "features"sv,  "invoices"sv, "transcripts"sv,
    "prompts"sv,  "images"sv,   "backups"sv,    "logs"sv,      "reports"sv,  "orders"sv,
    "sessions"sv, "profiles"sv, "telemetry"sv,  "metrics"sv,   "exports"sv,  "archive"sv,
    "cache"sv,    "training"sv, "embeddings"sv, "documents"sv, "audit"sv,    "uploads"sv,
    "claims"sv,   "patients"sv, "scoring"sv,    "search"sv,    "chat"sv,     "inference"sv};
constexpr std::array kEnvs{Weighted{"prod", 45}, Weighted{"staging", 20}, Weighted{"dev", 25},
                           Weighted{"test", 7}, Weighted{"qa", 3}};
constexpr std::array kClassifications{Weighted{"restricted", 20}, Weighted{"sensitive", 30},
                                      Weighted{"operational", 35}, Weighted{"public", 15}};
constexpr std::array kOrigins{Weighted{"EU", 30}, Weighted{"DE", 8},  Weighted{"FR", 5},
                              Weighted{"UK", 10}, Weighted{"US", 25}, Weighted{"IN", 8},
                              Weighted{"BR", 5},  Weighted{"JP", 5},  Weighted{"CN", 4}};
constexpr std::size_t kDatasets = 400; // ds-0000 .. ds-0399

// What every resource of every format starts with: drawn first from its own stream, so another
// resource can recompute it (its type and name) from the index alone.
struct Basics
{
    u64 index = 0;
    std::size_t type = 0;
    std::string_view team, noun, env;
    S name; // team-noun-env-000123: unique, [a-z0-9-]
};

template <std::size_t N> Basics basics(Rng &r, const std::array<Weighted, N> &types, u64 index)
{
    Basics b;
    b.index = index;
    b.type = pickIndex(r, types);
    b.team = r.pick(kTeams);
    b.noun = r.pick(kNouns);
    b.env = pickWeighted(r, kEnvs);
    b.name << b.team << '-' << b.noun << '-' << b.env << '-';
    b.name.pad(index, 6);
    return b;
}

// Another resource of type `type` (not `self`), found by scanning from a random index; -1 if
// none within a bounded search (tiny counts).
template <std::size_t N>
i64 findOther(u64 seed, u64 count, u64 self, std::size_t type, const std::array<Weighted, N> &types,
              Rng &r, Basics *found)
{
    if (count < 2) return -1;
    const u64 start = r.below(count);
    for (u64 k = 0; k < std::min<u64>(count, 512); ++k) {
        const u64 j = (start + k) % count;
        if (j == self) continue;
        Rng other = resourceRng(seed, j);
        Basics b = basics(other, types, j);
        if (b.type == type) {
            if (found) *found = b;
            return i64(j);
        }
    }
    return -1;
}

// Classification tags on data-holding resources: ~40% classified, ~30% with a dataset.
struct DataTags
{
    std::string_view classification; // empty: none
    std::string_view origin;         // empty: none
    int dataset = -1;
    int costCenter = -1;
    bool name = false; // AWS `Name` tag
};

DataTags dataTags(Rng &r, bool holdsData)
{
    DataTags t;
    if (r.chance(0.3)) t.costCenter = int(1000 + r.below(9000));
    if (!holdsData) return t;
    const bool classified = r.chance(0.40);
    if (classified) {
        t.classification = pickWeighted(r, kClassifications);
        if (r.chance(0.6)) t.dataset = int(r.below(kDatasets));
        if (r.chance(0.2)) t.origin = pickWeighted(r, kOrigins);
    } else if (r.chance(0.1)) {
        t.dataset = int(r.below(kDatasets));
    }
    return t;
}

S datasetId(int d)
{
    S s;
    s << "ds-";
    s.pad(u64(d), 4);
    return s;
}

// Tags/labels in byte order of the keys (Go and `sort_keys` order): Name, cost-center,
// data-classification, data-origin, dataset, env, managed-by, team. GCP label values are
// lower case.
void tagMembers(Json &j, const Basics &b, const DataTags &t, bool managedBy = false,
                bool lower = false)
{
    if (t.name) j.kv("Name", b.name);
    if (t.costCenter >= 0) {
        S cc;
        cc << "cc-" << t.costCenter;
        j.kv("cost-center", cc);
    }
    if (!t.classification.empty()) j.kv("data-classification", t.classification);
    if (!t.origin.empty()) {
        if (lower) {
            S o;
            for (char c : t.origin)
                o << char(c - 'A' + 'a');
            j.kv("data-origin", o);
        } else {
            j.kv("data-origin", t.origin);
        }
    }
    if (t.dataset >= 0) j.kv("dataset", datasetId(t.dataset));
    j.kv("env", b.env);
    if (managedBy) j.kv("managed-by", "terraform");
    j.kv("team", b.team);
}

void tagObject(Json &j, std::string_view key, const Basics &b, const DataTags &t,
               bool managedBy = false, bool lower = false)
{
    j.key(key).beginObject();
    tagMembers(j, b, t, managedBy, lower);
    j.endObject();
}

S ipv4(Rng &r)
{
    S s;
    s << "10." << r.below(256) << '.' << r.below(256) << '.' << (4 + r.below(250));
    return s;
}

struct Options
{
    std::string format;
    u64 count = 0;
    std::string out;
    u64 seed = 20261101;
};

// ---- AWS -----------------------------------------------------------------------------------

struct AwsRegion
{
    std::string_view code, azLetters;
    int weight;
};
constexpr std::array kAwsRegions{
    AwsRegion{"us-east-1", "abcdef", 14},  AwsRegion{"us-east-2", "abc", 6},
    AwsRegion{"us-west-2", "abcd", 8},     AwsRegion{"ca-central-1", "abd", 3},
    AwsRegion{"sa-east-1", "abc", 3},      AwsRegion{"eu-west-1", "abc", 12},
    AwsRegion{"eu-west-2", "abc", 6},      AwsRegion{"eu-west-3", "abc", 4},
    AwsRegion{"eu-central-1", "abc", 12},  AwsRegion{"eu-central-2", "abc", 2},
    AwsRegion{"eu-north-1", "abc", 3},     AwsRegion{"eu-south-1", "abc", 2},
    AwsRegion{"ap-south-1", "abc", 5},     AwsRegion{"ap-northeast-1", "acd", 5},
    AwsRegion{"ap-southeast-1", "abc", 5}, AwsRegion{"ap-southeast-2", "abc", 4},
    AwsRegion{"me-central-1", "abc", 1}};

const AwsRegion &pickAwsRegion(Rng &r)
{
    int total = 0;
    for (const AwsRegion &a : kAwsRegions)
        total += a.weight;
    int x = int(r.below(std::size_t(total)));
    for (const AwsRegion &a : kAwsRegions) {
        if (x < a.weight) return a;
        x -= a.weight;
    }
    return kAwsRegions.back();
}

struct AwsAccounts
{
    std::array<S, 6> ids;       // 12 digits
    std::array<S, 6> canonical; // 64 hex: the S3 canonical user id
    explicit AwsAccounts(u64 seed)
    {
        for (std::size_t k = 0; k < ids.size(); ++k) {
            const u64 h = mix64(seed * 0x9E3779B97F4A7C15ull + k + 0x51);
            ids[k].pad(100000000000ull + h % 899999999999ull, 12);
            for (int w = 0; w < 4; ++w)
                canonical[k].hex(mix64(h + u64(w)), 16);
        }
    }
};

enum AwsType : std::size_t {
    AwsS3,
    AwsRds,
    AwsDynamo,
    AwsEc2,
    AwsLambda,
    AwsSageMaker,
    AwsLogs,
    AwsSubnet,
    AwsVpc,
    AwsSg,
    AwsRole
};
constexpr std::array kAwsTypes{
    Weighted{"AWS::S3::Bucket", 20},       Weighted{"AWS::RDS::DBInstance", 10},
    Weighted{"AWS::DynamoDB::Table", 5},   Weighted{"AWS::EC2::Instance", 25},
    Weighted{"AWS::Lambda::Function", 10}, Weighted{"AWS::SageMaker::Endpoint", 2},
    Weighted{"AWS::Logs::LogGroup", 8},    Weighted{"AWS::EC2::Subnet", 4},
    Weighted{"AWS::EC2::VPC", 2},          Weighted{"AWS::EC2::SecurityGroup", 4},
    Weighted{"AWS::IAM::Role", 10}};

bool awsHoldsData(std::size_t t)
{
    return t <= AwsLogs;
}

// Opaque AWS-style ids, unique per index
S awsHexId(std::string_view prefix, u64 index, u64 salt)
{
    S s;
    s << prefix << '0';
    return s.hex(mix64(index + salt), 16);
}
S awsRandomHexId(std::string_view prefix, Rng &r)
{
    S s;
    s << prefix << '0';
    return s.hex(r.next(), 16);
}

constexpr std::array kRuntimes{"python3.12"sv, "python3.11"sv,      "nodejs20.x"sv, "nodejs18.x"sv,
                               "java21"sv,     "provided.al2023"sv, "python3.9"sv};
constexpr std::array kInstanceTypes{"t3.micro"sv,    "t3.medium"sv, "m5.large"sv,  "m6i.xlarge"sv,
                                    "c6g.2xlarge"sv, "r6i.large"sv, "g5.xlarge"sv, "p4d.24xlarge"sv,
                                    "m7g.large"sv,   "t4g.small"sv};
constexpr std::array kDbClasses{"db.t3.medium"sv, "db.r6g.large"sv, "db.r6g.xlarge"sv,
                                "db.m6i.large"sv, "db.m5.2xlarge"sv};
constexpr std::array kPolicies{"AmazonS3ReadOnlyAccess"sv,       "AWSLambdaBasicExecutionRole"sv,
                               "AmazonSageMakerFullAccess"sv,    "CloudWatchAgentServerPolicy"sv,
                               "AmazonSSMManagedInstanceCore"sv, "AmazonDynamoDBReadOnlyAccess"sv};
constexpr std::array kServices{"lambda.amazonaws.com"sv, "ec2.amazonaws.com"sv,
                               "sagemaker.amazonaws.com"sv, "ecs-tasks.amazonaws.com"sv,
                               "s3.amazonaws.com"sv};

struct AwsRel
{
    std::string_view type, name;
};

void awsRelationship(Json &j, Rng &r, std::string_view type, std::string_view prefix,
                     std::string_view name)
{
    j.beginObject();
    j.kv("resourceId", awsRandomHexId(prefix, r));
    j.kv("resourceType", type);
    j.kv("name", name);
    j.endObject();
}

void awsConfigItem(Json &j, const Options &o, const AwsAccounts &acc, u64 i)
{
    Rng r = resourceRng(o.seed, i);
    const Basics b = basics(r, kAwsTypes, i);
    const std::size_t t = b.type;
    const AwsRegion &reg = pickAwsRegion(r);
    const std::size_t a = r.below(acc.ids.size());
    const std::string_view account = acc.ids[a];
    DataTags tags = dataTags(r, awsHoldsData(t));
    tags.name = t == AwsEc2 || t == AwsSubnet || t == AwsVpc || t == AwsSg || r.chance(0.2);
    S az;
    az << reg.code << reg.azLetters[r.below(reg.azLetters.size())];
    const i64 created = createdMs(r);
    const i64 capture = kCaptureBase * 1000 + i64(r.below(10 * 86400 * 1000ull));
    const bool deleted = r.chance(0.01);
    const std::string_view status =
        deleted ? "ResourceDeleted"sv : (r.chance(0.7) ? "OK"sv : "ResourceDiscovered"sv);
    const std::string_view region = t == AwsRole ? "global"sv : reg.code;

    // identity
    S id, name, arn;
    name << b.name;
    switch (t) {
    case AwsS3:
        id << b.name;
        arn << "arn:aws:s3:::" << b.name;
        break;
    case AwsRds:
        id << "db-";
        id.base32(mix64(i + 0x5D5), 13).base32(r.next(), 13);
        arn << "arn:aws:rds:" << reg.code << ':' << account << ":db:" << b.name;
        break;
    case AwsDynamo:
        id << b.name;
        arn << "arn:aws:dynamodb:" << reg.code << ':' << account << ":table/" << b.name;
        break;
    case AwsEc2:
        id = awsHexId("i-", i, 0xEC2);
        arn << "arn:aws:ec2:" << reg.code << ':' << account << ":instance/" << id;
        break;
    case AwsLambda:
        id << b.name;
        arn << "arn:aws:lambda:" << reg.code << ':' << account << ":function:" << b.name;
        break;
    case AwsSageMaker:
        id << b.name;
        arn << "arn:aws:sagemaker:" << reg.code << ':' << account << ":endpoint/" << b.name;
        break;
    case AwsLogs:
        id << b.name;
        arn << "arn:aws:logs:" << reg.code << ':' << account << ":log-group:" << b.name;
        break;
    case AwsSubnet:
        id = awsHexId("subnet-", i, 0x5B);
        arn << "arn:aws:ec2:" << reg.code << ':' << account << ":subnet/" << id;
        break;
    case AwsVpc:
        id = awsHexId("vpc-", i, 0x7C);
        arn << "arn:aws:ec2:" << reg.code << ':' << account << ":vpc/" << id;
        break;
    case AwsSg:
        id = awsHexId("sg-", i, 0x56);
        arn << "arn:aws:ec2:" << reg.code << ':' << account << ":security-group/" << id;
        name << "-sg";
        break;
    default: // AwsRole
        id << "AROA";
        id.base32(mix64(i + 0x1A), 13).base32(r.next(), 4);
        name << "-role";
        arn << "arn:aws:iam::" << account << ":role/" << name;
        break;
    }
    std::string_view availabilityZone;
    switch (t) {
    case AwsS3:
    case AwsDynamo:
        availabilityZone = "Regional"sv;
        break;
    case AwsRds:
    case AwsEc2:
    case AwsSubnet:
        availabilityZone = az;
        break;
    case AwsVpc:
        availabilityZone = "Multiple Availability Zones"sv;
        break;
    case AwsSageMaker:
        availabilityZone = r.chance(0.5) ? "Regional"sv : "Not Applicable"sv;
        break;
    default:
        availabilityZone = "Not Applicable"sv;
        break;
    }

    j.beginObject();
    j.kEmptyArray("relatedEvents");

    // relationships (0-3)
    j.key("relationships").beginArray();
    if (!deleted) {
        const int rels = int(r.below(4));
        for (int k = 0; k < rels; ++k) {
            switch (t) {
            case AwsEc2: {
                static constexpr std::array<AwsRel, 4> kRels{
                    AwsRel{"AWS::EC2::VPC", "Is contained in Vpc"},
                    AwsRel{"AWS::EC2::Subnet", "Is contained in Subnet"},
                    AwsRel{"AWS::EC2::SecurityGroup", "Is associated with SecurityGroup"},
                    AwsRel{"AWS::EC2::Volume", "Is attached to Volume"}};
                static constexpr std::array kPrefixes{"vpc-"sv, "subnet-"sv, "sg-"sv, "vol-"sv};
                awsRelationship(j, r, kRels[std::size_t(k)].type, kPrefixes[std::size_t(k)],
                                kRels[std::size_t(k)].name);
                break;
            }
            case AwsSubnet:
            case AwsSg:
                awsRelationship(j, r, "AWS::EC2::VPC", "vpc-",
                                r.chance(0.1) ? "Is associated with "sv : "Is contained in Vpc"sv);
                k = rels; // one VPC
                break;
            case AwsVpc:
                awsRelationship(j, r, "AWS::EC2::InternetGateway", "igw-",
                                "Is attached to InternetGateway");
                k = rels; // one gateway
                break;
            case AwsRds:
                awsRelationship(j, r, "AWS::EC2::SecurityGroup", "sg-",
                                "Is associated with SecurityGroup");
                break;
            case AwsLambda:
            case AwsSageMaker:
            case AwsS3:
            case AwsDynamo:
            case AwsLogs: {
                // Some relationships carry only resourceName (the role of a function).
                S role;
                role << b.team << '-' << (t == AwsLambda ? "lambda"sv : "service"sv) << "-role";
                j.beginObject();
                j.kv("resourceName", role);
                j.kv("resourceType", "AWS::IAM::Role");
                j.kv("name", "Is associated with Role");
                j.endObject();
                k = rels; // one is enough
                break;
            }
            default: { // IAM role: attached policies
                S pol;
                pol << "arn:aws:iam::aws:policy/" << r.pick(kPolicies);
                j.beginObject();
                j.kv("resourceId", pol);
                j.kv("resourceType", "AWS::IAM::Policy");
                j.kv("name", "Is attached to CustomerManagedPolicy");
                j.endObject();
                break;
            }
            }
        }
    }
    j.endArray();

    // configuration
    j.key("configuration");
    if (deleted) {
        j.null();
    } else {
        j.beginObject();
        switch (t) {
        case AwsS3:
            j.kv("name", b.name);
            j.key("owner").beginObject();
            j.knull("displayName");
            j.kv("id", acc.canonical[a]);
            j.endObject();
            j.kv("creationDate", isoMs(created));
            j.kv("region", reg.code);
            break;
        case AwsRds: {
            static constexpr std::array kEngines{"postgres"sv, "mysql"sv, "aurora-postgresql"sv,
                                                 "mariadb"sv};
            const std::size_t e = r.below(kEngines.size());
            S endpoint;
            endpoint << b.name << ".c";
            endpoint.hex(mix64(a * 131 + u64(reg.code.size()) + u64(reg.code[3])), 11);
            endpoint << '.' << reg.code << ".rds.amazonaws.com";
            j.kv("dBInstanceIdentifier", b.name);
            j.kv("dBInstanceClass", r.pick(kDbClasses));
            j.kv("engine", kEngines[e]);
            j.kv("dBInstanceStatus", "available");
            j.kv("masterUsername", "app_admin");
            j.kv("dBName", "app");
            j.key("endpoint").beginObject();
            j.kv("address", endpoint);
            j.kn("port", e == 1 || e == 3 ? 3306 : 5432);
            j.kv("hostedZoneId", "Z29XKXDKYMONMX");
            j.endObject();
            j.kn("allocatedStorage", 20 * (1 + r.below(50)));
            j.kv("instanceCreateTime", isoMs(created));
            j.kn("backupRetentionPeriod", r.pick(std::array{1, 7, 14, 35}));
            j.kv("availabilityZone", az);
            j.kb("multiAZ", r.chance(0.3));
            j.kv("engineVersion", e == 1 || e == 3 ? "8.0.35"sv : "15.5"sv);
            j.kv("storageType", "gp3");
            j.kb("storageEncrypted", true);
            S kms;
            kms << "arn:aws:kms:" << reg.code << ':' << account << ":key/";
            kms.uuid(r);
            j.kv("kmsKeyId", kms);
            j.kv("dbiResourceId", id);
            j.kv("dBInstanceArn", arn);
            j.kb("publiclyAccessible", false);
            break;
        }
        case AwsDynamo: {
            j.kv("tableName", b.name);
            j.kv("tableStatus", "ACTIVE");
            j.kv("creationDateTime", isoMs(created));
            j.key("keySchema").beginArray();
            j.beginObject();
            j.kv("attributeName", "pk");
            j.kv("keyType", "HASH");
            j.endObject();
            j.beginObject();
            j.kv("attributeName", "sk");
            j.kv("keyType", "RANGE");
            j.endObject();
            j.endArray();
            j.kn("tableSizeBytes", r.below(u64(1) << 36));
            j.kn("itemCount", r.below(u64(1) << 28));
            j.kv("tableArn", arn);
            S uuid;
            uuid.uuid(r);
            j.kv("tableId", uuid);
            j.key("billingModeSummary").beginObject();
            j.kv("billingMode", "PAY_PER_REQUEST");
            j.endObject();
            j.key("sSEDescription").beginObject();
            j.kv("status", "ENABLED");
            j.kv("sSEType", "KMS");
            j.endObject();
            break;
        }
        case AwsEc2: {
            const S ip = ipv4(r);
            S dns;
            dns << "ip-";
            for (char c : ip.view())
                dns << (c == '.' ? '-' : c);
            if (reg.code == "us-east-1"sv)
                dns << ".ec2.internal";
            else
                dns << '.' << reg.code << ".compute.internal";
            j.kn("amiLaunchIndex", 0);
            j.kv("imageId", awsRandomHexId("ami-", r));
            j.kv("instanceId", id);
            j.kv("instanceType", r.pick(kInstanceTypes));
            j.kv("launchTime", isoMs(created));
            j.key("placement").beginObject();
            j.kv("availabilityZone", az);
            j.kv("groupName", "");
            j.kv("tenancy", "default");
            j.endObject();
            j.kv("privateDnsName", dns);
            j.kv("privateIpAddress", ip);
            j.key("state").beginObject();
            j.kn("code", 16);
            j.kv("name", "running");
            j.endObject();
            j.kv("subnetId", awsRandomHexId("subnet-", r));
            j.kv("vpcId", awsRandomHexId("vpc-", r));
            j.kv("architecture", r.chance(0.3) ? "arm64"sv : "x86_64"sv);
            j.kv("rootDeviceName", "/dev/xvda");
            j.key("securityGroups").beginArray();
            j.beginObject();
            S sgName;
            sgName << b.team << '-' << b.env << "-sg";
            j.kv("groupName", sgName);
            j.kv("groupId", awsRandomHexId("sg-", r));
            j.endObject();
            j.endArray();
            break;
        }
        case AwsLambda: {
            S role;
            role << "arn:aws:iam::" << account << ":role/" << b.team << "-lambda-role";
            j.kv("functionName", b.name);
            j.kv("functionArn", arn);
            j.kv("runtime", r.pick(kRuntimes));
            j.kv("role", role);
            j.kv("handler", "app.handler");
            j.kn("codeSize", 1000 + r.below(50000000));
            j.kv("description", "");
            j.kn("timeout", r.pick(std::array{3, 30, 60, 300, 900}));
            j.kn("memorySize", r.pick(std::array{128, 256, 512, 1024, 2048}));
            S modified;
            dateTime(modified, created / 1000) << ".000+0000";
            j.kv("lastModified", modified);
            j.kv("version", "$LATEST");
            j.key("tracingConfig").beginObject();
            j.kv("mode", "PassThrough");
            j.endObject();
            j.kv("packageType", "Zip");
            j.kStrings("architectures", {r.chance(0.4) ? "arm64"sv : "x86_64"sv});
            break;
        }
        case AwsSageMaker: {
            S cfg;
            cfg << b.name << "-config";
            j.kv("EndpointName", b.name);
            j.kv("EndpointArn", arn);
            j.kv("EndpointConfigName", cfg);
            j.kv("EndpointStatus", "InService");
            j.kv("CreationTime", isoMs(created));
            j.key("ProductionVariants").beginArray();
            j.beginObject();
            j.kv("VariantName", "AllTraffic");
            j.kn("CurrentInstanceCount", 1 + r.below(4));
            j.kv("InstanceType", r.chance(0.5) ? "ml.g5.xlarge"sv : "ml.m5.large"sv);
            j.endObject();
            j.endArray();
            break;
        }
        case AwsLogs:
            j.kv("LogGroupName", b.name);
            j.kn("RetentionInDays", r.pick(std::array{7, 14, 30, 90, 365, 3653}));
            j.kv("Arn", arn);
            j.kv("LogGroupClass", "STANDARD");
            break;
        case AwsSubnet: {
            const u64 octet = r.below(256);
            S cidr;
            cidr << "10." << octet << '.' << (16 * r.below(16)) << ".0/20";
            j.kv("availabilityZone", az);
            j.kn("availableIpAddressCount", 4000 + r.below(91));
            j.kv("cidrBlock", cidr);
            j.kb("defaultForAz", false);
            j.kb("mapPublicIpOnLaunch", false);
            j.kv("state", "available");
            j.kv("subnetId", id);
            j.kv("vpcId", awsRandomHexId("vpc-", r));
            j.kv("ownerId", account);
            j.kv("subnetArn", arn);
            break;
        }
        case AwsVpc: {
            S cidr;
            cidr << "10." << r.below(256) << ".0.0/16";
            j.kv("cidrBlock", cidr);
            j.kv("dhcpOptionsId", awsRandomHexId("dopt-", r));
            j.kv("state", "available");
            j.kv("vpcId", id);
            j.kv("ownerId", account);
            j.kv("instanceTenancy", "default");
            j.kb("isDefault", false);
            break;
        }
        case AwsSg:
            j.kv("description", "Managed by the platform team");
            j.kv("groupName", name);
            j.key("ipPermissions").beginArray();
            j.beginObject();
            j.kn("fromPort", 443);
            j.kv("ipProtocol", "tcp");
            j.key("ipv4Ranges").beginArray();
            j.beginObject();
            j.kv("cidrIp", "10.0.0.0/8");
            j.endObject();
            j.endArray();
            j.kn("toPort", 443);
            j.endObject();
            j.endArray();
            j.kv("ownerId", account);
            j.kv("groupId", id);
            j.kv("vpcId", awsRandomHexId("vpc-", r));
            break;
        default: { // IAM role
            S policy;
            policy << "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%"
                      "3A%22Allow"
                      "%22%2C%22Principal%22%3A%7B%22Service%22%3A%22"
                   << r.pick(kServices)
                   << "%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D";
            S pArn;
            const std::string_view p = r.pick(kPolicies);
            pArn << "arn:aws:iam::aws:policy/" << p;
            j.kv("path", "/");
            j.kv("roleName", name);
            j.kv("roleId", id);
            j.kv("arn", arn);
            j.kv("createDate", isoMs(created));
            j.kv("assumeRolePolicyDocument", policy);
            j.kEmptyArray("instanceProfileList");
            j.kEmptyArray("rolePolicyList");
            j.key("attachedManagedPolicies").beginArray();
            j.beginObject();
            j.kv("policyName", p);
            j.kv("policyArn", pArn);
            j.endObject();
            j.endArray();
            j.knull("permissionsBoundary");
            j.kEmptyArray("tags");
            break;
        }
        }
        j.endObject();
    }

    // supplementaryConfiguration
    j.key("supplementaryConfiguration").beginObject();
    if (!deleted && t == AwsS3) {
        S acl;
        acl << "{\"grantSet\":null,\"grantList\":[{\"grantee\":{\"id\":\"" << acc.canonical[a]
            << "\",\"displayName\":null},\"permission\":\"FullControl\"}],\"owner\":{"
               "\"displayName\":null,\"id\":\""
            << acc.canonical[a] << "\"},\"isRequesterCharged\":false}";
        j.kv("AccessControlList", acl);
        j.key("BucketLoggingConfiguration").beginObject();
        j.knull("destinationBucketName");
        j.knull("logFilePrefix");
        j.endObject();
        j.key("BucketVersioningConfiguration").beginObject();
        j.kv("status", r.chance(0.4) ? "Enabled"sv : "Off"sv);
        j.knull("isMfaDeleteEnabled");
        j.endObject();
        j.kb("IsRequesterPaysEnabled", false);
        j.key("PublicAccessBlockConfiguration").beginObject();
        j.kb("blockPublicAcls", true);
        j.kb("ignorePublicAcls", true);
        j.kb("blockPublicPolicy", true);
        j.kb("restrictPublicBuckets", true);
        j.endObject();
        j.key("ServerSideEncryptionConfiguration").beginObject();
        j.key("rules").beginArray();
        j.beginObject();
        j.key("applyServerSideEncryptionByDefault").beginObject();
        j.kv("sseAlgorithm", r.chance(0.7) ? "AES256"sv : "aws:kms"sv);
        j.knull("kmsMasterKeyID");
        j.endObject();
        j.kb("bucketKeyEnabled", false);
        j.endObject();
        j.endArray();
        j.endObject();
        if (r.chance(0.01)) {
            Basics dest;
            if (findOther(o.seed, o.count, i, AwsS3, kAwsTypes, r, &dest) >= 0) {
                S role, bucketArn;
                role << "arn:aws:iam::" << account << ":role/s3-replication-" << b.team;
                bucketArn << "arn:aws:s3:::" << dest.name;
                j.key("BucketReplicationConfiguration").beginObject();
                j.kv("roleARN", role);
                j.key("rules").beginObject();
                j.key("r1").beginObject();
                j.key("destinationConfig").beginObject();
                j.kv("bucketARN", bucketArn);
                j.kv("storageClass", "STANDARD");
                j.endObject();
                j.kv("prefix", "");
                j.kv("status", "Enabled");
                j.endObject();
                j.endObject();
                j.endObject();
            }
        }
    } else if (!deleted && t == AwsDynamo) {
        j.key("ContinuousBackupsDescription").beginObject();
        j.kv("continuousBackupsStatus", "ENABLED");
        j.key("pointInTimeRecoveryDescription").beginObject();
        j.kv("pointInTimeRecoveryStatus", r.chance(0.5) ? "ENABLED"sv : "DISABLED"sv);
        j.endObject();
        j.endObject();
    } else if (!deleted && t == AwsRole) {
        j.kEmptyArray("InlinePolicies");
    }
    j.endObject();

    tagObject(j, "tags", b, tags);
    j.kv("configurationItemVersion", "1.3");
    j.kv("configurationItemCaptureTime", isoMs(capture));
    j.kn("configurationStateId", capture);
    j.kv("awsAccountId", account);
    j.kv("configurationItemStatus", status);
    j.kv("resourceType", kAwsTypes[t].value);
    j.kv("resourceId", id);
    j.kv("resourceName", name);
    j.kv("ARN", arn);
    j.kv("awsRegion", region);
    j.kv("availabilityZone", availabilityZone);
    j.kv("configurationStateMd5Hash", "");
    j.kv("resourceCreationTime", isoMs(created));
    j.endObject();
}

void generateAwsConfig(Out &out, const Options &o)
{
    const AwsAccounts acc(o.seed);
    Rng file(mix64(o.seed ^ 0xC0F16));
    Json j(out, false);
    j.beginObject();
    j.kv("fileVersion", "1.0");
    S snapshotId;
    snapshotId.uuid(file);
    j.kv("configSnapshotId", snapshotId);
    j.key("configurationItems").beginArray();
    for (u64 i = 0; i < o.count; ++i)
        awsConfigItem(j, o, acc, i);
    j.endArray();
    j.endObject();
}

// ---- GCP Cloud Asset Inventory -------------------------------------------------------------

struct GcpRegion
{
    std::string_view code, zoneLetters;
    int weight;
};
constexpr std::array kGcpRegions{
    GcpRegion{"europe-west1", "bcd", 10},      GcpRegion{"europe-west2", "abc", 6},
    GcpRegion{"europe-west3", "abc", 10},      GcpRegion{"europe-west4", "abc", 8},
    GcpRegion{"europe-north1", "abc", 3},      GcpRegion{"europe-west9", "abc", 3},
    GcpRegion{"europe-southwest1", "abc", 2},  GcpRegion{"us-central1", "abcf", 14},
    GcpRegion{"us-east1", "bcd", 8},           GcpRegion{"us-east4", "abc", 5},
    GcpRegion{"us-west1", "abc", 5},           GcpRegion{"northamerica-northeast1", "abc", 2},
    GcpRegion{"southamerica-east1", "abc", 2}, GcpRegion{"asia-east1", "abc", 3},
    GcpRegion{"asia-northeast1", "abc", 4},    GcpRegion{"asia-south1", "abc", 3},
    GcpRegion{"asia-southeast1", "abc", 3},    GcpRegion{"australia-southeast1", "abc", 2}};

const GcpRegion &pickGcpRegion(Rng &r)
{
    int total = 0;
    for (const GcpRegion &g : kGcpRegions)
        total += g.weight;
    int x = int(r.below(std::size_t(total)));
    for (const GcpRegion &g : kGcpRegions) {
        if (x < g.weight) return g;
        x -= g.weight;
    }
    return kGcpRegions.back();
}

// Bucket / BigQuery locations: multi-regions, a dual-region, or a region (upper case in data).
constexpr std::array kGcsMulti{Weighted{"EU", 22},  Weighted{"US", 20},  Weighted{"ASIA", 3},
                               Weighted{"EUR4", 3}, Weighted{"NAM4", 2}, Weighted{"", 50}};

// Two projects per team (prod and staging): project k belongs to team k % 20.
struct GcpProjects
{
    static constexpr std::size_t kCount = 2 * kTeams.size();
    std::array<S, kCount> id;     // payments-prod-4821
    std::array<S, kCount> number; // 12 digits
    std::array<S, kCount> folder;
    S organization;
    std::size_t forTeam(std::string_view team, Rng &r) const
    {
        std::size_t t = 0;
        while (t + 1 < kTeams.size() && kTeams[t] != team)
            ++t;
        return t + kTeams.size() * r.below(2);
    }
    explicit GcpProjects(u64 seed)
    {
        Rng r(mix64(seed ^ 0x6C9));
        organization.digits(r, 12);
        std::array<S, 8> folders;
        for (S &f : folders)
            f.digits(r, 12);
        for (std::size_t k = 0; k < kCount; ++k) {
            id[k] << kTeams[k % kTeams.size()] << '-' << kEnvs[k / kTeams.size()].value << '-';
            id[k].pad(1000 + r.below(9000), 4);
            number[k].digits(r, 12);
            folder[k] = folders[r.below(folders.size())];
        }
    }
};

enum GcpType : std::size_t {
    GcsBucket,
    GceInstance,
    GceDisk,
    SqlInstance,
    BqDataset,
    AiEndpoint,
    GceSubnet,
    GceNetwork,
    IamSa
};
constexpr std::array kGcpTypes{Weighted{"storage.googleapis.com/Bucket", 20},
                               Weighted{"compute.googleapis.com/Instance", 22},
                               Weighted{"compute.googleapis.com/Disk", 18},
                               Weighted{"sqladmin.googleapis.com/Instance", 8},
                               Weighted{"bigquery.googleapis.com/Dataset", 8},
                               Weighted{"aiplatform.googleapis.com/Endpoint", 3},
                               Weighted{"compute.googleapis.com/Subnetwork", 8},
                               Weighted{"compute.googleapis.com/Network", 3},
                               Weighted{"iam.googleapis.com/ServiceAccount", 10}};

constexpr std::array kMachineTypes{"e2-standard-4"sv, "n2-standard-8"sv, "e2-medium"sv,
                                   "n2d-highmem-4"sv, "a2-highgpu-1g"sv, "c3-standard-8"sv,
                                   "g2-standard-8"sv};

void gcpAsset(Json &j, const Options &o, const GcpProjects &proj, u64 i)
{
    Rng r = resourceRng(o.seed, i);
    const Basics b = basics(r, kGcpTypes, i);
    const std::size_t t = b.type;
    const std::size_t p = proj.forTeam(b.team, r);
    const std::string_view project = proj.id[p];
    const GcpRegion &reg = pickGcpRegion(r);
    S zone;
    zone << reg.code << '-' << reg.zoneLetters[r.below(reg.zoneLetters.size())];
    const DataTags tags = dataTags(r, t != GceSubnet && t != GceNetwork && t != IamSa);
    const bool labelled = !tags.classification.empty() || tags.dataset >= 0 || r.chance(0.35);
    const i64 created = createdMs(r);
    const i64 updated =
        std::max(created, kCaptureBase * 1000 - i64(r.below(400 * 86400 * 1000ull)));
    S zoneUrl, regionUrl;
    zoneUrl << "https://www.googleapis.com/compute/v1/projects/" << project << "/zones/" << zone;
    regionUrl << "https://www.googleapis.com/compute/v1/projects/" << project << "/regions/"
              << reg.code;

    // location: the upper-case multi-region or region for buckets and datasets
    S upperLocation, location;
    if (t == GcsBucket || t == BqDataset) {
        std::string_view multi = pickWeighted(r, kGcsMulti);
        if (t == BqDataset && (multi == "ASIA"sv || multi == "EUR4"sv || multi == "NAM4"sv))
            multi = "EU"sv;
        if (multi.empty()) {
            for (char c : reg.code)
                upperLocation << (c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
        } else {
            upperLocation << multi;
        }
        for (char c : upperLocation.view())
            location << (c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
    } else if (t == GceInstance || t == GceDisk) {
        location << zone;
    } else if (t == GceNetwork) {
        location << "global";
    } else if (t != IamSa) {
        location << reg.code;
    }

    S name, discovery;
    std::string_view version = "v1"sv, discoveryName;
    const std::string_view service = kGcpTypes[t].value.substr(0, kGcpTypes[t].value.find('/'));
    S bqName; // BigQuery: letters, digits, underscores
    for (char c : b.name.view())
        bqName << (c == '-' ? '_' : c);
    // 21 digits, unique per index (service accounts and endpoints are named by it); compute
    // ids are 19 digits
    S uniqueId, computeId;
    uniqueId << '1';
    uniqueId.pad(mix64(i + 0x6E), 20);
    computeId.pad(1000000000000000000ull + mix64(i + 0x6F) % 8000000000000000000ull, 19);
    switch (t) {
    case GcsBucket:
        name << "//storage.googleapis.com/projects/_/buckets/" << b.name;
        discoveryName = "Bucket"sv;
        break;
    case GceInstance:
        name << "//compute.googleapis.com/projects/" << project << "/zones/" << zone
             << "/instances/" << b.name;
        discoveryName = "Instance"sv;
        break;
    case GceDisk:
        name << "//compute.googleapis.com/projects/" << project << "/zones/" << zone << "/disks/"
             << b.name;
        discoveryName = "Disk"sv;
        break;
    case SqlInstance:
        name << "//cloudsql.googleapis.com/projects/" << project << "/instances/" << b.name;
        discoveryName = "DatabaseInstance"sv;
        version = "v1beta4"sv;
        break;
    case BqDataset:
        name << "//bigquery.googleapis.com/projects/" << project << "/datasets/" << bqName;
        discoveryName = "Dataset"sv;
        version = "v2"sv;
        break;
    case AiEndpoint:
        name << "//aiplatform.googleapis.com/projects/" << proj.number[p] << "/locations/"
             << reg.code << "/endpoints/" << uniqueId;
        discoveryName = "Endpoint"sv;
        break;
    case GceSubnet:
        name << "//compute.googleapis.com/projects/" << project << "/regions/" << reg.code
             << "/subnetworks/" << b.name;
        discoveryName = "Subnetwork"sv;
        break;
    case GceNetwork:
        name << "//compute.googleapis.com/projects/" << project << "/global/networks/" << b.name;
        discoveryName = "Network"sv;
        break;
    default:
        name << "//iam.googleapis.com/projects/" << project << "/serviceAccounts/" << uniqueId;
        discoveryName = "ServiceAccount"sv;
        break;
    }
    if (t == AiEndpoint)
        discovery << "https://aiplatform.googleapis.com/$discovery/rest";
    else
        discovery << "https://www.googleapis.com/discovery/v1/apis/"
                  << service.substr(0, service.find('.')) << '/' << version << "/rest";

    j.beginObject();
    j.kv("name", name);
    j.kv("asset_type", kGcpTypes[t].value);
    j.key("resource").beginObject();
    j.kv("version", version);
    j.kv("discovery_document_uri", discovery);
    j.kv("discovery_name", discoveryName);
    S parent;
    parent << "//cloudresourcemanager.googleapis.com/projects/" << proj.number[p];
    j.kv("parent", parent);

    j.key("data").beginObject();
    auto labels = [&](std::string_view key) {
        if (labelled)
            tagObject(j, key, b, tags, false, true);
        else
            j.kEmptyObject(key);
    };
    switch (t) {
    case GcsBucket: {
        j.kv("id", b.name);
        j.kv("name", b.name);
        j.kv("kind", "storage#bucket");
        j.kv("location", upperLocation);
        j.kv("locationType", upperLocation.size() == 2 || upperLocation.view() == "ASIA"sv
                                 ? "multi-region"sv
                                 : (upperLocation.size() == 4 ? "dual-region"sv : "region"sv));
        j.kv("storageClass", r.chance(0.8) ? "STANDARD"sv : "NEARLINE"sv);
        j.kv("timeCreated", isoMs(created));
        j.kv("updated", isoMs(updated));
        labels("labels");
        break;
    }
    case GceInstance: {
        S machineType;
        machineType << zoneUrl << "/machineTypes/" << r.pick(kMachineTypes);
        j.kv("id", computeId);
        j.kv("name", b.name);
        j.kv("kind", "compute#instance");
        j.kv("machineType", machineType);
        j.kv("zone", zoneUrl);
        j.kv("status", r.chance(0.9) ? "RUNNING"sv : "TERMINATED"sv);
        j.kv("creationTimestamp", isoMs(created));
        labels("labels");
        j.key("networkInterfaces").beginArray();
        j.beginObject();
        j.kv("name", "nic0");
        j.kv("networkIP", ipv4(r));
        j.endObject();
        j.endArray();
        break;
    }
    case GceDisk: {
        j.kv("id", computeId);
        j.kv("name", b.name);
        j.kv("kind", "compute#disk");
        j.kv("sizeGb", r.pick(std::array{"10"sv, "50"sv, "100"sv, "200"sv, "500"sv, "1000"sv}));
        j.kv("zone", zoneUrl);
        j.kv("status", "READY");
        j.kv("creationTimestamp", isoMs(created));
        labels("labels");
        break;
    }
    case SqlInstance: {
        S connection;
        connection << project << ':' << reg.code << ':' << b.name;
        j.kv("name", b.name);
        j.kv("project", project);
        j.kv("kind", "sql#instance");
        j.kv("region", reg.code);
        j.kv("gceZone", zone);
        j.kv("databaseVersion", r.chance(0.6) ? "POSTGRES_15"sv : "MYSQL_8_0"sv);
        j.kv("state", "RUNNABLE");
        j.kv("connectionName", connection);
        j.key("settings").beginObject();
        j.kv("tier", r.chance(0.5) ? "db-custom-2-7680"sv : "db-n1-standard-4"sv);
        j.kv("availabilityType", r.chance(0.3) ? "REGIONAL"sv : "ZONAL"sv);
        j.kv("dataDiskSizeGb", "100");
        labels("userLabels"); // Cloud SQL keeps labels under settings.userLabels
        j.endObject();
        break;
    }
    case BqDataset: {
        S datasetRef;
        datasetRef << project << ':' << bqName;
        j.key("datasetReference").beginObject();
        j.kv("datasetId", bqName);
        j.kv("projectId", project);
        j.endObject();
        j.kv("id", datasetRef);
        j.kv("kind", "bigquery#dataset");
        j.kv("location", upperLocation.size() <= 2 ? upperLocation.view() : location.view());
        labels("labels");
        S ms;
        ms << created;
        j.kv("creationTime", ms);
        ms.clear();
        ms << updated;
        j.kv("lastModifiedTime", ms);
        break;
    }
    case AiEndpoint: {
        S full, model;
        full << "projects/" << proj.number[p] << "/locations/" << reg.code << "/endpoints/"
             << uniqueId;
        model << "projects/" << proj.number[p] << "/locations/" << reg.code << "/models/";
        model.digits(r, 19);
        j.kv("name", full);
        j.kv("displayName", b.name);
        labels("labels");
        j.kv("createTime", isoMs(created));
        j.kv("updateTime", isoMs(updated));
        j.key("deployedModels").beginArray();
        j.beginObject();
        S deployed;
        deployed.digits(r, 19);
        j.kv("id", deployed);
        j.kv("model", model);
        j.endObject();
        j.endArray();
        break;
    }
    case GceSubnet: {
        S cidr, gateway;
        const u64 a = r.below(256), c = 16 * r.below(16);
        cidr << "10." << a << '.' << c << ".0/20";
        gateway << "10." << a << '.' << c << ".1";
        j.kv("id", computeId);
        j.kv("name", b.name);
        j.kv("kind", "compute#subnetwork");
        j.kv("ipCidrRange", cidr);
        j.kv("gatewayAddress", gateway);
        j.kv("region", regionUrl);
        j.kb("privateIpGoogleAccess", true);
        j.kv("creationTimestamp", isoMs(created));
        break;
    }
    case GceNetwork:
        j.kv("id", computeId);
        j.kv("name", b.name);
        j.kv("kind", "compute#network");
        j.kb("autoCreateSubnetworks", false);
        j.key("routingConfig").beginObject();
        j.kv("routingMode", "REGIONAL");
        j.endObject();
        j.kv("creationTimestamp", isoMs(created));
        break;
    default: {
        S email, full;
        email << b.name << '@' << project << ".iam.gserviceaccount.com";
        full << "projects/" << project << "/serviceAccounts/" << email;
        j.kv("email", email);
        j.kv("name", full);
        j.kv("projectId", project);
        j.kv("uniqueId", uniqueId);
        j.kv("oauth2ClientId", uniqueId);
        if (r.chance(0.5)) j.kv("displayName", b.name);
        break;
    }
    }
    j.endObject(); // data
    if (location.size()) j.kv("location", location);
    j.endObject(); // resource

    S ancestor;
    j.key("ancestors").beginArray();
    ancestor << "projects/" << proj.number[p];
    j.str(ancestor);
    ancestor.clear();
    ancestor << "folders/" << proj.folder[p];
    j.str(ancestor);
    ancestor.clear();
    ancestor << "organizations/" << proj.organization;
    j.str(ancestor);
    j.endArray();
    j.kv("update_time", isoMs(updated));
    j.endObject();
}

void generateGcpAssets(Out &out, const Options &o)
{
    const GcpProjects proj(o.seed);
    Json j(out, false);
    for (u64 i = 0; i < o.count; ++i) {
        gcpAsset(j, o, proj, i);
        j.putNewline();
    }
}

// ---- Azure ---------------------------------------------------------------------------------

struct AzureRegion
{
    std::string_view code, pair;
    int weight;
};
constexpr std::array kAzureRegions{AzureRegion{"westeurope", "northeurope", 12},
                                   AzureRegion{"northeurope", "westeurope", 9},
                                   AzureRegion{"germanywestcentral", "germanynorth", 6},
                                   AzureRegion{"francecentral", "francesouth", 5},
                                   AzureRegion{"uksouth", "ukwest", 6},
                                   AzureRegion{"swedencentral", "swedensouth", 3},
                                   AzureRegion{"switzerlandnorth", "switzerlandwest", 3},
                                   AzureRegion{"eastus", "westus", 12},
                                   AzureRegion{"eastus2", "centralus", 8},
                                   AzureRegion{"westus2", "westcentralus", 6},
                                   AzureRegion{"centralus", "eastus2", 4},
                                   AzureRegion{"canadacentral", "canadaeast", 3},
                                   AzureRegion{"brazilsouth", "southcentralus", 3},
                                   AzureRegion{"southeastasia", "eastasia", 4},
                                   AzureRegion{"japaneast", "japanwest", 4},
                                   AzureRegion{"australiaeast", "australiasoutheast", 3},
                                   AzureRegion{"centralindia", "southindia", 3}};

const AzureRegion &pickAzureRegion(Rng &r)
{
    int total = 0;
    for (const AzureRegion &a : kAzureRegions)
        total += a.weight;
    int x = int(r.below(std::size_t(total)));
    for (const AzureRegion &a : kAzureRegions) {
        if (x < a.weight) return a;
        x -= a.weight;
    }
    return kAzureRegions.back();
}

struct AzureTenancy
{
    std::array<S, 4> subscriptions;
    S tenant;
    explicit AzureTenancy(u64 seed)
    {
        Rng r(mix64(seed ^ 0xA2E));
        tenant.uuid(r);
        for (S &s : subscriptions)
            s.uuid(r);
    }
};

enum AzureType : std::size_t {
    AzStorage,
    AzVm,
    AzDisk,
    AzSqlDb,
    AzSqlServer,
    AzCognitive,
    AzWeb,
    AzVnet,
    AzNsg,
    AzWorkspace,
    AzKeyVault,
    AzCdn,
    AzTrafficManager,
    AzInsights
};
constexpr std::array kAzureTypes{Weighted{"Microsoft.Storage/storageAccounts", 18},
                                 Weighted{"Microsoft.Compute/virtualMachines", 15},
                                 Weighted{"Microsoft.Compute/disks", 12},
                                 Weighted{"Microsoft.Sql/servers/databases", 8},
                                 Weighted{"Microsoft.Sql/servers", 3},
                                 Weighted{"Microsoft.CognitiveServices/accounts", 3},
                                 Weighted{"Microsoft.Web/sites", 10},
                                 Weighted{"Microsoft.Network/virtualNetworks", 6},
                                 Weighted{"Microsoft.Network/networkSecurityGroups", 6},
                                 Weighted{"Microsoft.OperationalInsights/workspaces", 5},
                                 Weighted{"Microsoft.KeyVault/vaults", 5},
                                 Weighted{"Microsoft.Cdn/profiles", 2},
                                 Weighted{"Microsoft.Network/trafficmanagerprofiles", 2},
                                 Weighted{"Microsoft.Insights/components", 5}};

bool azureHoldsData(std::size_t t)
{
    return t == AzStorage || t == AzVm || t == AzDisk || t == AzSqlDb || t == AzCognitive ||
           t == AzWeb || t == AzWorkspace || t == AzInsights;
}

// The Azure resource name for a generated resource (type-specific naming rules).
S azureName(const Basics &b)
{
    S s;
    switch (b.type) {
    case AzStorage: // 3-24 lower-case letters and digits
        s << "st";
        for (char c : b.team)
            if (c != '-' && s.size() < 11) s << c;
        s << b.env[0];
        s.pad(b.index, 7);
        break;
    case AzVm:
        s << "vm-" << b.name;
        break;
    case AzDisk:
        s << "osdisk-" << b.name;
        break;
    case AzSqlServer:
        s << "sql-" << b.team << '-' << b.env << '-';
        s.pad(b.index, 6);
        break;
    case AzCognitive:
        s << "oai-" << b.name;
        break;
    case AzWeb:
        s << "app-" << b.name;
        break;
    case AzVnet:
        s << "vnet-" << b.name;
        break;
    case AzNsg:
        s << "nsg-" << b.name;
        break;
    case AzWorkspace:
        s << "log-" << b.name;
        break;
    case AzKeyVault:
        s << "kv-" << b.team.substr(0, 6) << '-';
        s.pad(b.index, 7);
        break;
    case AzCdn:
        s << "afd-" << b.name;
        break;
    case AzTrafficManager:
        s << "tm-" << b.name;
        break;
    case AzInsights:
        s << "appi-" << b.name;
        break;
    default:
        s << b.name;
        break; // databases: prefixed by the server below
    }
    return s;
}

// Where a resource lives: drawn right after basics(), so a database can find its server's.
struct AzurePlacement
{
    const AzureRegion *region;
    std::size_t subscription;
    S resourceGroup; // rg-payments-prod-02: a group spans regions, as real ones do
};

AzurePlacement azurePlacement(Rng &r, const Basics &b, std::size_t subscriptions)
{
    AzurePlacement p{&pickAzureRegion(r), r.below(subscriptions), {}};
    p.resourceGroup << "rg-" << b.team << '-' << b.env << '-';
    p.resourceGroup.pad(1 + r.below(4), 2);
    return p;
}

// `microsecondsFrom` → "2022-02-24T10:07:14.668422+00:00"
S azureTime(i64 us)
{
    S s;
    dateTime(s, us / 1000000) << '.';
    s.pad(u64(us % 1000000), 6) << "+00:00";
    return s;
}

void azureResource(Json &j, const Options &o, const AzureTenancy &ten, u64 i)
{
    Rng r = resourceRng(o.seed, i);
    const Basics b = basics(r, kAzureTypes, i);
    const std::size_t t = b.type;
    AzurePlacement place = azurePlacement(r, b, ten.subscriptions.size());
    const DataTags tags = dataTags(r, azureHoldsData(t));
    const bool tagged = !tags.classification.empty() || tags.dataset >= 0 || r.chance(0.35);
    const i64 createdUs = createdMs(r) * 1000 + i64(r.below(1000));
    const i64 changedUs =
        std::max(createdUs, kCaptureBase * 1000000 - i64(r.below(300 * 86400 * 1000000ull)));
    S name = azureName(b);
    if (t == AzSqlDb) {
        // servers/databases: "<server>/<db>", on a generated server (and in its resource group,
        // subscription and region) when there is one
        Basics server;
        S serverName;
        const i64 s = findOther(o.seed, o.count, i, AzSqlServer, kAzureTypes, r, &server);
        if (s >= 0) {
            serverName = azureName(server);
            Rng sr = resourceRng(o.seed, u64(s));
            (void)basics(sr, kAzureTypes, u64(s));
            place = azurePlacement(sr, server, ten.subscriptions.size());
        } else {
            serverName << "sql-" << b.team << '-' << b.env << "-shared";
        }
        name.clear();
        name << serverName << '/' << b.noun << "-db-";
        name.pad(i, 6);
    }
    const std::string_view location = t == AzCdn              ? "Global"sv
                                      : t == AzTrafficManager ? "global"sv
                                                              : place.region->code;
    const S &rg = place.resourceGroup;
    const S &sub = ten.subscriptions[place.subscription];
    S id;
    id << "/subscriptions/" << sub << "/resourceGroups/" << rg << "/providers/";
    if (t == AzSqlDb) {
        const std::string_view n = name.view();
        const std::size_t slash = n.find('/');
        id << "Microsoft.Sql/servers/" << n.substr(0, slash) << "/databases/"
           << n.substr(slash + 1);
    } else {
        id << kAzureTypes[t].value << '/' << name;
    }

    j.beginObject();
    j.kv("changedTime", azureTime(changedUs));
    j.kv("createdTime", azureTime(createdUs));
    j.knull("extendedLocation");
    j.kv("id", id);
    j.key("identity");
    if ((t == AzVm || t == AzWeb || t == AzCognitive) && r.chance(0.4)) {
        S principal;
        principal.uuid(r);
        j.beginObject();
        j.kv("principalId", principal);
        j.kv("tenantId", ten.tenant);
        j.kv("type", "SystemAssigned");
        j.endObject();
    } else {
        j.null();
    }
    j.key("kind");
    switch (t) {
    case AzStorage:
        j.str(r.chance(0.9) ? "StorageV2"sv : "BlobStorage"sv);
        break;
    case AzSqlDb:
        j.str("v12.0,user,vcore");
        break;
    case AzSqlServer:
        j.str("v12.0");
        break;
    case AzCognitive:
        j.str(
            r.pick(std::array{"OpenAI"sv, "OpenAI"sv, "CognitiveServices"sv, "FormRecognizer"sv}));
        break;
    case AzWeb:
        j.str(r.pick(std::array{"app,linux"sv, "functionapp,linux"sv, "app"sv}));
        break;
    case AzInsights:
        j.str("web");
        break;
    default:
        j.null();
        break;
    }
    j.kv("location", location);
    j.key("managedBy");
    if (t == AzDisk && r.chance(0.9)) {
        // the VM that owns the disk; Azure upper-cases the resource group here
        S vm;
        vm << "/subscriptions/" << sub << "/resourceGroups/";
        for (char c : rg.view())
            vm << (c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
        vm << "/providers/Microsoft.Compute/virtualMachines/vm-" << b.name;
        j.str(vm);
    } else {
        j.null();
    }
    j.kv("name", name);
    j.knull("plan");
    j.knull("properties");
    j.kv("provisioningState", r.chance(0.98) ? "Succeeded"sv : "Updating"sv);
    j.kv("resourceGroup", rg);
    j.key("sku");
    switch (t) {
    case AzStorage:
        j.beginObject();
        j.kv("name", r.pick(std::array{"Standard_LRS"sv, "Standard_GRS"sv, "Standard_RAGRS"sv,
                                       "Standard_ZRS"sv, "Standard_GZRS"sv, "Premium_LRS"sv,
                                       "Standard_LRS"sv, "Standard_GRS"sv}));
        j.kv("tier", "Standard");
        j.endObject();
        break;
    case AzDisk:
        j.beginObject();
        j.kv("name", r.chance(0.6) ? "Premium_LRS"sv : "StandardSSD_LRS"sv);
        j.kv("tier", r.chance(0.6) ? "Premium"sv : "Standard"sv);
        j.endObject();
        break;
    case AzSqlDb:
        j.beginObject();
        j.kn("capacity", r.pick(std::array{2, 4, 8}));
        j.kv("family", "Gen5");
        j.kv("name", "GP_Gen5");
        j.kv("tier", "GeneralPurpose");
        j.endObject();
        break;
    case AzCognitive:
        j.beginObject();
        j.kv("name", "S0");
        j.endObject();
        break;
    case AzKeyVault:
        j.beginObject();
        j.kv("family", "A");
        j.kv("name", "standard");
        j.endObject();
        break;
    case AzCdn:
        j.beginObject();
        j.kv("name", "Standard_AzureFrontDoor");
        j.endObject();
        break;
    default:
        j.null();
        break;
    }
    if (tagged)
        tagObject(j, "tags", b, tags);
    else
        j.kEmptyObject("tags");
    j.kv("type", kAzureTypes[t].value);
    j.endObject();
}

void generateAzure(Out &out, const Options &o)
{
    const AzureTenancy ten(o.seed);
    Json j(out, true);
    j.beginArray();
    for (u64 i = 0; i < o.count; ++i)
        azureResource(j, o, ten, i);
    j.endArray();
    j.putNewline();
}

// ---- Terraform state v4 --------------------------------------------------------------------

enum TfType : std::size_t {
    TfS3,
    TfDb,
    TfInstance,
    TfLambda,
    TfSageMaker,
    TfLogGroup,
    TfSubnet,
    TfRole,
    TfReplication,
    TfAzureStorage,
    TfGcsBucket
};
constexpr std::array kTfTypes{Weighted{"aws_s3_bucket", 18},
                              Weighted{"aws_db_instance", 8},
                              Weighted{"aws_instance", 20},
                              Weighted{"aws_lambda_function", 10},
                              Weighted{"aws_sagemaker_endpoint", 2},
                              Weighted{"aws_cloudwatch_log_group", 8},
                              Weighted{"aws_subnet", 8},
                              Weighted{"aws_iam_role", 10},
                              Weighted{"aws_s3_bucket_replication_configuration", 1},
                              Weighted{"azurerm_storage_account", 8},
                              Weighted{"google_storage_bucket", 7}};

bool tfHoldsData(std::size_t t)
{
    return t != TfSubnet && t != TfRole && t != TfReplication;
}

// Typical `private` blobs (base64 of the provider's timeouts / schema version JSON).
constexpr std::string_view kPrivateSchema1 = "eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==";
constexpr std::string_view kPrivateInstance =
    "eyJlMmJmYjczMC1lY2FhLTExZTYtOGY4OC0zNDM2M2JjN2M0YzAiOnsiY3JlYXRlIjo2MDAwMDAwMDAwMDAsImRlbGV0ZS"
    "I6MTIw"
    "MDAwMDAwMDAwMCwidXBkYXRlIjo2MDAwMDAwMDAwMDB9LCJzY2hlbWFfdmVyc2lvbiI6IjEifQ==";
constexpr std::string_view kPrivateDb =
    "eyJlMmJmYjczMC1lY2FhLTExZTYtOGY4OC0zNDM2M2JjN2M0YzAiOnsiY3JlYXRlIjoyNDAwMDAwMDAwMDAwLCJkZWxldG"
    "UiOjM2"
    "MDAwMDAwMDAwMDAsInVwZGF0ZSI6NDgwMDAwMDAwMDAwMH0sInNjaGVtYV92ZXJzaW9uIjoiMiJ9";
constexpr std::string_view kPrivateAzure = "eyJlMmJmYjczMC1lY2FhLTExZTYtOGY4OC0zNDM2M2JjN2M0YzAiOns"
                                           "iY3JlYXRlIjozNjAwMDAwMDAwMDAwLCJkZWxldGUiOjM2"
                                           "MDAwMDAwMDAwMDAsInJlYWQiOjMwMDAwMDAwMDAwMCwidXBkYXRlIjo"
                                           "zNjAwMDAwMDAwMDAwfSwic2NoZW1hX3ZlcnNpb24iOiI0In0=";
constexpr std::string_view kPrivateGoogle = "eyJlMmJmYjczMC1lY2FhLTExZTYtOGY4OC0zNDM2M2JjN2M0YzAiOn"
                                            "siY3JlYXRlIjoyNDAwMDAwMDAwMDAsImRlbGV0ZSI6MjQw"
                                            "MDAwMDAwMDAwLCJ1cGRhdGUiOjI0MDAwMDAwMDAwMH19";

void tfResource(Json &j, const Options &o, const AwsAccounts &acc, const AzureTenancy &ten,
                const GcpProjects &proj, u64 i)
{
    Rng r = resourceRng(o.seed, i);
    const Basics b = basics(r, kTfTypes, i);
    const std::size_t t = b.type;
    const AwsRegion &reg = pickAwsRegion(r);
    const std::string_view account = acc.ids[r.below(acc.ids.size())];
    DataTags tags = dataTags(r, tfHoldsData(t));
    const bool aws = t <= TfReplication;
    tags.name = aws && r.chance(0.3);
    const bool v6Region = aws && t != TfRole && r.chance(0.5); // AWS provider v6 `region`
    const bool alias = aws && r.chance(0.1);
    const bool defaultTags = r.chance(0.6); // provider default_tags → tags_all
    const i64 createdSecs = createdMs(r) / 1000;
    S az;
    az << reg.code << reg.azLetters[r.below(reg.azLetters.size())];

    auto awsTags = [&] {
        tagObject(j, "tags", b, tags);
        tagObject(j, "tags_all", b, tags, defaultTags);
    };
    auto region = [&] {
        if (v6Region) j.kv("region", reg.code);
    };

    j.beginObject();
    j.kv("mode", "managed");
    j.kv("type", kTfTypes[t].value);
    j.kv("name", b.name);
    S provider;
    if (aws)
        provider << "provider[\"registry.terraform.io/hashicorp/aws\"]";
    else if (t == TfAzureStorage)
        provider << "provider[\"registry.terraform.io/hashicorp/azurerm\"]";
    else
        provider << "provider[\"registry.terraform.io/hashicorp/google\"]";
    if (alias) {
        provider << '.';
        for (char c : reg.code)
            provider << (c == '-' ? '_' : c);
    }
    j.kv("provider", provider);
    j.key("instances").beginArray();
    j.beginObject();
    const int schemaVersion = t == TfDb                          ? 2
                              : t == TfInstance || t == TfSubnet ? 1
                              : t == TfAzureStorage              ? 4
                              : t == TfGcsBucket                 ? 1
                                                                 : 0;
    j.kn("schema_version", schemaVersion);
    j.key("attributes").beginObject();

    S arn;
    std::string_view privateBlob = kPrivateSchema1;
    S dep1, dep2, dep3; // dependencies (addresses)
    switch (t) {
    case TfS3: {
        arn << "arn:aws:s3:::" << b.name;
        S domain, regional;
        domain << b.name << ".s3.amazonaws.com";
        regional << b.name << ".s3." << reg.code << ".amazonaws.com";
        j.knull("acl");
        j.kv("arn", arn);
        j.kv("bucket", b.name);
        j.kv("bucket_domain_name", domain);
        j.kv("bucket_regional_domain_name", regional);
        j.kb("force_destroy", false);
        j.kv("id", b.name);
        j.kv("region", reg.code); // aws_s3_bucket always had it
        awsTags();
        break;
    }
    case TfDb: {
        S resourceId, address, endpoint;
        resourceId << "db-";
        resourceId.base32(mix64(i + 0x5D5), 13).base32(r.next(), 13);
        arn << "arn:aws:rds:" << reg.code << ':' << account << ":db:" << b.name;
        address << b.name << ".c";
        address.hex(mix64(u64(reg.code[3]) * 977 + u64(account[11])), 11);
        address << '.' << reg.code << ".rds.amazonaws.com";
        endpoint << address << ":5432";
        j.kn("allocated_storage", 20 * (1 + r.below(50)));
        j.kv("arn", arn);
        j.kv("availability_zone", az);
        j.kv("endpoint", endpoint);
        j.kv("engine", "postgres");
        j.kv("id", resourceId);
        j.kv("identifier", b.name);
        j.kv("instance_class", r.pick(kDbClasses));
        j.kb("multi_az", r.chance(0.3));
        region();
        j.kb("storage_encrypted", true);
        awsTags();
        privateBlob = kPrivateDb;
        break;
    }
    case TfInstance: {
        S id = awsHexId("i-", i, 0xEC2);
        arn << "arn:aws:ec2:" << reg.code << ':' << account << ":instance/" << id;
        const S ip = ipv4(r);
        S dns;
        dns << "ip-";
        for (char c : ip.view())
            dns << (c == '.' ? '-' : c);
        dns << '.' << reg.code << ".compute.internal";
        j.kv("ami", awsRandomHexId("ami-", r));
        j.kv("arn", arn);
        j.kv("availability_zone", az);
        j.kv("id", id);
        j.kv("instance_state", "running");
        j.kv("instance_type", r.pick(kInstanceTypes));
        j.kv("private_dns", dns);
        j.kv("private_ip", ip);
        region();
        j.kv("subnet_id", awsRandomHexId("subnet-", r));
        awsTags();
        j.kStrings("vpc_security_group_ids", {awsRandomHexId("sg-", r)});
        privateBlob = kPrivateInstance;
        Basics other;
        if (findOther(o.seed, o.count, i, TfSubnet, kTfTypes, r, &other) >= 0)
            dep1 << "aws_subnet." << other.name;
        break;
    }
    case TfLambda: {
        arn << "arn:aws:lambda:" << reg.code << ':' << account << ":function:" << b.name;
        S role, last;
        role << "arn:aws:iam::" << account << ":role/" << b.team << "-lambda-role";
        dateTime(last, createdSecs) << ".000+0000";
        j.kStrings("architectures", {r.chance(0.4) ? "arm64"sv : "x86_64"sv});
        j.kv("arn", arn);
        j.kv("function_name", b.name);
        j.kv("handler", "app.handler");
        j.kv("id", b.name);
        j.kv("last_modified", last);
        j.kn("memory_size", r.pick(std::array{128, 256, 512, 1024, 2048}));
        region();
        j.kv("role", role);
        j.kv("runtime", r.pick(kRuntimes));
        awsTags();
        j.kn("timeout", r.pick(std::array{3, 30, 60, 300, 900}));
        Basics other;
        if (findOther(o.seed, o.count, i, TfRole, kTfTypes, r, &other) >= 0)
            dep1 << "aws_iam_role." << other.name;
        break;
    }
    case TfSageMaker: {
        arn << "arn:aws:sagemaker:" << reg.code << ':' << account << ":endpoint/" << b.name;
        S cfg;
        cfg << b.name << "-config";
        j.kv("arn", arn);
        j.kEmptyArray("deployment_config");
        j.kv("endpoint_config_name", cfg);
        j.kv("id", b.name);
        j.kv("name", b.name);
        region();
        awsTags();
        break;
    }
    case TfLogGroup:
        arn << "arn:aws:logs:" << reg.code << ':' << account << ":log-group:" << b.name;
        j.kv("arn", arn);
        j.kv("id", b.name);
        j.kv("log_group_class", "STANDARD");
        j.kv("name", b.name);
        region();
        j.kn("retention_in_days", r.pick(std::array{7, 14, 30, 90, 365, 3653}));
        awsTags();
        break;
    case TfSubnet: {
        S id = awsHexId("subnet-", i, 0x5B), cidr, azId;
        arn << "arn:aws:ec2:" << reg.code << ':' << account << ":subnet/" << id;
        cidr << "10." << r.below(256) << '.' << (16 * r.below(16)) << ".0/20";
        for (char c : reg.code)
            if (c != '-') azId << c;
        azId << "-az" << (1 + r.below(3));
        j.kv("arn", arn);
        j.kv("availability_zone", az);
        j.kv("availability_zone_id", azId);
        j.kv("cidr_block", cidr);
        j.kv("id", id);
        j.kb("map_public_ip_on_launch", false);
        j.kv("owner_id", account);
        region();
        awsTags();
        j.kv("vpc_id", awsRandomHexId("vpc-", r));
        break;
    }
    case TfRole: {
        S roleId, policy;
        roleId << "AROA";
        roleId.base32(mix64(i + 0x1A), 13).base32(r.next(), 4);
        arn << "arn:aws:iam::" << account << ":role/" << b.name;
        policy << "{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                  "\"Principal\":{\"Service\":\""
               << r.pick(kServices) << "\"}}],\"Version\":\"2012-10-17\"}";
        S managed;
        managed << "arn:aws:iam::aws:policy/" << r.pick(kPolicies);
        j.kv("arn", arn);
        j.kv("assume_role_policy", policy);
        j.kv("create_date", isoSec(createdSecs));
        j.kv("id", b.name);
        j.kStrings("managed_policy_arns", {managed});
        j.kv("name", b.name);
        j.kv("path", "/");
        awsTags();
        j.kv("unique_id", roleId);
        break;
    }
    case TfReplication: {
        // source and destination: two other generated buckets
        Basics src, dst;
        const bool haveSrc = findOther(o.seed, o.count, i, TfS3, kTfTypes, r, &src) >= 0;
        bool haveDst = findOther(o.seed, o.count, i, TfS3, kTfTypes, r, &dst) >= 0;
        for (int tries = 0; haveSrc && haveDst && dst.index == src.index && tries < 8; ++tries)
            haveDst = findOther(o.seed, o.count, i, TfS3, kTfTypes, r, &dst) >= 0;
        S srcName, dstArn, role;
        if (haveSrc)
            srcName << src.name;
        else
            srcName << b.name << "-source";
        dstArn << "arn:aws:s3:::";
        if (haveDst && !(haveSrc && dst.index == src.index))
            dstArn << dst.name;
        else
            dstArn << b.name << "-replica";
        role << "arn:aws:iam::" << account << ":role/s3-replication-" << b.team;
        j.kv("bucket", srcName);
        j.kv("id", srcName);
        region();
        j.kv("role", role);
        j.key("rule").beginArray();
        j.beginObject();
        j.kEmptyArray("delete_marker_replication");
        j.key("destination").beginArray();
        j.beginObject();
        j.kEmptyArray("access_control_translation");
        j.kv("account", "");
        j.kv("bucket", dstArn);
        j.kEmptyArray("encryption_configuration");
        j.kEmptyArray("metrics");
        j.kEmptyArray("replication_time");
        j.kv("storage_class", "STANDARD");
        j.endObject();
        j.endArray();
        j.kEmptyArray("existing_object_replication");
        j.kEmptyArray("filter");
        j.kv("id", "r1");
        j.kv("prefix", "");
        j.kn("priority", 0);
        j.kEmptyArray("source_selection_criteria");
        j.kv("status", "Enabled");
        j.endObject();
        j.endArray();
        j.knull("token");
        if (haveSrc) dep1 << "aws_s3_bucket." << src.name;
        if (haveDst && !(haveSrc && dst.index == src.index)) dep2 << "aws_s3_bucket." << dst.name;
        Basics roleRes;
        if (findOther(o.seed, o.count, i, TfRole, kTfTypes, r, &roleRes) >= 0)
            dep3 << "aws_iam_role." << roleRes.name;
        break;
    }
    case TfAzureStorage: {
        Basics asStorage = b;
        asStorage.type = AzStorage;
        const S name = azureName(asStorage);
        const AzurePlacement place = azurePlacement(r, b, ten.subscriptions.size());
        const AzureRegion &areg = *place.region;
        const S &rg = place.resourceGroup;
        const std::string_view replication =
            r.pick(std::array{"LRS"sv, "GRS"sv, "GRS"sv, "ZRS"sv, "RAGRS"sv, "LRS"sv});
        const bool geo = replication == "GRS"sv || replication == "RAGRS"sv;
        S id, blob;
        id << "/subscriptions/" << ten.subscriptions[place.subscription] << "/resourceGroups/" << rg
           << "/providers/Microsoft.Storage/storageAccounts/" << name;
        blob << "https://" << name << ".blob.core.windows.net/";
        j.kv("account_kind", "StorageV2");
        j.kv("account_replication_type", replication);
        j.kv("account_tier", "Standard");
        j.kv("id", id);
        j.kv("location", areg.code);
        j.kv("name", name);
        j.kv("primary_blob_endpoint", blob);
        j.kv("primary_location", areg.code);
        j.kv("resource_group_name", rg);
        j.kv("secondary_location", geo ? areg.pair : ""sv);
        tagObject(j, "tags", b, tags);
        privateBlob = kPrivateAzure; // no dependency: the resource group is not in this state
        break;
    }
    default: { // google_storage_bucket
        const GcpRegion &greg = pickGcpRegion(r);
        const std::size_t p = proj.forTeam(b.team, r);
        S loc, selfLink, url;
        const std::string_view multi = pickWeighted(r, kGcsMulti);
        if (multi.empty() || multi.size() == 4)
            for (char c : greg.code)
                loc << (c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
        else
            loc << multi;
        selfLink << "https://www.googleapis.com/storage/v1/b/" << b.name;
        url << "gs://" << b.name;
        tagObject(j, "effective_labels", b, tags, true, true);
        j.kv("id", b.name);
        tagObject(j, "labels", b, tags, false, true);
        j.kv("location", loc);
        j.kv("name", b.name);
        j.kv("project", proj.id[p]);
        j.kv("self_link", selfLink);
        j.kv("storage_class", "STANDARD");
        tagObject(j, "terraform_labels", b, tags, true, true);
        j.kb("uniform_bucket_level_access", true);
        j.kv("url", url);
        privateBlob = kPrivateGoogle;
        break;
    }
    }
    j.endObject(); // attributes
    j.kEmptyArray("sensitive_attributes");
    j.kv("private", privateBlob);
    if (dep1.size() || dep2.size() || dep3.size()) {
        j.key("dependencies").beginArray();
        for (const S *d : {&dep1, &dep2, &dep3})
            if (d->size()) j.str(*d);
        j.endArray();
    }
    j.endObject(); // instance
    j.endArray();
    j.endObject();
}

void generateTerraform(Out &out, const Options &o)
{
    const AwsAccounts acc(o.seed);
    const AzureTenancy ten(o.seed);
    const GcpProjects proj(o.seed);
    Rng file(mix64(o.seed ^ 0x7F5));
    Json j(out, true);
    j.beginObject();
    j.kn("version", 4);
    j.kv("terraform_version", "1.9.5");
    j.kn("serial", 1 + file.below(2000));
    S lineage;
    lineage.uuid(file);
    j.kv("lineage", lineage);
    j.kEmptyObject("outputs");
    j.key("resources").beginArray();
    for (u64 i = 0; i < o.count; ++i)
        tfResource(j, o, acc, ten, proj, i);
    j.endArray();
    j.knull("check_results");
    j.endObject();
    j.putNewline();
}

// ---- CSV -----------------------------------------------------------------------------------

constexpr std::array kCsvKinds{Weighted{"storage", 20},       Weighted{"database", 12},
                               Weighted{"application", 20},   Weighted{"analytics", 8},
                               Weighted{"training", 4},       Weighted{"inference", 5},
                               Weighted{"logging", 8},        Weighted{"observability", 4},
                               Weighted{"backup", 5},         Weighted{"feature_pipeline", 3},
                               Weighted{"model_registry", 2}, Weighted{"telemetry", 3},
                               Weighted{"ci_cd", 3},          Weighted{"saas", 3}};
constexpr std::array kCsvClouds{Weighted{"aws", 45}, Weighted{"azure", 25}, Weighted{"gcp", 22},
                                Weighted{"oci", 3}, Weighted{"country", 5}};
constexpr std::array kOciRegions{"eu-frankfurt-1"sv, "eu-amsterdam-1"sv, "uk-london-1"sv,
                                 "us-ashburn-1"sv};
constexpr std::array kCountries{"DE"sv, "FR"sv, "GB"sv, "US"sv, "IN"sv, "IE"sv};
constexpr std::array kRestrictedCategories{"personal"sv,   "health"sv,    "payment"sv,
                                           "financial"sv,  "biometric"sv, "children"sv,
                                           "credentials"sv};
constexpr std::array kSensitiveCategories{"personal"sv, "contracts"sv, "source_code"sv, "prompts"sv,
                                          "model_outputs"sv};
constexpr std::array kOperationalCategories{"logs"sv, "metrics"sv, "usage"sv, "tool_traces"sv};
constexpr std::array kPublicCategories{"public_web"sv, "synthetic"sv, "licensed"sv};

// RFC 4180: quote a field holding a comma, a quote or a line break; double the quotes.
void csvField(Out &out, std::string_view v)
{
    if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
        out.put(v);
        return;
    }
    out.put('"');
    for (char c : v) {
        if (c == '"') out.put('"');
        out.put(c);
    }
    out.put('"');
}

void csvRow(Out &out, const Options &o, u64 i)
{
    Rng r = resourceRng(o.seed, i);
    // the type slot of basics() picks the kind
    const Basics b = basics(r, kCsvKinds, i);
    const std::string_view kind = kCsvKinds[b.type].value;
    const bool saas = kind == "saas"sv;

    // display name: "Payments ledger prod 4213", some with a comma or quotes
    S name;
    name << char(b.team[0] - 'a' + 'A') << b.team.substr(1) << ' ' << b.noun;
    const double style = double(r.below(1000)) / 1000.0;
    if (style < 0.10)
        name << ", " << b.env << ' ' << i;
    else if (style < 0.11)
        name << " \"" << b.env << "\" " << i;
    else
        name << ' ' << b.env << ' ' << i;

    S location;
    std::string_view op;
    const std::string_view cloud = saas ? "country"sv : pickWeighted(r, kCsvClouds);
    if (cloud == "aws"sv) {
        const AwsRegion &reg = pickAwsRegion(r);
        location << "aws:" << reg.code;
        if (r.chance(0.1)) location << reg.azLetters[r.below(reg.azLetters.size())];
        op = "aws"sv;
    } else if (cloud == "azure"sv) {
        location << "azure:" << pickAzureRegion(r).code;
        op = "azure"sv;
    } else if (cloud == "gcp"sv) {
        const GcpRegion &reg = pickGcpRegion(r);
        const double g = double(r.below(100)) / 100.0;
        if (g < 0.1)
            location << "gcp:" << (r.chance(0.6) ? "eu"sv : "us"sv);
        else if (g < 0.25)
            location << "gcp:" << reg.code << '-'
                     << reg.zoneLetters[r.below(reg.zoneLetters.size())];
        else
            location << "gcp:" << reg.code;
        op = "gcp"sv;
    } else if (cloud == "oci"sv) {
        location << "oci:" << r.pick(kOciRegions);
        op = "oci"sv;
    } else {
        location << r.pick(kCountries);
        op = saas ? ""sv : "self"sv;
    }
    if (!saas && cloud != "country"sv && r.chance(0.6))
        op = ""sv; // defaults to the region's operator

    const DataTags tags = dataTags(r, true);
    S categories;
    if (!tags.classification.empty() && r.chance(0.8)) {
        const std::string_view cls = tags.classification;
        const int n = cls == "restricted"sv ? r.between(1, 2) : 1;
        for (int k = 0; k < n; ++k) {
            std::string_view c = cls == "restricted"sv    ? r.pick(kRestrictedCategories)
                                 : cls == "sensitive"sv   ? r.pick(kSensitiveCategories)
                                 : cls == "operational"sv ? r.pick(kOperationalCategories)
                                                          : r.pick(kPublicCategories);
            if (k && categories.view() == c) break;
            if (k) categories << ';';
            categories << c;
        }
    }

    csvField(out, b.name);
    out.put(',');
    csvField(out, name);
    out.put(',');
    out.put(kind);
    out.put(',');
    out.put(location);
    out.put(',');
    out.put(tags.classification);
    out.put(',');
    if (tags.dataset >= 0) out.put(datasetId(tags.dataset));
    out.put(',');
    out.put(categories);
    out.put(',');
    out.put(tags.origin);
    out.put(',');
    out.put(op);
    out.put(',');
    out.put(saas ? "true"sv : (r.chance(0.3) ? "false"sv : ""sv));
    out.put(',');
    if (r.chance(0.5)) {
        S t;
        t << "team=" << b.team << ";env=" << b.env;
        csvField(out, t);
    }
    out.put("\r\n"sv);
}

void generateCsv(Out &out, const Options &o)
{
    out.put(
        "id,name,kind,location,classification,dataset,categories,origin,operator,external,tags\r\n"sv);
    for (u64 i = 0; i < o.count; ++i)
        csvRow(out, o, i);
}

// ---- main ----------------------------------------------------------------------------------

[[noreturn]] void usage(const char *message)
{
    if (message) std::fprintf(stderr, "gen_exports: %s\n", message);
    std::fprintf(stderr, "usage: gen_exports FORMAT COUNT OUT_PATH [--seed N]\n"
                         "  FORMAT: aws-config | gcp-assets | azure | terraform | csv\n"
                         "  COUNT:  number of resources (configuration items, assets, rows)\n");
    std::exit(2);
}

u64 parseNumber(const char *text, const char *what)
{
    u64 v = 0;
    const char *end = text + std::strlen(text);
    auto [ptr, ec] = std::from_chars(text, end, v);
    if (ec != std::errc() || ptr != end || ptr == text) {
        std::fprintf(stderr, "gen_exports: %s needs a non-negative integer, got '%s'\n", what,
                     text);
        std::exit(2);
    }
    return v;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    int positional = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") usage(nullptr);
        if (arg == "--seed") {
            if (i + 1 >= argc) usage("missing value after --seed");
            o.seed = parseNumber(argv[++i], "--seed");
        } else if (arg.starts_with("--")) {
            usage("unknown option");
        } else if (positional == 0) {
            o.format = arg;
            ++positional;
        } else if (positional == 1) {
            o.count = parseNumber(argv[i], "COUNT");
            ++positional;
        } else if (positional == 2) {
            o.out = arg;
            ++positional;
        } else {
            usage("too many arguments");
        }
    }
    if (positional != 3) usage("FORMAT, COUNT and OUT_PATH are required");
    void (*generate)(Out &, const Options &) = nullptr;
    if (o.format == "aws-config")
        generate = generateAwsConfig;
    else if (o.format == "gcp-assets")
        generate = generateGcpAssets;
    else if (o.format == "azure")
        generate = generateAzure;
    else if (o.format == "terraform")
        generate = generateTerraform;
    else if (o.format == "csv")
        generate = generateCsv;
    else
        usage("FORMAT must be aws-config, gcp-assets, azure, terraform or csv");

    std::FILE *f = std::fopen(o.out.c_str(), "wb");
    if (!f) {
        std::perror(o.out.c_str());
        return 1;
    }
    Out out(f);
    generate(out, o);
    out.flush();
    if (std::fclose(f) != 0 || !out.ok()) {
        std::perror(o.out.c_str());
        return 1;
    }
    std::fprintf(stderr,
                 "gen_exports: wrote %s (%s, %llu resources, %llu bytes, %.0f bytes/resource)\n",
                 o.out.c_str(), o.format.c_str(), static_cast<unsigned long long>(o.count),
                 static_cast<unsigned long long>(out.bytes()),
                 o.count ? double(out.bytes()) / double(o.count) : 0.0);
    return 0;
}
