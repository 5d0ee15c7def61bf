// shortestPath: bidirectional breadth-first search, one level of the smaller
// frontier at a time. allShortestPaths: layered BFS from the source keeping
// every parent on a shortest layer, then enumerates the paths. WHERE
// conjuncts on the path are part of the search: per-relationship rules
// (all/none over the relationships) prune the BFS; any other conjunct makes
// the search exhaustive (relationship-unique paths by increasing length).
#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "query/physical/operators.h"

namespace ecograph::query {

std::string DescribeExpand(const ExpandSpec& spec, const std::string& range);

namespace {

storage::Direction Reverse(storage::Direction direction) {
  switch (direction) {
    case storage::Direction::kOutgoing: return storage::Direction::kIncoming;
    case storage::Direction::kIncoming: return storage::Direction::kOutgoing;
    case storage::Direction::kBoth: return storage::Direction::kBoth;
  }
  return direction;
}

uint64_t NodeIdOf(const Slot& slot) {
  if (slot.kind == Slot::Kind::kNode) return slot.id;
  if (slot.value.type() == ValueType::kNode) return slot.value.as_node().id;
  return UINT64_MAX;
}

struct Parent {
  uint64_t node;
  Neighbor entry;  // from `node` to the child (in search direction)
};

}  // namespace

ShortestPathOperator::ShortestPathOperator(OperatorPtr child, ExpandSpec spec, int64_t min_hops,
                                           int64_t max_hops, bool all, int path_slot,
                                           PathPredicates predicates)
    : spec_(std::move(spec)), min_hops_(min_hops), max_hops_(max_hops), all_(all),
      path_slot_(path_slot), predicates_(std::move(predicates)) {
  children_.push_back(std::move(child));
}

std::string ShortestPathOperator::Describe() const {
  std::string where;
  if (!predicates_.empty()) {
    where = std::string(predicates_.edge_rules_suffice ? " WHERE " : " WHERE (exhaustive) ") + predicates_.text;
  }
  std::string max = max_hops_ >= (int64_t{1} << 30) ? "" : std::to_string(max_hops_);
  return std::string(all_ ? "AllShortestPaths(" : "ShortestPath(") +
         DescribeExpand(spec_, std::string("*").append(std::to_string(min_hops_)).append("..").append(max)) + where + ")";
}

bool ShortestPathOperator::EdgePassesRules(ExecContext& ctx, Row* row, uint64_t node,
                                           const Neighbor& entry) const {
  if (spec_.edge_filter && !spec_.edge_filter->Passes(ctx, row, node, entry)) return false;
  const Slot rel = RelSlotOf(node, entry);
  for (const auto& rule : predicates_.edge_rules) {
    (*row)[rule.slot] = rel;
    Value verdict = Evaluate(*rule.predicate, *row, ctx);
    if (verdict.type() != ValueType::kBool || verdict.as_bool() != rule.want) return false;
  }
  return true;
}

void ShortestPathOperator::BindPath(ExecContext& ctx, Row* row, uint64_t start,
                                    const std::vector<Neighbor>& path) const {
  PathValue value;
  auto first = ctx.GetNode(start);
  value.nodes.push_back(first ? *first : NodeValue{start, {}, {}});
  ValueList rels;
  for (const auto& entry : path) {
    auto rel = ctx.GetRel(entry.rel);
    RelValue rel_value = rel ? *rel : RelValue{entry.rel, 0, 0, ctx.TypeName(entry.type), {}};
    value.rels.push_back(rel_value);
    if (spec_.rel_slot >= 0) rels.push_back(Value::Rel(rel_value));
    auto node = ctx.GetNode(entry.node);
    value.nodes.push_back(node ? *node : NodeValue{entry.node, {}, {}});
  }
  if (path_slot_ >= 0) {
    Slot slot;
    slot.value = Value::Path(std::move(value));
    (*row)[path_slot_] = std::move(slot);
  }
  if (spec_.rel_slot >= 0) {
    Slot slot;
    slot.value = Value::List(std::move(rels));
    (*row)[spec_.rel_slot] = std::move(slot);
  }
}

void ShortestPathOperator::SearchExhaustive(ExecContext& ctx, Row* row, uint64_t from, uint64_t to) {
  if (from == to && min_hops_ > 0) return;  // as the breadth-first search
  for (const auto& label : spec_.to_labels) {
    if (!ctx.HasLabel(to, label)) return;
  }
  auto accept = [&](const std::vector<Neighbor>& path) {
    BindPath(ctx, row, from, path);
    for (const auto& conjunct : predicates_.conjuncts) {
      if (!EvaluatePredicate(*conjunct, *row, ctx)) return false;
    }
    return true;
  };
  std::vector<Neighbor> path;
  std::unordered_set<uint64_t> in_path;
  std::vector<NeighborCursor> cursors;
  for (int64_t length = min_hops_; length <= max_hops_; ++length) {
    bool reached = false;  // some relationship-unique path has this length
    if (length == 0) {
      reached = true;
      if (from == to && accept(path)) {
        paths_.push_back(path);
        path_starts_.push_back(from);
      }
    } else {
      // Depth-first over paths of exactly `length` relationships.
      path.clear();
      in_path.clear();
      cursors.clear();
      cursors.emplace_back();
      cursors.back().Reset(ctx, from, spec_.direction, spec_.types);
      while (!cursors.empty()) {
        Neighbor entry;
        if (!cursors.back().Next(ctx, &entry)) {
          cursors.pop_back();
          if (!path.empty()) {
            in_path.erase(path.back().rel);
            path.pop_back();
          }
          continue;
        }
        ctx.Tick();
        uint64_t node = path.empty() ? from : path.back().node;
        if (in_path.count(entry.rel) || !EdgeAllowed(ctx, row, node, entry)) continue;
        if (static_cast<int64_t>(path.size()) + 1 == length) {
          reached = true;
          if (entry.node != to) continue;
          path.push_back(entry);
          bool accepted = accept(path);
          if (accepted) {
            paths_.push_back(path);
            path_starts_.push_back(from);
            ctx.CheckRowCount(paths_.size(), "allShortestPaths");
          }
          path.pop_back();
          if (accepted && !all_) return;
          continue;
        }
        path.push_back(entry);
        in_path.insert(entry.rel);
        cursors.emplace_back();
        cursors.back().Reset(ctx, entry.node, spec_.direction, spec_.types);
      }
    }
    if (!paths_.empty() || !reached) return;
  }
}

void ShortestPathOperator::ComputePaths(ExecContext& ctx, Row* row, uint64_t from, uint64_t to) {
  paths_.clear();
  path_starts_.clear();
  next_path_ = 0;
  if (!predicates_.empty() && !predicates_.edge_rules_suffice) {
    SearchExhaustive(ctx, row, from, to);
    return;
  }
  auto labels_ok = [&](uint64_t node) {
    for (const auto& label : spec_.to_labels) {
      if (!ctx.HasLabel(node, label)) return false;
    }
    return true;
  };
  if (from == to) {
    if (min_hops_ == 0) {
      paths_.push_back({});
      path_starts_.push_back(from);
    }
    return;
  }
  if (!all_) {
    std::unordered_map<uint64_t, std::pair<int64_t, Parent>> forward, backward;
    forward[from] = {0, Parent{from, {}}};
    backward[to] = {0, Parent{to, {}}};
    std::vector<uint64_t> forward_frontier{from}, backward_frontier{to};
    int64_t forward_depth = 0, backward_depth = 0;
    Neighbor entry;
    NeighborCursor forward_cursor, backward_cursor;
    while (!forward_frontier.empty() && !backward_frontier.empty() &&
           forward_depth + backward_depth < max_hops_) {
      bool expand_forward = forward_frontier.size() <= backward_frontier.size();
      auto& frontier = expand_forward ? forward_frontier : backward_frontier;
      auto& visited = expand_forward ? forward : backward;
      auto& other = expand_forward ? backward : forward;
      int64_t& depth = expand_forward ? forward_depth : backward_depth;
      storage::Direction direction = expand_forward ? spec_.direction : Reverse(spec_.direction);
      std::vector<uint64_t> next;
      int64_t best = INT64_MAX;
      uint64_t meet = 0;
      NeighborCursor& cursor = expand_forward ? forward_cursor : backward_cursor;
      for (uint64_t node : frontier) {
        cursor.Reset(ctx, node, direction, spec_.types);
        while (cursor.Next(ctx, &entry)) {
          ctx.Tick();
          if (visited.count(entry.node) || !EdgeAllowed(ctx, row, node, entry)) continue;
          visited[entry.node] = {depth + 1, Parent{node, entry}};
          auto hit = other.find(entry.node);
          if (hit != other.end()) {
            int64_t length = depth + 1 + hit->second.first;
            if (length < best) {
              best = length;
              meet = entry.node;
            }
          }
          next.push_back(entry.node);
        }
      }
      ++depth;
      ctx.CheckRowCount(forward.size() + backward.size(), "shortestPath search");
      if (best != INT64_MAX) {
        if (best > max_hops_ || best < min_hops_) return;
        std::vector<Neighbor> path;
        // Forward half: walk parents back to `from`, entries reversed.
        for (uint64_t node = meet; node != from;) {
          const Parent& parent = forward[node].second;
          path.push_back(parent.entry);
          node = parent.node;
        }
        std::reverse(path.begin(), path.end());
        for (uint64_t node = meet; node != to;) {
          const Parent& parent = backward[node].second;
          Neighbor flipped = parent.entry;
          flipped.node = parent.node;
          flipped.outgoing = !parent.entry.outgoing;
          path.push_back(flipped);
          node = parent.node;
        }
        if (!labels_ok(to)) return;
        paths_.push_back(std::move(path));
        path_starts_.push_back(from);
        return;
      }
      frontier = std::move(next);
    }
    return;
  }
  // allShortestPaths: layered BFS from `from`.
  std::unordered_map<uint64_t, int64_t> depth_of{{from, 0}};
  std::unordered_map<uint64_t, std::vector<Parent>> parents;
  std::vector<uint64_t> frontier{from};
  int64_t depth = 0;
  bool found = false;
  Neighbor entry;
  NeighborCursor cursor;
  while (!frontier.empty() && depth < max_hops_ && !found) {
    std::vector<uint64_t> next;
    for (uint64_t node : frontier) {
      cursor.Reset(ctx, node, spec_.direction, spec_.types);
      while (cursor.Next(ctx, &entry)) {
        ctx.Tick();
        if (!EdgeAllowed(ctx, row, node, entry)) continue;
        auto it = depth_of.find(entry.node);
        if (it == depth_of.end()) {
          depth_of[entry.node] = depth + 1;
          next.push_back(entry.node);
        } else if (it->second != depth + 1) {
          continue;
        }
        parents[entry.node].push_back(Parent{node, entry});
        if (entry.node == to) found = true;
      }
    }
    ++depth;
    ctx.CheckRowCount(depth_of.size(), "allShortestPaths search");
    frontier = std::move(next);
  }
  if (!found || depth < min_hops_ || !labels_ok(to)) return;
  // Enumerate every path back from `to` (depth-first over parents).
  std::vector<Neighbor> reversed;
  std::function<void(uint64_t)> walk = [&](uint64_t node) {
    if (node == from) {
      paths_.emplace_back(reversed.rbegin(), reversed.rend());
      path_starts_.push_back(from);
      ctx.CheckRowCount(paths_.size(), "allShortestPaths");
      return;
    }
    for (const Parent& parent : parents[node]) {
      reversed.push_back(parent.entry);
      walk(parent.node);
      reversed.pop_back();
    }
  };
  walk(to);
}

bool ShortestPathOperator::NextImpl(ExecContext& ctx, Row* row) {
  while (true) {
    if (next_path_ < paths_.size()) {
      const auto& path = paths_[next_path_];
      uint64_t current = path_starts_[next_path_];
      ++next_path_;
      BindPath(ctx, row, current, path);
      return true;
    }
    if (!child()->Next(ctx, row)) return false;
    uint64_t from = NodeIdOf((*row)[spec_.from_slot]);
    uint64_t to = NodeIdOf((*row)[spec_.to_slot]);
    paths_.clear();
    next_path_ = 0;
    if (from == UINT64_MAX || to == UINT64_MAX) continue;
    ComputePaths(ctx, row, from, to);
  }
}

}  // namespace ecograph::query
