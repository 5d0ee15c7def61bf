#pragma once
// Planner: binds a Statement (resolves variables to row slots, checks scopes,
// aggregation use and types) and builds the physical operator tree. A MATCH
// pattern goes through binder/ (BoundPattern), planner/ (logical steps),
// optimizer/ (named rules) and physical/map_match (operators).
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/binder/bound_pattern.h"
#include "query/engine.h"
#include "query/execution_context.h"
#include "query/optimizer/transaction_catalog.h"
#include "query/physical/operators.h"
#include "storage/store.h"

namespace ecograph::query {

// kValue: anything (unknown); kScalar: known not to be a node, relationship or path.
enum class VariableKind { kNode, kRel, kRelList, kPath, kValue, kScalar };

struct VariableInfo {
  int slot = -1;
  VariableKind kind = VariableKind::kValue;
};

using Scope = std::map<std::string, VariableInfo>;

struct PhysicalPlan {
  OperatorPtr root;
  std::vector<std::string> columns;
  std::vector<int> column_slots;
  int width = 0;
  bool writes = false;
  // Expressions the planner synthesized (RETURN *), referenced by the plan.
  std::vector<ExprPtr> owned_exprs;
  // EXPLAIN: the optimized logical plan of every MATCH pattern, in planning order.
  std::string logical;
};

// True when the statement has an updating clause (runs on a write transaction).
bool StatementWrites(const Statement& statement);

class Planner {
 public:
  // `txn` is consulted for indexes and label counts. `start` is when the
  // statement began: planning and execution share one timeout from there.
  Planner(storage::Transaction& txn, const QueryOptions& options,
          std::chrono::steady_clock::time_point start);
  PhysicalPlan Plan(const Statement& statement, const std::string& text);
  // EXPLAIN: also render each pattern's optimized logical plan
  // (PhysicalPlan::logical); otherwise it stays empty.
  void set_explaining(bool explaining) { explaining_ = explaining; }

 private:
  // planner.cpp
  OperatorPtr PlanSingleQuery(const SingleQuery& query, std::vector<std::string>* columns,
                              std::vector<int>* column_slots);
  OperatorPtr PlanProjection(OperatorPtr input, const Clause& clause, Scope& scope, bool is_return,
                             std::vector<std::string>* columns, std::vector<int>* column_slots);
  OperatorPtr PlanCall(OperatorPtr input, const Clause& clause, Scope& scope, bool standalone,
                       std::vector<std::string>* columns, std::vector<int>* column_slots);
  // plan_match.cpp: bind -> logical steps -> optimizer rules -> physical
  // operators, for one MATCH pattern on top of `input`.
  OperatorPtr PlanMatch(OperatorPtr input, const Pattern& pattern, const Expr* where, Scope& scope,
                        std::vector<int>* new_slots);
  std::shared_ptr<PatternPlan> PlanNested(const Pattern& pattern, const Expr* where, Scope& scope,
                                          std::vector<int>* new_slots);
  // binder/bound_pattern.cpp
  BoundPattern BindPattern(const Pattern& pattern, const Expr* where, Scope& scope, std::vector<int>* new_slots);
  std::vector<BoundProperty> BindPatternProperties(const Expr* properties, const Scope& scope, std::string* text);
  // plan_update.cpp
  OperatorPtr PlanCreate(OperatorPtr input, const Clause& clause, Scope& scope);
  OperatorPtr PlanMerge(OperatorPtr input, const Clause& clause, Scope& scope);
  OperatorPtr PlanSet(OperatorPtr input, const std::vector<SetItem>& items, Scope& scope);
  std::vector<SetSpec> BindSetItems(const std::vector<SetItem>& items, Scope& scope);
  OperatorPtr PlanRemove(OperatorPtr input, const Clause& clause, Scope& scope);
  OperatorPtr PlanDelete(OperatorPtr input, const Clause& clause, Scope& scope);
  std::vector<CreatePatternSpec> BindCreatePattern(const Pattern& pattern, Scope& scope, bool merge);

 public:
  // bind_expr.cpp. `aggregates` non-null: aggregate calls are allowed and
  // collected there (each gets a result slot).
  BoundExprPtr Bind(const Expr& expr, const Scope& scope,
                    std::vector<AggregateSpec>* aggregates = nullptr, bool inside_aggregate = false);
  int NewSlot() { return next_slot_++; }

 private:
  storage::Transaction& txn_;
  TransactionCatalog catalog_{txn_};  // shared by every pattern of the statement
  bool explaining_ = false;
  QueryOptions options_;
  // Planning honours the statement's timeout and cancel flag too (a UNION
  // of many branches takes a while to plan).
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  int next_slot_ = 0;
  int anonymous_ = 0;
  bool writes_ = false;
  std::vector<ExprPtr> owned_exprs_;
  std::string logical_;
  const std::string* text_ = nullptr;
  // While binding ORDER BY / WITH WHERE: source text of projected
  // expressions -> their output slots.
  std::vector<std::pair<std::string, int>> substitutions_;
  std::string SourceText(const SourceSpan& span) const {
    if (!text_ || !span.valid || span.offset >= text_->size()) return "";
    return text_->substr(span.offset, span.length);
  }
};

// Variables an expression reads (excluding comprehension-local ones).
void CollectVariables(const Expr& expr, std::set<std::string>* out);
std::string LowerCase(std::string text);

}  // namespace ecograph::query
