// QueryEngine: parse -> plan (bind + choose operators) -> execute, on one
// transaction per statement: a read snapshot, or one write transaction that
// is committed at the end and rolled back on any error.
#include "query/engine.h"

#include <algorithm>

#include "graph/topology.h"
#include "graph/topology_cache.h"
#include "query/execution_context.h"
#include "query/optimizer/topology_policy.h"
#include "query/parser.h"
#include "query/physical/operator.h"
#include "query/physical/operators.h"
#include "query/planner.h"
#include "query/procedures/builtin.h"
#include "query/procedures/procedure.h"

namespace ecograph::query {

namespace {

void AppendCount(std::string* out, uint64_t count, const char* verb, const char* noun) {
  if (count == 0) return;
  if (!out->empty()) out->append(", ");
  out->append(std::string(verb) + " " + std::to_string(count) + " " + noun + (count == 1 ? "" : "s"));
}

}  // namespace

bool QueryStats::ContainsUpdates() const {
  return nodes_created || nodes_deleted || rels_created || rels_deleted || properties_set ||
         labels_added || labels_removed || indexes_added || indexes_removed;
}

std::string QueryStats::ToString() const {
  std::string out;
  AppendCount(&out, labels_added, "Added", "label");
  AppendCount(&out, nodes_created, "Created", "node");
  AppendCount(&out, properties_set, "Set", "property");
  AppendCount(&out, rels_created, "Created", "relationship");
  AppendCount(&out, nodes_deleted, "Deleted", "node");
  AppendCount(&out, rels_deleted, "Deleted", "relationship");
  AppendCount(&out, labels_removed, "Removed", "label");
  AppendCount(&out, indexes_added, "Added", "index");
  AppendCount(&out, indexes_removed, "Removed", "index");
  // "propertys" / "indexs": fix the irregular plurals.
  for (const auto& [wrong, right] : {std::pair<std::string, std::string>{"propertys", "properties"},
                                     {"indexs", "indexes"}}) {
    size_t at = out.find(wrong);
    if (at != std::string::npos) out.replace(at, wrong.size(), right);
  }
  return out;
}

struct QueryEngine::Impl {
  storage::Store& store;
  graph::TopologyCache& topology;
  // Store version of the last topology fetched from the cache.
  uint64_t topology_version = UINT64_MAX;
  // Adjacency entries read from the store by earlier read statements since
  // the last topology fetch: a session that keeps traversing this much
  // amortizes one topology build.
  uint64_t store_expansions = 0;
};

QueryEngine::QueryEngine(storage::Store& store, graph::TopologyCache& topology)
    : impl_(std::make_unique<Impl>(Impl{store, topology})) {
  static const bool registered = [] {
    RegisterBuiltinProcedures(ProcedureRegistry::Instance());
    return true;
  }();
  (void)registered;
}

QueryEngine::~QueryEngine() = default;

QueryOutcome QueryEngine::Execute(const std::string& text, const Params& params,
                                  const QueryOptions& options, ExplainMode mode) {
  auto start = std::chrono::steady_clock::now();
  QueryOutcome outcome;
  std::unique_ptr<storage::Transaction> txn;
  try {
    Statement statement = ParseStatement(text);
    if (statement.explain) mode = ExplainMode::kExplain;
    if (statement.profile) mode = ExplainMode::kProfile;
    bool writes = StatementWrites(statement);
    uint64_t version_before = impl_->store.version();
    if (writes) {
      auto begun = impl_->store.BeginWrite();
      if (!begun.ok()) ThrowIfError(begun.status());
      txn = std::move(begun.value());
    } else {
      txn = impl_->store.BeginRead();
    }
    Planner planner(*txn, options, start);
    planner.set_explaining(mode == ExplainMode::kExplain);
    PhysicalPlan plan = planner.Plan(statement, text);
    QueryResult result;
    result.columns = plan.columns;
    if (options.notifications) result.notifications = CollectNotifications(statement, text, *txn);
    if (mode == ExplainMode::kExplain) {
      // The optimized logical plan of each MATCH pattern (nested ones
      // first), then the physical operator tree.
      if (!plan.logical.empty()) result.plan = "Logical plan:\n" + plan.logical + "Physical plan:\n";
      result.plan += RenderPlan(*plan.root, false);
      result.plan_only = true;
      if (writes) txn->Rollback();
    } else {
      ExecContext ctx(*txn, impl_->topology, params, options, text, start);
      ctx.profiling = mode == ExplainMode::kProfile;
      // Read statements traverse the in-memory topology when it matches
      // their snapshot (no commit between the snapshot and the fetch).
      if (!writes && Traverses(*plan.root) &&
          (impl_->topology_version == version_before || WantsTopology(*plan.root) ||
           impl_->store_expansions >= kStoreExpansionsBeforeTopology)) {
        auto topology = impl_->topology.Get(&ctx.cancel_check());
        impl_->store_expansions = 0;
        if (impl_->store.version() == version_before) {
          impl_->topology_version = version_before;
          ctx.set_topology_view(std::move(topology));
        }
      }
      plan.root->Open(ctx);
      Row row(static_cast<size_t>(plan.width));
      bool has_columns = !plan.columns.empty();
      while (plan.root->Next(ctx, &row)) {
        if (!has_columns) continue;  // updating query without RETURN: drain only
        std::vector<Value> values;
        values.reserve(plan.column_slots.size());
        for (int slot : plan.column_slots) values.push_back(ctx.Materialize(row[slot]));
        result.rows.push_back(std::move(values));
        ctx.CheckRowCount(result.rows.size(), "result");
      }
      if (writes) ThrowIfError(txn->Commit());
      if (!writes) impl_->store_expansions += ctx.store_expansions;
      result.stats = ctx.stats();
      if (mode == ExplainMode::kProfile) result.plan = RenderPlan(*plan.root, true);
    }
    result.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    outcome.result = std::move(result);
  } catch (const QueryError& error) {
    outcome.error = error;
  } catch (const std::bad_alloc&) {
    outcome.error = QueryError(ErrorKind::kRuntime, "out of memory while executing the query");
  } catch (const std::exception& error) {
    outcome.error = QueryError(ErrorKind::kInternal, error.what());
  }
  if (outcome.error && txn && txn->is_writable()) txn->Rollback();
  return outcome;
}

std::vector<std::string> QueryEngine::Keywords() {
  return {"MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "AS", "ORDER", "BY", "ASC",
          "ASCENDING", "DESC", "DESCENDING", "SKIP", "LIMIT", "DISTINCT", "CREATE", "MERGE", "ON",
          "SET", "REMOVE", "DELETE", "DETACH", "CALL", "YIELD", "UNION", "ALL", "AND", "OR", "XOR",
          "NOT", "IN", "STARTS", "ENDS", "CONTAINS", "IS", "NULL", "TRUE", "FALSE", "CASE", "WHEN",
          "THEN", "ELSE", "END", "EXISTS", "INDEX", "CONSTRAINT", "UNIQUE", "DROP", "FOR", "ASSERT",
          "EXPLAIN", "PROFILE", "shortestPath", "allShortestPaths"};
}

std::vector<std::string> QueryEngine::FunctionNames() {
  std::vector<std::string> names = ScalarFunctionNames();
  for (const char* aggregate : {"count", "sum", "avg", "min", "max", "collect", "stDev", "stDevP",
                                "percentileCont", "percentileDisc"}) {
    names.push_back(aggregate);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> QueryEngine::ProcedureNames() {
  static const bool registered = [] {
    RegisterBuiltinProcedures(ProcedureRegistry::Instance());
    return true;
  }();
  (void)registered;
  return ProcedureRegistry::Instance().Names();
}

}  // namespace ecograph::query
