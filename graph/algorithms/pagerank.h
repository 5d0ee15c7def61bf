#pragma once
// PageRank by power iteration.
//
// Links are the accepted steps between vertices in the vertex filter
// (parallel relationships are parallel links and count once each;
// undirected mode gives each relationship a link both ways). Dangling
// vertices (no outgoing link) hand their whole score to every vertex
// uniformly, as igraph (PRPACK) and networkx do, so scores always sum to 1.
#include <cstdint>
#include <vector>

#include "graph/algorithms/edge_filter.h"

namespace ecograph::graph {

struct PageRankOptions {
  double damping = 0.85;
  uint32_t max_iterations = 200;
  // Stops when the L1 norm of the change between two iterations is below
  // this (not scaled by the vertex count).
  double tolerance = 1e-9;
};

struct PageRankResult {
  std::vector<double> score;  // per vertex; 0 outside the vertex filter
  uint32_t iterations = 0;
  bool converged = false;
};

PageRankResult PageRank(const EdgeFilter& edges, const VertexFilter& vertices,
                        const PageRankOptions& options);

}  // namespace ecograph::graph
