#pragma once
// Per-statement execution state shared by every operator: the transaction,
// parameters, guards (timeout, row cap), statistics, and read caches.
//
// Rows are vectors of Slots. A slot holding a node or relationship bound by
// MATCH stores only its id (and, for relationships, endpoints and interned
// type); properties are fetched lazily through the caches here, so operators
// never copy whole property maps per row.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/cancel_check.h"
#include "query/engine.h"
#include "query/query_error.h"
#include "query/value.h"
#include "storage/store.h"

namespace ecograph::graph { class Topology; }

namespace ecograph::query {

struct Slot {
  enum class Kind : uint8_t { kValue, kNode, kRel };
  Kind kind = Kind::kValue;
  uint32_t type = 0;  // kRel: interned type id (ExecContext::TypeName)
  uint64_t id = 0;    // kNode / kRel
  uint64_t src = 0, dst = 0;  // kRel
  Value value;        // kValue

  static Slot NodeRef(uint64_t node_id) {
    Slot slot;
    slot.kind = Kind::kNode;
    slot.id = node_id;
    return slot;
  }
  bool is_null() const { return kind == Kind::kValue && value.is_null(); }
};

using Row = std::vector<Slot>;

// Approximate heap bytes of a value / a row (for the memory budget).
uint64_t ApproxBytes(const Value& value);
uint64_t ApproxBytes(const Row& row);

// When a statement started at `start` must stop (QueryOptions::timeout);
// nullopt: no timeout.
std::optional<std::chrono::steady_clock::time_point> StatementDeadline(
    const QueryOptions& options, std::chrono::steady_clock::time_point start);
// Throws kRuntime "query cancelled" once options.cancel is set, kTimeout once
// `deadline` has passed. Planning and execution share it.
void CheckInterrupted(const QueryOptions& options,
                      const std::optional<std::chrono::steady_clock::time_point>& deadline);

class ExecContext {
 public:
  // The timeout runs from `start`, when the statement began (before parsing
  // and planning).
  ExecContext(storage::Transaction& txn, graph::TopologyCache& topology, const Params& params,
              const QueryOptions& options, const std::string& query_text,
              std::chrono::steady_clock::time_point start);
  ExecContext(const ExecContext&) = delete;  // cancel_check_ points at this object
  ExecContext& operator=(const ExecContext&) = delete;

  storage::Transaction& txn() { return txn_; }
  // The in-memory topology of this statement's snapshot, or nullptr (write
  // statements, or no current topology).
  const graph::Topology* topology_view() const { return topology_view_.get(); }
  void set_topology_view(std::shared_ptr<const graph::Topology> topology) {
    topology_view_ = std::move(topology);
    topology_types_.clear();
    label_sets_.clear();
    last_label_set_ = nullptr;
  }
  // ExecContext type id of a topology TypeId.
  uint32_t TopologyType(uint16_t type_id);
  graph::TopologyCache& topology() { return topology_; }
  const Params& params() const { return params_; }
  const QueryOptions& options() const { return options_; }
  const std::string& query_text() const { return query_text_; }
  QueryStats& stats() { return stats_; }

  // Cheap; checks the clock and the cancel flag every 1024 calls. Throws
  // kTimeout, or kRuntime "query cancelled".
  void Tick() {
    if ((++ticks_ & 1023) == 0) CheckTimeout();
  }
  // The one place a running statement is interrupted (every other check
  // calls it). Throws kTimeout once the deadline has passed.
  void CheckTimeout();
  // CheckTimeout() as a graph-level check, for the topology build and the
  // graph algorithms (graph/cancel_check.h). Valid while this context lives.
  const graph::CancelCheck& cancel_check() const { return cancel_check_; }
  // Memory budget (QueryOptions::memory_budget). ChargeMemory adds bytes an
  // operator now holds and throws kRuntime when the statement's total
  // exceeds the budget; ReleaseMemory gives them back. CheckValueSize throws
  // when one value about to be built would exceed the budget by itself.
  void ChargeMemory(uint64_t bytes, const char* what);
  void ReleaseMemory(uint64_t bytes) { memory_used_ -= std::min(bytes, memory_used_); }
  void CheckValueSize(uint64_t bytes, const char* what, SourceSpan span = {});
  // Throws kRuntime when an operator buffers more than max_intermediate_rows.
  void CheckRowCount(uint64_t rows, const char* what);

  uint32_t InternType(const std::string& type);
  const std::string& TypeName(uint32_t type_id) const { return type_names_[type_id]; }

  // Cached node/relationship records; nullptr when the entity does not
  // exist (deleted). Throw kStorage on storage errors.
  std::shared_ptr<const NodeValue> GetNode(uint64_t id);
  std::shared_ptr<const RelValue> GetRel(uint64_t id);
  bool HasLabel(uint64_t node_id, const std::string& label);
  // REQUIRES: topology_view(); `vertex` is one of its vertices.
  bool HasLabelAtVertex(uint32_t vertex, const std::string& label);
  // Drops every cache; called after each write.
  void InvalidateCaches();

  // Materialized Value of a slot (nodes/relationships fetched from the store).
  Value Materialize(const Slot& slot);
  Slot RelSlot(const storage::RelRecord& record);
  Slot RelSlot(uint64_t rel_id, uint64_t src, uint64_t dst, const std::string& type);

  // Source text of a span, for messages.
  std::string SpanText(const SourceSpan& span) const;

  bool profiling = false;
  // Adjacency entries read from the store (not the topology) by this
  // statement; the engine uses it to decide when building the topology pays.
  uint64_t store_expansions = 0;

 private:
  struct LabelSet {
    uint64_t probes = 0;
    uint64_t scan_threshold = 0;
    bool materialized = false;
    std::unordered_set<uint64_t> ids;
    int label_id = -2;  // topology LabelId; -1 absent; -2 not resolved
  };

  storage::Transaction& txn_;
  graph::TopologyCache& topology_;
  const Params& params_;
  QueryOptions options_;
  const std::string& query_text_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  uint64_t ticks_ = 0;
  uint64_t memory_used_ = 0;
  QueryStats stats_;
  std::vector<std::string> type_names_;
  std::unordered_map<std::string, uint32_t> type_ids_;
  uint32_t last_type_id_ = UINT32_MAX;
  std::shared_ptr<const graph::Topology> topology_view_;
  std::vector<uint32_t> topology_types_;
  std::unordered_map<uint64_t, std::shared_ptr<const NodeValue>> node_cache_;
  std::unordered_map<uint64_t, std::shared_ptr<const RelValue>> rel_cache_;
  std::unordered_map<std::string, LabelSet> label_sets_;
  LabelSet* last_label_set_ = nullptr;  // the most recently probed label (stable node pointer)
  std::string last_label_;
  graph::CancelCheck cancel_check_{[this] { CheckTimeout(); }};
};

// Throws QueryError (kStorage / kConstraint) for a failed status.
void ThrowIfError(const storage::Status& status);

}  // namespace ecograph::query
