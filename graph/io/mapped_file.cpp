#include "graph/io/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ecograph::graph::io {

using storage::Status;
using storage::StatusCode;

MappedFile::~MappedFile() {
  if (mapped_) munmap(const_cast<char*>(data_), size_);
}

Status MappedFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::Error(StatusCode::kIOError, path + ": cannot open: " + std::strerror(errno));
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::Error(StatusCode::kIOError, path + ": cannot stat: " + std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::Error(StatusCode::kIOError, path + ": cannot open: is a directory");
  }
  size_ = static_cast<size_t>(st.st_size);
  if (size_ == 0) {
    ::close(fd);
    data_ = "";
    return Status::Ok();
  }
  void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
  int err = errno;
  ::close(fd);
  if (p == MAP_FAILED) {
    size_ = 0;
    return Status::Error(StatusCode::kIOError, path + ": cannot map: " + std::strerror(err));
  }
  madvise(p, size_, MADV_SEQUENTIAL);
  data_ = static_cast<const char*>(p);
  mapped_ = true;
  return Status::Ok();
}

}  // namespace ecograph::graph::io
