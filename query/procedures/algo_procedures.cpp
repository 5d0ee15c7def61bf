// CALL algo.* procedures: graph algorithms over the in-memory topology
// (graph/topology.h), returning nodes and paths read from the statement's
// snapshot.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <exception>
#include <set>
#include <string>
#include <unordered_map>

#include "graph/algorithms/betweenness.h"
#include "graph/algorithms/components.h"
#include "graph/algorithms/degree.h"
#include "graph/algorithms/edge_filter.h"
#include "graph/algorithms/k_hop.h"
#include "graph/algorithms/pagerank.h"
#include "graph/algorithms/paths.h"
#include "graph/market_paths.h"
#include "graph/topology.h"
#include "graph/topology_cache.h"
#include "query/procedures/procedure.h"
#include "query/query_error.h"

namespace ecograph::query {

namespace {

using graph::EdgeFilter;
using graph::Topology;
using graph::TraversalDirection;
using graph::VertexFilter;
using graph::VertexIndex;
using Rows = std::vector<std::vector<Value>>;

[[noreturn]] void Fail(const std::string& procedure, const std::string& message) {
  throw QueryError(ErrorKind::kSemantic, procedure + ": " + message);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The configuration map of one call: typed getters that reject wrong types
// and, at the end, keys nobody asked for.
class Config {
 public:
  Config(std::string procedure, const std::vector<Value>& args, size_t index,
         std::vector<std::string> allowed)
      : procedure_(std::move(procedure)), allowed_(std::move(allowed)) {
    if (index >= args.size() || args[index].is_null()) return;
    if (args[index].type() != ValueType::kMap) {
      Fail(procedure_, "the configuration (argument " + std::to_string(index + 1) +
                           ") must be a map, got " + ValueTypeName(args[index].type()));
    }
    map_ = &args[index].as_map();
    for (const auto& [key, value] : *map_) {
      if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end()) {
        Fail(procedure_,
             "unknown configuration key '" + key + "' (allowed: " + Join(allowed_) + ")");
      }
    }
  }

  const Value* Get(const std::string& key) const {
    if (!map_) return nullptr;
    auto it = map_->find(key);
    if (it == map_->end() || it->second.is_null()) return nullptr;
    return &it->second;
  }

  std::vector<std::string> Strings(const std::string& key) const {
    std::vector<std::string> out;
    const Value* v = Get(key);
    if (!v) return out;
    if (v->type() == ValueType::kString) return {v->as_string()};
    if (v->type() != ValueType::kList) Fail(procedure_, "'" + key + "' must be a list of strings");
    for (const Value& item : v->as_list()) {
      if (item.type() != ValueType::kString) {
        Fail(procedure_, "'" + key + "' must be a list of strings");
      }
      out.push_back(item.as_string());
    }
    return out;
  }

  int64_t Int(const std::string& key, int64_t fallback, int64_t min, int64_t max) const {
    const Value* v = Get(key);
    if (!v) return fallback;
    if (v->type() != ValueType::kInt) Fail(procedure_, "'" + key + "' must be an integer");
    int64_t i = v->as_int();
    if (i < min || i > max) {
      Fail(procedure_, "'" + key + "' must be between " + std::to_string(min) + " and " +
                           std::to_string(max) + ", got " + std::to_string(i));
    }
    return i;
  }

  double Float(const std::string& key, double fallback, double min, double max) const {
    const Value* v = Get(key);
    if (!v) return fallback;
    double d;
    if (v->type() == ValueType::kInt) {
      d = static_cast<double>(v->as_int());
    } else if (v->type() == ValueType::kFloat) {
      d = v->as_float();
    } else {
      Fail(procedure_, "'" + key + "' must be a number");
    }
    if (!(d >= min && d <= max)) {
      Fail(procedure_,
           "'" + key + "' must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return d;
  }

  bool Bool(const std::string& key, bool fallback) const {
    const Value* v = Get(key);
    if (!v) return fallback;
    if (v->type() != ValueType::kBool) Fail(procedure_, "'" + key + "' must be a boolean");
    return v->as_bool();
  }

  std::string String(const std::string& key, const std::string& fallback) const {
    const Value* v = Get(key);
    if (!v) return fallback;
    if (v->type() != ValueType::kString) Fail(procedure_, "'" + key + "' must be a string");
    return v->as_string();
  }

  TraversalDirection Direction(TraversalDirection fallback) const {
    const Value* v = Get("direction");
    if (!v) return fallback;
    std::string d = Upper(String("direction", ""));
    if (d == "OUTGOING" || d == "OUT" || d == "NATURAL") return TraversalDirection::kOutgoing;
    if (d == "INCOMING" || d == "IN" || d == "REVERSE") return TraversalDirection::kIncoming;
    if (d == "BOTH" || d == "UNDIRECTED") return TraversalDirection::kUndirected;
    Fail(procedure_,
         "'direction' must be 'OUTGOING', 'INCOMING' or 'BOTH', got '" + v->as_string() + "'");
  }

  // years: [from, to], either may be null.
  std::pair<std::optional<int32_t>, std::optional<int32_t>> Years() const {
    const Value* v = Get("years");
    if (!v) return {};
    if (v->type() != ValueType::kList || v->as_list().size() != 2) {
      Fail(procedure_, "'years' must be a list [from, to]");
    }
    std::optional<int32_t> bounds[2];
    for (int i = 0; i < 2; ++i) {
      const Value& item = v->as_list()[i];
      if (item.is_null()) continue;
      if (item.type() != ValueType::kInt || item.as_int() < -32768 || item.as_int() > 32767) {
        Fail(procedure_, "'years' must hold two integer years (or null)");
      }
      bounds[i] = static_cast<int32_t>(item.as_int());
    }
    if (bounds[0] && bounds[1] && *bounds[0] > *bounds[1]) {
      Fail(procedure_, "'years' range is empty: " + std::to_string(*bounds[0]) + " > " +
                           std::to_string(*bounds[1]));
    }
    return {bounds[0], bounds[1]};
  }

 private:
  std::string procedure_;
  std::vector<std::string> allowed_;
  const ValueMap* map_ = nullptr;
};

std::shared_ptr<const Topology> GetTopology(ProcedureContext& ctx, const std::string& procedure) {
  try {
    return ctx.topology.Get(ctx.cancel);
  } catch (const QueryError&) {
    throw;
  } catch (const std::exception& e) {
    throw QueryError(ErrorKind::kStorage, procedure + ": " + e.what());
  }
}

void CheckTypes(const std::string& procedure, const Topology& topology, const EdgeFilter& filter) {
  if (!filter.unknown_types().empty()) {
    Fail(procedure, "unknown relationship type '" + filter.unknown_types().front() +
                        "' (known: " + Join(topology.type_names()) + ")");
  }
}

void CheckLabels(const std::string& procedure, const Topology& topology,
                 const std::vector<std::string>& labels) {
  for (const auto& label : labels) {
    if (!topology.FindLabel(label)) {
      Fail(procedure,
           "unknown label '" + label + "' (known: " + Join(topology.label_names()) + ")");
    }
  }
}

EdgeFilter MakeFilter(const ProcedureContext& ctx, const std::string& procedure,
                      const Topology& topology, const Config& config,
                      TraversalDirection default_direction, bool with_years) {
  EdgeFilter filter(topology, config.Strings("relationshipTypes"),
                    config.Direction(default_direction));
  filter.set_cancel(ctx.cancel);
  CheckTypes(procedure, topology, filter);
  if (with_years) {
    auto [from, to] = config.Years();
    filter.SetYears(from, to);
  }
  return filter;
}

// Fetches records from the snapshot, once each per call.
class Materializer {
 public:
  Materializer(ProcedureContext& ctx, const Topology& topology, std::string procedure)
      : ctx_(ctx), topology_(topology), procedure_(std::move(procedure)) {}

  const NodeValue& Node(storage::NodeId id) {
    auto it = nodes_.find(id);
    if (it != nodes_.end()) return it->second;
    auto node = ctx_.txn.GetNode(id);
    if (!node.ok())
      throw QueryError(ErrorKind::kStorage, procedure_ + ": " + node.status().ToString());
    NodeValue value;
    value.id = id;
    if (node.value()) {
      value.labels = node.value()->labels;
      value.properties = std::move(node.value()->properties);
    }
    return nodes_.emplace(id, std::move(value)).first->second;
  }
  // Each vertex once (whole-graph results): no caching, no copy.
  Value NodeValueOf(VertexIndex v) {
    storage::NodeId id = topology_.NodeOf(v);
    auto node = ctx_.txn.GetNode(id);
    if (!node.ok())
      throw QueryError(ErrorKind::kStorage, procedure_ + ": " + node.status().ToString());
    NodeValue value;
    value.id = id;
    if (node.value()) {
      value.labels = std::move(node.value()->labels);
      value.properties = std::move(node.value()->properties);
    }
    return Value::Node(std::move(value));
  }

  Value PathOf(const graph::Path& path) {
    PathValue out;
    for (VertexIndex v : path.vertices) out.nodes.push_back(Node(topology_.NodeOf(v)));
    for (graph::EdgeIndex e : path.edges) {
      storage::RelId id = topology_.RelOf(e);
      auto rel = ctx_.txn.GetRel(id);
      if (!rel.ok())
        throw QueryError(ErrorKind::kStorage, procedure_ + ": " + rel.status().ToString());
      RelValue value;
      value.id = id;
      if (rel.value()) {
        value.src = rel.value()->src;
        value.dst = rel.value()->dst;
        value.type = rel.value()->type;
        value.properties = std::move(rel.value()->properties);
      } else {
        value.src = topology_.NodeOf(topology_.SourceOf(e));
        value.dst = topology_.NodeOf(topology_.TargetOf(e));
        value.type = topology_.type_names()[topology_.TypeOf(e)];
      }
      out.rels.push_back(std::move(value));
    }
    return Value::Path(std::move(out));
  }

 private:
  ProcedureContext& ctx_;
  const Topology& topology_;
  std::string procedure_;
  std::unordered_map<storage::NodeId, NodeValue> nodes_;
};

// A node argument: a node value or a node id. nullopt for null.
std::optional<storage::NodeId> NodeArg(const std::string& procedure, const std::vector<Value>& args,
                                       size_t index, const char* name) {
  if (index >= args.size() || args[index].is_null()) return std::nullopt;
  const Value& v = args[index];
  if (v.type() == ValueType::kNode) return v.as_node().id;
  if (v.type() == ValueType::kInt && v.as_int() >= 0)
    return static_cast<storage::NodeId>(v.as_int());
  Fail(procedure, std::string("'") + name + "' must be a node, got " + ValueTypeName(v.type()));
}

int64_t IntArg(const std::string& procedure, const std::vector<Value>& args, size_t index,
               const char* name, int64_t min, int64_t max) {
  if (index >= args.size() || args[index].type() != ValueType::kInt) {
    Fail(procedure, std::string("'") + name + "' must be an integer");
  }
  int64_t i = args[index].as_int();
  if (i < min || i > max) {
    Fail(procedure, std::string("'") + name + "' must be between " + std::to_string(min) + " and " +
                        std::to_string(max));
  }
  return i;
}

const std::vector<std::string> kPathKeys = {"relationshipTypes", "direction", "maxHops", "years",
                                            "inTimeOrder",       "limit"};

// Shared by the three path procedures: mode 0 shortest, 1 all shortest, 2 k shortest.
Rows RunPaths(const std::string& procedure, int mode, ProcedureContext& ctx,
              const std::vector<Value>& args) {
  auto source = NodeArg(procedure, args, 0, "source");
  auto target = NodeArg(procedure, args, 1, "target");
  size_t config_index = 2;
  int64_t k = 1;
  if (mode == 2) {
    k = IntArg(procedure, args, 2, "k", 0, 100'000);
    config_index = 3;
  }
  Config config(procedure, args, config_index, kPathKeys);
  auto topology = GetTopology(ctx, procedure);
  EdgeFilter filter = MakeFilter(ctx, procedure, *topology, config, TraversalDirection::kOutgoing, true);
  graph::PathOptions options;
  options.max_hops = static_cast<uint32_t>(config.Int("maxHops", 15, 0, 1'000'000));
  options.in_time_order = config.Bool("inTimeOrder", false);
  options.limit = static_cast<size_t>(config.Int("limit", 10'000, 0, 100'000'000));
  Rows rows;
  if (!source || !target) return rows;
  VertexIndex s = topology->VertexOf(*source), t = topology->VertexOf(*target);
  if (s == graph::kNoVertex || t == graph::kNoVertex) return rows;
  std::vector<graph::Path> paths;
  if (mode == 0) {
    if (auto p = graph::ShortestPath(filter, s, t, options)) paths.push_back(std::move(*p));
  } else if (mode == 1) {
    paths = graph::AllShortestPaths(filter, {s}, {t}, options);
  } else {
    paths = graph::KShortestPaths(filter, {s}, {t}, static_cast<size_t>(k), options);
  }
  Materializer records(ctx, *topology, procedure);
  for (size_t i = 0; i < paths.size(); ++i) {
    std::vector<Value> row{records.PathOf(paths[i]),
                           Value::Int(static_cast<int64_t>(paths[i].length()))};
    if (mode == 2) row.push_back(Value::Int(static_cast<int64_t>(i + 1)));
    rows.push_back(std::move(row));
  }
  return rows;
}

// nodeLabels of a whole-graph algorithm.
VertexFilter MakeVertexFilter(const std::string& procedure, const Topology& topology,
                              const Config& config) {
  auto labels = config.Strings("nodeLabels");
  CheckLabels(procedure, topology, labels);
  return VertexFilter(topology, labels);
}

Rows ScoreRows(ProcedureContext& ctx, const Topology& topology, const std::string& procedure,
               const VertexFilter& vertices, const std::vector<double>& score) {
  Materializer records(ctx, topology, procedure);
  Rows rows;
  for (VertexIndex v = 0; v < topology.num_vertices(); ++v) {
    if (!vertices.Contains(v)) continue;
    rows.push_back({records.NodeValueOf(v), Value::Float(score[v])});
  }
  return rows;
}

// A market endpoint argument: a name, or a node whose `name` is used.
std::string EndpointArg(const std::string& procedure, const std::vector<Value>& args, size_t index,
                        const char* name) {
  if (index < args.size()) {
    const Value& v = args[index];
    if (v.type() == ValueType::kString) return v.as_string();
    if (v.type() == ValueType::kNode) {
      auto it = v.as_node().properties.find("name");
      if (it != v.as_node().properties.end() && it->second.kind() == storage::ValueKind::kString) {
        return it->second.as_string();
      }
      Fail(procedure, std::string("'") + name + "' node has no string 'name' property");
    }
  }
  Fail(procedure,
       std::string("'") + name + "' must be a company, country or region name (a string)");
}

}  // namespace

void RegisterAlgorithmProcedures(ProcedureRegistry& registry) {
  registry.Register(
      {"algo.shortestPath",
       "One shortest path between two nodes (BFS; options: relationshipTypes, direction, "
       "maxHops, years, inTimeOrder)",
       {"source", "target", "config"},
       2,
       {"path", "length"},
       [](ProcedureContext& ctx, const std::vector<Value>& args) {
         return RunPaths("algo.shortestPath", 0, ctx, args);
       }});
  registry.Register(
      {"algo.allShortestPaths",
       "Every shortest path between two nodes (options as algo.shortestPath, plus limit)",
       {"source", "target", "config"},
       2,
       {"path", "length"},
       [](ProcedureContext& ctx, const std::vector<Value>& args) {
         return RunPaths("algo.allShortestPaths", 1, ctx, args);
       }});
  registry.Register(
      {"algo.kShortestPaths",
       "The k shortest simple paths between two nodes (Yen's algorithm), shortest first",
       {"source", "target", "k", "config"},
       3,
       {"path", "length", "rank"},
       [](ProcedureContext& ctx, const std::vector<Value>& args) {
         return RunPaths("algo.kShortestPaths", 2, ctx, args);
       }});
  registry.Register(
      {"algo.kHop",
       "Nodes within k hops of a node, with their distance (options: relationshipTypes, "
       "direction, years)",
       {"node", "k", "config"},
       2,
       {"node", "distance"},
       [](ProcedureContext& ctx, const std::vector<Value>& args) {
         const std::string procedure = "algo.kHop";
         auto node = NodeArg(procedure, args, 0, "node");
         int64_t k = IntArg(procedure, args, 1, "k", 0, 1'000'000);
         Config config(procedure, args, 2, {"relationshipTypes", "direction", "years"});
         auto topology = GetTopology(ctx, procedure);
         EdgeFilter filter =
             MakeFilter(ctx, procedure, *topology, config, TraversalDirection::kOutgoing, true);
         Rows rows;
         if (!node) return rows;
         VertexIndex v = topology->VertexOf(*node);
         if (v == graph::kNoVertex) return rows;
         Materializer records(ctx, *topology, procedure);
         for (const auto& hop : graph::KHopNeighbourhood(filter, v, static_cast<uint32_t>(k))) {
           rows.push_back({records.NodeValueOf(hop.vertex), Value::Int(hop.distance)});
         }
         return rows;
       }});
  registry.Register(
      {"algo.wcc",
       "Weakly connected components (options: nodeLabels, relationshipTypes, years); "
       "componentId numbers components by their lowest node id",
       {"config"},
       0,
       {"node", "componentId"},
       [](ProcedureContext& ctx, const std::vector<Value>& args) {
         const std::string procedure = "algo.wcc";
         Config config(procedure, args, 0, {"nodeLabels", "relationshipTypes", "years"});
         auto topology = GetTopology(ctx, procedure);
         EdgeFilter filter =
             MakeFilter(ctx, procedure, *topology, config, TraversalDirection::kUndirected, true);
         VertexFilter vertices = MakeVertexFilter(procedure, *topology, config);
         auto components = graph::WeaklyConnectedComponents(filter, vertices);
         Materializer records(ctx, *topology, procedure);
         Rows rows;
         for (VertexIndex v = 0; v < topology->num_vertices(); ++v) {
           if (!vertices.Contains(v)) continue;
           rows.push_back({records.NodeValueOf(v), Value::Int(components.component[v])});
         }
         return rows;
       }});
  registry.Register(
      {"algo.degree",
       "Number of relationships per node, parallel ones counted (options: nodeLabels, "
       "relationshipTypes, direction (default BOTH), years)",
       {"config"},
       0,
       {"node", "degree"},
       [](ProcedureContext& ctx, const std::vector<Value>& args) {
         const std::string procedure = "algo.degree";
         Config config(procedure, args, 0,
                       {"nodeLabels", "relationshipTypes", "direction", "years"});
         auto topology = GetTopology(ctx, procedure);
         EdgeFilter filter =
             MakeFilter(ctx, procedure, *topology, config, TraversalDirection::kUndirected, true);
         VertexFilter vertices = MakeVertexFilter(procedure, *topology, config);
         auto degree = graph::Degrees(filter, vertices);
         Materializer records(ctx, *topology, procedure);
         Rows rows;
         for (VertexIndex v = 0; v < topology->num_vertices(); ++v) {
           if (!vertices.Contains(v)) continue;
           rows.push_back({records.NodeValueOf(v), Value::Int(static_cast<int64_t>(degree[v]))});
         }
         return rows;
       }});
  registry.Register(
      {"algo.pageRank",
       "PageRank (options: nodeLabels, relationshipTypes, direction, dampingFactor 0.85, "
       "iterations 200, tolerance 1e-9 on the L1 change; dangling scores spread uniformly)",
       {"config"},
       0,
       {"node", "score"},
       [](ProcedureContext& ctx, const std::vector<Value>& args) {
         const std::string procedure = "algo.pageRank";
         Config config(procedure, args, 0,
                       {"nodeLabels", "relationshipTypes", "direction", "years", "dampingFactor",
                        "iterations", "maxIterations", "tolerance"});
         auto topology = GetTopology(ctx, procedure);
         EdgeFilter filter =
             MakeFilter(ctx, procedure, *topology, config, TraversalDirection::kOutgoing, true);
         VertexFilter vertices = MakeVertexFilter(procedure, *topology, config);
         graph::PageRankOptions options;
         options.damping = config.Float("dampingFactor", options.damping, 0.0, 1.0);
         options.max_iterations = static_cast<uint32_t>(config.Int(
             "iterations", config.Int("maxIterations", options.max_iterations, 1, 1'000'000), 1,
             1'000'000));
         options.tolerance = config.Float("tolerance", options.tolerance, 0.0, 1.0);
         auto result = graph::PageRank(filter, vertices, options);
         return ScoreRows(ctx, *topology, procedure, vertices, result.score);
       }});
  registry.Register(
      {"algo.betweenness",
       "Betweenness centrality, Brandes (options: nodeLabels, relationshipTypes, direction, "
       "years, normalized)",
       {"config"},
       0,
       {"node", "score"},
       [](ProcedureContext& ctx, const std::vector<Value>& args) {
         const std::string procedure = "algo.betweenness";
         Config config(procedure, args, 0,
                       {"nodeLabels", "relationshipTypes", "direction", "years", "normalized"});
         auto topology = GetTopology(ctx, procedure);
         EdgeFilter filter =
             MakeFilter(ctx, procedure, *topology, config, TraversalDirection::kOutgoing, true);
         VertexFilter vertices = MakeVertexFilter(procedure, *topology, config);
         graph::BetweennessOptions options;
         options.undirected =
             config.Direction(TraversalDirection::kOutgoing) == TraversalDirection::kUndirected;
         options.normalized = config.Bool("normalized", false);
         auto score = graph::Betweenness(filter, vertices, options);
         return ScoreRows(ctx, *topology, procedure, vertices, score);
       }});
  registry.Register(
      {"algo.tracePath",
       "Deal chains from a company or market (country, ISO code, region) to another "
       "(options: via, maxHops, years, allShortest, k, inTimeOrder, limit)",
       {"from", "to", "config"},
       2,
       {"path", "years", "chain"},
       [](ProcedureContext& ctx, const std::vector<Value>& args) {
         const std::string procedure = "algo.tracePath";
         std::string from = EndpointArg(procedure, args, 0, "from");
         std::string to = EndpointArg(procedure, args, 1, "to");
         Config config(procedure, args, 2,
                       {"via", "maxHops", "years", "allShortest", "k", "inTimeOrder", "limit"});
         graph::MarketPathOptions options;
         options.via = config.Strings("via");
         options.max_hops = static_cast<uint32_t>(config.Int("maxHops", 6, 0, 1'000'000));
         auto [year_from, year_to] = config.Years();
         options.year_from = year_from;
         options.year_to = year_to;
         options.in_time_order = config.Bool("inTimeOrder", false);
         options.limit = static_cast<size_t>(config.Int("limit", 100, 0, 100'000'000));
         if (config.Bool("allShortest", false)) options.mode = graph::MarketPathMode::kAllShortest;
         if (config.Get("k")) {
           if (options.mode == graph::MarketPathMode::kAllShortest) {
             Fail(procedure, "'k' and 'allShortest' exclude each other");
           }
           options.mode = graph::MarketPathMode::kTopK;
           options.k = static_cast<size_t>(config.Int("k", 5, 1, 100'000));
         }
         auto topology = GetTopology(ctx, procedure);
         options.cancel = ctx.cancel;
         auto traced = graph::TraceMarketPaths(ctx.txn, *topology, from, to, options);
         if (!traced.ok()) {
           const auto code = traced.status().code();
           if (code == storage::StatusCode::kNotFound ||
               code == storage::StatusCode::kInvalidArgument) {
             Fail(procedure, traced.status().message());
           }
           throw QueryError(ErrorKind::kStorage, procedure + ": " + traced.status().ToString());
         }
         // Index the subgraph's records to build path values.
         const graph::Subgraph& sub = traced.value().subgraph;
         std::unordered_map<storage::NodeId, const storage::NodeRecord*> nodes;
         std::unordered_map<storage::RelId, const storage::RelRecord*> rels;
         for (const auto& n : sub.nodes) nodes[n.id] = &n;
         for (const auto& r : sub.rels) rels[r.id] = &r;
         Rows rows;
         for (const graph::MarketPath& path : traced.value().paths) {
           PathValue value;
           ValueList years;
           for (const auto& company : path.companies) {
             const storage::NodeRecord* n = nodes.at(company.id);
             value.nodes.push_back({n->id, n->labels, n->properties});
           }
           for (const auto& deal : path.deals) {
             const storage::RelRecord* r = rels.at(deal.id);
             value.rels.push_back({r->id, r->src, r->dst, r->type, r->properties});
             years.push_back(deal.year ? Value::Int(deal.year) : Value::Null());
           }
           rows.push_back({Value::Path(std::move(value)), Value::List(std::move(years)),
                           Value::String(graph::FormatMarketPath(path))});
         }
         return rows;
       }});
}

}  // namespace ecograph::query
