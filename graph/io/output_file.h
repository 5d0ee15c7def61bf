#pragma once
// A file written whole or not at all, that never clobbers by surprise.
//
// Bytes go to a temporary file created beside `path` (O_EXCL, so nothing
// existing is opened); Commit() flushes it, fsyncs it and renames it to
// `path`. Until then `path` is untouched, and a failed or abandoned write
// leaves no partial file. Without `overwrite` an existing `path` - a file,
// a directory, or a symbolic link even when dangling - is refused, both at
// Create() and again at the rename (renameat2 RENAME_NOREPLACE). With it, a
// symbolic link at `path` is replaced by the file, never followed.
#include <fstream>
#include <memory>
#include <string>

#include "storage/status.h"

namespace ecograph::graph::io {

class OutputFile {
 public:
  // kInvalidArgument "PATH already exists (use --force to overwrite it)"
  // when refused; kIOError when the temporary file cannot be created.
  static storage::Result<std::unique_ptr<OutputFile>> Create(const std::string& path,
                                                             bool overwrite);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream() { return stream_; }
  storage::Status Commit();

 private:
  OutputFile(std::string path, std::string temp, bool overwrite)
      : path_(std::move(path)), temp_(std::move(temp)), overwrite_(overwrite) {}

  std::string path_;
  std::string temp_;
  bool overwrite_;
  bool committed_ = false;
  std::ofstream stream_;
};

// The refusal message of Create() for `path`.
std::string AlreadyExistsMessage(const std::string& path);

}  // namespace ecograph::graph::io
