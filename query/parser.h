#pragma once
// Parser: query text -> Statement (AST). Throws QueryError (kSyntax with a
// span and what was expected, or kNotSupported naming the feature).
#include <string>

#include "query/ast.h"

namespace ecograph::query {

// REQUIRES: text holds exactly one statement (a trailing ';' is allowed).
// Nesting deeper than kMaxNestingDepth is a syntax error, never a stack overflow.
Statement ParseStatement(const std::string& text);

constexpr int kMaxNestingDepth = 200;

}  // namespace ecograph::query
