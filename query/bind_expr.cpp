// Expression binding: variables to slots, function names to implementations,
// aggregate calls to result slots; semantic errors point at the expression.
#include <algorithm>

#include "query/planner.h"

namespace ecograph::query {

std::string LowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

namespace {

void CollectPatternVariables(const Pattern& pattern, std::set<std::string>* out) {
  for (const auto& part : pattern.parts) {
    for (const auto& node : part.nodes) {
      if (node.variable) out->insert(*node.variable);
      if (node.properties) CollectVariables(*node.properties, out);
    }
    for (const auto& rel : part.rels) {
      if (rel.variable) out->insert(*rel.variable);
      if (rel.properties) CollectVariables(*rel.properties, out);
    }
  }
}

// openCypher's temporal functions (date(), datetime.truncate(), ...): known
// to the language; ecograph has no temporal types, so calls report "not supported".
bool IsTemporalFunction(const std::string& lower_name) {
  for (const char* name : {"date", "time", "localtime", "datetime", "localdatetime", "duration"}) {
    std::string prefix = name;
    if (lower_name == prefix || lower_name.rfind(prefix + ".", 0) == 0) return true;
  }
  return false;
}

}  // namespace

void CollectVariables(const Expr& expr, std::set<std::string>* out) {
  switch (expr.kind) {
    case ExprKind::kVariable: out->insert(expr.name); return;
    case ExprKind::kMapProjection: out->insert(expr.name); break;
    case ExprKind::kListComprehension:
    case ExprKind::kQuantifier: {
      if (!expr.children.empty() && expr.children[0]) CollectVariables(*expr.children[0], out);
      std::set<std::string> inner;
      if (expr.where_expr) CollectVariables(*expr.where_expr, &inner);
      if (expr.map_expr) CollectVariables(*expr.map_expr, &inner);
      inner.erase(expr.name);
      out->insert(inner.begin(), inner.end());
      return;
    }
    case ExprKind::kPatternPredicate:
    case ExprKind::kPatternComprehension:
    case ExprKind::kExists:
      if (expr.pattern) CollectPatternVariables(*expr.pattern, out);
      break;
    default: break;
  }
  for (const auto& child : expr.children) {
    if (child) CollectVariables(*child, out);
  }
  for (const Expr* extra : {expr.case_subject.get(), expr.case_else.get(), expr.slice_from.get(),
                            expr.slice_to.get(), expr.where_expr.get(), expr.map_expr.get()}) {
    if (extra) CollectVariables(*extra, out);
  }
}

BoundExprPtr Planner::Bind(const Expr& expr, const Scope& scope,
                           std::vector<AggregateSpec>* aggregates, bool inside_aggregate) {
  if (!substitutions_.empty() && expr.kind != ExprKind::kLiteral && expr.kind != ExprKind::kParameter) {
    std::string text = SourceText(expr.span);
    for (const auto& [projected, slot] : substitutions_) {
      if (!text.empty() && text == projected) {
        auto reference = std::make_unique<BoundExpr>();
        reference->kind = ExprKind::kVariable;
        reference->span = expr.span;
        reference->slot = slot;
        return reference;
      }
    }
  }
  auto bound = std::make_unique<BoundExpr>();
  bound->kind = expr.kind;
  bound->span = expr.span;
  bound->name = expr.name;
  bound->unary_op = expr.unary_op;
  bound->binary_op = expr.binary_op;
  bound->chain_ops = expr.chain_ops;
  bound->comparison_ops = expr.comparison_ops;
  bound->negated = expr.negated;
  bound->quantifier = expr.quantifier;
  bound->map_keys = expr.map_keys;
  bound->map_projection_all = expr.map_projection_all;
  auto bind_child = [&](const ExprPtr& child) -> BoundExprPtr {
    return child ? Bind(*child, scope, aggregates, inside_aggregate) : nullptr;
  };

  switch (expr.kind) {
    case ExprKind::kLiteral:
      switch (expr.literal_kind) {
        case LiteralKind::kNull: break;
        case LiteralKind::kBool: bound->constant = Value::Bool(expr.literal_bool); break;
        case LiteralKind::kInt: bound->constant = Value::Int(expr.literal_int); break;
        case LiteralKind::kFloat: bound->constant = Value::Float(expr.literal_float); break;
        case LiteralKind::kString: bound->constant = Value::String(expr.literal_string); break;
      }
      return bound;
    case ExprKind::kParameter: return bound;
    case ExprKind::kVariable: {
      auto it = scope.find(expr.name);
      if (it == scope.end()) {
        throw QueryError(ErrorKind::kSemantic, "variable '" + expr.name + "' not defined", expr.span);
      }
      bound->slot = it->second.slot;
      return bound;
    }
    case ExprKind::kMapProjection: {
      auto it = scope.find(expr.name);
      if (it == scope.end()) {
        throw QueryError(ErrorKind::kSemantic, "variable '" + expr.name + "' not defined", expr.span);
      }
      bound->slot = it->second.slot;
      for (const auto& child : expr.children) bound->children.push_back(bind_child(child));
      return bound;
    }
    case ExprKind::kCountStar: {
      if (!aggregates) {
        throw QueryError(ErrorKind::kSemantic,
                         "invalid use of aggregating function count(*) in this context", expr.span);
      }
      if (inside_aggregate) {
        throw QueryError(ErrorKind::kSemantic, "aggregate functions cannot be nested", expr.span);
      }
      AggregateSpec spec;
      spec.function = "count*";
      spec.slot = NewSlot();
      spec.span = expr.span;
      bound->kind = ExprKind::kVariable;
      bound->slot = spec.slot;
      aggregates->push_back(std::move(spec));
      return bound;
    }
    case ExprKind::kFunctionCall: {
      std::string lower = LowerCase(expr.name);
      bound->name = lower;
      if (IsAggregateFunction(lower)) {
        if (!aggregates) {
          throw QueryError(ErrorKind::kSemantic,
                           "invalid use of aggregating function " + expr.name + "(...) in this context",
                           expr.span);
        }
        if (inside_aggregate) {
          throw QueryError(ErrorKind::kSemantic, "aggregate functions cannot be nested", expr.span);
        }
        size_t expected = lower.rfind("percentile", 0) == 0 ? 2 : 1;
        if (expr.children.size() != expected) {
          throw QueryError(ErrorKind::kSemantic,
                           expr.name + "() takes " + std::to_string(expected) + " argument" +
                               (expected == 1 ? "" : "s"),
                           expr.span);
        }
        AggregateSpec spec;
        spec.function = lower;
        spec.distinct = expr.distinct;
        spec.span = expr.span;
        spec.argument = Bind(*expr.children[0], scope, aggregates, true);
        if (expected == 2) spec.extra_argument = Bind(*expr.children[1], scope, aggregates, true);
        spec.slot = NewSlot();
        bound->kind = ExprKind::kVariable;
        bound->slot = spec.slot;
        aggregates->push_back(std::move(spec));
        return bound;
      }
      const FunctionInfo* info = FindFunction(lower);
      if (!info && IsTemporalFunction(lower)) {
        throw QueryError(ErrorKind::kNotSupported,
                         "not supported: temporal function '" + expr.name + "' (dates, times and durations)", expr.span);
      }
      if (!info) {
        throw QueryError(ErrorKind::kSemantic, "unknown function '" + expr.name + "'", expr.span);
      }
      int count = static_cast<int>(expr.children.size());
      if (count < info->min_args || (info->max_args >= 0 && count > info->max_args)) {
        std::string expected = info->min_args == info->max_args
                                   ? std::to_string(info->min_args)
                                   : std::to_string(info->min_args) + ".." +
                                         (info->max_args < 0 ? std::string("n") : std::to_string(info->max_args));
        throw QueryError(ErrorKind::kSemantic,
                         "function " + expr.name + "() takes " + expected + " argument(s), got " +
                             std::to_string(count),
                         expr.span);
      }
      if (expr.children.size() == 1 && expr.children[0]->kind == ExprKind::kVariable) {
        auto arg = scope.find(expr.children[0]->name);
        if (arg != scope.end()) {
          VariableKind kind = arg->second.kind;
          bool wrong = (lower == "type" && (kind == VariableKind::kNode || kind == VariableKind::kPath)) ||
                       (lower == "length" && (kind == VariableKind::kNode || kind == VariableKind::kRel)) ||
                       (lower == "size" && kind == VariableKind::kPath) ||
                       (lower == "labels" && (kind == VariableKind::kRel || kind == VariableKind::kPath));
          if (wrong) {
            throw QueryError(ErrorKind::kSemantic,
                             "type mismatch: " + expr.name + "() cannot take '" + expr.children[0]->name + "'",
                             expr.children[0]->span);
          }
        }
      }
      if (lower == "size" && expr.children.size() == 1 &&
          expr.children[0]->kind == ExprKind::kPatternPredicate) {
        throw QueryError(ErrorKind::kSemantic, "size() cannot take a pattern; use a pattern comprehension",
                         expr.children[0]->span);
      }
      bound->function = info->function;
      for (const auto& child : expr.children) bound->children.push_back(bind_child(child));
      return bound;
    }
    case ExprKind::kListComprehension:
    case ExprKind::kQuantifier: {
      bound->children.push_back(bind_child(expr.children[0]));
      Scope inner = scope;
      int slot = NewSlot();
      inner[expr.name] = VariableInfo{slot, VariableKind::kValue};
      bound->slot = slot;
      if (expr.where_expr) bound->where_expr = Bind(*expr.where_expr, inner, nullptr, inside_aggregate);
      if (expr.map_expr) bound->map_expr = Bind(*expr.map_expr, inner, nullptr, inside_aggregate);
      if (expr.kind == ExprKind::kQuantifier && !bound->where_expr) {
        throw QueryError(ErrorKind::kSemantic, "quantifier requires a WHERE predicate", expr.span);
      }
      return bound;
    }
    case ExprKind::kPatternPredicate:
    case ExprKind::kPatternComprehension:
    case ExprKind::kExists: {
      // `n:A:B` as an expression: one node pattern without relationships.
      if (expr.kind == ExprKind::kPatternPredicate && expr.pattern && expr.pattern->parts.size() == 1 &&
          expr.pattern->parts[0].rels.empty() && expr.pattern->parts[0].nodes.size() == 1 &&
          expr.pattern->parts[0].nodes[0].variable && !expr.pattern->parts[0].nodes[0].properties) {
        const NodePattern& node = expr.pattern->parts[0].nodes[0];
        auto it = scope.find(*node.variable);
        if (it == scope.end()) {
          throw QueryError(ErrorKind::kSemantic, "variable '" + *node.variable + "' not defined", node.span);
        }
        bound->internal = InternalOp::kHasLabels;
        bound->slot = it->second.slot;
        bound->labels = node.labels;
        return bound;
      }
      if (expr.pattern && expr.kind != ExprKind::kPatternComprehension) {
        for (const auto& part : expr.pattern->parts) {
          for (const auto& node : part.nodes) {
            if (node.variable && !scope.count(*node.variable)) {
              throw QueryError(ErrorKind::kSemantic,
                               "a pattern expression cannot introduce the new variable '" + *node.variable + "'",
                               node.span);
            }
          }
          for (const auto& rel : part.rels) {
            if (rel.variable && !scope.count(*rel.variable)) {
              throw QueryError(ErrorKind::kSemantic,
                               "a pattern expression cannot introduce the new variable '" + *rel.variable + "'",
                               rel.span);
            }
          }
        }
      }
      if (expr.pattern) {
        std::set<std::string> names;
        CollectVariables(expr, &names);
        for (const auto& name : names) {
          auto outer = scope.find(name);
          if (outer != scope.end()) bound->pattern_reads.push_back(outer->second.slot);
        }
        Scope inner = scope;
        std::vector<int> new_slots;
        bound->pattern = PlanNested(*expr.pattern, nullptr, inner, &new_slots);
        if (expr.kind == ExprKind::kPatternComprehension) {
          if (expr.where_expr) bound->where_expr = Bind(*expr.where_expr, inner, nullptr, false);
          if (expr.map_expr) {
            bound->map_expr = Bind(*expr.map_expr, inner, nullptr, false);
          } else {
            throw QueryError(ErrorKind::kSemantic, "pattern comprehension requires '| expression'",
                             expr.span);
          }
        }
        return bound;
      }
      for (const auto& child : expr.children) bound->children.push_back(bind_child(child));
      return bound;
    }
    default: break;
  }
  if (expr.kind == ExprKind::kBinary &&
      (expr.binary_op == BinaryOp::kAnd || expr.binary_op == BinaryOp::kOr || expr.binary_op == BinaryOp::kXor)) {
    for (const auto& child : expr.children) {
      bool literal_non_boolean =
          (child->kind == ExprKind::kLiteral && child->literal_kind != LiteralKind::kBool &&
           child->literal_kind != LiteralKind::kNull) ||
          child->kind == ExprKind::kList || child->kind == ExprKind::kMap;
      if (literal_non_boolean) {
        throw QueryError(ErrorKind::kSemantic, "type mismatch: expected a Boolean", child->span);
      }
    }
  }
  if (expr.kind == ExprKind::kProperty && expr.children[0]->kind == ExprKind::kVariable) {
    auto target = scope.find(expr.children[0]->name);
    if (target != scope.end() &&
        (target->second.kind == VariableKind::kPath || target->second.kind == VariableKind::kRelList)) {
      throw QueryError(ErrorKind::kSemantic,
                       "type mismatch: '" + expr.children[0]->name + "' has no properties", expr.span);
    }
  }
  for (const auto& child : expr.children) bound->children.push_back(bind_child(child));
  bound->case_subject = bind_child(expr.case_subject);
  bound->case_else = bind_child(expr.case_else);
  bound->slice_from = bind_child(expr.slice_from);
  bound->slice_to = bind_child(expr.slice_to);
  bound->where_expr = bind_child(expr.where_expr);
  bound->map_expr = bind_child(expr.map_expr);
  if (expr.kind == ExprKind::kComparison && expr.comparison_ops.size() + 1 != expr.children.size()) {
    throw QueryError(ErrorKind::kInternal, "malformed comparison", expr.span);
  }
  return bound;
}

}  // namespace ecograph::query
