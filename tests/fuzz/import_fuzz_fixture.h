#pragma once
// Shared by the CSV and JSON Lines fuzz targets: one store for the whole run
// and the invariants every import must keep, whatever its input.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "graph/io/importer.h"
#include "storage/store.h"

namespace ecograph::fuzz {

class ImportFixture {
 public:
  ImportFixture() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ecograph-fuzz-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    auto store = storage::Store::Open(dir_ + "/db", storage::OpenOptions());
    if (!store.ok()) {
      std::fprintf(stderr, "fuzz: cannot open a store: %s\n", store.status().ToString().c_str());
      std::abort();
    }
    store_ = std::move(store).value();
    nodes_ = Write("nodes.csv", "id:ID,name\nA,Alpha\nB,Beta\n");
  }
  ~ImportFixture() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
    return path;
  }

  // Imports `input` as the file `name` (a node file, or a relationship file
  // beside a fixed node file when it starts with ":START_ID" or holds
  // relationship lines) and checks the invariants: a failed import names
  // its file and position and changes nothing.
  void Import(const std::string& name, const std::string& input, bool as_rels, uint64_t skip) {
    std::string path = Write(name, input);
    graph::io::ImportOptions options;
    if (as_rels) {
      options.node_files = {nodes_};
      options.rel_files = {path};
    } else {
      options.node_files = {path};
    }
    options.skip_bad_rows = skip;
    // Writing the database (SST files, ingestion) costs far more than
    // parsing; every 8th input is imported for real, the rest validated.
    options.validate_only = input.size() % 8 != 0;
    options.bad_rows_report = dir_ + "/bad-rows.txt";
    storage::StoreCounts before = store_->BeginRead()->Counts();
    auto result = graph::io::Import(*store_, options);
    storage::StoreCounts after = store_->BeginRead()->Counts();
    if (result.ok()) return;
    if (after.nodes != before.nodes || after.relationships != before.relationships) {
      std::fprintf(stderr, "fuzz: a failed import changed the store\n");
      std::abort();
    }
    const std::string& message = result.status().message();
    bool located = message.rfind(path + ":", 0) == 0 || message.rfind(nodes_ + ":", 0) == 0;
    if (!located) {
      std::fprintf(stderr, "fuzz: error without file:line:col: %s\n", message.c_str());
      std::abort();
    }
  }

 private:
  std::string dir_;
  std::string nodes_;
  std::unique_ptr<storage::Store> store_;
};

}  // namespace ecograph::fuzz
