#pragma once
// Lexer: query text -> tokens (ending with one kEnd token). Skips whitespace
// and // and /* */ comments. Throws QueryError(kSyntax) with the span of the
// offending characters for invalid UTF-8, unterminated strings, comments or
// quoted identifiers, invalid escapes and unexpected characters.
#include <string>
#include <vector>

#include "query/token.h"

namespace ecograph::query {

std::vector<Token> Lex(const std::string& text);

}  // namespace ecograph::query
