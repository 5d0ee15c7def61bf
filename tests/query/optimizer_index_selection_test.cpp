// index_selection: which WHERE conjuncts and inline properties can seek.
#include <gtest/gtest.h>

#include "query/optimizer/index_selection.h"
#include "tests/query/optimizer_fixture.h"

namespace ecograph::query {
namespace {

using namespace testing;  // NOLINT

BoundPattern OneNode() {
  BoundPattern pattern;
  pattern.parts.push_back(Part({Node(0, "n", {"L"})}, {}));
  return pattern;
}

TEST(OptimizerIndexSelectionTest, EqualityFromWhereAndFromAnInlineProperty) {
  BoundPattern pattern = OneNode();
  AddConjunct(&pattern, Compare(Int(5), ComparisonOp::kEq, Prop(0, "k")), "5 = n.k");
  pattern.parts[0].nodes[0].properties.push_back(BoundProperty{"v", Int(6)});
  FakeCatalog catalog;
  catalog.Label("L", 100).Index("L", "k").Index("L", "v");
  auto candidates = IndexSeekCandidates(pattern, 0, 0, {}, catalog);
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0].step.start, LogicalStartKind::kIndexSeek);
  EXPECT_EQ(candidates[0].step.key, "k");
  EXPECT_EQ(candidates[0].step.equality->constant.as_int(), 5);
  EXPECT_EQ(candidates[1].step.key, "v");
  EXPECT_EQ(candidates[1].step.equality->constant.as_int(), 6);
  EXPECT_EQ(candidates[1].cost, 2);
}

TEST(OptimizerIndexSelectionTest, ARangeTakesBothBoundsAndCostsLess) {
  BoundPattern pattern = OneNode();
  AddConjunct(&pattern, Compare(Prop(0, "k"), ComparisonOp::kGe, Int(1)), "n.k >= 1");
  FakeCatalog catalog;
  catalog.Label("L", 160).Index("L", "k");
  auto one_sided = IndexSeekCandidates(pattern, 0, 0, {}, catalog);
  ASSERT_EQ(one_sided.size(), 1u);
  EXPECT_EQ(one_sided[0].cost, 10 + 160 / 4);
  AddConjunct(&pattern, Compare(Int(9), ComparisonOp::kGt, Prop(0, "k")), "9 > n.k");
  auto candidates = IndexSeekCandidates(pattern, 0, 0, {}, catalog);
  ASSERT_EQ(candidates.size(), 2u);  // one per conjunct, each completed by the other
  const LogicalStep& range = candidates[0].step;
  EXPECT_EQ(range.start, LogicalStartKind::kIndexRange);
  EXPECT_EQ(range.lo->constant.as_int(), 1);
  EXPECT_TRUE(range.lo_inclusive);
  EXPECT_EQ(range.hi->constant.as_int(), 9);
  EXPECT_FALSE(range.hi_inclusive);
  EXPECT_EQ(candidates[0].cost, 10 + 160 / 16);
}

TEST(OptimizerIndexSelectionTest, NoSeekOnUnboundValuesInequalityOrMissingIndex) {
  BoundPattern pattern = OneNode();
  AddConjunct(&pattern, Compare(Prop(0, "k"), ComparisonOp::kEq, Prop(7, "k")), "n.k = m.k");
  AddConjunct(&pattern, Compare(Prop(0, "k"), ComparisonOp::kNe, Int(1)), "n.k <> 1");
  AddConjunct(&pattern, Compare(Prop(0, "k"), ComparisonOp::kEq, Prop(0, "j")), "n.k = n.j");
  AddConjunct(&pattern, Compare(Prop(0, "j"), ComparisonOp::kEq, Int(1)), "n.j = 1");
  FakeCatalog catalog;
  catalog.Label("L", 100).Index("L", "k");
  EXPECT_TRUE(IndexSeekCandidates(pattern, 0, 0, {}, catalog).empty());
  // Once m (slot 7) is bound, n.k = m.k seeks.
  auto candidates = IndexSeekCandidates(pattern, 0, 0, {7}, catalog);
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].step.equality, pattern.conjuncts[0].expr->children[1].get());
}

}  // namespace
}  // namespace ecograph::query
