// Transactions over the RocksDB store.
//
// Read transactions read one RocksDB snapshot. Write transactions are
// pessimistic rocksdb::Transactions without a snapshot: reads see the latest
// committed data plus the transaction's own writes, and these locks make the
// read-modify-write steps safe against other writers in this process:
// - node/rel records: GetForUpdate (exclusive) before changing them; the
//   endpoints of a relationship being created or deleted are locked shared,
//   so a concurrent (detach) delete of an endpoint waits for it;
// - the schema key 'S': shared by any writer that touches node labels or
//   properties (so it sees a stable set of indexes), exclusive for
//   CreateIndex/DropIndex;
// - 'U'(index, value): exclusive before checking a unique value.
// Counters and high-water marks are merge operands written untracked at
// commit (they commute, so they need no lock). A lock wait that times out is kConflict.
// A write that fails half-way (a lock timeout) poisons the transaction: every
// later call and Commit() fail, so a partial operation is never committed.
#include <rocksdb/utilities/transaction.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "storage/store_impl.h"

namespace ecograph::storage {

using keys::CounterKind;
using keys::TokenKind;

namespace {

constexpr size_t kDeleteChunk = 1024;

class TxnImpl;

// A bounded scan [lower, upper) over one column family of a transaction's
// view. Streams from a RocksDB iterator.
class Cursor {
 public:
  Cursor(TxnImpl* txn, int slot, std::string lower, std::string upper);
  void Seek(std::string_view target) { it_->Seek(rocksdb::Slice(target.data(), target.size())); }
  void SeekToLower() { it_->Seek(lower_); }
  bool Valid() const {
    return it_->Valid() && (upper_.empty() || it_->key().compare(upper_slice_) < 0);
  }
  void Next() { it_->Next(); }
  rocksdb::Slice key() const { return it_->key(); }
  rocksdb::Slice value() const { return it_->value(); }
  Status status() const { return FromRocks(it_->status(), "scan"); }

 private:
  std::string lower_;
  std::string upper_;
  rocksdb::Slice upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

class ErrorNodeIterator final : public NodeIdIterator {
 public:
  explicit ErrorNodeIterator(Status s) : status_(std::move(s)) {}
  bool Next(NodeId*) override { return false; }
  Status status() const override { return status_; }

 private:
  Status status_;
};

// Node ids from keys whose last 8 bytes are the id.
class KeySuffixNodeIterator final : public NodeIdIterator {
 public:
  explicit KeySuffixNodeIterator(std::unique_ptr<Cursor> cursor) : cursor_(std::move(cursor)) {}
  bool Next(NodeId* out) override {
    if (done_) return false;
    if (started_) {
      cursor_->Next();
    } else {
      cursor_->SeekToLower();
      started_ = true;
    }
    while (cursor_->Valid()) {
      rocksdb::Slice k = cursor_->key();
      if (k.size() >= 9) {
        *out = keys::GetBig64(k.data() + k.size() - 8);
        return true;
      }
      cursor_->Next();
    }
    done_ = true;
    status_ = cursor_->status();
    return false;
  }
  Status status() const override { return status_; }

 private:
  std::unique_ptr<Cursor> cursor_;
  bool started_ = false;
  bool done_ = false;
  Status status_;
};

class TxnImpl final : public Transaction {
 public:
  TxnImpl(StoreImpl* store, bool writable) : store_(store), writable_(writable) {
    if (writable_) {
      rocksdb::WriteOptions wo;
      rocksdb::TransactionOptions to;
      to.deadlock_detect = true;
      txn_.reset(store_->txn_db()->BeginTransaction(wo, to));
    } else if (!store_->is_read_only()) {
      snapshot_ = store_->db()->GetSnapshot();
    }
  }
  ~TxnImpl() override {
    node_stepper_.reset();  // before the snapshot it reads goes
    if (txn_ && !finished_) txn_->Rollback().PermitUncheckedError();
    txn_.reset();
    if (snapshot_ != nullptr) store_->db()->ReleaseSnapshot(snapshot_);
  }

  // ---- raw access (used by cursors) ----
  // After Commit/Rollback, reads go to the latest committed data. The
  // rocksdb::Transaction itself lives as long as this object, so iterators
  // made before the commit can still be destroyed safely.
  bool InTxn() const { return txn_ && !finished_; }
  rocksdb::ReadOptions MakeReadOptions(int slot) const {
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot_;
    // Adjacency cursors never leave one node's prefix: prefix seek is valid.
    ro.total_order_seek = !(slot == kCfOut || slot == kCfIn);
    return ro;
  }
  rocksdb::Iterator* NewRawIterator(int slot, const rocksdb::Slice* upper) {
    rocksdb::ReadOptions ro = MakeReadOptions(slot);
    ro.iterate_upper_bound = upper;
    if (InTxn()) return txn_->GetIterator(ro, store_->cf(slot));
    return store_->db()->NewIterator(ro, store_->cf(slot));
  }
  rocksdb::Status RawGet(int slot, const std::string& key, std::string* value) {
    rocksdb::ReadOptions ro = MakeReadOptions(slot);
    if (InTxn()) return txn_->Get(ro, store_->cf(slot), key, value);
    return store_->db()->Get(ro, store_->cf(slot), key, value);
  }
  std::unique_ptr<Cursor> NewCursor(int slot, std::string lower, std::string upper) {
    return std::make_unique<Cursor>(this, slot, std::move(lower), std::move(upper));
  }
  std::unique_ptr<Cursor> PrefixCursor(int slot, const std::string& prefix) {
    return NewCursor(slot, prefix, keys::PrefixSuccessor(prefix));
  }

  // ---- decoding ----
  Result<NodeRecord> ToNodeRecord(NodeId id, const keys::NodeValue& v) {
    NodeRecord rec;
    rec.id = id;
    for (uint32_t label : v.labels) {
      rec.labels.push_back(store_->tokens().Name(TokenKind::kLabel, label));
    }
    std::sort(rec.labels.begin(), rec.labels.end());
    for (const auto& [key, value] : v.properties) {
      rec.properties[store_->tokens().Name(TokenKind::kPropertyKey, key)] = value;
    }
    return rec;
  }
  RelRecord ToRelRecord(RelId id, const keys::RelValue& v) {
    RelRecord rec;
    rec.id = id;
    rec.src = v.src;
    rec.dst = v.dst;
    rec.type = store_->tokens().Name(TokenKind::kRelType, v.type);
    for (const auto& [key, value] : v.properties) {
      rec.properties[store_->tokens().Name(TokenKind::kPropertyKey, key)] = value;
    }
    return rec;
  }
  // Node reads in ascending id order (as a label scan yields the nodes) step
  // an iterator forward instead of a point lookup each: a RocksDB Get costs
  // about 10k instructions, a Next about 1k. Read transactions only, so the
  // iterator reads the same snapshot as a Get would. Returns false when the
  // read is not part of an ascending run (the caller does a Get).
  bool ReadNodeAscending(const std::string& key, std::string* value, rocksdb::Status* status) {
    constexpr int kRunBeforeStepping = 4;  // ascending reads before an iterator pays off
    constexpr int kMaxSteps = 16;          // a longer gap is a Seek
    if (writable_) return false;
    const bool ascending = !last_node_key_.empty() && key.compare(last_node_key_) > 0;
    last_node_key_ = key;
    if (!ascending) {
      ascending_node_reads_ = 0;
      return false;
    }
    if (++ascending_node_reads_ < kRunBeforeStepping) return false;
    if (!node_stepper_) node_stepper_.reset(NewRawIterator(kCfNodes, nullptr));
    rocksdb::Iterator& it = *node_stepper_;
    const rocksdb::Slice target(key);
    // Stepping from a key at or before the target ends on the first key at
    // or after it; running off the end means there is none.
    bool positioned = false;
    if (it.Valid() && it.key().compare(target) <= 0) {
      for (int steps = 0; steps < kMaxSteps && it.Valid() && it.key().compare(target) < 0; ++steps) it.Next();
      positioned = it.Valid() ? it.key().compare(target) >= 0 : it.status().ok();
    }
    if (!positioned) it.Seek(target);
    if (!it.Valid()) {
      *status = it.status().ok() ? rocksdb::Status::NotFound() : it.status();
    } else if (it.key().compare(target) != 0) {
      *status = rocksdb::Status::NotFound();
    } else {
      value->assign(it.value().data(), it.value().size());
      *status = rocksdb::Status::OK();
    }
    return true;
  }
  Status ReadNode(NodeId id, keys::NodeValue* out, bool* found) {
    std::string raw;
    const std::string key = keys::NodeKey(id);
    rocksdb::Status s;
    if (!ReadNodeAscending(key, &raw, &s)) s = RawGet(kCfNodes, key, &raw);
    *found = false;
    if (s.IsNotFound()) return Status::Ok();
    if (!s.ok()) return FromRocks(s, "reading node");
    if (!keys::DecodeNodeValue(raw, out)) {
      return Status::Error(StatusCode::kCorruption,
                           "node " + std::to_string(id) + " record is corrupt");
    }
    *found = true;
    return Status::Ok();
  }
  Status ReadRel(RelId id, keys::RelValue* out, bool header_only, bool* found) {
    std::string raw;
    rocksdb::Status s = RawGet(kCfRels, keys::RelKey(id), &raw);
    *found = false;
    if (s.IsNotFound()) return Status::Ok();
    if (!s.ok()) return FromRocks(s, "reading relationship");
    if (!keys::DecodeRelValue(raw, out, header_only)) {
      return Status::Error(StatusCode::kCorruption,
                           "relationship " + std::to_string(id) + " record is corrupt");
    }
    *found = true;
    return Status::Ok();
  }

  // ---- Transaction: reads ----
  bool is_writable() const override { return writable_; }

  Result<std::optional<NodeRecord>> GetNode(NodeId id) override {
    keys::NodeValue v;
    bool found;
    Status s = ReadNode(id, &v, &found);
    if (!s.ok()) return s;
    if (!found) return std::optional<NodeRecord>();
    auto rec = ToNodeRecord(id, v);
    return std::optional<NodeRecord>(std::move(rec).value());
  }

  Result<std::optional<RelRecord>> GetRel(RelId id) override { return GetRelImpl(id, false); }
  Result<std::optional<RelRecord>> GetRelHeader(RelId id) override { return GetRelImpl(id, true); }
  Result<std::optional<RelRecord>> GetRelImpl(RelId id, bool header_only) {
    keys::RelValue v;
    bool found;
    Status s = ReadRel(id, &v, header_only, &found);
    if (!s.ok()) return s;
    if (!found) return std::optional<RelRecord>();
    return std::optional<RelRecord>(ToRelRecord(id, v));
  }

  std::unique_ptr<NodeIdIterator> ScanNodes() override {
    return std::make_unique<KeySuffixNodeIterator>(
        PrefixCursor(kCfNodes, std::string(1, keys::kNodePrefix)));
  }

  std::unique_ptr<NodeIdIterator> ScanLabel(std::string_view label) override {
    auto id = store_->tokens().Find(TokenKind::kLabel, label);
    // An unknown label is an empty scan: an empty id range.
    std::string prefix = keys::LabelMemberPrefix(id.value_or(0));
    return std::make_unique<KeySuffixNodeIterator>(PrefixCursor(kCfMembers, prefix));
  }

  std::unique_ptr<RelIterator> ScanRels(std::optional<std::string_view> type) override;
  std::unique_ptr<AdjacencyIterator> Expand(NodeId node, Direction direction,
                                            const std::vector<std::string>& types) override;
  Result<uint64_t> Degree(NodeId node, Direction direction,
                          const std::vector<std::string>& types) override;

  bool HasIndex(std::string_view label, std::string_view key) override {
    return FindIndex(label, key).has_value();
  }
  std::optional<IndexDef> FindIndex(std::string_view label, std::string_view key) {
    auto label_id = store_->tokens().Find(TokenKind::kLabel, label);
    auto key_id = store_->tokens().Find(TokenKind::kPropertyKey, key);
    if (!label_id || !key_id) return std::nullopt;
    std::string def_key = keys::IndexDefKey(*label_id, *key_id);
    std::string raw;
    if (!RawGet(kCfCatalog, def_key, &raw).ok()) return std::nullopt;
    IndexDef def;
    if (!DecodeIndexDef(def_key, raw, &def)) return std::nullopt;
    return def;
  }

  std::unique_ptr<NodeIdIterator> IndexSeek(std::string_view label, std::string_view key,
                                            std::optional<IndexBound> lo,
                                            std::optional<IndexBound> hi) override {
    auto def = FindIndex(label, key);
    if (!def) {
      return std::make_unique<ErrorNodeIterator>(
          Status::Error(StatusCode::kInvalidArgument,
                        "no index on :" + std::string(label) + "(" + std::string(key) + ")"));
    }
    std::string prefix = keys::IndexPrefix(def->index_id);
    std::string lower = prefix;
    std::string upper = keys::PrefixSuccessor(prefix);
    // A one-sided range stays within its bound's kind (numbers with numbers).
    if (lo && !hi) {
      upper = prefix;
      upper.push_back(static_cast<char>(keys::IndexTag(lo->value)));
      upper = keys::PrefixSuccessor(std::move(upper));
    }
    if (hi && !lo) lower.push_back(static_cast<char>(keys::IndexTag(hi->value)));
    if (lo) {
      std::string v = keys::IndexValuePrefix(def->index_id, lo->value);
      lower = lo->inclusive ? v : keys::PrefixSuccessor(v);
    }
    if (hi) {
      std::string v = keys::IndexValuePrefix(def->index_id, hi->value);
      upper = hi->inclusive ? keys::PrefixSuccessor(v) : v;
    }
    if (upper < lower) upper = lower;
    return std::make_unique<KeySuffixNodeIterator>(NewCursor(kCfIndex, lower, upper));
  }

  int64_t ReadCounter(CounterKind kind, uint32_t id) {
    std::string key = keys::CounterKey(kind, id);
    int64_t pending = 0;
    if (auto it = pending_counters_.find(key); it != pending_counters_.end()) pending = it->second;
    std::string raw;
    if (!RawGet(kCfCounters, key, &raw).ok()) return pending;
    return keys::DecodeCounter(raw) + pending;
  }

  std::vector<std::string> NamesWithCount(TokenKind kind, CounterKind counter) {
    std::vector<std::string> out;
    for (auto& [id, name] : store_->tokens().All(kind)) {
      if (ReadCounter(counter, id) > 0) out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<std::string> Labels() override {
    return NamesWithCount(TokenKind::kLabel, CounterKind::kLabel);
  }
  std::vector<std::string> RelTypes() override {
    return NamesWithCount(TokenKind::kRelType, CounterKind::kRelType);
  }
  std::vector<std::string> PropertyKeys() override {
    std::vector<std::string> out;
    for (auto& [id, name] : store_->tokens().All(TokenKind::kPropertyKey)) out.push_back(name);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<IndexDefinition> Indexes() override {
    std::vector<IndexDefinition> out;
    auto cursor = PrefixCursor(kCfCatalog, std::string(1, keys::kIndexDefPrefix));
    for (cursor->SeekToLower(); cursor->Valid(); cursor->Next()) {
      IndexDef def;
      if (!DecodeIndexDef(cursor->key().ToStringView(), cursor->value().ToStringView(), &def)) {
        continue;
      }
      out.push_back({store_->tokens().Name(TokenKind::kLabel, def.label),
                     store_->tokens().Name(TokenKind::kPropertyKey, def.key), def.unique});
    }
    std::sort(out.begin(), out.end(), [](const IndexDefinition& a, const IndexDefinition& b) {
      return std::tie(a.label, a.key) < std::tie(b.label, b.key);
    });
    return out;
  }
  StoreCounts Counts() override {
    StoreCounts c;
    c.nodes = static_cast<uint64_t>(std::max<int64_t>(0, ReadCounter(CounterKind::kNodes, 0)));
    c.relationships =
        static_cast<uint64_t>(std::max<int64_t>(0, ReadCounter(CounterKind::kRels, 0)));
    return c;
  }
  uint64_t CountLabel(std::string_view label) override {
    auto id = store_->tokens().Find(TokenKind::kLabel, label);
    if (!id) return 0;
    return static_cast<uint64_t>(std::max<int64_t>(0, ReadCounter(CounterKind::kLabel, *id)));
  }
  uint64_t CountRelType(std::string_view type) override {
    auto id = store_->tokens().Find(TokenKind::kRelType, type);
    if (!id) return 0;
    return static_cast<uint64_t>(std::max<int64_t>(0, ReadCounter(CounterKind::kRelType, *id)));
  }

  // ---- Transaction: writes ----
  Result<NodeId> CreateNode(const std::vector<std::string>& labels,
                            const PropertyMap& properties) override;
  Status SetNodeProperty(NodeId id, const std::string& key, const PropertyValue& value) override;
  Status AddLabel(NodeId id, const std::string& label) override;
  Status RemoveLabel(NodeId id, const std::string& label) override;
  Status DeleteNode(NodeId id, bool detach) override;
  Result<RelId> CreateRel(NodeId src, NodeId dst, const std::string& type,
                          const PropertyMap& properties) override;
  Status SetRelProperty(RelId id, const std::string& key, const PropertyValue& value) override;
  Status DeleteRel(RelId id) override;
  Status CreateIndex(const IndexDefinition& definition) override;
  Status DropIndex(std::string_view label, std::string_view key) override;
  Status Commit(bool sync) override;
  void Rollback() override {
    if (InTxn()) txn_->Rollback().PermitUncheckedError();
    pending_counters_.clear();
    pending_high_water_.clear();
    finished_ = true;
  }

 private:
  Status EnsureWritable() {
    if (!writable_) return Status::Error(StatusCode::kReadOnly, "transaction is read-only");
    if (finished_ || !txn_) {
      return Status::Error(StatusCode::kInvalidArgument, "transaction is already finished");
    }
    if (!poison_.ok()) return poison_;
    return Status::Ok();
  }
  // Records the first failed write; the transaction can then only roll back.
  Status Poison(const rocksdb::Status& s, std::string_view what) {
    Status st = FromRocks(s, what);
    if (poison_.ok()) poison_ = st;
    return st;
  }
  Status Lock(int slot, const std::string& key, bool exclusive, std::string* value, bool* found) {
    rocksdb::ReadOptions ro;
    std::string scratch;
    rocksdb::Status s =
        txn_->GetForUpdate(ro, store_->cf(slot), key, value ? value : &scratch, exclusive);
    if (found) *found = s.ok();
    if (s.ok() || s.IsNotFound()) return Status::Ok();
    return Poison(s, "locking");
  }
  Status Put(int slot, const std::string& key, const std::string& value) {
    rocksdb::Status s = txn_->Put(store_->cf(slot), key, value);
    return s.ok() ? Status::Ok() : Poison(s, "write");
  }
  // Only for keys no other transaction can reach before this one commits.
  Status PutUntracked(int slot, const std::string& key, const std::string& value) {
    rocksdb::Status s = txn_->PutUntracked(store_->cf(slot), key, value);
    return s.ok() ? Status::Ok() : Poison(s, "write");
  }
  Status Delete(int slot, const std::string& key) {
    rocksdb::Status s = txn_->Delete(store_->cf(slot), key);
    return s.ok() ? Status::Ok() : Poison(s, "delete");
  }
  // Counter deltas and high-water marks accumulate here and become one merge
  // operand per key at Commit(): many merge operands on one key in a
  // WriteBatchWithIndex make every further write to it slower.
  Status AddCounter(CounterKind kind, uint32_t id, int64_t delta) {
    pending_counters_[keys::CounterKey(kind, id)] += delta;
    return Status::Ok();
  }
  Status RaiseHighWater(keys::HighWaterKind kind, uint64_t next) {
    uint64_t& mark = pending_high_water_[keys::HighWaterKey(kind)];
    mark = std::max(mark, next);
    return Status::Ok();
  }
  Status FlushCounters() {
    for (const auto& [key, delta] : pending_counters_) {
      if (delta == 0) continue;
      rocksdb::Status s =
          txn_->MergeUntracked(store_->cf(kCfCounters), key, keys::EncodeCounter(delta));
      if (!s.ok()) return Poison(s, "counter update");
    }
    for (const auto& [key, mark] : pending_high_water_) {
      rocksdb::Status s = txn_->MergeUntracked(store_->cf(kCfCounters), key,
                                               keys::EncodeCounter(static_cast<int64_t>(mark)));
      if (!s.ok()) return Poison(s, "high-water update");
    }
    pending_counters_.clear();
    pending_high_water_.clear();
    return Status::Ok();
  }

  // Loads the index definitions once, holding the schema lock shared.
  Status LoadIndexDefs() {
    if (defs_loaded_) return Status::Ok();
    Status s = Lock(kCfCatalog, std::string(1, keys::kSchemaLockKey), false, nullptr, nullptr);
    if (!s.ok()) return s;
    defs_.clear();
    auto cursor = PrefixCursor(kCfCatalog, std::string(1, keys::kIndexDefPrefix));
    for (cursor->SeekToLower(); cursor->Valid(); cursor->Next()) {
      IndexDef def;
      if (DecodeIndexDef(cursor->key().ToStringView(), cursor->value().ToStringView(), &def)) {
        defs_.push_back(def);
      }
    }
    s = cursor->status();
    if (!s.ok()) return s;
    defs_loaded_ = true;
    return Status::Ok();
  }

  Status EncodeProperties(const PropertyMap& properties, keys::EncodedProperties* out) {
    out->clear();
    for (const auto& [name, value] : properties) {
      if (value.is_null()) continue;
      Status valid = ValidatePropertyValue(name, value);
      if (!valid.ok()) return valid;
      auto id = store_->GetOrCreateToken(TokenKind::kPropertyKey, name);
      if (!id.ok()) return id.status();
      out->emplace_back(*id, value);
    }
    std::sort(out->begin(), out->end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return Status::Ok();
  }

  std::string UniqueViolation(const IndexDef& def, const PropertyValue& value, NodeId other) {
    return "unique constraint on :" + store_->tokens().Name(TokenKind::kLabel, def.label) + "(" +
           store_->tokens().Name(TokenKind::kPropertyKey, def.key) + ") violated: value " +
           value.ToString() + " is already used by node " + std::to_string(other);
  }

  // kConstraintViolation if another node holds `value` in unique index `def`.
  Status CheckUnique(const IndexDef& def, const PropertyValue& value, NodeId node) {
    Status s = Lock(kCfCatalog, keys::UniqueLockKey(def.index_id, value), true, nullptr, nullptr);
    if (!s.ok()) return s;
    auto cursor = PrefixCursor(kCfIndex, keys::IndexValuePrefix(def.index_id, value));
    for (cursor->SeekToLower(); cursor->Valid(); cursor->Next()) {
      rocksdb::Slice k = cursor->key();
      NodeId other = keys::GetBig64(k.data() + k.size() - 8);
      if (other != node) {
        return Status::Error(StatusCode::kConstraintViolation, UniqueViolation(def, value, other));
      }
    }
    return cursor->status();
  }

  struct IndexEntry {
    const IndexDef* def;
    const PropertyValue* value;
  };
  std::map<std::string, IndexEntry> IndexEntriesOf(NodeId id, const keys::NodeValue* node) {
    std::map<std::string, IndexEntry> out;
    if (node == nullptr) return out;
    for (const IndexDef& def : defs_) {
      if (std::find(node->labels.begin(), node->labels.end(), def.label) == node->labels.end()) {
        continue;
      }
      for (const auto& [key, value] : node->properties) {
        if (key == def.key) out[keys::IndexKey(def.index_id, value, id)] = {&def, &value};
      }
    }
    return out;
  }

  // Writes the difference between two states of a node (null = absent):
  // record, label membership, index entries and counters. Unique checks run
  // before anything is written, so a violation writes nothing.
  Status ApplyNodeChange(NodeId id, const keys::NodeValue* before, const keys::NodeValue* after) {
    Status s = LoadIndexDefs();
    if (!s.ok()) return s;
    auto old_entries = IndexEntriesOf(id, before);
    auto new_entries = IndexEntriesOf(id, after);
    for (const auto& [key, entry] : new_entries) {
      if (old_entries.count(key) || !entry.def->unique) continue;
      s = CheckUnique(*entry.def, *entry.value, id);
      if (!s.ok()) return s;
    }
    for (const auto& [key, entry] : old_entries) {
      if (new_entries.count(key)) continue;
      if (!(s = Delete(kCfIndex, key)).ok()) return s;
    }
    for (const auto& [key, entry] : new_entries) {
      if (old_entries.count(key)) continue;
      if (!(s = Put(kCfIndex, key, std::string())).ok()) return s;
    }
    static const std::vector<uint32_t> kNoLabels;
    const auto& old_labels = before ? before->labels : kNoLabels;
    const auto& new_labels = after ? after->labels : kNoLabels;
    for (uint32_t label : old_labels) {
      if (std::find(new_labels.begin(), new_labels.end(), label) != new_labels.end()) continue;
      if (!(s = Delete(kCfMembers, keys::LabelMemberKey(label, id))).ok()) return s;
      if (!(s = AddCounter(CounterKind::kLabel, label, -1)).ok()) return s;
    }
    for (uint32_t label : new_labels) {
      if (std::find(old_labels.begin(), old_labels.end(), label) != old_labels.end()) continue;
      if (!(s = Put(kCfMembers, keys::LabelMemberKey(label, id), std::string())).ok()) return s;
      if (!(s = AddCounter(CounterKind::kLabel, label, 1)).ok()) return s;
    }
    if (after) {
      if (!(s = Put(kCfNodes, keys::NodeKey(id), keys::EncodeNodeValue(*after))).ok()) return s;
    } else {
      if (!(s = Delete(kCfNodes, keys::NodeKey(id))).ok()) return s;
    }
    if (!before && after) {
      if (!(s = AddCounter(CounterKind::kNodes, 0, 1)).ok()) return s;
      if (!(s = RaiseHighWater(keys::HighWaterKind::kNodeId, id + 1)).ok()) return s;
    }
    if (before && !after) {
      if (!(s = AddCounter(CounterKind::kNodes, 0, -1)).ok()) return s;
    }
    return Status::Ok();
  }

  // Locks and reads a node for modification; kNotFound if absent.
  Status LockNode(NodeId id, bool exclusive, keys::NodeValue* out) {
    std::string raw;
    bool found;
    Status s = Lock(kCfNodes, keys::NodeKey(id), exclusive, &raw, &found);
    if (!s.ok()) return s;
    if (!found) {
      return Status::Error(StatusCode::kNotFound, "node " + std::to_string(id) + " does not exist");
    }
    if (out && !keys::DecodeNodeValue(raw, out)) {
      return Status::Error(StatusCode::kCorruption,
                           "node " + std::to_string(id) + " record is corrupt");
    }
    return Status::Ok();
  }

  // Deletes a relationship's record, both adjacency entries, its type
  // membership and counters.
  Status RemoveRel(RelId rel, NodeId src, NodeId dst, uint32_t type) {
    Status s;
    if (!(s = Delete(kCfRels, keys::RelKey(rel))).ok()) return s;
    if (!(s = Delete(kCfOut, keys::AdjKey(keys::kOutPrefix, src, type, dst, rel))).ok()) return s;
    if (!(s = Delete(kCfIn, keys::AdjKey(keys::kInPrefix, dst, type, src, rel))).ok()) return s;
    if (!(s = Delete(kCfMembers, keys::TypeMemberKey(type, rel))).ok()) return s;
    if (!(s = AddCounter(CounterKind::kRels, 0, -1)).ok()) return s;
    return AddCounter(CounterKind::kRelType, type, -1);
  }

  // Deletes every relationship of `node`, in chunks so no iterator is open
  // while the batch changes.
  Status DetachAll(NodeId node) {
    for (char prefix : {keys::kOutPrefix, keys::kInPrefix}) {
      int slot = prefix == keys::kOutPrefix ? kCfOut : kCfIn;
      while (true) {
        std::vector<keys::AdjKeyParts> chunk;
        {
          auto cursor = PrefixCursor(slot, keys::AdjNodePrefix(prefix, node));
          for (cursor->SeekToLower(); cursor->Valid() && chunk.size() < kDeleteChunk;
               cursor->Next()) {
            keys::AdjKeyParts parts;
            if (keys::DecodeAdjKey(cursor->key().ToStringView(), &parts)) chunk.push_back(parts);
          }
          Status s = cursor->status();
          if (!s.ok()) return s;
        }
        if (chunk.empty()) break;
        for (const auto& parts : chunk) {
          Status s = Lock(kCfRels, keys::RelKey(parts.rel), true, nullptr, nullptr);
          if (!s.ok()) return s;
          NodeId src = prefix == keys::kOutPrefix ? node : parts.neighbor;
          NodeId dst = prefix == keys::kOutPrefix ? parts.neighbor : node;
          s = RemoveRel(parts.rel, src, dst, parts.type);
          if (!s.ok()) return s;
        }
      }
    }
    return Status::Ok();
  }

  Status ReadTypeIds(const std::vector<std::string>& types, std::vector<uint32_t>* out) {
    for (const std::string& t : types) {
      if (auto id = store_->tokens().Find(TokenKind::kRelType, t)) out->push_back(*id);
    }
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
    return Status::Ok();
  }

  friend class Cursor;
  friend class AdjIterator;
  friend class RelScanIterator;

  StoreImpl* store_;
  bool writable_;
  bool finished_ = false;
  Status poison_;
  std::unique_ptr<rocksdb::Transaction> txn_;
  const rocksdb::Snapshot* snapshot_ = nullptr;
  // ReadNodeAscending's state: the last key read, the length of the current
  // ascending run, and the iterator (created once a run is long enough).
  std::string last_node_key_;
  int ascending_node_reads_ = 0;
  std::unique_ptr<rocksdb::Iterator> node_stepper_;
  bool defs_loaded_ = false;
  std::vector<IndexDef> defs_;
  std::map<std::string, int64_t> pending_counters_;
  std::map<std::string, uint64_t> pending_high_water_;

 public:
  StoreImpl* store() const { return store_; }
  Status TypeIds(const std::vector<std::string>& types, std::vector<uint32_t>* out) {
    return ReadTypeIds(types, out);
  }
};

Cursor::Cursor(TxnImpl* txn, int slot, std::string lower, std::string upper)
    : lower_(std::move(lower)), upper_(std::move(upper)), upper_slice_(upper_) {
  it_.reset(txn->NewRawIterator(slot, upper_.empty() ? nullptr : &upper_slice_));
}

// ---- relationship scans -----------------------------------------------------

class RelScanIterator final : public RelIterator {
 public:
  // by_type: cursor over members 't'(type, rel); otherwise over the rels CF.
  RelScanIterator(TxnImpl* txn, std::unique_ptr<Cursor> cursor, bool by_type)
      : txn_(txn), cursor_(std::move(cursor)), by_type_(by_type) {}
  bool Next(RelRecord* out) override {
    if (done_) return false;
    if (started_) {
      cursor_->Next();
    } else {
      cursor_->SeekToLower();
      started_ = true;
    }
    while (cursor_->Valid()) {
      rocksdb::Slice k = cursor_->key();
      if (k.size() >= 9) {
        RelId id = keys::GetBig64(k.data() + k.size() - 8);
        if (by_type_) {
          auto rec = txn_->GetRel(id);
          if (!rec.ok()) return Fail(rec.status());
          if (rec->has_value()) {
            *out = std::move(**rec);
            return true;
          }
        } else {
          keys::RelValue v;
          if (!keys::DecodeRelValue(cursor_->value().ToStringView(), &v)) {
            return Fail(Status::Error(StatusCode::kCorruption,
                                      "relationship " + std::to_string(id) + " record is corrupt"));
          }
          *out = txn_->ToRelRecord(id, v);
          return true;
        }
      }
      cursor_->Next();
    }
    done_ = true;
    status_ = cursor_->status();
    return false;
  }
  Status status() const override { return status_; }

 private:
  bool Fail(Status s) {
    status_ = std::move(s);
    done_ = true;
    return false;
  }
  TxnImpl* txn_;
  std::unique_ptr<Cursor> cursor_;
  bool by_type_;
  bool started_ = false;
  bool done_ = false;
  Status status_;
};

std::unique_ptr<RelIterator> TxnImpl::ScanRels(std::optional<std::string_view> type) {
  if (!type) {
    return std::make_unique<RelScanIterator>(
        this, PrefixCursor(kCfRels, std::string(1, keys::kRelPrefix)), false);
  }
  auto id = store_->tokens().Find(TokenKind::kRelType, *type);
  return std::make_unique<RelScanIterator>(
      this, PrefixCursor(kCfMembers, keys::TypeMemberPrefix(id.value_or(0))), true);
}

// ---- adjacency ------------------------------------------------------------------

// Walks the segments (direction, type) of one node in order. One RocksDB
// iterator per direction, bounded by the node's prefix.
class AdjIterator final : public AdjacencyIterator {
 public:
  AdjIterator(TxnImpl* txn, NodeId node, Direction direction, std::vector<uint32_t> types,
              bool all_types)
      : txn_(txn), node_(node), types_(std::move(types)), all_types_(all_types) {
    if (direction != Direction::kIncoming) prefixes_.push_back(keys::kOutPrefix);
    if (direction != Direction::kOutgoing) prefixes_.push_back(keys::kInPrefix);
  }

  // Positions on the next valid entry; false at the end.
  bool Advance() {
    while (true) {
      if (cursor_ && cursor_->Valid() && cursor_->key().compare(segment_upper_) < 0) return true;
      if (cursor_) {
        Status s = cursor_->status();
        if (!s.ok()) {
          status_ = s;
          return false;
        }
      }
      if (!NextSegment()) return false;
    }
  }

  bool NextSegment() {
    // Segments: for each direction, one (all types) or one per type id.
    size_t per_dir = all_types_ ? 1 : types_.size();
    while (true) {
      if (per_dir == 0 || dir_idx_ >= prefixes_.size()) return false;
      if (segment_idx_ >= per_dir) {
        ++dir_idx_;
        segment_idx_ = 0;
        cursor_.reset();
        continue;
      }
      char prefix = prefixes_[dir_idx_];
      if (!cursor_) {
        std::string node_prefix = keys::AdjNodePrefix(prefix, node_);
        cursor_ = txn_->PrefixCursor(prefix == keys::kOutPrefix ? kCfOut : kCfIn, node_prefix);
      }
      std::string lower = all_types_ ? keys::AdjNodePrefix(prefix, node_)
                                     : keys::AdjTypePrefix(prefix, node_, types_[segment_idx_]);
      segment_upper_ = keys::PrefixSuccessor(lower);
      ++segment_idx_;
      cursor_->Seek(lower);
      return true;
    }
  }

  bool Step() {
    if (started_) {
      cursor_->Next();
    } else {
      started_ = true;
    }
    return Advance();
  }

  bool Next(AdjacencyEntry* out) override {
    while (Step()) {
      keys::AdjKeyParts parts;
      if (!keys::DecodeAdjKey(cursor_->key().ToStringView(), &parts)) continue;
      out->rel = parts.rel;
      out->neighbor = parts.neighbor;
      out->outgoing = prefixes_[dir_idx_] == keys::kOutPrefix;
      if (parts.type != cached_type_id_) {
        cached_type_id_ = parts.type;
        cached_type_ = txn_->store()->tokens().Name(TokenKind::kRelType, parts.type);
      }
      out->type = cached_type_;
      return true;
    }
    return false;
  }
  Status status() const override { return status_; }

  // Counts the remaining entries without decoding them.
  uint64_t CountAll() {
    uint64_t n = 0;
    while (Step()) ++n;
    return n;
  }

 private:
  TxnImpl* txn_;
  NodeId node_;
  std::vector<uint32_t> types_;
  bool all_types_;
  std::vector<char> prefixes_;
  size_t dir_idx_ = 0;
  size_t segment_idx_ = 0;
  std::unique_ptr<Cursor> cursor_;
  std::string segment_upper_;
  bool started_ = false;
  uint32_t cached_type_id_ = 0;
  std::string cached_type_;
  Status status_;
};

std::unique_ptr<AdjacencyIterator> TxnImpl::Expand(NodeId node, Direction direction,
                                                   const std::vector<std::string>& types) {
  std::vector<uint32_t> ids;
  (void)ReadTypeIds(types, &ids);
  return std::make_unique<AdjIterator>(this, node, direction, std::move(ids), types.empty());
}

Result<uint64_t> TxnImpl::Degree(NodeId node, Direction direction,
                                 const std::vector<std::string>& types) {
  std::vector<uint32_t> ids;
  (void)ReadTypeIds(types, &ids);
  AdjIterator it(this, node, direction, std::move(ids), types.empty());
  uint64_t n = it.CountAll();
  if (!it.status().ok()) return it.status();
  return n;
}

// ---- writes ------------------------------------------------------------------------

Result<NodeId> TxnImpl::CreateNode(const std::vector<std::string>& labels,
                                   const PropertyMap& properties) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  keys::NodeValue v;
  for (const std::string& label : labels) {
    if (label.empty()) return Status::Error(StatusCode::kInvalidArgument, "empty label name");
    auto id = store_->GetOrCreateToken(TokenKind::kLabel, label);
    if (!id.ok()) return id.status();
    v.labels.push_back(*id);
  }
  std::sort(v.labels.begin(), v.labels.end());
  v.labels.erase(std::unique(v.labels.begin(), v.labels.end()), v.labels.end());
  s = EncodeProperties(properties, &v.properties);
  if (!s.ok()) return s;
  NodeId id = store_->AllocateNodeIds(1);
  s = ApplyNodeChange(id, nullptr, &v);
  if (!s.ok()) return s;
  return id;
}

Status TxnImpl::SetNodeProperty(NodeId id, const std::string& key, const PropertyValue& value) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  if (!(s = ValidatePropertyValue(key, value)).ok()) return s;
  keys::NodeValue before;
  if (!(s = LockNode(id, true, &before)).ok()) return s;
  uint32_t key_id;
  if (value.is_null()) {
    auto found = store_->tokens().Find(TokenKind::kPropertyKey, key);
    if (!found) return Status::Ok();
    key_id = *found;
  } else {
    auto created = store_->GetOrCreateToken(TokenKind::kPropertyKey, key);
    if (!created.ok()) return created.status();
    key_id = *created;
  }
  keys::NodeValue after = before;
  auto it = std::find_if(after.properties.begin(), after.properties.end(),
                         [&](const auto& p) { return p.first == key_id; });
  if (value.is_null()) {
    if (it == after.properties.end()) return Status::Ok();
    after.properties.erase(it);
  } else if (it != after.properties.end()) {
    if (it->second == value) return Status::Ok();
    it->second = value;
  } else {
    after.properties.emplace_back(key_id, value);
    std::sort(after.properties.begin(), after.properties.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  return ApplyNodeChange(id, &before, &after);
}

Status TxnImpl::AddLabel(NodeId id, const std::string& label) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  if (label.empty()) return Status::Error(StatusCode::kInvalidArgument, "empty label name");
  keys::NodeValue before;
  if (!(s = LockNode(id, true, &before)).ok()) return s;
  auto label_id = store_->GetOrCreateToken(TokenKind::kLabel, label);
  if (!label_id.ok()) return label_id.status();
  if (std::find(before.labels.begin(), before.labels.end(), *label_id) != before.labels.end()) {
    return Status::Ok();
  }
  keys::NodeValue after = before;
  after.labels.push_back(*label_id);
  std::sort(after.labels.begin(), after.labels.end());
  return ApplyNodeChange(id, &before, &after);
}

Status TxnImpl::RemoveLabel(NodeId id, const std::string& label) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  keys::NodeValue before;
  if (!(s = LockNode(id, true, &before)).ok()) return s;
  auto label_id = store_->tokens().Find(TokenKind::kLabel, label);
  if (!label_id) return Status::Ok();
  keys::NodeValue after = before;
  auto it = std::find(after.labels.begin(), after.labels.end(), *label_id);
  if (it == after.labels.end()) return Status::Ok();
  after.labels.erase(it);
  return ApplyNodeChange(id, &before, &after);
}

Status TxnImpl::DeleteNode(NodeId id, bool detach) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  keys::NodeValue before;
  if (!(s = LockNode(id, true, &before)).ok()) return s;
  if (!detach) {
    auto degree = Degree(id, Direction::kBoth, {});
    if (!degree.ok()) return degree.status();
    if (*degree > 0) {
      return Status::Error(StatusCode::kConstraintViolation,
                           "cannot delete node " + std::to_string(id) + ": it still has " +
                               std::to_string(*degree) +
                               " relationship entries (use DETACH DELETE)");
    }
  } else {
    if (!(s = DetachAll(id)).ok()) return s;
  }
  return ApplyNodeChange(id, &before, nullptr);
}

Result<RelId> TxnImpl::CreateRel(NodeId src, NodeId dst, const std::string& type,
                                 const PropertyMap& properties) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  if (type.empty()) return Status::Error(StatusCode::kInvalidArgument, "empty relationship type");
  if (!(s = LockNode(src, false, nullptr)).ok()) return s;
  if (dst != src && !(s = LockNode(dst, false, nullptr)).ok()) return s;
  keys::RelValue v;
  v.src = src;
  v.dst = dst;
  auto type_id = store_->GetOrCreateToken(TokenKind::kRelType, type);
  if (!type_id.ok()) return type_id.status();
  v.type = *type_id;
  if (!(s = EncodeProperties(properties, &v.properties)).ok()) return s;
  RelId id = store_->AllocateRelIds(1);
  if (!(s = Put(kCfRels, keys::RelKey(id), keys::EncodeRelValue(v))).ok()) return s;
  if (!(s = Put(kCfOut, keys::AdjKey(keys::kOutPrefix, src, v.type, dst, id), {})).ok()) return s;
  if (!(s = Put(kCfIn, keys::AdjKey(keys::kInPrefix, dst, v.type, src, id), {})).ok()) return s;
  if (!(s = Put(kCfMembers, keys::TypeMemberKey(v.type, id), {})).ok()) return s;
  if (!(s = AddCounter(CounterKind::kRels, 0, 1)).ok()) return s;
  if (!(s = AddCounter(CounterKind::kRelType, v.type, 1)).ok()) return s;
  if (!(s = RaiseHighWater(keys::HighWaterKind::kRelId, id + 1)).ok()) return s;
  return id;
}

Status TxnImpl::SetRelProperty(RelId id, const std::string& key, const PropertyValue& value) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  if (!(s = ValidatePropertyValue(key, value)).ok()) return s;
  std::string raw;
  bool found;
  if (!(s = Lock(kCfRels, keys::RelKey(id), true, &raw, &found)).ok()) return s;
  if (!found) {
    return Status::Error(StatusCode::kNotFound,
                         "relationship " + std::to_string(id) + " does not exist");
  }
  keys::RelValue v;
  if (!keys::DecodeRelValue(raw, &v)) {
    return Status::Error(StatusCode::kCorruption,
                         "relationship " + std::to_string(id) + " record is corrupt");
  }
  uint32_t key_id;
  if (value.is_null()) {
    auto existing = store_->tokens().Find(TokenKind::kPropertyKey, key);
    if (!existing) return Status::Ok();
    key_id = *existing;
  } else {
    auto created = store_->GetOrCreateToken(TokenKind::kPropertyKey, key);
    if (!created.ok()) return created.status();
    key_id = *created;
  }
  auto it = std::find_if(v.properties.begin(), v.properties.end(),
                         [&](const auto& p) { return p.first == key_id; });
  if (value.is_null()) {
    if (it == v.properties.end()) return Status::Ok();
    v.properties.erase(it);
  } else if (it != v.properties.end()) {
    it->second = value;
  } else {
    v.properties.emplace_back(key_id, value);
    std::sort(v.properties.begin(), v.properties.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  return Put(kCfRels, keys::RelKey(id), keys::EncodeRelValue(v));
}

Status TxnImpl::DeleteRel(RelId id) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  std::string raw;
  bool found;
  if (!(s = Lock(kCfRels, keys::RelKey(id), true, &raw, &found)).ok()) return s;
  if (!found) {
    return Status::Error(StatusCode::kNotFound,
                         "relationship " + std::to_string(id) + " does not exist");
  }
  keys::RelValue v;
  if (!keys::DecodeRelValue(raw, &v, true)) {
    return Status::Error(StatusCode::kCorruption,
                         "relationship " + std::to_string(id) + " record is corrupt");
  }
  if (!(s = Lock(kCfNodes, keys::NodeKey(v.src), false, nullptr, nullptr)).ok()) return s;
  if (!(s = Lock(kCfNodes, keys::NodeKey(v.dst), false, nullptr, nullptr)).ok()) return s;
  return RemoveRel(id, v.src, v.dst, v.type);
}

Status TxnImpl::CreateIndex(const IndexDefinition& definition) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  if (definition.label.empty() || definition.key.empty()) {
    return Status::Error(StatusCode::kInvalidArgument, "an index needs a label and a key");
  }
  if (!(s = Lock(kCfCatalog, std::string(1, keys::kSchemaLockKey), true, nullptr, nullptr)).ok()) {
    return s;
  }
  auto label_id = store_->GetOrCreateToken(TokenKind::kLabel, definition.label);
  if (!label_id.ok()) return label_id.status();
  auto key_id = store_->GetOrCreateToken(TokenKind::kPropertyKey, definition.key);
  if (!key_id.ok()) return key_id.status();
  defs_loaded_ = false;
  if (!(s = LoadIndexDefs()).ok()) return s;
  IndexDef def;
  def.label = *label_id;
  def.key = *key_id;
  def.unique = definition.unique;
  const IndexDef* existing = nullptr;
  for (const IndexDef& d : defs_) {
    if (d.label == def.label && d.key == def.key) existing = &d;
  }
  if (existing && (existing->unique || !def.unique)) return Status::Ok();

  // Collect the (value, node) pairs to index from the label's members.
  std::vector<std::pair<std::string, NodeId>> entries;  // encoded value, node
  auto members = PrefixCursor(kCfMembers, keys::LabelMemberPrefix(def.label));
  for (members->SeekToLower(); members->Valid(); members->Next()) {
    rocksdb::Slice k = members->key();
    NodeId node = keys::GetBig64(k.data() + k.size() - 8);
    keys::NodeValue v;
    bool found;
    if (!(s = ReadNode(node, &v, &found)).ok()) return s;
    if (!found) continue;
    for (const auto& [key, value] : v.properties) {
      if (key == def.key) entries.emplace_back(keys::EncodeIndexValue(value), node);
    }
  }
  if (!(s = members->status()).ok()) return s;
  if (def.unique) {
    std::unordered_map<std::string, NodeId> seen;
    for (const auto& [value, node] : entries) {
      auto [it, inserted] = seen.emplace(value, node);
      if (!inserted) {
        std::string_view bytes = value;
        PropertyValue decoded;
        keys::DecodeIndexValue(&bytes, &decoded);
        return Status::Error(StatusCode::kConstraintViolation,
                             "cannot create unique constraint on :" + definition.label + "(" +
                                 definition.key + "): nodes " + std::to_string(it->second) +
                                 " and " + std::to_string(node) + " share value " +
                                 decoded.ToString());
      }
    }
  }
  def.index_id = existing ? existing->index_id : store_->AllocateIndexId();
  if (!existing) {
    // A new index id is a key range no other transaction can know of until
    // this one commits its definition (the schema lock is held), so its
    // entries need no row locks; written in key order, each insert into the
    // transaction's indexed batch lands at the end.
    std::sort(entries.begin(), entries.end());
    const std::string prefix = keys::IndexPrefix(def.index_id);
    std::string key;
    for (const auto& [value, node] : entries) {
      key.assign(prefix).append(value);
      keys::PutBig64(&key, node);
      if (!(s = PutUntracked(kCfIndex, key, {})).ok()) return s;
    }
  }
  if (!(s = Put(kCfCatalog, keys::IndexDefKey(def.label, def.key), EncodeIndexDef(def))).ok()) {
    return s;
  }
  defs_loaded_ = false;
  return Status::Ok();
}

Status TxnImpl::DropIndex(std::string_view label, std::string_view key) {
  Status s = EnsureWritable();
  if (!s.ok()) return s;
  if (!(s = Lock(kCfCatalog, std::string(1, keys::kSchemaLockKey), true, nullptr, nullptr)).ok()) {
    return s;
  }
  auto def = FindIndex(label, key);
  if (!def) {
    return Status::Error(StatusCode::kNotFound,
                         "no index on :" + std::string(label) + "(" + std::string(key) + ")");
  }
  while (true) {
    std::vector<std::string> chunk;
    {
      auto cursor = PrefixCursor(kCfIndex, keys::IndexPrefix(def->index_id));
      for (cursor->SeekToLower(); cursor->Valid() && chunk.size() < kDeleteChunk; cursor->Next()) {
        chunk.push_back(cursor->key().ToString());
      }
      if (!(s = cursor->status()).ok()) return s;
    }
    if (chunk.empty()) break;
    for (const std::string& k : chunk) {
      if (!(s = Delete(kCfIndex, k)).ok()) return s;
    }
  }
  if (!(s = Delete(kCfCatalog, keys::IndexDefKey(def->label, def->key))).ok()) return s;
  defs_loaded_ = false;
  return Status::Ok();
}

Status TxnImpl::Commit(bool sync) {
  if (!writable_) {
    finished_ = true;
    return Status::Ok();
  }
  if (!InTxn()) {
    return Status::Error(StatusCode::kInvalidArgument, "transaction is already finished");
  }
  if (!poison_.ok()) {
    Rollback();
    return poison_;
  }
  Status flushed = FlushCounters();
  if (!flushed.ok()) {
    Rollback();
    return flushed;
  }
  rocksdb::WriteOptions wo;
  wo.sync = sync || store_->sync_commits();
  txn_->SetWriteOptions(wo);
  rocksdb::Status rs = txn_->Commit();
  if (!rs.ok()) {
    Rollback();
    return FromRocks(rs, "commit");
  }
  finished_ = true;
  store_->BumpVersion();
  return Status::Ok();
}

}  // namespace

std::unique_ptr<Transaction> NewReadTransaction(StoreImpl* store) {
  return std::make_unique<TxnImpl>(store, false);
}

std::unique_ptr<Transaction> NewWriteTransaction(StoreImpl* store) {
  return std::make_unique<TxnImpl>(store, true);
}

}  // namespace ecograph::storage
