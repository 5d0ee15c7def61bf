#pragma once
// RFC 4180 record scanner over an in-memory buffer (usually a MappedFile).
//
// Records end at LF or CRLF. A field that starts with '"' is quoted: it runs
// to the next lone '"', "" stands for one '"', and it may contain the
// delimiter, CR and LF. A '"' inside an unquoted field is kept literally.
// Empty lines are skipped. A UTF-8 byte order mark at the start is skipped.
//
// Field views point into the buffer, or into the scanner's own storage for
// quoted fields that contained "" (valid until the next Next() call).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace ecograph::graph::io {

struct CsvField {
  std::string_view text;  // content, quotes removed and "" unescaped
  size_t offset = 0;      // byte offset of the field's first byte in the buffer
  bool quoted = false;
};

class CsvScanner {
 public:
  enum class ReadResult { kRecord, kEnd, kError };

  CsvScanner(std::string_view data, char delimiter);

  // Reads the next non-empty record into `fields`. kError: malformed quoting;
  // error_offset() and error_message() describe it, the bad record is
  // [record_begin(), record_end()) through the end of the line holding the
  // error, and the next call resumes on the line after it.
  ReadResult Next(std::vector<CsvField>* fields);

  // 1-based line on which the last record returned starts.
  uint64_t record_line() const { return record_line_; }
  // Byte offsets of the last record: [record_begin, record_end) excluding
  // its line terminator.
  size_t record_begin() const { return record_begin_; }
  size_t record_end() const { return record_end_; }
  // Bytes consumed so far.
  size_t position() const { return pos_; }

  size_t error_offset() const { return error_offset_; }
  const std::string& error_message() const { return error_message_; }

  std::string_view data() const { return data_; }

  // 1-based line and character (code point) column of a byte offset.
  // Linear in the distance from the start of the buffer; for error messages.
  void Locate(size_t offset, uint64_t* line, uint64_t* column) const;
  // Same, knowing that `offset` lies in the last record returned (cheaper).
  void LocateInRecord(size_t offset, uint64_t* line, uint64_t* column) const;

 private:
  // Records an error at `offset` and resynchronises after its line.
  ReadResult Fail(size_t offset, std::string message);

  std::string_view data_;
  char delimiter_;
  size_t pos_ = 0;
  uint64_t line_ = 1;  // line of pos_
  uint64_t record_line_ = 0;
  size_t record_begin_ = 0;
  size_t record_end_ = 0;
  size_t error_offset_ = 0;
  std::string error_message_;
  std::deque<std::string> unescaped_;
  size_t unescaped_used_ = 0;
};

// Code points from `line_begin` to `offset` plus one; invalid bytes count
// as one character each.
uint64_t CharColumn(std::string_view data, size_t line_begin, size_t offset);

// Offset of the first byte of an invalid UTF-8 sequence in `text`, or npos.
size_t FindInvalidUtf8(std::string_view text);

}  // namespace ecograph::graph::io
