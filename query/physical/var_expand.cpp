#include <algorithm>
#include <limits>

#include "query/physical/operators.h"

namespace ecograph::query {

std::string DescribeExpand(const ExpandSpec& spec, const std::string& range);

VarExpandOperator::VarExpandOperator(OperatorPtr child, ExpandSpec spec, int64_t min_hops,
                                     int64_t max_hops, bool bind_list)
    : spec_(std::move(spec)), min_hops_(min_hops), max_hops_(max_hops), bind_list_(bind_list) {
  children_.push_back(std::move(child));
}

std::string VarExpandOperator::Describe() const {
  std::string max = max_hops_ == std::numeric_limits<int64_t>::max() ? "" : std::to_string(max_hops_);
  return "VarLengthExpand(" + DescribeExpand(spec_, std::string("*").append(std::to_string(min_hops_)).append("..").append(max)) + ")";
}

bool VarExpandOperator::NextImpl(ExecContext& ctx, Row* row) {
  auto emit = [&](uint64_t end) -> bool {
    if (spec_.to_bound) {
      const Slot& to = (*row)[spec_.to_slot];
      uint64_t to_id = to.kind == Slot::Kind::kNode ? to.id
                       : to.value.type() == ValueType::kNode ? to.value.as_node().id
                                                              : UINT64_MAX;
      if (to_id != end) return false;
    }
    for (const auto& label : spec_.to_labels) {
      if (!ctx.HasLabel(end, label)) return false;
    }
    for (int other : spec_.unique_rel_slots) {
      const Slot& slot = (*row)[other];
      for (const auto& entry : path_) {
        if (SlotHoldsRel(slot, entry.rel)) return false;
      }
    }
    if (!spec_.to_bound) (*row)[spec_.to_slot] = Slot::NodeRef(end);
    if (spec_.rel_slot >= 0) {
      Slot list;
      ValueList rels;
      for (const auto& entry : path_) {
        if (!bind_list_) {
          rels.push_back(Value::Int(static_cast<int64_t>(entry.rel)));
          continue;
        }
        Slot rel;
        rel.kind = Slot::Kind::kRel;
        rel.id = entry.rel;
        rels.push_back(ctx.Materialize(rel));
      }
      // The list follows the pattern's left-to-right order.
      if (spec_.reversed) std::reverse(rels.begin(), rels.end());
      list.value = Value::List(std::move(rels));
      (*row)[spec_.rel_slot] = std::move(list);
    }
    return true;
  };

  while (true) {
    if (!active_) {
      if (!child()->Next(ctx, row)) return false;
      const Slot& from = (*row)[spec_.from_slot];
      if (from.is_null()) continue;
      uint64_t start = from.kind == Slot::Kind::kNode ? from.id : from.value.as_node().id;
      stack_.clear();
      path_.clear();
      active_ = true;
      if (max_hops_ >= 1) {
        stack_.emplace_back();
        stack_.back().node = start;
        stack_.back().cursor.Reset(ctx, start, spec_.direction, spec_.types);
      }
      if (min_hops_ == 0 && emit(start)) return true;
    }
    while (!stack_.empty()) {
      ctx.Tick();
      Frame& top = stack_.back();
      Neighbor entry;
      if (!top.cursor.Next(ctx, &entry)) {
        stack_.pop_back();
        if (!path_.empty()) path_.pop_back();
        continue;
      }
      bool used = false;
      for (const auto& previous : path_) {
        if (previous.rel == entry.rel) {
          used = true;
          break;
        }
      }
      if (used) continue;
      if (spec_.edge_filter && !spec_.edge_filter->Passes(ctx, row, top.node, entry)) continue;
      path_.push_back(entry);
      int64_t depth = static_cast<int64_t>(path_.size());
      if (depth < max_hops_) {
        // The path (and its cursors) grows with the depth: budget it.
        if ((stack_.size() & 1023) == 1023) {
          ctx.CheckValueSize(stack_.size() * (sizeof(Frame) + sizeof(Neighbor) + 64), "a variable-length path");
        }
        stack_.emplace_back();
        stack_.back().node = entry.node;
        stack_.back().cursor.Reset(ctx, entry.node, spec_.direction, spec_.types);
      }
      bool produced = depth >= min_hops_ && emit(entry.node);
      if (depth >= max_hops_) path_.pop_back();
      if (produced) return true;
    }
    active_ = false;
  }
}

}  // namespace ecograph::query
