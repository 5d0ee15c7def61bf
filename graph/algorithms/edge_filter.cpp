#include "graph/algorithms/edge_filter.h"

namespace ecograph::graph {

EdgeFilter::EdgeFilter(const Topology& topology)
    : EdgeFilter(topology, {}, TraversalDirection::kOutgoing) {}

EdgeFilter::EdgeFilter(const Topology& topology, const std::vector<std::string>& types,
                       TraversalDirection direction)
    : topology_(&topology) {
  uint8_t mode = direction == TraversalDirection::kOutgoing   ? kForward
                 : direction == TraversalDirection::kIncoming ? kBackward
                                                              : (kForward | kBackward);
  if (types.empty()) {
    modes_.assign(topology.type_names().size(), mode);
  } else {
    modes_.assign(topology.type_names().size(), 0);
    for (const std::string& name : types) {
      auto id = topology.FindType(name);
      if (id) {
        modes_[*id] = mode;
      } else {
        unknown_types_.push_back(name);
      }
    }
  }
  Refresh();
}

void EdgeFilter::Refresh() {
  any_forward_ = any_backward_ = false;
  for (uint8_t mode : modes_) {
    any_forward_ |= (mode & kForward) != 0;
    any_backward_ |= (mode & kBackward) != 0;
  }
}

VertexFilter::VertexFilter(const Topology& topology, const std::vector<std::string>& labels) {
  if (labels.empty()) return;
  all_ = false;
  std::vector<uint8_t> wanted(topology.label_names().size(), 0);
  for (const std::string& name : labels) {
    if (auto id = topology.FindLabel(name)) wanted[*id] = 1;
  }
  included_.assign(topology.num_vertices(), 0);
  for (VertexIndex v = 0; v < topology.num_vertices(); ++v) {
    for (LabelId label : topology.LabelsOf(v)) {
      if (wanted[label]) {
        included_[v] = 1;
        break;
      }
    }
  }
}

}  // namespace ecograph::graph
