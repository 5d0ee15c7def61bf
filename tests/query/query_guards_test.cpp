// The per-statement guards: the memory budget (buffering operators and
// single values), the timeout checked during expression evaluation, and
// the cancel flag checked while a UNION is planned, and one timeout for
// planning and execution together.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "query/engine.h"
#include "query/execution_context.h"
#include "query/parser.h"
#include "query/planner.h"
#include "tests/query/test_database.h"

namespace ecograph::query {
namespace {

class QueryGuardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.engine().Execute("UNWIND range(1, 1000) AS i CREATE (:P {i: i, s: 'p' + toString(i)})").ok());
  }
  QueryError Fails(const std::string& query, const QueryOptions& options) {
    QueryOutcome outcome = db_.engine().Execute(query, {}, options);
    if (outcome.ok()) {
      ADD_FAILURE() << query << ": expected an error";
      return QueryError(ErrorKind::kInternal, "no error");
    }
    return *outcome.error;
  }
  static QueryOptions Budget(uint64_t bytes) {
    QueryOptions options;
    options.memory_budget = bytes;
    return options;
  }
  testing::TestDatabase db_;
};

TEST_F(QueryGuardsTest, BufferingOperatorsStayWithinTheBudget) {
  const char* queries[] = {
      "MATCH (a:P), (b:P) RETURN a.i, b.i ORDER BY a.s",
      "MATCH (a:P), (b:P) RETURN DISTINCT a.i, b.i",
      "MATCH (a:P), (b:P) RETURN a.i, b.i, count(*)",
      "MATCH (a:P), (b:P) RETURN collect(a.s + b.s)",
      "MATCH (a:P), (b:P) WITH a, b LIMIT 200000 SET a.x = 1",
  };
  for (const char* query : queries) {
    QueryError error = Fails(query, Budget(uint64_t{1} << 20));
    EXPECT_EQ(error.kind(), ErrorKind::kRuntime) << query;
    EXPECT_NE(error.message().find("query memory budget of 1 MiB"), std::string::npos)
        << query << ": " << error.message();
  }
  // The same statements fit the default budget.
  QueryOutcome outcome = db_.engine().Execute("MATCH (a:P), (b:P) WHERE a.i < 200 RETURN a.i, b.i ORDER BY a.s");
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.result->rows.size(), 199u * 1000u);
}

TEST_F(QueryGuardsTest, AValueLargerThanTheBudgetIsAnError) {
  std::string query = "WITH 'x' AS s";
  for (int step = 0; step < 40; ++step) query += " WITH s + s AS s";
  query += " RETURN size(s)";
  QueryError error = Fails(query, Budget(uint64_t{64} << 20));
  EXPECT_EQ(error.kind(), ErrorKind::kRuntime);
  EXPECT_EQ(error.message(), "a string concatenation would exceed the query memory budget of 64 MiB");
  EXPECT_TRUE(error.span().valid);

  error = Fails("WITH range(1, 1000) AS l WITH l + l AS l WITH l + l AS l WITH l + l AS l RETURN size(l)",
                Budget(64 << 10));
  EXPECT_EQ(error.message(), "a list concatenation would exceed the query memory budget of 65536 bytes");
}

TEST_F(QueryGuardsTest, TimeoutIsCheckedDuringExpressionEvaluation) {
  QueryOptions options;
  options.timeout = std::chrono::milliseconds(1);
  // One row, one expression: all the work is inside the evaluator.
  QueryError error = Fails("RETURN any(x IN range(1, 3000000) WHERE x % 7 = 9) AS found", options);
  EXPECT_EQ(error.kind(), ErrorKind::kTimeout) << error.message();
  error = Fails("RETURN size([x IN range(1, 3000000) WHERE x % 3 = 0 | x * 2]) AS n", options);
  EXPECT_EQ(error.kind(), ErrorKind::kTimeout) << error.message();
}

TEST_F(QueryGuardsTest, NoBudgetMeansNoBudget) {
  QueryOutcome outcome =
      db_.engine().Execute("MATCH (a:P), (b:P) WHERE a.i <= 10 RETURN count(DISTINCT [a.i, b.i])", {}, Budget(0));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.result->rows[0][0].ToDisplayString(), "10000");
}

}  // namespace
}  // namespace ecograph::query

namespace ecograph::query {
namespace {

// A UNION of many branches: each branch's leaf clears only its own slots, so
// execution is linear in the number of branches (it was quadratic). Checks
// the answer at a size where the quadratic version took seconds.
TEST(UnionScaleTest, ManyBranchesGiveEveryRow) {
  testing::TestDatabase db;
  std::string query;
  const int kBranches = 20000;
  for (int branch = 0; branch < kBranches; ++branch) {
    query += (branch ? " UNION ALL RETURN " : "RETURN ") + std::to_string(branch) + " AS x";
  }
  QueryOutcome outcome = db.engine().Execute(query);
  ASSERT_TRUE(outcome.ok()) << outcome.error->message();
  ASSERT_EQ(outcome.result->rows.size(), static_cast<size_t>(kBranches));
  int64_t sum = 0;
  for (const auto& row : outcome.result->rows) sum += row[0].as_int();
  EXPECT_EQ(sum, int64_t{kBranches} * (kBranches - 1) / 2);
  // UNION (distinct) over repeated values.
  query.clear();
  for (int branch = 0; branch < kBranches; ++branch) {
    query += (branch ? " UNION RETURN " : "RETURN ") + std::to_string(branch % 7) + " AS x";
  }
  outcome = db.engine().Execute(query);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.result->rows.size(), 7u);
}

}  // namespace
// The timeout runs from when the statement began: a planner or an execution
// context for a statement that began longer ago than the timeout stops at its
// first check instead of getting a timeout of its own.
TEST_F(QueryGuardsTest, PlanningAndExecutionShareTheStatementsTimeout) {
  const std::string text = "RETURN 1 AS x UNION RETURN 2 AS x";
  Statement statement = ParseStatement(text);
  QueryOptions options;
  options.timeout = std::chrono::milliseconds(60'000);
  auto long_ago = std::chrono::steady_clock::now() - std::chrono::minutes(2);
  auto txn = db_.store().BeginRead();
  auto kind_of = [](const std::function<void()>& action) {
    try {
      action();
    } catch (const QueryError& error) {
      return error.kind();
    }
    return ErrorKind::kInternal;  // nothing thrown
  };
  Planner late_planner(*txn, options, long_ago);
  EXPECT_EQ(kind_of([&] { late_planner.Plan(statement, text); }), ErrorKind::kTimeout);
  graph::TopologyCache topology(db_.store());
  Params params;
  ExecContext late_context(*txn, topology, params, options, text, long_ago);
  EXPECT_EQ(kind_of([&] { late_context.CheckTimeout(); }), ErrorKind::kTimeout);
  // A statement that begins now has its whole timeout.
  Planner planner(*txn, options, std::chrono::steady_clock::now());
  EXPECT_NE(planner.Plan(statement, text).root, nullptr);
}

TEST_F(QueryGuardsTest, UnionPlanningChecksTheCancelFlag) {
  // EXPLAIN only plans: the error can only come from the planner.
  std::string query = "RETURN 0 AS x";
  for (int branch = 1; branch < 500; ++branch) query += " UNION RETURN " + std::to_string(branch) + " AS x";
  std::atomic<bool> cancel{true};
  QueryOptions options;
  options.cancel = &cancel;
  QueryOutcome outcome = db_.engine().Execute(query, {}, options, ExplainMode::kExplain);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->message(), "query cancelled");
  // Without the flag the same statement plans and runs: 500 distinct rows.
  cancel = false;
  outcome = db_.engine().Execute(query, {}, options);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.result->rows.size(), 500u);
}

}  // namespace ecograph::query

namespace ecograph::query {
namespace {

// Ctrl-C's flag (QueryOptions::cancel) reaches the work that runs outside
// the operators' row loops: the topology build, the graph algorithms behind
// CALL algo.*, and ORDER BY's sort.
class CancelReachTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.engine().Execute("UNWIND range(1, 50) AS i CREATE (:C {i: i})").ok());
    ASSERT_TRUE(db_.engine()
                    .Execute("MATCH (a:C), (b:C) WHERE b.i = a.i + 1 "
                             "CREATE (a)-[:NEXT {year: 2000}]->(b)")
                    .ok());
    options_.cancel = &cancel_;
  }
  std::string Outcome(const std::string& query) {
    QueryOutcome outcome = db_.engine().Execute(query, {}, options_);
    return outcome.ok() ? "ok" : outcome.error->message();
  }
  testing::TestDatabase db_;
  std::atomic<bool> cancel_{false};
  QueryOptions options_;
};

const char* const kAlgorithmCalls[] = {
    "MATCH (a:C {i: 1}), (b:C {i: 50}) CALL algo.shortestPath(a, b) YIELD length RETURN length",
    "MATCH (a:C {i: 1}), (b:C {i: 50}) CALL algo.allShortestPaths(a, b) YIELD length "
    "RETURN length",
    "MATCH (a:C {i: 1}), (b:C {i: 50}) CALL algo.kShortestPaths(a, b, 2, {}) YIELD length "
    "RETURN length",
    "MATCH (a:C {i: 1}) CALL algo.kHop(a, 3) YIELD node RETURN count(node)",
    "CALL algo.wcc({}) YIELD node, componentId RETURN count(*)",
    "CALL algo.degree({}) YIELD node, degree RETURN sum(degree)",
    "CALL algo.pageRank({}) YIELD node, score RETURN count(*)",
    "CALL algo.betweenness({}) YIELD node, score RETURN count(*)",
};

TEST_F(CancelReachTest, TheTopologyBuildAndEveryAlgorithmStopWithTheCancelError) {
  // Nothing has built the topology yet (only writes ran): the build stops.
  cancel_ = true;
  EXPECT_EQ(Outcome(kAlgorithmCalls[0]), "query cancelled");
  // A cancelled build leaves nothing behind: the same call then works.
  cancel_ = false;
  for (const char* call : kAlgorithmCalls) EXPECT_EQ(Outcome(call), "ok") << call;
  // The topology is built and cached now: each algorithm itself stops.
  cancel_ = true;
  for (const char* call : kAlgorithmCalls) EXPECT_EQ(Outcome(call), "query cancelled") << call;
}

TEST_F(CancelReachTest, OrderByStopsWhileSorting) {
  cancel_ = true;
  // 300 rows reach the sort after fewer ticks than one check interval
  // (1,024): without ORDER BY the flag is never looked at and the
  // statement completes. Sorting them takes over 2,000 comparisons, each a
  // tick: the sort itself stops, in both the full and the top-k sort.
  EXPECT_EQ(Outcome("UNWIND range(1, 300) AS x RETURN x"), "ok");
  EXPECT_EQ(Outcome("UNWIND range(1, 300) AS x RETURN x ORDER BY -x"), "query cancelled");
  EXPECT_EQ(Outcome("UNWIND range(1, 300) AS x RETURN x ORDER BY -x LIMIT 150"),
            "query cancelled");
  cancel_ = false;
  QueryOutcome sorted = db_.engine().Execute("UNWIND range(1, 300) AS x RETURN x ORDER BY -x",
                                             {}, options_);
  ASSERT_TRUE(sorted.ok());
  EXPECT_EQ(sorted.result->rows.front()[0].as_int(), 300);
  EXPECT_EQ(sorted.result->rows.back()[0].as_int(), 1);
}

}  // namespace
}  // namespace ecograph::query
