#pragma once
// Runs scripts of statements and prints their results: the core of
// `ecograph query`, of stdin mode and of the REPL.
#include <iosfwd>
#include <string>

#include "cli/database.h"
#include "cli/result_printer.h"
#include "query/engine.h"

namespace ecograph::cli {

struct RunSettings {
  PrintOptions print;
  query::Params params;
  query::QueryOptions query_options;
  query::ExplainMode explain = query::ExplainMode::kNone;
  bool color_errors = false;
  // Names the script in error messages ("script.cypher"); empty for -c/stdin.
  std::string source;
};

// Executes every statement in order, printing each result to `out`; stops at
// the first error, which goes to `err` with line:col and carets relative to
// the whole script. Returns true when every statement succeeded.
bool RunScript(query::QueryEngine& engine, const std::string& script, const RunSettings& settings,
               std::ostream& out, std::ostream& err, std::string* last_statement = nullptr,
               query::QueryResult* last_result = nullptr);

// Settings from the common options: format, terminal width, colour,
// parameters and timeout.
RunSettings MakeRunSettings(const CommonOptions& common, const Database& db);

// Formats a query error against the whole script (not just the statement).
std::string FormatScriptError(const query::QueryError& error, const std::string& script,
                              size_t statement_offset, const std::string& statement, bool color);

}  // namespace ecograph::cli
