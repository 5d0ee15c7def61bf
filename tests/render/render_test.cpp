// Diagram rendering: golden DOT, SVG structure, binary headers, escaping,
// node cap, stability, engines, clusters and timeline.
#include <graphviz/cgraph.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "fixtures.h"
#include "graph/render/diagram.h"
#include "graph/render/escape.h"
#include "graph/render/style.h"
#include "graph/subgraph_select.h"

namespace ecograph::graph {
namespace {

using storage::Status;
using testing::MakeNode;
using testing::MakeRel;
using testing::MemoryTransaction;
using testing::TinySubgraph;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

using testing::Count;

std::filesystem::path TempPath(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("ecograph_render_" + std::to_string(::getpid()) + "_" + name);
}

bool HavePython() { return std::system("python3 -c 'import xml.dom.minidom' 2>/dev/null") == 0; }

// Parses `svg` with Python's minidom and writes one line per <text> element
// (its text) and one "ATTR name" line per distinct attribute name. Returns
// false if the SVG is not well-formed XML.
bool InspectSvg(const std::string& svg, std::string* report) {
  const auto svg_path = TempPath("inspect.svg");
  const auto out_path = TempPath("inspect.txt");
  WriteFile(svg_path, svg);
  const std::string script =
      "import sys, xml.dom.minidom as m\n"
      "d = m.parse(sys.argv[1])\n"
      "out = open(sys.argv[2], 'w', encoding='utf-8')\n"
      "names = set()\n"
      "def walk(e):\n"
      "    if e.nodeType == e.ELEMENT_NODE:\n"
      "        names.add('ELEM ' + e.tagName)\n"
      "        for k in e.attributes.keys(): names.add('ATTR ' + k)\n"
      "        if e.tagName == 'text':\n"
      "            out.write('TEXT ' + ''.join(c.data for c in e.childNodes if c.nodeType == "
      "c.TEXT_NODE) + '\\n')\n"
      "    for c in e.childNodes: walk(c)\n"
      "walk(d.documentElement)\n"
      "for n in sorted(names): out.write(n + '\\n')\n";
  const auto script_path = TempPath("inspect.py");
  WriteFile(script_path, script);
  const std::string command = "python3 '" + script_path.string() + "' '" + svg_path.string() +
                              "' '" + out_path.string() + "'";
  const bool ok = std::system(command.c_str()) == 0;
  *report = ReadFile(out_path);
  std::filesystem::remove(svg_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(script_path);
  return ok;
}

Subgraph EcosystemSubgraph(bool with_countries) {
  MemoryTransaction txn;
  testing::BuildEcosystem(txn);
  SubgraphFilter filter;
  filter.with_countries = with_countries;
  auto subgraph = SelectSubgraph(txn, filter);
  EXPECT_TRUE(subgraph.ok()) << subgraph.status().ToString();
  return subgraph.value();
}

RenderOptions Options(DiagramFormat format, LayoutEngine engine = LayoutEngine::kAuto) {
  RenderOptions options;
  options.format = format;
  options.engine = engine;
  return options;
}

TEST(RenderDiagram, GoldenDot) {
  auto dot = RenderDiagram(TinySubgraph(), Options(DiagramFormat::kDot));
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  const std::filesystem::path golden =
      std::filesystem::path(ECOGRAPH_RENDER_GOLDEN_DIR) / "tiny.dot";
  const char* update = std::getenv("ECOGRAPH_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(golden.parent_path());
    WriteFile(golden, dot.value());
  }
  ASSERT_TRUE(std::filesystem::exists(golden))
      << golden << " is missing: run with ECOGRAPH_UPDATE_GOLDEN=1 to create it";
  EXPECT_EQ(dot.value(), ReadFile(golden))
      << "DOT output changed; if intended, rerun with ECOGRAPH_UPDATE_GOLDEN=1";
}

TEST(RenderDiagram, DotCarriesStyleAndLabels) {
  auto dot = RenderDiagram(TinySubgraph(), Options(DiagramFormat::kDot));
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  const std::string& text = dot.value();
  EXPECT_NE(text.find("doubleoctagon"), std::string::npos);
  EXPECT_NE(text.find("#FFA94D"), std::string::npos);  // acquired fill
  EXPECT_NE(text.find("2016 \xC2\xB7 $1.0B \xC2\xB7 51%"), std::string::npos);
  EXPECT_NE(text.find("2015 \xC2\xB7 $575M"), std::string::npos);
  // The legend is a strip in the graph label, not a node of the layout.
  EXPECT_EQ(text.find("cluster_legend"), std::string::npos);
  EXPECT_NE(text.find("invested in</FONT>"), std::string::npos);
  EXPECT_NE(text.find("Tiny ecosystem"), std::string::npos);
  EXPECT_NE(text.find("Singapore (SG)"), std::string::npos);
}

TEST(RenderDiagram, SvgIsXmlWithExpectedCounts) {
  auto svg = RenderDiagram(TinySubgraph(), Options(DiagramFormat::kSvg, LayoutEngine::kDot));
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  // Six nodes (the legend is part of the title); five relationships.
  EXPECT_EQ(Count(svg.value(), "class=\"node\""), 6u);
  EXPECT_EQ(Count(svg.value(), "class=\"edge\""), 5u);
  if (!HavePython()) GTEST_SKIP() << "python3 with xml.dom.minidom not available";
  std::string report;
  EXPECT_TRUE(InspectSvg(svg.value(), &report)) << "SVG is not well-formed XML";
  EXPECT_NE(report.find("TEXT Alibaba Group"), std::string::npos) << report;
}

TEST(RenderDiagram, PngAndPdfHaveHeaders) {
  auto png = RenderDiagram(TinySubgraph(), Options(DiagramFormat::kPng));
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(png.value().substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_GT(png.value().size(), 5000u);
  auto pdf = RenderDiagram(TinySubgraph(), Options(DiagramFormat::kPdf));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf.value().substr(0, 5), "%PDF-");
  EXPECT_GT(pdf.value().size(), 3000u);
  EXPECT_NE(pdf.value().find("%%EOF"), std::string::npos);
}

TEST(RenderDiagram, StableOutput) {
  const Subgraph subgraph = EcosystemSubgraph(true);
  for (DiagramFormat format :
       {DiagramFormat::kDot, DiagramFormat::kSvg, DiagramFormat::kPng, DiagramFormat::kPdf}) {
    RenderOptions options = Options(format);
    options.cluster_by = ClusterBy::kCountry;
    auto first = RenderDiagram(subgraph, options);
    auto second = RenderDiagram(subgraph, options);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_TRUE(first.value() == second.value()) << DiagramFormatName(format);
    if (format == DiagramFormat::kDot && first.value() != second.value()) {
      WriteFile(TempPath("first.dot"), first.value());
      WriteFile(TempPath("second.dot"), second.value());
    }
  }
  // Input order does not matter either.
  Subgraph shuffled;
  shuffled.title = subgraph.title;
  for (auto it = subgraph.nodes.rbegin(); it != subgraph.nodes.rend(); ++it) shuffled.AddNode(*it);
  for (auto it = subgraph.rels.rbegin(); it != subgraph.rels.rend(); ++it) shuffled.AddRel(*it);
  auto a = RenderDiagram(subgraph, Options(DiagramFormat::kSvg));
  auto b = RenderDiagram(shuffled, Options(DiagramFormat::kSvg));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a.value() == b.value());
}

const std::vector<std::string>& EvilNames() {
  static const std::vector<std::string> names = {
      "Evil\" URL=\"javascript:alert(1)",
      "<script>alert(1)</script>",
      "Ends with a backslash\\",
      "Two\\\\ and \\N \\G \\l escapes",
      "Amp & <b>bold</b> 'quote'",
      "]; n9 [label=x] // \" ;",
      "Line\nbreak\ttab",
      "Bad UTF-8 \xC3\x28 \xFF end",
  };
  return names;
}

Subgraph EvilSubgraph() {
  Subgraph subgraph;
  subgraph.title = "Title \" URL=\"javascript:x\" <script>t</script> \\";
  storage::NodeId id = 1;
  for (const std::string& name : EvilNames()) {
    subgraph.AddNode(MakeNode(id, "Company", {{"name", name}, {"role", name}}));
    if (id > 1) subgraph.AddRel(MakeRel(100 + id, 1, id, "ACQUIRED", {{"year", "2016"}}));
    ++id;
  }
  // A country with an evil name, used as a cluster label.
  subgraph.AddNode(MakeNode(50, "Country", {{"name", "<script>c</script>\\"}, {"iso2", "\"X"}}));
  subgraph.AddRel(MakeRel(200, 2, 50, "HEADQUARTERED_IN"));
  return subgraph;
}

std::string DecodeHtml(std::string text) {
  const std::vector<std::pair<std::string, std::string>> entities = {
      {"&lt;", "<"},  {"&gt;", ">"},   {"&quot;", "\""},
      {"&#39;", "'"}, {"&#92;", "\\"}, {"&amp;", "&"}};
  for (const auto& [entity, raw] : entities) {
    for (size_t pos = text.find(entity); pos != std::string::npos;
         pos = text.find(entity, pos + raw.size())) {
      text.replace(pos, entity.size(), raw);
    }
  }
  return text;
}

// Undoes EscStringEscape (doubled backslashes, trailing-backslash guard).
std::string DecodeEscString(const std::string& text) {
  std::string out;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] == '\\' && pos + 1 < text.size() && text[pos + 1] == '\\') ++pos;
    out += text[pos];
  }
  if (out.size() >= 2 && out.back() == ' ' && out[out.size() - 2] == '\\') out.pop_back();
  if (out.size() >= 2 && out[0] == ' ' && out[1] == '<') out.erase(0, 1);
  return out;
}

TEST(RenderDiagram, EscapingSurvivesDotRoundTrip) {
  for (ClusterBy cluster_by : {ClusterBy::kNone, ClusterBy::kCountry}) {
    RenderOptions options = Options(DiagramFormat::kDot);
    options.cluster_by = cluster_by;
    auto dot = RenderDiagram(EvilSubgraph(), options);
    ASSERT_TRUE(dot.ok()) << dot.status().ToString();
    Agraph_t* graph = agmemread(dot.value().c_str());
    ASSERT_NE(graph, nullptr) << dot.value();
    size_t checked = 0;
    for (size_t idx = 0; idx < EvilNames().size(); ++idx) {
      const std::string node_name = "n" + std::to_string(idx + 1);
      Agnode_t* node = agnode(graph, const_cast<char*>(node_name.c_str()), 0);
      ASSERT_NE(node, nullptr) << node_name;
      const std::string expected = render_internal::SanitizeText(EvilNames()[idx]);
      EXPECT_EQ(DecodeEscString(agget(node, const_cast<char*>("tooltip"))), expected);
      // The label holds the wrapped, escaped name inside a FONT element.
      char* label = agget(node, const_cast<char*>("label"));
      ASSERT_TRUE(aghtmlstr(label)) << label;
      std::string text = label;
      const size_t open = text.find('>');
      const size_t close = text.rfind("</FONT>");
      ASSERT_NE(open, std::string::npos);
      ASSERT_NE(close, std::string::npos);
      text = text.substr(open + 1, close - open - 1);
      for (size_t pos = text.find("<BR/>"); pos != std::string::npos; pos = text.find("<BR/>")) {
        text.replace(pos, 5, " ");
      }
      EXPECT_EQ(text.find('<'), std::string::npos) << "markup leaked into label: " << text;
      std::string collapsed;
      for (char c : expected) {
        if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
        collapsed += c;
      }
      while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
      EXPECT_EQ(DecodeHtml(text), collapsed);
      // No attribute other than the ones we set was injected.
      EXPECT_EQ(agget(node, const_cast<char*>("URL")), nullptr);
      ++checked;
    }
    EXPECT_EQ(checked, EvilNames().size());
    EXPECT_EQ(agnode(graph, const_cast<char*>("n9"), 0), nullptr);
    agclose(graph);
  }
}

TEST(RenderDiagram, EscapingInSvg) {
  for (ClusterBy cluster_by : {ClusterBy::kNone, ClusterBy::kCountry}) {
    RenderOptions options = Options(DiagramFormat::kSvg, LayoutEngine::kDot);
    options.cluster_by = cluster_by;
    auto svg = RenderDiagram(EvilSubgraph(), options);
    ASSERT_TRUE(svg.ok()) << svg.status().ToString();
    EXPECT_EQ(svg.value().find("<script"), std::string::npos);
    EXPECT_EQ(svg.value().find("href"), std::string::npos);
    // The evil names, and the country unless it became a cluster.
    EXPECT_EQ(Count(svg.value(), "class=\"node\""),
              EvilNames().size() + (cluster_by == ClusterBy::kNone ? 1 : 0));
    if (!HavePython()) GTEST_SKIP() << "python3 with xml.dom.minidom not available";
    std::string report;
    ASSERT_TRUE(InspectSvg(svg.value(), &report)) << "SVG is not well-formed XML";
    EXPECT_EQ(report.find("ELEM script"), std::string::npos);
    EXPECT_EQ(report.find("ATTR xlink:href"), std::string::npos);
    EXPECT_EQ(report.find("ATTR URL"), std::string::npos);
    EXPECT_NE(report.find("TEXT <script>alert(1)</script>\n"), std::string::npos) << report;
    EXPECT_NE(report.find("TEXT Ends with a backslash\\\n"), std::string::npos) << report;
    EXPECT_NE(report.find("TEXT <script>c</script>\\\n"), std::string::npos) << report;
    EXPECT_NE(report.find("TEXT Title \" URL=\"javascript:x\" <script>t</script> \\\n"),
              std::string::npos)
        << report;
  }
}

TEST(RenderDiagram, NodeCap) {
  Subgraph subgraph;
  for (storage::NodeId id = 1; id <= 401; ++id) {
    std::string name = "c";  // appended, not "c" + ...: GCC 12's -Wrestrict false positive
    name += std::to_string(id);
    subgraph.AddNode(MakeNode(id, "Company", {{"name", name}}));
  }
  auto result = RenderDiagram(subgraph, Options(DiagramFormat::kSvg));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), storage::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "the subgraph has 401 nodes, more than the cap of 400: narrow it with "
            "--country/--industry/--years or --around NAME --hops K, or raise --max-nodes "
            "(and consider --engine sfdp)");
  RenderOptions raised = Options(DiagramFormat::kDot);
  raised.max_nodes = 401;
  EXPECT_TRUE(RenderDiagram(subgraph, raised).ok());
}

TEST(RenderDiagram, EveryEngine) {
  const Subgraph subgraph = EcosystemSubgraph(false);
  for (LayoutEngine engine :
       {LayoutEngine::kDot, LayoutEngine::kNeato, LayoutEngine::kFdp, LayoutEngine::kSfdp,
        LayoutEngine::kCirco, LayoutEngine::kTwopi, LayoutEngine::kOsage, LayoutEngine::kAuto}) {
    auto svg = RenderDiagram(subgraph, Options(DiagramFormat::kSvg, engine));
    ASSERT_TRUE(svg.ok()) << LayoutEngineName(engine) << ": " << svg.status().ToString();
    EXPECT_EQ(Count(svg.value(), "class=\"node\""), subgraph.nodes.size())
        << LayoutEngineName(engine);
    EXPECT_EQ(Count(svg.value(), "class=\"edge\""), subgraph.rels.size())
        << LayoutEngineName(engine);
  }
}

// 400 nodes (the default cap): a group, 19 hubs, 370 companies in 10
// countries. Renders with every engine choice a user is steered to.
Subgraph LargeSubgraph() {
  Subgraph subgraph;
  subgraph.title = "large";
  const char* roles[] = {"acquired", "investee", "partner", "subsidiary"};
  const char* types[] = {"ACQUIRED", "INVESTED_IN", "PARTNERED_WITH", "SUBSIDIARY_OF"};
  for (storage::NodeId id = 391; id <= 400; ++id) {
    subgraph.AddNode(MakeNode(id, "Country", {{"name", "Country " + std::to_string(id)}}));
  }
  subgraph.AddNode(MakeNode(1, "Company", {{"name", "Group"}, {"role", "group"}}));
  storage::RelId rel = 1000;
  for (storage::NodeId id = 2; id <= 390; ++id) {
    const bool hub = id <= 20;
    subgraph.AddNode(MakeNode(id, "Company",
                              {{"name", "Company number " + std::to_string(id)},
                               {"role", hub ? "business unit" : roles[id % 4]}}));
    const storage::NodeId parent = hub ? 1 : 2 + id % 19;
    subgraph.AddRel(MakeRel(rel++, parent, id, types[id % 4],
                            {{"year", static_cast<int>(2000 + id % 20)},
                             {"amount_usd", 1e6 * static_cast<double>(id)}}));
    subgraph.AddRel(MakeRel(rel++, id, 391 + id % 10, "HEADQUARTERED_IN"));
  }
  return subgraph;
}

TEST(RenderDiagram, LargeGraphAtTheCap) {
  const Subgraph subgraph = LargeSubgraph();
  ASSERT_EQ(subgraph.nodes.size(), 400u);
  RenderOptions sfdp = Options(DiagramFormat::kSvg);  // auto picks sfdp
  auto svg = RenderDiagram(subgraph, sfdp);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  EXPECT_EQ(Count(svg.value(), "class=\"node\""), 400u);
  RenderOptions clustered = Options(DiagramFormat::kSvg);  // auto picks osage
  clustered.cluster_by = ClusterBy::kCountry;
  svg = RenderDiagram(subgraph, clustered);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  EXPECT_EQ(Count(svg.value(), "class=\"cluster\""), 10u);
  RenderOptions timeline = Options(DiagramFormat::kSvg);
  timeline.timeline = true;
  svg = RenderDiagram(subgraph, timeline);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  auto circo = RenderDiagram(subgraph, Options(DiagramFormat::kSvg, LayoutEngine::kCirco));
  EXPECT_EQ(circo.status().code(), storage::StatusCode::kInvalidArgument);
}

// The first `companies` companies of LargeSubgraph with their countries.
Subgraph LargeSubgraphPrefix(storage::NodeId companies) {
  const Subgraph large = LargeSubgraph();
  Subgraph subgraph;
  subgraph.title = "prefix";
  for (const auto& node : large.nodes) {
    if (node.id <= companies || node.id > 390) subgraph.AddNode(node);
  }
  for (const auto& rel : large.rels) {
    if (subgraph.HasNode(rel.src) && subgraph.HasNode(rel.dst)) subgraph.AddRel(rel);
  }
  return subgraph;
}

TEST(RenderDiagram, LargeClusteredGraphIsPackedInAGrid) {
  const Subgraph subgraph = LargeSubgraphPrefix(100);
  RenderOptions options = Options(DiagramFormat::kDot);
  options.cluster_by = ClusterBy::kCountry;
  auto dot = RenderDiagram(subgraph, options);
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  // osage: 10 country clusters and the cluster-less Group in a grid of 3 rows
  // by 4 columns, filled column by column in sortv order.
  EXPECT_NE(dot.value().find("packmode=array_cu3"), std::string::npos) << dot.value();
  // The hub (Group, 19 deals) in the middle cell (row 1, column 1 = 1 * 3 + 1),
  // every cell 0..10 used once.
  const size_t group = dot.value().find("\tn1\t[");
  ASSERT_NE(group, std::string::npos);
  const std::string group_attributes =
      dot.value().substr(group, dot.value().find(']', group) - group);
  EXPECT_NE(group_attributes.find("sortv=4"), std::string::npos) << group_attributes;
  for (int cell = 0; cell <= 10; ++cell) {
    EXPECT_EQ(Count(dot.value(), "sortv=" + std::to_string(cell) + ","), 1u) << cell;
  }
  EXPECT_EQ(Count(dot.value(), "sortv=11"), 0u);
  EXPECT_EQ(dot.value().find("overlap="), std::string::npos);
  // 99 deal edges, more than kMaxLabelledEdges: no edge labels.
  EXPECT_EQ(Count(dot.value(), "fontcolor="), 0u);
  options.format = DiagramFormat::kSvg;
  auto first = RenderDiagram(subgraph, options);
  auto second = RenderDiagram(subgraph, options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(first.value() == second.value());
  EXPECT_EQ(Count(first.value(), "class=\"cluster\""), 10u);
  EXPECT_EQ(Count(first.value(), "class=\"edge\""), 99u);

  RenderOptions dot_options = options;
  dot_options.format = DiagramFormat::kDot;
  // osage above kAutoOsageMinNodes: its xlabels land far from their edges,
  // so 39 edges (more than 30) keep their labels in the tooltips only.
  auto medium = RenderDiagram(LargeSubgraphPrefix(40), dot_options);
  ASSERT_TRUE(medium.ok()) << medium.status().ToString();
  EXPECT_NE(medium.value().find("packmode="), std::string::npos);
  EXPECT_EQ(Count(medium.value(), "fontcolor="), 0u);
  // Few nodes: dot, labels on the edges.
  auto small = RenderDiagram(LargeSubgraphPrefix(25), dot_options);
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  EXPECT_EQ(small.value().find("packmode="), std::string::npos);
  EXPECT_EQ(Count(small.value(), "fontcolor="), 24u);
}

TEST(RenderDiagram, SubsidiaryEdgeRepeatingADealIsUnlabelled) {
  Subgraph subgraph;
  subgraph.title = "pair";
  subgraph.AddNode(MakeNode(1, "Company", {{"name", "Buyer"}, {"role", "group"}}));
  subgraph.AddNode(MakeNode(2, "Company", {{"name", "Target"}, {"role", "subsidiary"}}));
  subgraph.AddNode(MakeNode(3, "Company", {{"name", "Other"}, {"role", "subsidiary"}}));
  subgraph.AddRel(MakeRel(10, 1, 2, "ACQUIRED", {{"year", 2017}, {"stake_pct", 70}}));
  subgraph.AddRel(MakeRel(11, 2, 1, "SUBSIDIARY_OF", {{"year", 2017}}));
  subgraph.AddRel(MakeRel(12, 3, 1, "SUBSIDIARY_OF", {{"year", 2019}}));
  auto dot = RenderDiagram(subgraph, Options(DiagramFormat::kDot));
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  // The ACQUIRED edge and the other subsidiary keep their labels.
  EXPECT_EQ(Count(dot.value(), "fontcolor="), 2u);
  EXPECT_NE(dot.value().find("2017 \xC2\xB7 70%"), std::string::npos);
  EXPECT_NE(dot.value().find("label=2019"), std::string::npos);
}

// Random selections of the fixture ecosystem (with context nodes) under
// random options: every combination renders or fails cleanly. 40 cases by
// default, 2000 with ECOGRAPH_STRESS=1.
TEST(RenderDiagram, RandomSelectionsAndOptions) {
  MemoryTransaction txn;
  testing::BuildEcosystem(txn);
  const bool stress = std::getenv("ECOGRAPH_STRESS") != nullptr;
  const int cases = stress ? 2000 : 40;
  std::mt19937 random(12345);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  for (int case_idx = 0; case_idx < cases; ++case_idx) {
    Subgraph subgraph;
    subgraph.title = "case " + std::to_string(case_idx);
    for (const auto& [id, node] : txn.nodes()) {
      if (pick(3) != 0) subgraph.AddNode(node);
    }
    for (const auto& [id, rel] : txn.rels()) {
      // Some relationships keep an endpoint that is not in the subgraph.
      if (pick(4) != 0 && (subgraph.HasNode(rel.src) || pick(2) == 0)) subgraph.AddRel(rel);
    }
    RenderOptions options;
    options.engine = static_cast<LayoutEngine>(pick(8));
    options.cluster_by = static_cast<ClusterBy>(pick(4));
    options.timeline = pick(4) == 0;
    options.legend = pick(2) == 0;
    options.format = pick(10) == 0 ? DiagramFormat::kPng : DiagramFormat::kSvg;
    if (options.timeline) {
      options.cluster_by = ClusterBy::kNone;
      options.engine = LayoutEngine::kAuto;
    }
    auto bytes = RenderDiagram(subgraph, options, pick(2) == 0 ? &txn : nullptr);
    ASSERT_TRUE(bytes.ok()) << "case " << case_idx << ": " << bytes.status().ToString();
    EXPECT_GT(bytes.value().size(), 100u);
  }
}

TEST(RenderDiagram, EmptySubgraph) {
  Subgraph empty;
  empty.title = "nothing matched";
  auto svg = RenderDiagram(empty, Options(DiagramFormat::kSvg));
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  EXPECT_NE(svg.value().find("nothing matched"), std::string::npos);
}

TEST(RenderDiagram, ClustersFromSubgraph) {
  const Subgraph subgraph = EcosystemSubgraph(true);
  RenderOptions options = Options(DiagramFormat::kDot);
  options.cluster_by = ClusterBy::kCountry;
  auto dot = RenderDiagram(subgraph, options);
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  EXPECT_EQ(Count(dot.value(), "subgraph cluster_c"), 10u);
  EXPECT_NE(dot.value().find("<B>China</B>"), std::string::npos);
  EXPECT_EQ(dot.value().find("HEADQUARTERED_IN"), std::string::npos);
}

TEST(RenderDiagram, ClustersThroughLookup) {
  MemoryTransaction txn;
  testing::BuildEcosystem(txn);
  const Subgraph subgraph = EcosystemSubgraph(false);  // no HQ / industry data
  RenderOptions options = Options(DiagramFormat::kDot);
  options.cluster_by = ClusterBy::kRegion;
  auto without = RenderDiagram(subgraph, options);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(Count(without.value(), "subgraph cluster_"), 0u);
  auto with = RenderDiagram(subgraph, options, &txn);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  EXPECT_EQ(Count(with.value(), "subgraph cluster_r"), 4u);
  EXPECT_EQ(Count(with.value(), "subgraph cluster_c"), 10u);
  EXPECT_NE(with.value().find("<B>Southeast Asia</B>"), std::string::npos);
  options.cluster_by = ClusterBy::kIndustry;
  auto by_industry = RenderDiagram(subgraph, options, &txn);
  ASSERT_TRUE(by_industry.ok());
  EXPECT_EQ(Count(by_industry.value(), "subgraph cluster_i"), 7u);
  options.format = DiagramFormat::kSvg;
  auto svg = RenderDiagram(subgraph, options, &txn);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  EXPECT_EQ(Count(svg.value(), "class=\"cluster\""), 7u);
}

TEST(RenderDiagram, Timeline) {
  const Subgraph subgraph = EcosystemSubgraph(false);
  RenderOptions options = Options(DiagramFormat::kDot);
  options.timeline = true;
  auto dot = RenderDiagram(subgraph, options);
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  // 2003..2018: one rank per year with companies, one per run of empty
  // years (2004-2007, 2010-2012), plus the first column of dealmakers
  // without a year.
  EXPECT_EQ(Count(dot.value(), "rank=same"), 12u);
  EXPECT_NE(dot.value().find("year_2003"), std::string::npos);
  EXPECT_NE(dot.value().find("year_2018"), std::string::npos);
  EXPECT_NE(dot.value().find("2004\xE2\x80\x93"
                             "2007"),
            std::string::npos);
  EXPECT_NE(dot.value().find("2010\xE2\x80\x93"
                             "2012"),
            std::string::npos);
  EXPECT_EQ(dot.value().find("year_2005"), std::string::npos);
  EXPECT_NE(dot.value().find("subgraph rank_source"), std::string::npos);
  EXPECT_EQ(dot.value().find("rank=source"), std::string::npos);
  // Deal labels leave out the year, which the column shows.
  EXPECT_NE(dot.value().find("xlabel=\"$1.0B \xC2\xB7 51%\""), std::string::npos);
  EXPECT_EQ(dot.value().find("xlabel=\"2016"), std::string::npos);
  options.format = DiagramFormat::kSvg;
  auto svg = RenderDiagram(subgraph, options);
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  // Every year label is its own column (dot once merged 2016 with 2018).
  std::set<std::string> columns;
  size_t year_labels = 0;
  for (size_t pos = 0;
       (pos = svg.value().find("font-size=\"13.00\" fill=\"#495057\">", pos)) != std::string::npos;
       ++pos) {
    const size_t text = svg.value().rfind("<text", pos);
    const size_t x = svg.value().find(" x=\"", text);
    columns.insert(svg.value().substr(x, svg.value().find('"', x + 4) - x));
    ++year_labels;
  }
  EXPECT_EQ(year_labels, 9u);
  EXPECT_EQ(columns.size(), year_labels);

  options.cluster_by = ClusterBy::kCountry;
  EXPECT_FALSE(RenderDiagram(subgraph, options).ok());
  options.cluster_by = ClusterBy::kNone;
  options.engine = LayoutEngine::kNeato;
  EXPECT_FALSE(RenderDiagram(subgraph, options).ok());
}

TEST(RenderDiagram, RenderToFile) {
  const auto path = TempPath("out.svg");
  std::filesystem::remove(path);
  ASSERT_TRUE(RenderToFile(TinySubgraph(), path.string(), RenderOptions(), false).ok());
  EXPECT_EQ(ReadFile(path).substr(0, 5), "<?xml");
  std::filesystem::remove(path);
  const auto png = TempPath("out.PNG");
  std::filesystem::remove(png);
  ASSERT_TRUE(RenderToFile(TinySubgraph(), png.string(), RenderOptions(), false).ok());
  EXPECT_EQ(ReadFile(png).substr(1, 3), "PNG");
  std::filesystem::remove(png);
  auto bad = RenderToFile(TinySubgraph(), TempPath("out.txt").string(), RenderOptions(), false);
  EXPECT_EQ(bad.code(), storage::StatusCode::kInvalidArgument);
  auto unwritable = RenderToFile(TinySubgraph(), "/nonexistent-dir/x.svg", RenderOptions(), false);
  EXPECT_EQ(unwritable.code(), storage::StatusCode::kIOError);
}

// An existing file is refused without `overwrite` (left as it was, and no
// temporary file stays beside it); with it, it is replaced whole.
TEST(RenderDiagram, RenderToFileNeverOverwritesBySurprise) {
  const auto dir = TempPath("render-to-file-dir");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = dir / "kept.svg";
  WriteFile(path, "precious");
  Status refused = RenderToFile(TinySubgraph(), path.string(), RenderOptions(), false);
  EXPECT_EQ(refused.code(), storage::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.message(), path.string() + " already exists (use --force to overwrite it)");
  EXPECT_EQ(ReadFile(path), "precious");
  Status forced = RenderToFile(TinySubgraph(), path.string(), RenderOptions(), true);
  ASSERT_TRUE(forced.ok()) << forced.ToString();
  EXPECT_EQ(ReadFile(path).substr(0, 5), "<?xml");
  // A symbolic link, even dangling, is refused and never followed.
  const auto link = dir / "link.svg";
  std::filesystem::create_symlink(dir / "missing-target.svg", link);
  EXPECT_EQ(RenderToFile(TinySubgraph(), link.string(), RenderOptions(), false).code(),
            storage::StatusCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(dir / "missing-target.svg"));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 2u);  // kept.svg and link.svg: no temporary file left
  std::filesystem::remove_all(dir);
}

TEST(RenderDiagram, ParseOptions) {
  EXPECT_EQ(ParseDiagramFormat("SVG").value(), DiagramFormat::kSvg);
  EXPECT_EQ(ParseDiagramFormat("gv").value(), DiagramFormat::kDot);
  EXPECT_FALSE(ParseDiagramFormat("jpeg").ok());
  EXPECT_EQ(ParseLayoutEngine("sfdp").value(), LayoutEngine::kSfdp);
  EXPECT_EQ(ParseLayoutEngine("auto").value(), LayoutEngine::kAuto);
  EXPECT_EQ(ParseLayoutEngine("osage").value(), LayoutEngine::kOsage);
  EXPECT_FALSE(ParseLayoutEngine("patchwork").ok());
  EXPECT_EQ(ParseClusterBy("region").value(), ClusterBy::kRegion);
  EXPECT_FALSE(ParseClusterBy("city").ok());
  EXPECT_EQ(DiagramFormatFromPath("a/b.c/out.pdf").value(), DiagramFormat::kPdf);
  EXPECT_FALSE(DiagramFormatFromPath("a.d/out").ok());
}

TEST(RenderStyle, Escapes) {
  using namespace render_internal;
  EXPECT_EQ(HtmlEscape("a<b>&\"'\\"), "a&lt;b&gt;&amp;&quot;&#39;&#92;");
  EXPECT_EQ(EscStringEscape("a\\b\\"), "a\\\\b\\\\ ");
  EXPECT_EQ(EscStringEscape("<x"), "<x");
  EXPECT_EQ(SanitizeText("a\nb\x01"
                         "c"),
            "a b c");
  EXPECT_EQ(SanitizeText("\xC3\x28"), "\xEF\xBF\xBD(");
  EXPECT_EQ(SanitizeText("\xE4\xB8\xAD"), "\xE4\xB8\xAD");          // valid 3-byte
  EXPECT_EQ(SanitizeText("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  EXPECT_EQ(WrapWords("Cainiao Smart Logistics Network", 22),
            (std::vector<std::string>{"Cainiao Smart", "Logistics Network"}));
  EXPECT_EQ(WrapWords("", 22), (std::vector<std::string>{""}));
}

TEST(RenderStyle, Labels) {
  using namespace render_internal;
  EXPECT_EQ(FormatUsd(1.0e9), "$1.0B");
  EXPECT_EQ(FormatUsd(15.4e9), "$15B");
  EXPECT_EQ(FormatUsd(575e6), "$575M");
  EXPECT_EQ(FormatUsd(999.9e6), "$1.0B");
  EXPECT_EQ(FormatUsd(12000), "$12K");
  EXPECT_EQ(FormatUsd(900), "$900");
  EXPECT_EQ(FormatPercent(75), "75%");
  EXPECT_EQ(FormatPercent(36.2), "36.2%");
  EXPECT_EQ(DealLabel(MakeRel(1, 1, 2, "ACQUIRED", {{"year", 2018}, {"stake_pct", 75}})),
            "2018 \xC2\xB7 75%");
  EXPECT_EQ(
      DealLabel(MakeRel(1, 1, 2, "ACQUIRED", {{"year", "2016"}, {"amount_usd", "1000000000"}})),
      "2016 \xC2\xB7 $1.0B");
  EXPECT_EQ(DealLabel(MakeRel(1, 1, 2, "ACQUIRED", {{"year", "soon"}})), "");
  EXPECT_EQ(ClassifyNode(MakeNode(1, "Company", {{"role", "Business_Unit"}})),
            NodeKind::kBusinessUnit);
  EXPECT_EQ(ClassifyNode(MakeNode(1, "Company", {{"role", 3}})), NodeKind::kCompany);
  EXPECT_EQ(ClassifyNode(MakeNode(1, "Person", {})), NodeKind::kOther);
  EXPECT_EQ(DisplayName(MakeNode(7, "Person", {})), "Person #7");
}

// Writes sample drawings of the fixture ecosystem for eyeballing:
// ECOGRAPH_RENDER_SAMPLES=<dir>.
TEST(RenderSamples, WriteWhenAsked) {
  const char* dir = std::getenv("ECOGRAPH_RENDER_SAMPLES");
  if (dir == nullptr) GTEST_SKIP() << "set ECOGRAPH_RENDER_SAMPLES=<dir> to write samples";
  MemoryTransaction txn;
  testing::BuildEcosystem(txn);
  SubgraphFilter filter;
  auto subgraph = SelectSubgraph(txn, filter);
  ASSERT_TRUE(subgraph.ok());
  const std::filesystem::path out(dir);
  std::filesystem::create_directories(out);
  const auto render = [&](const std::string& name, RenderOptions options) {
    Status status = RenderToFile(subgraph.value(), (out / name).string(), options, true, &txn);
    EXPECT_TRUE(status.ok()) << name << ": " << status.ToString();
  };
  render("ecosystem_dot.png", RenderOptions());
  render("ecosystem_dot.svg", RenderOptions());
  render("ecosystem.dot", RenderOptions());
  RenderOptions clustered;
  clustered.cluster_by = ClusterBy::kRegion;
  render("ecosystem_region.png", clustered);
  clustered.cluster_by = ClusterBy::kIndustry;
  render("ecosystem_industry.png", clustered);
  RenderOptions timeline;
  timeline.timeline = true;
  render("ecosystem_timeline.png", timeline);
  render("ecosystem_timeline.dot", timeline);
  for (LayoutEngine engine : {LayoutEngine::kNeato, LayoutEngine::kFdp, LayoutEngine::kSfdp,
                              LayoutEngine::kTwopi, LayoutEngine::kCirco}) {
    RenderOptions options;
    options.engine = engine;
    render(std::string("ecosystem_") + LayoutEngineName(engine) + ".png", options);
  }
  const auto render_large = [&](const std::string& name, RenderOptions options) {
    options.format = DiagramFormat::kDot;
    auto dot = RenderDiagram(LargeSubgraph(), options);
    ASSERT_TRUE(dot.ok()) << dot.status().ToString();
    WriteFile(out / name, dot.value());
  };
  render_large("large.dot", RenderOptions());
  RenderOptions large_clustered;
  large_clustered.cluster_by = ClusterBy::kCountry;
  render_large("large_clustered.dot", large_clustered);
  RenderOptions large_timeline;
  large_timeline.timeline = true;
  render_large("large_timeline.dot", large_timeline);
  RenderOptions large_dot;
  large_dot.engine = LayoutEngine::kDot;
  render_large("large_dot.dot", large_dot);
  large_dot.cluster_by = ClusterBy::kCountry;
  render_large("large_dot_clustered.dot", large_dot);
  RenderOptions evil;
  Status status = RenderToFile(EvilSubgraph(), (out / "evil.svg").string(), evil, true);
  EXPECT_TRUE(status.ok()) << status.ToString();
}

}  // namespace
}  // namespace ecograph::graph
