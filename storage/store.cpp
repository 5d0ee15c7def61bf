#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/file_checksum.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/metadata.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "storage/info_log.h"
#include "storage/store_impl.h"

namespace ecograph::storage {

namespace fs = std::filesystem;
using keys::TokenKind;

namespace {

constexpr const char* kCfNames[kCfCount] = {
    "default", "nodes", "rels", "adj_out", "adj_in", "members", "index", "catalog", "counters",
};

// Counters CF: 'C' keys add int64 deltas; 'H' keys keep the maximum.
class CounterMergeOperator : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& key, const rocksdb::Slice* existing_value,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    int64_t base = existing_value ? keys::DecodeCounter(existing_value->ToStringView()) : 0;
    int64_t operand = keys::DecodeCounter(value.ToStringView());
    if (!key.empty() && key[0] == keys::kHighWaterPrefix) {
      auto merged = std::max(static_cast<uint64_t>(base), static_cast<uint64_t>(operand));
      *new_value = keys::EncodeCounter(static_cast<int64_t>(merged));
    } else {
      *new_value = keys::EncodeCounter(
          static_cast<int64_t>(static_cast<uint64_t>(base) + static_cast<uint64_t>(operand)));
    }
    return true;
  }
  const char* Name() const override { return "EcographCounterMerge"; }
};

bool IsLockError(const rocksdb::Status& s) {
  if (!s.IsIOError() && !s.IsBusy()) return false;
  // "While lock file: <db>/LOCK: Resource temporarily unavailable" (another
  // process) or "lock hold by current process ..." (this one).
  std::string msg = s.ToString();
  return msg.find("/LOCK") != std::string::npos || msg.find("lock file") != std::string::npos ||
         msg.find("lock hold") != std::string::npos;
}

// What the directory of a database holds when it has no CURRENT file.
enum class Leftovers { kForeign, kInterruptedCreate, kDamaged };

// RocksDB writes CURRENT right after the first MANIFEST, before any log
// record or table file, so a directory with RocksDB's files but no CURRENT
// is either a creation killed before it finished (no table file, every log
// empty) or a database whose CURRENT was lost (anything else).
Leftovers ClassifyWithoutCurrent(const std::string& path) {
  bool rocks_files = false;
  bool data = false;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    std::string name = entry.path().filename().string();
    std::string ext = entry.path().extension().string();
    std::error_code size_ec;
    if (name.starts_with("MANIFEST-") || name == "IDENTITY" || name.starts_with("OPTIONS-") ||
        name == "LOCK" || name.starts_with("LOG") || ext == ".dbtmp") {
      rocks_files = true;
    } else if (ext == ".sst" || ext == ".blob") {
      rocks_files = true;
      data = true;
    } else if (ext == ".log") {
      rocks_files = true;
      if (entry.file_size(size_ec) > 0) data = true;
    } else {
      return Leftovers::kForeign;
    }
  }
  if (!rocks_files) return Leftovers::kForeign;
  return data ? Leftovers::kDamaged : Leftovers::kInterruptedCreate;
}

std::string Damaged(const std::string& path, const std::string& detail) {
  return "the database at " + path + " is damaged (" + detail +
         "); restore it from a backup or re-import its data ('ecograph check --db " + path +
         "' verifies a database that opens)";
}

// Bytes a read-write open needs: a new log, MANIFEST and OPTIONS file, and
// room to flush the logs left by the last session into table files.
uint64_t BytesNeededToOpen(const std::string& path) {
  uint64_t needed = uint64_t{4} << 20;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    std::error_code size_ec;
    if (entry.path().extension() == ".log") needed += entry.file_size(size_ec);
  }
  return needed;
}

rocksdb::CompressionType PickCompression(bool bottommost) {
  auto supported = rocksdb::GetSupportedCompressions();
  auto has = [&](rocksdb::CompressionType t) {
    return std::find(supported.begin(), supported.end(), t) != supported.end();
  };
  if (bottommost && has(rocksdb::kZSTD)) return rocksdb::kZSTD;
  if (has(rocksdb::kLZ4Compression)) return rocksdb::kLZ4Compression;
  if (has(rocksdb::kSnappyCompression)) return rocksdb::kSnappyCompression;
  return rocksdb::kNoCompression;
}

}  // namespace

const char* CfName(int cf) { return kCfNames[cf]; }

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::Ok();
  std::string msg = context.empty() ? s.ToString() : std::string(context) + ": " + s.ToString();
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) {
    return Status::Error(StatusCode::kConflict, "transaction conflict (" + msg + ")");
  }
  if (s.IsNoSpace()) return Status::Error(StatusCode::kNoSpace, msg);
  if (s.IsNotFound()) return Status::Error(StatusCode::kNotFound, msg);
  if (s.IsCorruption()) return Status::Error(StatusCode::kCorruption, msg);
  if (s.IsInvalidArgument()) return Status::Error(StatusCode::kInvalidArgument, msg);
  return Status::Error(StatusCode::kIOError, msg);
}

std::string EncodeIndexDef(const IndexDef& def) {
  std::string v;
  keys::PutBig32(&v, def.index_id);
  v.push_back(def.unique ? '\x01' : '\x00');
  return v;
}

bool DecodeIndexDef(std::string_view key, std::string_view value, IndexDef* def) {
  if (key.size() != 9 || key[0] != keys::kIndexDefPrefix || value.size() != 5) return false;
  def->label = keys::GetBig32(key.data() + 1);
  def->key = keys::GetBig32(key.data() + 5);
  def->index_id = keys::GetBig32(value.data());
  def->unique = value[4] != '\0';
  return true;
}

// ---- TokenCache -------------------------------------------------------------

std::optional<uint32_t> TokenCache::Find(TokenKind kind, std::string_view name) const {
  std::shared_lock lock(mu_);
  const Table& t = tables_[static_cast<int>(kind)];
  auto it = t.by_name.find(std::string(name));
  if (it == t.by_name.end()) return std::nullopt;
  return it->second;
}

std::string TokenCache::Name(TokenKind kind, uint32_t id) const {
  std::shared_lock lock(mu_);
  const Table& t = tables_[static_cast<int>(kind)];
  if (id >= t.by_id.size()) return {};
  return t.by_id[id];
}

std::vector<std::pair<uint32_t, std::string>> TokenCache::All(TokenKind kind) const {
  std::shared_lock lock(mu_);
  const Table& t = tables_[static_cast<int>(kind)];
  std::vector<std::pair<uint32_t, std::string>> out;
  for (uint32_t id = 1; id < t.by_id.size(); ++id) {
    if (!t.by_id[id].empty()) out.emplace_back(id, t.by_id[id]);
  }
  return out;
}

void TokenCache::Add(TokenKind kind, uint32_t id, const std::string& name) {
  std::unique_lock lock(mu_);
  Table& t = tables_[static_cast<int>(kind)];
  if (t.by_id.size() <= id) t.by_id.resize(id + 1);
  t.by_id[id] = name;
  t.by_name[name] = id;
}

uint32_t TokenCache::MaxId(TokenKind kind) const {
  std::shared_lock lock(mu_);
  const Table& t = tables_[static_cast<int>(kind)];
  return t.by_id.empty() ? 0 : static_cast<uint32_t>(t.by_id.size() - 1);
}

// ---- StoreImpl ----------------------------------------------------------------

StoreImpl::~StoreImpl() {
  if (db_ == nullptr) return;
  if (!read_only_) ReleaseLogs();
  for (auto* h : handles_) {
    if (h != nullptr) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  for (auto* h : extra_handles_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  db_->Close().PermitUncheckedError();
  delete db_;
}

// With allow_2pc (which TransactionDB turns on) RocksDB keeps every log
// numbered from its recorded min_log_number_to_keep on, and only a flush
// moves that mark; a column family with an empty memtable is never flushed
// and holds it back, so each open that writes nothing would leave one more
// log behind. When more than the current log exists, a tombstone of an
// unused key in every column family makes all of them flushable; flushing
// them all moves the mark to the current log, and the forced scan for
// obsolete files deletes the older logs.
void StoreImpl::ReleaseLogs() {
  std::error_code ec;
  int logs = 0;
  for (const auto& entry : fs::directory_iterator(path_, ec)) {
    if (entry.path().extension() == ".log") ++logs;
  }
  std::vector<rocksdb::ColumnFamilyHandle*> all;
  for (auto* h : handles_) {
    if (h != nullptr) all.push_back(h);
  }
  if (logs > 1) {
    static const std::string kUnusedKey(16, '\xFF');  // sorts after every key we write
    rocksdb::WriteBatch batch;
    for (auto* h : all) batch.Delete(h, kUnusedKey).PermitUncheckedError();
    db_->Write(rocksdb::WriteOptions(), &batch).PermitUncheckedError();
  }
  rocksdb::FlushOptions flush;
  flush.wait = true;
  db_->Flush(flush, all).PermitUncheckedError();
  // Each open that writes adds small files (flushes at close, moved down
  // whole by compaction since new ids never overlap), and files opened at
  // every open make opens slower. While a column family is small, merge
  // its files once there are many.
  for (auto* h : all) {
    rocksdb::ColumnFamilyMetaData meta;
    db_->GetColumnFamilyMetaData(h, &meta);
    if (meta.file_count >= 16 && meta.size < (uint64_t{256} << 20)) {
      rocksdb::CompactRangeOptions compact;
      compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
      db_->CompactRange(compact, h, nullptr, nullptr).PermitUncheckedError();
    }
  }
  db_->EnableFileDeletions(/*force=*/true).PermitUncheckedError();
}

void StoreImpl::BuildOptions(const OpenOptions& options) {
  db_options_ = rocksdb::Options();
  // Replaced by a file log just before a read-write open (see OpenRocks).
  db_options_.info_log = NullInfoLog();
  db_options_.create_if_missing = !read_only_;
  db_options_.create_missing_column_families = !read_only_;
  db_options_.max_background_jobs = 2;
  db_options_.keep_log_file_num = 3;
  db_options_.max_manifest_file_size = 64 << 20;
  db_options_.max_total_wal_size = 256 << 20;
  // A CRC32C of every whole table file, kept in the MANIFEST: Check()
  // verifies it, so a flipped bit anywhere in a file is found (block
  // checksums alone miss the footer and padding).
  db_options_.file_checksum_gen_factory = rocksdb::GetFileChecksumGenCrc32cFactory();

  size_t cache_bytes = options.cache_bytes != 0 ? options.cache_bytes : size_t{256} << 20;
  std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(cache_bytes);
  auto bloom = std::shared_ptr<const rocksdb::FilterPolicy>(rocksdb::NewBloomFilterPolicy(10));

  cf_options_.assign(kCfCount, rocksdb::Options(db_options_, rocksdb::ColumnFamilyOptions()));
  for (int slot = 0; slot < kCfCount; ++slot) {
    rocksdb::Options& o = cf_options_[slot];
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = cache;
    table.format_version = 5;
    bool big = slot == kCfNodes || slot == kCfRels || slot == kCfOut || slot == kCfIn ||
               slot == kCfMembers || slot == kCfIndex;
    o.write_buffer_size = big ? (32 << 20) : (4 << 20);
    o.compression = PickCompression(false);
    o.bottommost_compression = PickCompression(true);
    o.level_compaction_dynamic_level_bytes = true;
    switch (slot) {
      case kCfNodes:
      case kCfRels:
      case kCfCatalog:
      case kCfCounters:
        // Point lookups: whole-key bloom filters.
        table.filter_policy = bloom;
        break;
      case kCfOut:
      case kCfIn:
        // Every adjacency read is a scan of one node's prefix.
        o.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(keys::kAdjNodePrefixSize));
        table.filter_policy = bloom;
        table.whole_key_filtering = false;
        break;
      default:
        break;
    }
    if (slot == kCfCounters) o.merge_operator = std::make_shared<CounterMergeOperator>();
    o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  }
}

Status StoreImpl::Init(const OpenOptions& options) {
  sync_commits_ = options.sync_commits;
  std::error_code ec;
  auto st = fs::status(path_, ec);
  bool fresh = false;
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return Status::Error(StatusCode::kIOError, "cannot access " + path_ + ": " + ec.message());
  }
  if (!fs::exists(st)) {
    if (read_only_ || !options.create_if_missing) {
      return Status::Error(StatusCode::kNotFound, "no database at " + path_);
    }
    fs::create_directories(path_, ec);
    if (ec) {
      return Status::Error(StatusCode::kIOError, "cannot create " + path_ + ": " + ec.message());
    }
    fresh = true;
  } else if (!fs::is_directory(st)) {
    return Status::Error(StatusCode::kNotADatabase,
                         path_ + " is not an ecograph database (not a directory)");
  } else {
    bool empty = fs::is_empty(path_, ec);
    if (ec) {
      return Status::Error(StatusCode::kIOError, "cannot read " + path_ + ": " + ec.message());
    }
    if (empty) {
      if (read_only_ || !options.create_if_missing) {
        return Status::Error(StatusCode::kNotFound,
                             "no database at " + path_ + " (empty directory)");
      }
      fresh = true;
    } else if (!fs::exists(fs::path(path_) / "CURRENT", ec)) {
      switch (ClassifyWithoutCurrent(path_)) {
        case Leftovers::kForeign:
          return Status::Error(StatusCode::kNotADatabase,
                               path_ + " is not an ecograph database (directory has other files)");
        case Leftovers::kDamaged:
          return Status::Error(StatusCode::kCorruption,
                               Damaged(path_, "its CURRENT file is missing"));
        case Leftovers::kInterruptedCreate:
          if (read_only_ || !options.create_if_missing) {
            return Status::Error(StatusCode::kNotFound,
                                 "no database at " + path_ +
                                     " (its creation was interrupted; create it again with --create "
                                     "or an import)");
          }
          // Nothing was ever committed: create the database afresh.
          for (const auto& entry : fs::directory_iterator(path_, ec)) {
            std::error_code remove_ec;
            fs::remove(entry.path(), remove_ec);
          }
          fresh = true;
          break;
      }
    }
  }
  if (!read_only_) {
    if (access(path_.c_str(), W_OK) != 0) {
      int err = errno;
      return Status::Error(err == EROFS ? StatusCode::kReadOnly : StatusCode::kIOError,
                           "cannot open " + path_ + " for writing: " + std::strerror(err) +
                               " (open it read-only with --read-only)");
    }
    struct statvfs fs_stats;
    if (statvfs(path_.c_str(), &fs_stats) == 0) {
      uint64_t available = static_cast<uint64_t>(fs_stats.f_bavail) * fs_stats.f_frsize;
      uint64_t needed = BytesNeededToOpen(path_);
      if (available < needed) {
        return Status::Error(StatusCode::kNoSpace,
                             "cannot open " + path_ + " for writing: the disk is full (" +
                                 std::to_string(available) + " bytes free, about " +
                                 std::to_string(needed) +
                                 " needed); free some space, or open it with --read-only");
      }
    }
  }
  BuildOptions(options);
  Status s = OpenRocks(options, fresh);
  if (!s.ok()) return s;
  s = CheckFormat(fresh);
  if (!s.ok()) return s;
  if (!read_only_) {
    // Leftovers of a bulk load that never finished (this process holds the
    // lock, so no load is running).
    for (const auto& entry : fs::directory_iterator(path_, ec)) {
      if (entry.path().filename().string().starts_with("bulk-tmp-")) {
        std::error_code remove_ec;
        fs::remove_all(entry.path(), remove_ec);
      }
    }
  }
  return LoadCatalog();
}

// True when `existing` (the column families at path_) is what an Open()
// killed before it finished creating the database leaves: only column
// families of ours, all of them empty.
bool StoreImpl::IsInterruptedCreate(const std::vector<std::string>& existing) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : existing) {
    if (std::find_if(std::begin(kCfNames), std::end(kCfNames),
                     [&](const char* n) { return name == n; }) == std::end(kCfNames)) {
      return false;
    }
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::DBOptions options;
  options.info_log = NullInfoLog();
  if (!rocksdb::DB::OpenForReadOnly(options, path_, descriptors, &handles, &db).ok()) {
    return false;
  }
  bool empty = true;
  for (auto* h : handles) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), h));
    it->SeekToFirst();
    if (it->Valid() || !it->status().ok()) empty = false;
  }
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  delete db;
  return empty;
}

Status StoreImpl::OpenRocks(const OpenOptions& /*options*/, bool fresh) {
  std::vector<std::string> existing;
  if (!fresh) {
    rocksdb::Status ls = rocksdb::DB::ListColumnFamilies(db_options_, path_, &existing);
    if (!ls.ok()) {
      // CURRENT exists (Init checked): a RocksDB database whose MANIFEST
      // cannot be read is damaged, not foreign.
      if (ls.IsCorruption() || ls.IsIOError() || ls.IsNotFound()) {
        return Status::Error(StatusCode::kCorruption, Damaged(path_, ls.ToString()));
      }
      return Status::Error(StatusCode::kNotADatabase,
                           path_ + " is not an ecograph database (" + ls.ToString() + ")");
    }
    if (std::find(existing.begin(), existing.end(), "catalog") == existing.end()) {
      if (read_only_ || !IsInterruptedCreate(existing)) {
        return Status::Error(StatusCode::kNotADatabase,
                             path_ +
                                 " is not an ecograph database (a RocksDB database without "
                                 "the ecograph catalog)");
      }
      fresh = true;
    }
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  std::vector<int> slot_of;  // descriptor index -> slot, or -1 for foreign CFs
  for (int slot = 0; slot < kCfCount; ++slot) {
    bool present =
        fresh || std::find(existing.begin(), existing.end(), kCfNames[slot]) != existing.end();
    if (!present && read_only_) {
      return Status::Error(StatusCode::kCorruption,
                           path_ + ": column family '" + kCfNames[slot] + "' is missing");
    }
    descriptors.emplace_back(kCfNames[slot], cf_options_[slot]);
    slot_of.push_back(slot);
  }
  if (!read_only_) {
    for (const std::string& name : existing) {
      if (std::find_if(std::begin(kCfNames), std::end(kCfNames),
                       [&](const char* n) { return name == n; }) == std::end(kCfNames)) {
        descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
        slot_of.push_back(-1);
      }
    }
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status rs;
  if (read_only_) {
    rs = rocksdb::DB::OpenForReadOnly(db_options_, path_, descriptors, &handles, &db_);
  } else {
    db_options_.info_log = OpenInfoLog(path_);
    rocksdb::TransactionDBOptions txn_options;
    txn_options.transaction_lock_timeout = 2000;
    rs = rocksdb::TransactionDB::Open(db_options_, txn_options, path_, descriptors, &handles,
                                      &txn_db_);
    db_ = txn_db_;
  }
  if (!rs.ok()) {
    db_ = nullptr;
    txn_db_ = nullptr;
    if (IsLockError(rs)) {
      return Status::Error(StatusCode::kLocked,
                           "database is locked by another process (" + path_ + ")");
    }
    if (rs.IsCorruption()) {
      return Status::Error(StatusCode::kCorruption, Damaged(path_, rs.ToString()));
    }
    if (rs.IsNoSpace()) {
      return Status::Error(StatusCode::kNoSpace,
                           "cannot open " + path_ + " for writing: the disk is full (" +
                               rs.ToString() + "); free some space, or open it with --read-only");
    }
    if (rs.IsInvalidArgument() || rs.IsNotSupported()) {
      return Status::Error(StatusCode::kNotADatabase,
                           path_ + " is not an ecograph database (" + rs.ToString() + ")");
    }
    return FromRocks(rs, "opening " + path_);
  }
  handles_.assign(kCfCount, nullptr);
  for (size_t desc_idx = 0; desc_idx < handles.size(); ++desc_idx) {
    if (slot_of[desc_idx] >= 0) {
      handles_[slot_of[desc_idx]] = handles[desc_idx];
    } else {
      extra_handles_.push_back(handles[desc_idx]);
    }
  }
  return Status::Ok();
}

Status StoreImpl::CheckFormat(bool fresh) {
  rocksdb::ReadOptions ro;
  std::string magic;
  rocksdb::Status rs = db_->Get(ro, cf(kCfCatalog), std::string(1, keys::kMagicKey), &magic);
  if (rs.IsNotFound()) {
    // A database created by this code but killed before its first write has
    // an empty catalog; anything else without the magic is foreign.
    bool empty = true;
    for (int slot = kCfDefault; slot < kCfCount && empty; ++slot) {
      std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf(slot)));
      it->SeekToFirst();
      empty = !it->Valid();
    }
    if (!fresh && !empty) {
      // Our column families hold data but the marker is gone: damaged
      // (e.g. a truncated MANIFEST that recovers an older, partial state).
      return Status::Error(StatusCode::kCorruption,
                           Damaged(path_, "the ecograph marker is missing from its catalog"));
    }
    if (read_only_) {
      // Our column families exist (OpenRocks checked): damaged, or a
      // creation that never wrote its marker; either way not usable.
      return Status::Error(StatusCode::kCorruption,
                           Damaged(path_, "the ecograph marker is missing from its catalog"));
    }
    rocksdb::WriteBatch batch;
    std::string version;
    keys::PutBig32(&version, kFormatVersion);
    batch.Put(cf(kCfCatalog), std::string(1, keys::kMagicKey), std::string(keys::kMagic));
    batch.Put(cf(kCfCatalog), std::string(1, keys::kVersionKey), version);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    return FromRocks(db_->Write(wo, &batch), "initializing " + path_);
  }
  if (!rs.ok()) return FromRocks(rs, "reading catalog of " + path_);
  if (magic != keys::kMagic) {
    return Status::Error(StatusCode::kNotADatabase,
                         path_ + " is not an ecograph database (bad marker)");
  }
  std::string version;
  rs = db_->Get(ro, cf(kCfCatalog), std::string(1, keys::kVersionKey), &version);
  if (!rs.ok() || version.size() != 4) {
    return Status::Error(StatusCode::kCorruption, path_ + ": format version record is missing");
  }
  uint32_t on_disk = keys::GetBig32(version.data());
  if (on_disk != kFormatVersion) {
    return Status::Error(
        StatusCode::kVersionMismatch,
        path_ + " has format version " + std::to_string(on_disk) + ", which is " +
            (on_disk > kFormatVersion ? "newer" : "older") + " than this build supports (" +
            std::to_string(kFormatVersion) + ")" +
            (on_disk > kFormatVersion ? "; use a newer ecograph" : "; re-import the data"));
  }
  return Status::Ok();
}

Status StoreImpl::LoadCatalog() {
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf(kCfCatalog)));
  std::string prefix(1, keys::kTokenByIdPrefix);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    std::string_view k = it->key().ToStringView();
    if (k.size() != 6) return Status::Error(StatusCode::kCorruption, "bad catalog token key");
    auto kind = static_cast<TokenKind>(k[1]);
    if (static_cast<int>(kind) < 1 || static_cast<int>(kind) > 4) {
      return Status::Error(StatusCode::kCorruption, "bad catalog token kind");
    }
    tokens_.Add(kind, keys::GetBig32(k.data() + 2), it->value().ToString());
  }
  if (!it->status().ok()) return FromRocks(it->status(), "loading catalog");
  uint32_t max_index = 0;
  std::string def_prefix(1, keys::kIndexDefPrefix);
  for (it->Seek(def_prefix); it->Valid() && it->key().starts_with(def_prefix); it->Next()) {
    IndexDef def;
    if (DecodeIndexDef(it->key().ToStringView(), it->value().ToStringView(), &def)) {
      max_index = std::max(max_index, def.index_id);
    }
  }
  next_index_id_ = max_index + 1;

  auto max_id = [&](int slot, keys::HighWaterKind hw) -> uint64_t {
    uint64_t next = 1;
    std::unique_ptr<rocksdb::Iterator> last(db_->NewIterator(ro, cf(slot)));
    last->SeekToLast();
    if (last->Valid() && last->key().size() == 9) {
      next = keys::GetBig64(last->key().data() + 1) + 1;
    }
    std::string v;
    if (db_->Get(ro, cf(kCfCounters), keys::HighWaterKey(hw), &v).ok()) {
      next = std::max(next, static_cast<uint64_t>(keys::DecodeCounter(v)));
    }
    return next;
  };
  next_node_id_ = max_id(kCfNodes, keys::HighWaterKind::kNodeId);
  next_rel_id_ = max_id(kCfRels, keys::HighWaterKind::kRelId);
  return Status::Ok();
}

Result<uint32_t> StoreImpl::GetOrCreateToken(TokenKind kind, const std::string& name) {
  if (auto id = tokens_.Find(kind, name)) return *id;
  if (read_only_) return Status::Error(StatusCode::kReadOnly, "database is open read-only");
  std::lock_guard lock(token_write_mu_);
  if (auto id = tokens_.Find(kind, name)) return *id;
  uint32_t id = tokens_.MaxId(kind) + 1;
  rocksdb::WriteBatch batch;
  std::string id_bytes;
  keys::PutBig32(&id_bytes, id);
  batch.Put(cf(kCfCatalog), keys::TokenByNameKey(kind, name), id_bytes);
  batch.Put(cf(kCfCatalog), keys::TokenByIdKey(kind, id), name);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  Status s = FromRocks(db_->Write(wo, &batch), "registering name '" + name + "'");
  if (!s.ok()) return s;
  tokens_.Add(kind, id, name);
  return id;
}

std::unique_ptr<Transaction> StoreImpl::BeginRead() { return NewReadTransaction(this); }

Result<std::unique_ptr<Transaction>> StoreImpl::BeginWrite() {
  if (read_only_) return Status::Error(StatusCode::kReadOnly, "database is open read-only");
  return NewWriteTransaction(this);
}

Result<std::unique_ptr<BulkLoader>> StoreImpl::BeginBulkLoad() {
  if (read_only_) return Status::Error(StatusCode::kReadOnly, "database is open read-only");
  return NewBulkLoader(this);
}

uint64_t StoreImpl::version() const {
  return local_version_.load() + db_->GetLatestSequenceNumber();
}

uint64_t StoreImpl::DiskBytes() const {
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(path_, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      uintmax_t size = it->file_size(size_ec);
      if (!size_ec) total += size;
    }
  }
  return total;
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const OpenOptions& options) {
  auto store = std::make_unique<StoreImpl>(path, options.read_only);
  Status s = store->Init(options);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ecograph::storage
