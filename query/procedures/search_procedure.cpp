// db.search(text [, limit]): nodes ranked by how well their name or one of
// their aliases matches `text` (graph/name_resolver.h).
#include <cmath>

#include "graph/name_resolver.h"
#include "query/procedures/procedure.h"
#include "query/query_error.h"

namespace ecograph::query {

namespace {

constexpr int64_t kDefaultLimit = 10;

[[noreturn]] void Fail(const std::string& message) {
  throw QueryError(ErrorKind::kSemantic, "db.search: " + message);
}

}  // namespace

void RegisterSearchProcedure(ProcedureRegistry& registry) {
  registry.Register(Procedure{
      "db.search",
      "Finds nodes by name or alias (case and accents ignored, typos tolerated), best first.",
      {"text", "limit"},
      1,
      {"node", "name", "label", "matched", "score"},
      [](ProcedureContext& ctx, const std::vector<Value>& args) {
        if (args.empty() || args[0].type() != ValueType::kString) {
          Fail("the text (argument 1) must be a string");
        }
        int64_t limit = kDefaultLimit;
        if (args.size() > 1 && !args[1].is_null()) {
          if (args[1].type() != ValueType::kInt || args[1].as_int() < 1) {
            Fail("the limit (argument 2) must be a positive integer");
          }
          limit = args[1].as_int();
        }
        auto index = graph::NameIndex::Build(ctx.txn, graph::SearchLabels(ctx.txn));
        if (!index.ok()) throw QueryError(ErrorKind::kStorage, "db.search: " + index.status().message());
        std::vector<std::vector<Value>> rows;
        for (const graph::SearchHit& hit :
             index.value().Search(args[0].as_string(), static_cast<size_t>(limit))) {
          auto node = ctx.txn.GetNode(hit.entry->id);
          if (!node.ok()) {
            throw QueryError(ErrorKind::kStorage, "db.search: " + node.status().message());
          }
          if (!node.value()) continue;
          NodeValue value;
          value.id = hit.entry->id;
          value.labels = node.value()->labels;
          value.properties = node.value()->properties;
          rows.push_back({Value::Node(std::move(value)), Value::String(hit.entry->name),
                          Value::String(hit.entry->label), Value::String(hit.matched),
                          Value::Float(std::round(hit.score * 1000) / 1000)});
        }
        return rows;
      }});
}

}  // namespace ecograph::query
