#pragma once
// QueryEngine: the entry point of the query pipeline. Executes one or more
// ';'-separated statements against a store and returns rows or a QueryError.
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/notifications.h"
#include "query/query_error.h"
#include "query/value.h"
#include "storage/store.h"

namespace ecograph::graph { class TopologyCache; }

namespace ecograph::query {

struct QueryOptions {
  std::chrono::milliseconds timeout{60'000};  // 0 = no timeout
  uint64_t max_intermediate_rows = 50'000'000;  // guard against explosions
  // Owned by the caller, who may set it from another thread or a signal
  // handler; once true, the running statement stops with "query cancelled"
  // (checked where the timeout is). nullptr = not cancellable.
  const std::atomic<bool>* cancel = nullptr;
  // Bytes a statement may hold in buffered rows (ORDER BY, DISTINCT,
  // aggregation, updates, path searches) and in any single value it builds;
  // 0 = no budget. Exceeding it is a clear error, not a truncated result.
  uint64_t memory_budget = uint64_t{2} << 30;
  // Fill QueryResult::notifications (a few microseconds per statement: off
  // for programs, on for people).
  bool notifications = false;
};

enum class ExplainMode { kNone, kExplain, kProfile };

struct QueryStats {
  uint64_t nodes_created = 0, nodes_deleted = 0;
  uint64_t rels_created = 0, rels_deleted = 0;
  uint64_t properties_set = 0, labels_added = 0, labels_removed = 0;
  uint64_t indexes_added = 0, indexes_removed = 0;
  bool ContainsUpdates() const;
  std::string ToString() const;  // e.g. "Added 1 node, Set 2 properties"
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  QueryStats stats;
  // EXPLAIN / PROFILE text (the plan tree, with rows and time per operator
  // for PROFILE); empty otherwise.
  std::string plan;
  // EXPLAIN: the statement was planned, not run; `plan` is the whole answer.
  bool plan_only = false;
  // Warnings that are not errors (names the database does not have); only
  // with QueryOptions::notifications.
  std::vector<Notification> notifications;
  double elapsed_ms = 0;
};

// Either a result or an error (never throws).
struct QueryOutcome {
  std::optional<QueryResult> result;
  std::optional<QueryError> error;
  bool ok() const { return result.has_value(); }
};

using Params = std::map<std::string, Value>;

class QueryEngine {
 public:
  // Borrows the store (and the topology cache used by CALL algo.* and
  // shortestPath); both must outlive the engine.
  QueryEngine(storage::Store& store, graph::TopologyCache& topology);
  ~QueryEngine();

  // Runs one statement (a trailing ';' is allowed). A read statement runs on
  // a snapshot; a write statement is one atomic transaction.
  QueryOutcome Execute(const std::string& text, const Params& params = {},
                       const QueryOptions& options = {},
                       ExplainMode mode = ExplainMode::kNone);

  // Splits a script into statements on ';' outside strings and comments.
  static std::vector<std::string> SplitStatements(const std::string& script);

  // Names for REPL completion.
  static std::vector<std::string> Keywords();
  static std::vector<std::string> FunctionNames();
  static std::vector<std::string> ProcedureNames();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ecograph::query
