#pragma once
// Predicate pushdown: every WHERE conjunct in a Filter moves to right after
// the step that binds the last slot it reads (after that step's Checks);
// conjuncts over slots bound before the pattern go first. Conjuncts that
// become ready at the same point share one Filter, in WHERE order.
#include "query/planner/logical_match.h"

namespace ecograph::query {

void ApplyPredicatePushdown(const BoundPattern& pattern, LogicalMatch* plan);

}  // namespace ecograph::query
