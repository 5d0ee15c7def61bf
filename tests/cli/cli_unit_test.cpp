// Unit tests of the command line's own pieces: SHA-256, the bench checksum,
// --param typing, output formats, display widths, statement completion.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/bench_command.h"
#include "cli/checksum.h"
#include "cli/cli_error.h"
#include "cli/command_line.h"
#include "cli/line_input.h"
#include "cli/repl.h"
#include "cli/result_printer.h"
#include "cli/sha256.h"
#include "cli/value_json.h"

namespace ecograph::cli {
namespace {

using query::Value;

TEST(Sha256Test, KnownVectors) {
  // Digests from `printf ... | sha256sum`.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  std::string million(1000000, 'a');
  EXPECT_EQ(Sha256Hex(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths around the padding boundary (printf | sha256sum).
  EXPECT_EQ(Sha256Hex(std::string(55, 'x')),
            "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
  EXPECT_EQ(Sha256Hex(std::string(56, 'x')),
            "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
  EXPECT_EQ(Sha256Hex(std::string(63, 'x')),
            "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2");
  EXPECT_EQ(Sha256Hex(std::string(64, 'x')),
            "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
}

TEST(Sha256Test, IncrementalMatchesOneShot) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
  for (size_t split : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 128u, 299u}) {
    Sha256 hash;
    hash.Update(std::string_view(text).substr(0, split));
    hash.Update(std::string_view(text).substr(split));
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (uint8_t byte : hash.Finish()) {
      hex += kHex[byte >> 4];
      hex += kHex[byte & 15];
    }
    EXPECT_EQ(hex, Sha256Hex(text)) << split;
  }
}

TEST(ChecksumTest, CanonicalText) {
  EXPECT_EQ(CanonicalText(Value::Null()), "\\N");
  EXPECT_EQ(CanonicalText(Value::Bool(true)), "true");
  EXPECT_EQ(CanonicalText(Value::Int(-42)), "-42");
  EXPECT_EQ(CanonicalText(Value::Float(5.0)), "5");
  EXPECT_EQ(CanonicalText(Value::Float(0.55)), "0.55");
  EXPECT_EQ(CanonicalText(Value::Float(1.0 / 3)), "0.333333");
  EXPECT_EQ(CanonicalText(Value::Float(2.5e6 + 0.25)), "2500000.25");
  EXPECT_EQ(CanonicalText(Value::Float(-0.0000001)), "0");
  EXPECT_EQ(CanonicalText(Value::String("Ürün")), "Ürün");
  EXPECT_EQ(CanonicalText(Value::List({Value::Int(1), Value::Float(2.5), Value::Null()})),
            "[1,2.5,\\N]");
}

TEST(ChecksumTest, MatchesPythonRule) {
  // python3: hashlib.sha256(b"a\t1\nb\t2\n").hexdigest()[:16]
  std::vector<std::vector<Value>> rows = {{Value::String("b"), Value::Int(2)},
                                          {Value::String("a"), Value::Float(1.0)}};
  EXPECT_EQ(ResultChecksum(rows, {}, /*ordered=*/false), "6d2d1bd0abaed39e");
  EXPECT_EQ(ResultChecksum(rows, {}, /*ordered=*/true), Sha256Hex("b\t2\na\t1\n").substr(0, 16));
  EXPECT_EQ(ResultChecksum(rows, {0}, false), Sha256Hex("a\nb\n").substr(0, 16));
  EXPECT_EQ(ResultChecksum({}, {}, false), Sha256Hex("").substr(0, 16));
  EXPECT_EQ(ResultChecksum({}, {}, false), "e3b0c44298fc1c14");
}

TEST(ParamTest, Typing) {
  EXPECT_EQ(ParseParamValue("42").type(), query::ValueType::kInt);
  EXPECT_EQ(ParseParamValue("-7").as_int(), -7);
  EXPECT_EQ(ParseParamValue("2.5").type(), query::ValueType::kFloat);
  EXPECT_EQ(ParseParamValue("1e3").as_float(), 1000.0);
  EXPECT_TRUE(ParseParamValue("true").as_bool());
  EXPECT_FALSE(ParseParamValue("false").as_bool());
  EXPECT_TRUE(ParseParamValue("null").is_null());
  EXPECT_EQ(ParseParamValue("Trendyol").as_string(), "Trendyol");
  EXPECT_EQ(ParseParamValue("\"42\"").as_string(), "42");
  EXPECT_EQ(ParseParamValue("").as_string(), "");
  EXPECT_EQ(ParseParamValue("1-2").as_string(), "1-2");
  Value list = ParseParamValue("[1, \"a\", [true]]");
  ASSERT_EQ(list.type(), query::ValueType::kList);
  EXPECT_EQ(list.as_list().size(), 3u);
  Value map = ParseParamValue("{\"k\": 1.5}");
  ASSERT_EQ(map.type(), query::ValueType::kMap);
  EXPECT_EQ(map.as_map().at("k").as_float(), 1.5);
  EXPECT_EQ(ParseParamValue("[not json").as_string(), "[not json");
  auto [name, value] = ParseParamAssignment("year=2016");
  EXPECT_EQ(name, "year");
  EXPECT_EQ(value.as_int(), 2016);
  EXPECT_EQ(ParseParamAssignment("q=a=b").second.as_string(), "a=b");
  EXPECT_THROW(ParseParamAssignment("=1"), CliError);
  EXPECT_THROW(ParseParamAssignment("novalue"), CliError);
}

TEST(PrinterTest, DisplayWidthAndTruncation) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("阿里巴巴"), 8u);
  EXPECT_EQ(DisplayWidth("Türkiye"), 7u);
  EXPECT_EQ(TruncateToWidth("abcdef", 4), "abc\u2026");
  EXPECT_EQ(TruncateToWidth("abc", 4), "abc");
  EXPECT_EQ(TruncateToWidth("阿里巴巴", 5), "阿里\u2026");
  EXPECT_EQ(DisplayWidth(TruncateToWidth("阿里巴巴", 5)), 5u);
}

query::QueryResult SampleResult() {
  query::QueryResult result;
  result.columns = {"name", "n", "note"};
  result.rows.push_back({Value::String("Trendyol"), Value::Int(1), Value::String("a,b")});
  result.rows.push_back({Value::String("Daraz \"PK\""), Value::Float(2.5), Value::Null()});
  return result;
}

std::string Print(const query::QueryResult& result, OutputFormat format, size_t width = 0) {
  PrintOptions options;
  options.format = format;
  options.max_width = width;
  std::ostringstream out, info;
  PrintResult(result, options, out, info);
  return out.str();
}

TEST(PrinterTest, Csv) {
  EXPECT_EQ(Print(SampleResult(), OutputFormat::kCsv),
            "name,n,note\r\nTrendyol,1,\"a,b\"\r\n\"Daraz \"\"PK\"\"\",2.5,\r\n");
}

TEST(PrinterTest, Tsv) {
  EXPECT_EQ(Print(SampleResult(), OutputFormat::kTsv),
            "name\tn\tnote\nTrendyol\t1\ta,b\nDaraz \"PK\"\t2.5\t\n");
}

TEST(PrinterTest, JsonAndJsonl) {
  EXPECT_EQ(Print(SampleResult(), OutputFormat::kJsonl),
            "{\"name\":\"Trendyol\",\"n\":1,\"note\":\"a,b\"}\n"
            "{\"name\":\"Daraz \\\"PK\\\"\",\"n\":2.5,\"note\":null}\n");
  auto parsed = nlohmann::json::parse(Print(SampleResult(), OutputFormat::kJson));
  ASSERT_TRUE(parsed.is_array());
  EXPECT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0]["name"], "Trendyol");
  query::QueryResult empty;
  empty.columns = {"x"};
  EXPECT_EQ(Print(empty, OutputFormat::kJson), "[]\n");
}

TEST(PrinterTest, JsonNode) {
  query::NodeValue node;
  node.id = 7;
  node.labels = {"Company"};
  node.properties["name"] = storage::PropertyValue("Lazada");
  query::QueryResult result;
  result.columns = {"c"};
  result.rows.push_back({Value::Node(node)});
  auto line = nlohmann::json::parse(Print(result, OutputFormat::kJsonl));
  EXPECT_EQ(line["c"]["id"], 7);
  EXPECT_EQ(line["c"]["labels"][0], "Company");
  EXPECT_EQ(line["c"]["properties"]["name"], "Lazada");
}

TEST(PrinterTest, Markdown) {
  std::string text = Print(SampleResult(), OutputFormat::kMarkdown);
  EXPECT_NE(text.find("| name | n | note |\n| --- | --- | --- |\n"), std::string::npos);
  EXPECT_NE(text.find("'Trendyol'"), std::string::npos);
}

TEST(PrinterTest, TableFitsWidth) {
  query::QueryResult result;
  result.columns = {"id", "description"};
  result.rows.push_back({Value::Int(1), Value::String(std::string(200, 'x'))});
  std::string text = Print(result, OutputFormat::kTable, 40);
  std::istringstream lines(text);
  std::string line;
  int table_lines = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("1 row", 0) == 0) continue;
    EXPECT_LE(DisplayWidth(line), 40u) << line;
    ++table_lines;
  }
  EXPECT_EQ(table_lines, 5);
  EXPECT_NE(text.find("\u2026"), std::string::npos);
  EXPECT_NE(text.find("\u250c"), std::string::npos);
  EXPECT_NE(text.find("1 row\n"), std::string::npos);
}

TEST(ReplTest, StatementComplete) {
  EXPECT_TRUE(StatementComplete("RETURN 1;"));
  EXPECT_TRUE(StatementComplete("MATCH (n)\nRETURN n;  "));
  EXPECT_FALSE(StatementComplete("MATCH (n)"));
  EXPECT_FALSE(StatementComplete("RETURN 'a;"));
  EXPECT_FALSE(StatementComplete("RETURN 'a;'"));
  EXPECT_TRUE(StatementComplete("RETURN 'a;';"));
  EXPECT_FALSE(StatementComplete("RETURN 1 // done;"));
  EXPECT_FALSE(StatementComplete("RETURN 1; /* more"));
  EXPECT_TRUE(StatementComplete("RETURN \"it\\\"s\";"));
}

TEST(CommandLineTest, YearRangesAndLists) {
  std::optional<int64_t> from, to;
  ParseYearRange("2014..2021", &from, &to);
  EXPECT_EQ(*from, 2014);
  EXPECT_EQ(*to, 2021);
  from.reset();
  to.reset();
  ParseYearRange("2016..", &from, &to);
  EXPECT_EQ(*from, 2016);
  EXPECT_FALSE(to.has_value());
  EXPECT_THROW(ParseYearRange("2020..2010", &from, &to), CliError);
  EXPECT_THROW(ParseYearRange("abc", &from, &to), CliError);
  EXPECT_EQ(SplitList("Q1, Q3,,Q10 "), (std::vector<std::string>{"Q1", "Q3", "Q10"}));
}

TEST(BenchTest, Parameters) {
  auto queries = nlohmann::json::parse(R"({
    "parameters": {"from_year": {"value": 2010}, "hub": {"derived": "x"}},
    "queries": [{"id": "Q1", "cypher": "RETURN $hub", "params": ["hub"], "compare": "ordered",
                 "checksum_columns": [0], "optional": true}]})");
  auto params = nlohmann::json::parse(R"({"hub": "C1", "_note": "x", "from_year": 2011})");
  query::Params merged = BenchParameters(queries, params);
  EXPECT_EQ(merged.at("hub").as_string(), "C1");
  EXPECT_EQ(merged.at("from_year").as_int(), 2011);
  EXPECT_EQ(merged.count("_note"), 0u);
  auto parsed = ParseBenchQueries(queries);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_TRUE(parsed[0].ordered);
  EXPECT_TRUE(parsed[0].optional);
  EXPECT_EQ(parsed[0].checksum_columns, std::vector<int>{0});
}

// After a resize the REPL clears from the line's first row only when the
// cursor's reported column is where re-wrapping puts the line's end.
TEST(LineInputTest, RowsAboveWrappedLineEnd) {
  // 104 columns re-wrapped at 60: the end is on the second row, column 45.
  EXPECT_EQ(RowsAboveWrappedLineEnd(104, 60, 45), 1);
  EXPECT_EQ(RowsAboveWrappedLineEnd(104, 150, 105), 0);  // wider: one row
  EXPECT_EQ(RowsAboveWrappedLineEnd(250, 60, 11), 4);
  // The terminal did not re-wrap (the cursor stayed at the last column), or
  // did not answer: nothing is cleared.
  EXPECT_EQ(RowsAboveWrappedLineEnd(104, 60, 60), -1);
  EXPECT_EQ(RowsAboveWrappedLineEnd(104, 60, -1), -1);
  // Ending exactly at the margin is ambiguous (pending wrap).
  EXPECT_EQ(RowsAboveWrappedLineEnd(120, 60, 1), -1);
  EXPECT_EQ(RowsAboveWrappedLineEnd(10, 0, 11), -1);
}

}  // namespace
}  // namespace ecograph::cli
