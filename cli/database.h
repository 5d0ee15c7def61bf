#pragma once
// An open database with its topology cache and query engine, as the commands
// use it.
#include <memory>
#include <string>

#include "cli/command_line.h"
#include "graph/topology_cache.h"
#include "query/engine.h"
#include "storage/store.h"

namespace ecograph::cli {

enum class OpenMode {
  kExisting,  // fails with exit code 3 when missing (unless --create)
  kCreate,    // creates an empty database when missing (import)
  // Like kExisting, but when another process holds the write lock the
  // database is opened read-only instead (commands that only read).
  kReadFallback,
};

class Database {
 public:
  // Opens common.db_path. The default database (no --db, no $ECOGRAPH_DB)
  // is created from the bundled data on first use. Throws CliError with
  // exit code 3 when the database is locked, missing, of another format
  // version, or not a database.
  static std::unique_ptr<Database> Open(const CommonOptions& common, OpenMode mode);

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  storage::Store& store() { return *store_; }
  graph::TopologyCache& topology() { return *topology_; }
  query::QueryEngine& engine() { return *engine_; }

  query::QueryOptions QueryOptionsFor(const CommonOptions& common) const;

 private:
  explicit Database(std::unique_ptr<storage::Store> store);

  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<graph::TopologyCache> topology_;
  std::unique_ptr<query::QueryEngine> engine_;
};

}  // namespace ecograph::cli
