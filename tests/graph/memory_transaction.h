#pragma once
// MemoryTransaction: a read-only storage::Transaction over hand-built maps,
// so that topology and market-path tests run without the RocksDB store.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "storage/store.h"

namespace ecograph::graph::testing {

class MemoryTransaction : public storage::Transaction {
 public:
  MemoryTransaction() = default;

  // Builders (not part of the Transaction interface).
  storage::NodeId Node(std::vector<std::string> labels, storage::PropertyMap props = {}) {
    storage::NodeId id = next_node_++;
    std::sort(labels.begin(), labels.end());
    nodes_[id] = {id, labels, std::move(props)};
    return id;
  }
  storage::RelId Rel(storage::NodeId src, storage::NodeId dst, const std::string& type,
                     storage::PropertyMap props = {}) {
    storage::RelId id = next_rel_++;
    rels_[id] = {id, src, dst, type, std::move(props)};
    return id;
  }

  bool is_writable() const override { return false; }

  storage::Result<std::optional<storage::NodeRecord>> GetNode(storage::NodeId id) override {
    auto it = nodes_.find(id);
    if (it == nodes_.end()) return std::optional<storage::NodeRecord>();
    return std::optional<storage::NodeRecord>(it->second);
  }
  storage::Result<std::optional<storage::RelRecord>> GetRel(storage::RelId id) override {
    auto it = rels_.find(id);
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
    std::vector<storage::RelRecord> out;
    for (const auto& [id, rel] : rels_) {
      if (!type || rel.type == *type) out.push_back(rel);
    }
    return std::make_unique<Rels>(std::move(out));
  }
  std::unique_ptr<storage::AdjacencyIterator> Expand(storage::NodeId, storage::Direction,
                                                     const std::vector<std::string>&) override {
    return std::make_unique<NoAdjacency>();
  }
  storage::Result<uint64_t> Degree(storage::NodeId, storage::Direction,
                                   const std::vector<std::string>&) override {
    return uint64_t{0};
  }
  bool HasIndex(std::string_view, std::string_view) override { return false; }
  std::unique_ptr<storage::NodeIdIterator> IndexSeek(std::string_view, std::string_view,
                                                     std::optional<storage::IndexBound>,
                                                     std::optional<storage::IndexBound>) override {
    return std::make_unique<Ids>(std::vector<storage::NodeId>{});
  }
  std::vector<std::string> Labels() override {
    std::set<std::string> labels;
    for (const auto& [id, node] : nodes_) labels.insert(node.labels.begin(), node.labels.end());
    return {labels.begin(), labels.end()};
  }
  std::vector<std::string> RelTypes() override {
    std::set<std::string> types;
    for (const auto& [id, rel] : rels_) types.insert(rel.type);
    return {types.begin(), types.end()};
  }
  std::vector<std::string> PropertyKeys() override { return {}; }
  std::vector<storage::IndexDefinition> Indexes() override { return {}; }
  storage::StoreCounts Counts() override { return {nodes_.size(), rels_.size()}; }
  uint64_t CountLabel(std::string_view label) override {
    auto it = ScanLabel(label);
    uint64_t n = 0;
    storage::NodeId id;
    while (it->Next(&id)) ++n;
    return n;
  }
  uint64_t CountRelType(std::string_view type) override {
    uint64_t n = 0;
    for (const auto& [id, rel] : rels_) n += rel.type == type;
    return n;
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
  storage::Status Commit(bool) override { return storage::Status::Ok(); }
  void Rollback() override {}

 private:
  static storage::Status ReadOnly() {
    return storage::Status::Error(storage::StatusCode::kReadOnly, "memory transaction");
  }
  class Ids : public storage::NodeIdIterator {
   public:
    explicit Ids(std::vector<storage::NodeId> ids) : ids_(std::move(ids)) {}
    bool Next(storage::NodeId* out) override {
      if (pos_ >= ids_.size()) return false;
      *out = ids_[pos_++];
      return true;
    }
    storage::Status status() const override { return storage::Status::Ok(); }

   private:
    std::vector<storage::NodeId> ids_;
    size_t pos_ = 0;
  };
  class Rels : public storage::RelIterator {
   public:
    explicit Rels(std::vector<storage::RelRecord> rels) : rels_(std::move(rels)) {}
    bool Next(storage::RelRecord* out) override {
      if (pos_ >= rels_.size()) return false;
      *out = rels_[pos_++];
      return true;
    }
    storage::Status status() const override { return storage::Status::Ok(); }

   private:
    std::vector<storage::RelRecord> rels_;
    size_t pos_ = 0;
  };
  class NoAdjacency : public storage::AdjacencyIterator {
   public:
    bool Next(storage::AdjacencyEntry*) override { return false; }
    storage::Status status() const override { return storage::Status::Ok(); }
  };

  std::map<storage::NodeId, storage::NodeRecord> nodes_;
  std::map<storage::RelId, storage::RelRecord> rels_;
  storage::NodeId next_node_ = 1;
  storage::RelId next_rel_ = 1;
};

}  // namespace ecograph::graph::testing
