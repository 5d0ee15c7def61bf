// The predicate_pushdown rule, and the shortestPath search predicates taken
// when the steps are built.
#include <gtest/gtest.h>

#include "query/optimizer/predicate_pushdown.h"
#include "tests/query/optimizer_fixture.h"

namespace ecograph::query {
namespace {

using namespace testing;  // NOLINT

// (a)-[r:R]->(b)-[s:S]->(c), slots a0 r1 b2 s3 c4; slot 9 is bound before.
BoundPattern Chain() {
  BoundPattern pattern;
  pattern.parts.push_back(
      Part({Node(0, "a"), Node(2, "b"), Node(4, "c", {"C"})}, {Rel(1, "r", "R"), Rel(3, "s", "S")}));
  pattern.bound_before = {9};
  return pattern;
}

TEST(OptimizerPredicatePushdownTest, AConjunctFollowsTheStepBindingItsLastSlot) {
  BoundPattern pattern = Chain();
  AddConjunct(&pattern, Compare(Prop(4, "k"), ComparisonOp::kEq, Prop(0, "k")), "c.k = a.k");
  AddConjunct(&pattern, Compare(Prop(1, "w"), ComparisonOp::kGt, Int(2)), "r.w > 2");
  AddConjunct(&pattern, Compare(Prop(9, "k"), ComparisonOp::kEq, Int(1)), "x.k = 1");
  AddConjunct(&pattern, Compare(Prop(2, "k"), ComparisonOp::kLt, Prop(9, "k")), "b.k < x.k");
  LogicalMatch plan = BuildLogicalMatch(pattern);
  ApplyPredicatePushdown(pattern, &plan);
  EXPECT_EQ(RenderLogicalMatch(pattern, plan),
            "Filter x.k = 1  [predicate_pushdown]\n"
            "Start AllNodes(a)\n"
            "Expand (a)-[r:R]->(b)\n"
            "Filter r.w > 2 AND b.k < x.k  [predicate_pushdown]\n"
            "Expand (b)-[s:S]->(c)\n"
            "Filter c.k = a.k  [predicate_pushdown]\n");
}

TEST(OptimizerPredicatePushdownTest, AConjunctComesAfterTheChecksOfItsStep) {
  BoundPattern pattern = Chain();
  pattern.parts[0].nodes[0].labels = {"A"};
  AddConjunct(&pattern, Compare(Prop(0, "k"), ComparisonOp::kEq, Int(1)), "a.k = 1");
  LogicalMatch plan = BuildLogicalMatch(pattern);
  ApplyPredicatePushdown(pattern, &plan);
  EXPECT_EQ(RenderLogicalMatch(pattern, plan),
            "Start AllNodes(a)\n"
            "Check a:A\n"
            "Filter a.k = 1  [predicate_pushdown]\n"
            "Expand (a)-[r:R]->(b)\n"
            "Expand (b)-[s:S]->(c)\n");
}

TEST(OptimizerPredicatePushdownTest, PathPredicatesArePartOfTheShortestPathSearch) {
  BoundPattern pattern;
  BoundPatternPart part = Part({Node(0, "a"), Node(1, "b")}, {Rel(2, "r", "R")});
  part.path_function = PathFunction::kShortestPath;
  part.rels[0].var_length = true;
  part.path_slot = 3;
  part.path_name = "p";
  pattern.parts.push_back(std::move(part));
  AddConjunct(&pattern, Compare(Var(3), ComparisonOp::kNe, Var(9)), "p <> q");  // q is never bound
  AddConjunct(&pattern, Compare(Prop(0, "k"), ComparisonOp::kEq, Var(3)), "a.k = p");
  pattern.bound_before = {};
  LogicalMatch plan = BuildLogicalMatch(pattern);
  ASSERT_EQ(plan.steps.size(), 4u);
  EXPECT_EQ(plan.steps[2].kind, LogicalStepKind::kShortestPath);
  EXPECT_EQ(plan.steps[2].conjuncts, (std::vector<size_t>{1}));
  ApplyPredicatePushdown(pattern, &plan);
  EXPECT_EQ(RenderLogicalMatch(pattern, plan),
            "Start AllNodes(a)\n"
            "Start AllNodes(b)\n"
            "ShortestPath (a)-[r:R*1..1]->(b) searching a.k = p\n"
            "Filter p <> q\n");
}

}  // namespace
}  // namespace ecograph::query
