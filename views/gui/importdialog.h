// File → Import…: choose cloud exports (and overlay inventories), a format or detection, and an
// optional mapping file (validated as soon as it is chosen), then import through the window's
// background analysis with live progress and cancel. A successful import opens the summary; a
// failed one lists its errors in the window's Problems tab and keeps the open inventory.
#pragma once

#include "analysis.h"

#include "catalog.h"
#include "diagnostic.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QTreeWidget;
class QProgressBar;
class QPushButton;
class QWidget;

namespace atlas {

class ImportSummary;
class MainWindow;
struct ImportMapping;
struct ImportProgress;

class ImportDialog final : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(const Catalog &catalog, MainWindow *window);
    ~ImportDialog() override;

    // The file dialogs' name filter: what the importers read, by the usual names.
    static QString fileNamePatterns();

    void addFiles(const QStringList &paths);
    QStringList files() const;
    void setFormat(const QString &name); // a formatNames() entry; empty: detect from content
    QString format() const;
    // Loads and checks the mapping file; empty selects the built-in defaults. Errors are shown
    // in the dialog (file:line:column) and refuse the import until fixed.
    bool setMappingFile(const QString &path);
    const Diagnostics &mappingErrors() const { return m_mappingErrors; }

    // False (and nothing started) without files, with an invalid mapping or while importing.
    bool startImport();
    void cancelImport();
    bool isImporting() const { return m_progress != nullptr; }

    QProgressBar *progressBar() const { return m_bar; }
    QLabel *progressLabel() const { return m_progressLabel; }
    QLabel *mappingErrorLabel() const { return m_mappingError; }
    QPushButton *importButton() const { return m_import; }
    ImportSummary *summary() const { return m_summary; } // after a successful import

    void reject() override; // while importing: cancel, and close once the import has stopped

Q_SIGNALS:
    // After the window applied the outcome; on success the summary is open.
    void importFinished(bool ok, bool cancelled);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *newInputs();
    QGroupBox *newFilesBox();
    QComboBox *newFormatChoice();
    void addMappingRow(QFormLayout *form);
    QWidget *newProgressBox();
    QDialogButtonBox *newButtons();
    void connectControls();
    void browseFiles();
    void browseMapping();
    void updateState();
    void pollProgress();
    void finish(const AnalysisResult &result);

    const Catalog &m_catalog;
    QPointer<MainWindow> m_window;
    QTreeWidget *m_files = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_browseMapping = nullptr;
    QComboBox *m_format = nullptr;
    QLineEdit *m_mapping = nullptr;
    QLabel *m_mappingError = nullptr;
    QWidget *m_inputs = nullptr;
    QWidget *m_progressBox = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_progressLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_cancel = nullptr;
    QTimer m_poll;
    QString m_validatedMapping;
    std::shared_ptr<const ImportMapping> m_loadedMapping;
    Diagnostics m_mappingErrors;
    std::shared_ptr<ImportProgress> m_progress; // set while importing
    QList<qint64> m_sizes;                      // of the files being imported, on disk
    qint64 m_shownBytes = 0;
    std::pair<int, qint64> m_fileStart{0, 0}; // files done, bytesRead when that was first seen
    QPointer<ImportSummary> m_summary;
};

} // namespace atlas
