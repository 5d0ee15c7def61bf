#pragma once
// Topology policy: whether a read statement's plan traverses relationships,
// and whether it traverses enough to pay for building the in-memory topology
// (graph/topology.h) instead of reading adjacency from the store.
#include <cstdint>

#include "query/physical/operator.h"

namespace ecograph::query {

// Store-mode adjacency entries after which later traversals build the
// in-memory topology even when each one alone would not.
constexpr uint64_t kStoreExpansionsBeforeTopology = 10'000;

// True when the plan (nested plans included) expands relationships.
bool Traverses(const Operator& root);
// True when the traversal is heavy enough to pay for one topology build: a
// variable-length or shortest-path search, two expansions, or an expansion
// from a node scan.
bool WantsTopology(const Operator& root);

}  // namespace ecograph::query
