#pragma once
// Index selection: the seeks that can find a node of a pattern instead of a
// scan, from WHERE conjuncts (`id(n) = e`, `n.k = e`, `n.k < e`, ...) and
// inline properties (`{k: e}`) whose value `e` only reads bound slots.
#include <set>
#include <vector>

#include "query/optimizer/catalog.h"
#include "query/planner/logical_match.h"

namespace ecograph::query {

// A way to start at a node, with its estimated cost (lower is better):
// node id 1, index equality 2, index range 10 + label count / 4 (/ 16 with
// both bounds), label scan 10 + label count, all nodes 11 + node count.
struct StartCandidate {
  LogicalStep step;  // a kStart step
  double cost = 0;
};

// The seek candidates for parts[part].nodes[node], in a fixed order (WHERE
// conjuncts first, then inline properties) so ties resolve deterministically.
std::vector<StartCandidate> IndexSeekCandidates(const BoundPattern& pattern, size_t part, size_t node,
                                                const std::set<int>& bound, const Catalog& catalog);

}  // namespace ecograph::query
