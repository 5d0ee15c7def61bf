#include "cli/stdout_buffer.h"

#include <unistd.h>

#include <cerrno>

namespace ecograph::cli {

bool StdoutBuffer::Drain() {
  const char* data = pbase();
  size_t left = static_cast<size_t>(pptr() - pbase());
  while (left > 0 && error_ == 0) {
    ssize_t n = ::write(STDOUT_FILENO, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
    } else {
      data += n;
      left -= static_cast<size_t>(n);
    }
  }
  // After a failure the bytes are dropped: the output is lost either way,
  // and the program reports error_ when it ends.
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return error_ == 0;
}

StdoutBuffer::int_type StdoutBuffer::overflow(int_type c) {
  if (!Drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int StdoutBuffer::sync() { return Drain() ? 0 : -1; }

}  // namespace ecograph::cli
