#include "classifydialog.h"

#include "changeentity.h"
#include "document.h"
#include "entityformfields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <utility>

namespace atlas {

namespace {

// The one value every dataset in `ids` has, or none.
template <typename F>
auto shared(const Inventory &inventory, const QStringList &ids, F field)
    -> std::optional<std::decay_t<decltype(field(std::declval<const Dataset &>()))>>
{
    std::optional<std::decay_t<decltype(field(std::declval<const Dataset &>()))>> common;
    for (const QString &id : ids) {
        const Dataset *d = inventory.dataset(id);
        if (!d || (common && *common != field(*d))) return std::nullopt;
        common = field(*d);
    }
    return common;
}

QString listed(const QStringList &ids)
{
    constexpr int shown = 8;
    QString text = ids.mid(0, shown).join(QStringLiteral(", "));
    if (ids.size() > shown)
        text += ClassifyDialog::tr(" and %n more", nullptr, int(ids.size() - shown));
    return text;
}

} // namespace

ClassifyDialog::ClassifyDialog(Document *document, QStringList datasetIds, QWidget *parent)
    : QDialog(parent), m_document(document), m_ids(std::move(datasetIds))
{
    setObjectName(QStringLiteral("classifyDialog"));
    setWindowTitle(m_ids.size() == 1 ? tr("Classify Dataset")
                                     : tr("Classify %1 Datasets").arg(m_ids.size()));
    auto *intro = new QLabel(
        tr("Set for %1 — what is not ticked stays as each dataset has it:").arg(listed(m_ids)),
        this);
    intro->setWordWrap(true);

    m_setClassification = new QCheckBox(QStringLiteral("classification"), this);
    m_classification = new QComboBox(this);
    for (std::string_view n : EnumNames<Classification>::names)
        m_classification->addItem(QString::fromLatin1(n.data(), qsizetype(n.size())));
    m_setCategories = new QCheckBox(QStringLiteral("categories"), this);
    m_categoriesMode = new QComboBox(this);
    m_categoriesMode->addItem(tr("replace with"));
    m_categoriesMode->addItem(tr("add"));
    m_categories = new QListWidget(this);
    QStringList categories;
    for (std::string_view n : EnumNames<Category>::names)
        categories << QString::fromLatin1(n.data(), qsizetype(n.size()));
    setUpFlagList(m_categories, categories);
    m_setOrigin = new QCheckBox(QStringLiteral("origin"), this);
    m_origin = new QLineEdit(this);
    m_origin->setPlaceholderText(tr("jurisdiction (EU, UK, US, …) or ISO country code"));
    auto *completer =
        new QCompleter(Completions::of(nullptr, document->catalog(), {}).origins, m_origin);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_origin->setCompleter(completer);

    startFromShared();

    auto *grid = new QGridLayout;
    grid->addWidget(m_setClassification, 0, 0);
    grid->addWidget(m_classification, 0, 1);
    grid->addWidget(m_setCategories, 1, 0);
    grid->addWidget(m_categoriesMode, 1, 1);
    grid->addWidget(m_categories, 2, 0, 1, 2);
    grid->addWidget(m_setOrigin, 3, 0);
    grid->addWidget(m_origin, 3, 1);
    grid->setColumnStretch(1, 1);

    m_messages = new QLabel(this);
    m_messages->setObjectName(QStringLiteral("formMessages"));
    m_messages->setWordWrap(true);
    m_messages->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messages->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ClassifyDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ClassifyDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addWidget(m_messages);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    resize(560, 400);

    // Touching a value ticks its box: the user meant to set it.
    connect(m_classification, &QComboBox::activated, m_setClassification,
            [this] { m_setClassification->setChecked(true); });
    connect(m_categories, &QListWidget::itemChanged, m_setCategories,
            [this] { m_setCategories->setChecked(true); });
    connect(m_categoriesMode, &QComboBox::activated, m_setCategories,
            [this] { m_setCategories->setChecked(true); });
    connect(m_origin, &QLineEdit::textEdited, m_setOrigin,
            [this] { m_setOrigin->setChecked(true); });
    for (QCheckBox *box : {m_setClassification, m_setCategories, m_setOrigin})
        connect(box, &QCheckBox::toggled, this, &ClassifyDialog::updateOk);
    updateOk();
}

// Each value as the datasets share it, so that what is ticked starts from what they have.
void ClassifyDialog::startFromShared()
{
    if (const auto &inventory = m_document->inventory()) {
        if (auto c = shared(*inventory, m_ids, [](const Dataset &d) { return d.classification; }))
            m_classification->setCurrentIndex(int(*c));
        if (auto o = shared(*inventory, m_ids, [](const Dataset &d) { return d.origin; }))
            m_origin->setText(*o);
        if (auto cats =
                shared(*inventory, m_ids, [](const Dataset &d) { return d.categories.bits(); }))
            for (int i = 0; i < m_categories->count(); ++i)
                m_categories->item(i)->setCheckState(*cats & (1u << i) ? Qt::Checked
                                                                       : Qt::Unchecked);
    }
}

void ClassifyDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(m_setClassification->isChecked() || m_setCategories->isChecked() ||
                     m_setOrigin->isChecked());
}

Classifying ClassifyDialog::classifying() const
{
    Classifying what;
    if (m_setClassification->isChecked())
        what.classification = Classification(m_classification->currentIndex());
    if (m_setCategories->isChecked()) {
        CategorySet set;
        for (int i = 0; i < m_categories->count(); ++i)
            if (m_categories->item(i)->checkState() == Qt::Checked) set.insert(Category(i));
        what.categories = set;
        what.addCategories = m_categoriesMode->currentIndex() == 1;
    }
    if (m_setOrigin->isChecked()) what.origin = m_origin->text().trimmed();
    return what;
}

void ClassifyDialog::setClassifying(const Classifying &what)
{
    m_setClassification->setChecked(what.classification.has_value());
    if (what.classification) m_classification->setCurrentIndex(int(*what.classification));
    m_setCategories->setChecked(what.categories.has_value());
    if (what.categories) {
        const QSignalBlocker block(m_categories);
        for (int i = 0; i < m_categories->count(); ++i)
            m_categories->item(i)->setCheckState(
                what.categories->contains(Category(i)) ? Qt::Checked : Qt::Unchecked);
        m_categoriesMode->setCurrentIndex(what.addCategories ? 1 : 0);
    }
    m_setOrigin->setChecked(what.origin.has_value());
    if (what.origin) m_origin->setText(*what.origin);
}

void ClassifyDialog::accept()
{
    const std::shared_ptr<const Inventory> inventory = m_document->inventory();
    if (!inventory) return;
    const Classifying what = classifying();
    std::vector<std::unique_ptr<EditCommand>> commands;
    for (const QString &id : m_ids) {
        const Dataset *found = inventory->dataset(id);
        if (!found) continue; // removed meanwhile (undo in another window): nothing to classify
        Dataset d = *found;
        if (what.classification) {
            d.classification = *what.classification;
            d.present |= fields::dataset::Classification;
        }
        if (what.categories) {
            if (!what.addCategories) d.categories = {};
            d.categories |= *what.categories;
        }
        if (what.origin) d.origin = *what.origin;
        commands.push_back(std::make_unique<ChangeEntityCommand>(m_document, id, d));
    }
    const QString text = commands.size() == 1
                             ? tr("Classify dataset %1").arg(commands.front()->edit().id)
                             : tr("Classify %1 datasets").arg(commands.size());
    if (auto done = m_document->applyAll(text, std::move(commands)); !done) {
        QString html =
            tr("<b>Nothing changed</b> — the change is refused for:<ul style='margin-left:-20px'>");
        for (const Diagnostic &d : done.error())
            html += QStringLiteral("<li>") + d.message.toHtmlEscaped() + QStringLiteral("</li>");
        m_messages->setText(html + QStringLiteral("</ul>"));
        m_messages->show();
        return;
    }
    Q_EMIT applied(text);
    QDialog::accept();
}

} // namespace atlas
