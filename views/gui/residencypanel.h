// The Residency panel (a tab): a filter over the table of every workload's residency, with
// unknown residency standing out. Follows the document; the filter and sort order survive a
// reload or an edit.
#pragma once

#include <QWidget>

#include <cstdint>
#include <memory>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace atlas {

class Document;
class ResidencyModel;
struct AnalysisSnapshot;
enum class SnapshotChange : std::uint8_t;

class ResidencyPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ResidencyPanel(QWidget *parent = nullptr);
    void setDocument(Document *document);
    void showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change);
    QTableView *view() const { return m_view; }
    QLineEdit *filter() const { return m_filter; }

private:
    QLineEdit *m_filter;
    ResidencyModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
};

} // namespace atlas
