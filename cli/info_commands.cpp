// `ecograph schema`, `stats`, `check` and `version`.
#include <iostream>

#include "cli/cli_error.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "cli/statement_runner.h"

namespace ecograph::cli {

query::QueryResult SchemaResult(storage::Store& store);

namespace {

using query::Value;

CommonOptions ParseInfoCommand(const Args& args, const std::string& name,
                               const std::string& summary, const std::string& examples,
                               bool* help_shown) {
  CommonOptionSet set;
  set.params = false;
  set.timeout = false;
  cxxopts::Options options = MakeOptions(name, summary, set);
  auto parsed = ParseArguments(options, args);
  *help_shown = HandleHelp(parsed, options, examples);
  return ReadCommonOptions(parsed);
}

}  // namespace

// Rows of (kind, name, count): labels, relationship types, indexes and
// property keys, as of one read snapshot.
query::QueryResult SchemaResult(storage::Store& store) {
  auto txn = store.BeginRead();
  query::QueryResult result;
  result.columns = {"kind", "name", "count"};
  for (const std::string& label : txn->Labels()) {
    result.rows.push_back({Value::String("label"), Value::String(label),
                           Value::Int(static_cast<int64_t>(txn->CountLabel(label)))});
  }
  for (const std::string& type : txn->RelTypes()) {
    result.rows.push_back({Value::String("relationship"), Value::String(type),
                           Value::Int(static_cast<int64_t>(txn->CountRelType(type)))});
  }
  for (const storage::IndexDefinition& index : txn->Indexes()) {
    result.rows.push_back({Value::String(index.unique ? "unique constraint" : "index"),
                           Value::String(":" + index.label + "(" + index.key + ")"),
                           Value::Null()});
  }
  for (const std::string& key : txn->PropertyKeys()) {
    result.rows.push_back({Value::String("property key"), Value::String(key), Value::Null()});
  }
  return result;
}

int RunSchemaCommand(const Args& args) {
  bool help = false;
  CommonOptions common = ParseInfoCommand(
      args, "schema",
      "Lists labels and relationship types (with counts), indexes and property keys.",
      "  ecograph schema\n  ecograph schema --format json\n", &help);
  if (help) return 0;
  auto db = Database::Open(common, OpenMode::kReadFallback);
  RunSettings settings = MakeRunSettings(common, *db);
  PrintResult(SchemaResult(db->store()), settings.print, std::cout, std::cerr);
  return 0;
}

int RunStatsCommand(const Args& args) {
  bool help = false;
  CommonOptions common = ParseInfoCommand(
      args, "stats", "Prints node and relationship counts and the size of the database on disk.",
      "  ecograph stats\n  ecograph stats --db my.db --format json\n", &help);
  if (help) return 0;
  auto db = Database::Open(common, OpenMode::kReadFallback);
  auto txn = db->store().BeginRead();
  storage::StoreCounts counts = txn->Counts();
  query::QueryResult result;
  result.columns = {"statistic", "value"};
  auto add = [&](const std::string& name, Value value) {
    result.rows.push_back({Value::String(name), std::move(value)});
  };
  add("path", Value::String(db->store().path()));
  add("nodes", Value::Int(static_cast<int64_t>(counts.nodes)));
  add("relationships", Value::Int(static_cast<int64_t>(counts.relationships)));
  add("labels", Value::Int(static_cast<int64_t>(txn->Labels().size())));
  add("relationship types", Value::Int(static_cast<int64_t>(txn->RelTypes().size())));
  add("property keys", Value::Int(static_cast<int64_t>(txn->PropertyKeys().size())));
  add("indexes", Value::Int(static_cast<int64_t>(txn->Indexes().size())));
  add("disk bytes", Value::Int(static_cast<int64_t>(db->store().DiskBytes())));
  add("format version", Value::Int(storage::kFormatVersion));
  RunSettings settings = MakeRunSettings(common, *db);
  PrintResult(result, settings.print, std::cout, std::cerr);
  return 0;
}

int RunCheckCommand(const Args& args) {
  bool help = false;
  CommonOptions common = ParseInfoCommand(
      args, "check",
      "Verifies the database: records, adjacency, indexes and counts agree. Exit 1 on problems.",
      "  ecograph check --db my.db\n", &help);
  if (help) return 0;
  auto db = Database::Open(common, OpenMode::kReadFallback);
  storage::CheckReport report = db->store().Check();
  for (const std::string& problem : report.problems) std::cout << "problem: " << problem << '\n';
  std::cout << (report.ok() ? "ok" : "FAILED") << ": checked " << report.nodes_checked
            << " nodes and " << report.rels_checked << " relationships";
  if (!report.ok()) std::cout << ", " << report.problems.size() << " problems";
  std::cout << '\n';
  return report.ok() ? 0 : static_cast<int>(ExitCode::kError);
}

int RunVersionCommand(const Args& args) {
  cxxopts::Options options("ecograph version", "Prints the version of ecograph.");
  options.add_options()("h,help", "Show this help");
  auto parsed = ParseArguments(options, args);
  if (HandleHelp(parsed, options, "  ecograph version\n")) return 0;
  std::cout << "ecograph " << ECOGRAPH_VERSION << " (storage format " << storage::kFormatVersion
            << ")\n";
  return 0;
}

}  // namespace ecograph::cli
