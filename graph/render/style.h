#pragma once
// The visual vocabulary of diagrams: what kind of node or edge a record is,
// how each kind looks, and the text of edge labels. Pure functions; no
// Graphviz calls.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.h"

namespace ecograph::graph::render_internal {

// Legend order. A Company's kind comes from its `role` property.
enum class NodeKind {
  kGroup,
  kBusinessUnit,
  kSubsidiary,
  kAffiliate,
  kAcquired,
  kInvestee,
  kPartner,
  kInvestor,  // invests in the group itself (role 'investor')
  kCompany,  // a Company with no or an unknown role
  kCountry,
  kRegion,
  kIndustry,
  kOther,
};
inline constexpr int kNodeKindCount = 13;

enum class EdgeKind {
  kAcquired,
  kInvestedIn,
  kPartneredWith,
  kSubsidiaryOf,
  kAffiliateOf,
  kContext,  // HEADQUARTERED_IN, OPERATES_IN, IN_INDUSTRY, IN_REGION
  kOther,
};
inline constexpr int kEdgeKindCount = 7;

struct NodeStyle {
  const char* legend;  // legend text
  const char* shape;
  const char* style;
  const char* fill;
  const char* border;
  const char* penwidth;
  const char* fontsize;
};

struct EdgeStyle {
  const char* legend;
  const char* sample;  // legend sample drawn in the edge colour
  const char* color;
  const char* style;
  const char* penwidth;
  const char* arrowhead;
  const char* arrowsize;
};

NodeKind ClassifyNode(const storage::NodeRecord& node);
EdgeKind ClassifyEdge(std::string_view type);
const NodeStyle& StyleOf(NodeKind kind);
const EdgeStyle& StyleOf(EdgeKind kind);
// True for the relationship types that are deals between companies.
bool IsDealType(std::string_view type);

// Display name: the `name` property, else "<Label> #<id>". Not escaped.
std::string DisplayName(const storage::NodeRecord& node);

// Integer / number property, accepting int, double and numeric strings.
std::optional<int64_t> IntProperty(const storage::PropertyMap& properties, const std::string& key);
std::optional<double> NumberProperty(const storage::PropertyMap& properties,
                                     const std::string& key);

// "$1.0B", "$250M", "$12K", "$900".
std::string FormatUsd(double amount);
// "75%", "33.5%".
std::string FormatPercent(double percent);
// "2016 · $1.0B · 75%" from year, amount_usd and stake_pct; "" when none.
// Without amount_usd, a round_usd shows as "round $1.1B" (the round's size,
// not this investor's amount).
// Without `with_year`, "$1.0B · 75%" (for diagrams whose layout shows the year).
std::string DealLabel(const storage::RelRecord& rel, bool with_year = true);
// Several rounds of one deal type between the same two nodes, drawn as one
// edge: "2017, 2018, 2022 · $4.3B" (distinct years ascending, total amount);
// without `with_year`, only the total. The total sums amount_usd only; when
// no round has one, round sizes are listed instead: "2017, 2018 · rounds
// $1.1B, $1.1B". REQUIRES: rels non-empty.
std::string RoundsLabel(const std::vector<const storage::RelRecord*>& rels, bool with_year = true);

}  // namespace ecograph::graph::render_internal
