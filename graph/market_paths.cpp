#include "graph/market_paths.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "graph/algorithms/edge_filter.h"
#include "graph/name_resolver.h"

namespace ecograph::graph {

namespace {

using storage::Status;
using storage::StatusCode;

const char* const kDefaultDealTypes[] = {"ACQUIRED", "INVESTED_IN", "PARTNERED_WITH",
                                         "SUBSIDIARY_OF"};

std::optional<std::string> StringProperty(const storage::PropertyMap& props,
                                          const std::string& key) {
  auto it = props.find(key);
  if (it == props.end() || it->second.kind() != storage::ValueKind::kString) return std::nullopt;
  return it->second.as_string();
}

std::optional<double> NumberProperty(const storage::PropertyMap& props, const std::string& key) {
  auto it = props.find(key);
  if (it == props.end()) return std::nullopt;
  if (it->second.kind() == storage::ValueKind::kInt)
    return static_cast<double>(it->second.as_int());
  if (it->second.kind() == storage::ValueKind::kDouble) return it->second.as_double();
  return std::nullopt;
}

std::string TrimNumber(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, value);
  std::string s(buf);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

// Node lookups of one trace, cached.
class NodeCache {
 public:
  explicit NodeCache(storage::Transaction& txn) : txn_(txn) {}
  storage::Result<const storage::NodeRecord*> Get(storage::NodeId id) {
    auto it = nodes_.find(id);
    if (it != nodes_.end()) return &it->second;
    auto node = txn_.GetNode(id);
    if (!node.ok()) return node.status();
    if (!node.value()) {
      return Status::Error(StatusCode::kNotFound,
                           "node " + std::to_string(id) + " vanished from the snapshot");
    }
    return &nodes_.emplace(id, std::move(*node.value())).first->second;
  }

 private:
  storage::Transaction& txn_;
  std::unordered_map<storage::NodeId, storage::NodeRecord> nodes_;
};

int LabelRank(const std::string& label) {
  if (label == "Country") return 0;
  if (label == "Region") return 1;
  return 2;
}

// Type order inside a hop: control before capital before the rest.
int TypeRank(const std::string& type) {
  if (type == "ACQUIRED") return 0;
  if (type == "INVESTED_IN") return 1;
  if (type == "SUBSIDIARY_OF") return 2;
  if (type == "AFFILIATE_OF") return 3;
  if (type == "PARTNERED_WITH") return 4;
  return 5;
}

// One step of the collapsed graph: every accepted edge from u to `next`.
struct Step {
  VertexIndex next;
  std::vector<std::pair<EdgeIndex, bool>> edges;  // (edge, followed forward)
};

struct Route {
  std::vector<VertexIndex> vertices;
  std::vector<const Step*> steps;
  // Time order: each hop takes its earliest dated deal not before the
  // previous hop's year; an undated hop does not constrain.
  bool in_time_order = false;
  int32_t started = 0;    // the first hop's earliest year; 0 = undated
  int32_t completed = 0;  // the last dated hop's year; 0 = undated
  double amount = 0;
};

class RouteFinder {
 public:
  RouteFinder(const Topology& topology, const EdgeFilter& filter,
              std::unordered_set<VertexIndex> sources, std::unordered_set<VertexIndex> targets,
              const MarketPathOptions& options)
      : topology_(topology),
        filter_(filter),
        sources_(std::move(sources)),
        targets_(std::move(targets)),
        options_(options) {}

  // Distances to the targets, by reverse BFS (a lower bound for pruning).
  void ComputeDistances() {
    std::vector<VertexIndex> frontier(targets_.begin(), targets_.end());
    std::sort(frontier.begin(), frontier.end());
    for (VertexIndex t : frontier) distance_[t] = 0;
    for (uint32_t d = 1; d <= options_.max_hops && !frontier.empty(); ++d) {
      std::vector<VertexIndex> next;
      for (VertexIndex v : frontier) {
        filter_.ForEachReverseStep(v, [&](EdgeIndex, VertexIndex u) {
          if (distance_.emplace(u, d).second) next.push_back(u);
        });
      }
      frontier = std::move(next);
    }
  }

  const std::vector<Step>& StepsOf(VertexIndex v) {
    auto it = steps_.find(v);
    if (it != steps_.end()) return it->second;
    std::map<VertexIndex, Step> by_next;
    filter_.ForEachStep(v, [&](EdgeIndex e, VertexIndex w) {
      if (w == v) return;
      Step& step = by_next[w];
      step.next = w;
      step.edges.emplace_back(e, topology_.SourceOf(e) == v);
    });
    std::vector<Step> steps;
    for (auto& [next, step] : by_next) {
      // An ownership mirror (SUBSIDIARY_OF / AFFILIATE_OF) of a deal adds nothing.
      bool has_deal = false;
      for (const auto& [e, forward] : step.edges) {
        const std::string& type = topology_.type_names()[topology_.TypeOf(e)];
        has_deal = has_deal || type == "ACQUIRED" || type == "INVESTED_IN";
      }
      if (has_deal) {
        std::erase_if(step.edges, [&](const std::pair<EdgeIndex, bool>& edge) {
          const std::string& type = topology_.type_names()[topology_.TypeOf(edge.first)];
          return type == "SUBSIDIARY_OF" || type == "AFFILIATE_OF";
        });
      }
      steps.push_back(std::move(step));
    }
    return steps_.emplace(v, std::move(steps)).first->second;
  }

  // Every route of exactly `length` hops (up to kMaxRoutesPerLength).
  std::vector<Route> RoutesOfLength(uint32_t length, bool* truncated) {
    std::vector<Route> routes;
    std::vector<VertexIndex> starts(sources_.begin(), sources_.end());
    std::sort(starts.begin(), starts.end());
    Route current;
    std::unordered_set<VertexIndex> on_path;
    std::function<void(VertexIndex, uint32_t)> walk = [&](VertexIndex v, uint32_t depth) {
      // StepsOf() polls only when it reads the topology; once every vertex's
      // steps are cached the walk itself must poll, or a long search (many
      // routes dropped as not in time order) would never stop.
      PollCancel(options_.cancel);
      if (routes.size() >= kMaxRoutesPerLength) {
        *truncated = true;
        return;
      }
      for (const Step& step : StepsOf(v)) {
        const VertexIndex w = step.next;
        if (on_path.count(w)) continue;
        const uint32_t remaining = length - depth - 1;
        const bool is_target = targets_.count(w) > 0;
        if (is_target != (remaining == 0)) continue;
        if (!is_target) {
          if (sources_.count(w)) continue;
          auto dist = distance_.find(w);
          if (dist == distance_.end() || dist->second > remaining) continue;
        }
        current.vertices.push_back(w);
        current.steps.push_back(&step);
        if (is_target) {
          if (Score(current)) routes.push_back(current);
        } else {
          on_path.insert(w);
          walk(w, depth + 1);
          on_path.erase(w);
        }
        current.vertices.pop_back();
        current.steps.pop_back();
      }
    };
    for (VertexIndex s : starts) {
      current.vertices = {s};
      current.steps.clear();
      on_path = {s};
      walk(s, 0);
    }
    return routes;
  }

  uint32_t MinLength() const {
    uint32_t best = UINT32_MAX;
    for (VertexIndex s : sources_) {
      auto it = distance_.find(s);
      if (it != distance_.end()) best = std::min(best, std::max<uint32_t>(it->second, 1));
    }
    return best;
  }

 private:
  // Fills time order, completion year and amount; false when the route must
  // be dropped (not in time order while that is required).
  bool Score(Route& route) const {
    int32_t last = 0;
    bool ordered = true;
    std::vector<int32_t> earliest;  // per hop; 0 = undated
    for (const Step* step : route.steps) {
      std::optional<int32_t> chosen;
      int32_t first = 0;
      for (const auto& [e, forward] : step->edges) {
        const int32_t year = topology_.YearOf(e);
        if (year == 0) continue;
        if (first == 0 || year < first) first = year;
        if (year >= last && (!chosen || year < *chosen)) chosen = year;
      }
      earliest.push_back(first);
      if (chosen) {
        last = *chosen;
      } else if (first != 0) {
        ordered = false;
      }
    }
    if (options_.in_time_order && !ordered) return false;
    route.in_time_order = ordered;
    route.started = earliest.front();
    route.completed = 0;
    for (int32_t year : earliest) {
      if (year != 0) route.completed = ordered ? std::max(route.completed, year) : year;
    }
    if (ordered && last != 0) route.completed = last;
    return true;
  }

  const Topology& topology_;
  const EdgeFilter& filter_;
  std::unordered_set<VertexIndex> sources_;
  std::unordered_set<VertexIndex> targets_;
  const MarketPathOptions& options_;
  std::unordered_map<VertexIndex, uint32_t> distance_;
  std::unordered_map<VertexIndex, std::vector<Step>> steps_;
};

storage::Result<std::string> NodeName(NodeCache& nodes, storage::NodeId id) {
  auto node = nodes.Get(id);
  if (!node.ok()) return node.status();
  return StringProperty(node.value()->properties, "name").value_or("");
}

std::string DealText(const MarketDeal& d, bool with_type) {
  std::string details;
  auto add = [&](const std::string& part) { details += (details.empty() ? "" : ", ") + part; };
  if (d.year != 0) add(std::to_string(d.year));
  if (d.amount_usd) {
    add(FormatUsd(*d.amount_usd));
  } else if (d.round_usd) {
    add("round " + FormatUsd(*d.round_usd));
  }
  if (d.stake_pct) add(TrimNumber(*d.stake_pct, 1) + "%");
  if (!with_type) return details;
  return details.empty() ? d.type : d.type + " " + details;
}

}  // namespace

std::vector<storage::NodeId> MarketPath::node_ids() const {
  std::vector<storage::NodeId> ids;
  for (const auto& c : companies) ids.push_back(c.id);
  return ids;
}

storage::Result<MarketEndpoint> ResolveMarketEndpoint(storage::Transaction& txn,
                                                      std::string_view name) {
  auto index = NameIndex::Build(txn, {"Country", "Region", "Company"});
  if (!index.ok()) return index.status();
  std::vector<NameMatch> matches = index.value().Lookup(name, /*allow_partial=*/true);
  if (!matches.empty()) {
    // At one tier, Country beats Region beats Company.
    int best = 3;
    for (const NameMatch& m : matches) best = std::min(best, LabelRank(m.entry->label));
    std::erase_if(matches, [&](const NameMatch& m) { return LabelRank(m.entry->label) != best; });
  }
  // Regions named only by the Country.region property (exact names).
  const std::string wanted = NormalizeName(name);
  if (matches.empty() || matches.front().tier != MatchTier::kExact) {
    MarketEndpoint by_property{EndpointKind::kRegion, "", {}};
    for (const NamedEntry& entry : index.value().entries()) {
      if (entry.label != "Country") continue;
      auto node = txn.GetNode(entry.id);
      if (!node.ok()) return node.status();
      if (!node.value()) continue;
      auto region = StringProperty(node.value()->properties, "region");
      if (region && !region->empty() && NormalizeName(*region) == wanted) {
        by_property.name = *region;
        by_property.nodes.push_back(entry.id);
      }
    }
    if (!by_property.nodes.empty()) return by_property;
  }
  if (matches.size() != 1) {
    auto resolved = ResolveOne(index.value(), "company, country or region", name);
    if (!resolved.ok()) return resolved.status();
    matches = {resolved.value()};
  }
  const NamedEntry& entry = *matches.front().entry;
  const EndpointKind kind = entry.label == "Country"  ? EndpointKind::kCountry
                            : entry.label == "Region" ? EndpointKind::kRegion
                                                      : EndpointKind::kCompany;
  return MarketEndpoint{kind, entry.name, {entry.id}};
}

storage::Result<MarketPathResult> TraceMarketPaths(storage::Transaction& txn,
                                                   const Topology& topology, std::string_view from,
                                                   std::string_view to,
                                                   const MarketPathOptions& options) {
  MarketPathResult result;
  auto from_endpoint = ResolveMarketEndpoint(txn, from);
  if (!from_endpoint.ok()) return from_endpoint.status();
  auto to_endpoint = ResolveMarketEndpoint(txn, to);
  if (!to_endpoint.ok()) return to_endpoint.status();
  result.from = std::move(from_endpoint).value();
  result.to = std::move(to_endpoint).value();
  result.subgraph.title = "Routes from " + result.from.name + " to " + result.to.name;

  // Deal types, resolved case-insensitively against the snapshot's types.
  std::vector<std::string> via;
  if (options.via.empty()) {
    via.assign(std::begin(kDefaultDealTypes), std::end(kDefaultDealTypes));
  } else {
    std::vector<NamedEntry> types;
    for (const std::string& type : topology.type_names()) types.push_back({0, "type", type, {}, {}});
    NameIndex type_index(std::move(types));
    for (const std::string& type : options.via) {
      std::vector<NameMatch> found = type_index.Lookup(type, /*allow_partial=*/false);
      if (found.size() != 1) {
        return Status::Error(StatusCode::kInvalidArgument,
                             "unknown relationship type '" + type + "' in via" +
                                 type_index.DidYouMean(type) +
                                 " (known types: " + QuotedList(topology.type_names(), 50) + ")");
      }
      via.push_back(found.front().entry->name);
    }
  }
  EdgeFilter filter(topology, via, TraversalDirection::kOutgoing);
  filter.set_cancel(options.cancel);
  for (const std::string& type : via) {
    auto id = topology.FindType(type);
    if (!id) continue;
    if (options.any_direction) {
      filter.SetTypeMode(*id, EdgeFilter::kForward | EdgeFilter::kBackward);
    } else if (type == "SUBSIDIARY_OF") {
      filter.SetTypeMode(*id, EdgeFilter::kBackward);
    }
  }
  filter.Refresh();
  filter.SetYears(options.year_from, options.year_to);

  // Endpoint vertex sets, with the reason each company belongs.
  auto hq = topology.FindType("HEADQUARTERED_IN");
  auto operates = topology.FindType("OPERATES_IN");
  auto in_region = topology.FindType("IN_REGION");
  struct Member {
    MarketReason reason;
    VertexIndex place;  // the market country
  };
  auto expand = [&](const MarketEndpoint& endpoint, bool as_target) {
    std::unordered_map<VertexIndex, Member> out;
    std::vector<VertexIndex> countries;
    for (storage::NodeId id : endpoint.nodes) {
      VertexIndex v = topology.VertexOf(id);
      if (v == kNoVertex) continue;
      if (endpoint.kind == EndpointKind::kCompany) {
        out[v] = {MarketReason::kCompany, kNoVertex};
      } else if (endpoint.kind == EndpointKind::kCountry) {
        countries.push_back(v);
      } else {
        // A Region node: its countries; else the node is itself a country.
        bool region_node = false;
        if (in_region) {
          topology.ForEachIn(v, [&](EdgeIndex e, VertexIndex c) {
            if (topology.TypeOf(e) == *in_region) {
              countries.push_back(c);
              region_node = true;
            }
          });
        }
        if (!region_node) countries.push_back(v);
      }
    }
    std::sort(countries.begin(), countries.end());
    for (VertexIndex c : countries) {
      topology.ForEachIn(c, [&](EdgeIndex e, VertexIndex company) {
        TypeId type = topology.TypeOf(e);
        if (hq && type == *hq) {
          out[company] = {MarketReason::kHeadquartered, c};
        } else if (as_target && operates && type == *operates) {
          out.emplace(company, Member{MarketReason::kOperatesIn, c});
        }
      });
    }
    return out;
  };
  const auto source_members = expand(result.from, false);
  const auto target_members = expand(result.to, true);
  std::unordered_set<VertexIndex> sources, targets;
  for (const auto& [v, member] : source_members) sources.insert(v);
  for (const auto& [v, member] : target_members) targets.insert(v);

  RouteFinder finder(topology, filter, sources, targets, options);
  finder.ComputeDistances();
  NodeCache nodes(txn);
  std::unordered_map<storage::RelId, storage::RelRecord> rels;
  auto rel_of = [&](EdgeIndex e) -> storage::Result<const storage::RelRecord*> {
    const storage::RelId id = topology.RelOf(e);
    if (auto it = rels.find(id); it != rels.end()) return &it->second;
    auto rel = txn.GetRel(id);
    if (!rel.ok()) return rel.status();
    if (!rel.value()) {
      return Status::Error(StatusCode::kNotFound,
                           "relationship " + std::to_string(id) + " vanished from the snapshot");
    }
    return &rels.emplace(id, std::move(*rel.value())).first->second;
  };

  const size_t wanted = options.mode == MarketPathMode::kShortest     ? 1
                        : options.mode == MarketPathMode::kAllShortest ? options.limit
                                                                       : options.k;
  std::vector<Route> chosen;
  const uint32_t min_length = finder.MinLength();
  for (uint32_t length = min_length; length <= options.max_hops && chosen.size() < wanted;
       ++length) {
    std::vector<Route> routes = finder.RoutesOfLength(length, &result.truncated);
    // Amounts of the candidate edges, for ranking.
    for (Route& route : routes) {
      route.amount = 0;
      for (const Step* step : route.steps) {
        for (const auto& [e, forward] : step->edges) {
          auto rel = rel_of(e);
          if (!rel.ok()) return rel.status();
          route.amount += NumberProperty(rel.value()->properties, "amount_usd").value_or(0);
        }
      }
    }
    std::unordered_map<VertexIndex, std::string> name_cache;
    auto name_of = [&](VertexIndex v) -> const std::string& {
      auto it = name_cache.find(v);
      if (it != name_cache.end()) return it->second;
      auto name = NodeName(nodes, topology.NodeOf(v));
      return name_cache.emplace(v, name.ok() ? name.value() : "").first->second;
    };
    auto names_key = [&](const Route& r) {
      std::vector<std::string> key;
      for (VertexIndex v : r.vertices) key.push_back(name_of(v));
      return key;
    };
    std::stable_sort(routes.begin(), routes.end(), [&](const Route& a, const Route& b) {
      if (a.in_time_order != b.in_time_order) return a.in_time_order;
      auto known = [](int32_t year) { return year == 0 ? INT32_MAX : year; };
      if (known(a.started) != known(b.started)) return known(a.started) < known(b.started);
      if (known(a.completed) != known(b.completed)) {
        return known(a.completed) < known(b.completed);
      }
      if (a.amount != b.amount) return a.amount > b.amount;
      return names_key(a) < names_key(b);
    });
    for (Route& route : routes) {
      if (chosen.size() >= wanted) break;
      chosen.push_back(std::move(route));
    }
    // Shortest modes: the shortest length that has a route (in time order,
    // when asked) only.
    if (options.mode != MarketPathMode::kTopK && !chosen.empty()) break;
  }

  // Materialize companies and deals.
  std::map<VertexIndex, std::string> country_of;
  auto country_name = [&](VertexIndex c) -> storage::Result<std::string> {
    if (c == kNoVertex) return std::string();
    return NodeName(nodes, topology.NodeOf(c));
  };
  auto hq_country = [&](VertexIndex v) -> storage::Result<std::string> {
    auto it = country_of.find(v);
    if (it != country_of.end()) return it->second;
    std::optional<VertexIndex> country_vertex;
    if (hq) {
      topology.ForEachOut(v, [&](EdgeIndex e, VertexIndex c) {
        if (!country_vertex && topology.TypeOf(e) == *hq) country_vertex = c;
      });
    }
    auto name = country_name(country_vertex.value_or(kNoVertex));
    if (!name.ok()) return name.status();
    country_of.emplace(v, name.value());
    return name.value();
  };
  for (const Route& route : chosen) {
    MarketPath out;
    out.in_time_order = route.in_time_order;
    for (size_t idx = 0; idx < route.vertices.size(); ++idx) {
      const VertexIndex v = route.vertices[idx];
      auto node = nodes.Get(topology.NodeOf(v));
      if (!node.ok()) return node.status();
      auto country = hq_country(v);
      if (!country.ok()) return country.status();
      result.subgraph.AddNode(*node.value());
      out.companies.push_back({topology.NodeOf(v),
                               StringProperty(node.value()->properties, "name").value_or(""),
                               country.value()});
      if (idx + 1 == route.vertices.size()) break;
      MarketHop hop;
      for (const auto& [e, forward] : route.steps[idx]->edges) {
        auto rel = rel_of(e);
        if (!rel.ok()) return rel.status();
        const storage::RelRecord& r = *rel.value();
        result.subgraph.AddRel(r);
        MarketDeal deal;
        deal.id = r.id;
        deal.type = r.type;
        deal.forward = forward;
        deal.year = topology.YearOf(e);
        deal.amount_usd = NumberProperty(r.properties, "amount_usd");
        deal.round_usd = NumberProperty(r.properties, "round_usd");
        if (auto pct = NumberProperty(r.properties, "stake_pct")) {
          deal.stake_pct = *pct;
        } else if (auto stake = NumberProperty(r.properties, "stake")) {
          // `stake` is a fraction (0..1) in the bench data; larger = percent.
          deal.stake_pct = *stake <= 1.0 ? *stake * 100.0 : *stake;
        }
        hop.deals.push_back(std::move(deal));
      }
      std::sort(hop.deals.begin(), hop.deals.end(), [](const MarketDeal& a, const MarketDeal& b) {
        const int ta = TypeRank(a.type), tb = TypeRank(b.type);
        if (ta != tb) return ta < tb;
        if (a.type != b.type) return a.type < b.type;
        if (a.year != b.year) return a.year < b.year;
        return a.id < b.id;
      });
      out.deals.push_back(hop.deals.front());
      out.hops.push_back(std::move(hop));
    }
    const auto& from_member = source_members.at(route.vertices.front());
    const auto& to_member = target_members.at(route.vertices.back());
    out.from_reason = from_member.reason;
    out.to_reason = to_member.reason;
    if (to_member.reason == MarketReason::kOperatesIn) {
      auto place = country_name(to_member.place);
      if (!place.ok()) return place.status();
      out.to_place = place.value();
    }
    result.paths.push_back(std::move(out));
  }
  result.subgraph.Sort();
  return result;
}

std::string FormatUsd(double amount) {
  struct Unit {
    double scale;
    const char* suffix;
  };
  static const Unit kUnits[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
  for (const Unit& unit : kUnits) {
    if (std::fabs(amount) >= unit.scale) {
      double scaled = amount / unit.scale;
      return "$" + TrimNumber(scaled, std::fabs(scaled) < 10 ? 1 : 0) + unit.suffix;
    }
  }
  return "$" + TrimNumber(amount, 0);
}

std::string FormatMarketPath(const MarketPath& path) {
  std::string out;
  for (size_t i = 0; i < path.companies.size(); ++i) {
    const MarketCompany& c = path.companies[i];
    out += c.name.empty() ? "#" + std::to_string(c.id) : c.name;
    if (!c.country.empty()) out += " (" + c.country + ")";
    if (i >= path.hops.size()) break;
    const MarketHop& hop = path.hops[i];
    // Deals of one type (rounds) share the type name: "INVESTED_IN 2017
    // ($1.1B), 2018 ($1.1B)"; a single deal keeps the flat form.
    std::string label;
    bool forward = true;
    for (size_t deal_idx = 0; deal_idx < hop.deals.size();) {
      size_t end = deal_idx;
      while (end < hop.deals.size() && hop.deals[end].type == hop.deals[deal_idx].type) ++end;
      if (!label.empty()) label += "; ";
      if (end - deal_idx == 1) {
        label += DealText(hop.deals[deal_idx], true);
      } else {
        label += hop.deals[deal_idx].type;
        for (size_t round = deal_idx; round < end; ++round) {
          const MarketDeal& d = hop.deals[round];
          label += round == deal_idx ? " " : ", ";
          MarketDeal rest = d;
          rest.year = 0;
          std::string detail = DealText(rest, false);
          label += d.year != 0 ? std::to_string(d.year) : "undated";
          if (!detail.empty()) label += " (" + detail + ")";
        }
      }
      for (size_t k = deal_idx; k < end; ++k) forward = forward && hop.deals[k].forward;
      deal_idx = end;
    }
    out += forward ? " -[" + label + "]-> " : " <-[" + label + "]- ";
  }
  return out;
}

std::string FormatMarketReasons(const MarketPath& path) {
  if (path.companies.empty()) return "";
  std::vector<std::string> parts;
  const MarketCompany& first = path.companies.front();
  const MarketCompany& last = path.companies.back();
  if (path.from_reason == MarketReason::kHeadquartered) {
    parts.push_back(first.name + " is headquartered in " + first.country);
  }
  if (path.to_reason == MarketReason::kHeadquartered) {
    parts.push_back(last.name + " is headquartered in " + last.country);
  } else if (path.to_reason == MarketReason::kOperatesIn) {
    std::string part = last.name + " operates in " + path.to_place;
    if (!last.country.empty()) part += " (headquartered in " + last.country + ")";
    parts.push_back(part);
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

}  // namespace ecograph::graph
