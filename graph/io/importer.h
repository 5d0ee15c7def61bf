#pragma once
// Bulk import of CSV (neo4j-admin header convention) and JSON Lines files
// into a Store, through storage::BulkLoader: either every row lands or the
// database is left unchanged.
//
// ---- CSV ------------------------------------------------------------------
// RFC 4180 (see csv_scanner.h); the first record is the header. A header
// column is `name`, `name:type`, or a special column:
//   :ID / name:ID / :ID(Space) / name:ID(Space)   node id (nodes files); with
//        a name, the id is also stored as a string property of that name.
//        Ids are unique within their ID space (default: the global space).
//   :LABEL        labels, separated by the array delimiter (';').
//   :START_ID / :START_ID(Space), :END_ID / :END_ID(Space)   rel endpoints.
//   :TYPE         relationship type.
//   :IGNORE / name:IGNORE   a column that is read and dropped.
// Property types: string (default), int / long / short / byte (64-bit int),
// float / double (64-bit double), boolean (true/false, any case), each with
// a [] suffix for arrays split on the array delimiter. Numbers and booleans
// may have surrounding spaces. An unquoted empty field means the property
// is absent; a quoted empty field ("") is the empty string, or for an array
// column the empty list.
// Ids name nodes of this import only: a relationship file cannot refer to
// nodes already in the store.
// A file spec is "path", or "Label1:Label2=path" for node files (labels added
// to every row) and "TYPE=path" for relationship files (the type used when
// the row has no :TYPE column or an empty :TYPE field).
//
// ---- JSON Lines -------------------------------------------------------------
// One JSON object per line; empty lines are skipped:
//   {"type":"node","id":"C1","labels":["Company"],"properties":{"name":"Alibaba"}}
//   {"type":"relationship","start":"C1","end":"C2","label":"ACQUIRED",
//    "properties":{"year":2016}}
// "id", "start" and "end" are strings or integers (integers are turned into
// their decimal text), or objects with such an "id" (APOC's form). One global
// ID space. "labels" and "properties" are optional; "id" on a relationship is
// ignored. Property values: JSON integers -> int, other numbers -> double,
// true/false, strings, arrays of those (and nested arrays); null means
// absent; objects are rejected. A JSONL file may hold nodes and
// relationships in any order: node lines are loaded in the first pass and
// relationship lines in the second, whichever list the file is given in.
//
// ---- Errors -----------------------------------------------------------------
// A bad row is reported as `file:line:column: message`, line and column
// 1-based, column counted in characters (code points) from the start of the
// physical line, and pointing at the start of the offending field. For a row
// with too few fields it points just past the row's last character; with too
// many, at the first extra field. In JSON Lines files the column is that of
// a syntax error, else 1. Bad rows: wrong field count, value not
// parsable as the column's type, empty/missing :TYPE, empty :ID, duplicate
// id in an ID space, relationship endpoint id not defined by the node files,
// invalid UTF-8, malformed quoting (a bad row up to the end of the line with
// the error; scanning resumes on the next line), a value the store cannot
// hold (lists nested deeper than storage::kMaxListNesting, over
// storage::kMaxValueBytes; JSON nested deeper than 80 levels is refused
// before it is parsed, at the column of the bracket). With
// skip_bad_rows = 0 the first bad row fails the import (kInvalidArgument).
// Otherwise up to skip_bad_rows bad rows are skipped and written (one line
// `file:line:column: message` then the raw row, tab-indented and with line
// breaks escaped) to bad_rows_report; one more fails the import.
// Header errors and unreadable files always fail the import.
#include <cstdint>
#include <string>
#include <vector>

#include "storage/store.h"

namespace ecograph::graph::io {

enum class ImportFormat { kAuto, kCsv, kJsonl };

struct ImportOptions {
  std::vector<std::string> node_files;  // "path" or "Label[:Label]=path"
  std::vector<std::string> rel_files;   // "path" or "TYPE=path"
  // kAuto: .jsonl / .ndjson / .json are JSON Lines, anything else CSV.
  ImportFormat format = ImportFormat::kAuto;
  char delimiter = ',';
  char array_delimiter = ';';
  uint64_t skip_bad_rows = 0;
  // Empty: <parent of the database directory>/import-bad-rows.txt. Written
  // only when a row is skipped.
  std::string bad_rows_report;
  // A progress line on stderr (only when stderr is a terminal).
  bool progress = false;
  // Read and check every row as an import would, then discard everything:
  // the database is not changed (names of labels, types and keys seen may
  // still be registered, as by a failed import).
  bool validate_only = false;
};

struct ImportStats {
  uint64_t nodes = 0;
  uint64_t rels = 0;
  uint64_t bad_rows_skipped = 0;
  double seconds = 0;
  uint64_t bytes_read = 0;      // total size of the input files
  std::string bad_rows_report;  // path written, empty if no row was skipped
};

// Imports every file. On failure nothing of this import is in the store.
storage::Result<ImportStats> Import(storage::Store& store, const ImportOptions& options);

// Parses "json"/"jsonl"/"csv"/"auto". Returns false for anything else.
bool ParseImportFormat(const std::string& text, ImportFormat* format);

}  // namespace ecograph::graph::io
