// The map's toolbar (two rows, so nothing hides behind an overflow arrow): search (id or name), grouping, filters (classification, jurisdiction,
// only findings, only cross-border), lineage focus on a dataset, zoom and fit. It turns its
// widgets into MapOptions and says when they change.
#pragma once

#include "mapgraph.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace atlas {

class MapToolBar final : public QWidget
{
    Q_OBJECT
public:
    explicit MapToolBar(QWidget *parent = nullptr);
    // New choices for the jurisdiction and lineage boxes; every filter back to "all" unless
    // `keepFilters`, which keeps what is still available (a reload).
    void setChoices(const QStringList &jurisdictions, const QStringList &datasets, bool keepFilters = false);
    MapOptions options() const;
    void setFocusDataset(const QString &id);
    void setOnlyCrossBorder(bool on);
    void setOnlyFindings(bool on);
    QLineEdit *searchBox() const { return m_search; }

Q_SIGNALS:
    void optionsChanged();
    void searchRequested(const QString &text);
    void zoomIn();
    void zoomOut();
    void fit();

private:
    QLineEdit *m_search;
    QComboBox *m_group;
    QComboBox *m_class;
    QComboBox *m_jurisdiction;
    QComboBox *m_dataset;
    QCheckBox *m_findings;
    QCheckBox *m_crossBorder;
};

} // namespace atlas
