#include "query/physical/operators.h"

namespace ecograph::query {

UnionOperator::UnionOperator(std::vector<OperatorPtr> children,
                             std::vector<std::vector<int>> child_slots, std::vector<int> output_slots)
    : child_slots_(std::move(child_slots)), output_slots_(std::move(output_slots)) {
  children_ = std::move(children);
}

void UnionOperator::Open(ExecContext& ctx) {
  current_ = 0;
  opened_current_ = false;
  (void)ctx;
}

bool UnionOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (current_ < children_.size()) {
    if (!opened_current_) {
      children_[current_]->Open(ctx);
      opened_current_ = true;
    }
    if (children_[current_]->Next(ctx, row)) {
      const auto& from = child_slots_[current_];
      std::vector<Slot> values;
      values.reserve(from.size());
      for (int slot : from) values.push_back((*row)[slot]);
      for (size_t idx = 0; idx < output_slots_.size(); ++idx) (*row)[output_slots_[idx]] = std::move(values[idx]);
      return true;
    }
    ++current_;
    opened_current_ = false;
  }
  return false;
}

}  // namespace ecograph::query
