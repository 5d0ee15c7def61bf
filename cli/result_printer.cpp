#include "cli/result_printer.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ostream>
#include <vector>

#include "cli/value_json.h"
#include "cli/vertical_printer.h"

namespace ecograph::cli {
namespace {

using query::Value;
using query::ValueType;

constexpr std::string_view kEllipsis = "\u2026";

// Table cell text: the cypher-shell rendering with control characters made
// visible so that one row stays on one line.
std::string CellText(const Value& value) {
  std::string text = value.ToDisplayString();
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

// CSV/TSV cell: strings plain, null empty, the rest as displayed.
std::string PlainText(const Value& value) {
  switch (value.type()) {
    case ValueType::kNull:
      return "";
    case ValueType::kString:
      return value.as_string();
    case ValueType::kFloat:  // as in JSON: shortest round-trip digits; NaN, Infinity, -Infinity
      if (!std::isfinite(value.as_float())) return value.ToDisplayString();
      return ValueToJson(value).dump();
    case ValueType::kNode:
    case ValueType::kRel:
    case ValueType::kPath:
    case ValueType::kMap:
    case ValueType::kList:
      return ValueToJson(value).dump();
    default:
      return value.ToPlainString();
  }
}

std::string TsvField(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  return out;
}

std::string MarkdownCell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

std::string PadRight(const std::string& text, size_t width) {
  size_t shown = DisplayWidth(text);
  return shown >= width ? text : text + std::string(width - shown, ' ');
}

std::string Repeat(std::string_view piece, size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (size_t i = 0; i < count; ++i) out += piece;
  return out;
}

std::string FooterText(const query::QueryResult& result, const PrintOptions& options) {
  size_t rows = result.rows.size();
  std::string text = fmt::format("{} row{}", rows, rows == 1 ? "" : "s");
  if (options.timer) text += fmt::format(", {} ms", static_cast<int64_t>(result.elapsed_ms + 0.5));
  return text;
}

// Cell texts of the rows shown and each column's natural width.
struct TableLayout {
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths;
  // Columns the table takes without cutting any cell.
  size_t NaturalWidth() const {
    size_t sum = 3 * widths.size() + 1;
    for (size_t w : widths) sum += w;
    return sum;
  }
};

TableLayout LayOutTable(const query::QueryResult& result, size_t shown) {
  const size_t num_cols = result.columns.size();
  TableLayout layout;
  layout.cells.reserve(shown);
  layout.widths.assign(num_cols, 1);
  for (size_t col = 0; col < num_cols; ++col)
    layout.widths[col] = std::max<size_t>(1, DisplayWidth(result.columns[col]));
  for (size_t row_idx = 0; row_idx < shown && row_idx < result.rows.size(); ++row_idx) {
    const auto& row = result.rows[row_idx];
    std::vector<std::string> texts;
    for (size_t col = 0; col < num_cols; ++col) {
      texts.push_back(col < row.size() ? CellText(row[col]) : "");
      layout.widths[col] = std::max(layout.widths[col], DisplayWidth(texts.back()));
    }
    layout.cells.push_back(std::move(texts));
  }
  return layout;
}

void PrintTable(const query::QueryResult& result, TableLayout layout, const PrintOptions& options,
                std::ostream& out) {
  const size_t num_cols = result.columns.size();
  if (num_cols == 0) return;
  const std::vector<std::vector<std::string>>& cells = layout.cells;
  std::vector<size_t>& widths = layout.widths;
  // Shrinks the widest column, one column at a time, until the table fits.
  if (options.max_width > 0) {
    const size_t overhead = 3 * num_cols + 1;
    constexpr size_t kMinColumn = 3;
    auto total = [&] {
      size_t sum = overhead;
      for (size_t w : widths) sum += w;
      return sum;
    };
    while (total() > options.max_width) {
      auto widest = std::max_element(widths.begin(), widths.end());
      if (*widest <= kMinColumn) break;
      size_t excess = total() - options.max_width;
      size_t second = 0;
      for (size_t w : widths) {
        if (w < *widest) second = std::max(second, w);
      }
      size_t cut = std::min(excess, std::max<size_t>(1, *widest - std::max(second, kMinColumn)));
      *widest -= std::min(cut, *widest - kMinColumn);
    }
  }
  const char* bold = options.color ? "\033[1m" : "";
  const char* reset = options.color ? "\033[0m" : "";
  auto rule = [&](std::string_view left, std::string_view mid, std::string_view right) {
    std::string line(left);
    for (size_t col = 0; col < num_cols; ++col) {
      line += Repeat("\u2500", widths[col] + 2);
      line += col + 1 < num_cols ? mid : right;
    }
    out << line << '\n';
  };
  auto row_line = [&](const std::vector<std::string>& texts, bool header) {
    std::string line = "\u2502";
    for (size_t col = 0; col < num_cols; ++col) {
      std::string cell = TruncateToWidth(texts[col], widths[col]);
      line += ' ';
      if (header) line += bold;
      line += PadRight(cell, widths[col]);
      if (header) line += reset;
      line += " \u2502";
    }
    out << line << '\n';
  };
  rule("\u250c", "\u252c", "\u2510");
  row_line(result.columns, true);
  rule("\u251c", "\u253c", "\u2524");
  for (const auto& texts : cells) row_line(texts, false);
  rule("\u2514", "\u2534", "\u2518");
}

// Table, vertical or auto, with at most options.max_rows rows, a line for
// the rows left out, and the row-count footer.
void PrintTerminalLayout(const query::QueryResult& result, const PrintOptions& options,
                         std::ostream& out) {
  const size_t total = result.rows.size();
  const size_t shown = options.max_rows > 0 ? std::min(total, options.max_rows) : total;
  if (options.format == OutputFormat::kVertical) {
    PrintVertical(result, shown, options.max_width, options.color, out);
  } else {
    TableLayout layout = LayOutTable(result, shown);
    if (options.format == OutputFormat::kAuto && options.max_width > 0 &&
        layout.NaturalWidth() > options.max_width) {
      PrintVertical(result, shown, options.max_width, options.color, out);
    } else {
      PrintTable(result, std::move(layout), options, out);
    }
  }
  if (shown < total) {
    size_t more = total - shown;
    out << fmt::format("\u2026 {} more row{}", more, more == 1 ? "" : "s")
        << (options.more_rows_hint.empty() ? "" : " (" + options.more_rows_hint + ")") << '\n';
  }
  out << FooterText(result, options) << '\n';
}

void PrintDelimited(const query::QueryResult& result, char separator, std::ostream& out) {
  auto field = [&](const std::string& text) {
    return separator == '\t' ? TsvField(text) : CsvField(text, separator);
  };
  std::string line;
  for (size_t col = 0; col < result.columns.size(); ++col) {
    if (col > 0) line += separator;
    line += field(result.columns[col]);
  }
  const char* eol = separator == '\t' ? "\n" : "\r\n";
  out << line << eol;
  for (const auto& row : result.rows) {
    line.clear();
    for (size_t col = 0; col < row.size(); ++col) {
      if (col > 0) line += separator;
      line += field(PlainText(row[col]));
    }
    out << line << eol;
  }
}

// One row as a JSON object with the keys in column order.
std::string RowJson(const query::QueryResult& result, const std::vector<Value>& row) {
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  std::string out = "{";
  for (size_t col = 0; col < result.columns.size() && col < row.size(); ++col) {
    if (col > 0) out += ',';
    out += nlohmann::json(result.columns[col]).dump(-1, ' ', false, kReplace);
    out += ':';
    out += ValueToJson(row[col]).dump(-1, ' ', false, kReplace);
  }
  return out + "}";
}

void PrintMarkdown(const query::QueryResult& result, std::ostream& out) {
  if (result.columns.empty()) return;
  std::string line = "|";
  for (const auto& column : result.columns) line += " " + MarkdownCell(column) + " |";
  out << line << '\n';
  line = "|";
  for (size_t col = 0; col < result.columns.size(); ++col) line += " --- |";
  out << line << '\n';
  for (const auto& row : result.rows) {
    line = "|";
    for (const auto& value : row) line += " " + MarkdownCell(value.ToDisplayString()) + " |";
    out << line << '\n';
  }
}

}  // namespace

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "vertical") return OutputFormat::kVertical;
  if (name == "auto") return OutputFormat::kAuto;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "tsv") return OutputFormat::kTsv;
  if (name == "json") return OutputFormat::kJson;
  if (name == "jsonl") return OutputFormat::kJsonl;
  if (name == "markdown" || name == "md") return OutputFormat::kMarkdown;
  return std::nullopt;
}

const char* OutputFormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kTable:
      return "table";
    case OutputFormat::kCsv:
      return "csv";
    case OutputFormat::kTsv:
      return "tsv";
    case OutputFormat::kJson:
      return "json";
    case OutputFormat::kJsonl:
      return "jsonl";
    case OutputFormat::kMarkdown:
      return "markdown";
    case OutputFormat::kVertical:
      return "vertical";
    case OutputFormat::kAuto:
      return "auto";
  }
  return "table";
}

const char* OutputFormatNames() { return "table, vertical, auto, csv, tsv, json, jsonl, markdown"; }

bool IsTerminalLayout(OutputFormat format) {
  return format == OutputFormat::kTable || format == OutputFormat::kVertical ||
         format == OutputFormat::kAuto;
}

std::string TableCellText(const Value& value) { return CellText(value); }

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t code_point = 0;
    utf8proc_ssize_t length = utf8proc_iterate(bytes, remaining, &code_point);
    if (length <= 0) {  // invalid byte: shown as one replacement column
      width += 1;
      bytes += 1;
      remaining -= 1;
      continue;
    }
    int char_width = utf8proc_charwidth(code_point);
    width += char_width > 0 ? static_cast<size_t>(char_width) : 0;
    bytes += length;
    remaining -= length;
  }
  return width;
}

std::string TruncateToWidth(std::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width == 0) return "";
  const size_t budget = width - 1;  // one column for the ellipsis
  std::string out;
  size_t used = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t code_point = 0;
    utf8proc_ssize_t length = utf8proc_iterate(bytes, remaining, &code_point);
    size_t char_width = 1;
    if (length <= 0) {
      length = 1;
    } else {
      int w = utf8proc_charwidth(code_point);
      char_width = w > 0 ? static_cast<size_t>(w) : 0;
    }
    if (used + char_width > budget) break;
    out.append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(length));
    used += char_width;
    bytes += length;
    remaining -= length;
  }
  out += kEllipsis;
  return out;
}

std::string CsvField(std::string_view text, char separator) {
  if (text.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

size_t TerminalWidth() {
  if (isatty(STDOUT_FILENO)) {
    struct winsize size {};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    long value = std::strtol(columns, nullptr, 10);
    if (value > 0) return static_cast<size_t>(value);
  }
  return 0;
}

void PrintResult(const query::QueryResult& result, const PrintOptions& options, std::ostream& out,
                 std::ostream& info) {
  if (result.plan_only) {  // EXPLAIN: the plan is the answer, in every format
    out << result.plan << (!result.plan.empty() && result.plan.back() == '\n' ? "" : "\n");
    return;
  }
  const bool has_rows_shape = !result.columns.empty();
  const bool human = IsTerminalLayout(options.format) || options.format == OutputFormat::kMarkdown;
  switch (options.format) {
    case OutputFormat::kTable:
    case OutputFormat::kVertical:
    case OutputFormat::kAuto:
      if (has_rows_shape) PrintTerminalLayout(result, options, out);
      break;
    case OutputFormat::kMarkdown:
      PrintMarkdown(result, out);
      break;
    case OutputFormat::kCsv:
      if (has_rows_shape) PrintDelimited(result, ',', out);
      break;
    case OutputFormat::kTsv:
      if (has_rows_shape) PrintDelimited(result, '\t', out);
      break;
    case OutputFormat::kJson: {
      out << '[';
      for (size_t row_idx = 0; row_idx < result.rows.size(); ++row_idx) {
        out << (row_idx == 0 ? "\n" : ",\n") << RowJson(result, result.rows[row_idx]);
      }
      out << (result.rows.empty() ? "]\n" : "\n]\n");
      break;
    }
    case OutputFormat::kJsonl:
      for (const auto& row : result.rows) out << RowJson(result, row) << '\n';
      break;
  }
  if (!result.plan.empty()) {
    (human ? out : info) << result.plan << (result.plan.back() == '\n' ? "" : "\n");
  }
  if (result.stats.ContainsUpdates()) {
    std::string stats = result.stats.ToString();
    if (human && !has_rows_shape && options.timer) {
      stats += fmt::format(", {} ms", static_cast<int64_t>(result.elapsed_ms + 0.5));
    }
    (human ? out : info) << stats << '\n';
  } else if (!has_rows_shape && result.plan.empty() && IsTerminalLayout(options.format)) {
    out << "0 rows"
        << (options.timer ? fmt::format(", {} ms", static_cast<int64_t>(result.elapsed_ms + 0.5))
                          : "")
        << '\n';
  }
}

}  // namespace ecograph::cli
