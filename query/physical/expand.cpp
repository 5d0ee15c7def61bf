#include "query/physical/operators.h"

namespace ecograph::query {

namespace {
std::string DirectionArrow(const ExpandSpec& spec, const std::string& body) {
  switch (spec.direction) {
    case storage::Direction::kOutgoing: return "-" + body + "->";
    case storage::Direction::kIncoming: return "<-" + body + "-";
    case storage::Direction::kBoth: return "-" + body + "-";
  }
  return body;
}
}  // namespace

std::string DescribeExpand(const ExpandSpec& spec, const std::string& range) {
  std::string types;
  for (size_t idx = 0; idx < spec.types.size(); ++idx) types += (idx ? "|" : ":") + spec.types[idx];
  return spec.text + DirectionArrow(spec, "[" + types + range + "]");
}

ExpandOperator::ExpandOperator(OperatorPtr child, ExpandSpec spec) : spec_(std::move(spec)) {
  children_.push_back(std::move(child));
}

std::string ExpandOperator::Describe() const {
  return std::string(spec_.to_bound ? "ExpandInto" : "Expand") + "(" + DescribeExpand(spec_, "") + ")";
}

bool ExpandOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (true) {
    if (!iterator_) {
      if (!child()->Next(ctx, row)) return false;
      const Slot& from = (*row)[spec_.from_slot];
      if (from.is_null()) continue;
      if (from.kind == Slot::Kind::kNode) {
        from_ = from.id;
      } else if (from.value.type() == ValueType::kNode) {
        from_ = from.value.as_node().id;
      } else {
        throw QueryError(ErrorKind::kRuntime, "expected a node to expand from, got " +
                                                  std::string(ValueTypeName(from.value.type())));
      }
      iterator_ = ctx.txn().Expand(from_, spec_.direction, spec_.types);
    }
    storage::AdjacencyEntry entry;
    while (iterator_->Next(&entry)) {
      ctx.Tick();
      bool duplicate = false;
      for (int other : spec_.unique_rel_slots) {
        const Slot& slot = (*row)[other];
        if (slot.kind == Slot::Kind::kRel && slot.id == entry.rel) duplicate = true;
      }
      if (duplicate) continue;
      if (spec_.to_bound) {
        const Slot& to = (*row)[spec_.to_slot];
        uint64_t to_id = to.kind == Slot::Kind::kNode ? to.id
                         : to.value.type() == ValueType::kNode ? to.value.as_node().id
                                                                : UINT64_MAX;
        if (to_id != entry.neighbor) continue;
      }
      bool labels_ok = true;
      for (const auto& label : spec_.to_labels) {
        if (!ctx.HasLabel(entry.neighbor, label)) {
          labels_ok = false;
          break;
        }
      }
      if (!labels_ok) continue;
      uint64_t src = entry.outgoing ? from_ : entry.neighbor;
      uint64_t dst = entry.outgoing ? entry.neighbor : from_;
      if (spec_.rel_slot >= 0) (*row)[spec_.rel_slot] = ctx.RelSlot(entry.rel, src, dst, entry.type);
      if (!spec_.to_bound) (*row)[spec_.to_slot] = Slot::NodeRef(entry.neighbor);
      return true;
    }
    ThrowIfError(iterator_->status());
    iterator_.reset();
  }
}

}  // namespace ecograph::query
