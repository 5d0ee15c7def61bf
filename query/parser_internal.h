#pragma once
// Recursive-descent parser over the token vector (internal to the parser
// files: parser.cpp for statements and clauses, parser_expression.cpp,
// parser_pattern.cpp). Keywords are matched case-insensitively on
// unquoted identifier tokens. Every recursive entry point holds a DepthGuard,
// so nesting beyond kMaxNestingDepth is a syntax error, not a stack overflow.
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/parser.h"
#include "query/token.h"

namespace ecograph::query::parser_internal {

class Parser {
 public:
  explicit Parser(const std::string& text);

  Statement ParseStatement();

  // Parser state exposed to the per-area files.
  // ---- clauses (parser.cpp)
  SingleQuery ParseSingleQuery();
  ClausePtr ParseClause();
  ClausePtr ParseMatch();
  ClausePtr ParseUnwind();
  ClausePtr ParseWith();
  ClausePtr ParseReturn();
  ClausePtr ParseCreate();
  ClausePtr ParseMerge();
  ClausePtr ParseSet();
  ClausePtr ParseRemove();
  ClausePtr ParseDelete();
  ClausePtr ParseCall();
  ClausePtr ParseCreateIndex(size_t start_offset);
  ClausePtr ParseCreateConstraint(size_t start_offset);
  ClausePtr ParseDrop();
  void ParseProjectionBody(ProjectionBody* body, bool is_with);
  SetItem ParseSetItem();
  std::string ParseProcedureName();
  // MATCH and MERGE patterns take property maps, not a $parameter map.
  void RejectParameterMaps(const Pattern& pattern, const char* clause) const;

  // ---- expressions (parser_expression.cpp)
  ExprPtr ParseExpression();
  ExprPtr ParseOr();
  ExprPtr ParseXor();
  ExprPtr ParseAnd();
  ExprPtr ParseNot();
  ExprPtr ParseComparison();
  ExprPtr ParsePredicateSuffixes();
  ExprPtr ParseAdditive();
  ExprPtr ParseMultiplicative();
  ExprPtr ParsePower();
  ExprPtr ParseUnary();
  ExprPtr ParsePostfix();
  ExprPtr ParseAtom();
  ExprPtr ParseListLike();
  ExprPtr ParseMapLiteral();
  ExprPtr ParseCase();
  ExprPtr ParseFunctionOrSpecial();
  ExprPtr ParseMapProjection(ExprPtr variable);
  ExprPtr ParseIntegerLiteral(bool negate, size_t start_offset);
  ExprPtr ParseFloatLiteral(bool negate, size_t start_offset);

  // ---- patterns (parser_pattern.cpp)
  Pattern ParsePattern();
  PatternPart ParsePatternPart();
  void ParsePatternChain(PatternPart* part);
  NodePattern ParseNodePattern();
  RelPattern ParseRelPattern();
  ExprPtr ParseProperties();
  // True when the tokens at pos look like a relationship pattern start
  // ("-[", "--", "->", "<-").
  bool LooksLikeRelStart(size_t pos) const;
  // True when a parenthesised pattern with at least one relationship starts
  // at pos (cheap lookahead: no expressions are parsed).
  bool LooksLikePatternAt(size_t pos) const;
  // Index just past a balanced (...)/[...]/{...} group starting at pos, or
  // tokens_.size() when unbalanced.
  size_t SkipBalanced(size_t pos) const;

  // ---- token helpers
  const Token& Peek(size_t ahead = 0) const;
  const Token& Advance();
  bool At(TokenKind kind, size_t ahead = 0) const { return Peek(ahead).kind == kind; }
  bool AtKeyword(const char* keyword, size_t ahead = 0) const;
  bool AcceptKeyword(const char* keyword);
  bool Accept(TokenKind kind);
  const Token& Expect(TokenKind kind, const std::string& what);
  void ExpectKeyword(const char* keyword, const std::string& what);
  // "expected <what>, got '<tok>'" at the current token.
  [[noreturn]] void FailExpected(const std::string& what) const;
  // "<message>" at the current token.
  [[noreturn]] void FailHere(const std::string& message) const;
  [[noreturn]] void FailAt(const Token& token, const std::string& message) const;
  [[noreturn]] void NotSupported(const std::string& feature, const Token& token) const;
  std::string ParseSymbolicName(const std::string& what);
  std::string ParseLabelOrType(const std::string& what);
  bool AtSymbolicName() const;

  SourceSpan SpanFrom(size_t start_offset) const;
  size_t StartOffset() const { return Peek().span.offset; }
  std::string SourceText(size_t start_offset) const;

  struct DepthGuard {
    explicit DepthGuard(Parser* parser);
    ~DepthGuard() { --parser_->depth_; }
    Parser* parser_;
  };

  // Counts the links of a left-deep operator chain (a + b + c ...) as
  // nesting, so the AST stays shallow enough for recursive consumers.
  struct ChainGuard {
    explicit ChainGuard(Parser* parser) : parser_(parser), saved_(parser->depth_) {}
    ~ChainGuard() { parser_->depth_ = saved_; }
    void Step();
    Parser* parser_;
    int saved_;
  };

  const std::string& text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t last_end_ = 0;  // end offset of the last consumed token
  int depth_ = 0;
};

}  // namespace ecograph::query::parser_internal
