#include "tests/query/reference_evaluator.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace ecograph::query::reference {

namespace {

// What a variable holds.
struct Binding {
  enum class Kind { kNull, kNode, kRel, kRelList, kPath };
  Kind kind = Kind::kNull;
  int id = -1;            // kNode / kRel; kPath: start node
  std::vector<int> rels;  // kRelList / kPath, in path order
};

using Env = std::map<std::string, Binding>;

// Three-valued truth.
enum class Truth { kFalse, kTrue, kNull };

Truth Not(Truth value) {
  if (value == Truth::kNull) return value;
  return value == Truth::kTrue ? Truth::kFalse : Truth::kTrue;
}

class Evaluator {
 public:
  explicit Evaluator(const RefGraph& graph) : graph_(graph) {}

  // Calls `found` for each match of `parts` extending `env`; relationships
  // are unique within the parts.
  void Match(const std::vector<PathPat>& parts, Env& env, const std::function<void(Env&)>& found) {
    std::vector<bool> used(graph_.rels.size(), false);
    MatchPart(parts, 0, env, used, found);
  }

  Truth Eval(const Pred& pred, const Env& env) {
    switch (pred.kind) {
      case Pred::Kind::kPropCmp: {
        auto value = Property(env, pred.var, pred.key);
        if (!value) return Truth::kNull;
        bool result = false;
        switch (pred.op) {
          case CmpOp::kEq: result = *value == pred.constant; break;
          case CmpOp::kNe: result = *value != pred.constant; break;
          case CmpOp::kLt: result = *value < pred.constant; break;
          case CmpOp::kLe: result = *value <= pred.constant; break;
        }
        return result ? Truth::kTrue : Truth::kFalse;
      }
      case Pred::Kind::kPropPropEq: {
        auto left = Property(env, pred.var, "k");
        auto right = Property(env, pred.var2, "k");
        if (!left || !right) return Truth::kNull;
        return *left == *right ? Truth::kTrue : Truth::kFalse;
      }
      case Pred::Kind::kIsNull:
        return Property(env, pred.var, pred.key) ? Truth::kFalse : Truth::kTrue;
      case Pred::Kind::kAllRels: {
        const Binding& list = env.at(pred.var);
        if (list.kind == Binding::Kind::kNull) return Truth::kNull;
        // all(): false if any false, else null if any null, else true.
        // none(): false if any true, else null if any null, else true.
        bool saw_null = false;
        for (int rel : list.rels) {
          const auto& w = graph_.rels[rel].w;
          if (!w) {
            saw_null = true;
            continue;
          }
          bool equal = *w == pred.constant;
          if (pred.none ? equal : !equal) return Truth::kFalse;
        }
        return saw_null ? Truth::kNull : Truth::kTrue;
      }
      case Pred::Kind::kExists: {
        // A null start node: exists() of a pattern on null is null.
        for (const auto& part : pred.pattern) {
          for (const auto& node : part.nodes) {
            auto it = env.find(node.var);
            if (!node.var.empty() && it != env.end() && it->second.kind == Binding::Kind::kNull) {
              return Truth::kNull;
            }
          }
        }
        Env scratch = env;
        bool any = false;
        Match(pred.pattern, scratch, [&](Env&) { any = true; });
        return any ? Truth::kTrue : Truth::kFalse;
      }
      case Pred::Kind::kPathLengthGe: {
        const Binding& path = env.at(pred.var);
        if (path.kind == Binding::Kind::kNull) return Truth::kNull;
        return static_cast<int64_t>(path.rels.size()) >= pred.constant ? Truth::kTrue : Truth::kFalse;
      }
      case Pred::Kind::kNot: return Not(Eval(*pred.children[0], env));
      case Pred::Kind::kAnd: {
        Truth left = Eval(*pred.children[0], env), right = Eval(*pred.children[1], env);
        if (left == Truth::kFalse || right == Truth::kFalse) return Truth::kFalse;
        if (left == Truth::kNull || right == Truth::kNull) return Truth::kNull;
        return Truth::kTrue;
      }
      case Pred::Kind::kOr: {
        Truth left = Eval(*pred.children[0], env), right = Eval(*pred.children[1], env);
        if (left == Truth::kTrue || right == Truth::kTrue) return Truth::kTrue;
        if (left == Truth::kNull || right == Truth::kNull) return Truth::kNull;
        return Truth::kFalse;
      }
    }
    return Truth::kNull;
  }

  std::string Render(const Column& column, const Env& env) {
    const Binding& binding = env.at(column.var);
    if (binding.kind == Binding::Kind::kNull) return "null";
    auto list_text = [&](const std::vector<int>& rels) {
      std::string out = "[";
      for (size_t idx = 0; idx < rels.size(); ++idx) out += (idx ? ", " : "") + std::to_string(rels[idx]);
      return out + "]";
    };
    switch (column.kind) {
      case Column::Kind::kNodeI: return std::to_string(binding.id);
      case Column::Kind::kNodeK: {
        const auto& k = graph_.nodes[binding.id].k;
        return k ? std::to_string(*k) : "null";
      }
      case Column::Kind::kRelJ: return std::to_string(binding.id);
      case Column::Kind::kRelListJ:
      case Column::Kind::kPathJ: return list_text(binding.rels);
      case Column::Kind::kPathLength: return std::to_string(binding.rels.size());
    }
    return "null";
  }

  // Every relationship-unique path (trail) from `from` along `rel`'s
  // direction and types with a length in [min, max] (max -1 = unbounded);
  // `visit(end, rels)` for each.
  void Trails(int from, const RelPat& rel, std::vector<bool>& used, std::vector<int>& path,
              const std::function<void(int, const std::vector<int>&)>& visit) {
    int depth = static_cast<int>(path.size());
    if (depth >= rel.min_hops) visit(from, path);
    if (rel.max_hops >= 0 && depth >= rel.max_hops) return;
    Steps(from, rel, used, [&](int rel_idx, int next) {
      used[rel_idx] = true;
      path.push_back(rel_idx);
      Trails(next, rel, used, path, visit);
      path.pop_back();
      used[rel_idx] = false;
    });
  }

 private:
  std::optional<int64_t> Property(const Env& env, const std::string& var, const std::string& key) {
    const Binding& binding = env.at(var);
    if (binding.kind == Binding::Kind::kNode) return graph_.nodes[binding.id].k;
    if (binding.kind == Binding::Kind::kRel) return graph_.rels[binding.id].w;
    return std::nullopt;
  }

  bool NodeFits(const NodePat& pat, int node) {
    const RefNode& data = graph_.nodes[node];
    if (pat.label &&
        std::find(data.labels.begin(), data.labels.end(), *pat.label) == data.labels.end()) {
      return false;
    }
    if (pat.k && (!data.k || *data.k != *pat.k)) return false;
    if (pat.i && *pat.i != node) return false;
    return true;
  }

  // Binds `pat` to `node` (or checks an existing binding), then continues.
  void BindNode(const NodePat& pat, int node, Env& env, const std::function<void()>& next) {
    if (!NodeFits(pat, node)) return;
    if (pat.var.empty()) {
      next();
      return;
    }
    auto it = env.find(pat.var);
    if (it != env.end()) {
      if (it->second.kind == Binding::Kind::kNode && it->second.id == node) next();
      return;
    }
    env[pat.var] = Binding{Binding::Kind::kNode, node, {}};
    next();
    env.erase(pat.var);
  }

  // One relationship step from `from`: calls step(rel, other end) for every
  // unused relationship of the pattern's types and direction. A self-loop
  // matches an undirected pattern once.
  void Steps(int from, const RelPat& rel, const std::vector<bool>& used,
             const std::function<void(int, int)>& step) {
    for (size_t rel_idx = 0; rel_idx < graph_.rels.size(); ++rel_idx) {
      if (used[rel_idx]) continue;
      const RefRel& data = graph_.rels[rel_idx];
      if (!rel.types.empty() &&
          std::find(rel.types.begin(), rel.types.end(), data.type) == rel.types.end()) {
        continue;
      }
      if (rel.w && data.w != rel.w) continue;  // null never equals
      int other = -1;
      if (rel.dir != Dir::kIn && data.src == from) {
        other = data.dst;
      } else if (rel.dir != Dir::kOut && data.dst == from) {
        other = data.src;
      }
      if (other >= 0) step(static_cast<int>(rel_idx), other);
    }
  }

  void MatchPart(const std::vector<PathPat>& parts, size_t part_idx, Env& env, std::vector<bool>& used,
                 const std::function<void(Env&)>& found) {
    if (part_idx == parts.size()) {
      found(env);
      return;
    }
    const NodePat& first = parts[part_idx].nodes[0];
    for (size_t node = 0; node < graph_.nodes.size(); ++node) {
      BindNode(first, static_cast<int>(node), env,
               [&] { MatchRel(parts, part_idx, 0, static_cast<int>(node), env, used, found); });
    }
  }

  void MatchRel(const std::vector<PathPat>& parts, size_t part_idx, size_t rel_idx, int current, Env& env,
                std::vector<bool>& used, const std::function<void(Env&)>& found) {
    const PathPat& part = parts[part_idx];
    if (rel_idx == part.rels.size()) {
      MatchPart(parts, part_idx + 1, env, used, found);
      return;
    }
    const RelPat& rel = part.rels[rel_idx];
    const NodePat& next = part.nodes[rel_idx + 1];
    auto bind_rel = [&](Binding binding, int end) {
      if (!rel.var.empty()) env[rel.var] = std::move(binding);
      BindNode(next, end, env, [&] { MatchRel(parts, part_idx, rel_idx + 1, end, env, used, found); });
      if (!rel.var.empty()) env.erase(rel.var);
    };
    if (!rel.var_length) {
      Steps(current, rel, used, [&](int rel_id, int other) {
        used[rel_id] = true;
        bind_rel(Binding{Binding::Kind::kRel, rel_id, {}}, other);
        used[rel_id] = false;
      });
      return;
    }
    std::vector<int> path;
    Trails(current, rel, used, path, [&](int end, const std::vector<int>& rels) {
      bind_rel(Binding{Binding::Kind::kRelList, -1, rels}, end);
    });
  }

  const RefGraph& graph_;
};

std::set<std::string> NewVariables(const std::vector<PathPat>& parts, const Env& env) {
  std::set<std::string> out;
  for (const auto& part : parts) {
    for (const auto& node : part.nodes) {
      if (!node.var.empty() && !env.count(node.var)) out.insert(node.var);
    }
    for (const auto& rel : part.rels) {
      if (!rel.var.empty() && !env.count(rel.var)) out.insert(rel.var);
    }
  }
  return out;
}

// Rows (environments) of MATCH ... WHERE for the shortestPath form.
std::vector<Env> ShortestRows(Evaluator& eval, const RefGraph& graph, const RefQuery& query) {
  std::vector<Env> rows;
  const PathPat& part = query.match[0];
  const RelPat& rel = part.rels[0];
  Env env;
  PathPat ends;  // both end nodes, matched as two parts
  ends.nodes = {part.nodes[0]};
  PathPat last;
  last.nodes = {part.nodes[1]};
  eval.Match({ends, last}, env, [&](Env& bound) {
    int from = bound.at(part.nodes[0].var).id;
    int to = bound.at(part.nodes[1].var).id;
    // Every trail from `from` to `to` that satisfies WHERE, by length.
    std::map<size_t, std::vector<std::vector<int>>> by_length;
    std::vector<bool> used(graph.rels.size(), false);
    std::vector<int> path;
    eval.Trails(from, rel, used, path, [&](int end, const std::vector<int>& rels) {
      if (end != to) return;
      Env row = bound;
      row["p"] = Binding{Binding::Kind::kPath, from, rels};
      if (query.where && eval.Eval(*query.where, row) != Truth::kTrue) return;
      by_length[rels.size()].push_back(rels);
    });
    if (by_length.empty()) return;
    const auto& shortest = by_length.begin()->second;
    size_t count = query.shortest == RefQuery::Shortest::kAll ? shortest.size() : 1;
    for (size_t path_idx = 0; path_idx < count; ++path_idx) {
      Env row = bound;
      row["p"] = Binding{Binding::Kind::kPath, from, shortest[path_idx]};
      rows.push_back(std::move(row));
    }
  });
  return rows;
}

}  // namespace

std::vector<std::string> EvaluateReference(const RefGraph& graph, const RefQuery& query) {
  Evaluator eval(graph);
  std::vector<Env> rows;
  if (query.shortest != RefQuery::Shortest::kNone) {
    rows = ShortestRows(eval, graph, query);
  } else {
    // `(n {k: m.k})` holds once the whole MATCH is bound: n.k = m.k, neither null.
    auto k_of_holds = [&](const Env& bound) {
      for (const PathPat& part : query.match) {
        for (const NodePat& node : part.nodes) {
          if (node.k_of.empty()) continue;
          const auto& mine = graph.nodes[bound.at(node.var).id].k;
          const auto& other = graph.nodes[bound.at(node.k_of).id].k;
          if (!mine || !other || *mine != *other) return false;
        }
      }
      return true;
    };
    Env env;
    eval.Match(query.match, env, [&](Env& bound) {
      if (!k_of_holds(bound)) return;
      if (!query.where || eval.Eval(*query.where, bound) == Truth::kTrue) rows.push_back(bound);
    });
  }
  if (!query.optional_match.empty()) {
    std::vector<Env> joined;
    for (Env& row : rows) {
      std::set<std::string> fresh = NewVariables(query.optional_match, row);
      bool matched = false;
      eval.Match(query.optional_match, row, [&](Env& bound) {
        if (query.optional_where && eval.Eval(*query.optional_where, bound) != Truth::kTrue) return;
        matched = true;
        joined.push_back(bound);
      });
      if (!matched) {
        Env padded = row;
        for (const auto& var : fresh) padded[var] = Binding{};
        joined.push_back(std::move(padded));
      }
    }
    rows = std::move(joined);
  }

  std::vector<std::string> out;
  switch (query.return_kind) {
    case ReturnKind::kCount: return {std::to_string(rows.size())};
    case ReturnKind::kCountDistinct: {
      std::set<std::string> values;
      for (const Env& row : rows) {
        std::string value = eval.Render(query.columns[0], row);
        if (value != "null") values.insert(value);
      }
      return {std::to_string(values.size())};
    }
    case ReturnKind::kGroupCount: {
      std::map<std::string, size_t> groups;
      for (const Env& row : rows) ++groups[eval.Render(query.columns[0], row)];
      for (const auto& [key, count] : groups) out.push_back(key + " | " + std::to_string(count));
      return out;
    }
    case ReturnKind::kColumns: break;
  }
  for (const Env& row : rows) {
    std::string line;
    for (size_t column_idx = 0; column_idx < query.columns.size(); ++column_idx) {
      line += (column_idx ? " | " : "") + eval.Render(query.columns[column_idx], row);
    }
    out.push_back(std::move(line));
  }
  if (query.distinct) {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
  return out;
}

}  // namespace ecograph::query::reference
