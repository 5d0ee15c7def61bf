#include "query/physical/operators.h"

namespace ecograph::query {

bool SingleRowOperator::NextImpl(ExecContext&, Row* row) {
  if (done_) return false;
  done_ = true;
  for (Slot& slot : *row) slot = Slot();
  return true;
}

bool ArgumentOperator::NextImpl(ExecContext&, Row* row) {
  if (done_ || argument_ == nullptr) return false;
  done_ = true;
  *row = *argument_;
  return true;
}

}  // namespace ecograph::query
