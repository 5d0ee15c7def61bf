#include "graph/algorithms/pagerank.h"

#include <cmath>

namespace ecograph::graph {

PageRankResult PageRank(const EdgeFilter& edges, const VertexFilter& vertices,
                        const PageRankOptions& options) {
  const Topology& topology = edges.topology();
  const size_t n = topology.num_vertices();
  PageRankResult result;
  result.score.assign(n, 0.0);

  // Compact in-link lists over the included vertices (pull iteration).
  std::vector<VertexIndex> members;
  for (VertexIndex v = 0; v < n; ++v) {
    if (vertices.Contains(v)) members.push_back(v);
  }
  const size_t count = members.size();
  if (count == 0) {
    result.converged = true;
    return result;
  }
  std::vector<uint32_t> out_links(n, 0);
  std::vector<uint64_t> in_start(count + 1, 0);
  std::vector<VertexIndex> in_from;
  for (size_t i = 0; i < count; ++i) {
    VertexIndex v = members[i];
    edges.ForEachReverseStep(v, [&](EdgeIndex, VertexIndex u) {
      if (!vertices.Contains(u)) return;
      in_from.push_back(u);
      ++out_links[u];
    });
    in_start[i + 1] = in_from.size();
  }

  const double d = options.damping;
  const double base = 1.0 / static_cast<double>(count);
  std::vector<double> rank(n, 0.0), contrib(n, 0.0), next(count, 0.0);
  for (VertexIndex v : members) rank[v] = base;
  for (uint32_t iter = 0; iter < options.max_iterations; ++iter) {
    CheckCancelNow(edges.cancel());  // an iteration reads every link once
    double dangling = 0.0;
    for (VertexIndex v : members) {
      if (out_links[v] == 0) {
        dangling += rank[v];
        contrib[v] = 0.0;
      } else {
        contrib[v] = rank[v] / out_links[v];
      }
    }
    const double teleport = (1.0 - d) * base + d * dangling * base;
    double change = 0.0;
    for (size_t i = 0; i < count; ++i) {
      double sum = 0.0;
      for (uint64_t j = in_start[i]; j < in_start[i + 1]; ++j) sum += contrib[in_from[j]];
      next[i] = teleport + d * sum;
      change += std::fabs(next[i] - rank[members[i]]);
    }
    for (size_t i = 0; i < count; ++i) rank[members[i]] = next[i];
    result.iterations = iter + 1;
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.score = std::move(rank);
  return result;
}

}  // namespace ecograph::graph
