// The topology policy on hand-built operator trees.
#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "query/optimizer/topology_policy.h"
#include "query/physical/operators.h"

namespace ecograph::query {
namespace {

OperatorPtr Scan() { return std::make_unique<NodeScanOperator>(std::make_unique<SingleRowOperator>(), 0, "a", std::nullopt); }

OperatorPtr Expand(OperatorPtr child) {
  ExpandSpec spec;
  spec.from_slot = 0;
  spec.rel_slot = 1;
  spec.to_slot = 2;
  return std::make_unique<ExpandOperator>(std::move(child), spec);
}

TEST(TopologyPolicyTest, AScanAloneDoesNotTraverse) {
  OperatorPtr plan = Scan();
  EXPECT_FALSE(Traverses(*plan));
  EXPECT_FALSE(WantsTopology(*plan));
}

TEST(TopologyPolicyTest, OneExpansionFromABoundNodeTraversesButIsCheap) {
  OperatorPtr plan = Expand(std::make_unique<SingleRowOperator>());
  EXPECT_TRUE(Traverses(*plan));
  EXPECT_FALSE(WantsTopology(*plan));
}

TEST(TopologyPolicyTest, HeavyTraversalsWantTheTopology) {
  EXPECT_TRUE(WantsTopology(*Expand(Scan())));                                     // expansion from a scan
  EXPECT_TRUE(WantsTopology(*Expand(Expand(std::make_unique<SingleRowOperator>()))));  // two expansions
  ExpandSpec spec;
  spec.from_slot = 0;
  spec.rel_slot = 1;
  spec.to_slot = 2;
  OperatorPtr var_length =
      std::make_unique<VarExpandOperator>(std::make_unique<SingleRowOperator>(), spec, 1, 3, true);
  EXPECT_TRUE(Traverses(*var_length));
  EXPECT_TRUE(WantsTopology(*var_length));
}

}  // namespace
}  // namespace ecograph::query
