#pragma once
// Byte layouts of everything ecograph persists in RocksDB. Internal to
// storage/: nothing outside this module builds or parses a key.
//
// Column families and key families (a prefix byte per family, so a key names
// its family even in a dump). Ids are big-endian fixed width, so byte order
// equals numeric order. NodeId/RelId: 8 bytes; label/type/key/index ids:
// 4 bytes (catalog ids start at 1; 0 is never assigned).
//
//   CF "nodes"    'n' node                          -> NodeValue
//   CF "rels"     'r' rel                           -> RelValue
//   CF "adj_out"  'o' src  type dst  rel            -> ""
//   CF "adj_in"   'i' dst  type src  rel            -> ""
//   CF "members"  'l' label node                    -> ""   (label membership)
//                 't' type  rel                     -> ""   (rels by type)
//   CF "index"    'x' index EncodedIndexValue node  -> ""
//   CF "catalog"  'M'                               -> kMagic
//                 'V'                               -> format version (4 BE)
//                 'K' kind name                     -> id (4 BE)
//                 'k' kind id                       -> name
//                 'D' label key                     -> index id (4 BE), unique (1)
//                 'S' / 'U' index EncodedIndexValue -> never written; lock
//                                                      keys for schema changes
//                                                      and unique values
//   CF "counters" 'C' kind id                       -> int64 (8 LE); merge = add
//                 'H' kind                          -> uint64 (8 LE); merge = max
//                 Counters are only ever read with point lookups.
//
// Index values (EncodedIndexValue) are order preserving: byte order of the
// encodings equals PropertyValue::operator< (ints and doubles compare
// numerically together), and no encoding is a proper prefix of another.
//   bool    0x10 then 0x00/0x01
//   number  0x20 then 8 bytes: the value as a double with the sign-flip
//           trick (positive: flip the sign bit; negative: flip all bits), then
//           2 bytes: (value - double(value)) as int16 with the sign bit
//           flipped. The tiebreak is 0 for doubles and for ints that a double
//           holds exactly; it orders the int64s above 2^53 that round to the
//           same double. So 1 and 1.0 encode identically (equal in an index).
//           -0.0 is encoded as 0.0. Every NaN is encoded as one canonical
//           positive NaN and sorts after +infinity.
//   string  0x30 then the bytes with 0x00 escaped as 0x00 0xFF, then 0x00 0x01
//   list    0x40 then each element's encoding, then 0x00 (sorts before any
//           element tag, so a list sorts before its extensions)
//   null    0x05 (only inside lists; null properties are never stored)
//
// Record values (NodeValue / RelValue) are compact, not ordered:
//   NodeValue = varint nlabels, varint label id * nlabels, Properties
//   RelValue  = varint src, varint dst, varint type id, Properties
//   Properties = varint n, (varint key id, TaggedValue) * n
//   TaggedValue = ValueKind byte, then: bool 1 byte; int zigzag varint;
//                 double 8 bytes LE; string varint len + bytes;
//                 list varint n + TaggedValue * n.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/value.h"

namespace ecograph::storage::keys {

constexpr char kNodePrefix = 'n';
constexpr char kRelPrefix = 'r';
constexpr char kOutPrefix = 'o';
constexpr char kInPrefix = 'i';
constexpr char kLabelMemberPrefix = 'l';
constexpr char kTypeMemberPrefix = 't';
constexpr char kIndexPrefix = 'x';
constexpr char kMagicKey = 'M';
constexpr char kVersionKey = 'V';
constexpr char kTokenByNamePrefix = 'K';
constexpr char kTokenByIdPrefix = 'k';
constexpr char kIndexDefPrefix = 'D';
constexpr char kSchemaLockKey = 'S';
constexpr char kUniqueLockPrefix = 'U';
constexpr char kCounterPrefix = 'C';
constexpr char kHighWaterPrefix = 'H';

constexpr std::string_view kMagic = "ecograph-database";

// Catalog token kinds. Never renumber: persisted.
enum class TokenKind : uint8_t { kLabel = 1, kRelType = 2, kPropertyKey = 3, kIndex = 4 };

// Counter kinds. Never renumber: persisted.
enum class CounterKind : uint8_t { kNodes = 1, kRels = 2, kLabel = 3, kRelType = 4 };

// High-water kinds. Never renumber: persisted.
enum class HighWaterKind : uint8_t { kNodeId = 1, kRelId = 2 };

// ---- fixed-width primitives ------------------------------------------------
void PutBig64(std::string* dst, uint64_t v);
void PutBig32(std::string* dst, uint32_t v);
// REQUIRES: at least 8 (4) bytes at p.
uint64_t GetBig64(const char* p);
uint32_t GetBig32(const char* p);
// Order-preserving int64 (sign bit flipped, big-endian).
void PutOrderedInt64(std::string* dst, int64_t v);
int64_t GetOrderedInt64(const char* p);
// Order-preserving double (sign-flip trick). -0.0 and NaN are canonicalized
// (see the file comment) so the bytes order numerically.
void PutOrderedDouble(std::string* dst, double v);
double GetOrderedDouble(const char* p);
// Escaped string with terminator; returns false on malformed input.
void PutOrderedString(std::string* dst, std::string_view s);
bool GetOrderedString(std::string_view* in, std::string* out);

// ---- keys -------------------------------------------------------------------
std::string NodeKey(uint64_t node);
std::string RelKey(uint64_t rel);
// prefix is kOutPrefix or kInPrefix.
std::string AdjKey(char prefix, uint64_t node, uint32_t type, uint64_t neighbor, uint64_t rel);
std::string AdjNodePrefix(char prefix, uint64_t node);
std::string AdjTypePrefix(char prefix, uint64_t node, uint32_t type);
constexpr size_t kAdjKeySize = 1 + 8 + 4 + 8 + 8;
constexpr size_t kAdjNodePrefixSize = 1 + 8;
struct AdjKeyParts {
  uint64_t node = 0;
  uint32_t type = 0;
  uint64_t neighbor = 0;
  uint64_t rel = 0;
};
bool DecodeAdjKey(std::string_view key, AdjKeyParts* out);

std::string LabelMemberKey(uint32_t label, uint64_t node);
std::string LabelMemberPrefix(uint32_t label);
std::string TypeMemberKey(uint32_t type, uint64_t rel);
std::string TypeMemberPrefix(uint32_t type);

// Index keys: 'x' index value node.
std::string IndexPrefix(uint32_t index);
std::string IndexValuePrefix(uint32_t index, const PropertyValue& value);
std::string IndexKey(uint32_t index, const PropertyValue& value, uint64_t node);
// Splits an index key; `value_bytes` is the EncodedIndexValue.
bool DecodeIndexKey(std::string_view key, uint32_t* index, std::string_view* value_bytes,
                    uint64_t* node);

std::string TokenByNameKey(TokenKind kind, std::string_view name);
std::string TokenByIdKey(TokenKind kind, uint32_t id);
std::string TokenByIdPrefix(TokenKind kind);
std::string IndexDefKey(uint32_t label, uint32_t key);
std::string UniqueLockKey(uint32_t index, const PropertyValue& value);
std::string CounterKey(CounterKind kind, uint32_t id = 0);
std::string HighWaterKey(HighWaterKind kind);

// Smallest string greater than every string with prefix `s`; empty when
// there is none (s is all 0xFF).
std::string PrefixSuccessor(std::string s);

// ---- index values ------------------------------------------------------------
void EncodeIndexValue(const PropertyValue& value, std::string* dst);
std::string EncodeIndexValue(const PropertyValue& value);
// Decodes one EncodedIndexValue from the front of *in. Numbers decode as a
// double, or as an int when the tiebreak is non-zero (the encoding does not
// keep the int/double distinction otherwise). Returns false on bad bytes.
bool DecodeIndexValue(std::string_view* in, PropertyValue* out);
// The tag bytes of EncodedIndexValue; a one-sided range scan stays within
// the tag group of its bound.
uint8_t IndexTag(const PropertyValue& value);

// ---- record values ----------------------------------------------------------
void PutVarint64(std::string* dst, uint64_t v);
bool GetVarint64(std::string_view* in, uint64_t* v);

// Properties keyed by catalog key id.
using EncodedProperties = std::vector<std::pair<uint32_t, PropertyValue>>;

void EncodeTaggedValue(const PropertyValue& value, std::string* dst);
bool DecodeTaggedValue(std::string_view* in, PropertyValue* out, int depth = 0);

struct NodeValue {
  std::vector<uint32_t> labels;  // label ids
  EncodedProperties properties;  // sorted by key id
};
std::string EncodeNodeValue(const NodeValue& node);
bool DecodeNodeValue(std::string_view in, NodeValue* out);

struct RelValue {
  uint64_t src = 0;
  uint64_t dst = 0;
  uint32_t type = 0;
  EncodedProperties properties;  // sorted by key id
};
std::string EncodeRelValue(const RelValue& rel);
// header_only: skip the properties.
bool DecodeRelValue(std::string_view in, RelValue* out, bool header_only = false);

// Fixed 8-byte little-endian int64 used by counters.
std::string EncodeCounter(int64_t v);
int64_t DecodeCounter(std::string_view v);

}  // namespace ecograph::storage::keys
