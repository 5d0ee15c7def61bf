#pragma once
// Topology: an immutable in-memory copy of the graph's structure (no
// properties except each relationship's deal year), built from one storage
// snapshot for the graph algorithms. Vertices are dense indices 0..n-1 in
// NodeId order; edges are dense indices 0..m-1 in (source vertex, RelId)
// order, which is also the edge index of the Boost.Graph CSR graph.
//
// Memory (see MemoryBytes()):
//   per relationship 24 bytes: CSR forward target (4) + CSR backward source
//   (4) + backward->forward edge index (4) + RelId (8) + type id (2) +
//   year (2);
//   per node 20 bytes: forward and backward row starts (4 + 4) + NodeId (8,
//   a sorted vector searched by binary search, which is also the vertex ->
//   NodeId map) + label-set id (4);
//   plus the small tables of type names, label names and distinct label sets.
//
// Thread safety: immutable after construction; safe to share between threads.
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/cancel_check.h"
#include "storage/store.h"

namespace ecograph::graph {

using VertexIndex = uint32_t;
using EdgeIndex = uint32_t;
using TypeId = uint16_t;
using LabelId = uint16_t;

inline constexpr VertexIndex kNoVertex = UINT32_MAX;

class Topology {
 public:
  // Bidirectional CSR: out-edges and in-edges of every vertex. Edge
  // properties live in Topology's own arrays, indexed by the edge index.
  using Graph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                   boost::no_property, boost::no_property,
                                                   VertexIndex, EdgeIndex>;

  Topology(const Topology&) = delete;
  Topology& operator=(const Topology&) = delete;

  // Reads every node (ScanNodes), its labels (ScanLabel per label) and every
  // relationship (ScanRels) of the transaction's snapshot. Fails with the
  // storage status if a scan fails, or kCorruption if a relationship names a
  // node that is not in the scan, or if the graph has more than 2^32-1
  // nodes or relationships, or more than 65535 types or labels. `cancel`
  // (borrowed, may be null) is polled for every node, label entry and
  // relationship read; what it throws propagates and nothing is built.
  static storage::Result<std::shared_ptr<const Topology>> Build(
      storage::Transaction& txn, const CancelCheck* cancel = nullptr);

  size_t num_vertices() const { return node_ids_.size(); }
  size_t num_edges() const { return rel_ids_.size(); }
  const Graph& graph() const { return graph_; }

  // kNoVertex when the node is not in the topology.
  VertexIndex VertexOf(storage::NodeId node) const;
  storage::NodeId NodeOf(VertexIndex v) const { return node_ids_[v]; }

  storage::RelId RelOf(EdgeIndex e) const { return rel_ids_[e]; }
  TypeId TypeOf(EdgeIndex e) const { return types_[e]; }
  // The relationship's integer `year` property; 0 when absent or not a number.
  int32_t YearOf(EdgeIndex e) const { return years_[e]; }
  VertexIndex SourceOf(EdgeIndex e) const;
  VertexIndex TargetOf(EdgeIndex e) const { return graph_.m_forward.m_column[e]; }

  // Relationship types and labels present in the snapshot, sorted by name;
  // ids index these vectors.
  const std::vector<std::string>& type_names() const { return type_names_; }
  const std::vector<std::string>& label_names() const { return label_names_; }
  std::optional<TypeId> FindType(std::string_view name) const;
  std::optional<LabelId> FindLabel(std::string_view name) const;
  // Sorted label ids of a vertex.
  std::span<const LabelId> LabelsOf(VertexIndex v) const { return label_sets_[label_set_of_[v]]; }
  bool HasLabel(VertexIndex v, LabelId label) const;

  // Calls fn(edge, other end) for each relationship leaving / entering v,
  // in edge index order.
  template <typename Fn>
  void ForEachOut(VertexIndex v, Fn&& fn) const {
    const auto& fwd = graph_.m_forward;
    for (EdgeIndex e = fwd.m_rowstart[v]; e < fwd.m_rowstart[v + 1]; ++e) fn(e, fwd.m_column[e]);
  }
  template <typename Fn>
  void ForEachIn(VertexIndex v, Fn&& fn) const {
    const auto& bwd = graph_.m_backward;
    for (EdgeIndex i = bwd.m_rowstart[v]; i < bwd.m_rowstart[v + 1]; ++i) {
      fn(static_cast<EdgeIndex>(bwd.m_edge_properties[i]), bwd.m_column[i]);
    }
  }
  size_t OutDegree(VertexIndex v) const { return boost::out_degree(v, graph_); }
  size_t InDegree(VertexIndex v) const { return boost::in_degree(v, graph_); }

  // Bytes held by this topology (vector capacities, not counting malloc
  // overhead).
  size_t MemoryBytes() const;

 private:
  friend class TopologyBuilder;
  Topology() = default;

  Graph graph_;
  std::vector<storage::NodeId> node_ids_;         // sorted; index = vertex
  std::vector<uint32_t> label_set_of_;            // per vertex, index into label_sets_
  std::vector<std::vector<LabelId>> label_sets_;  // distinct sorted label sets
  std::vector<storage::RelId> rel_ids_;           // per edge
  std::vector<TypeId> types_;                     // per edge
  std::vector<int16_t> years_;                    // per edge
  std::vector<std::string> type_names_;
  std::vector<std::string> label_names_;
};

// Builds a Topology from nodes and relationships handed over one by one
// (Topology::Build uses it; tests build graphs by hand with it).
// REQUIRES: every AddNode / AddLabel call comes before the first AddRel.
class TopologyBuilder {
 public:
  TopologyBuilder();
  ~TopologyBuilder();
  TopologyBuilder(const TopologyBuilder&) = delete;
  TopologyBuilder& operator=(const TopologyBuilder&) = delete;

  void AddNode(storage::NodeId id);
  void AddNode(storage::NodeId id, const std::vector<std::string>& labels);
  void AddLabel(storage::NodeId id, std::string_view label);
  // `year` 0 = unknown. Fails (kInvalidArgument) when an endpoint was not
  // added as a node.
  storage::Status AddRel(storage::RelId id, storage::NodeId src, storage::NodeId dst,
                         std::string_view type, int32_t year = 0);
  // Fails on too many nodes, relationships, types or labels.
  storage::Result<std::shared_ptr<const Topology>> Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ecograph::graph
