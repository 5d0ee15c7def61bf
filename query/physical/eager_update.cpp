#include "query/physical/operators.h"

namespace ecograph::query {

void EagerUpdateOperator::Open(ExecContext& ctx) {
  Operator::Open(ctx);
  rows_.clear();
  next_ = 0;
  done_ = false;
}

bool EagerUpdateOperator::NextImpl(ExecContext& ctx, Row* row) {
  if (!done_) {
    done_ = true;
    // Read everything before writing, so a clause never sees its own writes.
    while (child()->Next(ctx, row)) {
      rows_.push_back(*row);
      ctx.CheckRowCount(rows_.size(), "update input");
      ctx.ChargeMemory(ApproxBytes(*row), "update input");
    }
    for (Row& buffered : rows_) {
      ctx.Tick();
      Apply(ctx, &buffered);
    }
    Finish(ctx);
    ctx.InvalidateCaches();
  }
  if (next_ >= rows_.size()) return false;
  *row = std::move(rows_[next_++]);
  return true;
}

}  // namespace ecograph::query
