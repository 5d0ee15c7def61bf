#pragma once
// BoundPattern: a MATCH pattern (and its WHERE) after binding. Every node,
// relationship and path variable has its row slot; inline property maps and
// WHERE conjuncts are bound expressions, each conjunct with the slots it
// reads. Invariant: nothing here points into the AST, so the optimizer rules
// and their unit tests work on a BoundPattern alone.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/bound_expr.h"

namespace ecograph::query {

// One `key: value` of an inline property map.
struct BoundProperty {
  std::string key;
  BoundExprPtr value;
};

// The check that the node or relationship in `slot` has `property`
// (kPropertyEquals); takes the property's value expression.
BoundExprPtr TakePropertyCheck(int slot, BoundProperty* property);

struct BoundNode {
  int slot = -1;
  std::string name;  // the variable, or anon_<n> for EXPLAIN
  std::vector<std::string> labels;
  std::vector<BoundProperty> properties;
  std::string properties_text;  // source text of the map, for EXPLAIN
};

struct BoundRel {
  // -1 only for an anonymous variable-length relationship of a pattern with
  // one relationship (nothing to bind, no uniqueness to check).
  int slot = -1;
  std::string name;
  bool named = false;  // written with a variable
  std::vector<std::string> types;
  RelDirection direction = RelDirection::kLeftToRight;
  bool var_length = false;
  int64_t min_hops = 1;
  int64_t max_hops = 1;  // INT64_MAX: unbounded (never a silent cap)
  // Inline {key: value} properties. A fixed-length relationship is checked
  // after its expansion; on a variable-length or shortestPath one every
  // relationship of the path must have them, checked during the search with
  // the relationship under test written into `edge_slot` (else -1).
  std::vector<BoundProperty> properties;
  std::string properties_text;
  int edge_slot = -1;
};

struct BoundPatternPart {
  std::vector<BoundNode> nodes;  // nodes.size() == rels.size() + 1
  std::vector<BoundRel> rels;
  int path_slot = -1;
  std::string path_name;
  PathFunction path_function = PathFunction::kNone;
};

// One top-level AND term of the WHERE clause.
struct BoundConjunct {
  BoundExprPtr expr;
  std::set<int> reads;  // row slots read (CollectSlots of expr)
  std::string text;     // source text, for EXPLAIN
};

struct BoundPattern {
  std::vector<BoundPatternPart> parts;
  std::vector<BoundConjunct> conjuncts;
  std::set<int> bound_before;  // slots of the variables in scope before the pattern
};

}  // namespace ecograph::query
