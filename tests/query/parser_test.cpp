// Parser tests: each query is parsed and its AST rendered as a compact
// S-expression (tests/query/ast_dump.h); errors are checked by kind and the
// first line of FormatError ("line:col: message").
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "query/parser.h"
#include "tests/query/ast_dump.h"

namespace ecograph::query {
namespace {

struct ParseCase {
  const char* query;
  const char* dump;
};

struct ErrorCase {
  const char* query;
  ErrorKind kind;
  const char* first_line;
};

const ParseCase kParseCases[] = {
    {"MATCH (n) RETURN NOT (n)-->(), CASE WHEN (n)-->() THEN 1 END",
     "MATCH (n) | RETURN (NOT (pattern (n)-[]->())) [NOT (n)-->()] (case when (pattern (n)-[]->()) then 1) [CASE WHEN (n)-->() THEN 1 END]"},
    {"MATCH (n:Person) WHERE n.age > 30 RETURN n.name AS name ORDER BY name LIMIT 10",
     "MATCH (n:Person) WHERE (cmp n.age > 30) | RETURN n.name AS name [n.name] ORDER BY name LIMIT 10"},
    {"MATCH (a)-[r:KNOWS*1..3]->(b) RETURN a, b",
     "MATCH (a)-[r:KNOWS*1..3]->(b) | RETURN a [a] b [b]"},
    {"MATCH (a)<-[:T]-(b)-[:U|:V]-(c) RETURN c",
     "MATCH (a)<-[:T]-(b)-[:U|V]-(c) | RETURN c [c]"},
    {"MATCH p = (a)-->(b) RETURN p",
     "MATCH p=(a)-[]->(b) | RETURN p [p]"},
    {"MATCH (a), (b) RETURN a, b",
     "MATCH (a), (b) | RETURN a [a] b [b]"},
    {"OPTIONAL MATCH (a)-[*]->(b) RETURN b",
     "OPTIONAL MATCH (a)-[*..]->(b) | RETURN b [b]"},
    {"MATCH (a)-[*2]->(b) RETURN b",
     "MATCH (a)-[*2..2]->(b) | RETURN b [b]"},
    {"MATCH (a)-[*..5]->(b) RETURN b",
     "MATCH (a)-[*..5]->(b) | RETURN b [b]"},
    {"MATCH (a)-[*2..]->(b) RETURN b",
     "MATCH (a)-[*2..]->(b) | RETURN b [b]"},
    {"CREATE (a {name: $name})-[r:T $props]->(b)",
     "CREATE (a {name: $name})-[r:T $props]->(b)"},
    {"MATCH p = shortestPath((a)-[:T*]-(b)) RETURN p",
     "MATCH p=shortestPath(a)-[:T*..]-(b) | RETURN p [p]"},
    {"MATCH p = allShortestPaths((a)-[*]->(b)) RETURN p",
     "MATCH p=allShortestPaths(a)-[*..]->(b) | RETURN p [p]"},
    {"WITH 1 AS x, 2 AS y WHERE x < y RETURN x + y AS s",
     "WITH 1 AS x [1] 2 AS y [2] WHERE (cmp x < y) | RETURN (+ x y) AS s [x + y]"},
    {"WITH DISTINCT 1 AS x ORDER BY x DESC SKIP 0 LIMIT 1 RETURN x",
     "WITH DISTINCT 1 AS x [1] ORDER BY x DESC SKIP 0 LIMIT 1 | RETURN x [x]"},
    {"RETURN DISTINCT *",
     "RETURN DISTINCT *"},
    {"RETURN 1 AS a UNION RETURN 2 AS a",
     "RETURN 1 AS a [1] UNION RETURN 2 AS a [2]"},
    {"RETURN 1 AS a UNION ALL RETURN 2 AS a",
     "RETURN 1 AS a [1] UNION ALL RETURN 2 AS a [2]"},
    {"UNWIND [1, 2, 3] AS x RETURN x",
     "UNWIND (list 1 2 3) AS x | RETURN x [x]"},
    {"CREATE (a:A {k: 1})-[:T {w: 2}]->(b:B)",
     "CREATE (a:A {k: 1})-[:T {w: 2}]->(b:B)"},
    {"MERGE (n:A {k: 1}) ON CREATE SET n.created = true ON MATCH SET n.hits = n.hits + 1",
     "MERGE (n:A {k: 1}) ON CREATE n.created=true ON MATCH n.hits=(+ n.hits 1)"},
    {"MATCH (n) SET n.k = 1, n = {a: 1}, n += {b: 2}, n:L1:L2",
     "MATCH (n) | SET n.k=1 n={a: 1} n+={b: 2} n:L1:L2"},
    {"MATCH (n) REMOVE n.k, n:L",
     "MATCH (n) | REMOVE n.k n:L"},
    {"MATCH (n) DELETE n",
     "MATCH (n) | DELETE n"},
    {"MATCH (n) DETACH DELETE n",
     "MATCH (n) | DETACH DELETE n"},
    {"CALL db.labels() YIELD label RETURN label",
     "CALL db.labels() YIELD label | RETURN label [label]"},
    {"CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'C' RETURN l",
     "CALL db.labels() YIELD label AS l WHERE (STARTS_WITH l 'C') | RETURN l [l]"},
    {"CALL db.labels",
     "CALL db.labels"},
    {"CREATE INDEX ON :Company(name)",
     "CREATE INDEX name= :Company(name)"},
    {"CREATE INDEX idx IF NOT EXISTS FOR (c:Company) ON (c.name)",
     "CREATE INDEX name=idx :Company(name)"},
    {"DROP INDEX ON :Company(name)",
     "DROP INDEX name= :Company(name)"},
    {"CREATE CONSTRAINT c1 ON (n:Company) ASSERT n.name IS UNIQUE",
     "CREATE CONSTRAINT name=c1 :Company(name)"},
    {"CREATE CONSTRAINT FOR (n:Company) REQUIRE n.name IS UNIQUE",
     "CREATE CONSTRAINT name= :Company(name)"},
    {"DROP CONSTRAINT c1",
     "DROP CONSTRAINT name=c1 :()"},
    {"EXPLAIN MATCH (n) RETURN n",
     "EXPLAIN MATCH (n) | RETURN n [n]"},
    {"PROFILE RETURN 1",
     "PROFILE RETURN 1 [1]"},
    {"RETURN a OR b XOR c AND NOT d",
     "RETURN (OR a (XOR b (AND c (NOT d)))) [a OR b XOR c AND NOT d]"},
    {"RETURN 1 + 2 * 3 - 4 / 5 % 6",
     "RETURN (chain 1 + (* 2 3) - (chain 4 / 5 % 6)) [1 + 2 * 3 - 4 / 5 % 6]"},
    {"RETURN 2 ^ 3 ^ 2",
     "RETURN (^ 2 3 2) [2 ^ 3 ^ 2]"},
    {"RETURN -x, +x, - -1",
     "RETURN (neg x) [-x] (pos x) [+x] (neg -1) [- -1]"},
    {"RETURN a = b, a <> b, a != b, a < b, a <= b, a > b, a >= b",
     "RETURN (cmp a = b) [a = b] (cmp a <> b) [a <> b] (cmp a <> b) [a != b] (cmp a < b) [a < b] (cmp a <= b) [a <= b] (cmp a > b) [a > b] (cmp a >= b) [a >= b]"},
    {"RETURN 1 < x <= 3",
     "RETURN (cmp 1 < x <= 3) [1 < x <= 3]"},
    {"RETURN x IN [1, 2], s STARTS WITH 'a', s ENDS WITH 'z', s CONTAINS 'm', s =~ '.*'",
     "RETURN (IN x (list 1 2)) [x IN [1, 2]] (STARTS_WITH s 'a') [s STARTS WITH 'a'] (ENDS_WITH s 'z') [s ENDS WITH 'z'] (CONTAINS s 'm') [s CONTAINS 'm'] (=~ s '.*') [s =~ '.*']"},
    {"RETURN x IS NULL, x IS NOT NULL",
     "RETURN (is-null x) [x IS NULL] (is-not-null x) [x IS NOT NULL]"},
    {"RETURN n.a.b, l[0], l[1..2], l[..2], l[1..], m['k']",
     "RETURN n.a.b [n.a.b] (index l 0) [l[0]] (slice l 1 2) [l[1..2]] (slice l _ 2) [l[..2]] (slice l 1 _) [l[1..]] (index m 'k') [m['k']]"},
    {"RETURN 0x1f, 0o17, 017, 1.5, 1e3, 1.5E-3, .5",
     "RETURN 31 [0x1f] 15 [0o17] 17 [017] 1.5f [1.5] 1000f [1e3] 0.0015f [1.5E-3] 0.5f [.5]"},
    {"RETURN 'a\\'b', \"a\\\"b\", 'tab\\there', '\\u00e9', '\\\\'",
     "RETURN 'a'b' ['a\\'b'] 'a\"b' [\"a\\\"b\"] 'tab\there' ['tab\\there'] 'é' ['\\u00e9'] '\\' ['\\\\']"},
    {"RETURN true, false, null, TRUE, Null",
     "RETURN true [true] false [false] null [null] true [TRUE] null [Null]"},
    {"RETURN [], [1, 'a', null], {}, {a: 1, `b c`: 2}",
     "RETURN (list) [[]] (list 1 'a' null) [[1, 'a', null]] {} [{}] {a: 1, b c: 2} [{a: 1, `b c`: 2}]"},
    {"RETURN $param, $0, $`odd name`",
     "RETURN $param [$param] $0 [$0] $odd name [$`odd name`]"},
    {"RETURN CASE WHEN x THEN 1 WHEN y THEN 2 ELSE 3 END",
     "RETURN (case when x then 1 when y then 2 else 3) [CASE WHEN x THEN 1 WHEN y THEN 2 ELSE 3 END]"},
    {"RETURN CASE x WHEN 1 THEN 'one' END",
     "RETURN (case subject=x when 1 then 'one') [CASE x WHEN 1 THEN 'one' END]"},
    {"RETURN [x IN l WHERE x > 1 | x * 2], [x IN l], [x IN l | x], [x IN l WHERE x]",
     "RETURN (listcomp x l where (cmp x > 1) map (* x 2)) [[x IN l WHERE x > 1 | x * 2]] (listcomp x l where _ map _) [[x IN l]] (listcomp x l where _ map x) [[x IN l | x]] (listcomp x l where x map _) [[x IN l WHERE x]]"},
    {"RETURN all(x IN l WHERE x > 0), any(x IN l WHERE x > 0), none(x IN l WHERE x > 0), single(x IN l WHERE x > 0)",
     "RETURN (all x l where (cmp x > 0)) [all(x IN l WHERE x > 0)] (any x l where (cmp x > 0)) [any(x IN l WHERE x > 0)] (none x l where (cmp x > 0)) [none(x IN l WHERE x > 0)] (single x l where (cmp x > 0)) [single(x IN l WHERE x > 0)]"},
    {"MATCH (a) WHERE (a)-->() RETURN a",
     "MATCH (a) WHERE (pattern (a)-[]->()) | RETURN a [a]"},
    {"MATCH (a) WHERE NOT (a)-[:T]->(:B) RETURN a",
     "MATCH (a) WHERE (NOT (pattern (a)-[:T]->(:B))) | RETURN a [a]"},
    {"MATCH (a) WHERE a:Person RETURN a",
     "MATCH (a) WHERE (pattern (a:Person)) | RETURN a [a]"},
    {"MATCH (a) WHERE a:Person:Admin RETURN a",
     "MATCH (a) WHERE (pattern (a:Person:Admin)) | RETURN a [a]"},
    {"RETURN exists(n.name), exists((n)-->())",
     "RETURN (exists n.name) [exists(n.name)] (exists (n)-[]->()) [exists((n)-->())]"},
    {"RETURN count(*), count(DISTINCT x), toUpper(s), db.labels(), my.ns.fn(1)",
     "RETURN count(*) [count(*)] (call count DISTINCT x) [count(DISTINCT x)] (call toUpper s) [toUpper(s)] (call db.labels) [db.labels()] (call my.ns.fn 1) [my.ns.fn(1)]"},
    {"RETURN n {.name, .age}, n {.*, k: 1}, n {x}",
     "RETURN (mapproj n name: n.name age: n.age) [n {.name, .age}] (mapproj n k: 1 .*) [n {.*, k: 1}] (mapproj n x: x) [n {x}]"},
    {"RETURN [(a)-->(b) | b.name], [(a)-->(b) WHERE b.x > 1 | b], [p = (a)-->() | p]",
     "RETURN (patcomp (a)-[]->(b) where _ map b.name) [[(a)-->(b) | b.name]] (patcomp (a)-[]->(b) where (cmp b.x > 1) map b) [[(a)-->(b) WHERE b.x > 1 | b]] (patcomp p=(a)-[]->() where _ map p) [[p = (a)-->() | p]]"},
    {"RETURN `a b`, `a``b`",
     "RETURN a b [`a b`] a`b [`a``b`]"},
    {"match (n) return n",
     "MATCH (n) | RETURN n [n]"},
    {"RETURN 1;",
     "RETURN 1 [1]"},
    {"RETURN 9223372036854775807, -9223372036854775808",
     "RETURN 9223372036854775807 [9223372036854775807] -9223372036854775808 [-9223372036854775808]"},
    {"RETURN (1 + 2) * 3",
     "RETURN (* (+ 1 2) 3) [(1 + 2) * 3]"},
    {"RETURN   n.x   +   1  ",
     "RETURN (+ n.x 1) [n.x   +   1]"},
};

const ErrorCase kErrorCases[] = {
    {"CALL db.labels() YIELD * RETURN label",
     ErrorKind::kSyntax, "1:1: YIELD * is only allowed when CALL is the whole statement; name the outputs (YIELD a, b)"},
    {"MATCH (n) RETURN (n)-[]->()",
     ErrorKind::kSyntax, "1:18: a pattern can only be used as a predicate (in WHERE or exists()); use a pattern comprehension [(a)-->(b) | b] for a list"},
    {"MATCH (a) RETURN size((a)-->())",
     ErrorKind::kSyntax, "1:23: a pattern can only be used as a predicate (in WHERE or exists()); use a pattern comprehension [(a)-->(b) | b] for a list"},
    {"MATCH (n $props) RETURN n",
     ErrorKind::kSyntax, "1:10: a parameter cannot be used as the property map of a MATCH pattern; write {key: $props.key}"},
    {"MERGE (n)-[:T $props]->(m)",
     ErrorKind::kSyntax, "1:15: a parameter cannot be used as the property map of a MERGE pattern; write {key: $props.key}"},
    {"RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a",
     ErrorKind::kSyntax, "1:35: cannot mix UNION and UNION ALL in one statement"},
    {"MATCH (n) DELETE n:Person",
     ErrorKind::kSyntax, "1:18: DELETE removes nodes and relationships; use REMOVE to remove labels"},
    {"MATCH (c:Company RETURN c",
     ErrorKind::kSyntax, "1:18: expected ')' to close node pattern"},
    {"MATCH (n)-[r]->(m RETURN n",
     ErrorKind::kSyntax, "1:19: expected ')' to close node pattern"},
    {"MATCH (n)-[r->(m) RETURN n",
     ErrorKind::kSyntax, "1:13: expected ']' to close relationship pattern"},
    {"MATCH (n)-[r]-> RETURN n",
     ErrorKind::kSyntax, "1:17: expected '(' to start a node pattern, got 'RETURN'"},
    {"MATCH (n) RETURN n foo",
     ErrorKind::kSyntax, "1:20: expected a clause (MATCH, RETURN, CREATE, ...), got 'foo'"},
    {"MATCH (n) RETURN",
     ErrorKind::kSyntax, "1:17: expected an expression to return, got end of input"},
    {"RETURN [1, 2",
     ErrorKind::kSyntax, "1:13: expected ',' or ']' to close the list, got end of input"},
    {"RETURN {a: 1",
     ErrorKind::kSyntax, "1:13: expected ',' or '}' to close the map, got end of input"},
    {"RETURN {a 1}",
     ErrorKind::kSyntax, "1:11: expected ':' after the map key, got '1'"},
    {"RETURN f(1, 2",
     ErrorKind::kSyntax, "1:14: expected ')' to close the arguments of f(), got end of input"},
    {"RETURN (1 + 2",
     ErrorKind::kSyntax, "1:14: expected ')' to close the parenthesized expression, got end of input"},
    {"RETURN 1 +",
     ErrorKind::kSyntax, "1:11: expected an expression, got end of input"},
    {"RETURN 'unterminated",
     ErrorKind::kSyntax, "1:8: unterminated string literal"},
    {"RETURN \"unterminated",
     ErrorKind::kSyntax, "1:8: unterminated string literal"},
    {"RETURN /* unterminated",
     ErrorKind::kSyntax, "1:8: unterminated comment"},
    {"RETURN `unterminated",
     ErrorKind::kSyntax, "1:8: unterminated quoted identifier"},
    {"RETURN 'bad \\q escape'",
     ErrorKind::kSyntax, "1:13: invalid escape sequence '\\q' in string"},
    {"RETURN '\\u12'",
     ErrorKind::kSyntax, "1:9: invalid unicode escape: expected 4 hex digits"},
    {"RETURN '\\uZZZZ'",
     ErrorKind::kSyntax, "1:9: invalid unicode escape: expected 4 hex digits"},
    {"RETURN 9223372036854775808",
     ErrorKind::kSyntax, "1:8: integer literal is too large"},
    {"RETURN -9223372036854775809",
     ErrorKind::kSyntax, "1:8: integer literal is too large"},
    {"RETURN 0xFFFFFFFFFFFFFFFFFF",
     ErrorKind::kSyntax, "1:8: integer literal is too large"},
    {"RETURN 0o7777777777777777777777",
     ErrorKind::kSyntax, "1:8: integer literal is too large"},
    {"RETURN 1e400",
     ErrorKind::kSyntax, "1:8: float literal is too large"},
    {"RETURN 123abc",
     ErrorKind::kSyntax, "1:8: invalid number literal '123abc'"},
    {"RETURN 0x",
     ErrorKind::kSyntax, "1:8: invalid hexadecimal integer literal '0x'"},
    {"RETURN 0xG1",
     ErrorKind::kSyntax, "1:8: invalid hexadecimal integer literal '0xG1'"},
    {"RETURN 0o8",
     ErrorKind::kSyntax, "1:8: invalid octal integer literal '0o8'"},
    {"RETURN $",
     ErrorKind::kSyntax, "1:8: expected a parameter name after '$'"},
    {"RETURN #",
     ErrorKind::kSyntax, "1:8: unexpected character '#'"},
    {"RETURN 1;;",
     ErrorKind::kSyntax, "1:10: expected a clause or the end of the statement, got ';'"},
    {"RETURN CASE WHEN 1 END",
     ErrorKind::kSyntax, "1:20: expected THEN after the WHEN condition, got 'END'"},
    {"RETURN CASE END",
     ErrorKind::kSyntax, "1:13: expected an expression, got 'END'"},
    {"RETURN x IS 1",
     ErrorKind::kSyntax, "1:13: expected NULL or NOT NULL after IS, got '1'"},
    {"RETURN a STARTS b",
     ErrorKind::kSyntax, "1:17: expected WITH after STARTS, got 'b'"},
    {"RETURN n.",
     ErrorKind::kSyntax, "1:10: expected a property key after '.', got end of input"},
    {"RETURN l[1",
     ErrorKind::kSyntax, "1:11: expected ']' to close the index, got end of input"},
    {"RETURN [x IN l WHERE x | ]",
     ErrorKind::kSyntax, "1:26: expected an expression, got ']'"},
    {"RETURN [(a)-->(b)]",
     ErrorKind::kSyntax, "1:18: expected '|' and an expression in the pattern comprehension, got ']'"},
    {"MATCH (n) WITH ORDER BY n RETURN n",
     ErrorKind::kSyntax, "1:16: expected an expression, got 'ORDER'"},
    {"MATCH (n) RETURN n ORDER n",
     ErrorKind::kSyntax, "1:26: expected BY after ORDER, got 'n'"},
    {"UNWIND [1] x RETURN x",
     ErrorKind::kSyntax, "1:12: expected AS after the UNWIND expression, got 'x'"},
    {"UNWIND [1] AS RETURN x",
     ErrorKind::kSyntax, "1:22: expected a clause (MATCH, RETURN, CREATE, ...), got 'x'"},
    {"CREATE",
     ErrorKind::kSyntax, "1:7: expected '(' to start a node pattern, got end of input"},
    {"MERGE (a), (b)",
     ErrorKind::kSyntax, "1:10: MERGE takes a single pattern; use several MERGE clauses"},
    {"MERGE (n) ON DELETE SET n.x = 1",
     ErrorKind::kSyntax, "1:14: expected CREATE or MATCH after ON, got 'DELETE'"},
    {"MATCH (n) SET n",
     ErrorKind::kSyntax, "1:16: expected '=', '+=' or ':' in SET, got end of input"},
    {"MATCH (n) SET n.k",
     ErrorKind::kSyntax, "1:18: expected '=' after the property in SET, got end of input"},
    {"MATCH (n) REMOVE n",
     ErrorKind::kSyntax, "1:19: expected a property (n.key) or labels (n:Label) to REMOVE, got end of input"},
    {"DETACH n",
     ErrorKind::kSyntax, "1:8: expected DELETE after DETACH, got 'n'"},
    {"OPTIONAL (n) RETURN n",
     ErrorKind::kSyntax, "1:10: expected MATCH after OPTIONAL, got '('"},
    {"CALL",
     ErrorKind::kSyntax, "1:5: expected a procedure name, got end of input"},
    {"CALL db.labels( YIELD x",
     ErrorKind::kSyntax, "1:17: expected an expression, got 'YIELD'"},
    {"CALL db.labels() YIELD",
     ErrorKind::kSyntax, "1:23: expected a procedure output name after YIELD, got end of input"},
    {"CREATE INDEX ON Company(name)",
     ErrorKind::kSyntax, "1:17: expected ':' and a label after ON, got 'Company'"},
    {"CREATE INDEX FOR (n:Company) ON (m.name)",
     ErrorKind::kSyntax, "1:34: unknown variable 'm' (the pattern binds 'n')"},
    {"CREATE CONSTRAINT ON (n:Company) ASSERT n.name IS NOT NULL",
     ErrorKind::kNotSupported, "1:51: not supported: constraints other than IS UNIQUE"},
    {"DROP TABLE x",
     ErrorKind::kSyntax, "1:6: expected INDEX or CONSTRAINT after DROP, got 'TABLE'"},
    {"EXPLAIN EXPLAIN RETURN 1",
     ErrorKind::kSyntax, "1:9: EXPLAIN and PROFILE must start the statement"},
    {"RETURN 1 UNION",
     ErrorKind::kSyntax, "1:15: expected a clause (MATCH, RETURN, CREATE, ...), got end of input"},
    {"FOREACH (x IN [1] | CREATE (n))",
     ErrorKind::kNotSupported, "1:1: not supported: FOREACH"},
    {"LOAD CSV FROM 'f' AS row RETURN row",
     ErrorKind::kNotSupported, "1:1: not supported: LOAD CSV"},
    {"CALL { RETURN 1 } RETURN 1",
     ErrorKind::kNotSupported, "1:1: not supported: CALL { subquery }"},
    {"USE neo4j RETURN 1",
     ErrorKind::kNotSupported, "1:1: not supported: USE"},
    {"MATCH ((a)-->(b)){1,3} RETURN a",
     ErrorKind::kNotSupported, "1:8: not supported: quantified path patterns"},
    {"MATCH (a)-->{1,3}(b) RETURN a",
     ErrorKind::kNotSupported, "1:13: not supported: quantified path patterns"},
    {"MATCH (a:A|B) RETURN a",
     ErrorKind::kNotSupported, "1:11: not supported: label expressions"},
    {"RETURN reduce(s = 0, x IN [1] | s + x)",
     ErrorKind::kNotSupported, "1:8: not supported: reduce()"},
    {"RETURN EXISTS { MATCH (n) }",
     ErrorKind::kNotSupported, "1:8: not supported: EXISTS { subquery }"},
    {"RETURN COUNT { MATCH (n) }",
     ErrorKind::kNotSupported, "1:8: not supported: COUNT { subquery }"},
    {"SHOW INDEXES",
     ErrorKind::kNotSupported, "1:1: not supported: SHOW commands"},
    {"MATCH (n) USING INDEX n:A(k) RETURN n",
     ErrorKind::kNotSupported, "1:11: not supported: USING hints"},
    {"CREATE TEXT INDEX FOR (n:A) ON (n.k)",
     ErrorKind::kNotSupported, "1:8: not supported: TEXT indexes"},
    {"CREATE INDEX FOR (n:A) ON (n.a, n.b)",
     ErrorKind::kNotSupported, "1:31: not supported: composite indexes"},
};

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

TEST(ParserTest, ParsesEveryClauseAndExpressionForm) {
  for (const auto& test_case : kParseCases) {
    SCOPED_TRACE(test_case.query);
    try {
      EXPECT_EQ(testing::DumpStatement(ParseStatement(test_case.query)), test_case.dump);
    } catch (const QueryError& error) {
      ADD_FAILURE() << FormatError(error, test_case.query);
    }
  }
}

TEST(ParserTest, ReportsErrorsWithLocation) {
  for (const auto& test_case : kErrorCases) {
    SCOPED_TRACE(test_case.query);
    try {
      ParseStatement(test_case.query);
      ADD_FAILURE() << "parsed without error";
    } catch (const QueryError& error) {
      EXPECT_EQ(error.kind(), test_case.kind);
      EXPECT_TRUE(error.span().valid);
      EXPECT_EQ(FirstLine(FormatError(error, test_case.query)), test_case.first_line);
    }
  }
}

TEST(ParserTest, ProjectionTextIsExactSource) {
  std::string query = "RETURN  n.x  +  1 ,count( * ),(list[1]).missing AS m, 12 / 4 * 3 - 2 * 4";
  Statement statement = ParseStatement(query);
  const auto& items = statement.queries[0].clauses[0]->projection.items;
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].text, "n.x  +  1");
  EXPECT_EQ(items[1].text, "count( * )");
  EXPECT_EQ(items[2].text, "(list[1]).missing");
  EXPECT_EQ(*items[2].alias, "m");
  EXPECT_EQ(items[3].text, "12 / 4 * 3 - 2 * 4");
}

TEST(ParserTest, SpansPointAtSource) {
  std::string query = "MATCH (a:A)-[r:T]->(b) RETURN a.name";
  Statement statement = ParseStatement(query);
  const Clause& match = *statement.queries[0].clauses[0];
  const PatternPart& part = match.pattern.parts[0];
  auto text = [&](SourceSpan span) { return query.substr(span.offset, span.length); };
  EXPECT_EQ(text(match.span), "MATCH (a:A)-[r:T]->(b)");
  EXPECT_EQ(text(part.nodes[0].span), "(a:A)");
  EXPECT_EQ(text(part.rels[0].span), "-[r:T]->");
  EXPECT_EQ(text(part.nodes[1].span), "(b)");
  const Expr& property = *statement.queries[0].clauses[1]->projection.items[0].expr;
  EXPECT_EQ(text(property.span), "a.name");
  EXPECT_EQ(text(property.children[0]->span), "a");
}

TEST(ParserTest, KeywordsAreCaseInsensitiveButQuotedNamesAreNot) {
  EXPECT_EQ(testing::DumpStatement(ParseStatement("mAtCh (n) wHeRe n.x Is NoT nUlL rEtUrN n")),
            "MATCH (n) WHERE (is-not-null n.x) | RETURN n [n]");
  EXPECT_EQ(testing::DumpStatement(ParseStatement("MATCH (`MATCH`) RETURN `MATCH`")),
            "MATCH (MATCH) | RETURN MATCH [`MATCH`]");
}

TEST(ParserTest, CommentsAndMultiLineQueries) {
  std::string query = "MATCH (n) // find all\n/* block\ncomment */ RETURN n";
  EXPECT_EQ(testing::DumpStatement(ParseStatement(query)), "MATCH (n) | RETURN n [n]");
  try {
    ParseStatement("MATCH (n)\nRETURN n +");
    ADD_FAILURE();
  } catch (const QueryError& error) {
    EXPECT_EQ(FirstLine(FormatError(error, "MATCH (n)\nRETURN n +")),
              "2:11: expected an expression, got end of input");
  }
}

TEST(ParserTest, IntegerExtremes) {
  Statement statement = ParseStatement("RETURN -9223372036854775808, 9223372036854775807, 0x7FFFFFFFFFFFFFFF, -0x8000000000000000");
  const auto& items = statement.queries[0].clauses[0]->projection.items;
  EXPECT_EQ(items[0].expr->literal_int, INT64_MIN);
  EXPECT_EQ(items[1].expr->literal_int, INT64_MAX);
  EXPECT_EQ(items[2].expr->literal_int, INT64_MAX);
  EXPECT_EQ(items[3].expr->literal_int, INT64_MIN);
}

// Nesting limits: errors, never a stack overflow (also under ASan).
TEST(ParserTest, FlatChainsAreNotNesting) {
  // 10000 terms of AND / OR / XOR: a flat chain, parsed as a balanced tree.
  for (const std::string op : {" AND ", " OR ", " XOR "}) {
    std::string text = "RETURN true";
    for (int idx = 0; idx < 10000; ++idx) text += op + "true";
    Statement statement = ParseStatement(text);
    EXPECT_EQ(statement.queries.size(), 1u) << op;
  }
  // A run of one arithmetic operator is one flat node: 1 + 1 + ... (10000 terms).
  std::string sum = "RETURN 1";
  for (int idx = 0; idx < 10000; ++idx) sum += " + 1";
  Statement sum_statement = ParseStatement(sum);
  const Expr& flat = *sum_statement.queries[0].clauses[0]->projection.items[0].expr;
  EXPECT_EQ(flat.children.size(), 10001u);
  EXPECT_TRUE(flat.flat_chain);
  // Alternating operators of one precedence level are one flat node too:
  // 1 - 1 + 1 - ... and 2 * 1 / 1 % 7 * ... (10000 terms each).
  for (const auto& [first, ops] : {std::pair<std::string, std::vector<std::string>>{"1", {" - ", " + "}},
                                   {"2", {" * ", " / ", " % "}}}) {
    std::string text = "RETURN " + first;
    for (int idx = 0; idx < 10000; ++idx) text += ops[idx % ops.size()] + (ops.size() == 3 && idx % 3 == 2 ? "7" : "1");
    Statement mixed_statement = ParseStatement(text);
    const Expr& mixed = *mixed_statement.queries[0].clauses[0]->projection.items[0].expr;
    EXPECT_EQ(mixed.children.size(), 10001u) << first;
    ASSERT_EQ(mixed.chain_ops.size(), 10000u) << first;
    EXPECT_EQ(mixed.chain_ops[0], ops.size() == 2 ? BinaryOp::kSubtract : BinaryOp::kMultiply);
    EXPECT_EQ(mixed.chain_ops[1], ops.size() == 2 ? BinaryOp::kAdd : BinaryOp::kDivide);
  }
  // A run of ^ (left-associative here) is flat as well.
  std::string power = "RETURN 1";
  for (int idx = 0; idx < 10000; ++idx) power += " ^ 1";
  Statement power_statement = ParseStatement(power);
  EXPECT_EQ(power_statement.queries[0].clauses[0]->projection.items[0].expr->children.size(), 10001u);
  // A change of precedence level nests: 1 + 2 * 3 - 4 is (chain 1 + (* 2 3) - 4).
  Statement levels = ParseStatement("RETURN 1 + 2 * 3 - 4");
  const Expr& level_root = *levels.queries[0].clauses[0]->projection.items[0].expr;
  ASSERT_EQ(level_root.children.size(), 3u);
  EXPECT_EQ(level_root.children[1]->binary_op, BinaryOp::kMultiply);
  EXPECT_EQ(level_root.chain_ops, (std::vector<BinaryOp>{BinaryOp::kAdd, BinaryOp::kSubtract}));
  // Short chains stay left-deep: ((a AND b) AND c).
  Statement statement = ParseStatement("RETURN a AND b AND c");
  const Expr& root = *statement.queries[0].clauses[0]->projection.items[0].expr;
  ASSERT_EQ(root.kind, ExprKind::kBinary);
  EXPECT_EQ(root.children[1]->name, "c");
  EXPECT_EQ(root.children[0]->kind, ExprKind::kBinary);
}

TEST(ParserTest, DeepNestingIsASyntaxError) {
  const int kDepth = 10000;
  auto nested = [&](const std::string& open, const std::string& inner, const std::string& close) {
    std::string text = "RETURN ";
    for (int idx = 0; idx < kDepth; ++idx) text += open;
    text += inner;
    for (int idx = 0; idx < kDepth; ++idx) text += close;
    return text;
  };
  std::vector<std::string> queries = {
      nested("(", "1", ")"), nested("[", "1", "]"), nested("{a: ", "1", "}"),
      nested("-", "1", ""), nested("NOT ", "true", ""), nested("f(", "1", ")"),
      nested("[x IN ", "1", "]"), nested("", "x", ".a"),
      nested("", "x", "[0]"), nested("CASE WHEN true THEN ", "1", " END"),
      nested("", "1", " IS NULL"),
  };
  std::string pattern = "MATCH (n {a: ";
  for (int idx = 0; idx < kDepth; ++idx) pattern += "(n)-->({a: ";
  queries.push_back(pattern);
  for (const auto& query : queries) {
    try {
      ParseStatement(query);
      ADD_FAILURE() << query.substr(0, 40);
    } catch (const QueryError& error) {
      EXPECT_EQ(error.kind(), ErrorKind::kSyntax);
      EXPECT_NE(error.message().find("nested too deeply"), std::string::npos)
          << error.message();
    }
  }
}

TEST(ParserTest, NestingJustBelowTheLimitParses) {
  const int kDepth = kMaxNestingDepth - 2;
  std::string query = "RETURN ";
  for (int idx = 0; idx < kDepth; ++idx) query += "(";
  query += "1";
  for (int idx = 0; idx < kDepth; ++idx) query += ")";
  EXPECT_EQ(testing::DumpStatement(ParseStatement(query)).substr(0, 8), "RETURN 1");
}

}  // namespace
}  // namespace ecograph::query
