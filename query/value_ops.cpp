#include "query/value_ops.h"

#include <cmath>
#include <functional>

namespace ecograph::query {

namespace {

bool IsNumber(const Value& v) { return v.type() == ValueType::kInt || v.type() == ValueType::kFloat; }

// Compares two numbers exactly (int64 vs double without precision loss).
int CompareNumbers(const Value& a, const Value& b) {
  if (a.type() == ValueType::kInt && b.type() == ValueType::kInt) {
    return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  }
  if (a.type() == ValueType::kFloat && b.type() == ValueType::kFloat) {
    double x = a.as_float(), y = b.as_float();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  bool swapped = a.type() == ValueType::kFloat;
  int64_t i = swapped ? b.as_int() : a.as_int();
  double d = swapped ? a.as_float() : b.as_float();
  int result;
  if (d >= 9223372036854775808.0) {  // 2^63: above every int64
    result = -1;
  } else if (d < -9223372036854775808.0) {
    result = 1;
  } else {
    double truncated = std::trunc(d);
    int64_t whole = static_cast<int64_t>(truncated);
    if (i < whole) result = -1;
    else if (i > whole) result = 1;
    else result = d > truncated ? -1 : (d < truncated ? 1 : 0);
  }
  return swapped ? -result : result;
}

bool IsNaN(const Value& v) { return v.type() == ValueType::kFloat && std::isnan(v.as_float()); }

int OrderRank(const Value& v) {
  switch (v.type()) {
    case ValueType::kMap: return 0;
    case ValueType::kNode: return 1;
    case ValueType::kRel: return 2;
    case ValueType::kList: return 3;
    case ValueType::kPath: return 4;
    case ValueType::kString: return 5;
    case ValueType::kBool: return 6;
    case ValueType::kInt:
    case ValueType::kFloat: return 7;
    case ValueType::kNull: return 8;
  }
  return 9;
}

}  // namespace

std::optional<bool> CypherEquals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (IsNumber(a) && IsNumber(b)) {
    if (IsNaN(a) || IsNaN(b)) return false;
    return CompareNumbers(a, b) == 0;
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case ValueType::kBool: return a.as_bool() == b.as_bool();
    case ValueType::kString: return a.as_string() == b.as_string();
    case ValueType::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      if (x.size() != y.size()) return false;
      bool unknown = false;
      for (size_t idx = 0; idx < x.size(); ++idx) {
        auto eq = CypherEquals(x[idx], y[idx]);
        if (!eq.has_value()) unknown = true;
        else if (!*eq) return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    case ValueType::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      if (x.size() != y.size()) return false;
      bool unknown = false;
      for (auto xi = x.begin(), yi = y.begin(); xi != x.end(); ++xi, ++yi) {
        if (xi->first != yi->first) return false;
      }
      for (auto xi = x.begin(), yi = y.begin(); xi != x.end(); ++xi, ++yi) {
        auto eq = CypherEquals(xi->second, yi->second);
        if (!eq.has_value()) unknown = true;
        else if (!*eq) return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    case ValueType::kNode: return a.as_node().id == b.as_node().id;
    case ValueType::kRel: return a.as_rel().id == b.as_rel().id;
    case ValueType::kPath: {
      const auto& x = a.as_path();
      const auto& y = b.as_path();
      if (x.nodes.size() != y.nodes.size()) return false;
      for (size_t idx = 0; idx < x.nodes.size(); ++idx) {
        if (x.nodes[idx].id != y.nodes[idx].id) return false;
      }
      for (size_t idx = 0; idx < x.rels.size(); ++idx) {
        if (x.rels[idx].id != y.rels[idx].id) return false;
      }
      return true;
    }
    default: return false;
  }
}

std::optional<int> CypherCompare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (IsNumber(a) && IsNumber(b)) {
    if (IsNaN(a) || IsNaN(b)) return std::nullopt;
    return CompareNumbers(a, b);
  }
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case ValueType::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueType::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case ValueType::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t idx = 0; idx < x.size() && idx < y.size(); ++idx) {
        auto c = CypherCompare(x[idx], y[idx]);
        if (!c.has_value()) return std::nullopt;
        if (*c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    default: return std::nullopt;
  }
}

int OrderCompare(const Value& a, const Value& b) {
  int ra = OrderRank(a), rb = OrderRank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type()) {
    case ValueType::kNull: return 0;
    case ValueType::kInt:
    case ValueType::kFloat: {
      bool na = IsNaN(a), nb = IsNaN(b);
      if (na || nb) return na == nb ? 0 : (na ? 1 : -1);  // NaN after numbers
      return CompareNumbers(a, b);
    }
    case ValueType::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueType::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case ValueType::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t idx = 0; idx < x.size() && idx < y.size(); ++idx) {
        int c = OrderCompare(x[idx], y[idx]);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case ValueType::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      auto xi = x.begin();
      auto yi = y.begin();
      for (; xi != x.end() && yi != y.end(); ++xi, ++yi) {
        int c = xi->first.compare(yi->first);
        if (c != 0) return c < 0 ? -1 : 1;
        c = OrderCompare(xi->second, yi->second);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case ValueType::kNode: {
      auto x = a.as_node().id, y = b.as_node().id;
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case ValueType::kRel: {
      auto x = a.as_rel().id, y = b.as_rel().id;
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case ValueType::kPath: {
      const auto& x = a.as_path();
      const auto& y = b.as_path();
      for (size_t idx = 0; idx < x.nodes.size() && idx < y.nodes.size(); ++idx) {
        if (x.nodes[idx].id != y.nodes[idx].id) return x.nodes[idx].id < y.nodes[idx].id ? -1 : 1;
      }
      return x.nodes.size() < y.nodes.size() ? -1 : (x.nodes.size() > y.nodes.size() ? 1 : 0);
    }
  }
  return 0;
}

bool GroupEquals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (IsNumber(a) && IsNumber(b)) {
    if (IsNaN(a) || IsNaN(b)) return IsNaN(a) && IsNaN(b);
    return CompareNumbers(a, b) == 0;
  }
  if (a.type() != b.type()) return false;
  if (a.type() == ValueType::kList) {
    const auto& x = a.as_list();
    const auto& y = b.as_list();
    if (x.size() != y.size()) return false;
    for (size_t idx = 0; idx < x.size(); ++idx) {
      if (!GroupEquals(x[idx], y[idx])) return false;
    }
    return true;
  }
  if (a.type() == ValueType::kMap) {
    const auto& x = a.as_map();
    const auto& y = b.as_map();
    if (x.size() != y.size()) return false;
    for (auto xi = x.begin(), yi = y.begin(); xi != x.end(); ++xi, ++yi) {
      if (xi->first != yi->first || !GroupEquals(xi->second, yi->second)) return false;
    }
    return true;
  }
  auto eq = CypherEquals(a, b);
  return eq.value_or(false);
}

size_t GroupHash(const Value& v) {
  switch (v.type()) {
    case ValueType::kNull: return 0x51;
    case ValueType::kBool: return v.as_bool() ? 0x71 : 0x73;
    case ValueType::kInt: return std::hash<double>()(static_cast<double>(v.as_int()));
    case ValueType::kFloat: return std::isnan(v.as_float()) ? 0x7ff : std::hash<double>()(v.as_float());
    case ValueType::kString: return std::hash<std::string>()(v.as_string());
    case ValueType::kList: {
      size_t h = 0x11;
      for (const auto& item : v.as_list()) h = h * 31 + GroupHash(item);
      return h;
    }
    case ValueType::kMap: {
      size_t h = 0x13;
      for (const auto& [key, item] : v.as_map()) {
        h = h * 31 + std::hash<std::string>()(key);
        h = h * 31 + GroupHash(item);
      }
      return h;
    }
    case ValueType::kNode: return std::hash<uint64_t>()(v.as_node().id) * 3 + 1;
    case ValueType::kRel: return std::hash<uint64_t>()(v.as_rel().id) * 3 + 2;
    case ValueType::kPath: {
      size_t h = 0x17;
      for (const auto& node : v.as_path().nodes) h = h * 31 + node.id;
      for (const auto& rel : v.as_path().rels) h = h * 37 + rel.id;
      return h;
    }
  }
  return 0;
}

Slot KeySlot(const Slot& slot) {
  if (slot.kind != Slot::Kind::kValue) return slot;
  if (slot.value.type() == ValueType::kNode) return Slot::NodeRef(slot.value.as_node().id);
  if (slot.value.type() == ValueType::kRel) {
    Slot key;
    key.kind = Slot::Kind::kRel;
    key.id = slot.value.as_rel().id;
    key.src = slot.value.as_rel().src;
    key.dst = slot.value.as_rel().dst;
    return key;
  }
  return slot;
}

bool SlotGroupEquals(const Slot& a, const Slot& b) {
  if (a.kind != Slot::Kind::kValue || b.kind != Slot::Kind::kValue) {
    Slot x = KeySlot(a), y = KeySlot(b);
    return x.kind == y.kind && x.id == y.id;
  }
  return GroupEquals(a.value, b.value);
}

size_t SlotGroupHash(const Slot& s) {
  switch (s.kind) {
    case Slot::Kind::kNode: return std::hash<uint64_t>()(s.id) * 3 + 1;
    case Slot::Kind::kRel: return std::hash<uint64_t>()(s.id) * 3 + 2;
    case Slot::Kind::kValue: return GroupHash(s.value);
  }
  return 0;
}

}  // namespace ecograph::query
