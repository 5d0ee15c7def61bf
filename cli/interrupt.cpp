#include "cli/interrupt.h"

#include <unistd.h>

#include <csignal>

namespace ecograph::cli {
namespace {

// Lock-free atomics are async-signal-safe.
static_assert(std::atomic<bool>::is_always_lock_free);
std::atomic<bool> g_prompt_interrupted{false};
std::atomic<bool> g_cancel{false};

void OnPromptInterrupt(int) { g_prompt_interrupted.store(true); }
// The terminal echoes "^C" without a newline: end that line (write() is
// async-signal-safe), once per statement.
void OnQueryInterrupt(int) {
  if (!g_cancel.exchange(true)) {
    [[maybe_unused]] ssize_t ignored = write(STDERR_FILENO, "\n", 1);
  }
}

struct sigaction Install(void (*handler)(int), bool restart) {
  struct sigaction action {};
  action.sa_handler = handler;
  action.sa_flags = restart ? SA_RESTART : 0;
  sigemptyset(&action.sa_mask);
  struct sigaction previous {};
  sigaction(SIGINT, &action, &previous);
  return previous;
}

struct sigaction g_prompt_previous {};
struct sigaction g_query_previous {};

}  // namespace

PromptInterrupt::PromptInterrupt() {
  g_prompt_interrupted.store(false);
  g_prompt_previous = Install(OnPromptInterrupt, /*restart=*/false);
}

PromptInterrupt::~PromptInterrupt() { sigaction(SIGINT, &g_prompt_previous, nullptr); }

bool PromptInterrupt::Interrupted() { return g_prompt_interrupted.load(); }

CancelOnInterrupt::CancelOnInterrupt() {
  g_cancel.store(false);
  g_query_previous = Install(OnQueryInterrupt, /*restart=*/true);
}

CancelOnInterrupt::~CancelOnInterrupt() { sigaction(SIGINT, &g_query_previous, nullptr); }

const std::atomic<bool>* CancelOnInterrupt::flag() const { return &g_cancel; }

bool CancelOnInterrupt::cancelled() const { return g_cancel.load(); }

}  // namespace ecograph::cli
