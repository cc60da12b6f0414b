#include "inventorywriter.h"

#include "inventoryreader.h"

namespace atlas {

namespace {

// Plain when YAML 1.2 (core schema) reads it back as the same string; else double-quoted.
QString scalar(const QString &s)
{
    static const QStringList reserved{QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("null"),
                                      QStringLiteral("True"), QStringLiteral("False"), QStringLiteral("Null"),
                                      QStringLiteral("TRUE"), QStringLiteral("FALSE"), QStringLiteral("NULL"),
                                      QStringLiteral("~"), QStringLiteral("yes"), QStringLiteral("no"),
                                      QStringLiteral("on"), QStringLiteral("off")};
    bool plain = !s.isEmpty() && !reserved.contains(s, Qt::CaseInsensitive);
    if (plain) {
        const QChar first = s.front();
        plain = first.isLetter() && first.unicode() < 128;
        for (QChar c : s)
            if (!(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.' || c == u':' || c == u' ' || c == u'/' || c == u'@')
                || c.unicode() > 127)
                plain = false;
        if (s.endsWith(u' ') || s.contains(QStringLiteral(": ")) || s.contains(QStringLiteral(" #")) || s.endsWith(u':'))
            plain = false;
    }
    if (plain)
        return s;
    QString out = QStringLiteral("\"");
    for (QChar c : s) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c.unicode() < 0x20)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + u'"';
}

QString list(const QStringList &items)
{
    QStringList quoted;
    for (const QString &i : items)
        quoted << scalar(i);
    return u'[' + quoted.join(QStringLiteral(", ")) + u']';
}

template <typename E> QString enumList(EnumSet<E> set)
{
    QStringList items;
    set.forEach([&](E v) { items << enumQName(v); });
    return list(items);
}

class Writer
{
public:
    void line(int indent, const QString &text) { m_out += QString(indent, u' ') + text + u'\n'; }
    void field(const char *name, const QString &value) { line(4, QString::fromLatin1(name) + QStringLiteral(": ") + value); }
    QByteArray bytes() const { return m_out.toUtf8(); }
    QString m_out;
};

} // namespace

QByteArray inventoryToYaml(const Inventory &inv)
{
    Writer w;
    w.line(0, QStringLiteral("atlas: 1"));
    if (!inv.organisation.isEmpty())
        w.line(0, QStringLiteral("organisation: ") + scalar(inv.organisation));
    if (inv.asOf.isValid())
        w.line(0, QStringLiteral("as_of: ") + inv.asOf.toString(Qt::ISODate));
    if (!inv.sites.empty()) {
        w.line(0, QStringLiteral("\nsites:"));
        for (const Site &s : inv.sites) {
            w.line(2, QStringLiteral("- id: ") + scalar(s.id));
            if (!s.name.isEmpty()) w.field("name", scalar(s.name));
            w.field("country", scalar(s.country));
            if (!s.operatorId.isEmpty()) w.field("operator", scalar(s.operatorId));
        }
    }
    if (!inv.datasets.empty()) {
        w.line(0, QStringLiteral("\ndatasets:"));
        for (const Dataset &d : inv.datasets) {
            w.line(2, QStringLiteral("- id: ") + scalar(d.id));
            if (!d.name.isEmpty()) w.field("name", scalar(d.name));
            w.field("classification", enumQName(d.classification));
            if (!d.categories.isEmpty()) w.field("categories", enumList(d.categories));
            if (!d.origin.isEmpty()) w.field("origin", scalar(d.origin));
            if (d.present & fields::dataset::Consent)
                w.field("consent", QStringLiteral("{ training: %1, analytics: %2 }")
                                       .arg(d.consent.training ? QStringLiteral("true") : QStringLiteral("false"),
                                            d.consent.analytics ? QStringLiteral("true") : QStringLiteral("false")));
            if (d.retentionDays) w.field("retention_days", QString::number(*d.retentionDays));
            if (d.redacted) w.field("redacted", *d.redacted ? QStringLiteral("true") : QStringLiteral("false"));
            if (d.keys) {
                QStringList parts;
                if (d.keys->custody) parts << QStringLiteral("custody: ") + enumQName(*d.keys->custody);
                if (!d.keys->location.isEmpty()) parts << QStringLiteral("location: ") + scalar(d.keys->location);
                w.field("keys", QStringLiteral("{ ") + parts.join(QStringLiteral(", ")) + QStringLiteral(" }"));
            }
            if (d.localisation) w.field("localisation", enumQName(*d.localisation));
        }
    }
    if (!inv.workloads.empty()) {
        w.line(0, QStringLiteral("\nworkloads:"));
        for (const Workload &x : inv.workloads) {
            w.line(2, QStringLiteral("- id: ") + scalar(x.id));
            if (!x.name.isEmpty()) w.field("name", scalar(x.name));
            w.field("kind", enumQName(x.kind));
            w.field("location", scalar(x.location));
            if (!x.operatorId.isEmpty()) w.field("operator", scalar(x.operatorId));
            if (!x.operatorHq.isEmpty()) w.field("operator_hq", scalar(x.operatorHq));
            if (!x.holds.isEmpty()) w.field("holds", list(x.holds));
            if (x.external) w.field("external", QStringLiteral("true"));
            if (!x.certifications.isEmpty()) w.field("certifications", enumList(x.certifications));
            if (!x.tags.isEmpty()) {
                QStringList parts;
                for (const Tag &t : x.tags)
                    parts << scalar(t.key) + QStringLiteral(": ") + scalar(t.value);
                w.field("tags", QStringLiteral("{ ") + parts.join(QStringLiteral(", ")) + QStringLiteral(" }"));
            }
        }
    }
    if (!inv.flows.empty()) {
        w.line(0, QStringLiteral("\nflows:"));
        for (const Flow &f : inv.flows) {
            w.line(2, QStringLiteral("- id: ") + scalar(f.id));
            w.field("from", scalar(f.from));
            w.field("to", scalar(f.to));
            w.field("carries", list(f.carries));
            if (f.form != FlowForm::Raw) w.field("form", enumQName(f.form));
            if (f.purpose) w.field("purpose", enumQName(*f.purpose));
            if (f.basis != Basis::None) w.field("basis", enumQName(f.basis));
            if (f.encrypted) w.field("encrypted", *f.encrypted ? QStringLiteral("true") : QStringLiteral("false"));
            if (!f.protections.isEmpty()) w.field("protections", enumList(f.protections));
            if (f.volumeGbPerDay) w.field("volume_gb_per_day", QString::number(*f.volumeGbPerDay, 'g', 15));
        }
    }
    if (!inv.access.empty()) {
        w.line(0, QStringLiteral("\naccess:"));
        for (const Access &a : inv.access) {
            w.line(2, QStringLiteral("- id: ") + scalar(a.id));
            if (!a.role.isEmpty()) w.field("role", scalar(a.role));
            w.field("from", scalar(a.from));
            w.field("to", scalar(a.to));
            w.field("datasets", list(a.datasets));
            if (!a.purpose.isEmpty()) w.field("purpose", scalar(a.purpose));
            if (a.basis != Basis::None) w.field("basis", enumQName(a.basis));
        }
    }
    if (!inv.waivers.empty()) {
        w.line(0, QStringLiteral("\nwaivers:"));
        for (const Waiver &x : inv.waivers) {
            w.line(2, QStringLiteral("- rule: ") + scalar(x.rule));
            w.field("subject", scalar(x.subject));
            w.field("reason", scalar(x.reason));
            w.field("approved_by", scalar(x.approvedBy));
            w.field("expires", x.expires.toString(Qt::ISODate));
        }
    }
    return w.bytes();
}

} // namespace atlas
