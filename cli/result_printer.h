#pragma once
// Prints query results in the output formats of the command line.
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "query/engine.h"

namespace ecograph::cli {

// kVertical prints each row as "column | value" lines (psql's \x); kAuto is
// a table, or vertical when the table is wider than max_width (psql's \x auto).
enum class OutputFormat { kTable, kCsv, kTsv, kJson, kJsonl, kMarkdown, kVertical, kAuto };

// "table", "csv", ... -> format; nullopt for an unknown name.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);
const char* OutputFormatName(OutputFormat format);
// "table, vertical, auto, csv, tsv, json, jsonl, markdown", for messages.
const char* OutputFormatNames();
// Table, vertical or auto: laid out for a terminal (with a row-count footer).
bool IsTerminalLayout(OutputFormat format);

struct PrintOptions {
  OutputFormat format = OutputFormat::kTable;
  // Maximum table width in columns; 0 = unlimited.
  size_t max_width = 0;
  bool color = false;
  // Appends "N rows, M ms" (else "N rows") under tables.
  bool timer = false;
  // Terminal layouts: at most this many rows, then a line "N more rows"
  // followed by more_rows_hint; 0 = every row.
  size_t max_rows = 0;
  std::string more_rows_hint;
};

// Writes the rows of `result`, plus the write statistics of an updating
// query. Machine formats (csv, tsv, json, jsonl) write only rows to `out`;
// their statistics go to `info` (stderr) so the output stays parseable.
void PrintResult(const query::QueryResult& result, const PrintOptions& options, std::ostream& out,
                 std::ostream& info);

// A value as a table cell: as cypher-shell shows it, on one line.
std::string TableCellText(const query::Value& value);

// Display width of UTF-8 text in terminal columns (utf8proc_charwidth).
size_t DisplayWidth(std::string_view text);
// Cuts text to at most `width` columns, ending in '…' when cut.
std::string TruncateToWidth(std::string_view text, size_t width);

// RFC 4180 field: quoted when it holds the separator, a quote, CR or LF.
std::string CsvField(std::string_view text, char separator);

// Columns of the terminal on stdout; 0 when stdout is not a terminal (then
// $COLUMNS if set).
size_t TerminalWidth();

}  // namespace ecograph::cli
