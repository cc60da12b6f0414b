#include "entityform.h"

#include "addentity.h"
#include "changeentity.h"
#include "document.h"
#include "location.h"
#include "suggest.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace atlas {

namespace {

QDate asOfOf(const Document &document)
{
    return document.snapshot() ? document.snapshot()->asOf : QDate();
}

QStringList ruleIds(const Document &document)
{
    QStringList ids;
    if (const auto &snapshot = document.snapshot(); snapshot && snapshot->rules())
        for (const CompiledRule &rule : snapshot->rules()->rules)
            ids << rule.id;
    return ids;
}

QString titleOf(const EntityValue &value, const std::optional<QString> &id)
{
    const QString kind = entityKindName(kindOf(value));
    if (!id) return EntityForm::tr("Add %1").arg(kind);
    if (const auto *waiver = std::get_if<Waiver>(&value))
        return EntityForm::tr("Edit waiver %1 on %2").arg(waiver->rule, waiver->subject);
    return EntityForm::tr("Edit %1 %2").arg(kind, *id);
}

// "file:line:column: message" where the message is about a position in a file; the message
// alone where it is about the edit itself (line 0).
QString describe(const Diagnostic &d)
{
    const QString severity =
        d.severity == Severity::Error ? EntityForm::tr("error") : EntityForm::tr("warning");
    if (d.line == 0) return severity + QStringLiteral(": ") + d.message;
    return displayFileName(d.file) + u':' + QString::number(d.line) + u':' +
           QString::number(d.column) + QStringLiteral(": ") + severity + QStringLiteral(": ") +
           d.message;
}

// The fields of each kind that name something else, and what they may name.
struct Reference
{
    QString field;
    QStringList values;
    const QStringList *candidates;
};

} // namespace

EntityForm::EntityForm(Document *document, EntityValue value, std::optional<QString> id,
                       QWidget *parent)
    : QDialog(parent), m_document(document), m_base(std::move(value)), m_id(std::move(id)),
      m_completions(Completions::of(document->inventory().get(), document->catalog(),
                                    ruleIds(*document), asOfOf(*document)))
{
    setObjectName(QStringLiteral("entityForm"));
    setWindowTitle(titleOf(m_base, m_id));
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_fields = std::make_unique<FieldSet>(form, [this] { fieldsChanged(); });
    buildFields(*m_fields, m_base, m_completions);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);

    m_messages = new QLabel(this);
    m_messages->setObjectName(QStringLiteral("formMessages"));
    m_messages->setWordWrap(true);
    m_messages->setTextFormat(Qt::RichText);
    m_messages->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messages->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EntityForm::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EntityForm::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_messages);
    layout->addWidget(m_buttons);
    // As tall as the fields need, up to what a small screen has room for (then they scroll).
    resize(580, std::min(700, page->sizeHint().height() + m_buttons->sizeHint().height() + 40));
    fieldsChanged();
}

EntityForm::~EntityForm() = default;

QPushButton *EntityForm::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

EntityValue EntityForm::value() const
{
    return readFields(*m_fields, m_base);
}

bool EntityForm::setText(const QString &name, const QString &text)
{
    auto *edit = qobject_cast<QLineEdit *>(field(name));
    if (!edit) return false;
    edit->setText(text);
    return true;
}

void EntityForm::fieldsChanged()
{
    if (kind() == EntityKind::Dataset) // origin is required unless the data is public
        m_fields->setRequired(QStringLiteral("origin"),
                              m_fields->choice<Classification>(QStringLiteral("classification")) !=
                                  Classification::Public);
    const QStringList missing = m_fields->missing();
    okButton()->setEnabled(missing.isEmpty());
    okButton()->setToolTip(
        missing.isEmpty() ? QString() : tr("Required: %1").arg(missing.join(QStringLiteral(", "))));
    okButton()->setText(tr("OK"));
    m_warnedFor.clear(); // a changed value is checked again
}

void EntityForm::accept()
{
    if (!m_fields->missing().isEmpty()) return;
    // What is not an error but probably a typo is said once; OK again applies it as it is.
    const QStringList warnings = locationWarnings();
    const QString warned = warnings.join(u'\n');
    if (!warnings.isEmpty() && warned != m_warnedFor) {
        showMessages({}, warnings);
        m_warnedFor = warned;
        okButton()->setText(tr("Apply Anyway"));
        return;
    }
    std::unique_ptr<EditCommand> command;
    if (m_id)
        command = std::make_unique<ChangeEntityCommand>(m_document, *m_id, value());
    else
        command = std::make_unique<AddEntityCommand>(m_document, value());
    if (auto done = m_document->apply(std::move(command)); !done) {
        QStringList errors;
        for (const Diagnostic &d : done.error())
            errors << describe(d);
        showMessages(errors + hints(done.error()), {});
        return;
    }
    Q_EMIT applied(m_document->undoStack()->undoText());
    QDialog::accept();
}

// "Did you mean" for a misspelt reference whose message does not already suggest one (an id
// refused for its syntax, say, before it could be looked up).
QStringList EntityForm::hints(const Diagnostics &diagnostics) const
{
    const EntityValue v = value();
    std::vector<Reference> references;
    const Completions &c = m_completions;
    if (const auto *f = std::get_if<Flow>(&v))
        references = {{QStringLiteral("from"), {f->from}, &c.workloads},
                      {QStringLiteral("to"), {f->to}, &c.workloads},
                      {QStringLiteral("carries"), refIds(f->carries), &c.datasets}};
    else if (const auto *a = std::get_if<Access>(&v))
        references = {{QStringLiteral("to"), {a->to}, &c.workloads},
                      {QStringLiteral("datasets"), refIds(a->datasets), &c.datasets}};
    else if (const auto *w = std::get_if<Workload>(&v))
        references = {{QStringLiteral("holds"), refIds(w->holds), &c.datasets},
                      {QStringLiteral("operator"), {w->operatorId}, &c.operators}};
    else if (const auto *waiver = std::get_if<Waiver>(&v))
        references = {{QStringLiteral("subject"), {waiver->subject}, &c.subjects}};
    else if (const auto *d = std::get_if<Dataset>(&v))
        references = {{QStringLiteral("origin"), {d->origin}, &c.origins}};
    else if (const auto *s = std::get_if<Site>(&v))
        references = {{QStringLiteral("country"), {s->country}, &c.countries},
                      {QStringLiteral("operator"), {s->operatorId}, &c.operators}};
    QStringList out;
    for (const Reference &r : references)
        for (const QString &value : r.values) {
            if (value.isEmpty() || r.candidates->contains(value)) continue;
            const QString quoted = u'\'' + value + u'\'';
            const bool suggested =
                std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic &d) {
                    return d.message.contains(quoted) && d.message.contains(u"did you mean");
                });
            const QString match = closestMatch(value, *r.candidates);
            if (!suggested && !match.isEmpty())
                out << tr("hint: %1 %2 is not known%3").arg(r.field, quoted, didYouMean(match));
        }
    return out;
}

// Locations the catalog cannot resolve and rules no pack has: accepted by the format (unknown
// residency; a waiver that matches nothing), but most often a typo.
QStringList EntityForm::locationWarnings() const
{
    const EntityValue v = value();
    QStringList references;
    if (const auto *w = std::get_if<Workload>(&v))
        references << w->location;
    else if (const auto *a = std::get_if<Access>(&v))
        references << a->from;
    else if (const auto *d = std::get_if<Dataset>(&v); d && d->keys)
        references << d->keys->location;
    QStringList out;
    LocationSuggester suggester(m_document->catalog());
    for (const QString &reference : references) {
        if (reference.isEmpty() || locationSyntaxError(reference))
            continue; // a syntax error is the edit's own error
        const ResolvedLocation loc =
            resolveLocation(m_document->catalog(), reference, m_document->inventory().get());
        if (loc.needsWarning() && !loc.problem.startsWith(u"unknown site"))
            out << tr("warning: %1%2; residency unknown")
                       .arg(loc.problem, didYouMean(suggester.closest(reference)));
    }
    if (const auto *waiver = std::get_if<Waiver>(&v);
        waiver && !m_completions.rules.isEmpty() && !m_completions.rules.contains(waiver->rule))
        out << tr("warning: no policy pack has rule '%1'%2: the waiver would waive nothing")
                   .arg(waiver->rule, didYouMean(closestMatch(waiver->rule, m_completions.rules)));
    return out;
}

void EntityForm::showMessages(const QStringList &errors, const QStringList &warnings)
{
    QString html;
    if (!errors.isEmpty())
        html += tr("<b>Not applied:</b>");
    else if (!warnings.isEmpty())
        html += tr("<b>Check before applying</b> (OK again applies it as it is):");
    html += QStringLiteral("<ul style='margin-left:-20px'>");
    for (const QString &m : errors + warnings)
        html += QStringLiteral("<li>") + m.toHtmlEscaped() + QStringLiteral("</li>");
    html += QStringLiteral("</ul>");
    m_messages->setText(html);
    m_messages->setVisible(!errors.isEmpty() || !warnings.isEmpty());
}

} // namespace atlas
