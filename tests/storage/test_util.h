#pragma once
// Helpers shared by the storage tests: scratch directories and iterator
// draining.
#include <filesystem>
#include <string>
#include <vector>

#include "storage/store.h"

namespace ecograph::storage::testing {

// A fresh empty directory path (not created), removed on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::unique_ptr<Store> OpenOrFail(const std::string& path, OpenOptions options = {});
std::vector<NodeId> Drain(NodeIdIterator* it);
std::vector<RelRecord> Drain(RelIterator* it);
std::vector<AdjacencyEntry> Drain(AdjacencyIterator* it);
std::string JoinProblems(const CheckReport& report);

}  // namespace ecograph::storage::testing
