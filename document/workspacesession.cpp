#include "workspacesession.h"

#include "document.h"
#include "workspaceimport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUndoStack>

#include <cstdio>

namespace atlas {

namespace {

// Replaces `target` by `file` in one step (POSIX rename), so a reader sees the old or the new.
bool replaceFile(const QString &file, const QString &target)
{
    return std::rename(QFile::encodeName(file).constData(), QFile::encodeName(target).constData()) == 0;
}

} // namespace

WorkspaceSession::WorkspaceSession(Document *document, QObject *parent) : QObject(parent), m_document(document)
{
    m_autosave.setInterval(qEnvironmentVariableIntValue("ATLAS_AUTOSAVE_MS") > 0 ? qEnvironmentVariableIntValue("ATLAS_AUTOSAVE_MS") : 120000);
    connect(&m_autosave, &QTimer::timeout, this, [this] {
        if (isModified())
            (void)autosave();
    });
    m_autosave.start();
    connect(document, &Document::snapshotChanged, this, [this](const std::shared_ptr<const AnalysisSnapshot> &s, SnapshotChange change) {
        if (change != SnapshotChange::Opened || !s)
            return;
        m_recovered = false;
        const auto ref = s->inputs.size() == 1 ? workspace::workspaceRef(s->inputs.front()) : std::nullopt;
        setPath(ref && ref->snapshot == 0 ? QFileInfo(ref->path).absoluteFilePath() : QString());
    });
}

void WorkspaceSession::setPath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    Q_EMIT pathChanged(path);
}

bool WorkspaceSession::isModified() const
{
    return m_recovered || !m_document->undoStack()->isClean();
}

QString WorkspaceSession::autosavePath(const QString &workspacePath)
{
    if (workspacePath.isEmpty()) {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(folder);
        return QDir(folder).filePath(QStringLiteral("untitled.ratlas.autosave"));
    }
    const QFileInfo info(workspacePath);
    return info.absoluteDir().filePath(u'.' + info.fileName() + QStringLiteral(".autosave"));
}

QString WorkspaceSession::recoverable(const QString &workspacePath)
{
    const QString file = autosavePath(workspacePath);
    const QFileInfo autosaved(file), saved(workspacePath);
    if (!autosaved.exists() || (saved.exists() && autosaved.lastModified() < saved.lastModified()))
        return {};
    return file;
}

std::expected<workspace::CommitResult, QString> WorkspaceSession::commitTo(const QString &path, bool copyHistory)
{
    const auto inventory = m_document->inventory();
    if (!inventory)
        return std::unexpected(tr("Nothing is open."));
    workspace::CommitInfo info;
    info.action = QStringLiteral("save");
    const int edits = m_document->undoStack()->index();
    info.label = edits ? tr("save after %n edit(s)", nullptr, edits) : tr("save");
    if (m_mapPlaces)
        info.mapPlaces = m_mapPlaces();
    if (!copyHistory) {
        auto ws = workspace::Workspace::open(path, workspace::OpenMode::ReadWrite);
        if (!ws)
            return std::unexpected(ws.error().message);
        auto done = (*ws)->commit(*inventory, info);
        if (!done)
            return std::unexpected(done.error().message);
        return *done;
    }
    // A copy beside the target (history and chain included, or a new workspace), committed,
    // then renamed over it: the target is the old file or the new one, never half of either.
    const QFileInfo target(path);
    const QString temporary = target.absoluteDir().filePath(QStringLiteral(".%1.%2.saving").arg(target.fileName()).arg(QCoreApplication::applicationPid()));
    workspace::removeDatabaseFiles(temporary);
    std::expected<workspace::CommitResult, QString> result;
    if (!m_path.isEmpty() && QFileInfo::exists(m_path)) {
        {
            auto source = workspace::Workspace::open(m_path, workspace::OpenMode::ReadOnly);
            if (!source)
                return std::unexpected(source.error().message);
            if (auto copied = workspace::copyDatabase((*source)->database().sql(), temporary); !copied) {
                workspace::removeDatabaseFiles(temporary);
                return std::unexpected(QDir::toNativeSeparators(path) + tr(": cannot be written: ") + copied.error());
            }
        }
        auto ws = workspace::Workspace::open(temporary, workspace::OpenMode::ReadWrite);
        if (!ws)
            result = std::unexpected(ws.error().message);
        else if (auto done = (*ws)->commit(*inventory, info); !done)
            result = std::unexpected(done.error().message);
        else
            result = *done;
    } else {
        auto created = workspace::createWorkspace(temporary, *inventory, info);
        result = created ? std::expected<workspace::CommitResult, QString>(*created) : std::unexpected(created.error().message);
    }
    if (result && !replaceFile(temporary, path))
        result = std::unexpected(QDir::toNativeSeparators(path) + tr(": cannot be written (the folder refused the file); nothing was changed."));
    if (!result) {
        workspace::removeDatabaseFiles(temporary);
        result.error().replace(QDir::toNativeSeparators(temporary), QDir::toNativeSeparators(path));
    }
    return result;
}

std::expected<workspace::CommitResult, QString> WorkspaceSession::save()
{
    if (m_path.isEmpty())
        return std::unexpected(tr("The document has no workspace yet: use Save As."));
    auto done = commitTo(m_path, false);
    if (!done)
        return done;
    m_recovered = false;
    m_document->undoStack()->setClean();
    discardAutosave();
    Q_EMIT saved(m_path, done->snapshot);
    return done;
}

std::expected<workspace::CommitResult, QString> WorkspaceSession::saveAs(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (absolute == m_path)
        return save();
    const QString oldAutosave = autosavePath(m_path);
    auto done = commitTo(absolute, true);
    if (!done)
        return done;
    QFile::remove(oldAutosave);
    m_recovered = false;
    setPath(absolute);
    m_document->undoStack()->setClean();
    discardAutosave();
    Q_EMIT saved(absolute, done->snapshot);
    return done;
}

std::expected<void, QString> WorkspaceSession::autosave()
{
    const auto inventory = m_document->inventory();
    if (!inventory)
        return {};
    const QString file = autosavePath(m_path);
    const QString temporary = file + QStringLiteral(".partial");
    workspace::removeDatabaseFiles(temporary);
    workspace::CommitInfo info;
    info.action = QStringLiteral("autosave");
    info.label = tr("autosave of %1").arg(m_path.isEmpty() ? tr("an unsaved document") : QFileInfo(m_path).fileName());
    if (m_mapPlaces)
        info.mapPlaces = m_mapPlaces();
    auto created = workspace::createWorkspace(temporary, *inventory, info);
    if (!created || !replaceFile(temporary, file)) {
        workspace::removeDatabaseFiles(temporary);
        return std::unexpected(created ? tr("cannot write %1").arg(file) : created.error().message);
    }
    Q_EMIT autosaved(file);
    return {};
}

void WorkspaceSession::markRecovered(const QString &workspacePath)
{
    setPath(workspacePath);
    m_recovered = true;
}

void WorkspaceSession::discardAutosave()
{
    workspace::removeDatabaseFiles(autosavePath(m_path));
}

} // namespace atlas
