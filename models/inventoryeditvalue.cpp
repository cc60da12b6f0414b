#include "inventoryeditvalue.h"

#include "inventoryvalidation.h"
#include "location.h"

#include <cmath>
#include <type_traits>

namespace atlas {

namespace {

// A field the value shows set or absent (a string, a list, an optional): its bit follows it.
void follow(FieldMask &present, FieldMask bit, bool shown)
{
    present = shown ? present | bit : present & ~bit;
}

// A field with no visible "absent" (an enum with a default, a boolean): set by the caller's
// bit or by a value other than the default.
void atLeast(FieldMask &present, FieldMask bit, bool shown)
{
    if (shown)
        present |= bit;
}

class ValueChecks
{
public:
    ValueChecks(const SourceRef &at, const QString &file, Diagnostics &diagnostics)
        : m_at(at), m_file(file), m_diagnostics(diagnostics)
    {
    }

    void error(const QString &message) const
    {
        m_diagnostics.append(Diagnostic{Severity::Error, m_file, m_at.line, m_at.column, message});
    }
    // An invalid id is reported and dropped, its field still present (not also "missing").
    void id(QString &id) const
    {
        if (!id.isEmpty() && !isValidId(id)) {
            error(invalidIdMessage(id));
            id.clear();
        }
    }
    void ids(DatasetRefs &refs) const
    {
        std::erase_if(refs, [&](const DatasetRef &ref) {
            if (isValidId(ref.id))
                return false;
            error(invalidIdMessage(ref.id));
            return true;
        });
        for (DatasetRef &ref : refs)
            ref.source = m_at;
    }
    // A location with a syntax error is reported and kept, as the reader keeps it.
    void location(const QString &reference) const
    {
        if (reference.isEmpty())
            return;
        if (auto problem = locationSyntaxError(reference))
            error(*problem);
    }
    template <typename N> void minimum(std::optional<N> &value, const char *name) const
    {
        if (!value)
            return;
        if constexpr (std::is_floating_point_v<N>) {
            if (!std::isfinite(*value)) {
                error(u'\'' + QString::fromLatin1(name) + QStringLiteral("' must be finite"));
                value.reset();
                return;
            }
        }
        if (*value < 0) {
            error(u'\'' + QString::fromLatin1(name) + QStringLiteral("' must be >= 0"));
            value.reset();
        }
    }
    // A value outside its vocabulary (a cast, a form built for an older table) has no name to
    // write: refused as the reader refuses an unknown name, with the allowed ones.
    template <typename E> void member(std::optional<E> &value, const char *name) const
    {
        if (!value || std::size_t(*value) < enumCount<E>())
            return;
        error(QStringLiteral("invalid value '%1' for '%2'; allowed: %3")
                  .arg(QString::number(int(*value)), QString::fromLatin1(name), allowedValues<E>()));
        value.reset();
    }
    // The format's dates are exactly YYYY-MM-DD: a year the format cannot write is refused with
    // the reader's message for the same text in a file.
    void date(QDate &value, const char *name) const
    {
        if (!value.isValid() || (value.year() >= 1 && value.year() <= 9999))
            return;
        const QString text = QStringLiteral("%1-%2-%3")
                                 .arg(value.year())
                                 .arg(value.month(), 2, 10, QLatin1Char('0'))
                                 .arg(value.day(), 2, 10, QLatin1Char('0'));
        error(u'\'' + QString::fromLatin1(name) + QStringLiteral("' value '") + text
              + QStringLiteral("' is not an ISO 8601 date (YYYY-MM-DD)"));
        value = QDate();
    }

private:
    const SourceRef &m_at;
    const QString &m_file;
    Diagnostics &m_diagnostics;
};

void prepare(Site &s, const SourceRef &at, const ValueChecks &check)
{
    namespace F = fields::site;
    follow(s.present, F::Id, !s.id.isEmpty());
    follow(s.present, F::Name, !s.name.isEmpty());
    follow(s.present, F::Country, !s.country.isEmpty());
    follow(s.present, F::Operator, !s.operatorId.isEmpty());
    s.source = at;
    check.id(s.id);
}

void prepare(Dataset &d, const SourceRef &at, const ValueChecks &check)
{
    namespace F = fields::dataset;
    follow(d.present, F::Id, !d.id.isEmpty());
    follow(d.present, F::Name, !d.name.isEmpty());
    atLeast(d.present, F::Classification, d.classification != Classification::Restricted);
    follow(d.present, F::Categories, !d.categories.isEmpty());
    follow(d.present, F::Origin, !d.origin.isEmpty());
    atLeast(d.present, F::Consent, d.consent.training || d.consent.analytics);
    follow(d.present, F::Retention, d.retentionDays.has_value());
    follow(d.present, F::Redacted, d.redacted.has_value());
    follow(d.present, F::Keys, d.keys.has_value());
    follow(d.present, F::Localisation, d.localisation.has_value());
    follow(d.present, F::TrainingBasis, d.trainingBasis.has_value());
    d.source = d.originSource = at;
    check.id(d.id);
    check.minimum(d.retentionDays, "retention_days");
    check.member(d.trainingBasis, "training_basis");
    if (d.keys) {
        d.keys->locationSource = at;
        check.location(d.keys->location);
    }
}

void prepare(Workload &w, const SourceRef &at, const ValueChecks &check)
{
    namespace F = fields::workload;
    follow(w.present, F::Id, !w.id.isEmpty());
    follow(w.present, F::Name, !w.name.isEmpty());
    atLeast(w.present, F::Kind, w.kind != WorkloadKind::Application);
    follow(w.present, F::Location, !w.location.isEmpty());
    follow(w.present, F::Operator, !w.operatorId.isEmpty());
    follow(w.present, F::OperatorHq, !w.operatorHq.isEmpty());
    follow(w.present, F::Holds, !w.holds.empty());
    atLeast(w.present, F::External, w.external);
    follow(w.present, F::Certifications, !w.certifications.isEmpty());
    follow(w.present, F::Tags, !w.tags.isEmpty());
    follow(w.present, F::GeoRedundant, w.geoRedundant.has_value());
    w.source = w.locationSource = at;
    check.id(w.id);
    check.location(w.location);
    if (!w.operatorId.isEmpty() && !w.operatorHq.isEmpty())
        check.error(bothOperatorsMessage());
    check.ids(w.holds);
}

void prepare(Flow &f, const SourceRef &at, const ValueChecks &check)
{
    namespace F = fields::flow;
    follow(f.present, F::Id, !f.id.isEmpty());
    follow(f.present, F::From, !f.from.isEmpty());
    follow(f.present, F::To, !f.to.isEmpty());
    follow(f.present, F::Carries, !f.carries.empty());
    atLeast(f.present, F::Form, f.form != FlowForm::Raw);
    follow(f.present, F::Purpose, f.purpose.has_value());
    atLeast(f.present, F::Basis, f.basis != Basis::None);
    follow(f.present, F::Encrypted, f.encrypted.has_value());
    follow(f.present, F::Protections, !f.protections.isEmpty());
    follow(f.present, F::Volume, f.volumeGbPerDay.has_value());
    follow(f.present, F::Notified, f.notified.has_value());
    follow(f.present, F::Assessed, f.assessed.isValid());
    f.source = f.fromSource = f.toSource = at;
    check.id(f.id);
    check.id(f.from);
    check.id(f.to);
    check.ids(f.carries);
    if ((f.present & F::Carries) && f.carries.empty()) // every id was invalid
        check.error(QStringLiteral("'carries' needs at least one dataset"));
    check.minimum(f.volumeGbPerDay, "volume_gb_per_day");
    check.date(f.assessed, "assessed");
    // The contract's default id, given only where none was written (not for an invalid one).
    if (!(f.present & F::Id) && !f.from.isEmpty() && !f.to.isEmpty())
        f.id = f.from + QStringLiteral("--") + f.to;
}

void prepare(Access &a, const SourceRef &at, const ValueChecks &check)
{
    namespace F = fields::access;
    follow(a.present, F::Id, !a.id.isEmpty());
    follow(a.present, F::Role, !a.role.isEmpty());
    follow(a.present, F::From, !a.from.isEmpty());
    follow(a.present, F::To, !a.to.isEmpty());
    follow(a.present, F::Datasets, !a.datasets.empty());
    follow(a.present, F::Purpose, !a.purpose.isEmpty());
    atLeast(a.present, F::Basis, a.basis != Basis::None);
    follow(a.present, F::Notified, a.notified.has_value());
    follow(a.present, F::Assessed, a.assessed.isValid());
    a.source = a.fromSource = a.toSource = at;
    check.id(a.id);
    check.location(a.from);
    check.id(a.to);
    check.ids(a.datasets);
    check.date(a.assessed, "assessed");
}

void prepare(Waiver &w, const SourceRef &at, const ValueChecks &check)
{
    namespace F = fields::waiver;
    follow(w.present, F::Rule, !w.rule.isEmpty());
    follow(w.present, F::Subject, !w.subject.isEmpty());
    follow(w.present, F::Reason, !w.reason.isEmpty());
    follow(w.present, F::ApprovedBy, !w.approvedBy.isEmpty());
    follow(w.present, F::Expires, w.expires.isValid());
    w.source = w.subjectSource = at;
    check.id(w.subject);
}

} // namespace

void prepareEditedValue(EntityValue &value, const SourceRef &at, const QString &file,
                        Diagnostics &diagnostics)
{
    const ValueChecks check(at, file, diagnostics);
    std::visit([&](auto &entity) { prepare(entity, at, check); }, value);
}

} // namespace atlas
