#pragma once
// The RocksDB-backed Store. Internal to storage/.
//
// Invariants kept by every commit and bulk load (Check() verifies them):
// - every rel record R(src, dst, type) has exactly adj_out(src, type, dst, R),
//   adj_in(dst, type, src, R) and members 't'(type, R); both endpoints exist;
// - every node record's labels match its members 'l'(label, node) entries;
// - for every index (label, key): an entry (value, node) exists iff the node
//   has the label and the property `key` = value;
// - counters (nodes, rels, per label, per type) equal the actual counts;
// - node/rel ids are below the 'H' high-water marks, so ids are never reused.
//
// Catalog tokens (label, type, key names) are registered in their own small
// synced write, outside the user's transaction, so a rolled-back transaction
// may leave an unused token behind (as Neo4j does). Labels()/RelTypes() list
// only tokens with a non-zero count; PropertyKeys() lists every registered key.
#include <rocksdb/db.h>
#include <rocksdb/utilities/transaction_db.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/key_encoding.h"
#include "storage/store.h"

namespace ecograph::storage {

// Column family slots, in the order they are opened. Never reorder the names.
enum Cf : int {
  kCfDefault = 0,
  kCfNodes,
  kCfRels,
  kCfOut,
  kCfIn,
  kCfMembers,
  kCfIndex,
  kCfCatalog,
  kCfCounters,
  kCfCount,
};
const char* CfName(int cf);

// Converts a RocksDB status; Busy/TimedOut/TryAgain become kConflict.
Status FromRocks(const rocksdb::Status& s, std::string_view context = {});

struct IndexDef {
  uint32_t label = 0;
  uint32_t key = 0;
  uint32_t index_id = 0;
  bool unique = false;
};
std::string EncodeIndexDef(const IndexDef& def);
bool DecodeIndexDef(std::string_view key, std::string_view value, IndexDef* def);

// In-memory mirror of the catalog's token tables. Thread-safe. Holds every
// token committed by this process or present at open (a superset of what any
// snapshot can reference).
class TokenCache {
 public:
  std::optional<uint32_t> Find(keys::TokenKind kind, std::string_view name) const;
  // Empty string when unknown.
  std::string Name(keys::TokenKind kind, uint32_t id) const;
  // Every (id, name) of a kind.
  std::vector<std::pair<uint32_t, std::string>> All(keys::TokenKind kind) const;
  void Add(keys::TokenKind kind, uint32_t id, const std::string& name);
  uint32_t MaxId(keys::TokenKind kind) const;

 private:
  struct Table {
    std::unordered_map<std::string, uint32_t> by_name;
    std::vector<std::string> by_id;  // index = id; slot 0 unused
  };
  mutable std::shared_mutex mu_;
  Table tables_[5];
};

class StoreImpl final : public Store {
 public:
  StoreImpl(std::string path, bool read_only) : path_(std::move(path)), read_only_(read_only) {}
  ~StoreImpl() override;

  // Opens (and creates, per options) the database; fills every member.
  Status Init(const OpenOptions& options);

  bool is_read_only() const override { return read_only_; }
  bool sync_commits() const override { return sync_commits_; }
  const std::string& path() const override { return path_; }
  std::unique_ptr<Transaction> BeginRead() override;
  Result<std::unique_ptr<Transaction>> BeginWrite() override;
  Result<std::unique_ptr<BulkLoader>> BeginBulkLoad() override;
  uint64_t version() const override;
  CheckReport Check() override;
  uint64_t DiskBytes() const override;

  // ---- shared with transactions and the bulk loader ----
  rocksdb::DB* db() const { return db_; }
  rocksdb::TransactionDB* txn_db() const { return txn_db_; }
  rocksdb::ColumnFamilyHandle* cf(int slot) const { return handles_[slot]; }
  const rocksdb::Options& cf_options(int slot) const { return cf_options_[slot]; }
  TokenCache& tokens() { return tokens_; }

  // Registers `name` if new (synced write of its own). kReadOnly on a
  // read-only store.
  Result<uint32_t> GetOrCreateToken(keys::TokenKind kind, const std::string& name);
  uint64_t AllocateNodeIds(uint64_t n) { return next_node_id_.fetch_add(n); }
  uint64_t AllocateRelIds(uint64_t n) { return next_rel_id_.fetch_add(n); }
  uint32_t AllocateIndexId() { return next_index_id_.fetch_add(1); }
  void BumpVersion() { local_version_.fetch_add(1); }

 private:
  Status OpenRocks(const OpenOptions& options, bool fresh);
  // At close: flushes every memtable and deletes the write-ahead logs that
  // are no longer needed (see store.cpp).
  void ReleaseLogs();
  bool IsInterruptedCreate(const std::vector<std::string>& existing);
  Status CheckFormat(bool fresh);
  Status LoadCatalog();
  void BuildOptions(const OpenOptions& options);

  std::string path_;
  bool read_only_;
  bool sync_commits_ = true;
  rocksdb::DB* db_ = nullptr;
  rocksdb::TransactionDB* txn_db_ = nullptr;  // null when read-only
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::vector<rocksdb::ColumnFamilyHandle*> extra_handles_;  // foreign CFs
  rocksdb::Options db_options_;
  std::vector<rocksdb::Options> cf_options_;
  TokenCache tokens_;
  std::mutex token_write_mu_;
  std::atomic<uint64_t> next_node_id_{1};
  std::atomic<uint64_t> next_rel_id_{1};
  std::atomic<uint32_t> next_index_id_{1};
  std::atomic<uint64_t> local_version_{0};
};

// Defined in transaction.cpp / bulk_loader.cpp.
std::unique_ptr<Transaction> NewReadTransaction(StoreImpl* store);
std::unique_ptr<Transaction> NewWriteTransaction(StoreImpl* store);
std::unique_ptr<BulkLoader> NewBulkLoader(StoreImpl* store);

}  // namespace ecograph::storage
