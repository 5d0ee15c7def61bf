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

bool SlotHoldsRel(const Slot& slot, uint64_t rel_id) {
  if (slot.kind == Slot::Kind::kRel) return slot.id == rel_id;
  if (slot.kind != Slot::Kind::kValue) return false;
  switch (slot.value.type()) {
    case ValueType::kRel: return slot.value.as_rel().id == rel_id;
    case ValueType::kList:
      for (const Value& item : slot.value.as_list()) {
        if (item.type() == ValueType::kRel && item.as_rel().id == rel_id) return true;
        if (item.type() == ValueType::kInt && static_cast<uint64_t>(item.as_int()) == rel_id) return true;
      }
      return false;
    default: return false;
  }
}

std::string DescribeExpand(const ExpandSpec& spec, const std::string& range) {
  std::string types;
  for (size_t idx = 0; idx < spec.types.size(); ++idx) types += (idx ? "|" : ":") + spec.types[idx];
  std::string bracket = "[" + types + range;
  if (spec.edge_filter) bracket.append(" ").append(spec.edge_filter->text);
  return spec.text + DirectionArrow(spec, bracket + "]") + spec.to_text;
}

ExpandOperator::ExpandOperator(OperatorPtr child, ExpandSpec spec) : spec_(std::move(spec)) {
  children_.push_back(std::move(child));
}

std::string ExpandOperator::Describe() const {
  return std::string(spec_.to_bound ? "ExpandInto" : "Expand") + "(" + DescribeExpand(spec_, "") + ")";
}

bool ExpandOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (true) {
    if (!active_) {
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
      cursor_.Reset(ctx, from_, spec_.direction, spec_.types);
      active_ = true;
    }
    Neighbor entry;
    while (cursor_.Next(ctx, &entry)) {
      ctx.Tick();
      bool duplicate = false;
      for (int other : spec_.unique_rel_slots) {
        if (SlotHoldsRel((*row)[other], entry.rel)) {
          duplicate = true;
          break;
        }
      }
      if (duplicate) continue;
      if (spec_.to_bound) {
        const Slot& to = (*row)[spec_.to_slot];
        uint64_t to_id = to.kind == Slot::Kind::kNode ? to.id
                         : to.value.type() == ValueType::kNode ? to.value.as_node().id
                                                                : UINT64_MAX;
        if (to_id != entry.node) continue;
      }
      bool labels_ok = true;
      for (const auto& label : spec_.to_labels) {
        bool has = entry.vertex != UINT32_MAX ? ctx.HasLabelAtVertex(entry.vertex, label)
                                              : ctx.HasLabel(entry.node, label);
        if (!has) {
          labels_ok = false;
          break;
        }
      }
      if (!labels_ok) continue;
      uint64_t src = entry.outgoing ? from_ : entry.node;
      uint64_t dst = entry.outgoing ? entry.node : from_;
      if (spec_.rel_slot >= 0) {
        Slot& rel = (*row)[spec_.rel_slot];
        rel.kind = Slot::Kind::kRel;
        rel.id = entry.rel;
        rel.src = src;
        rel.dst = dst;
        rel.type = entry.type;
        if (!rel.value.is_null()) rel.value = Value();
      }
      if (!spec_.to_bound) (*row)[spec_.to_slot] = Slot::NodeRef(entry.node);
      return true;
    }
    active_ = false;
  }
}

}  // namespace ecograph::query
