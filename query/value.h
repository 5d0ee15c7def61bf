#pragma once
// Value: a runtime value of the query language (openCypher's types):
// null, boolean, integer, float, string, list, map, node, relationship, path.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "storage/store.h"

namespace ecograph::query {

struct Value;
using ValueList = std::vector<Value>;
using ValueMap = std::map<std::string, Value>;

struct NodeValue {
  storage::NodeId id = 0;
  std::vector<std::string> labels;
  storage::PropertyMap properties;
};

struct RelValue {
  storage::RelId id = 0;
  storage::NodeId src = 0;
  storage::NodeId dst = 0;
  std::string type;
  storage::PropertyMap properties;
};

// nodes.size() == rels.size() + 1; rels[i] joins nodes[i] and nodes[i+1] in
// either direction.
struct PathValue {
  std::vector<NodeValue> nodes;
  std::vector<RelValue> rels;
};

enum class ValueType { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRel, kPath };

struct Value {
  std::variant<std::monostate, bool, int64_t, double, std::string,
               std::shared_ptr<ValueList>, std::shared_ptr<ValueMap>,
               std::shared_ptr<NodeValue>, std::shared_ptr<RelValue>,
               std::shared_ptr<PathValue>>
      data;

  Value() = default;
  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Int(int64_t i);
  static Value Float(double d);
  static Value String(std::string s);
  static Value List(ValueList items);
  static Value Map(ValueMap entries);
  static Value Node(NodeValue node);
  static Value Rel(RelValue rel);
  static Value Path(PathValue path);
  static Value FromProperty(const storage::PropertyValue& property);

  ValueType type() const { return static_cast<ValueType>(data.index()); }
  bool is_null() const { return data.index() == 0; }
  bool as_bool() const { return std::get<bool>(data); }
  int64_t as_int() const { return std::get<int64_t>(data); }
  double as_float() const { return std::get<double>(data); }
  const std::string& as_string() const { return std::get<std::string>(data); }
  const ValueList& as_list() const { return *std::get<std::shared_ptr<ValueList>>(data); }
  const ValueMap& as_map() const { return *std::get<std::shared_ptr<ValueMap>>(data); }
  const NodeValue& as_node() const { return *std::get<std::shared_ptr<NodeValue>>(data); }
  const RelValue& as_rel() const { return *std::get<std::shared_ptr<RelValue>>(data); }
  const PathValue& as_path() const { return *std::get<std::shared_ptr<PathValue>>(data); }

  // Converts to a storable property (null, bool, int, float, string, or a
  // list of those); false for maps, nodes, relationships, paths.
  bool ToProperty(storage::PropertyValue* out) const;
  // openCypher literal-like rendering, as cypher-shell prints values:
  // strings quoted ('x'), nodes as (:Label {k: v}), relationships as
  // [:TYPE {k: v}], paths as (a)-[:T]->(b), floats always with a '.'.
  std::string ToDisplayString() const;
  // Plain text for CSV/TSV/bench: strings unquoted, null as empty.
  std::string ToPlainString() const;
};

const char* ValueTypeName(ValueType type);

}  // namespace ecograph::query
