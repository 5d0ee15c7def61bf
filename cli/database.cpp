#include "cli/database.h"

#include <filesystem>
#include <iostream>

#include "cli/cli_error.h"
#include "cli/paths.h"
#include "graph/default_database.h"

namespace ecograph::cli {

ExitCode ExitCodeForOpenStatus(const storage::Status& status) {
  switch (status.code()) {
    case storage::StatusCode::kLocked:
    case storage::StatusCode::kNotADatabase:
    case storage::StatusCode::kVersionMismatch:
    case storage::StatusCode::kNotFound:
    case storage::StatusCode::kNoSpace:    // disk full
    case storage::StatusCode::kCorruption:  // damaged
    case storage::StatusCode::kIOError:    // e.g. permission denied
    case storage::StatusCode::kReadOnly:   // read-only file system
      return ExitCode::kUnavailable;
    default:
      return ExitCode::kError;
  }
}

namespace {

CliError OpenError(const std::string& path, const storage::Status& status) {
  std::string message = "cannot open database '" + path + "': " + status.message();
  if (status.code() == storage::StatusCode::kLocked) {
    message += " (another ecograph process has it open for writing; try --read-only)";
  }
  return CliError(ExitCodeForOpenStatus(status), message);
}

}  // namespace

Database::Database(std::unique_ptr<storage::Store> store)
    : store_(std::move(store)),
      topology_(std::make_unique<graph::TopologyCache>(*store_)),
      engine_(std::make_unique<query::QueryEngine>(*store_, *topology_)) {}

Database::~Database() = default;

std::unique_ptr<Database> Database::Open(const CommonOptions& common, OpenMode mode) {
  const std::string& path = common.db_path;
  std::error_code ignored;
  bool exists = std::filesystem::exists(path, ignored);
  storage::OpenOptions options;
  options.read_only = common.read_only;
  options.sync_commits = common.sync_commits;
  if (!exists && !common.db_given) {
    // The default database: built from the bundled data on first use.
    auto data_dir = graph::LocateDataDir();
    if (!data_dir.ok()) {
      throw CliError(ExitCode::kUnavailable, "the default database '" + path +
                                                 "' does not exist and the bundled data "
                                                 "was not found: " +
                                                 data_dir.status().message() +
                                                 " (set ECOGRAPH_DATA_DIR, or pass --db)");
    }
    std::cerr << "Creating the default database " << path << " from " << *data_dir << " ...\n";
    options.read_only = false;
    options.create_if_missing = true;
    auto store = graph::OpenOrCreateDefault(path, *data_dir, options);
    if (!store.ok()) throw OpenError(path, store.status());
    if (common.read_only) {
      store.value().reset();
      options.read_only = true;
      options.create_if_missing = false;
      auto reopened = storage::Store::Open(path, options);
      if (!reopened.ok()) throw OpenError(path, reopened.status());
      return std::unique_ptr<Database>(new Database(std::move(reopened).value()));
    }
    return std::unique_ptr<Database>(new Database(std::move(store).value()));
  }
  if (!exists && mode != OpenMode::kCreate && !common.create) {
    throw CliError(
        ExitCode::kUnavailable,
        "database '" + path + "' does not exist (import data into it, or pass --create)");
  }
  if (!exists && common.read_only) {
    throw CliError(ExitCode::kUnavailable, "database '" + path + "' does not exist");
  }
  // With --create (or for an import) "missing" includes an empty directory
  // and a creation that was interrupted.
  options.create_if_missing = !exists || common.create || mode == OpenMode::kCreate;
  auto store = storage::Store::Open(path, options);
  if (!store.ok() && store.status().code() == storage::StatusCode::kLocked &&
      mode == OpenMode::kReadFallback && !options.read_only) {
    options.read_only = true;
    options.create_if_missing = false;
    store = storage::Store::Open(path, options);
  }
  if (!store.ok()) throw OpenError(path, store.status());
  return std::unique_ptr<Database>(new Database(std::move(store).value()));
}

query::QueryOptions Database::QueryOptionsFor(const CommonOptions& common) const {
  query::QueryOptions options;
  options.timeout = std::chrono::milliseconds(static_cast<int64_t>(common.timeout_seconds * 1000));
  options.memory_budget = static_cast<uint64_t>(common.memory_budget_mib * 1024 * 1024);
  return options;
}

}  // namespace ecograph::cli
