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
  std::string source_line = query_text.substr(line_start, line_end - line_start);
  out += "\n" + source_line + "\n" + std::string(column - 1, ' ');
  size_t carets = std::max<size_t>(1, std::min<size_t>(error.span().length, line_end - offset));
  out += std::string(carets, '^');
  return out;
}

}  // namespace ecograph::query
