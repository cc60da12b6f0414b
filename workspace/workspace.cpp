#include "workspace.h"

#include "workspacerows.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace atlas::workspace {

QString currentUser()
{
    for (const char *name : {"ATLAS_USER", "USER", "LOGNAME", "USERNAME"})
        if (const QString v = qEnvironmentVariable(name); !v.isEmpty())
            return v;
    return QStringLiteral("unknown");
}

Workspace::Workspace(std::unique_ptr<Database> db) : m_db(std::move(db)) {}
Workspace::~Workspace() = default;

std::expected<std::unique_ptr<Workspace>, Error> Workspace::open(const QString &path, OpenMode mode)
{
    auto db = Database::open(path, mode);
    if (!db)
        return std::unexpected(db.error());
    return std::unique_ptr<Workspace>(new Workspace(std::move(*db)));
}

std::expected<QList<SnapshotInfo>, Error> Workspace::snapshots()
{
    auto rows = queryRows(*m_db, QStringLiteral("SELECT id, created, user_name, action, label FROM snapshots ORDER BY id"));
    if (!rows)
        return std::unexpected(rows.error());
    QList<SnapshotInfo> out;
    while ((*rows)->next())
        out.append({int((*rows)->integer(0)), QDateTime::fromString((*rows)->text(1), Qt::ISODateWithMs), (*rows)->text(2),
                    (*rows)->text(3), (*rows)->text(4)});
    return out;
}

std::expected<int, Error> Workspace::head()
{
    auto id = m_db->scalar(QStringLiteral("SELECT MAX(id) FROM snapshots"));
    if (!id)
        return std::unexpected(id.error());
    return id->isNull() ? 0 : id->toInt();
}

std::expected<QList<ImportRecord>, Error> Workspace::imports()
{
    auto rows = queryRows(*m_db, QStringLiteral("SELECT snapshot, file_name, bytes, sha256, importer, importer_version, imported_at, user_name, resources, workloads, datasets, flows, skipped, assumed, notes FROM imports ORDER BY id"));
    if (!rows)
        return std::unexpected(rows.error());
    QList<ImportRecord> out;
    RowCursor &r = **rows;
    while (r.next())
        out.append({int(r.integer(0)), r.text(1), r.integer(2), r.text(3), r.text(4), r.text(5),
                    QDateTime::fromString(r.text(6), Qt::ISODateWithMs), r.text(7), int(r.integer(8)), int(r.integer(9)),
                    int(r.integer(10)), int(r.integer(11)), int(r.integer(12)), int(r.integer(13)), r.text(14)});
    return out;
}

std::expected<QList<StoredText>, Error> Workspace::texts(const QString &table)
{
    auto rows = queryRows(*m_db, QStringLiteral("SELECT name, sha256, content, added_at, active FROM ") + table + QStringLiteral(" ORDER BY id"));
    if (!rows)
        return std::unexpected(rows.error());
    QList<StoredText> out;
    while ((*rows)->next())
        out.append({(*rows)->text(0), (*rows)->text(1), (*rows)->text(2), QDateTime::fromString((*rows)->text(3), Qt::ISODateWithMs),
                    (*rows)->integer(4) != 0});
    return out;
}

std::expected<QList<StoredText>, Error> Workspace::packs()
{
    return texts(QStringLiteral("packs"));
}

std::expected<QList<StoredText>, Error> Workspace::catalogOverrides()
{
    return texts(QStringLiteral("catalog_overrides"));
}

std::expected<void, Error> Workspace::storeText(const QString &table, const QString &kind, const StoredText &text, const QString &user)
{
    const QDateTime at = QDateTime::currentDateTimeUtc();
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(text.content.toUtf8(), QCryptographicHash::Sha256).toHex());
    return m_db->transaction([&]() -> std::expected<void, Error> {
        auto before = m_db->scalar(QStringLiteral("SELECT sha256 FROM ") + table + QStringLiteral(" WHERE name = ?"), {text.name});
        if (!before)
            return std::unexpected(before.error());
        if (auto r = m_db->exec(QStringLiteral("DELETE FROM ") + table + QStringLiteral(" WHERE name = ?"), {text.name}); !r)
            return r;
        if (auto r = m_db->exec(QStringLiteral("INSERT INTO ") + table + QStringLiteral(" (name, sha256, content, added_at, active) VALUES (?, ?, ?, ?, ?)"),
                                {text.name, sha, text.content, at.toString(Qt::ISODateWithMs), qint64(text.active)});
            !r)
            return r;
        auto object = [](const QString &s) { return s.isEmpty() ? QStringLiteral("{}") : QStringLiteral("{\"sha256\":\"%1\"}").arg(s); };
        return appendAudit({{0, at, user.isEmpty() ? currentUser() : user, kind, kind, text.name, 0,
                             object(before->toString()), object(sha), {}, {}}});
    });
}

std::expected<void, Error> Workspace::storePack(const StoredText &pack, const QString &user)
{
    return storeText(QStringLiteral("packs"), QStringLiteral("pack"), pack, user);
}

std::expected<void, Error> Workspace::storeCatalogOverride(const StoredText &text, const QString &user)
{
    return storeText(QStringLiteral("catalog_overrides"), QStringLiteral("override"), text, user);
}

std::expected<QString, Error> Workspace::setting(const QString &key)
{
    auto v = m_db->scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    if (!v)
        return std::unexpected(v.error());
    return v->toString();
}

std::expected<void, Error> Workspace::setSetting(const QString &key, const QString &value, const QString &user)
{
    auto before = setting(key);
    if (!before)
        return std::unexpected(before.error());
    if (*before == value)
        return {};
    return m_db->transaction([&]() -> std::expected<void, Error> {
        if (auto r = m_db->exec(QStringLiteral("DELETE FROM settings WHERE key = ?"), {key}); !r)
            return r;
        if (auto r = m_db->exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"), {key, value}); !r)
            return r;
        auto json = [](const QString &v) {
            return v.isEmpty() ? QStringLiteral("{}")
                               : QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("value"), v}}).toJson(QJsonDocument::Compact));
        };
        return appendAudit({{0, QDateTime::currentDateTimeUtc(), user.isEmpty() ? currentUser() : user, QStringLiteral("setting"),
                             QStringLiteral("setting"), key, 0, json(*before), json(value), {}, {}}});
    });
}

std::expected<void, Error> Workspace::keepScenario(const KeptScenario &scenario)
{
    const QDateTime at = scenario.keptAt.isValid() ? scenario.keptAt.toUTC() : QDateTime::currentDateTimeUtc();
    const QString user = scenario.user.isEmpty() ? currentUser() : scenario.user;
    return m_db->transaction([&]() -> std::expected<void, Error> {
        if (auto r = m_db->exec(QStringLiteral("INSERT INTO scenarios (name, snapshot, patterns, options, summary, kept_at, user_name) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                                {scenario.name, scenario.snapshot ? QVariant(scenario.snapshot) : QVariant(), scenario.patterns,
                                 scenario.options, scenario.summary, at.toString(Qt::ISODateWithMs), user});
            !r)
            return r;
        return appendAudit({{0, at, user, QStringLiteral("scenario"), QStringLiteral("scenario"), scenario.name, scenario.snapshot,
                             QStringLiteral("{}"), scenario.summary, {}, {}}});
    });
}

std::expected<QList<Workspace::KeptScenario>, Error> Workspace::scenarios()
{
    auto rows = queryRows(*m_db, QStringLiteral("SELECT name, snapshot, patterns, options, summary, kept_at, user_name FROM scenarios ORDER BY id"));
    if (!rows)
        return std::unexpected(rows.error());
    QList<KeptScenario> out;
    RowCursor &r = **rows;
    while (r.next())
        out.append({r.text(0), int(r.integer(1)), r.text(2), r.text(3), r.text(4), QDateTime::fromString(r.text(5), Qt::ISODateWithMs), r.text(6)});
    return out;
}

std::expected<MapPlaces, Error> Workspace::mapPlaces()
{
    auto rows = queryRows(*m_db, QStringLiteral("SELECT view, node, x, y FROM map_positions"));
    if (!rows)
        return std::unexpected(rows.error());
    MapPlaces out;
    RowCursor &r = **rows;
    while (r.next()) {
        const double x = r.real(2), y = r.real(3);
        if (std::isfinite(x) && std::isfinite(y)) // a damaged row is a place forgotten, not a map at infinity
            out[r.text(0)].insert(r.text(1), QPointF(x, y));
    }
    if (!r.error().isEmpty())
        return std::unexpected(Error{ErrorKind::Damaged, path() + QStringLiteral(": map_positions: ") + r.error()});
    return out;
}

std::expected<void, Error> Workspace::writeMapPlaces(const MapPlaces &places)
{
    if (auto cleared = m_db->exec(QStringLiteral("DELETE FROM map_positions")); !cleared)
        return cleared;
    auto statement = prepareRows(*m_db, QStringLiteral("INSERT INTO map_positions (view, node, x, y) VALUES (?, ?, ?, ?)"));
    if (!statement)
        return std::unexpected(statement.error());
    RowStatement &insert = **statement;
    for (auto view = places.begin(); view != places.end(); ++view)
        for (auto node = view->begin(); node != view->end(); ++node) {
            insert.bindText(0, view.key());
            insert.bindText(1, node.key());
            insert.bindReal(2, node->x());
            insert.bindReal(3, node->y());
            if (auto done = insert.exec(); !done)
                return std::unexpected(Error{ErrorKind::Io, path() + QStringLiteral(": map_positions: ") + done.error()});
        }
    return {};
}

MapPlaces savedMapPlaces(const QStringList &inputs)
{
    const auto ref = inputs.size() == 1 ? workspaceRef(inputs.front()) : std::nullopt;
    if (!ref)
        return {};
    auto ws = Workspace::open(ref->path, OpenMode::ReadOnly);
    if (!ws)
        return {};
    auto places = (*ws)->mapPlaces();
    return places ? *places : MapPlaces{};
}

// The audit chain ---------------------------------------------------------------------------

QString auditHash(const AuditRecord &r)
{
    const QStringList fields{QString::number(r.seq), r.at.toUTC().toString(Qt::ISODateWithMs), r.user, r.action, r.entityKind,
                             r.entityId, QString::number(r.snapshot), r.before, r.after, r.prevHash};
    return QString::fromLatin1(QCryptographicHash::hash(fields.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::expected<QList<AuditRecord>, Error> Workspace::auditLog()
{
    auto rows = queryRows(*m_db, QStringLiteral("SELECT seq, at, user_name, action, entity_kind, entity_id, snapshot, before_value, after_value, prev_hash, hash FROM audit_log ORDER BY seq"));
    if (!rows)
        return std::unexpected(rows.error());
    QList<AuditRecord> out;
    RowCursor &r = **rows;
    while (r.next())
        out.append({r.integer(0), QDateTime::fromString(r.text(1), Qt::ISODateWithMs), r.text(2), r.text(3), r.text(4), r.text(5),
                    int(r.integer(6)), r.text(7), r.text(8), r.text(9), r.text(10)});
    return out;
}

std::expected<QString, Error> Workspace::auditHead()
{
    auto v = m_db->scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'audit_head'"));
    if (!v)
        return std::unexpected(v.error());
    return v->toString();
}

std::expected<void, Error> Workspace::appendAudit(QList<AuditRecord> records)
{
    if (records.isEmpty())
        return {};
    auto last = queryRows(*m_db, QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (!last)
        return std::unexpected(last.error());
    qint64 seq = 0;
    QString previous(64, u'0');
    if ((*last)->next()) {
        seq = (*last)->integer(0);
        previous = (*last)->text(1);
    }
    last->reset();
    auto insert = prepareRows(*m_db, QStringLiteral("INSERT INTO audit_log (seq, at, user_name, action, entity_kind, entity_id, snapshot, before_value, after_value, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!insert)
        return std::unexpected(insert.error());
    for (AuditRecord &r : records) {
        r.seq = ++seq;
        r.prevHash = previous;
        r.hash = auditHash(r);
        previous = r.hash;
        RowStatement &s = **insert;
        s.bindInteger(0, r.seq);
        s.bindText(1, r.at.toUTC().toString(Qt::ISODateWithMs));
        s.bindText(2, r.user);
        s.bindText(3, r.action);
        s.bindText(4, r.entityKind);
        s.bindText(5, r.entityId);
        if (r.snapshot)
            s.bindInteger(6, r.snapshot);
        else
            s.bindNull(6);
        s.bindText(7, r.before);
        s.bindText(8, r.after);
        s.bindText(9, r.prevHash);
        s.bindText(10, r.hash);
        if (auto done = s.exec(); !done)
            return std::unexpected(m_db->failure(QStringLiteral("not saved"), done.error()));
    }
    insert->reset();
    auto cleared = m_db->exec(QStringLiteral("DELETE FROM meta WHERE key = 'audit_head'"));
    if (!cleared)
        return cleared;
    return m_db->exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('audit_head', ?)"), {QString(QString::number(seq) + u':' + previous)});
}

AuditVerdict verifyAudit(const QList<AuditRecord> &log, const QString &head)
{
    AuditVerdict v;
    v.records = log.size();
    QString previous(64, u'0');
    qint64 expectedSeq = 1;
    auto broken = [&](qint64 seq, const QString &why) {
        v.intact = false;
        v.firstBroken = seq;
        v.reason = why;
        return v;
    };
    for (const AuditRecord &r : log) {
        if (r.seq != expectedSeq)
            return broken(r.seq, QStringLiteral("record %1 follows record %2: records between them were removed").arg(r.seq).arg(expectedSeq - 1));
        if (r.prevHash != previous)
            return broken(r.seq, QStringLiteral("record %1 does not name the hash of record %2 before it").arg(r.seq).arg(r.seq - 1));
        if (auditHash(r) != r.hash)
            return broken(r.seq, QStringLiteral("record %1 was changed after it was written (its hash does not match its content)").arg(r.seq));
        previous = r.hash;
        ++expectedSeq;
    }
    const QString last = log.isEmpty() ? QString() : QString::number(log.last().seq) + u':' + log.last().hash;
    if (head != last) {
        const qint64 named = head.section(u':', 0, 0).toLongLong();
        return broken(log.isEmpty() ? 1 : log.last().seq,
                      head.isEmpty() ? QStringLiteral("the workspace names no last record, but the log has %1").arg(log.size())
                                     : QStringLiteral("the workspace says the log ends at record %1, but it ends at record %2: records were removed or replaced at its end")
                                           .arg(named).arg(log.isEmpty() ? 0 : log.last().seq));
    }
    return v;
}

std::optional<WorkspaceRef> workspaceRef(const QString &input)
{
    static const QRegularExpression at(QStringLiteral("^(.*)@([0-9]+)$"));
    if (hasSqliteHeader(input))
        return WorkspaceRef{input, 0};
    const auto m = at.match(input);
    if (m.hasMatch() && hasSqliteHeader(m.captured(1)))
        return WorkspaceRef{m.captured(1), m.captured(2).toInt()};
    return std::nullopt;
}

} // namespace atlas::workspace
