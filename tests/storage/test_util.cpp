#include "tests/storage/test_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>

namespace ecograph::storage::testing {

namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  path_ = (fs::temp_directory_path() / ("ecograph-storage-test-" + std::to_string(::getpid()) +
                                        "-" + std::to_string(counter.fetch_add(1))))
              .string();
  fs::remove_all(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::unique_ptr<Store> OpenOrFail(const std::string& path, OpenOptions options) {
  auto store = Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return nullptr;
  return std::move(store).value();
}

std::vector<NodeId> Drain(NodeIdIterator* it) {
  std::vector<NodeId> out;
  NodeId id;
  while (it->Next(&id)) out.push_back(id);
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  return out;
}

std::vector<RelRecord> Drain(RelIterator* it) {
  std::vector<RelRecord> out;
  RelRecord rec;
  while (it->Next(&rec)) out.push_back(rec);
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  return out;
}

std::vector<AdjacencyEntry> Drain(AdjacencyIterator* it) {
  std::vector<AdjacencyEntry> out;
  AdjacencyEntry e;
  while (it->Next(&e)) out.push_back(e);
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  return out;
}

std::string JoinProblems(const CheckReport& report) {
  std::string out;
  for (const std::string& p : report.problems) out += p + "\n";
  return out;
}

}  // namespace ecograph::storage::testing
