// A cancel request (graph/cancel_check.h) stops the topology build and every
// graph algorithm with the caller's error, from the start and mid-run; an
// unset flag changes no result.
#include "graph/cancel_check.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "graph/algorithms/betweenness.h"
#include "graph/algorithms/components.h"
#include "graph/algorithms/edge_filter.h"
#include "graph/algorithms/k_hop.h"
#include "graph/algorithms/pagerank.h"
#include "graph/algorithms/paths.h"
#include "graph/market_paths.h"
#include "graph/topology.h"
#include "memory_transaction.h"
#include "test_graphs.h"

namespace ecograph::graph {
namespace {

using testing::EdgeSpec;
using testing::MakeTopology;

// What the owner of the work throws to stop it (the query engine throws its
// "query cancelled" QueryError; the graph layer only lets it through).
struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("query cancelled") {}
};

// A flag as the REPL's Ctrl-C handler sets it, and a check that counts its
// calls and turns the flag on at call `cancel_at` (0 = set from the start).
class CancelFlag {
 public:
  explicit CancelFlag(uint64_t cancel_at = 0) : cancel_at_(cancel_at) {}
  CancelCheck Check() {
    return CancelCheck([this] {
      if (++calls_ >= cancel_at_) flag_.store(true);
      if (flag_.load()) throw Cancelled();
    });
  }
  uint64_t calls() const { return calls_; }

 private:
  uint64_t cancel_at_;
  uint64_t calls_ = 0;
  std::atomic<bool> flag_{false};
};

// A 60 x 60 grid, edges right and down: 3,600 vertices, 7,080 edges, so
// every algorithm polls well past one kPollInterval.
std::shared_ptr<const Topology> Grid() {
  constexpr uint32_t kSide = 60;
  std::vector<EdgeSpec> edges;
  for (uint32_t row = 0; row < kSide; ++row) {
    for (uint32_t col = 0; col < kSide; ++col) {
      const uint32_t v = row * kSide + col;
      if (col + 1 < kSide) edges.push_back({v, v + 1});
      if (row + 1 < kSide) edges.push_back({v, v + kSide});
    }
  }
  return MakeTopology(kSide * kSide, edges);
}

// Runs `algorithm` over a filter with `check` (null = none).
using Algorithm = std::function<void(const EdgeFilter&)>;

std::vector<std::pair<std::string, Algorithm>> Algorithms(const Topology& t) {
  const VertexFilter all(t);
  const VertexIndex last = static_cast<VertexIndex>(t.num_vertices() - 1);
  PathOptions paths;
  paths.max_hops = 200;
  return {
      {"ShortestPath", [=](const EdgeFilter& f) { (void)ShortestPath(f, 0, last, paths); }},
      {"AllShortestPaths",
       [=](const EdgeFilter& f) { (void)AllShortestPaths(f, {0}, {last}, paths); }},
      {"KShortestPaths",
       [=](const EdgeFilter& f) { (void)KShortestPaths(f, {0}, {last}, 3, paths); }},
      {"KHopNeighbourhood", [=](const EdgeFilter& f) { (void)KHopNeighbourhood(f, 0, 200); }},
      {"WeaklyConnectedComponents",
       [all](const EdgeFilter& f) { (void)WeaklyConnectedComponents(f, all); }},
      {"PageRank", [all](const EdgeFilter& f) { (void)PageRank(f, all, PageRankOptions()); }},
      {"Betweenness",
       [all](const EdgeFilter& f) { (void)Betweenness(f, all, BetweennessOptions()); }},
  };
}

TEST(CancelCheckTest, PollsOnTheFirstCallThenEveryInterval) {
  CancelFlag never(UINT64_MAX);
  CancelCheck check = never.Check();
  for (uint64_t call = 0; call < 3 * CancelCheck::kPollInterval; ++call) check.Poll();
  EXPECT_EQ(never.calls(), 3u);
  check.Now();
  EXPECT_EQ(never.calls(), 4u);
  CancelCheck none;  // no callback: never stops
  none.Poll();
  none.Now();
}

TEST(CancelCheckTest, ACancelledFlagStopsEveryAlgorithm) {
  auto t = Grid();
  for (const auto& [name, run] : Algorithms(*t)) {
    CancelFlag flag;  // set from the start
    CancelCheck check = flag.Check();
    EdgeFilter filter(*t, {}, TraversalDirection::kOutgoing);
    filter.set_cancel(&check);
    EXPECT_THROW(run(filter), Cancelled) << name;
    EXPECT_EQ(flag.calls(), 1u) << name;  // stopped at the first check
  }
}

TEST(CancelCheckTest, AFlagSetMidRunStopsEveryAlgorithm) {
  auto t = Grid();
  for (const auto& [name, run] : Algorithms(*t)) {
    CancelFlag flag(3);  // the third check sets the flag, as Ctrl-C would
    CancelCheck check = flag.Check();
    EdgeFilter filter(*t, {}, TraversalDirection::kOutgoing);
    filter.set_cancel(&check);
    EXPECT_THROW(run(filter), Cancelled) << name;
    EXPECT_EQ(flag.calls(), 3u) << name;  // it kept checking while it ran
  }
}

// The checks inside long loops, past the per-vertex polls of the link
// build (3,600 polls: checks 1-4, then one Now()): Brandes' own loops (through
// its vertex index map) and PageRank's iterations.
TEST(CancelCheckTest, LongLoopsKeepChecking) {
  auto t = Grid();
  const VertexFilter all(*t);
  {
    CancelFlag flag(7);
    CancelCheck check = flag.Check();
    EdgeFilter filter(*t, {}, TraversalDirection::kOutgoing);
    filter.set_cancel(&check);
    EXPECT_THROW((void)Betweenness(filter, all, BetweennessOptions()), Cancelled);
    EXPECT_EQ(flag.calls(), 7u);
  }
  {
    CancelFlag flag(7);  // the third iteration
    CancelCheck check = flag.Check();
    EdgeFilter filter(*t, {}, TraversalDirection::kOutgoing);
    filter.set_cancel(&check);
    EXPECT_THROW((void)PageRank(filter, all, PageRankOptions()), Cancelled);
    EXPECT_EQ(flag.calls(), 7u);
    EXPECT_GT(PageRank(EdgeFilter(*t, {}, TraversalDirection::kOutgoing), all, PageRankOptions())
                  .iterations,
              3u);
  }
}

TEST(CancelCheckTest, AnUnsetFlagChangesNoResult) {
  auto t = Grid();
  CancelFlag flag(UINT64_MAX);
  CancelCheck check = flag.Check();
  EdgeFilter checked(*t, {}, TraversalDirection::kOutgoing);
  checked.set_cancel(&check);
  EdgeFilter plain(*t, {}, TraversalDirection::kOutgoing);
  const VertexFilter all(*t);
  EXPECT_EQ(Betweenness(checked, all, BetweennessOptions()),
            Betweenness(plain, all, BetweennessOptions()));
  EXPECT_EQ(PageRank(checked, all, PageRankOptions()).score,
            PageRank(plain, all, PageRankOptions()).score);
  EXPECT_EQ(WeaklyConnectedComponents(checked, all).component,
            WeaklyConnectedComponents(plain, all).component);
  PathOptions paths;
  paths.max_hops = 200;
  EXPECT_EQ(KShortestPaths(checked, {0}, {3599}, 3, paths),
            KShortestPaths(plain, {0}, {3599}, 3, paths));
  EXPECT_GT(flag.calls(), 3u);
}

TEST(CancelCheckTest, ACancelledFlagStopsTheTopologyBuildAndMarketPaths) {
  testing::MemoryTransaction txn;
  auto china = txn.Node({"Country"}, {{"name", "China"}});
  auto turkey = txn.Node({"Country"}, {{"name", "Turkey"}});
  auto alibaba = txn.Node({"Company"}, {{"name", "Alibaba Group"}});
  auto trendyol = txn.Node({"Company"}, {{"name", "Trendyol"}});
  txn.Rel(alibaba, china, "HEADQUARTERED_IN");
  txn.Rel(trendyol, turkey, "HEADQUARTERED_IN");
  txn.Rel(alibaba, trendyol, "ACQUIRED", {{"year", 2018}});
  {
    CancelFlag flag;
    CancelCheck check = flag.Check();
    EXPECT_THROW((void)Topology::Build(txn, &check), Cancelled);
  }
  for (int extra = 0; extra < 2100; ++extra) txn.Node({"Company"}, {{"name", "filler"}});
  {
    CancelFlag flag(3);  // mid-build (4,200+ records read): the scans keep checking
    CancelCheck check = flag.Check();
    EXPECT_THROW((void)Topology::Build(txn, &check), Cancelled);
    EXPECT_EQ(flag.calls(), 3u);
  }
  CancelFlag unset(UINT64_MAX);
  CancelCheck no_stop = unset.Check();
  auto built = Topology::Build(txn, &no_stop);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built.value()->num_edges(), 3u);
  EXPECT_EQ(built.value()->num_vertices(), 2104u);

  MarketPathOptions options;
  auto traced = TraceMarketPaths(txn, *built.value(), "China", "Turkey", options);
  ASSERT_TRUE(traced.ok()) << traced.status().ToString();
  EXPECT_EQ(traced.value().paths.size(), 1u);
  CancelFlag flag;
  CancelCheck check = flag.Check();
  options.cancel = &check;
  EXPECT_THROW((void)TraceMarketPaths(txn, *built.value(), "China", "Turkey", options), Cancelled);
}

// A market path search that explores many routes and keeps none: source ->
// kLayers layers of kWidth companies, every company of one layer investing in
// every company of the next (2010), the last layer in the target (2000). With
// --in-time-order every one of the kWidth^kLayers routes is walked and
// dropped, after the few vertices' steps were read (and cached) at the start:
// the walk itself must keep polling. This is the shape of a long `ecograph
// path --in-time-order` search that Ctrl-C or --timeout must stop.
TEST(CancelCheckTest, AFlagSetMidSearchStopsMarketPathsAfterTheStepsAreCached) {
  constexpr int kLayers = 6;
  constexpr int kWidth = 5;  // 15,625 routes of 7 deals, all out of time order
  testing::MemoryTransaction txn;
  auto china = txn.Node({"Country"}, {{"name", "China"}});
  auto turkey = txn.Node({"Country"}, {{"name", "Turkey"}});
  auto source = txn.Node({"Company"}, {{"name", "Source"}});
  auto target = txn.Node({"Company"}, {{"name", "Target"}});
  txn.Rel(source, china, "HEADQUARTERED_IN");
  txn.Rel(target, turkey, "HEADQUARTERED_IN");
  std::vector<storage::NodeId> previous = {source};
  for (int layer = 0; layer < kLayers; ++layer) {
    std::vector<storage::NodeId> current;
    for (int company_idx = 0; company_idx < kWidth; ++company_idx) {
      current.push_back(txn.Node(
          {"Company"},
          {{"name", "L" + std::to_string(layer) + "C" + std::to_string(company_idx)}}));
      for (storage::NodeId investor : previous) {
        txn.Rel(investor, current.back(), "INVESTED_IN", {{"year", 2010}});
      }
    }
    previous = std::move(current);
  }
  for (storage::NodeId investor : previous) {
    txn.Rel(investor, target, "INVESTED_IN", {{"year", 2000}});
  }
  auto built = Topology::Build(txn);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  MarketPathOptions options;
  options.in_time_order = true;
  options.mode = MarketPathMode::kTopK;
  options.max_hops = kLayers + 1;
  auto traced = TraceMarketPaths(txn, *built.value(), "China", "Turkey", options);
  ASSERT_TRUE(traced.ok()) << traced.status().ToString();
  EXPECT_TRUE(traced.value().paths.empty());  // every route goes back in time
  EXPECT_FALSE(traced.value().truncated);

  CancelFlag flag(2);  // the second check: the first runs before any step is read
  CancelCheck check = flag.Check();
  options.cancel = &check;
  EXPECT_THROW((void)TraceMarketPaths(txn, *built.value(), "China", "Turkey", options), Cancelled);
  EXPECT_EQ(flag.calls(), 2u);
}

}  // namespace
}  // namespace ecograph::graph
