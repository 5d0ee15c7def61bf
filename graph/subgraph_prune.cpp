#include "graph/subgraph_prune.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace ecograph::graph {

namespace {

using storage::NodeId;

std::optional<double> Number(const storage::PropertyMap& props, const char* key) {
  const auto it = props.find(key);
  if (it == props.end()) return std::nullopt;
  if (it->second.kind() == storage::ValueKind::kInt) return static_cast<double>(it->second.as_int());
  if (it->second.kind() == storage::ValueKind::kDouble && std::isfinite(it->second.as_double())) {
    return it->second.as_double();
  }
  return std::nullopt;
}

std::string StringProp(const storage::PropertyMap& props, const char* key) {
  const auto it = props.find(key);
  if (it == props.end() || it->second.kind() != storage::ValueKind::kString) return "";
  return it->second.as_string();
}

bool HasLabel(const storage::NodeRecord& node, const char* label) {
  return std::find(node.labels.begin(), node.labels.end(), label) != node.labels.end();
}


// Nodes two or more steps from the focus that one nearer node may bring in.
constexpr size_t kPerNearerNode = 12;

bool IsOwnership(const std::string& type) {
  return type == "SUBSIDIARY_OF" || type == "AFFILIATE_OF";
}

// The first neighbour of `id` over `type` (outgoing), if any.
std::optional<NodeId> FirstOut(storage::Transaction& txn, NodeId id, const std::string& type) {
  std::unique_ptr<storage::AdjacencyIterator> it =
      txn.Expand(id, storage::Direction::kOutgoing, {type});
  storage::AdjacencyEntry entry;
  if (it->Next(&entry)) return entry.neighbor;
  return std::nullopt;
}

// The region (else the country) a company is headquartered in; nullopt
// when unknown. Best effort: read failures count as unknown.
std::optional<NodeId> HomeRegion(storage::Transaction& txn, NodeId id) {
  auto country = FirstOut(txn, id, "HEADQUARTERED_IN");
  if (!country) return std::nullopt;
  if (auto region = FirstOut(txn, *country, "IN_REGION")) return region;
  return country;
}

}  // namespace

size_t PruneByRelevance(Subgraph& subgraph, size_t cap, storage::Transaction* lookup) {
  const size_t before = subgraph.nodes.size();
  if (cap == 0 || before <= cap) return 0;
  std::unordered_map<NodeId, std::vector<NodeId>> neighbours;
  std::unordered_map<NodeId, double> amount;
  for (const storage::RelRecord& rel : subgraph.rels) {
    if (rel.src == rel.dst) continue;
    neighbours[rel.src].push_back(rel.dst);
    neighbours[rel.dst].push_back(rel.src);
    const double usd = Number(rel.properties, "amount_usd").value_or(0);
    amount[rel.src] += usd;
    amount[rel.dst] += usd;
  }
  std::set<NodeId> kept;
  std::string why;
  const bool focused = subgraph.focus && subgraph.HasNode(*subgraph.focus);
  if (focused) {
    std::unordered_map<NodeId, int> distance = {{*subgraph.focus, 0}};
    std::vector<NodeId> frontier = {*subgraph.focus};
    while (!frontier.empty()) {
      std::vector<NodeId> next;
      for (NodeId id : frontier) {
        for (NodeId other : neighbours[id]) {
          if (distance.emplace(other, distance[id] + 1).second) next.push_back(other);
        }
      }
      frontier = std::move(next);
    }
    std::unordered_map<NodeId, int> nearer_deals, nearer_ownership;
    for (const storage::RelRecord& rel : subgraph.rels) {
      const auto a = distance.find(rel.src);
      const auto b = distance.find(rel.dst);
      if (a == distance.end() || b == distance.end() || a->second == b->second) continue;
      const NodeId farther = a->second > b->second ? rel.src : rel.dst;
      ++(IsOwnership(rel.type) ? nearer_ownership : nearer_deals)[farther];
    }
    const std::optional<NodeId> home =
        lookup != nullptr ? HomeRegion(*lookup, *subgraph.focus) : std::nullopt;
    std::vector<std::tuple<int, int, int, int, double, NodeId>> order;
    for (const storage::NodeRecord& node : subgraph.nodes) {
      const auto it = distance.find(node.id);
      const int d = it == distance.end() ? 1 << 20 : it->second;
      const bool near_home = home && lookup != nullptr && HomeRegion(*lookup, node.id) == home;
      order.emplace_back(d, near_home ? 0 : 1, -nearer_deals[node.id], -nearer_ownership[node.id],
                         -amount[node.id], node.id);
    }
    std::sort(order.begin(), order.end());
    // A node two or more steps out is reached through one nearer node, its
    // most specific one (fewest neighbours). A hub one step from the focus
    // (the group, for a subsidiary) would otherwise fill the cap with its own
    // fan, unrelated to the focus: each nearer node brings at most
    // kPerNearerNode of them.
    std::unordered_map<NodeId, size_t> brought;
    bool quota_hit = false;
    for (const auto& entry : order) {
      if (kept.size() >= cap) break;
      const NodeId id = std::get<5>(entry);
      const int d = std::get<0>(entry);
      if (d >= 2 && d < (1 << 20)) {
        std::optional<NodeId> via;
        for (NodeId other : neighbours[id]) {
          const auto it = distance.find(other);
          if (it == distance.end() || it->second != d - 1) continue;
          if (!via || neighbours[other].size() < neighbours[*via].size()) via = other;
        }
        if (via && brought[*via]++ >= kPerNearerNode) {
          quota_hit = true;
          continue;
        }
      }
      kept.insert(id);
    }
    why = home ? "the farthest from the focus, outside its region and least connected"
               : "the farthest from the focus and least connected";
    if (quota_hit) why += ", at most " + std::to_string(kPerNearerNode) + " through any one nearer node";
  } else {
    std::vector<std::tuple<int, double, NodeId>> order;
    for (const storage::NodeRecord& node : subgraph.nodes) {
      order.emplace_back(-static_cast<int>(neighbours[node.id].size()), -amount[node.id], node.id);
    }
    std::sort(order.begin(), order.end());
    for (size_t idx = 0; idx < cap && idx < order.size(); ++idx) kept.insert(std::get<2>(order[idx]));
    // Drop nodes the cut left without any relationship.
    std::set<NodeId> connected;
    for (const storage::RelRecord& rel : subgraph.rels) {
      if (kept.count(rel.src) && kept.count(rel.dst)) {
        connected.insert(rel.src);
        connected.insert(rel.dst);
      }
    }
    std::erase_if(kept, [&](NodeId id) { return !connected.count(id) && !neighbours[id].empty(); });
    why = "the least connected, with the smallest deals";
  }
  Subgraph pruned;
  pruned.title = subgraph.title;
  pruned.focus = subgraph.focus;
  pruned.notes = subgraph.notes;
  for (const storage::NodeRecord& node : subgraph.nodes) {
    if (kept.count(node.id)) pruned.AddNode(node);
  }
  for (const storage::RelRecord& rel : subgraph.rels) {
    if (kept.count(rel.src) && kept.count(rel.dst)) pruned.AddRel(rel);
  }
  const size_t removed = before - pruned.nodes.size();
  pruned.notes.push_back("Showing " + std::to_string(pruned.nodes.size()) + " of " +
                         std::to_string(before) + " nodes (cap " + std::to_string(cap) +
                         "): left out " + std::to_string(removed) + ", " + why +
                         ". --cap 0 draws all.");
  subgraph = std::move(pruned);
  return removed;
}

std::string DescribeSubgraph(const Subgraph& subgraph) {
  std::string head;
  for (const storage::NodeRecord& node : subgraph.nodes) {
    if (HasLabel(node, "Company") && StringProp(node.properties, "role") == "group") {
      head = StringProp(node.properties, "name") + " ecosystem";
      break;
    }
  }
  if (head.empty()) head = "Graph";
  static const char* const kOrder[] = {"ACQUIRED", "INVESTED_IN", "PARTNERED_WITH", "SUBSIDIARY_OF",
                                       "AFFILIATE_OF"};
  std::set<std::string> types;
  std::optional<int64_t> first, last;
  for (const storage::RelRecord& rel : subgraph.rels) {
    types.insert(rel.type);
    if (DealNoun(rel.type).empty()) continue;
    if (auto year = Number(rel.properties, "year")) {
      const auto y = static_cast<int64_t>(std::llround(*year));
      first = first ? std::min(*first, y) : y;
      last = last ? std::max(*last, y) : y;
    }
  }
  std::vector<std::string> nouns;
  for (const char* type : kOrder) {
    if (types.count(type)) nouns.push_back(DealNoun(type));
  }
  std::string detail;
  for (size_t idx = 0; idx < nouns.size(); ++idx) {
    if (idx > 0) detail += idx + 1 == nouns.size() ? " and " : ", ";
    detail += nouns[idx];
  }
  if (first) {
    if (!detail.empty()) detail += ", ";
    detail += *first == *last ? std::to_string(*first)
                              : std::to_string(*first) + "\xE2\x80\x93" + std::to_string(*last);
  }
  return detail.empty() ? head : head + " \xE2\x80\x94 " + detail;
}

}  // namespace ecograph::graph
