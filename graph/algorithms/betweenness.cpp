#include "graph/algorithms/betweenness.h"

#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/property_map/property_map.hpp>
#include <utility>

namespace ecograph::graph {
namespace {

// The identity vertex index of the local graph, polling `cancel` on every
// read: Brandes reads it for every vertex and edge it visits, so this is how
// a cancel reaches the inside of boost's loops.
struct PollingIndexMap {
  using key_type = uint32_t;
  using value_type = uint32_t;
  using reference = uint32_t;
  using category = boost::readable_property_map_tag;
  const CancelCheck* cancel = nullptr;
};

uint32_t get(const PollingIndexMap& map, uint32_t vertex) {
  PollCancel(map.cancel);
  return vertex;
}

}  // namespace

std::vector<double> Betweenness(const EdgeFilter& edges, const VertexFilter& vertices,
                                const BetweennessOptions& options) {
  const Topology& topology = edges.topology();
  const size_t n = topology.num_vertices();
  std::vector<double> score(n, 0.0);

  std::vector<VertexIndex> members;
  std::vector<uint32_t> local(n, UINT32_MAX);
  for (VertexIndex v = 0; v < n; ++v) {
    if (vertices.Contains(v)) {
      local[v] = static_cast<uint32_t>(members.size());
      members.push_back(v);
    }
  }
  const size_t count = members.size();
  if (count < 3) return score;

  std::vector<std::pair<uint32_t, uint32_t>> links;
  for (size_t i = 0; i < count; ++i) {
    size_t first = links.size();
    edges.ForEachStep(members[i], [&](EdgeIndex, VertexIndex w) {
      if (local[w] != UINT32_MAX && w != members[i]) {
        links.emplace_back(static_cast<uint32_t>(i), local[w]);
      }
    });
    std::sort(links.begin() + first, links.end());
    links.erase(std::unique(links.begin() + first, links.end()), links.end());
  }
  using LocalGraph =
      boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                         boost::no_property, uint32_t, uint32_t>;
  LocalGraph g(boost::edges_are_sorted, links.begin(), links.end(), static_cast<uint32_t>(count));
  std::vector<double> centrality(count, 0.0);
  CheckCancelNow(edges.cancel());
  const PollingIndexMap index{edges.cancel()};
  boost::brandes_betweenness_centrality(
      g, boost::centrality_map(boost::make_iterator_property_map(centrality.begin(), index))
             .vertex_index_map(index));

  // Brandes over a directed graph counts ordered pairs; an undirected pair
  // was counted from both ends.
  double scale = options.undirected ? 0.5 : 1.0;
  if (options.normalized) {
    double pairs = static_cast<double>(count - 1) * static_cast<double>(count - 2);
    if (options.undirected) pairs /= 2.0;
    scale /= pairs;
  }
  for (size_t i = 0; i < count; ++i) score[members[i]] = centrality[i] * scale;
  return score;
}

}  // namespace ecograph::graph
