// Unit tests of the shell's pieces: terminal layouts (vertical, auto,
// max rows, EXPLAIN), `:param` evaluation, the engine's cancel flag and its
// notifications for unknown names.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <sstream>

#include <unistd.h>

#include "cli/param_command.h"
#include "cli/result_printer.h"
#include "graph/topology_cache.h"
#include "query/engine.h"
#include "storage/store.h"

namespace ecograph::cli {
namespace {

using query::Value;

query::QueryResult TwoRows() {
  query::QueryResult result;
  result.columns = {"target", "year"};
  result.rows.push_back({Value::String("Lazada Group"), Value::Int(2016)});
  result.rows.push_back({Value::String("Trendyol"), Value::Int(2018)});
  return result;
}

std::string Print(const query::QueryResult& result, PrintOptions options) {
  std::ostringstream out, info;
  PrintResult(result, options, out, info);
  return out.str();
}

std::string Rule(size_t width) {
  std::string out;
  for (size_t i = 0; i < width; ++i) out += "\u2500";
  return out;
}

TEST(ShellPrinterTest, Vertical) {
  PrintOptions options;
  options.format = OutputFormat::kVertical;
  // Separators as wide as the widest line: 6 + 3 + 14 columns.
  EXPECT_EQ(Print(TwoRows(), options),
            std::string() + "\u2500[ row 1 ]" + Rule(13) + "\n"
            "target \u2502 'Lazada Group'\n"
            "year   \u2502 2016\n"
            "\u2500[ row 2 ]" + Rule(13) + "\n"
            "target \u2502 'Trendyol'\n"
            "year   \u2502 2018\n"
            "2 rows\n");
}

TEST(ShellPrinterTest, AutoIsATableUnlessTooWide) {
  PrintOptions options;
  options.format = OutputFormat::kAuto;
  options.max_width = 80;
  std::string wide_enough = Print(TwoRows(), options);
  EXPECT_EQ(wide_enough.rfind("\u250c", 0), 0u) << wide_enough;
  // The table needs 4 + 14 + 3 + 4 = 25 columns.
  options.max_width = 25;
  EXPECT_EQ(Print(TwoRows(), options).rfind("\u250c", 0), 0u);
  options.max_width = 24;
  std::string narrow = Print(TwoRows(), options);
  EXPECT_EQ(narrow.rfind("\u2500[ row 1 ]", 0), 0u) << narrow;
  EXPECT_NE(narrow.find("target \u2502 'Lazada Group'\n"), std::string::npos);
}

TEST(ShellPrinterTest, MaxRowsPrintsTheRowsLeftOut) {
  query::QueryResult result;
  result.columns = {"x"};
  for (int i = 1; i <= 5; ++i) result.rows.push_back({Value::Int(i)});
  PrintOptions options;
  options.format = OutputFormat::kTable;
  options.max_rows = 2;
  options.more_rows_hint = ":maxrows 0 shows all";
  EXPECT_EQ(Print(result, options),
            "\u250c\u2500\u2500\u2500\u2510\n\u2502 x \u2502\n\u251c\u2500\u2500\u2500\u2524\n"
            "\u2502 1 \u2502\n\u2502 2 \u2502\n\u2514\u2500\u2500\u2500\u2518\n"
            "\u2026 3 more rows (:maxrows 0 shows all)\n5 rows\n");
  options.max_rows = 4;
  EXPECT_NE(Print(result, options).find("\u2026 1 more row (:maxrows"), std::string::npos);
  options.max_rows = 5;
  EXPECT_EQ(Print(result, options).find("more row"), std::string::npos);
  // Machine formats never drop rows.
  options.format = OutputFormat::kCsv;
  options.max_rows = 2;
  EXPECT_EQ(Print(result, options), "x\r\n1\r\n2\r\n3\r\n4\r\n5\r\n");
}

TEST(ShellPrinterTest, ExplainPrintsOnlyThePlan) {
  query::QueryResult result;
  result.columns = {"n"};
  result.plan = "+Projection(n)\n  +NodeByLabelScan(n:Company)\n";
  result.plan_only = true;
  for (OutputFormat format : {OutputFormat::kTable, OutputFormat::kAuto, OutputFormat::kCsv,
                              OutputFormat::kJson, OutputFormat::kVertical}) {
    PrintOptions options;
    options.format = format;
    EXPECT_EQ(Print(result, options), result.plan) << OutputFormatName(format);
  }
}

TEST(ShellPrinterTest, FormatNames) {
  for (const char* name : {"table", "vertical", "auto", "csv", "tsv", "json", "jsonl", "markdown"}) {
    auto format = ParseOutputFormat(name);
    ASSERT_TRUE(format.has_value()) << name;
    EXPECT_STREQ(OutputFormatName(*format), name);
    EXPECT_NE(std::string(OutputFormatNames()).find(name), std::string::npos);
  }
  EXPECT_TRUE(IsTerminalLayout(OutputFormat::kAuto));
  EXPECT_FALSE(IsTerminalLayout(OutputFormat::kMarkdown));
}

// A store in a temporary directory with the engine over it.
class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("ecograph-shell-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    storage::OpenOptions open;
    open.create_if_missing = true;
    auto store = storage::Store::Open(dir_.string(), open);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    topology_ = std::make_unique<graph::TopologyCache>(*store_);
    engine_ = std::make_unique<query::QueryEngine>(*store_, *topology_);
    Run("CREATE (:Company {name: 'Alibaba Group'})-[:ACQUIRED {year: 2018}]->"
        "(:Company {name: 'Trendyol'})");
  }
  void TearDown() override {
    engine_.reset();
    topology_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  query::QueryResult Run(const std::string& text, query::QueryOptions options = {}) {
    options.notifications = true;
    query::QueryOutcome outcome = engine_->Execute(text, {}, options);
    EXPECT_TRUE(outcome.ok()) << query::FormatError(*outcome.error, text);
    return outcome.ok() ? *outcome.result : query::QueryResult{};
  }
  std::vector<std::string> Warnings(const std::string& text) {
    std::vector<std::string> out;
    for (const query::Notification& notification : Run(text).notifications) {
      query::QueryError as_error(query::ErrorKind::kSemantic, notification.message,
                                 notification.span);
      std::string formatted = query::FormatError(as_error, text);
      out.push_back(formatted.substr(0, formatted.find('\n')));
    }
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<graph::TopologyCache> topology_;
  std::unique_ptr<query::QueryEngine> engine_;
};

TEST_F(EngineTest, CancelFlagStopsTheQuery) {
  std::atomic<bool> cancel{true};
  query::QueryOptions options;
  options.cancel = &cancel;
  options.timeout = std::chrono::milliseconds(0);
  const std::string endless =
      "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n";
  query::QueryOutcome outcome = engine_->Execute(endless, {}, options);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->message(), "query cancelled");
  // A cancelled write leaves nothing behind.
  outcome = engine_->Execute("UNWIND range(1, 100000) AS i CREATE (:Scratch {i: i})", {}, options);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->message(), "query cancelled");
  cancel = false;
  EXPECT_EQ(Run("MATCH (n) RETURN count(n) AS n", options).rows[0][0].as_int(), 2);
  EXPECT_EQ(Run("UNWIND range(1, 3000) AS i RETURN count(i) AS n", options).rows[0][0].as_int(),
            3000);
}

TEST_F(EngineTest, NotificationsForUnknownNames) {
  EXPECT_EQ(Warnings("MATCH (c:Compnay)-[:ACQUIRD]->(t) WHERE t.nmae = 'x' RETURN c.founded"),
            (std::vector<std::string>{
                "1:10: label 'Compnay' is not in the database (did you mean 'Company'?)",
                "1:21: relationship type 'ACQUIRD' is not in the database (did you mean "
                "'ACQUIRED'?)",
                "1:43: property key 'nmae' is not in the database (did you mean 'name'?)",
                "1:63: property key 'founded' is not in the database"}));
  EXPECT_EQ(Warnings("MATCH (c:company {Name: 'Trendyol'}) RETURN c"),
            (std::vector<std::string>{
                "1:10: label 'company' is not in the database (did you mean 'Company'?)",
                "1:19: property key 'Name' is not in the database (did you mean 'name'?)"}));
  // Pattern predicates and label tests in WHERE; each name once.
  EXPECT_EQ(Warnings("MATCH (c) WHERE c:Fintech OR (c)-[:INVESTED_IN]->() OR c:Fintech RETURN c"),
            (std::vector<std::string>{"1:19: label 'Fintech' is not in the database",
                                      "1:36: relationship type 'INVESTED_IN' is not in the "
                                      "database"}));
}

TEST_F(EngineTest, NotificationsOnlyWhenAsked) {
  query::QueryOutcome outcome = engine_->Execute("MATCH (c:Compnay) RETURN c");
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome.result->notifications.empty());
}

TEST_F(EngineTest, NoNotificationsForKnownWrittenOrMapNames) {
  EXPECT_TRUE(Warnings("MATCH (c:Company)-[d:ACQUIRED]->(t) RETURN c.name, d.year").empty());
  // Names the statement writes.
  EXPECT_TRUE(Warnings("CREATE (n:Fresh {k: 1})-[:NEW_TYPE]->(m:Fresh) SET m.other = 2 "
                       "WITH n MATCH (x:Fresh)-[:NEW_TYPE]->(y) RETURN x.k, y.other")
                  .empty());
  // Keys of maps, and of variables rebound to values, are not database names.
  EXPECT_TRUE(Warnings("WITH {a: 1} AS m RETURN m.b").empty());
  EXPECT_TRUE(Warnings("MATCH (n:Company) WITH {x: 1} AS n RETURN n.x").empty());
  EXPECT_TRUE(Warnings("UNWIND [{k: 1}] AS row RETURN row.k").empty());
  // Schema statements name data that may come later.
  EXPECT_TRUE(Warnings("CREATE INDEX FOR (n:Later) ON (n.key)").empty());
}

query::Value ParamValue(const ParamAssignments& assigned, const std::string& name) {
  for (const auto& [key, value] : assigned.values) {
    if (key == name) return value;
  }
  ADD_FAILURE() << "no parameter " << name << "; error: " << assigned.error;
  return {};
}

TEST_F(EngineTest, ParamCommandForms) {
  query::Params params;
  for (const std::string line : {":param name 'Turkey'", ":param name => 'Turkey'",
                                 ":param name: 'Turkey'", ":param $name='Turkey'",
                                 ":param name 'Tur' + 'key';"}) {
    ParamAssignments assigned = EvaluateParamCommand(*engine_, line, 6, params, {});
    ASSERT_TRUE(assigned.error.empty()) << line << ": " << assigned.error;
    ASSERT_EQ(assigned.values.size(), 1u) << line;
    EXPECT_EQ(assigned.values[0].first, "name") << line;
    EXPECT_EQ(assigned.values[0].second.as_string(), "Turkey") << line;
  }
  params["base"] = Value::Int(2000);
  ParamAssignments map = EvaluateParamCommand(
      *engine_, ":param {name: 'Turkey', year: $base + 18, tags: ['阿里巴巴', 'İstanbul']}", 6,
      params, {});
  ASSERT_TRUE(map.error.empty()) << map.error;
  EXPECT_EQ(map.values.size(), 3u);
  EXPECT_EQ(ParamValue(map, "year").as_int(), 2018);
  EXPECT_EQ(ParamValue(map, "tags").as_list()[1].as_string(), "İstanbul");
}

TEST_F(EngineTest, ParamCommandErrorsPointIntoTheLine) {
  ParamAssignments unquoted = EvaluateParamCommand(*engine_, ":param name Turkey", 6, {}, {});
  EXPECT_TRUE(unquoted.values.empty());
  EXPECT_EQ(unquoted.error,
            "1:13: variable 'Turkey' not defined\n:param name Turkey\n            ^^^^^^\n"
            "(values are Cypher expressions: quote strings, as in :param name 'Turkey')");
  ParamAssignments bad = EvaluateParamCommand(*engine_, ":param x => (1 +", 6, {}, {});
  EXPECT_EQ(bad.error.rfind("1:", 0), 0u) << bad.error;
  EXPECT_NE(bad.error.find(":param x => (1 +\n"), std::string::npos) << bad.error;
  EXPECT_EQ(EvaluateParamCommand(*engine_, ":param", 6, {}, {}).error.rfind("usage:", 0), 0u);
  EXPECT_EQ(EvaluateParamCommand(*engine_, ":param x", 6, {}, {}).error.rfind("usage:", 0), 0u);
  EXPECT_EQ(EvaluateParamCommand(*engine_, ":param {a: 1} ", 6, {}, {}).values.size(), 1u);
  EXPECT_EQ(EvaluateParamCommand(*engine_, ":param [1, 2]", 6, {}, {}).error.rfind("usage:", 0),
            0u);
}

}  // namespace
}  // namespace ecograph::cli
