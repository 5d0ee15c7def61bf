#include "storage/key_encoding.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace ecograph::storage::keys {

namespace {

constexpr uint8_t kTagNull = 0x05;
constexpr uint8_t kTagBool = 0x10;
constexpr uint8_t kTagNumber = 0x20;
constexpr uint8_t kTagString = 0x30;
constexpr uint8_t kTagList = 0x40;
constexpr uint8_t kListEnd = 0x00;
constexpr int kMaxListDepth = kMaxListNesting;  // see value.h

uint64_t DoubleToOrderedBits(double v) {
  if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
  if (v == 0.0) v = 0.0;  // -0.0 -> +0.0
  uint64_t bits = std::bit_cast<uint64_t>(v);
  if (std::isnan(v)) bits &= ~(uint64_t{1} << 63);  // canonical positive NaN
  if (bits & (uint64_t{1} << 63)) return ~bits;
  return bits | (uint64_t{1} << 63);
}

double OrderedBitsToDouble(uint64_t bits) {
  if (bits & (uint64_t{1} << 63)) {
    bits &= ~(uint64_t{1} << 63);
  } else {
    bits = ~bits;
  }
  return std::bit_cast<double>(bits);
}

// The int16 tiebreak of an int64 against the double it rounds to.
int64_t IntRemainder(int64_t v, double rounded) {
  __int128 exact = static_cast<__int128>(v);
  __int128 approx = static_cast<__int128>(rounded);  // |rounded| <= 2^63: fits
  return static_cast<int64_t>(exact - approx);
}

}  // namespace

void PutBig64(std::string* dst, uint64_t v) {
  char buf[8];
  for (int byte_idx = 7; byte_idx >= 0; --byte_idx) {
    buf[byte_idx] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  dst->append(buf, 8);
}

void PutBig32(std::string* dst, uint32_t v) {
  char buf[4];
  for (int byte_idx = 3; byte_idx >= 0; --byte_idx) {
    buf[byte_idx] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  dst->append(buf, 4);
}

uint64_t GetBig64(const char* p) {
  uint64_t v = 0;
  for (int byte_idx = 0; byte_idx < 8; ++byte_idx) {
    v = (v << 8) | static_cast<uint8_t>(p[byte_idx]);
  }
  return v;
}

uint32_t GetBig32(const char* p) {
  uint32_t v = 0;
  for (int byte_idx = 0; byte_idx < 4; ++byte_idx) {
    v = (v << 8) | static_cast<uint8_t>(p[byte_idx]);
  }
  return v;
}

void PutOrderedInt64(std::string* dst, int64_t v) {
  PutBig64(dst, static_cast<uint64_t>(v) ^ (uint64_t{1} << 63));
}

int64_t GetOrderedInt64(const char* p) {
  return static_cast<int64_t>(GetBig64(p) ^ (uint64_t{1} << 63));
}

void PutOrderedDouble(std::string* dst, double v) { PutBig64(dst, DoubleToOrderedBits(v)); }

double GetOrderedDouble(const char* p) { return OrderedBitsToDouble(GetBig64(p)); }

void PutOrderedString(std::string* dst, std::string_view s) {
  for (char c : s) {
    dst->push_back(c);
    if (c == '\0') dst->push_back('\xFF');
  }
  dst->push_back('\0');
  dst->push_back('\x01');
}

bool GetOrderedString(std::string_view* in, std::string* out) {
  out->clear();
  size_t pos = 0;
  while (pos < in->size()) {
    char c = (*in)[pos];
    if (c != '\0') {
      out->push_back(c);
      ++pos;
      continue;
    }
    if (pos + 1 >= in->size()) return false;
    char next = (*in)[pos + 1];
    if (next == '\xFF') {
      out->push_back('\0');
      pos += 2;
    } else if (next == '\x01') {
      in->remove_prefix(pos + 2);
      return true;
    } else {
      return false;
    }
  }
  return false;
}

// ---- keys -------------------------------------------------------------------

std::string NodeKey(uint64_t node) {
  std::string k(1, kNodePrefix);
  PutBig64(&k, node);
  return k;
}

std::string RelKey(uint64_t rel) {
  std::string k(1, kRelPrefix);
  PutBig64(&k, rel);
  return k;
}

std::string AdjKey(char prefix, uint64_t node, uint32_t type, uint64_t neighbor, uint64_t rel) {
  std::string k;
  k.reserve(kAdjKeySize);
  k.push_back(prefix);
  PutBig64(&k, node);
  PutBig32(&k, type);
  PutBig64(&k, neighbor);
  PutBig64(&k, rel);
  return k;
}

std::string AdjNodePrefix(char prefix, uint64_t node) {
  std::string k(1, prefix);
  PutBig64(&k, node);
  return k;
}

std::string AdjTypePrefix(char prefix, uint64_t node, uint32_t type) {
  std::string k = AdjNodePrefix(prefix, node);
  PutBig32(&k, type);
  return k;
}

bool DecodeAdjKey(std::string_view key, AdjKeyParts* out) {
  if (key.size() != kAdjKeySize) return false;
  if (key[0] != kOutPrefix && key[0] != kInPrefix) return false;
  out->node = GetBig64(key.data() + 1);
  out->type = GetBig32(key.data() + 9);
  out->neighbor = GetBig64(key.data() + 13);
  out->rel = GetBig64(key.data() + 21);
  return true;
}

std::string LabelMemberKey(uint32_t label, uint64_t node) {
  std::string k = LabelMemberPrefix(label);
  PutBig64(&k, node);
  return k;
}

std::string LabelMemberPrefix(uint32_t label) {
  std::string k(1, kLabelMemberPrefix);
  PutBig32(&k, label);
  return k;
}

std::string TypeMemberKey(uint32_t type, uint64_t rel) {
  std::string k = TypeMemberPrefix(type);
  PutBig64(&k, rel);
  return k;
}

std::string TypeMemberPrefix(uint32_t type) {
  std::string k(1, kTypeMemberPrefix);
  PutBig32(&k, type);
  return k;
}

std::string IndexPrefix(uint32_t index) {
  std::string k(1, kIndexPrefix);
  PutBig32(&k, index);
  return k;
}

std::string IndexValuePrefix(uint32_t index, const PropertyValue& value) {
  std::string k = IndexPrefix(index);
  EncodeIndexValue(value, &k);
  return k;
}

std::string IndexKey(uint32_t index, const PropertyValue& value, uint64_t node) {
  std::string k = IndexValuePrefix(index, value);
  PutBig64(&k, node);
  return k;
}

bool DecodeIndexKey(std::string_view key, uint32_t* index, std::string_view* value_bytes,
                    uint64_t* node) {
  if (key.size() < 1 + 4 + 1 + 8 || key[0] != kIndexPrefix) return false;
  *index = GetBig32(key.data() + 1);
  *value_bytes = key.substr(5, key.size() - 5 - 8);
  *node = GetBig64(key.data() + key.size() - 8);
  return true;
}

std::string TokenByNameKey(TokenKind kind, std::string_view name) {
  std::string k(1, kTokenByNamePrefix);
  k.push_back(static_cast<char>(kind));
  k.append(name);
  return k;
}

std::string TokenByIdKey(TokenKind kind, uint32_t id) {
  std::string k = TokenByIdPrefix(kind);
  PutBig32(&k, id);
  return k;
}

std::string TokenByIdPrefix(TokenKind kind) {
  std::string k(1, kTokenByIdPrefix);
  k.push_back(static_cast<char>(kind));
  return k;
}

std::string IndexDefKey(uint32_t label, uint32_t key) {
  std::string k(1, kIndexDefPrefix);
  PutBig32(&k, label);
  PutBig32(&k, key);
  return k;
}

std::string UniqueLockKey(uint32_t index, const PropertyValue& value) {
  std::string k(1, kUniqueLockPrefix);
  PutBig32(&k, index);
  EncodeIndexValue(value, &k);
  return k;
}

std::string CounterKey(CounterKind kind, uint32_t id) {
  std::string k(1, kCounterPrefix);
  k.push_back(static_cast<char>(kind));
  PutBig32(&k, id);
  return k;
}

std::string HighWaterKey(HighWaterKind kind) {
  std::string k(1, kHighWaterPrefix);
  k.push_back(static_cast<char>(kind));
  return k;
}

std::string PrefixSuccessor(std::string s) {
  while (!s.empty()) {
    auto last = static_cast<uint8_t>(s.back());
    if (last != 0xFF) {
      s.back() = static_cast<char>(last + 1);
      return s;
    }
    s.pop_back();
  }
  return s;
}

// ---- index values ------------------------------------------------------------

uint8_t IndexTag(const PropertyValue& value) {
  switch (value.kind()) {
    case ValueKind::kNull:
      return kTagNull;
    case ValueKind::kBool:
      return kTagBool;
    case ValueKind::kInt:
    case ValueKind::kDouble:
      return kTagNumber;
    case ValueKind::kString:
      return kTagString;
    case ValueKind::kList:
      return kTagList;
  }
  return kTagNull;
}

void EncodeIndexValue(const PropertyValue& value, std::string* dst) {
  dst->push_back(static_cast<char>(IndexTag(value)));
  switch (value.kind()) {
    case ValueKind::kNull:
      return;
    case ValueKind::kBool:
      dst->push_back(value.as_bool() ? '\x01' : '\x00');
      return;
    case ValueKind::kInt:
    case ValueKind::kDouble: {
      double rounded;
      int64_t remainder = 0;
      if (value.kind() == ValueKind::kInt) {
        rounded = static_cast<double>(value.as_int());
        remainder = IntRemainder(value.as_int(), rounded);
      } else {
        rounded = value.as_double();
      }
      PutOrderedDouble(dst, rounded);
      auto tiebreak = static_cast<uint16_t>(static_cast<uint16_t>(remainder) ^ 0x8000);
      dst->push_back(static_cast<char>(tiebreak >> 8));
      dst->push_back(static_cast<char>(tiebreak & 0xFF));
      return;
    }
    case ValueKind::kString:
      PutOrderedString(dst, value.as_string());
      return;
    case ValueKind::kList:
      for (const PropertyValue& item : value.as_list()) EncodeIndexValue(item, dst);
      dst->push_back(static_cast<char>(kListEnd));
      return;
  }
}

std::string EncodeIndexValue(const PropertyValue& value) {
  std::string out;
  EncodeIndexValue(value, &out);
  return out;
}

namespace {
bool DecodeIndexValueDepth(std::string_view* in, PropertyValue* out, int depth) {
  if (in->empty() || depth > kMaxListDepth) return false;
  auto tag = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  switch (tag) {
    case kTagNull:
      *out = PropertyValue();
      return true;
    case kTagBool:
      if (in->empty()) return false;
      *out = PropertyValue((*in)[0] != '\0');
      in->remove_prefix(1);
      return true;
    case kTagNumber: {
      if (in->size() < 10) return false;
      double rounded = GetOrderedDouble(in->data());
      uint16_t tiebreak = static_cast<uint16_t>((static_cast<uint8_t>((*in)[8]) << 8) |
                                                static_cast<uint8_t>((*in)[9]));
      auto remainder = static_cast<int16_t>(tiebreak ^ 0x8000);
      in->remove_prefix(10);
      if (remainder == 0) {
        *out = PropertyValue(rounded);
      } else {
        if (!(std::fabs(rounded) <= 9223372036854775808.0)) return false;
        __int128 exact = static_cast<__int128>(rounded) + remainder;
        if (exact > std::numeric_limits<int64_t>::max() ||
            exact < std::numeric_limits<int64_t>::min()) {
          return false;
        }
        *out = PropertyValue(static_cast<int64_t>(exact));
      }
      return true;
    }
    case kTagString: {
      std::string s;
      if (!GetOrderedString(in, &s)) return false;
      *out = PropertyValue(std::move(s));
      return true;
    }
    case kTagList: {
      PropertyList list;
      while (true) {
        if (in->empty()) return false;
        if (static_cast<uint8_t>((*in)[0]) == kListEnd) {
          in->remove_prefix(1);
          break;
        }
        PropertyValue item;
        if (!DecodeIndexValueDepth(in, &item, depth + 1)) return false;
        list.push_back(std::move(item));
      }
      *out = PropertyValue(std::move(list));
      return true;
    }
    default:
      return false;
  }
}
}  // namespace

bool DecodeIndexValue(std::string_view* in, PropertyValue* out) {
  return DecodeIndexValueDepth(in, out, 0);
}

// ---- record values ----------------------------------------------------------

void PutVarint64(std::string* dst, uint64_t v) {
  while (v >= 0x80) {
    dst->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  dst->push_back(static_cast<char>(v));
}

bool GetVarint64(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    auto byte = static_cast<uint8_t>((*in)[0]);
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

void EncodeTaggedValue(const PropertyValue& value, std::string* dst) {
  dst->push_back(static_cast<char>(value.kind()));
  switch (value.kind()) {
    case ValueKind::kNull:
      return;
    case ValueKind::kBool:
      dst->push_back(value.as_bool() ? '\x01' : '\x00');
      return;
    case ValueKind::kInt: {
      auto u = static_cast<uint64_t>(value.as_int());
      PutVarint64(dst, (u << 1) ^ static_cast<uint64_t>(value.as_int() >> 63));
      return;
    }
    case ValueKind::kDouble: {
      uint64_t bits = std::bit_cast<uint64_t>(value.as_double());
      char buf[8];
      for (int byte_idx = 0; byte_idx < 8; ++byte_idx) {
        buf[byte_idx] = static_cast<char>((bits >> (8 * byte_idx)) & 0xFF);
      }
      dst->append(buf, 8);
      return;
    }
    case ValueKind::kString:
      PutVarint64(dst, value.as_string().size());
      dst->append(value.as_string());
      return;
    case ValueKind::kList:
      PutVarint64(dst, value.as_list().size());
      for (const PropertyValue& item : value.as_list()) EncodeTaggedValue(item, dst);
      return;
  }
}

bool DecodeTaggedValue(std::string_view* in, PropertyValue* out, int depth) {
  if (in->empty() || depth > kMaxListDepth) return false;
  auto kind = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  switch (static_cast<ValueKind>(kind)) {
    case ValueKind::kNull:
      *out = PropertyValue();
      return true;
    case ValueKind::kBool:
      if (in->empty()) return false;
      *out = PropertyValue((*in)[0] != '\0');
      in->remove_prefix(1);
      return true;
    case ValueKind::kInt: {
      uint64_t u;
      if (!GetVarint64(in, &u)) return false;
      *out = PropertyValue(static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1)));
      return true;
    }
    case ValueKind::kDouble: {
      if (in->size() < 8) return false;
      uint64_t bits = 0;
      for (int byte_idx = 0; byte_idx < 8; ++byte_idx) {
        bits |= static_cast<uint64_t>(static_cast<uint8_t>((*in)[byte_idx])) << (8 * byte_idx);
      }
      in->remove_prefix(8);
      *out = PropertyValue(std::bit_cast<double>(bits));
      return true;
    }
    case ValueKind::kString: {
      uint64_t len;
      if (!GetVarint64(in, &len) || len > in->size()) return false;
      *out = PropertyValue(std::string(in->substr(0, len)));
      in->remove_prefix(len);
      return true;
    }
    case ValueKind::kList: {
      uint64_t n;
      if (!GetVarint64(in, &n) || n > in->size()) return false;  // >= 1 byte per item
      PropertyList list;
      list.reserve(n);
      for (uint64_t item_idx = 0; item_idx < n; ++item_idx) {
        PropertyValue item;
        if (!DecodeTaggedValue(in, &item, depth + 1)) return false;
        list.push_back(std::move(item));
      }
      *out = PropertyValue(std::move(list));
      return true;
    }
  }
  return false;
}

namespace {
void EncodeProperties(const EncodedProperties& props, std::string* dst) {
  PutVarint64(dst, props.size());
  for (const auto& [key, value] : props) {
    PutVarint64(dst, key);
    EncodeTaggedValue(value, dst);
  }
}

bool DecodeProperties(std::string_view* in, EncodedProperties* out) {
  uint64_t n;
  if (!GetVarint64(in, &n) || n > in->size()) return false;
  out->clear();
  out->reserve(n);
  for (uint64_t prop_idx = 0; prop_idx < n; ++prop_idx) {
    uint64_t key;
    if (!GetVarint64(in, &key) || key > std::numeric_limits<uint32_t>::max()) return false;
    PropertyValue value;
    if (!DecodeTaggedValue(in, &value)) return false;
    out->emplace_back(static_cast<uint32_t>(key), std::move(value));
  }
  return in->empty();
}
}  // namespace

std::string EncodeNodeValue(const NodeValue& node) {
  std::string out;
  PutVarint64(&out, node.labels.size());
  for (uint32_t label : node.labels) PutVarint64(&out, label);
  EncodeProperties(node.properties, &out);
  return out;
}

bool DecodeNodeValue(std::string_view in, NodeValue* out) {
  uint64_t n;
  if (!GetVarint64(&in, &n) || n > in.size()) return false;
  out->labels.clear();
  for (uint64_t label_idx = 0; label_idx < n; ++label_idx) {
    uint64_t label;
    if (!GetVarint64(&in, &label) || label > std::numeric_limits<uint32_t>::max()) return false;
    out->labels.push_back(static_cast<uint32_t>(label));
  }
  return DecodeProperties(&in, &out->properties);
}

std::string EncodeRelValue(const RelValue& rel) {
  std::string out;
  PutVarint64(&out, rel.src);
  PutVarint64(&out, rel.dst);
  PutVarint64(&out, rel.type);
  EncodeProperties(rel.properties, &out);
  return out;
}

bool DecodeRelValue(std::string_view in, RelValue* out, bool header_only) {
  uint64_t type;
  if (!GetVarint64(&in, &out->src) || !GetVarint64(&in, &out->dst) || !GetVarint64(&in, &type) ||
      type > std::numeric_limits<uint32_t>::max()) {
    return false;
  }
  out->type = static_cast<uint32_t>(type);
  out->properties.clear();
  if (header_only) return true;
  return DecodeProperties(&in, &out->properties);
}

std::string EncodeCounter(int64_t v) {
  std::string out(8, '\0');
  auto u = static_cast<uint64_t>(v);
  for (int byte_idx = 0; byte_idx < 8; ++byte_idx) {
    out[byte_idx] = static_cast<char>((u >> (8 * byte_idx)) & 0xFF);
  }
  return out;
}

int64_t DecodeCounter(std::string_view v) {
  if (v.size() != 8) return 0;
  uint64_t u = 0;
  for (int byte_idx = 0; byte_idx < 8; ++byte_idx) {
    u |= static_cast<uint64_t>(static_cast<uint8_t>(v[byte_idx])) << (8 * byte_idx);
  }
  return static_cast<int64_t>(u);
}

}  // namespace ecograph::storage::keys
