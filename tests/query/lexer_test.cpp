// Lexer and statement-splitter tests.
#include "query/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/engine.h"

namespace ecograph::query {
namespace {

// Renders tokens as "kind:text" joined by spaces (kinds abbreviated).
std::string Render(const std::string& text) {
  std::string out;
  for (const Token& token : Lex(text)) {
    if (token.kind == TokenKind::kEnd) break;
    if (!out.empty()) out += " ";
    switch (token.kind) {
      case TokenKind::kIdentifier:
        out += (token.quoted ? "Q:" : "I:") + token.text;
        break;
      case TokenKind::kInteger:
        out += "N:" + token.text;
        break;
      case TokenKind::kFloat:
        out += "F:" + token.text;
        break;
      case TokenKind::kString:
        out += "S:" + token.text;
        break;
      case TokenKind::kParameter:
        out += "P:" + token.text;
        break;
      default:
        out += text.substr(token.span.offset, token.span.length);
        break;
    }
  }
  return out;
}

std::string LexError(const std::string& text) {
  try {
    Lex(text);
  } catch (const QueryError& error) {
    std::string formatted = FormatError(error, text);
    return formatted.substr(0, formatted.find('\n'));
  }
  return "no error";
}

TEST(LexerTest, Punctuation) {
  EXPECT_EQ(Render("()[]{},.:;|+-*/%^"), "( ) [ ] { } , . : ; | + - * / % ^");
  EXPECT_EQ(Render("= <> != < <= > >= =~ += .."), "= <> != < <= > >= =~ += ..");
  EXPECT_EQ(Render("(a)-->(b)<--(c)-[r]->(d)"),
            "( I:a ) - - > ( I:b ) < - - ( I:c ) - [ I:r ] - > ( I:d )");
}

TEST(LexerTest, Numbers) {
  EXPECT_EQ(Render(".5 1 0x1F 0o17 1.5 1e3 1.5E-3 1E+2"),
            "F:.5 N:1 N:0x1F N:0o17 F:1.5 F:1e3 F:1.5E-3 F:1E+2");
  EXPECT_EQ(Render("*1..3"), "* N:1 .. N:3");
  EXPECT_EQ(Render("l[1..2]"), "I:l [ N:1 .. N:2 ]");
  EXPECT_EQ(Render("n.x"), "I:n . I:x");
}

TEST(LexerTest, StringsAndEscapes) {
  EXPECT_EQ(Render(R"('a\'b' "c\"d" '\\' '\n\t\r\b\f')"), "S:a'b S:c\"d S:\\ S:\n\t\r\b\f");
  EXPECT_EQ(Render(R"('\u00e9\U0001F600')"), "S:\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(Render("'it''s'"), "S:it S:s");
  EXPECT_EQ(Render("'日本'"), "S:日本");
}

TEST(LexerTest, IdentifiersAndParameters) {
  EXPECT_EQ(Render("abc _x a1 `a b` `a``b` $p $0 $`x y` naïve"),
            "I:abc I:_x I:a1 Q:a b Q:a`b P:p P:0 P:x y I:naïve");
}

TEST(LexerTest, CommentsAreSkipped) {
  EXPECT_EQ(Render("a // x\nb /* y\n z */ c"), "I:a I:b I:c");
  EXPECT_EQ(Render("'//not a comment' '/*'"), "S://not a comment S:/*");
}

TEST(LexerTest, Errors) {
  EXPECT_EQ(LexError("RETURN 'abc"), "1:8: unterminated string literal");
  EXPECT_EQ(LexError("RETURN \"abc\\\""), "1:8: unterminated string literal");
  EXPECT_EQ(LexError("RETURN /* x"), "1:8: unterminated comment");
  EXPECT_EQ(LexError("RETURN `x"), "1:8: unterminated quoted identifier");
  EXPECT_EQ(LexError("RETURN ``"), "1:8: empty quoted identifier");
  EXPECT_EQ(LexError("RETURN '\\x'"), "1:9: invalid escape sequence '\\x' in string");
  EXPECT_EQ(LexError("RETURN '\\u12'"), "1:9: invalid unicode escape: expected 4 hex digits");
  EXPECT_EQ(LexError("RETURN '\\uD800'"), "1:9: invalid unicode escape: code point out of range");
  EXPECT_EQ(LexError("RETURN '\\U00110000'"),
            "1:9: invalid unicode escape: code point out of range");
  EXPECT_EQ(LexError("RETURN 1abc"), "1:8: invalid number literal '1abc'");
  EXPECT_EQ(LexError("RETURN 0x"), "1:8: invalid hexadecimal integer literal '0x'");
  EXPECT_EQ(LexError("RETURN 0o9"), "1:8: invalid octal integer literal '0o9'");
  EXPECT_EQ(LexError("RETURN $"), "1:8: expected a parameter name after '$'");
  EXPECT_EQ(LexError("RETURN #"), "1:8: unexpected character '#'");
  EXPECT_EQ(LexError("RETURN 'a\xFF'"), "1:10: invalid UTF-8 byte in query text");
  EXPECT_EQ(LexError("RETURN \xC0\x80"), "1:8: invalid UTF-8 byte in query text");
  EXPECT_EQ(LexError("RETURN \xED\xA0\x80"), "1:8: invalid UTF-8 byte in query text");
  EXPECT_EQ(LexError(std::string("RETURN \0", 8)), "1:8: NUL character in query text");
  EXPECT_EQ(LexError("RETURN '\xE6\x97"), "1:9: invalid UTF-8 byte in query text");
}

TEST(LexerTest, SpansAreByteOffsets) {
  std::vector<Token> tokens = Lex("é = 'x'");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].span.offset, 0u);
  EXPECT_EQ(tokens[0].span.length, 2u);
  EXPECT_EQ(tokens[1].span.offset, 3u);
  EXPECT_EQ(tokens[2].span.offset, 5u);
  EXPECT_EQ(tokens[2].span.length, 3u);
  EXPECT_EQ(tokens[3].kind, TokenKind::kEnd);
}

TEST(StatementSplitterTest, SplitsOnSemicolonsOutsideStringsAndComments) {
  std::vector<std::string> expected = {"CREATE (n {s: 'a;b'})", "RETURN \"x;\" AS `c;d`",
                                       "MATCH (n) // ;\nRETURN n"};
  EXPECT_EQ(QueryEngine::SplitStatements(
                "CREATE (n {s: 'a;b'});\n RETURN \"x;\" AS `c;d` ;MATCH (n) // ;\nRETURN n;"),
            expected);
}

TEST(StatementSplitterTest, DropsEmptyAndCommentOnlyStatements) {
  std::vector<std::string> expected = {"RETURN 1", "RETURN 2"};
  EXPECT_EQ(QueryEngine::SplitStatements(";; RETURN 1 ; /* c; */ ; // x\n; RETURN 2"), expected);
  EXPECT_TRUE(QueryEngine::SplitStatements("").empty());
  EXPECT_TRUE(QueryEngine::SplitStatements(" ; \n ;").empty());
}

TEST(StatementSplitterTest, EscapedQuotesAndUnterminatedText) {
  std::vector<std::string> expected = {"RETURN 'a\\';b'", "RETURN 'open;"};
  EXPECT_EQ(QueryEngine::SplitStatements("RETURN 'a\\';b'; RETURN 'open;"), expected);
}

}  // namespace
}  // namespace ecograph::query
