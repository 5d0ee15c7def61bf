#include "cli/bench_command.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/checksum.h"
#include "cli/cli_error.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/value_json.h"
#include "graph/io/importer.h"
#include "graph/topology_cache.h"
#include "storage/store.h"

namespace ecograph::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

nlohmann::json ReadJsonFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError("cannot read '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::parse_error& error) {
    throw DataError(path + ": invalid JSON: " + error.what());
  }
}

// Writes the JSON lines of the runner contract, fields in a fixed order.
class BenchReporter {
 public:
  BenchReporter(std::string scale) : scale_(std::move(scale)) {}

  nlohmann::ordered_json Line(const std::string& step, int run) const {
    nlohmann::ordered_json line;
    line["peer"] = "ecograph";
    line["peer_version"] = ECOGRAPH_VERSION;
    line["scale"] = scale_;
    line["step"] = step;
    line["run"] = run;
    line["seconds"] = nullptr;
    line["rows"] = nullptr;
    line["checksum"] = nullptr;
    line["status"] = "ok";
    return line;
  }

  void Emit(const nlohmann::ordered_json& line) const {
    std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    std::cout.flush();
  }

 private:
  std::string scale_;
};

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double MaxRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(static_cast<int64_t>(usage.ru_maxrss / 1024.0 * 10 + 0.5)) / 10.0;
}

// Imports every nodes_*.csv and rels_*.csv of data_dir and creates the
// benchmark's indexes. Returns an error message, empty on success.
std::string LoadData(storage::Store& store, const std::string& data_dir) {
  graph::io::ImportOptions import;
  std::vector<std::string> nodes, rels;
  for (const auto& entry : fs::directory_iterator(data_dir)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".csv") continue;
    if (name.rfind("nodes_", 0) == 0) nodes.push_back(entry.path().string());
    if (name.rfind("rels_", 0) == 0) rels.push_back(entry.path().string());
  }
  std::sort(nodes.begin(), nodes.end());
  std::sort(rels.begin(), rels.end());
  if (nodes.empty()) return "no nodes_*.csv files in " + data_dir;
  import.node_files = nodes;
  import.rel_files = rels;
  import.format = graph::io::ImportFormat::kCsv;
  auto stats = graph::io::Import(store, import);
  if (!stats.ok()) return stats.status().ToString();
  std::cerr << "bench: imported " << stats->nodes << " nodes, " << stats->rels
            << " relationships\n";
  auto txn = store.BeginWrite();
  if (!txn.ok()) return txn.status().ToString();
  for (const auto& [label, key] : {std::pair<const char*, const char*>{"Company", "id"},
                                   {"Company", "name"},
                                   {"Country", "name"}}) {
    storage::Status status = (*txn)->CreateIndex({label, key, false});
    if (!status.ok()) return status.ToString();
  }
  storage::Status status = (*txn)->Commit(true);
  if (!status.ok()) return status.ToString();
  return "";
}

}  // namespace

std::vector<BenchQuery> ParseBenchQueries(const nlohmann::json& document) {
  std::vector<BenchQuery> queries;
  if (!document.contains("queries") || !document["queries"].is_array()) {
    throw DataError("queries.json: no \"queries\" array");
  }
  try {
    for (const auto& entry : document["queries"]) {
      BenchQuery query;
      query.id = entry.at("id").get<std::string>();
      query.cypher = entry.at("cypher").get<std::string>();
      if (entry.contains("params")) query.params = entry["params"].get<std::vector<std::string>>();
      query.ordered = entry.value("compare", std::string("unordered")) == "ordered";
      query.optional = entry.value("optional", false);
      if (entry.contains("checksum_columns")) {
        query.checksum_columns = entry["checksum_columns"].get<std::vector<int>>();
      }
      queries.push_back(std::move(query));
    }
  } catch (const nlohmann::json::exception& error) {
    throw DataError(std::string("queries.json: ") + error.what());
  }
  return queries;
}

query::Params BenchParameters(const nlohmann::json& queries_document,
                              const nlohmann::json& params_document) {
  query::Params params;
  if (queries_document.contains("parameters") && queries_document["parameters"].is_object()) {
    for (const auto& [name, spec] : queries_document["parameters"].items()) {
      if (spec.is_object() && spec.contains("value")) params[name] = JsonToValue(spec["value"]);
    }
  }
  if (params_document.is_object()) {
    for (const auto& [name, value] : params_document.items()) {
      if (!name.empty() && name[0] == '_') continue;
      params[name] = JsonToValue(value);
    }
  }
  return params;
}

int RunBenchCommand(const Args& args) {
  cxxopts::Options options("ecograph bench",
                           "Runs the peer benchmark: loads DATA_DIR's CSVs into a fresh database, "
                           "runs the queries of QUERIES_JSON and prints one JSON line per step.");
  options.set_width(100);
  options.positional_help("DATA_DIR QUERIES_JSON");
  auto env = [](const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return std::string(value != nullptr && *value != '\0' ? value : fallback);
  };
  options.add_options()("h,help", "Show this help")(
      "runs", "Measured runs per query after one warm-up run",
      cxxopts::value<int>()->default_value(env("BENCH_RUNS", "3")),
      "N")("only", "Comma-separated query ids to run",
           cxxopts::value<std::string>()->default_value(env("BENCH_ONLY", "")),
           "Q1,Q3")("work-dir", "Folder for the database (default <data_dir>/.work/ecograph)",
                    cxxopts::value<std::string>()->default_value(env("BENCH_WORK_DIR", "")),
                    "DIR")("slow-seconds", "A query whose warm-up takes longer is measured once",
                           cxxopts::value<double>()->default_value(env("BENCH_SLOW_S", "60")),
                           "S")("timeout", "Per-run query timeout in seconds (0 = none)",
                                cxxopts::value<double>()->default_value("0"), "SECONDS")(
      "show-rows", "Print the first N rows of each query to stderr",
      cxxopts::value<int>()->default_value(env("BENCH_SHOW_ROWS", "0")),
      "N")("positional", "", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"positional"});
  auto parsed = ParseArguments(options, args);
  if (HandleHelp(parsed, options,
                 "  ecograph bench /tmp/graph-bench-data/small ../shared/bench/queries.json\n"
                 "  ecograph bench DATA queries.json --runs 5 --only Q1,Q4\n"
                 "  BENCH_KEEP_DB=1 ecograph bench DATA queries.json --work-dir /tmp/eg\n")) {
    return 0;
  }
  std::vector<std::string> positional;
  if (parsed.count("positional")) positional = parsed["positional"].as<std::vector<std::string>>();
  if (positional.size() != 2) throw UsageError("bench expects DATA_DIR QUERIES_JSON (see --help)");
  const std::string data_dir = positional[0];
  const int runs = parsed["runs"].as<int>();
  if (runs < 1) throw UsageError("--runs must be >= 1");
  const double slow_seconds = parsed["slow-seconds"].as<double>();
  const int show_rows = parsed["show-rows"].as<int>();
  std::vector<std::string> only = SplitList(parsed["only"].as<std::string>());
  std::string work_dir = parsed["work-dir"].as<std::string>();
  if (work_dir.empty()) work_dir = (fs::path(data_dir) / ".work" / "ecograph").string();

  nlohmann::json manifest = ReadJsonFile((fs::path(data_dir) / "manifest.json").string());
  nlohmann::json queries_document = ReadJsonFile(positional[1]);
  nlohmann::json params_document = nlohmann::json::object();
  if (fs::exists(fs::path(data_dir) / "params.json")) {
    params_document = ReadJsonFile((fs::path(data_dir) / "params.json").string());
  }
  std::vector<BenchQuery> queries = ParseBenchQueries(queries_document);
  query::Params all_params = BenchParameters(queries_document, params_document);
  std::string scale = manifest.contains("scale") && manifest["scale"].is_string()
                          ? manifest["scale"].get<std::string>()
                          : "?";
  BenchReporter reporter(scale);

  std::error_code ignored;
  fs::remove_all(work_dir, ignored);
  fs::create_directories(work_dir, ignored);
  const std::string db_path = (fs::path(work_dir) / "db").string();
  int exit_code = 0;
  {
    storage::OpenOptions open;
    open.create_if_missing = true;
    auto store_or = storage::Store::Open(db_path, open);
    if (!store_or.ok()) {
      throw CliError(ExitCodeForOpenStatus(store_or.status()),
                     "cannot create database in '" + db_path + "': " + store_or.status().message());
    }
    std::unique_ptr<storage::Store> store = std::move(store_or).value();
    std::cerr << "bench: loading " << data_dir << " into " << db_path << '\n';
    auto load_start = Clock::now();
    std::string load_error = LoadData(*store, data_dir);
    double load_seconds = SecondsSince(load_start);
    nlohmann::ordered_json load_line = reporter.Line("load", 1);
    if (load_error.empty()) {
      load_line["seconds"] = load_seconds;
      load_line["db_bytes"] = store->DiskBytes();
      reporter.Emit(load_line);
      std::cerr << "bench: load took " << load_seconds << " s\n";
    } else {
      load_line["status"] = "error";
      load_line["error"] = load_error;
      reporter.Emit(load_line);
      std::cerr << "bench: load failed: " << load_error << '\n';
      exit_code = 1;
    }

    if (load_error.empty()) {
      graph::TopologyCache topology(*store);
      query::QueryEngine engine(*store, topology);
      query::QueryOptions query_options;
      query_options.timeout =
          std::chrono::milliseconds(static_cast<int64_t>(parsed["timeout"].as<double>() * 1000));
      for (const BenchQuery& bench_query : queries) {
        if (!only.empty() && std::find(only.begin(), only.end(), bench_query.id) == only.end()) {
          continue;
        }
        query::Params params;
        for (const std::string& name : bench_query.params) {
          auto it = all_params.find(name);
          if (it != all_params.end()) params[name] = it->second;
        }
        int last_run = runs;
        for (int run = 0; run <= last_run; ++run) {
          auto start = Clock::now();
          query::QueryOutcome outcome = engine.Execute(bench_query.cypher, params, query_options);
          double seconds = SecondsSince(start);
          nlohmann::ordered_json line = reporter.Line(bench_query.id, run);
          if (!outcome.ok()) {
            const query::QueryError* error = outcome.error ? &*outcome.error : nullptr;
            std::string message = error ? query::FormatError(*error, bench_query.cypher) : "failed";
            if (error && error->kind() == query::ErrorKind::kTimeout) {
              line["status"] = "timeout";
            } else if (error &&
                       (error->kind() == query::ErrorKind::kNotSupported || bench_query.optional)) {
              line["status"] = "unsupported";
            } else {
              line["status"] = "error";
              line["error"] = message;
            }
            std::cerr << "bench: " << bench_query.id << ": " << message << '\n';
            reporter.Emit(line);
            break;
          }
          const query::QueryResult& result = *outcome.result;
          line["seconds"] = seconds;
          line["rows"] = result.rows.size();
          line["checksum"] =
              ResultChecksum(result.rows, bench_query.checksum_columns, bench_query.ordered);
          reporter.Emit(line);
          std::cerr << "bench: " << bench_query.id << " run " << run << ": " << seconds << " s, "
                    << result.rows.size() << " rows\n";
          if (run == 0) {
            for (int row_idx = 0;
                 row_idx < show_rows && row_idx < static_cast<int>(result.rows.size()); ++row_idx) {
              std::string text;
              for (const auto& value : result.rows[static_cast<size_t>(row_idx)]) {
                text += (text.empty() ? "" : "\t") + CanonicalText(value);
              }
              std::cerr << "  " << text << '\n';
            }
            if (seconds > slow_seconds) last_run = 1;
          }
        }
      }
    }
  }
  nlohmann::ordered_json rss_line = reporter.Line("peak_rss", 0);
  rss_line["max_rss_mb"] = MaxRssMb();
  reporter.Emit(rss_line);
  const char* keep = std::getenv("BENCH_KEEP_DB");
  if (keep == nullptr || std::string(keep) != "1") {
    fs::remove_all(work_dir, ignored);
  } else {
    std::cerr << "bench: kept the database in " << db_path << '\n';
  }
  return exit_code;
}

}  // namespace ecograph::cli
