#include "graph/io/importer.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "graph/io/csv_scanner.h"
#include "graph/io/json_nesting.h"
#include "graph/io/mapped_file.h"

namespace ecograph::graph::io {

using storage::BulkLoader;
using storage::NodeId;
using storage::PropertyList;
using storage::PropertyMap;
using storage::PropertyValue;
using storage::Result;
using storage::Status;
using storage::StatusCode;

bool ParseImportFormat(const std::string& text, ImportFormat* format) {
  if (text == "auto") {
    *format = ImportFormat::kAuto;
  } else if (text == "csv") {
    *format = ImportFormat::kCsv;
  } else if (text == "jsonl" || text == "json" || text == "ndjson") {
    *format = ImportFormat::kJsonl;
  } else {
    return false;
  }
  return true;
}

namespace {

using Clock = std::chrono::steady_clock;

enum class Role { kProperty, kId, kLabel, kStartId, kEndId, kType, kIgnore };
enum class Scalar { kString, kInt, kDouble, kBool };

struct Column {
  Role role = Role::kProperty;
  std::string name;  // property key; for kId the optional property name
  Scalar type = Scalar::kString;
  bool array = false;
  std::string id_space;
  std::string header;  // the header field as written
};

struct FileSpec {
  std::string path;
  std::vector<std::string> labels;  // node files: added to every row
  std::string type;                 // rel files: default type
  bool jsonl = false;
  uint64_t size = 0;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Quoted, shortened form of a value for messages.
std::string Excerpt(std::string_view text) {
  std::string out = "'";
  size_t n = 0;
  for (char c : text) {
    if (++n > 40) {
      out += "...";
      break;
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Parses one header field. Returns false with `error` set when it names no
// known role or type.
bool ParseColumn(std::string_view text, Column* col, std::string* error) {
  col->header = std::string(text);
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    col->role = Role::kProperty;
    col->name = std::string(text);
    col->type = Scalar::kString;
  } else {
    col->name = std::string(text.substr(0, colon));
    std::string_view spec = text.substr(colon + 1);
    auto id_with_space = [&](std::string_view keyword, Role role) -> bool {
      if (!StartsWithIgnoreCase(spec, keyword)) return false;
      std::string_view rest = spec.substr(keyword.size());
      if (rest.empty()) {
        col->role = role;
        return true;
      }
      if (rest.front() == '(' && rest.back() == ')' && rest.size() >= 2) {
        col->role = role;
        col->id_space = std::string(rest.substr(1, rest.size() - 2));
        return true;
      }
      return false;
    };
    if (id_with_space("START_ID", Role::kStartId) || id_with_space("END_ID", Role::kEndId) ||
        id_with_space("ID", Role::kId)) {
      // role set
    } else if (EqualsIgnoreCase(spec, "LABEL")) {
      col->role = Role::kLabel;
    } else if (EqualsIgnoreCase(spec, "TYPE")) {
      col->role = Role::kType;
    } else if (EqualsIgnoreCase(spec, "IGNORE")) {
      col->role = Role::kIgnore;
    } else {
      col->role = Role::kProperty;
      std::string_view type = spec;
      if (type.size() > 2 && type.substr(type.size() - 2) == "[]") {
        col->array = true;
        type.remove_suffix(2);
      }
      if (EqualsIgnoreCase(type, "int") || EqualsIgnoreCase(type, "long") ||
          EqualsIgnoreCase(type, "short") || EqualsIgnoreCase(type, "byte")) {
        col->type = Scalar::kInt;
      } else if (EqualsIgnoreCase(type, "float") || EqualsIgnoreCase(type, "double")) {
        col->type = Scalar::kDouble;
      } else if (EqualsIgnoreCase(type, "boolean") || EqualsIgnoreCase(type, "bool")) {
        col->type = Scalar::kBool;
      } else if (EqualsIgnoreCase(type, "string") || EqualsIgnoreCase(type, "char")) {
        col->type = Scalar::kString;
      } else {
        *error = "unknown column type '" + std::string(spec) + "' in header field '" +
                 std::string(text) +
                 "' (expected int, long, float, double, boolean, string, an array of "
                 "those like int[], or ID, LABEL, START_ID, END_ID, TYPE, IGNORE)";
        return false;
      }
    }
  }
  if (col->role == Role::kProperty && col->name.empty()) {
    *error = "empty property name in header field '" + std::string(text) + "'";
    return false;
  }
  return true;
}

const char* ExpectedFor(Scalar type) {
  switch (type) {
    case Scalar::kInt:
      return "an integer";
    case Scalar::kDouble:
      return "a number";
    case Scalar::kBool:
      return "a boolean (true or false)";
    case Scalar::kString:
      return "a string";
  }
  return "a value";
}

bool ParseScalar(std::string_view text, Scalar type, PropertyValue* out) {
  switch (type) {
    case Scalar::kString:
      *out = PropertyValue(std::string(text));
      return true;
    case Scalar::kInt: {
      std::string_view t = Trim(text);
      if (!t.empty() && t.front() == '+') t.remove_prefix(1);
      int64_t v = 0;
      auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) return false;
      *out = PropertyValue(v);
      return true;
    }
    case Scalar::kDouble: {
      std::string_view t = Trim(text);
      if (!t.empty() && t.front() == '+') t.remove_prefix(1);
      double v = 0;
      auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) return false;
      *out = PropertyValue(v);
      return true;
    }
    case Scalar::kBool: {
      std::string_view t = Trim(text);
      if (EqualsIgnoreCase(t, "true")) {
        *out = PropertyValue(true);
      } else if (EqualsIgnoreCase(t, "false")) {
        *out = PropertyValue(false);
      } else {
        return false;
      }
      return true;
    }
  }
  return false;
}

// Owns the bytes of the external ids kept in the id maps.
class StringArena {
 public:
  std::string_view Copy(std::string_view text) {
    if (text.size() > remaining_) {
      // Blocks grow from 4 KiB to kBlockSize, so a small import stays small;
      // their bytes are never read before they are written.
      next_block_ = std::min(kBlockSize, next_block_ * 2);
      size_t size = std::max<size_t>(next_block_, text.size());
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
      next_ = blocks_.back().get();
      remaining_ = size;
    }
    char* dst = next_;
    if (!text.empty()) std::memcpy(dst, text.data(), text.size());
    next_ += text.size();
    remaining_ -= text.size();
    return std::string_view(dst, text.size());
  }

 private:
  static constexpr size_t kBlockSize = 1 << 20;
  size_t next_block_ = 2048;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t remaining_ = 0;
};

using IdSpace = std::unordered_map<std::string_view, NodeId>;

class Progress {
 public:
  Progress(bool enabled, uint64_t total_bytes)
      : enabled_(enabled && isatty(2) == 1), total_bytes_(total_bytes), start_(Clock::now()) {}

  void Update(uint64_t rows, uint64_t bytes_done) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double rate = elapsed > 0 ? static_cast<double>(rows) / elapsed : 0;
    double fraction = total_bytes_ > 0 ? static_cast<double>(bytes_done) / total_bytes_ : 1;
    if (fraction > 1) fraction = 1;
    char eta[32] = "?";
    if (fraction > 0.001) {
      std::snprintf(eta, sizeof eta, "%.0fs", elapsed / fraction - elapsed);
    }
    std::fprintf(stderr, "\rimport: %llu rows  %.0f rows/s  %3.0f%%  ETA %s   ",
                 static_cast<unsigned long long>(rows), rate, fraction * 100, eta);
    std::fflush(stderr);
    shown_ = true;
  }

  // Replaces the line with `text` (e.g. while the loader writes files).
  void Message(const std::string& text) {
    if (!enabled_) return;
    std::fprintf(stderr, "\r%-70s", text.c_str());
    std::fflush(stderr);
    shown_ = true;
  }

  void Finish() {
    if (shown_) {
      std::fprintf(stderr, "\r%*s\r", 70, "");
      std::fflush(stderr);
    }
  }

 private:
  bool enabled_;
  uint64_t total_bytes_;
  Clock::time_point start_;
  Clock::time_point last_{};
  bool shown_ = false;
};

class Importer {
 public:
  Importer(storage::Store& store, const ImportOptions& options)
      : store_(store), options_(options) {}

  ~Importer() {
    if (report_ != nullptr) std::fclose(report_);
  }

  Result<ImportStats> Run();

 private:
  Status ResolveFiles();
  Status ImportCsv(const FileSpec& spec, bool nodes);
  Status ImportJsonl(const FileSpec& spec, bool nodes_pass);
  // A bad row: skipped (Ok) while the budget lasts, else the import's error.
  Status BadRow(const std::string& path, uint64_t line, uint64_t column, const std::string& message,
                std::string_view raw);
  Status OpenReport();
  void Tick(uint64_t bytes_in_file) {
    if ((++rows_ & 0xFFF) == 0) progress_->Update(rows_, bytes_done_ + bytes_in_file);
  }

  IdSpace& Space(const std::string& name) { return spaces_[name]; }

  storage::Store& store_;
  const ImportOptions& options_;
  std::vector<FileSpec> node_specs_;
  std::vector<FileSpec> rel_specs_;
  std::unique_ptr<BulkLoader> loader_;
  std::unordered_map<std::string, IdSpace> spaces_;
  StringArena arena_;
  ImportStats stats_;
  std::unique_ptr<Progress> progress_;
  uint64_t rows_ = 0;
  uint64_t bytes_done_ = 0;
  std::string report_path_;
  FILE* report_ = nullptr;
  // Lines of JSONL files found bad in the node pass, keyed by path; the
  // relationship pass does not report them again.
  std::unordered_map<std::string, std::vector<uint64_t>> jsonl_bad_lines_;
};

Status Importer::ResolveFiles() {
  auto is_jsonl = [&](const std::string& path) {
    if (options_.format == ImportFormat::kJsonl) return true;
    if (options_.format == ImportFormat::kCsv) return false;
    std::string ext = std::filesystem::path(path).extension().string();
    return ext == ".jsonl" || ext == ".ndjson" || ext == ".json";
  };
  auto split = [](const std::string& spec, std::string* prefix, std::string* path) {
    size_t eq = spec.find('=');
    if (eq != std::string::npos && eq > 0 && spec.substr(0, eq).find('/') == std::string::npos) {
      *prefix = spec.substr(0, eq);
      *path = spec.substr(eq + 1);
    } else {
      prefix->clear();
      *path = spec;
    }
  };
  for (const std::string& text : options_.node_files) {
    FileSpec spec;
    std::string prefix;
    split(text, &prefix, &spec.path);
    size_t begin = 0;
    while (begin <= prefix.size() && !prefix.empty()) {
      size_t end = prefix.find(':', begin);
      if (end == std::string::npos) end = prefix.size();
      if (end > begin) spec.labels.push_back(prefix.substr(begin, end - begin));
      begin = end + 1;
    }
    spec.jsonl = is_jsonl(spec.path);
    node_specs_.push_back(std::move(spec));
  }
  for (const std::string& text : options_.rel_files) {
    FileSpec spec;
    split(text, &spec.type, &spec.path);
    spec.jsonl = is_jsonl(spec.path);
    rel_specs_.push_back(std::move(spec));
  }
  for (auto* list : {&node_specs_, &rel_specs_}) {
    for (FileSpec& spec : *list) {
      std::error_code ec;
      auto size = std::filesystem::file_size(spec.path, ec);
      if (ec) {
        return Status::Error(StatusCode::kIOError, spec.path + ": cannot open: " + ec.message());
      }
      spec.size = size;
    }
  }
  return Status::Ok();
}

Status Importer::OpenReport() {
  if (report_ != nullptr) return Status::Ok();
  report_path_ = options_.bad_rows_report;
  if (report_path_.empty()) {
    std::filesystem::path db(store_.path());
    if (db.filename().empty()) db = db.parent_path();
    std::filesystem::path parent = db.parent_path();
    if (parent.empty()) parent = ".";
    report_path_ = (parent / "import-bad-rows.txt").string();
  }
  report_ = std::fopen(report_path_.c_str(), "w");
  if (report_ == nullptr) {
    return Status::Error(
        StatusCode::kIOError,
        report_path_ + ": cannot write the bad rows report: " + std::strerror(errno));
  }
  stats_.bad_rows_report = report_path_;
  return Status::Ok();
}

Status Importer::BadRow(const std::string& path, uint64_t line, uint64_t column,
                        const std::string& message, std::string_view raw) {
  std::string where = path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  if (stats_.bad_rows_skipped >= options_.skip_bad_rows) {
    std::string text = where + message;
    if (options_.skip_bad_rows > 0) {
      text += " (more than " + std::to_string(options_.skip_bad_rows) + " bad rows)";
    }
    return Status::Error(StatusCode::kInvalidArgument, text);
  }
  Status s = OpenReport();
  if (!s.ok()) return s;
  std::string escaped;
  escaped.reserve(raw.size());
  for (char c : raw) {
    if (c == '\n') {
      escaped += "\\n";
    } else if (c == '\r') {
      escaped += "\\r";
    } else {
      escaped += c;
    }
  }
  std::fprintf(report_, "%s%s\n\t%s\n", where.c_str(), message.c_str(), escaped.c_str());
  ++stats_.bad_rows_skipped;
  return Status::Ok();
}

Status Importer::ImportCsv(const FileSpec& spec, bool nodes) {
  MappedFile file;
  Status s = file.Open(spec.path);
  if (!s.ok()) return s;
  CsvScanner scanner(file.data(), options_.delimiter);
  std::vector<CsvField> fields;
  const std::string& path = spec.path;
  auto header_error = [&](size_t offset, const std::string& message) {
    uint64_t line, column;
    scanner.Locate(offset, &line, &column);
    return Status::Error(StatusCode::kInvalidArgument, path + ":" + std::to_string(line) + ":" +
                                                           std::to_string(column) + ": " + message);
  };
  auto result = scanner.Next(&fields);
  if (result == CsvScanner::ReadResult::kEnd) {
    return Status::Error(StatusCode::kInvalidArgument,
                         path + ":1:1: expected a header line, found an empty file");
  }
  if (result == CsvScanner::ReadResult::kError) {
    return header_error(scanner.error_offset(), scanner.error_message());
  }
  size_t bad_utf8 = FindInvalidUtf8(
      scanner.data().substr(scanner.record_begin(), scanner.record_end() - scanner.record_begin()));
  if (bad_utf8 != std::string_view::npos) {
    return header_error(scanner.record_begin() + bad_utf8, "invalid UTF-8 in the header");
  }
  std::vector<Column> columns(fields.size());
  int id_col = -1, label_col = -1, start_col = -1, end_col = -1, type_col = -1;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string error;
    if (!ParseColumn(fields[i].text, &columns[i], &error)) {
      return header_error(fields[i].offset, error);
    }
    Column& col = columns[i];
    auto once = [&](int* slot, const char* what) -> std::optional<Status> {
      if (*slot >= 0) {
        return header_error(fields[i].offset, std::string("more than one ") + what + " column");
      }
      *slot = static_cast<int>(i);
      return std::nullopt;
    };
    std::optional<Status> err;
    switch (col.role) {
      case Role::kId:
        err = once(&id_col, ":ID");
        break;
      case Role::kLabel:
        err = once(&label_col, ":LABEL");
        break;
      case Role::kStartId:
        err = once(&start_col, ":START_ID");
        break;
      case Role::kEndId:
        err = once(&end_col, ":END_ID");
        break;
      case Role::kType:
        err = once(&type_col, ":TYPE");
        break;
      default:
        break;
    }
    if (err) return *err;
    bool stores_property =
        col.role == Role::kProperty || (col.role == Role::kId && !col.name.empty());
    if (stores_property) {
      for (size_t j = 0; j < i; ++j) {
        bool other = columns[j].role == Role::kProperty ||
                     (columns[j].role == Role::kId && !columns[j].name.empty());
        if (other && columns[j].name == col.name) {
          return header_error(fields[i].offset,
                              "property '" + col.name + "' appears in two header columns");
        }
      }
    }
    if (nodes &&
        (col.role == Role::kStartId || col.role == Role::kEndId || col.role == Role::kType)) {
      return header_error(fields[i].offset, "'" + col.header +
                                                "' is a relationship column, but this is a "
                                                "node file (expected :ID, :LABEL or properties)");
    }
    if (!nodes && (col.role == Role::kId || col.role == Role::kLabel)) {
      return header_error(fields[i].offset, "'" + col.header +
                                                "' is a node column, but this is a relationship "
                                                "file (expected :START_ID, :END_ID, :TYPE or "
                                                "properties)");
    }
  }
  if (!nodes) {
    size_t end_offset = scanner.record_end();
    if (start_col < 0) return header_error(end_offset, "expected a :START_ID column in the header");
    if (end_col < 0) return header_error(end_offset, "expected an :END_ID column in the header");
    if (type_col < 0 && spec.type.empty()) {
      return header_error(end_offset,
                          "expected a :TYPE column in the header (or a default type: TYPE=file)");
    }
  }
  // Interned property keys and per-column id spaces.
  IdSpace* id_space = id_col >= 0 ? &Space(columns[id_col].id_space) : nullptr;
  // Rows are rarely shorter than 16 bytes; reserving avoids rehashing.
  if (id_space != nullptr) id_space->reserve(id_space->size() + file.size() / 16);
  IdSpace* start_space = start_col >= 0 ? &Space(columns[start_col].id_space) : nullptr;
  IdSpace* end_space = end_col >= 0 ? &Space(columns[end_col].id_space) : nullptr;
  std::string current_type;  // reused while consecutive rows share a type
  const std::string default_type = spec.type;

  const char array_delim = options_.array_delimiter;
  std::vector<std::string> labels;
  PropertyMap properties;
  std::string rel_type;
  const std::string_view data = scanner.data();

  for (;;) {
    result = scanner.Next(&fields);
    if (result == CsvScanner::ReadResult::kEnd) break;
    if (result == CsvScanner::ReadResult::kError) {
      uint64_t line, column;
      scanner.LocateInRecord(scanner.error_offset(), &line, &column);
      // The scanner resumes at the line after the error: the bad row is
      // the record up to there.
      s = BadRow(path, line, column, scanner.error_message(),
                 data.substr(scanner.record_begin(),
                             scanner.record_end() - scanner.record_begin()));
      if (!s.ok()) return s;
      continue;
    }
    Tick(scanner.position());
    std::string_view raw =
        data.substr(scanner.record_begin(), scanner.record_end() - scanner.record_begin());
    auto bad = [&](size_t offset, const std::string& message) {
      uint64_t line, column;
      scanner.LocateInRecord(offset, &line, &column);
      return BadRow(path, line, column, message, raw);
    };
    if (fields.size() != columns.size()) {
      size_t offset =
          fields.size() > columns.size() ? fields[columns.size()].offset : scanner.record_end();
      s = bad(offset, "expected " + std::to_string(columns.size()) + " fields, found " +
                          std::to_string(fields.size()));
      if (!s.ok()) return s;
      continue;
    }
    size_t invalid = FindInvalidUtf8(raw);
    if (invalid != std::string_view::npos) {
      size_t at = scanner.record_begin() + invalid;
      size_t field_idx = 0;
      while (field_idx + 1 < fields.size() && fields[field_idx + 1].offset <= at) ++field_idx;
      s = bad(fields[field_idx].offset, "invalid UTF-8 in field " + std::to_string(field_idx + 1) +
                                            " ('" + columns[field_idx].header + "')");
      if (!s.ok()) return s;
      continue;
    }
    properties.clear();
    bool row_ok = true;
    for (size_t i = 0; i < columns.size() && row_ok; ++i) {
      const Column& col = columns[i];
      const CsvField& f = fields[i];
      if (col.role != Role::kProperty) continue;
      if (f.text.empty()) {
        if (f.quoted) {
          if (col.array) {
            properties.emplace(col.name, PropertyValue(PropertyList{}));
          } else if (col.type == Scalar::kString) {
            properties.emplace(col.name, PropertyValue(std::string()));
          }
        }
        continue;
      }
      if (!col.array) {
        PropertyValue v;
        if (!ParseScalar(f.text, col.type, &v)) {
          s = bad(f.offset, std::string("expected ") + ExpectedFor(col.type) + " for column '" +
                                col.header + "', found " + Excerpt(f.text));
          row_ok = false;
          break;
        }
        properties.emplace(col.name, std::move(v));
        continue;
      }
      PropertyList list;
      size_t begin = 0;
      for (;;) {
        size_t end = f.text.find(array_delim, begin);
        if (end == std::string_view::npos) end = f.text.size();
        std::string_view element = f.text.substr(begin, end - begin);
        PropertyValue v;
        if (!ParseScalar(element, col.type, &v)) {
          s = bad(f.offset, std::string("expected ") + ExpectedFor(col.type) +
                                " for each element of column '" + col.header + "', found " +
                                Excerpt(element));
          row_ok = false;
          break;
        }
        list.push_back(std::move(v));
        if (end == f.text.size()) break;
        begin = end + 1;
      }
      if (!row_ok) break;
      properties.emplace(col.name, PropertyValue(std::move(list)));
    }
    // Fields under 1 MiB of text always fit the record codec (each array
    // element takes at least one byte of text); only longer ones are sized.
    for (size_t i = 0; i < columns.size() && row_ok; ++i) {
      if (fields[i].text.size() < (size_t{1} << 20) || columns[i].role != Role::kProperty) continue;
      auto it = properties.find(columns[i].name);
      if (it == properties.end()) continue;
      Status valid = storage::ValidatePropertyValue(columns[i].name, it->second);
      if (!valid.ok()) {
        s = bad(fields[i].offset, valid.message());
        row_ok = false;
      }
    }
    if (!row_ok) {
      if (!s.ok()) return s;
      continue;
    }
    if (nodes) {
      std::string_view ext_id;
      if (id_col >= 0) {
        const CsvField& f = fields[id_col];
        ext_id = f.text;
        if (ext_id.empty()) {
          s = bad(f.offset, "expected a node id in column '" + columns[id_col].header +
                                "', found an empty field");
          if (!s.ok()) return s;
          continue;
        }
        if (id_space->count(ext_id) > 0) {
          std::string space = columns[id_col].id_space;
          s = bad(f.offset, "duplicate node id " + Excerpt(ext_id) +
                                (space.empty() ? std::string() : " in ID space '" + space + "'") +
                                " (expected ids to be unique)");
          if (!s.ok()) return s;
          continue;
        }
        if (!columns[id_col].name.empty()) {
          properties.emplace(columns[id_col].name, PropertyValue(std::string(ext_id)));
        }
      }
      labels = spec.labels;
      if (label_col >= 0) {
        std::string_view text = fields[label_col].text;
        size_t begin = 0;
        while (begin <= text.size()) {
          size_t end = text.find(array_delim, begin);
          if (end == std::string_view::npos) end = text.size();
          if (end > begin) labels.emplace_back(text.substr(begin, end - begin));
          begin = end + 1;
        }
      }
      if (labels.size() > 1) {
        std::sort(labels.begin(), labels.end());
        labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
      }
      NodeId id = loader_->AddNode(labels, properties);
      if (id_col >= 0) id_space->emplace(arena_.Copy(ext_id), id);
      ++stats_.nodes;
    } else {
      const CsvField& fs = fields[start_col];
      const CsvField& fe = fields[end_col];
      auto lookup = [&](const CsvField& f, IdSpace* space, const Column& col,
                        NodeId* out) -> std::optional<std::string> {
        if (f.text.empty()) {
          return "expected a node id in column '" + col.header + "', found an empty field";
        }
        auto it = space->find(f.text);
        if (it == space->end()) {
          return "unknown node id " + Excerpt(f.text) +
                 (col.id_space.empty() ? std::string() : " in ID space '" + col.id_space + "'") +
                 " in column '" + col.header + "' (expected an id defined in a node file)";
        }
        *out = it->second;
        return std::nullopt;
      };
      NodeId src = 0, dst = 0;
      if (auto e = lookup(fs, start_space, columns[start_col], &src)) {
        s = bad(fs.offset, *e);
        if (!s.ok()) return s;
        continue;
      }
      if (auto e = lookup(fe, end_space, columns[end_col], &dst)) {
        s = bad(fe.offset, *e);
        if (!s.ok()) return s;
        continue;
      }
      std::string_view type = type_col >= 0 ? fields[type_col].text : std::string_view();
      if (type.empty()) type = default_type;
      if (type.empty()) {
        s = bad(fields[type_col].offset,
                "expected a relationship type in column ':TYPE', found an empty field");
        if (!s.ok()) return s;
        continue;
      }
      if (type != current_type) current_type.assign(type);
      loader_->AddRel(src, dst, current_type, properties);
      ++stats_.rels;
    }
  }
  bytes_done_ += file.size();
  return Status::Ok();
}

using Json = nlohmann::json;

// Deepest JSON a line may hold: the object, "properties", and a property's
// lists (storage::kMaxListNesting) with room to report the exact property.
constexpr int kMaxJsonLineNesting = storage::kMaxListNesting + 16;

// Converts a JSON property value. Returns false for objects and for integers
// beyond int64.
bool JsonToValue(const Json& j, PropertyValue* out, std::string* error) {
  switch (j.type()) {
    case Json::value_t::boolean:
      *out = PropertyValue(j.get<bool>());
      return true;
    case Json::value_t::number_integer:
      *out = PropertyValue(j.get<int64_t>());
      return true;
    case Json::value_t::number_unsigned: {
      uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(INT64_MAX)) {
        *error = "integer " + std::to_string(u) + " is beyond the 64-bit range";
        return false;
      }
      *out = PropertyValue(static_cast<int64_t>(u));
      return true;
    }
    case Json::value_t::number_float:
      *out = PropertyValue(j.get<double>());
      return true;
    case Json::value_t::string:
      *out = PropertyValue(j.get<std::string>());
      return true;
    case Json::value_t::array: {
      PropertyList list;
      for (const Json& e : j) {
        PropertyValue v;
        if (e.is_null()) {
          *error = "null inside a list";
          return false;
        }
        if (!JsonToValue(e, &v, error)) return false;
        list.push_back(std::move(v));
      }
      *out = PropertyValue(std::move(list));
      return true;
    }
    default:
      *error = std::string("a ") + j.type_name() + " value";
      return false;
  }
}

// The text of an id: a string, an integer, or an object with an "id".
bool JsonId(const Json& j, std::string* out) {
  if (j.is_string()) {
    *out = j.get<std::string>();
    return !out->empty();
  }
  if (j.is_number_integer()) {
    *out = j.dump();
    return true;
  }
  if (j.is_object()) {
    auto it = j.find("id");
    if (it != j.end() && !it->is_object()) return JsonId(*it, out);
  }
  return false;
}

Status Importer::ImportJsonl(const FileSpec& spec, bool nodes_pass) {
  MappedFile file;
  Status s = file.Open(spec.path);
  if (!s.ok()) return s;
  std::string_view data = file.data();
  const std::string& path = spec.path;
  std::vector<uint64_t>& bad_lines = jsonl_bad_lines_[path];
  size_t bad_idx = 0;
  IdSpace& space = Space("");
  std::vector<std::string> labels;
  PropertyMap properties;
  size_t pos = 0;
  if (data.size() >= 3 && static_cast<unsigned char>(data[0]) == 0xEF) pos = 3;
  uint64_t line = 0;
  while (pos < data.size()) {
    ++line;
    size_t nl = data.find('\n', pos);
    size_t end = nl == std::string_view::npos ? data.size() : nl;
    size_t line_begin = pos;
    pos = nl == std::string_view::npos ? data.size() : nl + 1;
    std::string_view text = data.substr(line_begin, end - line_begin);
    if (Trim(text).empty() || (Trim(text) == "\r")) continue;
    Tick(pos);
    // Reports a problem; `offset` is a byte offset into the line.
    auto bad = [&](size_t offset, const std::string& message) {
      if (!nodes_pass) return Status::Ok();
      bad_lines.push_back(line);
      return BadRow(path, line, CharColumn(data, line_begin, line_begin + offset), message, text);
    };
    if (!nodes_pass && bad_idx < bad_lines.size() && bad_lines[bad_idx] == line) {
      ++bad_idx;
      continue;
    }
    size_t too_deep = FindJsonNestingOverflow(text, kMaxJsonLineNesting);
    if (too_deep != std::string_view::npos) {
      s = bad(too_deep, "JSON nested more than " + std::to_string(kMaxJsonLineNesting) +
                            " levels deep (a property holds lists nested at most " +
                            std::to_string(storage::kMaxListNesting) + " levels deep)");
      if (!s.ok()) return s;
      continue;
    }
    Json j;
    try {
      j = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
      std::string what = e.what();
      size_t colon = what.find("syntax error");
      if (colon == std::string::npos) colon = what.find("] ");
      std::string message = colon == std::string::npos ? what : what.substr(colon);
      size_t offset = e.byte > 0 ? e.byte - 1 : 0;
      if (offset > text.size()) offset = text.size();
      s = bad(offset, "invalid JSON: " + message);
      if (!s.ok()) return s;
      continue;
    } catch (const Json::exception& e) {
      // A number beyond the double range ("1E999"): out_of_range 406, which
      // quotes the number; the column is where it starts.
      std::string what = e.what();
      size_t bracket = what.find("] ");
      std::string message = bracket == std::string::npos ? what : what.substr(bracket + 2);
      size_t offset = 0;
      size_t quote = message.find('\'');
      if (quote != std::string::npos) {
        size_t close = message.find('\'', quote + 1);
        if (close != std::string::npos) {
          size_t at = text.find(message.substr(quote + 1, close - quote - 1));
          if (at != std::string_view::npos) offset = at;
        }
      }
      s = bad(offset, "invalid JSON: " + message);
      if (!s.ok()) return s;
      continue;
    }
    if (!j.is_object()) {
      s = bad(0, "expected a JSON object per line");
      if (!s.ok()) return s;
      continue;
    }
    auto type_it = j.find("type");
    std::string kind =
        type_it != j.end() && type_it->is_string() ? type_it->get<std::string>() : "";
    bool is_node = kind == "node";
    bool is_rel = kind == "relationship" || kind == "rel" || kind == "edge";
    if (!is_node && !is_rel) {
      s = bad(0, "expected \"type\": \"node\" or \"relationship\"");
      if (!s.ok()) return s;
      continue;
    }
    if (is_node != nodes_pass) continue;
    properties.clear();
    auto props_it = j.find("properties");
    if (props_it != j.end() && !props_it->is_null()) {
      if (!props_it->is_object()) {
        s = BadRow(path, line, 1, "expected \"properties\" to be an object", text);
        if (!s.ok()) return s;
        continue;
      }
      bool ok = true;
      for (auto it = props_it->begin(); it != props_it->end(); ++it) {
        if (it->is_null()) continue;
        PropertyValue v;
        std::string error;
        if (!JsonToValue(*it, &v, &error)) {
          // Node lines are checked in the node pass, relationship lines here.
          std::string message =
              "property '" + it.key() + "': expected a scalar or a list, found " + error;
          s = BadRow(path, line, 1, message, text);
          ok = false;
          break;
        }
        Status valid = storage::ValidatePropertyValue(it.key(), v);
        if (!valid.ok()) {
          s = BadRow(path, line, 1, valid.message(), text);
          ok = false;
          break;
        }
        properties.emplace(it.key(), std::move(v));
      }
      if (!ok) {
        if (!s.ok()) return s;
        continue;
      }
    }
    // From here on, errors in the relationship pass are reported there.
    auto bad_here = [&](const std::string& message) {
      return BadRow(path, line, 1, message, text);
    };
    if (is_node) {
      std::string ext_id;
      auto id_it = j.find("id");
      if (id_it == j.end() || !JsonId(*id_it, &ext_id)) {
        s = bad_here("expected a node \"id\" (a non-empty string or an integer)");
        if (!s.ok()) return s;
        continue;
      }
      if (space.count(ext_id) > 0) {
        s = bad_here("duplicate node id " + Excerpt(ext_id) + " (expected ids to be unique)");
        if (!s.ok()) return s;
        continue;
      }
      labels = spec.labels;
      auto labels_it = j.find("labels");
      bool ok = true;
      if (labels_it != j.end() && !labels_it->is_null()) {
        if (!labels_it->is_array()) ok = false;
        for (const Json& l : *labels_it) {
          if (!l.is_string() || l.get<std::string>().empty()) {
            ok = false;
            break;
          }
          labels.push_back(l.get<std::string>());
        }
      }
      if (!ok) {
        s = bad_here("expected \"labels\" to be a list of non-empty strings");
        if (!s.ok()) return s;
        continue;
      }
      std::sort(labels.begin(), labels.end());
      labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
      NodeId id = loader_->AddNode(labels, properties);
      space.emplace(arena_.Copy(ext_id), id);
      ++stats_.nodes;
    } else {
      std::string start, end_id;
      auto start_it = j.find("start");
      auto end_it = j.find("end");
      if (start_it == j.end() || !JsonId(*start_it, &start)) {
        s = bad_here("expected \"start\": the id of the start node");
        if (!s.ok()) return s;
        continue;
      }
      if (end_it == j.end() || !JsonId(*end_it, &end_id)) {
        s = bad_here("expected \"end\": the id of the end node");
        if (!s.ok()) return s;
        continue;
      }
      auto src = space.find(start);
      if (src == space.end()) {
        s = bad_here("unknown node id " + Excerpt(start) +
                     " in \"start\" (expected an id defined by a node line)");
        if (!s.ok()) return s;
        continue;
      }
      auto dst = space.find(end_id);
      if (dst == space.end()) {
        s = bad_here("unknown node id " + Excerpt(end_id) +
                     " in \"end\" (expected an id defined by a node line)");
        if (!s.ok()) return s;
        continue;
      }
      std::string type;
      auto label_it = j.find("label");
      if (label_it != j.end() && label_it->is_string()) type = label_it->get<std::string>();
      if (type.empty()) type = spec.type;
      if (type.empty()) {
        s = bad_here("expected \"label\": the relationship type");
        if (!s.ok()) return s;
        continue;
      }
      loader_->AddRel(src->second, dst->second, type, properties);
      ++stats_.rels;
    }
  }
  bytes_done_ += file.size();
  return Status::Ok();
}

Result<ImportStats> Importer::Run() {
  auto start = Clock::now();
  Status s = ResolveFiles();
  if (!s.ok()) return s;
  uint64_t total = 0;
  std::vector<const FileSpec*> jsonl;
  for (auto* list : {&node_specs_, &rel_specs_}) {
    for (const FileSpec& spec : *list) {
      stats_.bytes_read += spec.size;
      total += spec.jsonl ? 2 * spec.size : spec.size;
      bool seen = std::any_of(jsonl.begin(), jsonl.end(),
                              [&](const FileSpec* other) { return other->path == spec.path; });
      if (spec.jsonl && !seen) jsonl.push_back(&spec);
    }
  }
  progress_ = std::make_unique<Progress>(options_.progress, total);
  auto loader = store_.BeginBulkLoad();
  if (!loader.ok()) return loader.status();
  loader_ = std::move(loader).value();
  auto fail = [&](Status status) -> Result<ImportStats> {
    loader_->Abort();
    progress_->Finish();
    return status;
  };
  for (const FileSpec& spec : node_specs_) {
    if (spec.jsonl) continue;
    s = ImportCsv(spec, /*nodes=*/true);
    if (!s.ok()) return fail(s);
  }
  for (const FileSpec* spec : jsonl) {
    s = ImportJsonl(*spec, /*nodes_pass=*/true);
    if (!s.ok()) return fail(s);
  }
  for (const FileSpec& spec : rel_specs_) {
    if (spec.jsonl) continue;
    s = ImportCsv(spec, /*nodes=*/false);
    if (!s.ok()) return fail(s);
  }
  for (const FileSpec* spec : jsonl) {
    s = ImportJsonl(*spec, /*nodes_pass=*/false);
    if (!s.ok()) return fail(s);
  }
  if (options_.validate_only) {
    loader_->Abort();
    progress_->Finish();
    stats_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return stats_;
  }
  progress_->Message("import: " + std::to_string(rows_) + " rows read; writing the database");
  s = loader_->Finish();
  progress_->Finish();
  if (!s.ok()) {
    loader_->Abort();
    return s;
  }
  if (report_ != nullptr) {
    std::fclose(report_);
    report_ = nullptr;
  }
  stats_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return stats_;
}

}  // namespace

Result<ImportStats> Import(storage::Store& store, const ImportOptions& options) {
  if (options.node_files.empty() && options.rel_files.empty()) {
    return Status::Error(StatusCode::kInvalidArgument, "import: no input files given");
  }
  if (options.delimiter == options.array_delimiter || options.delimiter == '"' ||
      options.delimiter == '\n' || options.delimiter == '\r') {
    return Status::Error(StatusCode::kInvalidArgument,
                         "import: the delimiter must differ from the array delimiter, '\"' and "
                         "line breaks");
  }
  Importer importer(store, options);
  return importer.Run();
}

}  // namespace ecograph::graph::io
