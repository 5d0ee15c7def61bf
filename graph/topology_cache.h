#pragma once
// TopologyCache: hands out the in-memory topology (graph/topology.h) of a
// store, rebuilding it when the store's version has moved on since the last
// build. Thread-safe.
#include <memory>
#include <mutex>

#include "storage/store.h"

namespace ecograph::graph {

class Topology;
class CancelCheck;

class TopologyCache {
 public:
  explicit TopologyCache(storage::Store& store);
  ~TopologyCache();
  // A topology matching the store's current version. Built on first use.
  // Throws std::runtime_error when the snapshot cannot be read. A build is
  // polled through `cancel` (borrowed, may be null); what it throws
  // propagates and the cache keeps what it held.
  std::shared_ptr<const Topology> Get(const CancelCheck* cancel = nullptr);

 private:
  storage::Store& store_;
  std::mutex mutex_;
  std::shared_ptr<const Topology> topology_;
  uint64_t built_version_ = 0;
};

}  // namespace ecograph::graph
