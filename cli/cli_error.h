#pragma once
// Errors of the command line and the exit codes they map to.
#include <stdexcept>
#include <string>

#include "storage/status.h"

namespace ecograph::cli {

// Exit codes of the ecograph executable.
enum class ExitCode : int {
  kOk = 0,
  kError = 1,        // query or data error
  kUsage = 2,        // bad command line
  kUnavailable = 3,  // database locked, missing, wrong version, not a database,
                     // damaged, or not writable (disk full, permissions)
};

// Thrown by commands; caught in Main, which prints the message to stderr and
// exits with the code.
class CliError : public std::runtime_error {
 public:
  CliError(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

inline CliError UsageError(const std::string& message) {
  return CliError(ExitCode::kUsage, message);
}
inline CliError DataError(const std::string& message) {
  return CliError(ExitCode::kError, message);
}
// kUnavailable for the statuses that mean "cannot use this database"
// (locked, not a database, version mismatch, not found, damaged, disk
// full, I/O error, read-only file system); kError otherwise.
ExitCode ExitCodeForOpenStatus(const storage::Status& status);

}  // namespace ecograph::cli
