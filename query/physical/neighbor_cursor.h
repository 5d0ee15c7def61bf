#pragma once
// NeighborCursor: the adjacency of one node, from the in-memory topology when
// the statement has one (read statements over a current topology), else from
// the store. One cursor serves one expansion spec (same direction and types
// on every Reset).
#include <memory>
#include <string>
#include <vector>

#include "graph/topology.h"
#include "query/execution_context.h"

namespace ecograph::query {

struct Neighbor {
  uint64_t rel = 0;
  uint64_t node = 0;
  uint32_t type = 0;     // ExecContext interned type id
  bool outgoing = true;  // the scanned node is the relationship's source
  uint32_t vertex = UINT32_MAX;  // topology vertex of `node` (topology mode only)
};

class NeighborCursor {
 public:
  void Reset(ExecContext& ctx, uint64_t node, storage::Direction direction,
             const std::vector<std::string>& types);
  bool Next(ExecContext& ctx, Neighbor* out);

 private:
  // Store mode.
  std::unique_ptr<storage::AdjacencyIterator> iterator_;
  storage::AdjacencyEntry entry_;
  uint64_t node_ = 0;
  bool both_ = false;
  // Topology mode.
  const graph::Topology* topology_ = nullptr;
  bool types_resolved_ = false;
  bool all_types_ = true;
  std::vector<bool> type_allowed_;  // by topology TypeId
  graph::VertexIndex vertex_ = graph::kNoVertex;
  int phase_ = 0;  // 0: out-edges, 1: in-edges, 2: done
  bool want_out_ = true, want_in_ = true;
  uint32_t position_ = 0, end_ = 0;
};

}  // namespace ecograph::query
