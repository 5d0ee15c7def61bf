#include "query/optimizer/index_selection.h"

namespace ecograph::query {

namespace {

bool IsVariable(const BoundExpr& expr, int slot) {
  return expr.kind == ExprKind::kVariable && expr.internal == InternalOp::kNone && expr.slot == slot;
}

bool IsPropertyOf(const BoundExpr& expr, int slot) {
  return expr.kind == ExprKind::kProperty && expr.internal == InternalOp::kNone && expr.children.size() == 1 &&
         expr.children[0] && IsVariable(*expr.children[0], slot);
}

bool IsIdOf(const BoundExpr& expr, int slot) {
  return expr.kind == ExprKind::kFunctionCall && expr.name == "id" && expr.children.size() == 1 &&
         expr.children[0] && IsVariable(*expr.children[0], slot);
}

// True when `value` reads only bound slots and not the node itself.
bool ReadsOnlyBound(const BoundExpr& value, int node_slot, const std::set<int>& bound) {
  std::set<int> reads;
  CollectSlots(value, &reads);
  for (int slot : reads) {
    if (slot == node_slot || !bound.count(slot)) return false;
  }
  return true;
}

// `expr` as `<mine> op <other>` seen from `side` (0: left operand is mine).
struct Oriented {
  const BoundExpr* mine = nullptr;
  const BoundExpr* other = nullptr;
  ComparisonOp op = ComparisonOp::kEq;
};

bool Orient(const BoundExpr& expr, int side, Oriented* out) {
  if (expr.kind != ExprKind::kComparison || expr.internal != InternalOp::kNone ||
      expr.comparison_ops.size() != 1 || expr.children.size() != 2) {
    return false;
  }
  out->mine = expr.children[side].get();
  out->other = expr.children[1 - side].get();
  out->op = side == 0 ? expr.comparison_ops[0] : FlipComparison(expr.comparison_ops[0]);
  return true;
}

StartCandidate Candidate(LogicalStartKind kind, double cost) {
  StartCandidate candidate;
  candidate.step.kind = LogicalStepKind::kStart;
  candidate.step.start = kind;
  candidate.step.rule = "index_selection";
  candidate.cost = cost;
  return candidate;
}

// A range seek on label(key) from the comparison `first`, completed with a
// bound of the other side from another conjunct when there is one.
StartCandidate RangeCandidate(const BoundPattern& pattern, const BoundExpr& first, const Oriented& oriented,
                              const std::string& label, int node_slot, const std::set<int>& bound,
                              const Catalog& catalog) {
  const std::string& key = oriented.mine->name;
  double count = static_cast<double>(catalog.LabelCount(label));
  StartCandidate candidate = Candidate(LogicalStartKind::kIndexRange, 10 + count / 4);
  LogicalStep& step = candidate.step;
  step.label = label;
  step.key = key;
  for (const auto& second : pattern.conjuncts) {
    if (second.expr.get() == &first) continue;
    for (int side = 0; side < 2; ++side) {
      Oriented other;
      if (!Orient(*second.expr, side, &other)) continue;
      if (!IsPropertyOf(*other.mine, node_slot) || other.mine->name != key ||
          !ReadsOnlyBound(*other.other, node_slot, bound)) {
        continue;
      }
      bool lower = other.op == ComparisonOp::kGt || other.op == ComparisonOp::kGe;
      bool upper = other.op == ComparisonOp::kLt || other.op == ComparisonOp::kLe;
      if (lower && !step.lo) {
        step.lo = other.other;
        step.lo_inclusive = other.op == ComparisonOp::kGe;
      }
      if (upper && !step.hi) {
        step.hi = other.other;
        step.hi_inclusive = other.op == ComparisonOp::kLe;
      }
    }
  }
  bool lower = oriented.op == ComparisonOp::kGt || oriented.op == ComparisonOp::kGe;
  if (lower) {
    step.lo = oriented.other;
    step.lo_inclusive = oriented.op == ComparisonOp::kGe;
  } else {
    step.hi = oriented.other;
    step.hi_inclusive = oriented.op == ComparisonOp::kLe;
  }
  if (step.lo && step.hi) candidate.cost = 10 + count / 16;
  return candidate;
}

}  // namespace

std::vector<StartCandidate> IndexSeekCandidates(const BoundPattern& pattern, size_t part, size_t node_idx,
                                                const std::set<int>& bound, const Catalog& catalog) {
  const BoundNode& node = pattern.parts[part].nodes[node_idx];
  std::vector<StartCandidate> out;
  for (const auto& conjunct : pattern.conjuncts) {
    for (int side = 0; side < 2; ++side) {
      Oriented oriented;
      if (!Orient(*conjunct.expr, side, &oriented)) break;
      const BoundExpr& mine = *oriented.mine;
      const BoundExpr& other = *oriented.other;
      if (oriented.op == ComparisonOp::kEq && IsIdOf(mine, node.slot) && ReadsOnlyBound(other, node.slot, bound)) {
        StartCandidate candidate = Candidate(LogicalStartKind::kNodeById, 1);
        candidate.step.equality = &other;
        out.push_back(std::move(candidate));
      }
      if (!IsPropertyOf(mine, node.slot) || !ReadsOnlyBound(other, node.slot, bound)) continue;
      for (const auto& label : node.labels) {
        if (!catalog.HasIndex(label, mine.name)) continue;
        if (oriented.op == ComparisonOp::kEq) {
          StartCandidate candidate = Candidate(LogicalStartKind::kIndexSeek, 2);
          candidate.step.label = label;
          candidate.step.key = mine.name;
          candidate.step.equality = &other;
          out.push_back(std::move(candidate));
        } else if (oriented.op != ComparisonOp::kNe) {
          out.push_back(RangeCandidate(pattern, *conjunct.expr, oriented, label, node.slot, bound, catalog));
        }
      }
    }
  }
  for (const auto& property : node.properties) {
    if (!ReadsOnlyBound(*property.value, node.slot, bound)) continue;
    for (const auto& label : node.labels) {
      if (!catalog.HasIndex(label, property.key)) continue;
      StartCandidate candidate = Candidate(LogicalStartKind::kIndexSeek, 2);
      candidate.step.label = label;
      candidate.step.key = property.key;
      candidate.step.equality = property.value.get();
      out.push_back(std::move(candidate));
    }
  }
  return out;
}

}  // namespace ecograph::query
