// Bulk classification: the classification, the categories and the origin set on many datasets at
// once — how the untagged resources of an import get classified. One undo step for all of them
// (Document::applyAll); if the document refuses the change of any one, nothing changes and the
// dialog stays open with every message.
#pragma once

#include "enums.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace atlas {

class Document;

// What to set; unset parts keep each dataset's own value.
struct Classifying
{
    std::optional<Classification> classification;
    std::optional<CategorySet> categories;
    bool addCategories = false; // add to each dataset's categories instead of replacing them
    std::optional<QString> origin;
};

class ClassifyDialog final : public QDialog
{
    Q_OBJECT
public:
    ClassifyDialog(Document *document, QStringList datasetIds, QWidget *parent = nullptr);

    const QStringList &datasets() const { return m_ids; }
    // The choices as the controls give them now.
    Classifying classifying() const;
    // Sets the controls (tests, and a caller that knows what to set).
    void setClassifying(const Classifying &what);
    QLabel *messages() const { return m_messages; }

    void accept() override;

Q_SIGNALS:
    void applied(const QString &text);

private:
    void updateOk();
    void startFromShared();

    Document *m_document;
    QStringList m_ids;
    QCheckBox *m_setClassification;
    QComboBox *m_classification;
    QCheckBox *m_setCategories;
    QComboBox *m_categoriesMode;
    QListWidget *m_categories;
    QCheckBox *m_setOrigin;
    QLineEdit *m_origin;
    QLabel *m_messages;
    QDialogButtonBox *m_buttons;
};

} // namespace atlas
