// The Datasets panel (a tab): every dataset with its classification, origin and categories, the
// jurisdictions that hold it and those its lineage reaches (policy-rules.md, dataset.reaches:
// every workload a flow carrying it leads to). "Held in" alone hides where data goes.
#pragma once

#include <QTableWidget>

#include <memory>

namespace atlas {

class Document;
struct AnalysisSnapshot;
enum class SnapshotChange : std::uint8_t;

class DatasetsPanel final : public QTableWidget
{
    Q_OBJECT
public:
    enum Column { Id, Classification, Origin, Categories, HeldIn, Reaches, ColumnCount };
    explicit DatasetsPanel(QWidget *parent = nullptr);
    // Follows the document: refilled from every new snapshot, the sort order kept.
    void setDocument(Document *document);
    void showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change);
};

} // namespace atlas
