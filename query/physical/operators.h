#pragma once
// Declarations of every physical operator; one implementation file each.
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "query/physical/neighbor_cursor.h"
#include "query/physical/operator.h"
#include "query/procedures/procedure.h"
#include "query/value_ops.h"

namespace ecograph::query {

// Yields one empty row per Open: nulls in the slots [first, end) of its
// query (a UNION branch clears only its own slots, so n branches cost O(n),
// not O(n) each).
class SingleRowOperator : public Operator {
 public:
  std::string Describe() const override { return "SingleRow"; }
  void SetSlots(int first, int end) {
    first_slot_ = first;
    end_slot_ = end;
  }
  void Open(ExecContext&) override { done_ = false; }

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  bool done_ = false;
  int first_slot_ = 0, end_slot_ = -1;  // -1: the whole row
};

// Leaf of a nested plan: yields the argument row once per Open.
class ArgumentOperator : public Operator {
 public:
  std::string Describe() const override { return "Argument"; }
  void SetArgument(const Row* row) { argument_ = row; }
  void Open(ExecContext&) override { done_ = false; }

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  const Row* argument_ = nullptr;
  bool done_ = false;
};

// All nodes, or the nodes of one label, for each input row.
class NodeScanOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override {
    Operator::Open(ctx);
    iterator_.reset();
  }
  NodeScanOperator(OperatorPtr child, int slot, std::string variable, std::optional<std::string> label);
  std::string Describe() const override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  int slot_;
  std::string variable_;
  std::optional<std::string> label_;
  std::unique_ptr<storage::NodeIdIterator> iterator_;
};

// Index lookup on (label, key): equality (lo == hi) or a range.
class NodeIndexSeekOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override {
    Operator::Open(ctx);
    iterator_.reset();
  }
  NodeIndexSeekOperator(OperatorPtr child, int slot, std::string variable, std::string label,
                        std::string key, BoundExprPtr lo, bool lo_inclusive, BoundExprPtr hi,
                        bool hi_inclusive);
  std::string Describe() const override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  int slot_;
  std::string variable_, label_, key_;
  BoundExprPtr lo_, hi_;
  bool lo_inclusive_, hi_inclusive_;
  std::unique_ptr<storage::NodeIdIterator> iterator_;
};

// Node by id: WHERE id(n) = expr.
class NodeByIdOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override {
    Operator::Open(ctx);
    pending_ = false;
  }
  NodeByIdOperator(OperatorPtr child, int slot, std::string variable, BoundExprPtr id);
  std::string Describe() const override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  int slot_;
  std::string variable_;
  BoundExprPtr id_;
  bool pending_ = false;
};

// True when `slot` holds relationship `rel_id`, directly or in a list.
bool SlotHoldsRel(const Slot& slot, uint64_t rel_id);

// Inline properties of a variable-length or shortestPath relationship
// (`-[:R* {k: v}]->`): every relationship of the path must have them.
struct EdgeFilter {
  int slot = -1;                     // receives the relationship under test
  std::vector<BoundExprPtr> checks;  // kPropertyEquals on `slot`
  std::string text;                  // for EXPLAIN: "{k: v}"
  // True when every check is true for the relationship `entry` scanned from
  // node `scanned`.
  bool Passes(ExecContext& ctx, Row* row, uint64_t scanned, const Neighbor& entry) const;
};

// The relationship `entry` scanned from node `scanned`, as a row slot.
Slot RelSlotOf(uint64_t scanned, const Neighbor& entry);

struct ExpandSpec {
  int from_slot = -1, rel_slot = -1, to_slot = -1;
  bool to_bound = false;  // expand-into: to_slot already holds a node
  storage::Direction direction = storage::Direction::kBoth;
  std::vector<std::string> types;
  std::vector<std::string> to_labels;
  // Relationships this one must differ from (relationship uniqueness per
  // MATCH pattern): slots holding a relationship, or a variable-length list
  // (of relationships, or of relationship ids for anonymous ones).
  std::vector<int> unique_rel_slots;
  std::string text;     // for EXPLAIN: "(from)"
  std::string to_text;  // for EXPLAIN: "(to:Label)"
  bool reversed = false;  // expands the pattern right-to-left
  std::shared_ptr<const EdgeFilter> edge_filter;  // null: none (variable-length only)
};

class ExpandOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override {
    Operator::Open(ctx);
    active_ = false;
  }
  ExpandOperator(OperatorPtr child, ExpandSpec spec);
  std::string Describe() const override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  ExpandSpec spec_;
  NeighborCursor cursor_;
  bool active_ = false;
  uint64_t from_ = 0;
};

// Variable-length expansion: depth-first over relationship-unique paths
// (streaming; memory is O(path length)). With a relationship slot, binds the
// path's relationships there: as relationship values when `bind_list`, else
// as relationship ids (for uniqueness checks of later expansions only).
class VarExpandOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override {
    Operator::Open(ctx);
    active_ = false;
    stack_.clear();
    path_.clear();
  }
  VarExpandOperator(OperatorPtr child, ExpandSpec spec, int64_t min_hops, int64_t max_hops,
                    bool bind_list);
  std::string Describe() const override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  struct Frame {
    NeighborCursor cursor;
    uint64_t node;
  };
  ExpandSpec spec_;
  int64_t min_hops_, max_hops_;
  bool bind_list_;
  std::vector<Frame> stack_;
  std::vector<Neighbor> path_;  // relationships of the current path
  bool emit_start_ = false;
  bool active_ = false;
};

// WHERE conjuncts of a shortestPath MATCH that read the path (or its
// relationship list). They are part of the search: a shortest path is a
// shortest one among the paths that satisfy them.
struct PathPredicates {
  // all(x IN relationships(p) WHERE e) / none(...) with `e` not reading the
  // path: `predicate` (with the relationship in `slot`) must evaluate to
  // exactly `want` for every relationship. Points into `conjuncts`.
  struct EdgeRule {
    const BoundExpr* predicate = nullptr;
    int slot = -1;
    bool want = true;
  };
  std::vector<BoundExprPtr> conjuncts;
  std::vector<EdgeRule> edge_rules;
  // True when every conjunct is an edge rule: a breadth-first search that
  // skips the relationships failing a rule is exact. Otherwise the search
  // enumerates relationship-unique paths by increasing length (exhaustive).
  bool edge_rules_suffice = true;
  std::string text;  // for EXPLAIN
  bool empty() const { return conjuncts.empty(); }
};

// shortestPath / allShortestPaths between two bound nodes (bidirectional BFS).
class ShortestPathOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override {
    Operator::Open(ctx);
    paths_.clear();
    path_starts_.clear();
    next_path_ = 0;
  }
  ShortestPathOperator(OperatorPtr child, ExpandSpec spec, int64_t min_hops, int64_t max_hops,
                       bool all, int path_slot, PathPredicates predicates);
  std::string Describe() const override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  void ComputePaths(ExecContext& ctx, Row* row, uint64_t from, uint64_t to);
  // Relationship-unique paths by increasing length, checking every conjunct.
  void SearchExhaustive(ExecContext& ctx, Row* row, uint64_t from, uint64_t to);
  // True when the relationship (scanned from `node`) has the pattern's inline
  // properties and passes every edge rule.
  // Inline for the common search without edge predicates (called per edge).
  bool EdgeAllowed(ExecContext& ctx, Row* row, uint64_t node, const Neighbor& entry) const {
    return (predicates_.edge_rules.empty() && !spec_.edge_filter) || EdgePassesRules(ctx, row, node, entry);
  }
  bool EdgePassesRules(ExecContext& ctx, Row* row, uint64_t node, const Neighbor& entry) const;
  // Writes the path (and the relationship list) into the row's slots.
  void BindPath(ExecContext& ctx, Row* row, uint64_t start, const std::vector<Neighbor>& path) const;
  ExpandSpec spec_;
  int64_t min_hops_, max_hops_;
  bool all_;
  int path_slot_;
  PathPredicates predicates_;
  std::vector<std::vector<Neighbor>> paths_;  // pending for current input
  std::vector<uint64_t> path_starts_;
  size_t next_path_ = 0;
};

class FilterOperator : public Operator {
 public:
  FilterOperator(OperatorPtr child, std::vector<BoundExprPtr> predicates, std::string text);
  std::string Describe() const override { return "Filter(" + text_ + ")"; }

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  // A conjunct `r.year OP bound` (normalized so the property is on the
  // left) with a literal or parameter bound. The topology's per-edge year
  // rules out rows whose year cannot satisfy it without reading the record.
  struct YearBound {
    int rel_slot;
    ComparisonOp op;
    const BoundExpr* bound;
  };
  bool RuledOutByTopology(ExecContext& ctx, const Row& row) const;
  std::vector<BoundExprPtr> predicates_;
  std::string text_;
  std::vector<YearBound> year_bounds_;
};

struct ProjectItem {
  BoundExprPtr expr;
  int slot;
  std::string name;
};

class ProjectOperator : public Operator {
 public:
  ProjectOperator(OperatorPtr child, std::vector<ProjectItem> items);
  std::string Describe() const override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  std::vector<ProjectItem> items_;
  std::vector<Slot> scratch_;
};

struct AggregateSpec {
  std::string function;  // lower case; "count*" for count(*)
  bool distinct = false;
  BoundExprPtr argument;       // null for count(*)
  BoundExprPtr extra_argument; // percentile
  int slot = -1;
  SourceSpan span;
};

class AggregateOperator : public Operator {
 public:
  AggregateOperator(OperatorPtr child, std::vector<ProjectItem> keys,
                    std::vector<AggregateSpec> aggregates);
  std::string Describe() const override;
  void Open(ExecContext& ctx) override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  struct State;
  void Consume(ExecContext& ctx, Row* row);
  std::vector<ProjectItem> keys_;
  // When every key is a function of entity slots only (variables and their
  // properties), consecutive rows with the same entities share a group and
  // skip key evaluation.
  std::vector<int> key_dependencies_;
  bool keys_cacheable_ = false;
  std::vector<AggregateSpec> aggregates_;
  std::vector<Row> results_;
  size_t next_ = 0;
  bool consumed_ = false;
};

struct SortKey {
  BoundExprPtr expr;
  bool descending = false;
};

// ORDER BY; with a limit, keeps only the top `limit` rows (top-k heap).
class SortOperator : public Operator {
 public:
  SortOperator(OperatorPtr child, std::vector<SortKey> keys, BoundExprPtr limit,
               BoundExprPtr skip);
  std::string Describe() const override;
  void Open(ExecContext& ctx) override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  std::vector<SortKey> keys_;
  BoundExprPtr limit_, skip_;
  std::vector<Row> rows_;
  size_t next_ = 0;
  bool sorted_ = false;
};

class SkipLimitOperator : public Operator {
 public:
  SkipLimitOperator(OperatorPtr child, BoundExprPtr skip, BoundExprPtr limit);
  std::string Describe() const override;
  void Open(ExecContext& ctx) override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  BoundExprPtr skip_, limit_;
  bool started_ = false;
  int64_t remaining_ = -1;
};

class DistinctOperator : public Operator {
 public:
  DistinctOperator(OperatorPtr child, std::vector<int> slots);
  std::string Describe() const override { return "Distinct"; }
  void Open(ExecContext& ctx) override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  std::vector<int> slots_;
  std::unordered_set<std::vector<Slot>, SlotVectorHash, SlotVectorEq> seen_;
};

// Concatenates its children; child i's output slots are copied into the
// union's output slots.
class UnionOperator : public Operator {
 public:
  UnionOperator(std::vector<OperatorPtr> children, std::vector<std::vector<int>> child_slots,
                std::vector<int> output_slots);
  std::string Describe() const override { return "Union"; }
  void Open(ExecContext& ctx) override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  std::vector<std::vector<int>> child_slots_;
  std::vector<int> output_slots_;
  size_t current_ = 0;
  bool opened_current_ = false;
};

class UnwindOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override {
    Operator::Open(ctx);
    active_ = false;
  }
  UnwindOperator(OperatorPtr child, BoundExprPtr list, int slot, std::string alias);
  std::string Describe() const override { return "Unwind(" + alias_ + ")"; }

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  BoundExprPtr list_;
  int slot_;
  std::string alias_;
  Value current_;
  size_t next_ = 0;
  bool active_ = false;
};

// OPTIONAL MATCH: left outer join of each input row with a nested plan.
class OptionalOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override {
    Operator::Open(ctx);
    active_ = false;
  }
  OptionalOperator(OperatorPtr child, std::shared_ptr<PatternPlan> inner, std::vector<int> new_slots);
  std::string Describe() const override { return "Optional"; }
  const Operator* Nested() const override { return inner_->root.get(); }

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  std::shared_ptr<PatternPlan> inner_;
  std::vector<int> new_slots_;
  Row input_;
  bool active_ = false;
  bool matched_ = false;
};

// ---- updates (eager: consume all input first, then write) ---------------

struct CreateNodeSpec {
  int slot = -1;
  bool bound = false;
  std::vector<std::string> labels;
  BoundExprPtr properties;  // map expression or null
};
struct CreateRelSpec {
  int slot = -1;
  int from_slot = -1, to_slot = -1;  // already oriented src -> dst
  std::string type;
  BoundExprPtr properties;
};
struct CreatePatternSpec {
  std::vector<CreateNodeSpec> nodes;
  std::vector<CreateRelSpec> rels;
  int path_slot = -1;
  std::vector<int> path_slots;  // node, rel, node, ... for the path variable
};

// Applies CREATE to one row (shared by CREATE and MERGE).
// `merge`: a null property value is an error (MERGE cannot match on null).
void CreatePattern(ExecContext& ctx, const std::vector<CreatePatternSpec>& parts, Row* row,
                   bool merge = false);

struct SetSpec {
  SetItemKind kind = SetItemKind::kProperty;
  BoundExprPtr target;  // entity expression
  std::string key;      // kProperty
  BoundExprPtr value;
  std::vector<std::string> labels;
  SourceSpan span;
};
void ApplySet(ExecContext& ctx, const SetSpec& spec, const Row& row);

class EagerUpdateOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;
  // Applies the update to one row (may bind slots).
  virtual void Apply(ExecContext& ctx, Row* row) = 0;
  // Called once after all rows are applied.
  virtual void Finish(ExecContext&) {}

 private:
  std::vector<Row> rows_;
  size_t next_ = 0;
  bool done_ = false;
};

class CreateOperator : public EagerUpdateOperator {
 public:
  CreateOperator(OperatorPtr child, std::vector<CreatePatternSpec> parts);
  std::string Describe() const override { return "Create"; }

 protected:
  void Apply(ExecContext& ctx, Row* row) override;

 private:
  std::vector<CreatePatternSpec> parts_;
};

class SetOperator : public EagerUpdateOperator {
 public:
  SetOperator(OperatorPtr child, std::vector<SetSpec> items);
  std::string Describe() const override { return "SetProperties"; }

 protected:
  void Apply(ExecContext& ctx, Row* row) override;

 private:
  std::vector<SetSpec> items_;
};

struct RemoveSpec {
  RemoveItemKind kind = RemoveItemKind::kProperty;
  BoundExprPtr target;
  std::string key;
  std::vector<std::string> labels;
};

class RemoveOperator : public EagerUpdateOperator {
 public:
  RemoveOperator(OperatorPtr child, std::vector<RemoveSpec> items);
  std::string Describe() const override { return "Remove"; }

 protected:
  void Apply(ExecContext& ctx, Row* row) override;

 private:
  std::vector<RemoveSpec> items_;
};

// Deletes relationships first, then nodes, after every row is collected.
class DeleteOperator : public EagerUpdateOperator {
 public:
  DeleteOperator(OperatorPtr child, std::vector<BoundExprPtr> targets, bool detach);
  std::string Describe() const override { return detach_ ? "DetachDelete" : "Delete"; }

 protected:
  void Apply(ExecContext& ctx, Row* row) override;
  void Finish(ExecContext& ctx) override;

 private:
  std::vector<BoundExprPtr> targets_;
  bool detach_;
  std::vector<uint64_t> nodes_, rels_;
};

// MERGE: per row, match the pattern (nested plan); create it when absent.
class MergeOperator : public Operator {
 public:
  MergeOperator(OperatorPtr child, std::shared_ptr<PatternPlan> match,
                std::vector<CreatePatternSpec> create, std::vector<SetSpec> on_create,
                std::vector<SetSpec> on_match);
  std::string Describe() const override { return "Merge"; }
  const Operator* Nested() const override { return match_->root.get(); }
  void Open(ExecContext& ctx) override;

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  std::shared_ptr<PatternPlan> match_;
  std::vector<CreatePatternSpec> create_;
  std::vector<SetSpec> on_create_, on_match_;
  std::vector<Row> output_;
  size_t next_ = 0;
  bool done_ = false;
};

class CallOperator : public Operator {
 public:
  void Open(ExecContext& ctx) override {
    Operator::Open(ctx);
    active_ = false;
    results_.clear();
  }
  CallOperator(OperatorPtr child, const Procedure* procedure, std::vector<BoundExprPtr> args,
               std::vector<int> output_indexes, std::vector<int> slots);
  std::string Describe() const override { return "ProcedureCall(" + procedure_->name + ")"; }

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  const Procedure* procedure_;
  std::vector<BoundExprPtr> args_;
  std::vector<int> output_indexes_, slots_;
  std::vector<std::vector<Value>> results_;
  size_t next_ = 0;
  bool active_ = false;
};

// CREATE/DROP INDEX and CONSTRAINT: runs once, yields no rows.
class SchemaOperator : public Operator {
 public:
  // `name`: optional index/constraint name (DROP by name resolves it).
  SchemaOperator(ClauseKind kind, std::string label, std::string key, std::string name);
  std::string Describe() const override;
  void Open(ExecContext&) override { done_ = false; }

 protected:
  bool NextImpl(ExecContext& ctx, Row* row) override;

 private:
  ClauseKind kind_;
  std::string label_, key_, name_;
  bool done_ = false;
};

}  // namespace ecograph::query
