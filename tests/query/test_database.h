#pragma once
// TestDatabase: a store in a fresh temporary directory plus the topology
// cache and query engine over it, as the runners need them. The directory
// is removed on destruction. Reopen() closes and reopens the store (to check
// persistence); the engine and cache are rebuilt.
#include <filesystem>
#include <memory>
#include <string>

#include "graph/topology_cache.h"
#include "query/engine.h"
#include "storage/store.h"

namespace ecograph::query::testing {

class TestDatabase {
 public:
  // Aborts the test run (throws std::runtime_error) if the store cannot open.
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  QueryEngine& engine() { return *engine_; }
  storage::Store& store() { return *store_; }
  void Reopen();
  // Runs every ';'-separated statement of a script; returns "" or the first
  // error (FormatError's text).
  std::string RunScript(const std::string& script);

 private:
  void Open();
  void Close();

  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<graph::TopologyCache> cache_;
  std::unique_ptr<QueryEngine> engine_;
};

// The first line of FormatError(error, text).
std::string ErrorFirstLine(const QueryError& error, const std::string& text);

}  // namespace ecograph::query::testing
