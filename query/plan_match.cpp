// Pattern planning (MATCH, OPTIONAL MATCH, MERGE's match side, pattern
// predicates). Invariant: a WHERE conjunct is placed right after the
// operator that binds the last variable it reads.
#include <algorithm>
#include <limits>

#include "query/planner.h"

namespace ecograph::query {

namespace {

struct NodeInfo {
  int slot = -1;
  std::string name;
  const NodePattern* pattern = nullptr;
};

struct RelInfo {
  int slot = -1;  // -1: anonymous variable-length (nothing bound)
  std::string name;
  const RelPattern* pattern = nullptr;
  bool var_length = false;
};

struct PartInfo {
  const PatternPart* part = nullptr;
  std::vector<NodeInfo> nodes;
  std::vector<RelInfo> rels;
  int path_slot = -1;
};

enum class StartKind { kBound, kNodeById, kIndexEquality, kIndexRange, kLabelScan, kAllNodes };

struct StartChoice {
  StartKind kind = StartKind::kAllNodes;
  double cost = std::numeric_limits<double>::max();
  std::string label, key;
  const Expr* equality = nullptr;  // kIndexEquality / kNodeById value
  const Expr* lo = nullptr;
  const Expr* hi = nullptr;
  bool lo_inclusive = true, hi_inclusive = true;
};

void SplitConjuncts(const Expr* expr, std::vector<const Expr*>* out) {
  if (!expr) return;
  if (expr->kind == ExprKind::kBinary && expr->binary_op == BinaryOp::kAnd) {
    SplitConjuncts(expr->children[0].get(), out);
    SplitConjuncts(expr->children[1].get(), out);
    return;
  }
  out->push_back(expr);
}

storage::Direction ToStorage(RelDirection direction, bool reversed) {
  switch (direction) {
    case RelDirection::kLeftToRight:
      return reversed ? storage::Direction::kIncoming : storage::Direction::kOutgoing;
    case RelDirection::kRightToLeft:
      return reversed ? storage::Direction::kOutgoing : storage::Direction::kIncoming;
    case RelDirection::kUndirected: return storage::Direction::kBoth;
  }
  return storage::Direction::kBoth;
}

bool IsPropertyOf(const Expr& expr, const std::string& variable) {
  return expr.kind == ExprKind::kProperty && expr.children.size() == 1 &&
         expr.children[0]->kind == ExprKind::kVariable && expr.children[0]->name == variable;
}

bool IsIdOf(const Expr& expr, const std::string& variable) {
  return expr.kind == ExprKind::kFunctionCall && LowerCase(expr.name) == "id" &&
         expr.children.size() == 1 && expr.children[0]->kind == ExprKind::kVariable &&
         expr.children[0]->name == variable;
}

ComparisonOp Flip(ComparisonOp op) {
  switch (op) {
    case ComparisonOp::kLt: return ComparisonOp::kGt;
    case ComparisonOp::kLe: return ComparisonOp::kGe;
    case ComparisonOp::kGt: return ComparisonOp::kLt;
    case ComparisonOp::kGe: return ComparisonOp::kLe;
    default: return op;
  }
}

}  // namespace

std::shared_ptr<PatternPlan> Planner::PlanNested(const Pattern& pattern, const Expr* where,
                                                 Scope& scope, std::vector<int>* new_slots) {
  auto plan = std::make_shared<PatternPlan>();
  auto argument = std::make_unique<ArgumentOperator>();
  plan->argument = argument.get();
  plan->root = PlanPattern(std::move(argument), pattern, where, scope, new_slots);
  return plan;
}

OperatorPtr Planner::PlanPattern(OperatorPtr input, const Pattern& pattern, const Expr* where,
                                 Scope& scope, std::vector<int>* new_slots) {
  std::set<int> bound_slots;
  for (const auto& [name, info] : scope) bound_slots.insert(info.slot);

  // 1. Declare the pattern's variables.
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
                         "variable '" + *variable + "' is already bound to a different kind of value",
                         span);
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
  std::vector<PartInfo> parts;
  std::set<std::string> pattern_rel_names;
  for (const auto& part : pattern.parts) {
    for (const auto& rel : part.rels) {
      if (rel.variable && !pattern_rel_names.insert(*rel.variable).second) {
        throw QueryError(ErrorKind::kSemantic,
                         "cannot use the same relationship variable '" + *rel.variable + "' twice in a pattern",
                         rel.span);
      }
    }
    PartInfo info;
    info.part = &part;
    for (const auto& node : part.nodes) {
      auto [slot, name] = declare(node.variable, VariableKind::kNode, node.span);
      info.nodes.push_back(NodeInfo{slot, name, &node});
    }
    for (const auto& rel : part.rels) {
      bool var_length = rel.variable_length;
      if (rel.variable && scope.count(*rel.variable) && bound_slots.count(scope[*rel.variable].slot)) {
        throw QueryError(ErrorKind::kNotSupported,
                         "re-using the bound relationship variable '" + *rel.variable + "' in a pattern",
                         rel.span);
      }
      if (var_length && !rel.variable && part.path_function == PathFunction::kNone && !part.path_variable) {
        // Anonymous: a slot of relationship ids only when uniqueness needs it.
        info.rels.push_back(RelInfo{pattern_rel_count > 1 ? NewSlot() : -1, "", &rel, true});
        continue;
      }
      auto [slot, name] = declare(rel.variable, var_length ? VariableKind::kRelList : VariableKind::kRel,
                                  rel.span);
      info.rels.push_back(RelInfo{slot, name, &rel, var_length});
    }
    if (part.path_variable) {
      auto [slot, name] = declare(part.path_variable, VariableKind::kPath, part.span);
      info.path_slot = slot;
    }
    if (part.path_function != PathFunction::kNone) {
      if (part.rels.size() != 1) {
        throw QueryError(ErrorKind::kSemantic, "shortestPath requires a pattern with exactly one relationship",
                         part.span);
      }
    }
    parts.push_back(std::move(info));
  }

  // 2. WHERE conjuncts.
  std::vector<Conjunct> conjuncts;
  std::vector<const Expr*> split;
  SplitConjuncts(where, &split);
  for (const Expr* expr : split) {
    Conjunct conjunct{expr, {}, false};
    CollectVariables(*expr, &conjunct.dependencies);
    for (const auto& name : conjunct.dependencies) {
      if (!scope.count(name)) {
        // Bind to raise the proper error (with the variable's span).
        Bind(*expr, scope);
      }
    }
    conjuncts.push_back(std::move(conjunct));
  }

  auto is_bound_name = [&](const std::string& name) {
    auto it = scope.find(name);
    return it != scope.end() && bound_slots.count(it->second.slot) > 0;
  };
  auto deps_bound = [&](const Expr& expr, const std::string& excluded) {
    std::set<std::string> deps;
    CollectVariables(expr, &deps);
    for (const auto& dep : deps) {
      if (dep == excluded || !is_bound_name(dep)) return false;
    }
    return true;
  };

  OperatorPtr op = std::move(input);
  auto add_filter = [&](std::vector<BoundExprPtr> predicates, const std::string& text) {
    if (predicates.empty()) return;
    op = std::make_unique<FilterOperator>(std::move(op), std::move(predicates), text);
  };
  auto place_conjuncts = [&]() {
    std::vector<BoundExprPtr> predicates;
    std::string text;
    for (auto& conjunct : conjuncts) {
      if (conjunct.placed) continue;
      bool ready = std::all_of(conjunct.dependencies.begin(), conjunct.dependencies.end(),
                               [&](const std::string& name) { return is_bound_name(name); });
      if (!ready) continue;
      conjunct.placed = true;
      predicates.push_back(Bind(*conjunct.ast, scope));
      text += (text.empty() ? "" : " AND ") + SourceText(conjunct.ast->span);
    }
    add_filter(std::move(predicates), text);
  };
  // Label and inline-property checks of a node or relationship pattern.
  auto pattern_checks = [&](int slot, const std::string& name, const std::vector<std::string>& labels,
                            const Expr* properties, const std::string& skip_label) {
    std::vector<BoundExprPtr> predicates;
    std::vector<std::string> remaining;
    for (const auto& label : labels) {
      if (label != skip_label) remaining.push_back(label);
    }
    if (!remaining.empty()) {
      auto check = std::make_unique<BoundExpr>();
      check->internal = InternalOp::kHasLabels;
      check->slot = slot;
      check->labels = remaining;
      predicates.push_back(std::move(check));
    }
    if (properties) {
      if (properties->kind != ExprKind::kMap) {
        throw QueryError(ErrorKind::kNotSupported, "a parameter as a pattern's property map in MATCH",
                         properties->span);
      }
      for (size_t idx = 0; idx < properties->children.size(); ++idx) {
        auto check = std::make_unique<BoundExpr>();
        check->internal = InternalOp::kPropertyEquals;
        check->slot = slot;
        check->name = properties->map_keys[idx];
        check->span = properties->children[idx]->span;
        check->children.push_back(Bind(*properties->children[idx], scope));
        predicates.push_back(std::move(check));
      }
    }
    std::string text;
    if (!remaining.empty()) {
      text = name;
      for (const auto& label : remaining) text += ":" + label;
    }
    if (properties) text += (text.empty() ? name + " " : " ") + SourceText(properties->span);
    add_filter(std::move(predicates), text);
  };

  // Start choice for one node pattern.
  auto choose_start = [&](const NodeInfo& node) {
    StartChoice best;
    if (bound_slots.count(node.slot)) {
      best.kind = StartKind::kBound;
      best.cost = 0;
      return best;
    }
    const NodePattern& np = *node.pattern;
    auto consider = [&](StartChoice candidate) {
      if (candidate.cost < best.cost) best = candidate;
    };
    for (const auto& conjunct : conjuncts) {
      const Expr& e = *conjunct.ast;
      if (e.kind != ExprKind::kComparison || e.comparison_ops.size() != 1) continue;
      for (int side = 0; side < 2; ++side) {
        const Expr& mine = *e.children[side];
        const Expr& other = *e.children[1 - side];
        ComparisonOp op = side == 0 ? e.comparison_ops[0] : Flip(e.comparison_ops[0]);
        if (op == ComparisonOp::kEq && IsIdOf(mine, node.name) && deps_bound(other, node.name)) {
          StartChoice c;
          c.kind = StartKind::kNodeById;
          c.cost = 1;
          c.equality = &other;
          consider(c);
        }
        if (!IsPropertyOf(mine, node.name) || !deps_bound(other, node.name)) continue;
        for (const auto& label : np.labels) {
          if (!txn_.HasIndex(label, mine.name)) continue;
          StartChoice c;
          c.label = label;
          c.key = mine.name;
          if (op == ComparisonOp::kEq) {
            c.kind = StartKind::kIndexEquality;
            c.cost = 2;
            c.equality = &other;
            consider(c);
          } else if (op != ComparisonOp::kNe) {
            c.kind = StartKind::kIndexRange;
            c.cost = 10 + static_cast<double>(txn_.CountLabel(label)) / 4;
            // Combine with a bound on the other side, when present.
            for (const auto& second : conjuncts) {
              const Expr& f = *second.ast;
              if (&f == &e || f.kind != ExprKind::kComparison || f.comparison_ops.size() != 1) continue;
              for (int fside = 0; fside < 2; ++fside) {
                const Expr& fmine = *f.children[fside];
                const Expr& fother = *f.children[1 - fside];
                ComparisonOp fop = fside == 0 ? f.comparison_ops[0] : Flip(f.comparison_ops[0]);
                if (!IsPropertyOf(fmine, node.name) || fmine.name != mine.name ||
                    !deps_bound(fother, node.name)) {
                  continue;
                }
                bool lower = fop == ComparisonOp::kGt || fop == ComparisonOp::kGe;
                bool upper = fop == ComparisonOp::kLt || fop == ComparisonOp::kLe;
                if (lower && !c.lo) {
                  c.lo = &fother;
                  c.lo_inclusive = fop == ComparisonOp::kGe;
                }
                if (upper && !c.hi) {
                  c.hi = &fother;
                  c.hi_inclusive = fop == ComparisonOp::kLe;
                }
              }
            }
            bool lower = op == ComparisonOp::kGt || op == ComparisonOp::kGe;
            if (lower) {
              c.lo = &other;
              c.lo_inclusive = op == ComparisonOp::kGe;
            } else {
              c.hi = &other;
              c.hi_inclusive = op == ComparisonOp::kLe;
            }
            if (c.lo && c.hi) c.cost = 10 + static_cast<double>(txn_.CountLabel(label)) / 16;
            consider(c);
          }
        }
      }
    }
    if (np.properties && np.properties->kind == ExprKind::kMap) {
      for (size_t idx = 0; idx < np.properties->children.size(); ++idx) {
        const std::string& key = np.properties->map_keys[idx];
        if (!deps_bound(*np.properties->children[idx], node.name)) continue;
        for (const auto& label : np.labels) {
          if (!txn_.HasIndex(label, key)) continue;
          StartChoice c;
          c.kind = StartKind::kIndexEquality;
          c.cost = 2;
          c.label = label;
          c.key = key;
          c.equality = np.properties->children[idx].get();
          consider(c);
        }
      }
    }
    for (const auto& label : np.labels) {
      StartChoice c;
      c.kind = StartKind::kLabelScan;
      c.label = label;
      c.cost = 10 + static_cast<double>(txn_.CountLabel(label));
      consider(c);
    }
    StartChoice all;
    all.kind = StartKind::kAllNodes;
    all.cost = 11 + static_cast<double>(txn_.Counts().nodes);
    consider(all);
    return best;
  };

  auto emit_start = [&](const NodeInfo& node, const StartChoice& choice) {
    const NodePattern& np = *node.pattern;
    std::string skip_label;
    switch (choice.kind) {
      case StartKind::kBound: break;
      case StartKind::kNodeById:
        op = std::make_unique<NodeByIdOperator>(std::move(op), node.slot, node.name, Bind(*choice.equality, scope));
        break;
      case StartKind::kIndexEquality:
        op = std::make_unique<NodeIndexSeekOperator>(std::move(op), node.slot, node.name, choice.label,
                                                     choice.key, Bind(*choice.equality, scope), true,
                                                     Bind(*choice.equality, scope), true);
        skip_label = choice.label;
        break;
      case StartKind::kIndexRange:
        op = std::make_unique<NodeIndexSeekOperator>(
            std::move(op), node.slot, node.name, choice.label, choice.key,
            choice.lo ? Bind(*choice.lo, scope) : nullptr, choice.lo_inclusive,
            choice.hi ? Bind(*choice.hi, scope) : nullptr, choice.hi_inclusive);
        skip_label = choice.label;
        break;
      case StartKind::kLabelScan:
        op = std::make_unique<NodeScanOperator>(std::move(op), node.slot, node.name, choice.label);
        skip_label = choice.label;
        break;
      case StartKind::kAllNodes:
        op = std::make_unique<NodeScanOperator>(std::move(op), node.slot, node.name, std::nullopt);
        break;
    }
    bound_slots.insert(node.slot);
    pattern_checks(node.slot, node.name, np.labels, np.properties.get(), skip_label);
    place_conjuncts();
  };

  std::vector<int> clause_rel_slots;  // fixed-length relationships bound so far
  auto emit_expand = [&](PartInfo& part, size_t rel_index, bool reversed) {
    const RelInfo& rel = part.rels[rel_index];
    const NodeInfo& from = part.nodes[reversed ? rel_index + 1 : rel_index];
    const NodeInfo& to = part.nodes[reversed ? rel_index : rel_index + 1];
    const RelPattern& rp = *rel.pattern;
    ExpandSpec spec;
    spec.from_slot = from.slot;
    spec.rel_slot = rel.slot;
    spec.to_slot = to.slot;
    spec.to_bound = bound_slots.count(to.slot) > 0;
    spec.direction = ToStorage(rp.direction, reversed);
    spec.types = rp.types;
    spec.to_labels = to.pattern->labels;
    spec.unique_rel_slots = clause_rel_slots;
    spec.reversed = reversed;
    spec.text = "(" + from.name + ")";
    spec.to_text = "(" + to.name;
    for (const auto& label : spec.to_labels) spec.to_text += ":" + label;
    spec.to_text += ")";
    if (rel.var_length) {
      int64_t min_hops = rp.min_hops.value_or(1);
      // No upper bound means none: the timeout and the memory budget guard
      // against explosion, never a silent cap.
      int64_t max_hops = rp.max_hops.value_or(std::numeric_limits<int64_t>::max());
      if (min_hops < 0 || max_hops < 0) {
        throw QueryError(ErrorKind::kSemantic, "invalid variable-length bounds", rp.span);
      }
      if (rp.properties) {
        throw QueryError(ErrorKind::kNotSupported, "properties on a variable-length relationship",
                         rp.properties->span);
      }
      bool bind_list = rel.slot >= 0 && (rp.variable || part.path_slot >= 0);
      op = std::make_unique<VarExpandOperator>(std::move(op), spec, min_hops, max_hops, bind_list);
      if (rel.slot >= 0) clause_rel_slots.push_back(rel.slot);
    } else {
      op = std::make_unique<ExpandOperator>(std::move(op), spec);
      clause_rel_slots.push_back(rel.slot);
    }
    if (rel.slot >= 0) bound_slots.insert(rel.slot);
    bound_slots.insert(to.slot);
    if (!rel.var_length) pattern_checks(rel.slot, rel.name, {}, rp.properties.get(), "");
    pattern_checks(to.slot, to.name, {}, to.pattern->properties.get(), "");
    place_conjuncts();
  };

  // The WHERE conjuncts reading a shortestPath part's path or relationship
  // list become part of its search (taken out of the conjunct list).
  auto take_path_predicates = [&](const PartInfo& part, const RelInfo& rel) {
    PathPredicates out;
    std::set<std::string> path_names;
    if (part.part->path_variable) path_names.insert(*part.part->path_variable);
    if (rel.pattern->variable) path_names.insert(*rel.pattern->variable);
    for (auto& conjunct : conjuncts) {
      if (conjunct.placed) continue;
      bool reads_path = false, ready = true;
      for (const auto& name : conjunct.dependencies) {
        if (path_names.count(name)) {
          reads_path = true;
        } else if (!is_bound_name(name)) {
          ready = false;
        }
      }
      if (!reads_path || !ready) continue;
      conjunct.placed = true;
      BoundExprPtr bound = Bind(*conjunct.ast, scope);
      const Expr& ast = *conjunct.ast;
      bool edge_rule = false;
      if (ast.kind == ExprKind::kQuantifier &&
          (ast.quantifier == Quantifier::kAll || ast.quantifier == Quantifier::kNone) && ast.where_expr) {
        const Expr& list = *ast.children[0];
        bool over_rels =
            (list.kind == ExprKind::kVariable && rel.pattern->variable && list.name == *rel.pattern->variable) ||
            (list.kind == ExprKind::kFunctionCall && LowerCase(list.name) == "relationships" &&
             list.children.size() == 1 && list.children[0]->kind == ExprKind::kVariable &&
             part.part->path_variable && list.children[0]->name == *part.part->path_variable);
        std::set<std::string> rule_deps;
        CollectVariables(*ast.where_expr, &rule_deps);
        edge_rule = over_rels && !path_names.count(ast.name);
        for (const auto& dep : rule_deps) {
          if (dep != ast.name && path_names.count(dep)) edge_rule = false;
        }
      }
      if (edge_rule) {
        out.edge_rules.push_back(PathPredicates::EdgeRule{bound->where_expr.get(), bound->slot,
                                                          ast.quantifier == Quantifier::kAll});
      } else {
        out.edge_rules_suffice = false;
      }
      out.text += (out.text.empty() ? "" : " AND ") + SourceText(ast.span);
      out.conjuncts.push_back(std::move(bound));
    }
    return out;
  };

  place_conjuncts();  // conjuncts over already-bound variables only
  std::vector<bool> done(parts.size(), false);
  for (size_t round = 0; round < parts.size(); ++round) {
    // Pick the part (shortest paths last) with the cheapest start.
    size_t best_part = SIZE_MAX;
    size_t best_node = 0;
    StartChoice best_choice;
    for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
      if (done[part_idx]) continue;
      const PartInfo& part = parts[part_idx];
      bool shortest = part.part->path_function != PathFunction::kNone;
      for (size_t node_idx = 0; node_idx < part.nodes.size(); ++node_idx) {
        if (shortest && node_idx != 0 && node_idx + 1 != part.nodes.size()) continue;
        StartChoice choice = choose_start(part.nodes[node_idx]);
        if (shortest) choice.cost += 1e15;
        if (best_part == SIZE_MAX || choice.cost < best_choice.cost) {
          best_part = part_idx;
          best_node = node_idx;
          best_choice = choice;
        }
      }
    }
    PartInfo& part = parts[best_part];
    done[best_part] = true;
    if (part.part->path_function != PathFunction::kNone) {
      const NodeInfo& first = part.nodes.front();
      const NodeInfo& last = part.nodes.back();
      emit_start(first, choose_start(first));
      emit_start(last, choose_start(last));
      const RelInfo& rel = part.rels[0];
      const RelPattern& rp = *rel.pattern;
      ExpandSpec spec;
      spec.from_slot = first.slot;
      spec.to_slot = last.slot;
      spec.rel_slot = rel.slot >= 0 && rp.variable ? rel.slot : -1;
      spec.direction = ToStorage(rp.direction, false);
      spec.types = rp.types;
      spec.text = "(" + first.name + ")";
      spec.to_text = "(" + last.name + ")";
      int64_t min_hops = rp.variable_length ? rp.min_hops.value_or(1) : 1;
      int64_t max_hops = rp.variable_length ? rp.max_hops.value_or(int64_t{1} << 30) : 1;
      if (min_hops > 1) {
        throw QueryError(ErrorKind::kSemantic, "shortestPath requires a minimal length of 0 or 1", rp.span);
      }
      op = std::make_unique<ShortestPathOperator>(std::move(op), spec, min_hops, max_hops,
                                                  part.part->path_function == PathFunction::kAllShortestPaths,
                                                  part.path_slot, take_path_predicates(part, rel));
      if (spec.rel_slot >= 0) bound_slots.insert(spec.rel_slot);
      if (part.path_slot >= 0) bound_slots.insert(part.path_slot);
      place_conjuncts();
      continue;
    }
    emit_start(part.nodes[best_node], best_choice);
    for (size_t rel_idx = best_node; rel_idx < part.rels.size(); ++rel_idx) emit_expand(part, rel_idx, false);
    for (size_t rel_idx = best_node; rel_idx-- > 0;) emit_expand(part, rel_idx, true);
    if (part.path_slot >= 0) {
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
      items.push_back(ProjectItem{std::move(build), part.path_slot, *part.part->path_variable});
      op = std::make_unique<ProjectOperator>(std::move(op), std::move(items));
      bound_slots.insert(part.path_slot);
      place_conjuncts();
    }
  }
  place_conjuncts();
  return op;
}

}  // namespace ecograph::query
