#pragma once
// LogicalMatch: one MATCH pattern as a linear list of logical steps, read
// top to bottom (the first step runs first, on the incoming rows). Steps
// refer to the BoundPattern they were built from by index; expressions
// (seek values) point into it, so the BoundPattern must outlive the plan.
//
// Invariants: a step only reads slots bound before it or by an earlier step;
// every conjunct is in exactly one Filter or ShortestPath step.
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "query/binder/bound_pattern.h"

namespace ecograph::query {

enum class LogicalStepKind { kStart, kExpand, kVarExpand, kShortestPath, kBuildPath, kCheck, kFilter };

// How a Start step finds its node. kArgument: the node is already bound.
enum class LogicalStartKind { kArgument, kNodeById, kIndexSeek, kIndexRange, kLabelScan, kAllNodes };

struct LogicalStep {
  LogicalStepKind kind = LogicalStepKind::kFilter;
  size_t part = 0;  // pattern part (all kinds but kFilter)
  size_t node = 0;  // kStart, kCheck of a node: node index in the part
  size_t rel = 0;   // kExpand, kVarExpand, kShortestPath, kCheck of a relationship
  bool check_rel = false;  // kCheck: of parts[part].rels[rel], else of nodes[node]

  // kStart.
  LogicalStartKind start = LogicalStartKind::kAllNodes;
  std::string label, key;  // label scan / index seek label, index key
  const BoundExpr* equality = nullptr;        // kNodeById, kIndexSeek value
  const BoundExpr* lo = nullptr;              // kIndexRange bounds (either may be null)
  const BoundExpr* hi = nullptr;
  bool lo_inclusive = true, hi_inclusive = true;

  // kExpand / kVarExpand.
  bool reversed = false;  // expands the pattern right-to-left
  bool to_bound = false;  // expand-into: the far node is already bound
  std::vector<int> distinct_from;  // relationship uniqueness: rel slots bound earlier

  // kCheck: labels still to check (the start's own label is not re-checked)
  // and whether the inline properties are checked.
  std::vector<std::string> check_labels;
  bool check_properties = false;

  // kFilter: the conjuncts; kShortestPath: the path predicates searched with.
  std::vector<size_t> conjuncts;

  std::string rule;  // the optimizer rule that made this step ("" = naive)
};

struct LogicalMatch {
  std::vector<LogicalStep> steps;
};

// What is bound while steps are appended.
struct StepBuildState {
  std::set<int> bound;             // slots bound so far
  std::vector<int> rel_slots;      // relationships bound so far (uniqueness)
  std::vector<bool> conjunct_used;  // conjuncts taken by a ShortestPath step
};

// Picks the Start step of a node, given what is bound.
using StartChooser = std::function<LogicalStep(const BoundPattern&, size_t part, size_t node,
                                               const StepBuildState&)>;

// Appends one part's steps: Start (+ Check) at `start_node`, expansions to
// the right, then to the left (reversed), then BuildPath. A shortestPath part
// starts at both ends and takes the WHERE conjuncts that read its path as
// search predicates (they are part of the search, not a filter after it).
void AppendPartSteps(const BoundPattern& pattern, size_t part, size_t start_node,
                     const StartChooser& choose, StepBuildState* state, std::vector<LogicalStep>* out);

// The naive plan: parts in written order, each from its first node
// (Argument when bound, else AllNodes), one Filter of every other conjunct
// at the end. Correct, slow; the optimizer rules improve it.
LogicalMatch BuildLogicalMatch(const BoundPattern& pattern);

// The slots a step binds (none for Check and Filter).
std::vector<int> SlotsBoundBy(const BoundPattern& pattern, const LogicalStep& step);

// One line per step, for EXPLAIN.
std::string RenderLogicalMatch(const BoundPattern& pattern, const LogicalMatch& plan);

}  // namespace ecograph::query
