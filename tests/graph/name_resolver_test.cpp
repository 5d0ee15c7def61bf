#include "graph/name_resolver.h"

#include <gtest/gtest.h>

#include "memory_transaction.h"

namespace ecograph::graph {
namespace {

using testing::MemoryTransaction;

storage::PropertyValue Aliases(std::vector<std::string> names) {
  storage::PropertyList list;
  for (auto& name : names) list.emplace_back(std::move(name));
  return storage::PropertyValue(std::move(list));
}

// Companies, countries and industries with stored aliases, as the bundled
// data carries them (nodes_company.csv aliases:string[]).
class NameResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    alibaba_ = txn_.Node({"Company"}, {{"name", "Alibaba Group"},
                                       {"aliases", Aliases({"Alibaba", "阿里巴巴"})}});
    alibaba_cloud_ = txn_.Node({"Company"}, {{"name", "Alibaba Cloud"}});
    lazada_ = txn_.Node({"Company"}, {{"name", "Lazada Group"}});
    one97_ = txn_.Node({"Company"}, {{"name", "One97 Communications"},
                                     {"aliases", Aliases({"Paytm"})}});
    paytm_mall_ = txn_.Node({"Company"}, {{"name", "Paytm Mall"}});
    turkey_ = txn_.Node({"Country"}, {{"name", "Turkey"},
                                      {"iso2", "TR"},
                                      {"aliases", Aliases({"Türkiye"})}});
    india_ = txn_.Node({"Country"}, {{"name", "India"}, {"iso2", "IN"}});
    ecommerce_ = txn_.Node({"Industry"}, {{"name", "E-commerce marketplaces and online retail"}});
    seller_tools_ = txn_.Node({"Industry"}, {{"name", "E-commerce services and seller tools"}});
    logistics_ = txn_.Node({"Industry"}, {{"name", "Logistics, postal and cargo infrastructure"}});
    auto built = NameIndex::Build(txn_, {"Company", "Country", "Industry"});
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    index_ = std::move(built).value();
  }

  storage::NodeId ResolvedId(std::string_view text) {
    auto match = ResolveOne(index_, "name", text);
    EXPECT_TRUE(match.ok()) << text << ": " << match.status().ToString();
    return match.ok() ? match.value().entry->id : 0;
  }

  MemoryTransaction txn_;
  NameIndex index_;
  storage::NodeId alibaba_, alibaba_cloud_, lazada_, one97_, paytm_mall_, turkey_, india_,
      ecommerce_, seller_tools_, logistics_;
};

TEST(NormalizeNameTest, FoldsCaseAccentsAndSpaces) {
  EXPECT_EQ(NormalizeName("Türkiye"), "turkiye");
  EXPECT_EQ(NormalizeName("TÜRKIYE"), "turkiye");
  EXPECT_EQ(NormalizeName("İstanbul"), "istanbul");
  EXPECT_EQ(NormalizeName("  Lazada \t Group "), "lazada group");
  EXPECT_EQ(NormalizeName("阿里巴巴"), "阿里巴巴");
  EXPECT_EQ(NormalizeName("Ｐａｙｔｍ"), "paytm");  // full-width letters
  EXPECT_EQ(NormalizeName("AB\xFF"), "ab\xFF");    // invalid UTF-8: ASCII lower-casing
}

TEST_F(NameResolverTest, ExactNamesAliasesAndCodes) {
  EXPECT_EQ(ResolvedId("alibaba group"), alibaba_);
  EXPECT_EQ(ResolvedId("Alibaba"), alibaba_);  // alias beats the prefix of "Alibaba Cloud"
  EXPECT_EQ(ResolvedId("阿里巴巴"), alibaba_);
  EXPECT_EQ(ResolvedId("PAYTM"), one97_);  // alias beats the word in "Paytm Mall"
  EXPECT_EQ(ResolvedId("turkiye"), turkey_);
  EXPECT_EQ(ResolvedId("Türkiye"), turkey_);
  EXPECT_EQ(ResolvedId("tr"), turkey_);
  auto match = ResolveOne(index_, "name", "Türkiye");
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match.value().matched, "Türkiye");
  EXPECT_EQ(match.value().tier, MatchTier::kExact);
}

TEST_F(NameResolverTest, PartialTiers) {
  auto lazada = ResolveOne(index_, "company", "lazada");
  ASSERT_TRUE(lazada.ok());
  EXPECT_EQ(lazada.value().entry->id, lazada_);
  EXPECT_EQ(lazada.value().tier, MatchTier::kWords);
  auto prefix = index_.Lookup("Laz", true);
  ASSERT_EQ(prefix.size(), 1u);
  EXPECT_EQ(prefix[0].tier, MatchTier::kPrefix);
  auto contains = index_.Lookup("ogist", true);
  ASSERT_EQ(contains.size(), 1u);
  EXPECT_EQ(contains[0].entry->id, logistics_);
  EXPECT_EQ(contains[0].tier, MatchTier::kContains);
  // "E-commerce" is the first words of two industries: both match.
  auto both = index_.Lookup("e-commerce", true);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].entry->id, ecommerce_);
  EXPECT_EQ(both[1].entry->id, seller_tools_);
  // Codes never match partially, and partial matching can be turned off.
  EXPECT_TRUE(index_.Lookup("lazada", false).empty());
  EXPECT_EQ(index_.Lookup("i", true).size(), 0u);  // too short for a prefix
}

TEST_F(NameResolverTest, AmbiguousAndUnknownNamesExplain) {
  auto ambiguous = ResolveOne(index_, "industry", "e-commerce");
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.status().code(), storage::StatusCode::kNotFound);
  EXPECT_EQ(ambiguous.status().message(),
            "industry 'e-commerce' is ambiguous: it matches 'E-commerce marketplaces and online "
            "retail' or 'E-commerce services and seller tools' (give more of the name)");
  auto unknown = ResolveOne(index_, "company", "Alibba Grop");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), storage::StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(),
            "unknown company 'Alibba Grop' (did you mean 'Alibaba Group'?)");
  auto nothing = ResolveOne(index_, "company", "zzzzqqq");
  ASSERT_FALSE(nothing.ok());
  EXPECT_EQ(nothing.status().message(), "unknown company 'zzzzqqq'");
}

TEST_F(NameResolverTest, SearchRanksExactThenPrefixThenWordsThenTypos) {
  auto hits = index_.Search("paytm", 5);
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0].entry->id, one97_);  // exact alias
  EXPECT_EQ(hits[0].matched, "Paytm");
  EXPECT_DOUBLE_EQ(hits[0].score, 1.0);
  EXPECT_EQ(hits[1].entry->id, paytm_mall_);  // prefix
  EXPECT_LT(hits[1].score, hits[0].score);

  hits = index_.Search("alibaba", 5);
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0].entry->id, alibaba_);
  EXPECT_EQ(hits[1].entry->id, alibaba_cloud_);

  // Typos: edit distance per word.
  hits = index_.Search("lazda", 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].entry->id, lazada_);
  EXPECT_GT(hits[0].score, 0.3);
  EXPECT_LT(hits[0].score, 0.7);
  hits = index_.Search("turky", 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].entry->id, turkey_);

  // Nothing close: no hits; the limit is respected.
  EXPECT_TRUE(index_.Search("qqqqqqqq", 5).empty());
  EXPECT_EQ(index_.Search("e", 1).size(), 1u);
  EXPECT_TRUE(index_.Search("   ", 5).empty());
}

TEST_F(NameResolverTest, NodeWithSeveralLabelsIsIndexedOnce) {
  MemoryTransaction txn;
  txn.Node({"Company", "Alibaba"}, {{"name", "Taobao"}});
  auto built = NameIndex::Build(txn, {"Company", "Alibaba"});
  ASSERT_TRUE(built.ok());
  ASSERT_EQ(built.value().entries().size(), 1u);
  EXPECT_EQ(built.value().entries()[0].label, "Company");
}

TEST(QuotedListTest, JoinsAndCounts) {
  EXPECT_EQ(QuotedList({"A"}), "'A'");
  EXPECT_EQ(QuotedList({"A", "B"}), "'A' or 'B'");
  EXPECT_EQ(QuotedList({"A", "B", "C"}, 2), "'A', 'B' and 1 more");
}

}  // namespace
}  // namespace ecograph::graph
