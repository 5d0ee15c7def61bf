#include "graph/render/style.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace ecograph::graph::render_internal {
namespace {

// Indexed by NodeKind.
constexpr std::array<NodeStyle, kNodeKindCount> kNodeStyles = {{
    {"group", "doubleoctagon", "bold,filled", "#FFD8A8", "#D9480F", "2", "12"},
    {"business unit", "box", "rounded,filled,bold", "#FFE8CC", "#E8590C", "1.4", "10"},
    {"subsidiary", "box", "filled", "#FFF4E6", "#E8590C", "1.2", "10"},
    {"affiliate", "box", "filled,dashed", "#F3E8FF", "#7950F2", "1.2", "10"},
    {"acquired", "box", "filled", "#FFA94D", "#C2410C", "1.2", "10"},
    {"investee", "box", "filled", "#D0EBFF", "#1C7ED6", "1", "10"},
    {"partner", "box", "rounded,filled", "#D3F9D8", "#2F9E44", "1", "10"},
    {"investor in the group", "box", "rounded,filled,bold", "#FFDEEB", "#C2255C", "1.6", "10"},
    {"company", "box", "filled", "#F8F9FA", "#868E96", "1", "10"},
    {"country", "ellipse", "filled", "#E9ECEF", "#868E96", "1", "10"},
    {"region", "note", "filled", "#F1F3F5", "#495057", "1.2", "13"},
    {"industry", "hexagon", "filled", "#FFF9DB", "#F08C00", "1", "10"},
    {"other", "ellipse", "solid", "#FFFFFF", "#ADB5BD", "1", "10"},
}};

// Indexed by EdgeKind. Samples are box-drawing characters present in
// DejaVu Sans.
constexpr std::array<EdgeStyle, kEdgeKindCount> kEdgeStyles = {{
    {"acquired", "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81\xE2\x96\xB6", "#D62728", "bold", "2.2",
     "normal", "0.8"},
    {"invested in", "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x96\xB6", "#1F77B4", "solid", "1.4",
     "normal", "0.7"},
    {"partnered with", "\xE2\x95\x8C\xE2\x95\x8C\xE2\x95\x8C\xE2\x95\x8C", "#2CA02C", "dashed",
     "1.4", "none", "0.7"},
    {"subsidiary of", "\xE2\x94\x88\xE2\x94\x88\xE2\x94\x88\xE2\x96\xB7", "#6C757D", "dotted",
     "1.6", "empty", "0.7"},
    {"affiliate of", "\xE2\x95\x8C\xE2\x95\x8C\xE2\x95\x8C\xE2\x96\xB7", "#9467BD", "dashed", "1.2",
     "empty", "0.7"},
    {"location / industry", "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x96\xB8", "#BFC5CC", "solid",
     "0.7", "normal", "0.5"},
    {"other", "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x96\xB6", "#555555", "solid", "1", "normal",
     "0.6"},
}};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_' || c == '-') c = ' ';
  }
  return out;
}

bool HasLabel(const storage::NodeRecord& node, std::string_view label) {
  return std::find(node.labels.begin(), node.labels.end(), label) != node.labels.end();
}

// Prints with one decimal below 10 and none from 10 up.
std::string Scaled(double value, const char* suffix) {
  char buffer[64];
  if (value < 9.95) {
    std::snprintf(buffer, sizeof(buffer), "%.1f%s", value, suffix);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.0f%s", value, suffix);
  }
  return buffer;
}

}  // namespace

NodeKind ClassifyNode(const storage::NodeRecord& node) {
  if (HasLabel(node, "Company")) {
    const auto it = node.properties.find("role");
    if (it == node.properties.end() || it->second.kind() != storage::ValueKind::kString) {
      return NodeKind::kCompany;
    }
    const std::string role = Lower(it->second.as_string());
    if (role == "group" || role == "parent") return NodeKind::kGroup;
    if (role == "business unit" || role == "unit" || role == "division") {
      return NodeKind::kBusinessUnit;
    }
    if (role == "subsidiary") return NodeKind::kSubsidiary;
    if (role == "affiliate") return NodeKind::kAffiliate;
    if (role == "acquired" || role == "acquisition") return NodeKind::kAcquired;
    if (role == "investee" || role == "investment") return NodeKind::kInvestee;
    if (role == "partner") return NodeKind::kPartner;
    if (role == "investor") return NodeKind::kInvestor;
    return NodeKind::kCompany;
  }
  if (HasLabel(node, "Country")) return NodeKind::kCountry;
  if (HasLabel(node, "Region")) return NodeKind::kRegion;
  if (HasLabel(node, "Industry")) return NodeKind::kIndustry;
  return NodeKind::kOther;
}

EdgeKind ClassifyEdge(std::string_view type) {
  if (type == "ACQUIRED") return EdgeKind::kAcquired;
  if (type == "INVESTED_IN") return EdgeKind::kInvestedIn;
  if (type == "PARTNERED_WITH") return EdgeKind::kPartneredWith;
  if (type == "SUBSIDIARY_OF") return EdgeKind::kSubsidiaryOf;
  if (type == "AFFILIATE_OF") return EdgeKind::kAffiliateOf;
  if (type == "HEADQUARTERED_IN" || type == "OPERATES_IN" || type == "IN_INDUSTRY" ||
      type == "IN_REGION") {
    return EdgeKind::kContext;
  }
  return EdgeKind::kOther;
}

const NodeStyle& StyleOf(NodeKind kind) { return kNodeStyles[static_cast<size_t>(kind)]; }
const EdgeStyle& StyleOf(EdgeKind kind) { return kEdgeStyles[static_cast<size_t>(kind)]; }

bool IsDealType(std::string_view type) {
  const EdgeKind kind = ClassifyEdge(type);
  return kind != EdgeKind::kContext && kind != EdgeKind::kOther;
}

std::string DisplayName(const storage::NodeRecord& node) {
  const auto it = node.properties.find("name");
  if (it != node.properties.end()) {
    if (it->second.kind() == storage::ValueKind::kString) return it->second.as_string();
    return it->second.ToString();
  }
  const std::string label = node.labels.empty() ? "node" : node.labels.front();
  return label + " #" + std::to_string(node.id);
}

std::optional<int64_t> IntProperty(const storage::PropertyMap& properties, const std::string& key) {
  const auto it = properties.find(key);
  if (it == properties.end()) return std::nullopt;
  const storage::PropertyValue& value = it->second;
  switch (value.kind()) {
    case storage::ValueKind::kInt:
      return value.as_int();
    case storage::ValueKind::kDouble:
      if (!std::isfinite(value.as_double()) || std::fabs(value.as_double()) > 1e15) {
        return std::nullopt;
      }
      return static_cast<int64_t>(std::llround(value.as_double()));
    case storage::ValueKind::kString: {
      const std::string& text = value.as_string();
      int64_t parsed = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
      return parsed;
    }
    default:
      return std::nullopt;
  }
}

std::optional<double> NumberProperty(const storage::PropertyMap& properties,
                                     const std::string& key) {
  const auto it = properties.find(key);
  if (it == properties.end()) return std::nullopt;
  const storage::PropertyValue& value = it->second;
  double number = 0;
  switch (value.kind()) {
    case storage::ValueKind::kInt:
      number = static_cast<double>(value.as_int());
      break;
    case storage::ValueKind::kDouble:
      number = value.as_double();
      break;
    case storage::ValueKind::kString: {
      const std::string& text = value.as_string();
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
      break;
    }
    default:
      return std::nullopt;
  }
  if (!std::isfinite(number)) return std::nullopt;
  return number;
}

std::string FormatUsd(double amount) {
  const double magnitude = std::fabs(amount);
  const std::string sign = amount < 0 ? "-$" : "$";
  if (magnitude >= 999.5e9) return sign + Scaled(magnitude / 1e12, "T");
  if (magnitude >= 999.5e6) return sign + Scaled(magnitude / 1e9, "B");
  if (magnitude >= 999.5e3) return sign + Scaled(magnitude / 1e6, "M");
  if (magnitude >= 999.5) return sign + Scaled(magnitude / 1e3, "K");
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.0f", magnitude);
  return sign + buffer;
}

std::string FormatPercent(double percent) {
  char buffer[64];
  if (std::fabs(percent - std::round(percent)) < 0.05) {
    std::snprintf(buffer, sizeof(buffer), "%.0f%%", percent);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.1f%%", percent);
  }
  return buffer;
}

std::string DealLabel(const storage::RelRecord& rel, bool with_year) {
  constexpr std::string_view kSeparator = " \xC2\xB7 ";  // " · "
  std::string label;
  const auto append = [&](const std::string& part) {
    if (!label.empty()) label += kSeparator;
    label += part;
  };
  if (const auto year = IntProperty(rel.properties, "year"); year && with_year) {
    append(std::to_string(*year));
  }
  if (const auto amount = NumberProperty(rel.properties, "amount_usd"); amount && *amount > 0) {
    append(FormatUsd(*amount));
  } else if (const auto round = NumberProperty(rel.properties, "round_usd"); round && *round > 0) {
    append("round " + FormatUsd(*round));
  }
  if (const auto stake = NumberProperty(rel.properties, "stake_pct"); stake && *stake > 0) {
    append(FormatPercent(*stake));
  }
  return label;
}

std::string RoundsLabel(const std::vector<const storage::RelRecord*>& rels, bool with_year) {
  if (rels.size() == 1) return DealLabel(*rels.front(), with_year);
  std::vector<int64_t> years;
  double total = 0;
  // Round sizes of rounds without an own amount, in the given order; listed,
  // never summed (a round's size is not what this investor put in).
  std::vector<double> rounds;
  for (const storage::RelRecord* rel : rels) {
    if (const auto year = IntProperty(rel->properties, "year")) years.push_back(*year);
    if (const auto amount = NumberProperty(rel->properties, "amount_usd"); amount && *amount > 0) {
      total += *amount;
    } else if (const auto round = NumberProperty(rel->properties, "round_usd");
               round && *round > 0) {
      rounds.push_back(*round);
    }
  }
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  std::string label;
  if (with_year) {
    for (int64_t year : years) label += (label.empty() ? "" : ", ") + std::to_string(year);
  }
  if (total > 0) label += (label.empty() ? "" : " \xC2\xB7 ") + FormatUsd(total);
  if (total == 0 && !rounds.empty()) {
    std::string listed;
    for (double round : rounds) listed += (listed.empty() ? "" : ", ") + FormatUsd(round);
    label += (label.empty() ? "" : " \xC2\xB7 ") +
             std::string(rounds.size() == 1 ? "round " : "rounds ") + listed;
  }
  return label;
}

}  // namespace ecograph::graph::render_internal
