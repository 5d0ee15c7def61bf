#include "query/optimizer/topology_policy.h"

#include "query/physical/operators.h"

namespace ecograph::query {

namespace {

struct TraversalProfile {
  int expands = 0;
  bool variable_length = false;
  bool scans = false;
};

void Profile(const Operator& op, TraversalProfile* profile) {
  if (dynamic_cast<const ExpandOperator*>(&op)) ++profile->expands;
  if (dynamic_cast<const VarExpandOperator*>(&op) || dynamic_cast<const ShortestPathOperator*>(&op)) {
    profile->variable_length = true;
  }
  if (dynamic_cast<const NodeScanOperator*>(&op)) profile->scans = true;
  if (const Operator* nested = op.Nested()) Profile(*nested, profile);
  for (const auto& child : op.children()) Profile(*child, profile);
}

}  // namespace

bool WantsTopology(const Operator& root) {
  TraversalProfile profile;
  Profile(root, &profile);
  return profile.variable_length || profile.expands >= 2 || (profile.expands >= 1 && profile.scans);
}

bool Traverses(const Operator& root) {
  TraversalProfile profile;
  Profile(root, &profile);
  return profile.variable_length || profile.expands > 0;
}

}  // namespace ecograph::query
