#pragma once
// Random small graphs (self-loops, parallel edges, cycles, null properties)
// and random queries over them for the differential test. Deterministic for
// a given generator state.
#include <random>

#include "tests/query/reference_model.h"

namespace ecograph::query::reference {

RefGraph RandomGraph(std::mt19937& rng);
// MATCH [WHERE] [OPTIONAL MATCH [WHERE]] RETURN ... with fixed and
// variable-length relationships, node re-use, exists() predicates.
RefQuery RandomMatchQuery(std::mt19937& rng);
// MATCH p = shortestPath/allShortestPaths((a {i: X})-[*..]-(b {i: Y})) WHERE
// a predicate on the path. REQUIRES: graph has at least two nodes.
RefQuery RandomShortestQuery(std::mt19937& rng, const RefGraph& graph);

}  // namespace ecograph::query::reference
