// openCypher TCK runner for ecograph (a subset of openCypher).
//
// Reads the Gherkin feature files of ../shared/tck/features (format notes in
// ../shared/tck/README.md), runs every scenario of the in-scope folders on a
// fresh temporary database, and prints "N passed, M failed, K skipped" per
// folder and in total. Each feature file runs in its own subprocess (this
// executable with --worker=<file>), so a crash or hang in one scenario costs
// only the rest of that file. Exit status: 0 when the total pass count is at
// least the recorded one (--pass-count file), 1 when it dropped, 77 (ctest
// SKIP) when the features folder is absent.
//
// Flags: --features=DIR --pass-count=FILE --report=FILE (every failing and
// skipped scenario with its reason) --skipped-md=FILE (writes the skipped
// list as Markdown) --skip-list=FILE --update-pass-count --filter=SUBSTRING
// --parse-only (only parse each query: frontend check without an engine).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "query/engine.h"
#include "query/parser.h"
#include "query/procedures/procedure.h"
#include "tests/query/test_database.h"

namespace fs = std::filesystem;
using ecograph::query::ErrorKind;
using ecograph::query::QueryEngine;
using ecograph::query::QueryError;
using ecograph::query::QueryOptions;
using ecograph::query::QueryOutcome;
using ecograph::query::Value;
using ecograph::query::ValueType;
using ecograph::query::testing::TestDatabase;

namespace {

const char* const kInScopeFolders[] = {
    "clauses/match",
    "clauses/match-where",
    "clauses/optional-match",
    "clauses/return",
    "clauses/return-orderby",
    "clauses/return-skip-limit",
    "clauses/with",
    "clauses/with-where",
    "clauses/with-orderBy",
    "clauses/with-skip-limit",
    "clauses/unwind",
    "clauses/union",
    "clauses/create",
    "clauses/delete",
    "clauses/merge",
    "clauses/set",
    "clauses/remove",
    "clauses/call",
    "expressions/literals",
    "expressions/boolean",
    "expressions/comparison",
    "expressions/null",
    "expressions/mathematical",
    "expressions/string",
    "expressions/list",
    "expressions/map",
    "expressions/aggregation",
    "expressions/conditional",
    "expressions/typeConversion",
    "expressions/precedence",
    "expressions/quantifier",
    "expressions/graph",
    "expressions/path",
    "expressions/pattern",
};

// ---- Gherkin ---------------------------------------------------------------

struct Step {
  int line = 0;
  std::string text;  // without the Given/When/Then/And keyword
  std::optional<std::string> doc;
  std::vector<std::vector<std::string>> table;  // cells unescaped
};

struct Scenario {
  int line = 0;
  std::string name;
  bool ignored = false;
  std::vector<Step> steps;  // background steps first
  int example_row = -1;     // outline row index (0-based), -1 for plain scenarios
};

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> ParseTableRow(const std::string& line) {
  std::vector<std::string> cells;
  std::string trimmed = Trim(line);
  std::string cell;
  bool started = false;
  for (size_t idx = 0; idx < trimmed.size(); ++idx) {
    char c = trimmed[idx];
    if (c == '\\' && idx + 1 < trimmed.size()) {
      char next = trimmed[idx + 1];
      if (next == '\\') {
        cell += '\\';
        ++idx;
        continue;
      }
      if (next == '|') {
        cell += '|';
        ++idx;
        continue;
      }
      if (next == 'n') {
        cell += '\n';
        ++idx;
        continue;
      }
      cell += c;
      continue;
    }
    if (c == '|') {
      if (started) cells.push_back(Trim(cell));
      started = true;
      cell.clear();
      continue;
    }
    cell += c;
  }
  return cells;
}

std::string Substitute(std::string text, const std::vector<std::string>& header,
                       const std::vector<std::string>& row) {
  for (size_t col = 0; col < header.size() && col < row.size(); ++col) {
    std::string placeholder = "<" + header[col] + ">";
    size_t pos = 0;
    while ((pos = text.find(placeholder, pos)) != std::string::npos) {
      text.replace(pos, placeholder.size(), row[col]);
      pos += row[col].size();
    }
  }
  return text;
}

std::vector<Scenario> ParseFeature(const std::string& content) {
  std::vector<std::string> lines;
  {
    std::istringstream in(content);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
    }
  }
  std::vector<Scenario> scenarios;
  std::vector<Step> background;
  struct Pending {
    Scenario scenario;
    bool outline = false;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    bool in_examples = false;
  };
  std::optional<Pending> pending;
  bool in_background = false;
  bool next_ignored = false;
  std::vector<Step>* steps = nullptr;

  auto flush = [&]() {
    if (!pending) return;
    if (!pending->outline) {
      scenarios.push_back(pending->scenario);
    } else {
      for (size_t row_idx = 0; row_idx < pending->rows.size(); ++row_idx) {
        Scenario expanded = pending->scenario;
        expanded.example_row = static_cast<int>(row_idx);
        const auto& row = pending->rows[row_idx];
        for (Step& step : expanded.steps) {
          step.text = Substitute(step.text, pending->header, row);
          if (step.doc) step.doc = Substitute(*step.doc, pending->header, row);
          for (auto& table_row : step.table) {
            for (auto& cell : table_row) cell = Substitute(cell, pending->header, row);
          }
        }
        scenarios.push_back(std::move(expanded));
      }
    }
    pending.reset();
  };

  for (size_t idx = 0; idx < lines.size(); ++idx) {
    std::string trimmed = Trim(lines[idx]);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    if (trimmed[0] == '@') {
      if (trimmed.find("@ignore") != std::string::npos) next_ignored = true;
      continue;
    }
    if (StartsWith(trimmed, "Feature:")) continue;
    if (StartsWith(trimmed, "Background:")) {
      flush();
      in_background = true;
      steps = &background;
      continue;
    }
    bool is_outline = StartsWith(trimmed, "Scenario Outline:");
    if (is_outline || StartsWith(trimmed, "Scenario:")) {
      flush();
      in_background = false;
      pending.emplace();
      pending->outline = is_outline;
      pending->scenario.line = static_cast<int>(idx + 1);
      pending->scenario.name = Trim(trimmed.substr(trimmed.find(':') + 1));
      pending->scenario.ignored = next_ignored;
      pending->scenario.steps = background;
      next_ignored = false;
      steps = &pending->scenario.steps;
      continue;
    }
    if (StartsWith(trimmed, "Examples:")) {
      if (pending) pending->in_examples = true;
      continue;
    }
    if (trimmed[0] == '|') {
      std::vector<std::string> cells = ParseTableRow(trimmed);
      if (pending && pending->in_examples) {
        if (pending->header.empty()) {
          pending->header = cells;
        } else {
          pending->rows.push_back(cells);
        }
      } else if (steps && !steps->empty()) {
        steps->back().table.push_back(cells);
      }
      continue;
    }
    if (StartsWith(trimmed, "\"\"\"")) {
      size_t indent = lines[idx].find("\"\"\"");
      std::string doc;
      bool first = true;
      for (++idx; idx < lines.size(); ++idx) {
        if (Trim(lines[idx]) == "\"\"\"") break;
        std::string line = lines[idx];
        size_t strip = 0;
        while (strip < indent && strip < line.size() && line[strip] == ' ') ++strip;
        doc += (first ? "" : "\n") + line.substr(strip);
        first = false;
      }
      if (steps && !steps->empty()) steps->back().doc = doc;
      continue;
    }
    for (const char* keyword : {"Given ", "When ", "Then ", "And ", "But "}) {
      if (StartsWith(trimmed, keyword)) {
        Step step;
        step.line = static_cast<int>(idx + 1);
        step.text = Trim(trimmed.substr(std::strlen(keyword)));
        if (steps) steps->push_back(step);
        break;
      }
    }
    (void)in_background;
  }
  flush();
  return scenarios;
}

// ---- TCK values ------------------------------------------------------------

// A value in TCK notation, rendered to one canonical string so expected
// and actual values compare as strings.
class ValueParser {
 public:
  explicit ValueParser(const std::string& text) : text_(text) {}

  // Canonical rendering; sets error on malformed text.
  std::string Parse(bool unordered_lists, std::string* error) {
    unordered_ = unordered_lists;
    try {
      std::string out = ParseValue();
      SkipSpace();
      if (pos_ != text_.size()) throw std::runtime_error("trailing text");
      return out;
    } catch (const std::exception& ex) {
      *error = std::string(ex.what()) + " in value: " + text_;
      return "";
    }
  }

  // Parses into a query Value (for parameters); nodes/paths are not allowed.
  Value ParseAsValue() {
    Value value = ParseValueAsValue();
    SkipSpace();
    if (pos_ != text_.size()) throw std::runtime_error("trailing text in parameter: " + text_);
    return value;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Accept(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void Expect(char c) {
    if (!Accept(c)) throw std::runtime_error(std::string("expected '") + c + "'");
  }
  bool AcceptWord(const char* word) {
    SkipSpace();
    size_t length = std::strlen(word);
    if (text_.compare(pos_, length, word) == 0) {
      size_t end = pos_ + length;
      if (end < text_.size() &&
          (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) {
        return false;
      }
      pos_ = end;
      return true;
    }
    return false;
  }
  std::string Name() {
    SkipSpace();
    size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '`') {
      size_t close = text_.find('`', pos_ + 1);
      if (close == std::string::npos) throw std::runtime_error("unterminated name");
      pos_ = close + 1;
      return text_.substr(start + 1, close - start - 1);
    }
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_' || text_[pos_] == '$')) {
      ++pos_;
    }
    if (pos_ == start) throw std::runtime_error("expected a name");
    return text_.substr(start, pos_ - start);
  }
  std::string StringBody() {
    // at opening quote
    char quote = text_[pos_++];
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        char next = text_[pos_ + 1];
        if (next == '\'' || next == '\\' || next == '"') {
          out += next;
          pos_ += 2;
          continue;
        }
      }
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) throw std::runtime_error("unterminated string");
    ++pos_;
    return out;
  }

  std::string Properties() {
    // at '{' (already checked)
    std::map<std::string, std::string> entries;
    Expect('{');
    if (!Accept('}')) {
      do {
        std::string key = Name();
        Expect(':');
        entries[key] = ParseValue();
      } while (Accept(','));
      Expect('}');
    }
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : entries) {
      out += (first ? "" : ", ") + key + ": " + value;
      first = false;
    }
    return out + "}";
  }

  std::string NodeBody() {
    Expect('(');
    std::set<std::string> labels;
    while (Accept(':')) labels.insert(Name());
    std::string props = "{}";
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '{') props = Properties();
    Expect(')');
    std::string out = "(";
    for (const auto& label : labels) out += ":" + label;
    return out + " " + props + ")";
  }

  std::string RelBody() {
    Expect('[');
    Expect(':');
    std::string type = Name();
    std::string props = "{}";
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '{') props = Properties();
    Expect(']');
    return "[:" + type + " " + props + "]";
  }

  std::string ParseValue() {
    SkipSpace();
    if (pos_ >= text_.size()) throw std::runtime_error("unexpected end");
    char c = text_[pos_];
    if (AcceptWord("null")) return "null";
    if (AcceptWord("true")) return "true";
    if (AcceptWord("false")) return "false";
    if (AcceptWord("NaN")) return "float:NaN";
    if (AcceptWord("Inf") || AcceptWord("Infinity")) return "float:inf";
    if (c == '\'' || c == '"') return "'" + Escape(StringBody()) + "'";
    if (c == '(') return NodeBody();
    if (c == '<') {
      ++pos_;
      std::string out = "<" + NodeBody();
      while (true) {
        SkipSpace();
        if (Accept('>')) break;
        if (Accept('<')) {
          Expect('-');
          out += "<-" + RelBody();
          Expect('-');
          out += "-";
        } else {
          Expect('-');
          out += "-" + RelBody();
          Expect('-');
          if (Accept('>')) {
            out += "->";
          } else {
            out += "-";
          }
        }
        out += NodeBody();
      }
      return out + ">";
    }
    if (c == '[') {
      if (pos_ + 1 < text_.size()) {
        size_t look = pos_ + 1;
        while (look < text_.size() && text_[look] == ' ') ++look;
        if (look < text_.size() && text_[look] == ':') return RelBody();
      }
      ++pos_;
      std::vector<std::string> items;
      if (!Accept(']')) {
        do {
          items.push_back(ParseValue());
        } while (Accept(','));
        Expect(']');
      }
      if (unordered_) std::sort(items.begin(), items.end());
      std::string out = "[";
      for (size_t idx = 0; idx < items.size(); ++idx) out += (idx ? ", " : "") + items[idx];
      return out + "]";
    }
    if (c == '{') return Properties();
    // number
    size_t start = pos_;
    if (text_[pos_] == '-' || text_[pos_] == '+') ++pos_;
    bool is_float = false;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.' ||
            ((text_[pos_] == '-' || text_[pos_] == '+') &&
             (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E')))) {
      if (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E') is_float = true;
      ++pos_;
    }
    std::string number = text_.substr(start, pos_ - start);
    if (number.empty() || number == "-" || number == "+") {
      throw std::runtime_error("unexpected character");
    }
    if (number == "-Inf" || number == "-Infinity") return "float:-inf";
    if (is_float) return RenderFloat(std::strtod(number.c_str(), nullptr));
    errno = 0;
    long long value = std::strtoll(number.c_str(), nullptr, 10);
    if (errno != 0) throw std::runtime_error("bad integer");
    return std::to_string(value);
  }

  Value ParseValueAsValue() {
    SkipSpace();
    if (pos_ >= text_.size()) throw std::runtime_error("unexpected end");
    char c = text_[pos_];
    if (AcceptWord("null")) return Value::Null();
    if (AcceptWord("true")) return Value::Bool(true);
    if (AcceptWord("false")) return Value::Bool(false);
    if (AcceptWord("NaN")) return Value::Float(std::nan(""));
    if (c == '\'' || c == '"') return Value::String(StringBody());
    if (c == '[') {
      ++pos_;
      ecograph::query::ValueList items;
      if (!Accept(']')) {
        do {
          items.push_back(ParseValueAsValue());
        } while (Accept(','));
        Expect(']');
      }
      return Value::List(std::move(items));
    }
    if (c == '{') {
      ++pos_;
      ecograph::query::ValueMap entries;
      if (!Accept('}')) {
        do {
          std::string key = Name();
          Expect(':');
          entries[key] = ParseValueAsValue();
        } while (Accept(','));
        Expect('}');
      }
      return Value::Map(std::move(entries));
    }
    size_t start = pos_;
    std::string canonical = ParseValue();
    std::string number = text_.substr(start, pos_ - start);
    if (StartsWith(canonical, "float:"))
      return Value::Float(std::strtod(Trim(number).c_str(), nullptr));
    return Value::Int(std::strtoll(Trim(number).c_str(), nullptr, 10));
  }

 public:
  static std::string Escape(const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    return out;
  }
  static std::string RenderFloat(double value) {
    if (std::isnan(value)) return "float:NaN";
    if (value == 0) value = 0.0;  // IEEE equality: -0.0 == 0.0
    if (std::isinf(value)) return value > 0 ? "float:inf" : "float:-inf";
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "float:%.17g", value);
    return buffer;
  }

 private:
  const std::string& text_;
  size_t pos_ = 0;
  bool unordered_ = false;
};

std::string CanonicalProperties(const ecograph::storage::PropertyMap& properties, bool unordered);

std::string Canonical(const Value& value, bool unordered) {
  switch (value.type()) {
    case ValueType::kNull:
      return "null";
    case ValueType::kBool:
      return value.as_bool() ? "true" : "false";
    case ValueType::kInt:
      return std::to_string(value.as_int());
    case ValueType::kFloat:
      return ValueParser::RenderFloat(value.as_float());
    case ValueType::kString:
      return "'" + ValueParser::Escape(value.as_string()) + "'";
    case ValueType::kList: {
      std::vector<std::string> items;
      for (const Value& item : value.as_list()) items.push_back(Canonical(item, unordered));
      if (unordered) std::sort(items.begin(), items.end());
      std::string out = "[";
      for (size_t idx = 0; idx < items.size(); ++idx) out += (idx ? ", " : "") + items[idx];
      return out + "]";
    }
    case ValueType::kMap: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, item] : value.as_map()) {
        out += (first ? "" : ", ") + key + ": " + Canonical(item, unordered);
        first = false;
      }
      return out + "}";
    }
    case ValueType::kNode: {
      const auto& node = value.as_node();
      std::set<std::string> labels(node.labels.begin(), node.labels.end());
      std::string out = "(";
      for (const auto& label : labels) out += ":" + label;
      return out + " " + CanonicalProperties(node.properties, unordered) + ")";
    }
    case ValueType::kRel: {
      const auto& rel = value.as_rel();
      return "[:" + rel.type + " " + CanonicalProperties(rel.properties, unordered) + "]";
    }
    case ValueType::kPath: {
      const auto& path = value.as_path();
      auto node_text = [&](const ecograph::query::NodeValue& node) {
        return Canonical(Value::Node(node), unordered);
      };
      std::string out = "<";
      if (!path.nodes.empty()) out += node_text(path.nodes[0]);
      for (size_t idx = 0; idx < path.rels.size() && idx + 1 < path.nodes.size(); ++idx) {
        const auto& rel = path.rels[idx];
        std::string rel_text = Canonical(Value::Rel(rel), unordered);
        bool forward = rel.src == path.nodes[idx].id && rel.dst == path.nodes[idx + 1].id;
        out += forward ? "-" + rel_text + "->" : "<-" + rel_text + "-";
        out += node_text(path.nodes[idx + 1]);
      }
      return out + ">";
    }
  }
  return "?";
}

std::string CanonicalProperties(const ecograph::storage::PropertyMap& properties, bool unordered) {
  std::map<std::string, std::string> entries;
  for (const auto& [key, property] : properties) {
    entries[key] = Canonical(Value::FromProperty(property), unordered);
  }
  std::string out = "{";
  bool first = true;
  for (const auto& [key, item] : entries) {
    out += (first ? "" : ", ") + key + ": " + item;
    first = false;
  }
  return out + "}";
}

// ---- scenario execution ----------------------------------------------------

enum class Status { kPass, kFail, kSkip };

struct Outcome {
  Status status = Status::kPass;
  std::string reason;
};

// The graph state used for side effects: node ids, rel ids, distinct labels
// in use, and (element, key, value) property triples.
struct GraphState {
  std::multiset<std::string> nodes, rels, labels_in_use, properties;
  bool ok = false;
};

GraphState Snapshot(QueryEngine& engine) {
  GraphState state;
  QueryOutcome nodes = engine.Execute("MATCH (n) RETURN n");
  QueryOutcome rels = engine.Execute("MATCH ()-[r]->() RETURN r");
  if (!nodes.ok() || !rels.ok()) return state;
  std::set<std::string> labels;
  for (const auto& row : nodes.result->rows) {
    if (row.empty() || row[0].type() != ValueType::kNode) return state;
    const auto& node = row[0].as_node();
    std::string id = "n" + std::to_string(node.id);
    state.nodes.insert(id);
    for (const auto& label : node.labels) labels.insert(label);
    for (const auto& [key, property] : node.properties) {
      state.properties.insert(id + "." + key + "=" +
                              Canonical(Value::FromProperty(property), false));
    }
  }
  for (const auto& row : rels.result->rows) {
    if (row.empty() || row[0].type() != ValueType::kRel) return state;
    const auto& rel = row[0].as_rel();
    std::string id = "r" + std::to_string(rel.id);
    state.rels.insert(id);
    for (const auto& [key, property] : rel.properties) {
      state.properties.insert(id + "." + key + "=" +
                              Canonical(Value::FromProperty(property), false));
    }
  }
  state.labels_in_use.insert(labels.begin(), labels.end());
  state.ok = true;
  return state;
}

size_t CountMissing(const std::multiset<std::string>& from, const std::multiset<std::string>& in) {
  size_t count = 0;
  std::multiset<std::string> remaining = in;
  for (const auto& item : from) {
    auto found = remaining.find(item);
    if (found == remaining.end()) {
      ++count;
    } else {
      remaining.erase(found);
    }
  }
  return count;
}

std::map<std::string, long long> SideEffects(const GraphState& before, const GraphState& after) {
  return {
      {"+nodes", static_cast<long long>(CountMissing(after.nodes, before.nodes))},
      {"-nodes", static_cast<long long>(CountMissing(before.nodes, after.nodes))},
      {"+relationships", static_cast<long long>(CountMissing(after.rels, before.rels))},
      {"-relationships", static_cast<long long>(CountMissing(before.rels, after.rels))},
      {"+labels", static_cast<long long>(CountMissing(after.labels_in_use, before.labels_in_use))},
      {"-labels", static_cast<long long>(CountMissing(before.labels_in_use, after.labels_in_use))},
      {"+properties", static_cast<long long>(CountMissing(after.properties, before.properties))},
      {"-properties", static_cast<long long>(CountMissing(before.properties, after.properties))},
  };
}

std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  if (text.size() > 300) text = text.substr(0, 297) + "...";
  return text;
}

class ScenarioRunner {
 public:
  ScenarioRunner(bool parse_only, bool strict) : parse_only_(parse_only), strict_(strict) {}

  Outcome Run(const Scenario& scenario) {
    if (scenario.ignored) return {Status::kSkip, "@ignore"};
    for (const Step& step : scenario.steps) {
      if (step.doc && UsesTemporal(*step.doc)) {
        return {Status::kSkip, "temporal types (date, time, duration...) are not supported"};
      }
    }
    if (parse_only_) return ParseOnly(scenario);
    PrepareDatabase(scenario);
    engine_ = &database_->engine();
    params_.clear();
    GraphState before;
    std::optional<QueryOutcome> last;
    std::string last_query;
    bool executed_main = false;
    for (const Step& step : scenario.steps) {
      const std::string& text = step.text;
      if (text == "an empty graph" || text == "any graph") continue;
      if (StartsWith(text, "the ") && text.size() > 10 &&
          text.compare(text.size() - 6, 6, " graph") == 0) {
        return {Status::kSkip, "named graph '" + text + "' is not available"};
      }
      if (StartsWith(text, "there exists a procedure ")) {
        std::string problem = RegisterFakeProcedure(text.substr(25), step.table);
        if (!problem.empty()) return {Status::kSkip, problem};
        continue;
      }
      if (text == "having executed:") {
        if (!step.doc) return {Status::kFail, "step without doc string"};
        QueryOutcome setup = Execute(*step.doc);
        if (!setup.ok()) {
          if (setup.error->kind() == ErrorKind::kNotSupported) {
            return {Status::kSkip, "setup uses " + setup.error->message()};
          }
          return {Status::kFail, "setup query failed: " + OneLine(setup.error->message()) + " | " +
                                     OneLine(*step.doc)};
        }
        continue;
      }
      if (text == "parameters are:") {
        for (const auto& row : step.table) {
          if (row.size() != 2) return {Status::kFail, "bad parameter row"};
          try {
            params_[row[0]] = ValueParser(row[1]).ParseAsValue();
          } catch (const std::exception& ex) {
            return {Status::kSkip, std::string("parameter value not understood: ") + ex.what()};
          }
        }
        continue;
      }
      if (text == "executing query:" || text == "executing control query:") {
        if (!step.doc) return {Status::kFail, "step without doc string"};
        bool control = text == "executing control query:";
        if (!control) {
          before = Snapshot(*engine_);
          executed_main = true;
        }
        last_query = *step.doc;
        last = Execute(last_query);
        continue;
      }
      if (!last) return {Status::kFail, "check before any query: " + text};
      const QueryOutcome& outcome = *last;
      std::string context = " | query: " + OneLine(last_query);
      if (StartsWith(text, "the result should be")) {
        if (!outcome.ok()) {
          if (outcome.error->kind() == ErrorKind::kNotSupported) {
            return {Status::kSkip, outcome.error->message()};
          }
          return {Status::kFail,
                  "unexpected error: " + OneLine(outcome.error->message()) + context};
        }
        if (text == "the result should be empty") {
          if (!outcome.result->rows.empty()) {
            return {Status::kFail, "expected no rows, got " +
                                       std::to_string(outcome.result->rows.size()) + context};
          }
          continue;
        }
        bool ordered = text.find("in order") != std::string::npos &&
                       text.find("in any order") == std::string::npos;
        bool unordered_lists = text.find("ignoring element order for lists") != std::string::npos;
        std::string problem = CompareResult(step, *outcome.result, ordered, unordered_lists);
        if (!problem.empty()) return {Status::kFail, problem + context};
        continue;
      }
      if (text.find("should be raised at") != std::string::npos) {
        if (outcome.ok()) {
          return {Status::kFail, "expected " + text.substr(0, text.find(" should")) +
                                     ", but the query succeeded" + context};
        }
        continue;
      }
      if (text == "no side effects" || text == "the side effects should be:") {
        if (!outcome.ok()) {
          return {Status::kFail,
                  "unexpected error: " + OneLine(outcome.error->message()) + context};
        }
        if (!executed_main || !before.ok) continue;
        GraphState after = Snapshot(*engine_);
        if (!after.ok) return {Status::kFail, "cannot snapshot the graph for side effects"};
        std::map<std::string, long long> actual = SideEffects(before, after);
        std::map<std::string, long long> expected;
        for (const auto& [key, value] : actual) expected[key] = 0;
        for (const auto& row : step.table) {
          if (row.size() == 2) expected[row[0]] = std::atoll(row[1].c_str());
        }
        if (actual != expected) {
          std::string diff;
          for (const auto& [key, value] : expected) {
            if (actual[key] != value) {
              diff += " " + key + " expected " + std::to_string(value) + " got " +
                      std::to_string(actual[key]) + ";";
            }
          }
          return {Status::kFail, "side effects differ:" + diff + context};
        }
        continue;
      }
      return {Status::kSkip, "unknown step: " + text};
    }
    return {Status::kPass, ""};
  }

 private:
  // "name(a :: T?, ...) :: (x :: T?, ...)" + a table (input names, then
  // output names): the procedure yields the output values of every row whose
  // inputs equal the call's arguments. Returns "" or why it cannot be used.
  static std::string RegisterFakeProcedure(std::string signature,
                                           const std::vector<std::vector<std::string>>& table) {
    signature = Trim(signature);
    if (!signature.empty() && signature.back() == ':') signature.pop_back();
    size_t open = signature.find('(');
    size_t close = signature.find(')', open);
    if (open == std::string::npos || close == std::string::npos) return "bad procedure signature";
    auto names = [](const std::string& list) {
      std::vector<std::string> out;
      std::istringstream in(list);
      std::string item;
      while (std::getline(in, item, ',')) {
        item = Trim(item.substr(0, item.find("::")));
        if (!item.empty()) out.push_back(item);
      }
      return out;
    };
    auto types = [](const std::string& list) {
      std::vector<std::string> out;
      std::istringstream in(list);
      std::string item;
      while (std::getline(in, item, ',')) {
        size_t colons = item.find("::");
        if (colons != std::string::npos) out.push_back(Trim(item.substr(colons + 2)));
      }
      return out;
    };
    ecograph::query::Procedure procedure;
    procedure.name = Trim(signature.substr(0, open));
    procedure.arguments = names(signature.substr(open + 1, close - open - 1));
    std::vector<std::string> argument_types = types(signature.substr(open + 1, close - open - 1));
    procedure.min_arguments = procedure.arguments.size();
    size_t out_open = signature.find('(', close);
    size_t out_close = signature.rfind(')');
    if (out_open != std::string::npos && out_close != std::string::npos && out_close > out_open) {
      procedure.outputs = names(signature.substr(out_open + 1, out_close - out_open - 1));
    }
    size_t inputs = procedure.arguments.size();
    std::vector<std::pair<std::vector<std::string>, std::vector<Value>>> rows;
    for (size_t row_idx = 1; row_idx < table.size(); ++row_idx) {
      const auto& row = table[row_idx];
      if (row.size() != inputs + procedure.outputs.size()) return "procedure table does not match";
      std::vector<std::string> keys;
      std::vector<Value> outputs;
      try {
        for (size_t col = 0; col < inputs; ++col) {
          keys.push_back(ArgumentKey(ValueParser(row[col]).ParseAsValue()));
        }
        for (size_t col = inputs; col < row.size(); ++col) {
          outputs.push_back(ValueParser(row[col]).ParseAsValue());
        }
      } catch (const std::exception& ex) {
        return std::string("procedure value not understood: ") + ex.what();
      }
      rows.emplace_back(std::move(keys), std::move(outputs));
    }
    procedure.run = [rows, inputs, argument_types, name = procedure.name](
                        ecograph::query::ProcedureContext&, const std::vector<Value>& args) {
      std::vector<std::vector<Value>> result;
      if (args.size() != inputs) return result;
      for (size_t idx = 0; idx < args.size() && idx < argument_types.size(); ++idx) {
        const std::string& type = argument_types[idx];
        ValueType actual = args[idx].type();
        bool fits = actual == ValueType::kNull ||
                    (StartsWith(type, "STRING") && actual == ValueType::kString) ||
                    (StartsWith(type, "INTEGER") && actual == ValueType::kInt) ||
                    (StartsWith(type, "FLOAT") &&
                     (actual == ValueType::kFloat || actual == ValueType::kInt)) ||
                    (StartsWith(type, "NUMBER") &&
                     (actual == ValueType::kInt || actual == ValueType::kFloat)) ||
                    (StartsWith(type, "BOOLEAN") && actual == ValueType::kBool) ||
                    StartsWith(type, "ANY");
        if (!fits) {
          throw QueryError(ErrorKind::kSemantic, "procedure " + name + " expects " + type +
                                                     " for argument " + std::to_string(idx + 1));
        }
      }
      std::vector<std::string> keys;
      for (const Value& arg : args) keys.push_back(ArgumentKey(arg));
      for (const auto& [row_keys, outputs] : rows) {
        if (row_keys == keys) result.push_back(outputs);
      }
      return result;
    };
    ecograph::query::ProcedureRegistry::Instance().Register(std::move(procedure));
    return "";
  }

  // Numbers compare by value (an INTEGER argument matches 1.0 as NUMBER).
  static std::string ArgumentKey(const Value& value) {
    if (value.type() == ValueType::kInt) {
      return ValueParser::RenderFloat(static_cast<double>(value.as_int()));
    }
    return Canonical(value, false);
  }

  static bool UsesTemporal(const std::string& query) {
    static const char* const kFunctions[] = {"date(",      "datetime(", "localdatetime(",
                                             "localtime(", "time(",     "duration("};
    std::string lower = query;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* function : kFunctions) {
      size_t pos = 0;
      while ((pos = lower.find(function, pos)) != std::string::npos) {
        bool standalone = pos == 0 || !(std::isalnum(static_cast<unsigned char>(lower[pos - 1])) ||
                                        lower[pos - 1] == '_' || lower[pos - 1] == '.');
        if (standalone) return true;
        ++pos;
      }
    }
    return false;
  }

  // Reuses the worker's database when it can be emptied with DETACH DELETE
  // (much cheaper than a new store per scenario); scenarios touching the
  // schema get a fresh store.
  void PrepareDatabase(const Scenario& scenario) {
    bool touches_schema = false;
    for (const Step& step : scenario.steps) {
      if (step.doc && (step.doc->find("INDEX") != std::string::npos ||
                       step.doc->find("CONSTRAINT") != std::string::npos)) {
        touches_schema = true;
      }
    }
    if (database_ && !touches_schema && !schema_dirty_) {
      QueryOutcome cleared = database_->engine().Execute("MATCH (n) DETACH DELETE n");
      QueryOutcome left = database_->engine().Execute("MATCH (n) RETURN count(n)");
      if (cleared.ok() && left.ok() && left.result->rows.size() == 1 &&
          left.result->rows[0][0].type() == ValueType::kInt &&
          left.result->rows[0][0].as_int() == 0) {
        return;
      }
    }
    database_.reset();
    database_.emplace();
    schema_dirty_ = touches_schema;
  }

  QueryOutcome Execute(const std::string& query) {
    QueryOptions options;
    options.timeout = std::chrono::milliseconds(10'000);
    return engine_->Execute(query, params_, options);
  }

  Outcome ParseOnly(const Scenario& scenario) {
    for (const Step& step : scenario.steps) {
      if (!step.doc) continue;
      bool expects_syntax_error = false;
      std::string expected_error;
      for (const Step& other : scenario.steps) {
        if (other.text.find("SyntaxError should be raised") != std::string::npos) {
          expects_syntax_error = true;
          expected_error = other.text;
        }
      }
      try {
        ecograph::query::ParseStatement(*step.doc);
      } catch (const QueryError& error) {
        if (expects_syntax_error && step.text == "executing query:") return {Status::kPass, ""};
        if (error.kind() == ErrorKind::kNotSupported) return {Status::kSkip, error.message()};
        return {Status::kFail, "parse error: " + OneLine(FormatError(error, *step.doc)) +
                                   " | query: " + OneLine(*step.doc)};
      }
      if (expects_syntax_error && step.text == "executing query:" && strict_) {
        return {Status::kFail, "parsed, but the TCK expects: " + expected_error +
                                   " | query: " + OneLine(*step.doc)};
      }
    }
    return {Status::kPass, ""};
  }

  std::string CompareResult(const Step& step, const ecograph::query::QueryResult& result,
                            bool ordered, bool unordered_lists) {
    if (step.table.empty()) return "result table missing";
    const auto& header = step.table[0];
    if (header != result.columns) {
      std::string got, want;
      for (const auto& column : result.columns) got += column + "|";
      for (const auto& column : header) want += column + "|";
      return "columns differ: expected |" + want + " got |" + got;
    }
    std::vector<std::string> expected, actual;
    for (size_t row_idx = 1; row_idx < step.table.size(); ++row_idx) {
      std::string row;
      for (const auto& cell : step.table[row_idx]) {
        std::string error;
        std::string canonical = ValueParser(cell).Parse(unordered_lists, &error);
        if (!error.empty()) return "cannot read expected value: " + error;
        row += canonical + " | ";
      }
      expected.push_back(row);
    }
    for (const auto& values : result.rows) {
      std::string row;
      for (const auto& value : values) row += Canonical(value, unordered_lists) + " | ";
      actual.push_back(row);
    }
    if (!ordered) {
      std::sort(expected.begin(), expected.end());
      std::sort(actual.begin(), actual.end());
    }
    if (expected == actual) return "";
    std::string out = "rows differ: expected " + std::to_string(expected.size()) + " rows, got " +
                      std::to_string(actual.size());
    for (size_t idx = 0; idx < std::max(expected.size(), actual.size()) && idx < 4; ++idx) {
      std::string want = idx < expected.size() ? expected[idx] : "-";
      std::string got = idx < actual.size() ? actual[idx] : "-";
      if (want != got) out += "; expected [" + want + "] got [" + got + "]";
    }
    return OneLine(out);
  }

  bool parse_only_;
  bool strict_;
  std::optional<TestDatabase> database_;
  bool schema_dirty_ = false;
  QueryEngine* engine_ = nullptr;
  ecograph::query::Params params_;
};

// ---- driver ----------------------------------------------------------------

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string ScenarioId(const std::string& feature, const Scenario& scenario) {
  std::string id = feature + ":" + std::to_string(scenario.line);
  if (scenario.example_row >= 0) id += " row " + std::to_string(scenario.example_row + 1);
  return id + " " + scenario.name;
}

// Skip list lines: "<scenario id prefix>\t<reason>"; '#' comments.
std::vector<std::pair<std::string, std::string>> ReadSkipList(const fs::path& path) {
  std::vector<std::pair<std::string, std::string>> entries;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    entries.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return entries;
}

// Worker: runs one feature file, one line per scenario on stdout:
// "R\t<PASS|FAIL|SKIP>\t<id>\t<reason>", then "DONE".
int RunWorker(const fs::path& features, const std::string& relative, bool parse_only,
              const std::vector<std::pair<std::string, std::string>>& skip_list) {
  alarm(240);  // a hung engine cannot stall the whole run
  std::vector<Scenario> scenarios = ParseFeature(ReadFile(features / relative));
  ScenarioRunner runner(parse_only, parse_only && std::getenv("ECOGRAPH_TCK_STRICT_PARSE"));
  for (const Scenario& scenario : scenarios) {
    std::string id = ScenarioId(relative, scenario);
    Outcome outcome;
    bool listed = false;
    for (const auto& [prefix, reason] : skip_list) {
      if (StartsWith(id, prefix)) {
        outcome = {Status::kSkip, reason};
        listed = true;
        break;
      }
    }
    if (!listed) {
      std::cout << "S\t" << id << std::endl;  // lets the parent name a crashing scenario
      try {
        outcome = runner.Run(scenario);
      } catch (const std::exception& ex) {
        outcome = {Status::kFail, std::string("exception: ") + ex.what()};
      } catch (...) {
        outcome = {Status::kFail, "unknown exception"};
      }
    }
    const char* status = outcome.status == Status::kPass   ? "PASS"
                         : outcome.status == Status::kFail ? "FAIL"
                                                           : "SKIP";
    std::cout << "R\t" << status << "\t" << id << "\t" << OneLine(outcome.reason) << std::endl;
  }
  std::cout << "DONE" << std::endl;
  return 0;
}

struct Counts {
  int passed = 0, failed = 0, skipped = 0;
};

}  // namespace

int main(int argc, char** argv) {
  fs::path features, pass_count_file, report_file, skipped_md, skip_list_file;
  std::string worker, filter;
  bool parse_only = false, update_pass_count = false;
  for (int arg_idx = 1; arg_idx < argc; ++arg_idx) {
    std::string arg = argv[arg_idx];
    auto value = [&](const char* flag) -> std::optional<std::string> {
      std::string prefix = std::string(flag) + "=";
      if (StartsWith(arg, prefix)) return arg.substr(prefix.size());
      return std::nullopt;
    };
    if (auto v = value("--features"))
      features = *v;
    else if (auto v = value("--pass-count"))
      pass_count_file = *v;
    else if (auto v = value("--report"))
      report_file = *v;
    else if (auto v = value("--skipped-md"))
      skipped_md = *v;
    else if (auto v = value("--skip-list"))
      skip_list_file = *v;
    else if (auto v = value("--worker"))
      worker = *v;
    else if (auto v = value("--filter"))
      filter = *v;
    else if (arg == "--parse-only")
      parse_only = true;
    else if (arg == "--update-pass-count")
      update_pass_count = true;
    else {
      std::cerr << "unknown argument: " << arg << "\n";
      return 2;
    }
  }
  if (features.empty() || !fs::is_directory(features)) {
    std::cout << "SKIP: TCK features folder not found (" << features.string()
              << "); the TCK runs only beside ../shared/tck\n";
    return 77;
  }
  if (skip_list_file.empty() && !pass_count_file.empty()) {
    skip_list_file = pass_count_file.parent_path() / "skip_list.txt";
  }
  std::vector<std::pair<std::string, std::string>> skip_list;
  if (!skip_list_file.empty() && fs::exists(skip_list_file))
    skip_list = ReadSkipList(skip_list_file);
  if (!worker.empty()) return RunWorker(features, worker, parse_only, skip_list);
  // Scratch stores go to tmpfs when there is one: several times faster.
  if (std::getenv("TMPDIR") == nullptr && access("/dev/shm", W_OK) == 0) {
    setenv("TMPDIR", "/dev/shm", 1);
  }

  std::vector<std::string> files;
  for (const char* folder : kInScopeFolders) {
    fs::path dir = features / folder;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.path().extension() != ".feature") continue;
      std::string relative = fs::relative(entry.path(), features).string();
      if (!filter.empty() && relative.find(filter) == std::string::npos) continue;
      files.push_back(relative);
    }
  }
  std::sort(files.begin(), files.end());

  std::map<std::string, Counts> per_folder;
  Counts total;
  std::vector<std::string> failures, skips;
  std::string self = fs::canonical("/proc/self/exe").string();
  for (const std::string& relative : files) {
    std::string folder = fs::path(relative).parent_path().string();
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
      std::perror("pipe");
      return 2;
    }
    pid_t pid = fork();
    if (pid == 0) {
      dup2(pipe_fds[1], STDOUT_FILENO);
      int devnull = open("/dev/null", O_WRONLY);
      if (devnull >= 0) dup2(devnull, STDERR_FILENO);
      close(pipe_fds[0]);
      close(pipe_fds[1]);
      std::vector<std::string> args = {self, "--features=" + features.string(),
                                       "--worker=" + relative};
      if (parse_only) args.push_back("--parse-only");
      if (!skip_list_file.empty()) args.push_back("--skip-list=" + skip_list_file.string());
      std::vector<char*> raw;
      for (auto& item : args) raw.push_back(item.data());
      raw.push_back(nullptr);
      execv(self.c_str(), raw.data());
      _exit(127);
    }
    close(pipe_fds[1]);
    std::string output;
    char buffer[4096];
    ssize_t got;
    while ((got = read(pipe_fds[0], buffer, sizeof(buffer))) > 0) output.append(buffer, got);
    close(pipe_fds[0]);
    int wait_status = 0;
    waitpid(pid, &wait_status, 0);
    std::istringstream lines(output);
    std::string line, started;
    bool done = false;
    Counts& counts = per_folder[folder];
    while (std::getline(lines, line)) {
      if (line == "DONE") {
        done = true;
        continue;
      }
      if (StartsWith(line, "S\t")) {
        started = line.substr(2);
        continue;
      }
      if (!StartsWith(line, "R\t")) continue;
      started.clear();
      std::vector<std::string> parts;
      std::istringstream fields(line);
      std::string field;
      while (std::getline(fields, field, '\t')) parts.push_back(field);
      if (parts.size() < 3) continue;
      std::string reason = parts.size() > 3 ? parts[3] : "";
      if (parts[1] == "PASS") {
        ++counts.passed;
      } else if (parts[1] == "FAIL") {
        ++counts.failed;
        failures.push_back(parts[2] + "\t" + reason);
      } else {
        ++counts.skipped;
        skips.push_back(parts[2] + "\t" + reason);
      }
    }
    if (!done) {
      std::string how = WIFSIGNALED(wait_status)
                            ? std::string("killed by signal ") + strsignal(WTERMSIG(wait_status))
                            : "exited early";
      // The scenario that was running fails; later scenarios of the file are
      // not run and count as failed too (one entry for the file).
      ++counts.failed;
      failures.push_back((started.empty() ? relative : started) + "\tworker " + how +
                         " (rest of the feature file not run)");
    }
  }
  std::printf("%-34s %7s %7s %7s\n", "folder", "passed", "failed", "skipped");
  for (const auto& [folder, counts] : per_folder) {
    std::printf("%-34s %7d %7d %7d\n", folder.c_str(), counts.passed, counts.failed,
                counts.skipped);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  std::printf("TOTAL: %d passed, %d failed, %d skipped\n", total.passed, total.failed,
              total.skipped);
  if (!report_file.empty()) {
    std::ofstream out(report_file);
    out << "# TCK report: " << total.passed << " passed, " << total.failed << " failed, "
        << total.skipped << " skipped\n\n## Failed\n";
    for (const auto& line : failures) out << "FAIL\t" << line << "\n";
    out << "\n## Skipped\n";
    for (const auto& line : skips) out << "SKIP\t" << line << "\n";
    std::printf("report: %s\n", report_file.c_str());
  }
  if (!skipped_md.empty()) {
    std::ofstream out(skipped_md);
    out << "# Skipped TCK scenarios\n\nGenerated by `tck_runner --skipped-md=...`; every in-scope "
           "scenario the runner does not run, with the reason.\n\n"
        << "| Scenario | Reason |\n| --- | --- |\n";
    for (const auto& line : skips) {
      size_t tab = line.find('\t');
      std::string id = line.substr(0, tab), reason = line.substr(tab + 1);
      for (auto* text : {&id, &reason}) {
        size_t pos = 0;
        while ((pos = text->find('|', pos)) != std::string::npos) {
          text->replace(pos, 1, "\\|");
          pos += 2;
        }
      }
      out << "| " << id << " | " << reason << " |\n";
    }
  }
  if (!pass_count_file.empty()) {
    if (update_pass_count) {
      std::ofstream(pass_count_file) << total.passed << "\n";
      std::printf("recorded pass count %d in %s\n", total.passed, pass_count_file.c_str());
      return 0;
    }
    int recorded = 0;
    std::ifstream in(pass_count_file);
    in >> recorded;
    if (total.passed < recorded) {
      std::printf("FAIL: %d passed, below the recorded %d (%s)\n", total.passed, recorded,
                  pass_count_file.c_str());
      return 1;
    }
    std::printf("OK: %d passed (recorded minimum %d)\n", total.passed, recorded);
  }
  return 0;
}
