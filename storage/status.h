#pragma once
// Status and Result<T>: how storage reports failure. Never throws across the
// module boundary.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ecograph::storage {

// Never renumber: the CLI maps codes to exit codes.
enum class StatusCode {
  kOk = 0,
  kNotFound = 1,
  kInvalidArgument = 2,
  kCorruption = 3,
  kIOError = 4,
  kLocked = 5,               // another process holds the write lock
  kVersionMismatch = 6,      // on-disk format newer/older than this build
  kNotADatabase = 7,         // directory exists but is not an ecograph db
  kConstraintViolation = 8,  // unique constraint
  kConflict = 9,             // transaction conflict (RocksDB Busy/TimedOut)
  kReadOnly = 10,            // write attempted on a read-only store/view
  kNoSpace = 11,             // the disk is full
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(StatusCode code, std::string message) {
    return Status(code, std::move(message));
  }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK" or "<code name>: <message>".
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

const char* StatusCodeName(StatusCode code);

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace ecograph::storage
