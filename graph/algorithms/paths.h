#pragma once
// Unweighted path search over a Topology: shortest path (bidirectional BFS
// for one pair), all shortest paths, and K shortest simple paths (Yen's
// algorithm over BFS), each optionally "in time order".
//
// A path has at least one relationship (a source is never its own answer)
// and never repeats a vertex. Sources and targets are vertex sets: a path
// runs from any source to any target and stops at the first target it
// reaches.
//
// In time order: the `year` of the relationships along the path never
// decreases, and relationships with an unknown year (0) are not used. The
// search runs over (vertex, year of the last relationship) states; a state
// is kept only when its year is lower than every year already reaching that
// vertex in as many hops or fewer, which keeps the search exact (a shortest
// time-ordered walk is always a simple path).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "graph/algorithms/edge_filter.h"
#include "graph/topology.h"

namespace ecograph::graph {

struct Path {
  std::vector<VertexIndex> vertices;  // vertices.size() == edges.size() + 1
  std::vector<EdgeIndex> edges;       // edges[i] joins vertices[i] and vertices[i+1]
  size_t length() const { return edges.size(); }
  bool operator==(const Path& other) const = default;
  // By length, then vertices, then edges: the order results come in.
  bool operator<(const Path& other) const;
};

struct PathOptions {
  uint32_t max_hops = 15;
  bool in_time_order = false;
  // AllShortestPaths stops after this many paths.
  size_t limit = 10'000;
};

std::optional<Path> ShortestPath(const EdgeFilter& filter, VertexIndex source, VertexIndex target,
                                 const PathOptions& options);
std::optional<Path> ShortestPath(const EdgeFilter& filter, const std::vector<VertexIndex>& sources,
                                 const std::vector<VertexIndex>& targets,
                                 const PathOptions& options);
// Every path of the minimal length (distinct as relationship sequences), in
// the order of a depth-first walk from the sources in index order, at most
// options.limit.
std::vector<Path> AllShortestPaths(const EdgeFilter& filter,
                                   const std::vector<VertexIndex>& sources,
                                   const std::vector<VertexIndex>& targets,
                                   const PathOptions& options);
// Up to k shortest simple paths, shortest first (ties by vertices, then
// relationships).
std::vector<Path> KShortestPaths(const EdgeFilter& filter, const std::vector<VertexIndex>& sources,
                                 const std::vector<VertexIndex>& targets, size_t k,
                                 const PathOptions& options);

// True when the years along the path are all known and never decrease.
bool IsTimeOrdered(const Topology& topology, const Path& path);

}  // namespace ecograph::graph
