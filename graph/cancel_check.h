#pragma once
// CancelCheck: how long graph work (the topology build, the algorithms) is
// stopped early. The graph layer does not know why work should stop (Ctrl-C,
// a timeout): its owner passes a callback that decides and stops the work by
// throwing (the query engine throws its "query cancelled" or timeout
// QueryError). Work that polls holds only RAII state, so a throw publishes
// nothing half-built and leaks nothing.
//
// Thread safety: one CancelCheck per thread of work (the poll counter is not
// atomic); the callback itself may read atomics set by other threads.
#include <cstdint>
#include <functional>
#include <utility>

namespace ecograph::graph {

class CancelCheck {
 public:
  static constexpr uint64_t kPollInterval = 1024;

  CancelCheck() = default;  // never stops
  // `check` returns normally to let the work go on and throws to stop it.
  explicit CancelCheck(std::function<void()> check) : check_(std::move(check)) {}

  // Cheap: runs the callback on the first call and then once every
  // kPollInterval calls, so even short work is checked at least once.
  void Poll() const {
    if (check_ && (ticks_++ % kPollInterval) == 0) check_();
  }
  // Runs the callback now (between coarse steps such as iterations).
  void Now() const {
    if (check_) check_();
  }

 private:
  std::function<void()> check_;
  mutable uint64_t ticks_ = 0;
};

// Poll()/Now() through a pointer that may be null (no cancellation).
inline void PollCancel(const CancelCheck* cancel) {
  if (cancel != nullptr) cancel->Poll();
}
inline void CheckCancelNow(const CancelCheck* cancel) {
  if (cancel != nullptr) cancel->Now();
}

}  // namespace ecograph::graph
