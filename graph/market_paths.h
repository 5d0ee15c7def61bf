#pragma once
// Market path tracing: routes of deals by which capital or control moved
// from a company or market to another.
//
// An endpoint is a Company, a Country (by name, alias or ISO code) or a
// Region (a Region node, or the `region` property of Country nodes), named
// as graph/name_resolver.h describes (aliases, case and accents ignored,
// unambiguous partial names accepted). At one match tier Country beats
// Region beats Company.
//   from a market = companies HEADQUARTERED_IN it (for a Region: in any of
//                   its countries, via IN_REGION or Country.region);
//   to a market   = companies HEADQUARTERED_IN it, else OPERATES_IN it; the
//                   reason is reported per path (MarketReason).
// Deals are followed in their direction (investor -> target: ACQUIRED,
// INVESTED_IN, PARTNERED_WITH as stored, other `via` types src -> dst),
// SUBSIDIARY_OF from parent to subsidiary; `any_direction` also follows
// every type against its direction.
//
// A route is a sequence of distinct companies; every path has at least one
// hop, ends at the first target company it reaches, and passes through no
// other source or target company. All deals between two consecutive
// companies form one hop (rounds of one investment, an acquisition and its
// SUBSIDIARY_OF mirror); a SUBSIDIARY_OF / AFFILIATE_OF deal is dropped from
// a hop that has an ACQUIRED or INVESTED_IN deal, so a mirror never makes a
// second route. Routes rank by hops (fewer first), then time order (routes
// whose hops can be dated without going backwards first), then the year the
// route starts (its first deal; earlier first; undated last), then the year
// it completes, then total amount (larger first), then names.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/cancel_check.h"
#include "graph/subgraph.h"
#include "graph/topology.h"
#include "storage/store.h"

namespace ecograph::graph {

enum class MarketPathMode { kShortest, kAllShortest, kTopK };

struct MarketPathOptions {
  // Deal types; empty = ACQUIRED, INVESTED_IN, PARTNERED_WITH, SUBSIDIARY_OF.
  // Names compare case-insensitively.
  std::vector<std::string> via;
  uint32_t max_hops = 6;
  std::optional<int32_t> year_from;  // inclusive; deals without a year fail a range
  std::optional<int32_t> year_to;
  MarketPathMode mode = MarketPathMode::kShortest;
  size_t k = 5;                // kTopK: number of routes
  size_t limit = 100;          // kAllShortest: at most this many routes
  bool in_time_order = false;  // keep only routes whose hops can be dated in order
  bool any_direction = false;  // also follow deals against their direction
  // Polled for every company expanded (borrowed; null = never stops); what
  // it throws propagates.
  const CancelCheck* cancel = nullptr;
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
  std::optional<double> amount_usd;  // this investor's own amount
  // Size of the whole funding round; shown as "round $X" only when
  // amount_usd is absent, and never added into amounts.
  std::optional<double> round_usd;
  std::optional<double> stake_pct;  // percent (0-100)
};

// Every deal between two consecutive companies of a route, by type order
// then year.
struct MarketHop {
  std::vector<MarketDeal> deals;
};

// Why an end company counts as in its market.
enum class MarketReason { kCompany, kHeadquartered, kOperatesIn };

struct MarketPath {
  std::vector<MarketCompany> companies;  // companies.size() == hops.size() + 1
  std::vector<MarketHop> hops;
  // One deal per hop, hops[i].deals.front() (control first, then earliest):
  // the relationship a path value of the route uses.
  std::vector<MarketDeal> deals;
  MarketReason from_reason = MarketReason::kCompany;
  MarketReason to_reason = MarketReason::kCompany;
  std::string to_place;  // kOperatesIn: the market country it operates in
  bool in_time_order = false;
  std::vector<storage::NodeId> node_ids() const;
};

struct MarketPathResult {
  MarketEndpoint from;
  MarketEndpoint to;
  std::vector<MarketPath> paths;
  Subgraph subgraph;  // every company and deal on the paths
  // True when a route length had more candidates than the enumeration cap
  // (kMaxRoutesPerLength) and the ranking saw only the first ones.
  bool truncated = false;
};

inline constexpr size_t kMaxRoutesPerLength = 200000;

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
// a hop of several deals: "-[INVESTED_IN 2017 ($1.1B), 2018 ($1.1B)]->" and
// types joined by "; ". A deal followed against its direction: "<-[...]-".
std::string FormatMarketPath(const MarketPath& path);
// "Alibaba Group is headquartered in China; Lazada Group operates in
// Indonesia (headquartered in Singapore)"; "" for company endpoints.
std::string FormatMarketReasons(const MarketPath& path);
// "$728M", "$1.5B", "$900K", "$12".
std::string FormatUsd(double amount);

}  // namespace ecograph::graph
