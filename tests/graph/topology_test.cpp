#include "graph/topology.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "memory_transaction.h"
#include "test_graphs.h"

namespace ecograph::graph {
namespace {

using testing::MemoryTransaction;

// VertexOf probes node - first id before searching: it must agree with the
// sorted position for dense ids, ids with gaps (deleted nodes), ids that do
// not start at 1, and ids that are absent, below, between or above them all.
TEST(TopologyTest, VertexOfMatchesTheSortedPositionWithAndWithoutGaps) {
  std::mt19937_64 random(7);
  for (int shape = 0; shape < 4; ++shape) {
    std::vector<storage::NodeId> ids;
    storage::NodeId next = shape == 0 ? 1 : 1000;
    for (int n = 0; n < 2000; ++n) {
      ids.push_back(next);
      bool gap = shape >= 2 && random() % (shape == 2 ? 50 : 2) == 0;
      next += gap ? 1 + random() % 20 : 1;
    }
    TopologyBuilder builder;
    for (storage::NodeId id : ids) builder.AddNode(id);
    auto built = builder.Finish();
    ASSERT_TRUE(built.ok());
    const Topology& t = *built.value();
    for (size_t v = 0; v < ids.size(); ++v) ASSERT_EQ(t.VertexOf(ids[v]), v) << "shape " << shape;
    for (storage::NodeId probe = 0; probe <= ids.back() + 5; ++probe) {
      bool present = std::binary_search(ids.begin(), ids.end(), probe);
      if (!present) {
        ASSERT_EQ(t.VertexOf(probe), kNoVertex) << "shape " << shape << " id " << probe;
      }
    }
  }
}

TEST(TopologyTest, BuildsFromTransaction) {
  MemoryTransaction txn;
  auto alibaba = txn.Node({"Company"}, {{"name", "Alibaba"}});
  auto china = txn.Node({"Country"}, {{"name", "China"}});
  auto trendyol = txn.Node({"Company", "Startup"}, {{"name", "Trendyol"}});
  auto acquired = txn.Rel(alibaba, trendyol, "ACQUIRED", {{"year", 2018}});
  auto hq = txn.Rel(alibaba, china, "HEADQUARTERED_IN");
  auto invested = txn.Rel(trendyol, alibaba, "INVESTED_IN", {{"year", 2020.0}});

  auto built = Topology::Build(txn);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const Topology& t = *built.value();
  EXPECT_EQ(t.num_vertices(), 3u);
  EXPECT_EQ(t.num_edges(), 3u);
  EXPECT_EQ(t.type_names(),
            (std::vector<std::string>{"ACQUIRED", "HEADQUARTERED_IN", "INVESTED_IN"}));
  EXPECT_EQ(t.label_names(), (std::vector<std::string>{"Company", "Country", "Startup"}));

  VertexIndex a = t.VertexOf(alibaba), c = t.VertexOf(china), tr = t.VertexOf(trendyol);
  ASSERT_NE(a, kNoVertex);
  EXPECT_EQ(t.NodeOf(a), alibaba);
  EXPECT_EQ(t.VertexOf(999), kNoVertex);
  EXPECT_TRUE(t.HasLabel(tr, *t.FindLabel("Startup")));
  EXPECT_TRUE(t.HasLabel(tr, *t.FindLabel("Company")));
  EXPECT_FALSE(t.HasLabel(a, *t.FindLabel("Startup")));
  EXPECT_FALSE(t.FindLabel("Nope").has_value());

  std::vector<storage::RelId> out_rels;
  t.ForEachOut(a, [&](EdgeIndex e, VertexIndex w) {
    out_rels.push_back(t.RelOf(e));
    EXPECT_EQ(t.SourceOf(e), a);
    EXPECT_EQ(t.TargetOf(e), w);
    if (t.RelOf(e) == acquired) {
      EXPECT_EQ(w, tr);
      EXPECT_EQ(t.YearOf(e), 2018);
      EXPECT_EQ(t.type_names()[t.TypeOf(e)], "ACQUIRED");
    }
    if (t.RelOf(e) == hq) {
      EXPECT_EQ(w, c);
      EXPECT_EQ(t.YearOf(e), 0);
    }
  });
  EXPECT_EQ(out_rels, (std::vector<storage::RelId>{acquired, hq}));
  std::vector<storage::RelId> in_rels;
  t.ForEachIn(a, [&](EdgeIndex e, VertexIndex u) {
    in_rels.push_back(t.RelOf(e));
    EXPECT_EQ(u, tr);
    EXPECT_EQ(t.YearOf(e), 2020);
  });
  EXPECT_EQ(in_rels, (std::vector<storage::RelId>{invested}));
  EXPECT_EQ(t.OutDegree(a), 2u);
  EXPECT_EQ(t.InDegree(c), 1u);
}

TEST(TopologyTest, EmptyGraph) {
  MemoryTransaction txn;
  auto built = Topology::Build(txn);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built.value()->num_vertices(), 0u);
  EXPECT_EQ(built.value()->num_edges(), 0u);
  EXPECT_GT(built.value()->MemoryBytes(), 0u);
}

TEST(TopologyTest, RejectsRelationshipToUnknownNode) {
  TopologyBuilder builder;
  builder.AddNode(1);
  auto status = builder.AddRel(5, 1, 2, "T");
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("unknown node 2"), std::string::npos);
}

TEST(TopologyTest, SelfLoopsAndParallelEdges) {
  auto t = testing::MakeTopology(2, {{0, 1}, {0, 1}, {1, 1}});
  EXPECT_EQ(t->OutDegree(0), 2u);
  EXPECT_EQ(t->InDegree(1), 3u);
  EXPECT_EQ(t->OutDegree(1), 1u);
  for (EdgeIndex e = 0; e < t->num_edges(); ++e) {
    EXPECT_EQ(t->RelOf(e), 1000u + e);  // added in (source, rel id) order
  }
  EXPECT_EQ(t->SourceOf(2), 1u);
}

// Memory stays near 24 bytes per relationship plus 20 per node.
TEST(TopologyTest, MemoryPerRelationship) {
  const uint32_t nodes = 20'000, rels = 200'000;
  std::mt19937 rng(7);
  TopologyBuilder builder;
  for (uint32_t v = 0; v < nodes; ++v) builder.AddNode(v * 3 + 1, {"Company"});
  for (uint32_t r = 0; r < rels; ++r) {
    ASSERT_TRUE(builder
                    .AddRel(r + 1, (rng() % nodes) * 3 + 1, (rng() % nodes) * 3 + 1,
                            r % 2 ? "A" : "B", 2000 + static_cast<int32_t>(r % 20))
                    .ok());
  }
  auto built = builder.Finish();
  ASSERT_TRUE(built.ok());
  const double per_rel = static_cast<double>(built.value()->MemoryBytes()) / rels;
  EXPECT_LE(per_rel, 32.0);
  EXPECT_GE(per_rel, 24.0);
}

}  // namespace
}  // namespace ecograph::graph
