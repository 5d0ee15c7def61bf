// SelectSubgraph over the fixture ecosystem.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "fixtures.h"
#include "graph/subgraph_select.h"

namespace ecograph::graph {
namespace {

using testing::MemoryTransaction;

std::set<std::string> Names(const Subgraph& subgraph, const std::string& label) {
  std::set<std::string> names;
  for (const auto& node : subgraph.nodes) {
    if (std::find(node.labels.begin(), node.labels.end(), label) != node.labels.end()) {
      names.insert(node.properties.at("name").as_string());
    }
  }
  return names;
}

size_t CountType(const Subgraph& subgraph, const std::string& type) {
  return std::count_if(subgraph.rels.begin(), subgraph.rels.end(),
                       [&](const auto& rel) { return rel.type == type; });
}

class SelectTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::BuildEcosystem(txn_); }
  storage::Result<Subgraph> Select(const SubgraphFilter& filter) {
    return SelectSubgraph(txn_, filter);
  }
  MemoryTransaction txn_;
};

TEST_F(SelectTest, EverythingByDefault) {
  auto subgraph = Select(SubgraphFilter());
  ASSERT_TRUE(subgraph.ok()) << subgraph.status().ToString();
  EXPECT_EQ(Names(subgraph.value(), "Company").size(), 28u);
  EXPECT_EQ(subgraph.value().rels.size(), 30u);
  EXPECT_EQ(subgraph.value().title, "Alibaba Group ecosystem");
  EXPECT_TRUE(std::is_sorted(subgraph.value().nodes.begin(), subgraph.value().nodes.end(),
                             [](const auto& a, const auto& b) { return a.id < b.id; }));
}

TEST_F(SelectTest, RegionAndYears) {
  SubgraphFilter filter;
  filter.countries = {"southeast asia"};
  filter.year_from = 2014;
  filter.year_to = 2021;
  auto subgraph = Select(filter);
  ASSERT_TRUE(subgraph.ok()) << subgraph.status().ToString();
  EXPECT_EQ(subgraph.value().title,
            "Alibaba Group ecosystem \xE2\x80\x94 Southeast Asia, 2014\xE2\x80\x93"
            "2021");
  // SEA companies with deals in range, plus the other end of each deal.
  EXPECT_EQ(
      Names(subgraph.value(), "Company"),
      (std::set<std::string>{"Alibaba Group", "Ant Group", "Lazada", "Tokopedia", "Mynt (GCash)",
                             "Ascend Money", "DANA", "Daraz", "Cainiao Smart Logistics Network"}));
}

TEST_F(SelectTest, IsoCodesIndustriesAndTypes) {
  SubgraphFilter filter;
  filter.countries = {"IN", "pk"};
  filter.industries = {"e-commerce", "Food & retail"};
  filter.rel_types = {"acquired", "INVESTED_IN"};
  auto subgraph = Select(filter);
  ASSERT_TRUE(subgraph.ok()) << subgraph.status().ToString();
  EXPECT_EQ(Names(subgraph.value(), "Company"),
            (std::set<std::string>{"Alibaba Group", "Ant Group", "Lazada", "Daraz", "BigBasket",
                                   "Zomato"}));
  EXPECT_EQ(CountType(subgraph.value(), "PARTNERED_WITH"), 0u);
  EXPECT_EQ(subgraph.value().title,
            "Alibaba Group ecosystem \xE2\x80\x94 India, Pakistan, E-commerce, Food & retail, "
            "acquisitions and investments");
}

TEST_F(SelectTest, AroundWithHops) {
  SubgraphFilter filter;
  filter.around = "lazada";
  filter.hops = 1;
  auto one = Select(filter);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(Names(one.value(), "Company"),
            (std::set<std::string>{"Lazada", "Alibaba Group", "Daraz",
                                   "Cainiao Smart Logistics Network"}));
  // Alibaba ACQUIRED Daraz joins two companies of the outer ring.
  EXPECT_EQ(one.value().rels.size(), 5u);
  EXPECT_EQ(one.value().title, "Lazada ecosystem, 1 hop");
  filter.hops = 2;
  auto two = Select(filter);
  ASSERT_TRUE(two.ok());
  // Everything but Ant Group's investees (three hops away).
  EXPECT_EQ(Names(two.value(), "Company").size(), 22u);
  filter.hops = 0;
  auto zero = Select(filter);
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero.value().nodes.size(), 1u);
}

TEST_F(SelectTest, AroundRestrictedToCountries) {
  SubgraphFilter filter;
  filter.around = "Ant Group";
  filter.countries = {"Southeast Asia"};
  filter.year_from = 2017;
  auto subgraph = Select(filter);
  ASSERT_TRUE(subgraph.ok()) << subgraph.status().ToString();
  EXPECT_EQ(Names(subgraph.value(), "Company"),
            (std::set<std::string>{"Ant Group", "Mynt (GCash)", "DANA"}));
  EXPECT_EQ(subgraph.value().title,
            "Ant Group ecosystem, 1 hop \xE2\x80\x94 Southeast Asia, since 2017");
}

TEST_F(SelectTest, Context) {
  SubgraphFilter filter;
  filter.countries = {"Singapore"};
  filter.with_regions = true;
  filter.with_industries = true;
  auto subgraph = Select(filter);
  ASSERT_TRUE(subgraph.ok()) << subgraph.status().ToString();
  EXPECT_EQ(CountType(subgraph.value(), "HEADQUARTERED_IN"),
            Names(subgraph.value(), "Company").size());
  EXPECT_EQ(Names(subgraph.value(), "Region"),
            (std::set<std::string>{"East Asia", "Southeast Asia", "South Asia"}));
  EXPECT_FALSE(Names(subgraph.value(), "Industry").empty());
}

TEST_F(SelectTest, Errors) {
  SubgraphFilter filter;
  filter.countries = {"Singapur"};
  auto unknown = Select(filter);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), storage::StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(),
            "unknown country (name, alias or ISO code) or region 'Singapur' (did you mean "
            "'Singapore'?)");
  filter = SubgraphFilter();
  filter.industries = {"Steel"};
  EXPECT_EQ(Select(filter).status().code(), storage::StatusCode::kNotFound);
  filter = SubgraphFilter();
  filter.around = "Nobody";
  EXPECT_EQ(Select(filter).status().code(), storage::StatusCode::kNotFound);
  filter = SubgraphFilter();
  filter.around = "Lazada";
  filter.hops = 11;
  EXPECT_EQ(Select(filter).status().code(), storage::StatusCode::kInvalidArgument);
  filter = SubgraphFilter();
  filter.rel_types = {"HEADQUARTERED_IN"};
  EXPECT_EQ(Select(filter).status().code(), storage::StatusCode::kInvalidArgument);
  filter = SubgraphFilter();
  filter.year_from = 2020;
  filter.year_to = 2010;
  EXPECT_EQ(Select(filter).status().code(), storage::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ecograph::graph
