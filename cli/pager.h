#pragma once
// Shows long output through a pager ($PAGER, else `less -S -R`), as psql does.
#include <string>

namespace ecograph::cli {

// The pager command of this environment: $PAGER when set and not empty,
// else "less -S -R" (-S: long lines are cut, not wrapped; -R: colours).
std::string DefaultPagerCommand();

// Number of lines `text` takes (a last line without '\n' counts).
size_t CountLines(const std::string& text);

// Pipes `text` into `command` (run by /bin/sh) and waits for it to end.
// SIGINT and SIGPIPE are ignored meanwhile: Ctrl-C belongs to the pager, and
// quitting it early is not an error. Returns false with `error` set when the
// command could not run (then nothing was shown).
bool ShowInPager(const std::string& text, const std::string& command, std::string* error);

}  // namespace ecograph::cli
