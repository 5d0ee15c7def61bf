#include "query/physical/operators.h"

namespace ecograph::query {

UnwindOperator::UnwindOperator(OperatorPtr child, BoundExprPtr list, int slot, std::string alias)
    : list_(std::move(list)), slot_(slot), alias_(std::move(alias)) {
  children_.push_back(std::move(child));
}

bool UnwindOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (true) {
    if (active_) {
      if (current_.type() == ValueType::kList && next_ < current_.as_list().size()) {
        Slot slot;
        slot.value = current_.as_list()[next_++];
        (*row)[slot_] = std::move(slot);
        ctx.Tick();
        return true;
      }
      if (current_.type() != ValueType::kList && next_ == 0 && !current_.is_null()) {
        ++next_;
        Slot slot;
        slot.value = current_;
        (*row)[slot_] = std::move(slot);
        return true;
      }
      active_ = false;
    }
    if (!child()->Next(ctx, row)) return false;
    current_ = Evaluate(*list_, *row, ctx);
    next_ = 0;
    active_ = true;
  }
}

}  // namespace ecograph::query
