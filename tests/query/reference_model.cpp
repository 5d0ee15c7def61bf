#include "tests/query/reference_model.h"

namespace ecograph::query::reference {

namespace {

std::string NodeText(const NodePat& node) {
  std::string out = "(" + node.var;
  if (node.label) out += ":" + *node.label;
  if (node.k) out += " {k: " + std::to_string(*node.k) + "}";
  if (node.i) out += " {i: " + std::to_string(*node.i) + "}";
  if (!node.k_of.empty()) out += " {k: " + node.k_of + ".k}";
  return out + ")";
}

std::string RelText(const RelPat& rel) {
  std::string body = rel.var;
  for (size_t type_idx = 0; type_idx < rel.types.size(); ++type_idx) {
    body += (type_idx ? "|" : ":") + rel.types[type_idx];
  }
  if (rel.var_length) {
    body += "*" + std::to_string(rel.min_hops) + "..";
    if (rel.max_hops >= 0) body += std::to_string(rel.max_hops);
  }
  if (rel.w) body += " {w: " + std::to_string(*rel.w) + "}";
  std::string bracket = "[" + body + "]";
  switch (rel.dir) {
    case Dir::kOut: return "-" + bracket + "->";
    case Dir::kIn: return "<-" + bracket + "-";
    case Dir::kBoth: return "-" + bracket + "-";
  }
  return bracket;
}

std::string PathText(const PathPat& path) {
  std::string out = NodeText(path.nodes[0]);
  for (size_t rel_idx = 0; rel_idx < path.rels.size(); ++rel_idx) {
    out += RelText(path.rels[rel_idx]) + NodeText(path.nodes[rel_idx + 1]);
  }
  return out;
}

std::string PatternText(const std::vector<PathPat>& parts) {
  std::string out;
  for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
    out += (part_idx ? ", " : "") + PathText(parts[part_idx]);
  }
  return out;
}

const char* OpText(CmpOp op) {
  switch (op) {
    case CmpOp::kEq: return " = ";
    case CmpOp::kNe: return " <> ";
    case CmpOp::kLt: return " < ";
    case CmpOp::kLe: return " <= ";
  }
  return " = ";
}

std::string PredText(const Pred& pred) {
  switch (pred.kind) {
    case Pred::Kind::kPropCmp:
      return pred.var + "." + pred.key + OpText(pred.op) + std::to_string(pred.constant);
    case Pred::Kind::kPropPropEq: return pred.var + ".k = " + pred.var2 + ".k";
    case Pred::Kind::kIsNull: return pred.var + "." + pred.key + " IS NULL";
    case Pred::Kind::kAllRels:
      // The shortestPath form's path variable is "p".
      return std::string(pred.none ? "none" : "all") + "(x IN " +
             (pred.var == "p" ? "relationships(p)" : pred.var) + " WHERE x.w = " +
             std::to_string(pred.constant) + ")";
    case Pred::Kind::kExists: return "exists(" + PatternText(pred.pattern) + ")";
    case Pred::Kind::kPathLengthGe: return "length(" + pred.var + ") >= " + std::to_string(pred.constant);
    case Pred::Kind::kNot: return "NOT (" + PredText(*pred.children[0]) + ")";
    case Pred::Kind::kAnd:
      return "(" + PredText(*pred.children[0]) + " AND " + PredText(*pred.children[1]) + ")";
    case Pred::Kind::kOr:
      return "(" + PredText(*pred.children[0]) + " OR " + PredText(*pred.children[1]) + ")";
  }
  return "true";
}

std::string ColumnText(const Column& column) {
  switch (column.kind) {
    case Column::Kind::kNodeI: return column.var + ".i";
    case Column::Kind::kNodeK: return column.var + ".k";
    case Column::Kind::kRelJ: return column.var + ".j";
    case Column::Kind::kRelListJ: return "[x IN " + column.var + " | x.j]";
    case Column::Kind::kPathJ: return "[x IN relationships(" + column.var + ") | x.j]";
    case Column::Kind::kPathLength: return "length(" + column.var + ")";
  }
  return "null";
}

}  // namespace

std::string RefGraph::CreateStatement() const {
  if (nodes.empty()) return "";
  std::string out = "CREATE ";
  for (size_t node_idx = 0; node_idx < nodes.size(); ++node_idx) {
    const RefNode& node = nodes[node_idx];
    out += (node_idx ? ", (n" : "(n") + std::to_string(node_idx);
    for (const auto& label : node.labels) out += ":" + label;
    out += " {i: " + std::to_string(node_idx);
    if (node.k) out += ", k: " + std::to_string(*node.k);
    out += "})";
  }
  for (size_t rel_idx = 0; rel_idx < rels.size(); ++rel_idx) {
    const RefRel& rel = rels[rel_idx];
    out += ", (n" + std::to_string(rel.src) + ")-[:" + rel.type + " {j: " + std::to_string(rel_idx);
    if (rel.w) out += ", w: " + std::to_string(*rel.w);
    out += "}]->(n" + std::to_string(rel.dst) + ")";
  }
  return out;
}

std::string RefQuery::ToCypher() const {
  std::string out = "MATCH ";
  if (shortest != Shortest::kNone) {
    out += "p = " + std::string(shortest == Shortest::kAll ? "allShortestPaths(" : "shortestPath(") +
           PathText(match[0]) + ")";
  } else {
    out += PatternText(match);
  }
  if (where) out += " WHERE " + PredText(*where);
  if (!optional_match.empty()) {
    out += " OPTIONAL MATCH " + PatternText(optional_match);
    if (optional_where) out += " WHERE " + PredText(*optional_where);
  }
  out += " RETURN ";
  switch (return_kind) {
    case ReturnKind::kCount: return out + "count(*) AS c";
    case ReturnKind::kGroupCount: return out + ColumnText(columns[0]) + " AS key, count(*) AS c";
    case ReturnKind::kCountDistinct: return out + "count(DISTINCT " + ColumnText(columns[0]) + ") AS c";
    case ReturnKind::kColumns: break;
  }
  if (distinct) out += "DISTINCT ";
  for (size_t column_idx = 0; column_idx < columns.size(); ++column_idx) {
    out += (column_idx ? ", " : "") + ColumnText(columns[column_idx]) + " AS c" + std::to_string(column_idx);
  }
  return out;
}

}  // namespace ecograph::query::reference
