#pragma once
// The bench checksum rule of ../shared/bench/queries.json ("checksum"):
// canonical text per value, rows joined by TAB, optional sort, LF-terminated,
// first 16 hex digits of SHA-256.
#include <string>
#include <vector>

#include "query/value.h"

namespace ecograph::cli {

// null -> \N; true/false; integers and integral floats -> digits; other
// floats -> %.6f with trailing zeros and '.' removed; strings as they are;
// lists -> '[' items joined by ',' ']'. Maps, nodes, rels, paths use
// ToPlainString (no peer returns them).
std::string CanonicalText(const query::Value& value);

// `columns` empty = every column. `ordered` false sorts the row strings by
// byte order (code point order for UTF-8).
std::string ResultChecksum(const std::vector<std::vector<query::Value>>& rows,
                           const std::vector<int>& columns, bool ordered);

}  // namespace ecograph::cli
