#include "query/query_error.h"

#include <algorithm>

namespace ecograph::query {

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kSyntax: return "syntax error";
    case ErrorKind::kSemantic: return "semantic error";
    case ErrorKind::kConstraint: return "constraint violation";
    case ErrorKind::kRuntime: return "runtime error";
    case ErrorKind::kStorage: return "storage error";
    case ErrorKind::kNotSupported: return "not supported";
    case ErrorKind::kTimeout: return "timeout";
    case ErrorKind::kInternal: return "internal error";
  }
  return "error";
}

void LineColumn(const std::string& text, uint32_t offset, uint32_t* line, uint32_t* column) {
  uint32_t current_line = 1, current_column = 1;
  uint32_t end = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  for (uint32_t byte_idx = 0; byte_idx < end; ++byte_idx) {
    if (text[byte_idx] == '\n') {
      ++current_line;
      current_column = 1;
    } else if ((static_cast<unsigned char>(text[byte_idx]) & 0xC0) != 0x80) {
      ++current_column;  // count code points, not continuation bytes
    }
  }
  *line = current_line;
  *column = current_column;
}

std::string FormatError(const QueryError& error, const std::string& query_text) {
  if (!error.span().valid) return error.message();
  uint32_t line = 0, column = 0;
  LineColumn(query_text, error.span().offset, &line, &column);
  std::string out = std::to_string(line) + ":" + std::to_string(column) + ": " + error.message();
  // Echo the offending line with carets under the span.
  size_t offset = std::min<size_t>(error.span().offset, query_text.size());
  size_t line_start = query_text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string::npos || offset == 0) ? 0 : line_start + 1;
  if (offset > 0 && query_text[offset - 1] == '\n') line_start = offset;
  size_t line_end = query_text.find('\n', line_start);
  if (line_end == std::string::npos) line_end = query_text.size();
  // A long line (a 10 MB query) is echoed as a window of at most
  // kEchoBytes around the span, cut at code point boundaries and marked "...".
  constexpr size_t kEchoBytes = 160;
  size_t echo_start = line_start, echo_end = line_end;
  if (line_end - line_start > kEchoBytes) {
    echo_start = std::max(line_start, offset >= kEchoBytes / 2 ? offset - kEchoBytes / 2 : 0);
    echo_end = std::min(line_end, echo_start + kEchoBytes);
    auto continuation = [&](size_t at) {
      return at < query_text.size() && (static_cast<unsigned char>(query_text[at]) & 0xC0) == 0x80;
    };
    while (echo_start > line_start && continuation(echo_start)) --echo_start;
    while (echo_end < line_end && continuation(echo_end)) ++echo_end;
  }
  uint32_t echo_column = column;
  if (echo_start > line_start) {
    uint32_t start_line = 0, start_column = 0;
    LineColumn(query_text, static_cast<uint32_t>(echo_start), &start_line, &start_column);
    echo_column = column - start_column + 1 + 3;  // after the leading "..."
  }
  std::string source_line = (echo_start > line_start ? "..." : "") +
                            query_text.substr(echo_start, echo_end - echo_start) +
                            (echo_end < line_end ? "..." : "");
  out += "\n" + source_line + "\n" + std::string(echo_column - 1, ' ');
  size_t carets = std::max<size_t>(1, std::min<size_t>(error.span().length, echo_end - offset));
  if (offset >= echo_end) carets = 1;
  out += std::string(carets, '^');
  return out;
}

}  // namespace ecograph::query
