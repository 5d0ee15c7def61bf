# Sources of graph/render (Graphviz diagrams) and subgraph selection, listed
# relative to graph/.
set(ECOGRAPH_RENDER_SOURCES
  render/diagram.cpp
  render/escape.cpp
  render/style.cpp
  subgraph_select.cpp
)
