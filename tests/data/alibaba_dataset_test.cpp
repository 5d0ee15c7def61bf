// Imports data/alibaba into a temporary database, runs every query of
// paper_figures.cypher, compares the rows with paper_figures.expected, and
// checks the dataset's invariants through the query engine.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "graph/io/importer.h"
#include "graph/topology_cache.h"
#include "query/engine.h"
#include "storage/store.h"

namespace ecograph {
namespace {

namespace fs = std::filesystem;

const char kDataDir[] = ECOGRAPH_ALIBABA_DATA_DIR;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cells.push_back(line.substr(
        start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return cells;
    start = tab + 1;
  }
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// name -> query text, in file order.
std::vector<std::pair<std::string, std::string>> ParseFigureQueries(
    const std::string& text) {
  const std::string kMarker = "// figure:";
  std::vector<std::pair<std::string, std::string>> figures;
  for (const std::string& line : SplitLines(text)) {
    if (line.rfind(kMarker, 0) == 0) {
      figures.emplace_back(Trim(line.substr(kMarker.size())), "");
    } else if (!figures.empty() && line.rfind("//", 0) != 0 &&
               !Trim(line).empty()) {
      figures.back().second += line + "\n";
    }
  }
  return figures;
}

struct ExpectedTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::map<std::string, ExpectedTable> ParseExpected(const std::string& text) {
  const std::string kMarker = "# figure:";
  std::map<std::string, ExpectedTable> tables;
  ExpectedTable* current = nullptr;
  for (const std::string& line : SplitLines(text)) {
    if (line.rfind(kMarker, 0) == 0) {
      current = &tables[Trim(line.substr(kMarker.size()))];
    } else if (current != nullptr && !line.empty()) {
      if (current->header.empty()) {
        current->header = SplitTabs(line);
      } else {
        current->rows.push_back(SplitTabs(line));
      }
    }
  }
  return tables;
}

bool ParseNumber(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// Equal as numbers when both cells are numeric, else as plain text.
bool CellsMatch(const std::string& expected, const std::string& actual) {
  double e = 0, a = 0;
  if (ParseNumber(expected, &e) && ParseNumber(actual, &a))
    return std::fabs(e - a) < 1e-9;
  return expected == actual;
}

// RFC 4180 rows of a CSV without embedded line breaks (paper_comparison.csv).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& line : SplitLines(text)) {
    if (line.empty()) continue;
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      const char ch = line[i];
      if (quoted && ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        cells.emplace_back();
      } else {
        cells.back() += ch;
      }
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

class AlibabaDatasetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto stamp =
        std::chrono::steady_clock::now().time_since_epoch().count();
    db_dir_ = new fs::path(fs::temp_directory_path() /
                           ("ecograph-alibaba-test-" + std::to_string(stamp)));
    fs::create_directories(*db_dir_);
    auto store = storage::Store::Open((*db_dir_ / "db").string(),
                                      storage::OpenOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value().release();

    graph::io::ImportOptions options;
    options.bad_rows_report = (*db_dir_ / "bad-rows.txt").string();
    const fs::path data(kDataDir);
    for (const char* name : {"nodes_company.csv", "nodes_country.csv",
                             "nodes_region.csv", "nodes_industry.csv"}) {
      options.node_files.push_back((data / name).string());
    }
    for (const char* name :
         {"rels_acquired.csv", "rels_invested_in.csv",
          "rels_partnered_with.csv", "rels_subsidiary_of.csv",
          "rels_affiliate_of.csv", "rels_headquartered_in.csv",
          "rels_operates_in.csv", "rels_in_industry.csv",
          "rels_in_region.csv"}) {
      options.rel_files.push_back((data / name).string());
    }
    auto stats = graph::io::Import(*store_, options);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    topology_ = new graph::TopologyCache(*store_);
    engine_ = new query::QueryEngine(*store_, *topology_);
  }

  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
    delete topology_;
    topology_ = nullptr;
    delete store_;
    store_ = nullptr;
    if (db_dir_ != nullptr) {
      std::error_code ignored;
      fs::remove_all(*db_dir_, ignored);
      delete db_dir_;
      db_dir_ = nullptr;
    }
  }

  void SetUp() override { ASSERT_NE(engine_, nullptr) << "import failed"; }

  static query::QueryResult Run(const std::string& text) {
    query::QueryOutcome outcome = engine_->Execute(text);
    EXPECT_TRUE(outcome.ok())
        << text << "\n"
        << (outcome.error ? outcome.error->message() : std::string());
    return outcome.ok() ? *outcome.result : query::QueryResult{};
  }

  // The single integer of a one-row, one-column result (-1 on mismatch).
  static int64_t Scalar(const std::string& text) {
    query::QueryResult result = Run(text);
    if (result.rows.size() != 1 || result.rows[0].size() != 1 ||
        result.rows[0][0].type() != query::ValueType::kInt) {
      ADD_FAILURE() << "not a single integer: " << text;
      return -1;
    }
    return result.rows[0][0].as_int();
  }

  static fs::path* db_dir_;
  static storage::Store* store_;
  static graph::TopologyCache* topology_;
  static query::QueryEngine* engine_;
};

fs::path* AlibabaDatasetTest::db_dir_ = nullptr;
storage::Store* AlibabaDatasetTest::store_ = nullptr;
graph::TopologyCache* AlibabaDatasetTest::topology_ = nullptr;
query::QueryEngine* AlibabaDatasetTest::engine_ = nullptr;

TEST_F(AlibabaDatasetTest, PaperFiguresMatchExpected) {
  const fs::path data(kDataDir);
  const auto figures =
      ParseFigureQueries(ReadFile(data / "paper_figures.cypher"));
  const auto expected =
      ParseExpected(ReadFile(data / "paper_figures.expected"));
  ASSERT_FALSE(figures.empty());
  ASSERT_EQ(figures.size(), expected.size());
  for (const auto& [name, text] : figures) {
    SCOPED_TRACE("figure " + name);
    auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << "no expected rows for " << name;
    const ExpectedTable& want = it->second;
    query::QueryResult got = Run(text);
    EXPECT_EQ(got.columns, want.header);
    ASSERT_EQ(got.rows.size(), want.rows.size());
    for (size_t r = 0; r < want.rows.size(); ++r) {
      ASSERT_EQ(got.rows[r].size(), want.rows[r].size()) << "row " << r;
      for (size_t c = 0; c < want.rows[r].size(); ++c) {
        const std::string actual = got.rows[r][c].ToPlainString();
        EXPECT_TRUE(CellsMatch(want.rows[r][c], actual))
            << "row " << r << " column " << want.header[c] << ": expected "
            << want.rows[r][c] << ", got " << actual;
      }
    }
  }
}

// The graph values documented in paper_comparison.csv (which the Python test
// compares with the paper's numbers) are what the query engine computes.
TEST_F(AlibabaDatasetTest, PaperComparisonValuesComeFromTheEngine) {
  const fs::path data(kDataDir);
  std::map<std::string, std::string> queries;
  for (const auto& [name, text] :
       ParseFigureQueries(ReadFile(data / "paper_figures.cypher"))) {
    queries[name] = text;
  }
  const auto rows = ParseCsv(ReadFile(data / "paper_comparison.csv"));
  ASSERT_GT(rows.size(), 1u);
  const std::vector<std::string>& header = rows[0];
  auto column = [&](const char* name) {
    return static_cast<size_t>(
        std::find(header.begin(), header.end(), name) - header.begin());
  };
  const size_t figure_col = column("figure"), query_col = column("query"),
               value_col = column("column"), graph_col = column("graph");
  ASSERT_LT(graph_col, header.size());
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    SCOPED_TRACE("paper_comparison.csv row " + row[figure_col]);
    ASSERT_EQ(row.size(), header.size());
    auto query = queries.find(row[query_col]);
    ASSERT_NE(query, queries.end()) << "no query " << row[query_col];
    query::QueryResult got = Run(query->second);
    ASSERT_EQ(got.rows.size(), 1u);
    auto col = std::find(got.columns.begin(), got.columns.end(), row[value_col]);
    ASSERT_NE(col, got.columns.end()) << "no column " << row[value_col];
    const std::string actual =
        got.rows[0][col - got.columns.begin()].ToPlainString();
    EXPECT_TRUE(CellsMatch(row[graph_col], actual))
        << "engine gives " << actual << ", file documents " << row[graph_col];
  }
}

// Every deal carries a year, a dated source, an acting business and a target
// with a country (validate_alibaba.py checks the source's date and the acting
// business's consistency).
TEST_F(AlibabaDatasetTest, EveryDealHasYearSourceActingAndTargetCountry) {
  const int64_t deals = Scalar(
      "MATCH (a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(b:Company) "
      "RETURN count(r)");
  EXPECT_GT(deals, 0);
  EXPECT_EQ(
      Scalar("MATCH "
             "(a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(b:Company) "
             "WHERE r.source IS NULL OR r.year IS NULL OR r.acting IS NULL "
             "RETURN count(r)"),
      0);
  EXPECT_EQ(Scalar("MATCH "
                   "(a:Company)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(b:"
                   "Company)-[:HEADQUARTERED_IN]->(:Country) RETURN count(r)"),
            deals);
}

// round_usd repeats a round on each participant's edge; amount_usd is each
// participant's own money, so sums over amount_usd never count a round twice.
TEST_F(AlibabaDatasetTest, RoundSizeAndOwnAmountAreSeparate) {
  query::QueryResult magic_leap =
      Run("MATCH (:Company)-[r:INVESTED_IN]->(t:Company) "
          "WHERE t.name = 'Magic Leap' "
          "RETURN count(r) AS edges, count(r.amount_usd) AS disclosed");
  ASSERT_EQ(magic_leap.rows.size(), 1u);
  EXPECT_EQ(magic_leap.rows[0][0].ToPlainString(), "4");
  EXPECT_EQ(magic_leap.rows[0][1].ToPlainString(), "0");
  query::QueryResult rounds =
      Run("MATCH (:Company)-[r:INVESTED_IN]->(t:Company) "
          "WHERE t.name = 'Magic Leap' "
          "WITH DISTINCT t, r.year AS year, r.round_usd AS round "
          "RETURN sum(round) AS total");
  ASSERT_EQ(rounds.rows.size(), 1u);
  EXPECT_TRUE(CellsMatch("793500000", rounds.rows[0][0].ToPlainString()));
  // Co-investors are names, so membership tests work.
  EXPECT_EQ(Scalar("MATCH (a:Company)-[r:INVESTED_IN]->(t:Company) "
                   "WHERE t.name = 'Magic Leap' AND 'Alibaba Group' IN "
                   "r.co_investors RETURN count(r)"),
            3);
}

TEST_F(AlibabaDatasetTest, EveryCompanyHasOneHeadquartersAndAnIndustry) {
  const int64_t companies = Scalar("MATCH (c:Company) RETURN count(c)");
  EXPECT_GE(companies, 150);
  EXPECT_EQ(Scalar("MATCH (c:Company)-[h:HEADQUARTERED_IN]->(:Country) WITH c, "
                   "count(h) AS n "
                   "WHERE n = 1 RETURN count(c)"),
            companies);
  EXPECT_EQ(
      Scalar(
          "MATCH (c:Company)-[:HEADQUARTERED_IN]->(:Country) RETURN count(c)"),
      companies);
  EXPECT_EQ(Scalar("MATCH (c:Company)-[i:IN_INDUSTRY]->(:Industry) WITH c, "
                   "count(i) AS n RETURN count(c)"),
            companies);
}

TEST_F(AlibabaDatasetTest, EveryCountryHasIsoCodeAndRegion) {
  const int64_t countries = Scalar("MATCH (c:Country) RETURN count(c)");
  EXPECT_GT(countries, 0);
  EXPECT_EQ(
      Scalar("MATCH (c:Country) WHERE c.iso2 IS NOT NULL RETURN count(c)"),
      countries);
  EXPECT_EQ(
      Scalar("MATCH (c:Country)-[g:IN_REGION]->(:Region) WITH c, count(g) AS n "
             "WHERE n = 1 RETURN count(c)"),
      countries);
}

TEST_F(AlibabaDatasetTest, OverseasEventCountMeetsTarget) {
  EXPECT_GE(
      Scalar("MATCH "
             "(a:Alibaba)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company) "
             "WHERE r.overseas = true AND r.year >= 2010 AND r.year <= 2021 "
             "RETURN count(r)"),
      100);
  // Alibaba-side deals are exactly those whose start node has :Alibaba.
  EXPECT_EQ(
      Scalar("MATCH "
             "(a:Alibaba)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t:Company) "
             "WHERE r.acting = 'third party' RETURN count(r)"),
      0);
}

TEST_F(AlibabaDatasetTest, PathsForTracing) {
  query::QueryResult turkey = Run(
      "MATCH "
      "(cn:Country)<-[:HEADQUARTERED_IN]-(a:Company)-[r:ACQUIRED]->(t:Company)"
      "-[:HEADQUARTERED_IN]->(tr:Country) "
      "WHERE cn.iso2 = 'CN' AND tr.iso2 = 'TR' AND r.year = 2018 RETURN t.name "
      "AS name");
  ASSERT_EQ(turkey.rows.size(), 1u);
  EXPECT_EQ(turkey.rows[0][0].ToPlainString(), "Trendyol");

  query::QueryResult pakistan = Run(
      "MATCH "
      "(cn:Country)<-[:HEADQUARTERED_IN]-(a:Company)-[r:ACQUIRED]->(t:Company)"
      "-[:HEADQUARTERED_IN]->(pk:Country) "
      "WHERE cn.iso2 = 'CN' AND pk.iso2 = 'PK' AND r.year = 2018 RETURN t.name "
      "AS name");
  ASSERT_EQ(pakistan.rows.size(), 1u);
  EXPECT_EQ(pakistan.rows[0][0].ToPlainString(), "Daraz Group");

  query::QueryResult chain = Run(
      "MATCH (a:Company)-[r1:ACQUIRED]->(l:Company)-[r2:ACQUIRED]->(x:Company) "
      "WHERE a.name = 'Alibaba Group' AND r1.year <= r2.year "
      "RETURN l.name AS middle, x.name AS target ORDER BY target");
  bool found = false;
  for (const auto& row : chain.rows) {
    if (row[0].ToPlainString() == "Lazada Group" &&
        row[1].ToPlainString() == "RedMart")
      found = true;
  }
  EXPECT_TRUE(found) << "no Alibaba -> Lazada -> RedMart chain";
}

// The example queries of data/alibaba/README.md run and return rows.
TEST_F(AlibabaDatasetTest, ReadmeExamplesRun) {
  query::QueryResult turkey =
      Run("MATCH "
          "(cn:Country)<-[:HEADQUARTERED_IN]-(a:Alibaba)-[r:ACQUIRED|INVESTED_"
          "IN]->(t)"
          "-[:HEADQUARTERED_IN]->(tr:Country) "
          "WHERE cn.iso2 = 'CN' AND tr.iso2 = 'TR' "
          "RETURN a.name, type(r), r.year, t.name");
  ASSERT_FALSE(turkey.rows.empty());
  EXPECT_EQ(turkey.rows[0][3].ToPlainString(), "Trendyol");
  query::QueryResult chain = Run(
      "MATCH (a:Company)-[r1:ACQUIRED]->(m:Company)-[r2:ACQUIRED]->(x:Company) "
      "WHERE a.name = 'Alibaba Group' AND r1.year <= r2.year "
      "RETURN m.name, r1.year, x.name, r2.year");
  EXPECT_FALSE(chain.rows.empty());
  query::QueryResult continents =
      Run("MATCH (a:Alibaba)-[r:ACQUIRED|INVESTED_IN|PARTNERED_WITH]->(t)"
          "-[:HEADQUARTERED_IN]->(:Country)-[:IN_REGION]->(g:Region) "
          "WHERE r.overseas = true "
          "RETURN g.continent AS continent, count(r) AS events ORDER BY events "
          "DESC");
  ASSERT_FALSE(continents.rows.empty());
  EXPECT_EQ(continents.rows[0][0].ToPlainString(), "Asia");
  // "Summing money honestly": disclosed amounts never outnumber the deals.
  query::QueryResult money = Run(
      "MATCH ()-[r:ACQUIRED|INVESTED_IN]->() "
      "WHERE r.overseas = true AND r.acting <> 'third party' AND r.year >= "
      "2010 AND r.year <= 2021 "
      "RETURN r.acting AS acting, count(r) AS deals, count(r.amount_usd) AS "
      "disclosed, sum(r.amount_usd) AS usd ORDER BY usd DESC");
  ASSERT_FALSE(money.rows.empty());
  EXPECT_EQ(money.rows[0][0].ToPlainString(), "Alibaba Group");
  for (const auto& row : money.rows) {
    EXPECT_LE(row[2].as_int(), row[1].as_int()) << row[0].ToPlainString();
  }
}

}  // namespace
}  // namespace ecograph
