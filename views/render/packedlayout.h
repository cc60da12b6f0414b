// The region map's arrangement (issue 18): every cluster is a tile whose content — its child
// clusters and its own workloads — is packed in rows to an aspect ratio, so the map fills a
// screen instead of running down one column. Workloads joined by flows inside one cluster are
// laid out by Graphviz (layoutGraph) as a block; the others are packed as cards, so a region of
// 1,500 workloads without internal flows costs no Graphviz call. Flows between clusters are
// drawn as curves; those between the same two top-level tiles pass through one shared point,
// drawn as one bundle rather than a corridor of parallel lines. Edge labels are placed along
// their edge where they cover no other label and no node.
#pragma once

#include "graphlayout.h"

#include <expected>

namespace atlas {

// `request.aspect` (width / height) is what the whole map aims for; request.leftToRight is
// used for the Graphviz blocks. Clusters are at least as wide as their title
// (LayoutCluster::titleSize); each edge's label gets a place when LayoutEdge::label is set.
std::expected<LayoutResult, QString> packedLayout(const LayoutRequest &request);

} // namespace atlas
