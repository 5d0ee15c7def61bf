#pragma once
// Helpers for the io tests: scratch directories, files, stores and a
// canonical text form of a whole graph (independent of ids).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storage/store.h"

namespace ecograph::graph::io::testing {

class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ecograph-io-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    path_ = made != nullptr ? made : "";
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  return path;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::unique_ptr<storage::Store> OpenStore(const std::string& path) {
  storage::OpenOptions options;
  auto store = storage::Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return nullptr;
  return std::move(store).value();
}

// Type-tagged text of a value: int 5 and double 5.0 differ.
inline std::string Canon(const storage::PropertyValue& v) {
  using storage::ValueKind;
  switch (v.kind()) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBool:
      return v.as_bool() ? "b:true" : "b:false";
    case ValueKind::kInt:
      return "i:" + std::to_string(v.as_int());
    case ValueKind::kDouble: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "d:%.17g", v.as_double());
      return buf;
    }
    case ValueKind::kString:
      return "s:'" + v.as_string() + "'";
    case ValueKind::kList: {
      std::string out = "[";
      for (const auto& e : v.as_list()) out += Canon(e) + ",";
      return out + "]";
    }
  }
  return "?";
}

inline std::string Canon(const storage::PropertyMap& m) {
  std::string out = "{";
  for (const auto& [k, v] : m) out += k + "=" + Canon(v) + ";";
  return out + "}";
}

// Sorted node lines then sorted relationship lines; a relationship names its
// endpoints by their canonical node text.
inline std::vector<std::string> CanonicalGraph(storage::Store& store) {
  auto txn = store.BeginRead();
  std::map<storage::NodeId, std::string> node_text;
  std::vector<std::string> nodes, rels;
  auto it = txn->ScanNodes();
  storage::NodeId id;
  while (it->Next(&id)) {
    auto node = txn->GetNode(id);
    EXPECT_TRUE(node.ok() && node->has_value());
    std::string text;
    for (const auto& l : (*node)->labels) text += ":" + l;
    text += " " + Canon((*node)->properties);
    node_text[id] = text;
    nodes.push_back("N " + text);
  }
  EXPECT_TRUE(it->status().ok());
  auto rit = txn->ScanRels(std::nullopt);
  storage::RelRecord rel;
  while (rit->Next(&rel)) {
    rels.push_back("R (" + node_text[rel.src] + ")-[" + rel.type + " " + Canon(rel.properties) +
                   "]->(" + node_text[rel.dst] + ")");
  }
  EXPECT_TRUE(rit->status().ok());
  std::sort(nodes.begin(), nodes.end());
  std::sort(rels.begin(), rels.end());
  nodes.insert(nodes.end(), rels.begin(), rels.end());
  return nodes;
}

}  // namespace ecograph::graph::io::testing
