#pragma once
// Logical-to-physical mapping of a MATCH pattern's steps onto the existing
// operators: Start -> NodeByIdSeek / NodeIndexSeek / NodeScan (Argument: no
// operator), Expand -> Expand, VarExpand -> VarExpand, ShortestPath ->
// ShortestPath, BuildPath -> Project, Check and Filter -> Filter.
#include "query/physical/operators.h"
#include "query/planner/logical_match.h"

namespace ecograph::query {

// Consumes the pattern's bound expressions (moved into the operators; seek
// values are copied). `input` produces the incoming rows.
OperatorPtr MapLogicalMatch(OperatorPtr input, BoundPattern& pattern, const LogicalMatch& plan);

}  // namespace ecograph::query
