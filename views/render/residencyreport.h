// The residency report of the `inventory` command: a summary by classification and, for each
// workload, provider/region → country → jurisdiction and operator; datasets with where they are
// held; flows with the jurisdictions they connect. Text for terminals, JSON for machines.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"
#include "residency.h"

#include <QJsonObject>

namespace atlas {

struct ResidencyReportInput
{
    const Catalog &catalog;
    const Inventory &inventory;
    const std::vector<WorkloadResidency> &residency;
    const Diagnostics &warnings;
};

QJsonObject residencyJson(const ResidencyReportInput &in);
QString residencyText(const ResidencyReportInput &in);

} // namespace atlas
