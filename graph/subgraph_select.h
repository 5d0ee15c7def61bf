#pragma once
// Selecting the part of the ecosystem graph to draw or export: companies by
// headquarters country / region and industry, deals by year and type, or the
// neighbourhood of one company.
//
// Schema read: (:Company {name, role})-[:HEADQUARTERED_IN]->(:Country {name,
// iso2})-[:IN_REGION]->(:Region {name}); (:Company)-[:IN_INDUSTRY]->
// (:Industry {name}); deals between companies: ACQUIRED, INVESTED_IN,
// PARTNERED_WITH, SUBSIDIARY_OF, AFFILIATE_OF with an optional `year`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "graph/subgraph.h"
#include "storage/status.h"
#include "storage/store.h"

namespace ecograph::graph {

// The relationship types that count as deals, in title order.
const std::vector<std::string>& DealRelTypes();

struct SubgraphFilter {
  // Country names, aliases, ISO codes, or Region names (a region stands for
  // every country IN_REGION of it), resolved as graph/name_resolver.h says;
  // a partial name that fits several selects all of them. Empty = anywhere.
  std::vector<std::string> countries;
  // Industry names, resolved the same way. Empty = any industry.
  std::vector<std::string> industries;
  // Inclusive bounds on a deal's `year`. When either is set, deals without a
  // year and companies without a deal in range are left out.
  std::optional<int64_t> year_from;
  std::optional<int64_t> year_to;
  // Deal types to keep (subset of DealRelTypes()); empty = all of them.
  std::vector<std::string> rel_types;
  // When set: the companies within `hops` deals of the Company with this
  // name or alias (an ambiguous partial name is an error), breadth-first
  // over the kept deal types; it becomes the Subgraph's focus. The
  // country / industry filters then restrict the companies reached (the
  // centre is always kept).
  std::optional<std::string> around;
  int hops = 1;
  // Context added for each selected company: its HEADQUARTERED_IN country
  // (and that country's IN_REGION region), its IN_INDUSTRY industries.
  bool with_countries = false;
  bool with_regions = false;
  bool with_industries = false;
  // Title prefix, e.g. "Alibaba ecosystem". Empty: "<around> ecosystem" or
  // "<name of the first Company with role 'group'> ecosystem".
  std::string ecosystem_name;
};

inline constexpr int kMaxHops = 10;

// Errors: kNotFound naming an unknown country / region / industry / company
// (with close names when there are some) or an ambiguous company;
// kInvalidArgument for hops outside
// [0, kMaxHops], an unknown rel type or year_from > year_to; storage errors
// as returned by the transaction. The result is sorted by id and titled
// after the filter ("Alibaba ecosystem — Southeast Asia, 2014–2021").
storage::Result<Subgraph> SelectSubgraph(storage::Transaction& txn, const SubgraphFilter& filter);

}  // namespace ecograph::graph
