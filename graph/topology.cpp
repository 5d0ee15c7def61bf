#include "graph/topology.h"

#include <algorithm>
#include <boost/iterator/transform_iterator.hpp>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

namespace ecograph::graph {

namespace {

using storage::Status;
using storage::StatusCode;

template <typename T>
size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

// Interned names; ids in first-seen order until Finish() renumbers them by
// name.
struct NameTable {
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> names;
  uint32_t Intern(std::string_view name) {
    auto it = ids.find(std::string(name));
    if (it != ids.end()) return it->second;
    uint32_t id = static_cast<uint32_t>(names.size());
    ids.emplace(std::string(name), id);
    names.emplace_back(name);
    return id;
  }
  // old id -> new id so that new ids follow name order; sorts `names`.
  std::vector<uint32_t> SortByName() {
    std::vector<uint32_t> order(names.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return names[a] < names[b]; });
    std::vector<uint32_t> remap(names.size());
    std::vector<std::string> sorted;
    sorted.reserve(names.size());
    for (uint32_t new_id = 0; new_id < order.size(); ++new_id) {
      remap[order[new_id]] = new_id;
      sorted.push_back(names[order[new_id]]);
    }
    names = std::move(sorted);
    return remap;
  }
};

struct PendingEdge {
  VertexIndex src;
  VertexIndex dst;
  storage::RelId rel;
  uint32_t type;  // builder-local type id
  int32_t year;
};

}  // namespace

struct TopologyBuilder::State {
  std::vector<storage::NodeId> nodes;
  std::vector<std::pair<storage::NodeId, uint32_t>> node_labels;  // (node, label id)
  NameTable labels;
  NameTable types;
  std::vector<PendingEdge> edges;
  bool nodes_sealed = false;
  Status error;

  VertexIndex Find(storage::NodeId id) const {
    auto it = std::lower_bound(nodes.begin(), nodes.end(), id);
    if (it == nodes.end() || *it != id) return kNoVertex;
    return static_cast<VertexIndex>(it - nodes.begin());
  }
  void Seal() {
    if (nodes_sealed) return;
    nodes_sealed = true;
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  }
};

TopologyBuilder::TopologyBuilder() : state_(std::make_unique<State>()) {}
TopologyBuilder::~TopologyBuilder() = default;

void TopologyBuilder::AddNode(storage::NodeId id) { state_->nodes.push_back(id); }

void TopologyBuilder::AddNode(storage::NodeId id, const std::vector<std::string>& labels) {
  AddNode(id);
  for (const auto& label : labels) AddLabel(id, label);
}

void TopologyBuilder::AddLabel(storage::NodeId id, std::string_view label) {
  state_->node_labels.emplace_back(id, state_->labels.Intern(label));
}

Status TopologyBuilder::AddRel(storage::RelId id, storage::NodeId src, storage::NodeId dst,
                               std::string_view type, int32_t year) {
  State& s = *state_;
  s.Seal();
  VertexIndex sv = s.Find(src);
  VertexIndex dv = s.Find(dst);
  if (sv == kNoVertex || dv == kNoVertex) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "relationship " + std::to_string(id) + " refers to unknown node " +
                             std::to_string(sv == kNoVertex ? src : dst));
  }
  if (year < std::numeric_limits<int16_t>::min() || year > std::numeric_limits<int16_t>::max()) {
    year = 0;
  }
  s.edges.push_back({sv, dv, id, s.types.Intern(type), year});
  return Status::Ok();
}

storage::Result<std::shared_ptr<const Topology>> TopologyBuilder::Finish() {
  State& s = *state_;
  s.Seal();
  if (s.nodes.size() >= kNoVertex || s.edges.size() >= std::numeric_limits<EdgeIndex>::max()) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "graph too large for the in-memory topology (more than 2^32-1 nodes "
                         "or relationships)");
  }
  if (s.types.names.size() > std::numeric_limits<TypeId>::max() ||
      s.labels.names.size() > std::numeric_limits<LabelId>::max()) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "too many relationship types or labels for the in-memory topology");
  }
  std::shared_ptr<Topology> topo(new Topology());
  const size_t n = s.nodes.size();

  // Labels: intern each vertex's sorted label set.
  std::vector<uint32_t> label_remap = s.labels.SortByName();
  topo->label_names_ = s.labels.names;
  {
    for (auto& [node, label] : s.node_labels) label = label_remap[label];
    std::sort(s.node_labels.begin(), s.node_labels.end());
    s.node_labels.erase(std::unique(s.node_labels.begin(), s.node_labels.end()),
                        s.node_labels.end());
    std::map<std::vector<LabelId>, uint32_t> set_ids;
    topo->label_sets_.push_back({});
    set_ids[{}] = 0;
    topo->label_set_of_.assign(n, 0);
    std::vector<LabelId> current;
    for (size_t i = 0; i < s.node_labels.size();) {
      storage::NodeId node = s.node_labels[i].first;
      current.clear();
      for (; i < s.node_labels.size() && s.node_labels[i].first == node; ++i) {
        current.push_back(static_cast<LabelId>(s.node_labels[i].second));
      }
      VertexIndex v = s.Find(node);
      if (v == kNoVertex) continue;
      auto [it, inserted] = set_ids.emplace(current, static_cast<uint32_t>(set_ids.size()));
      if (inserted) topo->label_sets_.push_back(current);
      topo->label_set_of_[v] = it->second;
    }
    s.node_labels.clear();
    s.node_labels.shrink_to_fit();
  }

  // Edges: stable counting sort by source vertex (RelId order within a
  // source when they were added in RelId order; sorted explicitly anyway).
  std::vector<uint32_t> type_remap = s.types.SortByName();
  topo->type_names_ = s.types.names;
  std::sort(s.edges.begin(), s.edges.end(), [](const PendingEdge& a, const PendingEdge& b) {
    return a.src != b.src ? a.src < b.src : a.rel < b.rel;
  });
  const size_t m = s.edges.size();
  topo->rel_ids_.resize(m);
  topo->types_.resize(m);
  topo->years_.resize(m);
  for (size_t i = 0; i < m; ++i) {
    topo->rel_ids_[i] = s.edges[i].rel;
    topo->types_[i] = static_cast<TypeId>(type_remap[s.edges[i].type]);
    topo->years_[i] = static_cast<int16_t>(s.edges[i].year);
  }
  auto to_pair = [](const PendingEdge& e) {
    return std::pair<VertexIndex, VertexIndex>(e.src, e.dst);
  };
  auto begin = boost::make_transform_iterator(s.edges.cbegin(), to_pair);
  auto end = boost::make_transform_iterator(s.edges.cend(), to_pair);
  // The CSR constructor's histogram sort is stable, so with input already
  // sorted by source, CSR edge index i is s.edges[i].
  topo->graph_ = Topology::Graph(boost::edges_are_unsorted_multi_pass, begin, end,
                                 static_cast<VertexIndex>(n));
  s.edges.clear();
  s.edges.shrink_to_fit();
  topo->node_ids_ = std::move(s.nodes);
  topo->node_ids_.shrink_to_fit();
  s.nodes.clear();
  s.nodes_sealed = false;
  return std::shared_ptr<const Topology>(std::move(topo));
}

storage::Result<std::shared_ptr<const Topology>> Topology::Build(storage::Transaction& txn,
                                                                const CancelCheck* cancel) {
  TopologyBuilder builder;
  {
    auto it = txn.ScanNodes();
    storage::NodeId id;
    while (it->Next(&id)) {
      PollCancel(cancel);
      builder.AddNode(id);
    }
    if (!it->status().ok()) return it->status();
  }
  for (const std::string& label : txn.Labels()) {
    auto it = txn.ScanLabel(label);
    storage::NodeId id;
    while (it->Next(&id)) {
      PollCancel(cancel);
      builder.AddLabel(id, label);
    }
    if (!it->status().ok()) return it->status();
  }
  {
    auto it = txn.ScanRels(std::nullopt);
    storage::RelRecord rel;
    while (it->Next(&rel)) {
      PollCancel(cancel);
      int32_t year = 0;
      auto year_it = rel.properties.find("year");
      if (year_it != rel.properties.end()) {
        const storage::PropertyValue& value = year_it->second;
        if (value.kind() == storage::ValueKind::kInt) {
          int64_t y = value.as_int();
          if (y >= std::numeric_limits<int16_t>::min() &&
              y <= std::numeric_limits<int16_t>::max()) {
            year = static_cast<int32_t>(y);
          }
        } else if (value.kind() == storage::ValueKind::kDouble) {
          double y = value.as_double();
          if (y >= std::numeric_limits<int16_t>::min() &&
              y <= std::numeric_limits<int16_t>::max()) {
            year = static_cast<int32_t>(y);
          }
        }
      }
      Status status = builder.AddRel(rel.id, rel.src, rel.dst, rel.type, year);
      if (!status.ok()) return Status::Error(StatusCode::kCorruption, status.message());
    }
    if (!it->status().ok()) return it->status();
  }
  return builder.Finish();
}

// node_ids_ is strictly increasing, so node's vertex is at most
// node - node_ids_[0], and exactly that while no id below node is missing
// (ids are handed out in sequence, so most graphs are dense): one probe
// usually answers, and the binary search covers only the ids up to there.
VertexIndex Topology::VertexOf(storage::NodeId node) const {
  if (node_ids_.empty() || node < node_ids_.front()) return kNoVertex;
  uint64_t highest = node - node_ids_.front();
  if (highest < node_ids_.size() && node_ids_[highest] == node) {
    return static_cast<VertexIndex>(highest);
  }
  auto end = node_ids_.begin() + static_cast<ptrdiff_t>(std::min<uint64_t>(highest, node_ids_.size()));
  auto it = std::lower_bound(node_ids_.begin(), end, node);
  if (it == end || *it != node) return kNoVertex;
  return static_cast<VertexIndex>(it - node_ids_.begin());
}

VertexIndex Topology::SourceOf(EdgeIndex e) const {
  const auto& rowstart = graph_.m_forward.m_rowstart;
  // The last row start <= e whose row is non-empty.
  auto it = std::upper_bound(rowstart.begin(), rowstart.end(), e);
  return static_cast<VertexIndex>((it - rowstart.begin()) - 1);
}

std::optional<TypeId> Topology::FindType(std::string_view name) const {
  auto it = std::lower_bound(type_names_.begin(), type_names_.end(), name);
  if (it == type_names_.end() || *it != name) return std::nullopt;
  return static_cast<TypeId>(it - type_names_.begin());
}

std::optional<LabelId> Topology::FindLabel(std::string_view name) const {
  auto it = std::lower_bound(label_names_.begin(), label_names_.end(), name);
  if (it == label_names_.end() || *it != name) return std::nullopt;
  return static_cast<LabelId>(it - label_names_.begin());
}

bool Topology::HasLabel(VertexIndex v, LabelId label) const {
  auto labels = LabelsOf(v);
  return std::binary_search(labels.begin(), labels.end(), label);
}

size_t Topology::MemoryBytes() const {
  size_t bytes = sizeof(*this);
  bytes += VectorBytes(graph_.m_forward.m_rowstart) + VectorBytes(graph_.m_forward.m_column);
  bytes += VectorBytes(graph_.m_backward.m_rowstart) + VectorBytes(graph_.m_backward.m_column);
  bytes += graph_.m_backward.m_edge_properties.capacity() * sizeof(EdgeIndex);
  bytes += VectorBytes(node_ids_) + VectorBytes(label_set_of_);
  for (const auto& set : label_sets_) bytes += sizeof(set) + VectorBytes(set);
  bytes += VectorBytes(rel_ids_) + VectorBytes(types_) + VectorBytes(years_);
  for (const auto& name : type_names_) bytes += sizeof(name) + name.capacity();
  for (const auto& name : label_names_) bytes += sizeof(name) + name.capacity();
  return bytes;
}

}  // namespace ecograph::graph
