#include "storage/info_log.h"

#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <mutex>

namespace ecograph::storage {

namespace fs = std::filesystem;

namespace {

class StdioLogger final : public rocksdb::Logger {
 public:
  explicit StdioLogger(FILE* file) : rocksdb::Logger(rocksdb::InfoLogLevel::INFO_LEVEL), file_(file) {}
  ~StdioLogger() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    std::lock_guard lock(mu_);
    if (file_ == nullptr) return;
    // Once a write fails (disk full, I/O error) the log is abandoned: it is
    // informational, and nothing may fail because of it.
    if (std::vfprintf(file_, format, ap) < 0 || std::fputc('\n', file_) == EOF ||
        std::fflush(file_) != 0) {
      std::fclose(file_);
      file_ = nullptr;
    }
  }

 private:
  std::mutex mu_;
  FILE* file_;  // null once abandoned
};

}  // namespace

std::shared_ptr<rocksdb::Logger> NullInfoLog() { return std::make_shared<StdioLogger>(nullptr); }

std::shared_ptr<rocksdb::Logger> OpenInfoLog(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().starts_with("LOG.old.")) {
      std::error_code remove_ec;
      fs::remove(entry.path(), remove_ec);
    }
  }
  fs::path log = fs::path(dir) / "LOG";
  fs::rename(log, fs::path(dir) / "LOG.old", ec);
  return std::make_shared<StdioLogger>(std::fopen(log.c_str(), "w"));
}

}  // namespace ecograph::storage
