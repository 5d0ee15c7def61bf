#include "cli/value_json.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/cli_error.h"
#include "graph/io/json_nesting.h"

namespace ecograph::cli {

using query::Value;
using query::ValueType;

namespace {

// Parameters nest like the values a property can hold; deeper JSON would
// exhaust the stack of the recursive conversion (and is never storable).
constexpr int kMaxParamNesting = storage::kMaxListNesting;

std::string TooDeep() {
  return "JSON nested more than " + std::to_string(kMaxParamNesting) + " levels deep";
}

}  // namespace

query::Value JsonToValue(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null:
      return Value::Null();
    case nlohmann::json::value_t::boolean:
      return Value::Bool(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Value::Int(json.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      uint64_t u = json.get<uint64_t>();
      if (u > static_cast<uint64_t>(INT64_MAX)) return Value::Float(static_cast<double>(u));
      return Value::Int(static_cast<int64_t>(u));
    }
    case nlohmann::json::value_t::number_float:
      return Value::Float(json.get<double>());
    case nlohmann::json::value_t::string:
      return Value::String(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      query::ValueList items;
      for (const auto& item : json) items.push_back(JsonToValue(item));
      return Value::List(std::move(items));
    }
    case nlohmann::json::value_t::object: {
      query::ValueMap entries;
      for (auto it = json.begin(); it != json.end(); ++it)
        entries[it.key()] = JsonToValue(it.value());
      return Value::Map(std::move(entries));
    }
    default:
      return Value::Null();
  }
}

nlohmann::json PropertyToJson(const storage::PropertyValue& value) {
  return ValueToJson(Value::FromProperty(value));
}

namespace {

nlohmann::json PropertiesToJson(const storage::PropertyMap& properties) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [key, value] : properties) object[key] = PropertyToJson(value);
  return object;
}

nlohmann::json NodeToJson(const query::NodeValue& node) {
  return {
      {"id", node.id}, {"labels", node.labels}, {"properties", PropertiesToJson(node.properties)}};
}

nlohmann::json RelToJson(const query::RelValue& rel) {
  return {{"id", rel.id},
          {"type", rel.type},
          {"start", rel.src},
          {"end", rel.dst},
          {"properties", PropertiesToJson(rel.properties)}};
}

}  // namespace

nlohmann::json ValueToJson(const query::Value& value) {
  switch (value.type()) {
    case ValueType::kNull:
      return nullptr;
    case ValueType::kBool:
      return value.as_bool();
    case ValueType::kInt:
      return value.as_int();
    case ValueType::kFloat:
      // JSON has no NaN or infinities (nlohmann would write null): strings.
      if (!std::isfinite(value.as_float())) return value.ToDisplayString();
      return value.as_float();
    case ValueType::kString:
      return value.as_string();
    case ValueType::kList: {
      nlohmann::json array = nlohmann::json::array();
      for (const Value& item : value.as_list()) array.push_back(ValueToJson(item));
      return array;
    }
    case ValueType::kMap: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& [key, item] : value.as_map()) object[key] = ValueToJson(item);
      return object;
    }
    case ValueType::kNode:
      return NodeToJson(value.as_node());
    case ValueType::kRel:
      return RelToJson(value.as_rel());
    case ValueType::kPath: {
      nlohmann::json nodes = nlohmann::json::array();
      nlohmann::json rels = nlohmann::json::array();
      for (const auto& node : value.as_path().nodes) nodes.push_back(NodeToJson(node));
      for (const auto& rel : value.as_path().rels) rels.push_back(RelToJson(rel));
      return {{"nodes", nodes}, {"relationships", rels}};
    }
  }
  return nullptr;
}

query::Value ParseParamValue(const std::string& text) {
  if (text == "null") return Value::Null();
  if (text == "true") return Value::Bool(true);
  if (text == "false") return Value::Bool(false);
  if (!text.empty()) {
    errno = 0;
    char* end = nullptr;
    long long integer = std::strtoll(text.c_str(), &end, 10);
    if (errno == 0 && end == text.c_str() + text.size() &&
        text.find_first_not_of("+-0123456789") == std::string::npos) {
      return Value::Int(integer);
    }
    errno = 0;
    double number = std::strtod(text.c_str(), &end);
    bool numeric_chars = text.find_first_not_of("+-0123456789.eE") == std::string::npos;
    if (errno == 0 && numeric_chars && end == text.c_str() + text.size()) {
      return Value::Float(number);
    }
    char first = text.front();
    if (first == '[' || first == '{' || first == '"') {
      size_t too_deep = graph::io::FindJsonNestingOverflow(text, kMaxParamNesting);
      if (too_deep != std::string::npos) {
        throw DataError("--param value, column " + std::to_string(too_deep + 1) + ": " +
                        TooDeep());
      }
      nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (!parsed.is_discarded()) return JsonToValue(parsed);
    }
  }
  return Value::String(text);
}

std::pair<std::string, query::Value> ParseParamAssignment(const std::string& text) {
  size_t split = text.find('=');
  if (split == std::string::npos) split = text.find(':');
  if (split == std::string::npos || split == 0) {
    throw UsageError("--param expects name=value, got '" + text + "'");
  }
  std::string name = text.substr(0, split);
  if (!name.empty() && name.front() == '$') name.erase(0, 1);
  return {name, ParseParamValue(text.substr(split + 1))};
}

query::Params ReadParamsFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError("cannot read parameter file '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  size_t too_deep = graph::io::FindJsonNestingOverflow(text, kMaxParamNesting);
  if (too_deep != std::string::npos) {
    size_t line = 1, line_begin = 0;
    for (size_t i = 0; i < too_deep; ++i) {
      if (text[i] == '\n') {
        ++line;
        line_begin = i + 1;
      }
    }
    throw DataError(path + ":" + std::to_string(line) + ":" +
                    std::to_string(too_deep - line_begin + 1) + ": " + TooDeep());
  }
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {  // syntax, or a number out of range
    throw DataError(path + ": invalid JSON: " + error.what());
  }
  if (!json.is_object()) throw DataError(path + ": expected a JSON object of parameters");
  query::Params params;
  for (auto it = json.begin(); it != json.end(); ++it) params[it.key()] = JsonToValue(it.value());
  return params;
}

}  // namespace ecograph::cli
