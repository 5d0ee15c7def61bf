#include "tests/query/query_generator.h"

#include <algorithm>
#include <string>
#include <vector>

namespace ecograph::query::reference {

namespace {

// True with probability percent/100.
bool Chance(std::mt19937& rng, int percent) {
  return std::uniform_int_distribution<int>(0, 99)(rng) < percent;
}

int Pick(std::mt19937& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

template <typename T>
const T& PickOf(std::mt19937& rng, const std::vector<T>& items) {
  return items[static_cast<size_t>(Pick(rng, 0, static_cast<int>(items.size()) - 1))];
}

// Variables declared so far, by kind.
struct Vars {
  std::vector<std::string> nodes, rels, lists;
  int next_node = 0, next_rel = 0;
  std::string NewNode() { return "v" + std::to_string(next_node++); }
  std::string NewRel() { return "r" + std::to_string(next_rel++); }
};

RelPat RandomRel(std::mt19937& rng, bool named, Vars* vars) {
  RelPat rel;
  int types = Pick(rng, 0, 99);
  if (types < 15) {
    rel.types = {"R"};
  } else if (types < 25) {
    rel.types = {"S"};
  } else if (types < 35) {
    rel.types = {"R", "S"};
  }
  int dir = Pick(rng, 0, 99);
  rel.dir = dir < 45 ? Dir::kOut : dir < 70 ? Dir::kIn : Dir::kBoth;
  rel.var_length = Chance(rng, 40);
  if (rel.var_length) {
    rel.min_hops = PickOf(rng, std::vector<int>{0, 1, 1, 2});
    rel.max_hops = Chance(rng, 20) ? -1 : std::max(1, rel.min_hops + Pick(rng, 0, 2));
  }
  if (Chance(rng, 15)) rel.w = Pick(rng, 0, 1);
  if (named && Chance(rng, 70)) {
    rel.var = vars->NewRel();
    (rel.var_length ? vars->lists : vars->rels).push_back(rel.var);
  }
  return rel;
}

NodePat RandomNode(std::mt19937& rng, Vars* vars, bool must_name, int reuse_percent) {
  NodePat node;
  if (!vars->nodes.empty() && Chance(rng, reuse_percent)) {
    node.var = PickOf(rng, vars->nodes);
  } else if (must_name || Chance(rng, 75)) {
    node.var = vars->NewNode();
    vars->nodes.push_back(node.var);
  }
  if (Chance(rng, 20)) node.label = Chance(rng, 50) ? "A" : "B";
  if (Chance(rng, 10)) node.k = Pick(rng, 0, 2);
  return node;
}

PathPat RandomPath(std::mt19937& rng, Vars* vars, bool first_named, int first_reuse) {
  PathPat path;
  int length = PickOf(rng, std::vector<int>{1, 1, 1, 2, 2, 3});
  path.nodes.push_back(RandomNode(rng, vars, first_named, first_reuse));
  for (int rel_idx = 0; rel_idx < length; ++rel_idx) {
    path.rels.push_back(RandomRel(rng, true, vars));
    path.nodes.push_back(RandomNode(rng, vars, false, 15));
  }
  return path;
}

// exists((v)-[...]-()...) with anonymous everything but the start.
std::unique_ptr<Pred> RandomExists(std::mt19937& rng, const Vars& vars) {
  auto pred = std::make_unique<Pred>();
  pred->kind = Pred::Kind::kExists;
  PathPat path;
  NodePat start;
  start.var = PickOf(rng, vars.nodes);
  path.nodes.push_back(start);
  Vars scratch;
  int length = Pick(rng, 1, 2);
  for (int rel_idx = 0; rel_idx < length; ++rel_idx) {
    path.rels.push_back(RandomRel(rng, false, &scratch));
    NodePat node;
    if (Chance(rng, 20)) node.label = Chance(rng, 50) ? "A" : "B";
    path.nodes.push_back(node);
  }
  pred->pattern.push_back(std::move(path));
  return pred;
}

std::unique_ptr<Pred> RandomAtom(std::mt19937& rng, const Vars& vars) {
  while (true) {
    auto pred = std::make_unique<Pred>();
    int choice = Pick(rng, 0, 5);
    pred->op = static_cast<CmpOp>(Pick(rng, 0, 3));
    if (choice == 0 && !vars.nodes.empty()) {
      pred->var = PickOf(rng, vars.nodes);
      pred->key = "k";
      pred->constant = Pick(rng, 0, 2);
      return pred;
    }
    if (choice == 1 && !vars.nodes.empty()) {
      pred->kind = Pred::Kind::kIsNull;
      pred->var = PickOf(rng, vars.nodes);
      pred->key = "k";
      return pred;
    }
    if (choice == 2 && vars.nodes.size() >= 2) {
      pred->kind = Pred::Kind::kPropPropEq;
      pred->var = PickOf(rng, vars.nodes);
      pred->var2 = PickOf(rng, vars.nodes);
      return pred;
    }
    if (choice == 3 && !vars.rels.empty()) {
      pred->kind = Chance(rng, 70) ? Pred::Kind::kPropCmp : Pred::Kind::kIsNull;
      pred->var = PickOf(rng, vars.rels);
      pred->key = "w";
      pred->constant = Pick(rng, 0, 1);
      return pred;
    }
    if (choice == 4 && !vars.lists.empty()) {
      pred->kind = Pred::Kind::kAllRels;
      pred->var = PickOf(rng, vars.lists);
      pred->none = Chance(rng, 30);
      pred->constant = Pick(rng, 0, 1);
      return pred;
    }
    if (choice == 5 && !vars.nodes.empty()) return RandomExists(rng, vars);
  }
}

std::unique_ptr<Pred> RandomPred(std::mt19937& rng, const Vars& vars, int depth) {
  if (depth >= 2 || Chance(rng, 60)) return RandomAtom(rng, vars);
  auto pred = std::make_unique<Pred>();
  int choice = Pick(rng, 0, 2);
  pred->kind = choice == 0 ? Pred::Kind::kNot : choice == 1 ? Pred::Kind::kAnd : Pred::Kind::kOr;
  pred->children.push_back(RandomPred(rng, vars, depth + 1));
  if (pred->kind != Pred::Kind::kNot) pred->children.push_back(RandomPred(rng, vars, depth + 1));
  return pred;
}

Column RandomColumn(std::mt19937& rng, const Vars& vars) {
  while (true) {
    int choice = Pick(rng, 0, 3);
    if (choice <= 1 && !vars.nodes.empty()) {
      return Column{choice == 0 ? Column::Kind::kNodeI : Column::Kind::kNodeK, PickOf(rng, vars.nodes)};
    }
    if (choice == 2 && !vars.rels.empty()) return Column{Column::Kind::kRelJ, PickOf(rng, vars.rels)};
    if (choice == 3 && !vars.lists.empty()) return Column{Column::Kind::kRelListJ, PickOf(rng, vars.lists)};
  }
}

}  // namespace

RefGraph RandomGraph(std::mt19937& rng) {
  RefGraph graph;
  int node_count = Pick(rng, 1, 5);
  for (int node_idx = 0; node_idx < node_count; ++node_idx) {
    RefNode node;
    if (Chance(rng, 40)) node.labels.push_back("A");
    if (Chance(rng, 30)) node.labels.push_back("B");
    if (Chance(rng, 70)) node.k = Pick(rng, 0, 2);
    graph.nodes.push_back(node);
  }
  // Few relationships on few nodes, so trails stay few (many self-loops on
  // one node make thousands of rows).
  int rel_count = Pick(rng, 0, std::min(7, node_count * 2 + 1));
  for (int rel_idx = 0; rel_idx < rel_count; ++rel_idx) {
    RefRel rel;
    rel.src = Pick(rng, 0, node_count - 1);
    rel.dst = Chance(rng, 15) ? rel.src : Pick(rng, 0, node_count - 1);
    // Parallel edges: sometimes repeat the previous relationship's endpoints.
    if (rel_idx > 0 && Chance(rng, 15)) {
      rel.src = graph.rels.back().src;
      rel.dst = graph.rels.back().dst;
    }
    rel.type = Chance(rng, 65) ? "R" : "S";
    if (Chance(rng, 70)) rel.w = Pick(rng, 0, 1);
    graph.rels.push_back(rel);
  }
  return graph;
}

RefQuery RandomMatchQuery(std::mt19937& rng) {
  RefQuery query;
  Vars vars;
  query.match.push_back(RandomPath(rng, &vars, true, 0));
  if (Chance(rng, 30)) query.match.push_back(RandomPath(rng, &vars, false, 50));
  if (Chance(rng, 25)) {
    // An inline value reading another variable of this MATCH, often one the
    // pattern binds later.
    std::vector<NodePat*> named;
    for (PathPat& part : query.match) {
      for (NodePat& node : part.nodes) {
        if (!node.var.empty() && !node.k) named.push_back(&node);
      }
    }
    if (!named.empty()) named[Pick(rng, 0, static_cast<int>(named.size()) - 1)]->k_of = PickOf(rng, vars.nodes);
  }
  if (Chance(rng, 60)) query.where = RandomPred(rng, vars, 0);
  if (Chance(rng, 30)) {
    query.optional_match.push_back(RandomPath(rng, &vars, false, 85));
    if (Chance(rng, 50)) query.optional_where = RandomPred(rng, vars, 0);
  }
  int kind = Pick(rng, 0, 99);
  if (kind < 40) {
    query.return_kind = ReturnKind::kColumns;
    query.distinct = Chance(rng, 30);
    int count = Pick(rng, 1, 3);
    for (int column_idx = 0; column_idx < count; ++column_idx) query.columns.push_back(RandomColumn(rng, vars));
  } else if (kind < 60) {
    query.return_kind = ReturnKind::kCount;
  } else if (kind < 85) {
    query.return_kind = ReturnKind::kGroupCount;
    query.columns.push_back(RandomColumn(rng, vars));
  } else {
    query.return_kind = ReturnKind::kCountDistinct;
    query.columns.push_back(RandomColumn(rng, vars));
  }
  return query;
}

RefQuery RandomShortestQuery(std::mt19937& rng, const RefGraph& graph) {
  RefQuery query;
  int node_count = static_cast<int>(graph.nodes.size());
  int from = Pick(rng, 0, node_count - 1);
  int to = (from + Pick(rng, 1, node_count - 1)) % node_count;
  PathPat path;
  path.nodes.resize(2);
  path.nodes[0].var = "a";
  path.nodes[0].i = from;
  path.nodes[1].var = "b";
  path.nodes[1].i = to;
  Vars scratch;
  RelPat rel = RandomRel(rng, false, &scratch);
  rel.var_length = true;
  rel.min_hops = Pick(rng, 0, 1);
  rel.max_hops = Chance(rng, 60) ? -1 : Pick(rng, 1, 4);
  path.rels.push_back(rel);
  query.match.push_back(std::move(path));
  query.shortest = Chance(rng, 50) ? RefQuery::Shortest::kShortest : RefQuery::Shortest::kAll;
  if (Chance(rng, 80)) {
    auto pred = std::make_unique<Pred>();
    pred->kind = Pred::Kind::kAllRels;
    pred->var = "p";
    pred->none = Chance(rng, 30);
    pred->constant = Pick(rng, 0, 1);
    if (Chance(rng, 20)) {
      auto both = std::make_unique<Pred>();
      both->kind = Pred::Kind::kAnd;
      both->children.push_back(std::move(pred));
      auto endpoint = std::make_unique<Pred>();
      endpoint->kind = Pred::Kind::kIsNull;
      endpoint->var = Chance(rng, 50) ? "a" : "b";
      endpoint->key = "k";
      if (Chance(rng, 50)) {
        auto negated = std::make_unique<Pred>();
        negated->kind = Pred::Kind::kNot;
        negated->children.push_back(std::move(endpoint));
        endpoint = std::move(negated);
      }
      both->children.push_back(std::move(endpoint));
      pred = std::move(both);
    }
    query.where = std::move(pred);
  }
  // A predicate that is not per relationship: the exhaustive search.
  if (Chance(rng, 30)) {
    auto length = std::make_unique<Pred>();
    length->kind = Pred::Kind::kPathLengthGe;
    length->var = "p";
    length->constant = Pick(rng, 1, 3);
    if (query.where) {
      auto both = std::make_unique<Pred>();
      both->kind = Pred::Kind::kAnd;
      both->children.push_back(std::move(query.where));
      both->children.push_back(std::move(length));
      length = std::move(both);
    }
    query.where = std::move(length);
  }
  query.columns.push_back(Column{query.shortest == RefQuery::Shortest::kAll ? Column::Kind::kPathJ
                                                                           : Column::Kind::kPathLength,
                                 "p"});
  return query;
}

}  // namespace ecograph::query::reference
