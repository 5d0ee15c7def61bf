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
