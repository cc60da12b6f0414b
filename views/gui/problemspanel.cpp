#include "problemspanel.h"

#include "document.h"

#include <QStyle>

namespace atlas {

namespace {

QString listed(const QStringList &ids)
{
    constexpr qsizetype shown = 8;
    QString out = ids.mid(0, shown).join(u", ");
    if (ids.size() > shown)
        out += QObject::tr(" and %1 more").arg(ids.size() - shown);
    return out;
}

// One line per coverage gap, with the subjects it is about ("… — br-claims-archive").
QStringList coverageLines(const Coverage &c)
{
    QStringList out;
    for (const Coverage::Gap &g : c.gapList())
        out << QObject::tr("Not checked: %1").arg(g.text) + (g.subjects.isEmpty() ? QString() : QStringLiteral(" — ") + listed(g.subjects));
    return out;
}

} // namespace

ProblemsPanel::ProblemsPanel(QWidget *parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("problems"));
    setWordWrap(true);
}

void ProblemsPanel::setDocument(Document *document)
{
    connect(document, &Document::snapshotChanged, this, [this](const std::shared_ptr<const AnalysisSnapshot> &s) {
        showProblems(s->warnings, &s->coverage);
    });
    connect(document, &Document::analysisFailed, this, [this](const AnalysisError &error) {
        showProblems(error.diagnostics);
    });
}

void ProblemsPanel::showProblems(const Diagnostics &diagnostics, const Coverage *coverage)
{
    clear();
    for (const QString &line : coverage ? coverageLines(*coverage) : QStringList{}) {
        auto *item = new QListWidgetItem(line, this);
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxInformation));
        item->setData(Qt::UserRole, QStringLiteral("coverage"));
    }
    for (const Diagnostic &d : diagnostics) {
        auto *item = new QListWidgetItem(d.toString(), this);
        item->setIcon(style()->standardIcon(d.severity == Severity::Error ? QStyle::SP_MessageBoxCritical
                                                                          : QStyle::SP_MessageBoxWarning));
    }
    Q_EMIT problemCountChanged(count());
}

} // namespace atlas
