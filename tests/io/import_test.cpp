#include <gtest/gtest.h>

#include "graph/io/importer.h"
#include "tests/io/io_test_util.h"

namespace ecograph::graph::io {
namespace {

using testing::ReadFile;
using testing::ScratchDir;
using testing::WriteFile;

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenStore(dir_ / "db");
    ASSERT_NE(store_, nullptr);
  }

  std::string File(const std::string& name, const std::string& content) {
    return WriteFile(dir_ / name, content);
  }

  storage::Result<ImportStats> Run(std::vector<std::string> nodes, std::vector<std::string> rels,
                                   ImportOptions options = {}) {
    options.node_files = std::move(nodes);
    options.rel_files = std::move(rels);
    return Import(*store_, options);
  }

  // The import failed with exactly `message` and left the store empty.
  void ExpectFailure(const storage::Result<ImportStats>& result, const std::string& message) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), storage::StatusCode::kInvalidArgument);
    EXPECT_EQ(result.status().message(), message);
    auto counts = store_->BeginRead()->Counts();
    EXPECT_EQ(counts.nodes, 0u);
    EXPECT_EQ(counts.relationships, 0u);
    auto report = store_->Check();
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0]);
  }

  storage::NodeRecord NodeWith(const std::string& key, const storage::PropertyValue& value) {
    auto txn = store_->BeginRead();
    auto it = txn->ScanNodes();
    storage::NodeId id;
    while (it->Next(&id)) {
      auto node = txn->GetNode(id);
      auto p = (*node)->properties.find(key);
      if (p != (*node)->properties.end() && p->second == value) return **node;
    }
    ADD_FAILURE() << "no node with " << key << " = " << value.ToString();
    return {};
  }

  ScratchDir dir_;
  std::unique_ptr<storage::Store> store_;
};

constexpr const char* kNodes =
    "id:ID,name,:LABEL,year:int\nA,Alpha,Company,1999\nB,Beta,Company,2004\n";

// ---- bad rows: each stops the import at its exact position ----------------

TEST_F(ImportTest, TooFewFieldsPointsPastTheRow) {
  auto n = File("n.csv", "id:ID,name\nA,x\nB\n");
  ExpectFailure(Run({n}, {}), n + ":3:2: expected 2 fields, found 1");
}

TEST_F(ImportTest, TooManyFieldsPointsAtTheFirstExtraField) {
  auto n = File("n.csv", "id:ID,name\nA,x,y\n");
  ExpectFailure(Run({n}, {}), n + ":2:5: expected 2 fields, found 3");
}

TEST_F(ImportTest, UnparsableInt) {
  auto n = File("n.csv", "id:ID,year:int\nA,1999\nB,19x9\n");
  ExpectFailure(Run({n}, {}), n + ":3:3: expected an integer for column 'year:int', found '19x9'");
}

TEST_F(ImportTest, UnparsableFloatAndBoolean) {
  auto n = File("n.csv", "id:ID,amount:float\nA,1.5e3\nB,1.2.3\n");
  ExpectFailure(Run({n}, {}),
                n + ":3:3: expected a number for column 'amount:float', found '1.2.3'");
  auto m = File("m.csv", "id:ID,ok:boolean\nA,yes\n");
  ExpectFailure(
      Run({m}, {}),
      m + ":2:3: expected a boolean (true or false) for column 'ok:boolean', found 'yes'");
}

TEST_F(ImportTest, IntOutOfRange) {
  auto n = File("n.csv", "id:ID,big:long\nA,99999999999999999999\n");
  ExpectFailure(
      Run({n}, {}),
      n + ":2:3: expected an integer for column 'big:long', found '99999999999999999999'");
}

TEST_F(ImportTest, MissingType) {
  auto n = File("n.csv", kNodes);
  auto r = File("r.csv", ":START_ID,:END_ID,:TYPE\nA,B,OWNS\nB,A,\n");
  ExpectFailure(Run({n}, {r}),
                r + ":3:5: expected a relationship type in column ':TYPE', found an empty field");
}

TEST_F(ImportTest, NoTypeColumnWithoutDefaultIsAHeaderError) {
  auto n = File("n.csv", kNodes);
  auto r = File("r.csv", ":START_ID,:END_ID\nA,B\n");
  ExpectFailure(Run({n}, {r}), r + ":1:18: expected a :TYPE column in the header (or a default "
                                   "type: TYPE=file)");
}

TEST_F(ImportTest, EmptyId) {
  auto n = File("n.csv", "id:ID,name\nA,x\n,y\n");
  ExpectFailure(Run({n}, {}),
                n + ":3:1: expected a node id in column 'id:ID', found an empty field");
}

TEST_F(ImportTest, DuplicateId) {
  auto n = File("n.csv", "name,id:ID\nx,A\ny,B\nz,A\n");
  ExpectFailure(Run({n}, {}), n + ":4:3: duplicate node id 'A' (expected ids to be unique)");
}

TEST_F(ImportTest, DuplicateIdAcrossFiles) {
  auto n = File("n.csv", kNodes);
  auto m = File("m.csv", ":ID(Company),name\nA,x\n");  // other ID space: fine
  auto o = File("o.csv", ":ID\nC\nA\n");
  ExpectFailure(Run({n, m, o}, {}), o + ":3:1: duplicate node id 'A' (expected ids to be unique)");
}

TEST_F(ImportTest, UnknownEndpoint) {
  auto n = File("n.csv", kNodes);
  auto r = File("r.csv", ":START_ID,:END_ID,:TYPE,year:int\nA,B,OWNS,1\nA,Z,OWNS,2\n");
  ExpectFailure(Run({n}, {r}), r + ":3:3: unknown node id 'Z' in column ':END_ID' (expected an "
                                   "id defined in a node file)");
}

TEST_F(ImportTest, InvalidUtf8PointsAtTheField) {
  auto n = File("n.csv", "id:ID,name,city\nA,ok,Z\xC3\xBCrich\nB,caf\xC3(,x\n");
  ExpectFailure(Run({n}, {}), n + ":3:3: invalid UTF-8 in field 2 ('name')");
}

TEST_F(ImportTest, UnterminatedQuoteAtEof) {
  auto n = File("n.csv", "id:ID,name\nA,x\nB,\"abc\nmore,stuff\n");
  ExpectFailure(Run({n}, {}),
                n + ":3:3: unterminated quoted field (expected a closing '\"' before the end of "
                    "the file)");
}

TEST_F(ImportTest, TextAfterClosingQuote) {
  auto n = File("n.csv", "id:ID,name\nA,\"x\"y\n");
  ExpectFailure(Run({n}, {}),
                n + ":2:6: expected ',' or end of line after the closing quote of a quoted field");
}

TEST_F(ImportTest, ColumnsCountCharactersNotBytes) {
  auto n = File("n.csv", "id:ID,name,year:int\nA,Z\xC3\xBCrich \xE5\x8C\x97\xE4\xBA\xAC,x\n");
  // "A,Zürich 北京," is 12 characters (17 bytes).
  ExpectFailure(Run({n}, {}), n + ":2:13: expected an integer for column 'year:int', found 'x'");
}

TEST_F(ImportTest, LinesCountEmbeddedNewlines) {
  auto n = File("n.csv", "id:ID,note,year:int\nA,\"line1\nline2\",bad\n");
  ExpectFailure(Run({n}, {}), n + ":3:8: expected an integer for column 'year:int', found 'bad'");
  auto m =
      File("m.csv", "id:ID,note,year:int\nA,\"one\r\ntwo\nthree\",1\r\nB,x,2\r\n\r\nC,y,zz\r\n");
  ExpectFailure(Run({m}, {}), m + ":7:5: expected an integer for column 'year:int', found 'zz'");
}

TEST_F(ImportTest, HeaderErrors) {
  auto n = File("n.csv", "id:ID,year:integer\nA,1\n");
  auto result = Run({n}, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message().rfind(n + ":1:7: unknown column type 'integer'", 0), 0u)
      << result.status().message();
  auto e = File("e.csv", "");
  ExpectFailure(Run({e}, {}), e + ":1:1: expected a header line, found an empty file");
  auto r = File("r.csv", ":START_ID,:END_ID,:TYPE\n");
  ExpectFailure(Run({r}, {}), r + ":1:1: ':START_ID' is a relationship column, but this is a node "
                                  "file (expected :ID, :LABEL or properties)");
  auto d = File("d.csv", "id:ID,name,name:int\n");
  ExpectFailure(Run({d}, {}), d + ":1:12: property 'name' appears in two header columns");
}

TEST_F(ImportTest, BadRowInRelsLeavesEarlierNodesOut) {
  auto n = File("n.csv", kNodes);
  auto r = File("r.csv", ":START_ID,:END_ID,:TYPE,year:int\nA,B,OWNS,1\nA,B,OWNS,x\n");
  ExpectFailure(Run({n}, {r}), r + ":3:10: expected an integer for column 'year:int', found 'x'");
}

TEST_F(ImportTest, MissingFileIsAnIoError) {
  auto result = Run({dir_ / "absent.csv"}, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), storage::StatusCode::kIOError);
}

// ---- skipping bad rows -------------------------------------------------------

TEST_F(ImportTest, SkipBadRowsWritesTheReport) {
  auto n = File("n.csv", "id:ID,year:int\nA,1\nB,x\nC,3\nA,4\n");
  auto r = File("r.csv", ":START_ID,:END_ID,:TYPE\nA,C,T\nA,B,T\n");
  ImportOptions options;
  options.skip_bad_rows = 3;
  auto result = Run({n}, {r}, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->nodes, 2u);
  EXPECT_EQ(result->rels, 1u);
  EXPECT_EQ(result->bad_rows_skipped, 3u);
  std::string report_path = dir_ / "import-bad-rows.txt";
  EXPECT_EQ(result->bad_rows_report, report_path);
  EXPECT_EQ(ReadFile(report_path),
            n + ":3:3: expected an integer for column 'year:int', found 'x'\n\tB,x\n" + n +
                ":5:1: duplicate node id 'A' (expected ids to be unique)\n\tA,4\n" + r +
                ":3:3: unknown node id 'B' in column ':END_ID' (expected an id defined in a node "
                "file)\n\tA,B,T\n");
  auto counts = store_->BeginRead()->Counts();
  EXPECT_EQ(counts.nodes, 2u);
  EXPECT_EQ(counts.relationships, 1u);
}

TEST_F(ImportTest, SkipBadRowsFailsBeyondTheBudget) {
  auto n = File("n.csv", "id:ID,year:int\nA,1\nB,x\nC,y\nD,z\n");
  ImportOptions options;
  options.skip_bad_rows = 2;
  options.bad_rows_report = dir_ / "custom-report.txt";
  ExpectFailure(Run({n}, {}, options),
                n + ":5:3: expected an integer for column 'year:int', found 'z' (more than 2 bad "
                    "rows)");
  EXPECT_NE(ReadFile(dir_ / "custom-report.txt").find(":4:3:"), std::string::npos);
}

TEST_F(ImportTest, SkippedUnterminatedQuoteEndsTheFile) {
  auto n = File("n.csv", "id:ID,name\nA,x\nB,\"open\n");
  ImportOptions options;
  options.skip_bad_rows = 1;
  auto result = Run({n}, {}, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->nodes, 1u);
  EXPECT_EQ(result->bad_rows_skipped, 1u);
}

// Issue 10: a quote error must not swallow the good rows after it.
TEST_F(ImportTest, SkipBadQuoteResynchronisesAtTheNextRecord) {
  std::string text = "id:ID,name,year:int\na1,x,2000\nb1,\"ab\"c,2001\n";
  for (int row = 0; row < 10; ++row) {
    text += "c" + std::to_string(row) + ",\"good\nrow\",20" + std::to_string(10 + row) + "\n";
  }
  text += "d1,\"open,2002\ne1,y,2003\n";
  auto n = File("n.csv", text);
  ImportOptions options;
  options.skip_bad_rows = 5;
  auto result = Run({n}, {}, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->nodes, 12u);  // a1, c0..c9, e1
  EXPECT_EQ(result->bad_rows_skipped, 2u);
  EXPECT_EQ(ReadFile(result->bad_rows_report),
            n + ":3:8: expected ',' or end of line after the closing quote of a quoted field\n"
                "\tb1,\"ab\"c,2001\n" +
                n + ":24:4: unterminated quoted field (expected a closing '\"' before the end "
                    "of the file)\n\td1,\"open,2002\n");
  EXPECT_EQ(NodeWith("year", int64_t{2019}).properties.at("name"), storage::PropertyValue("good\nrow"));
  NodeWith("year", int64_t{2003});
}

// Issue 10: values the record codec cannot read back are rejected before
// anything is written, at file:line:col; 30,000-deep JSON does not crash.
TEST_F(ImportTest, JsonLinesRejectsValuesNestedTooDeep) {
  auto nested = [](int depth) {
    return std::string(static_cast<size_t>(depth), '[') + "1" +
           std::string(static_cast<size_t>(depth), ']');
  };
  auto ok = File("ok.jsonl", "{\"type\":\"node\",\"id\":\"A\",\"properties\":{\"v\":" +
                                 nested(64) + "}}\n");
  auto result = Run({ok}, {});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(store_->Check().ok(), true);
  store_ = nullptr;
  store_ = testing::OpenStore(dir_ / "db2");
  auto f = File("f.jsonl", "{\"type\":\"node\",\"id\":\"A\"}\n"
                           "{\"type\":\"node\",\"id\":\"B\",\"properties\":{\"v\":" +
                               nested(66) + "}}\n");
  ExpectFailure(Run({f}, {}),
                f + ":2:1: property 'v': lists nested more than 64 levels deep cannot be stored");
  auto g = File("g.jsonl", "{\"type\":\"node\",\"id\":\"B\",\"properties\":{\"v\":" +
                               nested(30000) + "}}\n");
  // The line object and "properties" are levels 1-2; the lists start at column 43
  // (level 3), so level 81 opens at column 121.
  ExpectFailure(Run({g}, {}),
                g + ":1:121: JSON nested more than 80 levels deep (a property holds lists nested "
                    "at most 64 levels deep)");
}

TEST_F(ImportTest, StoreRejectsValuesItCannotDecode) {
  storage::PropertyValue value(int64_t{1});
  for (int level = 0; level < 65; ++level) value = storage::PropertyValue(storage::PropertyList{value});
  auto txn = std::move(store_->BeginWrite()).value();
  auto created = txn->CreateNode({"X"}, {{"deep", value}});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().message(),
            "property 'deep': lists nested more than 64 levels deep cannot be stored");
}

// ---- RFC 4180, values, ID spaces, arrays ------------------------------------

TEST_F(ImportTest, Rfc4180Quoting) {
  auto n = File("n.csv",
                "\xEF\xBB\xBFid:ID,name,note,\"odd,header\"\r\n"
                "A,\"Smith, John\",\"He said \"\"hi\"\"\",1\r\n"
                "B,\"multi\nline\r\ntext\",,\"\"\r\n"
                "C,\xE5\x8C\x97\xE4\xBA\xAC \xF0\x9F\x98\x80,\"\",x\r\n");
  auto result = Run({n}, {});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->nodes, 3u);
  auto a = NodeWith("id", "A");
  EXPECT_EQ(a.properties.at("name"), storage::PropertyValue("Smith, John"));
  EXPECT_EQ(a.properties.at("note"), storage::PropertyValue("He said \"hi\""));
  EXPECT_EQ(a.properties.at("odd,header"), storage::PropertyValue("1"));
  auto b = NodeWith("id", "B");
  EXPECT_EQ(b.properties.at("name"), storage::PropertyValue("multi\nline\r\ntext"));
  EXPECT_EQ(b.properties.count("note"), 0u);                             // empty field: absent
  EXPECT_EQ(b.properties.at("odd,header"), storage::PropertyValue(""));  // "": empty string
  auto c = NodeWith("id", "C");
  EXPECT_EQ(c.properties.at("name"),
            storage::PropertyValue("\xE5\x8C\x97\xE4\xBA\xAC \xF0\x9F\x98\x80"));
  EXPECT_EQ(c.properties.at("note"), storage::PropertyValue(""));
}

TEST_F(ImportTest, TypedValuesAndLabels) {
  auto n = File("n.csv",
                "id:ID,:LABEL,i:int,l:long,f:float,d:double,b:boolean,s:string\n"
                "A,Company;Public,-5, 7 ,0.55,1e300,TRUE,007\n"
                "B,,,,,,false,\n");
  auto result = Run({"Extra=" + n}, {});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  auto a = NodeWith("id", "A");
  EXPECT_EQ(a.labels, (std::vector<std::string>{"Company", "Extra", "Public"}));
  EXPECT_EQ(a.properties.at("i"), storage::PropertyValue(int64_t{-5}));
  EXPECT_EQ(a.properties.at("l"), storage::PropertyValue(int64_t{7}));
  EXPECT_EQ(a.properties.at("f"), storage::PropertyValue(0.55));
  EXPECT_EQ(a.properties.at("d"), storage::PropertyValue(1e300));
  EXPECT_EQ(a.properties.at("b"), storage::PropertyValue(true));
  EXPECT_EQ(a.properties.at("s"), storage::PropertyValue("007"));
  auto b = NodeWith("id", "B");
  EXPECT_EQ(b.labels, (std::vector<std::string>{"Extra"}));
  EXPECT_EQ(b.properties.size(), 2u);  // id and b
}

TEST_F(ImportTest, Arrays) {
  auto n = File("n.csv",
                "id:ID,tags:string[],nums:int[],ws:double[],fs:boolean[]\n"
                "A,a;b c;,1;2;3,0.5;2,true;false\n"
                "B,\"\",\"\",,\n");
  auto result = Run({n}, {});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  auto a = NodeWith("id", "A");
  EXPECT_EQ(a.properties.at("tags"), storage::PropertyValue(storage::PropertyList{"a", "b c", ""}));
  EXPECT_EQ(a.properties.at("nums"),
            storage::PropertyValue(storage::PropertyList{int64_t{1}, int64_t{2}, int64_t{3}}));
  EXPECT_EQ(a.properties.at("ws"), storage::PropertyValue(storage::PropertyList{0.5, 2.0}));
  EXPECT_EQ(a.properties.at("fs"), storage::PropertyValue(storage::PropertyList{true, false}));
  auto b = NodeWith("id", "B");
  EXPECT_EQ(b.properties.at("tags"), storage::PropertyValue(storage::PropertyList{}));
  EXPECT_EQ(b.properties.at("nums"), storage::PropertyValue(storage::PropertyList{}));
  EXPECT_EQ(b.properties.count("ws"), 0u);
}

TEST_F(ImportTest, BadArrayElement) {
  auto bad = File("bad.csv", "id:ID,nums:int[]\nC,1;x;3\n");
  ExpectFailure(
      Run({bad}, {}),
      bad + ":2:3: expected an integer for each element of column 'nums:int[]', found 'x'");
}

TEST_F(ImportTest, IdSpacesAndDefaultType) {
  auto companies = File("c.csv", "id:ID(Company),name\n1,Acme\n2,Globex\n");
  auto people = File("p.csv", ":ID(Person),name\n1,Ann\n");
  auto works = File("w.csv", ":START_ID(Person),:END_ID(Company),since:int\n1,2,2001\n");
  auto result = Run({"Company=" + companies, "Person=" + people}, {"WORKS_AT=" + works});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->nodes, 3u);
  EXPECT_EQ(result->rels, 1u);
  auto ann = NodeWith("name", "Ann");
  EXPECT_EQ(ann.properties.count("id"), 0u);  // unnamed :ID column: no property
  auto globex = NodeWith("name", "Globex");
  EXPECT_EQ(globex.properties.at("id"), storage::PropertyValue("2"));
  auto txn = store_->BeginRead();
  auto it = txn->ScanRels(std::nullopt);
  storage::RelRecord rel;
  ASSERT_TRUE(it->Next(&rel));
  EXPECT_EQ(rel.src, ann.id);
  EXPECT_EQ(rel.dst, globex.id);
  EXPECT_EQ(rel.type, "WORKS_AT");
  EXPECT_EQ(rel.properties.at("since"), storage::PropertyValue(int64_t{2001}));
  // An id of one space is unknown in another.
  auto bad = File("bad.csv", ":START_ID(Company),:END_ID(Person),:TYPE\n2,2,EMPLOYS\n");
  auto failed = Run({companies, people}, {bad});
  ASSERT_FALSE(failed.ok());
}

TEST_F(ImportTest, UnknownIdInIdSpaceMessage) {
  auto companies = File("c.csv", ":ID(Company)\n1\n");
  auto people = File("p.csv", ":ID(Person)\n7\n");
  auto bad = File("bad.csv", ":START_ID(Company),:END_ID(Person),:TYPE\n1,1,EMPLOYS\n");
  ExpectFailure(Run({companies, people}, {bad}),
                bad +
                    ":2:3: unknown node id '1' in ID space 'Person' in column ':END_ID(Person)' "
                    "(expected an id defined in a node file)");
}

TEST_F(ImportTest, OtherDelimiters) {
  auto n = File("n.tsv", "id:ID\tname\ttags:string[]\nA\tx,y\tp|q\n");
  ImportOptions options;
  options.delimiter = '\t';
  options.array_delimiter = '|';
  auto result = Run({n}, {}, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  auto a = NodeWith("id", "A");
  EXPECT_EQ(a.properties.at("name"), storage::PropertyValue("x,y"));
  EXPECT_EQ(a.properties.at("tags"), storage::PropertyValue(storage::PropertyList{"p", "q"}));
}

// ---- JSON Lines --------------------------------------------------------------

TEST_F(ImportTest, JsonLines) {
  auto f = File("g.jsonl",
                "{\"type\":\"node\",\"id\":\"C1\",\"labels\":[\"Company\"],\"properties\":"
                "{\"name\":\"Alibaba\",\"founded\":1999,\"cap\":1.5,\"public\":true,"
                "\"tags\":[\"a\",\"b\"],\"gone\":null}}\n"
                "\n"
                "{\"type\":\"relationship\",\"start\":\"C1\",\"end\":2,\"label\":\"ACQUIRED\","
                "\"properties\":{\"year\":2016}}\n"
                "{\"type\":\"node\",\"id\":2,\"labels\":[\"Company\",\"Startup\"]}\n");
  auto result = Run({f}, {});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->nodes, 2u);
  EXPECT_EQ(result->rels, 1u);
  auto c1 = NodeWith("name", "Alibaba");
  EXPECT_EQ(c1.labels, (std::vector<std::string>{"Company"}));
  EXPECT_EQ(c1.properties.at("founded"), storage::PropertyValue(int64_t{1999}));
  EXPECT_EQ(c1.properties.at("cap"), storage::PropertyValue(1.5));
  EXPECT_EQ(c1.properties.at("public"), storage::PropertyValue(true));
  EXPECT_EQ(c1.properties.count("gone"), 0u);
  EXPECT_EQ(c1.properties.count("id"), 0u);
}

TEST_F(ImportTest, JsonLinesErrors) {
  auto f = File("g.jsonl", "{\"type\":\"node\",\"id\":\"A\"}\n{\"type\":\"node\",\"id\": }\n");
  ExpectFailure(Run({f}, {}),
                f + ":2:22: invalid JSON: syntax error while parsing value - unexpected '}'; "
                    "expected '[', '{', or a literal");
  auto g = File("h.jsonl",
                "{\"type\":\"node\",\"id\":\"A\"}\n"
                "{\"type\":\"relationship\",\"start\":\"A\",\"end\":\"B\",\"label\":\"T\"}\n");
  ExpectFailure(Run({g}, {}),
                g + ":2:1: unknown node id 'B' in \"end\" (expected an id defined by a node line)");
  auto h = File("i.jsonl", "{\"type\":\"node\",\"id\":\"A\",\"properties\":{\"o\":{\"x\":1}}}\n");
  ExpectFailure(Run({h}, {}),
                h + ":1:1: property 'o': expected a scalar or a list, found a object value");
  auto p = File("p.jsonl",
                "{\"type\":\"node\",\"id\":\"A\"}\n"
                "{\"type\":\"relationship\",\"start\":\"A\",\"end\":\"A\",\"label\":\"T\","
                "\"properties\":[1]}\n");
  ExpectFailure(Run({p}, {}), p + ":2:1: expected \"properties\" to be an object");
  auto k = File("k.jsonl", "{\"type\":\"node\",\"id\":\"A\"}\n{\"type\":\"node\",\"id\":\"A\"}\n");
  ExpectFailure(Run({k}, {}), k + ":2:1: duplicate node id 'A' (expected ids to be unique)");
}

TEST_F(ImportTest, JsonLinesSkipBadRows) {
  auto f = File("g.jsonl",
                "{\"type\":\"node\",\"id\":\"A\"}\n"
                "not json\n"
                "{\"type\":\"relationship\",\"start\":\"A\",\"end\":\"A\",\"label\":\"T\"}\n"
                "{\"type\":\"relationship\",\"start\":\"A\",\"end\":\"Q\",\"label\":\"T\"}\n");
  ImportOptions options;
  options.skip_bad_rows = 2;
  auto result = Run({f}, {}, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->nodes, 1u);
  EXPECT_EQ(result->rels, 1u);
  EXPECT_EQ(result->bad_rows_skipped, 2u);
  std::string report = ReadFile(result->bad_rows_report);
  EXPECT_EQ(report.rfind(f + ":2:2: invalid JSON: syntax error", 0), 0u) << report;
  EXPECT_NE(report.find(f + ":4:1: unknown node id 'Q'"), std::string::npos) << report;
}

// Random bytes from a CSV-ish alphabet never crash the importer: it either
// loads the rows or fails with a located error and an unchanged store.
TEST_F(ImportTest, RandomInputNeverCrashes) {
  const std::string alphabet[] = {",",        "\"",   "\n", "\r\n", ";",     "a", "1",
                                  "\xC3\xA9", "\xFF", "",   " ",    "x:int", "C"};
  uint64_t seed = 42;
  auto next = [&] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(seed >> 33);
  };
  for (int round = 0; round < 150; ++round) {
    std::string nodes = round % 2 == 0 ? "id:ID,name,n:int,t:string[]\n" : "";
    std::string rels = ":START_ID,:END_ID,:TYPE,w:float\n";
    for (int piece = 0; piece < 40; ++piece) nodes += alphabet[next() % std::size(alphabet)];
    for (int piece = 0; piece < 30; ++piece) rels += alphabet[next() % std::size(alphabet)];
    auto n = File("n.csv", nodes);
    auto r = File("r.csv", rels);
    ImportOptions options;
    options.skip_bad_rows = round % 3;
    auto before = store_->BeginRead()->Counts();
    auto result = Run({n}, {r}, options);
    auto after = store_->BeginRead()->Counts();
    if (!result.ok()) {
      EXPECT_EQ(after.nodes, before.nodes);
      EXPECT_EQ(after.relationships, before.relationships);
      const std::string& message = result.status().message();
      EXPECT_TRUE(message.rfind(n + ":", 0) == 0 || message.rfind(r + ":", 0) == 0) << message;
    } else {
      EXPECT_EQ(after.nodes, before.nodes + result->nodes);
    }
  }
  EXPECT_TRUE(store_->Check().ok());
}

}  // namespace
}  // namespace ecograph::graph::io
