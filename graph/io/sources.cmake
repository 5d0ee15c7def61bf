# Sources of graph/io (import and export), listed relative to graph/.
set(ECOGRAPH_IO_SOURCES
)
