// End-to-end tests of the query backend (binder, planner, operators,
// evaluator) over a real temporary store.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/engine.h"
#include "tests/query/test_database.h"

namespace ecograph::query {
namespace {

using testing::ErrorFirstLine;
using testing::TestDatabase;

class BackendTest : public ::testing::Test {
 protected:
  // Rows rendered as "v1 | v2" with ToDisplayString.
  std::vector<std::string> Rows(const std::string& query, const Params& params = {}) {
    QueryOutcome outcome = db_.engine().Execute(query, params);
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
  std::string One(const std::string& query, const Params& params = {}) {
    auto rows = Rows(query, params);
    if (rows.size() != 1) {
      ADD_FAILURE() << query << ": expected one row, got " << rows.size();
      return "";
    }
    return rows[0];
  }
  QueryError Error(const std::string& query, const Params& params = {}) {
    QueryOutcome outcome = db_.engine().Execute(query, params);
    if (outcome.ok()) {
      ADD_FAILURE() << query << ": expected an error";
      return QueryError(ErrorKind::kInternal, "no error");
    }
    return *outcome.error;
  }
  void Exec(const std::string& query) {
    QueryOutcome outcome = db_.engine().Execute(query);
    ASSERT_TRUE(outcome.ok()) << query << "\n" << FormatError(*outcome.error, query);
  }
  void SmallGraph() {
    Exec("CREATE (a:Company {id: 'A', name: 'Acme', founded: 1990}),"
         " (b:Company {id: 'B', name: 'Bolt', founded: 2001}),"
         " (c:Company {id: 'C', name: 'Core', founded: 2010}),"
         " (u:Country {name: 'Utopia'}),"
         " (a)-[:ACQUIRED {year: 2015}]->(b), (b)-[:ACQUIRED {year: 2018}]->(c),"
         " (a)-[:INVESTED_IN {year: 2012, amount: 10.5}]->(c),"
         " (a)-[:HQ]->(u), (b)-[:HQ]->(u), (c)-[:HQ]->(u)");
  }
  TestDatabase db_;
};

TEST_F(BackendTest, ReturnLiteralsAndArithmetic) {
  EXPECT_EQ(One("RETURN 1 + 2 AS x, 'a' + 'b' AS s, 7 / 2 AS d, 7.0 / 2 AS f"), "3 | 'ab' | 3 | 3.5");
  EXPECT_EQ(One("RETURN [1, 2] + [3] AS l, {a: 1, b: 'x'} AS m"), "[1, 2, 3] | {a: 1, b: 'x'}");
  EXPECT_EQ(One("RETURN 1.0 AS f, 2 ^ 3 AS p, -5 % 3 AS m"), "1.0 | 8.0 | -2");
  EXPECT_EQ(One("RETURN 1.0 / 0 AS inf, 0.0 / 0 AS nan"), "Infinity | NaN");
}

TEST_F(BackendTest, NullSemantics) {
  EXPECT_EQ(One("RETURN null = null AS a, null <> 1 AS b, 1 = 1.0 AS c, 'a' < 1 AS d"),
            "null | null | true | null");
  EXPECT_EQ(One("RETURN true OR null AS a, false AND null AS b, true AND null AS c, NOT null AS d"),
            "true | false | null | null");
  EXPECT_EQ(One("RETURN 2 IN [1, null] AS a, 1 IN [1, null] AS b, null IN [] AS c"), "null | true | false");
  EXPECT_EQ(One("RETURN [1, null] = [1, null] AS a, [1, 2] = [1, 3] AS b"), "null | false");
  EXPECT_EQ(One("RETURN null IS NULL AS a, 1 IS NOT NULL AS b"), "true | true");
}

TEST_F(BackendTest, RuntimeErrorsNameTheExpression) {
  QueryError error = Error("RETURN 1 / 0 AS x");
  EXPECT_EQ(error.kind(), ErrorKind::kRuntime);
  EXPECT_NE(error.message().find("division by zero"), std::string::npos) << error.message();
  EXPECT_NE(error.message().find("1 / 0"), std::string::npos) << error.message();
  EXPECT_EQ(Error("RETURN 9223372036854775807 + 1 AS x").kind(), ErrorKind::kRuntime);
}

TEST_F(BackendTest, SemanticErrors) {
  QueryError error = Error("RETURN x");
  EXPECT_EQ(error.kind(), ErrorKind::kSemantic);
  EXPECT_EQ(ErrorFirstLine(error, "RETURN x"), "1:8: variable 'x' not defined");
  EXPECT_EQ(Error("MATCH (n) WHERE count(n) > 1 RETURN n").kind(), ErrorKind::kSemantic);
  EXPECT_EQ(Error("RETURN count(count(1))").kind(), ErrorKind::kSemantic);
  EXPECT_EQ(Error("RETURN nosuch(1)").kind(), ErrorKind::kSemantic);
}

TEST_F(BackendTest, CreateMatchReturn) {
  SmallGraph();
  EXPECT_EQ(Rows("MATCH (c:Company) RETURN c.name ORDER BY c.name"),
            (std::vector<std::string>{"'Acme'", "'Bolt'", "'Core'"}));
  EXPECT_EQ(One("MATCH (c:Company {id: 'B'}) RETURN c"), "(:Company {founded: 2001, id: 'B', name: 'Bolt'})");
  EXPECT_EQ(Rows("MATCH (a:Company)-[r:ACQUIRED]->(b) RETURN a.id, r.year, b.id ORDER BY r.year"),
            (std::vector<std::string>{"'A' | 2015 | 'B'", "'B' | 2018 | 'C'"}));
  EXPECT_EQ(One("MATCH (a {id: 'A'})-[r]->(c {id: 'C'}) RETURN type(r), r"),
            "'INVESTED_IN' | [:INVESTED_IN {amount: 10.5, year: 2012}]");
  EXPECT_EQ(One("MATCH (a)<-[:ACQUIRED]-(b) WHERE a.id = 'C' RETURN b.name"), "'Bolt'");
  EXPECT_EQ(One("MATCH (a:Company)-[:ACQUIRED]-(b:Company) RETURN count(*)"), "4");
}

TEST_F(BackendTest, Aggregation) {
  SmallGraph();
  EXPECT_EQ(One("MATCH (c:Company) RETURN count(c), sum(c.founded), min(c.name), max(c.founded), avg(c.founded)"),
            "3 | 6001 | 'Acme' | 2010 | 2000.3333333333333");
  EXPECT_EQ(Rows("MATCH (c:Company)-[:HQ]->(u) RETURN u.name, count(*) AS n, collect(c.id) AS ids"),
            (std::vector<std::string>{"'Utopia' | 3 | ['A', 'B', 'C']"}));
  EXPECT_EQ(One("UNWIND [1, 1, 2, null, 1.0] AS x RETURN count(DISTINCT x), count(x), count(*)"), "2 | 4 | 5");
  EXPECT_EQ(One("UNWIND [] AS x RETURN count(x), sum(x), collect(x), avg(x)"), "0 | 0 | [] | null");
  EXPECT_EQ(Rows("UNWIND [1, 1.0, null, null, 'a'] AS x RETURN DISTINCT x").size(), 3u);
  EXPECT_EQ(Rows("MATCH (a)-[]-(x) RETURN DISTINCT x.name ORDER BY x.name"),
            (std::vector<std::string>{"'Acme'", "'Bolt'", "'Core'", "'Utopia'"}));
}

TEST_F(BackendTest, OrderingFollowsOpenCypher) {
  EXPECT_EQ(Rows("UNWIND [3, null, 'b', true, 1.5, [1], {a: 1}] AS x RETURN x ORDER BY x"),
            (std::vector<std::string>{"{a: 1}", "[1]", "'b'", "true", "1.5", "3", "null"}));
  EXPECT_EQ(Rows("UNWIND [3, 1, 2] AS x RETURN x ORDER BY x DESC LIMIT 2"),
            (std::vector<std::string>{"3", "2"}));
  EXPECT_EQ(Rows("UNWIND [3, 1, 2] AS x RETURN x ORDER BY x SKIP 1 LIMIT 1"), (std::vector<std::string>{"2"}));
}

TEST_F(BackendTest, WithChainsAndOptionalMatch) {
  SmallGraph();
  EXPECT_EQ(Rows("MATCH (c:Company) WITH c, c.founded AS f WHERE f > 2000 RETURN c.id ORDER BY c.id"),
            (std::vector<std::string>{"'B'", "'C'"}));
  EXPECT_EQ(Rows("MATCH (c:Company) OPTIONAL MATCH (c)-[:ACQUIRED]->(t) RETURN c.id, t.id ORDER BY c.id"),
            (std::vector<std::string>{"'A' | 'B'", "'B' | 'C'", "'C' | null"}));
  EXPECT_EQ(One("MATCH (c:Company) WITH count(*) AS n RETURN n * 2 AS twice"), "6");
}

TEST_F(BackendTest, VariableLengthAndShortestPath) {
  SmallGraph();
  EXPECT_EQ(Rows("MATCH (a {id: 'A'})-[:ACQUIRED*1..3]->(x) RETURN x.id ORDER BY x.id"),
            (std::vector<std::string>{"'B'", "'C'"}));
  EXPECT_EQ(One("MATCH (a {id: 'A'})-[rs:ACQUIRED*2]->(x) RETURN size(rs), x.id"), "2 | 'C'");
  EXPECT_EQ(One("MATCH p = shortestPath((a {id: 'A'})-[*..5]-(b {id: 'C'})) RETURN length(p)"), "1");
  EXPECT_EQ(One("MATCH p = shortestPath((a {id: 'A'})-[:ACQUIRED*..5]->(b {id: 'C'})) RETURN length(p)"), "2");
  EXPECT_EQ(One("MATCH p = (a {id: 'A'})-[:ACQUIRED]->(b) RETURN p"),
            "<(:Company {founded: 1990, id: 'A', name: 'Acme'})-[:ACQUIRED {year: 2015}]->"
            "(:Company {founded: 2001, id: 'B', name: 'Bolt'})>");
  EXPECT_EQ(Rows("MATCH p = allShortestPaths((a {id: 'A'})-[*..5]-(u:Country)) RETURN length(p)").size(), 1u);
}

TEST_F(BackendTest, Functions) {
  EXPECT_EQ(One("RETURN toUpper('ab'), substring('hello', 1, 3), split('a,b', ','), size('héllo')"),
            "'AB' | 'ell' | ['a', 'b'] | 5");
  EXPECT_EQ(One("RETURN coalesce(null, 2), head([1, 2]), last([1, 2]), tail([1, 2]), range(1, 3)"),
            "2 | 1 | 2 | [2] | [1, 2, 3]");
  EXPECT_EQ(One("RETURN toInteger('42'), toFloat('1.5'), toString(1.0), toBoolean('true'), toInteger('x')"),
            "42 | 1.5 | '1.0' | true | null");
  EXPECT_EQ(One("RETURN abs(-2), sign(-3.0), round(2.5), floor(2.7), ceil(2.1), sqrt(4)"),
            "2 | -1 | 3.0 | 2.0 | 3.0 | 2.0");
  EXPECT_EQ(One("RETURN 'abc' =~ 'a.*', 'abc' =~ 'b', 'abc' STARTS WITH 'ab', 'abc' CONTAINS 'x'"),
            "true | false | true | false");
  EXPECT_EQ(One("RETURN [x IN range(1, 5) WHERE x % 2 = 1 | x * 10] AS l"), "[10, 30, 50]");
  EXPECT_EQ(One("RETURN any(x IN [1, 2] WHERE x > 1), all(x IN [1, 2] WHERE x > 1)"), "true | false");
  EXPECT_EQ(One("RETURN CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END"), "'two'");
  EXPECT_EQ(One("RETURN [1, 2, 3][0], [1, 2, 3][-1], [1, 2, 3][1..], {a: 5}['a']"), "1 | 3 | [2, 3] | 5");
}

TEST_F(BackendTest, Parameters) {
  SmallGraph();
  Params params{{"id", Value::String("C")}};
  EXPECT_EQ(One("MATCH (c:Company {id: $id}) RETURN c.name", params), "'Core'");
  EXPECT_EQ(Error("RETURN $missing").kind(), ErrorKind::kSemantic);
}

TEST_F(BackendTest, UpdatesAndStats) {
  QueryOutcome created = db_.engine().Execute("CREATE (n:Person {name: 'Ann', age: 30}) RETURN n.name");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created.result->stats.ToString(), "Added 1 label, Created 1 node, Set 2 properties");
  Exec("MATCH (n:Person) SET n.age = n.age + 1, n:Adult");
  EXPECT_EQ(One("MATCH (n:Person) RETURN n.age, labels(n)"), "31 | ['Adult', 'Person']");
  Exec("MATCH (n:Person) REMOVE n.age, n:Adult");
  EXPECT_EQ(One("MATCH (n:Person) RETURN n"), "(:Person {name: 'Ann'})");
  Exec("MERGE (n:Person {name: 'Ann'}) ON MATCH SET n.seen = true");
  Exec("MERGE (n:Person {name: 'Bob'}) ON CREATE SET n.new = true");
  EXPECT_EQ(Rows("MATCH (n:Person) RETURN n.name, n.seen, n.new ORDER BY n.name"),
            (std::vector<std::string>{"'Ann' | true | null", "'Bob' | null | true"}));
  Exec("MATCH (a:Person {name: 'Ann'}), (b:Person {name: 'Bob'}) MERGE (a)-[:KNOWS]->(b)");
  Exec("MATCH (a:Person {name: 'Ann'}), (b:Person {name: 'Bob'}) MERGE (a)-[:KNOWS]->(b)");
  EXPECT_EQ(One("MATCH ()-[r:KNOWS]->() RETURN count(r)"), "1");
  EXPECT_EQ(Error("MATCH (n:Person {name: 'Ann'}) DELETE n").kind(), ErrorKind::kConstraint);
  Exec("MATCH (n:Person) DETACH DELETE n");
  EXPECT_EQ(One("MATCH (n) RETURN count(n)"), "0");
}

TEST_F(BackendTest, FailingStatementWritesNothing) {
  QueryError error = Error("UNWIND [1, 2, 0] AS x CREATE (:T {v: 10 / x})");
  EXPECT_EQ(error.kind(), ErrorKind::kRuntime);
  EXPECT_EQ(One("MATCH (n) RETURN count(n)"), "0");
}

TEST_F(BackendTest, ExplainShowsIndexSeek) {
  SmallGraph();
  std::string query = "MATCH (c:Company {id: 'B'}) RETURN c.name";
  QueryOutcome before = db_.engine().Execute(query, {}, {}, ExplainMode::kExplain);
  ASSERT_TRUE(before.ok());
  EXPECT_NE(before.result->plan.find("NodeByLabelScan"), std::string::npos) << before.result->plan;
  Exec("CREATE INDEX FOR (c:Company) ON (c.id)");
  QueryOutcome after = db_.engine().Execute(query, {}, {}, ExplainMode::kExplain);
  ASSERT_TRUE(after.ok());
  EXPECT_NE(after.result->plan.find("NodeIndexSeek(c:Company(id))"), std::string::npos) << after.result->plan;
  EXPECT_EQ(One(query), "'Bolt'");
  QueryOutcome range = db_.engine().Execute("CREATE INDEX FOR (c:Company) ON (c.founded)");
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(Rows("MATCH (c:Company) WHERE c.founded > 1995 AND c.founded <= 2010 RETURN c.id ORDER BY c.id"),
            (std::vector<std::string>{"'B'", "'C'"}));
  QueryOutcome profile = db_.engine().Execute(query, {}, {}, ExplainMode::kProfile);
  ASSERT_TRUE(profile.ok());
  EXPECT_NE(profile.result->plan.find("rows=1"), std::string::npos) << profile.result->plan;
}

TEST_F(BackendTest, SchemaProcedures) {
  SmallGraph();
  EXPECT_EQ(Rows("CALL db.labels()"), (std::vector<std::string>{"'Company'", "'Country'"}));
  EXPECT_EQ(Rows("CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t ORDER BY t"),
            (std::vector<std::string>{"'ACQUIRED'", "'HQ'", "'INVESTED_IN'"}));
  EXPECT_EQ(Error("CALL db.nosuch()").kind(), ErrorKind::kSemantic);
}

TEST_F(BackendTest, Timeout) {
  QueryOptions options;
  options.timeout = std::chrono::milliseconds(1);
  QueryOutcome outcome = db_.engine().Execute(
      "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b RETURN count(*)", {}, options);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error->kind(), ErrorKind::kTimeout);
}

TEST_F(BackendTest, Union) {
  EXPECT_EQ(Rows("RETURN 1 AS x UNION RETURN 1 AS x").size(), 1u);
  EXPECT_EQ(Rows("RETURN 1 AS x UNION ALL RETURN 1 AS x").size(), 2u);
  EXPECT_EQ(Error("RETURN 1 AS x UNION RETURN 1 AS y").kind(), ErrorKind::kSemantic);
}

}  // namespace
}  // namespace ecograph::query
