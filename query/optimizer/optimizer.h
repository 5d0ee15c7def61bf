#pragma once
// The optimizer driver: applies the named rules to a MATCH pattern's
// logical plan, in order. Each rule keeps the plan correct on its own.
#include <string>
#include <vector>

#include "query/optimizer/catalog.h"
#include "query/planner/logical_match.h"

namespace ecograph::query {

struct OptimizerRule {
  const char* name;
  void (*apply)(const BoundPattern& pattern, const Catalog& catalog, LogicalMatch* plan);
};

// start_choice (with index_selection's seeks), then predicate_pushdown. The
// topology policy (topology_policy.h) is decided on the physical plan.
const std::vector<OptimizerRule>& OptimizerRules();

void Optimize(const BoundPattern& pattern, const Catalog& catalog, LogicalMatch* plan);

}  // namespace ecograph::query
