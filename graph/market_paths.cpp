#include "graph/market_paths.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "graph/algorithms/edge_filter.h"
#include "graph/algorithms/paths.h"

namespace ecograph::graph {

namespace {

using storage::Status;
using storage::StatusCode;

const char* const kDefaultDealTypes[] = {"ACQUIRED", "INVESTED_IN", "PARTNERED_WITH",
                                         "SUBSIDIARY_OF"};
const char* const kIsoKeys[] = {"iso", "iso_code", "iso2", "iso3", "code"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// One named node of the catalog scan.
struct NamedNode {
  storage::NodeId id;
  std::string name;
  std::vector<std::string> aliases;  // ISO codes of a country
  std::string region;                // Country.region property
};

storage::Result<std::vector<NamedNode>> ScanNamed(storage::Transaction& txn,
                                                  std::string_view label) {
  std::vector<NamedNode> out;
  auto it = txn.ScanLabel(label);
  storage::NodeId id;
  while (it->Next(&id)) {
    auto node = txn.GetNode(id);
    if (!node.ok()) return node.status();
    if (!node.value()) continue;
    const auto& props = node.value()->properties;
    NamedNode named{id, StringProperty(props, "name").value_or(""), {}, {}};
    for (const char* key : kIsoKeys) {
      if (auto code = StringProperty(props, key)) named.aliases.push_back(*code);
    }
    named.region = StringProperty(props, "region").value_or("");
    out.push_back(std::move(named));
  }
  if (!it->status().ok()) return it->status();
  return out;
}

// Companies named exactly `name` (index when there is one).
storage::Result<std::vector<storage::NodeId>> CompaniesNamed(storage::Transaction& txn,
                                                             const std::string& name) {
  std::vector<storage::NodeId> out;
  if (txn.HasIndex("Company", "name")) {
    storage::IndexBound bound{storage::PropertyValue(name), true};
    auto it = txn.IndexSeek("Company", "name", bound, bound);
    storage::NodeId id;
    while (it->Next(&id)) out.push_back(id);
    if (!it->status().ok()) return it->status();
    return out;
  }
  auto all = ScanNamed(txn, "Company");
  if (!all.ok()) return all.status();
  for (const auto& c : all.value()) {
    if (c.name == name) out.push_back(c.id);
  }
  return out;
}

std::string KindName(EndpointKind kind) {
  switch (kind) {
    case EndpointKind::kCompany:
      return "company";
    case EndpointKind::kCountry:
      return "country";
    case EndpointKind::kRegion:
      return "region";
  }
  return "";
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

}  // namespace

std::vector<storage::NodeId> MarketPath::node_ids() const {
  std::vector<storage::NodeId> ids;
  for (const auto& c : companies) ids.push_back(c.id);
  return ids;
}

storage::Result<MarketEndpoint> ResolveMarketEndpoint(storage::Transaction& txn,
                                                      std::string_view name_in) {
  const std::string name(name_in);
  auto countries = ScanNamed(txn, "Country");
  if (!countries.ok()) return countries.status();
  auto regions = ScanNamed(txn, "Region");
  if (!regions.ok()) return regions.status();

  for (int pass = 0; pass < 2; ++pass) {
    // pass 0: exact; pass 1: case-insensitive.
    auto same = [&](const std::string& candidate) {
      return pass == 0 ? candidate == name : Lower(candidate) == Lower(name);
    };
    for (const auto& c : countries.value()) {
      bool match = same(c.name);
      for (const auto& alias : c.aliases) match = match || same(alias);
      if (match) return MarketEndpoint{EndpointKind::kCountry, c.name, {c.id}};
    }
    for (const auto& r : regions.value()) {
      if (same(r.name)) return MarketEndpoint{EndpointKind::kRegion, r.name, {r.id}};
    }
    // Regions named only by the Country.region property: the countries.
    MarketEndpoint by_property{EndpointKind::kRegion, "", {}};
    for (const auto& c : countries.value()) {
      if (!c.region.empty() && same(c.region)) {
        by_property.name = c.region;
        by_property.nodes.push_back(c.id);
      }
    }
    if (!by_property.nodes.empty()) return by_property;
    if (pass == 0) {
      auto companies = CompaniesNamed(txn, name);
      if (!companies.ok()) return companies.status();
      if (!companies.value().empty()) {
        return MarketEndpoint{EndpointKind::kCompany, name, {companies.value().front()}};
      }
    }
  }
  // Case-insensitive company match, and close matches for the message.
  auto companies = ScanNamed(txn, "Company");
  if (!companies.ok()) return companies.status();
  const std::string lower = Lower(name);
  for (const auto& c : companies.value()) {
    if (Lower(c.name) == lower) return MarketEndpoint{EndpointKind::kCompany, c.name, {c.id}};
  }
  std::vector<std::pair<size_t, std::string>> close;
  std::set<std::string> seen;
  auto consider = [&](const std::string& candidate) {
    if (candidate.empty() || seen.count(candidate)) return;
    std::string lc = Lower(candidate);
    size_t distance = EditDistance(lower, lc);
    bool contains = lower.size() >= 3 && lc.find(lower) != std::string::npos;
    if (distance <= std::max<size_t>(2, lower.size() / 3) || contains) {
      seen.insert(candidate);
      close.emplace_back(contains ? std::min<size_t>(distance, 1) : distance, candidate);
    }
  };
  for (const auto& c : countries.value()) {
    consider(c.name);
    consider(c.region);
  }
  for (const auto& r : regions.value()) consider(r.name);
  for (const auto& c : companies.value()) consider(c.name);
  std::sort(close.begin(), close.end());
  std::string message = "unknown company, country or region '" + name + "'";
  if (!close.empty()) {
    message += " (did you mean ";
    for (size_t i = 0; i < close.size() && i < 5; ++i) {
      if (i) message += ", ";
      message += "'" + close[i].second + "'";
    }
    message += "?)";
  }
  return Status::Error(StatusCode::kNotFound, message);
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
  result.subgraph.title = "trace " + KindName(result.from.kind) + " '" + result.from.name +
                          "' -> " + KindName(result.to.kind) + " '" + result.to.name + "'";

  // Edge filter with per-type directions.
  std::vector<std::string> via = options.via;
  if (via.empty()) via.assign(std::begin(kDefaultDealTypes), std::end(kDefaultDealTypes));
  EdgeFilter filter(topology, via, TraversalDirection::kOutgoing);
  if (!options.via.empty() && !filter.unknown_types().empty()) {
    std::string known;
    for (const auto& t : topology.type_names()) known += (known.empty() ? "" : ", ") + t;
    return Status::Error(StatusCode::kInvalidArgument, "unknown relationship type '" +
                                                           filter.unknown_types().front() +
                                                           "' in via (known types: " + known + ")");
  }
  for (const std::string& type : via) {
    auto id = topology.FindType(type);
    if (!id) continue;
    if (type == "SUBSIDIARY_OF") filter.SetTypeMode(*id, EdgeFilter::kBackward);
    if (type == "PARTNERED_WITH") {
      filter.SetTypeMode(*id, EdgeFilter::kForward | EdgeFilter::kBackward);
    }
  }
  filter.Refresh();
  filter.SetYears(options.year_from, options.year_to);

  // Endpoint vertex sets.
  auto hq = topology.FindType("HEADQUARTERED_IN");
  auto operates = topology.FindType("OPERATES_IN");
  auto in_region = topology.FindType("IN_REGION");
  auto expand = [&](const MarketEndpoint& endpoint, bool as_target) {
    std::vector<VertexIndex> out;
    std::vector<VertexIndex> countries;
    for (storage::NodeId id : endpoint.nodes) {
      VertexIndex v = topology.VertexOf(id);
      if (v == kNoVertex) continue;
      if (endpoint.kind == EndpointKind::kCompany) {
        out.push_back(v);
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
    for (VertexIndex c : countries) {
      topology.ForEachIn(c, [&](EdgeIndex e, VertexIndex company) {
        TypeId type = topology.TypeOf(e);
        if ((hq && type == *hq) || (as_target && operates && type == *operates)) {
          out.push_back(company);
        }
      });
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  std::vector<VertexIndex> sources = expand(result.from, false);
  std::vector<VertexIndex> targets = expand(result.to, true);

  PathOptions path_options;
  path_options.max_hops = options.max_hops;
  path_options.in_time_order = options.in_time_order;
  path_options.limit = options.limit;
  std::vector<Path> paths;
  switch (options.mode) {
    case MarketPathMode::kShortest:
      if (auto p = ShortestPath(filter, sources, targets, path_options)) paths.push_back(*p);
      break;
    case MarketPathMode::kAllShortest:
      paths = AllShortestPaths(filter, sources, targets, path_options);
      break;
    case MarketPathMode::kTopK:
      paths = KShortestPaths(filter, sources, targets, options.k, path_options);
      break;
  }

  // Materialize companies and deals from the store.
  NodeCache nodes(txn);
  std::map<VertexIndex, std::string> country_of;
  auto hq_country = [&](VertexIndex v) -> storage::Result<std::string> {
    auto it = country_of.find(v);
    if (it != country_of.end()) return it->second;
    std::string country;
    if (hq) {
      std::optional<VertexIndex> country_vertex;
      topology.ForEachOut(v, [&](EdgeIndex e, VertexIndex c) {
        if (!country_vertex && topology.TypeOf(e) == *hq) country_vertex = c;
      });
      if (country_vertex) {
        auto node = nodes.Get(topology.NodeOf(*country_vertex));
        if (!node.ok()) return node.status();
        country = StringProperty(node.value()->properties, "name").value_or("");
      }
    }
    country_of.emplace(v, country);
    return country;
  };
  for (const Path& path : paths) {
    MarketPath out;
    for (size_t i = 0; i < path.vertices.size(); ++i) {
      VertexIndex v = path.vertices[i];
      auto node = nodes.Get(topology.NodeOf(v));
      if (!node.ok()) return node.status();
      auto country = hq_country(v);
      if (!country.ok()) return country.status();
      result.subgraph.AddNode(*node.value());
      out.companies.push_back({topology.NodeOf(v),
                               StringProperty(node.value()->properties, "name").value_or(""),
                               country.value()});
      if (i + 1 == path.vertices.size()) break;
      auto rel = txn.GetRel(topology.RelOf(path.edges[i]));
      if (!rel.ok()) return rel.status();
      if (!rel.value()) {
        return Status::Error(StatusCode::kNotFound,
                             "relationship " + std::to_string(topology.RelOf(path.edges[i])) +
                                 " vanished from the snapshot");
      }
      const storage::RelRecord& r = *rel.value();
      result.subgraph.AddRel(r);
      MarketDeal deal;
      deal.id = r.id;
      deal.type = r.type;
      deal.forward = r.src == topology.NodeOf(v);
      deal.year = topology.YearOf(path.edges[i]);
      deal.amount_usd = NumberProperty(r.properties, "amount_usd");
      if (auto pct = NumberProperty(r.properties, "stake_pct")) {
        deal.stake_pct = *pct;
      } else if (auto stake = NumberProperty(r.properties, "stake")) {
        // `stake` is a fraction (0..1) in the bench data; larger = percent.
        deal.stake_pct = *stake <= 1.0 ? *stake * 100.0 : *stake;
      }
      out.deals.push_back(std::move(deal));
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
    if (i >= path.deals.size()) break;
    const MarketDeal& d = path.deals[i];
    std::string label = d.type;
    if (d.year != 0) label += " " + std::to_string(d.year);
    if (d.amount_usd) label += ", " + FormatUsd(*d.amount_usd);
    if (d.stake_pct) label += ", " + TrimNumber(*d.stake_pct, 1) + "%";
    out += d.forward ? " -[" + label + "]-> " : " <-[" + label + "]- ";
  }
  return out;
}

}  // namespace ecograph::graph
