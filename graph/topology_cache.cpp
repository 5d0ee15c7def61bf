#include "graph/topology_cache.h"

#include <stdexcept>

#include "graph/topology.h"

namespace ecograph::graph {

TopologyCache::TopologyCache(storage::Store& store) : store_(store) {}

TopologyCache::~TopologyCache() = default;

std::shared_ptr<const Topology> TopologyCache::Get(const CancelCheck* cancel) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Read the version before opening the snapshot: a write committed in
  // between makes the next Get() rebuild rather than serve a stale topology.
  uint64_t version = store_.version();
  if (topology_ && built_version_ == version) return topology_;
  std::unique_ptr<storage::Transaction> txn = store_.BeginRead();
  auto built = Topology::Build(*txn, cancel);
  if (!built.ok()) {
    throw std::runtime_error("building the in-memory topology failed: " +
                             built.status().ToString());
  }
  topology_ = std::move(built).value();
  built_version_ = version;
  return topology_;
}

}  // namespace ecograph::graph
