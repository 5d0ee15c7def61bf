// Differential test: random queries over random small graphs, the engine's
// rows compared (as multisets) with the brute-force reference evaluator's.
// Fixed seeds, so a failure reproduces; the failing graph and query are
// printed in full.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "query/engine.h"
#include "tests/query/query_generator.h"
#include "tests/query/reference_evaluator.h"
#include "tests/query/test_database.h"

namespace ecograph::query {
namespace {

using reference::RefGraph;
using reference::RefQuery;

constexpr int kGraphs = 100;
constexpr int kMatchQueriesPerGraph = 8;
constexpr int kShortestQueriesPerGraph = 3;

class DifferentialTest : public ::testing::Test {
 protected:
  void Load(const RefGraph& graph) {
    ASSERT_TRUE(db_.engine().Execute("MATCH (n) DETACH DELETE n").ok());
    std::string create = graph.CreateStatement();
    if (create.empty()) return;
    QueryOutcome outcome = db_.engine().Execute(create);
    ASSERT_TRUE(outcome.ok()) << create << "\n" << FormatError(*outcome.error, create);
  }

  // Returns false (after reporting) on a difference.
  bool Compare(const RefGraph& graph, const RefQuery& query) {
    std::string text = query.ToCypher();
    QueryOutcome outcome = db_.engine().Execute(text);
    if (!outcome.ok()) {
      ADD_FAILURE() << "graph: " << graph.CreateStatement() << "\nquery: " << text << "\n"
                    << FormatError(*outcome.error, text);
      return false;
    }
    std::vector<std::string> actual;
    for (const auto& row : outcome.result->rows) {
      std::string line;
      for (size_t idx = 0; idx < row.size(); ++idx) line += (idx ? " | " : "") + row[idx].ToDisplayString();
      actual.push_back(std::move(line));
    }
    std::vector<std::string> expected = reference::EvaluateReference(graph, query);
    std::sort(actual.begin(), actual.end());
    std::sort(expected.begin(), expected.end());
    if (actual == expected) return true;
    std::string report = "graph: " + graph.CreateStatement() + "\nquery: " + text + "\nexpected:";
    for (const auto& row : expected) report += "\n  " + row;
    report += "\nactual:";
    for (const auto& row : actual) report += "\n  " + row;
    ADD_FAILURE() << report;
    return false;
  }

  testing::TestDatabase db_;
};

TEST_F(DifferentialTest, RandomQueriesMatchTheReference) {
  // ECOGRAPH_DIFFERENTIAL_SEED explores other seeds; the suite uses the fixed one.
  const char* seed = std::getenv("ECOGRAPH_DIFFERENTIAL_SEED");
  std::mt19937 rng(seed ? static_cast<uint32_t>(std::strtoul(seed, nullptr, 10)) : 20261205u);
  int compared = 0, differences = 0;
  for (int graph_idx = 0; graph_idx < kGraphs && differences < 5; ++graph_idx) {
    RefGraph graph = reference::RandomGraph(rng);
    Load(graph);
    for (int query_idx = 0; query_idx < kMatchQueriesPerGraph; ++query_idx) {
      RefQuery query = reference::RandomMatchQuery(rng);
      ++compared;
      if (!Compare(graph, query)) ++differences;
    }
    if (graph.nodes.size() < 2) continue;
    for (int query_idx = 0; query_idx < kShortestQueriesPerGraph; ++query_idx) {
      RefQuery query = reference::RandomShortestQuery(rng, graph);
      ++compared;
      if (!Compare(graph, query)) ++differences;
    }
  }
  EXPECT_EQ(differences, 0);
  if (differences == 0) EXPECT_GE(compared, 500);
}

}  // namespace
}  // namespace ecograph::query
