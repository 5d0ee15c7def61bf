#pragma once
// Ctrl-C (SIGINT) in the interactive shell: at the prompt it drops the line
// being typed; while a statement runs it cancels the statement. Either way
// the shell, its parameters and its settings survive. One of these objects
// at a time; each restores the previous SIGINT disposition when destroyed.
#include <atomic>

namespace ecograph::cli {

// While alive, SIGINT interrupts a blocking read (no SA_RESTART), so that
// libedit's readline() returns, and Interrupted() turns true.
class PromptInterrupt {
 public:
  PromptInterrupt();
  ~PromptInterrupt();
  PromptInterrupt(const PromptInterrupt&) = delete;
  PromptInterrupt& operator=(const PromptInterrupt&) = delete;

  static bool Interrupted();
};

// While alive, a terminal resize (SIGWINCH) while a line is being typed calls
// `on_resize` from the signal handler, so the line editor learns the new
// width at once and the next redraw wraps the line right. This is what
// libedit's own EL_SIGNAL handler does (sig.c calls el_resize() from its
// handler); we do not turn EL_SIGNAL on because it would also take over
// SIGINT. `on_resize` must only touch the line editor's terminal state.
// SA_RESTART: the blocking read goes on, the line being typed is kept.
class ResizeWhileTyping {
 public:
  explicit ResizeWhileTyping(void (*on_resize)());
  ~ResizeWhileTyping();
  ResizeWhileTyping(const ResizeWhileTyping&) = delete;
  ResizeWhileTyping& operator=(const ResizeWhileTyping&) = delete;
};

// While alive, SIGINT sets a cancel flag for the query engine
// (QueryOptions::cancel) instead of ending the process. System calls are
// restarted, so output being written is not cut.
class CancelOnInterrupt {
 public:
  CancelOnInterrupt();
  ~CancelOnInterrupt();
  CancelOnInterrupt(const CancelOnInterrupt&) = delete;
  CancelOnInterrupt& operator=(const CancelOnInterrupt&) = delete;

  // Valid for the lifetime of the process.
  const std::atomic<bool>* flag() const;
  bool cancelled() const;
};

}  // namespace ecograph::cli
