#pragma once
// PropertyValue: the values a node or relationship property can hold.
// null, bool, int64, double, UTF-8 string, and lists of these.
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "storage/status.h"

namespace ecograph::storage {

struct PropertyValue;
using PropertyList = std::vector<PropertyValue>;

// Never renumber: the kind is persisted as a tag byte.
enum class ValueKind : uint8_t {
  kNull = 0,
  kBool = 1,
  kInt = 2,
  kDouble = 3,
  kString = 4,
  kList = 5,
};

struct PropertyValue {
  std::variant<std::monostate, bool, int64_t, double, std::string, PropertyList> data;

  PropertyValue() = default;
  PropertyValue(bool b) : data(b) {}                   // NOLINT
  PropertyValue(int64_t i) : data(i) {}                // NOLINT
  PropertyValue(int i) : data(int64_t{i}) {}           // NOLINT
  PropertyValue(double d) : data(d) {}                 // NOLINT
  PropertyValue(std::string s) : data(std::move(s)) {} // NOLINT
  PropertyValue(const char* s) : data(std::string(s)) {}  // NOLINT
  PropertyValue(PropertyList l) : data(std::move(l)) {}   // NOLINT

  ValueKind kind() const { return static_cast<ValueKind>(data.index()); }
  bool is_null() const { return data.index() == 0; }
  bool as_bool() const { return std::get<bool>(data); }
  int64_t as_int() const { return std::get<int64_t>(data); }
  double as_double() const { return std::get<double>(data); }
  const std::string& as_string() const { return std::get<std::string>(data); }
  const PropertyList& as_list() const { return std::get<PropertyList>(data); }

  bool operator==(const PropertyValue& other) const { return data == other.data; }
  // Total order used by indexes: by kind, then by value (ints and doubles
  // are ordered numerically together).
  bool operator<(const PropertyValue& other) const;
  // Readable form for messages: strings quoted, lists in brackets.
  std::string ToString() const;
};

// Properties of one node or relationship, by key name. A property that is
// absent is simply not in the map (null is never stored).
using PropertyMap = std::map<std::string, PropertyValue>;

// What the record codec stores and reads back (keys::DecodeTaggedValue):
// lists nest at most kMaxListNesting levels, and one value encodes to at
// most kMaxValueBytes. Every write path validates against these before
// writing, so no record is ever written that cannot be decoded.
constexpr int kMaxListNesting = 64;
constexpr size_t kMaxValueBytes = size_t{64} << 20;

// Ok, or kInvalidArgument "property 'key': ..." naming the limit exceeded.
// Recursion is bounded by kMaxListNesting whatever the value's depth.
Status ValidatePropertyValue(const std::string& key, const PropertyValue& value);

}  // namespace ecograph::storage
