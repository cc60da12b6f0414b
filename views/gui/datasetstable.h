// The Datasets tab: every dataset with its classification, origin and categories, the
// jurisdictions that hold it and those its lineage reaches (policy-rules.md, dataset.reaches:
// every workload a flow carrying it leads to). "Held in" alone hides where data goes.
#pragma once

#include <QTableWidget>

namespace atlas {

struct PolicyFacts;

class DatasetsTable final : public QTableWidget
{
    Q_OBJECT
public:
    enum Column { Id, Classification, Origin, Categories, HeldIn, Reaches, ColumnCount };
    explicit DatasetsTable(QWidget *parent = nullptr);
    // Refills from the analysis; null clears.
    void fill(const PolicyFacts *facts);
};

} // namespace atlas
