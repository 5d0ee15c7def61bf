// Storage benchmarks: point reads, adjacency scans of a high-degree node,
// batched transactional writes, and bulk loads.
//
// The database lives under $ECOGRAPH_BENCH_DIR (default: the system temp
// directory) and is deleted afterwards. BM_BulkLoad reports rels/s and the
// on-disk bytes per relationship after the load.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "storage/store.h"

namespace {

namespace fs = std::filesystem;
using ecograph::storage::BulkLoader;
using ecograph::storage::Direction;
using ecograph::storage::NodeId;
using ecograph::storage::OpenOptions;
using ecograph::storage::PropertyMap;
using ecograph::storage::Store;

fs::path BenchDir(const std::string& name) {
  const char* base = std::getenv("ECOGRAPH_BENCH_DIR");
  fs::path dir = fs::path(base ? base : fs::temp_directory_path().string()) /
                 ("ecograph-bench-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

std::unique_ptr<Store> OpenOrDie(const fs::path& dir) {
  auto store = Store::Open(dir.string(), OpenOptions());
  if (!store.ok()) {
    std::fprintf(stderr, "open failed: %s\n", store.status().ToString().c_str());
    std::abort();
  }
  return std::move(store).value();
}

// (Not `"p" + std::to_string(n)`: GCC 12 warns falsely about it at -O3.)
std::string Name(const char* prefix, int64_t n) {
  std::string out(prefix);
  out.append(std::to_string(n));
  return out;
}

uint64_t PeakRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtoull(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

// A graph of `nodes` nodes and `rels` relationships, node 0 is a hub with
// `hub_degree` outgoing relationships; the rest are random.
struct Fixture {
  fs::path dir;
  std::unique_ptr<Store> store;
  std::vector<NodeId> nodes;
  NodeId hub = 0;

  Fixture(const std::string& name, int64_t node_count, int64_t rel_count, int64_t hub_degree) {
    dir = BenchDir(name);
    store = OpenOrDie(dir);
    auto loader = std::move(store->BeginBulkLoad()).value();
    for (int64_t node_idx = 0; node_idx < node_count; ++node_idx) {
      nodes.push_back(loader->AddNode(
          {"Package"}, {{"name", Name("pkg", node_idx)}, {"downloads", node_idx * 7}}));
    }
    hub = nodes[0];
    std::mt19937_64 rng(42);
    for (int64_t rel_idx = 0; rel_idx < rel_count; ++rel_idx) {
      NodeId src = rel_idx < hub_degree ? hub : nodes[rng() % nodes.size()];
      NodeId dst = nodes[rng() % nodes.size()];
      loader->AddRel(src, dst, rel_idx % 2 ? "DEPENDS_ON" : "MAINTAINS", {});
    }
    auto s = loader->Finish();
    if (!s.ok()) {
      std::fprintf(stderr, "bulk load failed: %s\n", s.ToString().c_str());
      std::abort();
    }
  }
  ~Fixture() {
    store.reset();
    fs::remove_all(dir);
  }
};

Fixture& ReadFixture() {
  static Fixture fixture("read", 100000, 1000000, 100000);
  return fixture;
}

void BM_PointReadNode(benchmark::State& state) {
  Fixture& f = ReadFixture();
  auto txn = f.store->BeginRead();
  std::mt19937_64 rng(7);
  for (auto _ : state) {
    auto node = txn->GetNode(f.nodes[rng() % f.nodes.size()]);
    benchmark::DoNotOptimize(node);
  }
}
BENCHMARK(BM_PointReadNode);

void BM_PointReadRelHeader(benchmark::State& state) {
  Fixture& f = ReadFixture();
  auto txn = f.store->BeginRead();
  std::mt19937_64 rng(7);
  for (auto _ : state) {
    auto rel = txn->GetRelHeader(1 + rng() % 1000000);
    benchmark::DoNotOptimize(rel);
  }
}
BENCHMARK(BM_PointReadRelHeader);

// Items processed = adjacency entries: ns per entry on a 100k-degree node.
void BM_ExpandHub(benchmark::State& state) {
  Fixture& f = ReadFixture();
  auto txn = f.store->BeginRead();
  uint64_t entries = 0;
  for (auto _ : state) {
    auto it = txn->Expand(f.hub, Direction::kOutgoing, {});
    ecograph::storage::AdjacencyEntry e;
    while (it->Next(&e)) ++entries;
  }
  state.SetItemsProcessed(static_cast<int64_t>(entries));
}
BENCHMARK(BM_ExpandHub)->Unit(benchmark::kMillisecond);

void BM_ExpandSmall(benchmark::State& state) {
  Fixture& f = ReadFixture();
  auto txn = f.store->BeginRead();
  std::mt19937_64 rng(9);
  uint64_t entries = 0;
  for (auto _ : state) {
    auto it = txn->Expand(f.nodes[1 + rng() % (f.nodes.size() - 1)], Direction::kBoth, {});
    ecograph::storage::AdjacencyEntry e;
    while (it->Next(&e)) ++entries;
  }
  state.counters["entries/op"] =
      benchmark::Counter(static_cast<double>(entries), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_ExpandSmall);

void BM_DegreeHub(benchmark::State& state) {
  Fixture& f = ReadFixture();
  auto txn = f.store->BeginRead();
  for (auto _ : state) {
    auto d = txn->Degree(f.hub, Direction::kOutgoing, {});
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_DegreeHub)->Unit(benchmark::kMillisecond);

// One transaction per iteration with range(0) nodes + range(0) rels.
void BM_BatchedWrites(benchmark::State& state) {
  fs::path dir = BenchDir("write");
  auto store = OpenOrDie(dir);
  NodeId previous = 0;
  for (auto _ : state) {
    auto txn = std::move(store->BeginWrite()).value();
    for (int64_t op_idx = 0; op_idx < state.range(0); ++op_idx) {
      NodeId n = *txn->CreateNode({"Package"}, {{"name", Name("p", op_idx)}});
      if (previous != 0) (void)txn->CreateRel(n, previous, "DEPENDS_ON", {});
      previous = n;
    }
    auto s = txn->Commit(false);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * 2);
  store.reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_BatchedWrites)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// Bulk load of range(0) relationships over range(0)/10 nodes.
void BM_BulkLoad(benchmark::State& state) {
  int64_t rels = state.range(0);
  double bytes_per_rel = 0;
  for (auto _ : state) {
    Fixture f("bulk", std::max<int64_t>(rels / 10, 1), rels, 0);
    bytes_per_rel = static_cast<double>(f.store->DiskBytes()) / static_cast<double>(rels);
  }
  state.SetItemsProcessed(state.iterations() * rels);
  state.counters["disk_bytes_per_rel"] = bytes_per_rel;
  state.counters["peak_rss_mb"] = static_cast<double>(PeakRssKb()) / 1024.0;
}
BENCHMARK(BM_BulkLoad)->Arg(1000000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

// ECOGRAPH_BENCH_BULK_RELS=<n> adds a bulk load of n relationships (e.g.
// 10000000 to measure time and peak memory of a 10M load).
int main(int argc, char** argv) {
  if (const char* extra = std::getenv("ECOGRAPH_BENCH_BULK_RELS")) {
    benchmark::RegisterBenchmark("BM_BulkLoad", BM_BulkLoad)
        ->Arg(std::atoll(extra))
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
