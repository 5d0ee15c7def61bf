#include "cli/value_json.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli/cli_error.h"

namespace ecograph::cli {

using query::Value;
using query::ValueType;

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
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::parse_error& error) {
    throw DataError(path + ": invalid JSON: " + error.what());
  }
  if (!json.is_object()) throw DataError(path + ": expected a JSON object of parameters");
  query::Params params;
  for (auto it = json.begin(); it != json.end(); ++it) params[it.key()] = JsonToValue(it.value());
  return params;
}

}  // namespace ecograph::cli
