#include "query/optimizer/predicate_pushdown.h"

#include <algorithm>

namespace ecograph::query {

void ApplyPredicatePushdown(const BoundPattern& pattern, LogicalMatch* plan) {
  std::vector<size_t> pending;
  std::vector<LogicalStep> steps;
  for (auto& step : plan->steps) {
    if (step.kind == LogicalStepKind::kFilter) {
      pending.insert(pending.end(), step.conjuncts.begin(), step.conjuncts.end());
    } else {
      steps.push_back(std::move(step));
    }
  }
  std::sort(pending.begin(), pending.end());
  std::set<int> bound = pattern.bound_before;
  std::vector<LogicalStep> out;
  auto place = [&](bool last) {
    LogicalStep filter;
    filter.kind = LogicalStepKind::kFilter;
    filter.rule = last ? "" : "predicate_pushdown";
    std::vector<size_t> waiting;
    for (size_t idx : pending) {
      const auto& reads = pattern.conjuncts[idx].reads;
      bool ready = last || std::all_of(reads.begin(), reads.end(), [&](int slot) { return bound.count(slot) > 0; });
      (ready ? filter.conjuncts : waiting).push_back(idx);
    }
    pending = std::move(waiting);
    if (!filter.conjuncts.empty()) out.push_back(std::move(filter));
  };
  place(false);
  for (size_t idx = 0; idx < steps.size(); ++idx) {
    for (int slot : SlotsBoundBy(pattern, steps[idx])) bound.insert(slot);
    bool group_ends = idx + 1 == steps.size() || steps[idx + 1].kind != LogicalStepKind::kCheck;
    out.push_back(std::move(steps[idx]));
    if (group_ends) place(false);
  }
  place(true);  // invariant: nothing is left (every slot is bound by the end)
  plan->steps = std::move(out);
}

}  // namespace ecograph::query
