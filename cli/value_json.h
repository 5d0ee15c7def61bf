#pragma once
// Conversions between query values and JSON: --param / --params typing and
// the json/jsonl output formats.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "query/engine.h"
#include "query/value.h"

namespace ecograph::cli {

// JSON -> value: null, booleans, integers, floats, strings, lists, maps.
query::Value JsonToValue(const nlohmann::json& json);
// Value -> JSON. Nodes: {"id", "labels", "properties"}; relationships:
// {"id", "type", "start", "end", "properties"}; paths: {"nodes", "relationships"}.
nlohmann::json ValueToJson(const query::Value& value);
nlohmann::json PropertyToJson(const storage::PropertyValue& value);

// The value of `--param name=value`: an integer, a float, true/false/null, a
// JSON list, map or quoted string, otherwise the text as a string.
query::Value ParseParamValue(const std::string& text);
// Splits "name=value" (also accepts "name:value"); throws UsageError when
// there is no name.
std::pair<std::string, query::Value> ParseParamAssignment(const std::string& text);
// Reads a JSON object file of parameters; throws DataError on bad input.
query::Params ReadParamsFile(const std::string& path);

}  // namespace ecograph::cli
