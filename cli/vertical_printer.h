#pragma once
// Vertical (expanded) layout for rows too wide for a table, as psql's \x:
//
//   ─[ row 1 ]──────────────
//   target  │ 'Lazada Group'
//   year    │ 2016
//
// Values are never cut; a value wider than the terminal wraps there.
#include <cstddef>
#include <iosfwd>

#include "query/engine.h"

namespace ecograph::cli {

// Prints rows [0, shown) of `result`. `max_width` (0 = none) caps the length
// of the row separators; `bold` emphasises column names.
void PrintVertical(const query::QueryResult& result, size_t shown, size_t max_width, bool bold,
                   std::ostream& out);

}  // namespace ecograph::cli
