// Unit tests of runtime values: rendering, equality, ordering, grouping.
#include <gtest/gtest.h>

#include <cmath>

#include "query/engine.h"
#include "query/value.h"
#include "query/value_ops.h"

namespace ecograph::query {
namespace {

TEST(BackendValueTest, DisplayStrings) {
  EXPECT_EQ(Value().ToDisplayString(), "null");
  EXPECT_EQ(Value::Float(1.0).ToDisplayString(), "1.0");
  EXPECT_EQ(Value::Float(0.1).ToDisplayString(), "0.1");
  EXPECT_EQ(Value::Float(1e20).ToDisplayString(), "1.0E20");
  EXPECT_EQ(Value::Float(-INFINITY).ToDisplayString(), "-Infinity");
  EXPECT_EQ(Value::String("it's").ToDisplayString(), "'it\\'s'");
  EXPECT_EQ(Value::List({Value::Int(1), Value::String("a")}).ToDisplayString(), "[1, 'a']");
  EXPECT_EQ(Value::Map({{"b", Value::Int(2)}, {"a", Value()}}).ToDisplayString(), "{a: null, b: 2}");
  NodeValue node{7, {"Company"}, {{"name", storage::PropertyValue("x")}}};
  EXPECT_EQ(Value::Node(node).ToDisplayString(), "(:Company {name: 'x'})");
  RelValue rel{3, 7, 8, "ACQUIRED", {{"year", storage::PropertyValue(2016)}}};
  EXPECT_EQ(Value::Rel(rel).ToDisplayString(), "[:ACQUIRED {year: 2016}]");
  NodeValue other{8, {"B"}, {}};
  PathValue path{{node, other}, {rel}};
  EXPECT_EQ(Value::Path(path).ToDisplayString(),
            "<(:Company {name: 'x'})-[:ACQUIRED {year: 2016}]->(:B)>");
  EXPECT_EQ(Value::String("plain").ToPlainString(), "plain");
  EXPECT_EQ(Value().ToPlainString(), "");
}

TEST(BackendValueTest, PropertyRoundTrip) {
  Value list = Value::List({Value::Int(1), Value::Float(2.5), Value::String("s")});
  storage::PropertyValue property;
  ASSERT_TRUE(list.ToProperty(&property));
  EXPECT_EQ(Value::FromProperty(property).ToDisplayString(), "[1, 2.5, 's']");
  EXPECT_FALSE(Value::Map({}).ToProperty(&property));
  EXPECT_FALSE(Value::List({Value::List({})}).ToProperty(&property));
}

TEST(BackendValueTest, EqualityAndComparison) {
  EXPECT_EQ(CypherEquals(Value::Int(1), Value::Float(1.0)), true);
  EXPECT_EQ(CypherEquals(Value::Int(1), Value::String("1")), false);
  EXPECT_FALSE(CypherEquals(Value(), Value::Int(1)).has_value());
  EXPECT_EQ(CypherEquals(Value::Float(NAN), Value::Float(NAN)), false);
  EXPECT_FALSE(CypherCompare(Value::Int(1), Value::String("a")).has_value());
  EXPECT_EQ(CypherCompare(Value::Int(9007199254740993), Value::Float(9007199254740992.0)), 1);
  EXPECT_EQ(CypherCompare(Value::String("a"), Value::String("b")), -1);
}

TEST(BackendValueTest, OrderAndGrouping) {
  EXPECT_LT(OrderCompare(Value::String("z"), Value::Bool(false)), 0);
  EXPECT_LT(OrderCompare(Value::Bool(true), Value::Int(0)), 0);
  EXPECT_LT(OrderCompare(Value::Int(5), Value::Float(NAN)), 0);
  EXPECT_LT(OrderCompare(Value::Float(NAN), Value()), 0);
  EXPECT_TRUE(GroupEquals(Value(), Value()));
  EXPECT_TRUE(GroupEquals(Value::Int(2), Value::Float(2.0)));
  EXPECT_EQ(GroupHash(Value::Int(2)), GroupHash(Value::Float(2.0)));
  Slot reference = Slot::NodeRef(4);
  Slot materialized;
  materialized.value = Value::Node(NodeValue{4, {}, {}});
  EXPECT_TRUE(SlotGroupEquals(reference, materialized));
  EXPECT_EQ(SlotGroupHash(reference), SlotGroupHash(KeySlot(materialized)));
}

TEST(BackendValueTest, StatsText) {
  QueryStats stats;
  EXPECT_FALSE(stats.ContainsUpdates());
  stats.nodes_created = 2;
  stats.properties_set = 1;
  stats.rels_deleted = 3;
  EXPECT_TRUE(stats.ContainsUpdates());
  EXPECT_EQ(stats.ToString(), "Created 2 nodes, Set 1 property, Deleted 3 relationships");
}

}  // namespace
}  // namespace ecograph::query
