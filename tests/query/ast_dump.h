#pragma once
// Renders a parsed AST as a compact S-expression so parser tests compare one
// string. Test-only.
#include <string>

#include "query/ast.h"

namespace ecograph::query::testing {

std::string DumpExpr(const Expr& expr);
std::string DumpPattern(const Pattern& pattern);
std::string DumpStatement(const Statement& statement);

}  // namespace ecograph::query::testing
