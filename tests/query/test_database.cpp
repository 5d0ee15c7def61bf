#include "tests/query/test_database.h"

#include <unistd.h>

#include <atomic>
#include <stdexcept>

namespace ecograph::query::testing {

TestDatabase::TestDatabase() {
  static std::atomic<int> counter{0};
  dir_ = std::filesystem::temp_directory_path() /
         ("ecograph-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir_);
  Open();
}

TestDatabase::~TestDatabase() {
  Close();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void TestDatabase::Open() {
  auto opened = storage::Store::Open(dir_.string(), {});
  if (!opened.ok()) {
    throw std::runtime_error("cannot open test store: " + opened.status().ToString());
  }
  store_ = std::move(opened).value();
  cache_ = std::make_unique<graph::TopologyCache>(*store_);
  engine_ = std::make_unique<QueryEngine>(*store_, *cache_);
}

void TestDatabase::Close() {
  engine_.reset();
  cache_.reset();
  store_.reset();
}

void TestDatabase::Reopen() {
  Close();
  Open();
}

std::string TestDatabase::RunScript(const std::string& script) {
  for (const std::string& statement : QueryEngine::SplitStatements(script)) {
    QueryOutcome outcome = engine_->Execute(statement);
    if (!outcome.ok()) return FormatError(*outcome.error, statement);
  }
  return "";
}

std::string ErrorFirstLine(const QueryError& error, const std::string& text) {
  std::string formatted = FormatError(error, text);
  return formatted.substr(0, formatted.find('\n'));
}

}  // namespace ecograph::query::testing
