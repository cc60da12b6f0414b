// Reading a snapshot and committing a new one: the entity rows valid in a snapshot, in list
// order; a commit compares the new inventory with the head by key and digest and writes only the
// rows that changed, keeping the order of every snapshot with a sortable position per row.
#include "workspace.h"

#include "workspacecodec.h"
#include "workspaceschema.h"

#include <QHash>

#include <cmath>
#include <limits>

namespace atlas::workspace {

namespace {

constexpr int BookkeepingColumns = 9; // row_id, added_in, removed_in, seq, present, source, line, col, digest

QString tableOf(EntityKind kind)
{
    return entityTables().at(int(kind));
}

constexpr std::array<EntityKind, 6> AllKinds{EntityKind::Site, EntityKind::Dataset, EntityKind::Workload,
                                             EntityKind::Flow, EntityKind::Access, EntityKind::Waiver};

QString selectColumns(EntityKind kind)
{
    return QStringLiteral("row_id, added_in, removed_in, seq, present, source, line, col, digest, ")
           + contentColumns(kind).join(QStringLiteral(", "));
}

QString kindName(EntityKind kind)
{
    return entityKindName(kind);
}

// The rows of the head of one table.
struct HeadRow
{
    qint64 rowId = 0;
    double seq = 0;
    QString digest;
};

// Each entity of the new list: its key, content and digest, and what happens to it.
struct NewRow
{
    QString key;
    QVariantList values;
    QString digest;
    const HeadRow *head = nullptr;
    bool keep = false; // unchanged and in order: not written
    double seq = 0;
};

// Positions for the rows to write, between the kept ones around them; false when a gap is too
// narrow for doubles (the table is renumbered first, then this runs again).
bool assignPositions(std::vector<NewRow> &rows)
{
    double last = -std::numeric_limits<double>::infinity();
    for (NewRow &r : rows) { // kept rows must be in increasing order; others are rewritten
        if (r.keep && r.head->seq > last)
            last = r.head->seq;
        else
            r.keep = false;
    }
    std::size_t i = 0;
    double previous = -std::numeric_limits<double>::infinity();
    while (i < rows.size()) {
        if (rows[i].keep) {
            previous = rows[i].seq = rows[i].head->seq;
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < rows.size() && !rows[end].keep)
            ++end;
        const std::size_t k = end - i;
        const bool hasNext = end < rows.size();
        const double next = hasNext ? rows[end].head->seq : 0;
        for (std::size_t j = 0; j < k; ++j) {
            double s;
            if (std::isinf(previous) && !hasNext)
                s = double(j + 1) * 1024.0;
            else if (std::isinf(previous))
                s = next - double(k - j) * 1024.0;
            else if (!hasNext)
                s = previous + double(j + 1) * 1024.0;
            else
                s = previous + (next - previous) * double(j + 1) / double(k + 1);
            rows[i + j].seq = s;
        }
        if (hasNext && !std::isinf(previous) && (next - previous) / double(k + 1) <= std::abs(next) * 1e-12)
            return false;
        i = end;
    }
    return true;
}

} // namespace

std::expected<Inventory, Error> Workspace::read(int snapshot)
{
    if (snapshot == 0) {
        auto h = head();
        if (!h)
            return std::unexpected(h.error());
        snapshot = *h;
    }
    auto meta = queryRows(*m_db, QStringLiteral("SELECT format_version, organisation, as_of, overlay FROM snapshots WHERE id = ?"), {snapshot});
    if (!meta)
        return std::unexpected(meta.error());
    Inventory inventory;
    if (!(*meta)->next()) {
        if (snapshot == 0)
            return inventory; // an empty workspace: an empty inventory
        return std::unexpected(Error{ErrorKind::BadRequest, path() + QStringLiteral(": has no snapshot %1").arg(snapshot)});
    }
    inventory.formatVersion = int((*meta)->integer(0));
    inventory.organisation = (*meta)->text(1);
    inventory.asOf = QDate::fromString((*meta)->text(2), Qt::ISODate);
    inventory.overlay = (*meta)->integer(3) != 0;

    // The file table: input files first, then edits (Inventory wants them in that order).
    QHash<qint64, std::uint32_t> fileOf;
    auto sources = queryRows(*m_db, QStringLiteral("SELECT id, name, kind, command, at, user_name FROM sources ORDER BY kind = 'edit', id"));
    if (!sources)
        return std::unexpected(sources.error());
    while ((*sources)->next()) {
        fileOf.insert((*sources)->integer(0), std::uint32_t(inventory.files.size()));
        if ((*sources)->text(2) == u"edit")
            inventory.edits.push_back({std::uint32_t(inventory.files.size()),
                                       {(*sources)->text(3), QDateTime::fromString((*sources)->text(4), Qt::ISODateWithMs), (*sources)->text(5)}});
        inventory.files << (*sources)->text(1);
    }
    for (EntityKind kind : AllKinds) {
        auto rows = queryRows(*m_db, QStringLiteral("SELECT ") + selectColumns(kind) + QStringLiteral(" FROM ") + tableOf(kind)
                                         + QStringLiteral(" WHERE added_in <= ? AND (removed_in IS NULL OR removed_in > ?) ORDER BY seq"),
                              {snapshot, snapshot});
        if (!rows)
            return std::unexpected(rows.error());
        RowCursor &r = **rows;
        QString error;
        while (r.next()) {
            const SourceRef at{fileOf.value(r.integer(5), 0), std::uint32_t(r.integer(6)), std::uint32_t(r.integer(7))};
            if (!appendEntity(inventory, kind, r, BookkeepingColumns, FieldMask(r.integer(4)), at, error))
                return std::unexpected(Error{ErrorKind::Damaged, path() + QStringLiteral(": %1 row %2: %3").arg(tableOf(kind)).arg(r.integer(0)).arg(error)});
        }
        if (!r.error().isEmpty())
            return std::unexpected(m_db->failure(QStringLiteral("cannot read ") + tableOf(kind), r.error()));
    }
    return inventory;
}

std::expected<QStringList, Error> Workspace::verifyRows(int limit)
{
    QStringList problems;
    for (EntityKind kind : AllKinds) {
        const int columns = int(contentColumns(kind).size());
        auto rows = queryRows(*m_db, QStringLiteral("SELECT row_id, added_in, present, digest, ") + contentColumns(kind).join(QStringLiteral(", "))
                                         + QStringLiteral(" FROM ") + tableOf(kind) + QStringLiteral(" ORDER BY row_id"));
        if (!rows)
            return std::unexpected(rows.error());
        RowCursor &r = **rows;
        QVariantList values;
        while (r.next()) {
            values.clear();
            values << r.integer(2);
            for (int c = 0; c < columns; ++c)
                values << r.value(4 + c);
            if (contentDigest(kind, values) == r.text(3))
                continue;
            if (problems.size() < limit)
                problems << QStringLiteral("%1 row %2 (%3 '%4', snapshot %5)").arg(tableOf(kind)).arg(r.integer(0))
                                .arg(kindName(kind), r.text(4)).arg(r.integer(1));
            else
                return problems << QStringLiteral("…");
        }
        if (!r.error().isEmpty())
            return std::unexpected(m_db->failure(QStringLiteral("cannot read ") + tableOf(kind), r.error()));
    }
    return problems;
}

namespace {

// The sources table rows for `inventory`'s files, created as needed: file index → source id.
std::expected<std::vector<qint64>, Error> sourceIds(Database &db, const Inventory &inventory)
{
    std::vector<qint64> ids(std::size_t(inventory.files.size()), 0);
    QHash<QString, qint64> existing;
    auto rows = queryRows(db, QStringLiteral("SELECT id, name FROM sources"));
    if (!rows)
        return std::unexpected(rows.error());
    while ((*rows)->next())
        existing.insert((*rows)->text(1), (*rows)->integer(0));
    QHash<std::uint32_t, const Inventory::EditRecord *> edits;
    for (const auto &e : inventory.edits)
        edits.insert(e.file, &e);
    for (qsizetype i = 0; i < inventory.files.size(); ++i) {
        const QString &name = inventory.files[i];
        if (auto it = existing.constFind(name); it != existing.constEnd()) {
            ids[std::size_t(i)] = *it;
            continue;
        }
        const Inventory::EditRecord *edit = edits.value(std::uint32_t(i));
        auto inserted = db.exec(QStringLiteral("INSERT INTO sources (name, kind, command, at, user_name) VALUES (?, ?, ?, ?, ?)"),
                                {name, edit ? QStringLiteral("edit") : QStringLiteral("file"),
                                 edit ? QVariant(edit->provenance.command) : QVariant(),
                                 edit ? QVariant(edit->provenance.time.toString(Qt::ISODateWithMs)) : QVariant(),
                                 edit ? QVariant(edit->provenance.user) : QVariant()});
        if (!inserted)
            return std::unexpected(inserted.error());
        auto id = db.scalar(QStringLiteral("SELECT id FROM sources WHERE name = ?"), {name});
        if (!id)
            return std::unexpected(id.error());
        ids[std::size_t(i)] = id->toLongLong();
        existing.insert(name, ids[std::size_t(i)]);
    }
    return ids;
}

std::expected<QHash<QString, HeadRow>, Error> headRows(Database &db, EntityKind kind)
{
    QHash<QString, HeadRow> head;
    auto rows = queryRows(db, QStringLiteral("SELECT row_id, seq, digest, id FROM ") + tableOf(kind) + QStringLiteral(" WHERE removed_in IS NULL"));
    if (!rows)
        return std::unexpected(rows.error());
    while ((*rows)->next())
        head.insert((*rows)->text(3), {(*rows)->integer(0), (*rows)->real(1), (*rows)->text(2)});
    if (!(*rows)->error().isEmpty())
        return std::unexpected(db.failure(QStringLiteral("cannot read ") + tableOf(kind), (*rows)->error()));
    return head;
}

// Every row of the table gets position 1024·n in its current order (history included), when
// insertions have split one gap too often.
std::expected<void, Error> renumber(Database &db, EntityKind kind)
{
    std::vector<qint64> order;
    {
        auto rows = queryRows(db, QStringLiteral("SELECT row_id FROM ") + tableOf(kind) + QStringLiteral(" ORDER BY seq, row_id"));
        if (!rows)
            return std::unexpected(rows.error());
        while ((*rows)->next())
            order.push_back((*rows)->integer(0));
    }
    auto update = prepareRows(db, QStringLiteral("UPDATE ") + tableOf(kind) + QStringLiteral(" SET seq = ? WHERE row_id = ?"));
    if (!update)
        return std::unexpected(update.error());
    for (std::size_t i = 0; i < order.size(); ++i) {
        (*update)->bindReal(0, double(i + 1) * 1024.0);
        (*update)->bindInteger(1, order[i]);
        if (auto r = (*update)->exec(); !r)
            return std::unexpected(db.failure(QStringLiteral("cannot renumber ") + tableOf(kind), r.error()));
    }
    return {};
}

QVariantList rowContent(Database &db, EntityKind kind, qint64 rowId)
{
    QVariantList values;
    auto rows = queryRows(db, QStringLiteral("SELECT ") + contentColumns(kind).join(QStringLiteral(", ")) + QStringLiteral(" FROM ")
                                  + tableOf(kind) + QStringLiteral(" WHERE row_id = ?"),
                          {rowId});
    if (rows && (*rows)->next())
        for (int c = 0; c < contentColumns(kind).size(); ++c)
            values << (*rows)->value(c);
    return values;
}

struct KindWriter
{
    Database &db;
    const Inventory &inventory;
    const std::vector<qint64> &sources;
    int snapshot;
    const CommitInfo &info;
    CommitResult &result;
    QList<AuditRecord> &audit;

    std::expected<void, Error> write(EntityKind kind);
    std::expected<void, Error> insertRow(RowStatement &s, EntityKind kind, std::size_t i, const NewRow &r);
};

// The row of the `i`-th entity of `kind`, valid from this snapshot.
std::expected<void, Error> KindWriter::insertRow(RowStatement &s, EntityKind kind, std::size_t i, const NewRow &r)
{
    const SourceRef at = entitySource(inventory, kind, i);
    s.bindInteger(0, snapshot);
    s.bindReal(1, r.seq);
    s.bindInteger(2, entityPresent(inventory, kind, i));
    if (at.file < sources.size())
        s.bindInteger(3, sources[at.file]);
    else
        s.bindNull(3);
    s.bindInteger(4, at.line);
    s.bindInteger(5, at.column);
    s.bindText(6, r.digest);
    for (int c = 0; c < r.values.size(); ++c)
        s.bind(7 + c, r.values[c]);
    if (auto done = s.exec(); !done)
        return std::unexpected(db.failure(QStringLiteral("not saved"), done.error()));
    return {};
}

std::expected<void, Error> KindWriter::write(EntityKind kind)
{
    auto head = headRows(db, kind);
    if (!head)
        return std::unexpected(head.error());
    const QStringList keys = entityKeys(inventory, kind);
    std::vector<NewRow> rows(std::size_t(keys.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        NewRow &r = rows[i];
        r.key = keys[qsizetype(i)];
        r.values = entityValues(inventory, kind, i);
        r.values.prepend(qint64(entityPresent(inventory, kind, i)));
        r.digest = contentDigest(kind, r.values);
        r.values.removeFirst();
        auto it = head->constFind(r.key);
        r.head = it == head->constEnd() ? nullptr : &*it;
        r.keep = r.head && r.head->digest == r.digest;
    }
    if (!assignPositions(rows)) {
        if (auto renumbered = renumber(db, kind); !renumbered)
            return renumbered;
        return write(kind);
    }
    const QString table = tableOf(kind);
    auto end = prepareRows(db, QStringLiteral("UPDATE ") + table + QStringLiteral(" SET removed_in = ? WHERE row_id = ?"));
    QStringList placeholders(contentColumns(kind).size() + 7, QStringLiteral("?"));
    auto insert = prepareRows(db, QStringLiteral("INSERT INTO ") + table + QStringLiteral(" (added_in, seq, present, source, line, col, digest, ")
                                      + contentColumns(kind).join(QStringLiteral(", ")) + QStringLiteral(") VALUES (")
                                      + placeholders.join(QStringLiteral(", ")) + u')');
    if (!end || !insert)
        return std::unexpected(!end ? end.error() : insert.error());
    QSet<qint64> seen;
    auto endRow = [&](qint64 rowId) -> std::expected<void, Error> {
        (*end)->bindInteger(0, snapshot);
        (*end)->bindInteger(1, rowId);
        if (auto r = (*end)->exec(); !r)
            return std::unexpected(db.failure(QStringLiteral("not saved"), r.error()));
        return {};
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const NewRow &r = rows[i];
        if (r.head)
            seen.insert(r.head->rowId);
        if (r.keep)
            continue;
        const bool contentChanged = !r.head || r.head->digest != r.digest;
        if (r.head) {
            if (info.auditEntities && contentChanged)
                audit.append({0, {}, {}, QStringLiteral("change"), kindName(kind), r.key, snapshot,
                              valuesJson(kind, rowContent(db, kind, r.head->rowId)), valuesJson(kind, r.values), {}, {}});
            if (auto e = endRow(r.head->rowId); !e)
                return e;
        } else if (info.auditEntities) {
            audit.append({0, {}, {}, QStringLiteral("add"), kindName(kind), r.key, snapshot, QStringLiteral("{}"), valuesJson(kind, r.values), {}, {}});
        }
        result.added += !r.head;
        result.changed += r.head && contentChanged;
        if (auto done = insertRow(**insert, kind, i, r); !done)
            return done;
    }
    for (auto it = head->constBegin(); it != head->constEnd(); ++it) {
        if (seen.contains(it->rowId))
            continue;
        if (info.auditEntities)
            audit.append({0, {}, {}, QStringLiteral("remove"), kindName(kind), it.key(), snapshot,
                          valuesJson(kind, rowContent(db, kind, it->rowId)), QStringLiteral("{}"), {}, {}});
        ++result.removed;
        if (auto e = endRow(it->rowId); !e)
            return e;
    }
    return {};
}

} // namespace

std::expected<CommitResult, Error> Workspace::commit(const Inventory &inventory, const CommitInfo &info)
{
    if (m_db->isReadOnly())
        return std::unexpected(Error{ErrorKind::Io, path() + QStringLiteral(": opened read-only")});
    const QDateTime at = info.at.isValid() ? info.at.toUTC() : QDateTime::currentDateTimeUtc();
    const QString user = info.user.isEmpty() ? currentUser() : info.user;
    auto previous = head();
    if (!previous)
        return std::unexpected(previous.error());
    // The first snapshot is one record, not one per entity (10^6 records of "added").
    CommitInfo effective = info;
    if (*previous == 0 && effective.auditEntities) {
        effective.auditEntities = false;
        if (effective.audit.isEmpty())
            effective.audit.append({0, {}, {}, QStringLiteral("create"), QStringLiteral("snapshot"), effective.label.isEmpty() ? effective.action : effective.label, 0,
                                    QStringLiteral("{}"),
                                    QStringLiteral("{\"workloads\":%1,\"datasets\":%2,\"flows\":%3,\"access\":%4,\"waivers\":%5,\"sites\":%6}")
                                        .arg(inventory.workloads.size()).arg(inventory.datasets.size()).arg(inventory.flows.size())
                                        .arg(inventory.access.size()).arg(inventory.waivers.size()).arg(inventory.sites.size()),
                                    {}, {}});
    }
    if (auto b = m_db->begin(); !b)
        return std::unexpected(b.error());
    auto fail = [this](Error e) {
        m_db->rollback();
        return std::unexpected(std::move(e));
    };
    auto inserted = m_db->exec(QStringLiteral("INSERT INTO snapshots (created, user_name, action, label, format_version, organisation, as_of, overlay) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                               {at.toString(Qt::ISODateWithMs), user, info.action, info.label.isEmpty() ? info.action : info.label, inventory.formatVersion,
                                inventory.organisation, inventory.asOf.isValid() ? QVariant(inventory.asOf.toString(Qt::ISODate)) : QVariant(),
                                qint64(inventory.overlay)});
    if (!inserted)
        return fail(inserted.error());
    auto id = m_db->scalar(QStringLiteral("SELECT MAX(id) FROM snapshots"));
    if (!id)
        return fail(id.error());
    CommitResult result;
    result.snapshot = id->toInt();
    auto sources = sourceIds(*m_db, inventory);
    if (!sources)
        return fail(sources.error());
    QList<AuditRecord> audit;
    KindWriter writer{*m_db, inventory, *sources, result.snapshot, effective, result, audit};
    for (EntityKind kind : AllKinds)
        if (auto w = writer.write(kind); !w)
            return fail(w.error());
    for (const ImportRecord &r : info.imports) {
        auto done = m_db->exec(QStringLiteral("INSERT INTO imports (snapshot, file_name, bytes, sha256, importer, importer_version, imported_at, user_name, resources, workloads, datasets, flows, skipped, assumed, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                               {result.snapshot, r.fileName, r.bytes, r.sha256, r.importer, r.importerVersion,
                                (r.at.isValid() ? r.at : at).toString(Qt::ISODateWithMs), r.user.isEmpty() ? user : r.user,
                                r.resources, r.workloads, r.datasets, r.flows, r.skipped, r.assumed, r.notes});
        if (!done)
            return fail(done.error());
    }
    for (AuditRecord r : effective.audit) {
        r.snapshot = result.snapshot;
        audit.append(r);
    }
    for (AuditRecord &r : audit) {
        r.at = at;
        r.user = user;
    }
    if (auto a = appendAudit(audit); !a)
        return fail(a.error());
    if (info.mapPlaces)
        if (auto w = writeMapPlaces(*info.mapPlaces); !w)
            return fail(w.error());
    if (auto c = m_db->commit(); !c)
        return std::unexpected(c.error());
    return result;
}

} // namespace atlas::workspace
