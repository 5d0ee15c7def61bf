#include "cli/line_input.h"

#include <editline/readline.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cwchar>
#include <deque>
#include <string>

#include "cli/interrupt.h"

namespace ecograph::cli {
namespace {

static_assert(std::atomic<bool>::is_always_lock_free);
std::atomic<bool> g_resized{false};
bool g_active = false;
int g_prompt_width = 0;
std::string g_prompt;
int g_typed_columns = 0;  // see NoteKey
std::string g_typed;      // the keys behind g_typed_columns, UTF-8
struct sigaction g_previous {};
// Bytes read while waiting for the terminal's cursor report, handed to
// libedit before any new read.
std::deque<unsigned char> g_pending;

void OnResize(int) { g_resized.store(true); }

// -1 at end of input or on an interrupted read that is not a resize.
int ReadByte() {
  if (!g_pending.empty()) {
    const unsigned char byte = g_pending.front();
    g_pending.pop_front();
    return byte;
  }
  while (true) {
    unsigned char byte = 0;
    const ssize_t n = read(STDIN_FILENO, &byte, 1);
    if (n == 1) return byte;
    if (n == 0) return -1;
    if (errno != EINTR) return -1;
    if (PromptInterrupt::Interrupted()) return -1;
    if (g_resized.exchange(false)) return -2;  // the caller redraws
  }
}

void WriteAll(const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// The cursor's 1-based column from a DSR report, or -1 when the terminal
// does not answer within half a second. Other bytes go to g_pending.
int CursorColumn() {
  WriteAll("\x1b[6n");
  std::string seen;
  while (true) {
    pollfd fd{STDIN_FILENO, POLLIN, 0};
    const int ready = poll(&fd, 1, 500);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    unsigned char byte = 0;
    if (read(STDIN_FILENO, &byte, 1) != 1) break;
    seen.push_back(static_cast<char>(byte));
    const size_t start = seen.find("\x1b[");
    if (byte == 'R' && start != std::string::npos) {
      const std::string report = seen.substr(start + 2, seen.size() - start - 3);
      const size_t semicolon = report.find(';');
      seen.erase(start);
      for (char c : seen) g_pending.push_back(static_cast<unsigned char>(c));
      if (semicolon == std::string::npos) return -1;
      return std::atoi(report.c_str() + semicolon + 1);
    }
  }
  for (char c : seen) g_pending.push_back(static_cast<unsigned char>(c));
  return -1;
}

void RedrawAfterResize() {
  rl_resize_terminal();  // libedit learns the width
  winsize size{};
  if (g_typed_columns < 0 || ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
    return;  // libedit redraws at the next key, from the cursor's row
  }
  const int rows =
      RowsAboveWrappedLineEnd(g_prompt_width + g_typed_columns, size.ws_col, CursorColumn());
  if (rows < 0) return;
  // Up to the line's first row, clear to the end of the screen, draw the
  // line again at the new width and go back to its start: libedit's
  // display state is now a blank screen with the cursor at the line's start
  // (el_resize forgot the old one), and its next redraw (at the next key)
  // draws over the same text. Its forced redraw is not used: its later
  // in-place updates of a wrapped row then went wrong.
  const std::string up = rows > 0 ? "\x1b[" + std::to_string(rows) + "A" : std::string();
  WriteAll(up + "\r\x1b[J" + g_prompt + g_typed + up + "\r");
}

// Keeps g_typed_columns: the width of the line while every key so far was
// a printable character (so each was inserted at the end); -1 after any
// other key (editing, completion, history), when the line is not known.
void NoteKey(int code) {
  if (g_typed_columns < 0) return;
  if (code < 0x20 || code == 0x7F || (code >= 0x80 && code < 0xA0)) {
    g_typed_columns = -1;
    return;
  }
  const int width = wcwidth(static_cast<wchar_t>(code));
  g_typed_columns += width < 0 ? 1 : width;
  const auto cont = [&](int shift) { return static_cast<char>(0x80 | ((code >> shift) & 0x3F)); };
  if (code < 0x80) {
    g_typed += static_cast<char>(code);
  } else if (code < 0x800) {
    g_typed += {static_cast<char>(0xC0 | (code >> 6)), cont(0)};
  } else if (code < 0x10000) {
    g_typed += {static_cast<char>(0xE0 | (code >> 12)), cont(6), cont(0)};
  } else {
    g_typed += {static_cast<char>(0xF0 | (code >> 18)), cont(12), cont(6), cont(0)};
  }
}

// The code point that starts with `byte` (UTF-8: the lead byte says how
// many continuation bytes follow); U+FFFD for a malformed sequence; -1 at
// end of input.
int DecodeRest(int byte) {
  const int extra = byte < 0x80 ? 0 : byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
  if (byte >= 0x80 && extra == 0) return 0xFFFD;  // a stray continuation byte
  int code = extra == 0 ? byte : byte & (0x3F >> extra);
  for (int idx = 0; idx < extra; ++idx) {
    int next = ReadByte();
    while (next == -2) {
      if (g_active) RedrawAfterResize();
      next = ReadByte();
    }
    if (next < 0) return -1;
    if ((next & 0xC0) != 0x80) {
      g_pending.push_front(static_cast<unsigned char>(next));
      return 0xFFFD;
    }
    code = (code << 6) | (next & 0x3F);
  }
  return code;
}

}  // namespace

int RowsAboveWrappedLineEnd(int end_columns, int width, int reported_column) {
  if (width <= 0 || reported_column < 1 || end_columns < 0) return -1;
  // A line that ends exactly at the right margin leaves the cursor there
  // (pending wrap) or at the start of the next row, depending on the
  // terminal: ambiguous, so nothing is cleared.
  if (end_columns > 0 && end_columns % width == 0) return -1;
  if (reported_column - 1 != end_columns % width) return -1;
  return end_columns / width;
}

LineResizeRedraw::LineResizeRedraw(const char* prompt) {
  g_prompt = prompt;
  g_prompt_width = static_cast<int>(g_prompt.size());
  g_typed_columns = 0;
  g_typed.clear();
  g_resized.store(false);
  struct sigaction action {};
  action.sa_handler = OnResize;
  action.sa_flags = 0;  // interrupt the read: ReadLineKey redraws
  sigemptyset(&action.sa_mask);
  sigaction(SIGWINCH, &action, &g_previous);
  g_active = true;
}

LineResizeRedraw::~LineResizeRedraw() {
  sigaction(SIGWINCH, &g_previous, nullptr);
  g_active = false;
}

int ReadLineKey(FILE*) {
  while (true) {
    const int byte = ReadByte();
    if (byte == -2) {
      if (g_active) RedrawAfterResize();
      continue;
    }
    if (byte < 0) return -1;
    const int code = DecodeRest(byte);
    if (code >= 0) NoteKey(code);
    return code;
  }
}

}  // namespace ecograph::cli
