// A corpus of malformed CSV and JSON Lines files, generated deterministically:
// every kind of bad row, at several lines, after ASCII or multi-byte text,
// with LF or CRLF line ends. Each file must be rejected with its exact
// `file:line:column: message`, and the database (which holds data from
// before) must be byte-for-byte the same logical graph afterwards.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include "graph/io/importer.h"
#include "tests/io/io_test_util.h"

namespace ecograph::graph::io {
namespace {

using testing::ScratchDir;
using testing::WriteFile;

struct Case {
  std::string name;     // file name (extension decides CSV or JSONL)
  std::string content;  // the node file (or the relationship file, see rels)
  bool rels = false;    // content is a relationship file; kGoodNodes is the node file
  uint64_t line = 0;
  uint64_t column = 0;
  std::string message;
};

// Code points in `text` (the importer counts columns in characters).
uint64_t Chars(const std::string& text) {
  uint64_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

const char* kNodeHeader = "id:ID,name,year:int,score:float,ok:boolean,ints:int[]";
const char* kGoodNodes = "id:ID,name\nA,Alpha\nB,Beta\n";

// A CSV row from fields; `at` receives the 1-based column of field `field`.
std::string Row(const std::vector<std::string>& fields, size_t field, uint64_t* at) {
  std::string row;
  for (size_t idx = 0; idx < fields.size(); ++idx) {
    if (idx > 0) row += ',';
    if (idx == field) *at = Chars(row) + 1;
    row += fields[idx];
  }
  if (field >= fields.size()) *at = Chars(row) + 1;
  return row;
}

// Node-file cases: `good` good rows, then the bad one; `name` is the text of
// the name field of every row (ASCII or multi-byte).
void AddCsvNodeCases(std::vector<Case>* cases, int good, const std::string& name, bool crlf) {
  const std::string eol = crlf ? "\r\n" : "\n";
  std::string prefix = std::string(kNodeHeader) + eol;
  for (int row_idx = 0; row_idx < good; ++row_idx) {
    prefix += "g" + std::to_string(row_idx) + "," + name + ",2000,1.5,true,1;2" + eol;
  }
  const uint64_t line = static_cast<uint64_t>(good) + 2;
  std::string tag = std::to_string(good) + (crlf ? "crlf" : "lf") + (name.size() > 5 ? "u" : "a");
  auto add = [&](const std::string& kind, const std::vector<std::string>& fields, size_t field,
                 const std::string& message, const std::string& tail = "") {
    Case c;
    c.name = "nodes-" + kind + "-" + tag + ".csv";
    c.content = prefix + Row(fields, field, &c.column) + tail + eol;
    c.line = line;
    c.message = message;
    cases->push_back(std::move(c));
  };
  add("int", {"x1", name, "20x0", "1.5", "true", "1"}, 2,
      "expected an integer for column 'year:int', found '20x0'");
  add("range", {"x1", name, "99999999999999999999", "1", "true", "1"}, 2,
      "expected an integer for column 'year:int', found '99999999999999999999'");
  add("float", {"x1", name, "2000", "1.5.1", "true", "1"}, 3,
      "expected a number for column 'score:float', found '1.5.1'");
  add("bool", {"x1", name, "2000", "1", "yes", "1"}, 4,
      "expected a boolean (true or false) for column 'ok:boolean', found 'yes'");
  add("array", {"x1", name, "2000", "1", "false", "1;z;3"}, 5,
      "expected an integer for each element of column 'ints:int[]', found 'z'");
  add("few", {"x1", name, "2000"}, 3, "expected 6 fields, found 3");
  add("many", {"x1", name, "2000", "1", "true", "1", "extra"}, 6, "expected 6 fields, found 7");
  add("emptyid", {"", name, "2000", "1", "true", "1"}, 0,
      "expected a node id in column 'id:ID', found an empty field");
  add("dupid", {"g0", name, "2000", "1", "true", "1"}, 0,
      "duplicate node id 'g0' (expected ids to be unique)");
  if (good == 0) cases->pop_back();  // no earlier g0 to duplicate
  add("utf8", {"x1", name, "2000", "1", "true", "1", }, 1,
      "invalid UTF-8 in field 2 ('name')");
  cases->back().content = prefix + "x1," + "\xC3(" + name + ",2000,1,true,1" + eol;
  add("trailing", {"x1", "\"" + name + "\"", "2000", "1", "true", "1"}, 1,
      "expected ',' or end of line after the closing quote of a quoted field");
  {
    Case& c = cases->back();
    std::string row = "x1,\"" + name + "\"z,2000,1,true,1";
    c.content = prefix + row + eol;
    c.column = 4 + Chars(name) + 2;  // the z after the closing quote
  }
  add("unterminated", {"x1", "\"" + name, "2000"}, 1,
      "unterminated quoted field (expected a closing '\"' before the end of the file)");
}

void AddCsvRelCases(std::vector<Case>* cases, int good, bool crlf) {
  const std::string eol = crlf ? "\r\n" : "\n";
  std::string prefix = ":START_ID,:END_ID,:TYPE,since:int" + eol;
  for (int row_idx = 0; row_idx < good; ++row_idx) prefix += "A,B,OWNS,2001" + eol;
  const uint64_t line = static_cast<uint64_t>(good) + 2;
  std::string tag = std::to_string(good) + (crlf ? "crlf" : "lf");
  auto add = [&](const std::string& kind, const std::vector<std::string>& fields, size_t field,
                 const std::string& message) {
    Case c;
    c.name = "rels-" + kind + "-" + tag + ".csv";
    c.rels = true;
    c.content = prefix + Row(fields, field, &c.column) + eol;
    c.line = line;
    c.message = message;
    cases->push_back(std::move(c));
  };
  add("end", {"A", "Q9", "OWNS", "1"}, 1,
      "unknown node id 'Q9' in column ':END_ID' (expected an id defined in a node file)");
  add("start", {"Zed", "B", "OWNS", "1"}, 0,
      "unknown node id 'Zed' in column ':START_ID' (expected an id defined in a node file)");
  add("nostart", {"", "B", "OWNS", "1"}, 0,
      "expected a node id in column ':START_ID', found an empty field");
  add("notype", {"A", "B", "", "1"}, 2,
      "expected a relationship type in column ':TYPE', found an empty field");
  add("prop", {"A", "B", "OWNS", "soon"}, 3,
      "expected an integer for column 'since:int', found 'soon'");
  add("few", {"A", "B"}, 2, "expected 4 fields, found 2");
}

// Header errors: always line 1.
void AddCsvHeaderCases(std::vector<Case>* cases) {
  struct Header {
    std::string text;
    uint64_t column;
    std::string message;
  };
  const std::vector<Header> headers = {
      {"id:ID,year:integer", 7,
       "unknown column type 'integer' in header field 'year:integer' (expected int, long, float, "
       "double, boolean, string, an array of those like int[], or ID, LABEL, START_ID, END_ID, "
       "TYPE, IGNORE)"},
      {"id:ID,name,name:int", 12, "property 'name' appears in two header columns"},
      {"id:ID,:START_ID", 7,
       "':START_ID' is a relationship column, but this is a node file (expected :ID, :LABEL or "
       "properties)"},
      {"id:ID,other:ID", 7, "more than one :ID column"},
      {"id:ID,:int", 7, "empty property name in header field ':int'"},
      {"id:ID,:LABEL,:LABEL", 14, "more than one :LABEL column"},
  };
  int idx = 0;
  for (const Header& h : headers) {
    for (const char* rows : {"", "A,1\n", "A,1\nB,2\n"}) {
      Case c;
      c.name = "header-" + std::to_string(idx++) + ".csv";
      c.content = h.text + "\n" + rows;
      c.line = 1;
      c.column = h.column;
      c.message = h.message;
      cases->push_back(std::move(c));
    }
  }
}

// JSON Lines: `good` good lines (nodes A, B, g0...), then the bad line.
void AddJsonlCases(std::vector<Case>* cases, int good, const std::string& name) {
  std::string prefix = "{\"type\":\"node\",\"id\":\"A\"}\n{\"type\":\"node\",\"id\":\"B\"}\n";
  for (int line_idx = 0; line_idx < good; ++line_idx) {
    prefix += "{\"type\":\"node\",\"id\":\"g" + std::to_string(line_idx) +
              "\",\"properties\":{\"name\":\"" + name + "\"}}\n";
  }
  const uint64_t line = static_cast<uint64_t>(good) + 3;
  std::string tag = std::to_string(good) + (name.size() > 5 ? "u" : "a");
  auto add = [&](const std::string& kind, const std::string& text, uint64_t column,
                 const std::string& message) {
    Case c;
    c.name = "lines-" + kind + "-" + tag + ".jsonl";
    c.content = prefix + text + "\n";
    c.line = line;
    c.column = column;
    c.message = message;
    cases->push_back(std::move(c));
  };
  const std::string node = "{\"type\":\"node\",\"id\":\"x1\",\"properties\":{\"name\":\"" + name + "\"";
  const uint64_t after_node = Chars(node) + 1;
  add("value", node + ",\"v\": }}", after_node + 6,
      "invalid JSON: syntax error while parsing value - unexpected '}'; expected '[', '{', or a "
      "literal");
  add("overflow", node + ",\"f\":-1E999}}", after_node + 5,
      "invalid JSON: number overflow parsing '-1E999'");
  add("notobject", "[1, 2]", 1, "expected a JSON object per line");
  add("notype", "{\"id\":\"x1\",\"name\":\"" + name + "\"}", 1,
      "expected \"type\": \"node\" or \"relationship\"");
  add("noid", "{\"type\":\"node\",\"properties\":{\"name\":\"" + name + "\"}}", 1,
      "expected a node \"id\" (a non-empty string or an integer)");
  add("dupid", "{\"type\":\"node\",\"id\":\"A\",\"properties\":{\"name\":\"" + name + "\"}}", 1,
      "duplicate node id 'A' (expected ids to be unique)");
  add("object", node + ",\"o\":{\"k\":1}}}", 1,
      "property 'o': expected a scalar or a list, found a object value");
  add("nulllist", node + ",\"l\":[1,null]}}", 1,
      "property 'l': expected a scalar or a list, found null inside a list");
  add("range", node + ",\"n\":18446744073709551615}}", 1,
      "property 'n': expected a scalar or a list, found integer 18446744073709551615 is beyond "
      "the 64-bit range");
  add("props", "{\"type\":\"node\",\"id\":\"x1\",\"properties\":[\"" + name + "\"]}", 1,
      "expected \"properties\" to be an object");
  add("labels", "{\"type\":\"node\",\"id\":\"x1\",\"labels\":[\"" + name + "\",\"\"]}", 1,
      "expected \"labels\" to be a list of non-empty strings");
  add("deep", node + ",\"d\":" + std::string(66, '[') + "1" + std::string(66, ']') + "}}", 1,
      "property 'd': lists nested more than 64 levels deep cannot be stored");
  add("deeper", node + ",\"d\":" + std::string(3000, '[') + std::string(3000, ']') + "}}",
      after_node + 5 + 78,
      "JSON nested more than 80 levels deep (a property holds lists nested at most 64 levels "
      "deep)");
  add("end", "{\"type\":\"relationship\",\"start\":\"A\",\"end\":\"" + name + "\",\"label\":\"T\"}", 1,
      "unknown node id '" + name + "' in \"end\" (expected an id defined by a node line)");
  add("nolabel", "{\"type\":\"relationship\",\"start\":\"A\",\"end\":\"B\",\"x\":\"" + name + "\"}", 1,
      "expected \"label\": the relationship type");
  add("nostart", "{\"type\":\"relationship\",\"end\":\"B\",\"label\":\"" + name + "\"}", 1,
      "expected \"start\": the id of the start node");
  add("relprop", "{\"type\":\"relationship\",\"start\":\"A\",\"end\":\"B\",\"label\":\"T\","
                 "\"properties\":{\"o\":{\"" + name + "\":1}}}", 1,
      "property 'o': expected a scalar or a list, found a object value");
}

std::vector<Case> Corpus() {
  std::vector<Case> cases;
  const std::string ascii = "Alpha";
  const std::string wide = "Z\xC3\xBCrich \xE5\x8C\x97\xE4\xBA\xAC";  // "Zürich 北京"
  for (int good : {0, 1, 4, 17}) {
    for (const std::string& name : {ascii, wide}) {
      for (bool crlf : {false, true}) AddCsvNodeCases(&cases, good, name, crlf);
      AddJsonlCases(&cases, good, name);
    }
    for (bool crlf : {false, true}) AddCsvRelCases(&cases, good, crlf);
  }
  AddCsvHeaderCases(&cases);
  return cases;
}

// The whole logical graph as one string: every node and relationship with
// labels, type and properties, in id order.
std::string Fingerprint(storage::Store& store) {
  auto txn = store.BeginRead();
  std::ostringstream out;
  auto nodes = txn->ScanNodes();
  storage::NodeId id;
  while (nodes->Next(&id)) {
    auto node = txn->GetNode(id);
    out << "N" << id;
    for (const auto& label : (*node)->labels) out << ":" << label;
    for (const auto& [key, value] : (*node)->properties) out << " " << key << "=" << value.ToString();
    out << "\n";
  }
  auto rels = txn->ScanRels(std::nullopt);
  storage::RelRecord rel;
  while (rels->Next(&rel)) {
    out << "R" << rel.id << " " << rel.src << "-" << rel.type << "->" << rel.dst;
    for (const auto& [key, value] : rel.properties) out << " " << key << "=" << value.ToString();
    out << "\n";
  }
  out << "labels";
  for (const auto& label : txn->Labels()) out << " " << label;
  out << "\ntypes";
  for (const auto& type : txn->RelTypes()) out << " " << type;
  return out.str();
}

TEST(MalformedCorpusTest, EveryFileIsRejectedAtItsPositionAndChangesNothing) {
  ScratchDir dir;
  auto store = testing::OpenStore(dir / "db");
  ASSERT_NE(store, nullptr);
  {
    // Data from before, which every rejected import must leave as it is.
    ImportOptions seed;
    seed.node_files = {WriteFile(dir / "seed_nodes.csv", "id:ID,name,:LABEL\nS1,Seed,Company\n"
                                                         "S2,Zweig,Company\n")};
    seed.rel_files = {WriteFile(dir / "seed_rels.csv", ":START_ID,:END_ID,:TYPE\nS1,S2,OWNS\n")};
    ASSERT_TRUE(Import(*store, seed).ok());
  }
  const std::string before = Fingerprint(*store);
  const std::string good_nodes = WriteFile(dir / "good_nodes.csv", kGoodNodes);
  std::vector<Case> cases = Corpus();
  ASSERT_GE(cases.size(), 300u);
  int csv = 0, jsonl = 0;
  for (const Case& c : cases) {
    std::string path = WriteFile(dir / c.name, c.content);
    ImportOptions options;
    if (c.rels) {
      options.node_files = {good_nodes};
      options.rel_files = {path};
    } else {
      options.node_files = {path};
    }
    auto result = Import(*store, options);
    ASSERT_FALSE(result.ok()) << c.name << " was accepted";
    EXPECT_EQ(result.status().code(), storage::StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(result.status().message(), path + ":" + std::to_string(c.line) + ":" +
                                             std::to_string(c.column) + ": " + c.message)
        << c.name;
    EXPECT_EQ(Fingerprint(*store), before) << c.name << " changed the database";
    (c.name.ends_with(".jsonl") ? jsonl : csv) += 1;
  }
  auto report = store->Check();
  EXPECT_TRUE(report.ok()) << report.problems.front();
  std::printf("malformed corpus: %d CSV and %d JSON Lines files rejected\n", csv, jsonl);
}

}  // namespace
}  // namespace ecograph::graph::io
