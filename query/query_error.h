#pragma once
// QueryError: the one error type of the query pipeline. Stages throw it; the
// entry point (QueryEngine::Execute) catches it and returns it as a value.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace ecograph::query {

enum class ErrorKind { kSyntax, kSemantic, kConstraint, kRuntime, kStorage,
                       kNotSupported, kTimeout, kInternal };

const char* ErrorKindName(ErrorKind kind);

// A span in the query text: byte offset and length. line/column are 1-based
// and computed from the offset.
struct SourceSpan {
  uint32_t offset = 0;
  uint32_t length = 0;
  bool valid = false;
};

class QueryError : public std::runtime_error {
 public:
  QueryError(ErrorKind kind, std::string message, SourceSpan span = {})
      : std::runtime_error(message), kind_(kind), message_(std::move(message)), span_(span) {}
  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  const SourceSpan& span() const { return span_; }

 private:
  ErrorKind kind_;
  std::string message_;
  SourceSpan span_;
};

// "line:col: message" followed by the offending line and a caret line
// (`^^^` under the span). Without a valid span: just the message.
std::string FormatError(const QueryError& error, const std::string& query_text);
// 1-based line and column of a byte offset in text.
void LineColumn(const std::string& text, uint32_t offset, uint32_t* line, uint32_t* column);

}  // namespace ecograph::query
