#pragma once
// The model the differential test shares between its query generator, the
// brute-force reference evaluator and the engine: a small in-memory property
// graph and a structured query over it that renders to Cypher text.
//
// Node n carries the unique property i = n's index; relationship e carries
// j = e's index. Properties k (nodes) and w (relationships) may be null.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ecograph::query::reference {

struct RefNode {
  std::vector<std::string> labels;
  std::optional<int64_t> k;
};

struct RefRel {
  int src = 0, dst = 0;
  std::string type;
  std::optional<int64_t> w;
};

struct RefGraph {
  std::vector<RefNode> nodes;
  std::vector<RefRel> rels;
  // One CREATE statement building the graph (empty when there are no nodes).
  std::string CreateStatement() const;
};

struct NodePat {
  std::string var;  // "" = anonymous
  std::optional<std::string> label;
  std::optional<int64_t> k;  // inline {k: value}
  std::optional<int64_t> i;  // inline {i: value} (shortestPath ends)
  // inline {k: <k_of>.k}: a variable of the same MATCH, maybe bound later in
  // the pattern (main MATCH only; never with `k`).
  std::string k_of;
};

enum class Dir { kOut, kIn, kBoth };

struct RelPat {
  std::string var;  // "" = anonymous
  std::vector<std::string> types;  // empty = any
  Dir dir = Dir::kOut;
  bool var_length = false;
  int min_hops = 1;
  int max_hops = 1;  // -1 = unbounded
  std::optional<int64_t> w;  // inline {w: value}: every relationship of the step
};

// (n0)-[r0]-(n1)-[r1]-(n2)...: nodes.size() == rels.size() + 1.
struct PathPat {
  std::vector<NodePat> nodes;
  std::vector<RelPat> rels;
};

enum class CmpOp { kEq, kNe, kLt, kLe };

struct Pred {
  enum class Kind { kPropCmp, kPropPropEq, kIsNull, kAllRels, kExists, kNot, kAnd, kOr, kPathLengthGe };
  Kind kind = Kind::kPropCmp;
  std::string var, var2;  // var2: kPropPropEq
  std::string key;        // "k" (node) or "w" (relationship)
  CmpOp op = CmpOp::kEq;
  int64_t constant = 0;    // kPathLengthGe: length(p) >= constant
  bool none = false;      // kAllRels: none(...) instead of all(...)
  std::vector<PathPat> pattern;  // kExists
  std::vector<std::unique_ptr<Pred>> children;
};

// A returned column.
struct Column {
  enum class Kind { kNodeI, kNodeK, kRelJ, kRelListJ, kPathJ, kPathLength };
  Kind kind = Kind::kNodeI;
  std::string var;
};

enum class ReturnKind { kColumns, kCount, kGroupCount, kCountDistinct };

struct RefQuery {
  std::vector<PathPat> match;
  std::unique_ptr<Pred> where;
  std::vector<PathPat> optional_match;  // empty = none
  std::unique_ptr<Pred> optional_where;
  // shortestPath form: MATCH p = shortestPath(...) on match[0] (one rel).
  enum class Shortest { kNone, kShortest, kAll } shortest = Shortest::kNone;
  ReturnKind return_kind = ReturnKind::kColumns;
  bool distinct = false;
  std::vector<Column> columns;  // kGroupCount: key column then count; kCountDistinct: one column

  std::string ToCypher() const;
};

}  // namespace ecograph::query::reference
