// Expressions, by openCypher precedence (loosest first): OR, XOR, AND, NOT,
// comparison (chained), string/list/null predicates (IN, STARTS WITH, ENDS
// WITH, CONTAINS, =~, IS [NOT] NULL), + -, * / %, ^ (left-associative),
// unary + -, postfix (.key, [i], [a..b], :Label), atoms.
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>

#include "query/parser_internal.h"

namespace ecograph::query::parser_internal {
namespace {

ExprPtr MakeBinary(BinaryOp op, ExprPtr left, ExprPtr right, SourceSpan span) {
  auto expr = std::make_unique<Expr>(ExprKind::kBinary, span);
  expr->binary_op = op;
  expr->children.push_back(std::move(left));
  expr->children.push_back(std::move(right));
  return expr;
}

// A flat chain `t1 OP t2 OP ... tn` of an associative operator (AND, OR, XOR
// are associative in three-valued logic). Short chains stay left-deep; long
// ones become a balanced tree, so n terms nest only log2(n) deep and a long
// flat chain is not mistaken for deep nesting. `span` covers the whole chain.
ExprPtr MakeChain(BinaryOp op, std::vector<ExprPtr> operands, SourceSpan span) {
  constexpr size_t kLeftDeepUpTo = 16;
  if (operands.size() == 1) return std::move(operands[0]);
  std::function<ExprPtr(size_t, size_t)> build = [&](size_t lo, size_t hi) -> ExprPtr {
    if (hi - lo == 1) return std::move(operands[lo]);
    size_t mid = hi - lo <= kLeftDeepUpTo ? hi - 1 : lo + (hi - lo) / 2;
    ExprPtr left = build(lo, mid);
    ExprPtr right = build(mid, hi);
    SourceSpan inner;
    inner.valid = left->span.valid && right->span.valid;
    inner.offset = left->span.offset;
    inner.length = right->span.offset + right->span.length - left->span.offset;
    return MakeBinary(op, std::move(left), std::move(right), inner);
  };
  ExprPtr root = build(0, operands.size());
  root->span = span;
  return root;
}

// Left-associative arithmetic: a run of one precedence level (a + b - c ...,
// a * b / c % d, a ^ b ^ c) is one flat node with n children and n - 1 operators,
// evaluated left to right (the same result as the left-deep tree, without
// its depth). Only a change of precedence level nests. Precedence levels
// never mix in one node: ParseAdditive passes only + -, ParseMultiplicative
// only * / %, ParsePower only ^, and a chain of another level on the left is
// a child.
int Level(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
    case BinaryOp::kSubtract: return 0;
    case BinaryOp::kPower: return 2;
    default: return 1;
  }
}

bool SameLevel(BinaryOp a, BinaryOp b) { return Level(a) == Level(b); }

ExprPtr ExtendChain(BinaryOp op, ExprPtr left, ExprPtr right, SourceSpan span,
                    Parser::ChainGuard* guard) {
  if (left->kind == ExprKind::kBinary && left->flat_chain && SameLevel(left->binary_op, op)) {
    left->children.push_back(std::move(right));
    left->chain_ops.push_back(op);
    left->span = span;
    return left;
  }
  guard->Step();
  ExprPtr expr = MakeBinary(op, std::move(left), std::move(right), span);
  expr->flat_chain = true;
  expr->chain_ops.push_back(op);
  return expr;
}

// Words that end an expression or belong to clause syntax: never variables.
const char* const kReservedWords[] = {
    "MATCH",  "OPTIONAL", "WHERE",  "WITH",   "RETURN",   "CREATE",    "MERGE",      "SET",
    "REMOVE", "DELETE",   "DETACH", "UNWIND", "CALL",     "YIELD",     "UNION",      "ORDER",
    "SKIP",   "LIMIT",    "AND",    "OR",     "XOR",      "NOT",       "IN",         "STARTS",
    "ENDS",   "CONTAINS", "IS",     "AS",     "DISTINCT", "WHEN",      "THEN",       "ELSE",
    "END",    "ON",       "BY",     "ASC",    "DESC",     "ASCENDING", "DESCENDING",
};

}  // namespace

ExprPtr Parser::ParseExpression() {
  DepthGuard guard(this);
  return ParseOr();
}

ExprPtr Parser::ParseOr() {
  size_t start = StartOffset();
  std::vector<ExprPtr> operands;
  operands.push_back(ParseXor());
  while (AcceptKeyword("OR")) operands.push_back(ParseXor());
  return MakeChain(BinaryOp::kOr, std::move(operands), SpanFrom(start));
}

ExprPtr Parser::ParseXor() {
  size_t start = StartOffset();
  std::vector<ExprPtr> operands;
  operands.push_back(ParseAnd());
  while (AcceptKeyword("XOR")) operands.push_back(ParseAnd());
  return MakeChain(BinaryOp::kXor, std::move(operands), SpanFrom(start));
}

ExprPtr Parser::ParseAnd() {
  size_t start = StartOffset();
  std::vector<ExprPtr> operands;
  operands.push_back(ParseNot());
  while (AcceptKeyword("AND")) operands.push_back(ParseNot());
  return MakeChain(BinaryOp::kAnd, std::move(operands), SpanFrom(start));
}

ExprPtr Parser::ParseNot() {
  if (!AtKeyword("NOT")) return ParseComparison();
  DepthGuard guard(this);
  size_t start = StartOffset();
  Advance();
  ExprPtr operand = ParseNot();
  auto expr = std::make_unique<Expr>(ExprKind::kUnary, SpanFrom(start));
  expr->unary_op = UnaryOp::kNot;
  expr->children.push_back(std::move(operand));
  return expr;
}

ExprPtr Parser::ParseComparison() {
  // A comparison chain is one flat node (children + comparison_ops).
  size_t start = StartOffset();
  ExprPtr first = ParsePredicateSuffixes();
  std::unique_ptr<Expr> chain;
  while (true) {
    ComparisonOp op;
    switch (Peek().kind) {
      case TokenKind::kEq:
        op = ComparisonOp::kEq;
        break;
      case TokenKind::kNe:
        op = ComparisonOp::kNe;
        break;
      case TokenKind::kLt:
        op = ComparisonOp::kLt;
        break;
      case TokenKind::kLe:
        op = ComparisonOp::kLe;
        break;
      case TokenKind::kGt:
        op = ComparisonOp::kGt;
        break;
      case TokenKind::kGe:
        op = ComparisonOp::kGe;
        break;
      default:
        if (chain) chain->span = SpanFrom(start);
        return chain ? std::move(chain) : std::move(first);
    }
    Advance();
    if (!chain) {
      chain = std::make_unique<Expr>(ExprKind::kComparison);
      chain->children.push_back(std::move(first));
    }
    chain->comparison_ops.push_back(op);
    chain->children.push_back(ParsePredicateSuffixes());
  }
}

ExprPtr Parser::ParsePredicateSuffixes() {
  ChainGuard chain_guard(this);
  size_t start = StartOffset();
  ExprPtr left = ParseAdditive();
  while (true) {
    BinaryOp op;
    if (AtKeyword("STARTS")) {
      Advance();
      ExpectKeyword("WITH", "WITH after STARTS");
      op = BinaryOp::kStartsWith;
    } else if (AtKeyword("ENDS")) {
      Advance();
      ExpectKeyword("WITH", "WITH after ENDS");
      op = BinaryOp::kEndsWith;
    } else if (AtKeyword("CONTAINS")) {
      Advance();
      op = BinaryOp::kContains;
    } else if (AtKeyword("IN")) {
      Advance();
      op = BinaryOp::kIn;
    } else if (At(TokenKind::kRegexMatch)) {
      Advance();
      op = BinaryOp::kRegexMatch;
    } else if (AtKeyword("IS")) {
      Advance();
      bool negated = AcceptKeyword("NOT");
      if (!AtKeyword("NULL")) {
        if (At(TokenKind::kColon) || AtKeyword("TYPED"))
          NotSupported("type predicates (IS ::)", Peek());
        if (AtKeyword("NORMALIZED")) NotSupported("IS NORMALIZED", Peek());
        FailExpected(negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS");
      }
      Advance();
      chain_guard.Step();
      auto expr = std::make_unique<Expr>(ExprKind::kIsNull, SpanFrom(start));
      expr->negated = negated;
      expr->children.push_back(std::move(left));
      left = std::move(expr);
      continue;
    } else {
      return left;
    }
    chain_guard.Step();
    ExprPtr right = ParseAdditive();
    left = MakeBinary(op, std::move(left), std::move(right), SpanFrom(start));
  }
}

ExprPtr Parser::ParseAdditive() {
  ChainGuard chain_guard(this);
  size_t start = StartOffset();
  ExprPtr left = ParseMultiplicative();
  while (At(TokenKind::kPlus) || At(TokenKind::kMinus)) {
    BinaryOp op = At(TokenKind::kPlus) ? BinaryOp::kAdd : BinaryOp::kSubtract;
    Advance();
    ExprPtr right = ParseMultiplicative();
    left = ExtendChain(op, std::move(left), std::move(right), SpanFrom(start), &chain_guard);
  }
  return left;
}

ExprPtr Parser::ParseMultiplicative() {
  ChainGuard chain_guard(this);
  size_t start = StartOffset();
  ExprPtr left = ParsePower();
  while (At(TokenKind::kStar) || At(TokenKind::kSlash) || At(TokenKind::kPercent)) {
    BinaryOp op = At(TokenKind::kStar)    ? BinaryOp::kMultiply
                  : At(TokenKind::kSlash) ? BinaryOp::kDivide
                                          : BinaryOp::kModulo;
    Advance();
    ExprPtr right = ParsePower();
    left = ExtendChain(op, std::move(left), std::move(right), SpanFrom(start), &chain_guard);
  }
  return left;
}

ExprPtr Parser::ParsePower() {
  ChainGuard chain_guard(this);
  size_t start = StartOffset();
  ExprPtr left = ParseUnary();
  while (Accept(TokenKind::kCaret)) {
    ExprPtr right = ParseUnary();
    left = ExtendChain(BinaryOp::kPower, std::move(left), std::move(right), SpanFrom(start), &chain_guard);
  }
  return left;
}

ExprPtr Parser::ParseUnary() {
  if (!At(TokenKind::kMinus) && !At(TokenKind::kPlus)) return ParsePostfix();
  DepthGuard guard(this);
  size_t start = StartOffset();
  bool negate = At(TokenKind::kMinus);
  Advance();
  // A negative number literal is one literal, so -9223372036854775808 fits.
  if (negate && (At(TokenKind::kInteger) || At(TokenKind::kFloat)) && !At(TokenKind::kDot, 1) &&
      !At(TokenKind::kLBracket, 1)) {
    ExprPtr literal =
        At(TokenKind::kInteger) ? ParseIntegerLiteral(true, start) : ParseFloatLiteral(true, start);
    return literal;
  }
  ExprPtr operand = ParseUnary();
  auto expr = std::make_unique<Expr>(ExprKind::kUnary, SpanFrom(start));
  expr->unary_op = negate ? UnaryOp::kNegate : UnaryOp::kPlus;
  expr->children.push_back(std::move(operand));
  return expr;
}

ExprPtr Parser::ParseIntegerLiteral(bool negate, size_t start) {
  const Token& token = Advance();
  const std::string& digits = token.text;
  uint64_t base = 10;
  size_t begin = 0;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    begin = 2;
  } else if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'O')) {
    base = 8;
    begin = 2;
  }
  const uint64_t limit = negate ? (uint64_t{1} << 63) : (uint64_t{1} << 63) - 1;
  uint64_t value = 0;
  for (size_t idx = begin; idx < digits.size(); ++idx) {
    char c = digits[idx];
    uint64_t digit = (c >= '0' && c <= '9') ? static_cast<uint64_t>(c - '0')
                                            : static_cast<uint64_t>((c | 0x20) - 'a' + 10);
    if (value > (limit - digit) / base) {
      throw QueryError(ErrorKind::kSyntax, "integer literal is too large", SpanFrom(start));
    }
    value = value * base + digit;
  }
  auto expr = std::make_unique<Expr>(ExprKind::kLiteral, SpanFrom(start));
  expr->literal_kind = LiteralKind::kInt;
  expr->literal_int = negate ? static_cast<int64_t>(0 - value) : static_cast<int64_t>(value);
  return expr;
}

ExprPtr Parser::ParseFloatLiteral(bool negate, size_t start) {
  const Token& token = Advance();
  double value = 0;
  const char* begin = token.text.data();
  const char* end = begin + token.text.size();
  auto [ptr, error] = std::from_chars(begin, end, value);
  if (error == std::errc::result_out_of_range) {
    // Underflow to zero is fine; overflow is not.
    bool tiny = false;
    for (const char* c = begin; c < end; ++c) {
      if (*c == 'e' || *c == 'E') tiny = c[1] == '-';
    }
    if (!tiny) {
      throw QueryError(ErrorKind::kSyntax, "float literal is too large", SpanFrom(start));
    }
    value = 0;
  } else if (error != std::errc() || ptr != end || std::isinf(value)) {
    throw QueryError(ErrorKind::kSyntax, "invalid float literal '" + token.text + "'",
                     SpanFrom(start));
  }
  auto expr = std::make_unique<Expr>(ExprKind::kLiteral, SpanFrom(start));
  expr->literal_kind = LiteralKind::kFloat;
  expr->literal_float = negate ? -value : value;
  return expr;
}

ExprPtr Parser::ParsePostfix() {
  ChainGuard chain_guard(this);
  size_t start = StartOffset();
  ExprPtr expr = ParseAtom();
  while (true) {
    if (At(TokenKind::kDot) || At(TokenKind::kLBracket) || At(TokenKind::kColon)) {
      chain_guard.Step();
    }
    if (At(TokenKind::kDot)) {
      Advance();
      auto property = std::make_unique<Expr>(ExprKind::kProperty);
      property->name = ParseSymbolicName("a property key after '.'");
      property->children.push_back(std::move(expr));
      property->span = SpanFrom(start);
      expr = std::move(property);
    } else if (At(TokenKind::kLBracket)) {
      Advance();
      ExprPtr from, to;
      bool slice = false;
      if (!At(TokenKind::kDotDot)) from = ParseExpression();
      if (Accept(TokenKind::kDotDot)) {
        slice = true;
        if (!At(TokenKind::kRBracket)) to = ParseExpression();
      }
      Expect(TokenKind::kRBracket, slice ? "']' to close the slice" : "']' to close the index");
      if (slice) {
        auto slice_expr = std::make_unique<Expr>(ExprKind::kSlice, SpanFrom(start));
        slice_expr->children.push_back(std::move(expr));
        slice_expr->slice_from = std::move(from);
        slice_expr->slice_to = std::move(to);
        expr = std::move(slice_expr);
      } else {
        auto index = std::make_unique<Expr>(ExprKind::kIndex, SpanFrom(start));
        index->children.push_back(std::move(expr));
        index->children.push_back(std::move(from));
        expr = std::move(index);
      }
    } else if (At(TokenKind::kColon) && At(TokenKind::kIdentifier, 1)) {
      // n:A:B is the pattern predicate (n:A:B).
      if (expr->kind != ExprKind::kVariable) {
        NotSupported("label predicates on expressions other than variables", Peek());
      }
      NodePattern node;
      node.variable = expr->name;
      while (Accept(TokenKind::kColon)) node.labels.push_back(ParseLabelOrType("a label"));
      if (At(TokenKind::kPipe)) NotSupported("label expressions", Peek());
      node.span = SpanFrom(start);
      PatternPart part;
      part.span = node.span;
      part.nodes.push_back(std::move(node));
      auto predicate = std::make_unique<Expr>(ExprKind::kPatternPredicate, SpanFrom(start));
      predicate->pattern = std::make_unique<Pattern>();
      predicate->pattern->span = part.span;
      predicate->pattern->parts.push_back(std::move(part));
      expr = std::move(predicate);
    } else {
      return expr;
    }
  }
}

ExprPtr Parser::ParseAtom() {
  size_t start = StartOffset();
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kInteger:
      return ParseIntegerLiteral(false, start);
    case TokenKind::kFloat:
      return ParseFloatLiteral(false, start);
    case TokenKind::kString: {
      auto expr = std::make_unique<Expr>(ExprKind::kLiteral);
      expr->literal_kind = LiteralKind::kString;
      expr->literal_string = Advance().text;
      expr->span = SpanFrom(start);
      return expr;
    }
    case TokenKind::kParameter: {
      auto expr = std::make_unique<Expr>(ExprKind::kParameter);
      expr->name = Advance().text;
      expr->span = SpanFrom(start);
      return expr;
    }
    case TokenKind::kLParen: {
      if (LooksLikePatternAt(pos_)) {
        auto expr = std::make_unique<Expr>(ExprKind::kPatternPredicate);
        expr->pattern = std::make_unique<Pattern>();
        PatternPart part;
        ParsePatternChain(&part);
        part.span = SpanFrom(start);
        expr->pattern->parts.push_back(std::move(part));
        expr->pattern->span = SpanFrom(start);
        expr->span = SpanFrom(start);
        return expr;
      }
      Advance();
      ExprPtr inner = ParseExpression();
      Expect(TokenKind::kRParen, "')' to close the parenthesized expression");
      return inner;
    }
    case TokenKind::kLBracket:
      return ParseListLike();
    case TokenKind::kLBrace:
      return ParseMapLiteral();
    case TokenKind::kIdentifier:
      break;
    default:
      FailExpected("an expression");
  }
  if (!token.quoted) {
    if (AtKeyword("TRUE") || AtKeyword("FALSE")) {
      auto expr = std::make_unique<Expr>(ExprKind::kLiteral);
      expr->literal_kind = LiteralKind::kBool;
      expr->literal_bool = AtKeyword("TRUE");
      Advance();
      expr->span = SpanFrom(start);
      return expr;
    }
    if (AtKeyword("NULL")) {
      Advance();
      auto expr = std::make_unique<Expr>(ExprKind::kLiteral, SpanFrom(start));
      expr->literal_kind = LiteralKind::kNull;
      return expr;
    }
    if (AtKeyword("CASE")) return ParseCase();
    if (At(TokenKind::kLParen, 1) || At(TokenKind::kLBrace, 1) || At(TokenKind::kDot, 1)) {
      if (ExprPtr special = ParseFunctionOrSpecial()) return special;
    }
    for (const char* word : kReservedWords) {
      if (AtKeyword(word)) FailExpected("an expression");
    }
  }
  if (At(TokenKind::kLParen, 1) || At(TokenKind::kDot, 1)) {
    if (ExprPtr call = ParseFunctionOrSpecial()) return call;
  }
  auto variable = std::make_unique<Expr>(ExprKind::kVariable);
  variable->name = Advance().text;
  variable->span = SpanFrom(start);
  if (At(TokenKind::kLBrace)) return ParseMapProjection(std::move(variable));
  return variable;
}

// Function calls (possibly dotted names), count(*), exists(...), quantifiers
// and known-but-unsupported forms. Returns null (consuming nothing) when the
// identifier at the cursor is not followed by a call.
ExprPtr Parser::ParseFunctionOrSpecial() {
  size_t start = StartOffset();
  const Token& name_token = Peek();
  bool unquoted = !name_token.quoted;
  if (unquoted && At(TokenKind::kLBrace, 1)) {
    if (AtKeyword("EXISTS")) NotSupported("EXISTS { subquery }", name_token);
    if (AtKeyword("COUNT")) NotSupported("COUNT { subquery }", name_token);
    if (AtKeyword("COLLECT")) NotSupported("COLLECT { subquery }", name_token);
    return nullptr;
  }
  // Dotted name: ident (. ident)* followed by '('.
  size_t scan = pos_;
  while (tokens_[scan].kind == TokenKind::kIdentifier &&
         tokens_[scan + 1].kind == TokenKind::kDot &&
         tokens_[scan + 2].kind == TokenKind::kIdentifier) {
    scan += 2;
  }
  if (tokens_[scan].kind != TokenKind::kIdentifier ||
      tokens_[scan + 1].kind != TokenKind::kLParen) {
    return nullptr;
  }
  bool dotted = scan != pos_;
  if (unquoted && !dotted) {
    if (AtKeyword("COUNT") && At(TokenKind::kStar, 2) && At(TokenKind::kRParen, 3)) {
      Advance();
      Advance();
      Advance();
      Advance();
      return std::make_unique<Expr>(ExprKind::kCountStar, SpanFrom(start));
    }
    if (AtKeyword("EXISTS")) {
      Advance();
      Advance();
      auto expr = std::make_unique<Expr>(ExprKind::kExists);
      if (LooksLikePatternAt(pos_)) {
        size_t pattern_start = StartOffset();
        expr->pattern = std::make_unique<Pattern>();
        PatternPart part;
        ParsePatternChain(&part);
        part.span = SpanFrom(pattern_start);
        expr->pattern->parts.push_back(std::move(part));
        expr->pattern->span = SpanFrom(pattern_start);
      } else {
        expr->children.push_back(ParseExpression());
      }
      Expect(TokenKind::kRParen, "')' to close exists(...)");
      expr->span = SpanFrom(start);
      return expr;
    }
    bool is_quantifier =
        AtKeyword("ALL") || AtKeyword("ANY") || AtKeyword("NONE") || AtKeyword("SINGLE");
    if (is_quantifier && At(TokenKind::kIdentifier, 2) && AtKeyword("IN", 3)) {
      auto expr = std::make_unique<Expr>(ExprKind::kQuantifier);
      expr->quantifier = AtKeyword("ALL")    ? Quantifier::kAll
                         : AtKeyword("ANY")  ? Quantifier::kAny
                         : AtKeyword("NONE") ? Quantifier::kNone
                                             : Quantifier::kSingle;
      Advance();
      Advance();
      expr->name = Advance().text;
      Advance();  // IN
      expr->children.push_back(ParseExpression());
      if (AcceptKeyword("WHERE")) {
        expr->where_expr = ParseExpression();
      }
      Expect(TokenKind::kRParen, "')' to close the quantifier");
      expr->span = SpanFrom(start);
      return expr;
    }
    if (AtKeyword("REDUCE")) NotSupported("reduce()", name_token);
    if (AtKeyword("SHORTESTPATH") || AtKeyword("ALLSHORTESTPATHS")) {
      NotSupported(name_token.text + "() in an expression (use it in MATCH)", name_token);
    }
  }
  auto call = std::make_unique<Expr>(ExprKind::kFunctionCall);
  call->name = Advance().text;
  while (At(TokenKind::kDot)) {
    Advance();
    call->name += "." + Advance().text;
  }
  Expect(TokenKind::kLParen, "'(' after the function name");
  if (AcceptKeyword("DISTINCT")) call->distinct = true;
  if (!At(TokenKind::kRParen)) {
    do {
      call->children.push_back(ParseExpression());
    } while (Accept(TokenKind::kComma));
  }
  Expect(TokenKind::kRParen, "')' to close the arguments of " + call->name + "()");
  call->span = SpanFrom(start);
  return call;
}

ExprPtr Parser::ParseListLike() {
  size_t start = StartOffset();
  // [v IN list WHERE pred | expr]
  if (At(TokenKind::kIdentifier, 1) && AtKeyword("IN", 2)) {
    Advance();
    auto expr = std::make_unique<Expr>(ExprKind::kListComprehension);
    expr->name = Advance().text;
    Advance();  // IN
    expr->children.push_back(ParseExpression());
    if (AcceptKeyword("WHERE")) expr->where_expr = ParseExpression();
    if (Accept(TokenKind::kPipe)) expr->map_expr = ParseExpression();
    Expect(TokenKind::kRBracket, "']' to close the list comprehension");
    expr->span = SpanFrom(start);
    return expr;
  }
  // [p = (a)-->(b) WHERE pred | expr]
  bool named =
      At(TokenKind::kIdentifier, 1) && At(TokenKind::kEq, 2) && LooksLikePatternAt(pos_ + 3);
  if (named || LooksLikePatternAt(pos_ + 1)) {
    Advance();
    auto expr = std::make_unique<Expr>(ExprKind::kPatternComprehension);
    expr->pattern = std::make_unique<Pattern>();
    size_t pattern_start = StartOffset();
    PatternPart part;
    if (named) {
      part.path_variable = Advance().text;
      Advance();
    }
    ParsePatternChain(&part);
    part.span = SpanFrom(pattern_start);
    expr->pattern->parts.push_back(std::move(part));
    expr->pattern->span = SpanFrom(pattern_start);
    if (AcceptKeyword("WHERE")) expr->where_expr = ParseExpression();
    Expect(TokenKind::kPipe, "'|' and an expression in the pattern comprehension");
    expr->map_expr = ParseExpression();
    Expect(TokenKind::kRBracket, "']' to close the pattern comprehension");
    expr->span = SpanFrom(start);
    return expr;
  }
  Advance();
  auto list = std::make_unique<Expr>(ExprKind::kList);
  if (!At(TokenKind::kRBracket)) {
    do {
      list->children.push_back(ParseExpression());
    } while (Accept(TokenKind::kComma));
  }
  Expect(TokenKind::kRBracket, "',' or ']' to close the list");
  list->span = SpanFrom(start);
  return list;
}

ExprPtr Parser::ParseMapLiteral() {
  size_t start = StartOffset();
  Expect(TokenKind::kLBrace, "'{' to start a map");
  auto map = std::make_unique<Expr>(ExprKind::kMap);
  if (!At(TokenKind::kRBrace)) {
    do {
      map->map_keys.push_back(ParseSymbolicName("a map key"));
      Expect(TokenKind::kColon, "':' after the map key");
      map->children.push_back(ParseExpression());
    } while (Accept(TokenKind::kComma));
  }
  Expect(TokenKind::kRBrace, "',' or '}' to close the map");
  map->span = SpanFrom(start);
  return map;
}

ExprPtr Parser::ParseMapProjection(ExprPtr variable) {
  size_t start = variable->span.offset;
  auto expr = std::make_unique<Expr>(ExprKind::kMapProjection);
  expr->name = variable->name;
  Advance();  // {
  if (!At(TokenKind::kRBrace)) {
    do {
      size_t item_start = StartOffset();
      if (Accept(TokenKind::kDot)) {
        if (Accept(TokenKind::kStar)) {
          expr->map_projection_all = true;
          continue;
        }
        std::string key = ParseSymbolicName("a property key or '*' after '.'");
        auto base = std::make_unique<Expr>(ExprKind::kVariable, variable->span);
        base->name = variable->name;
        auto property = std::make_unique<Expr>(ExprKind::kProperty, SpanFrom(item_start));
        property->name = key;
        property->children.push_back(std::move(base));
        expr->map_keys.push_back(key);
        expr->children.push_back(std::move(property));
      } else {
        std::string key = ParseSymbolicName("'.key', 'key: expression' or a variable");
        if (Accept(TokenKind::kColon)) {
          expr->map_keys.push_back(key);
          expr->children.push_back(ParseExpression());
        } else {
          auto selected = std::make_unique<Expr>(ExprKind::kVariable, SpanFrom(item_start));
          selected->name = key;
          expr->map_keys.push_back(key);
          expr->children.push_back(std::move(selected));
        }
      }
    } while (Accept(TokenKind::kComma));
  }
  Expect(TokenKind::kRBrace, "',' or '}' to close the map projection");
  expr->span = SpanFrom(start);
  return expr;
}

ExprPtr Parser::ParseCase() {
  size_t start = StartOffset();
  Advance();  // CASE
  auto expr = std::make_unique<Expr>(ExprKind::kCase);
  if (!AtKeyword("WHEN")) expr->case_subject = ParseExpression();
  if (!AtKeyword("WHEN")) FailExpected("WHEN in CASE");
  while (AcceptKeyword("WHEN")) {
    expr->children.push_back(ParseExpression());
    ExpectKeyword("THEN", "THEN after the WHEN condition");
    expr->children.push_back(ParseExpression());
  }
  if (AcceptKeyword("ELSE")) expr->case_else = ParseExpression();
  ExpectKeyword("END", "END to close CASE");
  expr->span = SpanFrom(start);
  return expr;
}

}  // namespace ecograph::query::parser_internal
