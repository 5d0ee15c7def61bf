#pragma once
// Weakly connected components (relationship direction ignored).
#include <cstdint>
#include <vector>

#include "graph/algorithms/edge_filter.h"

namespace ecograph::graph {

struct Components {
  // Per vertex: component id, or UINT32_MAX for vertices outside the
  // vertex filter. Ids are dense, numbered in order of each component's
  // lowest vertex (so the lowest NodeId of a component decides its id).
  std::vector<uint32_t> component;
  uint32_t count = 0;
};

// Only edges accepted by `edges` with both ends in `vertices` join
// components; the filter's direction does not matter.
Components WeaklyConnectedComponents(const EdgeFilter& edges, const VertexFilter& vertices);

}  // namespace ecograph::graph
