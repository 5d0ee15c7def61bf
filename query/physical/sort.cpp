#include <algorithm>
#include <numeric>

#include "query/physical/operators.h"

namespace ecograph::query {

int64_t EvaluateCount(ExecContext& ctx, const BoundExprPtr& expr, const char* what, const Row& row);

SortOperator::SortOperator(OperatorPtr child, std::vector<SortKey> keys, BoundExprPtr limit,
                           BoundExprPtr skip)
    : keys_(std::move(keys)), limit_(std::move(limit)), skip_(std::move(skip)) {
  children_.push_back(std::move(child));
}

std::string SortOperator::Describe() const {
  std::string out = limit_ ? "Top(" : "Sort(";
  for (size_t idx = 0; idx < keys_.size(); ++idx) {
    out += (idx ? ", " : "") + (keys_[idx].expr->ast ? std::string("#") + std::to_string(idx + 1) : "");
    out += keys_[idx].descending ? " DESC" : " ASC";
  }
  return out + ")";
}

void SortOperator::Open(ExecContext& ctx) {
  Operator::Open(ctx);
  rows_.clear();
  next_ = 0;
  sorted_ = false;
}

bool SortOperator::NextImpl(ExecContext& ctx, Row* row) {
  if (!sorted_) {
    sorted_ = true;
    int64_t keep = -1;
    if (limit_) {
      Row empty(row->size());
      keep = EvaluateCount(ctx, limit_, "LIMIT", empty);
      if (skip_) keep += EvaluateCount(ctx, skip_, "SKIP", empty);
    }
    std::vector<std::vector<Value>> keys;
    while (child()->Next(ctx, row)) {
      ctx.Tick();
      std::vector<Value> key;
      key.reserve(keys_.size());
      for (const auto& sort_key : keys_) key.push_back(Evaluate(*sort_key.expr, *row, ctx));
      keys.push_back(std::move(key));
      rows_.push_back(*row);
      ctx.CheckRowCount(rows_.size(), "ORDER BY");
    }
    std::vector<size_t> order(rows_.size());
    std::iota(order.begin(), order.end(), 0);
    auto less = [&](size_t a, size_t b) {
      for (size_t idx = 0; idx < keys_.size(); ++idx) {
        int c = OrderCompare(keys[a][idx], keys[b][idx]);
        if (c != 0) return keys_[idx].descending ? c > 0 : c < 0;
      }
      return a < b;
    };
    if (keep >= 0 && static_cast<size_t>(keep) < order.size()) {
      std::partial_sort(order.begin(), order.begin() + keep, order.end(), less);
      order.resize(keep);
    } else {
      std::sort(order.begin(), order.end(), less);
    }
    std::vector<Row> sorted;
    sorted.reserve(order.size());
    for (size_t index : order) sorted.push_back(std::move(rows_[index]));
    rows_ = std::move(sorted);
  }
  if (next_ >= rows_.size()) return false;
  *row = std::move(rows_[next_++]);
  return true;
}

}  // namespace ecograph::query
