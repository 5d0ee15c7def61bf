#pragma once
// Read-only memory map of a whole file. The mapping lives as long as the
// object; views returned by data() must not outlive it.
#include <cstddef>
#include <string>
#include <string_view>

#include "storage/status.h"

namespace ecograph::graph::io {

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // Maps `path`; an empty file maps to an empty view. Errors: kIOError
  // ("<path>: cannot open: <reason>").
  storage::Status Open(const std::string& path);
  std::string_view data() const { return {data_, size_}; }
  size_t size() const { return size_; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
};

}  // namespace ecograph::graph::io
