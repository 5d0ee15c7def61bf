// Planning of updating clauses: CREATE, MERGE, SET, REMOVE, DELETE.
#include "query/planner.h"

namespace ecograph::query {

std::vector<CreatePatternSpec> Planner::BindCreatePattern(const Pattern& pattern, Scope& scope,
                                                          bool merge) {
  std::vector<CreatePatternSpec> specs;
  for (const auto& part : pattern.parts) {
    if (part.path_function != PathFunction::kNone) {
      throw QueryError(ErrorKind::kSemantic, "shortestPath cannot be used to create", part.span);
    }
    CreatePatternSpec spec;
    std::vector<int> node_slots;
    for (const auto& node : part.nodes) {
      CreateNodeSpec node_spec;
      auto it = node.variable ? scope.find(*node.variable) : scope.end();
      if (it != scope.end()) {
        if (it->second.kind != VariableKind::kNode && it->second.kind != VariableKind::kValue) {
          throw QueryError(ErrorKind::kSemantic, "variable '" + *node.variable + "' is not a node", node.span);
        }
        if (!node.labels.empty() || node.properties) {
          throw QueryError(ErrorKind::kSemantic,
                           "cannot create node '" + *node.variable +
                               "' with labels or properties here: the variable is already declared",
                           node.span);
        }
        if (part.nodes.size() == 1) {
          throw QueryError(ErrorKind::kSemantic, "variable '" + *node.variable + "' already declared",
                           node.span);
        }
        node_spec.bound = true;
        node_spec.slot = it->second.slot;
      } else {
        node_spec.slot = NewSlot();
        node_spec.labels = node.labels;
        if (node.properties) node_spec.properties = Bind(*node.properties, scope);
        if (node.variable) scope[*node.variable] = VariableInfo{node_spec.slot, VariableKind::kNode};
      }
      node_slots.push_back(node_spec.slot);
      spec.nodes.push_back(std::move(node_spec));
    }
    for (size_t rel_idx = 0; rel_idx < part.rels.size(); ++rel_idx) {
      const RelPattern& rel = part.rels[rel_idx];
      if (rel.types.size() != 1) {
        throw QueryError(ErrorKind::kSemantic,
                         "exactly one relationship type must be specified to create a relationship",
                         rel.span);
      }
      if (rel.variable_length) {
        throw QueryError(ErrorKind::kSemantic, "variable-length relationships cannot be created", rel.span);
      }
      if (rel.direction == RelDirection::kUndirected && !merge) {
        throw QueryError(ErrorKind::kSemantic, "only directed relationships can be created", rel.span);
      }
      if (rel.variable && scope.count(*rel.variable)) {
        throw QueryError(ErrorKind::kSemantic, "variable '" + *rel.variable + "' already declared", rel.span);
      }
      CreateRelSpec rel_spec;
      rel_spec.slot = NewSlot();
      rel_spec.type = rel.types[0];
      bool backwards = rel.direction == RelDirection::kRightToLeft;
      rel_spec.from_slot = backwards ? node_slots[rel_idx + 1] : node_slots[rel_idx];
      rel_spec.to_slot = backwards ? node_slots[rel_idx] : node_slots[rel_idx + 1];
      if (rel.properties) rel_spec.properties = Bind(*rel.properties, scope);
      if (rel.variable) scope[*rel.variable] = VariableInfo{rel_spec.slot, VariableKind::kRel};
      spec.path_slots.push_back(node_slots[rel_idx]);
      spec.path_slots.push_back(rel_spec.slot);
      spec.rels.push_back(std::move(rel_spec));
    }
    spec.path_slots.push_back(node_slots.back());
    if (part.path_variable) {
      spec.path_slot = NewSlot();
      scope[*part.path_variable] = VariableInfo{spec.path_slot, VariableKind::kPath};
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

OperatorPtr Planner::PlanCreate(OperatorPtr input, const Clause& clause, Scope& scope) {
  auto specs = BindCreatePattern(clause.pattern, scope, false);
  return std::make_unique<CreateOperator>(std::move(input), std::move(specs));
}

OperatorPtr Planner::PlanMerge(OperatorPtr input, const Clause& clause, Scope& scope) {
  if (clause.pattern.parts.size() != 1) {
    throw QueryError(ErrorKind::kSemantic, "MERGE takes exactly one pattern", clause.span);
  }
  for (const auto& rel : clause.pattern.parts[0].rels) {
    if (rel.types.size() != 1) {
      throw QueryError(ErrorKind::kSemantic,
                       "exactly one relationship type must be specified to MERGE a relationship", rel.span);
    }
  }
  const PatternPart& merged = clause.pattern.parts[0];
  if (merged.nodes.size() == 1 && merged.nodes[0].variable && scope.count(*merged.nodes[0].variable)) {
    throw QueryError(ErrorKind::kSemantic, "variable '" + *merged.nodes[0].variable + "' already declared",
                     merged.nodes[0].span);
  }
  Scope match_scope = scope;
  std::vector<int> new_slots;
  auto match = PlanNested(clause.pattern, nullptr, match_scope, &new_slots);
  // The create side must bind the same slots the match side binds.
  Scope create_scope = scope;
  auto specs = BindCreatePattern(clause.pattern, create_scope, true);
  const PatternPart& part = clause.pattern.parts[0];
  auto& spec = specs[0];
  for (size_t node_idx = 0; node_idx < part.nodes.size(); ++node_idx) {
    const auto& node = part.nodes[node_idx];
    if (spec.nodes[node_idx].bound || !node.variable) continue;
    spec.nodes[node_idx].slot = match_scope[*node.variable].slot;
  }
  for (size_t rel_idx = 0; rel_idx < part.rels.size(); ++rel_idx) {
    const auto& rel = part.rels[rel_idx];
    if (rel.variable) spec.rels[rel_idx].slot = match_scope[*rel.variable].slot;
  }
  if (part.path_variable) spec.path_slot = match_scope[*part.path_variable].slot;
  // Re-resolve endpoints and path slots to the (possibly re-mapped) node slots.
  std::vector<int> node_slots;
  for (const auto& node : spec.nodes) node_slots.push_back(node.slot);
  spec.path_slots.clear();
  for (size_t rel_idx = 0; rel_idx < part.rels.size(); ++rel_idx) {
    bool backwards = part.rels[rel_idx].direction == RelDirection::kRightToLeft;
    spec.rels[rel_idx].from_slot = backwards ? node_slots[rel_idx + 1] : node_slots[rel_idx];
    spec.rels[rel_idx].to_slot = backwards ? node_slots[rel_idx] : node_slots[rel_idx + 1];
    spec.path_slots.push_back(node_slots[rel_idx]);
    spec.path_slots.push_back(spec.rels[rel_idx].slot);
  }
  spec.path_slots.push_back(node_slots.back());
  scope = match_scope;
  auto on_create = BindSetItems(clause.on_create, scope);
  auto on_match = BindSetItems(clause.on_match, scope);
  return std::make_unique<MergeOperator>(std::move(input), std::move(match), std::move(specs),
                                         std::move(on_create), std::move(on_match));
}

std::vector<SetSpec> Planner::BindSetItems(const std::vector<SetItem>& items, Scope& scope) {
  std::vector<SetSpec> specs;
  for (const auto& item : items) {
    SetSpec spec;
    spec.kind = item.kind;
    spec.span = item.span;
    spec.labels = item.labels;
    if (item.kind == SetItemKind::kProperty) {
      if (item.target->kind != ExprKind::kProperty) {
        throw QueryError(ErrorKind::kSemantic, "SET expects a property (n.key)", item.span);
      }
      spec.target = Bind(*item.target->children[0], scope);
      spec.key = item.target->name;
    } else {
      spec.target = Bind(*item.target, scope);
    }
    if (item.value) spec.value = Bind(*item.value, scope);
    specs.push_back(std::move(spec));
  }
  return specs;
}

OperatorPtr Planner::PlanSet(OperatorPtr input, const std::vector<SetItem>& items, Scope& scope) {
  return std::make_unique<SetOperator>(std::move(input), BindSetItems(items, scope));
}

OperatorPtr Planner::PlanRemove(OperatorPtr input, const Clause& clause, Scope& scope) {
  std::vector<RemoveSpec> specs;
  for (const auto& item : clause.remove_items) {
    RemoveSpec spec;
    spec.kind = item.kind;
    spec.labels = item.labels;
    if (item.kind == RemoveItemKind::kProperty) {
      if (item.target->kind != ExprKind::kProperty) {
        throw QueryError(ErrorKind::kSemantic, "REMOVE expects a property (n.key)", item.span);
      }
      spec.target = Bind(*item.target->children[0], scope);
      spec.key = item.target->name;
    } else {
      spec.target = Bind(*item.target, scope);
    }
    specs.push_back(std::move(spec));
  }
  return std::make_unique<RemoveOperator>(std::move(input), std::move(specs));
}

OperatorPtr Planner::PlanDelete(OperatorPtr input, const Clause& clause, Scope& scope) {
  std::vector<BoundExprPtr> targets;
  for (const auto& expr : clause.delete_exprs) {
    BoundExprPtr bound = Bind(*expr, scope);
    if (expr->kind == ExprKind::kLiteral || expr->kind == ExprKind::kMap || expr->kind == ExprKind::kBinary ||
        expr->kind == ExprKind::kUnary || expr->kind == ExprKind::kList || expr->kind == ExprKind::kComparison) {
      throw QueryError(ErrorKind::kSemantic, "DELETE expects a node, relationship or path", expr->span);
    }
    targets.push_back(std::move(bound));
  }
  return std::make_unique<DeleteOperator>(std::move(input), std::move(targets), clause.detach);
}

}  // namespace ecograph::query
