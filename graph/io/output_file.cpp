#include "graph/io/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace ecograph::graph::io {

namespace fs = std::filesystem;
using storage::Status;
using storage::StatusCode;

std::string AlreadyExistsMessage(const std::string& path) {
  return path + " already exists (use --force to overwrite it)";
}

namespace {

bool Exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));  // a dangling link exists too
}

Status IoError(const std::string& path, const std::string& what, int error) {
  return Status::Error(StatusCode::kIOError, path + ": " + what + ": " + std::strerror(error));
}

}  // namespace

storage::Result<std::unique_ptr<OutputFile>> OutputFile::Create(const std::string& path,
                                                                bool overwrite) {
  if (!overwrite && Exists(path)) {
    return Status::Error(StatusCode::kInvalidArgument, AlreadyExistsMessage(path));
  }
  std::error_code ec;
  if (fs::is_directory(fs::symlink_status(path, ec))) {
    return Status::Error(StatusCode::kInvalidArgument, path + " is a directory");
  }
  fs::path target(path);
  fs::path dir = target.parent_path();
  std::string pattern =
      ((dir.empty() ? fs::path(".") : dir) / ("." + target.filename().string() + ".tmp-XXXXXX"))
          .string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) return IoError(path, "cannot write", errno);
  // mkstemp makes the file 0600; give it the mode a plain create would.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  ::close(fd);
  auto file = std::unique_ptr<OutputFile>(new OutputFile(path, name.data(), overwrite));
  file->stream_.open(file->temp_, std::ios::binary | std::ios::trunc);
  if (!file->stream_) return IoError(path, "cannot write", errno);
  return file;
}

OutputFile::~OutputFile() {
  if (!committed_) {
    stream_.close();
    ::unlink(temp_.c_str());
  }
}

Status OutputFile::Commit() {
  stream_.flush();
  bool written = static_cast<bool>(stream_);
  stream_.close();
  if (!written || stream_.fail()) return IoError(path_, "write failed", errno != 0 ? errno : EIO);
  int fd = ::open(temp_.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    int error = errno;
    if (fd >= 0) ::close(fd);
    return IoError(path_, "write failed", error);
  }
  ::close(fd);
  int rc = overwrite_ ? ::rename(temp_.c_str(), path_.c_str())
                      : ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, path_.c_str(),
                                    RENAME_NOREPLACE);
  if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
    // No RENAME_NOREPLACE on this file system: link() refuses to replace too.
    rc = ::link(temp_.c_str(), path_.c_str());
    if (rc == 0) ::unlink(temp_.c_str());
  }
  if (rc != 0) {
    if (errno == EEXIST) return Status::Error(StatusCode::kInvalidArgument, AlreadyExistsMessage(path_));
    return IoError(path_, "cannot write", errno);
  }
  committed_ = true;
  return Status::Ok();
}

}  // namespace ecograph::graph::io
