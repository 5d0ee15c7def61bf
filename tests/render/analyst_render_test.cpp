// Diagrams for analysts: focus, pruning cap, titles from content, the
// legend strip, rounds and mirrors, countries in labels, the investor role,
// and names resolved by partial match in selections.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "fixtures.h"
#include "graph/render/diagram.h"
#include "graph/render/style.h"
#include "graph/subgraph_prune.h"
#include "graph/subgraph_select.h"

namespace ecograph::graph {
namespace {

using render_internal::ClassifyNode;
using render_internal::NodeKind;
using testing::MakeNode;
using testing::MakeRel;
using testing::MemoryTransaction;

using testing::Count;

RenderOptions Dot() {
  RenderOptions options;
  options.format = DiagramFormat::kDot;
  return options;
}

std::set<std::string> Names(const Subgraph& subgraph) {
  std::set<std::string> names;
  for (const auto& node : subgraph.nodes) names.insert(render_internal::DisplayName(node));
  return names;
}

class AnalystRenderTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::BuildEcosystem(txn_); }
  MemoryTransaction txn_;
};

TEST(InvestorRole, HasItsOwnStyle) {
  const auto investor = MakeNode(1, "Company", {{"name", "Yahoo"}, {"role", "investor"}});
  EXPECT_EQ(ClassifyNode(investor), NodeKind::kInvestor);
  const auto& style = render_internal::StyleOf(NodeKind::kInvestor);
  const auto& partner = render_internal::StyleOf(NodeKind::kPartner);
  EXPECT_STREQ(style.legend, "investor in the group");
  EXPECT_STRNE(style.fill, partner.fill);
  EXPECT_STRNE(style.border, partner.border);
  Subgraph subgraph;
  subgraph.AddNode(investor);
  auto dot = RenderDiagram(subgraph, Dot());
  ASSERT_TRUE(dot.ok());
  EXPECT_NE(dot.value().find(style.fill), std::string::npos);
  EXPECT_NE(dot.value().find("investor in the group"), std::string::npos);
}

TEST_F(AnalystRenderTest, AroundPartialNameFocusesAndCentres) {
  SubgraphFilter filter;
  filter.around = "lazada";  // by word, case-insensitive
  filter.hops = 2;
  auto selected = SelectSubgraph(txn_, filter);
  ASSERT_TRUE(selected.ok()) << selected.status().ToString();
  const Subgraph& subgraph = selected.value();
  ASSERT_TRUE(subgraph.focus.has_value());
  const auto lazada = std::find_if(subgraph.nodes.begin(), subgraph.nodes.end(), [](const auto& n) {
    return render_internal::DisplayName(n) == "Lazada";
  });
  ASSERT_NE(lazada, subgraph.nodes.end());
  EXPECT_EQ(*subgraph.focus, lazada->id);
  ASSERT_GT(subgraph.nodes.size(), kAutoFocusRadialMinNodes);
  auto dot = RenderDiagram(subgraph, Dot());
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  const std::string node = "n" + std::to_string(lazada->id);
  // twopi rooted at the focus; the focus drawn with a thick red ring.
  EXPECT_NE(dot.value().find("root=" + node), std::string::npos) << dot.value();
  const size_t at = dot.value().find("\t" + node + "\t[");
  ASSERT_NE(at, std::string::npos);
  const std::string attrs = dot.value().substr(at, dot.value().find("];", at) - at);
  EXPECT_NE(attrs.find("color=\"#C92A2A\""), std::string::npos) << attrs;
  EXPECT_NE(attrs.find("penwidth=4"), std::string::npos) << attrs;
  EXPECT_NE(attrs.find("<B>Lazada</B>"), std::string::npos) << attrs;
  // Without a focus, the same nodes get no root.
  Subgraph unfocused = subgraph;
  unfocused.focus.reset();
  auto plain = RenderDiagram(unfocused, Dot());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain.value().find("root="), std::string::npos);
  EXPECT_EQ(plain.value().find("#C92A2A"), std::string::npos);
}

TEST_F(AnalystRenderTest, PruneWithFocusKeepsNearestAndSameRegion) {
  SubgraphFilter filter;
  filter.around = "Lazada";
  filter.hops = 2;
  auto selected = SelectSubgraph(txn_, filter);
  ASSERT_TRUE(selected.ok());
  Subgraph subgraph = selected.value();
  const size_t before = subgraph.nodes.size();
  EXPECT_EQ(PruneByRelevance(subgraph, 0, &txn_), 0u);  // 0 = no cap
  EXPECT_EQ(PruneByRelevance(subgraph, before, &txn_), 0u);
  EXPECT_TRUE(subgraph.notes.empty());
  EXPECT_EQ(PruneByRelevance(subgraph, 5, &txn_), before - 5);
  // The focus, its three neighbours, and the only distance-2 company in its
  // region (Tokopedia, Indonesia; Lazada is in Singapore, both Southeast
  // Asia), ahead of bigger deals farther away (Ele.me, $9.5B).
  EXPECT_EQ(Names(subgraph),
            (std::set<std::string>{"Lazada", "Alibaba Group", "Cainiao Smart Logistics Network",
                                   "Daraz", "Tokopedia"}));
  for (const auto& rel : subgraph.rels) {
    EXPECT_TRUE(subgraph.HasNode(rel.src) && subgraph.HasNode(rel.dst));
  }
  ASSERT_EQ(subgraph.notes.size(), 1u);
  EXPECT_EQ(subgraph.notes[0], "Showing 5 of " + std::to_string(before) + " nodes (cap 5): left out " +
                                   std::to_string(before - 5) +
                                   ", the farthest from the focus, outside its region and least "
                                   "connected. --cap 0 draws all.");
  // The note is printed under the title.
  auto dot = RenderDiagram(subgraph, Dot());
  ASSERT_TRUE(dot.ok());
  EXPECT_NE(dot.value().find("<I>Showing 5 of"), std::string::npos);
}

TEST_F(AnalystRenderTest, PruneWithoutFocusKeepsHubsAndBigDeals) {
  auto selected = SelectSubgraph(txn_, SubgraphFilter());
  ASSERT_TRUE(selected.ok());
  Subgraph subgraph = selected.value();
  subgraph.focus.reset();
  PruneByRelevance(subgraph, 4, nullptr);
  // Most relationships first: Alibaba Group, Ant Group, Lazada (3); then
  // among the companies with two, the larger amount: Paytm ($575M) before
  // Daraz (none).
  EXPECT_EQ(Names(subgraph),
            (std::set<std::string>{"Alibaba Group", "Ant Group", "Lazada", "Paytm"}));
  ASSERT_EQ(subgraph.notes.size(), 1u);
  EXPECT_NE(subgraph.notes[0].find("the least connected, with the smallest deals"),
            std::string::npos);
}

TEST(DescribeSubgraph, TitleFromContentNeverQuery) {
  EXPECT_EQ(DescribeSubgraph(testing::TinySubgraph()),
            "Alibaba Group ecosystem \xE2\x80\x94 acquisitions, investments, partnerships and "
            "affiliates, 2015\xE2\x80\x93"
            "2018");
  Subgraph bare;
  bare.AddNode(MakeNode(1, "Company", {{"name", "X"}}));
  EXPECT_EQ(DescribeSubgraph(bare), "Graph");
}

TEST(RenderRounds, RoundsOfOneDealAreOneEdgeAndMirrorsGoWhenDense) {
  Subgraph subgraph;
  subgraph.AddNode(MakeNode(1, "Company", {{"name", "Alibaba Group"}, {"role", "group"}}));
  subgraph.AddNode(MakeNode(2, "Company", {{"name", "Tokopedia"}, {"role", "investee"}}));
  subgraph.AddRel(MakeRel(10, 1, 2, "INVESTED_IN", {{"year", 2018}, {"amount_usd", 1.1e9}}));
  subgraph.AddRel(MakeRel(11, 1, 2, "INVESTED_IN", {{"year", 2017}, {"amount_usd", 1.1e9}}));
  auto dot = RenderDiagram(subgraph, Dot());
  ASSERT_TRUE(dot.ok());
  EXPECT_EQ(Count(dot.value(), "n1 -> n2"), 1u);
  EXPECT_NE(dot.value().find("label=\"2017, 2018 \xC2\xB7 $2.2B\""), std::string::npos)
      << dot.value();

  // A hub with 30 acquisitions, each mirrored by SUBSIDIARY_OF: 60 edges,
  // more than kMirrorFreeMinEdges, so the mirrors are left out.
  Subgraph star;
  star.AddNode(MakeNode(1, "Company", {{"name", "Hub"}, {"role", "group"}}));
  for (storage::NodeId id = 2; id < 32; ++id) {
    star.AddNode(MakeNode(id, "Company", {{"name", "T" + std::to_string(id)}}));
    star.AddRel(MakeRel(100 + id, 1, id, "ACQUIRED", {{"year", 2015}}));
    star.AddRel(MakeRel(200 + id, id, 1, "SUBSIDIARY_OF", {{"year", 2015}}));
  }
  auto dense = RenderDiagram(star, Dot());
  ASSERT_TRUE(dense.ok());
  EXPECT_EQ(Count(dense.value(), " -> n1\t"), 0u);
  EXPECT_EQ(Count(dense.value(), "n1 -> "), 30u);
}

TEST(RenderRounds, RoundsLabel) {
  const auto a = MakeRel(1, 1, 2, "INVESTED_IN", {{"year", 2017}, {"amount_usd", 1e9}});
  const auto b = MakeRel(2, 1, 2, "INVESTED_IN", {{"year", 2017}, {"amount_usd", 5e8}});
  const auto c = MakeRel(3, 1, 2, "INVESTED_IN", {{"year", 2019}});
  EXPECT_EQ(render_internal::RoundsLabel({&a}), "2017 \xC2\xB7 $1.0B");
  EXPECT_EQ(render_internal::RoundsLabel({&c, &a, &b}), "2017, 2019 \xC2\xB7 $1.5B");
  EXPECT_EQ(render_internal::RoundsLabel({&c, &a, &b}, false), "$1.5B");
}

// Round-only deals (round_usd, no amount_usd: Tokopedia, Magic Leap) show
// the round's size, marked as such, and never count towards an amount.
TEST(RenderRounds, RoundOnlyDealsShowTheRoundNotAnAmount) {
  const auto one = MakeRel(1, 1, 2, "INVESTED_IN", {{"year", 2017}, {"round_usd", 1.1e9}});
  const auto two = MakeRel(2, 1, 2, "INVESTED_IN", {{"year", 2018}, {"round_usd", 1.1e9}});
  const auto own = MakeRel(3, 1, 2, "INVESTED_IN",
                           {{"year", 2016}, {"amount_usd", 5e8}, {"round_usd", 7.9e8}});
  EXPECT_EQ(render_internal::DealLabel(one), "2017 \xC2\xB7 round $1.1B");
  EXPECT_EQ(render_internal::DealLabel(own), "2016 \xC2\xB7 $500M");
  EXPECT_EQ(render_internal::RoundsLabel({&one, &two}),
            "2017, 2018 \xC2\xB7 rounds $1.1B, $1.1B");
  EXPECT_EQ(render_internal::RoundsLabel({&one, &two}, false), "rounds $1.1B, $1.1B");
  // Any own amount wins: the total is the own amounts only.
  EXPECT_EQ(render_internal::RoundsLabel({&one, &own}), "2016, 2017 \xC2\xB7 $500M");
}

TEST(RenderLabels, CountryUnderCompanyNamesAndLegendStrip) {
  RenderOptions options = Dot();
  options.country_in_labels = true;
  auto dot = RenderDiagram(testing::TinySubgraph(), options);
  ASSERT_TRUE(dot.ok());
  // Lazada HEADQUARTERED_IN Singapore (in the subgraph).
  EXPECT_NE(dot.value().find("Lazada</FONT><BR/><FONT POINT-SIZE=\"8\" COLOR=\"#495057\">"
                             "Singapore</FONT>"),
            std::string::npos)
      << dot.value();
  // The legend: a strip in the title, three entries a row for six nodes.
  EXPECT_EQ(dot.value().find("cluster_legend"), std::string::npos);
  EXPECT_EQ(Count(dot.value(), "<TD></TD><TD></TD>"), 1u);  // 11 entries: 4 rows of 3
  options.legend = false;
  auto without = RenderDiagram(testing::TinySubgraph(), options);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(without.value().find("partnered with"), std::string::npos);
}

TEST_F(AnalystRenderTest, FiltersResolvePartialNames) {
  SubgraphFilter filter;
  filter.industries = {"logist"};  // prefix
  auto logistics = SelectSubgraph(txn_, filter);
  ASSERT_TRUE(logistics.ok()) << logistics.status().ToString();
  EXPECT_NE(logistics.value().title.find("Logistics"), std::string::npos);
  EXPECT_EQ(Names(logistics.value()).count("Cainiao Smart Logistics Network"), 1u);

  filter = SubgraphFilter();
  filter.countries = {"asia"};  // a word of three regions: all of them
  auto asia = SelectSubgraph(txn_, filter);
  ASSERT_TRUE(asia.ok()) << asia.status().ToString();
  EXPECT_NE(asia.value().title.find("East Asia, Southeast Asia, South Asia"), std::string::npos)
      << asia.value().title;
  EXPECT_EQ(Names(asia.value()).count("Kakao Pay"), 1u);  // South Korea, East Asia
  EXPECT_EQ(Names(asia.value()).count("bKash"), 1u);      // Bangladesh, South Asia

  filter = SubgraphFilter();
  filter.around = "Ali";  // prefix of two companies
  auto ambiguous = SelectSubgraph(txn_, filter);
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.status().code(), storage::StatusCode::kNotFound);
  EXPECT_EQ(ambiguous.status().message(),
            "company 'Ali' is ambiguous: it matches 'Alibaba Cloud' or 'Alibaba Group' (give more "
            "of the name)");
  filter.around = "Lazda";
  auto typo = SelectSubgraph(txn_, filter);
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().message(), "unknown company 'Lazda' (did you mean 'Lazada'?)");
}

// A hub one step from the focus brings at most 12 of its own neighbours, so a
// subsidiary's diagram is not filled with its group's unrelated deals.
TEST(PruneAroundFocus, AHubNextToTheFocusBringsAtMostTwelve) {
  Subgraph subgraph;
  subgraph.AddNode(MakeNode(1, "Company", {{"name", "Focus"}}));
  subgraph.AddNode(MakeNode(2, "Company", {{"name", "Hub"}}));
  subgraph.AddNode(MakeNode(3, "Company", {{"name", "Near"}}));
  storage::RelId rel = 1;
  subgraph.AddRel(MakeRel(rel++, 2, 1, "ACQUIRED", {}));
  subgraph.AddRel(MakeRel(rel++, 1, 3, "ACQUIRED", {}));
  for (storage::NodeId leaf = 10; leaf < 30; ++leaf) {  // 20 through the hub
    subgraph.AddNode(MakeNode(leaf, "Company", {{"name", "Hub leaf " + std::to_string(leaf)}}));
    subgraph.AddRel(MakeRel(rel++, 2, leaf, "INVESTED_IN", {}));
  }
  for (storage::NodeId leaf = 40; leaf < 42; ++leaf) {  // 2 through the other neighbour
    subgraph.AddNode(MakeNode(leaf, "Company", {{"name", "Near leaf " + std::to_string(leaf)}}));
    subgraph.AddRel(MakeRel(rel++, 3, leaf, "INVESTED_IN", {}));
  }
  subgraph.focus = 1;
  EXPECT_EQ(PruneByRelevance(subgraph, 20, nullptr), 25u - 17u);
  const auto names = Names(subgraph);
  EXPECT_TRUE(names.count("Focus") && names.count("Hub") && names.count("Near"));
  EXPECT_TRUE(names.count("Near leaf 40") && names.count("Near leaf 41"));
  size_t hub_leaves = 0;
  for (const auto& name : names) hub_leaves += name.rfind("Hub leaf", 0) == 0;
  EXPECT_EQ(hub_leaves, 12u);
  ASSERT_EQ(subgraph.notes.size(), 1u);
  EXPECT_NE(subgraph.notes[0].find("Showing 17 of 25 nodes (cap 20)"), std::string::npos);
  EXPECT_NE(subgraph.notes[0].find("at most 12 through any one nearer node"), std::string::npos);
}

}  // namespace
}  // namespace ecograph::graph
