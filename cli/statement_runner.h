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
  // Re-reads the terminal width before each result, so that a resized
  // window gets tables of its new width.
  bool track_terminal_width = false;
  // Command that pages a result taller than the terminal; empty = never.
  std::string pager;
};

// Default print.max_rows of `query` and the REPL when stdout is a terminal.
constexpr size_t kTerminalMaxRows = 1000;

// Executes every statement in order, printing each result to `out`; stops at
// the first error, which goes to `err` with line:col and carets relative to
// the whole script. Warnings (unknown labels, ...) go to `err` before the
// result they belong to. Returns true when every statement succeeded.
bool RunScript(query::QueryEngine& engine, const std::string& script, const RunSettings& settings,
               std::ostream& out, std::ostream& err, std::string* last_statement = nullptr,
               query::QueryResult* last_result = nullptr);

// Settings from the common options: format (on a terminal `auto`, else
// csv, as cypher-shell), terminal width, colour, parameters and timeout.
RunSettings MakeRunSettings(const CommonOptions& common, const Database& db);

// Formats a query error against the whole script (not just the statement).
std::string FormatScriptError(const query::QueryError& error, const std::string& script,
                              size_t statement_offset, const std::string& statement, bool color);

}  // namespace ecograph::cli
