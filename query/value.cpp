#include "query/value.h"

#include <charconv>
#include <cmath>

namespace ecograph::query {

Value Value::Bool(bool b) { Value v; v.data = b; return v; }
Value Value::Int(int64_t i) { Value v; v.data = i; return v; }
Value Value::Float(double d) { Value v; v.data = d; return v; }
Value Value::String(std::string s) { Value v; v.data = std::move(s); return v; }
Value Value::List(ValueList items) {
  Value v;
  v.data = std::make_shared<ValueList>(std::move(items));
  return v;
}
Value Value::Map(ValueMap entries) {
  Value v;
  v.data = std::make_shared<ValueMap>(std::move(entries));
  return v;
}
Value Value::Node(NodeValue node) {
  Value v;
  v.data = std::make_shared<NodeValue>(std::move(node));
  return v;
}
Value Value::Rel(RelValue rel) {
  Value v;
  v.data = std::make_shared<RelValue>(std::move(rel));
  return v;
}
Value Value::Path(PathValue path) {
  Value v;
  v.data = std::make_shared<PathValue>(std::move(path));
  return v;
}

Value Value::FromProperty(const storage::PropertyValue& property) {
  switch (property.kind()) {
    case storage::ValueKind::kNull: return Value();
    case storage::ValueKind::kBool: return Bool(property.as_bool());
    case storage::ValueKind::kInt: return Int(property.as_int());
    case storage::ValueKind::kDouble: return Float(property.as_double());
    case storage::ValueKind::kString: return String(property.as_string());
    case storage::ValueKind::kList: {
      ValueList items;
      items.reserve(property.as_list().size());
      for (const auto& item : property.as_list()) items.push_back(FromProperty(item));
      return List(std::move(items));
    }
  }
  return Value();
}

bool Value::ToProperty(storage::PropertyValue* out) const {
  switch (type()) {
    case ValueType::kNull: *out = storage::PropertyValue(); return true;
    case ValueType::kBool: *out = storage::PropertyValue(as_bool()); return true;
    case ValueType::kInt: *out = storage::PropertyValue(as_int()); return true;
    case ValueType::kFloat: *out = storage::PropertyValue(as_float()); return true;
    case ValueType::kString: *out = storage::PropertyValue(as_string()); return true;
    case ValueType::kList: {
      storage::PropertyList items;
      items.reserve(as_list().size());
      for (const auto& item : as_list()) {
        storage::PropertyValue converted;
        if (!item.ToProperty(&converted)) return false;
        if (converted.kind() == storage::ValueKind::kList) return false;  // no nesting
        items.push_back(std::move(converted));
      }
      *out = storage::PropertyValue(std::move(items));
      return true;
    }
    default: return false;
  }
}

namespace {

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d);
  std::string text(buf, end);
  size_t exponent = text.find('e');
  if (exponent != std::string::npos) {
    // Java style: 1.0E20, 1.5E-7.
    std::string mantissa = text.substr(0, exponent);
    std::string exp = text.substr(exponent + 1);
    if (mantissa.find('.') == std::string::npos) mantissa += ".0";
    bool negative = !exp.empty() && exp[0] == '-';
    if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) exp = exp.substr(1);
    while (exp.size() > 1 && exp[0] == '0') exp = exp.substr(1);
    if (negative) exp = "-" + exp;
    return mantissa + "E" + exp;
  }
  if (text.find('.') == std::string::npos) text += ".0";
  return text;
}

std::string QuoteString(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string PropertiesDisplay(const storage::PropertyMap& properties) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : properties) {
    if (!first) out += ", ";
    first = false;
    out += key + ": " + Value::FromProperty(value).ToDisplayString();
  }
  return out + "}";
}

std::string NodeDisplay(const NodeValue& node) {
  std::string out = "(";
  for (const auto& label : node.labels) out += ":" + label;
  if (!node.properties.empty()) {
    if (!node.labels.empty()) out += " ";
    out += PropertiesDisplay(node.properties);
  }
  return out + ")";
}

std::string RelDisplay(const RelValue& rel) {
  std::string out = "[:" + rel.type;
  if (!rel.properties.empty()) out += " " + PropertiesDisplay(rel.properties);
  return out + "]";
}

}  // namespace

std::string Value::ToDisplayString() const {
  switch (type()) {
    case ValueType::kNull: return "null";
    case ValueType::kBool: return as_bool() ? "true" : "false";
    case ValueType::kInt: return std::to_string(as_int());
    case ValueType::kFloat: return FormatFloat(as_float());
    case ValueType::kString: return QuoteString(as_string());
    case ValueType::kList: {
      std::string out = "[";
      for (size_t item_idx = 0; item_idx < as_list().size(); ++item_idx) {
        if (item_idx > 0) out += ", ";
        out += as_list()[item_idx].ToDisplayString();
      }
      return out + "]";
    }
    case ValueType::kMap: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, value] : as_map()) {
        if (!first) out += ", ";
        first = false;
        out += key + ": " + value.ToDisplayString();
      }
      return out + "}";
    }
    case ValueType::kNode: return NodeDisplay(as_node());
    case ValueType::kRel: return RelDisplay(as_rel());
    case ValueType::kPath: {
      const PathValue& path = as_path();
      std::string out = "<";
      for (size_t node_idx = 0; node_idx < path.nodes.size(); ++node_idx) {
        out += NodeDisplay(path.nodes[node_idx]);
        if (node_idx < path.rels.size()) {
          const RelValue& rel = path.rels[node_idx];
          bool forward = rel.src == path.nodes[node_idx].id;
          out += forward ? "-" : "<-";
          out += RelDisplay(rel);
          out += forward ? "->" : "-";
        }
      }
      return out + ">";
    }
  }
  return "?";
}

std::string Value::ToPlainString() const {
  switch (type()) {
    case ValueType::kNull: return "";
    case ValueType::kString: return as_string();
    default: return ToDisplayString();
  }
}

const char* ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kNull: return "Null";
    case ValueType::kBool: return "Boolean";
    case ValueType::kInt: return "Integer";
    case ValueType::kFloat: return "Float";
    case ValueType::kString: return "String";
    case ValueType::kList: return "List";
    case ValueType::kMap: return "Map";
    case ValueType::kNode: return "Node";
    case ValueType::kRel: return "Relationship";
    case ValueType::kPath: return "Path";
  }
  return "?";
}

}  // namespace ecograph::query
