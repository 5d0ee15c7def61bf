#pragma once
// The REPL's key reader for libedit (rl_getc_function). It exists for one
// job libedit does not do: after a terminal resize while a line is typed,
// terminals that re-wrap their contents (tmux, VTE, kitty, iTerm2) leave the
// top rows of the old line above the cursor, and libedit redraws from the
// cursor's row, so a stale copy of the prompt's first row stayed above the
// redrawn line. The reader remembers the line while every key was a
// printable character (then it is exactly what was typed, cursor at the
// end). On a resize it asks the terminal where the cursor is (DSR,
// ESC [ 6 n); when the answer is where re-wrapping that line at the new
// width puts its end, it moves up to the line's first row, clears to the end
// of the screen and draws the prompt and line again. In every other case
// (the line was edited, the terminal does not re-wrap or does not answer)
// it clears nothing, so rows above the line are never erased, and libedit
// redraws at the next key as before.
#include <cstdio>

namespace ecograph::cli {

// While alive: SIGWINCH no longer restarts the read, and ReadLineKey()
// handles the resize as described above. `prompt` is readline's prompt
// (ASCII; borrowed for the constructor only). One at a time.
class LineResizeRedraw {
 public:
  explicit LineResizeRedraw(const char* prompt);
  ~LineResizeRedraw();
  LineResizeRedraw(const LineResizeRedraw&) = delete;
  LineResizeRedraw& operator=(const LineResizeRedraw&) = delete;
};

// rl_getc_function: one character (a Unicode code point decoded from UTF-8)
// from stdin; -1 at end of input or when Ctrl-C interrupted the read
// (PromptInterrupt), which makes readline() return.
int ReadLineKey(FILE* in);

// Rows to move up to the first row of a line whose end is at column
// `end_columns` (prompt included) when a terminal of `width` columns
// re-wraps it, or -1 when the cursor's reported 1-based column
// `reported_column` is not where re-wrapping puts the line's end.
int RowsAboveWrappedLineEnd(int end_columns, int width, int reported_column);

}  // namespace ecograph::cli
