#pragma once
// Fills the registry with every built-in procedure (db.*, dbms.*, and the
// algo.* procedures when algo_procedures.cpp is part of the build).
// Idempotent and thread-safe.
#include "query/procedures/procedure.h"

namespace ecograph::query {

void RegisterBuiltinProcedures(ProcedureRegistry& registry);

}  // namespace ecograph::query
