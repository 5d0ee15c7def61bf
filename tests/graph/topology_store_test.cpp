// Topology and TopologyCache over a real (RocksDB) store.
#include <gtest/gtest.h>

#include "graph/algorithms/edge_filter.h"
#include "graph/algorithms/paths.h"
#include "graph/topology.h"
#include "graph/topology_cache.h"
#include "scratch_dir.h"
#include "storage/store.h"

namespace ecograph::graph {
namespace {

std::unique_ptr<storage::Store> Open(const std::string& path) {
  auto store = storage::Store::Open(path, {});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return std::move(store).value();
}

TEST(TopologyStoreTest, BuildsFromSnapshotAndCacheFollowsVersion) {
  testing::ScratchDir dir;
  auto store = Open(dir.path());
  storage::NodeId a, b, c;
  {
    auto txn = store->BeginWrite();
    ASSERT_TRUE(txn.ok());
    a = txn.value()->CreateNode({"Company"}, {{"name", "A"}}).value();
    b = txn.value()->CreateNode({"Company"}, {{"name", "B"}}).value();
    c = txn.value()->CreateNode({"Country"}, {{"name", "C"}}).value();
    ASSERT_TRUE(txn.value()->CreateRel(a, b, "ACQUIRED", {{"year", 2018}}).ok());
    ASSERT_TRUE(txn.value()->CreateRel(b, c, "HEADQUARTERED_IN", {}).ok());
    ASSERT_TRUE(txn.value()->Commit().ok());
  }
  TopologyCache cache(*store);
  auto first = cache.Get();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->num_vertices(), 3u);
  EXPECT_EQ(first->num_edges(), 2u);
  EXPECT_EQ(first->type_names(), (std::vector<std::string>{"ACQUIRED", "HEADQUARTERED_IN"}));
  VertexIndex va = first->VertexOf(a);
  ASSERT_NE(va, kNoVertex);
  EXPECT_TRUE(first->HasLabel(va, *first->FindLabel("Company")));
  first->ForEachOut(va, [&](EdgeIndex e, VertexIndex w) {
    EXPECT_EQ(first->NodeOf(w), b);
    EXPECT_EQ(first->YearOf(e), 2018);
  });
  EXPECT_EQ(cache.Get(), first);  // unchanged store: same topology

  {
    auto txn = store->BeginWrite();
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(txn.value()->CreateRel(a, c, "OPERATES_IN", {{"year", 2020}}).ok());
    ASSERT_TRUE(txn.value()->Commit().ok());
  }
  auto second = cache.Get();
  ASSERT_NE(second, first);
  EXPECT_EQ(second->num_edges(), 3u);
  EXPECT_EQ(first->num_edges(), 2u);  // old holders keep their snapshot

  EdgeFilter filter(*second, {}, TraversalDirection::kOutgoing);
  auto path = ShortestPath(filter, second->VertexOf(a), second->VertexOf(c), PathOptions{});
  ASSERT_TRUE(path);
  EXPECT_EQ(path->length(), 1u);
}

}  // namespace
}  // namespace ecograph::graph
