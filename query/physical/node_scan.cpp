#include "query/physical/operators.h"

namespace ecograph::query {

NodeScanOperator::NodeScanOperator(OperatorPtr child, int slot, std::string variable,
                                   std::optional<std::string> label)
    : slot_(slot), variable_(std::move(variable)), label_(std::move(label)) {
  children_.push_back(std::move(child));
}

std::string NodeScanOperator::Describe() const {
  return label_ ? "NodeByLabelScan(" + variable_ + ":" + *label_ + ")"
                : "AllNodesScan(" + variable_ + ")";
}

bool NodeScanOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (true) {
    if (!iterator_) {
      if (!child()->Next(ctx, row)) return false;
      iterator_ = label_ ? ctx.txn().ScanLabel(*label_) : ctx.txn().ScanNodes();
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

}  // namespace ecograph::query
