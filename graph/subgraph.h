#pragma once
// Subgraph: a set of nodes and relationships taken from the store, the unit
// that render, export and path search hand to each other.
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "storage/store.h"

namespace ecograph::graph {

// "acquisitions", "investments", "partnerships", "subsidiaries",
// "affiliates" for the deal types; "" for any other type.
std::string DealNoun(const std::string& type);

struct Subgraph {
  std::string title;  // names the filter it came from (never raw query text)
  // The node the selection is centred on (render --around); diagrams
  // highlight it and lay out around it.
  std::optional<storage::NodeId> focus;
  // Footnotes for diagrams, e.g. what pruning left out.
  std::vector<std::string> notes;
  std::vector<storage::NodeRecord> nodes;
  std::vector<storage::RelRecord> rels;

  // Adds a node / relationship unless one with the same id is already in.
  void AddNode(const storage::NodeRecord& node);
  void AddRel(const storage::RelRecord& rel);
  bool HasNode(storage::NodeId id) const { return node_ids_.count(id) > 0; }
  // Sorts nodes and relationships by id (stable output).
  void Sort();

 private:
  std::unordered_set<storage::NodeId> node_ids_;
  std::unordered_set<storage::RelId> rel_ids_;
};

}  // namespace ecograph::graph
