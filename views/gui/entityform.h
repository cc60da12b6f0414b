// The dialog that adds or changes one inventory entity — a site, dataset, workload, flow, access
// entry or waiver — with one field per field of the inventory format (entityfields.h). OK stays
// disabled while a required field is empty. OK applies the edit through the document, which
// checks it as a load would: a refused edit changes nothing, and the dialog stays open listing
// every message, with "did you mean" for a misspelt id the messages do not already suggest. A
// location the catalog does not know is not an error (it resolves to unknown residency): the
// dialog says so, with the closest known location, and a second OK applies it anyway.
#pragma once

#include "entityformfields.h"

#include <QDialog>
#include <memory>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace atlas {

class Document;

class EntityForm final : public QDialog
{
    Q_OBJECT
public:
    // Adds `value` (a new entity of its kind, possibly prefilled) when `id` is unset; otherwise
    // changes the entity `id` (a waiver: its position, as text), shown as `value`.
    EntityForm(Document *document, EntityValue value, std::optional<QString> id,
               QWidget *parent = nullptr);
    ~EntityForm() override;

    EntityKind kind() const { return kindOf(m_base); }
    bool isAdding() const { return !m_id; }
    // The entity as the fields give it now.
    EntityValue value() const;
    // The widget of a field, by its name in the format ("from", "carries", "keys.location").
    QWidget *field(const QString &name) const { return m_fields->widget(name); }
    // Sets a text field (and list fields, comma-separated); false when there is none of that name.
    bool setText(const QString &name, const QString &text);
    QLabel *messages() const { return m_messages; }
    QPushButton *okButton() const;

    // Checks and applies; on refusal the dialog stays open with the messages.
    void accept() override;

Q_SIGNALS:
    // After a successful edit, with the undo text ("Add flow x").
    void applied(const QString &text);

private:
    void fieldsChanged();
    QStringList hints(const Diagnostics &diagnostics) const;
    QStringList locationWarnings() const;
    void showMessages(const QStringList &errors, const QStringList &warnings);

    Document *m_document;
    EntityValue m_base;          // the entity before the form (or the new one's prefill)
    std::optional<QString> m_id; // Change: the entity's id before the edit
    Completions m_completions;
    std::unique_ptr<FieldSet> m_fields;
    QDialogButtonBox *m_buttons;
    QLabel *m_messages;
    QString m_warnedFor; // the value the location warnings were shown for
};

} // namespace atlas
