#include "graph/io/exporter.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <unordered_set>

#include "graph/io/output_file.h"

namespace ecograph::graph::io {

using storage::NodeRecord;
using storage::PropertyList;
using storage::PropertyMap;
using storage::PropertyValue;
using storage::RelRecord;
using storage::Result;
using storage::Status;
using storage::StatusCode;
using storage::ValueKind;

bool ParseExportFormat(const std::string& text, ExportFormat* format) {
  if (text == "csv") {
    *format = ExportFormat::kCsv;
  } else if (text == "jsonl" || text == "json" || text == "ndjson") {
    *format = ExportFormat::kJsonl;
  } else if (text == "graphml") {
    *format = ExportFormat::kGraphml;
  } else if (text == "dot" || text == "gv") {
    *format = ExportFormat::kDot;
  } else {
    return false;
  }
  return true;
}

namespace {

using Json = nlohmann::json;

// Where records come from. Each ForEach may be called several times and
// yields the same records in the same order every time.
class GraphSource {
 public:
  virtual ~GraphSource() = default;
  virtual Status ForEachNode(const std::function<Status(const NodeRecord&)>& fn) = 0;
  virtual Status ForEachRel(const std::function<Status(const RelRecord&)>& fn) = 0;
  virtual uint64_t rels_skipped() const { return 0; }
};

class StoreSource : public GraphSource {
 public:
  explicit StoreSource(storage::Store& store) : txn_(store.BeginRead()) {}

  Status ForEachNode(const std::function<Status(const NodeRecord&)>& fn) override {
    auto it = txn_->ScanNodes();
    storage::NodeId id;
    while (it->Next(&id)) {
      auto node = txn_->GetNode(id);
      if (!node.ok()) return node.status();
      if (!node->has_value()) continue;
      Status s = fn(**node);
      if (!s.ok()) return s;
    }
    return it->status();
  }

  Status ForEachRel(const std::function<Status(const RelRecord&)>& fn) override {
    auto it = txn_->ScanRels(std::nullopt);
    RelRecord rel;
    while (it->Next(&rel)) {
      Status s = fn(rel);
      if (!s.ok()) return s;
    }
    return it->status();
  }

 private:
  std::unique_ptr<storage::Transaction> txn_;
};

class SubgraphSource : public GraphSource {
 public:
  explicit SubgraphSource(const Subgraph& subgraph) : subgraph_(subgraph) {
    for (const NodeRecord& node : subgraph.nodes) ids_.insert(node.id);
    for (const RelRecord& rel : subgraph.rels) {
      if (ids_.count(rel.src) == 0 || ids_.count(rel.dst) == 0) ++skipped_;
    }
  }

  Status ForEachNode(const std::function<Status(const NodeRecord&)>& fn) override {
    for (const NodeRecord& node : subgraph_.nodes) {
      Status s = fn(node);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  Status ForEachRel(const std::function<Status(const RelRecord&)>& fn) override {
    for (const RelRecord& rel : subgraph_.rels) {
      if (ids_.count(rel.src) == 0 || ids_.count(rel.dst) == 0) continue;
      Status s = fn(rel);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  uint64_t rels_skipped() const override { return skipped_; }

 private:
  const Subgraph& subgraph_;
  std::unordered_set<storage::NodeId> ids_;
  uint64_t skipped_ = 0;
};

// Byte-counting writer over an ostream.
class Out {
 public:
  explicit Out(std::ostream& os) : os_(os) {}
  Out& operator<<(std::string_view text) {
    os_.write(text.data(), static_cast<std::streamsize>(text.size()));
    bytes_ += text.size();
    return *this;
  }
  Out& operator<<(char c) {
    os_.put(c);
    ++bytes_;
    return *this;
  }
  Out& operator<<(uint64_t v) { return *this << std::string_view(std::to_string(v)); }
  uint64_t bytes() const { return bytes_; }
  bool ok() const { return static_cast<bool>(os_); }

 private:
  std::ostream& os_;
  uint64_t bytes_ = 0;
};

std::string FormatDouble(double d) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, ptr);
}

std::string FormatInt(int64_t v) { return std::to_string(v); }

Json ValueToJson(const PropertyValue& value) {
  switch (value.kind()) {
    case ValueKind::kNull:
      return nullptr;
    case ValueKind::kBool:
      return value.as_bool();
    case ValueKind::kInt:
      return value.as_int();
    case ValueKind::kDouble:
      if (!std::isfinite(value.as_double())) return nullptr;
      return value.as_double();
    case ValueKind::kString:
      return value.as_string();
    case ValueKind::kList: {
      Json array = Json::array();
      for (const PropertyValue& e : value.as_list()) array.push_back(ValueToJson(e));
      return array;
    }
  }
  return nullptr;
}

std::string DumpJson(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string IoError(const std::string& path, const std::string& what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

// ---- CSV ---------------------------------------------------------------

// A column type: a scalar kind (kBool..kString), an array of one, or an
// array of unknown element type (only empty lists seen).
struct ColType {
  ValueKind scalar = ValueKind::kString;
  bool array = false;
  bool any = false;  // array of unknown element kind
  bool operator==(const ColType& o) const {
    return scalar == o.scalar && array == o.array && any == o.any;
  }
};

bool Compatible(const ColType& a, const ColType& b) {
  if (a == b) return true;
  return a.array && b.array && (a.any || b.any);
}

bool TypeOf(const PropertyValue& value, ColType* out) {
  if (value.kind() != ValueKind::kList) {
    out->scalar = value.kind();
    out->array = false;
    out->any = false;
    return value.kind() != ValueKind::kNull;
  }
  const PropertyList& list = value.as_list();
  out->array = true;
  if (list.empty()) {
    out->any = true;
    out->scalar = ValueKind::kString;
    return true;
  }
  out->any = false;
  out->scalar = list.front().kind();
  for (const PropertyValue& e : list) {
    if (e.kind() != out->scalar || e.kind() == ValueKind::kList || e.kind() == ValueKind::kNull) {
      return false;
    }
  }
  return true;
}

std::string TypeName(const ColType& t) {
  std::string name;
  switch (t.scalar) {
    case ValueKind::kBool:
      name = "boolean";
      break;
    case ValueKind::kInt:
      name = "long";
      break;
    case ValueKind::kDouble:
      name = "double";
      break;
    default:
      name = "string";
      break;
  }
  return t.array ? name + "[]" : name;
}

struct Schema {
  std::map<std::string, ColType> columns;
  std::string file;
  std::unique_ptr<std::ofstream> stream;
  std::unique_ptr<Out> out;
};

struct Group {
  std::string base;  // file name stem
  std::vector<std::unique_ptr<Schema>> schemas;
};

class CsvExporter {
 public:
  CsvExporter(GraphSource& source, const ExportOptions& options)
      : source_(source),
        options_(options),
        delim_(options.delimiter),
        array_delim_(options.array_delimiter) {}

  Result<ExportStats> Run();

 private:
  // Index of the schema the properties belong to; `grow` adds them (pass 1).
  Result<size_t> Assign(Group& group, const PropertyMap& properties, bool grow,
                        const std::string& what);
  std::string Field(std::string_view text) const;
  Result<std::string> ValueField(const PropertyValue& value, const std::string& what) const;
  Status OpenFiles(std::map<std::string, Group>& groups, bool nodes);
  Status WriteRow(Schema& schema, const std::vector<std::string>& leading,
                  const PropertyMap& properties, const std::string& what);

  GraphSource& source_;
  const ExportOptions& options_;
  char delim_;
  char array_delim_;
  std::map<std::string, Group> node_groups_;  // by label set
  std::map<std::string, Group> rel_groups_;   // by type
  std::set<std::string> used_names_;
  ExportStats stats_;
};

std::string NodeWhat(const NodeRecord& node) { return "node " + std::to_string(node.id); }
std::string RelWhat(const RelRecord& rel) { return "relationship " + std::to_string(rel.id); }

std::string LabelKey(const std::vector<std::string>& labels) {
  std::string key;
  for (const std::string& l : labels) {
    key += l;
    key += '\x1f';
  }
  return key;
}

std::string Sanitize(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += '_';
    }
  }
  return out;
}

Result<size_t> CsvExporter::Assign(Group& group, const PropertyMap& properties, bool grow,
                                   const std::string& what) {
  std::vector<std::pair<const std::string*, ColType>> types;
  types.reserve(properties.size());
  for (const auto& [key, value] : properties) {
    if (value.is_null()) continue;
    ColType t;
    if (!TypeOf(value, &t)) {
      return Status::Error(StatusCode::kInvalidArgument,
                           "csv export: property '" + key + "' of " + what +
                               " is a list mixing types or holding lists; CSV cannot represent "
                               "it (use jsonl)");
    }
    if (key.empty()) {
      return Status::Error(StatusCode::kInvalidArgument,
                           "csv export: " + what + " has a property with an empty name");
    }
    types.emplace_back(&key, t);
  }
  for (size_t idx = 0;; ++idx) {
    if (idx == group.schemas.size()) {
      if (!grow) {
        return Status::Error(StatusCode::kCorruption,
                             "csv export: " + what + " changed between the export's passes");
      }
      group.schemas.push_back(std::make_unique<Schema>());
    }
    Schema& schema = *group.schemas[idx];
    bool fits = true;
    for (const auto& [key, t] : types) {
      auto it = schema.columns.find(*key);
      if (it != schema.columns.end() && !Compatible(it->second, t)) {
        fits = false;
        break;
      }
    }
    if (!fits) continue;
    if (grow) {
      for (const auto& [key, t] : types) {
        auto [it, inserted] = schema.columns.emplace(*key, t);
        if (!inserted && it->second.any && !t.any) it->second = t;
      }
    }
    return idx;
  }
}

std::string CsvExporter::Field(std::string_view text) const {
  bool quote = text.empty();
  for (char c : text) {
    if (c == delim_ || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

Result<std::string> CsvExporter::ValueField(const PropertyValue& value,
                                            const std::string& what) const {
  switch (value.kind()) {
    case ValueKind::kNull:
      return std::string();
    case ValueKind::kBool:
      return std::string(value.as_bool() ? "true" : "false");
    case ValueKind::kInt:
      return FormatInt(value.as_int());
    case ValueKind::kDouble:
      return FormatDouble(value.as_double());
    case ValueKind::kString:
      return Field(value.as_string());
    case ValueKind::kList: {
      const PropertyList& list = value.as_list();
      if (list.size() == 1 && list[0].kind() == ValueKind::kString && list[0].as_string().empty()) {
        return Status::Error(StatusCode::kInvalidArgument,
                             "csv export: a list holding one empty string (in " + what +
                                 ") cannot be written in CSV (use jsonl)");
      }
      std::string joined;
      for (size_t i = 0; i < list.size(); ++i) {
        if (i > 0) joined += array_delim_;
        const PropertyValue& e = list[i];
        switch (e.kind()) {
          case ValueKind::kBool:
            joined += e.as_bool() ? "true" : "false";
            break;
          case ValueKind::kInt:
            joined += FormatInt(e.as_int());
            break;
          case ValueKind::kDouble:
            joined += FormatDouble(e.as_double());
            break;
          case ValueKind::kString:
            if (e.as_string().find(array_delim_) != std::string::npos) {
              return Status::Error(StatusCode::kInvalidArgument,
                                   std::string("csv export: a list element of ") + what +
                                       " contains the array delimiter '" + array_delim_ +
                                       "' (choose another array delimiter or use jsonl)");
            }
            joined += e.as_string();
            break;
          default:
            break;
        }
      }
      return Field(joined);  // an empty list becomes "" (quoted empty)
    }
  }
  return std::string();
}

Status CsvExporter::OpenFiles(std::map<std::string, Group>& groups, bool nodes) {
  namespace fs = std::filesystem;
  for (auto& [key, group] : groups) {
    for (size_t idx = 0; idx < group.schemas.size(); ++idx) {
      Schema& schema = *group.schemas[idx];
      std::string stem = group.base;
      if (idx > 0) stem += "_" + std::to_string(idx + 1);
      std::string name = stem + ".csv";
      for (int n = 2; used_names_.count(name) > 0; ++n)
        name = stem + "-" + std::to_string(n) + ".csv";
      used_names_.insert(name);
      schema.file = (fs::path(options_.output) / name).string();
      schema.stream =
          std::make_unique<std::ofstream>(schema.file, std::ios::binary | std::ios::trunc);
      if (!*schema.stream) {
        return Status::Error(StatusCode::kIOError, IoError(schema.file, "cannot write"));
      }
      schema.out = std::make_unique<Out>(*schema.stream);
      stats_.files.push_back(schema.file);
      Out& out = *schema.out;
      if (nodes) {
        out << ":ID" << delim_ << ":LABEL";
      } else {
        out << ":START_ID" << delim_ << ":END_ID" << delim_ << ":TYPE";
      }
      for (const auto& [name_key, type] : schema.columns) {
        out << delim_ << Field(name_key + ":" + TypeName(type));
      }
      out << '\n';
    }
  }
  return Status::Ok();
}

Status CsvExporter::WriteRow(Schema& schema, const std::vector<std::string>& leading,
                             const PropertyMap& properties, const std::string& what) {
  std::string line;
  for (size_t i = 0; i < leading.size(); ++i) {
    if (i > 0) line += delim_;
    line += leading[i];
  }
  for (const auto& [key, type] : schema.columns) {
    line += delim_;
    auto it = properties.find(key);
    if (it == properties.end()) continue;
    auto field = ValueField(it->second, what);
    if (!field.ok()) return field.status();
    line += *field;
  }
  line += '\n';
  *schema.out << line;
  return Status::Ok();
}

Result<ExportStats> CsvExporter::Run() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(options_.output, ec);
  if (ec || !fs::is_directory(options_.output)) {
    return Status::Error(StatusCode::kIOError, options_.output +
                                                   ": cannot create the export directory" +
                                                   (ec ? ": " + ec.message() : std::string()));
  }
  for (fs::directory_iterator it(options_.output, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    bool ours = (name.rfind("nodes_", 0) == 0 || name.rfind("rels_", 0) == 0) &&
                it->path().extension() == ".csv";
    if (!ours) continue;
    if (!options_.overwrite) {
      return Status::Error(StatusCode::kInvalidArgument,
                           options_.output +
                               " already holds an export (use --force to replace it)");
    }
    std::error_code remove_ec;
    fs::remove(it->path(), remove_ec);
    if (remove_ec) {
      return Status::Error(
          StatusCode::kIOError,
          it->path().string() + ": cannot replace an earlier export: " + remove_ec.message());
    }
  }
  // Pass 1: schemas.
  Status s = source_.ForEachNode([&](const NodeRecord& node) -> Status {
    std::string key = LabelKey(node.labels);
    Group& group = node_groups_[key];
    if (group.base.empty()) {
      std::string base = "nodes";
      for (const std::string& l : node.labels) base += "_" + Sanitize(l);
      if (node.labels.empty()) base += "_unlabeled";
      group.base = base;
    }
    for (const std::string& l : node.labels) {
      if (l.find(array_delim_) != std::string::npos) {
        return Status::Error(
            StatusCode::kInvalidArgument,
            "csv export: label '" + l + "' of " + NodeWhat(node) + " contains the array delimiter");
      }
    }
    auto idx = Assign(group, node.properties, true, NodeWhat(node));
    return idx.ok() ? Status::Ok() : idx.status();
  });
  if (!s.ok()) return s;
  s = source_.ForEachRel([&](const RelRecord& rel) -> Status {
    Group& group = rel_groups_[rel.type];
    if (group.base.empty()) group.base = "rels_" + Sanitize(rel.type);
    auto idx = Assign(group, rel.properties, true, RelWhat(rel));
    return idx.ok() ? Status::Ok() : idx.status();
  });
  if (!s.ok()) return s;
  s = OpenFiles(node_groups_, true);
  if (!s.ok()) return s;
  s = OpenFiles(rel_groups_, false);
  if (!s.ok()) return s;
  // Pass 2: rows.
  std::vector<std::string> leading;
  s = source_.ForEachNode([&](const NodeRecord& node) -> Status {
    Group& group = node_groups_[LabelKey(node.labels)];
    auto idx = Assign(group, node.properties, false, NodeWhat(node));
    if (!idx.ok()) return idx.status();
    std::string labels;
    for (size_t i = 0; i < node.labels.size(); ++i) {
      if (i > 0) labels += array_delim_;
      labels += node.labels[i];
    }
    leading = {std::to_string(node.id), Field(labels)};
    if (node.labels.empty()) leading[1].clear();
    ++stats_.nodes;
    return WriteRow(*group.schemas[*idx], leading, node.properties, NodeWhat(node));
  });
  if (!s.ok()) return s;
  s = source_.ForEachRel([&](const RelRecord& rel) -> Status {
    Group& group = rel_groups_[rel.type];
    auto idx = Assign(group, rel.properties, false, RelWhat(rel));
    if (!idx.ok()) return idx.status();
    leading = {std::to_string(rel.src), std::to_string(rel.dst), Field(rel.type)};
    ++stats_.rels;
    return WriteRow(*group.schemas[*idx], leading, rel.properties, RelWhat(rel));
  });
  if (!s.ok()) return s;
  for (auto* groups : {&node_groups_, &rel_groups_}) {
    for (auto& [key, group] : *groups) {
      for (auto& schema : group.schemas) {
        schema->stream->flush();
        if (!*schema->stream) {
          return Status::Error(StatusCode::kIOError, IoError(schema->file, "write failed"));
        }
        stats_.bytes_written += schema->out->bytes();
        schema->stream->close();
      }
    }
  }
  stats_.rels_skipped = source_.rels_skipped();
  return stats_;
}

// ---- JSON Lines ----------------------------------------------------------

Status WriteJsonl(GraphSource& source, Out& out, ExportStats* stats) {
  Status s = source.ForEachNode([&](const NodeRecord& node) -> Status {
    Json j;
    j["type"] = "node";
    j["id"] = std::to_string(node.id);
    j["labels"] = node.labels;
    Json props = Json::object();
    for (const auto& [key, value] : node.properties) props[key] = ValueToJson(value);
    j["properties"] = std::move(props);
    out << DumpJson(j) << '\n';
    ++stats->nodes;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return source.ForEachRel([&](const RelRecord& rel) -> Status {
    Json j;
    j["type"] = "relationship";
    j["id"] = std::to_string(rel.id);
    j["start"] = std::to_string(rel.src);
    j["end"] = std::to_string(rel.dst);
    j["label"] = rel.type;
    Json props = Json::object();
    for (const auto& [key, value] : rel.properties) props[key] = ValueToJson(value);
    j["properties"] = std::move(props);
    out << DumpJson(j) << '\n';
    ++stats->rels;
    return Status::Ok();
  });
}

// ---- GraphML ---------------------------------------------------------------

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 cannot carry this character
        } else if (c == '\r') {
          out += "&#13;";
        } else {
          out += c;
        }
    }
  }
  return out;
}

const char* GraphmlType(const PropertyValue& value) {
  switch (value.kind()) {
    case ValueKind::kBool:
      return "boolean";
    case ValueKind::kInt:
      return "long";
    case ValueKind::kDouble:
      return "double";
    default:
      return "string";
  }
}

std::string GraphmlValue(const PropertyValue& value) {
  switch (value.kind()) {
    case ValueKind::kBool:
      return value.as_bool() ? "true" : "false";
    case ValueKind::kInt:
      return FormatInt(value.as_int());
    case ValueKind::kDouble: {
      double d = value.as_double();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "INF" : "-INF";
      return FormatDouble(d);
    }
    case ValueKind::kString:
      return value.as_string();
    case ValueKind::kList:
      return DumpJson(ValueToJson(value));
    default:
      return "";
  }
}

std::string LabelsText(const std::vector<std::string>& labels) {
  std::string text;
  for (const std::string& l : labels) text += ":" + l;
  return text;
}

Status WriteGraphml(GraphSource& source, Out& out, const std::string& title, ExportStats* stats) {
  // (for, name, attr.type) -> key id
  std::map<std::tuple<std::string, std::string, std::string>, std::string> keys;
  auto declare = [&](const std::string& domain, const std::string& name, const char* type) {
    auto k = std::make_tuple(domain, name, std::string(type));
    if (keys.count(k) == 0) keys.emplace(k, "");
  };
  declare("node", "labels", "string");
  declare("edge", "type", "string");
  Status s = source.ForEachNode([&](const NodeRecord& node) -> Status {
    for (const auto& [key, value] : node.properties) declare("node", key, GraphmlType(value));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  s = source.ForEachRel([&](const RelRecord& rel) -> Status {
    for (const auto& [key, value] : rel.properties) declare("edge", key, GraphmlType(value));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  size_t n = 0;
  for (auto& [k, id] : keys) {
    id = "d" + std::to_string(n++);
    out << "  <key id=\"" << id << "\" for=\"" << std::get<0>(k) << "\" attr.name=\""
        << XmlEscape(std::get<1>(k)) << "\" attr.type=\"" << std::get<2>(k) << "\"/>\n";
  }
  auto key_id = [&](const char* domain, const std::string& name,
                    const char* type) -> const std::string& {
    return keys.at(std::make_tuple(std::string(domain), name, std::string(type)));
  };
  out << "  <graph id=\"" << XmlEscape(title) << "\" edgedefault=\"directed\">\n";
  s = source.ForEachNode([&](const NodeRecord& node) -> Status {
    out << "    <node id=\"n" << node.id << "\">";
    out << "<data key=\"" << key_id("node", "labels", "string") << "\">"
        << XmlEscape(LabelsText(node.labels)) << "</data>";
    for (const auto& [key, value] : node.properties) {
      if (value.is_null()) continue;
      out << "<data key=\"" << key_id("node", key, GraphmlType(value)) << "\">"
          << XmlEscape(GraphmlValue(value)) << "</data>";
    }
    out << "</node>\n";
    ++stats->nodes;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  s = source.ForEachRel([&](const RelRecord& rel) -> Status {
    out << "    <edge id=\"e" << rel.id << "\" source=\"n" << rel.src << "\" target=\"n" << rel.dst
        << "\">";
    out << "<data key=\"" << key_id("edge", "type", "string") << "\">" << XmlEscape(rel.type)
        << "</data>";
    for (const auto& [key, value] : rel.properties) {
      if (value.is_null()) continue;
      out << "<data key=\"" << key_id("edge", key, GraphmlType(value)) << "\">"
          << XmlEscape(GraphmlValue(value)) << "</data>";
    }
    out << "</edge>\n";
    ++stats->rels;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  out << "  </graph>\n</graphml>\n";
  return Status::Ok();
}

// ---- DOT -------------------------------------------------------------------

std::string DotQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return out;
}

std::string DotValue(const PropertyValue& value) {
  if (value.kind() == ValueKind::kString) return value.as_string();
  return GraphmlValue(value);
}

Status WriteDot(GraphSource& source, Out& out, const std::string& title, ExportStats* stats) {
  out << "digraph " << DotQuote(title) << " {\n";
  Status s = source.ForEachNode([&](const NodeRecord& node) -> Status {
    std::string label;
    auto name = node.properties.find("name");
    if (name != node.properties.end() && name->second.kind() == ValueKind::kString) {
      label = name->second.as_string();
    } else if (!node.labels.empty()) {
      label = LabelsText(node.labels);
    } else {
      label = "n" + std::to_string(node.id);
    }
    out << "  n" << node.id << " [label=" << DotQuote(label)
        << ", labels=" << DotQuote(LabelsText(node.labels));
    for (const auto& [key, value] : node.properties) {
      if (value.is_null() || key == "label" || key == "labels") continue;
      out << ", " << DotQuote(key) << "=" << DotQuote(DotValue(value));
    }
    out << "];\n";
    ++stats->nodes;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  s = source.ForEachRel([&](const RelRecord& rel) -> Status {
    out << "  n" << rel.src << " -> n" << rel.dst << " [label=" << DotQuote(rel.type)
        << ", type=" << DotQuote(rel.type) << ", id=" << DotQuote("e" + std::to_string(rel.id));
    for (const auto& [key, value] : rel.properties) {
      if (value.is_null() || key == "label" || key == "type" || key == "id") continue;
      out << ", " << DotQuote(key) << "=" << DotQuote(DotValue(value));
    }
    out << "];\n";
    ++stats->rels;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  out << "}\n";
  return Status::Ok();
}

Result<ExportStats> WriteSingle(GraphSource& source, ExportFormat format, std::ostream& os,
                                const std::string& title) {
  ExportStats stats;
  Out out(os);
  std::string name = title.empty() ? "ecograph" : title;
  Status s;
  switch (format) {
    case ExportFormat::kJsonl:
      s = WriteJsonl(source, out, &stats);
      break;
    case ExportFormat::kGraphml:
      s = WriteGraphml(source, out, name, &stats);
      break;
    case ExportFormat::kDot:
      s = WriteDot(source, out, name, &stats);
      break;
    case ExportFormat::kCsv:
      return Status::Error(StatusCode::kInvalidArgument,
                           "csv export writes a directory, not a single stream");
  }
  if (!s.ok()) return s;
  os.flush();
  if (!os) return Status::Error(StatusCode::kIOError, "export: write failed");
  stats.bytes_written = out.bytes();
  stats.rels_skipped = source.rels_skipped();
  return stats;
}

Result<ExportStats> Export(GraphSource& source, const ExportOptions& options) {
  if (options.output.empty()) {
    return Status::Error(StatusCode::kInvalidArgument, "export: no output path given");
  }
  if (options.format == ExportFormat::kCsv) {
    if (options.delimiter == options.array_delimiter || options.delimiter == '"' ||
        options.delimiter == '\n' || options.delimiter == '\r') {
      return Status::Error(StatusCode::kInvalidArgument,
                           "export: the delimiter must differ from the array delimiter, '\"' "
                           "and line breaks");
    }
    CsvExporter exporter(source, options);
    return exporter.Run();
  }
  if (options.output == "-") return WriteSingle(source, options.format, std::cout, options.title);
  auto file = OutputFile::Create(options.output, options.overwrite);
  if (!file.ok()) return file.status();
  auto stats = WriteSingle(source, options.format, (*file)->stream(), options.title);
  if (!stats.ok()) {
    if (stats.status().code() == StatusCode::kIOError) {
      return Status::Error(StatusCode::kIOError, IoError(options.output, "write failed"));
    }
    return stats;
  }
  Status committed = (*file)->Commit();
  if (!committed.ok()) return committed;
  stats->files.push_back(options.output);
  return stats;
}

}  // namespace

Result<ExportStats> ExportStore(storage::Store& store, const ExportOptions& options) {
  StoreSource source(store);
  return Export(source, options);
}

Result<ExportStats> ExportSubgraph(const Subgraph& subgraph, const ExportOptions& options) {
  SubgraphSource source(subgraph);
  return Export(source, options);
}

Result<ExportStats> WriteSubgraph(const Subgraph& subgraph, ExportFormat format, std::ostream& out,
                                  const std::string& title) {
  SubgraphSource source(subgraph);
  return WriteSingle(source, format, out, title);
}

}  // namespace ecograph::graph::io
