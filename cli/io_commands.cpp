// `ecograph import` and `ecograph export`.
#include <fmt/format.h>

#include <cstdint>
#include <iostream>
#include <limits>
#include <optional>

#include "cli/cli_error.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "cli/result_subgraph.h"
#include "cli/statement_runner.h"
#include "graph/io/exporter.h"
#include "graph/io/importer.h"

namespace ecograph::cli {
namespace {

// Lets `--nodes a.csv b.csv` (what a shell glob gives) mean
// `--nodes a.csv --nodes b.csv`.
Args ExpandMultiValueOptions(const Args& args, const std::vector<std::string>& names) {
  Args out;
  std::string current;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    bool is_option = !arg.empty() && arg[0] == '-' && arg != "-";
    if (is_option) {
      current.clear();
      for (const std::string& name : names) {
        if (arg == name) current = name;
      }
      out.push_back(arg);
      if (!current.empty() && i + 1 < args.size()) out.push_back(args[++i]);
      continue;
    }
    if (!current.empty() && i > 0) {
      out.push_back(current);
    }
    out.push_back(arg);
  }
  return out;
}

}  // namespace

int RunImportCommand(const Args& raw_args) {
  CommonOptionSet set;
  set.format = false;
  set.params = false;
  set.timeout = false;
  cxxopts::Options options = MakeOptions(
      "import",
      "Bulk-loads node and relationship files (neo4j-admin CSV headers, or JSON Lines) in one "
      "atomic step: every row lands, or nothing does.",
      set);
  options.add_options()("nodes",
                        "Node file, [Label[:Label]=]FILE (repeatable; several files may follow)",
                        cxxopts::value<std::vector<std::string>>(), "[Label=]FILE")(
      "relationships", "Relationship file, [TYPE=]FILE (repeatable; several files may follow)",
      cxxopts::value<std::vector<std::string>>(),
      "[TYPE=]FILE")("format", "Input format: csv, jsonl or auto (by extension)",
                     cxxopts::value<std::string>()->default_value("auto"), "FMT")(
      "skip-bad", "Skip up to N bad rows (no N: any number) and list them in the report",
      cxxopts::value<uint64_t>()->implicit_value(
          std::to_string(std::numeric_limits<uint64_t>::max())),
      "N")("report", "Where skipped rows are listed (default: beside the database)",
           cxxopts::value<std::string>(), "FILE")("delimiter", "CSV field delimiter (default ',')",
                                                  cxxopts::value<std::string>(), "C")(
      "array-delimiter", "CSV array delimiter (default ';')", cxxopts::value<std::string>(), "C");
  Args args = ExpandMultiValueOptions(raw_args, {"--nodes", "--relationships"});
  auto parsed = ParseArguments(options, args);
  if (HandleHelp(
          parsed, options,
          "  ecograph import --db eco.db --nodes data/nodes_*.csv --relationships data/rels_*.csv\n"
          "  ecograph import --db eco.db --nodes Company=companies.csv --relationships "
          "ACQUIRED=deals.csv\n"
          "  ecograph import --db eco.db --format jsonl --nodes graph.jsonl\n"
          "  ecograph import --db eco.db --nodes n.csv --skip-bad=10 --report bad.txt\n")) {
    return 0;
  }
  CommonOptions common = ReadCommonOptions(parsed, /*output_format=*/false);
  graph::io::ImportOptions import;
  if (parsed.count("nodes")) import.node_files = parsed["nodes"].as<std::vector<std::string>>();
  if (parsed.count("relationships")) {
    import.rel_files = parsed["relationships"].as<std::vector<std::string>>();
  }
  if (import.node_files.empty() && import.rel_files.empty()) {
    throw UsageError("nothing to import: give --nodes and/or --relationships");
  }
  if (!graph::io::ParseImportFormat(parsed["format"].as<std::string>(), &import.format)) {
    throw UsageError("unknown --format '" + parsed["format"].as<std::string>() +
                     "' (csv, jsonl, auto)");
  }
  if (parsed.count("skip-bad")) import.skip_bad_rows = parsed["skip-bad"].as<uint64_t>();
  if (parsed.count("report")) import.bad_rows_report = parsed["report"].as<std::string>();
  auto one_char = [&](const char* name, char* out) {
    if (!parsed.count(name)) return;
    std::string text = parsed[name].as<std::string>();
    if (text == "\\t" || text == "tab") text = "\t";
    if (text.size() != 1) throw UsageError(std::string("--") + name + " must be one character");
    *out = text[0];
  };
  one_char("delimiter", &import.delimiter);
  one_char("array-delimiter", &import.array_delimiter);
  import.progress = true;
  if (common.read_only) throw UsageError("import writes: it cannot run with --read-only");
  auto db = Database::Open(common, OpenMode::kCreate);
  auto stats = graph::io::Import(db->store(), import);
  if (!stats.ok()) throw DataError("import failed: " + stats.status().message());
  std::cout << "Imported " << stats->nodes << " nodes and " << stats->rels << " relationships in "
            << fmt::format("{:.2f}", stats->seconds) << " s";
  if (stats->bad_rows_skipped > 0) {
    std::cout << "; skipped " << stats->bad_rows_skipped << " bad rows (listed in "
              << stats->bad_rows_report << ")";
  }
  std::cout << '\n';
  return 0;
}

int RunExportCommand(const Args& args) {
  CommonOptionSet set;
  set.format = false;
  cxxopts::Options options = MakeOptions(
      "export", "Writes the whole graph, or the subgraph a query returns, to files.", set);
  options.add_options()("format", "csv (a directory of files), jsonl, graphml or dot",
                        cxxopts::value<std::string>()->default_value("jsonl"), "FMT")(
      "o,output", "Output file (directory for csv); '-' or absent = stdout",
      cxxopts::value<std::string>(),
      "PATH")("query", "Export only the nodes, relationships and paths this query returns",
              cxxopts::value<std::string>(), "\"MATCH ...\"")(
      "title", "Graph name in DOT and GraphML", cxxopts::value<std::string>(), "TEXT")(
      "force", "Overwrite an existing output file (or an earlier csv export in the directory)");
  auto parsed = ParseArguments(options, args);
  if (HandleHelp(parsed, options,
                 "  ecograph export --format jsonl -o graph.jsonl\n"
                 "  ecograph export --format csv -o dump/   # re-import with ecograph import\n"
                 "  ecograph export --format graphml -o eco.graphml\n"
                 "  ecograph export --format dot --query \"MATCH p=(:Company "
                 "{name:'Trendyol'})--() RETURN p\"\n")) {
    return 0;
  }
  CommonOptions common = ReadCommonOptions(parsed, /*output_format=*/false);
  graph::io::ExportOptions export_options;
  std::string format = parsed["format"].as<std::string>();
  if (!graph::io::ParseExportFormat(format, &export_options.format)) {
    throw UsageError("unknown --format '" + format + "' (csv, jsonl, graphml, dot)");
  }
  export_options.output = parsed.count("output") ? parsed["output"].as<std::string>() : "-";
  if (export_options.format == graph::io::ExportFormat::kCsv && export_options.output == "-") {
    throw UsageError("--format csv writes a directory: give -o DIR");
  }
  if (parsed.count("title")) export_options.title = parsed["title"].as<std::string>();
  export_options.overwrite = parsed.count("force") > 0;
  auto db = Database::Open(common, OpenMode::kReadFallback);
  std::optional<storage::Result<graph::io::ExportStats>> result;
  if (parsed.count("query")) {
    std::string text = parsed["query"].as<std::string>();
    query::QueryOutcome outcome =
        db->engine().Execute(text, common.params, db->QueryOptionsFor(common));
    if (!outcome.ok()) {
      throw DataError(outcome.error ? FormatScriptError(*outcome.error, text, 0, text, false)
                                    : "query failed");
    }
    auto txn = db->store().BeginRead();
    graph::Subgraph subgraph = SubgraphFromResult(*outcome.result, txn.get(), text);
    if (export_options.title.empty()) export_options.title = "ecograph query";
    result.emplace(graph::io::ExportSubgraph(subgraph, export_options));
  } else {
    result.emplace(graph::io::ExportStore(db->store(), export_options));
  }
  auto& stats = *result;
  if (!stats.ok()) throw DataError("export failed: " + stats.status().message());
  std::cerr << "Exported " << stats->nodes << " nodes and " << stats->rels << " relationships";
  if (export_options.output != "-") std::cerr << " to " << export_options.output;
  std::cerr << '\n';
  return 0;
}

}  // namespace ecograph::cli
