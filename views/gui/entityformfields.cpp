#include "entityformfields.h"

#include "catalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFontMetrics>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QStringListModel>

namespace atlas {

namespace {

// Completes the item being typed in a comma-separated list, keeping the ones before it.
class ListCompleter final : public QCompleter
{
public:
    ListCompleter(const QStringList &words, QObject *parent) : QCompleter(words, parent) {}
    QStringList splitPath(const QString &path) const override
    {
        return {path.section(u',', -1).trimmed()};
    }
    QString pathFromIndex(const QModelIndex &index) const override
    {
        const auto *edit = qobject_cast<const QLineEdit *>(widget());
        const QString text = edit ? edit->text() : QString();
        const qsizetype comma = text.lastIndexOf(u',');
        const QString before = comma < 0 ? QString() : text.left(comma + 1) + u' ';
        return before + QCompleter::pathFromIndex(index);
    }
};

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        if (const QString item = part.trimmed(); !item.isEmpty()) out << item;
    return out;
}

constexpr auto kNotSet = "(not set)";

} // namespace

void setUpFlagList(QListWidget *list, const QStringList &values)
{
    list->setFlow(QListView::LeftToRight);
    list->setWrapping(true);
    list->setResizeMode(QListView::Adjust);
    // Columns as wide as the longest value, every value in view without scrolling in a form
    // about 400 pixels wide.
    const QFontMetrics metrics(list->font());
    int widest = 0;
    for (const QString &value : values) {
        widest = std::max(widest, metrics.horizontalAdvance(value));
        auto *item = new QListWidgetItem(value, list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    const QSize cell(widest + 36, metrics.height() + 6);
    list->setGridSize(cell);
    const int columns = std::max(1, 400 / cell.width());
    const int rows = int((values.size() + columns - 1) / columns);
    list->setFixedHeight(rows * cell.height() + 2 * list->frameWidth() + 4);
}

Completions Completions::of(const Inventory *inventory, const Catalog &catalog,
                            const QStringList &rules, const QDate &asOf)
{
    Completions c;
    c.rules = rules;
    c.asOf = asOf.isValid() ? asOf : QDate::currentDate();
    if (inventory) {
        for (const Site &s : inventory->sites) {
            c.sites << s.id;
            c.locations << QStringLiteral("site:") + s.id;
        }
        for (const Dataset &d : inventory->datasets)
            c.datasets << d.id;
        for (const Workload &w : inventory->workloads)
            c.workloads << w.id;
        c.subjects = c.workloads + c.datasets;
        for (const Flow &f : inventory->flows)
            c.subjects << f.id;
        for (const Access &a : inventory->access)
            c.subjects << a.id;
    }
    for (const Region &r : catalog.regions)
        c.locations << r.provider + u':' + r.code;
    for (const MultiRegion &m : catalog.multiRegions)
        c.locations << m.provider + u':' + m.code;
    for (const QString &provider : catalog.providers())
        c.locations << provider + QStringLiteral(":global");
    for (const Country &country : catalog.countries)
        c.countries << country.code;
    c.locations += c.countries;
    c.locations << QStringLiteral("unknown");
    for (const Jurisdiction &j : catalog.jurisdictions)
        c.origins << j.id;
    c.origins += c.countries;
    c.origins.removeDuplicates();
    c.operators << QStringLiteral("self");
    for (const Operator &o : catalog.operators)
        c.operators << o.id;
    return c;
}

FieldSet::FieldSet(QFormLayout *layout, std::function<void()> changed)
    : m_layout(layout), m_changed(std::move(changed))
{
}

void FieldSet::addRow(const QString &name, QWidget *widget, bool required)
{
    widget->setObjectName(name);
    auto *label = new QLabel(name, widget->parentWidget());
    label->setBuddy(widget);
    m_layout->addRow(label, widget);
    m_widgets.insert(name, widget);
    m_names << name;
    setRequired(name, required);
}

void FieldSet::setRequired(const QString &name, bool required)
{
    m_required.removeAll(name);
    if (required) m_required << name;
    if (auto *label = qobject_cast<QLabel *>(m_layout->labelForField(m_widgets.value(name)))) {
        // Required fields in bold with a star, as forms usually mark them.
        label->setText(required ? QStringLiteral("<b>") + name + QStringLiteral(" *</b>") : name);
        label->setToolTip(required ? QObject::tr("Required") : QString());
    }
}

void FieldSet::addText(const QString &name, const QString &value, bool required,
                       const QStringList &completions)
{
    auto *edit = new QLineEdit(value, m_layout->parentWidget());
    if (!completions.isEmpty()) {
        auto *completer = new QCompleter(completions, edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        edit->setCompleter(completer);
    }
    QObject::connect(edit, &QLineEdit::textChanged, edit, [this] { m_changed(); });
    addRow(name, edit, required);
}

void FieldSet::addIdList(const QString &name, const QStringList &value, bool required,
                         const QStringList &completions)
{
    auto *edit = new QLineEdit(value.join(QStringLiteral(", ")), m_layout->parentWidget());
    edit->setPlaceholderText(QObject::tr("ids, comma-separated"));
    auto *completer = new ListCompleter(completions, edit);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    edit->setCompleter(completer);
    QObject::connect(edit, &QLineEdit::textChanged, edit, [this] { m_changed(); });
    addRow(name, edit, required);
}

void FieldSet::addCheck(const QString &name, bool value)
{
    auto *box = new QCheckBox(m_layout->parentWidget());
    box->setChecked(value);
    QObject::connect(box, &QCheckBox::toggled, box, [this] { m_changed(); });
    addRow(name, box, false);
}

void FieldSet::addTriState(const QString &name, std::optional<bool> value)
{
    auto *box = new QComboBox(m_layout->parentWidget());
    box->addItem(QObject::tr("unknown (not set)"), -1);
    box->addItem(QStringLiteral("true"), 1);
    box->addItem(QStringLiteral("false"), 0);
    box->setCurrentIndex(!value ? 0 : *value ? 1 : 2);
    QObject::connect(box, &QComboBox::currentIndexChanged, box, [this] { m_changed(); });
    addRow(name, box, false);
}

void FieldSet::addCount(const QString &name, std::optional<int> value)
{
    auto *spin = new QSpinBox(m_layout->parentWidget());
    spin->setRange(-1, 1'000'000);
    spin->setSpecialValueText(QString::fromLatin1(kNotSet)); // -1: absent, as in the file
    spin->setValue(value.value_or(-1));
    QObject::connect(spin, &QSpinBox::valueChanged, spin, [this] { m_changed(); });
    addRow(name, spin, false);
}

void FieldSet::addAmount(const QString &name, std::optional<double> value)
{
    auto *spin = new QDoubleSpinBox(m_layout->parentWidget());
    spin->setRange(-1, 1e9);
    spin->setDecimals(2);
    spin->setSpecialValueText(QString::fromLatin1(kNotSet));
    spin->setValue(value.value_or(-1));
    QObject::connect(spin, &QDoubleSpinBox::valueChanged, spin, [this] { m_changed(); });
    addRow(name, spin, false);
}

void FieldSet::addDate(const QString &name, const QDate &value)
{
    auto *edit = new QDateEdit(value, m_layout->parentWidget());
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setCalendarPopup(true);
    QObject::connect(edit, &QDateEdit::dateChanged, edit, [this] { m_changed(); });
    addRow(name, edit, true);
}

void FieldSet::addOptionalDate(const QString &name, const QDate &value, const QDate &suggested)
{
    auto *row = new QWidget(m_layout->parentWidget());
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *recorded = new QCheckBox(QObject::tr("recorded"), row);
    auto *edit = new QDateEdit(value.isValid() ? value : suggested, row);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setCalendarPopup(true);
    recorded->setChecked(value.isValid());
    edit->setEnabled(value.isValid());
    layout->addWidget(recorded);
    layout->addWidget(edit, 1);
    QObject::connect(recorded, &QCheckBox::toggled, edit, [this, edit](bool on) {
        edit->setEnabled(on);
        m_changed();
    });
    QObject::connect(edit, &QDateEdit::dateChanged, edit, [this] { m_changed(); });
    addRow(name, row, false);
}

void FieldSet::addChoiceNames(const QString &name, const QStringList &values, int current,
                              bool optional, const QString &unset)
{
    auto *box = new QComboBox(m_layout->parentWidget());
    if (optional) box->addItem(unset.isEmpty() ? QString::fromLatin1(kNotSet) : unset, -1);
    for (int i = 0; i < values.size(); ++i)
        box->addItem(values[i], i);
    box->setCurrentIndex(box->findData(current) < 0 ? 0 : box->findData(current));
    QObject::connect(box, &QComboBox::currentIndexChanged, box, [this] { m_changed(); });
    addRow(name, box, false);
}

void FieldSet::addFlagNames(const QString &name, const QStringList &values, std::uint32_t bits)
{
    auto *list = new QListWidget(m_layout->parentWidget());
    setUpFlagList(list, values);
    for (int i = 0; i < values.size(); ++i)
        list->item(i)->setCheckState(bits & (1u << i) ? Qt::Checked : Qt::Unchecked);
    QObject::connect(list, &QListWidget::itemChanged, list, [this] { m_changed(); });
    addRow(name, list, false);
}

QString FieldSet::text(const QString &name) const
{
    const auto *edit = qobject_cast<const QLineEdit *>(widget(name));
    return edit ? edit->text().trimmed() : QString();
}

QStringList FieldSet::ids(const QString &name) const
{
    return splitList(text(name));
}

bool FieldSet::checked(const QString &name) const
{
    const auto *box = qobject_cast<const QCheckBox *>(widget(name));
    return box && box->isChecked();
}

std::optional<bool> FieldSet::triState(const QString &name) const
{
    const auto *box = qobject_cast<const QComboBox *>(widget(name));
    const int v = box ? box->currentData().toInt() : -1;
    return v < 0 ? std::nullopt : std::optional<bool>(v == 1);
}

std::optional<int> FieldSet::count(const QString &name) const
{
    const auto *spin = qobject_cast<const QSpinBox *>(widget(name));
    return !spin || spin->value() < 0 ? std::nullopt : std::optional<int>(spin->value());
}

std::optional<double> FieldSet::amount(const QString &name) const
{
    const auto *spin = qobject_cast<const QDoubleSpinBox *>(widget(name));
    return !spin || spin->value() < 0 ? std::nullopt : std::optional<double>(spin->value());
}

QDate FieldSet::date(const QString &name) const
{
    const QWidget *w = widget(name);
    if (const auto *edit = qobject_cast<const QDateEdit *>(w)) return edit->date();
    const auto *recorded = w ? w->findChild<QCheckBox *>() : nullptr;
    const auto *edit = w ? w->findChild<QDateEdit *>() : nullptr;
    return recorded && edit && recorded->isChecked() ? edit->date() : QDate();
}

int FieldSet::choiceIndex(const QString &name) const
{
    const auto *box = qobject_cast<const QComboBox *>(widget(name));
    return box ? box->currentData().toInt() : -1;
}

std::uint32_t FieldSet::flagBits(const QString &name) const
{
    std::uint32_t bits = 0;
    if (const auto *list = qobject_cast<const QListWidget *>(widget(name)))
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->checkState() == Qt::Checked) bits |= 1u << i;
    return bits;
}

QStringList FieldSet::missing() const
{
    QStringList out;
    for (const QString &name : m_required)
        if (const auto *edit = qobject_cast<const QLineEdit *>(widget(name));
            edit && edit->text().trimmed().isEmpty())
            out << name;
    return out;
}

namespace {

DatasetRefs toRefs(const QStringList &ids)
{
    DatasetRefs refs;
    for (const QString &id : ids)
        refs.push_back(DatasetRef{id, {}, 0});
    return refs;
}

QString tagsText(const QList<Tag> &tags)
{
    QStringList out;
    for (const Tag &t : tags)
        out << t.key + u'=' + t.value;
    return out.join(QStringLiteral(", "));
}

QList<Tag> parseTags(const QString &text)
{
    QList<Tag> tags;
    for (const QString &item : splitList(text))
        tags.append(Tag{item.section(u'=', 0, 0).trimmed(), item.section(u'=', 1).trimmed()});
    return tags;
}

void build(FieldSet &f, const Site &s, const Completions &c)
{
    f.addText(QStringLiteral("id"), s.id, true);
    f.addText(QStringLiteral("name"), s.name);
    f.addText(QStringLiteral("country"), s.country, true, c.countries);
    f.addText(QStringLiteral("operator"), s.operatorId, false, c.operators);
}

void read(const FieldSet &f, Site &s)
{
    s.id = f.text(QStringLiteral("id"));
    s.name = f.text(QStringLiteral("name"));
    s.country = f.text(QStringLiteral("country"));
    s.operatorId = f.text(QStringLiteral("operator"));
}

void build(FieldSet &f, const Dataset &d, const Completions &c)
{
    f.addText(QStringLiteral("id"), d.id, true);
    f.addText(QStringLiteral("name"), d.name);
    f.addChoice(QStringLiteral("classification"), std::optional(d.classification), false);
    f.addFlags(QStringLiteral("categories"), d.categories);
    f.addText(QStringLiteral("origin"), d.origin, d.classification != Classification::Public,
              c.origins);
    f.addCheck(QStringLiteral("consent.training"), d.consent.training);
    f.addCheck(QStringLiteral("consent.analytics"), d.consent.analytics);
    f.addCount(QStringLiteral("retention_days"), d.retentionDays);
    f.addTriState(QStringLiteral("redacted"), d.redacted);
    f.addChoice(QStringLiteral("keys.custody"), d.keys ? d.keys->custody : std::nullopt, true);
    f.addText(QStringLiteral("keys.location"), d.keys ? d.keys->location : QString(), false,
              c.locations);
    f.addChoice(QStringLiteral("localisation"), d.localisation, true);
    // `none` is an answer (there is no basis): not knowing is the empty choice.
    f.addChoice(QStringLiteral("training_basis"), d.trainingBasis, true,
                QObject::tr("unknown (not set)"));
}

void read(const FieldSet &f, Dataset &d)
{
    d.id = f.text(QStringLiteral("id"));
    d.name = f.text(QStringLiteral("name"));
    d.classification = *f.choice<Classification>(QStringLiteral("classification"));
    d.present |= fields::dataset::Classification; // required: the form always names one
    d.categories = f.flags<Category>(QStringLiteral("categories"));
    d.origin = f.text(QStringLiteral("origin"));
    d.consent.training = f.checked(QStringLiteral("consent.training"));
    d.consent.analytics = f.checked(QStringLiteral("consent.analytics"));
    d.retentionDays = f.count(QStringLiteral("retention_days"));
    d.redacted = f.triState(QStringLiteral("redacted"));
    const auto custody = f.choice<KeyCustody>(QStringLiteral("keys.custody"));
    const QString keyLocation = f.text(QStringLiteral("keys.location"));
    if (!custody && keyLocation.isEmpty()) {
        d.keys.reset();
    } else {
        Keys keys = d.keys.value_or(Keys{});
        keys.custody = custody;
        keys.location = keyLocation;
        d.keys = keys;
    }
    d.localisation = f.choice<Localisation>(QStringLiteral("localisation"));
    d.trainingBasis = f.choice<TrainingBasis>(QStringLiteral("training_basis"));
}

void build(FieldSet &f, const Workload &w, const Completions &c)
{
    f.addText(QStringLiteral("id"), w.id, true);
    f.addText(QStringLiteral("name"), w.name);
    f.addChoice(QStringLiteral("kind"), std::optional(w.kind), false);
    f.addText(QStringLiteral("location"), w.location, true, c.locations);
    f.addText(QStringLiteral("operator"), w.operatorId, false, c.operators);
    f.addText(QStringLiteral("operator_hq"), w.operatorHq, false, c.countries);
    if (auto *op = qobject_cast<QLineEdit *>(f.widget(QStringLiteral("operator"))))
        op->setPlaceholderText(QObject::tr("default: the region's operator, or self"));
    if (auto *hq = qobject_cast<QLineEdit *>(f.widget(QStringLiteral("operator_hq"))))
        hq->setPlaceholderText(QObject::tr("country of a vendor the catalog does not know"));
    f.addIdList(QStringLiteral("holds"), refIds(w.holds), false, c.datasets);
    f.addCheck(QStringLiteral("external"), w.external);
    f.addFlags(QStringLiteral("certifications"), w.certifications);
    f.addText(QStringLiteral("tags"), tagsText(w.tags));
    if (auto *tags = qobject_cast<QLineEdit *>(f.widget(QStringLiteral("tags"))))
        tags->setPlaceholderText(QObject::tr("key=value, key=value"));
    f.addTriState(QStringLiteral("geo_redundant"), w.geoRedundant);
}

void read(const FieldSet &f, Workload &w)
{
    w.id = f.text(QStringLiteral("id"));
    w.name = f.text(QStringLiteral("name"));
    w.kind = *f.choice<WorkloadKind>(QStringLiteral("kind"));
    w.present |= fields::workload::Kind; // required: the form always names one
    w.location = f.text(QStringLiteral("location"));
    w.operatorId = f.text(QStringLiteral("operator"));
    w.operatorHq = f.text(QStringLiteral("operator_hq"));
    w.holds = toRefs(f.ids(QStringLiteral("holds")));
    w.external = f.checked(QStringLiteral("external"));
    w.certifications = f.flags<Certification>(QStringLiteral("certifications"));
    w.tags = parseTags(f.text(QStringLiteral("tags")));
    w.geoRedundant = f.triState(QStringLiteral("geo_redundant"));
}

void build(FieldSet &f, const Flow &fl, const Completions &c)
{
    // A flow without a written id has the contract's default, "<from>--<to>": shown as such
    // and left empty, so that the default follows from and to.
    f.addText(QStringLiteral("id"), fl.present & fields::flow::Id ? fl.id : QString());
    if (auto *id = qobject_cast<QLineEdit *>(f.widget(QStringLiteral("id"))))
        id->setPlaceholderText(QObject::tr("default: <from>--<to>"));
    f.addText(QStringLiteral("from"), fl.from, true, c.workloads);
    f.addText(QStringLiteral("to"), fl.to, true, c.workloads);
    f.addIdList(QStringLiteral("carries"), refIds(fl.carries), true, c.datasets);
    f.addChoice(QStringLiteral("form"), std::optional(fl.form), false);
    f.addChoice(QStringLiteral("purpose"), fl.purpose, true);
    f.addChoice(QStringLiteral("basis"), std::optional(fl.basis), false);
    f.addTriState(QStringLiteral("encrypted"), fl.encrypted);
    f.addFlags(QStringLiteral("protections"), fl.protections);
    f.addAmount(QStringLiteral("volume_gb_per_day"), fl.volumeGbPerDay);
    f.addTriState(QStringLiteral("notified"), fl.notified);
    f.addOptionalDate(QStringLiteral("assessed"), fl.assessed, c.asOf);
}

void read(const FieldSet &f, Flow &fl)
{
    fl.id = f.text(QStringLiteral("id"));
    fl.from = f.text(QStringLiteral("from"));
    fl.to = f.text(QStringLiteral("to"));
    fl.carries = toRefs(f.ids(QStringLiteral("carries")));
    fl.form = *f.choice<FlowForm>(QStringLiteral("form"));
    fl.purpose = f.choice<Purpose>(QStringLiteral("purpose"));
    fl.basis = *f.choice<Basis>(QStringLiteral("basis"));
    fl.encrypted = f.triState(QStringLiteral("encrypted"));
    fl.protections = f.flags<Protection>(QStringLiteral("protections"));
    fl.volumeGbPerDay = f.amount(QStringLiteral("volume_gb_per_day"));
    fl.notified = f.triState(QStringLiteral("notified"));
    fl.assessed = f.date(QStringLiteral("assessed"));
}

void build(FieldSet &f, const Access &a, const Completions &c)
{
    f.addText(QStringLiteral("id"), a.id, true);
    f.addText(QStringLiteral("role"), a.role);
    f.addText(QStringLiteral("from"), a.from, true, c.locations);
    f.addText(QStringLiteral("to"), a.to, true, c.workloads);
    f.addIdList(QStringLiteral("datasets"), refIds(a.datasets), true, c.datasets);
    f.addText(QStringLiteral("purpose"), a.purpose);
    f.addChoice(QStringLiteral("basis"), std::optional(a.basis), false);
    f.addTriState(QStringLiteral("notified"), a.notified);
    f.addOptionalDate(QStringLiteral("assessed"), a.assessed, c.asOf);
}

void read(const FieldSet &f, Access &a)
{
    a.id = f.text(QStringLiteral("id"));
    a.role = f.text(QStringLiteral("role"));
    a.from = f.text(QStringLiteral("from"));
    a.to = f.text(QStringLiteral("to"));
    a.datasets = toRefs(f.ids(QStringLiteral("datasets")));
    a.purpose = f.text(QStringLiteral("purpose"));
    a.basis = *f.choice<Basis>(QStringLiteral("basis"));
    a.notified = f.triState(QStringLiteral("notified"));
    a.assessed = f.date(QStringLiteral("assessed"));
}

void build(FieldSet &f, const Waiver &w, const Completions &c)
{
    f.addText(QStringLiteral("rule"), w.rule, true, c.rules);
    f.addText(QStringLiteral("subject"), w.subject, true, c.subjects);
    f.addText(QStringLiteral("reason"), w.reason, true);
    f.addText(QStringLiteral("approved_by"), w.approvedBy, true);
    // A waiver should be reviewed: a year after the analysis date unless it says otherwise.
    f.addDate(QStringLiteral("expires"), w.expires.isValid() ? w.expires : c.asOf.addYears(1));
}

void read(const FieldSet &f, Waiver &w)
{
    w.rule = f.text(QStringLiteral("rule"));
    w.subject = f.text(QStringLiteral("subject"));
    w.reason = f.text(QStringLiteral("reason"));
    w.approvedBy = f.text(QStringLiteral("approved_by"));
    w.expires = f.date(QStringLiteral("expires"));
}

} // namespace

void buildFields(FieldSet &fields, const EntityValue &value, const Completions &completions)
{
    std::visit([&](const auto &entity) { build(fields, entity, completions); }, value);
}

EntityValue readFields(const FieldSet &fields, const EntityValue &base)
{
    EntityValue value = base;
    std::visit([&](auto &entity) { read(fields, entity); }, value);
    return value;
}

} // namespace atlas
