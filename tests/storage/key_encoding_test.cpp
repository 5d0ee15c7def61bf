#include "storage/key_encoding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace ecograph::storage::keys {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Values in strictly increasing PropertyValue order (numbers compared
// numerically), with no two numerically equal.
std::vector<PropertyValue> OrderedValues() {
  return {
      PropertyValue(false),
      PropertyValue(true),
      PropertyValue(-kInf),
      PropertyValue(kMin),
      PropertyValue(kMin + 1),
      PropertyValue(int64_t{-1000000000000000001}),  // rounds to -1e18
      PropertyValue(-1e18),
      PropertyValue(-2.5),
      PropertyValue(-1),
      PropertyValue(-1e-300),
      PropertyValue(0),
      PropertyValue(std::numeric_limits<double>::denorm_min()),
      PropertyValue(0.5),
      PropertyValue(1),
      PropertyValue(1.5),
      PropertyValue(int64_t{9007199254740992}),  // 2^53
      PropertyValue(int64_t{9007199254740993}),  // 2^53 + 1: not a double
      PropertyValue(9007199254740994.0),         // 2^53 + 2
      PropertyValue(kMax - 1),
      PropertyValue(kMax),
      PropertyValue(9223372036854775808.0),  // 2^63, just above kMax
      PropertyValue(1e300),
      PropertyValue(kInf),
      PropertyValue(std::nan("")),
      PropertyValue(""),
      PropertyValue(std::string("\0", 1)),
      PropertyValue(std::string("\0\0", 2)),
      PropertyValue(std::string("\0a", 2)),
      PropertyValue(std::string("\x01", 1)),
      PropertyValue("a"),
      PropertyValue(std::string("a\0", 2)),
      PropertyValue("ab"),
      PropertyValue("b"),
      PropertyValue("\xc3\xa9t\xc3\xa9"),         // "été"
      PropertyValue("\xe6\x97\xa5\xe6\x9c\xac"),  // "日本"
      PropertyValue("\xff"),
      PropertyValue(PropertyList{}),
      PropertyValue(PropertyList{PropertyValue(1)}),
      PropertyValue(PropertyList{PropertyValue(1), PropertyValue("a")}),
      PropertyValue(PropertyList{PropertyValue(2)}),
      PropertyValue(PropertyList{PropertyValue("a")}),
  };
}

TEST(KeyEncodingTest, BigEndianIdsSortNumerically) {
  std::vector<uint64_t> ids = {0, 1, 255, 256, 65535, 1ull << 32, (1ull << 63) + 5, ~0ull};
  for (size_t idx = 1; idx < ids.size(); ++idx) {
    EXPECT_LT(NodeKey(ids[idx - 1]), NodeKey(ids[idx]));
    EXPECT_LT(RelKey(ids[idx - 1]), RelKey(ids[idx]));
  }
  for (uint64_t id : ids) {
    std::string k;
    PutBig64(&k, id);
    EXPECT_EQ(GetBig64(k.data()), id);
  }
  for (uint32_t id : {0u, 1u, 256u, 0xFFFFFFFFu}) {
    std::string k;
    PutBig32(&k, id);
    EXPECT_EQ(GetBig32(k.data()), id);
  }
}

TEST(KeyEncodingTest, OrderedInt64RoundTripsAndSorts) {
  std::vector<int64_t> values = {kMin, kMin + 1, -256, -1, 0, 1, 255, 256, kMax - 1, kMax};
  std::string previous;
  for (int64_t v : values) {
    std::string k;
    PutOrderedInt64(&k, v);
    EXPECT_EQ(GetOrderedInt64(k.data()), v);
    if (!previous.empty()) {
      EXPECT_LT(previous, k) << v;
    }
    previous = k;
  }
}

TEST(KeyEncodingTest, NegativeDoublesSortBeforePositive) {
  std::vector<double> values = {-kInf,  -1e300, -1.5, -1.0,  -1e-300, 0.0,
                                1e-300, 1.0,    1.5,  1e300, kInf};
  std::string previous;
  for (double v : values) {
    std::string k;
    PutOrderedDouble(&k, v);
    EXPECT_EQ(GetOrderedDouble(k.data()), v);
    if (!previous.empty()) {
      EXPECT_LT(previous, k) << v;
    }
    previous = k;
  }
}

TEST(KeyEncodingTest, NegativeZeroEqualsZeroAndNaNSortsLast) {
  EXPECT_EQ(EncodeIndexValue(PropertyValue(-0.0)), EncodeIndexValue(PropertyValue(0.0)));
  EXPECT_EQ(EncodeIndexValue(PropertyValue(0.0)), EncodeIndexValue(PropertyValue(0)));
  std::string nan1 = EncodeIndexValue(PropertyValue(std::nan("")));
  std::string nan2 = EncodeIndexValue(PropertyValue(-std::nan("1")));
  EXPECT_EQ(nan1, nan2);
  EXPECT_GT(nan1, EncodeIndexValue(PropertyValue(kInf)));
  EXPECT_LT(nan1, EncodeIndexValue(PropertyValue("")));
}

TEST(KeyEncodingTest, IndexValuesSortInValueOrder) {
  auto values = OrderedValues();
  for (size_t idx = 1; idx < values.size(); ++idx) {
    std::string a = EncodeIndexValue(values[idx - 1]);
    std::string b = EncodeIndexValue(values[idx]);
    EXPECT_LT(a, b) << values[idx - 1].ToString() << " vs " << values[idx].ToString();
  }
}

TEST(KeyEncodingTest, IntsAndDoublesCompareNumerically) {
  EXPECT_EQ(EncodeIndexValue(PropertyValue(1)), EncodeIndexValue(PropertyValue(1.0)));
  EXPECT_LT(EncodeIndexValue(PropertyValue(1)), EncodeIndexValue(PropertyValue(1.25)));
  EXPECT_LT(EncodeIndexValue(PropertyValue(1.25)), EncodeIndexValue(PropertyValue(2)));
  EXPECT_LT(EncodeIndexValue(PropertyValue(-3)), EncodeIndexValue(PropertyValue(-2.5)));
  // Random pairs agree with PropertyValue::operator<.
  std::mt19937_64 rng(1);
  for (int trial = 0; trial < 20000; ++trial) {
    auto make = [&]() -> PropertyValue {
      switch (rng() % 4) {
        case 0:
          return PropertyValue(static_cast<int64_t>(rng()));
        case 1:
          return PropertyValue(static_cast<int64_t>(rng() % 2001) - 1000);
        case 2:
          return PropertyValue(static_cast<double>(static_cast<int64_t>(rng())));
        default:
          return PropertyValue((static_cast<double>(rng() % 20001) - 10000) / 8.0);
      }
    };
    PropertyValue a = make(), b = make();
    std::string ea = EncodeIndexValue(a), eb = EncodeIndexValue(b);
    bool numeric_less;
    if (a.kind() == ValueKind::kInt && b.kind() == ValueKind::kInt) {
      numeric_less = a.as_int() < b.as_int();
    } else {
      long double la = a.kind() == ValueKind::kInt ? a.as_int() : a.as_double();
      long double lb = b.kind() == ValueKind::kInt ? b.as_int() : b.as_double();
      numeric_less = la < lb;
    }
    EXPECT_EQ(ea < eb, numeric_less) << a.ToString() << " vs " << b.ToString();
  }
}

TEST(KeyEncodingTest, IndexValuesRoundTrip) {
  for (const PropertyValue& v : OrderedValues()) {
    std::string enc = EncodeIndexValue(v);
    std::string_view in = enc;
    PropertyValue out;
    ASSERT_TRUE(DecodeIndexValue(&in, &out)) << v.ToString();
    EXPECT_TRUE(in.empty());
    // Numbers come back numerically equal (kind may differ: see header).
    EXPECT_EQ(EncodeIndexValue(out), enc) << v.ToString();
    if (v.kind() == ValueKind::kString) {
      EXPECT_EQ(out, v);
    }
  }
  PropertyValue big(kMax);
  std::string enc = EncodeIndexValue(big);
  std::string_view in = enc;
  PropertyValue out;
  ASSERT_TRUE(DecodeIndexValue(&in, &out));
  EXPECT_EQ(out, big);
}

TEST(KeyEncodingTest, StringEscapingKeepsPrefixOrder) {
  // "a" < "a\0" < "a\0\0" < "a\x01" < "ab": a prefix sorts first, and the
  // escaped NUL sorts below every other byte.
  std::vector<std::string> strings = {"",      "a", std::string("a\0", 2), std::string("a\0\0", 3),
                                      "a\x01", "ab"};
  for (size_t idx = 1; idx < strings.size(); ++idx) {
    std::string a, b;
    PutOrderedString(&a, strings[idx - 1]);
    PutOrderedString(&b, strings[idx]);
    EXPECT_LT(a, b) << idx;
  }
  for (const std::string& s : strings) {
    std::string enc;
    PutOrderedString(&enc, s);
    std::string_view in = enc;
    std::string out;
    ASSERT_TRUE(GetOrderedString(&in, &out));
    EXPECT_EQ(out, s);
    EXPECT_TRUE(in.empty());
  }
}

TEST(KeyEncodingTest, EdgeKeysSortByNodeTypeNeighborRel) {
  std::vector<std::string> keys_in_order = {
      AdjKey(kOutPrefix, 1, 1, 5, 9),   AdjKey(kOutPrefix, 1, 1, 6, 2),
      AdjKey(kOutPrefix, 1, 2, 0, 1),   AdjKey(kOutPrefix, 2, 0, 0, 0),
      AdjKey(kOutPrefix, 256, 1, 1, 1),
  };
  for (size_t idx = 1; idx < keys_in_order.size(); ++idx) {
    EXPECT_LT(keys_in_order[idx - 1], keys_in_order[idx]);
  }
  AdjKeyParts parts;
  ASSERT_TRUE(DecodeAdjKey(AdjKey(kInPrefix, ~0ull, 7, 3, 1ull << 40), &parts));
  EXPECT_EQ(parts.node, ~0ull);
  EXPECT_EQ(parts.type, 7u);
  EXPECT_EQ(parts.neighbor, 3u);
  EXPECT_EQ(parts.rel, 1ull << 40);
  EXPECT_TRUE(AdjKey(kOutPrefix, 1, 2, 3, 4).starts_with(AdjTypePrefix(kOutPrefix, 1, 2)));
  EXPECT_FALSE(DecodeAdjKey("short", &parts));
}

TEST(KeyEncodingTest, IndexKeysSplitBack) {
  std::string key = IndexKey(3, PropertyValue(std::string("x\0y", 3)), 42);
  uint32_t index;
  std::string_view value_bytes;
  uint64_t node;
  ASSERT_TRUE(DecodeIndexKey(key, &index, &value_bytes, &node));
  EXPECT_EQ(index, 3u);
  EXPECT_EQ(node, 42u);
  EXPECT_EQ(value_bytes, EncodeIndexValue(PropertyValue(std::string("x\0y", 3))));
}

TEST(KeyEncodingTest, PrefixSuccessorCarries) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixSuccessor("\xff\xff"), "");
}

TEST(KeyEncodingTest, RecordValuesRoundTrip) {
  NodeValue node;
  node.labels = {1, 7, 300};
  node.properties = {
      {1, PropertyValue(kMin)},
      {2, PropertyValue(kMax)},
      {3, PropertyValue(-0.0)},
      {4, PropertyValue(std::string("nul\0inside", 10))},
      {5, PropertyValue("")},
      {6, PropertyValue(PropertyList{PropertyValue(), PropertyValue(true),
                                     PropertyValue(PropertyList{PropertyValue(2.5)})})},
      {7, PropertyValue(kInf)},
      {8, PropertyValue(false)}};
  NodeValue decoded;
  ASSERT_TRUE(DecodeNodeValue(EncodeNodeValue(node), &decoded));
  EXPECT_EQ(decoded.labels, node.labels);
  ASSERT_EQ(decoded.properties.size(), node.properties.size());
  for (size_t idx = 0; idx < node.properties.size(); ++idx) {
    EXPECT_EQ(decoded.properties[idx].first, node.properties[idx].first);
    EXPECT_EQ(decoded.properties[idx].second, node.properties[idx].second);
  }
  EXPECT_TRUE(std::signbit(decoded.properties[2].second.as_double()));

  NodeValue nan_node;
  nan_node.properties = {{1, PropertyValue(std::nan(""))}};
  ASSERT_TRUE(DecodeNodeValue(EncodeNodeValue(nan_node), &decoded));
  EXPECT_TRUE(std::isnan(decoded.properties[0].second.as_double()));

  RelValue rel{~0ull, 0, 12, {{9, PropertyValue("w")}}};
  RelValue rel_out;
  ASSERT_TRUE(DecodeRelValue(EncodeRelValue(rel), &rel_out));
  EXPECT_EQ(rel_out.src, rel.src);
  EXPECT_EQ(rel_out.dst, rel.dst);
  EXPECT_EQ(rel_out.type, rel.type);
  ASSERT_EQ(rel_out.properties.size(), 1u);
  ASSERT_TRUE(DecodeRelValue(EncodeRelValue(rel), &rel_out, true));
  EXPECT_TRUE(rel_out.properties.empty());
}

TEST(KeyEncodingTest, GarbageRecordsAreRejectedNotCrashing) {
  std::mt19937_64 rng(3);
  NodeValue node;
  RelValue rel;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string junk(rng() % 40, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    (void)DecodeNodeValue(junk, &node);
    (void)DecodeRelValue(junk, &rel);
    std::string_view in = junk;
    PropertyValue v;
    (void)DecodeIndexValue(&in, &v);
  }
  // Deeply nested lists are refused, not recursed into without bound.
  std::string deep(100000, static_cast<char>(ValueKind::kList));
  for (size_t idx = 1; idx < deep.size(); idx += 2) deep[idx] = 1;
  std::string_view in = deep;
  PropertyValue v;
  EXPECT_FALSE(DecodeTaggedValue(&in, &v));
}

TEST(KeyEncodingTest, CountersRoundTrip) {
  for (int64_t v : {kMin, int64_t{-1}, int64_t{0}, int64_t{1}, kMax}) {
    EXPECT_EQ(DecodeCounter(EncodeCounter(v)), v);
  }
}

}  // namespace
}  // namespace ecograph::storage::keys
