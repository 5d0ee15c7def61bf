// Fuzz target: the Cypher lexer and parser (and the statement splitter and
// error formatting). Any input either parses or throws QueryError with a
// span inside the text; nothing else may escape.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "query/engine.h"
#include "query/parser.h"
#include "query/query_error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (const std::string& statement : ecograph::query::QueryEngine::SplitStatements(text)) {
    try {
      ecograph::query::ParseStatement(statement);
    } catch (const ecograph::query::QueryError& error) {
      if (error.span().valid && error.span().offset > statement.size()) {
        std::fprintf(stderr, "fuzz: error span beyond the text\n");
        std::abort();
      }
      std::string shown = ecograph::query::FormatError(error, statement);
      if (shown.empty()) std::abort();
    }
  }
  return 0;
}
