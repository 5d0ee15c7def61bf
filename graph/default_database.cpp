#include "graph/default_database.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#include "graph/io/importer.h"

#ifndef ECOGRAPH_SOURCE_DATA_DIR
#define ECOGRAPH_SOURCE_DATA_DIR ""
#endif

namespace ecograph::graph {

namespace fs = std::filesystem;
using storage::OpenOptions;
using storage::Result;
using storage::Status;
using storage::StatusCode;
using storage::Store;

namespace {

constexpr const char* kIndexedLabels[] = {"Company", "Country", "Region", "Industry"};

// Builds the database at `path` from `data_dir`.
Status Build(const std::string& path, const std::string& data_dir) {
  std::vector<std::string> nodes, rels;
  std::error_code ec;
  for (fs::directory_iterator it(data_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->path().extension() != ".csv") continue;
    if (name.rfind("nodes_", 0) == 0) nodes.push_back(it->path().string());
    if (name.rfind("rels_", 0) == 0) rels.push_back(it->path().string());
  }
  if (ec) {
    return Status::Error(StatusCode::kIOError,
                         data_dir + ": cannot read the data directory: " + ec.message());
  }
  if (nodes.empty()) {
    return Status::Error(StatusCode::kNotFound, data_dir + ": no nodes_*.csv files");
  }
  std::sort(nodes.begin(), nodes.end());
  std::sort(rels.begin(), rels.end());
  OpenOptions create;
  create.create_if_missing = true;
  auto store = Store::Open(path, create);
  if (!store.ok()) return store.status();
  io::ImportOptions import;
  import.node_files = nodes;
  import.rel_files = rels;
  import.format = io::ImportFormat::kCsv;
  import.progress = true;
  auto stats = io::Import(**store, import);
  if (!stats.ok()) return stats.status();
  std::vector<std::string> labels;
  {
    auto txn = (*store)->BeginRead();
    labels = txn->Labels();
  }
  for (const char* label : kIndexedLabels) {
    if (!std::binary_search(labels.begin(), labels.end(), std::string(label))) continue;
    // A unique constraint when the data allows it, else a plain index.
    for (bool unique : {true, false}) {
      auto txn = (*store)->BeginWrite();
      if (!txn.ok()) return txn.status();
      Status s = (*txn)->CreateIndex({label, "name", unique});
      if (s.ok()) s = (*txn)->Commit(true);
      if (s.ok()) break;
      if (!unique || s.code() != StatusCode::kConstraintViolation) return s;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenOrCreateDefault(const std::string& db_path,
                                                   const std::string& data_dir,
                                                   const OpenOptions& options) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    fs::path target(db_path);
    if (target.filename().empty()) target = target.parent_path();
    if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);
    std::string temp = target.string() + ".tmp-" + std::to_string(getpid());
    fs::remove_all(temp, ec);
    Status s = Build(temp, data_dir);
    if (!s.ok()) {
      fs::remove_all(temp, ec);
      return s;
    }
    fs::rename(temp, target, ec);
    if (ec) {
      fs::remove_all(temp);
      // Another process may have finished first; use its database.
      std::error_code exists_ec;
      if (!fs::exists(target, exists_ec)) {
        return Status::Error(
            StatusCode::kIOError,
            db_path + ": cannot move the new database into place: " + ec.message());
      }
    }
  }
  return Store::Open(db_path, options);
}

Result<std::string> LocateDataDir() {
  std::error_code ec;
  std::vector<std::string> tried;
  if (const char* env = std::getenv("ECOGRAPH_DATA_DIR"); env != nullptr && *env != '\0') {
    if (fs::is_directory(env, ec)) return std::string(env);
    return Status::Error(StatusCode::kNotFound,
                         std::string("ECOGRAPH_DATA_DIR=") + env + " is not a directory");
  }
  std::string source = ECOGRAPH_SOURCE_DATA_DIR;
  if (!source.empty()) {
    if (fs::is_directory(source, ec)) return source;
    tried.push_back(source);
  }
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path share = exe.parent_path() / ".." / "share" / "ecograph" / "alibaba";
    share = share.lexically_normal();
    if (fs::is_directory(share, ec)) return share.string();
    tried.push_back(share.string());
  }
  std::string message = "cannot find the bundled data directory (set ECOGRAPH_DATA_DIR)";
  if (!tried.empty()) {
    message += "; tried";
    for (const std::string& t : tried) message += " " + t;
  }
  return Status::Error(StatusCode::kNotFound, message);
}

}  // namespace ecograph::graph
