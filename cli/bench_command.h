#pragma once
// `ecograph bench`: the runner of ../shared/bench (README "Runner contract").
// Loads a generated data folder into a fresh database, runs the fixed query
// set and prints one JSON object per step on stdout.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "query/engine.h"

namespace ecograph::cli {

struct BenchQuery {
  std::string id;
  std::string cypher;
  std::vector<std::string> params;
  bool ordered = false;
  bool optional = false;
  std::vector<int> checksum_columns;  // empty = all
};

// The queries of queries.json, in file order; throws DataError on bad input.
std::vector<BenchQuery> ParseBenchQueries(const nlohmann::json& document);

// Constants of queries.json (`parameters.*.value`) overridden by params.json
// (keys starting with '_' skipped).
query::Params BenchParameters(const nlohmann::json& queries_document,
                              const nlohmann::json& params_document);

}  // namespace ecograph::cli
