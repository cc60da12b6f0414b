#include "importsummary.h"

#include "analysis.h"
#include "importreportwriter.h"
#include "inventorywriter.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace atlas {

namespace {

// A group or a list longer than this shows its first entries and says how many more the saved
// report has: a tree of 10^5 rows helps nobody and takes seconds to fill.
constexpr int maxRows = 2000;

QString position(const QString &file, std::uint32_t line, std::uint32_t column)
{
    QString at = QFileInfo(file).fileName();
    if (line > 0) at += u':' + QString::number(line) + u':' + QString::number(column);
    return at;
}

// English plurals without a translator loaded (tr's %n would print "file(s)").
QString counted(qint64 n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(QLocale().toString(n));
}

// Sentences read from their start: the view elides on the left, this column on the right.
class SentenceDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideRight;
    }
};

QTreeWidget *newTree(QWidget *parent, const QStringList &headers)
{
    auto *tree = new QTreeWidget(parent);
    tree->setColumnCount(int(headers.size()));
    tree->setHeaderLabels(headers);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Positions end in line:column and ids and types in their own name: keep the end in view.
    tree->setTextElideMode(Qt::ElideLeft);
    tree->header()->setStretchLastSection(true);
    tree->setItemDelegateForColumn(int(headers.size()) - 1, new SentenceDelegate(tree));
    return tree;
}

QTreeWidgetItem *moreItem(QTreeWidgetItem *parent, QTreeWidget *tree, qsizetype more)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(
        0,
        ImportSummary::tr("… %1 more: Save Report… writes them all").arg(QLocale().toString(more)));
    item->setFirstColumnSpanned(true);
    item->setForeground(0, tree->palette().brush(QPalette::PlaceholderText));
    return item;
}

// Skipped resources or assumptions, one top-level row per reason (in first-seen order, like the
// text report), each resource under it with its position.
void fillNotes(QTreeWidget *tree, const QList<ImportNote> &notes)
{
    QList<QTreeWidgetItem *> groups;
    QHash<QString, QTreeWidgetItem *> byReason;
    QHash<QTreeWidgetItem *, int> counts;
    QFont bold = tree->font();
    bold.setBold(true);
    for (const ImportNote &n : notes) {
        QTreeWidgetItem *&group = byReason[n.group];
        if (!group) {
            group = new QTreeWidgetItem(tree);
            group->setFirstColumnSpanned(true);
            group->setFont(0, bold);
            groups << group;
        }
        const int count = ++counts[group];
        if (count <= maxRows) {
            auto *item = new QTreeWidgetItem(group);
            item->setText(0, position(n.file, n.line, n.column));
            const QString at =
                QDir::toNativeSeparators(n.file) +
                (n.line > 0 ? QStringLiteral(":%1:%2").arg(n.line).arg(n.column) : QString());
            item->setToolTip(0, at);
            item->setData(
                0, Qt::UserRole,
                QString(at + QStringLiteral(": ") + n.subject +
                        (n.type.isEmpty() ? QString() : QStringLiteral(" (") + n.type + u')') +
                        QStringLiteral(" — ") + n.message));
            item->setText(1, n.subject);
            item->setToolTip(1, n.subject);
            item->setText(2, n.type);
            item->setText(3, n.message);
            item->setToolTip(3, n.message);
        }
    }
    for (QTreeWidgetItem *group : std::as_const(groups)) {
        const int count = counts.value(group);
        group->setText(0, QStringLiteral("%1 — %2").arg(byReason.key(group)).arg(count));
        if (count > maxRows) moreItem(group, tree, count - maxRows);
    }
    if (notes.size() <= 200) tree->expandAll();
    tree->setColumnWidth(0, 250);
    tree->setColumnWidth(1, 250);
    tree->setColumnWidth(2, 200);
}

void fillFiles(QTreeWidget *tree, const QList<ImportFileSummary> &files)
{
    tree->setRootIsDecorated(false);
    for (const ImportFileSummary &f : files) {
        auto *item = new QTreeWidgetItem(tree);
        item->setText(0, QFileInfo(f.file).fileName());
        item->setToolTip(0, QDir::toNativeSeparators(f.file));
        item->setText(1, f.format);
        item->setText(2,
                      QLocale().formattedDataSize(f.bytes, 1, QLocale::DataSizeTraditionalFormat));
        item->setText(3, QLocale().toString(f.resources));
        item->setText(4, QLocale().toString(f.imported));
        item->setText(5, QLocale().toString(f.skipped));
        for (int c = 2; c <= 5; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    tree->header()->setStretchLastSection(false);
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c <= 5; ++c)
        tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
}

void fillWarnings(QTreeWidget *tree, const Diagnostics &warnings, const QStyle *style)
{
    tree->setRootIsDecorated(false);
    for (qsizetype i = 0; i < std::min<qsizetype>(warnings.size(), maxRows); ++i) {
        const Diagnostic &d = warnings[i];
        auto *item = new QTreeWidgetItem(tree);
        item->setText(0, position(d.file, d.line, d.column));
        item->setToolTip(0, d.toString());
        item->setData(0, Qt::UserRole, d.toString());
        item->setText(1, d.message);
        item->setToolTip(1, d.message);
        item->setIcon(0, style->standardIcon(d.severity == Severity::Error
                                                 ? QStyle::SP_MessageBoxCritical
                                                 : QStyle::SP_MessageBoxWarning));
    }
    if (warnings.size() > maxRows) moreItem(nullptr, tree, warnings.size() - maxRows);
    tree->setColumnWidth(0, 260);
}

} // namespace

ImportSummary::ImportSummary(const AnalysisSnapshot &analysis, QWidget *parent)
    : QDialog(parent), m_inventory(analysis.inventory), m_report(analysis.report),
      m_warnings(analysis.warnings)
{
    setWindowTitle(tr("Import Summary"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(newHeadline());
    layout->addWidget(newDetails());
    buildTabs();
    layout->addWidget(m_tabs, 1);
    layout->addWidget(newSelectionDetail());
    layout->addLayout(newButtonRow());
    resize(1020, 620);
}

QLabel *ImportSummary::newHeadline()
{
    const Inventory empty;
    const Inventory &inv = m_inventory ? *m_inventory : empty;
    m_headline = new QLabel(tr("Imported %1 workloads, %2 datasets and %3 flows")
                                .arg(inv.workloads.size())
                                .arg(inv.datasets.size())
                                .arg(inv.flows.size()),
                            this);
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_headline->setFont(big);
    return m_headline;
}

QLabel *ImportSummary::newDetails()
{
    int exports = 0;
    for (const ImportFileSummary &f : std::as_const(m_report.files))
        exports += f.format != u"inventory";
    const QString mapping =
        m_report.mapping.isEmpty()
            ? tr("built-in mapping defaults")
            : tr("mapping file %1").arg(QDir::toNativeSeparators(m_report.mapping));
    auto *details = new QLabel(
        counted(m_report.files.size(), tr("From %1 file"), tr("From %1 files")) +
            (exports ? QStringLiteral(" (") +
                           counted(exports, tr("%1 cloud export"), tr("%1 cloud exports")) + u')'
                     : QString()) +
            QStringLiteral(" with the ") + mapping + QStringLiteral(". ") +
            counted(m_report.skipped.size(), tr("%1 resource skipped"),
                    tr("%1 resources skipped")) +
            QStringLiteral(", ") +
            counted(m_report.assumptions.size(), tr("%1 assumption"), tr("%1 assumptions")) +
            QStringLiteral(", ") + counted(m_warnings.size(), tr("%1 warning"), tr("%1 warnings")) +
            QStringLiteral("; nothing was skipped or assumed silently."),
        this);
    details->setWordWrap(true);
    details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return details;
}

void ImportSummary::buildTabs()
{
    m_tabs = new QTabWidget(this);
    m_fileTree = newTree(
        m_tabs, {tr("File"), tr("Format"), tr("Size"), tr("Read"), tr("Imported"), tr("Skipped")});
    fillFiles(m_fileTree, m_report.files);
    m_tabs->addTab(m_fileTree, tr("Inputs (%1)").arg(m_report.files.size()));

    const QStringList noteHeaders{tr("Position"), tr("Resource"), tr("Type"), tr("Detail")};
    m_skippedTree = newTree(m_tabs, noteHeaders);
    fillNotes(m_skippedTree, m_report.skipped);
    const int skippedTab =
        m_tabs->addTab(m_skippedTree, tr("Skipped (%1)").arg(m_report.skipped.size()));
    m_assumptionTree = newTree(m_tabs, noteHeaders);
    fillNotes(m_assumptionTree, m_report.assumptions);
    const int assumptionTab =
        m_tabs->addTab(m_assumptionTree, tr("Assumptions (%1)").arg(m_report.assumptions.size()));

    m_warningTree = newTree(m_tabs, {tr("Position"), tr("Warning")});
    fillWarnings(m_warningTree, m_warnings, style());
    const int warningTab =
        m_tabs->addTab(m_warningTree, tr("Warnings (%1)").arg(m_warnings.size()));
    // Open where the reading starts: what was left out, then what was assumed.
    bool chosen = false;
    for (const auto &[tab, count] : {std::pair{skippedTab, m_report.skipped.size()},
                                     std::pair{assumptionTab, m_report.assumptions.size()},
                                     std::pair{warningTab, m_warnings.size()}}) {
        m_tabs->setTabEnabled(tab, count > 0);
        if (count > 0 && !chosen) {
            m_tabs->setCurrentIndex(tab);
            chosen = true;
        }
    }
}

// The columns elide; the selected row is read here in full, with its whole path.
QLabel *ImportSummary::newSelectionDetail()
{
    auto *detail = new QLabel(this);
    detail->setWordWrap(true);
    detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detail->setMinimumHeight(2 * detail->fontMetrics().lineSpacing());
    detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    for (QTreeWidget *tree : {m_skippedTree, m_assumptionTree, m_warningTree})
        connect(tree, &QTreeWidget::currentItemChanged, detail, [detail](QTreeWidgetItem *item) {
            detail->setText(item ? item->data(0, Qt::UserRole).toString() : QString());
        });
    return detail;
}

QHBoxLayout *ImportSummary::newButtonRow()
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *saveYaml =
        buttons->addButton(tr("Save Inventory as &YAML…"), QDialogButtonBox::ActionRole);
    QPushButton *saveReportButton =
        buttons->addButton(tr("Save &Report…"), QDialogButtonBox::ActionRole);
    saveYaml->setEnabled(m_inventory != nullptr);
    m_saved = new QLabel(this);
    m_saved->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_saved, 1);
    bottom->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(saveYaml, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save inventory as YAML"),
            defaultPath(QStringLiteral("imported-inventory.yaml")), tr("Inventory (*.yaml *.yml)"));
        if (!path.isEmpty()) saveInventory(path);
    });
    connect(saveReportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save import report"), defaultPath(QStringLiteral("import-report.txt")),
            tr("Text (*.txt);;JSON (*.json)"));
        if (!path.isEmpty()) saveReport(path);
    });
    return bottom;
}

bool ImportSummary::hasExports(const ImportReport &report)
{
    return std::any_of(report.files.begin(), report.files.end(),
                       [](const ImportFileSummary &f) { return f.format != u"inventory"; });
}

ImportSummary *ImportSummary::showFor(QWidget *parent, const AnalysisSnapshot &analysis)
{
    if (parent)
        for (ImportSummary *old : parent->findChildren<ImportSummary *>(Qt::FindDirectChildrenOnly))
            old->close();
    auto *summary = new ImportSummary(analysis, parent);
    summary->setAttribute(Qt::WA_DeleteOnClose);
    summary->show();
    summary->raise();
    summary->activateWindow();
    return summary;
}

bool ImportSummary::saveInventory(const QString &path)
{
    return m_inventory && write(path, inventoryToYaml(*m_inventory), tr("Inventory"));
}

bool ImportSummary::saveReport(const QString &path)
{
    const QByteArray bytes = path.endsWith(u".json", Qt::CaseInsensitive)
                                 ? importReportJson(m_report, m_warnings)
                                 : importReportText(m_report, m_warnings).toUtf8();
    return write(path, bytes, tr("Report"));
}

bool ImportSummary::write(const QString &path, const QByteArray &bytes, const QString &what)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        QMessageBox::warning(
            this, windowTitle(),
            tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_saved->setText(tr("%1 saved to %2").arg(what, QFileInfo(path).fileName()));
    m_saved->setToolTip(QDir::toNativeSeparators(path));
    return true;
}

QString ImportSummary::defaultPath(const QString &name) const
{
    const QString first = m_report.files.isEmpty() ? QString() : m_report.files.front().file;
    return first.isEmpty() ? name : QFileInfo(first).absoluteDir().filePath(name);
}

} // namespace atlas
