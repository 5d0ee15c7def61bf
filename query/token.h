#pragma once
// Token: one lexeme of query text with its source span. Keywords are not
// separate kinds: they are kIdentifier tokens the parser matches
// case-insensitively (a backtick-quoted identifier never matches a keyword).
#include <cstdint>
#include <string>

#include "query/query_error.h"

namespace ecograph::query {

enum class TokenKind {
  kEnd,
  kIdentifier,  // text = the name (unquoted for `backticked` names)
  kInteger,     // text = the digits as written (0x.., 0o.. included)
  kFloat,       // text = as written
  kString,      // text = unescaped contents
  kParameter,   // $name or $0: text = name
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kComma,
  kDot,
  kDotDot,
  kColon,
  kSemicolon,
  kPipe,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kCaret,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kRegexMatch,
  kPlusEq,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  SourceSpan span;
  bool quoted = false;  // identifier written in backticks
};

// Human-readable form of a token for "got '...'" in error messages.
std::string DescribeToken(const Token& token, const std::string& source);

}  // namespace ecograph::query
