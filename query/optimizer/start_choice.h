#pragma once
// Start choice: orders the pattern's parts and picks where each one starts,
// cheapest first: a bound node > a node id > an index equality > an index
// range > the smallest label scan > all nodes (costs in index_selection.h).
// shortestPath parts go last, starting at both ends.
#include <set>

#include "query/optimizer/index_selection.h"

namespace ecograph::query {

// The cheapest way to start at parts[part].nodes[node] given `bound`.
StartCandidate ChooseStart(const BoundPattern& pattern, size_t part, size_t node, const std::set<int>& bound,
                           const Catalog& catalog);

// Rebuilds the plan's steps from the chosen starts; the conjuncts not taken
// by a shortestPath search go into one Filter at the end (predicate
// pushdown places them).
void ApplyStartChoice(const BoundPattern& pattern, const Catalog& catalog, LogicalMatch* plan);

}  // namespace ecograph::query
