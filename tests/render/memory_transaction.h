#pragma once
// A read-only storage::Transaction over an in-memory graph, so the render
// and selection tests do not depend on the RocksDB store. Adjacency order
// follows the contract: (direction, type, neighbor, rel id).
#include <algorithm>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "storage/store.h"

namespace ecograph::testing {

class MemoryTransaction : public storage::Transaction {
 public:
  storage::NodeId Node(std::vector<std::string> labels, storage::PropertyMap properties) {
    std::sort(labels.begin(), labels.end());
    const storage::NodeId id = next_node_++;
    nodes_[id] = storage::NodeRecord{id, std::move(labels), std::move(properties)};
    return id;
  }
  storage::RelId Rel(storage::NodeId src, storage::NodeId dst, std::string type,
                     storage::PropertyMap properties = {}) {
    const storage::RelId id = next_rel_++;
    rels_[id] = storage::RelRecord{id, src, dst, std::move(type), std::move(properties)};
    return id;
  }
  const std::map<storage::NodeId, storage::NodeRecord>& nodes() const { return nodes_; }
  const std::map<storage::RelId, storage::RelRecord>& rels() const { return rels_; }

  bool is_writable() const override { return false; }

  storage::Result<std::optional<storage::NodeRecord>> GetNode(storage::NodeId id) override {
    const auto it = nodes_.find(id);
    if (it == nodes_.end()) return std::optional<storage::NodeRecord>();
    return std::optional<storage::NodeRecord>(it->second);
  }
  storage::Result<std::optional<storage::RelRecord>> GetRel(storage::RelId id) override {
    const auto it = rels_.find(id);
    if (it == rels_.end()) return std::optional<storage::RelRecord>();
    return std::optional<storage::RelRecord>(it->second);
  }
  storage::Result<std::optional<storage::RelRecord>> GetRelHeader(storage::RelId id) override {
    auto rel = GetRel(id);
    if (rel.ok() && rel.value()) rel.value()->properties.clear();
    return rel;
  }

  std::unique_ptr<storage::NodeIdIterator> ScanNodes() override {
    std::vector<storage::NodeId> ids;
    for (const auto& [id, node] : nodes_) ids.push_back(id);
    return std::make_unique<Ids>(std::move(ids));
  }
  std::unique_ptr<storage::NodeIdIterator> ScanLabel(std::string_view label) override {
    std::vector<storage::NodeId> ids;
    for (const auto& [id, node] : nodes_) {
      if (std::find(node.labels.begin(), node.labels.end(), label) != node.labels.end()) {
        ids.push_back(id);
      }
    }
    return std::make_unique<Ids>(std::move(ids));
  }
  std::unique_ptr<storage::RelIterator> ScanRels(std::optional<std::string_view> type) override {
    std::vector<storage::RelRecord> rels;
    for (const auto& [id, rel] : rels_) {
      if (!type || rel.type == *type) rels.push_back(rel);
    }
    return std::make_unique<Rels>(std::move(rels));
  }
  std::unique_ptr<storage::AdjacencyIterator> Expand(
      storage::NodeId node, storage::Direction direction,
      const std::vector<std::string>& types) override {
    std::vector<storage::AdjacencyEntry> entries;
    const auto wanted = [&](const std::string& type) {
      return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
    };
    for (const auto& [id, rel] : rels_) {
      if (!wanted(rel.type)) continue;
      if (rel.src == node && direction != storage::Direction::kIncoming) {
        entries.push_back({id, rel.dst, rel.type, true});
      }
      if (rel.dst == node && direction != storage::Direction::kOutgoing) {
        entries.push_back({id, rel.src, rel.type, false});
      }
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return std::make_tuple(!a.outgoing, a.type, a.neighbor, a.rel) <
             std::make_tuple(!b.outgoing, b.type, b.neighbor, b.rel);
    });
    return std::make_unique<Adjacency>(std::move(entries));
  }
  storage::Result<uint64_t> Degree(storage::NodeId node, storage::Direction direction,
                                   const std::vector<std::string>& types) override {
    auto it = Expand(node, direction, types);
    uint64_t count = 0;
    storage::AdjacencyEntry entry;
    while (it->Next(&entry)) ++count;
    return count;
  }

  bool HasIndex(std::string_view, std::string_view) override { return false; }
  std::unique_ptr<storage::NodeIdIterator> IndexSeek(std::string_view, std::string_view,
                                                     std::optional<storage::IndexBound>,
                                                     std::optional<storage::IndexBound>) override {
    return std::make_unique<Ids>(std::vector<storage::NodeId>{});
  }

  std::vector<std::string> Labels() override { return {}; }
  std::vector<std::string> RelTypes() override { return {}; }
  std::vector<std::string> PropertyKeys() override { return {}; }
  std::vector<storage::IndexDefinition> Indexes() override { return {}; }
  storage::StoreCounts Counts() override { return {nodes_.size(), rels_.size()}; }
  uint64_t CountLabel(std::string_view label) override {
    auto it = ScanLabel(label);
    uint64_t count = 0;
    storage::NodeId id = 0;
    while (it->Next(&id)) ++count;
    return count;
  }
  uint64_t CountRelType(std::string_view type) override {
    uint64_t count = 0;
    for (const auto& [id, rel] : rels_) count += rel.type == type;
    return count;
  }

  storage::Result<storage::NodeId> CreateNode(const std::vector<std::string>&,
                                              const storage::PropertyMap&) override {
    return ReadOnly();
  }
  storage::Status SetNodeProperty(storage::NodeId, const std::string&,
                                  const storage::PropertyValue&) override {
    return ReadOnly();
  }
  storage::Status AddLabel(storage::NodeId, const std::string&) override { return ReadOnly(); }
  storage::Status RemoveLabel(storage::NodeId, const std::string&) override { return ReadOnly(); }
  storage::Status DeleteNode(storage::NodeId, bool) override { return ReadOnly(); }
  storage::Result<storage::RelId> CreateRel(storage::NodeId, storage::NodeId, const std::string&,
                                            const storage::PropertyMap&) override {
    return ReadOnly();
  }
  storage::Status SetRelProperty(storage::RelId, const std::string&,
                                 const storage::PropertyValue&) override {
    return ReadOnly();
  }
  storage::Status DeleteRel(storage::RelId) override { return ReadOnly(); }
  storage::Status CreateIndex(const storage::IndexDefinition&) override { return ReadOnly(); }
  storage::Status DropIndex(std::string_view, std::string_view) override { return ReadOnly(); }
  storage::Status Commit(bool) override { return ReadOnly(); }
  void Rollback() override {}

 private:
  static storage::Status ReadOnly() {
    return storage::Status::Error(storage::StatusCode::kReadOnly, "memory transaction");
  }

  template <typename Base, typename T>
  class VectorIterator : public Base {
   public:
    explicit VectorIterator(std::vector<T> items) : items_(std::move(items)) {}
    bool Next(T* out) override {
      if (pos_ >= items_.size()) return false;
      *out = items_[pos_++];
      return true;
    }
    storage::Status status() const override { return storage::Status::Ok(); }

   private:
    std::vector<T> items_;
    size_t pos_ = 0;
  };
  using Ids = VectorIterator<storage::NodeIdIterator, storage::NodeId>;
  using Rels = VectorIterator<storage::RelIterator, storage::RelRecord>;
  using Adjacency = VectorIterator<storage::AdjacencyIterator, storage::AdjacencyEntry>;

  std::map<storage::NodeId, storage::NodeRecord> nodes_;
  std::map<storage::RelId, storage::RelRecord> rels_;
  storage::NodeId next_node_ = 1;
  storage::RelId next_rel_ = 1;
};

}  // namespace ecograph::testing
