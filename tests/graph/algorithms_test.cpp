#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "graph/algorithms/betweenness.h"
#include "graph/algorithms/components.h"
#include "graph/algorithms/degree.h"
#include "graph/algorithms/edge_filter.h"
#include "graph/algorithms/k_hop.h"
#include "graph/algorithms/pagerank.h"
#include "graph/algorithms/paths.h"
#include "test_graphs.h"

namespace ecograph::graph {
namespace {

using testing::EdgeSpec;
using testing::MakeTopology;

constexpr auto kOut = TraversalDirection::kOutgoing;
constexpr auto kIn = TraversalDirection::kIncoming;
constexpr auto kBoth = TraversalDirection::kUndirected;

std::vector<VertexIndex> Vertices(const std::optional<Path>& p) {
  return p ? p->vertices : std::vector<VertexIndex>{};
}

// 0 -> 1 -> 2 -> 3 -> 4
std::shared_ptr<const Topology> PathGraph() {
  return MakeTopology(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
}

TEST(ShortestPathTest, PathGraphDirections) {
  auto t = PathGraph();
  PathOptions options;
  EXPECT_EQ(Vertices(ShortestPath(EdgeFilter(*t, {}, kOut), 0, 4, options)),
            (std::vector<VertexIndex>{0, 1, 2, 3, 4}));
  EXPECT_FALSE(ShortestPath(EdgeFilter(*t, {}, kOut), 4, 0, options));
  EXPECT_EQ(Vertices(ShortestPath(EdgeFilter(*t, {}, kIn), 4, 0, options)),
            (std::vector<VertexIndex>{4, 3, 2, 1, 0}));
  EXPECT_EQ(Vertices(ShortestPath(EdgeFilter(*t, {}, kBoth), 3, 1, options)),
            (std::vector<VertexIndex>{3, 2, 1}));
  auto p = ShortestPath(EdgeFilter(*t, {}, kOut), 1, 3, options);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->edges, (std::vector<EdgeIndex>{1, 2}));
  // Same vertex: no path of length >= 1.
  EXPECT_FALSE(ShortestPath(EdgeFilter(*t, {}, kBoth), 2, 2, options));
}

TEST(ShortestPathTest, MaxHops) {
  auto t = PathGraph();
  EdgeFilter f(*t, {}, kOut);
  PathOptions options;
  options.max_hops = 3;
  EXPECT_FALSE(ShortestPath(f, 0, 4, options));
  EXPECT_FALSE(ShortestPath(f, {0}, {4}, options));
  options.max_hops = 4;
  EXPECT_TRUE(ShortestPath(f, 0, 4, options));
  EXPECT_TRUE(ShortestPath(f, {0}, {4}, options));
}

TEST(ShortestPathTest, TypeFilterAndYears) {
  // 0 -A-> 1 -A-> 2 and a shortcut 0 -B-> 2 (year 2001).
  auto t = MakeTopology(3, {{0, 1, "A", 1999}, {1, 2, "A", 2005}, {0, 2, "B", 2001}});
  PathOptions options;
  EXPECT_EQ(ShortestPath(EdgeFilter(*t, {}, kOut), 0, 2, options)->length(), 1u);
  EXPECT_EQ(ShortestPath(EdgeFilter(*t, {"A"}, kOut), 0, 2, options)->length(), 2u);
  EXPECT_FALSE(ShortestPath(EdgeFilter(*t, {"C"}, kOut), 0, 2, options));
  EdgeFilter years(*t, {}, kOut);
  years.SetYears(2002, 2010);
  EXPECT_FALSE(ShortestPath(years, 0, 2, options));
  years.SetYears(1990, 2010);
  EXPECT_EQ(ShortestPath(years, 0, 2, options)->length(), 1u);
  years.SetYears(1990, 2000);
  EXPECT_FALSE(ShortestPath(years, 0, 2, options));
}

TEST(ShortestPathTest, MultiSourceStopsAtNearestTarget) {
  auto t = PathGraph();
  auto p = ShortestPath(EdgeFilter(*t, {}, kOut), {0, 2}, {3, 4}, PathOptions{});
  EXPECT_EQ(Vertices(p), (std::vector<VertexIndex>{2, 3}));
}

// Diamond 0 -> {1, 2} -> 3 with a parallel 0 -> 1, and a detour 0 -> 4 -> 5 -> 3.
std::shared_ptr<const Topology> Diamond() {
  return MakeTopology(6, {{0, 1}, {0, 1}, {0, 2}, {1, 3}, {2, 3}, {0, 4}, {4, 5}, {5, 3}});
}

TEST(AllShortestPathsTest, DiamondWithParallelEdges) {
  auto t = Diamond();
  auto paths = AllShortestPaths(EdgeFilter(*t, {}, kOut), {0}, {3}, PathOptions{});
  ASSERT_EQ(paths.size(), 3u);
  std::set<std::vector<storage::RelId>> rels;
  for (const Path& p : paths) {
    EXPECT_EQ(p.length(), 2u);
    std::vector<storage::RelId> r;
    for (EdgeIndex e : p.edges) r.push_back(t->RelOf(e));
    rels.insert(r);
  }
  EXPECT_EQ(rels,
            (std::set<std::vector<storage::RelId>>{{1000, 1003}, {1001, 1003}, {1002, 1004}}));
  PathOptions limited;
  limited.limit = 2;
  EXPECT_EQ(AllShortestPaths(EdgeFilter(*t, {}, kOut), {0}, {3}, limited).size(), 2u);
}

TEST(KShortestPathsTest, Diamond) {
  auto t = Diamond();
  EdgeFilter f(*t, {}, kOut);
  auto paths = KShortestPaths(f, {0}, {3}, 10, PathOptions{});
  ASSERT_EQ(paths.size(), 4u);
  EXPECT_EQ(paths[0].length(), 2u);
  EXPECT_EQ(paths[1].length(), 2u);
  EXPECT_EQ(paths[2].length(), 2u);
  EXPECT_EQ(paths[3].vertices, (std::vector<VertexIndex>{0, 4, 5, 3}));
  EXPECT_EQ(KShortestPaths(f, {0}, {3}, 2, PathOptions{}).size(), 2u);
  PathOptions short_only;
  short_only.max_hops = 2;
  EXPECT_EQ(KShortestPaths(f, {0}, {3}, 10, short_only).size(), 3u);
}

// 0 -[2015]-> 1 -[2010]-> 2 is short but goes back in time;
// 0 -[2012]-> 3 -[2013]-> 4 -[2014]-> 2 is in time order.
std::shared_ptr<const Topology> BackwardsInTime() {
  return MakeTopology(5, {{0, 1, "D", 2015},
                          {1, 2, "D", 2010},
                          {0, 3, "D", 2012},
                          {3, 4, "D", 2013},
                          {4, 2, "D", 2014}});
}

TEST(TimeOrderTest, RejectsBackwardsPath) {
  auto t = BackwardsInTime();
  EdgeFilter f(*t, {}, kOut);
  PathOptions options;
  EXPECT_EQ(Vertices(ShortestPath(f, 0, 2, options)), (std::vector<VertexIndex>{0, 1, 2}));
  options.in_time_order = true;
  auto p = ShortestPath(f, 0, 2, options);
  EXPECT_EQ(Vertices(p), (std::vector<VertexIndex>{0, 3, 4, 2}));
  EXPECT_TRUE(IsTimeOrdered(*t, *p));

  auto all = AllShortestPaths(f, {0}, {2}, options);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].vertices, (std::vector<VertexIndex>{0, 3, 4, 2}));
  auto k = KShortestPaths(f, {0}, {2}, 5, options);
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].vertices, (std::vector<VertexIndex>{0, 3, 4, 2}));
  EXPECT_EQ(KShortestPaths(f, {0}, {2}, 5, PathOptions{}).size(), 2u);
}

TEST(TimeOrderTest, RevisitsVertexWithEarlierYear) {
  // Vertex 1 is reached first late (2020) and only later early enough:
  // 0 -[2020]-> 1 -[2012]-> 3; 0 -[2010]-> 2 -[2011]-> 1.
  auto t =
      MakeTopology(4, {{0, 1, "D", 2020}, {1, 3, "D", 2012}, {0, 2, "D", 2010}, {2, 1, "D", 2011}});
  PathOptions options;
  options.in_time_order = true;
  EXPECT_EQ(Vertices(ShortestPath(EdgeFilter(*t, {}, kOut), 0, 3, options)),
            (std::vector<VertexIndex>{0, 2, 1, 3}));
}

TEST(TimeOrderTest, UnknownYearsAreNotUsed) {
  auto t = MakeTopology(3, {{0, 1, "D", 0}, {1, 2, "D", 2000}});
  PathOptions options;
  options.in_time_order = true;
  EXPECT_FALSE(ShortestPath(EdgeFilter(*t, {}, kOut), 0, 2, options));
}

// Brute force: every simple path from s to t within max_hops.
void Enumerate(const EdgeFilter& f, VertexIndex v, VertexIndex target, uint32_t max_hops,
               Path& current, std::vector<Path>& out) {
  if (current.length() >= max_hops) return;
  f.ForEachStep(v, [&](EdgeIndex e, VertexIndex w) {
    if (std::find(current.vertices.begin(), current.vertices.end(), w) != current.vertices.end()) {
      return;
    }
    current.vertices.push_back(w);
    current.edges.push_back(e);
    if (w == target) {
      out.push_back(current);
    } else {
      Enumerate(f, w, target, max_hops, current, out);
    }
    current.vertices.pop_back();
    current.edges.pop_back();
  });
}

TEST(PathSearchTest, MatchesBruteForceOnRandomGraphs) {
  std::mt19937 rng(12345);
  // ECOGRAPH_STRESS=1: many more (and larger) graphs.
  const bool stress = std::getenv("ECOGRAPH_STRESS") != nullptr;
  const int trials = stress ? 5000 : 150;
  for (int trial = 0; trial < trials; ++trial) {
    const uint32_t n = 5 + rng() % (stress ? 8 : 5);
    std::vector<EdgeSpec> edges;
    const uint32_t m = n + rng() % (2 * n);
    for (uint32_t i = 0; i < m; ++i) {
      edges.push_back({static_cast<uint32_t>(rng() % n), static_cast<uint32_t>(rng() % n), "D",
                       2000 + static_cast<int32_t>(rng() % 6)});
    }
    auto t = MakeTopology(n, edges);
    for (auto direction : {kOut, kBoth}) {
      EdgeFilter f(*t, {}, direction);
      for (bool time_order : {false, true}) {
        PathOptions options;
        options.in_time_order = time_order;
        options.max_hops = 6;
        const VertexIndex s = 0, target = n - 1;
        Path start;
        start.vertices = {s};
        std::vector<Path> brute;
        Enumerate(f, s, target, options.max_hops, start, brute);
        if (time_order) {
          std::erase_if(brute, [&](const Path& p) { return !IsTimeOrdered(*t, p); });
        }
        std::sort(brute.begin(), brute.end());
        SCOPED_TRACE("trial " + std::to_string(trial) + " time " + std::to_string(time_order));

        auto shortest = ShortestPath(f, s, target, options);
        ASSERT_EQ(shortest.has_value(), !brute.empty());
        if (brute.empty()) continue;
        EXPECT_EQ(shortest->length(), brute.front().length());

        auto all = AllShortestPaths(f, {s}, {target}, options);
        std::set<Path> expected_all, got_all(all.begin(), all.end());
        for (const Path& p : brute) {
          if (p.length() == brute.front().length()) expected_all.insert(p);
        }
        EXPECT_EQ(got_all, expected_all);
        EXPECT_EQ(all.size(), got_all.size());

        const size_t k = 6;
        auto ksp = KShortestPaths(f, {s}, {target}, k, options);
        ASSERT_EQ(ksp.size(), std::min(k, brute.size()));
        std::set<Path> distinct(ksp.begin(), ksp.end());
        EXPECT_EQ(distinct.size(), ksp.size());
        for (size_t i = 0; i < ksp.size(); ++i) {
          EXPECT_EQ(ksp[i].length(), brute[i].length()) << "rank " << i;
          EXPECT_TRUE(std::binary_search(brute.begin(), brute.end(), ksp[i]));
        }
      }
    }
  }
}

// Brute force for vertex sets: simple paths from any source that end at the
// first target they reach (intermediate vertices are not targets).
void EnumerateSets(const EdgeFilter& f, const std::set<VertexIndex>& targets, uint32_t max_hops,
                   Path& current, std::vector<Path>& out) {
  if (current.length() >= max_hops) return;
  f.ForEachStep(current.vertices.back(), [&](EdgeIndex e, VertexIndex w) {
    if (std::find(current.vertices.begin(), current.vertices.end(), w) != current.vertices.end()) {
      return;
    }
    current.vertices.push_back(w);
    current.edges.push_back(e);
    if (targets.count(w)) {
      out.push_back(current);
    } else {
      EnumerateSets(f, targets, max_hops, current, out);
    }
    current.vertices.pop_back();
    current.edges.pop_back();
  });
}

TEST(PathSearchTest, VertexSetsMatchBruteForce) {
  std::mt19937 rng(777);
  const bool stress = std::getenv("ECOGRAPH_STRESS") != nullptr;
  for (int trial = 0; trial < (stress ? 3000 : 100); ++trial) {
    const uint32_t n = 6 + rng() % 6;
    std::vector<EdgeSpec> edges;
    for (uint32_t i = 0; i < 2 * n; ++i) {
      edges.push_back({static_cast<uint32_t>(rng() % n), static_cast<uint32_t>(rng() % n), "D",
                       2000 + static_cast<int32_t>(rng() % 5)});
    }
    auto t = MakeTopology(n, edges);
    EdgeFilter f(*t, {}, trial % 2 ? kOut : kBoth);
    const std::vector<VertexIndex> sources{0, 1, 2};
    const std::vector<VertexIndex> targets{n - 2, n - 1, 2};  // 2 is both
    for (bool time_order : {false, true}) {
      PathOptions options;
      options.in_time_order = time_order;
      options.max_hops = 5;
      std::vector<Path> brute;
      for (VertexIndex s : sources) {
        Path start;
        start.vertices = {s};
        EnumerateSets(f, {targets.begin(), targets.end()}, options.max_hops, start, brute);
      }
      if (time_order) {
        std::erase_if(brute, [&](const Path& p) { return !IsTimeOrdered(*t, p); });
      }
      std::sort(brute.begin(), brute.end());
      SCOPED_TRACE("trial " + std::to_string(trial) + " time " + std::to_string(time_order));
      auto shortest = ShortestPath(f, sources, targets, options);
      ASSERT_EQ(shortest.has_value(), !brute.empty());
      if (brute.empty()) continue;
      EXPECT_EQ(shortest->length(), brute.front().length());
      auto all = AllShortestPaths(f, sources, targets, options);
      std::set<Path> expected_all;
      for (const Path& p : brute) {
        if (p.length() == brute.front().length()) expected_all.insert(p);
      }
      EXPECT_EQ(std::set<Path>(all.begin(), all.end()), expected_all);
      auto ksp = KShortestPaths(f, sources, targets, 8, options);
      ASSERT_EQ(ksp.size(), std::min<size_t>(8, brute.size()));
      EXPECT_EQ(std::set<Path>(ksp.begin(), ksp.end()).size(), ksp.size());
      for (size_t i = 0; i < ksp.size(); ++i) {
        EXPECT_EQ(ksp[i].length(), brute[i].length()) << "rank " << i;
        EXPECT_TRUE(std::binary_search(brute.begin(), brute.end(), ksp[i]));
      }
    }
  }
}

TEST(KHopTest, PathGraph) {
  auto t = PathGraph();
  auto hops = KHopNeighbourhood(EdgeFilter(*t, {}, kOut), 1, 2);
  ASSERT_EQ(hops.size(), 2u);
  EXPECT_EQ(hops[0].vertex, 2u);
  EXPECT_EQ(hops[0].distance, 1u);
  EXPECT_EQ(hops[1].vertex, 3u);
  EXPECT_EQ(hops[1].distance, 2u);
  EXPECT_EQ(KHopNeighbourhood(EdgeFilter(*t, {}, kBoth), 2, 5).size(), 4u);
  EXPECT_TRUE(KHopNeighbourhood(EdgeFilter(*t, {}, kOut), 4, 3).empty());
}

TEST(ComponentsTest, TwoComponents) {
  // {0,1,2} and {3,4}; 5 is isolated; 2 -X-> 3 joins them only when X counts.
  auto t = MakeTopology(6, {{0, 1}, {2, 1}, {3, 4}, {2, 3, "X"}});
  VertexFilter all(*t);
  auto c = WeaklyConnectedComponents(EdgeFilter(*t, {"T"}, kOut), all);
  EXPECT_EQ(c.count, 3u);
  EXPECT_EQ(c.component, (std::vector<uint32_t>{0, 0, 0, 1, 1, 2}));
  auto joined = WeaklyConnectedComponents(EdgeFilter(*t, {}, kIn), all);
  EXPECT_EQ(joined.count, 2u);
  EXPECT_EQ(joined.component, (std::vector<uint32_t>{0, 0, 0, 0, 0, 1}));
  auto none = WeaklyConnectedComponents(EdgeFilter(*t, {}, kOut), VertexFilter(*t, {"Nope"}));
  EXPECT_EQ(none.count, 0u);
}

TEST(DegreeTest, StarDirections) {
  auto t = MakeTopology(5, {{0, 1}, {0, 2}, {0, 3}, {4, 0}, {0, 1}});
  VertexFilter all(*t);
  EXPECT_EQ(Degrees(EdgeFilter(*t, {}, kOut), all), (std::vector<uint64_t>{4, 0, 0, 0, 1}));
  EXPECT_EQ(Degrees(EdgeFilter(*t, {}, kIn), all), (std::vector<uint64_t>{1, 2, 1, 1, 0}));
  EXPECT_EQ(Degrees(EdgeFilter(*t, {}, kBoth), all), (std::vector<uint64_t>{5, 2, 1, 1, 1}));
}

TEST(PageRankTest, MatchesNetworkx) {
  // networkx.pagerank(MultiDiGraph, alpha=0.85) and igraph agree on these
  // (nodes 1..5 there are vertices 0..4); vertex 3 is dangling.
  auto t = MakeTopology(5, {{0, 1}, {0, 1}, {1, 2}, {2, 0}, {2, 3}, {4, 3}, {0, 2}});
  auto result = PageRank(EdgeFilter(*t), VertexFilter(*t), PageRankOptions{});
  EXPECT_TRUE(result.converged);
  const double expected[] = {0.1957941481, 0.1849243073, 0.2866349599, 0.2586722946, 0.0739742901};
  double sum = 0;
  for (int v = 0; v < 5; ++v) {
    EXPECT_NEAR(result.score[v], expected[v], 1e-8) << v;
    sum += result.score[v];
  }
  EXPECT_NEAR(sum, 1.0, 1e-9);
}

TEST(PageRankTest, VertexFilterRestrictsLinks) {
  TopologyBuilder builder;
  builder.AddNode(1, {"Company"});
  builder.AddNode(2, {"Company"});
  builder.AddNode(3, {"Country"});
  ASSERT_TRUE(builder.AddRel(10, 1, 2, "T").ok());
  ASSERT_TRUE(builder.AddRel(11, 1, 3, "T").ok());
  auto t = builder.Finish().value();
  auto result = PageRank(EdgeFilter(*t), VertexFilter(*t, {"Company"}), PageRankOptions{});
  EXPECT_EQ(result.score[2], 0.0);
  // Two vertices, 0 -> 1, 1 dangling: r1 = 0.15/2 + 0.85 (r0 + r1/2)... r0 + r1 = 1.
  EXPECT_NEAR(result.score[0] + result.score[1], 1.0, 1e-9);
  EXPECT_GT(result.score[1], result.score[0]);
}

TEST(BetweennessTest, UndirectedPathClosedForm) {
  // On a path of n vertices, vertex i lies on i * (n - 1 - i) pairs.
  auto t = PathGraph();
  BetweennessOptions options;
  options.undirected = true;
  auto score = Betweenness(EdgeFilter(*t, {}, kBoth), VertexFilter(*t), options);
  EXPECT_EQ(score, (std::vector<double>{0, 3, 4, 3, 0}));
  options.normalized = true;
  score = Betweenness(EdgeFilter(*t, {}, kBoth), VertexFilter(*t), options);
  EXPECT_NEAR(score[1], 0.5, 1e-12);
  EXPECT_NEAR(score[2], 2.0 / 3.0, 1e-12);
}

TEST(BetweennessTest, StarAndDirectedPath) {
  auto star = MakeTopology(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 4}});
  BetweennessOptions options;
  options.undirected = true;
  auto score = Betweenness(EdgeFilter(*star, {}, kBoth), VertexFilter(*star), options);
  EXPECT_EQ(score, (std::vector<double>{6, 0, 0, 0, 0}));  // C(4, 2) leaf pairs
  options.normalized = true;
  score = Betweenness(EdgeFilter(*star, {}, kBoth), VertexFilter(*star), options);
  EXPECT_NEAR(score[0], 1.0, 1e-12);

  auto directed = MakeTopology(4, {{0, 1}, {1, 2}, {2, 3}});
  score = Betweenness(EdgeFilter(*directed, {}, kOut), VertexFilter(*directed), {});
  EXPECT_EQ(score, (std::vector<double>{0, 2, 2, 0}));
}

}  // namespace
}  // namespace ecograph::graph
