// Measures a bulk import: ecograph_import_measure <csv dir> <new db dir>.
// Imports nodes_*.csv and rels_*.csv and prints one JSON line with rows/s,
// seconds, db bytes and bytes per relationship.
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "graph/io/importer.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using namespace ecograph;
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <csv dir> <new db dir>\n", argv[0]);
    return 2;
  }
  graph::io::ImportOptions options;
  for (const auto& entry : fs::directory_iterator(argv[1])) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".csv") continue;
    if (name.rfind("nodes_", 0) == 0) options.node_files.push_back(entry.path().string());
    if (name.rfind("rels_", 0) == 0) options.rel_files.push_back(entry.path().string());
  }
  std::sort(options.node_files.begin(), options.node_files.end());
  std::sort(options.rel_files.begin(), options.rel_files.end());
  options.progress = true;
  auto store = storage::Store::Open(argv[2], storage::OpenOptions());
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  auto stats = graph::io::Import(**store, options);
  if (!stats.ok()) {
    std::fprintf(stderr, "%s\n", stats.status().ToString().c_str());
    return 1;
  }
  uint64_t db_bytes = (*store)->DiskBytes();
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  uint64_t rows = stats->nodes + stats->rels;
  std::printf(
      "{\"nodes\": %llu, \"rels\": %llu, \"seconds\": %.2f, \"rows_per_s\": %.0f, "
      "\"input_bytes\": %llu, \"db_bytes\": %llu, \"db_bytes_per_rel\": %.1f, "
      "\"max_rss_mb\": %.0f}\n",
      static_cast<unsigned long long>(stats->nodes), static_cast<unsigned long long>(stats->rels),
      stats->seconds, rows / stats->seconds, static_cast<unsigned long long>(stats->bytes_read),
      static_cast<unsigned long long>(db_bytes),
      stats->rels ? static_cast<double>(db_bytes) / stats->rels : 0.0, usage.ru_maxrss / 1024.0);
  return 0;
}
