#pragma once
// A brute-force evaluator of RefQuery over a RefGraph, written for the
// differential test and sharing no code with the engine: it enumerates every
// assignment of pattern variables to nodes and relationships and keeps those
// that satisfy the pattern and WHERE under openCypher semantics
// (relationship uniqueness per MATCH pattern, three-valued logic, OPTIONAL
// MATCH null-padding, shortest paths chosen among the paths satisfying WHERE).
#include <string>
#include <vector>

#include "tests/query/reference_model.h"

namespace ecograph::query::reference {

// The result rows, each rendered as "v1 | v2 | ..." the way
// Value::ToDisplayString renders integers, null and lists; unordered.
std::vector<std::string> EvaluateReference(const RefGraph& graph, const RefQuery& query);

}  // namespace ecograph::query::reference
