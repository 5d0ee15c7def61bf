#pragma once
// Small hand-built topologies for the algorithm tests. Node ids are
// 100 + vertex index, relationship ids 1000 + insertion order, so that ids
// and indices are never confused.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "graph/topology.h"

namespace ecograph::graph::testing {

struct EdgeSpec {
  uint32_t src;
  uint32_t dst;
  std::string type = "T";
  int32_t year = 0;
};

inline std::shared_ptr<const Topology> MakeTopology(uint32_t vertices,
                                                    const std::vector<EdgeSpec>& edges,
                                                    const std::string& label = "Company") {
  TopologyBuilder builder;
  for (uint32_t v = 0; v < vertices; ++v) builder.AddNode(100 + v, {label});
  storage::RelId rel = 1000;
  for (const EdgeSpec& e : edges) {
    EXPECT_TRUE(builder.AddRel(rel++, 100 + e.src, 100 + e.dst, e.type, e.year).ok());
  }
  auto built = builder.Finish();
  EXPECT_TRUE(built.ok());
  return built.value();
}

}  // namespace ecograph::graph::testing
