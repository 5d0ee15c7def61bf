#pragma once
// Betweenness centrality (Brandes, via boost::brandes_betweenness_centrality)
// over the accepted steps between vertices in the vertex filter. Parallel
// relationships collapse to one link: shortest paths are counted as vertex
// sequences, as networkx does on simple graphs. Cost O(V * E).
#include <vector>

#include "graph/algorithms/edge_filter.h"

namespace ecograph::graph {

struct BetweennessOptions {
  // The filter's steps are symmetric (undirected mode): each unordered
  // pair of endpoints is counted once, as for an undirected graph.
  bool undirected = false;
  // Divide by the number of pairs not involving the vertex: (n-1)(n-2) for
  // directed, (n-1)(n-2)/2 for undirected (networkx's convention).
  bool normalized = false;
};

// Per vertex; 0 outside the vertex filter.
std::vector<double> Betweenness(const EdgeFilter& edges, const VertexFilter& vertices,
                                const BetweennessOptions& options);

}  // namespace ecograph::graph
