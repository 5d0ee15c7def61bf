#include "graph/algorithms/degree.h"

namespace ecograph::graph {

std::vector<uint64_t> Degrees(const EdgeFilter& edges, const VertexFilter& vertices) {
  const size_t n = edges.topology().num_vertices();
  std::vector<uint64_t> degree(n, 0);
  for (VertexIndex v = 0; v < n; ++v) {
    if (!vertices.Contains(v)) continue;
    uint64_t d = 0;
    edges.ForEachStep(v, [&](EdgeIndex, VertexIndex w) {
      if (vertices.Contains(w)) ++d;
    });
    degree[v] = d;
  }
  return degree;
}

}  // namespace ecograph::graph
