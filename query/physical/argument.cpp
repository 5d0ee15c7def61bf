#include <algorithm>

#include "query/physical/operators.h"

namespace ecograph::query {

bool SingleRowOperator::NextImpl(ExecContext&, Row* row) {
  if (done_) return false;
  done_ = true;
  size_t end = end_slot_ < 0 ? row->size() : std::min(row->size(), static_cast<size_t>(end_slot_));
  for (size_t slot_idx = static_cast<size_t>(first_slot_); slot_idx < end; ++slot_idx) (*row)[slot_idx] = Slot();
  return true;
}

bool ArgumentOperator::NextImpl(ExecContext&, Row* row) {
  if (done_ || argument_ == nullptr) return false;
  done_ = true;
  *row = *argument_;
  return true;
}

}  // namespace ecograph::query
