#include "graph/market_paths.h"

#include <gtest/gtest.h>

#include "memory_transaction.h"

namespace ecograph::graph {
namespace {

using testing::MemoryTransaction;

// Alibaba (China) acquired Trendyol (Turkey) in 2018; Tencent (China)
// invested in Sea (Singapore) in 2010, and Sea partnered with Trendyol in
// 2009 (before: not in time order); Trendyol owns a subsidiary Dolap
// (Turkey); Getir operates in Turkey.
class MarketPathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    asia_ = txn_.Node({"Region"}, {{"name", "East Asia"}});
    china_ = txn_.Node({"Country"}, {{"name", "China"}, {"iso", "CN"}});
    turkey_ = txn_.Node({"Country"}, {{"name", "Turkey"}, {"iso", "TR"}});
    singapore_ = txn_.Node({"Country"}, {{"name", "Singapore"}, {"region", "Southeast Asia"}});
    txn_.Rel(china_, asia_, "IN_REGION");
    alibaba_ = Company("Alibaba Group", china_);
    trendyol_ = Company("Trendyol", turkey_);
    tencent_ = Company("Tencent", china_);
    sea_ = Company("Sea", singapore_);
    dolap_ = Company("Dolap", turkey_);
    getir_ = Company("Getir", singapore_);
    txn_.Rel(getir_, turkey_, "OPERATES_IN", {{"year", 2019}});
    acquired_ = txn_.Rel(alibaba_, trendyol_, "ACQUIRED",
                         {{"year", 2018}, {"amount_usd", 728000000.0}, {"stake", 0.75}});
    txn_.Rel(tencent_, sea_, "INVESTED_IN", {{"year", 2010}, {"amount_usd", 1.5e9}});
    txn_.Rel(sea_, trendyol_, "PARTNERED_WITH", {{"year", 2009}});
    txn_.Rel(dolap_, trendyol_, "SUBSIDIARY_OF", {{"year", 2019}, {"stake", 1.0}});
    txn_.Rel(alibaba_, getir_, "INVESTED_IN", {{"year", 2021}});
    auto built = Topology::Build(txn_);
    ASSERT_TRUE(built.ok());
    topology_ = built.value();
  }

  storage::NodeId Company(const std::string& name, storage::NodeId country) {
    auto id = txn_.Node({"Company"}, {{"name", name}});
    txn_.Rel(id, country, "HEADQUARTERED_IN");
    return id;
  }

  storage::Result<MarketPathResult> Trace(std::string_view from, std::string_view to,
                                          const MarketPathOptions& options = {}) {
    return TraceMarketPaths(txn_, *topology_, from, to, options);
  }

  MemoryTransaction txn_;
  std::shared_ptr<const Topology> topology_;
  storage::NodeId asia_, china_, turkey_, singapore_;
  storage::NodeId alibaba_, trendyol_, tencent_, sea_, dolap_, getir_;
  storage::RelId acquired_;
};

TEST_F(MarketPathsTest, CompanyToCompanyFormatsChain) {
  auto result = Trace("Alibaba Group", "Trendyol");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result.value().paths.size(), 1u);
  EXPECT_EQ(FormatMarketPath(result.value().paths[0]),
            "Alibaba Group (China) -[ACQUIRED 2018, $728M, 75%]-> Trendyol (Turkey)");
  EXPECT_EQ(result.value().from.kind, EndpointKind::kCompany);
  const Subgraph& sub = result.value().subgraph;
  ASSERT_EQ(sub.nodes.size(), 2u);
  ASSERT_EQ(sub.rels.size(), 1u);
  EXPECT_EQ(sub.rels[0].id, acquired_);
}

TEST_F(MarketPathsTest, CountryToCountryAllShortest) {
  MarketPathOptions options;
  options.mode = MarketPathMode::kAllShortest;
  auto result = Trace("CN", "turkey", options);  // ISO code; case-insensitive name
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result.value().from.name, "China");
  EXPECT_EQ(result.value().to.name, "Turkey");
  std::vector<std::string> chains;
  for (const auto& p : result.value().paths) chains.push_back(FormatMarketPath(p));
  // Getir operates in Turkey: a one-deal path too.
  EXPECT_EQ(chains, (std::vector<std::string>{
                        "Alibaba Group (China) -[ACQUIRED 2018, $728M, 75%]-> Trendyol (Turkey)",
                        "Alibaba Group (China) -[INVESTED_IN 2021]-> Getir (Singapore)"}));
}

TEST_F(MarketPathsTest, RegionsAndTimeOrder) {
  MarketPathOptions options;
  options.mode = MarketPathMode::kTopK;
  options.k = 10;
  options.via = {"INVESTED_IN", "PARTNERED_WITH", "SUBSIDIARY_OF"};
  auto result = Trace("East Asia", "Dolap", options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::vector<std::string> chains;
  for (const auto& p : result.value().paths) chains.push_back(FormatMarketPath(p));
  EXPECT_EQ(chains, (std::vector<std::string>{
                        "Tencent (China) -[INVESTED_IN 2010, $1.5B]-> Sea (Singapore) "
                        "-[PARTNERED_WITH 2009]-> Trendyol (Turkey) <-[SUBSIDIARY_OF 2019, 100%]- "
                        "Dolap (Turkey)"}));
  options.in_time_order = true;
  result = Trace("East Asia", "Dolap", options);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value().paths.empty());

  // Region given by the Country.region property; year window.
  options = {};
  options.year_from = 2009;
  options.year_to = 2009;
  result = Trace("southeast asia", "Trendyol", options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result.value().paths.size(), 1u);
  EXPECT_EQ(FormatMarketPath(result.value().paths[0]),
            "Sea (Singapore) -[PARTNERED_WITH 2009]-> Trendyol (Turkey)");
}

TEST_F(MarketPathsTest, UnknownNameSuggestsCloseMatches) {
  auto result = Trace("Chna", "Turkey");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), storage::StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(),
            "unknown company, country or region 'Chna' (did you mean 'China'?)");
  auto bad_via = [&] {
    MarketPathOptions options;
    options.via = {"BOUGHT"};
    return Trace("China", "Turkey", options);
  }();
  ASSERT_FALSE(bad_via.ok());
  EXPECT_NE(bad_via.status().message().find("unknown relationship type 'BOUGHT'"),
            std::string::npos);
}

TEST(FormatUsdTest, Units) {
  EXPECT_EQ(FormatUsd(728e6), "$728M");
  EXPECT_EQ(FormatUsd(1.5e9), "$1.5B");
  EXPECT_EQ(FormatUsd(2e9), "$2B");
  EXPECT_EQ(FormatUsd(900e3), "$900K");
  EXPECT_EQ(FormatUsd(12), "$12");
}

}  // namespace
}  // namespace ecograph::graph
