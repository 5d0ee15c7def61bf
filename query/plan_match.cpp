// Pattern planning (MATCH, OPTIONAL MATCH, MERGE's match side, pattern
// predicates): bind the pattern, build its naive logical steps, let the
// optimizer rules improve them, map the result onto physical operators.
// Nested patterns (exists(), pattern comprehensions, WHERE patterns) come
// back here through Bind -> PlanNested.
#include "query/optimizer/optimizer.h"
#include "query/physical/map_match.h"
#include "query/planner.h"

namespace ecograph::query {

std::shared_ptr<PatternPlan> Planner::PlanNested(const Pattern& pattern, const Expr* where, Scope& scope,
                                                 std::vector<int>* new_slots) {
  auto plan = std::make_shared<PatternPlan>();
  auto argument = std::make_unique<ArgumentOperator>();
  plan->argument = argument.get();
  plan->root = PlanMatch(std::move(argument), pattern, where, scope, new_slots);
  return plan;
}

OperatorPtr Planner::PlanMatch(OperatorPtr input, const Pattern& pattern, const Expr* where, Scope& scope,
                               std::vector<int>* new_slots) {
  BoundPattern bound = BindPattern(pattern, where, scope, new_slots);
  LogicalMatch logical = BuildLogicalMatch(bound);
  Optimize(bound, catalog_, &logical);
  if (!explaining_) return MapLogicalMatch(std::move(input), bound, logical);
  std::string steps = RenderLogicalMatch(bound, logical);
  logical_ += "  " + SourceText(pattern.span) + "\n";
  for (size_t begin = 0; begin < steps.size();) {
    size_t end = steps.find('\n', begin);
    logical_ += "    " + steps.substr(begin, end - begin + 1);
    begin = end + 1;
  }
  return MapLogicalMatch(std::move(input), bound, logical);
}

}  // namespace ecograph::query
