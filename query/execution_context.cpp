#include "query/execution_context.h"

#include <algorithm>

#include "graph/topology.h"

namespace ecograph::query {

namespace {
constexpr size_t kMaxCachedEntities = 200'000;
constexpr size_t kCacheGrowthPoint = 4096;
// After this many label probes of one label, a read statement loads the
// label's members once instead of fetching each node.
constexpr uint64_t kLabelProbesBeforeScan = 256;
}  // namespace

void ThrowIfError(const storage::Status& status) {
  if (status.ok()) return;
  ErrorKind kind = status.code() == storage::StatusCode::kConstraintViolation
                       ? ErrorKind::kConstraint
                       : ErrorKind::kStorage;
  throw QueryError(kind, status.message().empty() ? status.ToString() : status.message());
}

ExecContext::ExecContext(storage::Transaction& txn, graph::TopologyCache& topology,
                         const Params& params, const QueryOptions& options,
                         const std::string& query_text, std::chrono::steady_clock::time_point start)
    : txn_(txn), topology_(topology), params_(params), options_(options),
      query_text_(query_text), deadline_(StatementDeadline(options, start)) {}

void ExecContext::CheckTimeout() { CheckInterrupted(options_, deadline_); }

std::optional<std::chrono::steady_clock::time_point> StatementDeadline(
    const QueryOptions& options, std::chrono::steady_clock::time_point start) {
  if (options.timeout.count() <= 0) return std::nullopt;
  return start + options.timeout;
}

void CheckInterrupted(const QueryOptions& options,
                      const std::optional<std::chrono::steady_clock::time_point>& deadline) {
  if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) {
    throw QueryError(ErrorKind::kRuntime, "query cancelled");
  }
  if (deadline && std::chrono::steady_clock::now() > *deadline) {
    auto ms = options.timeout.count();
    std::string amount = ms % 1000 == 0 ? std::to_string(ms / 1000) + " s"
                                        : std::to_string(ms) + " ms";
    throw QueryError(ErrorKind::kTimeout, "query exceeded the timeout of " + amount);
  }
}

namespace {
std::string FormatBytes(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 30) && bytes % (uint64_t{1} << 30) == 0) {
    return std::to_string(bytes >> 30) + " GiB";
  }
  if (bytes >= (uint64_t{1} << 20)) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}
}  // namespace

uint64_t ApproxBytes(const Value& value) {
  uint64_t bytes = sizeof(Value);
  switch (value.type()) {
    case ValueType::kString: return bytes + value.as_string().size();
    case ValueType::kList:
      for (const Value& item : value.as_list()) bytes += ApproxBytes(item);
      return bytes;
    case ValueType::kMap:
      for (const auto& [key, item] : value.as_map()) bytes += key.size() + 32 + ApproxBytes(item);
      return bytes;
    case ValueType::kNode: return bytes + 64 + 48 * value.as_node().properties.size();
    case ValueType::kRel: return bytes + 64 + 48 * value.as_rel().properties.size();
    case ValueType::kPath:
      return bytes + 112 * (value.as_path().nodes.size() + value.as_path().rels.size());
    default: return bytes;
  }
}

uint64_t ApproxBytes(const Row& row) {
  uint64_t bytes = sizeof(Row) + row.size() * (sizeof(Slot) - sizeof(Value));
  for (const Slot& slot : row) bytes += ApproxBytes(slot.value);
  return bytes;
}

void ExecContext::ChargeMemory(uint64_t bytes, const char* what) {
  memory_used_ += bytes;
  if (options_.memory_budget > 0 && memory_used_ > options_.memory_budget) {
    throw QueryError(ErrorKind::kRuntime, std::string(what) + " exceeded the query memory budget of " +
                                              FormatBytes(options_.memory_budget));
  }
}

void ExecContext::CheckValueSize(uint64_t bytes, const char* what, SourceSpan span) {
  if (bytes >= (uint64_t{1} << 20)) CheckTimeout();  // large values take a while to build
  if (options_.memory_budget > 0 && bytes + memory_used_ > options_.memory_budget) {
    throw QueryError(ErrorKind::kRuntime,
                     std::string(what) + " would exceed the query memory budget of " +
                         FormatBytes(options_.memory_budget),
                     span);
  }
}

void ExecContext::CheckRowCount(uint64_t rows, const char* what) {
  if (rows > options_.max_intermediate_rows) {
    throw QueryError(ErrorKind::kRuntime,
                     std::string(what) + " exceeded the limit of " +
                         std::to_string(options_.max_intermediate_rows) +
                         " intermediate rows");
  }
}

uint32_t ExecContext::InternType(const std::string& type) {
  if (last_type_id_ < type_names_.size() && type_names_[last_type_id_] == type) return last_type_id_;
  auto it = type_ids_.find(type);
  if (it != type_ids_.end()) last_type_id_ = it->second;
  if (it != type_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(type_names_.size());
  type_names_.push_back(type);
  type_ids_.emplace(type, id);
  return id;
}

std::shared_ptr<const NodeValue> ExecContext::GetNode(uint64_t id) {
  auto it = node_cache_.find(id);
  if (it != node_cache_.end()) return it->second;
  auto result = txn_.GetNode(id);
  if (!result.ok()) ThrowIfError(result.status());
  std::shared_ptr<const NodeValue> node;
  if (result.value().has_value()) {
    storage::NodeRecord& record = *result.value();
    node = std::make_shared<NodeValue>(
        NodeValue{record.id, std::move(record.labels), std::move(record.properties)});
  }
  if (node_cache_.size() >= kMaxCachedEntities) node_cache_.clear();
  // A statement that reads this many records likely reads many more: size
  // the table once instead of rehashing at every doubling.
  if (node_cache_.size() == kCacheGrowthPoint) node_cache_.reserve(kMaxCachedEntities);
  node_cache_.emplace(id, node);
  return node;
}

std::shared_ptr<const RelValue> ExecContext::GetRel(uint64_t id) {
  auto it = rel_cache_.find(id);
  if (it != rel_cache_.end()) return it->second;
  auto result = txn_.GetRel(id);
  if (!result.ok()) ThrowIfError(result.status());
  std::shared_ptr<const RelValue> rel;
  if (result.value().has_value()) {
    storage::RelRecord& record = *result.value();
    rel = std::make_shared<RelValue>(RelValue{record.id, record.src, record.dst,
                                              std::move(record.type),
                                              std::move(record.properties)});
  }
  if (rel_cache_.size() >= kMaxCachedEntities) rel_cache_.clear();
  if (rel_cache_.size() == kCacheGrowthPoint) rel_cache_.reserve(kMaxCachedEntities);
  rel_cache_.emplace(id, rel);
  return rel;
}

bool ExecContext::HasLabel(uint64_t node_id, const std::string& label) {
  if (!last_label_set_ || last_label_ != label) {
    last_label_set_ = &label_sets_[label];
    last_label_ = label;
  }
  LabelSet& set = *last_label_set_;
  if (topology_view_) {
    if (set.label_id == -2) {
      auto id = topology_view_->FindLabel(label);
      set.label_id = id ? static_cast<int>(*id) : -1;
    }
    if (set.label_id < 0) return false;
    graph::VertexIndex vertex = topology_view_->VertexOf(node_id);
    return vertex != graph::kNoVertex &&
           topology_view_->HasLabel(vertex, static_cast<graph::LabelId>(set.label_id));
  }
  if (set.materialized) return set.ids.count(node_id) > 0;
  if (set.probes == 0) {
    // Loading the label costs about one probe per member / 8 (a sequential
    // scan instead of point reads), so load once probes exceed that.
    set.scan_threshold = std::max<uint64_t>(kLabelProbesBeforeScan, txn_.CountLabel(label) / 8);
  }
  if (++set.probes > set.scan_threshold && !txn_.is_writable()) {
    auto iterator = txn_.ScanLabel(label);
    uint64_t member = 0;
    while (iterator->Next(&member)) {
      set.ids.insert(member);
      Tick();
    }
    ThrowIfError(iterator->status());
    set.materialized = true;
    return set.ids.count(node_id) > 0;
  }
  auto node = GetNode(node_id);
  if (!node) return false;
  return std::binary_search(node->labels.begin(), node->labels.end(), label) ||
         std::find(node->labels.begin(), node->labels.end(), label) != node->labels.end();
}

bool ExecContext::HasLabelAtVertex(uint32_t vertex, const std::string& label) {
  if (!last_label_set_ || last_label_ != label) {
    last_label_set_ = &label_sets_[label];
    last_label_ = label;
  }
  LabelSet& set = *last_label_set_;
  if (set.label_id == -2) {
    auto id = topology_view_->FindLabel(label);
    set.label_id = id ? static_cast<int>(*id) : -1;
  }
  return set.label_id >= 0 && topology_view_->HasLabel(vertex, static_cast<graph::LabelId>(set.label_id));
}

void ExecContext::InvalidateCaches() {
  last_label_set_ = nullptr;
  node_cache_.clear();
  rel_cache_.clear();
  label_sets_.clear();
}

uint32_t ExecContext::TopologyType(uint16_t type_id) {
  if (type_id >= topology_types_.size()) topology_types_.resize(type_id + 1, UINT32_MAX);
  uint32_t& mapped = topology_types_[type_id];
  if (mapped == UINT32_MAX) mapped = InternType(topology_view_->type_names()[type_id]);
  return mapped;
}

Value ExecContext::Materialize(const Slot& slot) {
  switch (slot.kind) {
    case Slot::Kind::kValue: return slot.value;
    case Slot::Kind::kNode: {
      auto node = GetNode(slot.id);
      if (!node) return Value();
      Value value;
      value.data = std::const_pointer_cast<NodeValue>(node);
      return value;
    }
    case Slot::Kind::kRel: {
      auto rel = GetRel(slot.id);
      if (!rel) return Value();
      Value value;
      value.data = std::const_pointer_cast<RelValue>(rel);
      return value;
    }
  }
  return Value();
}

Slot ExecContext::RelSlot(const storage::RelRecord& record) {
  return RelSlot(record.id, record.src, record.dst, record.type);
}

Slot ExecContext::RelSlot(uint64_t rel_id, uint64_t src, uint64_t dst, const std::string& type) {
  Slot slot;
  slot.kind = Slot::Kind::kRel;
  slot.id = rel_id;
  slot.src = src;
  slot.dst = dst;
  slot.type = InternType(type);
  return slot;
}

std::string ExecContext::SpanText(const SourceSpan& span) const {
  if (!span.valid || span.offset >= query_text_.size()) return "";
  return query_text_.substr(span.offset, span.length);
}

}  // namespace ecograph::query
