#include <algorithm>

#include "graph/topology.h"
#include "query/physical/operators.h"

namespace ecograph::query {

namespace {

constexpr const char* kYearKey = "year";

bool IsConstant(const BoundExpr& expr) {
  return expr.internal == InternalOp::kNone &&
         (expr.kind == ExprKind::kLiteral || expr.kind == ExprKind::kParameter);
}

// The relationship-or-node variable slot of `v.year`, or -1.
int YearPropertySlot(const BoundExpr& expr) {
  if (expr.internal != InternalOp::kNone || expr.kind != ExprKind::kProperty ||
      expr.name != kYearKey || expr.children.size() != 1) {
    return -1;
  }
  const BoundExpr& target = *expr.children[0];
  if (target.internal != InternalOp::kNone || target.kind != ExprKind::kVariable) return -1;
  return target.slot;
}

// Top-level AND conjuncts of `expr`: each must be true for `expr` to be.
void Conjuncts(const BoundExpr& expr, std::vector<const BoundExpr*>* out) {
  if (expr.internal == InternalOp::kNone && expr.kind == ExprKind::kBinary &&
      expr.binary_op == BinaryOp::kAnd && expr.children.size() == 2) {
    Conjuncts(*expr.children[0], out);
    Conjuncts(*expr.children[1], out);
    return;
  }
  out->push_back(&expr);
}

}  // namespace

FilterOperator::FilterOperator(OperatorPtr child, std::vector<BoundExprPtr> predicates,
                               std::string text)
    : predicates_(std::move(predicates)), text_(std::move(text)) {
  children_.push_back(std::move(child));
  std::vector<const BoundExpr*> conjuncts;
  for (const auto& predicate : predicates_) Conjuncts(*predicate, &conjuncts);
  // Only when every conjunct is a year bound: skipping a row then skips no
  // evaluation that could raise an error.
  for (const BoundExpr* conjunct : conjuncts) {
    if (conjunct->internal != InternalOp::kNone || conjunct->kind != ExprKind::kComparison ||
        conjunct->comparison_ops.size() != 1 ||
        conjunct->children.size() != 2 || conjunct->comparison_ops[0] == ComparisonOp::kNe) {
      year_bounds_.clear();
      return;
    }
    ComparisonOp op = conjunct->comparison_ops[0];
    const BoundExpr& left = *conjunct->children[0];
    const BoundExpr& right = *conjunct->children[1];
    int slot = YearPropertySlot(left);
    if (slot >= 0 && IsConstant(right)) {
      year_bounds_.push_back({slot, op, &right});
      continue;
    }
    slot = YearPropertySlot(right);
    if (slot >= 0 && IsConstant(left)) {
      year_bounds_.push_back({slot, FlipComparison(op), &left});
      continue;
    }
    year_bounds_.clear();
    return;
  }
}

// True only when some year conjunct is certainly false. The topology holds
// trunc(year) for numeric years in int16 range (0 otherwise), so a non-zero
// topology year Y means the property value lies in the open interval
// (Y - 1, Y + 1).
bool FilterOperator::RuledOutByTopology(ExecContext& ctx, const Row& row) const {
  const graph::Topology* topology = ctx.topology_view();
  if (!topology) return false;
  for (const YearBound& year_bound : year_bounds_) {
    const Slot& slot = row[year_bound.rel_slot];
    if (slot.kind != Slot::Kind::kRel) continue;
    graph::VertexIndex source = topology->VertexOf(slot.src);
    if (source == graph::kNoVertex) continue;
    const auto& forward = topology->graph().m_forward;
    graph::EdgeIndex begin = forward.m_rowstart[source];
    graph::EdgeIndex end = forward.m_rowstart[source + 1];
    graph::EdgeIndex lo = begin, hi = end;
    while (lo < hi) {
      graph::EdgeIndex mid = lo + (hi - lo) / 2;
      if (topology->RelOf(mid) < slot.id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo >= end || topology->RelOf(lo) != slot.id ||
        topology->NodeOf(topology->TargetOf(lo)) != slot.dst) {
      continue;
    }
    int32_t year = topology->YearOf(lo);
    if (year == 0) continue;
    Value bound = Evaluate(*year_bound.bound, row, ctx);
    double b;
    if (bound.type() == ValueType::kInt) {
      b = static_cast<double>(bound.as_int());
    } else if (bound.type() == ValueType::kFloat) {
      b = bound.as_float();
    } else {
      continue;
    }
    double low = static_cast<double>(year) - 1;   // exclusive
    double high = static_cast<double>(year) + 1;  // exclusive
    bool impossible = false;
    switch (year_bound.op) {
      case ComparisonOp::kGe:
      case ComparisonOp::kGt: impossible = high <= b; break;
      case ComparisonOp::kLe:
      case ComparisonOp::kLt: impossible = low >= b; break;
      case ComparisonOp::kEq: impossible = b <= low || b >= high; break;
      case ComparisonOp::kNe: break;
    }
    if (impossible) return true;
  }
  return false;
}

bool FilterOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (child()->Next(ctx, row)) {
    ctx.Tick();
    if (!year_bounds_.empty() && RuledOutByTopology(ctx, *row)) continue;
    bool pass = true;
    for (const auto& predicate : predicates_) {
      if (!EvaluatePredicate(*predicate, *row, ctx)) {
        pass = false;
        break;
      }
    }
    if (pass) return true;
  }
  return false;
}

}  // namespace ecograph::query
