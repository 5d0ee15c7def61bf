#pragma once
// Cutting a large subgraph down to what reads in one diagram, and naming a
// subgraph by what it contains (for results of arbitrary queries).
#include <cstddef>
#include <string>

#include "graph/subgraph.h"
#include "storage/store.h"

namespace ecograph::graph {

// Default for render's --cap: above this many nodes a diagram stops
// reading as a picture (measured on the bundled graph's 50-90 node views).
inline constexpr size_t kDefaultNodeCap = 40;

// Keeps at most `cap` nodes (cap 0 = keep all), the most relevant first,
// and the relationships between kept nodes; appends a note saying what was
// left out. Relevance:
//   with a focus: fewer deals away from the focus first (BFS over the
//     subgraph, ignoring direction); within a distance, companies
//     headquartered in the focus's region (read through `lookup`:
//     HEADQUARTERED_IN, then IN_REGION), then more deals to nodes nearer the
//     focus (SUBSIDIARY_OF / AFFILIATE_OF count after deals), then larger
//     total amount_usd, then id. The focus is always kept, and every kept
//     node keeps a path to it.
//   without one: more relationships first, then larger total amount_usd,
//     then id; nodes left without any relationship by the cut are dropped
//     too (nodes that had none before stay).
// Returns the number of nodes removed.
size_t PruneByRelevance(Subgraph& subgraph, size_t cap,
                        storage::Transaction* lookup = nullptr);

// "Alibaba Group ecosystem — acquisitions, investments and partnerships,
// 2010–2021": the first Company with role 'group' (else "Graph"), the deal
// types present, and the span of their `year` properties.
std::string DescribeSubgraph(const Subgraph& subgraph);

}  // namespace ecograph::graph
