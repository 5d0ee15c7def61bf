#include "cli/vertical_printer.h"

#include <algorithm>
#include <ostream>
#include <string>

#include "cli/result_printer.h"

namespace ecograph::cli {

void PrintVertical(const query::QueryResult& result, size_t shown, size_t max_width, bool bold,
                   std::ostream& out) {
  size_t name_width = 1;
  for (const std::string& column : result.columns) {
    name_width = std::max(name_width, DisplayWidth(column));
  }
  const char* on = bold ? "\033[1m" : "";
  const char* off = bold ? "\033[0m" : "";
  shown = std::min(shown, result.rows.size());
  // Every separator has the same length: the widest "name │ value" line,
  // cut to the terminal.
  std::vector<std::vector<std::string>> cells(shown);
  size_t value_width = 0;
  for (size_t row_idx = 0; row_idx < shown; ++row_idx) {
    const auto& row = result.rows[row_idx];
    for (size_t col = 0; col < result.columns.size(); ++col) {
      cells[row_idx].push_back(col < row.size() ? TableCellText(row[col]) : "");
      value_width = std::max(value_width, DisplayWidth(cells[row_idx].back()));
    }
  }
  size_t rule_width = name_width + 3 + value_width;
  if (max_width > 0) rule_width = std::min(rule_width, max_width);
  for (size_t row_idx = 0; row_idx < shown; ++row_idx) {
    std::string header = "\u2500[ row " + std::to_string(row_idx + 1) + " ]";
    out << header;
    for (size_t fill = DisplayWidth(header); fill < rule_width; ++fill) out << "\u2500";
    out << '\n';
    for (size_t col = 0; col < result.columns.size(); ++col) {
      const std::string& name = result.columns[col];
      out << on << name << off << std::string(name_width - DisplayWidth(name), ' ') << " \u2502 "
          << cells[row_idx][col] << '\n';
    }
  }
}

}  // namespace ecograph::cli
