#include "cli/result_subgraph.h"

namespace ecograph::cli {
namespace {

using query::Value;
using query::ValueType;

storage::NodeRecord ToRecord(const query::NodeValue& node) {
  storage::NodeRecord record;
  record.id = node.id;
  record.labels = node.labels;
  record.properties = node.properties;
  return record;
}

storage::RelRecord ToRecord(const query::RelValue& rel) {
  storage::RelRecord record;
  record.id = rel.id;
  record.src = rel.src;
  record.dst = rel.dst;
  record.type = rel.type;
  record.properties = rel.properties;
  return record;
}

void Collect(const Value& value, graph::Subgraph* subgraph) {
  switch (value.type()) {
    case ValueType::kNode:
      subgraph->AddNode(ToRecord(value.as_node()));
      break;
    case ValueType::kRel:
      subgraph->AddRel(ToRecord(value.as_rel()));
      break;
    case ValueType::kPath:
      for (const auto& node : value.as_path().nodes) subgraph->AddNode(ToRecord(node));
      for (const auto& rel : value.as_path().rels) subgraph->AddRel(ToRecord(rel));
      break;
    case ValueType::kList:
      for (const Value& item : value.as_list()) Collect(item, subgraph);
      break;
    case ValueType::kMap:
      for (const auto& [key, item] : value.as_map()) Collect(item, subgraph);
      break;
    default:
      break;
  }
}

}  // namespace

graph::Subgraph SubgraphFromResult(const query::QueryResult& result, storage::Transaction* txn,
                                   const std::string& title) {
  graph::Subgraph subgraph;
  subgraph.title = title;
  for (const auto& row : result.rows) {
    for (const Value& value : row) Collect(value, &subgraph);
  }
  if (txn != nullptr) {
    std::vector<storage::NodeId> missing;
    for (const auto& rel : subgraph.rels) {
      if (!subgraph.HasNode(rel.src)) missing.push_back(rel.src);
      if (!subgraph.HasNode(rel.dst)) missing.push_back(rel.dst);
    }
    for (storage::NodeId id : missing) {
      if (subgraph.HasNode(id)) continue;
      auto node = txn->GetNode(id);
      if (node.ok() && node->has_value()) subgraph.AddNode(**node);
    }
  }
  subgraph.Sort();
  return subgraph;
}

}  // namespace ecograph::cli
