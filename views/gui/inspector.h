// The inspector's text: every fact of a selected workload (residency, operator and the law
// that reaches it, what it holds, its flows, its open findings) or of selected flows, as HTML.
#pragma once

#include "policyfacts.h"
#include "policytypes.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace atlas {

QString workloadInspectorHtml(const PolicyFacts &facts, const std::vector<Finding> &findings, const QString &workloadId);
QString flowsInspectorHtml(const PolicyFacts &facts, const std::vector<Finding> &findings, const QStringList &flowIds);

} // namespace atlas
