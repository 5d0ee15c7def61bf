#pragma once
// A guard run on JSON text before it is parsed: values nested thousands of
// levels deep would exhaust the stack of the recursive conversions that
// follow the parse (and of the value destructors).
#include <cstddef>
#include <string_view>

namespace ecograph::graph::io {

// Byte offset of the first '[' or '{' (outside strings) that opens nesting
// level max_depth + 1, or npos when `text` never nests deeper than
// max_depth. Does not validate the JSON otherwise.
size_t FindJsonNestingOverflow(std::string_view text, int max_depth);

}  // namespace ecograph::graph::io
