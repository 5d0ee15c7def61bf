#include "cli/pager.h"

#include <sys/wait.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace ecograph::cli {
namespace {

// Ignores a signal for the lifetime of the object, then restores it.
class IgnoreSignal {
 public:
  explicit IgnoreSignal(int signal_number) : signal_number_(signal_number) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(signal_number_, &ignore, &previous_);
  }
  ~IgnoreSignal() { sigaction(signal_number_, &previous_, nullptr); }
  IgnoreSignal(const IgnoreSignal&) = delete;
  IgnoreSignal& operator=(const IgnoreSignal&) = delete;

 private:
  int signal_number_;
  struct sigaction previous_ {};
};

// sh's exit status for "command not found" / "not executable".
constexpr int kCommandNotFound = 127;
constexpr int kCommandNotExecutable = 126;

}  // namespace

std::string DefaultPagerCommand() {
  const char* pager = std::getenv("PAGER");
  if (pager != nullptr && *pager != '\0') return pager;
  return "less -S -R";
}

size_t CountLines(const std::string& text) {
  size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  return !text.empty() && text.back() != '\n' ? lines + 1 : lines;
}

bool ShowInPager(const std::string& text, const std::string& command, std::string* error) {
  IgnoreSignal no_interrupt(SIGINT);
  IgnoreSignal no_broken_pipe(SIGPIPE);
  std::fflush(stdout);
  FILE* pipe = popen(command.c_str(), "w");
  if (pipe == nullptr) {
    *error = "cannot start the pager '" + command + "'";
    return false;
  }
  // A short write means the pager was quit early: not an error.
  std::fwrite(text.data(), 1, text.size(), pipe);
  int status = pclose(pipe);
  if (status == -1 || (WIFEXITED(status) && (WEXITSTATUS(status) == kCommandNotFound ||
                                             WEXITSTATUS(status) == kCommandNotExecutable))) {
    *error = "the pager '" + command + "' did not run";
    return false;
  }
  return true;
}

}  // namespace ecograph::cli
