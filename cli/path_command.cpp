// `ecograph path`: market-entry chains between companies, countries and
// regions (graph/market_paths.h).
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <optional>

#include "cli/cli_error.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "cli/interrupt.h"
#include "cli/statement_runner.h"
#include "graph/io/output_file.h"
#include "graph/market_paths.h"
#include "graph/render/diagram.h"
#include "graph/topology_cache.h"

namespace ecograph::cli {
namespace {

using query::Value;

const char* EndpointKindName(graph::EndpointKind kind) {
  switch (kind) {
    case graph::EndpointKind::kCompany:
      return "company";
    case graph::EndpointKind::kCountry:
      return "country";
    case graph::EndpointKind::kRegion:
      return "region";
  }
  return "company";
}

Value DealValue(const graph::MarketDeal& deal) {
  query::ValueMap map;
  map["type"] = Value::String(deal.type);
  map["forward"] = Value::Bool(deal.forward);
  map["year"] = deal.year != 0 ? Value::Int(deal.year) : Value::Null();
  map["amount_usd"] = deal.amount_usd ? Value::Float(*deal.amount_usd) : Value::Null();
  map["round_usd"] = deal.round_usd ? Value::Float(*deal.round_usd) : Value::Null();
  map["stake_pct"] = deal.stake_pct ? Value::Float(*deal.stake_pct) : Value::Null();
  return Value::Map(std::move(map));
}

// Throws "path search cancelled" once Ctrl-C was pressed, and "path search
// exceeded the timeout of ..." once `timeout_seconds` (0 = none) have passed
// since this call. `interrupt` must outlive the returned check.
graph::CancelCheck PathSearchStop(const CancelOnInterrupt& interrupt, double timeout_seconds) {
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const auto timeout = std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000));
  if (timeout.count() > 0) deadline = std::chrono::steady_clock::now() + timeout;
  return graph::CancelCheck([&interrupt, deadline, timeout] {
    if (interrupt.cancelled()) throw DataError("path search cancelled");
    if (deadline && std::chrono::steady_clock::now() > *deadline) {
      const int64_t ms = timeout.count();
      throw DataError("path search exceeded the timeout of " +
                      (ms % 1000 == 0 ? std::to_string(ms / 1000) + " s"
                                      : std::to_string(ms) + " ms") +
                      " (--timeout 0 for none)");
    }
  });
}

}  // namespace

int RunPathCommand(const Args& args) {
  CommonOptionSet set;
  set.params = false;
  set.memory_budget = false;
  set.timeout_help = "Route search timeout in seconds (0 = none; default 60)";
  cxxopts::Options options = MakeOptions(
      "path",
      "Finds chains of deals (acquisitions, investments, partnerships, subsidiaries) leading from "
      "a company, country or region to another: how capital entered a market.",
      set);
  options.add_options()("from",
                        "Start: a company, country or region (name, alias, ISO code or an "
                        "unambiguous part of a name)",
                        cxxopts::value<std::string>(), "NAME")(
      "to", "Target: a company, country or region", cxxopts::value<std::string>(), "NAME")(
      "via",
      "Deal types to follow, comma-separated (default "
      "ACQUIRED,INVESTED_IN,PARTNERED_WITH,SUBSIDIARY_OF)",
      cxxopts::value<std::string>(), "TYPES")("max-hops", "Longest chain in deals",
                                              cxxopts::value<uint32_t>()->default_value("6"), "N")(
      "years", "Only deals with A <= year <= B (A..B, A.., ..B)", cxxopts::value<std::string>(),
      "A..B")("all", "Every shortest path (up to --limit), not just one")(
      "top",
      "The K best distinct routes: fewest deals, then in time order, then earliest, then "
      "largest amount",
      cxxopts::value<size_t>(), "K")(
      "limit", "With --all: at most this many paths",
      cxxopts::value<size_t>()->default_value("100"),
      "N")("in-time-order", "Deal years never go backwards along a path")(
      "render", "Also draw the paths (.svg .png .pdf .dot)", cxxopts::value<std::string>(), "FILE")(
      "force", "With --render: overwrite an existing file")(
      "any-direction",
      "Also follow deals against their direction (by default capital and control move from "
      "investor to target and from parent to subsidiary)");
  auto parsed = ParseArguments(options, args);
  if (HandleHelp(parsed, options,
                 "  ecograph path --from China --to Turkey\n"
                 "  ecograph path --from 'United States' --to China --top 5\n"
                 "  ecograph path --from 'Alibaba Group' --to Pakistan --all\n"
                 "  ecograph path --from China --to 'Southern Asia' --top 5 --years 2015..2020\n"
                 "  ecograph path --from China --to Turkey --in-time-order --render chain.svg\n")) {
    return 0;
  }
  CommonOptions common = ReadCommonOptions(parsed);
  if (!parsed.count("from") || !parsed.count("to")) throw UsageError("path needs --from and --to");
  graph::MarketPathOptions path_options;
  if (parsed.count("via")) path_options.via = SplitList(parsed["via"].as<std::string>());
  path_options.max_hops = parsed["max-hops"].as<uint32_t>();
  if (path_options.max_hops == 0) throw UsageError("--max-hops must be at least 1");
  if (parsed.count("years")) {
    std::optional<int64_t> from, to;
    ParseYearRange(parsed["years"].as<std::string>(), &from, &to);
    if (from) path_options.year_from = static_cast<int32_t>(*from);
    if (to) path_options.year_to = static_cast<int32_t>(*to);
  }
  if (parsed.count("all") && parsed.count("top")) throw UsageError("give --all or --top, not both");
  if (parsed.count("all")) path_options.mode = graph::MarketPathMode::kAllShortest;
  if (parsed.count("top")) {
    path_options.mode = graph::MarketPathMode::kTopK;
    path_options.k = parsed["top"].as<size_t>();
    if (path_options.k == 0) throw UsageError("--top must be at least 1");
  }
  path_options.limit = parsed["limit"].as<size_t>();
  path_options.in_time_order = parsed.count("in-time-order") > 0;
  path_options.any_direction = parsed.count("any-direction") > 0;
  const bool overwrite = parsed.count("force") > 0;
  if (parsed.count("render")) {
    // The same rule as render -o, checked before any work; RenderToFile
    // checks again when it renames.
    const std::string file = parsed["render"].as<std::string>();
    if (auto format = graph::DiagramFormatFromPath(file); !format.ok()) {
      throw UsageError(format.status().message());
    }
    if (!overwrite) {
      auto refused = graph::io::OutputFile::Create(file, /*overwrite=*/false);
      if (!refused.ok()) throw DataError(refused.status().message());
    }
  }

  // Ctrl-C from here on, even while the database opens, stops the topology
  // build or the search at its next poll with an error and exit 1, as a
  // query's does; so does --timeout, counted from the end of the open.
  CancelOnInterrupt interrupt;
  auto db = Database::Open(common, OpenMode::kReadFallback);
  const graph::CancelCheck stop = PathSearchStop(interrupt, common.timeout_seconds);
  path_options.cancel = &stop;
  auto topology = db->topology().Get(&stop);
  auto txn = db->store().BeginRead();
  const std::string from = parsed["from"].as<std::string>();
  const std::string to = parsed["to"].as<std::string>();
  auto traced = graph::TraceMarketPaths(*txn, *topology, from, to, path_options);
  path_options.cancel = nullptr;
  if (!traced.ok()) {
    if (traced.status().code() == storage::StatusCode::kInvalidArgument) {
      throw UsageError(traced.status().message());
    }
    throw DataError(traced.status().message());
  }
  const graph::MarketPathResult& result = *traced;

  OutputFormat format = common.format.value_or(OutputFormat::kTable);
  if (format == OutputFormat::kTable) {
    std::cout << "From " << result.from.name << " (" << EndpointKindName(result.from.kind)
              << ") to " << result.to.name << " (" << EndpointKindName(result.to.kind) << "): ";
    if (result.paths.empty()) {
      std::cout << "no path within " << path_options.max_hops << " deals";
      if (path_options.in_time_order) std::cout << " in time order";
      std::cout << ".\n";
    } else {
      std::cout << result.paths.size() << " route" << (result.paths.size() == 1 ? "" : "s")
                << "\n";
      for (size_t path_idx = 0; path_idx < result.paths.size(); ++path_idx) {
        const graph::MarketPath& path = result.paths[path_idx];
        std::cout << "  " << path_idx + 1 << ". [" << path.hops.size() << " hop"
                  << (path.hops.size() == 1 ? "" : "s") << "] " << graph::FormatMarketPath(path)
                  << '\n';
        const std::string reasons = graph::FormatMarketReasons(path);
        if (!reasons.empty()) std::cout << "     " << reasons << '\n';
      }
      if (result.truncated) {
        std::cout << "  (more than " << graph::kMaxRoutesPerLength
                  << " candidate routes of one length: ranked the first ones only)\n";
      }
    }
  } else {
    query::QueryResult table;
    table.columns = {"path", "hops", "companies", "countries", "deals", "chain", "why"};
    for (size_t path_idx = 0; path_idx < result.paths.size(); ++path_idx) {
      const graph::MarketPath& path = result.paths[path_idx];
      query::ValueList companies, countries, deals;
      for (const auto& company : path.companies) {
        companies.push_back(Value::String(company.name));
        countries.push_back(company.country.empty() ? Value::Null()
                                                    : Value::String(company.country));
      }
      for (const auto& hop : path.hops) {
        query::ValueList hop_deals;
        for (const auto& deal : hop.deals) hop_deals.push_back(DealValue(deal));
        deals.push_back(Value::List(std::move(hop_deals)));
      }
      table.rows.push_back({Value::Int(static_cast<int64_t>(path_idx + 1)),
                            Value::Int(static_cast<int64_t>(path.hops.size())),
                            Value::List(std::move(companies)), Value::List(std::move(countries)),
                            Value::List(std::move(deals)),
                            Value::String(graph::FormatMarketPath(path)),
                            Value::String(graph::FormatMarketReasons(path))});
    }
    PrintOptions print;
    print.format = format;
    print.max_width = TerminalWidth();
    PrintResult(table, print, std::cout, std::cerr);
  }
  if (parsed.count("render")) {
    const std::string file = parsed["render"].as<std::string>();
    if (result.paths.empty()) throw DataError("no path to render");
    graph::RenderOptions render_options;
    render_options.title = "From " + result.from.name + " to " + result.to.name;
    render_options.country_in_labels = true;
    storage::Status status =
        graph::RenderToFile(result.subgraph, file, render_options, overwrite, txn.get());
    if (!status.ok()) throw DataError("render failed: " + status.message());
    std::cerr << "wrote " << file << '\n';
  }
  // As `search` with no match: the answer is printed (table: "no path
  // within N deals"; other formats: no rows) and the exit code is 1, so a
  // script can tell "no route" from a route.
  if (result.paths.empty()) {
    if (format != OutputFormat::kTable) std::cerr << "no path within " << path_options.max_hops
                                                   << " deals\n";
    return static_cast<int>(ExitCode::kError);
  }
  return 0;
}

}  // namespace ecograph::cli
