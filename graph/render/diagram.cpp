#include "graph/render/diagram.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "graph/io/output_file.h"
#include "graph/render/escape.h"
#include "graph/render/style.h"

namespace ecograph::graph {

using render_internal::EdgeKind;
using render_internal::NodeKind;
using storage::NodeId;
using storage::NodeRecord;
using storage::RelRecord;
using storage::Result;
using storage::Status;
using storage::StatusCode;

namespace {

constexpr const char* kFontName = "Helvetica,Arial,sans-serif";
// Obstacle-avoiding splines cost neato/fdp/sfdp about a minute at 400 nodes;
// above this many drawn nodes they draw curved edges instead.
constexpr size_t kSplineMaxNodes = 60;
// osage routes splines around its packed clusters in about a second at 100
// nodes; above this many drawn nodes it draws curved edges instead.
constexpr size_t kOsageSplineMaxNodes = 150;
// circo takes about a minute at 400 nodes.
constexpr size_t kCircoMaxNodes = 150;
constexpr size_t kWrapWidth = 22;
// Timeline columns are as wide as their widest name: wrap names shorter.
constexpr size_t kTimelineWrapWidth = 14;
// Above this many drawn edges, edge labels crowd the layout and overlap one
// another; they are left to the edge tooltips.
constexpr size_t kMaxLabelledEdges = 90;
// osage places xlabels far from their edges; above this many edges its
// labels are left to the tooltips.
constexpr size_t kOsageMaxLabelledEdges = 30;
// Above this many drawn edges, a drawing with a focus labels only the
// focus's edges (the others keep their tooltips).
constexpr size_t kFocusOnlyLabelsMinEdges = 30;
// Above this many drawn edges, SUBSIDIARY_OF / AFFILIATE_OF edges that
// mirror a drawn deal between the same two nodes are left out.
constexpr size_t kMirrorFreeMinEdges = 40;
// A dot hub with more than kLeavesPerRank leaf neighbours gets its leaves
// staggered over up to kMaxStaggerRanks ranks (what Graphviz's `unflatten -l`
// does), so one rank does not grow into a very tall column.
constexpr size_t kLeavesPerRank = 10;
constexpr size_t kMaxStaggerRanks = 3;

// ---- the drawing, decided before any Graphviz call ------------------------

struct Cluster {
  std::string key;    // Graphviz subgraph name, "cluster_..."
  std::string label;  // unescaped
  bool region = false;
  std::vector<NodeId> members;
  std::vector<std::string> children;  // keys of nested clusters
};

struct Drawing {
  std::string title;
  std::map<NodeId, const NodeRecord*> nodes;  // all nodes of the subgraph
  std::set<NodeId> drawn;
  std::map<NodeId, NodeKind> kinds;
  std::vector<const RelRecord*> edges;  // drawn, in id order
  std::map<std::string, Cluster> clusters;
  std::vector<std::string> top_clusters;  // sorted by label
  std::map<NodeId, std::string> cluster_of;
  // osage: the grid cell (column-major, `grid_rows` rows) of each top-level
  // item, keyed by cluster key or node name; cells 0..n-1 are all used.
  std::map<std::string, size_t> grid_cell;
  size_t grid_rows = 0;
  // Timeline: rank year of ranked nodes; hubs go to the source rank.
  std::map<NodeId, int64_t> year_of;
  std::vector<NodeId> sources;
  LayoutEngine engine = LayoutEngine::kDot;
  // False above kMaxLabelledEdges drawn edges: labels are left to tooltips.
  bool edge_labels = true;
  // SUBSIDIARY_OF / AFFILIATE_OF edges that repeat a deal edge between the
  // same two nodes; their label would duplicate the deal's.
  std::set<storage::RelId> unlabelled;
  // Rounds: the lowest-id relationship of each (src, dst, type) group of two
  // or more stands for all of them (one edge, RoundsLabel); the others are
  // not in `edges`.
  std::map<storage::RelId, std::vector<const RelRecord*>> rounds;
  std::optional<NodeId> focus;  // drawn focus node
  std::vector<std::string> notes;
  bool legend = true;
  // Headquarters country per company (country_in_labels).
  std::map<NodeId, std::string> country_label;
};

bool HasLabel(const NodeRecord& node, std::string_view label) {
  return std::find(node.labels.begin(), node.labels.end(), label) != node.labels.end();
}

// Where a company is placed by cluster_by. Looks in the subgraph first, then
// through `lookup`. Results are cached per node.
class GroupFinder {
 public:
  GroupFinder(const Subgraph& subgraph, const std::map<NodeId, const NodeRecord*>& nodes,
              storage::Transaction* lookup)
      : nodes_(nodes), lookup_(lookup) {
    for (const RelRecord& rel : subgraph.rels) {
      auto& list = out_[{rel.src, rel.type}];
      list.push_back({rel.id, rel.dst});
    }
    for (auto& [key, list] : out_) std::sort(list.begin(), list.end());
  }

  // The first `type` neighbour of `node` carrying `label` (lowest rel id in
  // the subgraph; else the first adjacency entry in the store).
  std::optional<NodeRecord> Target(NodeId node, const std::string& type, const std::string& label) {
    const auto cache_key = std::make_pair(node, type);
    if (const auto it = cache_.find(cache_key); it != cache_.end()) return it->second;
    std::optional<NodeRecord> found;
    if (const auto it = out_.find(cache_key); it != out_.end()) {
      for (const auto& [rel_id, dst] : it->second) {
        if (const NodeRecord* record = Node(dst); record && HasLabel(*record, label)) {
          found = *record;
          break;
        }
      }
    }
    if (!found && lookup_ != nullptr) {
      std::unique_ptr<storage::AdjacencyIterator> adjacency =
          lookup_->Expand(node, storage::Direction::kOutgoing, {type});
      storage::AdjacencyEntry entry;
      while (!found && adjacency->Next(&entry)) {
        auto record = lookup_->GetNode(entry.neighbor);
        if (record.ok() && record.value() && HasLabel(*record.value(), label)) {
          found = *record.value();
        }
      }
    }
    cache_[cache_key] = found;
    return found;
  }

 private:
  const NodeRecord* Node(NodeId id) {
    const auto it = nodes_.find(id);
    if (it != nodes_.end()) return it->second;
    if (lookup_ == nullptr) return nullptr;
    auto& slot = fetched_[id];
    if (!slot) {
      auto record = lookup_->GetNode(id);
      if (!record.ok() || !record.value()) return nullptr;
      slot = std::make_unique<NodeRecord>(*record.value());
    }
    return slot.get();
  }

  const std::map<NodeId, const NodeRecord*>& nodes_;
  storage::Transaction* lookup_;
  std::map<std::pair<NodeId, std::string>, std::vector<std::pair<storage::RelId, NodeId>>> out_;
  std::map<std::pair<NodeId, std::string>, std::optional<NodeRecord>> cache_;
  std::map<NodeId, std::unique_ptr<NodeRecord>> fetched_;
};

std::string ClusterKey(char prefix, NodeId id) {
  return std::string("cluster_") + prefix + std::to_string(id);
}

Cluster& EnsureCluster(Drawing& drawing, char prefix, const NodeRecord& node, bool region) {
  const std::string key = ClusterKey(prefix, node.id);
  Cluster& cluster = drawing.clusters[key];
  if (cluster.key.empty()) {
    cluster.key = key;
    cluster.label = render_internal::DisplayName(node);
    cluster.region = region;
  }
  return cluster;
}

void AssignClusters(const Subgraph& subgraph, const RenderOptions& options,
                    storage::Transaction* lookup, Drawing& drawing) {
  if (options.cluster_by == ClusterBy::kNone) return;
  GroupFinder finder(subgraph, drawing.nodes, lookup);
  std::set<std::string> nested;
  // Places `member` (a company, or a drawn Country / Region / Industry node)
  // in the cluster chain of its country / region / industry.
  const auto place_in_country = [&](NodeId member, const NodeRecord& country) {
    Cluster& country_cluster = EnsureCluster(drawing, 'c', country, false);
    country_cluster.members.push_back(member);
    drawing.cluster_of[member] = country_cluster.key;
    if (options.cluster_by != ClusterBy::kRegion) return;
    if (auto region = finder.Target(country.id, "IN_REGION", "Region")) {
      Cluster& region_cluster = EnsureCluster(drawing, 'r', *region, true);
      if (nested.insert(country_cluster.key).second) {
        region_cluster.children.push_back(country_cluster.key);
      }
    }
  };
  for (NodeId id : drawing.drawn) {
    const NodeRecord& node = *drawing.nodes.at(id);
    const NodeKind kind = drawing.kinds.at(id);
    if (options.cluster_by == ClusterBy::kIndustry) {
      if (kind == NodeKind::kIndustry) {
        Cluster& cluster = EnsureCluster(drawing, 'i', node, false);
        cluster.members.push_back(id);
        drawing.cluster_of[id] = cluster.key;
      } else if (HasLabel(node, "Company")) {
        if (auto industry = finder.Target(id, "IN_INDUSTRY", "Industry")) {
          Cluster& cluster = EnsureCluster(drawing, 'i', *industry, false);
          cluster.members.push_back(id);
          drawing.cluster_of[id] = cluster.key;
        }
      }
      continue;
    }
    if (kind == NodeKind::kCountry) {
      place_in_country(id, node);
    } else if (kind == NodeKind::kRegion && options.cluster_by == ClusterBy::kRegion) {
      Cluster& cluster = EnsureCluster(drawing, 'r', node, true);
      cluster.members.push_back(id);
      drawing.cluster_of[id] = cluster.key;
    } else if (HasLabel(node, "Company")) {
      if (auto country = finder.Target(id, "HEADQUARTERED_IN", "Country")) {
        place_in_country(id, *country);
      }
    }
  }
  for (const auto& [key, cluster] : drawing.clusters) {
    if (nested.count(key) == 0) drawing.top_clusters.push_back(key);
  }
  const auto by_label = [&](const std::string& a, const std::string& b) {
    const Cluster& x = drawing.clusters.at(a);
    const Cluster& y = drawing.clusters.at(b);
    return std::tie(x.label, x.key) < std::tie(y.label, y.key);
  };
  std::sort(drawing.top_clusters.begin(), drawing.top_clusters.end(), by_label);
  for (auto& [key, cluster] : drawing.clusters) {
    std::sort(cluster.children.begin(), cluster.children.end(), by_label);
  }
}

// osage packs the top-level items (clusters and loose nodes) in a grid. The
// hub (the focus, else the node with the most drawn edges) and its cluster go
// in the middle cell; the other items fill the cells nearest the middle first
// (sides, then corners, then the outer rings), those with the most edges to
// the hub's item first, so the hub's edges are short and do not cross the
// whole drawing. Fills grid_cell and grid_rows.
std::string NodeName(NodeId id);

void PlaceAroundHub(Drawing& drawing) {
  std::map<std::string, std::string> parent;
  for (const auto& [key, cluster] : drawing.clusters) {
    for (const std::string& child : cluster.children) parent[child] = key;
  }
  const auto item_of = [&](NodeId id) {
    const auto it = drawing.cluster_of.find(id);
    if (it == drawing.cluster_of.end()) return NodeName(id);
    std::string key = it->second;
    while (parent.count(key)) key = parent.at(key);
    return key;
  };
  std::vector<std::string> items = drawing.top_clusters;
  for (NodeId id : drawing.drawn) {
    if (drawing.cluster_of.count(id) == 0) items.push_back(NodeName(id));
  }
  if (items.empty()) return;
  std::map<NodeId, size_t> degree;
  for (const RelRecord* rel : drawing.edges) {
    ++degree[rel->src];
    ++degree[rel->dst];
  }
  std::optional<NodeId> hub = drawing.focus;
  for (const auto& [id, edges] : degree) {
    if (!hub && edges > 0) hub = id;
    if (!drawing.focus && edges > degree[*hub]) hub = id;
  }
  std::map<std::string, size_t> to_hub, total;
  const std::string hub_item = hub ? item_of(*hub) : std::string();
  for (const RelRecord* rel : drawing.edges) {
    const std::string a = item_of(rel->src), b = item_of(rel->dst);
    ++total[a];
    ++total[b];
    if (a == hub_item && b != hub_item) ++to_hub[b];
    if (b == hub_item && a != hub_item) ++to_hub[a];
  }
  // Stable: ties keep the label order of top_clusters.
  std::stable_sort(items.begin(), items.end(), [&](const std::string& x, const std::string& y) {
    if ((x == hub_item) != (y == hub_item)) return x == hub_item;
    if (to_hub[x] != to_hub[y]) return to_hub[x] > to_hub[y];
    return total[x] > total[y];
  });
  size_t columns = 1;
  while (columns * columns < items.size()) ++columns;
  const size_t rows = (items.size() + columns - 1) / columns;
  // Cells 0..n-1 in column-major order (osage fills them in sortv order, so
  // no cell may be left empty before the last).
  std::vector<size_t> cells(items.size());
  for (size_t cell = 0; cell < cells.size(); ++cell) cells[cell] = cell;
  const auto distance = [&](size_t cell) {
    const long row = static_cast<long>(cell % rows) - static_cast<long>((rows - 1) / 2);
    const long column = static_cast<long>(cell / rows) - static_cast<long>((columns - 1) / 2);
    return std::make_tuple(std::max(std::labs(row), std::labs(column)),
                           std::labs(row) + std::labs(column), cell);
  };
  std::sort(cells.begin(), cells.end(),
            [&](size_t a, size_t b) { return distance(a) < distance(b); });
  for (size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
    drawing.grid_cell[items[item_idx]] = cells[item_idx];
  }
  drawing.grid_rows = rows;
}

// The end of a deal that "joins" the ecosystem at the deal's year.
NodeId JoiningEnd(const RelRecord& rel) {
  const EdgeKind kind = render_internal::ClassifyEdge(rel.type);
  return (kind == EdgeKind::kSubsidiaryOf || kind == EdgeKind::kAffiliateOf) ? rel.src : rel.dst;
}

// Only dealmakers (the non-joining end of some deal) without a year of their
// own go to the source rank. A joined company without a dated deal is left
// unranked: forcing it to the source rank would contradict the deal edge
// into it, and dot then merges year ranks.
void AssignYears(Drawing& drawing) {
  std::set<NodeId> dealmakers;
  for (const RelRecord* rel : drawing.edges) {
    if (!render_internal::IsDealType(rel->type)) continue;
    const NodeId joining = JoiningEnd(*rel);
    dealmakers.insert(joining == rel->src ? rel->dst : rel->src);
    const auto year = render_internal::IntProperty(rel->properties, "year");
    if (!year) continue;
    auto [it, inserted] = drawing.year_of.emplace(joining, *year);
    if (!inserted) it->second = std::min(it->second, *year);
  }
  for (NodeId id : dealmakers) {
    if (drawing.year_of.count(id) == 0) drawing.sources.push_back(id);
  }
}

LayoutEngine ChooseEngine(const RenderOptions& options, size_t drawn_nodes, bool focused) {
  if (options.engine != LayoutEngine::kAuto) return options.engine;
  if (focused && !options.timeline && options.cluster_by == ClusterBy::kNone &&
      drawn_nodes > kAutoFocusRadialMinNodes) {
    return LayoutEngine::kTwopi;
  }
  const bool clustered = options.cluster_by != ClusterBy::kNone;
  // dot stacks many clusters into one tall column; osage packs them in a grid.
  if (clustered && !options.timeline && drawn_nodes > kAutoOsageMinNodes) {
    return LayoutEngine::kOsage;
  }
  if (options.timeline || drawn_nodes <= kAutoDotMaxNodes) return LayoutEngine::kDot;
  if (clustered) return LayoutEngine::kOsage;
  if (drawn_nodes <= kAutoNeatoMaxNodes) return LayoutEngine::kNeato;
  return LayoutEngine::kSfdp;
}

Result<Drawing> PlanDrawing(const Subgraph& subgraph, const RenderOptions& options,
                            storage::Transaction* lookup) {
  Drawing drawing;
  drawing.title = options.title.empty() ? subgraph.title : options.title;
  for (const NodeRecord& node : subgraph.nodes) drawing.nodes.emplace(node.id, &node);
  if (drawing.nodes.size() > options.max_nodes) {
    return Status::Error(
        StatusCode::kInvalidArgument,
        "the subgraph has " + std::to_string(drawing.nodes.size()) +
            " nodes, more than the cap of " + std::to_string(options.max_nodes) +
            ": narrow it with --country/--industry/--years or --around NAME --hops K, or "
            "raise --max-nodes (and consider --engine sfdp)");
  }
  if (options.timeline && options.cluster_by != ClusterBy::kNone) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "--timeline cannot be combined with --cluster-by (year ranks and "
                         "clusters conflict): drop one of them");
  }
  if (options.timeline && options.engine != LayoutEngine::kAuto &&
      options.engine != LayoutEngine::kDot) {
    return Status::Error(
        StatusCode::kInvalidArgument,
        std::string("--timeline needs the dot engine, not ") + LayoutEngineName(options.engine));
  }
  for (const auto& [id, node] : drawing.nodes) {
    drawing.kinds[id] = render_internal::ClassifyNode(*node);
  }

  // Grouping nodes and their membership edges are shown by the clusters;
  // such a node is drawn only if it keeps another visible edge.
  const auto hidden_edge = [&](const RelRecord& rel) {
    switch (options.cluster_by) {
      case ClusterBy::kCountry:
        return rel.type == "HEADQUARTERED_IN";
      case ClusterBy::kRegion:
        return rel.type == "HEADQUARTERED_IN" || rel.type == "IN_REGION";
      case ClusterBy::kIndustry:
        return rel.type == "IN_INDUSTRY";
      case ClusterBy::kNone:
        return false;
    }
    return false;
  };
  const auto grouping_node = [&](NodeKind kind) {
    switch (options.cluster_by) {
      case ClusterBy::kCountry:
      case ClusterBy::kRegion:
        return kind == NodeKind::kCountry || kind == NodeKind::kRegion;
      case ClusterBy::kIndustry:
        return kind == NodeKind::kIndustry;
      case ClusterBy::kNone:
        return false;
    }
    return false;
  };
  std::vector<const RelRecord*> rels;
  for (const RelRecord& rel : subgraph.rels) rels.push_back(&rel);
  std::sort(rels.begin(), rels.end(),
            [](const RelRecord* a, const RelRecord* b) { return a->id < b->id; });
  rels.erase(std::unique(rels.begin(), rels.end(),
                         [](const RelRecord* a, const RelRecord* b) { return a->id == b->id; }),
             rels.end());
  std::set<NodeId> kept_grouping;
  for (const RelRecord* rel : rels) {
    if (drawing.nodes.count(rel->src) == 0 || drawing.nodes.count(rel->dst) == 0) continue;
    if (hidden_edge(*rel)) continue;
    drawing.edges.push_back(rel);
    kept_grouping.insert(rel->src);
    kept_grouping.insert(rel->dst);
  }
  for (const auto& [id, node] : drawing.nodes) {
    if (!grouping_node(drawing.kinds[id]) || kept_grouping.count(id) > 0) {
      drawing.drawn.insert(id);
    }
  }
  std::erase_if(drawing.edges, [&](const RelRecord* rel) {
    return drawing.drawn.count(rel->src) == 0 || drawing.drawn.count(rel->dst) == 0;
  });

  std::set<std::pair<NodeId, NodeId>> dealt;
  for (const RelRecord* rel : drawing.edges) {
    const EdgeKind kind = render_internal::ClassifyEdge(rel->type);
    if (kind == EdgeKind::kAcquired || kind == EdgeKind::kInvestedIn) {
      dealt.insert(std::minmax(rel->src, rel->dst));
    }
  }
  for (const RelRecord* rel : drawing.edges) {
    const EdgeKind kind = render_internal::ClassifyEdge(rel->type);
    if ((kind == EdgeKind::kSubsidiaryOf || kind == EdgeKind::kAffiliateOf) &&
        dealt.count(std::minmax(rel->src, rel->dst)) > 0) {
      drawing.unlabelled.insert(rel->id);
    }
  }
  if (!options.timeline) {
    std::map<std::tuple<NodeId, NodeId, std::string>, const RelRecord*> first_of;
    std::vector<const RelRecord*> merged;
    for (const RelRecord* rel : drawing.edges) {
      const auto [it, inserted] = first_of.emplace(std::make_tuple(rel->src, rel->dst, rel->type), rel);
      if (inserted) {
        merged.push_back(rel);
        continue;
      }
      auto& group = drawing.rounds[it->second->id];
      if (group.empty()) group.push_back(it->second);
      group.push_back(rel);
    }
    drawing.edges = std::move(merged);
  }
  // Dense drawings: an ownership mirror of a drawn deal adds only clutter.
  if (drawing.edges.size() > kMirrorFreeMinEdges) {
    std::erase_if(drawing.edges,
                  [&](const RelRecord* rel) { return drawing.unlabelled.count(rel->id) > 0; });
  }
  drawing.edge_labels = drawing.edges.size() <= kMaxLabelledEdges;

  AssignClusters(subgraph, options, lookup, drawing);
  if (options.timeline) AssignYears(drawing);
  if (subgraph.focus && drawing.drawn.count(*subgraph.focus)) drawing.focus = subgraph.focus;
  drawing.notes = subgraph.notes;
  drawing.legend = options.legend;
  if (options.country_in_labels) {
    GroupFinder finder(subgraph, drawing.nodes, lookup);
    for (NodeId id : drawing.drawn) {
      if (!HasLabel(*drawing.nodes.at(id), "Company")) continue;
      if (auto country = finder.Target(id, "HEADQUARTERED_IN", "Country")) {
        drawing.country_label[id] = render_internal::DisplayName(*country);
      }
    }
  }
  drawing.engine = ChooseEngine(options, drawing.drawn.size(), drawing.focus.has_value());
  if (drawing.engine == LayoutEngine::kOsage && drawing.edges.size() > kOsageMaxLabelledEdges) {
    drawing.edge_labels = false;
  }
  if (drawing.engine == LayoutEngine::kOsage) PlaceAroundHub(drawing);
  if (drawing.engine == LayoutEngine::kCirco && drawing.drawn.size() > kCircoMaxNodes) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "circo is too slow for " + std::to_string(drawing.drawn.size()) +
                             " nodes (at most " + std::to_string(kCircoMaxNodes) +
                             "): use --engine sfdp or twopi, or narrow the selection");
  }
  return drawing;
}

// ---- Graphviz -------------------------------------------------------------

std::mutex& GraphvizMutex() {
  static std::mutex mutex;
  return mutex;
}

// Messages Graphviz reported during the current render. Guarded by
// GraphvizMutex().
std::string& GraphvizMessages() {
  static std::string messages;
  return messages;
}

// One context for the life of the process, never freed: Graphviz 2.42's
// pango plugin caches a pointer to a font name owned by the context's font
// dictionary, so freeing a context and making a new one reads freed memory.
// Guarded by GraphvizMutex().
GVC_t* GraphvizContext() {
  static GVC_t* context = gvContext();
  return context;
}

int CollectGraphvizMessage(char* text) {
  GraphvizMessages().append(text);
  return 0;
}

// Sets an attribute, declaring it (default "") on first use. cgraph copies
// the value into its string dictionary.
void Set(void* object, const char* name, const std::string& value) {
  agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()),
            const_cast<char*>(""));
}

// Sets an HTML-like label. `html` must be markup this file built around
// escaped text. It always starts with '<', and every plain string we set
// never does (see Plain), so cgraph's shared string dictionary never
// confuses an HTML string with a plain one of the same text.
void SetHtml(Agraph_t* graph, void* object, const char* name, const std::string& html) {
  char* value = agstrdup_html(graph, const_cast<char*>(html.c_str()));
  Set(object, name, value);
  agstrfree(graph, value);
}

// User text for a plain escString attribute (tooltips).
std::string Plain(std::string_view text) {
  std::string escaped = render_internal::EscStringEscape(text);
  if (!escaped.empty() && escaped.front() == '<') escaped.insert(0, " ");
  return escaped;
}

std::string WrappedHtml(std::string_view text, size_t width) {
  std::string html;
  for (const std::string& line :
       render_internal::WrapWords(render_internal::SanitizeText(text), width)) {
    if (!html.empty()) html += "<BR/>";
    html += render_internal::HtmlEscape(line);
  }
  return html;
}

std::string NodeLabelHtml(const NodeRecord& node, NodeKind kind, size_t wrap_width,
                          const std::string& country, bool focus) {
  std::string name = render_internal::DisplayName(node);
  if (kind == NodeKind::kCountry) {
    const auto iso = node.properties.find("iso2");
    if (iso != node.properties.end() && iso->second.kind() == storage::ValueKind::kString &&
        !iso->second.as_string().empty()) {
      name += " (" + iso->second.as_string() + ")";
    }
  }
  std::string html = "<FONT POINT-SIZE=\"";
  html += focus ? "14" : render_internal::StyleOf(kind).fontsize;
  html += "\">";
  if (kind == NodeKind::kGroup || focus) {
    html += "<B>" + WrappedHtml(name, wrap_width) + "</B>";
  } else {
    html += WrappedHtml(name, wrap_width);
  }
  html += "</FONT>";
  if (!country.empty()) {
    html += "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#495057\">" + WrappedHtml(country, wrap_width) +
            "</FONT>";
  }
  return html;
}

// One legend entry: a sample swatch (node) or line (edge) and its text.
struct LegendEntry {
  std::string sample_cell;  // a <TD> element
  std::string text;
};

std::vector<LegendEntry> LegendEntries(const Drawing& drawing) {
  std::set<NodeKind> node_kinds;
  for (NodeId id : drawing.drawn) node_kinds.insert(drawing.kinds.at(id));
  std::set<EdgeKind> edge_kinds;
  for (const RelRecord* rel : drawing.edges) {
    edge_kinds.insert(render_internal::ClassifyEdge(rel->type));
  }
  std::vector<LegendEntry> entries;
  for (NodeKind kind : node_kinds) {
    const auto& style = render_internal::StyleOf(kind);
    entries.push_back({std::string("<TD BORDER=\"1\" COLOR=\"") + style.border + "\" BGCOLOR=\"" +
                           style.fill + "\" WIDTH=\"18\" HEIGHT=\"9\" FIXEDSIZE=\"TRUE\"> </TD>",
                       style.legend});
  }
  for (EdgeKind kind : edge_kinds) {
    const auto& style = render_internal::StyleOf(kind);
    entries.push_back({std::string("<TD><FONT COLOR=\"") + style.color + "\">" + style.sample +
                           "</FONT></TD>",
                       style.legend});
  }
  return entries;
}

// The legend as a strip of rows under the title: it takes no part in the
// layout, and small diagrams get fewer entries per row so the strip stays
// about as wide as the drawing.
std::string LegendHtml(const Drawing& drawing) {
  const std::vector<LegendEntry> entries = LegendEntries(drawing);
  if (entries.empty()) return "";
  const size_t per_row = drawing.drawn.size() <= 8 ? 3 : drawing.drawn.size() <= 30 ? 4 : 6;
  std::string html =
      "<TABLE BORDER=\"1\" COLOR=\"#DEE2E6\" STYLE=\"ROUNDED\" CELLBORDER=\"0\" "
      "CELLSPACING=\"2\" CELLPADDING=\"1\">";
  for (size_t start = 0; start < entries.size(); start += per_row) {
    html += "<TR>";
    for (size_t idx = start; idx < start + per_row; ++idx) {
      if (idx < entries.size()) {
        html += entries[idx].sample_cell;
        html += "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\" COLOR=\"#495057\">" +
                render_internal::HtmlEscape(entries[idx].text) + "</FONT></TD>";
      } else {
        html += "<TD></TD><TD></TD>";
      }
    }
    html += "</TR>";
  }
  return html + "</TABLE>";
}

std::string TitleHtml(const Drawing& drawing) {
  std::string html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\"><TR><TD>";
  html += "<FONT POINT-SIZE=\"16\"><B>";
  html += WrappedHtml(drawing.title.empty() ? "Ecosystem" : drawing.title, 90);
  html += "</B></FONT></TD></TR><TR><TD><FONT POINT-SIZE=\"10\" COLOR=\"#555555\">";
  html += std::to_string(drawing.drawn.size()) + " nodes \xC2\xB7 " +
          std::to_string(drawing.edges.size()) + " relationships</FONT></TD></TR>";
  for (const std::string& note : drawing.notes) {
    html += "<TR><TD><FONT POINT-SIZE=\"9\" COLOR=\"#868E96\"><I>" + WrappedHtml(note, 110) +
            "</I></FONT></TD></TR>";
  }
  if (drawing.legend && !drawing.drawn.empty()) {
    const std::string legend = LegendHtml(drawing);
    if (!legend.empty()) html += "<TR><TD>" + legend + "</TD></TR>";
  }
  return html + "</TABLE>";
}

std::string NodeName(NodeId id) { return "n" + std::to_string(id); }

void SetGraphDefaults(Agraph_t* graph, const Drawing& drawing, const RenderOptions& options) {
  const auto set_graph = [&](const char* name, const char* value) {
    agattr(graph, AGRAPH, const_cast<char*>(name), const_cast<char*>(value));
  };
  const auto set_node = [&](const char* name, const char* value) {
    agattr(graph, AGNODE, const_cast<char*>(name), const_cast<char*>(value));
  };
  const auto set_edge = [&](const char* name, const char* value) {
    agattr(graph, AGEDGE, const_cast<char*>(name), const_cast<char*>(value));
  };
  set_graph("fontname", kFontName);
  set_graph("fontsize", "11");
  set_graph("labelloc", "t");
  set_graph("labeljust", "c");
  set_graph("bgcolor", "white");
  set_graph("pad", "0.3");
  set_graph("outputorder", "edgesfirst");
  if (drawing.engine != LayoutEngine::kDot) set_graph("forcelabels", "false");
  const bool routed =
      drawing.engine == LayoutEngine::kDot || drawing.drawn.size() <= kSplineMaxNodes ||
      (drawing.engine == LayoutEngine::kOsage && drawing.drawn.size() <= kOsageSplineMaxNodes);
  set_graph("splines", routed ? "true" : "curved");
  switch (drawing.engine) {
    case LayoutEngine::kDot:
      set_graph("rankdir", "LR");
      set_graph("nodesep", "0.18");
      set_graph("ranksep", options.timeline ? "0.3" : "0.7");
      // newrank lets ranks cross clusters; timelines have no clusters, and
      // with newrank dot 2.43 merged year ranks (2016 with 2018).
      if (!options.timeline) set_graph("newrank", "true");
      if (options.timeline) set_graph("forcelabels", "true");
      break;
    case LayoutEngine::kNeato:
    case LayoutEngine::kFdp:
    case LayoutEngine::kSfdp:
      // fdp lays out each cluster on its own and removes overlaps between
      // clusters itself; prism on top of that spreads a clustered drawing
      // over several times the area. A short spring length keeps the
      // members of an edge-less cluster together.
      if (drawing.engine != LayoutEngine::kFdp || drawing.clusters.empty()) {
        set_graph("overlap", "prism");
        set_graph("overlap_scaling", "-4");
      }
      set_graph("sep", "+10");
      set_graph("esep", "+4");
      set_graph("pack", "true");
      if (drawing.engine == LayoutEngine::kFdp) {
        set_graph("K", drawing.clusters.empty() ? "0.9" : "0.25");
      }
      set_graph("start", "1");
      if (drawing.engine == LayoutEngine::kSfdp) set_graph("K", "1.2");
      break;
    case LayoutEngine::kOsage: {
      // Top-level clusters and loose nodes in a grid of about sqrt(n) by
      // sqrt(n), each in its grid_cell (sortv, PlaceAroundHub); nested
      // clusters inherit the same packing.
      set_graph("pack", "8");
      set_graph("packmode",
                ("array_cu" + std::to_string(std::max<size_t>(drawing.grid_rows, 1))).c_str());
      break;
    }
    case LayoutEngine::kCirco:
      set_graph("mindist", "0.4");
      break;
    case LayoutEngine::kTwopi:
      set_graph("overlap", "prism");
      // Around a focus: a wider first ring leaves room for the focus's labels.
      set_graph("ranksep", drawing.focus ? "2.6 1.6" : "1.6");
      if (drawing.focus) set_graph("root", NodeName(*drawing.focus).c_str());
      break;
    case LayoutEngine::kAuto:
      break;
  }
  set_node("label", "\\N");
  set_node("fontname", kFontName);
  set_node("fontsize", "10");
  set_node("margin", "0.08,0.04");
  set_node("height", "0.3");
  set_edge("fontname", kFontName);
  set_edge("fontsize", "8");
}

void AddNode(Agraph_t* graph, Agraph_t* parent, const Drawing& drawing, NodeId id) {
  const NodeRecord& record = *drawing.nodes.at(id);
  const NodeKind kind = drawing.kinds.at(id);
  const auto& style = render_internal::StyleOf(kind);
  const std::string name = NodeName(id);
  Agnode_t* node = agnode(parent, const_cast<char*>(name.c_str()), 1);
  const bool focus = drawing.focus == id;
  const auto country = drawing.country_label.find(id);
  SetHtml(graph, node, "label",
          NodeLabelHtml(record, kind, drawing.year_of.empty() ? kWrapWidth : kTimelineWrapWidth,
                        country == drawing.country_label.end() ? "" : country->second, focus));
  Set(node, "shape", style.shape);
  Set(node, "style", focus ? std::string(style.style) + ",bold" : style.style);
  Set(node, "fillcolor", style.fill);
  // The focus: a thick red ring, whatever its kind.
  Set(node, "color", focus ? "#C92A2A" : style.border);
  Set(node, "penwidth", focus ? "4" : style.penwidth);
  Set(node, "tooltip", Plain(render_internal::DisplayName(record)));
  if (const auto cell = drawing.grid_cell.find(name); cell != drawing.grid_cell.end()) {
    Set(node, "sortv", std::to_string(cell->second));
  }
}

void AddCluster(Agraph_t* graph, Agraph_t* parent, const Drawing& drawing, const std::string& key) {
  const Cluster& cluster = drawing.clusters.at(key);
  Agraph_t* sub = agsubg(parent, const_cast<char*>(key.c_str()), 1);
  SetHtml(graph, sub, "label",
          "<FONT POINT-SIZE=\"" + std::string(cluster.region ? "13" : "11") + "\"><B>" +
              render_internal::HtmlEscape(cluster.label) + "</B></FONT>");
  Set(sub, "style", "rounded,filled");
  Set(sub, "fillcolor", cluster.region ? "#F8F9FA" : "#FCFCFD");
  Set(sub, "color", cluster.region ? "#868E96" : "#CED4DA");
  Set(sub, "labeljust", "l");
  if (const auto cell = drawing.grid_cell.find(key); cell != drawing.grid_cell.end()) {
    Set(sub, "sortv", std::to_string(cell->second));
  }
  for (const std::string& child : cluster.children) AddCluster(graph, sub, drawing, child);
  for (NodeId id : cluster.members) AddNode(graph, sub, drawing, id);
}

void AddEdge(Agraph_t* graph, const Drawing& drawing, const RelRecord& rel,
             const std::map<storage::RelId, int>& minlen) {
  const EdgeKind kind = render_internal::ClassifyEdge(rel.type);
  const auto& style = render_internal::StyleOf(kind);
  const std::string src = NodeName(rel.src);
  const std::string dst = NodeName(rel.dst);
  Agnode_t* tail = agnode(graph, const_cast<char*>(src.c_str()), 0);
  Agnode_t* head = agnode(graph, const_cast<char*>(dst.c_str()), 0);
  Agedge_t* edge = agedge(graph, tail, head, nullptr, 1);
  Set(edge, "color", style.color);
  Set(edge, "style", style.style);
  Set(edge, "penwidth", style.penwidth);
  Set(edge, "arrowhead", style.arrowhead);
  Set(edge, "arrowsize", style.arrowsize);
  std::string label;
  if (kind != EdgeKind::kContext) {
    const auto rounds = drawing.rounds.find(rel.id);
    const std::vector<const RelRecord*> group =
        rounds == drawing.rounds.end() ? std::vector<const RelRecord*>{&rel} : rounds->second;
    label = render_internal::RoundsLabel(group);
    // Timeline: the column already shows the year.
    // Dense focused drawings label only the focus's own deals.
    const bool focus_only = drawing.focus && drawing.edges.size() > kFocusOnlyLabelsMinEdges;
    const bool about_focus = rel.src == drawing.focus || rel.dst == drawing.focus;
    const std::string shown = drawing.edge_labels && drawing.unlabelled.count(rel.id) == 0 &&
                                      (!focus_only || about_focus)
                                  ? render_internal::RoundsLabel(group, drawing.year_of.empty())
                                  : std::string();
    if (!shown.empty()) {
      // Timeline: xlabels are placed after ranking, so labels do not widen
      // the year columns.
      // Non-dot engines: xlabels sit beside their edge and are dropped
      // where they would overlap (forcelabels=false); the tooltip keeps them.
      const bool xlabel = !drawing.year_of.empty() || drawing.engine != LayoutEngine::kDot;
      Set(edge, xlabel ? "xlabel" : "label", shown);
      Set(edge, "fontcolor", style.color);
    }
  }
  std::string tooltip = render_internal::DisplayName(*drawing.nodes.at(rel.src)) + " " + rel.type +
                        " " + render_internal::DisplayName(*drawing.nodes.at(rel.dst));
  if (!label.empty()) tooltip += " (" + label + ")";
  Set(edge, "tooltip", Plain(tooltip));
  if (drawing.engine == LayoutEngine::kNeato && kind != EdgeKind::kContext) {
    Set(edge, "len", "1.6");
  }
  if (drawing.engine == LayoutEngine::kDot) {
    if (kind == EdgeKind::kContext && !drawing.year_of.empty()) Set(edge, "constraint", "false");
    if (const auto it = minlen.find(rel.id); it != minlen.end() && it->second > 1) {
      Set(edge, "minlen", std::to_string(it->second));
    }
  }
}

// minlen per relationship id for leaves of big hubs (dot only).
std::map<storage::RelId, int> StaggerLeaves(const Drawing& drawing) {
  std::map<storage::RelId, int> minlen;
  if (drawing.engine != LayoutEngine::kDot || !drawing.year_of.empty()) return minlen;
  std::map<NodeId, size_t> degree;
  for (const RelRecord* rel : drawing.edges) {
    ++degree[rel->src];
    ++degree[rel->dst];
  }
  std::map<NodeId, std::vector<const RelRecord*>> leaves_of;
  for (const RelRecord* rel : drawing.edges) {
    if (degree[rel->dst] == 1 && degree[rel->src] > 1) leaves_of[rel->src].push_back(rel);
    if (degree[rel->src] == 1 && degree[rel->dst] > 1) leaves_of[rel->dst].push_back(rel);
  }
  for (const auto& [hub, leaves] : leaves_of) {
    const size_t ranks =
        std::min(kMaxStaggerRanks, (leaves.size() + kLeavesPerRank - 1) / kLeavesPerRank);
    if (ranks < 2) continue;
    for (size_t leaf_idx = 0; leaf_idx < leaves.size(); ++leaf_idx) {
      minlen[leaves[leaf_idx]->id] = 1 + static_cast<int>(leaf_idx % ranks);
    }
  }
  return minlen;
}

void AddTimeline(Agraph_t* graph, const Drawing& drawing) {
  if (drawing.year_of.empty()) return;
  int64_t first = drawing.year_of.begin()->second;
  int64_t last = first;
  for (const auto& [id, year] : drawing.year_of) {
    first = std::min(first, year);
    last = std::max(last, year);
  }
  // Cap the axis length so absurd years cannot create millions of ranks.
  first = std::max(first, last - 200);
  std::map<int64_t, std::vector<NodeId>> by_year;
  for (const auto& [id, year] : drawing.year_of) by_year[std::max(year, first)].push_back(id);
  Agnode_t* previous = nullptr;
  if (!drawing.sources.empty()) {
    // The dealmakers without a year form the first column. A rank=same
    // column chained before the first year (rather than rank=source, which
    // crashed dot's mincross on some graphs).
    Agraph_t* source = agsubg(graph, const_cast<char*>("rank_source"), 1);
    Set(source, "rank", "same");
    previous = agnode(source, const_cast<char*>("year_source"), 1);
    Set(previous, "shape", "point");
    Set(previous, "style", "invis");
    Set(previous, "width", "0.01");
    Set(previous, "tooltip", "dealmakers");
    for (NodeId id : drawing.sources) {
      const std::string name = NodeName(id);
      agsubnode(source, agnode(graph, const_cast<char*>(name.c_str()), 0), 1);
    }
  }
  for (int64_t year = first; year <= last; ++year) {
    // A run of two or more years without companies is one column, labelled
    // with its span ("2011–2013").
    int64_t span_end = year;
    while (span_end < last && by_year.count(span_end) == 0 && by_year.count(span_end + 1) == 0) {
      ++span_end;
    }
    const std::string year_name = "year_" + std::to_string(year);
    std::string label = std::to_string(year);
    if (span_end > year) label += "\xE2\x80\x93" + std::to_string(span_end);  // en dash
    Agraph_t* rank = agsubg(graph, const_cast<char*>(("rank_" + year_name).c_str()), 1);
    Set(rank, "rank", "same");
    Agnode_t* axis = agnode(rank, const_cast<char*>(year_name.c_str()), 1);
    Set(axis, "shape", "plaintext");
    Set(axis, "label", label);
    Set(axis, "fontsize", "13");
    Set(axis, "fontcolor", span_end > year ? "#ADB5BD" : "#495057");
    Set(axis, "tooltip", label);
    for (NodeId id : by_year[year]) {
      const std::string name = NodeName(id);
      agsubnode(rank, agnode(graph, const_cast<char*>(name.c_str()), 0), 1);
    }
    if (previous != nullptr) {
      Agedge_t* edge = agedge(graph, previous, axis, nullptr, 1);
      Set(edge, "style", "invis");
      Set(edge, "weight", "20");
    }
    previous = axis;
    year = span_end;
  }
}

// agwrite() output goes to the std::string passed as its channel.
int AppendToString(void* channel, const char* text) {
  static_cast<std::string*>(channel)->append(text);
  return 0;
}
int FlushString(void*) { return 0; }

Agiodisc_t& StringIoDisc() {
  static Agiodisc_t io = {AgIoDisc.afread, AppendToString, FlushString};
  return io;
}

// Object ids in creation order. cgraph's default discipline uses the address
// of the interned name as the id, and subgraphs are kept (and laid out, and
// written) in id order, which would make the output vary from run to run.
// Named objects get even ids 2, 4, 6...; anonymous ones odd ids. Names are
// kept as cgraph reference-counted strings because cgraph inspects the
// string header of what print() returns (aghtmlstr).
struct IdState {
  Agraph_t* graph = nullptr;
  std::map<std::string, IDTYPE, std::less<>> ids;
  std::vector<char*> names;  // names[id / 2 - 1]; nullptr once freed
  IDTYPE next_anonymous = 1;
};

void* IdOpen(Agraph_t* graph, Agdisc_t*) {
  auto* state = new IdState;
  state->graph = graph;
  return state;
}

long IdMap(void* state, int, char* name, IDTYPE* id, int create) {
  auto* ids = static_cast<IdState*>(state);
  if (name == nullptr) {
    *id = ids->next_anonymous;
    ids->next_anonymous += 2;
    return 1;
  }
  if (const auto it = ids->ids.find(std::string_view(name)); it != ids->ids.end()) {
    *id = it->second;
    return 1;
  }
  if (create == 0) return 0;
  ids->names.push_back(agstrdup(ids->graph, name));
  *id = 2 * static_cast<IDTYPE>(ids->names.size());
  ids->ids.emplace(name, *id);
  return 1;
}

long IdAlloc(void*, int, IDTYPE) { return 1; }

char** IdSlot(IdState* ids, IDTYPE id) {
  if (id % 2 != 0 || id == 0 || id / 2 > ids->names.size()) return nullptr;
  return &ids->names[id / 2 - 1];
}

void IdFree(void* state, int, IDTYPE id) {
  auto* ids = static_cast<IdState*>(state);
  char** slot = IdSlot(ids, id);
  if (slot == nullptr || *slot == nullptr) return;
  ids->ids.erase(std::string(*slot));
  agstrfree(ids->graph, *slot);
  *slot = nullptr;
}

char* IdPrint(void* state, int, IDTYPE id) {
  char** slot = IdSlot(static_cast<IdState*>(state), id);
  return slot == nullptr ? nullptr : *slot;
}

void IdClose(void* state) { delete static_cast<IdState*>(state); }
void IdRegister(void*, int, void*) {}

Agdisc_t& StringDisc() {
  static Agiddisc_t id_disc = {IdOpen, IdMap, IdAlloc, IdFree, IdPrint, IdClose, IdRegister};
  static Agdisc_t disc = {&AgMemDisc, &id_disc, &StringIoDisc()};
  return disc;
}

Agraph_t* BuildGraph(const Drawing& drawing, const RenderOptions& options) {
  Agraph_t* graph = agopen(const_cast<char*>("ecograph"), Agdirected, &StringDisc());
  SetGraphDefaults(graph, drawing, options);
  SetHtml(graph, graph, "label", TitleHtml(drawing));
  for (const std::string& key : drawing.top_clusters) AddCluster(graph, graph, drawing, key);
  for (NodeId id : drawing.drawn) {
    if (drawing.cluster_of.count(id) == 0) AddNode(graph, graph, drawing, id);
  }
  const std::map<storage::RelId, int> minlen = StaggerLeaves(drawing);
  for (const RelRecord* rel : drawing.edges) AddEdge(graph, drawing, *rel, minlen);
  AddTimeline(graph, drawing);
  return graph;
}

// cairo stamps the PDF with the current time; a fixed date of the same
// length keeps the output reproducible and the xref offsets valid.
void PinPdfDates(std::string& pdf) {
  for (const std::string_view key : {"/CreationDate (D:", "/ModDate (D:"}) {
    size_t pos = 0;
    while ((pos = pdf.find(key, pos)) != std::string::npos) {
      pos += key.size();
      constexpr std::string_view kFixed = "20000101000000";
      for (size_t digit_idx = 0; digit_idx < kFixed.size() && pos + digit_idx < pdf.size() &&
                                 pdf[pos + digit_idx] >= '0' && pdf[pos + digit_idx] <= '9';
           ++digit_idx) {
        pdf[pos + digit_idx] = kFixed[digit_idx];
      }
    }
  }
}

const char* RenderFormat(DiagramFormat format) {
  switch (format) {
    case DiagramFormat::kSvg:
      return "svg";
    case DiagramFormat::kPng:
      return "png";
    case DiagramFormat::kPdf:
      return "pdf";
    case DiagramFormat::kDot:
      return "dot";
  }
  return "svg";
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

Result<std::string> RenderDiagram(const Subgraph& subgraph, const RenderOptions& options,
                                  storage::Transaction* lookup) {
  auto planned = PlanDrawing(subgraph, options, lookup);
  if (!planned.ok()) return planned.status();
  const Drawing& drawing = planned.value();

  std::lock_guard<std::mutex> lock(GraphvizMutex());
  GraphvizMessages().clear();
  const agusererrf previous_errf = agseterrf(CollectGraphvizMessage);
  GVC_t* context = GraphvizContext();
  Agraph_t* graph = BuildGraph(drawing, options);
  Result<std::string> result = Status::Error(StatusCode::kIOError, "graphviz did not run");
  bool laid_out = false;
  if (options.format != DiagramFormat::kDot) {
    if (gvLayout(context, graph, LayoutEngineName(drawing.engine)) != 0) {
      result = Status::Error(StatusCode::kInvalidArgument, std::string("graphviz layout with ") +
                                                               LayoutEngineName(drawing.engine) +
                                                               " failed: " + GraphvizMessages());
    } else {
      laid_out = true;
    }
  }
  if (options.format == DiagramFormat::kDot) {
    std::string text;
    if (agwrite(graph, &text) != 0) {
      result = Status::Error(StatusCode::kIOError,
                             "graphviz could not write DOT: " + GraphvizMessages());
    } else {
      result = std::move(text);
    }
  } else if (laid_out) {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(context, graph, RenderFormat(options.format), &data, &length) != 0 ||
        data == nullptr) {
      result = Status::Error(StatusCode::kIOError, std::string("graphviz could not render ") +
                                                       DiagramFormatName(options.format) + ": " +
                                                       GraphvizMessages());
    } else {
      std::string bytes(data, length);
      if (options.format == DiagramFormat::kPdf) PinPdfDates(bytes);
      result = std::move(bytes);
    }
    if (data != nullptr) gvFreeRenderData(data);
  }
  if (laid_out) gvFreeLayout(context, graph);
  agclose(graph);
  agseterrf(previous_errf);
  return result;
}

Status RenderToFile(const Subgraph& subgraph, const std::string& path, const RenderOptions& options,
                    bool overwrite, storage::Transaction* lookup) {
  auto format = DiagramFormatFromPath(path);
  if (!format.ok()) return format.status();
  // Created (and an existing path refused) before the layout's work.
  auto file = io::OutputFile::Create(path, overwrite);
  if (!file.ok()) return file.status();
  RenderOptions with_format = options;
  with_format.format = format.value();
  auto bytes = RenderDiagram(subgraph, with_format, lookup);
  if (!bytes.ok()) return bytes.status();
  (*file)->stream().write(bytes.value().data(),
                          static_cast<std::streamsize>(bytes.value().size()));
  return (*file)->Commit();
}

Result<DiagramFormat> ParseDiagramFormat(std::string_view text) {
  const std::string lower = Lower(text);
  if (lower == "svg") return DiagramFormat::kSvg;
  if (lower == "png") return DiagramFormat::kPng;
  if (lower == "pdf") return DiagramFormat::kPdf;
  if (lower == "dot" || lower == "gv") return DiagramFormat::kDot;
  return Status::Error(
      StatusCode::kInvalidArgument,
      "unknown diagram format '" + std::string(text) + "' (expected svg, png, pdf or dot)");
}

Result<LayoutEngine> ParseLayoutEngine(std::string_view text) {
  const std::string lower = Lower(text);
  for (LayoutEngine engine :
       {LayoutEngine::kDot, LayoutEngine::kNeato, LayoutEngine::kFdp, LayoutEngine::kSfdp,
        LayoutEngine::kCirco, LayoutEngine::kTwopi, LayoutEngine::kOsage, LayoutEngine::kAuto}) {
    if (lower == LayoutEngineName(engine)) return engine;
  }
  return Status::Error(StatusCode::kInvalidArgument,
                       "unknown layout engine '" + std::string(text) +
                           "' (expected dot, neato, fdp, sfdp, circo, twopi, osage or auto)");
}

Result<ClusterBy> ParseClusterBy(std::string_view text) {
  const std::string lower = Lower(text);
  if (lower == "country") return ClusterBy::kCountry;
  if (lower == "region") return ClusterBy::kRegion;
  if (lower == "industry") return ClusterBy::kIndustry;
  if (lower == "none" || lower.empty()) return ClusterBy::kNone;
  return Status::Error(
      StatusCode::kInvalidArgument,
      "unknown grouping '" + std::string(text) + "' (expected country, region, industry or none)");
}

Result<DiagramFormat> DiagramFormatFromPath(std::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "cannot tell the diagram format of '" + std::string(path) +
                             "': use a .svg, .png, .pdf or .dot extension");
  }
  auto format = ParseDiagramFormat(path.substr(dot + 1));
  if (!format.ok()) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "cannot tell the diagram format of '" + std::string(path) +
                             "': use a .svg, .png, .pdf or .dot extension");
  }
  return format;
}

const char* DiagramFormatName(DiagramFormat format) {
  switch (format) {
    case DiagramFormat::kSvg:
      return "svg";
    case DiagramFormat::kPng:
      return "png";
    case DiagramFormat::kPdf:
      return "pdf";
    case DiagramFormat::kDot:
      return "dot";
  }
  return "svg";
}

const char* LayoutEngineName(LayoutEngine engine) {
  switch (engine) {
    case LayoutEngine::kDot:
      return "dot";
    case LayoutEngine::kNeato:
      return "neato";
    case LayoutEngine::kFdp:
      return "fdp";
    case LayoutEngine::kSfdp:
      return "sfdp";
    case LayoutEngine::kCirco:
      return "circo";
    case LayoutEngine::kTwopi:
      return "twopi";
    case LayoutEngine::kOsage:
      return "osage";
    case LayoutEngine::kAuto:
      return "auto";
  }
  return "auto";
}

}  // namespace ecograph::graph
