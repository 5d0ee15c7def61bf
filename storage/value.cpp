#include "storage/value.h"

#include <cmath>
#include <cstdio>

namespace ecograph::storage {

namespace {
bool IsNumber(const PropertyValue& v) {
  return v.kind() == ValueKind::kInt || v.kind() == ValueKind::kDouble;
}
double AsNumber(const PropertyValue& v) {
  return v.kind() == ValueKind::kInt ? static_cast<double>(v.as_int()) : v.as_double();
}
}  // namespace

namespace {
// Encoded size of `value` (an upper bound of the tagged encoding), or
// nullopt-like -1 when lists nest deeper than kMaxListNesting below `depth`.
int64_t BoundedSize(const PropertyValue& value, int depth) {
  if (value.kind() == ValueKind::kString) return 11 + static_cast<int64_t>(value.as_string().size());
  if (value.kind() != ValueKind::kList) return 10;
  if (depth >= kMaxListNesting) return -1;
  int64_t total = 11;
  for (const PropertyValue& item : value.as_list()) {
    int64_t item_size = BoundedSize(item, depth + 1);
    if (item_size < 0) return -1;
    total += item_size;
  }
  return total;
}
}  // namespace

Status ValidatePropertyValue(const std::string& key, const PropertyValue& value) {
  int64_t size = BoundedSize(value, 0);
  if (size < 0) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "property '" + key + "': lists nested more than " +
                             std::to_string(kMaxListNesting) + " levels deep cannot be stored");
  }
  if (static_cast<uint64_t>(size) > kMaxValueBytes) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "property '" + key + "': value of about " + std::to_string(size) +
                             " bytes is larger than the " + std::to_string(kMaxValueBytes >> 20) +
                             " MiB a property can hold");
  }
  return Status::Ok();
}

bool PropertyValue::operator<(const PropertyValue& other) const {
  if (IsNumber(*this) && IsNumber(other)) {
    if (kind() == ValueKind::kInt && other.kind() == ValueKind::kInt) {
      return as_int() < other.as_int();
    }
    return AsNumber(*this) < AsNumber(other);
  }
  if (kind() != other.kind()) return kind() < other.kind();
  return data < other.data;
}

std::string PropertyValue::ToString() const {
  switch (kind()) {
    case ValueKind::kNull: return "null";
    case ValueKind::kBool: return as_bool() ? "true" : "false";
    case ValueKind::kInt: return std::to_string(as_int());
    case ValueKind::kDouble: {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.17g", as_double());
      return buf;
    }
    case ValueKind::kString: return "'" + as_string() + "'";
    case ValueKind::kList: {
      std::string out = "[";
      for (size_t item_idx = 0; item_idx < as_list().size(); ++item_idx) {
        if (item_idx > 0) out += ", ";
        out += as_list()[item_idx].ToString();
      }
      return out + "]";
    }
  }
  return "?";
}

}  // namespace ecograph::storage
