#include "workspacedialogs.h"

#include "diffreport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace atlas {

namespace {

// A change record's before and after, reduced to the fields that differ ("volume_gb_per_day: 40").
std::pair<QString, QString> changedFields(const QString &before, const QString &after)
{
    const QJsonObject b = QJsonDocument::fromJson(before.toUtf8()).object();
    const QJsonObject a = QJsonDocument::fromJson(after.toUtf8()).object();
    QStringList keys = b.keys() + a.keys();
    keys.removeDuplicates();
    keys.sort();
    QStringList was, is;
    auto text = [](const QJsonValue &v) {
        return v.isUndefined() ? QStringLiteral("(absent)") : v.isString() ? v.toString() : QString::number(v.toDouble(), 'g', 15);
    };
    for (const QString &k : keys)
        if (b.value(k) != a.value(k)) {
            was << k + QStringLiteral(": ") + text(b.value(k));
            is << k + QStringLiteral(": ") + text(a.value(k));
        }
    return {was.join(QStringLiteral("; ")), is.join(QStringLiteral("; "))};
}

} // namespace

AuditLogDialog::AuditLogDialog(const QString &workspacePath, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(this)), m_verdict(new QLabel(this))
{
    setWindowTitle(tr("Audit Log — %1").arg(QFileInfo(workspacePath).fileName()));
    resize(1000, 560);
    auto *layout = new QVBoxLayout(this);
    m_verdict->setWordWrap(true);
    layout->addWidget(m_verdict);
    layout->addWidget(m_table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_table->setColumnCount(8);
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Time (UTC)"), tr("User"), tr("Action"), tr("Entity"), tr("Before"), tr("After"), tr("Hash")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    auto ws = workspace::Workspace::open(workspacePath, workspace::OpenMode::ReadOnly);
    if (!ws) {
        m_verdict->setText(ws.error().message);
        return;
    }
    auto log = (*ws)->auditLog();
    auto head = (*ws)->auditHead();
    if (!log || !head) {
        m_verdict->setText(!log ? log.error().message : head.error().message);
        return;
    }
    const workspace::AuditVerdict v = workspace::verifyAudit(*log, *head);
    m_verdict->setText(v.intact ? tr("<b>Chain intact</b>: %n record(s), each holding the SHA-256 of the one before.", nullptr, int(v.records))
                                : tr("<b style='color:#b00020'>Chain broken at record %1</b>: %2").arg(v.firstBroken).arg(v.reason.toHtmlEscaped()));
    m_table->setRowCount(int(log->size()));
    for (int row = 0; row < log->size(); ++row) {
        const workspace::AuditRecord &r = log->at(row);
        // A change shows the fields it changed; the tooltip has the whole record.
        const auto [was, is] = r.action == u"change" ? changedFields(r.before, r.after)
                                                     : std::pair{r.before == u"{}" ? QString() : r.before, r.after == u"{}" ? QString() : r.after};
        const QStringList cells{QString::number(r.seq), r.at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), r.user, r.action,
                                r.entityKind + u' ' + r.entityId, was, is, r.hash.left(16) + QStringLiteral("…")};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setToolTip(c == 7 ? r.hash : c == 5 ? r.before : c == 6 ? r.after : cells[c]);
            if (!v.intact && r.seq == v.firstBroken)
                item->setBackground(QColor(0xfd, 0xe7, 0xe9));
            m_table->setItem(row, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    for (int c : {5, 6})
        m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 260));
    m_table->scrollToBottom();
}

CompareDialog::CompareDialog(const QString &workspacePath, std::shared_ptr<const AnalysisSnapshot> current, QWidget *parent)
    : QDialog(parent), m_path(workspacePath), m_current(std::move(current)), m_snapshots(new QComboBox(this)),
      m_text(new QTextBrowser(this))
{
    setWindowTitle(tr("Compare with a Snapshot — %1").arg(QFileInfo(workspacePath).fileName()));
    resize(820, 620);
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("What changed from the snapshot chosen to the document as it is now (unsaved edits included):"), this);
    label->setWordWrap(true);
    layout->addWidget(label);
    layout->addWidget(m_snapshots);
    m_text->setFont(QFont(QStringLiteral("DejaVu Sans Mono")));
    m_text->setLineWrapMode(QTextEdit::NoWrap);
    layout->addWidget(m_text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *onMap = buttons->addButton(tr("Show on Map"), QDialogButtonBox::ActionRole);
    connect(onMap, &QPushButton::clicked, this, [this] {
        if (m_before)
            Q_EMIT showOnMap(m_diff, m_before);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    auto ws = workspace::Workspace::open(workspacePath, workspace::OpenMode::ReadOnly);
    if (ws)
        if (auto list = (*ws)->snapshots())
            for (auto it = list->crbegin(); it != list->crend(); ++it)
                m_snapshots->addItem(tr("Snapshot %1 — %2, %3 (%4)").arg(it->id).arg(it->created.toString(QStringLiteral("yyyy-MM-dd HH:mm")), it->user, it->label),
                                     it->id);
    connect(m_snapshots, &QComboBox::currentIndexChanged, this, [this] { compare(); });
}

bool CompareDialog::compare()
{
    if (m_snapshots->currentIndex() < 0 || !m_current)
        return false;
    AnalysisRequest request;
    request.inputs = {m_path + u'@' + QString::number(m_snapshots->currentData().toInt())};
    request.catalog = m_current->catalog;
    request.policies = m_current->policies;
    request.asOf = m_current->asOf;
    AnalysisResult before = analyse(request);
    if (!before) {
        QStringList lines;
        for (const Diagnostic &d : before.error().diagnostics)
            lines << d.toString();
        m_text->setPlainText(lines.join(u'\n'));
        return false;
    }
    m_before = *before;
    m_diff = diffSnapshots(*m_before, *m_current);
    m_text->setPlainText(diffText(m_diff, {m_snapshots->currentText(), tr("the open document")}));
    return true;
}

} // namespace atlas
