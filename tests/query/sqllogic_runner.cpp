// Runner for the plain-text query tests (tests/queries/**/*.test; format in
// tests/queries/README.md). Each file given on the command line (or every
// .test file under a directory given) becomes one gtest, run against a fresh
// temporary database.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/query/test_database.h"

namespace ecograph::query::testing {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// One cell of a result row: top-level strings raw (tab, newline and
// backslash escaped as \t, \n, \\; the empty string as "(empty)"), null as
// NULL, everything else Value::ToDisplayString().
std::string RenderCell(const Value& value) {
  if (value.is_null()) return "NULL";
  if (value.type() == ValueType::kString) {
    const std::string& text = value.as_string();
    if (text.empty()) return "(empty)";
    std::string out;
    for (char c : text) {
      if (c == '\t') {
        out += "\\t";
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\\') {
        out += "\\\\";
      } else {
        out += c;
      }
    }
    return out;
  }
  return value.ToDisplayString();
}

std::string RenderRow(const std::vector<Value>& row) {
  std::string out;
  for (size_t idx = 0; idx < row.size(); ++idx) {
    if (idx > 0) out += "\t";
    out += RenderCell(row[idx]);
  }
  return out;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// --record: rewrites each query's expected block with the actual output
// (for writing new tests; review the diff before keeping it).
bool g_record = false;

class TestFileRunner {
 public:
  TestFileRunner(std::filesystem::path path, std::filesystem::path data_dir)
      : path_(std::move(path)),
        data_dir_(std::move(data_dir)),
        lines_(SplitLines(ReadFile(path_))) {}

  void Run() {
    TestDatabase database;
    database_ = &database;
    size_t idx = 0;
    while (idx < lines_.size()) {
      const std::string& line = lines_[idx];
      if (line.empty() || line[0] == '#') {
        ++idx;
        continue;
      }
      size_t record_line = idx + 1;
      std::string where = path_.filename().string() + ":" + std::to_string(record_line);
      if (StartsWith(line, "load ")) {
        std::filesystem::path script = data_dir_ / "tiny" / (line.substr(5) + ".cypher");
        if (!std::filesystem::exists(script)) {
          ADD_FAILURE() << where << ": dataset not found: " << script;
        } else {
          std::string error = database.RunScript(ReadFile(script));
          EXPECT_EQ(error, "") << where << ": loading " << script;
        }
        ++idx;
      } else if (line == "reopen") {
        database.Reopen();
        ++idx;
      } else if (StartsWith(line, "statement ") || StartsWith(line, "query")) {
        idx = RunRecord(idx, where);
      } else {
        ADD_FAILURE() << where << ": unknown directive '" << line << "'";
        ++idx;
      }
    }
    if (g_record) WriteRecorded();
  }

 private:
  struct Replacement {
    size_t begin, end;  // lines [begin, end) replaced
    std::vector<std::string> lines;
  };

  void WriteRecorded() {
    std::vector<std::string> out;
    size_t next = 0;
    for (const auto& replacement : replacements_) {
      out.insert(out.end(), lines_.begin() + next, lines_.begin() + replacement.begin);
      out.insert(out.end(), replacement.lines.begin(), replacement.lines.end());
      next = replacement.end;
    }
    out.insert(out.end(), lines_.begin() + next, lines_.end());
    std::ofstream file(path_, std::ios::binary);
    for (const auto& line : out) file << line << "\n";
  }

  // Records the actual output of the record whose query ends at
  // query_end (the "----" line or the blank line after the query).
  void Record(size_t query_end, size_t record_end, std::vector<std::string> actual) {
    Replacement replacement{query_end, record_end, {}};
    replacement.lines.push_back("----");
    replacement.lines.insert(replacement.lines.end(), actual.begin(), actual.end());
    replacements_.push_back(std::move(replacement));
  }

  // Runs the record starting at lines_[idx]; returns the index after it.
  size_t RunRecord(size_t idx, const std::string& where) {
    std::string header = lines_[idx++];
    std::istringstream words(header);
    std::string kind, mode;
    words >> kind >> mode;
    bool expect_error = mode == "error";
    bool rowsort = false, columns = false;
    for (std::string word = mode; !word.empty(); word.clear(), words >> word) {
      if (word == "rowsort") rowsort = true;
      if (word == "columns") columns = true;
    }
    std::vector<std::string> query_lines;
    while (idx < lines_.size() && !lines_[idx].empty() && lines_[idx] != "----") {
      query_lines.push_back(lines_[idx++]);
    }
    size_t query_end = idx;
    std::vector<std::string> expected;
    bool has_expected = false;
    if (idx < lines_.size() && lines_[idx] == "----") {
      has_expected = true;
      ++idx;
      while (idx < lines_.size() && !lines_[idx].empty()) expected.push_back(lines_[idx++]);
    }
    std::string query;
    for (size_t line_idx = 0; line_idx < query_lines.size(); ++line_idx) {
      query += (line_idx ? "\n" : "") + query_lines[line_idx];
    }
    ++records_;
    QueryOptions options;
    options.timeout = std::chrono::milliseconds(20'000);
    QueryOutcome outcome = database_->engine().Execute(query, {}, options);
    std::string context = where + ":\n" + query + "\n";
    if (g_record && kind == "query") {
      std::vector<std::string> recorded;
      if (!outcome.ok()) {
        recorded.push_back(ErrorFirstLine(*outcome.error, query));
      } else if (!expect_error) {
        if (columns) {
          std::string header_line;
          for (size_t col = 0; col < outcome.result->columns.size(); ++col) {
            header_line += (col ? "\t" : "") + outcome.result->columns[col];
          }
          recorded.push_back(header_line);
        }
        std::vector<std::string> rows;
        for (const auto& row : outcome.result->rows) rows.push_back(RenderRow(row));
        if (rowsort) std::sort(rows.begin(), rows.end());
        recorded.insert(recorded.end(), rows.begin(), rows.end());
      }
      Record(query_end, idx, recorded);
    }
    if (expect_error) {
      if (outcome.ok()) {
        ADD_FAILURE() << context << "expected an error, but the query succeeded";
      } else if (has_expected) {
        std::string actual = ErrorFirstLine(*outcome.error, query);
        std::string wanted = expected.empty() ? "" : expected[0];
        EXPECT_EQ(actual, wanted) << context;
      }
      return idx;
    }
    if (!outcome.ok()) {
      ADD_FAILURE() << context << "unexpected error: " << FormatError(*outcome.error, query);
      return idx;
    }
    if (kind == "statement") return idx;
    std::vector<std::string> actual;
    if (columns) {
      std::string header_line;
      for (size_t col = 0; col < outcome.result->columns.size(); ++col) {
        header_line += (col ? "\t" : "") + outcome.result->columns[col];
      }
      actual.push_back(header_line);
    }
    std::vector<std::string> rows;
    for (const auto& row : outcome.result->rows) rows.push_back(RenderRow(row));
    std::vector<std::string> expected_rows(
        expected.begin() + (columns && !expected.empty() ? 1 : 0), expected.end());
    if (rowsort) {
      std::sort(rows.begin(), rows.end());
      std::sort(expected_rows.begin(), expected_rows.end());
    }
    actual.insert(actual.end(), rows.begin(), rows.end());
    std::vector<std::string> wanted;
    if (columns && !expected.empty()) wanted.push_back(expected[0]);
    wanted.insert(wanted.end(), expected_rows.begin(), expected_rows.end());
    EXPECT_EQ(Join(actual), Join(wanted)) << context;
    return idx;
  }

  std::filesystem::path path_;
  std::filesystem::path data_dir_;
  std::vector<std::string> lines_;
  TestDatabase* database_ = nullptr;
  int records_ = 0;
  std::vector<Replacement> replacements_;
};

class TestFile : public ::testing::Test {
 public:
  TestFile(std::filesystem::path path, std::filesystem::path data_dir)
      : path_(std::move(path)), data_dir_(std::move(data_dir)) {}
  void TestBody() override { TestFileRunner(path_, data_dir_).Run(); }

 private:
  std::filesystem::path path_;
  std::filesystem::path data_dir_;
};

}  // namespace
}  // namespace ecograph::query::testing

// Usage: query_file_test [gtest flags] [--record] [--data=<data dir>] <file.test | dir>...
int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  namespace fs = std::filesystem;
  fs::path data_dir = ECOGRAPH_DATA_DIR;
  std::vector<fs::path> files;
  for (int arg_idx = 1; arg_idx < argc; ++arg_idx) {
    std::string arg = argv[arg_idx];
    if (arg == "--record") {
      ecograph::query::testing::g_record = true;
    } else if (arg.rfind("--data=", 0) == 0) {
      data_dir = arg.substr(7);
    } else if (fs::is_directory(arg)) {
      for (const auto& entry : fs::recursive_directory_iterator(arg)) {
        if (entry.path().extension() == ".test") files.push_back(entry.path());
      }
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::string name = file.parent_path().filename().string() + "/" + file.stem().string();
    std::replace(name.begin(), name.end(), '-', '_');
    ::testing::RegisterTest("QueryFile", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            [file, data_dir]() -> ::testing::Test* {
                              return new ecograph::query::testing::TestFile(file, data_dir);
                            });
  }
  return RUN_ALL_TESTS();
}
