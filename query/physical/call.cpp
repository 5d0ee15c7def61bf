#include <map>
#include <mutex>

#include "query/physical/operators.h"

namespace ecograph::query {

CallOperator::CallOperator(OperatorPtr child, const Procedure* procedure,
                           std::vector<BoundExprPtr> args, std::vector<int> output_indexes,
                           std::vector<int> slots)
    : procedure_(procedure), args_(std::move(args)), output_indexes_(std::move(output_indexes)),
      slots_(std::move(slots)) {
  children_.push_back(std::move(child));
}

bool CallOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (true) {
    if (active_ && next_ < results_.size()) {
      const auto& result = results_[next_++];
      for (size_t idx = 0; idx < slots_.size(); ++idx) {
        Slot slot;
        size_t column = static_cast<size_t>(output_indexes_[idx]);
        if (column < result.size()) slot.value = result[column];
        (*row)[slots_[idx]] = std::move(slot);
      }
      ctx.Tick();
      return true;
    }
    active_ = false;
    if (!child()->Next(ctx, row)) return false;
    std::vector<Value> args;
    for (const auto& arg : args_) args.push_back(Evaluate(*arg, *row, ctx));
    ProcedureContext procedure_context{ctx.txn(), ctx.topology(), &ctx.cancel_check()};
    results_ = procedure_->run(procedure_context, args);
    next_ = 0;
    active_ = true;
    // A procedure without outputs passes its input row through once.
    if (procedure_->outputs.empty()) {
      active_ = false;
      return true;
    }
  }
}

namespace {

// Names given to indexes and constraints in this process. Storage keeps no
// names; db.indexes() shows generated ones, which DROP also accepts.
std::mutex& NamesMutex() {
  static std::mutex mutex;
  return mutex;
}
std::map<std::string, std::pair<std::string, std::string>>& Names() {
  static std::map<std::string, std::pair<std::string, std::string>> names;
  return names;
}

}  // namespace

SchemaOperator::SchemaOperator(ClauseKind kind, std::string label, std::string key, std::string name)
    : kind_(kind), label_(std::move(label)), key_(std::move(key)), name_(std::move(name)) {}

std::string SchemaOperator::Describe() const {
  const char* what = kind_ == ClauseKind::kCreateIndex        ? "CreateIndex"
                     : kind_ == ClauseKind::kDropIndex        ? "DropIndex"
                     : kind_ == ClauseKind::kCreateConstraint ? "CreateConstraint"
                                                              : "DropConstraint";
  return std::string(what) + "(:" + label_ + "(" + key_ + "))";
}

bool SchemaOperator::NextImpl(ExecContext& ctx, Row*) {
  if (done_) return false;
  done_ = true;
  bool dropping = kind_ == ClauseKind::kDropIndex || kind_ == ClauseKind::kDropConstraint;
  if (dropping && label_.empty() && !name_.empty()) {
    std::lock_guard<std::mutex> lock(NamesMutex());
    auto it = Names().find(name_);
    if (it != Names().end()) {
      label_ = it->second.first;
      key_ = it->second.second;
    } else {
      for (const auto& existing : ctx.txn().Indexes()) {
        std::string generated = (existing.unique ? "constraint_" : "index_") + existing.label + "_" + existing.key;
        if (generated == name_) {
          label_ = existing.label;
          key_ = existing.key;
        }
      }
    }
    if (label_.empty()) {
      throw QueryError(ErrorKind::kSemantic, "no index or constraint named '" + name_ + "'");
    }
  } else if (!dropping && !name_.empty()) {
    std::lock_guard<std::mutex> lock(NamesMutex());
    Names()[name_] = {label_, key_};
  }
  switch (kind_) {
    case ClauseKind::kCreateIndex:
    case ClauseKind::kCreateConstraint: {
      bool unique = kind_ == ClauseKind::kCreateConstraint;
      for (const auto& existing : ctx.txn().Indexes()) {
        if (existing.label == label_ && existing.key == key_ && existing.unique == unique) return false;
      }
      ThrowIfError(ctx.txn().CreateIndex(storage::IndexDefinition{label_, key_, unique}));
      ctx.stats().indexes_added++;
      break;
    }
    case ClauseKind::kDropIndex:
    case ClauseKind::kDropConstraint: {
      bool found = false;
      for (const auto& existing : ctx.txn().Indexes()) {
        if (existing.label == label_ && existing.key == key_) found = true;
      }
      if (!found) {
        throw QueryError(ErrorKind::kSemantic, "no index or constraint on :" + label_ + "(" + key_ + ")");
      }
      ThrowIfError(ctx.txn().DropIndex(label_, key_));
      ctx.stats().indexes_removed++;
      break;
    }
    default: break;
  }
  ctx.InvalidateCaches();
  return false;
}

}  // namespace ecograph::query
