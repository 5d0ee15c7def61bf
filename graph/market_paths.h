#pragma once
// Market path tracing: chains of deals from a company or market to another.
//
// An endpoint is a Company (by name), a Country (by name or ISO code) or a
// Region (a Region node, or the `region` property of Country nodes). Exact
// names win over case-insensitive ones; at one level Country beats Region
// beats Company.
//   from a market = companies HEADQUARTERED_IN it (for a Region: in any of
//                   its countries, via IN_REGION or Country.region);
//   to a market   = companies HEADQUARTERED_IN or OPERATES_IN it.
// Capital flows from investor to target, so ACQUIRED and INVESTED_IN are
// followed src -> dst, SUBSIDIARY_OF backward (parent -> subsidiary), and
// PARTNERED_WITH both ways; other `via` types are followed src -> dst.
// Every path has at least one deal; a path ends at the first target company
// it reaches and never repeats a company.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/subgraph.h"
#include "graph/topology.h"
#include "storage/store.h"

namespace ecograph::graph {

enum class MarketPathMode { kShortest, kAllShortest, kTopK };

struct MarketPathOptions {
  // Deal types; empty = ACQUIRED, INVESTED_IN, PARTNERED_WITH, SUBSIDIARY_OF.
  std::vector<std::string> via;
  uint32_t max_hops = 6;
  std::optional<int32_t> year_from;  // inclusive; deals without a year fail a range
  std::optional<int32_t> year_to;
  MarketPathMode mode = MarketPathMode::kShortest;
  size_t k = 5;                // kTopK: number of paths
  size_t limit = 100;          // kAllShortest: at most this many paths
  bool in_time_order = false;  // deal years never decrease along a path
};

enum class EndpointKind { kCompany, kCountry, kRegion };

struct MarketEndpoint {
  EndpointKind kind = EndpointKind::kCompany;
  std::string name;                    // canonical name as stored
  std::vector<storage::NodeId> nodes;  // the company, country, or region's countries
};

struct MarketCompany {
  storage::NodeId id = 0;
  std::string name;
  std::string country;  // headquarters country name; empty when unknown
};

struct MarketDeal {
  storage::RelId id = 0;
  std::string type;
  bool forward = true;  // the relationship points along the path
  int32_t year = 0;     // 0 = unknown
  std::optional<double> amount_usd;
  std::optional<double> stake_pct;  // percent (0-100)
};

struct MarketPath {
  std::vector<MarketCompany> companies;  // companies.size() == deals.size() + 1
  std::vector<MarketDeal> deals;
  std::vector<storage::NodeId> node_ids() const;
};

struct MarketPathResult {
  MarketEndpoint from;
  MarketEndpoint to;
  std::vector<MarketPath> paths;
  Subgraph subgraph;  // every node and relationship on the paths
};

// Errors: kNotFound for an unknown endpoint name (the message lists close
// matches), kInvalidArgument for a `via` type that does not exist, storage
// errors as they come.
storage::Result<MarketPathResult> TraceMarketPaths(storage::Transaction& txn,
                                                   const Topology& topology, std::string_view from,
                                                   std::string_view to,
                                                   const MarketPathOptions& options);

// Resolves one endpoint name (see the file comment).
storage::Result<MarketEndpoint> ResolveMarketEndpoint(storage::Transaction& txn,
                                                      std::string_view name);

// "Alibaba Group (China) -[ACQUIRED 2018, $728M, 75%]-> Trendyol (Turkey)";
// a deal followed against its direction is drawn "<-[...]-".
std::string FormatMarketPath(const MarketPath& path);
// "$728M", "$1.5B", "$900K", "$12".
std::string FormatUsd(double amount);

}  // namespace ecograph::graph
