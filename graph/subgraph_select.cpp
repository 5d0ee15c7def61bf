#include "graph/subgraph_select.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "graph/name_resolver.h"

namespace ecograph::graph {

using storage::Direction;
using storage::NodeId;
using storage::NodeRecord;
using storage::RelRecord;
using storage::Result;
using storage::Status;
using storage::StatusCode;

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string StringProperty(const NodeRecord& node, const std::string& key) {
  const auto it = node.properties.find(key);
  if (it == node.properties.end() || it->second.kind() != storage::ValueKind::kString) {
    return "";
  }
  return it->second.as_string();
}

std::optional<int64_t> YearOf(const RelRecord& rel) {
  const auto it = rel.properties.find("year");
  if (it == rel.properties.end()) return std::nullopt;
  const storage::PropertyValue& value = it->second;
  switch (value.kind()) {
    case storage::ValueKind::kInt:
      return value.as_int();
    case storage::ValueKind::kDouble:
      if (!std::isfinite(value.as_double())) return std::nullopt;
      return static_cast<int64_t>(std::llround(value.as_double()));
    case storage::ValueKind::kString: {
      const std::string& text = value.as_string();
      int64_t year = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
      if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
      return year;
    }
    default:
      return std::nullopt;
  }
}

Result<NodeRecord> ReadNode(storage::Transaction& txn, NodeId id) {
  auto node = txn.GetNode(id);
  if (!node.ok()) return node.status();
  if (!node.value()) {
    return Status::Error(StatusCode::kCorruption,
                         "relationship points at missing node " + std::to_string(id));
  }
  return *node.value();
}

// All nodes with `label`, in id order.
Result<std::vector<NodeRecord>> ReadLabel(storage::Transaction& txn, std::string_view label) {
  std::vector<NodeRecord> nodes;
  std::unique_ptr<storage::NodeIdIterator> ids = txn.ScanLabel(label);
  NodeId id = 0;
  while (ids->Next(&id)) {
    auto node = ReadNode(txn, id);
    if (!node.ok()) return node.status();
    nodes.push_back(std::move(node.value()));
  }
  if (!ids->status().ok()) return ids->status();
  return nodes;
}

// Adjacency of `node` as (relationship, neighbour) pairs.
Result<std::vector<storage::AdjacencyEntry>> Adjacent(storage::Transaction& txn, NodeId node,
                                                      Direction direction,
                                                      const std::vector<std::string>& types) {
  std::vector<storage::AdjacencyEntry> entries;
  std::unique_ptr<storage::AdjacencyIterator> it = txn.Expand(node, direction, types);
  storage::AdjacencyEntry entry;
  while (it->Next(&entry)) entries.push_back(entry);
  if (!it->status().ok()) return it->status();
  return entries;
}

struct Places {
  std::set<NodeId> countries;
  std::vector<std::string> names;  // canonical names, in filter order
};

// A filter term names every node of its best match tier (a partial term
// may widen to several, e.g. "Asia" to four regions); none is an error
// with close names.
Result<std::vector<const NamedEntry*>> MatchTerm(const NameIndex& index, const std::string& term,
                                                 const std::string& what) {
  std::vector<NameMatch> matches = index.Lookup(term, /*allow_partial=*/true);
  if (matches.empty()) {
    return Status::Error(StatusCode::kNotFound,
                         "unknown " + what + " '" + term + "'" + index.DidYouMean(term));
  }
  // An exact Country beats a Region of the same tier.
  const bool any_country = std::any_of(matches.begin(), matches.end(), [](const NameMatch& m) {
    return m.entry->label == "Country";
  });
  std::vector<const NamedEntry*> out;
  for (const NameMatch& match : matches) {
    if (any_country && match.tier == MatchTier::kExact && match.entry->label != "Country") continue;
    out.push_back(match.entry);
  }
  return out;
}

Result<Places> ResolvePlaces(storage::Transaction& txn, const std::vector<std::string>& terms) {
  Places places;
  if (terms.empty()) return places;
  auto index = NameIndex::Build(txn, {"Country", "Region"});
  if (!index.ok()) return index.status();
  for (const std::string& term : terms) {
    auto matched = MatchTerm(index.value(), term, "country (name, alias or ISO code) or region");
    if (!matched.ok()) return matched.status();
    for (const NamedEntry* entry : matched.value()) {
      places.names.push_back(entry->name);
      if (entry->label == "Country") {
        places.countries.insert(entry->id);
        continue;
      }
      auto members = Adjacent(txn, entry->id, Direction::kIncoming, {"IN_REGION"});
      if (!members.ok()) return members.status();
      for (const auto& member : members.value()) places.countries.insert(member.neighbor);
    }
  }
  return places;
}

struct Industries {
  std::set<NodeId> ids;
  std::vector<std::string> names;
};

Result<Industries> ResolveIndustries(storage::Transaction& txn,
                                     const std::vector<std::string>& terms) {
  Industries industries;
  if (terms.empty()) return industries;
  auto index = NameIndex::Build(txn, {"Industry"});
  if (!index.ok()) return index.status();
  for (const std::string& term : terms) {
    auto matched = MatchTerm(index.value(), term, "industry");
    if (!matched.ok()) return matched.status();
    for (const NamedEntry* entry : matched.value()) {
      if (industries.ids.insert(entry->id).second) industries.names.push_back(entry->name);
    }
  }
  return industries;
}

Result<NodeRecord> FindCompany(storage::Transaction& txn, const std::string& name) {
  auto index = NameIndex::Build(txn, {"Company"});
  if (!index.ok()) return index.status();
  auto match = ResolveOne(index.value(), "company", name);
  if (!match.ok()) return match.status();
  return ReadNode(txn, match.value().entry->id);
}

std::string JoinNames(const std::vector<std::string>& names) {
  constexpr size_t kShown = 3;
  std::string out;
  for (size_t idx = 0; idx < names.size() && idx < kShown; ++idx) {
    if (idx > 0) out += ", ";
    out += names[idx];
  }
  if (names.size() > kShown) out += " and " + std::to_string(names.size() - kShown) + " more";
  return out;
}

Result<std::string> MakeTitle(storage::Transaction& txn, const SubgraphFilter& filter,
                              const std::string& centre_name, const Places& places,
                              const Industries& industries, const std::vector<std::string>& types) {
  std::string head = filter.ecosystem_name;
  if (head.empty() && filter.around) {
    head = centre_name + " ecosystem, " + std::to_string(filter.hops) +
           (filter.hops == 1 ? " hop" : " hops");
  }
  if (head.empty()) {
    std::unique_ptr<storage::NodeIdIterator> ids = txn.ScanLabel("Company");
    NodeId id = 0;
    while (head.empty() && ids->Next(&id)) {
      auto node = ReadNode(txn, id);
      if (!node.ok()) return node.status();
      if (Lower(StringProperty(node.value(), "role")) == "group") {
        head = StringProperty(node.value(), "name") + " ecosystem";
      }
    }
    if (!ids->status().ok()) return ids->status();
  }
  if (head.empty()) head = "Ecosystem";
  std::vector<std::string> details;
  if (!places.names.empty()) details.push_back(JoinNames(places.names));
  if (!industries.names.empty()) details.push_back(JoinNames(industries.names));
  if (filter.year_from && filter.year_to) {
    details.push_back(*filter.year_from == *filter.year_to
                          ? std::to_string(*filter.year_from)
                          : std::to_string(*filter.year_from) + "\xE2\x80\x93" +
                                std::to_string(*filter.year_to));
  } else if (filter.year_from) {
    details.push_back("since " + std::to_string(*filter.year_from));
  } else if (filter.year_to) {
    details.push_back("until " + std::to_string(*filter.year_to));
  }
  if (types.size() < DealRelTypes().size()) {
    std::vector<std::string> nouns;
    for (const std::string& type : types) nouns.push_back(DealNoun(type));
    std::string joined;
    for (size_t idx = 0; idx < nouns.size(); ++idx) {
      if (idx > 0) joined += idx + 1 == nouns.size() ? " and " : ", ";
      joined += nouns[idx];
    }
    details.push_back(joined);
  }
  std::string title = head;
  for (size_t idx = 0; idx < details.size(); ++idx) {
    title += idx == 0 ? " \xE2\x80\x94 " : ", ";
    title += details[idx];
  }
  return title;
}

// Builds the subgraph while remembering which nodes were already read.
class Collector {
 public:
  explicit Collector(storage::Transaction& txn) : txn_(txn) {}

  Status AddNode(NodeId id) {
    if (subgraph_.HasNode(id)) return Status::Ok();
    auto node = ReadNode(txn_, id);
    if (!node.ok()) return node.status();
    subgraph_.AddNode(node.value());
    return Status::Ok();
  }

  Status AddRel(const RelRecord& rel) {
    if (Status status = AddNode(rel.src); !status.ok()) return status;
    if (Status status = AddNode(rel.dst); !status.ok()) return status;
    subgraph_.AddRel(rel);
    return Status::Ok();
  }

  // Adds the `type` relationships leaving `id` and their targets; returns
  // the targets.
  Result<std::vector<NodeId>> AddOutgoing(NodeId id, const std::string& type) {
    auto entries = Adjacent(txn_, id, Direction::kOutgoing, {type});
    if (!entries.ok()) return entries.status();
    std::vector<NodeId> targets;
    for (const auto& entry : entries.value()) {
      auto rel = txn_.GetRel(entry.rel);
      if (!rel.ok()) return rel.status();
      if (!rel.value()) continue;
      if (Status status = AddRel(*rel.value()); !status.ok()) return status;
      targets.push_back(entry.neighbor);
    }
    return targets;
  }

  Subgraph& subgraph() { return subgraph_; }

 private:
  storage::Transaction& txn_;
  Subgraph subgraph_;
};

}  // namespace

const std::vector<std::string>& DealRelTypes() {
  static const std::vector<std::string> types = {"ACQUIRED", "INVESTED_IN", "PARTNERED_WITH",
                                                 "SUBSIDIARY_OF", "AFFILIATE_OF"};
  return types;
}

Result<Subgraph> SelectSubgraph(storage::Transaction& txn, const SubgraphFilter& filter) {
  if (filter.hops < 0 || filter.hops > kMaxHops) {
    return Status::Error(StatusCode::kInvalidArgument, "--hops must be between 0 and " +
                                                           std::to_string(kMaxHops) + ", got " +
                                                           std::to_string(filter.hops));
  }
  if (filter.year_from && filter.year_to && *filter.year_from > *filter.year_to) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "the year range " + std::to_string(*filter.year_from) + "-" +
                             std::to_string(*filter.year_to) + " is empty (from > to)");
  }
  std::vector<std::string> types;
  for (const std::string& type : filter.rel_types) {
    const auto& deals = DealRelTypes();
    const auto it = std::find_if(deals.begin(), deals.end(), [&](const std::string& deal) {
      return Lower(deal) == Lower(type);
    });
    if (it == deals.end()) {
      return Status::Error(StatusCode::kInvalidArgument,
                           "'" + type +
                               "' is not a deal type (expected ACQUIRED, INVESTED_IN, "
                               "PARTNERED_WITH, SUBSIDIARY_OF or AFFILIATE_OF)");
    }
    if (std::find(types.begin(), types.end(), *it) == types.end()) types.push_back(*it);
  }
  if (types.empty()) types = DealRelTypes();
  std::sort(types.begin(), types.end(), [](const std::string& a, const std::string& b) {
    const auto& deals = DealRelTypes();
    return std::find(deals.begin(), deals.end(), a) < std::find(deals.begin(), deals.end(), b);
  });

  auto places = ResolvePlaces(txn, filter.countries);
  if (!places.ok()) return places.status();
  auto industries = ResolveIndustries(txn, filter.industries);
  if (!industries.ok()) return industries.status();

  // Companies allowed by the place and industry filters; nullopt = all.
  std::optional<std::set<NodeId>> allowed;
  const auto restrict_to = [&](const std::set<NodeId>& targets, const std::string& type) -> Status {
    std::set<NodeId> companies;
    for (NodeId target : targets) {
      auto entries = Adjacent(txn, target, Direction::kIncoming, {type});
      if (!entries.ok()) return entries.status();
      for (const auto& entry : entries.value()) {
        if (!allowed || allowed->count(entry.neighbor) > 0) companies.insert(entry.neighbor);
      }
    }
    allowed = std::move(companies);
    return Status::Ok();
  };
  if (!filter.countries.empty()) {
    if (Status status = restrict_to(places.value().countries, "HEADQUARTERED_IN"); !status.ok()) {
      return status;
    }
  }
  if (!filter.industries.empty()) {
    if (Status status = restrict_to(industries.value().ids, "IN_INDUSTRY"); !status.ok()) {
      return status;
    }
  }
  const bool dated = filter.year_from.has_value() || filter.year_to.has_value();
  const auto keep_rel = [&](const RelRecord& rel) {
    if (!dated) return true;
    const auto year = YearOf(rel);
    if (!year) return false;
    return (!filter.year_from || *year >= *filter.year_from) &&
           (!filter.year_to || *year <= *filter.year_to);
  };

  Collector collector(txn);
  // Deals of `id` that pass the year filter and whose other end passes
  // `other_ok`; returns the other ends.
  const auto deals_of = [&](NodeId id, const auto& other_ok) -> Result<std::vector<NodeId>> {
    auto entries = Adjacent(txn, id, Direction::kBoth, types);
    if (!entries.ok()) return entries.status();
    std::vector<NodeId> others;
    for (const auto& entry : entries.value()) {
      if (!other_ok(entry.neighbor)) continue;
      auto rel = txn.GetRel(entry.rel);
      if (!rel.ok()) return rel.status();
      if (!rel.value() || !keep_rel(*rel.value())) continue;
      if (Status status = collector.AddRel(*rel.value()); !status.ok()) return status;
      others.push_back(entry.neighbor);
    }
    return others;
  };

  std::string centre_name;
  if (filter.around) {
    auto centre = FindCompany(txn, *filter.around);
    if (!centre.ok()) return centre.status();
    centre_name = StringProperty(centre.value(), "name");
    collector.subgraph().focus = centre.value().id;
    if (Status status = collector.AddNode(centre.value().id); !status.ok()) return status;
    std::set<NodeId> visited = {centre.value().id};
    std::vector<NodeId> frontier = {centre.value().id};
    const auto in_place = [&](NodeId id) { return !allowed || allowed->count(id) > 0; };
    for (int hop = 0; hop < filter.hops && !frontier.empty(); ++hop) {
      std::vector<NodeId> next;
      for (NodeId id : frontier) {
        auto others = deals_of(id, in_place);
        if (!others.ok()) return others.status();
        for (NodeId other : others.value()) {
          if (visited.insert(other).second) next.push_back(other);
        }
      }
      std::sort(next.begin(), next.end());
      frontier = std::move(next);
    }
    // Deals among the outermost companies and back to reached ones.
    for (NodeId id : frontier) {
      auto others = deals_of(id, [&](NodeId other) { return visited.count(other) > 0; });
      if (!others.ok()) return others.status();
    }
  } else {
    std::vector<NodeId> seeds;
    if (allowed) {
      seeds.assign(allowed->begin(), allowed->end());
    } else {
      std::unique_ptr<storage::NodeIdIterator> ids = txn.ScanLabel("Company");
      NodeId id = 0;
      while (ids->Next(&id)) seeds.push_back(id);
      if (!ids->status().ok()) return ids->status();
    }
    const bool keep_isolated = !dated && filter.rel_types.empty();
    for (NodeId id : seeds) {
      auto others = deals_of(id, [](NodeId) { return true; });
      if (!others.ok()) return others.status();
      if (keep_isolated) {
        if (Status status = collector.AddNode(id); !status.ok()) return status;
      }
    }
  }

  if (filter.with_countries || filter.with_regions || filter.with_industries) {
    std::vector<NodeId> companies;
    for (const NodeRecord& node : collector.subgraph().nodes) {
      if (std::find(node.labels.begin(), node.labels.end(), "Company") != node.labels.end()) {
        companies.push_back(node.id);
      }
    }
    std::set<NodeId> countries;
    for (NodeId id : companies) {
      if (filter.with_countries || filter.with_regions) {
        auto targets = collector.AddOutgoing(id, "HEADQUARTERED_IN");
        if (!targets.ok()) return targets.status();
        countries.insert(targets.value().begin(), targets.value().end());
      }
      if (filter.with_industries) {
        auto targets = collector.AddOutgoing(id, "IN_INDUSTRY");
        if (!targets.ok()) return targets.status();
      }
    }
    if (filter.with_regions) {
      for (NodeId country : countries) {
        auto targets = collector.AddOutgoing(country, "IN_REGION");
        if (!targets.ok()) return targets.status();
      }
    }
  }

  auto title = MakeTitle(txn, filter, centre_name, places.value(), industries.value(), types);
  if (!title.ok()) return title.status();
  Subgraph& subgraph = collector.subgraph();
  subgraph.title = std::move(title.value());
  subgraph.Sort();
  return std::move(subgraph);
}

}  // namespace ecograph::graph
