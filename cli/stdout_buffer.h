#pragma once
// The stream buffer behind std::cout: writes to file descriptor 1 and keeps
// the errno of the first failed write, so that an output error (disk full,
// /dev/full) is reported with its cause when the program ends.
#include <array>
#include <streambuf>

namespace ecograph::cli {

class StdoutBuffer final : public std::streambuf {
 public:
  StdoutBuffer() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  StdoutBuffer(const StdoutBuffer&) = delete;
  StdoutBuffer& operator=(const StdoutBuffer&) = delete;

  // errno of the first failed write, 0 when every write succeeded.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  // Writes the buffered bytes; false (and error_ set) on failure.
  bool Drain();

  std::array<char, 1 << 16> buffer_;
  int error_ = 0;
};

}  // namespace ecograph::cli
