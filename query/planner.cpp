// Statement planning: clause by clause, each clause consuming the operator
// tree built so far. Slots are allocated once per statement, so every row of
// the statement has the same width.
#include "query/planner.h"

#include <algorithm>
#include <functional>

namespace ecograph::query {

namespace {

bool IsUpdating(ClauseKind kind) {
  switch (kind) {
    case ClauseKind::kCreate:
    case ClauseKind::kMerge:
    case ClauseKind::kSet:
    case ClauseKind::kRemove:
    case ClauseKind::kDelete:
    case ClauseKind::kCreateIndex:
    case ClauseKind::kDropIndex:
    case ClauseKind::kCreateConstraint:
    case ClauseKind::kDropConstraint: return true;
    default: return false;
  }
}

VariableKind KindOfVariable(const Expr& expr, const Scope& scope) {
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return expr.literal_kind == LiteralKind::kNull ? VariableKind::kValue : VariableKind::kScalar;
    case ExprKind::kList:
    case ExprKind::kMap:
    case ExprKind::kListComprehension:
    case ExprKind::kComparison:
    case ExprKind::kIsNull: return VariableKind::kScalar;
    default: break;
  }
  if (expr.kind != ExprKind::kVariable) return VariableKind::kValue;
  auto it = scope.find(expr.name);
  return it == scope.end() ? VariableKind::kValue : it->second.kind;
}

bool IsAggregateCall(const Expr& expr) {
  return expr.kind == ExprKind::kCountStar ||
         (expr.kind == ExprKind::kFunctionCall && IsAggregateFunction(LowerCase(expr.name)));
}

bool ContainsAggregate(const Expr& expr) {
  if (IsAggregateCall(expr)) return true;
  for (const auto& child : expr.children) {
    if (child && ContainsAggregate(*child)) return true;
  }
  for (const Expr* extra : {expr.case_subject.get(), expr.case_else.get(), expr.where_expr.get(),
                            expr.map_expr.get(), expr.slice_from.get(), expr.slice_to.get()}) {
    if (extra && ContainsAggregate(*extra)) return true;
  }
  return false;
}

// openCypher: outside its aggregate calls, an aggregating expression may only
// use grouping keys that are variables or property accesses (matched by
// source text), projected aliases (`allowed_names`), literals and parameters.
void CheckAggregatingExpression(const Expr& expr, const std::set<std::string>& key_texts,
                                const std::set<std::string>& allowed_names,
                                const std::function<std::string(const SourceSpan&)>& text_of) {
  if (IsAggregateCall(expr)) return;
  if (key_texts.count(text_of(expr.span))) return;
  if (expr.kind == ExprKind::kVariable) {
    if (allowed_names.count(expr.name)) return;
    throw QueryError(ErrorKind::kSemantic,
                     "variable '" + expr.name +
                         "' is used next to an aggregate but is not a grouping key; project it as its own item",
                     expr.span);
  }
  if (expr.kind == ExprKind::kListComprehension || expr.kind == ExprKind::kQuantifier) return;
  for (const auto& child : expr.children) {
    if (child) CheckAggregatingExpression(*child, key_texts, allowed_names, text_of);
  }
  for (const Expr* extra : {expr.case_subject.get(), expr.case_else.get(), expr.slice_from.get(),
                            expr.slice_to.get()}) {
    if (extra) CheckAggregatingExpression(*extra, key_texts, allowed_names, text_of);
  }
}

}  // namespace

bool StatementWrites(const Statement& statement) {
  for (const auto& query : statement.queries) {
    for (const auto& clause : query.clauses) {
      if (IsUpdating(clause->kind)) return true;
    }
  }
  return false;
}

Planner::Planner(storage::Transaction& txn, const QueryOptions& options,
                 std::chrono::steady_clock::time_point start)
    : txn_(txn), options_(options), deadline_(StatementDeadline(options, start)) {}

PhysicalPlan Planner::Plan(const Statement& statement, const std::string& text) {
  text_ = &text;
  PhysicalPlan plan;
  if (statement.queries.empty()) throw QueryError(ErrorKind::kSyntax, "empty statement", statement.span);
  if (statement.queries.size() == 1) {
    plan.root = PlanSingleQuery(statement.queries[0], &plan.columns, &plan.column_slots);
  } else {
    std::vector<OperatorPtr> children;
    std::vector<std::vector<int>> child_slots;
    for (size_t query_idx = 0; query_idx < statement.queries.size(); ++query_idx) {
      CheckInterrupted(options_, deadline_);
      std::vector<std::string> columns;
      std::vector<int> slots;
      children.push_back(PlanSingleQuery(statement.queries[query_idx], &columns, &slots));
      if (query_idx == 0) {
        plan.columns = columns;
      } else if (columns != plan.columns) {
        throw QueryError(ErrorKind::kSemantic,
                         "all sub queries in a UNION must have the same return column names",
                         statement.span);
      }
      child_slots.push_back(std::move(slots));
    }
    for (size_t idx = 0; idx < plan.columns.size(); ++idx) plan.column_slots.push_back(NewSlot());
    OperatorPtr root = std::make_unique<UnionOperator>(std::move(children), std::move(child_slots),
                                                       plan.column_slots);
    bool all = std::all_of(statement.union_all.begin(), statement.union_all.end(), [](bool b) { return b; });
    if (!all) root = std::make_unique<DistinctOperator>(std::move(root), plan.column_slots);
    plan.root = std::move(root);
  }
  plan.width = next_slot_;
  plan.writes = writes_;
  plan.owned_exprs = std::move(owned_exprs_);
  plan.logical = std::move(logical_);
  return plan;
}

OperatorPtr Planner::PlanSingleQuery(const SingleQuery& query, std::vector<std::string>* columns,
                                     std::vector<int>* column_slots) {
  Scope scope;
  const int first_slot = next_slot_;
  auto single_row = std::make_unique<SingleRowOperator>();
  SingleRowOperator* single_row_leaf = single_row.get();
  OperatorPtr op = std::move(single_row);
  if (query.clauses.empty()) throw QueryError(ErrorKind::kSyntax, "empty query");
  for (size_t clause_idx = 0; clause_idx < query.clauses.size(); ++clause_idx) {
    const Clause& clause = *query.clauses[clause_idx];
    bool last = clause_idx + 1 == query.clauses.size();
    if (IsUpdating(clause.kind)) writes_ = true;
    switch (clause.kind) {
      case ClauseKind::kMatch: {
        if (clause.optional) {
          std::vector<int> new_slots;
          auto inner = PlanNested(clause.pattern, clause.where.get(), scope, &new_slots);
          // Anonymous slots of the nested plan stay null too; only named ones matter.
          op = std::make_unique<OptionalOperator>(std::move(op), std::move(inner), std::move(new_slots));
        } else {
          op = PlanMatch(std::move(op), clause.pattern, clause.where.get(), scope, nullptr);
        }
        break;
      }
      case ClauseKind::kUnwind: {
        BoundExprPtr list = Bind(*clause.unwind_expr, scope);
        if (scope.count(clause.unwind_alias)) {
          // The AST has no span for the alias: point at its last occurrence in the clause.
          SourceSpan alias_span = clause.span;
          size_t at = SourceText(clause.span).rfind(clause.unwind_alias);
          if (at != std::string::npos) {
            alias_span.offset += static_cast<uint32_t>(at);
            alias_span.length = static_cast<uint32_t>(clause.unwind_alias.size());
          }
          throw QueryError(ErrorKind::kSemantic, "variable '" + clause.unwind_alias + "' already declared",
                           alias_span);
        }
        int slot = NewSlot();
        op = std::make_unique<UnwindOperator>(std::move(op), std::move(list), slot, clause.unwind_alias);
        scope[clause.unwind_alias] = VariableInfo{slot, VariableKind::kValue};
        break;
      }
      case ClauseKind::kWith:
        op = PlanProjection(std::move(op), clause, scope, false, nullptr, nullptr);
        break;
      case ClauseKind::kReturn:
        if (!last) {
          throw QueryError(ErrorKind::kSemantic, "RETURN can only be used at the end of the query",
                           clause.span);
        }
        op = PlanProjection(std::move(op), clause, scope, true, columns, column_slots);
        break;
      case ClauseKind::kCreate: op = PlanCreate(std::move(op), clause, scope); break;
      case ClauseKind::kMerge: op = PlanMerge(std::move(op), clause, scope); break;
      case ClauseKind::kSet: op = PlanSet(std::move(op), clause.set_items, scope); break;
      case ClauseKind::kRemove: op = PlanRemove(std::move(op), clause, scope); break;
      case ClauseKind::kDelete: op = PlanDelete(std::move(op), clause, scope); break;
      case ClauseKind::kCall:
        op = PlanCall(std::move(op), clause, scope, last, columns, column_slots);
        break;
      case ClauseKind::kCreateIndex:
      case ClauseKind::kDropIndex:
      case ClauseKind::kCreateConstraint:
      case ClauseKind::kDropConstraint:
        if (query.clauses.size() != 1) {
          throw QueryError(ErrorKind::kSemantic, "schema commands must be run on their own", clause.span);
        }
        return std::make_unique<SchemaOperator>(clause.kind, clause.schema_label, clause.schema_key,
                                                clause.schema_name);
    }
  }
  ClauseKind final_kind = query.clauses.back()->kind;
  if (final_kind == ClauseKind::kMatch || final_kind == ClauseKind::kWith ||
      final_kind == ClauseKind::kUnwind) {
    throw QueryError(ErrorKind::kSemantic,
                     "query cannot conclude with " +
                         std::string(final_kind == ClauseKind::kMatch  ? "MATCH"
                                     : final_kind == ClauseKind::kWith ? "WITH"
                                                                       : "UNWIND") +
                         " (must be RETURN or an update clause)",
                     query.clauses.back()->span);
  }
  single_row_leaf->SetSlots(first_slot, next_slot_);
  return op;
}

OperatorPtr Planner::PlanProjection(OperatorPtr input, const Clause& clause, Scope& scope,
                                    bool is_return, std::vector<std::string>* columns,
                                    std::vector<int>* column_slots) {
  const ProjectionBody& body = clause.projection;
  struct Item {
    const Expr* expr;
    std::string name;
    SourceSpan span;
  };
  std::vector<Item> items;
  if (body.star) {
    for (const auto& [name, info] : scope) {
      auto variable = std::make_unique<Expr>(ExprKind::kVariable, clause.span);
      variable->name = name;
      items.push_back(Item{variable.get(), name, clause.span});
      owned_exprs_.push_back(std::move(variable));
    }
    if (items.empty() && body.items.empty() && is_return) {
      throw QueryError(ErrorKind::kSemantic,
                       std::string(is_return ? "RETURN" : "WITH") +
                           " * is not allowed when there are no variables in scope",
                       clause.span);
    }
  }
  for (const auto& item : body.items) {
    std::string name = item.alias ? *item.alias : item.text;
    if (!item.alias && !is_return && item.expr->kind != ExprKind::kVariable) {
      throw QueryError(ErrorKind::kSemantic, "expression in WITH must be aliased (use AS)", item.span);
    }
    if (!item.alias && item.expr->kind == ExprKind::kVariable) name = item.expr->name;
    items.push_back(Item{item.expr.get(), name, item.span});
  }
  for (size_t idx = 0; idx < items.size(); ++idx) {
    for (size_t other = 0; other < idx; ++other) {
      if (items[idx].name == items[other].name) {
        throw QueryError(ErrorKind::kSemantic,
                         "multiple result columns with the same name '" + items[idx].name + "'",
                         items[idx].span);
      }
    }
  }

  std::vector<AggregateSpec> aggregates;
  std::vector<ProjectItem> keys, computed;
  Scope new_scope;
  std::vector<int> output_slots;
  for (const auto& item : items) {
    size_t before = aggregates.size();
    BoundExprPtr bound = Bind(*item.expr, scope, &aggregates);
    int slot = NewSlot();
    output_slots.push_back(slot);
    new_scope[item.name] = VariableInfo{slot, KindOfVariable(*item.expr, scope)};
    if (aggregates.size() > before) {
      computed.push_back(ProjectItem{std::move(bound), slot, item.name});
    } else {
      keys.push_back(ProjectItem{std::move(bound), slot, item.name});
    }
  }
  bool aggregating = !aggregates.empty();
  auto text_of = [this](const SourceSpan& span) { return SourceText(span); };
  std::set<std::string> key_texts;
  if (aggregating) {
    for (const auto& item : items) {
      if (!ContainsAggregate(*item.expr) &&
          (item.expr->kind == ExprKind::kVariable || item.expr->kind == ExprKind::kProperty)) {
        key_texts.insert(SourceText(item.expr->span));
      }
    }
    for (const auto& item : items) {
      if (ContainsAggregate(*item.expr)) CheckAggregatingExpression(*item.expr, key_texts, {}, text_of);
    }
  }

  // ORDER BY and WITH ... WHERE see the projected names, the variables in
  // scope before the projection (rows keep their slots), and the projected
  // expressions themselves (matched by source text, so `ORDER BY count(*)`
  // reuses the item's result).
  Scope sort_scope = new_scope;
  if (!aggregating && !body.distinct) {
    for (const auto& [name, info] : scope) sort_scope.emplace(name, info);
  }
  substitutions_.clear();
  for (size_t idx = 0; idx < items.size(); ++idx) {
    std::string text = SourceText(items[idx].expr->span);
    if (!text.empty()) substitutions_.emplace_back(text, output_slots[idx]);
  }
  std::vector<SortKey> sort_keys;
  std::vector<AggregateSpec> sort_aggregates;
  for (const auto& sort_item : body.order_by) {
    if (aggregating && ContainsAggregate(*sort_item.expr)) {
      std::set<std::string> aliases;
      for (const auto& [name, info] : new_scope) aliases.insert(name);
      CheckAggregatingExpression(*sort_item.expr, key_texts, aliases, text_of);
    }
    SortKey key;
    key.descending = sort_item.descending;
    key.expr = Bind(*sort_item.expr, sort_scope, aggregating ? &sort_aggregates : nullptr);
    if (!sort_aggregates.empty()) {
      substitutions_.clear();
      throw QueryError(ErrorKind::kNotSupported,
                       "ORDER BY an aggregate that is not in the projection (add it to RETURN)",
                       sort_item.expr->span);
    }
    sort_keys.push_back(std::move(key));
  }
  BoundExprPtr where = clause.where ? Bind(*clause.where, sort_scope) : nullptr;
  substitutions_.clear();

  OperatorPtr op = std::move(input);
  if (aggregating) {
    op = std::make_unique<AggregateOperator>(std::move(op), std::move(keys), std::move(aggregates));
    // Items that contain aggregates, evaluated over the aggregated row.
    if (!computed.empty()) op = std::make_unique<ProjectOperator>(std::move(op), std::move(computed));
  } else {
    op = std::make_unique<ProjectOperator>(std::move(op), std::move(keys));
  }
  if (body.distinct) op = std::make_unique<DistinctOperator>(std::move(op), output_slots);
  Scope empty;
  BoundExprPtr skip = body.skip ? Bind(*body.skip, empty) : nullptr;
  BoundExprPtr limit = body.limit ? Bind(*body.limit, empty) : nullptr;
  if (!sort_keys.empty()) {
    BoundExprPtr top_limit = body.limit ? Bind(*body.limit, empty) : nullptr;
    BoundExprPtr top_skip = body.limit && body.skip ? Bind(*body.skip, empty) : nullptr;
    op = std::make_unique<SortOperator>(std::move(op), std::move(sort_keys), std::move(top_limit),
                                        std::move(top_skip));
  }
  if (skip || limit) op = std::make_unique<SkipLimitOperator>(std::move(op), std::move(skip), std::move(limit));

  scope = std::move(new_scope);
  if (where) {
    std::vector<BoundExprPtr> predicates;
    predicates.push_back(std::move(where));
    op = std::make_unique<FilterOperator>(std::move(op), std::move(predicates), SourceText(clause.where->span));
  }
  if (is_return) {
    for (const auto& item : items) columns->push_back(item.name);
    *column_slots = output_slots;
  }
  return op;
}

OperatorPtr Planner::PlanCall(OperatorPtr input, const Clause& clause, Scope& scope, bool standalone,
                              std::vector<std::string>* columns, std::vector<int>* column_slots) {
  const Procedure* procedure = ProcedureRegistry::Instance().Find(clause.procedure);
  if (!procedure) {
    throw QueryError(ErrorKind::kSemantic, "unknown procedure '" + clause.procedure + "'", clause.span);
  }
  if (clause.yield_star && !standalone) {
    throw QueryError(ErrorKind::kSemantic, "YIELD * is only allowed in a standalone CALL", clause.span);
  }
  std::vector<BoundExprPtr> args;
  if (!clause.call_has_args && standalone) {
    // CALL proc without parentheses: arguments come from parameters of the same names.
    for (const auto& name : procedure->arguments) {
      auto parameter = std::make_unique<BoundExpr>();
      parameter->kind = ExprKind::kParameter;
      parameter->name = name;
      parameter->span = clause.span;
      args.push_back(std::move(parameter));
    }
  } else if (clause.call_args.size() < procedure->min_arguments ||
      clause.call_args.size() > std::max(procedure->arguments.size(), procedure->min_arguments)) {
    throw QueryError(ErrorKind::kSemantic,
                     "procedure " + procedure->name + " takes " +
                         std::to_string(procedure->min_arguments) +
                         (procedure->arguments.size() > procedure->min_arguments
                              ? ".." + std::to_string(procedure->arguments.size())
                              : "") +
                         " argument(s), got " + std::to_string(clause.call_args.size()),
                     clause.span);
  } else {
    for (const auto& arg : clause.call_args) args.push_back(Bind(*arg, scope));
  }
  std::vector<int> indexes, slots;
  std::vector<std::string> names;
  if (clause.yield_items.empty() || clause.yield_star) {
    if (!standalone && !clause.yield_star && !procedure->outputs.empty()) {
      throw QueryError(ErrorKind::kSemantic, "CALL inside a query requires YIELD", clause.span);
    }
    for (size_t idx = 0; idx < procedure->outputs.size(); ++idx) {
      indexes.push_back(static_cast<int>(idx));
      names.push_back(procedure->outputs[idx]);
    }
  } else {
    for (const auto& [output, alias] : clause.yield_items) {
      auto it = std::find(procedure->outputs.begin(), procedure->outputs.end(), output);
      if (it == procedure->outputs.end()) {
        throw QueryError(ErrorKind::kSemantic,
                         "procedure " + procedure->name + " has no output '" + output + "'", clause.span);
      }
      indexes.push_back(static_cast<int>(it - procedure->outputs.begin()));
      names.push_back(alias ? *alias : output);
    }
  }
  for (const auto& name : names) {
    if (scope.count(name)) {
      throw QueryError(ErrorKind::kSemantic, "variable '" + name + "' already declared", clause.span);
    }
    int slot = NewSlot();
    slots.push_back(slot);
    scope[name] = VariableInfo{slot, VariableKind::kValue};
  }
  OperatorPtr op = std::make_unique<CallOperator>(std::move(input), procedure, std::move(args), indexes, slots);
  if (clause.where) {
    std::vector<BoundExprPtr> predicates;
    predicates.push_back(Bind(*clause.where, scope));
    op = std::make_unique<FilterOperator>(std::move(op), std::move(predicates), SourceText(clause.where->span));
  }
  if (standalone && columns) {
    *columns = names;
    *column_slots = slots;
  }
  return op;
}

}  // namespace ecograph::query
