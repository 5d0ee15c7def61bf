#include "query/physical/operators.h"

namespace ecograph::query {

OptionalOperator::OptionalOperator(OperatorPtr child, std::shared_ptr<PatternPlan> inner,
                                   std::vector<int> new_slots)
    : inner_(std::move(inner)), new_slots_(std::move(new_slots)) {
  children_.push_back(std::move(child));
}

bool OptionalOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (true) {
    if (active_) {
      if (inner_->root->Next(ctx, row)) {
        matched_ = true;
        return true;
      }
      active_ = false;
      if (!matched_) {
        *row = input_;
        for (int slot : new_slots_) (*row)[slot] = Slot();
        return true;
      }
    }
    if (!child()->Next(ctx, row)) return false;
    input_ = *row;
    inner_->argument->SetArgument(&input_);
    inner_->root->Open(ctx);
    active_ = true;
    matched_ = false;
  }
}

}  // namespace ecograph::query
