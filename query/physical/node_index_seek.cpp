#include <cmath>

#include "query/physical/operators.h"

namespace ecograph::query {

NodeIndexSeekOperator::NodeIndexSeekOperator(OperatorPtr child, int slot, std::string variable,
                                             std::string label, std::string key, BoundExprPtr lo,
                                             bool lo_inclusive, BoundExprPtr hi, bool hi_inclusive)
    : slot_(slot), variable_(std::move(variable)), label_(std::move(label)), key_(std::move(key)),
      lo_(std::move(lo)), hi_(std::move(hi)), lo_inclusive_(lo_inclusive),
      hi_inclusive_(hi_inclusive) {
  children_.push_back(std::move(child));
}

std::string NodeIndexSeekOperator::Describe() const {
  // Equality seeks bind the same source expression on both sides (same span).
  bool equality = lo_ && hi_ && lo_->span.valid && lo_->span.offset == hi_->span.offset &&
                  lo_->span.length == hi_->span.length;
  return std::string(equality ? "NodeIndexSeek" : "NodeIndexSeekByRange") + "(" + variable_ + ":" +
         label_ + "(" + key_ + "))";
}

bool NodeIndexSeekOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (true) {
    if (!iterator_) {
      if (!child()->Next(ctx, row)) return false;
      std::optional<storage::IndexBound> lo, hi;
      bool empty = false;
      auto bound = [&](const BoundExprPtr& expr, bool inclusive) -> std::optional<storage::IndexBound> {
        if (!expr) return std::nullopt;
        Value v = Evaluate(*expr, *row, ctx);
        storage::PropertyValue property;
        if (v.is_null() || !v.ToProperty(&property)) {
          empty = true;
          return std::nullopt;
        }
        return storage::IndexBound{property, inclusive};
      };
      lo = bound(lo_, lo_inclusive_);
      hi = bound(hi_, hi_inclusive_);
      if (empty) continue;  // null never matches
      iterator_ = ctx.txn().IndexSeek(label_, key_, lo, hi);
    }
    uint64_t id = 0;
    if (iterator_->Next(&id)) {
      ctx.Tick();
      (*row)[slot_] = Slot::NodeRef(id);
      return true;
    }
    ThrowIfError(iterator_->status());
    iterator_.reset();
  }
}

NodeByIdOperator::NodeByIdOperator(OperatorPtr child, int slot, std::string variable,
                                   BoundExprPtr id)
    : slot_(slot), variable_(std::move(variable)), id_(std::move(id)) {
  children_.push_back(std::move(child));
}

std::string NodeByIdOperator::Describe() const { return "NodeByIdSeek(" + variable_ + ")"; }

bool NodeByIdOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (child()->Next(ctx, row)) {
    Value id = Evaluate(*id_, *row, ctx);
    ValueList ids;
    if (id.type() == ValueType::kList) ids = id.as_list(); else ids.push_back(id);
    for (const auto& candidate : ids) {
      // id(n) = 1.0 matches node 1 (numbers compare by value); 1.5 matches none.
      uint64_t node_id = 0;
      if (candidate.type() == ValueType::kInt && candidate.as_int() >= 0) {
        node_id = static_cast<uint64_t>(candidate.as_int());
      } else if (candidate.type() == ValueType::kFloat && candidate.as_float() >= 0 &&
                 candidate.as_float() < 9.2e18 && std::floor(candidate.as_float()) == candidate.as_float()) {
        node_id = static_cast<uint64_t>(candidate.as_float());
      } else {
        continue;
      }
      if (ctx.GetNode(node_id)) {
        (*row)[slot_] = Slot::NodeRef(node_id);
        return true;  // one id per row: lists are only for IN with one element
      }
    }
  }
  return false;
}

}  // namespace ecograph::query
