#include "query/optimizer/start_choice.h"

#include <cstdint>
#include <limits>

namespace ecograph::query {

namespace {

// shortestPath parts are planned after every other part.
constexpr double kShortestPathPenalty = 1e15;

}  // namespace

StartCandidate ChooseStart(const BoundPattern& pattern, size_t part, size_t node_idx, const std::set<int>& bound,
                           const Catalog& catalog) {
  const BoundNode& node = pattern.parts[part].nodes[node_idx];
  StartCandidate best;
  best.step.kind = LogicalStepKind::kStart;
  if (bound.count(node.slot)) {
    best.step.start = LogicalStartKind::kArgument;
    best.cost = 0;
    return best;
  }
  best.cost = std::numeric_limits<double>::max();
  auto consider = [&](StartCandidate candidate) {
    if (candidate.cost < best.cost) best = std::move(candidate);
  };
  for (auto& candidate : IndexSeekCandidates(pattern, part, node_idx, bound, catalog)) consider(std::move(candidate));
  for (const auto& label : node.labels) {
    StartCandidate scan;
    scan.step.kind = LogicalStepKind::kStart;
    scan.step.start = LogicalStartKind::kLabelScan;
    scan.step.label = label;
    scan.step.rule = "start_choice";
    scan.cost = 10 + static_cast<double>(catalog.LabelCount(label));
    consider(std::move(scan));
  }
  // A label's nodes are a subset of all nodes, so a labelled node never
  // starts from all nodes (cost 11 + nodes > 10 + label count): the node
  // count (a storage read) is only asked for an unlabelled node.
  if (node.labels.empty()) {
    StartCandidate all;
    all.step.kind = LogicalStepKind::kStart;
    all.step.start = LogicalStartKind::kAllNodes;
    all.cost = 11 + static_cast<double>(catalog.NodeCount());
    consider(std::move(all));
  }
  return best;
}

void ApplyStartChoice(const BoundPattern& pattern, const Catalog& catalog, LogicalMatch* plan) {
  StepBuildState state;
  state.bound = pattern.bound_before;
  state.conjunct_used.assign(pattern.conjuncts.size(), false);
  StartChooser choose = [&catalog](const BoundPattern& p, size_t part, size_t node, const StepBuildState& s) {
    return ChooseStart(p, part, node, s.bound, catalog).step;
  };
  std::vector<LogicalStep> steps;
  std::vector<bool> done(pattern.parts.size(), false);
  for (size_t round = 0; round < pattern.parts.size(); ++round) {
    size_t best_part = SIZE_MAX, best_node = 0;
    double best_cost = 0;
    for (size_t part_idx = 0; part_idx < pattern.parts.size(); ++part_idx) {
      if (done[part_idx]) continue;
      const BoundPatternPart& part = pattern.parts[part_idx];
      bool shortest = part.path_function != PathFunction::kNone;
      for (size_t node_idx = 0; node_idx < part.nodes.size(); ++node_idx) {
        if (shortest && node_idx != 0 && node_idx + 1 != part.nodes.size()) continue;
        double cost = ChooseStart(pattern, part_idx, node_idx, state.bound, catalog).cost;
        if (shortest) cost += kShortestPathPenalty;
        if (best_part == SIZE_MAX || cost < best_cost) {
          best_part = part_idx;
          best_node = node_idx;
          best_cost = cost;
        }
      }
    }
    done[best_part] = true;
    AppendPartSteps(pattern, best_part, best_node, choose, &state, &steps);
  }
  LogicalStep filter;
  for (size_t idx = 0; idx < pattern.conjuncts.size(); ++idx) {
    if (!state.conjunct_used[idx]) filter.conjuncts.push_back(idx);
  }
  if (!filter.conjuncts.empty()) steps.push_back(std::move(filter));
  plan->steps = std::move(steps);
}

}  // namespace ecograph::query
