#include "query/physical/operators.h"

namespace ecograph::query {

namespace {
int64_t CountArgument(ExecContext& ctx, const BoundExprPtr& expr, const char* what, const Row& row) {
  Value v = Evaluate(*expr, row, ctx);
  if (v.type() != ValueType::kInt || v.as_int() < 0) {
    throw QueryError(ErrorKind::kSemantic,
                     std::string(what) + " must be a non-negative integer, got " + v.ToDisplayString(),
                     expr->span);
  }
  return v.as_int();
}
}  // namespace

int64_t EvaluateCount(ExecContext& ctx, const BoundExprPtr& expr, const char* what, const Row& row) {
  return CountArgument(ctx, expr, what, row);
}

SkipLimitOperator::SkipLimitOperator(OperatorPtr child, BoundExprPtr skip, BoundExprPtr limit)
    : skip_(std::move(skip)), limit_(std::move(limit)) {
  children_.push_back(std::move(child));
}

std::string SkipLimitOperator::Describe() const {
  if (skip_ && limit_) return "Skip+Limit";
  return skip_ ? "Skip" : "Limit";
}

void SkipLimitOperator::Open(ExecContext& ctx) {
  Operator::Open(ctx);
  started_ = false;
}

bool SkipLimitOperator::NextImpl(ExecContext& ctx, Row* row) {
  if (!started_) {
    started_ = true;
    Row empty(row->size());
    remaining_ = limit_ ? CountArgument(ctx, limit_, "LIMIT", empty) : -1;
    int64_t skip = skip_ ? CountArgument(ctx, skip_, "SKIP", empty) : 0;
    if (remaining_ == 0) {
      // One pull runs eager updates below (their side effects must happen).
      child()->Next(ctx, row);
      return false;
    }
    for (int64_t idx = 0; idx < skip; ++idx) {
      if (!child()->Next(ctx, row)) {
        remaining_ = 0;
        return false;
      }
    }
  }
  if (remaining_ == 0) return false;
  if (!child()->Next(ctx, row)) return false;
  if (remaining_ > 0) --remaining_;
  return true;
}

}  // namespace ecograph::query
