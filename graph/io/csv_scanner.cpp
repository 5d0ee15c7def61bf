#include "graph/io/csv_scanner.h"

#include <cstring>

namespace ecograph::graph::io {

CsvScanner::CsvScanner(std::string_view data, char delimiter) : data_(data), delimiter_(delimiter) {
  if (data_.size() >= 3 && static_cast<unsigned char>(data_[0]) == 0xEF &&
      static_cast<unsigned char>(data_[1]) == 0xBB &&
      static_cast<unsigned char>(data_[2]) == 0xBF) {
    pos_ = 3;
  }
}

CsvScanner::ReadResult CsvScanner::Next(std::vector<CsvField>* fields) {
  const char* base = data_.data();
  const size_t size = data_.size();
  const char delim = delimiter_;
  for (;;) {
    fields->clear();
    unescaped_used_ = 0;
    if (pos_ >= size) return ReadResult::kEnd;
    // Skip empty lines (LF or CRLF).
    if (base[pos_] == '\n') {
      ++pos_;
      ++line_;
      continue;
    }
    if (base[pos_] == '\r' && pos_ + 1 < size && base[pos_ + 1] == '\n') {
      pos_ += 2;
      ++line_;
      continue;
    }
    record_begin_ = pos_;
    record_line_ = line_;
    size_t p = pos_;
    for (;;) {
      CsvField field;
      field.offset = p;
      if (p < size && base[p] == '"') {
        field.quoted = true;
        size_t start = p + 1;
        size_t q = start;
        bool escaped = false;
        for (;;) {
          const void* hit = q < size ? std::memchr(base + q, '"', size - q) : nullptr;
          if (hit == nullptr) {
            return Fail(field.offset,
                        "unterminated quoted field (expected a closing '\"' before the end of "
                        "the file)");
          }
          size_t quote = static_cast<const char*>(hit) - base;
          if (quote + 1 < size && base[quote + 1] == '"') {
            escaped = true;
            q = quote + 2;
            continue;
          }
          q = quote;
          break;
        }
        for (size_t i = start; i < q; ++i) {
          if (base[i] == '\n') ++line_;
        }
        if (!escaped) {
          field.text = std::string_view(base + start, q - start);
        } else {
          if (unescaped_used_ == unescaped_.size()) unescaped_.emplace_back();
          std::string& out = unescaped_[unescaped_used_++];
          out.clear();
          for (size_t i = start; i < q; ++i) {
            out.push_back(base[i]);
            if (base[i] == '"') ++i;  // skip the second quote of ""
          }
          field.text = out;
        }
        p = q + 1;
        fields->push_back(field);
        if (p >= size) {
          record_end_ = p;
          pos_ = p;
          return ReadResult::kRecord;
        }
        char c = base[p];
        if (c == delim) {
          ++p;
          continue;
        }
        if (c == '\n' || (c == '\r' && p + 1 < size && base[p + 1] == '\n') ||
            (c == '\r' && p + 1 == size)) {
          record_end_ = p;
          pos_ = p + (c == '\r' ? 2 : 1);
          if (pos_ > size) pos_ = size;
          ++line_;
          return ReadResult::kRecord;
        }
        return Fail(p, std::string("expected '") + delim +
                           "' or end of line after the closing quote of a quoted field");
      }
      // Unquoted field: up to the delimiter or the end of the line.
      size_t q = p;
      while (q < size) {
        char c = base[q];
        if (c == delim || c == '\n') break;
        ++q;
      }
      size_t end = q;
      bool at_line_end = q >= size || base[q] == '\n';
      if (at_line_end && end > p && base[end - 1] == '\r') --end;
      field.text = std::string_view(base + p, end - p);
      fields->push_back(field);
      if (!at_line_end) {
        p = q + 1;
        continue;
      }
      record_end_ = end;
      if (q < size) {
        pos_ = q + 1;
        ++line_;
      } else {
        pos_ = size;
      }
      // A line holding only "\r" is empty too.
      if (fields->size() == 1 && end == record_begin_) {
        fields->clear();
        break;
      }
      return ReadResult::kRecord;
    }
  }
}

CsvScanner::ReadResult CsvScanner::Fail(size_t offset, std::string message) {
  error_offset_ = offset;
  error_message_ = std::move(message);
  // Resynchronise: the bad record ends with the line that holds the error.
  const void* nl = offset < data_.size()
                       ? std::memchr(data_.data() + offset, '\n', data_.size() - offset)
                       : nullptr;
  size_t line_end = nl == nullptr ? data_.size() : static_cast<const char*>(nl) - data_.data();
  record_end_ = line_end;
  if (record_end_ > record_begin_ && data_[record_end_ - 1] == '\r') --record_end_;
  pos_ = nl == nullptr ? data_.size() : line_end + 1;
  line_ = record_line_;
  for (size_t i = record_begin_; i < pos_; ++i) {
    if (data_[i] == '\n') ++line_;
  }
  return ReadResult::kError;
}

uint64_t CharColumn(std::string_view data, size_t line_begin, size_t offset) {
  uint64_t column = 1;
  for (size_t i = line_begin; i < offset && i < data.size(); ++i) {
    if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

void CsvScanner::Locate(size_t offset, uint64_t* line, uint64_t* column) const {
  uint64_t l = 1;
  size_t line_begin = 0;
  for (size_t i = 0; i < offset && i < data_.size(); ++i) {
    if (data_[i] == '\n') {
      ++l;
      line_begin = i + 1;
    }
  }
  if (line_begin == 0 && data_.size() >= 3 && offset >= 3 &&
      static_cast<unsigned char>(data_[0]) == 0xEF) {
    line_begin = 3;  // the byte order mark is not a character of line 1
  }
  *line = l;
  *column = CharColumn(data_, line_begin, offset);
}

void CsvScanner::LocateInRecord(size_t offset, uint64_t* line, uint64_t* column) const {
  if (offset < record_begin_) {
    Locate(offset, line, column);
    return;
  }
  uint64_t l = record_line_;
  size_t line_begin = record_begin_;
  // The record starts at the beginning of its line.
  for (size_t i = record_begin_; i < offset && i < data_.size(); ++i) {
    if (data_[i] == '\n') {
      ++l;
      line_begin = i + 1;
    }
  }
  *line = l;
  *column = CharColumn(data_, line_begin, offset);
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace ecograph::graph::io
