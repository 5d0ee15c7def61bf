#include "graph/subgraph.h"

#include <algorithm>

namespace ecograph::graph {

std::string DealNoun(const std::string& type) {
  if (type == "ACQUIRED") return "acquisitions";
  if (type == "INVESTED_IN") return "investments";
  if (type == "PARTNERED_WITH") return "partnerships";
  if (type == "SUBSIDIARY_OF") return "subsidiaries";
  if (type == "AFFILIATE_OF") return "affiliates";
  return "";
}

void Subgraph::AddNode(const storage::NodeRecord& node) {
  if (node_ids_.insert(node.id).second) nodes.push_back(node);
}

void Subgraph::AddRel(const storage::RelRecord& rel) {
  if (rel_ids_.insert(rel.id).second) rels.push_back(rel);
}

void Subgraph::Sort() {
  std::sort(nodes.begin(), nodes.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  std::sort(rels.begin(), rels.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
}

}  // namespace ecograph::graph
