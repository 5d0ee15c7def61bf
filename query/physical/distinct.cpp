#include "query/physical/operators.h"

namespace ecograph::query {

DistinctOperator::DistinctOperator(OperatorPtr child, std::vector<int> slots) : slots_(std::move(slots)) {
  children_.push_back(std::move(child));
}

void DistinctOperator::Open(ExecContext& ctx) {
  Operator::Open(ctx);
  seen_.clear();
}

bool DistinctOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (child()->Next(ctx, row)) {
    std::vector<Slot> key;
    key.reserve(slots_.size());
    for (int slot : slots_) key.push_back(KeySlot((*row)[slot]));
    if (seen_.insert(std::move(key)).second) {
      ctx.CheckRowCount(seen_.size(), "DISTINCT");
      uint64_t bytes = 32;
      for (int slot : slots_) bytes += sizeof(Slot) + ApproxBytes((*row)[slot].value);
      ctx.ChargeMemory(bytes, "DISTINCT");
      return true;
    }
  }
  return false;
}

}  // namespace ecograph::query
