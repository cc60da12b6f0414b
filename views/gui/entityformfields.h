// The fields of the entity form (entityform.h): one widget per inventory-format field, named by
// the field as the format writes it ("carries", "consent.training", "volume_gb_per_day"), and
// per entity kind how an entity fills them and how they give it back. Closed vocabularies are
// combo boxes (with "(not set)" where the field is optional) or check lists; ids are typed,
// completed from the open inventory, lists of them comma-separated.
#pragma once

#include "enums.h"
#include "inventoryedit.h"

#include <QDate>
#include <QHash>
#include <QStringList>
#include <functional>
#include <optional>

class QComboBox;
class QFormLayout;
class QLineEdit;
class QListWidget;
class QWidget;

namespace atlas {

class Catalog;

// What the fields complete from: the open inventory's ids and the catalog's codes.
struct Completions
{
    QStringList workloads, datasets, subjects, sites, locations, origins, countries, operators,
        rules;
    QDate asOf; // the analysis date: a new waiver expires a year after it
    static Completions of(const Inventory *inventory, const Catalog &catalog,
                          const QStringList &rules, const QDate &asOf = {});
};

class FieldSet
{
public:
    // Rows go into `layout`; `changed` runs on every edit of any field.
    FieldSet(QFormLayout *layout, std::function<void()> changed);

    void addText(const QString &name, const QString &value, bool required = false,
                 const QStringList &completions = {});
    void addIdList(const QString &name, const QStringList &value, bool required,
                   const QStringList &completions);
    void addCheck(const QString &name, bool value);
    void addTriState(const QString &name, std::optional<bool> value); // unknown, true, false
    void addCount(const QString &name, std::optional<int> value); // whole number >= 0 or not set
    void addAmount(const QString &name, std::optional<double> value); // decimal >= 0 or not set
    void addDate(const QString &name, const QDate &value); // required
    // A date that may be absent: a "recorded" check box beside it; unchecked, the field is not
    // set and the date shown (`value`, else `suggested`) is only where the picker starts.
    void addOptionalDate(const QString &name, const QDate &value, const QDate &suggested);
    // An enum: `optional` adds a first choice for "not set", named `unset` ("(not set)" when
    // empty) — "unknown" where the vocabulary has a value that means "none".
    template <typename E>
    void addChoice(const QString &name, std::optional<E> value, bool optional, const QString &unset = {})
    {
        QStringList names;
        for (std::string_view n : EnumNames<E>::names)
            names << QString::fromLatin1(n.data(), qsizetype(n.size()));
        addChoiceNames(name, names, value ? int(*value) : -1, optional, unset);
    }
    template <typename E> void addFlags(const QString &name, EnumSet<E> value)
    {
        QStringList names;
        for (std::string_view n : EnumNames<E>::names)
            names << QString::fromLatin1(n.data(), qsizetype(n.size()));
        addFlagNames(name, names, value.bits());
    }

    QString text(const QString &name) const;
    QStringList ids(const QString &name) const;
    bool checked(const QString &name) const;
    std::optional<bool> triState(const QString &name) const;
    std::optional<int> count(const QString &name) const;
    std::optional<double> amount(const QString &name) const;
    QDate date(const QString &name) const; // null when an optional date is not recorded
    template <typename E> std::optional<E> choice(const QString &name) const
    {
        const int i = choiceIndex(name);
        return i < 0 ? std::nullopt : std::optional<E>(static_cast<E>(i));
    }
    template <typename E> EnumSet<E> flags(const QString &name) const
    {
        EnumSet<E> set;
        const std::uint32_t bits = flagBits(name);
        for (std::size_t i = 0; i < enumCount<E>(); ++i)
            if (bits & (1u << i)) set.insert(static_cast<E>(i));
        return set;
    }

    QWidget *widget(const QString &name) const { return m_widgets.value(name); }
    const QStringList &names() const { return m_names; }
    // The required fields left empty, by name.
    QStringList missing() const;
    // Required or not, depending on other fields (a dataset's origin, unless it is public).
    void setRequired(const QString &name, bool required);

private:
    void addRow(const QString &name, QWidget *widget, bool required);
    void addChoiceNames(const QString &name, const QStringList &values, int current, bool optional,
                        const QString &unset);
    void addFlagNames(const QString &name, const QStringList &values, std::uint32_t bits);
    int choiceIndex(const QString &name) const;
    std::uint32_t flagBits(const QString &name) const;

    QFormLayout *m_layout;
    std::function<void()> m_changed;
    QHash<QString, QWidget *> m_widgets;
    QStringList m_names; // in form order
    QStringList m_required;
};

// A check list of `values` (one item each, unchecked) laid out in columns, all in view.
void setUpFlagList(QListWidget *list, const QStringList &values);

// Fills `fields` with one row per field of `value`'s kind, showing `value`.
void buildFields(FieldSet &fields, const EntityValue &value, const Completions &completions);
// `base` (the entity before the form, or a new one) with the fields' values: what the form asks
// for. Fields the form does not show (positions, links) stay as in `base`.
EntityValue readFields(const FieldSet &fields, const EntityValue &base);

} // namespace atlas
