#pragma once
// The interactive shell: libedit line editing with persistent history
// (DataDirectory()/history), tab completion, multi-line statements ending in
// ';', and meta-commands (:help, :schema, :param, :format, :render, ...).
// Ctrl-C cancels the running statement or clears the line being typed.
// On a non-terminal stdin it reads the same input without prompts.
#include <cstdio>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "cli/database.h"
#include "cli/statement_runner.h"

namespace ecograph::cli {

// True when `buffer` ends a statement: its last non-blank character is a ';'
// outside string literals and comments.
bool StatementComplete(const std::string& buffer);

class Repl {
 public:
  Repl(Database& db, RunSettings settings, bool interactive);
  ~Repl();

  // Reads until :quit or end of input. Returns the exit code: 0, or 1 when
  // stdin was not a terminal and a statement failed.
  int Run();

  // Handles one meta-command line (":format csv"). Returns false for :quit.
  bool HandleMeta(const std::string& line);

  // Completion candidates for the word `text` that starts at byte `start`
  // of `line` (keywords, labels, types, property keys, functions, procedures,
  // meta-commands, parameter names).
  std::vector<std::string> Complete(const std::string& line, size_t start,
                                    const std::string& text) const;

 private:
  std::vector<std::string> CompleteWord(const std::string& line, size_t start,
                                        const std::string& text) const;
  void RefreshCatalog();
  // Runs the statements of `script` with `settings`; on a terminal Ctrl-C
  // cancels them. Keeps the last statement and result for :explain/:render.
  bool RunStatements(const std::string& script, RunSettings settings);
  bool ExecuteStatement(const std::string& statement, query::ExplainMode mode);
  // `:param ...`: `args` is where the arguments start in `line`.
  void SetParams(const std::string& line, size_t args);
  void PrintHelp();
  // Draws the last result to `path`; an existing `path` is refused unless `overwrite`.
  void RenderLast(const std::string& path, const std::string& engine, bool overwrite);

  Database& db_;
  RunSettings settings_;
  bool interactive_;
  bool failed_ = false;
  std::string history_path_;
  std::string last_statement_;
  std::unique_ptr<query::QueryResult> last_result_;
  std::vector<std::string> keywords_, functions_, procedures_;
  std::vector<std::string> labels_, rel_types_, property_keys_;
};

}  // namespace ecograph::cli
