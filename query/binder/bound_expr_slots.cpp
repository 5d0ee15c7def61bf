// Slot analysis and deep copies of bound expressions (used by the pattern
// binder and the optimizer rules, which never look at the AST).
#include "query/bound_expr.h"

namespace ecograph::query {

namespace {

BoundExprPtr CloneOrNull(const BoundExprPtr& expr) { return expr ? CloneBoundExpr(*expr) : nullptr; }

void CollectLocal(const BoundExpr& expr, std::set<int>* reads, std::set<int>* locals) {
  if (expr.pattern) {
    reads->insert(expr.pattern_reads.begin(), expr.pattern_reads.end());
    return;
  }
  if (expr.kind == ExprKind::kVariable || expr.kind == ExprKind::kMapProjection ||
      expr.internal == InternalOp::kHasLabels || expr.internal == InternalOp::kPropertyEquals ||
      expr.internal == InternalOp::kSameRel) {
    if (expr.slot >= 0) reads->insert(expr.slot);
  }
  if (expr.kind == ExprKind::kListComprehension || expr.kind == ExprKind::kQuantifier) {
    locals->insert(expr.slot);
  }
  if (expr.internal == InternalOp::kBuildPath || expr.internal == InternalOp::kRelUnique ||
      expr.internal == InternalOp::kSameRel) {
    reads->insert(expr.path_slots.begin(), expr.path_slots.end());
  }
  for (const auto& child : expr.children) {
    if (child) CollectLocal(*child, reads, locals);
  }
  for (const BoundExpr* extra : {expr.case_subject.get(), expr.case_else.get(), expr.slice_from.get(),
                                 expr.slice_to.get(), expr.where_expr.get(), expr.map_expr.get()}) {
    if (extra) CollectLocal(*extra, reads, locals);
  }
}

}  // namespace

BoundExprPtr CloneBoundExpr(const BoundExpr& expr) {
  auto copy = std::make_unique<BoundExpr>();
  copy->kind = expr.kind;
  copy->internal = expr.internal;
  copy->span = expr.span;
  copy->unary_op = expr.unary_op;
  copy->binary_op = expr.binary_op;
  copy->chain_ops = expr.chain_ops;
  copy->comparison_ops = expr.comparison_ops;
  copy->negated = expr.negated;
  copy->quantifier = expr.quantifier;
  copy->map_keys = expr.map_keys;
  copy->map_projection_all = expr.map_projection_all;
  copy->slot = expr.slot;
  copy->constant = expr.constant;
  copy->name = expr.name;
  copy->function = expr.function;
  for (const auto& child : expr.children) copy->children.push_back(CloneOrNull(child));
  copy->case_subject = CloneOrNull(expr.case_subject);
  copy->case_else = CloneOrNull(expr.case_else);
  copy->slice_from = CloneOrNull(expr.slice_from);
  copy->slice_to = CloneOrNull(expr.slice_to);
  copy->where_expr = CloneOrNull(expr.where_expr);
  copy->map_expr = CloneOrNull(expr.map_expr);
  copy->pattern = expr.pattern;
  copy->pattern_reads = expr.pattern_reads;
  copy->labels = expr.labels;
  copy->path_slots = expr.path_slots;
  copy->path_rel_is_list = expr.path_rel_is_list;
  return copy;
}

void CollectSlots(const BoundExpr& expr, std::set<int>* out) {
  std::set<int> reads, locals;
  CollectLocal(expr, &reads, &locals);
  for (int slot : reads) {
    if (!locals.count(slot)) out->insert(slot);
  }
}

}  // namespace ecograph::query
