#pragma once
// Degree centrality: accepted relationships per vertex (parallel
// relationships counted; a self-loop counts twice in undirected mode).
#include <cstdint>
#include <vector>

#include "graph/algorithms/edge_filter.h"

namespace ecograph::graph {

// Per vertex (0 outside `vertices`). The filter's per-type direction picks
// out-edges (forward), in-edges (backward) or both. Only relationships whose
// other end is in `vertices` count.
std::vector<uint64_t> Degrees(const EdgeFilter& edges, const VertexFilter& vertices);

}  // namespace ecograph::graph
