#include "graph/algorithms/components.h"

#include <boost/pending/disjoint_sets.hpp>
#include <boost/property_map/property_map.hpp>

namespace ecograph::graph {

Components WeaklyConnectedComponents(const EdgeFilter& edges, const VertexFilter& vertices) {
  const Topology& topology = edges.topology();
  const size_t n = topology.num_vertices();
  // Property maps of class type, so that boost's get()/put() are found by
  // argument-dependent lookup.
  std::vector<uint32_t> rank(n, 0);
  std::vector<VertexIndex> parent(n);
  auto rank_map = boost::make_iterator_property_map(rank.begin(), boost::identity_property_map());
  auto parent_map =
      boost::make_iterator_property_map(parent.begin(), boost::identity_property_map());
  boost::disjoint_sets<decltype(rank_map), decltype(parent_map)> sets(rank_map, parent_map);
  for (VertexIndex v = 0; v < n; ++v) sets.make_set(v);
  for (VertexIndex v = 0; v < n; ++v) {
    if (!vertices.Contains(v)) continue;
    PollCancel(edges.cancel());
    topology.ForEachOut(v, [&](EdgeIndex e, VertexIndex w) {
      if (edges.TypeMode(topology.TypeOf(e)) != 0 && edges.Accepts(e) && vertices.Contains(w)) {
        sets.union_set(v, w);
      }
    });
  }
  Components out;
  out.component.assign(n, UINT32_MAX);
  std::vector<uint32_t> id_of_root(n, UINT32_MAX);
  for (VertexIndex v = 0; v < n; ++v) {
    if (!vertices.Contains(v)) continue;
    VertexIndex root = static_cast<VertexIndex>(sets.find_set(v));
    if (id_of_root[root] == UINT32_MAX) id_of_root[root] = out.count++;
    out.component[v] = id_of_root[root];
  }
  return out;
}

}  // namespace ecograph::graph
