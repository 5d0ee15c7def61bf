#include "graph/market_paths.h"

#include <gtest/gtest.h>

#include <set>

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

// Round-only deals (round_usd, no amount_usd) show "round $X", marked as the
// round's size; an own amount wins over the round.
TEST_F(MarketPathsTest, RoundOnlyDealsShowTheRoundSize) {
  auto toko = Company("Tokopedia", singapore_);
  txn_.Rel(alibaba_, toko, "INVESTED_IN", {{"year", 2017}, {"round_usd", 1.1e9}});
  txn_.Rel(alibaba_, toko, "INVESTED_IN", {{"year", 2018}, {"round_usd", 1.1e9}});
  auto leap = Company("Magic Leap", turkey_);
  txn_.Rel(tencent_, leap, "INVESTED_IN", {{"year", 2016}, {"round_usd", 7.935e8}});
  auto own = Company("Own Amount", turkey_);
  txn_.Rel(tencent_, own, "INVESTED_IN",
           {{"year", 2016}, {"amount_usd", 2e8}, {"round_usd", 7.935e8}});
  auto built = Topology::Build(txn_);
  ASSERT_TRUE(built.ok());
  topology_ = built.value();

  auto result = Trace("Alibaba Group", "Tokopedia");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result.value().paths.size(), 1u);
  EXPECT_EQ(FormatMarketPath(result.value().paths[0]),
            "Alibaba Group (China) -[INVESTED_IN 2017 (round $1.1B), 2018 (round $1.1B)]-> "
            "Tokopedia (Singapore)");
  const MarketDeal& deal = result.value().paths[0].hops[0].deals[0];
  EXPECT_FALSE(deal.amount_usd.has_value());
  EXPECT_EQ(deal.round_usd, 1.1e9);

  result = Trace("Tencent", "Magic Leap");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result.value().paths.size(), 1u);
  EXPECT_EQ(FormatMarketPath(result.value().paths[0]),
            "Tencent (China) -[INVESTED_IN 2016, round $794M]-> Magic Leap (Turkey)");
  result = Trace("Tencent", "Own Amount");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result.value().paths.size(), 1u);
  EXPECT_EQ(FormatMarketPath(result.value().paths[0]),
            "Tencent (China) -[INVESTED_IN 2016, $200M]-> Own Amount (Turkey)");
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

// Capital into and out of China: US investors in Alibaba (one undated, one
// after Alibaba's Lazada deal), an Alibaba partnership with a US retailer
// (stored China -> US), Lazada (Singapore, operating in Indonesia) with its
// SUBSIDIARY_OF mirror, and two rounds into Tokopedia.
class MarketRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto aliases = [](std::vector<std::string> names) {
      storage::PropertyList list(names.begin(), names.end());
      return storage::PropertyValue(std::move(list));
    };
    us_ = txn_.Node({"Country"}, {{"name", "United States"}, {"iso2", "US"},
                                  {"aliases", aliases({"USA"})}});
    china_ = txn_.Node({"Country"}, {{"name", "China"}, {"iso2", "CN"}});
    indonesia_ = txn_.Node({"Country"}, {{"name", "Indonesia"}, {"iso2", "ID"}});
    singapore_ = txn_.Node({"Country"}, {{"name", "Singapore"}, {"iso2", "SG"}});
    alibaba_ = Company("Alibaba Group", china_, {"Alibaba"});
    yahoo_ = Company("Yahoo", us_);
    silver_lake_ = Company("Silver Lake", us_);
    big_fund_ = Company("Big Fund", us_);
    early_fund_ = Company("Early Fund", us_);
    late_fund_ = Company("Late Fund", us_);
    macys_ = Company("Macy's", us_);
    lazada_ = Company("Lazada Group", singapore_);
    tokopedia_ = Company("Tokopedia", indonesia_);
    txn_.Rel(lazada_, indonesia_, "OPERATES_IN");
    txn_.Rel(yahoo_, alibaba_, "INVESTED_IN", {{"year", 2005}, {"amount_usd", 1e9}});
    txn_.Rel(silver_lake_, alibaba_, "INVESTED_IN", {{"year", 2011}});
    txn_.Rel(big_fund_, alibaba_, "INVESTED_IN", {{"year", 2011}, {"amount_usd", 2e9}});
    txn_.Rel(early_fund_, alibaba_, "INVESTED_IN", {{"amount_usd", 5e9}});
    txn_.Rel(late_fund_, alibaba_, "INVESTED_IN", {{"year", 2020}});
    txn_.Rel(alibaba_, macys_, "PARTNERED_WITH", {{"year", 2015}});
    txn_.Rel(alibaba_, lazada_, "ACQUIRED", {{"year", 2016}, {"amount_usd", 1e9}});
    txn_.Rel(lazada_, alibaba_, "SUBSIDIARY_OF", {{"year", 2016}});
    txn_.Rel(alibaba_, tokopedia_, "INVESTED_IN", {{"year", 2018}, {"amount_usd", 1.1e9}});
    txn_.Rel(alibaba_, tokopedia_, "INVESTED_IN", {{"year", 2017}, {"amount_usd", 1.1e9}});
    auto built = Topology::Build(txn_);
    ASSERT_TRUE(built.ok());
    topology_ = built.value();
  }

  storage::NodeId Company(const std::string& name, storage::NodeId country,
                          std::vector<std::string> aliases = {}) {
    storage::PropertyMap props = {{"name", name}};
    if (!aliases.empty()) {
      props["aliases"] = storage::PropertyList(aliases.begin(), aliases.end());
    }
    auto id = txn_.Node({"Company"}, props);
    txn_.Rel(id, country, "HEADQUARTERED_IN");
    return id;
  }

  std::vector<std::string> Chains(std::string_view from, std::string_view to,
                                  MarketPathOptions options = {}) {
    auto result = TraceMarketPaths(txn_, *topology_, from, to, options);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    std::vector<std::string> chains;
    if (!result.ok()) return chains;
    for (const auto& path : result.value().paths) chains.push_back(FormatMarketPath(path));
    return chains;
  }

  static MarketPathOptions Top(size_t k) {
    MarketPathOptions options;
    options.mode = MarketPathMode::kTopK;
    options.k = k;
    return options;
  }

  MemoryTransaction txn_;
  std::shared_ptr<const Topology> topology_;
  storage::NodeId us_, china_, indonesia_, singapore_;
  storage::NodeId alibaba_, yahoo_, silver_lake_, big_fund_, early_fund_, late_fund_, macys_,
      lazada_, tokopedia_;
};

TEST_F(MarketRoutesTest, DealsFollowTheirDirectionAndRankByTimeThenAmount) {
  // The partnership is stored China -> US: it is not capital entering China.
  EXPECT_EQ(Chains("United States", "China", Top(10)),
            (std::vector<std::string>{
                "Yahoo (United States) -[INVESTED_IN 2005, $1B]-> Alibaba Group (China)",
                "Big Fund (United States) -[INVESTED_IN 2011, $2B]-> Alibaba Group (China)",
                "Silver Lake (United States) -[INVESTED_IN 2011]-> Alibaba Group (China)",
                "Late Fund (United States) -[INVESTED_IN 2020]-> Alibaba Group (China)",
                "Early Fund (United States) -[INVESTED_IN $5B]-> Alibaba Group (China)"}));
  // Only with any_direction does the reverse partnership count.
  MarketPathOptions any = Top(10);
  any.any_direction = true;
  const auto chains = Chains("USA", "China", any);  // country alias
  ASSERT_EQ(chains.size(), 6u);
  EXPECT_EQ(chains[3],
            "Macy's (United States) <-[PARTNERED_WITH 2015]- Alibaba Group (China)");
  // Default (shortest) mode: the best route only.
  EXPECT_EQ(Chains("United States", "China").size(), 1u);
}

TEST_F(MarketRoutesTest, RoundsFoldIntoOneHopAndMirrorsAreNotRoutes) {
  auto result = TraceMarketPaths(txn_, *topology_, "China", "Indonesia", Top(10));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const auto& paths = result.value().paths;
  ASSERT_EQ(paths.size(), 2u);  // no SUBSIDIARY_OF mirror of the Lazada acquisition
  EXPECT_EQ(FormatMarketPath(paths[0]),
            "Alibaba Group (China) -[ACQUIRED 2016, $1B]-> Lazada Group (Singapore)");
  EXPECT_EQ(paths[0].hops.size(), 1u);
  EXPECT_EQ(paths[0].hops[0].deals.size(), 1u);
  EXPECT_EQ(paths[0].to_reason, MarketReason::kOperatesIn);
  EXPECT_EQ(paths[0].to_place, "Indonesia");
  EXPECT_EQ(FormatMarketReasons(paths[0]),
            "Alibaba Group is headquartered in China; Lazada Group operates in Indonesia "
            "(headquartered in Singapore)");
  EXPECT_EQ(FormatMarketPath(paths[1]),
            "Alibaba Group (China) -[INVESTED_IN 2017 ($1.1B), 2018 ($1.1B)]-> Tokopedia "
            "(Indonesia)");
  EXPECT_EQ(paths[1].to_reason, MarketReason::kHeadquartered);
  EXPECT_EQ(paths[1].from_reason, MarketReason::kHeadquartered);
  ASSERT_EQ(paths[1].deals.size(), 1u);  // one deal per hop for path values
  EXPECT_EQ(paths[1].deals[0].year, 2017);
  // The subgraph holds every deal of the routes (both rounds).
  EXPECT_EQ(result.value().subgraph.rels.size(), 3u);
}

TEST_F(MarketRoutesTest, TopKGivesDistinctRoutesInTimeOrderFirst) {
  const auto chains = Chains("United States", "Indonesia", Top(20));
  // 5 investors x 2 targets, every route distinct.
  ASSERT_EQ(chains.size(), 10u);
  std::set<std::string> distinct(chains.begin(), chains.end());
  EXPECT_EQ(distinct.size(), chains.size());
  EXPECT_EQ(chains[0],
            "Yahoo (United States) -[INVESTED_IN 2005, $1B]-> Alibaba Group (China) "
            "-[ACQUIRED 2016, $1B]-> Lazada Group (Singapore)");
  // Late Fund (2020) then Lazada (2016) / Tokopedia (2017, 2018) runs
  // backwards: those two routes come last.
  EXPECT_EQ(chains[8].rfind("Late Fund", 0), 0u) << chains[8];
  EXPECT_EQ(chains[9].rfind("Late Fund", 0), 0u) << chains[9];
  MarketPathOptions ordered = Top(20);
  ordered.in_time_order = true;
  EXPECT_EQ(Chains("United States", "Indonesia", ordered).size(), 8u);
}

TEST_F(MarketRoutesTest, EndpointsByAliasAndPartialName) {
  auto result = TraceMarketPaths(txn_, *topology_, "alibaba", "tokopedia", {});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result.value().from.name, "Alibaba Group");
  EXPECT_EQ(result.value().from.kind, EndpointKind::kCompany);
  EXPECT_EQ(FormatMarketReasons(result.value().paths.at(0)), "");
  result = TraceMarketPaths(txn_, *topology_, "Lazada", "indonesia", {});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result.value().from.name, "Lazada Group");
  // Ambiguous: several companies end in "Fund".
  result = TraceMarketPaths(txn_, *topology_, "fund", "China", {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), storage::StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(),
            "company, country or region 'fund' is ambiguous: it matches 'Big Fund', 'Early "
            "Fund' or 'Late Fund' (give more of the name)");
  // Via types are case-insensitive.
  MarketPathOptions via;
  via.via = {"acquired"};
  EXPECT_EQ(Chains("China", "Indonesia", via).size(), 1u);
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
