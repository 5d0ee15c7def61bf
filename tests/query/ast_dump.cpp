#include "tests/query/ast_dump.h"

#include <cstdio>

namespace ecograph::query::testing {
namespace {

const char* BinaryName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "OR";
    case BinaryOp::kXor:
      return "XOR";
    case BinaryOp::kAnd:
      return "AND";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSubtract:
      return "-";
    case BinaryOp::kMultiply:
      return "*";
    case BinaryOp::kDivide:
      return "/";
    case BinaryOp::kModulo:
      return "%";
    case BinaryOp::kPower:
      return "^";
    case BinaryOp::kIn:
      return "IN";
    case BinaryOp::kStartsWith:
      return "STARTS_WITH";
    case BinaryOp::kEndsWith:
      return "ENDS_WITH";
    case BinaryOp::kContains:
      return "CONTAINS";
    case BinaryOp::kRegexMatch:
      return "=~";
  }
  return "?";
}

const char* ComparisonName(ComparisonOp op) {
  switch (op) {
    case ComparisonOp::kEq:
      return "=";
    case ComparisonOp::kNe:
      return "<>";
    case ComparisonOp::kLt:
      return "<";
    case ComparisonOp::kLe:
      return "<=";
    case ComparisonOp::kGt:
      return ">";
    case ComparisonOp::kGe:
      return ">=";
  }
  return "?";
}

std::string DumpOpt(const ExprPtr& expr) { return expr ? DumpExpr(*expr) : "_"; }

std::string DumpNode(const NodePattern& node) {
  std::string out = "(" + node.variable.value_or("");
  for (const auto& label : node.labels) out += ":" + label;
  if (node.properties) out += " " + DumpExpr(*node.properties);
  return out + ")";
}

std::string DumpRel(const RelPattern& rel) {
  std::string out = rel.direction == RelDirection::kRightToLeft ? "<-[" : "-[";
  out += rel.variable.value_or("");
  for (size_t idx = 0; idx < rel.types.size(); ++idx) out += (idx ? "|" : ":") + rel.types[idx];
  if (rel.variable_length) {
    out += "*";
    out += rel.min_hops ? std::to_string(*rel.min_hops) : "";
    out += "..";
    out += rel.max_hops ? std::to_string(*rel.max_hops) : "";
  }
  if (rel.properties) out += " " + DumpExpr(*rel.properties);
  out += rel.direction == RelDirection::kLeftToRight ? "]->" : "]-";
  return out;
}

std::string DumpPart(const PatternPart& part) {
  std::string out;
  if (part.path_variable) out += *part.path_variable + "=";
  if (part.path_function == PathFunction::kShortestPath) out += "shortestPath";
  if (part.path_function == PathFunction::kAllShortestPaths) out += "allShortestPaths";
  for (size_t idx = 0; idx < part.nodes.size(); ++idx) {
    if (idx > 0) out += DumpRel(part.rels[idx - 1]);
    out += DumpNode(part.nodes[idx]);
  }
  return out;
}

std::string DumpSetItem(const SetItem& item) {
  switch (item.kind) {
    case SetItemKind::kProperty:
      return DumpExpr(*item.target) + "=" + DumpExpr(*item.value);
    case SetItemKind::kReplaceMap:
      return DumpExpr(*item.target) + "=" + DumpExpr(*item.value);
    case SetItemKind::kMergeMap:
      return DumpExpr(*item.target) + "+=" + DumpExpr(*item.value);
    case SetItemKind::kLabels: {
      std::string out = DumpExpr(*item.target);
      for (const auto& label : item.labels) out += ":" + label;
      return out;
    }
  }
  return "?";
}

std::string DumpProjection(const ProjectionBody& body) {
  std::string out;
  if (body.distinct) out += " DISTINCT";
  if (body.star) out += " *";
  for (const auto& item : body.items) {
    out += " " + DumpExpr(*item.expr);
    if (item.alias) out += " AS " + *item.alias;
    out += " [" + item.text + "]";
  }
  if (!body.order_by.empty()) {
    out += " ORDER BY";
    for (const auto& sort : body.order_by) {
      out += " " + DumpExpr(*sort.expr) + (sort.descending ? " DESC" : "");
    }
  }
  if (body.skip) out += " SKIP " + DumpExpr(*body.skip);
  if (body.limit) out += " LIMIT " + DumpExpr(*body.limit);
  return out;
}

std::string DumpClause(const Clause& clause) {
  std::string out;
  switch (clause.kind) {
    case ClauseKind::kMatch:
      out = (clause.optional ? "OPTIONAL MATCH " : "MATCH ") + DumpPattern(clause.pattern);
      break;
    case ClauseKind::kUnwind:
      out = "UNWIND " + DumpExpr(*clause.unwind_expr) + " AS " + clause.unwind_alias;
      break;
    case ClauseKind::kWith:
      out = "WITH" + DumpProjection(clause.projection);
      break;
    case ClauseKind::kReturn:
      out = "RETURN" + DumpProjection(clause.projection);
      break;
    case ClauseKind::kCreate:
      out = "CREATE " + DumpPattern(clause.pattern);
      break;
    case ClauseKind::kMerge:
      out = "MERGE " + DumpPattern(clause.pattern);
      for (const auto& item : clause.on_create) out += " ON CREATE " + DumpSetItem(item);
      for (const auto& item : clause.on_match) out += " ON MATCH " + DumpSetItem(item);
      break;
    case ClauseKind::kSet:
      out = "SET";
      for (const auto& item : clause.set_items) out += " " + DumpSetItem(item);
      break;
    case ClauseKind::kRemove:
      out = "REMOVE";
      for (const auto& item : clause.remove_items) {
        out += " " + DumpExpr(*item.target);
        for (const auto& label : item.labels) out += ":" + label;
      }
      break;
    case ClauseKind::kDelete:
      out = clause.detach ? "DETACH DELETE" : "DELETE";
      for (const auto& expr : clause.delete_exprs) out += " " + DumpExpr(*expr);
      break;
    case ClauseKind::kCall:
      out = "CALL " + clause.procedure;
      if (clause.call_has_args) {
        out += "(";
        for (size_t idx = 0; idx < clause.call_args.size(); ++idx) {
          out += (idx ? ", " : "") + DumpExpr(*clause.call_args[idx]);
        }
        out += ")";
      }
      if (clause.yield_star) out += " YIELD *";
      for (const auto& [name, alias] : clause.yield_items) {
        out += " YIELD " + name + (alias ? " AS " + *alias : "");
      }
      break;
    case ClauseKind::kCreateIndex:
    case ClauseKind::kDropIndex:
    case ClauseKind::kCreateConstraint:
    case ClauseKind::kDropConstraint: {
      const char* names[] = {"CREATE INDEX", "DROP INDEX", "CREATE CONSTRAINT", "DROP CONSTRAINT"};
      out = names[static_cast<int>(clause.kind) - static_cast<int>(ClauseKind::kCreateIndex)];
      out += " name=" + clause.schema_name + " :" + clause.schema_label + "(" + clause.schema_key +
             ")";
      break;
    }
  }
  if (clause.where) out += " WHERE " + DumpExpr(*clause.where);
  return out;
}

}  // namespace

std::string DumpPattern(const Pattern& pattern) {
  std::string out;
  for (size_t idx = 0; idx < pattern.parts.size(); ++idx) {
    out += (idx ? ", " : "") + DumpPart(pattern.parts[idx]);
  }
  return out;
}

std::string DumpExpr(const Expr& expr) {
  auto children = [&](size_t from) {
    std::string out;
    for (size_t idx = from; idx < expr.children.size(); ++idx) {
      out += " " + DumpExpr(*expr.children[idx]);
    }
    return out;
  };
  switch (expr.kind) {
    case ExprKind::kLiteral:
      switch (expr.literal_kind) {
        case LiteralKind::kNull:
          return "null";
        case LiteralKind::kBool:
          return expr.literal_bool ? "true" : "false";
        case LiteralKind::kInt:
          return std::to_string(expr.literal_int);
        case LiteralKind::kFloat: {
          char buffer[64];
          std::snprintf(buffer, sizeof(buffer), "%.17gf", expr.literal_float);
          return buffer;
        }
        case LiteralKind::kString:
          return "'" + expr.literal_string + "'";
      }
      return "?";
    case ExprKind::kParameter:
      return "$" + expr.name;
    case ExprKind::kVariable:
      return expr.name;
    case ExprKind::kProperty:
      return DumpExpr(*expr.children[0]) + "." + expr.name;
    case ExprKind::kList:
      return "(list" + children(0) + ")";
    case ExprKind::kMap: {
      std::string out = "{";
      for (size_t idx = 0; idx < expr.children.size(); ++idx) {
        out += (idx ? ", " : "") + expr.map_keys[idx] + ": " + DumpExpr(*expr.children[idx]);
      }
      return out + "}";
    }
    case ExprKind::kUnary: {
      const char* name = expr.unary_op == UnaryOp::kNot      ? "NOT"
                         : expr.unary_op == UnaryOp::kNegate ? "neg"
                                                             : "pos";
      return std::string("(") + name + children(0) + ")";
    }
    case ExprKind::kBinary: {
      bool mixed = false;
      for (BinaryOp op : expr.chain_ops) mixed = mixed || op != expr.binary_op;
      if (!mixed) return std::string("(") + BinaryName(expr.binary_op) + children(0) + ")";
      // A flat chain of mixed operators of one level: (chain a - b + c).
      std::string out = "(chain " + DumpExpr(*expr.children[0]);
      for (size_t idx = 0; idx < expr.chain_ops.size(); ++idx) {
        out += std::string(" ") + BinaryName(expr.chain_ops[idx]) + " " + DumpExpr(*expr.children[idx + 1]);
      }
      return out + ")";
    }
    case ExprKind::kComparison: {
      std::string out = "(cmp " + DumpExpr(*expr.children[0]);
      for (size_t idx = 0; idx < expr.comparison_ops.size(); ++idx) {
        out += std::string(" ") + ComparisonName(expr.comparison_ops[idx]) + " " +
               DumpExpr(*expr.children[idx + 1]);
      }
      return out + ")";
    }
    case ExprKind::kIsNull:
      return std::string(expr.negated ? "(is-not-null" : "(is-null") + children(0) + ")";
    case ExprKind::kFunctionCall:
      return "(call " + expr.name + (expr.distinct ? " DISTINCT" : "") + children(0) + ")";
    case ExprKind::kCountStar:
      return "count(*)";
    case ExprKind::kCase: {
      std::string out = "(case";
      if (expr.case_subject) out += " subject=" + DumpExpr(*expr.case_subject);
      for (size_t idx = 0; idx + 1 < expr.children.size(); idx += 2) {
        out +=
            " when " + DumpExpr(*expr.children[idx]) + " then " + DumpExpr(*expr.children[idx + 1]);
      }
      if (expr.case_else) out += " else " + DumpExpr(*expr.case_else);
      return out + ")";
    }
    case ExprKind::kIndex:
      return "(index" + children(0) + ")";
    case ExprKind::kSlice:
      return "(slice " + DumpExpr(*expr.children[0]) + " " + DumpOpt(expr.slice_from) + " " +
             DumpOpt(expr.slice_to) + ")";
    case ExprKind::kListComprehension:
      return "(listcomp " + expr.name + " " + DumpExpr(*expr.children[0]) + " where " +
             DumpOpt(expr.where_expr) + " map " + DumpOpt(expr.map_expr) + ")";
    case ExprKind::kQuantifier: {
      const char* names[] = {"all", "any", "none", "single"};
      return std::string("(") + names[static_cast<int>(expr.quantifier)] + " " + expr.name + " " +
             DumpExpr(*expr.children[0]) + " where " + DumpOpt(expr.where_expr) + ")";
    }
    case ExprKind::kPatternPredicate:
      return "(pattern " + DumpPattern(*expr.pattern) + ")";
    case ExprKind::kExists:
      return "(exists " +
             (expr.pattern ? DumpPattern(*expr.pattern) : DumpExpr(*expr.children[0])) + ")";
    case ExprKind::kMapProjection: {
      std::string out = "(mapproj " + expr.name;
      for (size_t idx = 0; idx < expr.children.size(); ++idx) {
        out += " " + expr.map_keys[idx] + ": " + DumpExpr(*expr.children[idx]);
      }
      if (expr.map_projection_all) out += " .*";
      return out + ")";
    }
    case ExprKind::kPatternComprehension:
      return "(patcomp " + DumpPattern(*expr.pattern) + " where " + DumpOpt(expr.where_expr) +
             " map " + DumpOpt(expr.map_expr) + ")";
  }
  return "?";
}

std::string DumpStatement(const Statement& statement) {
  std::string out;
  if (statement.explain) out += "EXPLAIN ";
  if (statement.profile) out += "PROFILE ";
  for (size_t query_idx = 0; query_idx < statement.queries.size(); ++query_idx) {
    if (query_idx > 0) out += statement.union_all[query_idx - 1] ? " UNION ALL " : " UNION ";
    const auto& clauses = statement.queries[query_idx].clauses;
    for (size_t idx = 0; idx < clauses.size(); ++idx) {
      out += (idx ? " | " : "") + DumpClause(*clauses[idx]);
    }
  }
  return out;
}

}  // namespace ecograph::query::testing
