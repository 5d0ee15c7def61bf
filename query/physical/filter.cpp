#include "query/physical/operators.h"

namespace ecograph::query {

FilterOperator::FilterOperator(OperatorPtr child, std::vector<BoundExprPtr> predicates,
                               std::string text)
    : predicates_(std::move(predicates)), text_(std::move(text)) {
  children_.push_back(std::move(child));
}

bool FilterOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (child()->Next(ctx, row)) {
    ctx.Tick();
    bool pass = true;
    for (const auto& predicate : predicates_) {
      if (!EvaluatePredicate(*predicate, *row, ctx)) {
        pass = false;
        break;
      }
    }
    if (pass) return true;
  }
  return false;
}

}  // namespace ecograph::query
