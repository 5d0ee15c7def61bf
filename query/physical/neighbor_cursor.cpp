#include "query/physical/neighbor_cursor.h"

namespace ecograph::query {

void NeighborCursor::Reset(ExecContext& ctx, uint64_t node, storage::Direction direction,
                           const std::vector<std::string>& types) {
  topology_ = ctx.topology_view();
  node_ = node;
  both_ = direction == storage::Direction::kBoth;
  if (!topology_) {
    iterator_ = ctx.txn().Expand(node, direction, types);
    return;
  }
  if (!types_resolved_) {
    types_resolved_ = true;
    all_types_ = types.empty();
    type_allowed_.assign(topology_->type_names().size(), false);
    for (const auto& type : types) {
      if (auto id = topology_->FindType(type)) type_allowed_[*id] = true;
    }
  }
  want_out_ = direction != storage::Direction::kIncoming;
  want_in_ = direction != storage::Direction::kOutgoing;
  vertex_ = topology_->VertexOf(node);
  phase_ = vertex_ == graph::kNoVertex ? 2 : (want_out_ ? 0 : 1);
  const auto& graph = topology_->graph();
  if (phase_ == 0) {
    position_ = graph.m_forward.m_rowstart[vertex_];
    end_ = graph.m_forward.m_rowstart[vertex_ + 1];
  } else if (phase_ == 1) {
    position_ = graph.m_backward.m_rowstart[vertex_];
    end_ = graph.m_backward.m_rowstart[vertex_ + 1];
  }
}

bool NeighborCursor::Next(ExecContext& ctx, Neighbor* out) {
  if (!topology_) {
    do {
      if (!iterator_->Next(&entry_)) {
        ThrowIfError(iterator_->status());
        return false;
      }
      // kBoth lists a self-loop twice; a pattern matches it once.
    } while (both_ && !entry_.outgoing && entry_.neighbor == node_);
    ++ctx.store_expansions;
    out->rel = entry_.rel;
    out->node = entry_.neighbor;
    out->type = ctx.InternType(entry_.type);
    out->outgoing = entry_.outgoing;
    return true;
  }
  const auto& graph = topology_->graph();
  while (phase_ < 2) {
    if (position_ >= end_) {
      if (phase_ == 0 && want_in_) {
        phase_ = 1;
        position_ = graph.m_backward.m_rowstart[vertex_];
        end_ = graph.m_backward.m_rowstart[vertex_ + 1];
      } else {
        phase_ = 2;
      }
      continue;
    }
    uint32_t index = position_++;
    graph::EdgeIndex edge;
    graph::VertexIndex other;
    if (phase_ == 0) {
      edge = index;
      other = graph.m_forward.m_column[index];
    } else {
      edge = static_cast<graph::EdgeIndex>(graph.m_backward.m_edge_properties[index]);
      other = graph.m_backward.m_column[index];
      if (want_out_ && other == vertex_) continue;  // self-loop already seen as out-edge
    }
    graph::TypeId type = topology_->TypeOf(edge);
    if (!all_types_ && !type_allowed_[type]) continue;
    out->rel = topology_->RelOf(edge);
    out->node = topology_->NodeOf(other);
    out->type = ctx.TopologyType(type);
    out->outgoing = phase_ == 0;
    out->vertex = other;
    return true;
  }
  return false;
}

}  // namespace ecograph::query
