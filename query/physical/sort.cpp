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
    out += (idx ? ", " : "") + std::string("#") + std::to_string(idx + 1);
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
    auto compare_keys = [&](const std::vector<Value>& a, const std::vector<Value>& b) {
      for (size_t idx = 0; idx < keys_.size(); ++idx) {
        int c = OrderCompare(a[idx], b[idx]);
        if (c != 0) return (c < 0) != keys_[idx].descending ? -1 : 1;
      }
      return 0;
    };
    if (keep >= 0) {
      // Bounded top-k: a max-heap (under the sort order, ties by arrival)
      // holds the best `keep` rows seen so far; rows that cannot enter it
      // are never copied.
      struct Entry {
        std::vector<Value> key;
        uint64_t sequence;
        Row row;
      };
      // Sort order: true when `a` comes first. Under it the heap's front is
      // the kept row that comes last.
      auto before = [&](const Entry& a, const Entry& b) {
        ctx.Tick();
        int c = compare_keys(a.key, b.key);
        return c != 0 ? c < 0 : a.sequence < b.sequence;
      };
      std::vector<Entry> heap;
      uint64_t sequence = 0;
      std::vector<Value> key;
      while (child()->Next(ctx, row)) {
        ctx.Tick();
        key.clear();
        for (const auto& sort_key : keys_) key.push_back(Evaluate(*sort_key.expr, *row, ctx));
        uint64_t current = sequence++;
        if (keep == 0) continue;
        if (heap.size() < static_cast<size_t>(keep)) {
          heap.push_back(Entry{key, current, *row});
          std::push_heap(heap.begin(), heap.end(), before);
          ctx.CheckRowCount(heap.size(), "ORDER BY");
          ctx.ChargeMemory(ApproxBytes(*row) + sizeof(Entry), "ORDER BY");
          continue;
        }
        // Arrival order breaks ties, so an equal key never displaces the top.
        if (compare_keys(key, heap.front().key) >= 0) continue;
        std::pop_heap(heap.begin(), heap.end(), before);
        heap.back().key = key;
        heap.back().sequence = current;
        heap.back().row = *row;
        std::push_heap(heap.begin(), heap.end(), before);
      }
      std::sort_heap(heap.begin(), heap.end(), before);
      rows_.clear();
      rows_.reserve(heap.size());
      for (auto& entry : heap) rows_.push_back(std::move(entry.row));
    } else {
      std::vector<std::vector<Value>> keys;
      while (child()->Next(ctx, row)) {
        ctx.Tick();
        std::vector<Value> key;
        key.reserve(keys_.size());
        for (const auto& sort_key : keys_) key.push_back(Evaluate(*sort_key.expr, *row, ctx));
        keys.push_back(std::move(key));
        rows_.push_back(*row);
        ctx.CheckRowCount(rows_.size(), "ORDER BY");
        ctx.ChargeMemory(ApproxBytes(*row) + keys_.size() * sizeof(Value), "ORDER BY");
      }
      std::vector<size_t> order(rows_.size());
      std::iota(order.begin(), order.end(), 0);
      // The sort itself is interruptible: a cancel or timeout thrown from a
      // comparison leaves `order` a permutation, and rows_ is not touched.
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        ctx.Tick();
        return compare_keys(keys[a], keys[b]) < 0;
      });
      std::vector<Row> sorted;
      sorted.reserve(order.size());
      for (size_t index : order) sorted.push_back(std::move(rows_[index]));
      rows_ = std::move(sorted);
    }
  }
  if (next_ >= rows_.size()) return false;
  *row = std::move(rows_[next_++]);
  return true;
}

}  // namespace ecograph::query
