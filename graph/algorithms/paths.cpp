#include "graph/algorithms/paths.h"

#include <algorithm>
#include <limits>
#include <set>
#include <unordered_map>

namespace ecograph::graph {

namespace {

constexpr int32_t kNoYearBound = std::numeric_limits<int32_t>::min();
constexpr uint32_t kNoState = UINT32_MAX;

// Per-vertex scratch arrays reset in O(1) by bumping an epoch.
class Marks {
 public:
  explicit Marks(size_t n) : stamp_(n, 0) {}
  void Clear() {
    if (++epoch_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      epoch_ = 1;
    }
  }
  bool Has(VertexIndex v) const { return stamp_[v] == epoch_; }
  void Set(VertexIndex v) { stamp_[v] = epoch_; }

 private:
  std::vector<uint32_t> stamp_;
  uint32_t epoch_ = 0;
};

// One BFS over (vertex, last year) states from a set of start vertices.
// Reused across Yen's spur searches.
class SpurSearch {
 public:
  SpurSearch(const EdgeFilter& filter, const std::vector<VertexIndex>& targets, bool in_time_order)
      : filter_(filter),
        topology_(filter.topology()),
        in_time_order_(in_time_order),
        is_target_(topology_.num_vertices(), 0),
        seen_(topology_.num_vertices()),
        best_year_(topology_.num_vertices(), 0),
        blocked_(topology_.num_vertices()) {
    for (VertexIndex t : targets) is_target_[t] = 1;
  }

  bool IsTarget(VertexIndex v) const { return is_target_[v] != 0; }

  // Shortest path from any of `starts` to a target in 1..max_depth steps.
  // `start_year`: in time order, the first step's year must be >= it.
  // `blocked_vertices` are never entered; `blocked_first_edges` are never
  // taken out of a start vertex.
  std::optional<Path> Run(const std::vector<VertexIndex>& starts, int32_t start_year,
                          const std::vector<VertexIndex>& blocked_vertices,
                          const std::vector<EdgeIndex>& blocked_first_edges, uint32_t max_depth) {
    if (max_depth == 0) return std::nullopt;
    seen_.Clear();
    blocked_.Clear();
    origin_labels_.clear();
    for (VertexIndex v : blocked_vertices) blocked_.Set(v);
    states_.clear();
    for (VertexIndex s : starts) {
      if (blocked_.Has(s)) continue;
      int32_t year = in_time_order_ ? start_year : 0;
      VertexIndex origin = is_target_[s] ? s : kNoVertex;
      if (Dominated(s, year, origin)) continue;
      AddLabel(s, year, origin);
      states_.push_back({s, year, kNoState, 0, origin});
    }
    size_t level_begin = 0;
    for (uint32_t depth = 0; depth < max_depth && level_begin < states_.size(); ++depth) {
      size_t level_end = states_.size();
      for (size_t idx = level_begin; idx < level_end; ++idx) {
        const State cur = states_[idx];
        std::optional<uint32_t> found;
        filter_.ForEachStep(cur.vertex, [&](EdgeIndex e, VertexIndex w) {
          if (found || blocked_.Has(w)) return;
          if (depth == 0 && !blocked_first_edges.empty() &&
              std::find(blocked_first_edges.begin(), blocked_first_edges.end(), e) !=
                  blocked_first_edges.end()) {
            return;
          }
          int32_t year = 0;
          if (in_time_order_) {
            year = topology_.YearOf(e);
            if (year == 0 || year < cur.year) return;
          }
          // A target ends the path whenever it is reached, even when it is
          // also a start (seen at depth 0), unless that closes a cycle.
          // Non-start vertices on a state's path are never targets.
          if (is_target_[w]) {
            if (w == cur.origin) return;
            states_.push_back({w, year, static_cast<uint32_t>(idx), e, cur.origin});
            found = static_cast<uint32_t>(states_.size() - 1);
            return;
          }
          if (Dominated(w, year, cur.origin)) return;
          AddLabel(w, year, cur.origin);
          states_.push_back({w, year, static_cast<uint32_t>(idx), e, cur.origin});
        });
        if (found) return Trace(*found);
      }
      level_begin = level_end;
    }
    return std::nullopt;
  }

 private:
  struct State {
    VertexIndex vertex;
    int32_t year;
    uint32_t parent;
    EdgeIndex edge;
    // The start of this state's path when that start is a target (the path
    // may not end there), else kNoVertex.
    VertexIndex origin;
  };

  // Label-setting over (vertex, year, origin): a new label is useless when
  // labels reached in as many hops or fewer, with years <= `year`, can make
  // every continuation it can. A label with origin kNoVertex can end at any
  // target; one with origin o at any target but o.
  bool Dominated(VertexIndex v, int32_t year, VertexIndex origin) const {
    if (seen_.Has(v) && best_year_[v] <= year) return true;
    auto it = origin_labels_.find(v);
    if (it == origin_labels_.end()) return false;
    VertexIndex first_origin = kNoVertex;
    for (const auto& [label_year, label_origin] : it->second) {
      if (label_year > year) continue;
      if (label_origin == origin) return true;
      if (first_origin != kNoVertex && first_origin != label_origin) return true;
      first_origin = label_origin;
    }
    return false;
  }
  void AddLabel(VertexIndex v, int32_t year, VertexIndex origin) {
    if (origin == kNoVertex) {
      seen_.Set(v);
      best_year_[v] = year;
    } else {
      origin_labels_[v].emplace_back(year, origin);
    }
  }

  Path Trace(uint32_t idx) const {
    Path path;
    for (uint32_t i = idx; i != kNoState; i = states_[i].parent) {
      path.vertices.push_back(states_[i].vertex);
      if (states_[i].parent != kNoState) path.edges.push_back(states_[i].edge);
    }
    std::reverse(path.vertices.begin(), path.vertices.end());
    std::reverse(path.edges.begin(), path.edges.end());
    return path;
  }

  const EdgeFilter& filter_;
  const Topology& topology_;
  bool in_time_order_;
  std::vector<uint8_t> is_target_;
  Marks seen_;
  std::vector<int32_t> best_year_;  // valid where seen_: labels of origin kNoVertex
  // Labels of paths that start at a target (rare: sources and targets overlap).
  std::unordered_map<VertexIndex, std::vector<std::pair<int32_t, VertexIndex>>> origin_labels_;
  Marks blocked_;
  std::vector<State> states_;
};

// Level-synchronous bidirectional BFS for one pair, no time order.
std::optional<Path> BidirectionalShortestPath(const EdgeFilter& filter, VertexIndex source,
                                              VertexIndex target, uint32_t max_hops) {
  if (source == target || max_hops == 0) return std::nullopt;
  const Topology& topology = filter.topology();
  const size_t n = topology.num_vertices();
  // Per side: depth (UINT32_MAX = unseen), parent vertex and edge.
  struct Side {
    std::vector<uint32_t> depth;
    std::vector<VertexIndex> parent;
    std::vector<EdgeIndex> edge;
    std::vector<VertexIndex> frontier;
    uint32_t level = 0;
  };
  Side fwd{std::vector<uint32_t>(n, UINT32_MAX),
           std::vector<VertexIndex>(n, kNoVertex),
           std::vector<EdgeIndex>(n, 0),
           {source},
           0};
  Side bwd{std::vector<uint32_t>(n, UINT32_MAX),
           std::vector<VertexIndex>(n, kNoVertex),
           std::vector<EdgeIndex>(n, 0),
           {target},
           0};
  fwd.depth[source] = 0;
  bwd.depth[target] = 0;

  while (!fwd.frontier.empty() && !bwd.frontier.empty() && fwd.level + bwd.level < max_hops) {
    bool forward = fwd.frontier.size() <= bwd.frontier.size();
    Side& side = forward ? fwd : bwd;
    Side& other = forward ? bwd : fwd;
    // Best meeting on this level: (total length, meeting vertex, via vertex, edge).
    uint32_t best_total = UINT32_MAX;
    VertexIndex meet_from = kNoVertex, meet_to = kNoVertex;
    EdgeIndex meet_edge = 0;
    std::vector<VertexIndex> next;
    for (VertexIndex u : side.frontier) {
      auto visit = [&](EdgeIndex e, VertexIndex w) {
        if (other.depth[w] != UINT32_MAX) {
          uint32_t total = side.depth[u] + 1 + other.depth[w];
          if (total < best_total) {
            best_total = total;
            meet_from = u;
            meet_to = w;
            meet_edge = e;
          }
        }
        if (side.depth[w] != UINT32_MAX) return;
        side.depth[w] = side.depth[u] + 1;
        side.parent[w] = u;
        side.edge[w] = e;
        next.push_back(w);
      };
      if (forward) {
        filter.ForEachStep(u, visit);
      } else {
        filter.ForEachReverseStep(u, visit);
      }
    }
    ++side.level;
    if (best_total != UINT32_MAX) {
      if (best_total > max_hops) return std::nullopt;
      // Assemble: source ... a -[e]- b ... target.
      VertexIndex a = forward ? meet_from : meet_to;
      VertexIndex b = forward ? meet_to : meet_from;
      Path path;
      for (VertexIndex v = a; v != kNoVertex; v = fwd.parent[v]) {
        path.vertices.push_back(v);
        if (fwd.parent[v] != kNoVertex) path.edges.push_back(fwd.edge[v]);
      }
      std::reverse(path.vertices.begin(), path.vertices.end());
      std::reverse(path.edges.begin(), path.edges.end());
      path.edges.push_back(meet_edge);
      for (VertexIndex v = b; v != kNoVertex; v = bwd.parent[v]) {
        path.vertices.push_back(v);
        if (bwd.parent[v] != kNoVertex) path.edges.push_back(bwd.edge[v]);
      }
      return path;
    }
    side.frontier = std::move(next);
  }
  return std::nullopt;
}

std::vector<VertexIndex> Unique(std::vector<VertexIndex> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

bool Path::operator<(const Path& other) const {
  if (edges.size() != other.edges.size()) return edges.size() < other.edges.size();
  if (vertices != other.vertices) return vertices < other.vertices;
  return edges < other.edges;
}

bool IsTimeOrdered(const Topology& topology, const Path& path) {
  int32_t last = kNoYearBound;
  for (EdgeIndex e : path.edges) {
    int32_t year = topology.YearOf(e);
    if (year == 0 || year < last) return false;
    last = year;
  }
  return true;
}

std::optional<Path> ShortestPath(const EdgeFilter& filter, VertexIndex source, VertexIndex target,
                                 const PathOptions& options) {
  if (!options.in_time_order) {
    return BidirectionalShortestPath(filter, source, target, options.max_hops);
  }
  return ShortestPath(filter, std::vector<VertexIndex>{source}, std::vector<VertexIndex>{target},
                      options);
}

std::optional<Path> ShortestPath(const EdgeFilter& filter, const std::vector<VertexIndex>& sources,
                                 const std::vector<VertexIndex>& targets,
                                 const PathOptions& options) {
  SpurSearch search(filter, targets, options.in_time_order);
  return search.Run(Unique(sources), kNoYearBound, {}, {}, options.max_hops);
}

std::vector<Path> AllShortestPaths(const EdgeFilter& filter,
                                   const std::vector<VertexIndex>& sources_in,
                                   const std::vector<VertexIndex>& targets,
                                   const PathOptions& options) {
  std::vector<Path> out;
  const std::vector<VertexIndex> sources = Unique(sources_in);
  auto first = ShortestPath(filter, sources, targets, options);
  if (!first || options.limit == 0) return out;
  const uint32_t len = static_cast<uint32_t>(first->length());
  const Topology& topology = filter.topology();
  const size_t n = topology.num_vertices();

  // Hops from each vertex to the nearest target (ignoring time order): a
  // lower bound that prunes the enumeration.
  std::vector<uint32_t> to_target(n, UINT32_MAX);
  std::vector<uint8_t> is_target(n, 0);
  std::vector<VertexIndex> frontier;
  for (VertexIndex t : targets) {
    is_target[t] = 1;
    if (to_target[t] != 0) {
      to_target[t] = 0;
      frontier.push_back(t);
    }
  }
  for (uint32_t depth = 1; depth <= len && !frontier.empty(); ++depth) {
    std::vector<VertexIndex> next;
    for (VertexIndex v : frontier) {
      filter.ForEachReverseStep(v, [&](EdgeIndex, VertexIndex u) {
        if (to_target[u] != UINT32_MAX) return;
        to_target[u] = depth;
        next.push_back(u);
      });
    }
    frontier = std::move(next);
  }

  // Depth-first enumeration of simple paths of exactly `len` steps.
  Path current;
  std::vector<uint8_t> on_path(n, 0);
  auto dfs = [&](auto&& self, VertexIndex v, int32_t last_year) -> void {
    const uint32_t depth = static_cast<uint32_t>(current.edges.size());
    filter.ForEachStep(v, [&](EdgeIndex e, VertexIndex w) {
      if (out.size() >= options.limit || on_path[w]) return;
      if (to_target[w] == UINT32_MAX || depth + 1 + to_target[w] > len) return;
      int32_t year = last_year;
      if (options.in_time_order) {
        year = topology.YearOf(e);
        if (year == 0 || year < last_year) return;
      }
      current.vertices.push_back(w);
      current.edges.push_back(e);
      if (depth + 1 == len) {
        if (is_target[w]) out.push_back(current);
      } else {
        on_path[w] = 1;
        self(self, w, year);
        on_path[w] = 0;
      }
      current.vertices.pop_back();
      current.edges.pop_back();
    });
  };
  for (VertexIndex s : sources) {
    if (out.size() >= options.limit) break;
    if (to_target[s] == UINT32_MAX || to_target[s] > len) continue;
    current.vertices.assign(1, s);
    current.edges.clear();
    on_path[s] = 1;
    dfs(dfs, s, kNoYearBound);
    on_path[s] = 0;
  }
  return out;
}

std::vector<Path> KShortestPaths(const EdgeFilter& filter,
                                 const std::vector<VertexIndex>& sources_in,
                                 const std::vector<VertexIndex>& targets, size_t k,
                                 const PathOptions& options) {
  std::vector<Path> found;
  if (k == 0) return found;
  const std::vector<VertexIndex> sources = Unique(sources_in);
  const Topology& topology = filter.topology();
  SpurSearch search(filter, targets, options.in_time_order);
  auto first = search.Run(sources, kNoYearBound, {}, {}, options.max_hops);
  if (!first) return found;
  found.push_back(std::move(*first));
  std::set<Path> found_set{found.front()};
  std::set<Path> candidates;

  while (found.size() < k) {
    const Path prev = found.back();
    // Spur index -1 deviates at the (virtual) super source: a path starting
    // at a source no found path starts at.
    {
      std::vector<VertexIndex> starts;
      for (VertexIndex s : sources) {
        bool used = std::any_of(found.begin(), found.end(),
                                [&](const Path& p) { return p.vertices.front() == s; });
        if (!used) starts.push_back(s);
      }
      if (!starts.empty()) {
        auto spur = search.Run(starts, kNoYearBound, {}, {}, options.max_hops);
        if (spur && !found_set.count(*spur)) candidates.insert(std::move(*spur));
      }
    }
    for (size_t j = 0; j < prev.length(); ++j) {
      if (j >= options.max_hops) break;
      // Root: prev.vertices[0..j], prev.edges[0..j).
      std::vector<EdgeIndex> blocked_edges;
      for (const Path& p : found) {
        if (p.length() <= j) continue;
        if (!std::equal(prev.vertices.begin(), prev.vertices.begin() + j + 1, p.vertices.begin()) ||
            !std::equal(prev.edges.begin(), prev.edges.begin() + j, p.edges.begin())) {
          continue;
        }
        blocked_edges.push_back(p.edges[j]);
      }
      std::vector<VertexIndex> blocked_vertices(prev.vertices.begin(), prev.vertices.begin() + j);
      int32_t start_year = kNoYearBound;
      if (options.in_time_order && j > 0) start_year = topology.YearOf(prev.edges[j - 1]);
      auto spur = search.Run({prev.vertices[j]}, start_year, blocked_vertices, blocked_edges,
                             options.max_hops - static_cast<uint32_t>(j));
      if (!spur) continue;
      Path candidate;
      candidate.vertices.assign(prev.vertices.begin(), prev.vertices.begin() + j);
      candidate.vertices.insert(candidate.vertices.end(), spur->vertices.begin(),
                                spur->vertices.end());
      candidate.edges.assign(prev.edges.begin(), prev.edges.begin() + j);
      candidate.edges.insert(candidate.edges.end(), spur->edges.begin(), spur->edges.end());
      if (!found_set.count(candidate)) candidates.insert(std::move(candidate));
    }
    if (candidates.empty()) break;
    Path best = *candidates.begin();
    candidates.erase(candidates.begin());
    found_set.insert(best);
    found.push_back(std::move(best));
  }
  return found;
}

}  // namespace ecograph::graph
