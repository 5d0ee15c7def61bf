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
