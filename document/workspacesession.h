// Where the open document is saved: the workspace it came from (or the one Save As chose), with
// Save committing the edited inventory as a new snapshot (atomic: one transaction), Save As
// writing a copy of the whole workspace — history and audit chain included — beside the target
// and renaming it into place, autosave to a recovery file beside the workspace while there are
// unsaved edits, and recovery of that file after a crash. No widgets: the window asks the
// questions.
#pragma once

#include "workspace.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace atlas {

class Document;

class WorkspaceSession final : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceSession(Document *document, QObject *parent = nullptr);

    // The workspace saves go to; empty until the document is saved as one.
    const QString &path() const { return m_path; }
    void setPath(const QString &path);
    bool isModified() const;

    std::expected<workspace::CommitResult, QString> save();
    std::expected<workspace::CommitResult, QString> saveAs(const QString &path);

    // The recovery file of `workspacePath` (".estate.ratlas.autosave" beside it; for a document
    // never saved, "untitled.ratlas.autosave" in the application's data folder).
    static QString autosavePath(const QString &workspacePath);
    // The recovery file of `workspacePath` when one is there and newer than the workspace.
    static QString recoverable(const QString &workspacePath);
    void setAutosaveInterval(int ms) { m_autosave.setInterval(ms); }
    std::expected<void, QString> autosave();
    // After opening a recovery file: saves go to `workspacePath`, and the document counts as
    // modified until they do.
    void markRecovered(const QString &workspacePath);
    void discardAutosave();
    // Where the map's things are placed (the map panel's kept arrangement), written with every
    // save and autosave so the workspace reopens on the same picture.
    void setMapPlaces(std::function<workspace::MapPlaces()> provider) { m_mapPlaces = std::move(provider); }

Q_SIGNALS:
    void saved(const QString &path, int snapshot);
    void pathChanged(const QString &path);
    void autosaved(const QString &file);

private:
    std::expected<workspace::CommitResult, QString> commitTo(const QString &path, bool copyHistory);
    QString m_path;
    Document *m_document;
    QTimer m_autosave;
    bool m_recovered = false;
    std::function<workspace::MapPlaces()> m_mapPlaces;
};

} // namespace atlas
