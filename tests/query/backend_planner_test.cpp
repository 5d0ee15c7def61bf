// Planner choices (via EXPLAIN), guards and write atomicity.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/engine.h"
#include "tests/query/test_database.h"

namespace ecograph::query {
namespace {

using testing::TestDatabase;

class BackendPlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Exec("UNWIND range(1, 30) AS i CREATE (:Company {id: 'C' + toString(i), n: i})");
    Exec("UNWIND range(1, 3) AS i CREATE (:Country {name: 'K' + toString(i)})");
    Exec("MATCH (c:Company), (k:Country {name: 'K1'}) WHERE c.n <= 10 CREATE (c)-[:HQ]->(k)");
    Exec("MATCH (a:Company {n: 1}), (b:Company {n: 2}) CREATE (a)-[:DEAL]->(b), (b)-[:DEAL]->(a)");
  }
  void Exec(const std::string& query) {
    QueryOutcome outcome = db_.engine().Execute(query);
    ASSERT_TRUE(outcome.ok()) << query << "\n" << FormatError(*outcome.error, query);
  }
  std::string Plan(const std::string& query) {
    QueryOutcome outcome = db_.engine().Execute(query, {}, {}, ExplainMode::kExplain);
    if (!outcome.ok()) {
      ADD_FAILURE() << FormatError(*outcome.error, query);
      return "";
    }
    return outcome.result->plan;
  }
  std::vector<std::string> Rows(const std::string& query) {
    QueryOutcome outcome = db_.engine().Execute(query);
    if (!outcome.ok()) {
      ADD_FAILURE() << query << "\n" << FormatError(*outcome.error, query);
      return {};
    }
    std::vector<std::string> rows;
    for (const auto& row : outcome.result->rows) {
      std::string line;
      for (size_t idx = 0; idx < row.size(); ++idx) line += (idx ? " | " : "") + row[idx].ToDisplayString();
      rows.push_back(line);
    }
    return rows;
  }
  TestDatabase db_;
};

TEST_F(BackendPlannerTest, StartsFromTheSmallestLabel) {
  std::string plan = Plan("MATCH (c:Company)-[:HQ]->(k:Country) RETURN c.id");
  EXPECT_NE(plan.find("NodeByLabelScan(k:Country)"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Expand((k)<-[:HQ]-(c:Company))"), std::string::npos) << plan;
  EXPECT_EQ(Rows("MATCH (c:Company)-[:HQ]->(k:Country) RETURN count(*)"), (std::vector<std::string>{"10"}));
}

TEST_F(BackendPlannerTest, ExplainShowsTheOptimizedLogicalPlanAboveThePhysicalOne) {
  std::string plan = Plan("MATCH (c:Company)-[:HQ]->(k:Country) WHERE c.n > 3 AND k.name = 'K1' RETURN c.id");
  EXPECT_EQ(plan,
            "Logical plan:\n"
            "  (c:Company)-[:HQ]->(k:Country)\n"
            "    Start LabelScan(k:Country)  [start_choice]\n"
            "    Filter k.name = 'K1'  [predicate_pushdown]\n"
            "    Expand (k)<-[:HQ]-(c)\n"
            "    Filter c.n > 3  [predicate_pushdown]\n"
            "Physical plan:\n"
            "+Projection(c.id)\n"
            "  +Filter(c.n > 3)\n"
            "    +Expand((k)<-[:HQ]-(c:Company))\n"
            "      +Filter(k.name = 'K1')\n"
            "        +NodeByLabelScan(k:Country)\n"
            "          +SingleRow\n");
  // A pattern predicate is planned through the same pipeline (listed first).
  plan = Plan("MATCH (c:Company) WHERE (c)-[:HQ]->(:Country {name: 'K1'}) RETURN c.id");
  EXPECT_EQ(plan.rfind("Logical plan:\n  (c)-[:HQ]->(:Country {name: 'K1'})\n    Start Argument(c)\n", 0), 0u)
      << plan;
  EXPECT_EQ(Rows("MATCH (c:Company) WHERE (c)-[:HQ]->(:Country {name: 'K1'}) RETURN count(*)"),
            (std::vector<std::string>{"10"}));
}

TEST_F(BackendPlannerTest, UsesIndexesForEqualityAndRanges) {
  Exec("CREATE INDEX FOR (c:Company) ON (c.n)");
  std::string plan = Plan("MATCH (c:Company)-[:HQ]->(k:Country) WHERE c.n = 3 RETURN k.name");
  EXPECT_NE(plan.find("NodeIndexSeek(c:Company(n))"), std::string::npos) << plan;
  plan = Plan("MATCH (c:Company) WHERE c.n > 3 AND c.n < 6 RETURN c.id");
  EXPECT_NE(plan.find("NodeIndexSeekByRange(c:Company(n))"), std::string::npos) << plan;
  EXPECT_EQ(Rows("MATCH (c:Company) WHERE c.n > 3 AND c.n < 6 RETURN c.n ORDER BY c.n"),
            (std::vector<std::string>{"4", "5"}));
  EXPECT_EQ(Rows("MATCH (c:Company) WHERE 28 <= c.n RETURN c.n ORDER BY c.n"),
            (std::vector<std::string>{"28", "29", "30"}));
}

TEST_F(BackendPlannerTest, BoundVariablesAndNodeById) {
  std::string plan = Plan("MATCH (c:Company) WITH c MATCH (c)-[:HQ]->(k) RETURN k");
  EXPECT_NE(plan.find("Expand((c)-[:HQ]->(k))"), std::string::npos) << plan;
  plan = Plan("MATCH (n) WHERE id(n) = 0 RETURN n");
  EXPECT_NE(plan.find("NodeByIdSeek(n)"), std::string::npos) << plan;
}

TEST_F(BackendPlannerTest, FailingWriteIsRolledBack) {
  Exec("CREATE CONSTRAINT FOR (c:Company) REQUIRE c.id IS UNIQUE");
  QueryOutcome outcome = db_.engine().Execute("CREATE (:Company {id: 'NEW'}), (:Company {id: 'C1'})");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind(), ErrorKind::kConstraint);
  EXPECT_EQ(Rows("MATCH (c:Company {id: 'NEW'}) RETURN c"), std::vector<std::string>{});
  EXPECT_EQ(Rows("MATCH (c:Company) RETURN count(c)"), (std::vector<std::string>{"30"}));
}

TEST_F(BackendPlannerTest, IntermediateRowGuard) {
  QueryOptions options;
  options.max_intermediate_rows = 100;
  QueryOutcome outcome = db_.engine().Execute(
      "MATCH (a:Company), (b:Company) RETURN a.id, b.id ORDER BY a.id", {}, options);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind(), ErrorKind::kRuntime);
}

TEST_F(BackendPlannerTest, PatternFeatures) {
  EXPECT_EQ(Rows("MATCH (a:Company)-[:DEAL]-(b) RETURN a.n, b.n ORDER BY a.n, b.n"),
            (std::vector<std::string>{"1 | 2", "1 | 2", "2 | 1", "2 | 1"}));
  EXPECT_EQ(Rows("MATCH (a:Company {n: 1}) RETURN [(a)-[:DEAL]->(b) | b.n] AS ns, a:Company AS is"),
            (std::vector<std::string>{"[2] | true"}));
  EXPECT_EQ(Rows("MATCH (a:Company) WHERE (a)-[:HQ]->(:Country {name: 'K1'}) RETURN count(a)"),
            (std::vector<std::string>{"10"}));
  EXPECT_EQ(Rows("MATCH (a:Company {n: 1}) RETURN a {.id, k: 5} AS m"),
            (std::vector<std::string>{"{id: 'C1', k: 5}"}));
  EXPECT_EQ(Rows("MATCH (a:Company {n: 1})-[*2]->(b) RETURN b.n ORDER BY b.n"),
            (std::vector<std::string>{"1", "null"}));
  EXPECT_EQ(Rows("MATCH (c:Company) RETURN c.n % 3 AS k, count(*) AS n ORDER BY count(*) DESC, k LIMIT 2"),
            (std::vector<std::string>{"0 | 10", "1 | 10"}));
}

TEST_F(BackendPlannerTest, SelfLoopMatchedOnceUndirected) {
  Exec("CREATE (l:Loop)-[:SELF]->(l)");
  EXPECT_EQ(Rows("MATCH (l:Loop)-[r]-(x) RETURN count(r)"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(Rows("MATCH (l:Loop)-[r]->(x) RETURN count(r)"), (std::vector<std::string>{"1"}));
}

}  // namespace
}  // namespace ecograph::query
