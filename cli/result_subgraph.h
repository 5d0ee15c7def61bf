#pragma once
// The subgraph a query result returns: every node, relationship and path in
// its rows (also inside lists and maps), for :render, render --query and
// export --query.
#include <string>

#include "graph/subgraph.h"
#include "query/engine.h"
#include "storage/store.h"

namespace ecograph::cli {

// Collects the graph values of `result`. Endpoints of collected
// relationships that are not in the result are read through `txn` (when
// given) so that every relationship has both ends.
graph::Subgraph SubgraphFromResult(const query::QueryResult& result, storage::Transaction* txn,
                                   const std::string& title);

}  // namespace ecograph::cli
