// The map's toolbar (two rows, so nothing hides behind an overflow arrow): the view switch
// (Overview | Regions), search (id or name), grouping, filters (classification, jurisdiction or
// a pair of them, only findings, only cross-border), lineage focus on a dataset, zoom, fit and
// re-arrange (pack the region map afresh).
// It turns its widgets into MapOptions and says when they change; the region map's controls are
// disabled while the overview is shown.
#pragma once

#include "mapgraph.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QToolBar;

namespace atlas {

enum class MapMode : std::uint8_t { Overview, Regions };

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
    // Keeps the workloads of both jurisdictions (the overview's drill-down into a pair).
    void setJurisdictionPair(const QString &origin, const QString &destination);
    MapMode mode() const;
    void setMode(MapMode mode); // emits modeChanged when it changes
    QLineEdit *searchBox() const { return m_search; }

Q_SIGNALS:
    void optionsChanged();
    void modeChanged(atlas::MapMode mode);
    void searchRequested(const QString &text);
    void zoomIn();
    void zoomOut();
    void fit();
    void rearrange();

private:
    void addViewActions(QToolBar *bar);
    QLineEdit *m_search;
    QComboBox *m_group;
    QComboBox *m_class;
    QComboBox *m_jurisdiction;
    QComboBox *m_dataset;
    QCheckBox *m_findings;
    QCheckBox *m_crossBorder;
    QAction *m_overview;
    QAction *m_regions;
    QList<QWidget *> m_regionsOnly;
    QList<QAction *> m_regionActions;
};

} // namespace atlas
