#pragma once
// Escaping of user text (names, property values) for Graphviz. Every string
// that did not come from this module goes through one of these before it
// reaches libcgraph.
#include <string>
#include <string_view>
#include <vector>

namespace ecograph::graph::render_internal {

// Valid UTF-8 with control characters (including newlines and tabs) turned
// into spaces; invalid byte sequences become U+FFFD.
std::string SanitizeText(std::string_view text);

// Text for the inside of a Graphviz HTML-like label: SanitizeText, then
// & < > " ' and the backslash as character references, so the result
// contains no markup and no backslash (cgraph does not escape a trailing
// backslash when it writes DOT).
std::string HtmlEscape(std::string_view text);

// Text for a plain escString attribute (label, tooltip, ...): SanitizeText,
// then every backslash doubled so Graphviz's \N, \G, \l escapes cannot be
// triggered; a space is appended when the result would end in a backslash
// (the DOT writer would otherwise emit \" at the closing quote).
std::string EscStringEscape(std::string_view text);

// Splits `text` at spaces into lines of at most about `width` characters
// (UTF-8 code points); words longer than `width` stay whole.
std::vector<std::string> WrapWords(std::string_view text, size_t width);

}  // namespace ecograph::graph::render_internal
