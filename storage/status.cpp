#include "storage/status.h"

namespace ecograph::storage {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kIOError: return "I/O error";
    case StatusCode::kLocked: return "locked";
    case StatusCode::kVersionMismatch: return "format version mismatch";
    case StatusCode::kNotADatabase: return "not an ecograph database";
    case StatusCode::kConstraintViolation: return "constraint violation";
    case StatusCode::kConflict: return "transaction conflict";
    case StatusCode::kReadOnly: return "read-only";
    case StatusCode::kNoSpace: return "disk full";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace ecograph::storage
