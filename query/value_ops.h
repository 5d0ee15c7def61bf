#pragma once
// openCypher comparison, equality, ordering and grouping of runtime values.
#include <cstddef>
#include <optional>

#include "query/execution_context.h"
#include "query/value.h"

namespace ecograph::query {

// `a = b`: nullopt (null) when either side is null or the comparison is
// undefined; lists and maps compare element-wise; 1 = 1.0.
std::optional<bool> CypherEquals(const Value& a, const Value& b);
// `a < b` and friends: sign of the comparison, or nullopt when the values
// are not comparable (null, mixed types, NaN).
std::optional<int> CypherCompare(const Value& a, const Value& b);
// Total order of ORDER BY (openCypher orderability): map < node <
// relationship < list < path < string < boolean < number < null.
int OrderCompare(const Value& a, const Value& b);
// Grouping/DISTINCT equivalence: null equals null, 1 equals 1.0.
bool GroupEquals(const Value& a, const Value& b);
size_t GroupHash(const Value& v);

// Slot-level versions: entity references compare and hash by id without
// touching the store; a materialized node equals the reference to it.
bool SlotGroupEquals(const Slot& a, const Slot& b);
size_t SlotGroupHash(const Slot& s);

struct SlotVectorHash {
  size_t operator()(const std::vector<Slot>& key) const {
    size_t h = 0x9e3779b97f4a7c15ULL;
    for (const Slot& slot : key) h = h * 1000003 ^ SlotGroupHash(slot);
    return h;
  }
};
struct SlotVectorEq {
  bool operator()(const std::vector<Slot>& a, const std::vector<Slot>& b) const {
    if (a.size() != b.size()) return false;
    for (size_t idx = 0; idx < a.size(); ++idx) {
      if (!SlotGroupEquals(a[idx], b[idx])) return false;
    }
    return true;
  }
};

// Normalizes a value used as a grouping key: nodes and relationships become
// id references.
Slot KeySlot(const Slot& slot);

}  // namespace ecograph::query
