#include "query/optimizer/optimizer.h"

#include "query/optimizer/predicate_pushdown.h"
#include "query/optimizer/start_choice.h"

namespace ecograph::query {

const std::vector<OptimizerRule>& OptimizerRules() {
  static const std::vector<OptimizerRule> rules = {
      {"start_choice", &ApplyStartChoice},
      {"predicate_pushdown",
       [](const BoundPattern& pattern, const Catalog&, LogicalMatch* plan) { ApplyPredicatePushdown(pattern, plan); }},
  };
  return rules;
}

void Optimize(const BoundPattern& pattern, const Catalog& catalog, LogicalMatch* plan) {
  for (const auto& rule : OptimizerRules()) rule.apply(pattern, catalog, plan);
}

}  // namespace ecograph::query
