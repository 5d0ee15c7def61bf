// Store::Check(): verifies the invariants listed in store_impl.h against one
// snapshot. Streams every column family once and confirms each cross
// reference with a point lookup, so memory stays constant (plus the
// per-label/per-type tallies).
#include <map>
#include <unordered_map>

#include "storage/store_impl.h"

namespace ecograph::storage {

using keys::CounterKind;
using keys::TokenKind;

namespace {

constexpr size_t kMaxProblems = 10000;

class Checker {
 public:
  explicit Checker(StoreImpl* store) : store_(store) {
    if (!store_->is_read_only()) snapshot_ = store_->db()->GetSnapshot();
    ro_.snapshot = snapshot_;
    ro_.total_order_seek = true;
  }
  ~Checker() {
    if (snapshot_ != nullptr) store_->db()->ReleaseSnapshot(snapshot_);
  }

  CheckReport Run() {
    VerifyFiles();
    LoadIndexDefs();
    CheckNodes();
    CheckRels();
    CheckAdjacency(kCfOut, keys::kOutPrefix);
    CheckAdjacency(kCfIn, keys::kInPrefix);
    CheckMembers();
    CheckIndexEntries();
    CheckCounters();
    if (dropped_ > 0) {
      report_.problems.push_back("... and " + std::to_string(dropped_) + " more problems");
    }
    return std::move(report_);
  }

 private:
  void Problem(std::string line) {
    if (report_.problems.size() < kMaxProblems) {
      report_.problems.push_back(std::move(line));
    } else {
      ++dropped_;
    }
  }
  bool Exists(int slot, const std::string& key, std::string* value = nullptr) {
    std::string scratch;
    rocksdb::Status s = store_->db()->Get(ro_, store_->cf(slot), key, value ? value : &scratch);
    if (!s.ok() && !s.IsNotFound()) Problem("read error: " + s.ToString());
    return s.ok();
  }
  std::unique_ptr<rocksdb::Iterator> Scan(int slot) {
    return std::unique_ptr<rocksdb::Iterator>(store_->db()->NewIterator(ro_, store_->cf(slot)));
  }
  void IterStatus(const rocksdb::Iterator& it, int slot) {
    if (!it.status().ok()) {
      Problem(std::string("scan error in ") + CfName(slot) + ": " + it.status().ToString());
    }
  }
  std::string Hex(std::string_view key) {
    static const char* kDigits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : key) {
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 15]);
    }
    return out;
  }
  bool ReadNode(uint64_t id, keys::NodeValue* out) {
    std::string raw;
    if (!Exists(kCfNodes, keys::NodeKey(id), &raw)) return false;
    return keys::DecodeNodeValue(raw, out);
  }
  std::string LabelName(uint32_t id) {
    std::string name = store_->tokens().Name(TokenKind::kLabel, id);
    return name.empty() ? "#" + std::to_string(id) : name;
  }

  // Every block of every table file against its block checksum, and every
  // whole file against the CRC32C recorded in the MANIFEST when it was
  // written (files from before file checksums were on have none).
  void VerifyFiles() {
    rocksdb::ReadOptions ro;
    ro.verify_checksums = true;
    rocksdb::Status s = store_->db()->VerifyChecksum(ro);
    if (!s.ok()) Problem("block checksum verification failed: " + s.ToString());
    s = store_->db()->VerifyFileChecksums(ro);
    if (!s.ok()) Problem("file checksum verification failed: " + s.ToString());
  }

  void LoadIndexDefs() {
    auto it = Scan(kCfCatalog);
    std::string prefix(1, keys::kIndexDefPrefix);
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      IndexDef def;
      if (DecodeIndexDef(it->key().ToStringView(), it->value().ToStringView(), &def)) {
        defs_[def.index_id] = def;
      } else {
        Problem("bad index definition key " + Hex(it->key().ToStringView()));
      }
    }
    IterStatus(*it, kCfCatalog);
  }

  void CheckNodes() {
    auto it = Scan(kCfNodes);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key = it->key().ToStringView();
      if (key.size() != 9 || key[0] != keys::kNodePrefix) {
        Problem("bad node key " + Hex(key));
        continue;
      }
      uint64_t id = keys::GetBig64(key.data() + 1);
      ++report_.nodes_checked;
      keys::NodeValue v;
      if (!keys::DecodeNodeValue(it->value().ToStringView(), &v)) {
        Problem("node " + std::to_string(id) + ": corrupt record");
        continue;
      }
      for (uint32_t label : v.labels) {
        ++label_counts_[label];
        if (store_->tokens().Name(TokenKind::kLabel, label).empty()) {
          Problem("node " + std::to_string(id) + ": unknown label id " + std::to_string(label));
        }
        if (!Exists(kCfMembers, keys::LabelMemberKey(label, id))) {
          Problem("node " + std::to_string(id) +
                  ": label membership entry for :" + LabelName(label) + " is missing");
        }
      }
      for (const auto& [index_id, def] : defs_) {
        if (std::find(v.labels.begin(), v.labels.end(), def.label) == v.labels.end()) continue;
        for (const auto& [key_id, value] : v.properties) {
          if (key_id != def.key) continue;
          if (!Exists(kCfIndex, keys::IndexKey(index_id, value, id))) {
            Problem("node " + std::to_string(id) + ": index entry for :" + LabelName(def.label) +
                    "(" + store_->tokens().Name(TokenKind::kPropertyKey, def.key) +
                    ") = " + value.ToString() + " is missing");
          }
        }
      }
    }
    IterStatus(*it, kCfNodes);
  }

  void CheckRels() {
    auto it = Scan(kCfRels);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key = it->key().ToStringView();
      if (key.size() != 9 || key[0] != keys::kRelPrefix) {
        Problem("bad relationship key " + Hex(key));
        continue;
      }
      uint64_t id = keys::GetBig64(key.data() + 1);
      ++report_.rels_checked;
      keys::RelValue v;
      if (!keys::DecodeRelValue(it->value().ToStringView(), &v)) {
        Problem("relationship " + std::to_string(id) + ": corrupt record");
        continue;
      }
      ++type_counts_[v.type];
      std::string rel = "relationship " + std::to_string(id);
      if (!Exists(kCfNodes, keys::NodeKey(v.src))) {
        Problem(rel + ": source node " + std::to_string(v.src) + " does not exist");
      }
      if (!Exists(kCfNodes, keys::NodeKey(v.dst))) {
        Problem(rel + ": target node " + std::to_string(v.dst) + " does not exist");
      }
      if (!Exists(kCfOut, keys::AdjKey(keys::kOutPrefix, v.src, v.type, v.dst, id))) {
        Problem(rel + ": outgoing adjacency entry is missing");
      }
      if (!Exists(kCfIn, keys::AdjKey(keys::kInPrefix, v.dst, v.type, v.src, id))) {
        Problem(rel + ": incoming adjacency entry is missing");
      }
      if (!Exists(kCfMembers, keys::TypeMemberKey(v.type, id))) {
        Problem(rel + ": type membership entry is missing");
      }
    }
    IterStatus(*it, kCfRels);
  }

  void CheckAdjacency(int slot, char prefix) {
    bool out = prefix == keys::kOutPrefix;
    char twin = out ? keys::kInPrefix : keys::kOutPrefix;
    auto it = Scan(slot);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      keys::AdjKeyParts parts;
      std::string_view key = it->key().ToStringView();
      if (!keys::DecodeAdjKey(key, &parts) || key[0] != prefix) {
        Problem(std::string("bad adjacency key in ") + CfName(slot) + ": " + Hex(key));
        continue;
      }
      std::string entry = std::string(out ? "outgoing" : "incoming") + " adjacency entry (node " +
                          std::to_string(parts.node) + ", rel " + std::to_string(parts.rel) + ")";
      std::string raw;
      keys::RelValue v;
      if (!Exists(kCfRels, keys::RelKey(parts.rel), &raw)) {
        Problem(entry + ": relationship record is missing");
      } else if (keys::DecodeRelValue(raw, &v, true)) {
        NodeId src = out ? parts.node : parts.neighbor;
        NodeId dst = out ? parts.neighbor : parts.node;
        if (v.src != src || v.dst != dst || v.type != parts.type) {
          Problem(entry + ": does not match the relationship record");
        }
      }
      if (!Exists(out ? kCfIn : kCfOut,
                  keys::AdjKey(twin, parts.neighbor, parts.type, parts.node, parts.rel))) {
        Problem(entry + ": twin entry is missing");
      }
    }
    IterStatus(*it, slot);
  }

  void CheckMembers() {
    auto it = Scan(kCfMembers);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key = it->key().ToStringView();
      if (key.size() != 13 ||
          (key[0] != keys::kLabelMemberPrefix && key[0] != keys::kTypeMemberPrefix)) {
        Problem("bad membership key " + Hex(key));
        continue;
      }
      uint32_t token = keys::GetBig32(key.data() + 1);
      uint64_t id = keys::GetBig64(key.data() + 5);
      if (key[0] == keys::kLabelMemberPrefix) {
        keys::NodeValue v;
        if (!ReadNode(id, &v)) {
          Problem("label :" + LabelName(token) + " lists node " + std::to_string(id) +
                  ", which does not exist");
        } else if (std::find(v.labels.begin(), v.labels.end(), token) == v.labels.end()) {
          Problem("label :" + LabelName(token) + " lists node " + std::to_string(id) +
                  ", which does not have that label");
        }
      } else {
        std::string raw;
        keys::RelValue v;
        if (!Exists(kCfRels, keys::RelKey(id), &raw) || !keys::DecodeRelValue(raw, &v, true)) {
          Problem("type " + std::to_string(token) + " lists relationship " + std::to_string(id) +
                  ", which does not exist");
        } else if (v.type != token) {
          Problem("type membership of relationship " + std::to_string(id) + " has the wrong type");
        }
      }
    }
    IterStatus(*it, kCfMembers);
  }

  void CheckIndexEntries() {
    auto it = Scan(kCfIndex);
    std::string previous_value;
    uint32_t previous_index = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      uint32_t index_id;
      std::string_view value_bytes;
      NodeId node;
      std::string_view key = it->key().ToStringView();
      if (!keys::DecodeIndexKey(key, &index_id, &value_bytes, &node)) {
        Problem("bad index key " + Hex(key));
        continue;
      }
      auto def_it = defs_.find(index_id);
      std::string entry =
          "index entry (index " + std::to_string(index_id) + ", node " + std::to_string(node) + ")";
      if (def_it == defs_.end()) {
        Problem(entry + ": index is not defined");
        continue;
      }
      const IndexDef& def = def_it->second;
      if (def.unique && index_id == previous_index && value_bytes == previous_value) {
        Problem(entry + ": duplicate value in unique index");
      }
      previous_index = index_id;
      previous_value = std::string(value_bytes);
      keys::NodeValue v;
      if (!ReadNode(node, &v)) {
        Problem(entry + ": node does not exist");
        continue;
      }
      if (std::find(v.labels.begin(), v.labels.end(), def.label) == v.labels.end()) {
        Problem(entry + ": node does not have label :" + LabelName(def.label));
        continue;
      }
      bool matches = false;
      for (const auto& [key_id, value] : v.properties) {
        if (key_id == def.key && keys::EncodeIndexValue(value) == value_bytes) matches = true;
      }
      if (!matches) Problem(entry + ": value does not match the node's property");
    }
    IterStatus(*it, kCfIndex);
  }

  int64_t Counter(CounterKind kind, uint32_t id) {
    std::string raw;
    if (!Exists(kCfCounters, keys::CounterKey(kind, id), &raw)) return 0;
    return keys::DecodeCounter(raw);
  }

  void Compare(const std::string& what, int64_t stored, uint64_t actual) {
    if (stored != static_cast<int64_t>(actual)) {
      Problem("counter " + what + " is " + std::to_string(stored) + " but there are " +
              std::to_string(actual));
    }
  }

  void CheckCounters() {
    Compare("nodes", Counter(CounterKind::kNodes, 0), report_.nodes_checked);
    Compare("relationships", Counter(CounterKind::kRels, 0), report_.rels_checked);
    for (auto& [id, name] : store_->tokens().All(TokenKind::kLabel)) {
      Compare("of label :" + name, Counter(CounterKind::kLabel, id), label_counts_[id]);
    }
    for (auto& [id, name] : store_->tokens().All(TokenKind::kRelType)) {
      Compare("of type :" + name, Counter(CounterKind::kRelType, id), type_counts_[id]);
    }
  }

  StoreImpl* store_;
  const rocksdb::Snapshot* snapshot_ = nullptr;
  rocksdb::ReadOptions ro_;
  CheckReport report_;
  size_t dropped_ = 0;
  std::map<uint32_t, IndexDef> defs_;
  std::unordered_map<uint32_t, uint64_t> label_counts_;
  std::unordered_map<uint32_t, uint64_t> type_counts_;
};

}  // namespace

CheckReport StoreImpl::Check() { return Checker(this).Run(); }

}  // namespace ecograph::storage
