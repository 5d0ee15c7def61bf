#pragma once
// BoundExpr: an expression after binding. Variables are resolved to row
// slots, functions to implementations, aggregates to the slots their results
// are written to, and pattern predicates to sub-plans. Invariant: a bound
// expression is self-contained; it copies what it needs from the AST (its
// operators, keys and span) and never points back into it, so the AST may
// be freed once the statement is planned.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/execution_context.h"

namespace ecograph::query {

class Operator;
class ArgumentOperator;
struct BoundExpr;

using ScalarFunction = Value (*)(ExecContext& ctx, const BoundExpr& call, std::vector<Value>& args);

// A pattern evaluated per row (pattern predicates, exists(), pattern
// comprehensions, MERGE): an operator tree whose leaf replays the row.
struct PatternPlan {
  std::unique_ptr<Operator> root;
  ArgumentOperator* argument = nullptr;  // owned by root's tree
  PatternPlan();
  ~PatternPlan();
  PatternPlan(PatternPlan&&) noexcept;
};

// Planner-made expressions with no AST counterpart.
enum class InternalOp {
  kNone,
  kHasLabels,      // slot has every label in `labels`
  kPropertyEquals, // slot.key = children[0] (inline pattern property)
  kBuildPath,      // path from path_slots (node, rel, node, ...); rel slots may hold lists
  kRelUnique,      // the relationship in slot differs from every one in path_slots
  kSameRel,        // the relationship in slot is the one path_slots[0] holds (a re-used variable)
};

struct BoundExpr {
  ExprKind kind = ExprKind::kLiteral;
  InternalOp internal = InternalOp::kNone;
  SourceSpan span;

  // Operators copied from the AST node.
  UnaryOp unary_op = UnaryOp::kNot;          // kUnary
  BinaryOp binary_op = BinaryOp::kAnd;       // kBinary (the first operator of a flat chain)
  // kBinary flat chain of one precedence level (a + b - c ...): chain_ops[i]
  // combines the value so far with children[i + 1], left to right.
  std::vector<BinaryOp> chain_ops;
  std::vector<ComparisonOp> comparison_ops;  // kComparison: size == children.size() - 1
  bool negated = false;                      // kIsNull: IS NOT NULL
  Quantifier quantifier = Quantifier::kAll;  // kQuantifier
  std::vector<std::string> map_keys;         // kMap, kMapProjection (same order as children)
  bool map_projection_all = false;           // kMapProjection: n{.*, ...}

  int slot = -1;    // kVariable; iterator variable of comprehensions/quantifiers; kMapProjection
  Value constant;   // kLiteral
  std::string name; // property key, parameter name, function name (lower case)
  ScalarFunction function = nullptr;

  std::vector<std::unique_ptr<BoundExpr>> children;
  std::unique_ptr<BoundExpr> case_subject, case_else, slice_from, slice_to, where_expr, map_expr;
  std::shared_ptr<PatternPlan> pattern;
  // Pattern kinds: the outer-scope slots the pattern (and its WHERE / map)
  // reads; the sub-plan itself is opaque to slot analysis.
  std::vector<int> pattern_reads;

  std::vector<std::string> labels;   // kHasLabels
  std::vector<int> path_slots;       // kBuildPath / kRelUnique / kSameRel
  std::vector<bool> path_rel_is_list;  // kBuildPath: per rel, holds a list (var-length)
};

using BoundExprPtr = std::unique_ptr<BoundExpr>;

// A deep copy. A pattern sub-plan is shared, not copied: it is only ever
// evaluated by one of the copies at a time (index seek values are evaluated
// when the seek opens, the filter's copy per row afterwards).
BoundExprPtr CloneBoundExpr(const BoundExpr& expr);
// The row slots `expr` reads, excluding the slots its comprehensions and
// quantifiers bind locally.
void CollectSlots(const BoundExpr& expr, std::set<int>* out);

// Evaluates an expression against a row. Throws QueryError (kRuntime) with
// the expression's span on type errors, overflow, division by zero.
Value Evaluate(const BoundExpr& expr, const Row& row, ExecContext& ctx);
// WHERE semantics: true only when the predicate is exactly true.
bool EvaluatePredicate(const BoundExpr& expr, const Row& row, ExecContext& ctx);
// Evaluates into a slot, keeping bare node/relationship variables as
// references (no store access).
Slot EvaluateToSlot(const BoundExpr& expr, const Row& row, ExecContext& ctx);

// Scalar function lookup by lower-case name; nullptr when unknown.
struct FunctionInfo {
  ScalarFunction function;
  int min_args;
  int max_args;  // -1 = variadic
};
const FunctionInfo* FindFunction(const std::string& lower_name);
std::vector<std::string> ScalarFunctionNames();
bool IsAggregateFunction(const std::string& lower_name);

[[noreturn]] void ThrowRuntime(ExecContext& ctx, const BoundExpr& expr, const std::string& message);

}  // namespace ecograph::query
