#include "cli/statement_runner.h"

#include <ostream>
#include <sstream>
#include <vector>

#include "cli/pager.h"
#include "cli/terminal.h"

namespace ecograph::cli {
namespace {

constexpr const char* kRed = "\033[31m";
constexpr const char* kYellow = "\033[33m";

std::string FormatAtSpan(const query::QueryError& error, const std::string& script,
                         size_t statement_offset, const std::string& statement,
                         const char* color) {
  std::string text;
  if (error.span().valid && statement_offset != std::string::npos) {
    query::SourceSpan span = error.span();
    span.offset += static_cast<uint32_t>(statement_offset);
    query::QueryError shifted(error.kind(), error.message(), span);
    text = query::FormatError(shifted, script);
  } else {
    text = query::FormatError(error, statement);
  }
  if (color != nullptr) {
    size_t eol = text.find('\n');
    text = color + text.substr(0, eol) + "\033[0m" +
           (eol == std::string::npos ? "" : text.substr(eol));
  }
  return text;
}

void PrintNotifications(const std::vector<query::Notification>& notifications,
                        const std::string& script, size_t offset, const std::string& statement,
                        const RunSettings& settings, std::ostream& err) {
  for (const query::Notification& notification : notifications) {
    query::QueryError warning(query::ErrorKind::kSemantic, "warning: " + notification.message,
                              notification.span);
    std::string text = FormatAtSpan(warning, script, offset, statement,
                                    settings.color_errors ? kYellow : nullptr);
    if (!settings.source.empty()) text = settings.source + ":" + text;
    err << text << (text.empty() || text.back() != '\n' ? "\n" : "");
  }
  err.flush();
}

// Prints one result to `out`, or through the pager when it is taller than
// the terminal.
void EmitResult(const query::QueryResult& result, const PrintOptions& print,
                const RunSettings& settings, std::ostream& out, std::ostream& err) {
  if (settings.pager.empty()) {
    PrintResult(result, print, out, err);
    return;
  }
  std::ostringstream buffer;
  PrintResult(result, print, buffer, err);
  std::string text = buffer.str();
  size_t rows = TerminalRows();
  // One row stays for the prompt that follows.
  if (rows == 0 || CountLines(text) < rows) {
    out << text;
    return;
  }
  out.flush();
  std::string error;
  if (!ShowInPager(text, settings.pager, &error)) {
    out << text;
    err << error << " (:pager off turns paging off)\n";
  }
}

}  // namespace

std::string FormatScriptError(const query::QueryError& error, const std::string& script,
                              size_t statement_offset, const std::string& statement, bool color) {
  return FormatAtSpan(error, script, statement_offset, statement, color ? kRed : nullptr);
}

bool RunScript(query::QueryEngine& engine, const std::string& script, const RunSettings& settings,
               std::ostream& out, std::ostream& err, std::string* last_statement,
               query::QueryResult* last_result) {
  size_t search_from = 0;
  bool first = true;
  std::vector<std::string> statements = query::QueryEngine::SplitStatements(script);
  // --format json over several statements: one JSON document, an array with
  // one result array per statement (closed even when a statement fails).
  size_t non_empty = 0;
  for (const std::string& statement : statements) {
    if (statement.find_first_not_of(" \t\r\n;") != std::string::npos) ++non_empty;
  }
  const bool json_document = settings.print.format == OutputFormat::kJson && non_empty > 1;
  if (json_document) out << "[\n";
  struct CloseDocument {
    std::ostream& out;
    bool active;
    ~CloseDocument() {
      if (active) out << "]\n" << std::flush;
    }
  } close_document{out, json_document};
  for (const std::string& statement : statements) {
    size_t offset = script.find(statement, search_from);
    if (offset != std::string::npos) search_from = offset + statement.size();
    if (statement.find_first_not_of(" \t\r\n;") == std::string::npos) continue;
    if (last_statement != nullptr) *last_statement = statement;
    query::QueryOutcome outcome =
        engine.Execute(statement, settings.params, settings.query_options, settings.explain);
    if (!outcome.ok()) {
      std::string message = outcome.error ? FormatScriptError(*outcome.error, script, offset,
                                                              statement, settings.color_errors)
                                          : std::string("query failed");
      if (!settings.source.empty()) message = settings.source + ":" + message;
      err << message << (message.empty() || message.back() != '\n' ? "\n" : "");
      err.flush();
      return false;
    }
    PrintNotifications(outcome.result->notifications, script, offset, statement, settings, err);
    PrintOptions print = settings.print;
    if (settings.track_terminal_width) print.max_width = TerminalWidth();
    if (!first && IsTerminalLayout(print.format)) out << '\n';
    if (!first && json_document) out << ",\n";
    first = false;
    EmitResult(*outcome.result, print, settings, out, err);
    out.flush();
    if (last_result != nullptr) *last_result = std::move(*outcome.result);
  }
  return true;
}

}  // namespace ecograph::cli
