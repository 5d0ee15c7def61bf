// db.* and dbms.* procedures: the catalog of the statement's snapshot.
#include "query/procedures/procedure.h"

namespace ecograph::query {

namespace {

using Rows = std::vector<std::vector<Value>>;

Rows StringRows(const std::vector<std::string>& names) {
  Rows rows;
  for (const auto& name : names) rows.push_back({Value::String(name)});
  return rows;
}

std::string Signature(const Procedure& procedure) {
  std::string out = procedure.name + "(";
  for (size_t idx = 0; idx < procedure.arguments.size(); ++idx) {
    out += (idx ? ", " : "") + procedure.arguments[idx];
  }
  out += ") :: (";
  for (size_t idx = 0; idx < procedure.outputs.size(); ++idx) {
    out += (idx ? ", " : "") + procedure.outputs[idx];
  }
  return out + ")";
}

}  // namespace

void RegisterSchemaProcedures(ProcedureRegistry& registry) {
  registry.Register(Procedure{
      "db.labels", "Lists the node labels in the database.", {}, 0, {"label"},
      [](ProcedureContext& ctx, const std::vector<Value>&) { return StringRows(ctx.txn.Labels()); }});
  registry.Register(Procedure{
      "db.relationshipTypes", "Lists the relationship types in the database.", {}, 0,
      {"relationshipType"},
      [](ProcedureContext& ctx, const std::vector<Value>&) { return StringRows(ctx.txn.RelTypes()); }});
  registry.Register(Procedure{
      "db.propertyKeys", "Lists the property keys in the database.", {}, 0, {"propertyKey"},
      [](ProcedureContext& ctx, const std::vector<Value>&) { return StringRows(ctx.txn.PropertyKeys()); }});
  registry.Register(Procedure{
      "db.indexes", "Lists the indexes and unique constraints.", {}, 0,
      {"name", "label", "property", "type"},
      [](ProcedureContext& ctx, const std::vector<Value>&) {
        Rows rows;
        for (const auto& index : ctx.txn.Indexes()) {
          std::string name = (index.unique ? "constraint_" : "index_") + index.label + "_" + index.key;
          rows.push_back({Value::String(name), Value::String(index.label), Value::String(index.key),
                          Value::String(index.unique ? "UNIQUE" : "RANGE")});
        }
        return rows;
      }});
  registry.Register(Procedure{
      "db.schema", "Summarizes the graph: node count per label, relationship count per type.", {}, 0,
      {"kind", "name", "count"},
      [](ProcedureContext& ctx, const std::vector<Value>&) {
        Rows rows;
        for (const auto& label : ctx.txn.Labels()) {
          rows.push_back({Value::String("node"), Value::String(label),
                          Value::Int(static_cast<int64_t>(ctx.txn.CountLabel(label)))});
        }
        for (const auto& type : ctx.txn.RelTypes()) {
          rows.push_back({Value::String("relationship"), Value::String(type),
                          Value::Int(static_cast<int64_t>(ctx.txn.CountRelType(type)))});
        }
        return rows;
      }});
  registry.Register(Procedure{
      "db.stats", "Counts all nodes and relationships.", {}, 0, {"nodes", "relationships"},
      [](ProcedureContext& ctx, const std::vector<Value>&) {
        storage::StoreCounts counts = ctx.txn.Counts();
        return Rows{{Value::Int(static_cast<int64_t>(counts.nodes)),
                     Value::Int(static_cast<int64_t>(counts.relationships))}};
      }});
  registry.Register(Procedure{
      "dbms.procedures", "Lists the available procedures.", {}, 0, {"name", "signature", "description"},
      [](ProcedureContext&, const std::vector<Value>&) {
        Rows rows;
        ProcedureRegistry& all = ProcedureRegistry::Instance();
        for (const auto& name : all.Names()) {
          const Procedure* procedure = all.Find(name);
          rows.push_back({Value::String(name), Value::String(Signature(*procedure)),
                          Value::String(procedure->description)});
        }
        return rows;
      }});
}

}  // namespace ecograph::query
