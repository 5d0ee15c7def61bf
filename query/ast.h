#pragma once
// AST of ecograph's openCypher subset: what the parser produces and the
// binder consumes. Every node carries the SourceSpan of the text it came
// from, so later stages can point at it. unique_ptr owns subtrees.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "query/query_error.h"

namespace ecograph::query {

// ---- expressions -----------------------------------------------------------

enum class ExprKind {
  kLiteral,        // literal_*: null, bool, int, float, string
  kParameter,      // $name                          -> name
  kVariable,       // n                              -> name
  kProperty,       // expr.key                       -> children[0], name=key
  kList,           // [a, b, c]                      -> children
  kMap,            // {k: v, ...}                    -> map_keys, children (same order)
  kUnary,          // NOT x, -x, +x                  -> op, children[0]
  kBinary,         // a op b                         -> op, children[0..1]; an
                   //   arithmetic run a + b - c of one precedence level has n
                   //   children and chain_ops (flat_chain)
  kComparison,     // a < b <= c (chained)           -> comparison_ops, children
  kIsNull,         // x IS NULL / IS NOT NULL        -> negated, children[0]
  kFunctionCall,   // f(DISTINCT? args)              -> name (as written), distinct, children
  kCountStar,      // count(*)
  kCase,           // CASE [subject] WHEN..THEN.. ELSE END
                   //   -> case_subject (optional), children = when,then,when,then..., case_else
  kIndex,          // x[i]                           -> children[0], children[1]
  kSlice,          // x[a..b]                        -> children[0], slice_from, slice_to
  kListComprehension,  // [v IN list WHERE pred | expr] -> name=v, children[0]=list,
                       //   where_expr (optional), map_expr (optional)
  kQuantifier,     // all/any/none/single(v IN list WHERE pred) -> name=v, quantifier,
                   //   children[0]=list, where_expr
  kPatternPredicate,   // (a)-[:T]->(b) used as a boolean -> pattern
  kExists,         // exists(n.prop) / exists((a)-->(b)) -> children[0] or pattern
  kMapProjection,  // n {.name, k: expr, .*}         -> name=variable, map_keys/children,
                   //   map_projection_all
  kPatternComprehension,  // [(a)-->(b) WHERE p | expr] -> pattern, where_expr, map_expr
};

enum class BinaryOp {
  kOr, kXor, kAnd,
  kAdd, kSubtract, kMultiply, kDivide, kModulo, kPower,
  kIn, kStartsWith, kEndsWith, kContains, kRegexMatch,
};

enum class UnaryOp { kNot, kNegate, kPlus };

enum class ComparisonOp { kEq, kNe, kLt, kLe, kGt, kGe };

// The operator with its operands swapped: `a op b` is `b FlipComparison(op) a`.
inline ComparisonOp FlipComparison(ComparisonOp op) {
  switch (op) {
    case ComparisonOp::kLt: return ComparisonOp::kGt;
    case ComparisonOp::kLe: return ComparisonOp::kGe;
    case ComparisonOp::kGt: return ComparisonOp::kLt;
    case ComparisonOp::kGe: return ComparisonOp::kLe;
    default: return op;
  }
}

enum class Quantifier { kAll, kAny, kNone, kSingle };

enum class LiteralKind { kNull, kBool, kInt, kFloat, kString };

struct Pattern;

struct Expr {
  ExprKind kind;
  SourceSpan span;

  // kLiteral
  LiteralKind literal_kind = LiteralKind::kNull;
  bool literal_bool = false;
  int64_t literal_int = 0;
  double literal_float = 0;
  std::string literal_string;  // unescaped

  std::string name;  // variable / parameter / property key / function / iterator variable
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kAnd;
  std::vector<ComparisonOp> comparison_ops;  // size == children.size() - 1
  bool negated = false;    // IS NOT NULL
  bool distinct = false;   // f(DISTINCT x)
  Quantifier quantifier = Quantifier::kAll;
  bool map_projection_all = false;
  bool flat_chain = false;  // kBinary arithmetic: children folded left to right
  // flat_chain: chain_ops[i] combines the value so far with children[i + 1]
  // (binary_op == chain_ops[0]). All of one precedence level (+ - or * / %).
  std::vector<BinaryOp> chain_ops;

  std::vector<std::unique_ptr<Expr>> children;
  std::vector<std::string> map_keys;
  std::unique_ptr<Expr> case_subject, case_else;
  std::unique_ptr<Expr> slice_from, slice_to;   // either may be null
  std::unique_ptr<Expr> where_expr, map_expr;
  std::unique_ptr<Pattern> pattern;

  explicit Expr(ExprKind k, SourceSpan s = {}) : kind(k), span(s) {}
};

using ExprPtr = std::unique_ptr<Expr>;

// ---- patterns --------------------------------------------------------------

struct NodePattern {
  SourceSpan span;
  std::optional<std::string> variable;
  std::vector<std::string> labels;   // (n:A:B) -> all required
  ExprPtr properties;                // kMap or kParameter, or null
};

enum class RelDirection { kLeftToRight, kRightToLeft, kUndirected };  // -> , <- , --

struct RelPattern {
  SourceSpan span;
  std::optional<std::string> variable;
  std::vector<std::string> types;    // [:A|B] -> any of
  ExprPtr properties;
  RelDirection direction = RelDirection::kUndirected;
  bool variable_length = false;      // '*' present
  std::optional<int64_t> min_hops;   // *2.., *2..5, *2 (min=max=2)
  std::optional<int64_t> max_hops;
};

enum class PathFunction { kNone, kShortestPath, kAllShortestPaths };

// One comma-separated part: (a)-[r]->(b)<-[s]-(c), optionally named p = ...
struct PatternPart {
  SourceSpan span;
  std::optional<std::string> path_variable;
  PathFunction path_function = PathFunction::kNone;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
};

struct Pattern {
  SourceSpan span;
  std::vector<PatternPart> parts;
};

// ---- clauses ---------------------------------------------------------------

struct ProjectionItem {
  SourceSpan span;
  ExprPtr expr;
  std::optional<std::string> alias;  // AS alias
  std::string text;                  // the expression's source text (column name when no alias)
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

// RETURN and WITH share this body.
struct ProjectionBody {
  bool distinct = false;
  bool star = false;  // RETURN * / WITH *
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip, limit;
};

enum class SetItemKind { kProperty, kReplaceMap, kMergeMap, kLabels };

struct SetItem {
  SourceSpan span;
  SetItemKind kind = SetItemKind::kProperty;
  ExprPtr target;      // kProperty: the kProperty expr (n.k); else kVariable
  ExprPtr value;       // not for kLabels
  std::vector<std::string> labels;  // kLabels
};

enum class RemoveItemKind { kProperty, kLabels };

struct RemoveItem {
  SourceSpan span;
  RemoveItemKind kind = RemoveItemKind::kProperty;
  ExprPtr target;                   // kProperty expr, or kVariable for labels
  std::vector<std::string> labels;
};

enum class ClauseKind {
  kMatch, kUnwind, kWith, kReturn, kCreate, kMerge, kSet, kRemove, kDelete, kCall,
  kCreateIndex, kDropIndex, kCreateConstraint, kDropConstraint,
};

struct Clause {
  ClauseKind kind;
  SourceSpan span;

  // kMatch
  bool optional = false;
  Pattern pattern;          // MATCH, CREATE, MERGE (one part)
  ExprPtr where;            // MATCH ... WHERE, WITH ... WHERE, CALL ... WHERE

  // kUnwind
  ExprPtr unwind_expr;
  std::string unwind_alias;

  // kWith / kReturn
  ProjectionBody projection;

  // kMerge
  std::vector<SetItem> on_create, on_match;

  // kSet / kRemove / kDelete
  std::vector<SetItem> set_items;
  std::vector<RemoveItem> remove_items;
  std::vector<ExprPtr> delete_exprs;
  bool detach = false;

  // kCall
  std::string procedure;                   // dotted name
  std::vector<ExprPtr> call_args;
  bool call_has_args = false;              // CALL db.labels (no parentheses) = false
  std::vector<std::pair<std::string, std::optional<std::string>>> yield_items;  // name AS alias
  bool yield_star = false;

  // index / constraint DDL
  std::string schema_label;
  std::string schema_key;
  std::string schema_name;                 // optional name of an index/constraint

  explicit Clause(ClauseKind k, SourceSpan s = {}) : kind(k), span(s) {}
};

using ClausePtr = std::unique_ptr<Clause>;

// One single query (clauses in order); a statement is one or more joined by
// UNION / UNION ALL.
struct SingleQuery {
  std::vector<ClausePtr> clauses;
};

struct Statement {
  SourceSpan span;
  bool explain = false;
  bool profile = false;
  std::vector<SingleQuery> queries;
  std::vector<bool> union_all;  // size == queries.size() - 1
};

}  // namespace ecograph::query
