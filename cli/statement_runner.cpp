#include "cli/statement_runner.h"

#include <ostream>
#include <vector>

namespace ecograph::cli {

std::string FormatScriptError(const query::QueryError& error, const std::string& script,
                              size_t statement_offset, const std::string& statement, bool color) {
  std::string text;
  if (error.span().valid && statement_offset != std::string::npos) {
    query::SourceSpan span = error.span();
    span.offset += static_cast<uint32_t>(statement_offset);
    query::QueryError shifted(error.kind(), error.message(), span);
    text = query::FormatError(shifted, script);
  } else {
    text = query::FormatError(error, statement);
  }
  if (color) {
    size_t eol = text.find('\n');
    text = "\033[31m" + text.substr(0, eol) + "\033[0m" +
           (eol == std::string::npos ? "" : text.substr(eol));
  }
  return text;
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
    if (!first && settings.print.format == OutputFormat::kTable) out << '\n';
    if (!first && json_document) out << ",\n";
    first = false;
    PrintResult(*outcome.result, settings.print, out, err);
    out.flush();
    if (last_result != nullptr) *last_result = std::move(*outcome.result);
  }
  return true;
}

}  // namespace ecograph::cli
