#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graph/io/exporter.h"
#include "graph/io/importer.h"
#include "tests/io/io_test_util.h"

namespace ecograph::graph::io {
namespace {

namespace fs = std::filesystem;
using testing::CanonicalGraph;
using testing::ReadFile;
using testing::ScratchDir;
using testing::WriteFile;

// Nodes of every value type, conflicting types under one label set, no
// labels, several labels; relationships with properties, parallel and a
// self-loop; awkward strings.
constexpr const char* kRichGraph =
    R"JSONL({"type":"node","id":"a","labels":["Company"],"properties":{"name":"Smith, \"John\" & Co\nLtd","founded":1999,"cap":5.0,"ratio":0.1,"public":true,"tags":["x","y z"],"nums":[1,-2,9007199254740993],"ws":[0.5,2.0],"flags":[false],"empty":[],"blank":""}}
{"type":"node","id":"b","labels":["Company"],"properties":{"name":"北京 😀","founded":"unknown","cap":-1e-300}}
{"type":"node","id":"c","labels":[],"properties":{"note":"no labels; semi;colons","v":1,"a,b":"comma key","x:y":false}}
{"type":"node","id":"d","labels":["Company","Public"],"properties":{"name":"<tag attr='1'>\\back","big":-9223372036854775808}}
{"type":"node","id":"e","labels":["Company"],"properties":{}}
{"type":"relationship","start":"a","end":"b","label":"ACQUIRED","properties":{"year":2016,"amount":1.5e9,"stake":1.0}}
{"type":"relationship","start":"a","end":"b","label":"ACQUIRED","properties":{"year":"n/a"}}
{"type":"relationship","start":"b","end":"b","label":"SELF","properties":{}}
{"type":"relationship","start":"c","end":"d","label":"WEIRD TYPE,x","properties":{"q":"\"quoted\""}}
)JSONL";

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = testing::OpenStore(dir_ / "db");
    ASSERT_NE(source_, nullptr);
    ImportOptions options;
    options.node_files = {WriteFile(dir_ / "rich.jsonl", kRichGraph)};
    auto result = Import(*source_, options);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ASSERT_EQ(result->nodes, 5u);
    ASSERT_EQ(result->rels, 4u);
  }

  // Imports every nodes_*/rels_* file of `dir` into a fresh store.
  std::unique_ptr<storage::Store> ReimportCsvDir(const std::string& dir, const std::string& db) {
    ImportOptions options;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      if (name.rfind("nodes_", 0) == 0) options.node_files.push_back(entry.path().string());
      if (name.rfind("rels_", 0) == 0) options.rel_files.push_back(entry.path().string());
    }
    std::sort(options.node_files.begin(), options.node_files.end());
    std::sort(options.rel_files.begin(), options.rel_files.end());
    auto store = testing::OpenStore(db);
    if (store == nullptr) return nullptr;
    auto result = Import(*store, options);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return store;
  }

  ScratchDir dir_;
  std::unique_ptr<storage::Store> source_;
};

TEST_F(ExportTest, CsvRoundTripGivesAnIdenticalGraph) {
  ExportOptions options;
  options.format = ExportFormat::kCsv;
  options.output = dir_ / "csv";
  auto stats = ExportStore(*source_, options);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->nodes, 5u);
  EXPECT_EQ(stats->rels, 4u);
  // Company splits in two (founded is int in one node, string in another).
  EXPECT_TRUE(fs::exists(dir_ / "csv/nodes_company.csv"));
  EXPECT_TRUE(fs::exists(dir_ / "csv/nodes_company_2.csv"));
  EXPECT_TRUE(fs::exists(dir_ / "csv/nodes_unlabeled.csv"));
  EXPECT_TRUE(fs::exists(dir_ / "csv/nodes_company_public.csv"));
  EXPECT_TRUE(fs::exists(dir_ / "csv/rels_weird_type_x.csv"));
  std::string header = ReadFile(dir_ / "csv/nodes_company.csv");
  header = header.substr(0, header.find('\n'));
  EXPECT_EQ(header,
            ":ID,:LABEL,blank:string,cap:double,empty:string[],flags:boolean[],founded:long,"
            "name:string,nums:long[],public:boolean,ratio:double,tags:string[],ws:double[]");
  auto copy = ReimportCsvDir(dir_ / "csv", dir_ / "db2");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(CanonicalGraph(*copy), CanonicalGraph(*source_));
}

TEST_F(ExportTest, JsonlRoundTripGivesAnIdenticalGraph) {
  ExportOptions options;
  options.format = ExportFormat::kJsonl;
  options.output = dir_ / "out.jsonl";
  auto stats = ExportStore(*source_, options);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  auto copy = testing::OpenStore(dir_ / "db2");
  ImportOptions import;
  import.node_files = {options.output};
  auto result = Import(*copy, import);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(CanonicalGraph(*copy), CanonicalGraph(*source_));
}

TEST_F(ExportTest, CsvRejectsWhatItCannotRepresent) {
  auto store = testing::OpenStore(dir_ / "db3");
  ImportOptions import;
  import.node_files = {WriteFile(
      dir_ / "mixed.jsonl", "{\"type\":\"node\",\"id\":1,\"properties\":{\"m\":[1,\"a\"]}}\n")};
  ASSERT_TRUE(Import(*store, import).ok());
  ExportOptions options;
  options.output = dir_ / "csv3";
  auto stats = ExportStore(*store, options);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("property 'm'"), std::string::npos);
}

int RunShell(const std::string& command) {
  int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

TEST_F(ExportTest, GraphmlIsReadByNetworkx) {
  ExportOptions options;
  options.format = ExportFormat::kGraphml;
  options.output = dir_ / "g.graphml";
  auto stats = ExportStore(*source_, options);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  if (!fs::exists("/usr/bin/python3") ||
      RunShell("/usr/bin/python3 -c 'import networkx' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3-networkx is not installed";
  }
  std::string script =
      "import networkx as nx, sys\n"
      "g = nx.read_graphml(sys.argv[1], force_multigraph=True)\n"
      "assert g.number_of_nodes() == 5, g.number_of_nodes()\n"
      "assert g.number_of_edges() == 4, g.number_of_edges()\n"
      "a = [d for n, d in g.nodes(data=True) if d.get('ratio') == 0.1][0]\n"
      "assert a['labels'] == ':Company', a\n"
      "assert a['public'] is True and a['founded'] == 1999 and a['cap'] == 5.0, a\n"
      "assert a['name'] == 'Smith, \"John\" & Co\\nLtd', a['name']\n"
      "types = sorted(d['type'] for u, v, d in g.edges(data=True))\n"
      "assert types == ['ACQUIRED', 'ACQUIRED', 'SELF', 'WEIRD TYPE,x'], types\n";
  WriteFile(dir_ / "check.py", script);
  EXPECT_EQ(RunShell("/usr/bin/python3 " + (dir_ / "check.py") + " " + options.output), 0);
}

TEST_F(ExportTest, DotIsParsedByGraphviz) {
  ExportOptions options;
  options.format = ExportFormat::kDot;
  options.output = dir_ / "g.dot";
  options.title = "my \"graph\"";
  auto stats = ExportStore(*source_, options);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  std::string text = ReadFile(options.output);
  EXPECT_EQ(text.rfind("digraph \"my \\\"graph\\\"\" {\n", 0), 0u);
  EXPECT_NE(text.find("label=\"Smith, \\\"John\\\" & Co\\nLtd\""), std::string::npos);
  EXPECT_NE(text.find("\"name\"=\"<tag attr='1'>\\\\back\""), std::string::npos);
  if (!fs::exists("/usr/bin/dot")) GTEST_SKIP() << "graphviz dot is not installed";
  EXPECT_EQ(RunShell("/usr/bin/dot -Tcanon " + options.output + " >/dev/null"), 0);
}

TEST_F(ExportTest, SubgraphLeavesOutDanglingRelationships) {
  Subgraph subgraph;
  auto txn = source_->BeginRead();
  auto it = txn->ScanNodes();
  storage::NodeId id;
  std::vector<storage::NodeId> ids;
  while (it->Next(&id)) ids.push_back(id);
  ASSERT_EQ(ids.size(), 5u);
  subgraph.AddNode(**txn->GetNode(ids[0]));
  subgraph.AddNode(**txn->GetNode(ids[1]));
  auto rit = txn->ScanRels(std::nullopt);
  storage::RelRecord rel;
  while (rit->Next(&rel)) subgraph.AddRel(rel);
  std::ostringstream out;
  auto stats = WriteSubgraph(subgraph, ExportFormat::kJsonl, out);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->nodes, 2u);
  EXPECT_EQ(stats->rels, 3u);  // a->b twice, b->b
  EXPECT_EQ(stats->rels_skipped, 1u);
  ExportOptions options;
  options.format = ExportFormat::kCsv;
  options.output = dir_ / "sub";
  ASSERT_TRUE(ExportStore(*source_, options).ok());  // replaced by the next export
  WriteFile(dir_ / "sub/keep.txt", "not an export file");
  auto refused = ExportSubgraph(subgraph, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            dir_ / "sub" + " already holds an export (use --force to replace it)");
  options.overwrite = true;
  auto csv = ExportSubgraph(subgraph, options);
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  auto copy = ReimportCsvDir(dir_ / "sub", dir_ / "db4");
  ASSERT_NE(copy, nullptr);
  auto counts = copy->BeginRead()->Counts();
  EXPECT_EQ(counts.nodes, 2u);
  EXPECT_EQ(counts.relationships, 3u);
  EXPECT_TRUE(fs::exists(dir_ / "sub/keep.txt"));
}

TEST(BenchDataTest, SmallPresetImportsWithTheManifestCounts) {
  std::string shared = ECOGRAPH_SHARED_DIR;
  std::string gen = shared + "/bench/gen.py";
  if (!fs::exists(gen)) GTEST_SKIP() << "shared bench generator not found at " << gen;
  if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 not found";
  ScratchDir dir;
  std::string data = dir / "small";
  ASSERT_EQ(RunShell("/usr/bin/python3 " + gen + " --preset small --quiet --out " + data), 0);
  auto manifest = nlohmann::json::parse(ReadFile(data + "/manifest.json"));
  ImportOptions options;
  for (const auto& entry : fs::directory_iterator(data)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("nodes_", 0) == 0) options.node_files.push_back(entry.path().string());
    if (name.rfind("rels_", 0) == 0) options.rel_files.push_back(entry.path().string());
  }
  auto store = testing::OpenStore(dir / "db");
  ASSERT_NE(store, nullptr);
  auto stats = Import(*store, options);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->nodes, manifest["nodes"].get<uint64_t>());
  EXPECT_EQ(stats->rels, manifest["relationships"].get<uint64_t>());
  EXPECT_EQ(stats->bytes_read, manifest["bytes"].get<uint64_t>());
  auto txn = store->BeginRead();
  auto counts = txn->Counts();
  EXPECT_EQ(counts.nodes, manifest["nodes"].get<uint64_t>());
  EXPECT_EQ(counts.relationships, manifest["relationships"].get<uint64_t>());
  EXPECT_EQ(txn->CountLabel("Company"), manifest["companies"].get<uint64_t>());
  EXPECT_EQ(txn->CountRelType("ACQUIRED"),
            manifest["files"]["rels_acquired.csv"]["rows"].get<uint64_t>());
  auto it = txn->ScanLabel("Company");
  storage::NodeId id;
  ASSERT_TRUE(it->Next(&id));
  auto node = txn->GetNode(id);
  ASSERT_TRUE(node.ok() && node->has_value());
  EXPECT_EQ((*node)->properties.at("id").kind(), storage::ValueKind::kString);
  EXPECT_EQ((*node)->properties.at("founded").kind(), storage::ValueKind::kInt);
  EXPECT_TRUE(store->Check().ok());
}

// ECOGRAPH_STRESS=1: the medium preset (~1M relationships).
TEST(BenchDataTest, MediumPresetStress) {
  const char* stress = std::getenv("ECOGRAPH_STRESS");
  if (stress == nullptr || std::string(stress) != "1") GTEST_SKIP() << "set ECOGRAPH_STRESS=1";
  std::string gen = std::string(ECOGRAPH_SHARED_DIR) + "/bench/gen.py";
  if (!fs::exists(gen)) GTEST_SKIP() << "shared bench generator not found at " << gen;
  ScratchDir dir;
  std::string data = dir / "medium";
  ASSERT_EQ(RunShell("/usr/bin/python3 " + gen + " --preset medium --quiet --out " + data), 0);
  auto manifest = nlohmann::json::parse(ReadFile(data + "/manifest.json"));
  ImportOptions options;
  for (const auto& entry : fs::directory_iterator(data)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("nodes_", 0) == 0) options.node_files.push_back(entry.path().string());
    if (name.rfind("rels_", 0) == 0) options.rel_files.push_back(entry.path().string());
  }
  auto store = testing::OpenStore(dir / "db");
  ASSERT_NE(store, nullptr);
  auto stats = Import(*store, options);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->rels, manifest["relationships"].get<uint64_t>());
  ExportOptions out;
  out.output = dir / "csv";
  ASSERT_TRUE(ExportStore(*store, out).ok());
  auto copy = testing::OpenStore(dir / "db2");
  ImportOptions again;
  for (const auto& entry : fs::directory_iterator(dir / "csv")) {
    std::string name = entry.path().filename().string();
    if (name.rfind("nodes_", 0) == 0) again.node_files.push_back(entry.path().string());
    if (name.rfind("rels_", 0) == 0) again.rel_files.push_back(entry.path().string());
  }
  auto reimported = Import(*copy, again);
  ASSERT_TRUE(reimported.ok()) << reimported.status().ToString();
  EXPECT_EQ(reimported->nodes, stats->nodes);
  EXPECT_EQ(reimported->rels, stats->rels);
}

}  // namespace
}  // namespace ecograph::graph::io
