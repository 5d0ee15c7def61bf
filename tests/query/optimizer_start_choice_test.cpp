// The start_choice rule: which part goes first and where each one starts.
#include <gtest/gtest.h>

#include "query/optimizer/optimizer.h"
#include "query/optimizer/start_choice.h"
#include "tests/query/optimizer_fixture.h"

namespace ecograph::query {
namespace {

using namespace testing;  // NOLINT

// (a:Big)-[r:R]->(b:Small)
BoundPattern BigToSmall() {
  BoundPattern pattern;
  pattern.parts.push_back(Part({Node(0, "a", {"Big"}), Node(2, "b", {"Small"})}, {Rel(1, "r", "R")}));
  return pattern;
}

TEST(OptimizerStartChoiceTest, NaivePlanStartsAtTheFirstNodeAndFiltersLast) {
  BoundPattern pattern = BigToSmall();
  AddConjunct(&pattern, Compare(Prop(0, "k"), ComparisonOp::kEq, Int(1)), "a.k = 1");
  EXPECT_EQ(RenderLogicalMatch(pattern, BuildLogicalMatch(pattern)),
            "Start AllNodes(a)\n"
            "Check a:Big\n"
            "Expand (a)-[r:R]->(b)\n"
            "Filter a.k = 1\n");
}

TEST(OptimizerStartChoiceTest, StartsAtTheSmallestLabelAndExpandsBackwards) {
  BoundPattern pattern = BigToSmall();
  FakeCatalog catalog;
  catalog.Label("Big", 1000).Label("Small", 5);
  LogicalMatch plan = BuildLogicalMatch(pattern);
  ApplyStartChoice(pattern, catalog, &plan);
  EXPECT_EQ(RenderLogicalMatch(pattern, plan),
            "Start LabelScan(b:Small)  [start_choice]\n"
            "Expand (b)<-[r:R]-(a)\n");
  // The expansion checks the far node's labels itself: no Check of a:Big.
  EXPECT_TRUE(plan.steps[1].reversed);
}

TEST(OptimizerStartChoiceTest, FollowsThePreferenceOrder) {
  FakeCatalog catalog;
  catalog.Label("Big", 1000).Label("Small", 5).Index("Big", "k").Index("Big", "v");
  BoundPattern pattern = BigToSmall();
  std::set<int> nothing_bound;
  // No predicates: the smallest label; no label at all: every node.
  EXPECT_EQ(ChooseStart(pattern, 0, 0, nothing_bound, catalog).step.start, LogicalStartKind::kLabelScan);
  // A labelled node never starts from all nodes, so the node count (a storage
  // read) is not asked for it.
  EXPECT_EQ(catalog.node_count_reads, 0);
  pattern.parts[0].nodes[0].labels.clear();
  EXPECT_EQ(ChooseStart(pattern, 0, 0, nothing_bound, catalog).step.start, LogicalStartKind::kAllNodes);
  EXPECT_EQ(catalog.node_count_reads, 1);
  pattern.parts[0].nodes[0].labels = {"Big"};
  // An index range beats the label scan, an index equality the range, a node
  // id the equality, and a bound node everything.
  AddConjunct(&pattern, Compare(Prop(0, "v"), ComparisonOp::kGt, Int(3)), "a.v > 3");
  EXPECT_EQ(ChooseStart(pattern, 0, 0, nothing_bound, catalog).step.start, LogicalStartKind::kIndexRange);
  AddConjunct(&pattern, Compare(Prop(0, "k"), ComparisonOp::kEq, Int(7)), "a.k = 7");
  EXPECT_EQ(ChooseStart(pattern, 0, 0, nothing_bound, catalog).step.start, LogicalStartKind::kIndexSeek);
  AddConjunct(&pattern, Compare(Int(4), ComparisonOp::kEq, IdOf(0)), "4 = id(a)");
  EXPECT_EQ(ChooseStart(pattern, 0, 0, nothing_bound, catalog).step.start, LogicalStartKind::kNodeById);
  EXPECT_EQ(ChooseStart(pattern, 0, 0, {0}, catalog).step.start, LogicalStartKind::kArgument);
}

TEST(OptimizerStartChoiceTest, ABoundNodeStartsItsPartAndShortestPathsGoLast) {
  BoundPattern pattern;
  BoundPatternPart shortest = Part({Node(0, "a", {"Big"}), Node(1, "b", {"Big"})}, {Rel(2, "r", "R")});
  shortest.path_function = PathFunction::kShortestPath;
  shortest.rels[0].var_length = true;
  pattern.parts.push_back(std::move(shortest));
  pattern.parts.push_back(Part({Node(3, "x"), Node(4, "y")}, {Rel(5, "s", "S")}));
  pattern.bound_before = {4};
  FakeCatalog catalog;
  catalog.Label("Big", 10);
  LogicalMatch plan = BuildLogicalMatch(pattern);
  Optimize(pattern, catalog, &plan);
  EXPECT_EQ(RenderLogicalMatch(pattern, plan),
            "Start Argument(y)\n"
            "Expand (y)<-[s:S]-(x)\n"
            "Start LabelScan(a:Big)  [start_choice]\n"
            "Start LabelScan(b:Big)  [start_choice]\n"
            "ShortestPath (a)-[r:R*1..1]->(b)\n");
}

}  // namespace
}  // namespace ecograph::query
