// The naive logical plan of a MATCH pattern and the step builder the
// optimizer's start choice reuses.
#include "query/planner/logical_match.h"

#include <limits>

namespace ecograph::query {

namespace {

bool StartConsumesLabel(LogicalStartKind kind) {
  return kind == LogicalStartKind::kIndexSeek || kind == LogicalStartKind::kIndexRange ||
         kind == LogicalStartKind::kLabelScan;
}

// Check of a node's labels (when `with_labels`, except `skip_label`) and
// inline properties; appended only when there is something to check.
void AppendNodeCheck(const BoundPattern& pattern, size_t part, size_t node_idx, bool with_labels,
                     const std::string& skip_label, std::vector<LogicalStep>* out) {
  const BoundNode& node = pattern.parts[part].nodes[node_idx];
  LogicalStep check;
  check.kind = LogicalStepKind::kCheck;
  check.part = part;
  check.node = node_idx;
  if (with_labels) {
    for (const auto& label : node.labels) {
      if (label != skip_label) check.check_labels.push_back(label);
    }
  }
  check.check_properties = !node.properties_text.empty();
  if (!check.check_labels.empty() || !node.properties.empty()) out->push_back(std::move(check));
}

void AppendStart(const BoundPattern& pattern, size_t part, size_t node_idx, const StartChooser& choose,
                 StepBuildState* state, std::vector<LogicalStep>* out) {
  LogicalStep start = choose(pattern, part, node_idx, *state);
  start.kind = LogicalStepKind::kStart;
  start.part = part;
  start.node = node_idx;
  std::string skip_label = StartConsumesLabel(start.start) ? start.label : "";
  out->push_back(start);
  state->bound.insert(pattern.parts[part].nodes[node_idx].slot);
  AppendNodeCheck(pattern, part, node_idx, true, skip_label, out);
}

void AppendExpand(const BoundPattern& pattern, size_t part, size_t rel_idx, bool reversed, StepBuildState* state,
                  std::vector<LogicalStep>* out) {
  const BoundPatternPart& info = pattern.parts[part];
  const BoundRel& rel = info.rels[rel_idx];
  size_t to_idx = reversed ? rel_idx : rel_idx + 1;
  int to_slot = info.nodes[to_idx].slot;
  LogicalStep step;
  step.kind = rel.var_length ? LogicalStepKind::kVarExpand : LogicalStepKind::kExpand;
  step.part = part;
  step.rel = rel_idx;
  step.reversed = reversed;
  step.to_bound = state->bound.count(to_slot) > 0;
  step.distinct_from = state->rel_slots;
  out->push_back(std::move(step));
  if (rel.slot >= 0) {
    state->rel_slots.push_back(rel.slot);
    state->bound.insert(rel.slot);
  }
  state->bound.insert(to_slot);
  if (!rel.var_length && !rel.properties.empty()) {
    LogicalStep check;
    check.kind = LogicalStepKind::kCheck;
    check.part = part;
    check.rel = rel_idx;
    check.check_rel = true;
    check.check_properties = true;
    out->push_back(std::move(check));
  }
  // The far node's labels are checked by the expansion itself.
  AppendNodeCheck(pattern, part, to_idx, false, "", out);
}

void AppendShortestPath(const BoundPattern& pattern, size_t part, const StartChooser& choose,
                        StepBuildState* state, std::vector<LogicalStep>* out) {
  const BoundPatternPart& info = pattern.parts[part];
  AppendStart(pattern, part, 0, choose, state, out);
  AppendStart(pattern, part, info.nodes.size() - 1, choose, state, out);
  const BoundRel& rel = info.rels[0];
  std::set<int> path_slots;
  if (info.path_slot >= 0) path_slots.insert(info.path_slot);
  if (rel.named) path_slots.insert(rel.slot);
  LogicalStep step;
  step.kind = LogicalStepKind::kShortestPath;
  step.part = part;
  step.rel = 0;
  for (size_t idx = 0; idx < pattern.conjuncts.size(); ++idx) {
    if (state->conjunct_used[idx]) continue;
    bool reads_path = false, ready = true;
    for (int slot : pattern.conjuncts[idx].reads) {
      if (path_slots.count(slot)) {
        reads_path = true;
      } else if (!state->bound.count(slot)) {
        ready = false;
      }
    }
    if (!reads_path || !ready) continue;
    state->conjunct_used[idx] = true;
    step.conjuncts.push_back(idx);
  }
  out->push_back(std::move(step));
  state->bound.insert(path_slots.begin(), path_slots.end());
}

std::string Arrow(const BoundRel& rel, bool reversed) {
  std::string types;
  for (size_t idx = 0; idx < rel.types.size(); ++idx) types += (idx ? "|" : ":") + rel.types[idx];
  std::string body = "[" + (rel.named ? rel.name : "") + types;
  if (rel.var_length) {
    body.append("*").append(std::to_string(rel.min_hops)).append("..");
    // Unbounded: INT64_MAX, or shortestPath's 2^30 search limit.
    if (rel.max_hops < (int64_t{1} << 30)) body += std::to_string(rel.max_hops);
  }
  // Checked on every relationship during the search (a fixed-length
  // relationship's properties are a Check step of their own).
  if (rel.edge_slot >= 0) body.append(" ").append(rel.properties_text);
  body += "]";
  bool right = rel.direction == RelDirection::kLeftToRight;
  bool undirected = rel.direction == RelDirection::kUndirected;
  std::string arrow = !undirected && right == reversed ? "<-" : "-";
  arrow.append(body);
  arrow.append(!undirected && right != reversed ? "->" : "-");
  return arrow;
}

std::string StartText(const BoundNode& node, const LogicalStep& step) {
  switch (step.start) {
    case LogicalStartKind::kArgument: return "Argument(" + node.name + ")";
    case LogicalStartKind::kNodeById: return "NodeById(" + node.name + ")";
    case LogicalStartKind::kIndexSeek: return "IndexSeek(" + node.name + ":" + step.label + "(" + step.key + "))";
    case LogicalStartKind::kIndexRange: return "IndexRange(" + node.name + ":" + step.label + "(" + step.key + "))";
    case LogicalStartKind::kLabelScan: return "LabelScan(" + node.name + ":" + step.label + ")";
    case LogicalStartKind::kAllNodes: return "AllNodes(" + node.name + ")";
  }
  return "";
}

}  // namespace

void AppendPartSteps(const BoundPattern& pattern, size_t part, size_t start_node, const StartChooser& choose,
                     StepBuildState* state, std::vector<LogicalStep>* out) {
  const BoundPatternPart& info = pattern.parts[part];
  if (info.path_function != PathFunction::kNone) {
    AppendShortestPath(pattern, part, choose, state, out);
    return;
  }
  AppendStart(pattern, part, start_node, choose, state, out);
  for (size_t rel_idx = start_node; rel_idx < info.rels.size(); ++rel_idx) {
    AppendExpand(pattern, part, rel_idx, false, state, out);
  }
  for (size_t rel_idx = start_node; rel_idx-- > 0;) AppendExpand(pattern, part, rel_idx, true, state, out);
  if (info.path_slot >= 0) {
    LogicalStep build;
    build.kind = LogicalStepKind::kBuildPath;
    build.part = part;
    out->push_back(std::move(build));
    state->bound.insert(info.path_slot);
  }
}

LogicalMatch BuildLogicalMatch(const BoundPattern& pattern) {
  StepBuildState state;
  state.bound = pattern.bound_before;
  state.conjunct_used.assign(pattern.conjuncts.size(), false);
  StartChooser naive = [](const BoundPattern& p, size_t part, size_t node, const StepBuildState& s) {
    LogicalStep start;
    start.start = s.bound.count(p.parts[part].nodes[node].slot) ? LogicalStartKind::kArgument
                                                                 : LogicalStartKind::kAllNodes;
    return start;
  };
  LogicalMatch plan;
  for (size_t part = 0; part < pattern.parts.size(); ++part) AppendPartSteps(pattern, part, 0, naive, &state, &plan.steps);
  LogicalStep filter;
  for (size_t idx = 0; idx < pattern.conjuncts.size(); ++idx) {
    if (!state.conjunct_used[idx]) filter.conjuncts.push_back(idx);
  }
  if (!filter.conjuncts.empty()) plan.steps.push_back(std::move(filter));
  return plan;
}

std::vector<int> SlotsBoundBy(const BoundPattern& pattern, const LogicalStep& step) {
  if (step.kind == LogicalStepKind::kFilter || step.kind == LogicalStepKind::kCheck) return {};
  const BoundPatternPart& info = pattern.parts[step.part];
  std::vector<int> slots;
  switch (step.kind) {
    case LogicalStepKind::kStart: slots.push_back(info.nodes[step.node].slot); break;
    case LogicalStepKind::kExpand:
    case LogicalStepKind::kVarExpand:
      if (info.rels[step.rel].slot >= 0) slots.push_back(info.rels[step.rel].slot);
      slots.push_back(info.nodes[step.reversed ? step.rel : step.rel + 1].slot);
      break;
    case LogicalStepKind::kShortestPath:
      if (info.rels[0].named) slots.push_back(info.rels[0].slot);
      if (info.path_slot >= 0) slots.push_back(info.path_slot);
      break;
    case LogicalStepKind::kBuildPath: slots.push_back(info.path_slot); break;
    default: break;
  }
  return slots;
}

std::string RenderLogicalMatch(const BoundPattern& pattern, const LogicalMatch& plan) {
  std::string out;
  auto conjunct_text = [&](const std::vector<size_t>& conjuncts) {
    std::string text;
    for (size_t idx : conjuncts) text += (text.empty() ? "" : " AND ") + pattern.conjuncts[idx].text;
    return text;
  };
  for (const auto& step : plan.steps) {
    std::string line;
    const BoundPatternPart* info = step.kind == LogicalStepKind::kFilter ? nullptr : &pattern.parts[step.part];
    switch (step.kind) {
      case LogicalStepKind::kStart: line = "Start " + StartText(info->nodes[step.node], step); break;
      case LogicalStepKind::kExpand:
      case LogicalStepKind::kVarExpand: {
        const auto& from = info->nodes[step.reversed ? step.rel + 1 : step.rel];
        const auto& to = info->nodes[step.reversed ? step.rel : step.rel + 1];
        line = std::string(step.kind == LogicalStepKind::kExpand ? "Expand" : "VarExpand") + " (" + from.name +
               ")" + Arrow(info->rels[step.rel], step.reversed) + "(" + to.name + ")";
        break;
      }
      case LogicalStepKind::kShortestPath:
        line = std::string(info->path_function == PathFunction::kAllShortestPaths ? "AllShortestPaths"
                                                                                   : "ShortestPath") +
               " (" + info->nodes.front().name + ")" + Arrow(info->rels[0], false) + "(" +
               info->nodes.back().name + ")";
        if (!step.conjuncts.empty()) line += " searching " + conjunct_text(step.conjuncts);
        break;
      case LogicalStepKind::kBuildPath: line = "BuildPath " + info->path_name; break;
      case LogicalStepKind::kCheck:
        if (step.check_rel) {
          line = "Check " + info->rels[step.rel].name + " " + info->rels[step.rel].properties_text;
        } else {
          const BoundNode& node = info->nodes[step.node];
          line = "Check " + node.name;
          for (const auto& label : step.check_labels) line += ":" + label;
          if (step.check_properties) line += " " + node.properties_text;
        }
        break;
      case LogicalStepKind::kFilter: line = "Filter " + conjunct_text(step.conjuncts); break;
    }
    if (!step.rule.empty()) line += "  [" + step.rule + "]";
    out += line + "\n";
  }
  return out;
}

}  // namespace ecograph::query
