// The inventory tree of the main window: jurisdiction → country → region → workload, and the
// datasets. A plain QStandardItemModel built once per analysis; item data carries the id.
#pragma once

#include "policyfacts.h"

#include <QStandardItemModel>

namespace atlas {

class Document;

class InventoryTreeModel final : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, KindRole }; // KindRole: "workload" or "dataset"
    explicit InventoryTreeModel(QObject *parent = nullptr);
    // Follows the document: rebuilt from every new snapshot.
    void setDocument(Document *document);
    void rebuild(const PolicyFacts *facts);
    QModelIndex indexOfWorkload(const QString &id) const;
};

} // namespace atlas
