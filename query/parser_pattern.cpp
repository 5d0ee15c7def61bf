// Patterns: (a:L {k: v})-[r:T|U*1..3 {k: v}]->(b), comma-separated parts,
// named paths p = ..., shortestPath(...) / allShortestPaths(...).
#include "query/parser_internal.h"

namespace ecograph::query::parser_internal {

bool Parser::LooksLikeRelStart(size_t pos) const {
  auto kind = [&](size_t idx) { return tokens_[std::min(idx, tokens_.size() - 1)].kind; };
  if (kind(pos) == TokenKind::kMinus) {
    TokenKind next = kind(pos + 1);
    return next == TokenKind::kLBracket || next == TokenKind::kMinus;
  }
  return kind(pos) == TokenKind::kLt && kind(pos + 1) == TokenKind::kMinus;
}

size_t Parser::SkipBalanced(size_t pos) const {
  int depth = 0;
  for (size_t idx = pos; idx < tokens_.size(); ++idx) {
    switch (tokens_[idx].kind) {
      case TokenKind::kLParen:
      case TokenKind::kLBracket:
      case TokenKind::kLBrace:
        ++depth;
        break;
      case TokenKind::kRParen:
      case TokenKind::kRBracket:
      case TokenKind::kRBrace:
        if (--depth == 0) return idx + 1;
        if (depth < 0) return tokens_.size();
        break;
      case TokenKind::kEnd:
        return tokens_.size();
      default:
        break;
    }
  }
  return tokens_.size();
}

bool Parser::LooksLikePatternAt(size_t pos) const {
  if (pos >= tokens_.size() || tokens_[pos].kind != TokenKind::kLParen) return false;
  size_t idx = pos + 1;
  auto kind = [&](size_t at) { return tokens_[std::min(at, tokens_.size() - 1)].kind; };
  if (kind(idx) == TokenKind::kIdentifier) {
    if (kind(idx + 1) != TokenKind::kColon && kind(idx + 1) != TokenKind::kRParen &&
        kind(idx + 1) != TokenKind::kLBrace && kind(idx + 1) != TokenKind::kParameter) {
      return false;
    }
    ++idx;
  }
  while (kind(idx) == TokenKind::kColon && kind(idx + 1) == TokenKind::kIdentifier) idx += 2;
  if (kind(idx) == TokenKind::kLBrace) {
    idx = SkipBalanced(idx);
  } else if (kind(idx) == TokenKind::kParameter) {
    ++idx;
  }
  if (kind(idx) != TokenKind::kRParen) return false;
  return LooksLikeRelStart(idx + 1);
}

Pattern Parser::ParsePattern() {
  Pattern pattern;
  size_t start = StartOffset();
  do {
    pattern.parts.push_back(ParsePatternPart());
  } while (Accept(TokenKind::kComma));
  pattern.span = SpanFrom(start);
  return pattern;
}

PatternPart Parser::ParsePatternPart() {
  size_t start = StartOffset();
  PatternPart part;
  if (At(TokenKind::kIdentifier) && At(TokenKind::kEq, 1)) {
    part.path_variable = Advance().text;
    Advance();
  }
  bool shortest = AtKeyword("SHORTESTPATH") && At(TokenKind::kLParen, 1);
  bool all_shortest = AtKeyword("ALLSHORTESTPATHS") && At(TokenKind::kLParen, 1);
  if (shortest || all_shortest) {
    part.path_function = shortest ? PathFunction::kShortestPath : PathFunction::kAllShortestPaths;
    Advance();
    Advance();
    ParsePatternChain(&part);
    Expect(TokenKind::kRParen, std::string("')' to close ") +
                                   (shortest ? "shortestPath" : "allShortestPaths") + "(...)");
  } else {
    if (AtKeyword("SHORTEST") || AtKeyword("ANY") || AtKeyword("ALL")) {
      if (At(TokenKind::kLParen, 1) || At(TokenKind::kInteger, 1) || AtKeyword("SHORTEST", 1) ||
          AtKeyword("PATHS", 1) || AtKeyword("PATH", 1)) {
        NotSupported("path selectors (" + Peek().text + " ...)", Peek());
      }
    }
    ParsePatternChain(&part);
  }
  part.span = SpanFrom(start);
  return part;
}

void Parser::ParsePatternChain(PatternPart* part) {
  DepthGuard guard(this);
  part->nodes.push_back(ParseNodePattern());
  while (LooksLikeRelStart(pos_)) {
    part->rels.push_back(ParseRelPattern());
    if (At(TokenKind::kLBrace) || At(TokenKind::kPlus) ||
        (At(TokenKind::kStar) && !At(TokenKind::kLParen, 1))) {
      NotSupported("quantified path patterns", Peek());
    }
    if (!At(TokenKind::kLParen)) FailExpected("'(' to start a node pattern");
    part->nodes.push_back(ParseNodePattern());
  }
  if (At(TokenKind::kMinus) || At(TokenKind::kLt)) {
    if (At(TokenKind::kMinus) && At(TokenKind::kGt, 1)) {
      FailHere("expected '--', '-->' or '-[...]->' between node patterns");
    }
  }
}

ExprPtr Parser::ParseProperties() {
  if (At(TokenKind::kLBrace)) return ParseMapLiteral();
  if (At(TokenKind::kParameter)) {
    size_t start = StartOffset();
    auto expr = std::make_unique<Expr>(ExprKind::kParameter);
    expr->name = Advance().text;
    expr->span = SpanFrom(start);
    return expr;
  }
  return nullptr;
}

NodePattern Parser::ParseNodePattern() {
  size_t start = StartOffset();
  NodePattern node;
  Expect(TokenKind::kLParen, "'(' to start a node pattern");
  if (At(TokenKind::kLParen)) NotSupported("quantified path patterns", Peek());
  if (At(TokenKind::kIdentifier)) node.variable = Advance().text;
  while (Accept(TokenKind::kColon)) {
    node.labels.push_back(ParseLabelOrType("a label after ':'"));
  }
  if (At(TokenKind::kPipe) || (At(TokenKind::kIdentifier) && Peek().text == "&")) {
    NotSupported("label expressions", Peek());
  }
  node.properties = ParseProperties();
  if (AtKeyword("WHERE")) NotSupported("WHERE inside a node pattern", Peek());
  if (!At(TokenKind::kRParen)) FailHere("expected ')' to close node pattern");
  Advance();
  node.span = SpanFrom(start);
  return node;
}

RelPattern Parser::ParseRelPattern() {
  size_t start = StartOffset();
  RelPattern rel;
  bool left = Accept(TokenKind::kLt);
  Expect(TokenKind::kMinus, "'-' in a relationship pattern");
  if (Accept(TokenKind::kLBracket)) {
    if (At(TokenKind::kIdentifier)) rel.variable = Advance().text;
    if (Accept(TokenKind::kColon)) {
      rel.types.push_back(ParseLabelOrType("a relationship type after ':'"));
      while (Accept(TokenKind::kPipe)) {
        Accept(TokenKind::kColon);
        rel.types.push_back(ParseLabelOrType("a relationship type after '|'"));
      }
    }
    if (Accept(TokenKind::kStar)) {
      rel.variable_length = true;
      auto parse_bound = [&]() -> int64_t {
        const Token& token = Advance();
        int64_t value = 0;
        for (size_t idx = 0; idx < token.text.size(); ++idx) {
          char c = token.text[idx];
          if (c < '0' || c > '9') {
            FailAt(token, "expected a decimal number of hops, got '" + token.text + "'");
          }
          if (value > (INT64_MAX - (c - '0')) / 10) {
            FailAt(token, "integer literal is too large");
          }
          value = value * 10 + (c - '0');
        }
        return value;
      };
      if (At(TokenKind::kInteger)) rel.min_hops = parse_bound();
      if (Accept(TokenKind::kDotDot)) {
        if (At(TokenKind::kInteger)) rel.max_hops = parse_bound();
      } else if (rel.min_hops) {
        rel.max_hops = rel.min_hops;
      }
    }
    rel.properties = ParseProperties();
    if (AtKeyword("WHERE")) NotSupported("WHERE inside a relationship pattern", Peek());
    if (!At(TokenKind::kRBracket)) FailHere("expected ']' to close relationship pattern");
    Advance();
  }
  Expect(TokenKind::kMinus, "'-' to finish the relationship pattern");
  bool right = Accept(TokenKind::kGt);
  rel.direction = (left == right) ? RelDirection::kUndirected
                  : left          ? RelDirection::kRightToLeft
                                  : RelDirection::kLeftToRight;
  rel.span = SpanFrom(start);
  return rel;
}

}  // namespace ecograph::query::parser_internal
