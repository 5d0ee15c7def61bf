# Sources of the in-memory topology, graph algorithms and market path
# tracing, listed relative to graph/.
set(ECOGRAPH_ALGORITHM_SOURCES
  topology.cpp
  topology_cache.cpp
  market_paths.cpp
  algorithms/edge_filter.cpp
  algorithms/paths.cpp
  algorithms/k_hop.cpp
  algorithms/components.cpp
  algorithms/degree.cpp
  algorithms/pagerank.cpp
  algorithms/betweenness.cpp
)
