#include "query/physical/operators.h"

namespace ecograph::query {

Slot RelSlotOf(uint64_t scanned, const Neighbor& entry) {
  Slot rel;
  rel.kind = Slot::Kind::kRel;
  rel.id = entry.rel;
  rel.src = entry.outgoing ? scanned : entry.node;
  rel.dst = entry.outgoing ? entry.node : scanned;
  rel.type = entry.type;
  return rel;
}

bool EdgeFilter::Passes(ExecContext& ctx, Row* row, uint64_t scanned, const Neighbor& entry) const {
  (*row)[slot] = RelSlotOf(scanned, entry);
  for (const auto& check : checks) {
    if (!EvaluatePredicate(*check, *row, ctx)) return false;
  }
  return true;
}

}  // namespace ecograph::query
