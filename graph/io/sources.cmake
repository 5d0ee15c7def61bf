# Sources of graph/io (import and export), listed relative to graph/.
set(ECOGRAPH_IO_SOURCES
  io/csv_scanner.cpp
  io/exporter.cpp
  io/importer.cpp
  io/json_nesting.cpp
  io/mapped_file.cpp
  io/output_file.cpp
  default_database.cpp
)
# Where OpenOrCreateDefault finds the bundled data in a source checkout.
set_source_files_properties(default_database.cpp PROPERTIES COMPILE_DEFINITIONS
  "ECOGRAPH_SOURCE_DATA_DIR=\"${PROJECT_SOURCE_DIR}/data/alibaba\"")
