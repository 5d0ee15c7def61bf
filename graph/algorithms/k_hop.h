#pragma once
// k-hop neighbourhood: vertices within 1..k accepted steps of a source.
#include <cstdint>
#include <utility>
#include <vector>

#include "graph/algorithms/edge_filter.h"

namespace ecograph::graph {

struct HopDistance {
  VertexIndex vertex;
  uint32_t distance;  // 1..k
};

// The source itself is not included. Ordered by (distance, vertex).
std::vector<HopDistance> KHopNeighbourhood(const EdgeFilter& filter, VertexIndex source,
                                           uint32_t k);

}  // namespace ecograph::graph
