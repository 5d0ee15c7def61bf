#pragma once
// Physical operators: a pull-based tree. Contract of Next(ctx, row): the
// caller passes the same row buffer (sized to the plan's slot count) on every
// call of one run; on true, every slot bound so far holds this row's values.
// An operator writes only the slots it binds, so upstream slots stay valid
// while an operator emits several rows per input.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "query/bound_expr.h"
#include "query/execution_context.h"

namespace ecograph::query {

class Operator {
 public:
  virtual ~Operator() = default;
  // Starts a (new) run; sub-plans are re-opened for each argument row.
  virtual void Open(ExecContext& ctx) {
    for (auto& child : children_) child->Open(ctx);
  }
  bool Next(ExecContext& ctx, Row* row) {
    if (!ctx.profiling) return NextImpl(ctx, row);
    auto start = std::chrono::steady_clock::now();
    bool produced = NextImpl(ctx, row);
    elapsed_ns_ += std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::steady_clock::now() - start).count();
    if (produced) ++rows_;
    return produced;
  }
  // One line for EXPLAIN: operator name and its arguments.
  virtual std::string Describe() const = 0;
  // Operators that run a nested plan per row (OPTIONAL MATCH, MERGE) list it.
  virtual const Operator* Nested() const { return nullptr; }
  const std::vector<std::unique_ptr<Operator>>& children() const { return children_; }
  uint64_t rows() const { return rows_; }
  // Inclusive of children.
  double elapsed_ms() const { return static_cast<double>(elapsed_ns_) / 1e6; }

 protected:
  virtual bool NextImpl(ExecContext& ctx, Row* row) = 0;
  Operator* child() const { return children_.empty() ? nullptr : children_[0].get(); }
  std::vector<std::unique_ptr<Operator>> children_;

 private:
  uint64_t rows_ = 0;
  int64_t elapsed_ns_ = 0;
};

using OperatorPtr = std::unique_ptr<Operator>;

// Renders the tree (with rows/time when `profile`).
std::string RenderPlan(const Operator& root, bool profile);

}  // namespace ecograph::query
