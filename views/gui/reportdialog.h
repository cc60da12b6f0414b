// File → Export Report…: the report of the current analysis in any format, with the sections,
// scenarios, title, organisation and previous report chosen here; a paged preview of the PDF
// (what HTML and print show too) before saving; preparation and writing off the GUI thread
// with progress and cancel. File → Print… prints the same document.
#pragma once

#include "reportwriter.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPrinter;
class QPrintPreviewWidget;
class QProgressBar;
class QPushButton;

namespace atlas {

class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    ReportDialog(std::shared_ptr<const AnalysisSnapshot> snapshot, QWidget *parent = nullptr);
    ~ReportDialog() override;

    // The choices as a request (no scenarios or previous report yet: prepare() adds them).
    ReportRequest request() const;
    // Prepares the report in the background; `then` runs on the GUI thread with the result
    // (null when it failed: the dialog says why).
    void prepare(std::function<void(std::shared_ptr<const PreparedReport>)> then);
    // Writes to `path` (a file of the chosen format, or a folder for every format) in the
    // background; emits exported(error) when done (empty error on success; nothing is written
    // on error).
    void exportTo(const QString &path);
    void print(QPrinter &printer);

    QComboBox *formatBox() const { return m_format; }
    QListWidget *sectionList() const { return m_sections; }
    QPrintPreviewWidget *preview() const { return m_preview; }
    std::shared_ptr<const PreparedReport> prepared() const { return m_prepared; }
    bool isBusy() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void exported(const QString &error);
    void previewReady();

private:
    void buildForm();
    QWidget *buildOptions();
    QWidget *buildPreview();
    void updatePreview();
    void chooseAndExport();
    void setBusy(bool busy, const QString &what = {});
    std::vector<ReportTarget> targetsFor(const QString &path) const;

    std::shared_ptr<const AnalysisSnapshot> m_snapshot;
    std::shared_ptr<const PreparedReport> m_prepared;
    QFutureWatcher<void> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    QComboBox *m_format = nullptr;
    QLineEdit *m_title = nullptr;
    QLineEdit *m_organisation = nullptr;
    QListWidget *m_sections = nullptr;
    QCheckBox *m_patterns[4] = {};
    QLineEdit *m_baseline = nullptr;
    QPrintPreviewWidget *m_preview = nullptr;
    std::unique_ptr<QPrinter> m_printer; // the preview's; outlives the preview widget (deleted first)
    QProgressBar *m_progress = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace atlas
