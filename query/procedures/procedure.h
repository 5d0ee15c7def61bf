#pragma once
// Procedures callable with CALL name(args) YIELD ...: a name, the output
// columns, and a function producing rows. The registry is filled once at
// start-up (RegisterBuiltinProcedures) and read-only afterwards.
#include <functional>
#include <string>
#include <vector>

#include "query/value.h"
#include "storage/store.h"

namespace ecograph::graph {
class CancelCheck;
class TopologyCache;
}  // namespace ecograph::graph

namespace ecograph::query {

struct ProcedureContext {
  storage::Transaction& txn;          // the statement's snapshot
  graph::TopologyCache& topology;     // in-memory topology for algorithms
  // The statement's cancel and timeout check (throws QueryError), for the
  // topology build and the graph algorithms; null = never stops.
  const graph::CancelCheck* cancel = nullptr;
};

struct Procedure {
  std::string name;                      // e.g. "db.labels", "algo.pageRank"
  std::string description;               // one line, for :help and CALL dbms.procedures()
  std::vector<std::string> arguments;    // argument names, in order (doc)
  size_t min_arguments = 0;
  std::vector<std::string> outputs;      // YIELD column names, in order
  // Returns rows with outputs.size() values each. Throws QueryError
  // (kSemantic for bad arguments, naming the procedure) on failure.
  std::function<std::vector<std::vector<Value>>(ProcedureContext&, const std::vector<Value>&)> run;
};

class ProcedureRegistry {
 public:
  static ProcedureRegistry& Instance();
  void Register(Procedure procedure);
  // nullptr when unknown. Names compare case-sensitively, as in Neo4j.
  const Procedure* Find(const std::string& name) const;
  std::vector<std::string> Names() const;

 private:
  std::vector<Procedure> procedures_;
};

// Registers db.* schema procedures and algo.* graph algorithms.
void RegisterSchemaProcedures(ProcedureRegistry& registry);     // schema_procedures.cpp
void RegisterAlgorithmProcedures(ProcedureRegistry& registry);  // algo_procedures.cpp
void RegisterSearchProcedure(ProcedureRegistry& registry);      // search_procedure.cpp

}  // namespace ecograph::query
