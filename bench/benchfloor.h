// atlas-bench-import --floor: the cost of building an import's result alone (see bench_floor.cpp).
#pragma once

#include <QString>

namespace atlas::bench {

int floorRun(const QString &path);

} // namespace atlas::bench
