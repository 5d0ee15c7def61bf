#pragma once
// The property-graph store: the public storage API. RocksDB stays behind this
// header (pimpl); no caller sees a key or a column family.
//
// Model: nodes have >= 0 labels and properties; relationships have one type,
// a direction (src -> dst) and properties. Ids are stable uint64 values that
// are never reused within a database.
//
// Concurrency: one writing process per database (RocksDB's LOCK file); any
// number of read-only processes. Within a process, Transactions are not
// thread-safe; a Store may be shared by threads that each own their
// Transaction.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"
#include "storage/value.h"

namespace ecograph::storage {

using NodeId = uint64_t;
using RelId = uint64_t;

enum class Direction { kOutgoing, kIncoming, kBoth };

struct NodeRecord {
  NodeId id = 0;
  std::vector<std::string> labels;  // sorted, no duplicates
  PropertyMap properties;
};

struct RelRecord {
  RelId id = 0;
  NodeId src = 0;
  NodeId dst = 0;
  std::string type;
  PropertyMap properties;
};

// One entry of a node's adjacency: the relationship and the node at its other
// end. `outgoing` is true when the scanned node is the relationship's src.
// For a self-loop scanned with Direction::kBoth the entry appears twice.
struct AdjacencyEntry {
  RelId rel = 0;
  NodeId neighbor = 0;
  std::string type;
  bool outgoing = true;
};

struct IndexDefinition {
  std::string label;
  std::string key;
  bool unique = false;  // true: a unique constraint (implies an index)
};

// Bound of an index range scan. Absent optional = unbounded on that side.
struct IndexBound {
  PropertyValue value;
  bool inclusive = true;
};

struct StoreCounts {
  uint64_t nodes = 0;
  uint64_t relationships = 0;
};

// Pull iterators: call Next() until it returns false, then check status().
// They read from the snapshot of the Transaction that made them and stream
// from RocksDB (no whole-list materialization). They must not outlive it.
class NodeIdIterator {
 public:
  virtual ~NodeIdIterator() = default;
  virtual bool Next(NodeId* out) = 0;
  virtual Status status() const = 0;
};

class RelIterator {
 public:
  virtual ~RelIterator() = default;
  virtual bool Next(RelRecord* out) = 0;
  virtual Status status() const = 0;
};

class AdjacencyIterator {
 public:
  virtual ~AdjacencyIterator() = default;
  virtual bool Next(AdjacencyEntry* out) = 0;
  virtual Status status() const = 0;
};

class Store;

// A consistent view of the database. Read transactions read one snapshot;
// write transactions also see their own uncommitted writes, and Commit()
// applies all their writes atomically (all or nothing). A write transaction
// that is destroyed without Commit() is rolled back.
class Transaction {
 public:
  virtual ~Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  virtual bool is_writable() const = 0;

  // ---- reads -------------------------------------------------------------
  virtual Result<std::optional<NodeRecord>> GetNode(NodeId id) = 0;
  virtual Result<std::optional<RelRecord>> GetRel(RelId id) = 0;
  // Endpoints and type only (cheaper than GetRel: no properties decoded).
  virtual Result<std::optional<RelRecord>> GetRelHeader(RelId id) = 0;

  // All nodes in id order (explicit full scan).
  virtual std::unique_ptr<NodeIdIterator> ScanNodes() = 0;
  // Nodes with a label, in id order.
  virtual std::unique_ptr<NodeIdIterator> ScanLabel(std::string_view label) = 0;
  // All relationships in id order (explicit full scan), or of one type.
  virtual std::unique_ptr<RelIterator> ScanRels(std::optional<std::string_view> type) = 0;
  // Adjacency of one node. `types` empty = every type. Entries come ordered
  // by (direction, type, neighbor, rel id).
  virtual std::unique_ptr<AdjacencyIterator> Expand(NodeId node, Direction direction,
                                                    const std::vector<std::string>& types) = 0;
  // Number of adjacency entries, without reading relationship records.
  virtual Result<uint64_t> Degree(NodeId node, Direction direction,
                                  const std::vector<std::string>& types) = 0;

  // Index lookups. REQUIRES: HasIndex(label, key). Equality is lo == hi,
  // both inclusive. Nodes come in (value, id) order.
  virtual bool HasIndex(std::string_view label, std::string_view key) = 0;
  virtual std::unique_ptr<NodeIdIterator> IndexSeek(std::string_view label,
                                                    std::string_view key,
                                                    std::optional<IndexBound> lo,
                                                    std::optional<IndexBound> hi) = 0;

  // Catalog, as of this transaction's snapshot.
  virtual std::vector<std::string> Labels() = 0;             // sorted
  virtual std::vector<std::string> RelTypes() = 0;           // sorted
  virtual std::vector<std::string> PropertyKeys() = 0;       // sorted
  virtual std::vector<IndexDefinition> Indexes() = 0;        // sorted by (label,key)
  virtual StoreCounts Counts() = 0;
  virtual uint64_t CountLabel(std::string_view label) = 0;
  virtual uint64_t CountRelType(std::string_view type) = 0;

  // ---- writes (REQUIRES: is_writable(); otherwise kReadOnly) -------------
  virtual Result<NodeId> CreateNode(const std::vector<std::string>& labels,
                                    const PropertyMap& properties) = 0;
  // Replaces the value; a null value removes the property.
  virtual Status SetNodeProperty(NodeId id, const std::string& key,
                                 const PropertyValue& value) = 0;
  virtual Status AddLabel(NodeId id, const std::string& label) = 0;
  virtual Status RemoveLabel(NodeId id, const std::string& label) = 0;
  // detach=false fails with kConstraintViolation if the node has
  // relationships; detach=true deletes them too.
  virtual Status DeleteNode(NodeId id, bool detach) = 0;

  virtual Result<RelId> CreateRel(NodeId src, NodeId dst, const std::string& type,
                                  const PropertyMap& properties) = 0;
  virtual Status SetRelProperty(RelId id, const std::string& key,
                                const PropertyValue& value) = 0;
  virtual Status DeleteRel(RelId id) = 0;

  // Schema. Creating an index backfills it; a unique constraint fails with
  // kConstraintViolation (naming label, key and value) if data violates it.
  virtual Status CreateIndex(const IndexDefinition& definition) = 0;
  virtual Status DropIndex(std::string_view label, std::string_view key) = 0;

  // Applies every write atomically. The write-ahead log is synced to disk
  // before Commit returns when `sync` or the store's sync_commits (the
  // default) is set. After Commit (ok or not) the transaction is finished.
  virtual Status Commit(bool sync = false) = 0;
  virtual void Rollback() = 0;

 protected:
  Transaction() = default;
};

// Bulk path for imports: ids are assigned in call order, records are
// buffered, sorted and written as SST files that Finish() ingests atomically
// into every column family at once. Until Finish() succeeds, the database is
// unchanged; Abort() or destruction discards everything.
// REQUIRES: callers validate their input (endpoints exist, types non-empty).
class BulkLoader {
 public:
  virtual ~BulkLoader() = default;
  virtual NodeId AddNode(const std::vector<std::string>& labels,
                         const PropertyMap& properties) = 0;
  virtual RelId AddRel(NodeId src, NodeId dst, const std::string& type,
                       const PropertyMap& properties) = 0;
  // Nodes added to this loader plus those already in the database are valid
  // endpoints.
  virtual bool NodeExists(NodeId id) = 0;
  virtual Status Finish() = 0;
  virtual void Abort() = 0;
};

struct OpenOptions {
  bool read_only = false;
  bool create_if_missing = true;
  // Bytes of block cache; 0 = default.
  size_t cache_bytes = 0;
  // Durability of Transaction::Commit. true (the default): every commit
  // fsyncs the write-ahead log before it returns, so an acknowledged commit
  // survives a power failure. false (for bulk work through transactions):
  // a commit returns once the OS has the log; it survives a process crash,
  // but a power failure may lose the last commits (never half of one).
  // Bulk loads always sync their files before they are ingested.
  bool sync_commits = true;
};

struct CheckReport {
  std::vector<std::string> problems;  // one line per problem found
  uint64_t nodes_checked = 0;
  uint64_t rels_checked = 0;
  bool ok() const { return problems.empty(); }
};

class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Errors: kLocked ("database is locked by another process"),
  // kNotADatabase, kVersionMismatch, kNotFound (missing and not creating),
  // kIOError, kCorruption.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const OpenOptions& options);

  virtual bool is_read_only() const = 0;
  // OpenOptions::sync_commits of this open.
  virtual bool sync_commits() const = 0;
  virtual const std::string& path() const = 0;

  virtual std::unique_ptr<Transaction> BeginRead() = 0;
  // Fails with kReadOnly on a read-only store.
  virtual Result<std::unique_ptr<Transaction>> BeginWrite() = 0;
  virtual Result<std::unique_ptr<BulkLoader>> BeginBulkLoad() = 0;

  // Increases on every committed write or bulk load; lets caches (the
  // in-memory topology) know they are stale.
  virtual uint64_t version() const = 0;

  // Full consistency verification (see CheckReport).
  virtual CheckReport Check() = 0;
  // Bytes of the database's files on disk.
  virtual uint64_t DiskBytes() const = 0;

 protected:
  Store() = default;
};

// The format version this build writes and accepts.
constexpr uint32_t kFormatVersion = 1;

}  // namespace ecograph::storage
