// Binding of a MATCH pattern and its WHERE into a BoundPattern: declares the
// pattern's variables in the scope (new ones get slots), checks their kinds
// and the pattern's shape, and binds property maps and WHERE conjuncts.
#include "query/binder/bound_pattern.h"

#include <limits>
#include <set>

#include "query/planner.h"

namespace ecograph::query {

namespace {

void SplitConjuncts(const Expr* expr, std::vector<const Expr*>* out) {
  if (!expr) return;
  if (expr->kind == ExprKind::kBinary && expr->binary_op == BinaryOp::kAnd) {
    SplitConjuncts(expr->children[0].get(), out);
    SplitConjuncts(expr->children[1].get(), out);
    return;
  }
  out->push_back(expr);
}

}  // namespace

BoundExprPtr TakePropertyCheck(int slot, BoundProperty* property) {
  auto check = std::make_unique<BoundExpr>();
  check->internal = InternalOp::kPropertyEquals;
  check->slot = slot;
  check->name = property->key;
  check->span = property->value->span;
  check->children.push_back(std::move(property->value));
  return check;
}

std::vector<BoundProperty> Planner::BindPatternProperties(const Expr* properties, const Scope& scope,
                                                          std::string* text) {
  std::vector<BoundProperty> out;
  if (!properties) return out;
  if (properties->kind != ExprKind::kMap) {
    throw QueryError(ErrorKind::kNotSupported, "a parameter as a pattern's property map in MATCH",
                     properties->span);
  }
  for (size_t idx = 0; idx < properties->children.size(); ++idx) {
    out.push_back(BoundProperty{properties->map_keys[idx], Bind(*properties->children[idx], scope)});
  }
  *text = SourceText(properties->span);
  return out;
}

BoundPattern Planner::BindPattern(const Pattern& pattern, const Expr* where, Scope& scope,
                                  std::vector<int>* new_slots) {
  BoundPattern bound;
  for (const auto& [name, info] : scope) bound.bound_before.insert(info.slot);

  // 1. Declare the pattern's variables (in pattern order, so slot and
  // anon_<n> numbering is stable).
  auto declare = [&](const std::optional<std::string>& variable, VariableKind kind,
                     const SourceSpan& span) -> std::pair<int, std::string> {
    if (!variable) {
      int slot = NewSlot();
      return {slot, "anon_" + std::to_string(anonymous_++)};
    }
    auto it = scope.find(*variable);
    if (it != scope.end()) {
      VariableKind existing = it->second.kind;
      bool compatible = existing == kind || existing == VariableKind::kValue;
      if (!compatible) {
        throw QueryError(ErrorKind::kSemantic,
                         "variable '" + *variable + "' is already bound to a different kind of value", span);
      }
      return {it->second.slot, *variable};
    }
    int slot = NewSlot();
    scope[*variable] = VariableInfo{slot, kind};
    if (new_slots) new_slots->push_back(slot);
    return {slot, *variable};
  };

  // Relationship uniqueness needs the relationships of every expansion when
  // the pattern has more than one relationship.
  size_t pattern_rel_count = 0;
  for (const auto& part : pattern.parts) pattern_rel_count += part.rels.size();
  std::set<std::string> pattern_rel_names;
  struct ReusedRel {
    int slot;        // where the expansion binds the relationship
    int bound_slot;  // the variable's slot from before the pattern
    std::string name;
    bool known_rel;  // bound as a relationship (not a value of unknown type)
    RelDirection direction;
    const BoundNode* left;  // the pattern's nodes either side, set once bound.parts is complete
    const BoundNode* right;
  };
  std::vector<ReusedRel> reused_rels;
  std::vector<std::pair<size_t, size_t>> reused_left_index;  // (part, rel) of each reused_rels entry
  for (const auto& part : pattern.parts) {
    for (const auto& rel : part.rels) {
      if (rel.variable && !pattern_rel_names.insert(*rel.variable).second) {
        throw QueryError(ErrorKind::kSemantic,
                         "cannot use the same relationship variable '" + *rel.variable + "' twice in a pattern",
                         rel.span);
      }
    }
    BoundPatternPart info;
    info.path_function = part.path_function;
    const bool shortest = part.path_function != PathFunction::kNone;
    for (const auto& node : part.nodes) {
      auto [slot, name] = declare(node.variable, VariableKind::kNode, node.span);
      BoundNode bound_node;
      bound_node.slot = slot;
      bound_node.name = name;
      bound_node.labels = node.labels;
      info.nodes.push_back(std::move(bound_node));
    }
    for (size_t rel_idx = 0; rel_idx < part.rels.size(); ++rel_idx) {
      const RelPattern& rel = part.rels[rel_idx];
      BoundRel bound_rel;
      bound_rel.named = rel.variable.has_value();
      bound_rel.types = rel.types;
      bound_rel.direction = rel.direction;
      bound_rel.var_length = rel.variable_length;
      const bool reused = rel.variable && scope.count(*rel.variable) &&
                          bound.bound_before.count(scope[*rel.variable].slot);
      if (reused && (rel.variable_length || shortest)) {
        throw QueryError(ErrorKind::kNotSupported,
                         "re-using the bound relationship variable '" + *rel.variable + "' in a pattern",
                         rel.span);
      }
      if (reused) {
        // Matched as a fresh relationship that must be the bound one (a
        // conjunct, placed right after its expansion by predicate pushdown).
        const VariableInfo& existing = scope.at(*rel.variable);
        if (existing.kind != VariableKind::kRel && existing.kind != VariableKind::kValue) {
          throw QueryError(ErrorKind::kSemantic,
                           "variable '" + *rel.variable + "' is already bound to a different kind of value",
                           rel.span);
        }
        bound_rel.slot = NewSlot();
        bound_rel.name = *rel.variable;
        reused_rels.push_back({bound_rel.slot, existing.slot, *rel.variable, existing.kind == VariableKind::kRel,
                               rel.direction, nullptr, nullptr});
        reused_left_index.push_back({bound.parts.size(), rel_idx});
      } else if (rel.variable_length && !rel.variable && !shortest && !part.path_variable) {
        // Anonymous: a slot of relationship ids only when uniqueness needs it.
        bound_rel.slot = pattern_rel_count > 1 ? NewSlot() : -1;
      } else {
        auto [slot, name] = declare(rel.variable, rel.variable_length ? VariableKind::kRelList : VariableKind::kRel,
                                    rel.span);
        bound_rel.slot = slot;
        bound_rel.name = name;
      }
      info.rels.push_back(std::move(bound_rel));
    }
    if (part.path_variable) {
      auto [slot, name] = declare(part.path_variable, VariableKind::kPath, part.span);
      info.path_slot = slot;
      info.path_name = name;
    }
    if (shortest && part.rels.size() != 1) {
      throw QueryError(ErrorKind::kSemantic, "shortestPath requires a pattern with exactly one relationship",
                       part.span);
    }
    bound.parts.push_back(std::move(info));
  }

  // 2. WHERE conjuncts: an undefined variable is reported before anything else.
  std::vector<const Expr*> split;
  SplitConjuncts(where, &split);
  for (const Expr* expr : split) {
    std::set<std::string> names;
    CollectVariables(*expr, &names);
    for (const auto& name : names) {
      if (!scope.count(name)) Bind(*expr, scope);  // throws, pointing at the variable
    }
  }

  // 3. Shapes and inline property maps.
  for (size_t part_idx = 0; part_idx < pattern.parts.size(); ++part_idx) {
    const PatternPart& part = pattern.parts[part_idx];
    BoundPatternPart& info = bound.parts[part_idx];
    const bool shortest = part.path_function != PathFunction::kNone;
    for (size_t rel_idx = 0; rel_idx < part.rels.size(); ++rel_idx) {
      const RelPattern& rp = part.rels[rel_idx];
      BoundRel& rel = info.rels[rel_idx];
      if (shortest) {
        rel.min_hops = rp.variable_length ? rp.min_hops.value_or(1) : 1;
        rel.max_hops = rp.variable_length ? rp.max_hops.value_or(int64_t{1} << 30) : 1;
        if (rel.min_hops > 1) {
          throw QueryError(ErrorKind::kSemantic, "shortestPath requires a minimal length of 0 or 1", rp.span);
        }
      } else if (rp.variable_length) {
        rel.min_hops = rp.min_hops.value_or(1);
        // No upper bound means none: the timeout and the memory budget guard
        // against explosion, never a silent cap.
        rel.max_hops = rp.max_hops.value_or(std::numeric_limits<int64_t>::max());
        if (rel.min_hops < 0 || rel.max_hops < 0) {
          throw QueryError(ErrorKind::kSemantic, "invalid variable-length bounds", rp.span);
        }
      }
      rel.properties = BindPatternProperties(rp.properties.get(), scope, &rel.properties_text);
      if ((shortest || rp.variable_length) && !rel.properties.empty()) rel.edge_slot = NewSlot();
    }
    for (size_t node_idx = 0; node_idx < part.nodes.size(); ++node_idx) {
      BoundNode& node = info.nodes[node_idx];
      node.properties = BindPatternProperties(part.nodes[node_idx].properties.get(), scope, &node.properties_text);
    }
  }
  for (const Expr* expr : split) {
    BoundConjunct conjunct;
    conjunct.expr = Bind(*expr, scope);
    CollectSlots(*conjunct.expr, &conjunct.reads);
    conjunct.text = SourceText(expr->span);
    bound.conjuncts.push_back(std::move(conjunct));
  }

  auto variable = [](int slot, const std::string& name) {
    auto expr = std::make_unique<BoundExpr>();
    expr->kind = ExprKind::kVariable;
    expr->slot = slot;
    expr->name = name;
    return expr;
  };
  auto call = [](const std::string& function, BoundExprPtr argument) {
    auto expr = std::make_unique<BoundExpr>();
    expr->kind = ExprKind::kFunctionCall;
    expr->name = function;
    expr->function = FindFunction(function)->function;
    expr->children.push_back(std::move(argument));
    return expr;
  };
  for (size_t idx = 0; idx < reused_rels.size(); ++idx) {
    ReusedRel& reused = reused_rels[idx];
    const BoundPatternPart& part = bound.parts[reused_left_index[idx].first];
    reused.left = &part.nodes[reused_left_index[idx].second];
    reused.right = &part.nodes[reused_left_index[idx].second + 1];
  }
  for (const ReusedRel& reused : reused_rels) {
    // Implied by the match, and a start for it: id(tail) = id(startNode(r)),
    // id(head) = id(endNode(r)), so the expansion starts at the bound
    // relationship's end instead of at every node.
    if (reused.known_rel && reused.direction != RelDirection::kUndirected) {
      const bool forward = reused.direction == RelDirection::kLeftToRight;
      const BoundNode* tail = forward ? reused.left : reused.right;
      const BoundNode* head = forward ? reused.right : reused.left;
      for (const auto& [node, end] : {std::pair{tail, "startnode"}, std::pair{head, "endnode"}}) {
        auto equal = std::make_unique<BoundExpr>();
        equal->kind = ExprKind::kComparison;
        equal->comparison_ops = {ComparisonOp::kEq};
        equal->children.push_back(call("id", variable(node->slot, node->name)));
        equal->children.push_back(call("id", call(end, variable(reused.bound_slot, reused.name))));
        BoundConjunct implied;
        implied.text = "id(" + node->name + ") = id(" + (end[0] == 's' ? "startNode(" : "endNode(") +
                       reused.name + "))";
        implied.expr = std::move(equal);
        CollectSlots(*implied.expr, &implied.reads);
        bound.conjuncts.push_back(std::move(implied));
      }
    }
    BoundConjunct conjunct;
    auto same = std::make_unique<BoundExpr>();
    same->internal = InternalOp::kSameRel;
    same->slot = reused.slot;
    same->path_slots = {reused.bound_slot};
    conjunct.expr = std::move(same);
    CollectSlots(*conjunct.expr, &conjunct.reads);
    conjunct.text = reused.name + " is the bound " + reused.name;
    bound.conjuncts.push_back(std::move(conjunct));
  }

  // 4. An inline property whose value reads a variable of this pattern holds
  // once that variable is bound: `(n {p: v})` is `(n WHERE n.p = v)`, so it
  // becomes a conjunct placed as WHERE's are. A variable-length or
  // shortestPath relationship checks its properties during the search,
  // before the pattern's variables are bound: such a value is an error.
  auto reads_pattern_variable = [&](const BoundExpr& value) {
    std::set<int> reads;
    CollectSlots(value, &reads);
    for (int slot : reads) {
      if (!bound.bound_before.count(slot)) return true;
    }
    return false;
  };
  auto defer = [&](std::vector<BoundProperty>* properties, std::string* text, int slot, const std::string& name) {
    std::vector<BoundProperty> kept;
    for (auto& property : *properties) {
      if (!reads_pattern_variable(*property.value)) {
        kept.push_back(std::move(property));
        continue;
      }
      BoundConjunct conjunct;
      conjunct.text = name + "." + property.key + " = " + SourceText(property.value->span);
      conjunct.expr = TakePropertyCheck(slot, &property);
      CollectSlots(*conjunct.expr, &conjunct.reads);
      bound.conjuncts.push_back(std::move(conjunct));
    }
    const bool deferred_some = kept.size() != properties->size();
    *properties = std::move(kept);
    if (!deferred_some) return;
    text->clear();
    for (const auto& property : *properties) {
      text->append(text->empty() ? "{" : ", ").append(property.key).append(": ");
      text->append(SourceText(property.value->span));
    }
    if (!text->empty()) text->append("}");
  };
  for (BoundPatternPart& part : bound.parts) {
    for (BoundNode& node : part.nodes) defer(&node.properties, &node.properties_text, node.slot, node.name);
    for (BoundRel& rel : part.rels) {
      if (rel.edge_slot < 0) {
        defer(&rel.properties, &rel.properties_text, rel.slot, rel.name);
        continue;
      }
      for (const auto& property : rel.properties) {
        if (reads_pattern_variable(*property.value)) {
          throw QueryError(ErrorKind::kNotSupported,
                           "a variable-length relationship's property that refers to a variable of the same "
                           "pattern (write it in WHERE, e.g. all(x IN r WHERE x." + property.key + " = ...))",
                           property.value->span);
        }
      }
    }
  }
  return bound;
}

}  // namespace ecograph::query
