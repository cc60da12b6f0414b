// A test's analysis of one input file with the embedded catalog at a fixed date: the snapshot
// the simulation and report tests start from. A failure is fatal (the fixture itself is broken).
#pragma once

#include "analysis.h"
#include "testsupport.h"

namespace atlas::test {

inline std::shared_ptr<const AnalysisSnapshot> analysed(const QString &file, QDate asOf)
{
    AnalysisRequest request;
    request.inputs = {file};
    request.catalog = &catalog();
    request.asOf = asOf;
    AnalysisResult r = analyse(request);
    if (!r)
        qFatal("%s", qPrintable(join(r.error().diagnostics)));
    return *r;
}

} // namespace atlas::test
