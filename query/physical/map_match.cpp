#include "query/physical/map_match.h"

namespace ecograph::query {

namespace {

storage::Direction ToStorage(RelDirection direction, bool reversed) {
  switch (direction) {
    case RelDirection::kLeftToRight: return reversed ? storage::Direction::kIncoming : storage::Direction::kOutgoing;
    case RelDirection::kRightToLeft: return reversed ? storage::Direction::kOutgoing : storage::Direction::kIncoming;
    case RelDirection::kUndirected: return storage::Direction::kBoth;
  }
  return storage::Direction::kBoth;
}

BoundExprPtr CloneOrNull(const BoundExpr* expr) { return expr ? CloneBoundExpr(*expr) : nullptr; }

OperatorPtr MapStart(OperatorPtr op, const BoundNode& node, const LogicalStep& step) {
  switch (step.start) {
    case LogicalStartKind::kArgument: return op;
    case LogicalStartKind::kNodeById:
      return std::make_unique<NodeByIdOperator>(std::move(op), node.slot, node.name, CloneBoundExpr(*step.equality));
    case LogicalStartKind::kIndexSeek:
      // Both bounds are copies of the same expression: NodeIndexSeek
      // describes itself as an equality seek when their spans match.
      return std::make_unique<NodeIndexSeekOperator>(std::move(op), node.slot, node.name, step.label, step.key,
                                                     CloneBoundExpr(*step.equality), true,
                                                     CloneBoundExpr(*step.equality), true);
    case LogicalStartKind::kIndexRange:
      return std::make_unique<NodeIndexSeekOperator>(std::move(op), node.slot, node.name, step.label, step.key,
                                                     CloneOrNull(step.lo), step.lo_inclusive, CloneOrNull(step.hi),
                                                     step.hi_inclusive);
    case LogicalStartKind::kLabelScan:
      return std::make_unique<NodeScanOperator>(std::move(op), node.slot, node.name, step.label);
    case LogicalStartKind::kAllNodes:
      return std::make_unique<NodeScanOperator>(std::move(op), node.slot, node.name, std::nullopt);
  }
  return op;
}

// Label and inline-property checks: one Filter.
OperatorPtr MapCheck(OperatorPtr op, int slot, const std::string& name, const std::vector<std::string>& labels,
                     std::vector<BoundProperty>* properties, const std::string& properties_text) {
  std::vector<BoundExprPtr> predicates;
  if (!labels.empty()) {
    auto check = std::make_unique<BoundExpr>();
    check->internal = InternalOp::kHasLabels;
    check->slot = slot;
    check->labels = labels;
    predicates.push_back(std::move(check));
  }
  if (properties) {
    for (auto& property : *properties) predicates.push_back(TakePropertyCheck(slot, &property));
  }
  if (predicates.empty()) return op;
  std::string text;
  if (!labels.empty()) {
    text = name;
    for (const auto& label : labels) text += ":" + label;
  }
  if (properties) text += (text.empty() ? name + " " : " ") + properties_text;
  return std::make_unique<FilterOperator>(std::move(op), std::move(predicates), text);
}

// The inline properties of a variable-length or shortestPath relationship as
// a filter on every relationship of the path (null when there are none).
std::shared_ptr<const EdgeFilter> EdgeFilterOf(BoundRel& rel) {
  if (rel.edge_slot < 0) return nullptr;
  auto filter = std::make_shared<EdgeFilter>();
  filter->slot = rel.edge_slot;
  filter->text = rel.properties_text;
  for (auto& property : rel.properties) filter->checks.push_back(TakePropertyCheck(rel.edge_slot, &property));
  return filter;
}

ExpandSpec SpecOf(const BoundPatternPart& part, const LogicalStep& step) {
  const BoundRel& rel = part.rels[step.rel];
  const BoundNode& from = part.nodes[step.reversed ? step.rel + 1 : step.rel];
  const BoundNode& to = part.nodes[step.reversed ? step.rel : step.rel + 1];
  ExpandSpec spec;
  spec.from_slot = from.slot;
  spec.rel_slot = rel.slot;
  spec.to_slot = to.slot;
  spec.to_bound = step.to_bound;
  spec.direction = ToStorage(rel.direction, step.reversed);
  spec.types = rel.types;
  spec.to_labels = to.labels;
  spec.unique_rel_slots = step.distinct_from;
  spec.reversed = step.reversed;
  spec.text = "(" + from.name + ")";
  spec.to_text = "(" + to.name;
  for (const auto& label : spec.to_labels) spec.to_text += ":" + label;
  spec.to_text += ")";
  return spec;
}

// all(x IN relationships(p) WHERE e) / none(...) over the part's
// relationships, with `e` not reading the path: a rule per relationship.
bool IsEdgeRule(const BoundExpr& expr, const BoundPatternPart& part) {
  if (expr.kind != ExprKind::kQuantifier || !expr.where_expr ||
      (expr.quantifier != Quantifier::kAll && expr.quantifier != Quantifier::kNone)) {
    return false;
  }
  const BoundRel& rel = part.rels[0];
  const BoundExpr& list = *expr.children[0];
  auto is_variable = [](const BoundExpr& e, int slot) {
    return e.kind == ExprKind::kVariable && e.internal == InternalOp::kNone && e.slot == slot;
  };
  bool over_rels = (rel.named && is_variable(list, rel.slot)) ||
                   (part.path_slot >= 0 && list.kind == ExprKind::kFunctionCall && list.name == "relationships" &&
                    list.children.size() == 1 && is_variable(*list.children[0], part.path_slot));
  if (!over_rels) return false;
  std::set<int> reads;
  CollectSlots(*expr.where_expr, &reads);
  return !(rel.named && reads.count(rel.slot)) && !(part.path_slot >= 0 && reads.count(part.path_slot));
}

OperatorPtr MapShortestPath(OperatorPtr op, BoundPattern& pattern, const LogicalStep& step) {
  BoundPatternPart& part = pattern.parts[step.part];
  BoundRel& rel = part.rels[0];
  const BoundNode& first = part.nodes.front();
  const BoundNode& last = part.nodes.back();
  ExpandSpec spec;
  spec.from_slot = first.slot;
  spec.to_slot = last.slot;
  spec.rel_slot = rel.named ? rel.slot : -1;
  spec.direction = ToStorage(rel.direction, false);
  spec.types = rel.types;
  spec.text = "(" + first.name + ")";
  spec.to_text = "(" + last.name + ")";
  spec.edge_filter = EdgeFilterOf(rel);
  PathPredicates predicates;
  for (size_t idx : step.conjuncts) {
    BoundConjunct& conjunct = pattern.conjuncts[idx];
    if (IsEdgeRule(*conjunct.expr, part)) {
      predicates.edge_rules.push_back(PathPredicates::EdgeRule{
          conjunct.expr->where_expr.get(), conjunct.expr->slot, conjunct.expr->quantifier == Quantifier::kAll});
    } else {
      predicates.edge_rules_suffice = false;
    }
    predicates.text += (predicates.text.empty() ? "" : " AND ") + conjunct.text;
    predicates.conjuncts.push_back(std::move(conjunct.expr));
  }
  return std::make_unique<ShortestPathOperator>(std::move(op), spec, rel.min_hops, rel.max_hops,
                                                part.path_function == PathFunction::kAllShortestPaths,
                                                part.path_slot, std::move(predicates));
}

OperatorPtr MapBuildPath(OperatorPtr op, const BoundPatternPart& part) {
  auto build = std::make_unique<BoundExpr>();
  build->internal = InternalOp::kBuildPath;
  for (size_t node_idx = 0; node_idx < part.nodes.size(); ++node_idx) {
    build->path_slots.push_back(part.nodes[node_idx].slot);
    if (node_idx < part.rels.size()) {
      build->path_slots.push_back(part.rels[node_idx].slot);
      build->path_rel_is_list.push_back(part.rels[node_idx].var_length);
    }
  }
  std::vector<ProjectItem> items;
  items.push_back(ProjectItem{std::move(build), part.path_slot, part.path_name});
  return std::make_unique<ProjectOperator>(std::move(op), std::move(items));
}

}  // namespace

OperatorPtr MapLogicalMatch(OperatorPtr input, BoundPattern& pattern, const LogicalMatch& plan) {
  OperatorPtr op = std::move(input);
  for (const auto& step : plan.steps) {
    switch (step.kind) {
      case LogicalStepKind::kStart:
        op = MapStart(std::move(op), pattern.parts[step.part].nodes[step.node], step);
        break;
      case LogicalStepKind::kExpand:
        op = std::make_unique<ExpandOperator>(std::move(op), SpecOf(pattern.parts[step.part], step));
        break;
      case LogicalStepKind::kVarExpand: {
        BoundPatternPart& part = pattern.parts[step.part];
        BoundRel& rel = part.rels[step.rel];
        bool bind_list = rel.slot >= 0 && (rel.named || part.path_slot >= 0);
        ExpandSpec spec = SpecOf(part, step);
        spec.edge_filter = EdgeFilterOf(rel);
        op = std::make_unique<VarExpandOperator>(std::move(op), std::move(spec), rel.min_hops, rel.max_hops,
                                                 bind_list);
        break;
      }
      case LogicalStepKind::kShortestPath: op = MapShortestPath(std::move(op), pattern, step); break;
      case LogicalStepKind::kBuildPath: op = MapBuildPath(std::move(op), pattern.parts[step.part]); break;
      case LogicalStepKind::kCheck: {
        BoundPatternPart& part = pattern.parts[step.part];
        if (step.check_rel) {
          BoundRel& rel = part.rels[step.rel];
          op = MapCheck(std::move(op), rel.slot, rel.name, {}, &rel.properties, rel.properties_text);
        } else {
          BoundNode& node = part.nodes[step.node];
          op = MapCheck(std::move(op), node.slot, node.name, step.check_labels,
                        step.check_properties ? &node.properties : nullptr, node.properties_text);
        }
        break;
      }
      case LogicalStepKind::kFilter: {
        std::vector<BoundExprPtr> predicates;
        std::string text;
        for (size_t idx : step.conjuncts) {
          predicates.push_back(std::move(pattern.conjuncts[idx].expr));
          text += (text.empty() ? "" : " AND ") + pattern.conjuncts[idx].text;
        }
        op = std::make_unique<FilterOperator>(std::move(op), std::move(predicates), std::move(text));
        break;
      }
    }
  }
  return op;
}

}  // namespace ecograph::query
