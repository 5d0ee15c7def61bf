// `ecograph render`: diagrams of a filtered subgraph or of a query's result.
#include <unistd.h>

#include <iostream>

#include "cli/cli_error.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "cli/result_subgraph.h"
#include "cli/statement_runner.h"
#include "graph/io/output_file.h"
#include "graph/render/diagram.h"
#include "graph/subgraph_prune.h"
#include "graph/subgraph_select.h"

namespace ecograph::cli {
namespace {

std::vector<std::string> ListOption(const cxxopts::ParseResult& parsed, const char* name) {
  std::vector<std::string> out;
  if (!parsed.count(name)) return out;
  for (const std::string& value : parsed[name].as<std::vector<std::string>>()) out.push_back(value);
  return out;
}

template <typename T>
T OrUsage(storage::Result<T> result) {
  if (!result.ok()) throw UsageError(result.status().message());
  return std::move(result).value();
}

}  // namespace

int RunRenderCommand(const Args& args) {
  CommonOptionSet set;
  set.format = false;
  cxxopts::Options options = MakeOptions(
      "render",
      "Draws a diagram of part of the ecosystem graph (Graphviz). Select companies by country, "
      "region, industry, deal years and types, or the neighbourhood of one company; or draw what "
      "a query returns.",
      set);
  options.add_options("Selection")("country",
                                   "Country or region: name, alias or ISO code, or part of a name "
                                   "(repeatable)",
                                   cxxopts::value<std::vector<std::string>>(), "NAME")(
      "industry", "Industry name or part of one, e.g. logistics (repeatable)", cxxopts::value<std::vector<std::string>>(), "NAME")(
      "years", "Deals with A <= year <= B (A..B, A.., ..B)", cxxopts::value<std::string>(), "A..B")(
      "type", "Deal type to keep (repeatable or comma-separated)",
      cxxopts::value<std::vector<std::string>>(),
      "TYPE")("around", "The neighbourhood of this company (name, alias or unambiguous part)",
               cxxopts::value<std::string>(), "NAME")(
      "hops", "With --around: radius in deals", cxxopts::value<int>()->default_value("1"), "K")(
      "with-countries", "Draw headquarters countries")("with-regions", "Draw regions too")(
      "with-industries", "Draw industries")(
      "query", "Draw the nodes, relationships and paths this query returns",
      cxxopts::value<std::string>(), "\"MATCH ...\"");
  options.add_options("Output")(
      "o,output", "Output file; the format comes from the extension (.svg .png .pdf .dot)",
      cxxopts::value<std::string>(),
      "FILE")("force", "Overwrite an existing output file")(
      "format", "svg, png, pdf or dot (default: from -o's extension, else dot to stdout)",
              cxxopts::value<std::string>(),
              "FMT")("engine", "Layout: dot, neato, fdp, sfdp, circo, twopi, osage, auto",
                     cxxopts::value<std::string>()->default_value("auto"),
                     "ENGINE")("cluster-by", "Group companies: none, country, region, industry",
                               cxxopts::value<std::string>()->default_value("none"), "KEY")(
      "timeline",
      "One column per year (runs of empty years share one), companies at their first deal's year")(
      "cap",
      "Draw at most N nodes, leaving out the least relevant (farthest from --around, least "
      "connected, smallest deals) with a note saying so; 0 = no cap",
      cxxopts::value<size_t>()->default_value(std::to_string(graph::kDefaultNodeCap)), "N")(
      "max-nodes", "Refuse to draw more nodes than this",
      cxxopts::value<size_t>()->default_value("400"),
      "N")("title", "Diagram title (default: from the selection)", cxxopts::value<std::string>(),
           "TEXT")("no-legend", "Leave out the legend");
  auto parsed = ParseArguments(options, args);
  if (HandleHelp(parsed, options,
                 "  ecograph render --country Pakistan -o pakistan.svg\n"
                 "  ecograph render --country 'South-eastern Asia' --years 2014..2021 --cluster-by "
                 "country -o sea.pdf\n"
                 "  ecograph render --around Trendyol --hops 2 -o trendyol.png\n"
                 "  ecograph render --industry 'E-commerce marketplaces and online retail' "
                 "--timeline -o timeline.svg\n"
                 "  ecograph render --query \"MATCH p=(:Company {name:'Lazada'})-[*..2]-() RETURN "
                 "p\" > lazada.dot\n")) {
    return 0;
  }
  CommonOptions common = ReadCommonOptions(parsed, /*output_format=*/false);
  graph::RenderOptions render;
  render.engine = OrUsage(graph::ParseLayoutEngine(parsed["engine"].as<std::string>()));
  render.cluster_by = OrUsage(graph::ParseClusterBy(parsed["cluster-by"].as<std::string>()));
  render.timeline = parsed.count("timeline") > 0;
  render.max_nodes = parsed["max-nodes"].as<size_t>();
  render.legend = parsed.count("no-legend") == 0;
  if (parsed.count("title")) render.title = parsed["title"].as<std::string>();
  std::string output = parsed.count("output") ? parsed["output"].as<std::string>() : "";
  if (output == "-") output.clear();
  render.format = graph::DiagramFormat::kDot;
  if (parsed.count("format")) {
    // --format decides; an -o with another known extension is a mistake.
    render.format = OrUsage(graph::ParseDiagramFormat(parsed["format"].as<std::string>()));
    auto from_path = graph::DiagramFormatFromPath(output);
    if (!output.empty() && from_path.ok() && render.format != *from_path) {
      throw UsageError("--format " + parsed["format"].as<std::string>() +
                       " does not match the extension of '" + output + "'");
    }
  } else if (!output.empty()) {
    render.format = OrUsage(graph::DiagramFormatFromPath(output));
  }
  const bool overwrite = parsed.count("force") > 0;
  if (!output.empty() && !overwrite) {
    // Refused before any work; OutputFile checks again when it renames.
    auto refused = graph::io::OutputFile::Create(output, /*overwrite=*/false);
    if (!refused.ok()) throw DataError(refused.status().message());
  }
  bool has_filter = parsed.count("country") || parsed.count("industry") || parsed.count("years") ||
                    parsed.count("type") || parsed.count("around");
  if (parsed.count("query") && has_filter) {
    throw UsageError("--query replaces the selection options: give one or the other");
  }

  auto db = Database::Open(common, OpenMode::kReadFallback);
  graph::Subgraph subgraph;
  auto txn = db->store().BeginRead();
  if (parsed.count("query")) {
    std::string text = parsed["query"].as<std::string>();
    query::QueryOutcome outcome =
        db->engine().Execute(text, common.params, db->QueryOptionsFor(common));
    if (!outcome.ok()) {
      throw DataError(outcome.error ? FormatScriptError(*outcome.error, text, 0, text, false)
                                    : "query failed");
    }
    subgraph = SubgraphFromResult(*outcome.result, txn.get(), text);
    if (subgraph.nodes.empty())
      throw DataError("the query returned no nodes, relationships or paths");
    // A title from what the result holds, never the query text.
    subgraph.title = graph::DescribeSubgraph(subgraph);
  } else {
    graph::SubgraphFilter filter;
    filter.countries = ListOption(parsed, "country");
    filter.industries = ListOption(parsed, "industry");
    for (const std::string& types : ListOption(parsed, "type")) {
      for (const std::string& type : SplitList(types)) filter.rel_types.push_back(type);
    }
    if (parsed.count("years")) {
      ParseYearRange(parsed["years"].as<std::string>(), &filter.year_from, &filter.year_to);
    }
    if (parsed.count("around")) filter.around = parsed["around"].as<std::string>();
    filter.hops = parsed["hops"].as<int>();
    filter.with_countries = parsed.count("with-countries") > 0 || parsed.count("with-regions") > 0;
    filter.with_regions = parsed.count("with-regions") > 0;
    filter.with_industries = parsed.count("with-industries") > 0;
    auto selected = graph::SelectSubgraph(*txn, filter);
    if (!selected.ok()) {
      if (selected.status().code() == storage::StatusCode::kInvalidArgument) {
        throw UsageError(selected.status().message());
      }
      throw DataError(selected.status().message());
    }
    subgraph = std::move(selected).value();
    if (subgraph.nodes.empty()) throw DataError("the selection is empty: nothing to draw");
  }
  graph::PruneByRelevance(subgraph, parsed["cap"].as<size_t>(), txn.get());
  if (output.empty()) {
    bool binary =
        render.format == graph::DiagramFormat::kPng || render.format == graph::DiagramFormat::kPdf;
    if (binary && isatty(STDOUT_FILENO)) {
      throw UsageError("refusing to write a binary diagram to the terminal: give -o FILE");
    }
    auto bytes = graph::RenderDiagram(subgraph, render, txn.get());
    if (!bytes.ok()) throw DataError("render failed: " + bytes.status().message());
    std::cout << *bytes;
    return 0;
  }
  auto bytes = graph::RenderDiagram(subgraph, render, txn.get());
  if (!bytes.ok()) throw DataError("render failed: " + bytes.status().message());
  auto file = graph::io::OutputFile::Create(output, overwrite);
  if (!file.ok()) throw DataError(file.status().message());
  (*file)->stream() << *bytes;
  storage::Status status = (*file)->Commit();
  if (!status.ok()) throw DataError("render failed: " + status.message());
  std::cerr << "wrote " << output << " (" << subgraph.nodes.size() << " nodes, "
            << subgraph.rels.size() << " relationships)\n";
  return 0;
}

}  // namespace ecograph::cli
