// BulkLoader: builds SST files for every column family and ingests them in
// one DB::IngestExternalFiles call, which RocksDB records atomically in the
// MANIFEST: after a crash either all of a load is visible or none of it.
// Counters and high-water marks ride along as merge operands in an SST of the
// counters column family, so they change in the same atomic step.
//
// Memory: node and relationship records stream straight into their SST
// writers (ids only increase). Adjacency is buffered as 32-byte fixed
// structs per direction and sorted at Finish(); label/type memberships are
// per-token id lists (already sorted); index keys are buffered as strings.
// About 72 bytes of RAM per relationship.
//
// Catalog tokens are registered immediately (like transactions do), so an
// aborted load can leave unused names; everything else is untouched until
// Finish() succeeds. Unique constraints are checked at Finish() against the
// load itself and the database; a concurrent transaction that inserts the
// same unique value between that check and the ingestion is not detected
// (imports are expected to run alone).
#include <rocksdb/sst_file_writer.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "storage/store_impl.h"

namespace ecograph::storage {

namespace fs = std::filesystem;
using keys::CounterKind;
using keys::TokenKind;

namespace {

std::atomic<uint64_t> g_loader_seq{0};

struct AdjEntry {
  uint64_t node;
  uint64_t neighbor;
  uint64_t rel;
  uint32_t type;
  bool operator<(const AdjEntry& o) const {
    if (node != o.node) return node < o.node;
    if (type != o.type) return type < o.type;
    if (neighbor != o.neighbor) return neighbor < o.neighbor;
    return rel < o.rel;
  }
};

class BulkLoaderImpl final : public BulkLoader {
 public:
  explicit BulkLoaderImpl(StoreImpl* store) : store_(store) {
    tmp_dir_ = (fs::path(store_->path()) / ("bulk-tmp-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(g_loader_seq.fetch_add(1))))
                   .string();
    std::error_code ec;
    fs::create_directories(tmp_dir_, ec);
    if (ec)
      Fail(Status::Error(StatusCode::kIOError, "cannot create " + tmp_dir_ + ": " + ec.message()));
    // Index definitions as of now (imports are expected to run alone).
    std::unique_ptr<Transaction> read = store_->BeginRead();
    for (const IndexDefinition& d : read->Indexes()) {
      IndexDef def;
      auto label = store_->tokens().Find(TokenKind::kLabel, d.label);
      auto key = store_->tokens().Find(TokenKind::kPropertyKey, d.key);
      if (!label || !key) continue;
      std::string raw;
      if (!store_->db()
               ->Get(rocksdb::ReadOptions(), store_->cf(kCfCatalog),
                     keys::IndexDefKey(*label, *key), &raw)
               .ok()) {
        continue;
      }
      if (DecodeIndexDef(keys::IndexDefKey(*label, *key), raw, &def)) defs_.push_back(def);
    }
  }
  ~BulkLoaderImpl() override {
    if (!finished_) Abort();
  }

  NodeId AddNode(const std::vector<std::string>& labels, const PropertyMap& properties) override {
    NodeId id = store_->AllocateNodeIds(1);
    if (!error_.ok()) return id;
    keys::NodeValue v;
    for (const std::string& label : labels) {
      auto label_id = store_->GetOrCreateToken(TokenKind::kLabel, label);
      if (!label_id.ok()) {
        Fail(label_id.status());
        return id;
      }
      v.labels.push_back(*label_id);
    }
    std::sort(v.labels.begin(), v.labels.end());
    v.labels.erase(std::unique(v.labels.begin(), v.labels.end()), v.labels.end());
    if (!EncodeProperties(properties, &v.properties)) return id;
    if (!Write(&nodes_, kCfNodes, keys::NodeKey(id), keys::EncodeNodeValue(v))) return id;
    for (uint32_t label : v.labels) {
      label_members_[label].push_back(id);
      ++label_counts_[label];
    }
    for (const IndexDef& def : defs_) {
      if (std::find(v.labels.begin(), v.labels.end(), def.label) == v.labels.end()) continue;
      for (const auto& [key, value] : v.properties) {
        if (key == def.key) index_keys_.push_back(keys::IndexKey(def.index_id, value, id));
      }
    }
    ++node_count_;
    max_node_id_ = std::max(max_node_id_, id);
    if (!node_ranges_.empty() && node_ranges_.back().second == id) {
      node_ranges_.back().second = id + 1;
    } else {
      node_ranges_.emplace_back(id, id + 1);
    }
    return id;
  }

  RelId AddRel(NodeId src, NodeId dst, const std::string& type,
               const PropertyMap& properties) override {
    RelId id = store_->AllocateRelIds(1);
    if (!error_.ok()) return id;
    keys::RelValue v;
    v.src = src;
    v.dst = dst;
    auto type_id = store_->GetOrCreateToken(TokenKind::kRelType, type);
    if (!type_id.ok()) {
      Fail(type_id.status());
      return id;
    }
    v.type = *type_id;
    if (!EncodeProperties(properties, &v.properties)) return id;
    if (!Write(&rels_, kCfRels, keys::RelKey(id), keys::EncodeRelValue(v))) return id;
    out_.push_back({src, dst, id, v.type});
    in_.push_back({dst, src, id, v.type});
    type_members_[v.type].push_back(id);
    ++type_counts_[v.type];
    ++rel_count_;
    max_rel_id_ = std::max(max_rel_id_, id);
    return id;
  }

  bool NodeExists(NodeId id) override {
    auto it = std::upper_bound(node_ranges_.begin(), node_ranges_.end(), id,
                               [](NodeId v, const auto& range) { return v < range.first; });
    if (it != node_ranges_.begin() && id < std::prev(it)->second) return true;
    std::string raw;
    return store_->db()
        ->Get(rocksdb::ReadOptions(), store_->cf(kCfNodes), keys::NodeKey(id), &raw)
        .ok();
  }

  Status Finish() override {
    if (finished_) {
      return Status::Error(StatusCode::kInvalidArgument, "bulk load is already finished");
    }
    Status s = FinishImpl();
    finished_ = true;
    Cleanup();
    if (s.ok()) store_->BumpVersion();
    return s;
  }

  void Abort() override {
    finished_ = true;
    Cleanup();
  }

 private:
  struct SstOut {
    std::unique_ptr<rocksdb::SstFileWriter> writer;
    std::vector<std::string> files;
    uint64_t entries = 0;
  };

  void Fail(Status s) {
    if (error_.ok()) error_ = std::move(s);
  }

  bool EncodeProperties(const PropertyMap& properties, keys::EncodedProperties* out) {
    for (const auto& [name, value] : properties) {
      if (value.is_null()) continue;
      // Callers validate first (REQUIRES); this keeps an unreadable record
      // out of the store even if one does not.
      Status valid = ValidatePropertyValue(name, value);
      if (!valid.ok()) {
        Fail(valid);
        return false;
      }
      auto id = store_->GetOrCreateToken(TokenKind::kPropertyKey, name);
      if (!id.ok()) {
        Fail(id.status());
        return false;
      }
      out->emplace_back(*id, value);
    }
    std::sort(out->begin(), out->end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return true;
  }

  // Appends to the column family's current SST (opening one on first use).
  bool Write(SstOut* out, int slot, const std::string& key, const std::string& value,
             bool merge = false) {
    if (!out->writer) {
      out->writer = std::make_unique<rocksdb::SstFileWriter>(
          rocksdb::EnvOptions(), store_->cf_options(slot), store_->cf(slot));
      std::string file =
          tmp_dir_ + "/" + CfName(slot) + "-" + std::to_string(out->files.size()) + ".sst";
      rocksdb::Status rs = out->writer->Open(file);
      if (!rs.ok()) {
        Fail(FromRocks(rs, "bulk load: creating " + file));
        return false;
      }
      out->files.push_back(file);
    }
    rocksdb::Status rs = merge ? out->writer->Merge(key, value) : out->writer->Put(key, value);
    if (!rs.ok()) {
      Fail(FromRocks(rs, "bulk load: writing SST"));
      return false;
    }
    ++out->entries;
    return true;
  }

  bool Close(SstOut* out) {
    if (!out->writer) return true;
    rocksdb::Status rs = out->writer->Finish();
    out->writer.reset();
    if (!rs.ok()) {
      Fail(FromRocks(rs, "bulk load: finishing SST"));
      return false;
    }
    return true;
  }

  bool WriteAdjacency(std::vector<AdjEntry>* entries, int slot, char prefix, SstOut* out) {
    std::sort(entries->begin(), entries->end());
    for (const AdjEntry& e : *entries) {
      if (!Write(out, slot, keys::AdjKey(prefix, e.node, e.type, e.neighbor, e.rel), {})) {
        return false;
      }
    }
    std::vector<AdjEntry>().swap(*entries);
    return Close(out);
  }

  std::string IndexName(uint32_t index_id) const {
    for (const IndexDef& def : defs_) {
      if (def.index_id == index_id) {
        return ":" + store_->tokens().Name(TokenKind::kLabel, def.label) + "(" +
               store_->tokens().Name(TokenKind::kPropertyKey, def.key) + ")";
      }
    }
    return "?";
  }

  bool IsUnique(uint32_t index_id) const {
    for (const IndexDef& def : defs_) {
      if (def.index_id == index_id) return def.unique;
    }
    return false;
  }

  Status CheckUniqueConstraints() {
    rocksdb::ReadOptions ro;
    ro.total_order_seek = true;
    std::unique_ptr<rocksdb::Iterator> db_it(store_->db()->NewIterator(ro, store_->cf(kCfIndex)));
    for (size_t key_idx = 0; key_idx < index_keys_.size(); ++key_idx) {
      const std::string& key = index_keys_[key_idx];
      uint32_t index_id;
      std::string_view value_bytes;
      NodeId node;
      if (!keys::DecodeIndexKey(key, &index_id, &value_bytes, &node) || !IsUnique(index_id)) {
        continue;
      }
      std::string_view value_prefix(key.data(), key.size() - 8);
      std::optional<NodeId> other;
      if (key_idx > 0 && std::string_view(index_keys_[key_idx - 1]).starts_with(value_prefix) &&
          index_keys_[key_idx - 1].size() == key.size()) {
        other = keys::GetBig64(index_keys_[key_idx - 1].data() + key.size() - 8);
      } else {
        db_it->Seek(rocksdb::Slice(value_prefix.data(), value_prefix.size()));
        if (db_it->Valid() &&
            db_it->key().starts_with(rocksdb::Slice(value_prefix.data(), value_prefix.size())) &&
            db_it->key().size() == key.size()) {
          other = keys::GetBig64(db_it->key().data() + key.size() - 8);
        }
        if (!db_it->status().ok()) return FromRocks(db_it->status(), "bulk load unique check");
      }
      if (other) {
        PropertyValue value;
        std::string_view bytes = value_bytes;
        keys::DecodeIndexValue(&bytes, &value);
        return Status::Error(StatusCode::kConstraintViolation,
                             "unique constraint on " + IndexName(index_id) + " violated: value " +
                                 value.ToString() + " is used by nodes " + std::to_string(*other) +
                                 " and " + std::to_string(node));
      }
    }
    return Status::Ok();
  }

  Status FinishImpl() {
    if (!error_.ok()) return error_;
    std::sort(index_keys_.begin(), index_keys_.end());
    index_keys_.erase(std::unique(index_keys_.begin(), index_keys_.end()), index_keys_.end());
    Status s = CheckUniqueConstraints();
    if (!s.ok()) return s;

    Close(&nodes_);
    Close(&rels_);
    SstOut out_sst, in_sst, members_sst, index_sst, counters_sst;
    WriteAdjacency(&out_, kCfOut, keys::kOutPrefix, &out_sst);
    WriteAdjacency(&in_, kCfIn, keys::kInPrefix, &in_sst);
    for (auto& [label, ids] : label_members_) {
      for (NodeId id : ids) Write(&members_sst, kCfMembers, keys::LabelMemberKey(label, id), {});
      std::vector<NodeId>().swap(ids);
    }
    for (auto& [type, ids] : type_members_) {
      for (RelId id : ids) Write(&members_sst, kCfMembers, keys::TypeMemberKey(type, id), {});
      std::vector<RelId>().swap(ids);
    }
    Close(&members_sst);
    for (const std::string& key : index_keys_) Write(&index_sst, kCfIndex, key, {});
    Close(&index_sst);

    std::vector<std::pair<std::string, std::string>> counters;
    auto add = [&](std::string key, int64_t v) {
      counters.emplace_back(std::move(key), keys::EncodeCounter(v));
    };
    if (node_count_ > 0) {
      add(keys::CounterKey(CounterKind::kNodes), static_cast<int64_t>(node_count_));
      add(keys::HighWaterKey(keys::HighWaterKind::kNodeId), static_cast<int64_t>(max_node_id_ + 1));
    }
    if (rel_count_ > 0) {
      add(keys::CounterKey(CounterKind::kRels), static_cast<int64_t>(rel_count_));
      add(keys::HighWaterKey(keys::HighWaterKind::kRelId), static_cast<int64_t>(max_rel_id_ + 1));
    }
    for (auto& [label, n] : label_counts_) add(keys::CounterKey(CounterKind::kLabel, label), n);
    for (auto& [type, n] : type_counts_) add(keys::CounterKey(CounterKind::kRelType, type), n);
    std::sort(counters.begin(), counters.end());
    for (auto& [key, value] : counters) Write(&counters_sst, kCfCounters, key, value, true);
    Close(&counters_sst);
    if (!error_.ok()) return error_;

    std::vector<rocksdb::IngestExternalFileArg> args;
    auto add_arg = [&](int slot, const SstOut& out) {
      if (out.files.empty() || out.entries == 0) return;
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = store_->cf(slot);
      arg.external_files = out.files;
      arg.options.move_files = true;
      arg.options.allow_global_seqno = true;
      arg.options.allow_blocking_flush = true;
      args.push_back(std::move(arg));
    };
    add_arg(kCfNodes, nodes_);
    add_arg(kCfRels, rels_);
    add_arg(kCfOut, out_sst);
    add_arg(kCfIn, in_sst);
    add_arg(kCfMembers, members_sst);
    add_arg(kCfIndex, index_sst);
    add_arg(kCfCounters, counters_sst);
    if (args.empty()) return Status::Ok();
    return FromRocks(store_->db()->IngestExternalFiles(args), "bulk load: ingesting");
  }

  void Cleanup() {
    nodes_.writer.reset();
    rels_.writer.reset();
    std::vector<AdjEntry>().swap(out_);
    std::vector<AdjEntry>().swap(in_);
    label_members_.clear();
    type_members_.clear();
    std::vector<std::string>().swap(index_keys_);
    std::error_code ec;
    fs::remove_all(tmp_dir_, ec);
  }

  StoreImpl* store_;
  std::string tmp_dir_;
  Status error_;
  bool finished_ = false;
  std::vector<IndexDef> defs_;
  SstOut nodes_, rels_;
  std::vector<std::pair<NodeId, NodeId>> node_ranges_;  // [first, end), ascending
  std::vector<AdjEntry> out_, in_;
  std::map<uint32_t, std::vector<NodeId>> label_members_;
  std::map<uint32_t, std::vector<RelId>> type_members_;
  std::map<uint32_t, int64_t> label_counts_, type_counts_;
  std::vector<std::string> index_keys_;
  uint64_t node_count_ = 0, rel_count_ = 0;
  NodeId max_node_id_ = 0;
  RelId max_rel_id_ = 0;
};

}  // namespace

std::unique_ptr<BulkLoader> NewBulkLoader(StoreImpl* store) {
  return std::make_unique<BulkLoaderImpl>(store);
}

}  // namespace ecograph::storage
