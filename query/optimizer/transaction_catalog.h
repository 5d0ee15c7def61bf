#pragma once
// The Catalog of a running statement: answered by its transaction.
#include "query/optimizer/catalog.h"
#include "storage/store.h"

namespace ecograph::query {

class TransactionCatalog : public Catalog {
 public:
  // `txn` must outlive the catalog.
  explicit TransactionCatalog(storage::Transaction& txn) : txn_(txn) {}
  bool HasIndex(const std::string& label, const std::string& key) const override {
    return txn_.HasIndex(label, key);
  }
  uint64_t LabelCount(const std::string& label) const override { return txn_.CountLabel(label); }
  uint64_t NodeCount() const override { return txn_.Counts().nodes; }

 private:
  storage::Transaction& txn_;
};

}  // namespace ecograph::query
