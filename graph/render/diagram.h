#pragma once
// Diagrams of a Subgraph through Graphviz (libcgraph builds the graph, libgvc
// lays it out and renders it).
//
// Output is deterministic: the same Subgraph and options give byte-identical
// bytes (nodes and relationships are added in id order; the PDF creation date
// is pinned). Every name and property value reaches Graphviz escaped, so no
// input can inject DOT attributes or SVG markup.
//
// Thread safety: Graphviz keeps global state, so all rendering in a process
// is serialized by one internal mutex; callers may call from any thread.
#include <cstddef>
#include <string>
#include <string_view>

#include "graph/subgraph.h"
#include "storage/status.h"
#include "storage/store.h"

namespace ecograph::graph {

enum class DiagramFormat { kSvg, kPng, kPdf, kDot };

// kAuto: twopi rooted at the focus for a focused, unclustered subgraph of
// more than kAutoFocusRadialMinNodes drawn nodes; else dot up to
// kAutoDotMaxNodes drawn nodes (clustered: kAutoOsageMinNodes), then osage
// when clustering
// (it packs the clusters in a grid, the most connected node's cluster in the
// middle cell; neato and sfdp ignore clusters, and fdp's clustered layout
// differs from run to run), else neato up to
// kAutoNeatoMaxNodes, then sfdp.
enum class LayoutEngine { kDot, kNeato, kFdp, kSfdp, kCirco, kTwopi, kAuto, kOsage };

// Groups companies into Graphviz clusters by their HEADQUARTERED_IN country,
// that country's IN_REGION region (region clusters hold country clusters), or
// their first IN_INDUSTRY industry (lowest relationship id).
enum class ClusterBy { kNone, kCountry, kRegion, kIndustry };

inline constexpr size_t kAutoDotMaxNodes = 60;
inline constexpr size_t kAutoNeatoMaxNodes = 150;
inline constexpr size_t kAutoFocusRadialMinNodes = 16;
inline constexpr size_t kAutoOsageMinNodes = 30;

struct RenderOptions {
  DiagramFormat format = DiagramFormat::kSvg;
  LayoutEngine engine = LayoutEngine::kAuto;
  ClusterBy cluster_by = ClusterBy::kNone;
  // One rank per year (left to right; a run of two or more years without
  // companies shares one rank); each company sits at the year of its
  // earliest dated incoming deal, and deal labels leave out the year. Needs
  // the dot engine (or kAuto) and cluster_by == kNone.
  bool timeline = false;
  // Graph label; empty = the Subgraph's title.
  std::string title;
  // More nodes than this fails with kInvalidArgument before any layout.
  size_t max_nodes = 400;
  // Draws the legend (one sample per node kind and edge kind drawn) as a
  // compact strip under the title, outside the layout.
  bool legend = true;
  // Adds each company's HEADQUARTERED_IN country under its name (read from
  // the subgraph, else through `lookup`).
  bool country_in_labels = false;
};

// Returns the rendered bytes (SVG/DOT text, PNG/PDF binary). kDot gives the
// styled graph before layout, for feeding to any Graphviz tool. Above 90
// drawn edges, edge labels are left out (they stay in the edge tooltips);
// engines other than dot place them as xlabels beside their edge, dropping
// those that would overlap. The Subgraph's focus node is highlighted (above
// 30 drawn edges only its own edges keep labels) and,
// with kAuto above kAutoFocusRadialMinNodes drawn nodes, is the root of a
// radial (twopi) layout; its notes are printed under the title.
//
// `lookup`, when given, is read to find the HEADQUARTERED_IN country, its
// region and the IN_INDUSTRY industry of companies whose relationships are
// not in the Subgraph (only when cluster_by needs them). It is borrowed for
// the call only. Lookup is best effort: a company whose data cannot be read
// is drawn outside any cluster.
storage::Result<std::string> RenderDiagram(const Subgraph& subgraph, const RenderOptions& options,
                                           storage::Transaction* lookup = nullptr);

// Renders to `path`; the format comes from the extension (.svg, .png, .pdf,
// .dot or .gv) and overrides options.format. Unknown extension:
// kInvalidArgument. The file is written as io::OutputFile writes it: bytes
// go to a temporary file that is renamed into place, so a failed render or
// write leaves `path` untouched; without `overwrite` an existing `path`
// (file, directory or symbolic link) is refused with kInvalidArgument "PATH
// already exists (use --force to overwrite it)", checked before any layout.
// Write failure: kIOError naming the path.
storage::Status RenderToFile(const Subgraph& subgraph, const std::string& path,
                             const RenderOptions& options, bool overwrite,
                             storage::Transaction* lookup = nullptr);

// Parsers for command-line spellings ("svg", "sfdp", "country", ...). Errors
// are kInvalidArgument listing the accepted values.
storage::Result<DiagramFormat> ParseDiagramFormat(std::string_view text);
storage::Result<LayoutEngine> ParseLayoutEngine(std::string_view text);
storage::Result<ClusterBy> ParseClusterBy(std::string_view text);
storage::Result<DiagramFormat> DiagramFormatFromPath(std::string_view path);

const char* DiagramFormatName(DiagramFormat format);
const char* LayoutEngineName(LayoutEngine engine);

}  // namespace ecograph::graph
