#include "workspacecodec.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace atlas::workspace {

namespace {

QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *n : list)
        out << QString::fromLatin1(n);
    return out;
}

QVariant text(const QString &s, bool present = true)
{
    return present ? QVariant(s) : QVariant();
}

template <typename E> QVariant enumValue(E value)
{
    return enumQName(value);
}

template <typename E> QVariant setValue(EnumSet<E> set)
{
    QStringList items;
    set.forEach([&](E v) { items << enumQName(v); });
    return items.isEmpty() ? QVariant() : QVariant(items.join(u','));
}

QVariant refsValue(const DatasetRefs &refs)
{
    return refs.empty() ? QVariant() : QVariant(refIds(refs).join(u'\n'));
}

QVariant boolValue(const std::optional<bool> &b)
{
    return b ? QVariant(qint64(*b)) : QVariant();
}

QVariant dateValue(const QDate &d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant();
}

// The content columns each kind had in schema version 2, before revision 2b's fields (schema 3)
// were appended: a digest reads these as version 2 did, and a later column only when it is set.
int columnsOfVersion2(EntityKind kind)
{
    switch (kind) {
    case EntityKind::Site: return 4;
    case EntityKind::Dataset: return 12;
    case EntityKind::Workload: return 10;
    case EntityKind::Flow: return 10;
    case EntityKind::Access: return 7;
    case EntityKind::Waiver: return 6;
    }
    return 0;
}

// Reading ----------------------------------------------------------------------------------

struct Reader
{
    const RowCursor &row;
    int column;
    SourceRef at;
    QString &error;

    bool null() const { return row.isNull(column); }
    QString str() { return row.text(column++); }
    std::optional<qint64> integer()
    {
        const int c = column++;
        return row.isNull(c) ? std::nullopt : std::optional<qint64>(row.integer(c));
    }
    std::optional<double> real()
    {
        const int c = column++;
        return row.isNull(c) ? std::nullopt : std::optional<double>(row.real(c));
    }
    template <typename E> std::optional<E> enumeration()
    {
        const int c = column++;
        if (row.isNull(c))
            return std::nullopt;
        const QString t = row.text(c);
        auto v = parseEnum<E>(t.toStdString());
        if (!v)
            error = QStringLiteral("unknown value '") + t + u'\'';
        return v;
    }
    std::optional<bool> boolean()
    {
        const auto i = integer();
        return i ? std::optional<bool>(*i != 0) : std::nullopt;
    }
    QDate date()
    {
        const int c = column++;
        if (row.isNull(c))
            return {};
        const QString t = row.text(c);
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (!d.isValid())
            error = QStringLiteral("invalid date '") + t + u'\'';
        return d;
    }
    template <typename E> EnumSet<E> set()
    {
        EnumSet<E> s;
        const int c = column++;
        if (row.isNull(c))
            return s;
        for (const QString &t : row.text(c).split(u',', Qt::SkipEmptyParts)) {
            if (auto v = parseEnum<E>(t.toStdString()))
                s.insert(*v);
            else
                error = QStringLiteral("unknown value '") + t + u'\'';
        }
        return s;
    }
    DatasetRefs refs()
    {
        DatasetRefs out;
        const int c = column++;
        if (!row.isNull(c))
            for (const QString &id : row.text(c).split(u'\n', Qt::SkipEmptyParts))
                out.push_back({id, at, 0});
        return out;
    }
};

void readSite(Reader &r, Site &x)
{
    x.id = r.str();
    x.name = r.str();
    x.country = r.str();
    x.operatorId = r.str();
}

void readDataset(Reader &r, Dataset &x)
{
    x.id = r.str();
    x.name = r.str();
    x.classification = r.enumeration<Classification>().value_or(Classification::Restricted);
    x.categories = r.set<Category>();
    x.origin = r.str();
    x.originSource = r.at;
    const auto training = r.integer();
    const auto analytics = r.integer();
    x.consent = {training.value_or(0) != 0, analytics.value_or(0) != 0};
    if (auto days = r.integer())
        x.retentionDays = int(*days);
    if (auto redacted = r.integer())
        x.redacted = *redacted != 0;
    const auto custody = r.enumeration<KeyCustody>();
    const bool hasLocation = !r.null();
    const QString location = r.str();
    if (custody || hasLocation || (x.present & fields::dataset::Keys))
        x.keys = Keys{custody, location, r.at};
    x.localisation = r.enumeration<Localisation>();
    x.trainingBasis = r.enumeration<TrainingBasis>();
}

void readWorkload(Reader &r, Workload &x)
{
    x.id = r.str();
    x.name = r.str();
    x.kind = r.enumeration<WorkloadKind>().value_or(WorkloadKind::Application);
    x.location = r.str();
    x.locationSource = r.at;
    x.operatorId = r.str();
    x.operatorHq = r.str();
    x.holds = r.refs();
    x.external = r.integer().value_or(0) != 0;
    x.certifications = r.set<Certification>();
    const QString tags = r.str();
    for (const QJsonValue &pair : QJsonDocument::fromJson(tags.toUtf8()).array())
        x.tags.append({pair.toArray().at(0).toString(), pair.toArray().at(1).toString()});
    x.geoRedundant = r.boolean();
}

void readFlow(Reader &r, Flow &x)
{
    x.id = r.str();
    x.from = r.str();
    x.to = r.str();
    x.fromSource = x.toSource = r.at;
    x.carries = r.refs();
    x.form = r.enumeration<FlowForm>().value_or(FlowForm::Raw);
    x.purpose = r.enumeration<Purpose>();
    x.basis = r.enumeration<Basis>().value_or(Basis::None);
    if (auto encrypted = r.integer())
        x.encrypted = *encrypted != 0;
    x.protections = r.set<Protection>();
    x.volumeGbPerDay = r.real();
    x.notified = r.boolean();
    x.assessed = r.date();
}

void readAccess(Reader &r, Access &x)
{
    x.id = r.str();
    x.role = r.str();
    x.from = r.str();
    x.to = r.str();
    x.fromSource = x.toSource = r.at;
    x.datasets = r.refs();
    x.purpose = r.str();
    x.basis = r.enumeration<Basis>().value_or(Basis::None);
    x.notified = r.boolean();
    x.assessed = r.date();
}

void readWaiver(Reader &r, Waiver &x)
{
    r.str(); // the key
    x.rule = r.str();
    x.subject = r.str();
    x.subjectSource = r.at;
    x.reason = r.str();
    x.approvedBy = r.str();
    x.expires = QDate::fromString(r.str(), Qt::ISODate);
}

template <typename T> T &appendWith(std::vector<T> &list, FieldMask present, const SourceRef &source)
{
    T &x = list.emplace_back();
    x.present = present;
    x.source = source;
    return x;
}

} // namespace

const QStringList &contentColumns(EntityKind kind)
{
    static const QStringList site = names({"id", "name", "country", "operator"});
    static const QStringList dataset = names({"id", "name", "classification", "categories", "origin", "consent_training",
                                              "consent_analytics", "retention_days", "redacted", "key_custody",
                                              "key_location", "localisation", "training_basis"});
    static const QStringList workload = names({"id", "name", "kind", "location", "operator", "operator_hq", "holds",
                                               "external", "certifications", "tags", "geo_redundant"});
    static const QStringList flow = names({"id", "from_workload", "to_workload", "carries", "form", "purpose", "basis",
                                           "encrypted", "protections", "volume_gb_per_day", "notified", "assessed"});
    static const QStringList access = names({"id", "role", "from_location", "to_workload", "datasets", "purpose", "basis",
                                             "notified", "assessed"});
    static const QStringList waiver = names({"id", "rule", "subject", "reason", "approved_by", "expires"});
    switch (kind) {
    case EntityKind::Site: return site;
    case EntityKind::Dataset: return dataset;
    case EntityKind::Workload: return workload;
    case EntityKind::Flow: return flow;
    case EntityKind::Access: return access;
    case EntityKind::Waiver: return waiver;
    }
    return site;
}

int entityCount(const Inventory &inventory, EntityKind kind)
{
    switch (kind) {
    case EntityKind::Site: return int(inventory.sites.size());
    case EntityKind::Dataset: return int(inventory.datasets.size());
    case EntityKind::Workload: return int(inventory.workloads.size());
    case EntityKind::Flow: return int(inventory.flows.size());
    case EntityKind::Access: return int(inventory.access.size());
    case EntityKind::Waiver: return int(inventory.waivers.size());
    }
    return 0;
}

QStringList entityKeys(const Inventory &inventory, EntityKind kind)
{
    QStringList keys;
    const int n = entityCount(inventory, kind);
    keys.reserve(n);
    switch (kind) {
    case EntityKind::Site: for (const Site &x : inventory.sites) keys << x.id; return keys;
    case EntityKind::Dataset: for (const Dataset &x : inventory.datasets) keys << x.id; return keys;
    case EntityKind::Workload: for (const Workload &x : inventory.workloads) keys << x.id; return keys;
    case EntityKind::Flow: for (const Flow &x : inventory.flows) keys << x.id; return keys;
    case EntityKind::Access: for (const Access &x : inventory.access) keys << x.id; return keys;
    case EntityKind::Waiver: break;
    }
    (void)n;
    QHash<QString, int> seen;
    for (const Waiver &w : inventory.waivers) {
        const QString base = w.rule + u'@' + w.subject;
        const int occurrence = ++seen[base];
        keys << (occurrence == 1 ? base : base + u'#' + QString::number(occurrence));
    }
    return keys;
}

QVariantList entityValues(const Inventory &inventory, EntityKind kind, std::size_t index)
{
    switch (kind) {
    case EntityKind::Site: {
        const Site &x = inventory.sites[index];
        return {x.id, x.name, x.country, x.operatorId};
    }
    case EntityKind::Dataset: {
        const Dataset &x = inventory.datasets[index];
        const bool consent = x.present & fields::dataset::Consent;
        return {x.id, x.name, enumValue(x.classification), setValue(x.categories), x.origin,
                consent ? QVariant(qint64(x.consent.training)) : QVariant(),
                consent ? QVariant(qint64(x.consent.analytics)) : QVariant(),
                x.retentionDays ? QVariant(qint64(*x.retentionDays)) : QVariant(), boolValue(x.redacted),
                x.keys && x.keys->custody ? enumValue(*x.keys->custody) : QVariant(),
                x.keys ? text(x.keys->location) : QVariant(),
                x.localisation ? enumValue(*x.localisation) : QVariant(),
                x.trainingBasis ? enumValue(*x.trainingBasis) : QVariant()};
    }
    case EntityKind::Workload: {
        const Workload &x = inventory.workloads[index];
        QJsonArray tags;
        for (const Tag &t : x.tags)
            tags.append(QJsonArray{t.key, t.value});
        return {x.id, x.name, enumValue(x.kind), x.location, x.operatorId, x.operatorHq, refsValue(x.holds),
                qint64(x.external), setValue(x.certifications),
                tags.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(QJsonDocument(tags).toJson(QJsonDocument::Compact))),
                boolValue(x.geoRedundant)};
    }
    case EntityKind::Flow: {
        const Flow &x = inventory.flows[index];
        return {x.id, x.from, x.to, refsValue(x.carries), enumValue(x.form),
                x.purpose ? enumValue(*x.purpose) : QVariant(), enumValue(x.basis), boolValue(x.encrypted),
                setValue(x.protections), x.volumeGbPerDay ? QVariant(*x.volumeGbPerDay) : QVariant(),
                boolValue(x.notified), dateValue(x.assessed)};
    }
    case EntityKind::Access: {
        const Access &x = inventory.access[index];
        return {x.id, x.role, x.from, x.to, refsValue(x.datasets), x.purpose, enumValue(x.basis),
                boolValue(x.notified), dateValue(x.assessed)};
    }
    case EntityKind::Waiver: {
        const Waiver &x = inventory.waivers[index];
        return {QString(x.rule + u'@' + x.subject), x.rule, x.subject, x.reason, x.approvedBy,
                x.expires.isValid() ? QVariant(x.expires.toString(Qt::ISODate)) : QVariant()};
    }
    }
    return {};
}

FieldMask entityPresent(const Inventory &inventory, EntityKind kind, std::size_t index)
{
    switch (kind) {
    case EntityKind::Site: return inventory.sites[index].present;
    case EntityKind::Dataset: return inventory.datasets[index].present;
    case EntityKind::Workload: return inventory.workloads[index].present;
    case EntityKind::Flow: return inventory.flows[index].present;
    case EntityKind::Access: return inventory.access[index].present;
    case EntityKind::Waiver: return inventory.waivers[index].present;
    }
    return 0;
}

SourceRef entitySource(const Inventory &inventory, EntityKind kind, std::size_t index)
{
    switch (kind) {
    case EntityKind::Site: return inventory.sites[index].source;
    case EntityKind::Dataset: return inventory.datasets[index].source;
    case EntityKind::Workload: return inventory.workloads[index].source;
    case EntityKind::Flow: return inventory.flows[index].source;
    case EntityKind::Access: return inventory.access[index].source;
    case EntityKind::Waiver: return inventory.waivers[index].source;
    }
    return {};
}

QString contentDigest(EntityKind kind, const QVariantList &values)
{
    thread_local QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.reset();
    const qsizetype always = 1 + columnsOfVersion2(kind); // the present mask, then the columns
    for (qsizetype column = 0; column < values.size(); ++column) {
        const QVariant &v = values[column];
        if (column >= always) {
            if (v.isNull())
                continue; // not set: the digest version 2 gave
            const char marker[] = {'\x05', char(column)};
            hash.addData(QByteArrayView(marker, 2)); // which column, then its value
        }
        if (v.isNull()) {
            hash.addData(QByteArrayView("\x01", 1));
            continue;
        }
        if (v.typeId() == QMetaType::QString) {
            const QString &t = *static_cast<const QString *>(v.constData());
            hash.addData(QByteArrayView("\x02", 1));
            hash.addData(QByteArrayView(reinterpret_cast<const char *>(t.utf16()), t.size() * 2));
        } else if (v.typeId() == QMetaType::Double) {
            const double d = v.toDouble();
            hash.addData(QByteArrayView("\x04", 1));
            hash.addData(QByteArrayView(reinterpret_cast<const char *>(&d), sizeof d));
        } else {
            const qint64 i = v.toLongLong();
            hash.addData(QByteArrayView("\x03", 1));
            hash.addData(QByteArrayView(reinterpret_cast<const char *>(&i), sizeof i));
        }
        hash.addData(QByteArrayView("\x00", 1));
    }
    return QString::fromLatin1(hash.result().left(16).toHex());
}

QString valuesJson(EntityKind kind, const QVariantList &values)
{
    QJsonObject o;
    const QStringList &columns = contentColumns(kind);
    for (int i = 0; i < values.size() && i < columns.size(); ++i)
        if (!values[i].isNull())
            o.insert(columns[i], QJsonValue::fromVariant(values[i]));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool appendEntity(Inventory &inventory, EntityKind kind, const RowCursor &row, int first, FieldMask present,
                  const SourceRef &source, QString &error)
{
    Reader r{row, first, source, error};
    switch (kind) {
    case EntityKind::Site: readSite(r, appendWith(inventory.sites, present, source)); break;
    case EntityKind::Dataset: readDataset(r, appendWith(inventory.datasets, present, source)); break;
    case EntityKind::Workload: readWorkload(r, appendWith(inventory.workloads, present, source)); break;
    case EntityKind::Flow: readFlow(r, appendWith(inventory.flows, present, source)); break;
    case EntityKind::Access: readAccess(r, appendWith(inventory.access, present, source)); break;
    case EntityKind::Waiver: readWaiver(r, appendWith(inventory.waivers, present, source)); break;
    }
    return error.isEmpty();
}

} // namespace atlas::workspace
