#include "cli/param_command.h"

#include <cctype>

namespace ecograph::cli {
namespace {

constexpr const char* kUsage =
    "usage: :param NAME VALUE, :param NAME => VALUE or :param {NAME: VALUE, ...} "
    "(VALUE is a Cypher expression: quote strings, as in :param name 'Turkey')";

bool IsBlank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Letters, digits, '_' and any non-ASCII byte (names may be Unicode).
bool IsNameChar(char c) {
  auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) != 0 || c == '_' || byte >= 0x80;
}

size_t SkipBlanks(const std::string& text, size_t at) {
  while (at < text.size() && IsBlank(text[at])) ++at;
  return at;
}

// Runs `RETURN expression` and returns its one value, or sets `error`.
query::Value Evaluate(query::QueryEngine& engine, const std::string& line, size_t expr_offset,
                      const query::Params& params, const query::QueryOptions& options,
                      std::string* error) {
  static const std::string kPrefix = "RETURN ";
  std::string expression = line.substr(expr_offset);
  query::QueryOutcome outcome = engine.Execute(kPrefix + expression, params, options);
  if (!outcome.ok()) {
    query::QueryError failure = outcome.error.value_or(
        query::QueryError(query::ErrorKind::kInternal, "the value could not be evaluated"));
    query::SourceSpan span = failure.span();
    if (span.valid && span.offset >= kPrefix.size()) {
      span.offset = static_cast<uint32_t>(span.offset - kPrefix.size() + expr_offset);
    } else {
      span.valid = false;
    }
    *error = query::FormatError(query::QueryError(failure.kind(), failure.message(), span), line);
    if (failure.message().find("not defined") != std::string::npos) {
      *error += "\n(values are Cypher expressions: quote strings, as in :param name 'Turkey')";
    }
    return {};
  }
  const query::QueryResult& result = *outcome.result;
  if (result.columns.size() != 1 || result.rows.size() != 1) {
    *error = "the value must be one expression (got " + std::to_string(result.columns.size()) +
             " columns)";
    return {};
  }
  return result.rows[0][0];
}

}  // namespace

ParamAssignments EvaluateParamCommand(query::QueryEngine& engine, const std::string& line,
                                      size_t args, const query::Params& params,
                                      const query::QueryOptions& options) {
  ParamAssignments out;
  std::string text = line;
  // A trailing ';' out of habit is not part of the value.
  size_t end = text.find_last_not_of(" \t\r\n");
  if (end != std::string::npos && text[end] == ';') text.erase(end);
  size_t at = SkipBlanks(text, args);
  if (at >= text.size()) {
    out.error = kUsage;
    return out;
  }
  if (text[at] == '{') {
    query::Value map = Evaluate(engine, text, at, params, options, &out.error);
    if (!out.error.empty()) return out;
    if (map.type() != query::ValueType::kMap) {
      out.error = "expected a map of parameters, as in :param {name: 'Turkey', year: 2018}";
      return out;
    }
    for (const auto& [name, value] : map.as_map()) out.values.emplace_back(name, value);
    return out;
  }
  if (text[at] == '$') ++at;
  std::string name;
  if (at < text.size() && text[at] == '`') {
    size_t close = text.find('`', at + 1);
    if (close == std::string::npos) {
      out.error = "unterminated `name` in :param";
      return out;
    }
    name = text.substr(at + 1, close - at - 1);
    at = close + 1;
  } else {
    size_t start = at;
    while (at < text.size() && IsNameChar(text[at])) ++at;
    name = text.substr(start, at - start);
  }
  at = SkipBlanks(text, at);
  if (text.compare(at, 2, "=>") == 0) {
    at += 2;
  } else if (at < text.size() && (text[at] == ':' || text[at] == '=')) {
    ++at;  // "name: value" (cypher-shell 4) or "name=value" (as --param)
  }
  at = SkipBlanks(text, at);
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])) || at >= text.size()) {
    out.error = kUsage;
    return out;
  }
  query::Value value = Evaluate(engine, text, at, params, options, &out.error);
  if (out.error.empty()) out.values.emplace_back(name, std::move(value));
  return out;
}

}  // namespace ecograph::cli
