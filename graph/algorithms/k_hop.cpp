#include "graph/algorithms/k_hop.h"

#include <algorithm>

namespace ecograph::graph {

std::vector<HopDistance> KHopNeighbourhood(const EdgeFilter& filter, VertexIndex source,
                                           uint32_t k) {
  std::vector<HopDistance> out;
  std::vector<uint8_t> seen(filter.topology().num_vertices(), 0);
  seen[source] = 1;
  std::vector<VertexIndex> frontier{source};
  for (uint32_t depth = 1; depth <= k && !frontier.empty(); ++depth) {
    std::vector<VertexIndex> next;
    for (VertexIndex v : frontier) {
      filter.ForEachStep(v, [&](EdgeIndex, VertexIndex w) {
        if (seen[w]) return;
        seen[w] = 1;
        next.push_back(w);
      });
    }
    std::sort(next.begin(), next.end());
    for (VertexIndex w : next) out.push_back({w, depth});
    frontier = std::move(next);
  }
  return out;
}

}  // namespace ecograph::graph
