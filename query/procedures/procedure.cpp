#include "query/procedures/procedure.h"

#include <algorithm>
#include <mutex>

#include "query/procedures/builtin.h"

namespace ecograph::query {

ProcedureRegistry& ProcedureRegistry::Instance() {
  static ProcedureRegistry registry;
  return registry;
}

void ProcedureRegistry::Register(Procedure procedure) {
  for (auto& existing : procedures_) {
    if (existing.name == procedure.name) {
      existing = std::move(procedure);
      return;
    }
  }
  procedures_.push_back(std::move(procedure));
}

const Procedure* ProcedureRegistry::Find(const std::string& name) const {
  for (const auto& procedure : procedures_) {
    if (procedure.name == name) return &procedure;
  }
  return nullptr;
}

std::vector<std::string> ProcedureRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& procedure : procedures_) names.push_back(procedure.name);
  std::sort(names.begin(), names.end());
  return names;
}

void RegisterBuiltinProcedures(ProcedureRegistry& registry) {
  static std::once_flag once;
  std::call_once(once, [&registry] {
    RegisterSchemaProcedures(registry);
    RegisterSearchProcedure(registry);
#ifdef ECOGRAPH_HAVE_ALGO_PROCEDURES
    RegisterAlgorithmProcedures(registry);
#endif
  });
}

}  // namespace ecograph::query
