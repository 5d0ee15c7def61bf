#include "cli/checksum.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli/sha256.h"

namespace ecograph::cli {

std::string CanonicalText(const query::Value& value) {
  using query::ValueType;
  switch (value.type()) {
    case ValueType::kNull:
      return "\\N";
    case ValueType::kBool:
      return value.as_bool() ? "true" : "false";
    case ValueType::kInt:
      return std::to_string(value.as_int());
    case ValueType::kFloat: {
      double d = value.as_float();
      if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0) {
        return std::to_string(static_cast<int64_t>(d));
      }
      char buffer[512];
      std::snprintf(buffer, sizeof(buffer), "%.6f", d);
      std::string text = buffer;
      if (text.find('.') != std::string::npos) {
        while (!text.empty() && text.back() == '0') text.pop_back();
        if (!text.empty() && text.back() == '.') text.pop_back();
      }
      if (text == "-0") text = "0";
      return text;
    }
    case ValueType::kString:
      return value.as_string();
    case ValueType::kList: {
      std::string text = "[";
      bool first = true;
      for (const query::Value& item : value.as_list()) {
        if (!first) text += ',';
        first = false;
        text += CanonicalText(item);
      }
      return text + "]";
    }
    default:
      return value.ToPlainString();
  }
}

std::string ResultChecksum(const std::vector<std::vector<query::Value>>& rows,
                           const std::vector<int>& columns, bool ordered) {
  std::vector<std::string> lines;
  lines.reserve(rows.size());
  for (const auto& row : rows) {
    std::string line;
    auto append = [&](const query::Value& value, bool first) {
      if (!first) line += '\t';
      line += CanonicalText(value);
    };
    if (columns.empty()) {
      for (size_t col = 0; col < row.size(); ++col) append(row[col], col == 0);
    } else {
      for (size_t idx = 0; idx < columns.size(); ++idx) {
        size_t col = static_cast<size_t>(columns[idx]);
        append(col < row.size() ? row[col] : query::Value::Null(), idx == 0);
      }
    }
    lines.push_back(std::move(line));
  }
  if (!ordered) std::sort(lines.begin(), lines.end());
  Sha256 hash;
  for (const std::string& line : lines) {
    hash.Update(line);
    hash.Update("\n");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t byte : hash.Finish()) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 15]);
  }
  return out.substr(0, 16);
}

}  // namespace ecograph::cli
