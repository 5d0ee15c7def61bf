#pragma once
// EdgeFilter: which relationships an algorithm may traverse, and in which
// direction; VertexFilter: which vertices it runs over.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "graph/cancel_check.h"
#include "graph/topology.h"

namespace ecograph::graph {

enum class TraversalDirection { kOutgoing, kIncoming, kUndirected };

class EdgeFilter {
 public:
  // Bits of a per-type traversal mode.
  static constexpr uint8_t kForward = 1;   // src -> dst
  static constexpr uint8_t kBackward = 2;  // dst -> src

  // Every type, outgoing.
  explicit EdgeFilter(const Topology& topology);
  // `types` empty = every type. Unknown type names match nothing (a type
  // that is not in the snapshot has no relationships); see UnknownTypes.
  EdgeFilter(const Topology& topology, const std::vector<std::string>& types,
             TraversalDirection direction);

  // Sets the mode of one type (0 = never traversed).
  void SetTypeMode(TypeId type, uint8_t mode) { modes_[type] = mode; }
  uint8_t TypeMode(TypeId type) const { return modes_[type]; }
  // Inclusive year range; relationships with an unknown year (0) fail it.
  void SetYears(std::optional<int32_t> from, std::optional<int32_t> to) {
    year_from_ = from;
    year_to_ = to;
  }
  bool has_year_range() const { return year_from_ || year_to_; }

  // True when the edge's type is traversable in some direction and its year
  // passes the range.
  bool Accepts(EdgeIndex e) const {
    uint8_t mode = modes_[topology_->TypeOf(e)];
    if (mode == 0) return false;
    if (!has_year_range()) return true;
    int32_t year = topology_->YearOf(e);
    if (year == 0) return false;
    if (year_from_ && year < *year_from_) return false;
    if (year_to_ && year > *year_to_) return false;
    return true;
  }

  // Calls fn(edge, next vertex) for every accepted step out of v: outgoing
  // edges of forward types, then incoming edges of backward types.
  template <typename Fn>
  void ForEachStep(VertexIndex v, Fn&& fn) const {
    PollCancel(cancel_);
    if (any_forward_) {
      topology_->ForEachOut(v, [&](EdgeIndex e, VertexIndex w) {
        if ((modes_[topology_->TypeOf(e)] & kForward) && Accepts(e)) fn(e, w);
      });
    }
    if (any_backward_) {
      topology_->ForEachIn(v, [&](EdgeIndex e, VertexIndex w) {
        if ((modes_[topology_->TypeOf(e)] & kBackward) && Accepts(e)) fn(e, w);
      });
    }
  }
  // The reverse: fn(edge, previous vertex) for every accepted step that
  // ends in v.
  template <typename Fn>
  void ForEachReverseStep(VertexIndex v, Fn&& fn) const {
    PollCancel(cancel_);
    if (any_forward_) {
      topology_->ForEachIn(v, [&](EdgeIndex e, VertexIndex u) {
        if ((modes_[topology_->TypeOf(e)] & kForward) && Accepts(e)) fn(e, u);
      });
    }
    if (any_backward_) {
      topology_->ForEachOut(v, [&](EdgeIndex e, VertexIndex u) {
        if ((modes_[topology_->TypeOf(e)] & kBackward) && Accepts(e)) fn(e, u);
      });
    }
  }

  // Recomputes the cached "any type goes forward/backward" flags; call after
  // SetTypeMode.
  void Refresh();
  const Topology& topology() const { return *topology_; }
  // Stops the algorithm running over this filter early: every algorithm
  // polls `cancel` (borrowed; null = never) for each vertex it expands and
  // between iterations, and lets what it throws propagate.
  void set_cancel(const CancelCheck* cancel) { cancel_ = cancel; }
  const CancelCheck* cancel() const { return cancel_; }
  // Names from the constructor's `types` that are not in the snapshot.
  const std::vector<std::string>& unknown_types() const { return unknown_types_; }

 private:
  const Topology* topology_;
  const CancelCheck* cancel_ = nullptr;
  std::vector<uint8_t> modes_;  // per type id
  std::optional<int32_t> year_from_;
  std::optional<int32_t> year_to_;
  bool any_forward_ = false;
  bool any_backward_ = false;
  std::vector<std::string> unknown_types_;
};

// Vertices having at least one of the labels; `labels` empty = every vertex.
// Unknown labels match nothing.
class VertexFilter {
 public:
  explicit VertexFilter(const Topology& topology, const std::vector<std::string>& labels = {});
  bool all() const { return all_; }
  bool Contains(VertexIndex v) const { return all_ || included_[v] != 0; }

 private:
  bool all_ = true;
  std::vector<uint8_t> included_;
};

}  // namespace ecograph::graph
