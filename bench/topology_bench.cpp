// Topology build time and memory per relationship on a synthetic graph
// (default 1M relationships over 100k nodes, 3 types, years 1995-2024).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>

#include "graph/algorithms/edge_filter.h"
#include "graph/algorithms/pagerank.h"
#include "graph/algorithms/paths.h"
#include "graph/topology.h"

namespace {

using ecograph::graph::Topology;
using ecograph::graph::TopologyBuilder;

std::shared_ptr<const Topology> BuildSynthetic(uint64_t nodes, uint64_t rels) {
  static const char* const kTypes[] = {"ACQUIRED", "INVESTED_IN", "PARTNERED_WITH"};
  std::mt19937_64 rng(42);
  TopologyBuilder builder;
  for (uint64_t id = 1; id <= nodes; ++id) builder.AddNode(id, {"Company"});
  for (uint64_t id = 1; id <= rels; ++id) {
    uint64_t src = 1 + rng() % nodes;
    uint64_t dst = 1 + rng() % nodes;
    auto status =
        builder.AddRel(id, src, dst, kTypes[rng() % 3], 1995 + static_cast<int32_t>(rng() % 30));
    if (!status.ok()) return nullptr;
  }
  auto built = builder.Finish();
  return built.ok() ? built.value() : nullptr;
}

void BM_TopologyBuild(benchmark::State& state) {
  const uint64_t rels = static_cast<uint64_t>(state.range(0));
  const uint64_t nodes = rels / 10;
  size_t bytes = 0;
  for (auto _ : state) {
    auto topology = BuildSynthetic(nodes, rels);
    if (!topology) {
      state.SkipWithError("build failed");
      return;
    }
    bytes = topology->MemoryBytes();
    benchmark::DoNotOptimize(topology);
  }
  state.counters["memory_MB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  state.counters["bytes_per_rel"] = static_cast<double>(bytes) / static_cast<double>(rels);
  state.counters["rels_per_s"] =
      benchmark::Counter(static_cast<double>(rels), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_TopologyBuild)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_PageRank(benchmark::State& state) {
  auto topology = BuildSynthetic(100'000, 1'000'000);
  ecograph::graph::EdgeFilter edges(*topology);
  ecograph::graph::VertexFilter vertices(*topology);
  for (auto _ : state) {
    auto result = ecograph::graph::PageRank(edges, vertices, {});
    state.counters["iterations"] = result.iterations;
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_PageRank)->Unit(benchmark::kMillisecond);

void BM_ShortestPathBidirectional(benchmark::State& state) {
  auto topology = BuildSynthetic(100'000, 1'000'000);
  ecograph::graph::EdgeFilter edges(*topology, {},
                                    ecograph::graph::TraversalDirection::kUndirected);
  ecograph::graph::PathOptions options;
  uint32_t pair = 0;
  for (auto _ : state) {
    auto path =
        ecograph::graph::ShortestPath(edges, pair % 100'000, (pair * 7919 + 13) % 100'000, options);
    ++pair;
    benchmark::DoNotOptimize(path);
  }
}
BENCHMARK(BM_ShortestPathBidirectional)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
