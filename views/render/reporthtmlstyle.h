// The HTML report's one stylesheet (reporthtml.cpp inlines it): screen, narrow screen and print.
#pragma once

#include <QString>

namespace atlas {

const QString &reportHtmlStyleSheet();

} // namespace atlas
