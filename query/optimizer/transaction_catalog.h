#pragma once
// The Catalog of a running statement: answered by its transaction. The rules
// ask about the same labels and indexes for every candidate start, and a
// count is a storage read (a merged counter), so each answer is read once per
// statement; planning happens before execution, so the answers cannot change
// while they are used.
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "query/optimizer/catalog.h"
#include "storage/store.h"

namespace ecograph::query {

class TransactionCatalog : public Catalog {
 public:
  // `txn` must outlive the catalog.
  explicit TransactionCatalog(storage::Transaction& txn) : txn_(txn) {}
  bool HasIndex(const std::string& label, const std::string& key) const override {
    auto [it, added] = has_index_.try_emplace(std::make_pair(label, key), false);
    if (added) it->second = txn_.HasIndex(label, key);
    return it->second;
  }
  uint64_t LabelCount(const std::string& label) const override {
    auto [it, added] = label_counts_.try_emplace(label, 0);
    if (added) it->second = txn_.CountLabel(label);
    return it->second;
  }
  uint64_t NodeCount() const override {
    if (!node_count_) node_count_ = txn_.Counts().nodes;
    return *node_count_;
  }

 private:
  storage::Transaction& txn_;
  mutable std::map<std::pair<std::string, std::string>, bool> has_index_;
  mutable std::map<std::string, uint64_t> label_counts_;
  mutable std::optional<uint64_t> node_count_;
};

}  // namespace ecograph::query
