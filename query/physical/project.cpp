#include "query/physical/operators.h"

namespace ecograph::query {

ProjectOperator::ProjectOperator(OperatorPtr child, std::vector<ProjectItem> items)
    : items_(std::move(items)) {
  children_.push_back(std::move(child));
}

std::string ProjectOperator::Describe() const {
  std::string out = "Projection(";
  for (size_t idx = 0; idx < items_.size(); ++idx) out += (idx ? ", " : "") + items_[idx].name;
  return out + ")";
}

bool ProjectOperator::NextImpl(ExecContext& ctx, Row* row) {
  if (!child()->Next(ctx, row)) return false;
  // Evaluate all items before writing any: an item may read a slot another
  // item overwrites (WITH a AS b, b AS a).
  scratch_.resize(items_.size());
  for (size_t idx = 0; idx < items_.size(); ++idx) {
    scratch_[idx] = EvaluateToSlot(*items_[idx].expr, *row, ctx);
  }
  for (size_t idx = 0; idx < items_.size(); ++idx) (*row)[items_[idx].slot] = std::move(scratch_[idx]);
  return true;
}

}  // namespace ecograph::query
