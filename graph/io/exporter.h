#pragma once
// Export of a whole store (streamed through one read Transaction) or of a
// Subgraph, in four formats:
//
// kCsv      neo4j-admin import convention, into a directory: one node file
//           per label set (nodes_<labels>.csv) and one relationship file per
//           type (rels_<type>.csv). Headers are typed (`:ID,:LABEL,
//           name:string,year:long,amount:double,ok:boolean,tags:string[]`),
//           the :ID column holds the store's node ids. Importing the files
//           (importer.h) gives an identical graph: same labels, same
//           properties with the same types, same relationships. When one key
//           holds values of different types within a label set (or type), the
//           rows are split over extra files (nodes_<labels>_2.csv, ...).
//           Not representable, and so an error: lists mixing types or nested
//           lists, string list elements containing the array delimiter, a
//           list holding only one empty string.
// kJsonl    the JSON Lines import format of importer.h, into one file; node
//           and relationship ids are the store's ids as strings. Non-finite
//           doubles are written as null (and so dropped on import).
// kGraphml  GraphML, into one file, readable by networkx.read_graphml,
//           igraph, yEd and Gephi. Nodes are "n<id>", edges "e<id>"; node
//           labels are the string attribute "labels" (":A:B"), the
//           relationship type the edge attribute "type". A <key> is declared
//           per (for, name, type) with attr.type long / double / boolean /
//           string; lists are written as JSON text in string keys.
//           Characters XML 1.0 cannot carry are replaced by U+FFFD.
// kDot      plain Graphviz DOT (digraph), into one file: node "n<id>" with
//           label (its name property, else its labels), labels and every
//           property as attributes; edges with label/type and properties.
//           Every name and value is quoted and escaped.
//
// Relationships of a Subgraph whose endpoints are not among its nodes are
// left out (counted in rels_skipped).
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "graph/subgraph.h"
#include "storage/store.h"

namespace ecograph::graph::io {

enum class ExportFormat { kCsv, kJsonl, kGraphml, kDot };

// "csv", "jsonl" (or "json"), "graphml", "dot". False for anything else.
bool ParseExportFormat(const std::string& text, ExportFormat* format);

struct ExportOptions {
  ExportFormat format = ExportFormat::kCsv;
  // kCsv: a directory, created if missing. Others: a file path, or "-" for
  // stdout, written through OutputFile (temporary file, then rename).
  std::string output;
  // false: an existing output file (or link), or a directory that already
  // holds nodes_*.csv / rels_*.csv files, is refused. true: it is replaced
  // (for kCsv, those files are deleted first so that the directory holds
  // exactly one export).
  bool overwrite = false;
  char delimiter = ',';
  char array_delimiter = ';';
  std::string title;  // graph name in DOT and GraphML; default "ecograph"
};

struct ExportStats {
  uint64_t nodes = 0;
  uint64_t rels = 0;
  uint64_t rels_skipped = 0;
  uint64_t bytes_written = 0;
  std::vector<std::string> files;  // written, in creation order
};

// Exports every node and relationship of the store, from one snapshot.
storage::Result<ExportStats> ExportStore(storage::Store& store, const ExportOptions& options);
// Exports the subgraph (nodes and relationships in their vector order).
storage::Result<ExportStats> ExportSubgraph(const Subgraph& subgraph, const ExportOptions& options);
// Writes a single-file format (not kCsv) of the subgraph to `out`.
storage::Result<ExportStats> WriteSubgraph(const Subgraph& subgraph, ExportFormat format,
                                           std::ostream& out, const std::string& title = "");

}  // namespace ecograph::graph::io
