#include "helpdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QImage>
#include <QListWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace atlas {

namespace {

// Screenshots are 1400 px wide: shown at the browser's width, not beyond it.
class HelpBrowser final : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;
    QVariant loadResource(int type, const QUrl &name) override
    {
        const QVariant resource = QTextBrowser::loadResource(type, name);
        if (type != QTextDocument::ImageResource)
            return resource;
        QImage image = resource.value<QImage>();
        if (image.isNull())
            image.loadFromData(resource.toByteArray());
        const int width = std::max(320, viewport()->width() - 40);
        if (image.isNull() || image.width() <= width)
            return resource;
        return image.scaledToWidth(width, Qt::SmoothTransformation);
    }
};

struct Page
{
    const char *file;
    const char *title;
};

constexpr Page kPages[] = {
    {"user-guide.md", "User guide"},
    {"cli.md", "Command line"},
    {"policy.md", "Policy packs and check"},
    {"simulate.md", "Simulating patterns A–D"},
    {"report.md", "Audit reports"},
    {"report-format.md", "Report formats: JSON and CSV"},
    {"workspace.md", "Workspaces: snapshots, saving, audit log"},
    {"diff-format.md", "Diff: text and JSON"},
    {"findings-format.md", "Findings: JSON and SARIF"},
    {"inventory-format.md", "Inventory format"},
    {"import.md", "Importing cloud exports"},
    {"catalog-format.md", "Catalog format"},
    {"decisions.md", "Decisions"},
};

} // namespace

HelpDialog::HelpDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Residency Atlas — Documentation"));
    auto *pages = new QListWidget(this);
    for (const Page &p : kPages) {
        auto *item = new QListWidgetItem(tr(p.title), pages);
        item->setData(Qt::UserRole, QString::fromLatin1(p.file));
    }
    pages->setMaximumWidth(220);
    m_browser = new HelpBrowser(this);
    m_browser->setOpenExternalLinks(true);   // https: the system browser
    m_browser->setSearchPaths({QStringLiteral(":/docs")});
    auto *row = new QHBoxLayout;
    row->addWidget(pages);
    row->addWidget(m_browser, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(buttons);
    connect(pages, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            showPage(item->data(Qt::UserRole).toString());
    });
    resize(1100, 760);
    pages->setCurrentRow(0);
}

void HelpDialog::showPage(const QString &page)
{
    // The pages link to each other by relative name (cli.md#graph): the browser resolves them
    // inside the embedded docs.
    m_browser->setSource(QUrl(QStringLiteral("qrc:/docs/") + page), QTextDocument::MarkdownResource);
}

} // namespace atlas
