// Statements and clauses. Expressions live in parser_expression.cpp and
// patterns in parser_pattern.cpp.
#include "query/parser.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "query/lexer.h"
#include "query/parser_internal.h"

namespace ecograph::query {
namespace parser_internal {

Parser::Parser(const std::string& text) : text_(text), tokens_(Lex(text)) {}

Parser::DepthGuard::DepthGuard(Parser* parser) : parser_(parser) {
  if (++parser_->depth_ > kMaxNestingDepth) {
    --parser_->depth_;
    parser_->FailHere("query is nested too deeply (more than " + std::to_string(kMaxNestingDepth) +
                      " levels)");
  }
}

void Parser::ChainGuard::Step() {
  if (++parser_->depth_ > kMaxNestingDepth) {
    parser_->FailHere("query is nested too deeply (more than " + std::to_string(kMaxNestingDepth) +
                      " levels)");
  }
}

// ---- token helpers ---------------------------------------------------------

const Token& Parser::Peek(size_t ahead) const {
  size_t idx = std::min(pos_ + ahead, tokens_.size() - 1);
  return tokens_[idx];
}

const Token& Parser::Advance() {
  const Token& token = tokens_[pos_];
  if (token.kind != TokenKind::kEnd) {
    last_end_ = token.span.offset + token.span.length;
    ++pos_;
  }
  return token;
}

bool Parser::AtKeyword(const char* keyword, size_t ahead) const {
  const Token& token = Peek(ahead);
  if (token.kind != TokenKind::kIdentifier || token.quoted) return false;
  size_t length = std::strlen(keyword);
  if (token.text.size() != length) return false;
  for (size_t idx = 0; idx < length; ++idx) {
    if (std::toupper(static_cast<unsigned char>(token.text[idx])) !=
        std::toupper(static_cast<unsigned char>(keyword[idx]))) {
      return false;
    }
  }
  return true;
}

bool Parser::AcceptKeyword(const char* keyword) {
  if (!AtKeyword(keyword)) return false;
  Advance();
  return true;
}

bool Parser::Accept(TokenKind kind) {
  if (!At(kind)) return false;
  Advance();
  return true;
}

const Token& Parser::Expect(TokenKind kind, const std::string& what) {
  if (!At(kind)) FailExpected(what);
  return Advance();
}

void Parser::ExpectKeyword(const char* keyword, const std::string& what) {
  if (!AcceptKeyword(keyword)) FailExpected(what);
}

void Parser::FailExpected(const std::string& what) const {
  FailAt(Peek(), "expected " + what + ", got " + DescribeToken(Peek(), text_));
}

void Parser::FailHere(const std::string& message) const { FailAt(Peek(), message); }

void Parser::FailAt(const Token& token, const std::string& message) const {
  SourceSpan span = token.span;
  if (span.length == 0) span.length = 1;
  throw QueryError(ErrorKind::kSyntax, message, span);
}

void Parser::NotSupported(const std::string& feature, const Token& token) const {
  SourceSpan span = token.span;
  if (span.length == 0) span.length = 1;
  throw QueryError(ErrorKind::kNotSupported, "not supported: " + feature, span);
}

bool Parser::AtSymbolicName() const { return At(TokenKind::kIdentifier); }

std::string Parser::ParseSymbolicName(const std::string& what) {
  if (!At(TokenKind::kIdentifier)) FailExpected(what);
  return Advance().text;
}

std::string Parser::ParseLabelOrType(const std::string& what) { return ParseSymbolicName(what); }

SourceSpan Parser::SpanFrom(size_t start_offset) const {
  size_t end = std::max(last_end_, start_offset);
  return SourceSpan{static_cast<uint32_t>(start_offset), static_cast<uint32_t>(end - start_offset),
                    true};
}

std::string Parser::SourceText(size_t start_offset) const {
  size_t end = std::max(last_end_, start_offset);
  return text_.substr(start_offset, end - start_offset);
}

void Parser::RejectParameterMaps(const Pattern& pattern, const char* clause) const {
  auto check = [&](const ExprPtr& properties) {
    if (properties && properties->kind == ExprKind::kParameter) {
      throw QueryError(ErrorKind::kSyntax,
                       std::string("a parameter cannot be used as the property map of a ") +
                           clause + " pattern; write {key: $" + properties->name + ".key}",
                       properties->span);
    }
  };
  for (const PatternPart& part : pattern.parts) {
    for (const NodePattern& node : part.nodes) check(node.properties);
    for (const RelPattern& rel : part.rels) check(rel.properties);
  }
}

namespace {

// Pattern predicates ((a)-->(b) as an expression) are booleans that may only
// stand where a predicate is expected: WHERE, the operands of AND/OR/XOR/NOT
// (anywhere), CASE WHEN conditions and the WHERE of comprehensions and
// quantifiers.
// Elsewhere (projections, function arguments, SET values) openCypher rejects
// them; a pattern comprehension [(a)-->(b) | b] is the list form.
void CheckPatternPredicates(const Expr& expr, bool predicate_context) {
  if (expr.kind == ExprKind::kPatternPredicate && !predicate_context &&
      !(expr.pattern && expr.pattern->parts.size() == 1 && expr.pattern->parts[0].rels.empty())) {
    throw QueryError(ErrorKind::kSyntax,
                     "a pattern can only be used as a predicate (in WHERE or exists()); use a "
                     "pattern comprehension [(a)-->(b) | b] for a list",
                     expr.span);
  }
  bool boolean_operator = (expr.kind == ExprKind::kBinary &&
                           (expr.binary_op == BinaryOp::kAnd || expr.binary_op == BinaryOp::kOr ||
                            expr.binary_op == BinaryOp::kXor)) ||
                          (expr.kind == ExprKind::kUnary && expr.unary_op == UnaryOp::kNot);
  for (size_t idx = 0; idx < expr.children.size(); ++idx) {
    bool child_context = boolean_operator;
    if (expr.kind == ExprKind::kCase && !expr.case_subject && idx % 2 == 0) child_context = true;
    CheckPatternPredicates(*expr.children[idx], child_context);
  }
  for (const ExprPtr* child :
       {&expr.case_subject, &expr.case_else, &expr.slice_from, &expr.slice_to, &expr.map_expr}) {
    if (*child) CheckPatternPredicates(**child, false);
  }
  if (expr.where_expr) CheckPatternPredicates(*expr.where_expr, true);
  if (expr.pattern) {
    for (const PatternPart& part : expr.pattern->parts) {
      for (const NodePattern& node : part.nodes) {
        if (node.properties) CheckPatternPredicates(*node.properties, false);
      }
      for (const RelPattern& rel : part.rels) {
        if (rel.properties) CheckPatternPredicates(*rel.properties, false);
      }
    }
  }
}

void CheckPatternPredicates(const Clause& clause) {
  auto check = [](const ExprPtr& expr, bool predicate_context) {
    if (expr) CheckPatternPredicates(*expr, predicate_context);
  };
  check(clause.where, true);
  check(clause.unwind_expr, false);
  for (const auto& item : clause.projection.items) check(item.expr, false);
  for (const auto& sort : clause.projection.order_by) check(sort.expr, false);
  check(clause.projection.skip, false);
  check(clause.projection.limit, false);
  for (const auto* items : {&clause.set_items, &clause.on_create, &clause.on_match}) {
    for (const auto& item : *items) check(item.value, false);
  }
  for (const auto& expr : clause.delete_exprs) check(expr, false);
  for (const auto& expr : clause.call_args) check(expr, false);
  for (const PatternPart& part : clause.pattern.parts) {
    for (const NodePattern& node : part.nodes) check(node.properties, false);
    for (const RelPattern& rel : part.rels) check(rel.properties, false);
  }
}

}  // namespace

// ---- statements ------------------------------------------------------------

Statement Parser::ParseStatement() {
  Statement statement;
  size_t start = StartOffset();
  if (AcceptKeyword("EXPLAIN")) {
    statement.explain = true;
  } else if (AcceptKeyword("PROFILE")) {
    statement.profile = true;
  }
  statement.queries.push_back(ParseSingleQuery());
  while (AtKeyword("UNION")) {
    const Token& union_token = Advance();
    statement.union_all.push_back(AcceptKeyword("ALL"));
    if (statement.union_all.size() > 1 &&
        statement.union_all.back() != statement.union_all.front()) {
      FailAt(union_token, "cannot mix UNION and UNION ALL in one statement");
    }
    statement.queries.push_back(ParseSingleQuery());
  }
  Accept(TokenKind::kSemicolon);
  if (!At(TokenKind::kEnd)) FailExpected("a clause or the end of the statement");
  for (const SingleQuery& query : statement.queries) {
    for (const ClausePtr& clause : query.clauses) {
      CheckPatternPredicates(*clause);
      if (clause->kind == ClauseKind::kCall && clause->yield_star &&
          (query.clauses.size() > 1 || statement.queries.size() > 1)) {
        throw QueryError(ErrorKind::kSyntax,
                         "YIELD * is only allowed when CALL is the whole statement; name the "
                         "outputs (YIELD a, b)",
                         clause->span);
      }
    }
  }
  statement.span = SpanFrom(start);
  return statement;
}

SingleQuery Parser::ParseSingleQuery() {
  SingleQuery query;
  while (!At(TokenKind::kEnd) && !At(TokenKind::kSemicolon) && !AtKeyword("UNION")) {
    query.clauses.push_back(ParseClause());
  }
  if (query.clauses.empty()) FailExpected("a clause (MATCH, RETURN, CREATE, ...)");
  return query;
}

ClausePtr Parser::ParseClause() {
  const Token& token = Peek();
  if (AtKeyword("MATCH") || AtKeyword("OPTIONAL")) return ParseMatch();
  if (AtKeyword("UNWIND")) return ParseUnwind();
  if (AtKeyword("WITH")) return ParseWith();
  if (AtKeyword("RETURN")) return ParseReturn();
  if (AtKeyword("CREATE")) return ParseCreate();
  if (AtKeyword("MERGE")) return ParseMerge();
  if (AtKeyword("SET")) return ParseSet();
  if (AtKeyword("REMOVE")) return ParseRemove();
  if (AtKeyword("DELETE") || AtKeyword("DETACH")) return ParseDelete();
  if (AtKeyword("CALL")) return ParseCall();
  if (AtKeyword("DROP")) return ParseDrop();
  if (AtKeyword("FOREACH")) NotSupported("FOREACH", token);
  if (AtKeyword("LOAD")) NotSupported("LOAD CSV", token);
  if (AtKeyword("USE")) NotSupported("USE", token);
  if (AtKeyword("USING")) NotSupported("USING PERIODIC COMMIT", token);
  if (AtKeyword("SHOW")) NotSupported("SHOW commands", token);
  if (AtKeyword("START")) NotSupported("START", token);
  if (AtKeyword("FINISH")) NotSupported("FINISH", token);
  if (AtKeyword("INSERT")) NotSupported("INSERT", token);
  if (AtKeyword("FILTER")) NotSupported("FILTER", token);
  if (AtKeyword("LET")) NotSupported("LET", token);
  if (AtKeyword("ALTER") || AtKeyword("GRANT") || AtKeyword("DENY") || AtKeyword("REVOKE") ||
      AtKeyword("TERMINATE")) {
    NotSupported("administration commands", token);
  }
  if (AtKeyword("EXPLAIN") || AtKeyword("PROFILE")) {
    FailHere("EXPLAIN and PROFILE must start the statement");
  }
  FailExpected("a clause (MATCH, RETURN, CREATE, ...)");
}

ClausePtr Parser::ParseMatch() {
  size_t start = StartOffset();
  auto clause = std::make_unique<Clause>(ClauseKind::kMatch);
  if (AcceptKeyword("OPTIONAL")) {
    clause->optional = true;
    ExpectKeyword("MATCH", "MATCH after OPTIONAL");
  } else {
    Advance();
  }
  clause->pattern = ParsePattern();
  RejectParameterMaps(clause->pattern, "MATCH");
  if (AtKeyword("USING")) NotSupported("USING hints", Peek());
  if (AcceptKeyword("WHERE")) clause->where = ParseExpression();
  clause->span = SpanFrom(start);
  return clause;
}

ClausePtr Parser::ParseUnwind() {
  size_t start = StartOffset();
  Advance();
  auto clause = std::make_unique<Clause>(ClauseKind::kUnwind);
  clause->unwind_expr = ParseExpression();
  ExpectKeyword("AS", "AS after the UNWIND expression");
  clause->unwind_alias = ParseSymbolicName("a variable name after AS");
  clause->span = SpanFrom(start);
  return clause;
}

void Parser::ParseProjectionBody(ProjectionBody* body, bool is_with) {
  if (AcceptKeyword("DISTINCT")) body->distinct = true;
  bool first = true;
  if (Accept(TokenKind::kStar)) {
    body->star = true;
    first = false;
  }
  while (true) {
    if (!first && !Accept(TokenKind::kComma)) break;
    first = false;
    size_t start = StartOffset();
    if (At(TokenKind::kEnd) || At(TokenKind::kSemicolon)) {
      FailExpected(is_with ? "an expression to project in WITH" : "an expression to return");
    }
    ProjectionItem item;
    item.expr = ParseExpression();
    item.text = SourceText(start);
    if (AcceptKeyword("AS")) item.alias = ParseSymbolicName("an alias after AS");
    item.span = SpanFrom(start);
    body->items.push_back(std::move(item));
  }
  if (AtKeyword("ORDER")) {
    Advance();
    ExpectKeyword("BY", "BY after ORDER");
    do {
      SortItem sort;
      sort.expr = ParseExpression();
      if (AcceptKeyword("DESC") || AcceptKeyword("DESCENDING")) {
        sort.descending = true;
      } else if (AcceptKeyword("ASC") || AcceptKeyword("ASCENDING")) {
        sort.descending = false;
      }
      body->order_by.push_back(std::move(sort));
    } while (Accept(TokenKind::kComma));
  }
  if (AcceptKeyword("SKIP") || AcceptKeyword("OFFSET")) body->skip = ParseExpression();
  if (AcceptKeyword("LIMIT")) body->limit = ParseExpression();
}

ClausePtr Parser::ParseWith() {
  size_t start = StartOffset();
  Advance();
  auto clause = std::make_unique<Clause>(ClauseKind::kWith);
  ParseProjectionBody(&clause->projection, true);
  if (AcceptKeyword("WHERE")) clause->where = ParseExpression();
  clause->span = SpanFrom(start);
  return clause;
}

ClausePtr Parser::ParseReturn() {
  size_t start = StartOffset();
  Advance();
  auto clause = std::make_unique<Clause>(ClauseKind::kReturn);
  ParseProjectionBody(&clause->projection, false);
  clause->span = SpanFrom(start);
  return clause;
}

ClausePtr Parser::ParseCreate() {
  size_t start = StartOffset();
  Advance();
  if (!At(TokenKind::kEq, 1)) {
    if (AtKeyword("INDEX")) return ParseCreateIndex(start);
    if (AtKeyword("CONSTRAINT")) return ParseCreateConstraint(start);
    if ((AtKeyword("TEXT") || AtKeyword("RANGE") || AtKeyword("POINT") || AtKeyword("FULLTEXT") ||
         AtKeyword("LOOKUP") || AtKeyword("VECTOR") || AtKeyword("BTREE")) &&
        AtKeyword("INDEX", 1)) {
      NotSupported(Peek().text + " indexes", Peek());
    }
    if (AtKeyword("OR") && AtKeyword("REPLACE", 1)) NotSupported("CREATE OR REPLACE", Peek());
    if (AtKeyword("DATABASE") || AtKeyword("USER") || AtKeyword("ROLE") || AtKeyword("ALIAS")) {
      NotSupported("administration commands", Peek());
    }
  }
  auto clause = std::make_unique<Clause>(ClauseKind::kCreate);
  clause->pattern = ParsePattern();
  clause->span = SpanFrom(start);
  return clause;
}

namespace {
// Reads "(var:Label)" of DDL; returns the variable.
std::string ParseSchemaNode(Parser* parser, Clause* clause) {
  parser->Expect(TokenKind::kLParen, "'(' before the indexed node pattern");
  if (parser->At(TokenKind::kRParen)) {
    parser->NotSupported("relationship property indexes", parser->Peek());
  }
  std::string variable = parser->ParseSymbolicName("a variable in the node pattern");
  parser->Expect(TokenKind::kColon, "':' and a label");
  clause->schema_label = parser->ParseLabelOrType("a label");
  if (parser->At(TokenKind::kColon)) parser->NotSupported("multi-label indexes", parser->Peek());
  parser->Expect(TokenKind::kRParen, "')' to close the node pattern");
  if (parser->At(TokenKind::kMinus) || parser->At(TokenKind::kLt)) {
    parser->NotSupported("relationship property indexes", parser->Peek());
  }
  return variable;
}

// Reads "var.key" and checks var is the pattern's variable.
void ParseSchemaProperty(Parser* parser, Clause* clause, const std::string& variable) {
  const Token& var_token = parser->Peek();
  std::string name = parser->ParseSymbolicName("a property like " + variable + ".key");
  if (name != variable) {
    parser->FailAt(var_token,
                   "unknown variable '" + name + "' (the pattern binds '" + variable + "')");
  }
  parser->Expect(TokenKind::kDot, "'.' and a property key");
  clause->schema_key = parser->ParseSymbolicName("a property key");
}

// Reads the optional "name" and "IF NOT EXISTS" of CREATE INDEX/CONSTRAINT.
void ParseSchemaNameAndIfNotExists(Parser* parser, Clause* clause) {
  if (!parser->AtKeyword("IF") && !parser->AtKeyword("FOR") && !parser->AtKeyword("ON")) {
    clause->schema_name = parser->ParseSymbolicName("an index name, IF NOT EXISTS or FOR");
  }
  if (parser->AcceptKeyword("IF")) {
    parser->ExpectKeyword("NOT", "NOT after IF");
    parser->ExpectKeyword("EXISTS", "EXISTS after IF NOT");
  }
}
}  // namespace

ClausePtr Parser::ParseCreateIndex(size_t start) {
  Advance();  // INDEX
  auto clause = std::make_unique<Clause>(ClauseKind::kCreateIndex);
  if (AtKeyword("ON")) {
    Advance();
    Expect(TokenKind::kColon, "':' and a label after ON");
    clause->schema_label = ParseLabelOrType("a label");
    Expect(TokenKind::kLParen, "'(' before the property key");
    clause->schema_key = ParseSymbolicName("a property key");
    if (At(TokenKind::kComma)) NotSupported("composite indexes", Peek());
    Expect(TokenKind::kRParen, "')' after the property key");
  } else {
    ParseSchemaNameAndIfNotExists(this, clause.get());
    ExpectKeyword("FOR", "FOR (n:Label) ON (n.key)");
    std::string variable = ParseSchemaNode(this, clause.get());
    ExpectKeyword("ON", "ON (" + variable + ".key)");
    Expect(TokenKind::kLParen, "'(' before the indexed property");
    ParseSchemaProperty(this, clause.get(), variable);
    if (At(TokenKind::kComma)) NotSupported("composite indexes", Peek());
    Expect(TokenKind::kRParen, "')' after the indexed property");
    if (AtKeyword("OPTIONS")) NotSupported("index OPTIONS", Peek());
  }
  clause->span = SpanFrom(start);
  return clause;
}

ClausePtr Parser::ParseCreateConstraint(size_t start) {
  Advance();  // CONSTRAINT
  auto clause = std::make_unique<Clause>(ClauseKind::kCreateConstraint);
  ParseSchemaNameAndIfNotExists(this, clause.get());
  bool legacy = false;
  if (AcceptKeyword("ON")) {
    legacy = true;
  } else {
    ExpectKeyword("FOR", "FOR (n:Label) REQUIRE n.key IS UNIQUE");
  }
  std::string variable = ParseSchemaNode(this, clause.get());
  if (legacy) {
    ExpectKeyword("ASSERT", "ASSERT after the constraint's node pattern");
  } else {
    ExpectKeyword("REQUIRE", "REQUIRE after the constraint's node pattern");
  }
  if (At(TokenKind::kLParen)) NotSupported("composite constraints", Peek());
  if (AtKeyword("EXISTS")) NotSupported("property existence constraints", Peek());
  ParseSchemaProperty(this, clause.get(), variable);
  ExpectKeyword("IS", "IS UNIQUE");
  if (AtKeyword("NOT") || AtKeyword("NODE") || AtKeyword("TYPED") || At(TokenKind::kColon)) {
    NotSupported("constraints other than IS UNIQUE", Peek());
  }
  ExpectKeyword("UNIQUE", "UNIQUE after IS");
  clause->span = SpanFrom(start);
  return clause;
}

ClausePtr Parser::ParseDrop() {
  size_t start = StartOffset();
  Advance();
  if (AcceptKeyword("INDEX")) {
    auto clause = std::make_unique<Clause>(ClauseKind::kDropIndex);
    if (AtKeyword("ON") && At(TokenKind::kColon, 1)) {
      Advance();
      Advance();
      clause->schema_label = ParseLabelOrType("a label");
      Expect(TokenKind::kLParen, "'(' before the property key");
      clause->schema_key = ParseSymbolicName("a property key");
      if (At(TokenKind::kComma)) NotSupported("composite indexes", Peek());
      Expect(TokenKind::kRParen, "')' after the property key");
    } else {
      clause->schema_name = ParseSymbolicName("ON :Label(key) or an index name");
      if (AcceptKeyword("IF")) ExpectKeyword("EXISTS", "EXISTS after IF");
    }
    clause->span = SpanFrom(start);
    return clause;
  }
  if (AcceptKeyword("CONSTRAINT")) {
    auto clause = std::make_unique<Clause>(ClauseKind::kDropConstraint);
    if (AtKeyword("ON") && At(TokenKind::kLParen, 1)) {
      Advance();
      std::string variable = ParseSchemaNode(this, clause.get());
      ExpectKeyword("ASSERT", "ASSERT after the constraint's node pattern");
      ParseSchemaProperty(this, clause.get(), variable);
      ExpectKeyword("IS", "IS UNIQUE");
      ExpectKeyword("UNIQUE", "UNIQUE after IS");
    } else {
      clause->schema_name = ParseSymbolicName("ON (n:Label) or a constraint name");
      if (AcceptKeyword("IF")) ExpectKeyword("EXISTS", "EXISTS after IF");
    }
    clause->span = SpanFrom(start);
    return clause;
  }
  if (AtKeyword("DATABASE") || AtKeyword("USER") || AtKeyword("ROLE") || AtKeyword("ALIAS")) {
    NotSupported("administration commands", Peek());
  }
  FailExpected("INDEX or CONSTRAINT after DROP");
}

ClausePtr Parser::ParseMerge() {
  size_t start = StartOffset();
  Advance();
  auto clause = std::make_unique<Clause>(ClauseKind::kMerge);
  clause->pattern.parts.push_back(ParsePatternPart());
  clause->pattern.span = clause->pattern.parts.back().span;
  RejectParameterMaps(clause->pattern, "MERGE");
  if (At(TokenKind::kComma)) FailHere("MERGE takes a single pattern; use several MERGE clauses");
  while (AtKeyword("ON")) {
    Advance();
    bool on_create = false;
    if (AcceptKeyword("CREATE")) {
      on_create = true;
    } else if (!AcceptKeyword("MATCH")) {
      FailExpected("CREATE or MATCH after ON");
    }
    ExpectKeyword("SET", on_create ? "SET after ON CREATE" : "SET after ON MATCH");
    auto& items = on_create ? clause->on_create : clause->on_match;
    do {
      items.push_back(ParseSetItem());
    } while (Accept(TokenKind::kComma));
  }
  clause->span = SpanFrom(start);
  return clause;
}

SetItem Parser::ParseSetItem() {
  size_t start = StartOffset();
  SetItem item;
  ExprPtr target = ParseAtom();
  while (At(TokenKind::kDot)) {
    Advance();
    auto property = std::make_unique<Expr>(ExprKind::kProperty);
    property->name = ParseSymbolicName("a property key after '.'");
    property->children.push_back(std::move(target));
    property->span = SpanFrom(start);
    target = std::move(property);
  }
  if (target->kind == ExprKind::kProperty) {
    Expect(TokenKind::kEq, "'=' after the property in SET");
    item.kind = SetItemKind::kProperty;
    item.value = ParseExpression();
  } else if (At(TokenKind::kColon)) {
    item.kind = SetItemKind::kLabels;
    while (Accept(TokenKind::kColon)) item.labels.push_back(ParseLabelOrType("a label"));
  } else if (Accept(TokenKind::kEq)) {
    item.kind = SetItemKind::kReplaceMap;
    item.value = ParseExpression();
  } else if (Accept(TokenKind::kPlusEq)) {
    item.kind = SetItemKind::kMergeMap;
    item.value = ParseExpression();
  } else {
    FailExpected("'=', '+=' or ':' in SET");
  }
  item.target = std::move(target);
  item.span = SpanFrom(start);
  return item;
}

ClausePtr Parser::ParseSet() {
  size_t start = StartOffset();
  Advance();
  auto clause = std::make_unique<Clause>(ClauseKind::kSet);
  do {
    clause->set_items.push_back(ParseSetItem());
  } while (Accept(TokenKind::kComma));
  clause->span = SpanFrom(start);
  return clause;
}

ClausePtr Parser::ParseRemove() {
  size_t start = StartOffset();
  Advance();
  auto clause = std::make_unique<Clause>(ClauseKind::kRemove);
  do {
    size_t item_start = StartOffset();
    RemoveItem item;
    ExprPtr target = ParseAtom();
    while (At(TokenKind::kDot)) {
      Advance();
      auto property = std::make_unique<Expr>(ExprKind::kProperty);
      property->name = ParseSymbolicName("a property key after '.'");
      property->children.push_back(std::move(target));
      property->span = SpanFrom(item_start);
      target = std::move(property);
    }
    if (target->kind == ExprKind::kProperty) {
      item.kind = RemoveItemKind::kProperty;
    } else if (At(TokenKind::kColon)) {
      item.kind = RemoveItemKind::kLabels;
      while (Accept(TokenKind::kColon)) item.labels.push_back(ParseLabelOrType("a label"));
    } else {
      FailExpected("a property (n.key) or labels (n:Label) to REMOVE");
    }
    item.target = std::move(target);
    item.span = SpanFrom(item_start);
    clause->remove_items.push_back(std::move(item));
  } while (Accept(TokenKind::kComma));
  clause->span = SpanFrom(start);
  return clause;
}

ClausePtr Parser::ParseDelete() {
  size_t start = StartOffset();
  auto clause = std::make_unique<Clause>(ClauseKind::kDelete);
  if (AcceptKeyword("DETACH")) {
    clause->detach = true;
    ExpectKeyword("DELETE", "DELETE after DETACH");
  } else {
    Advance();
  }
  do {
    clause->delete_exprs.push_back(ParseExpression());
    const Expr& target = *clause->delete_exprs.back();
    if (target.kind == ExprKind::kPatternPredicate && target.pattern->parts.size() == 1 &&
        target.pattern->parts[0].rels.empty()) {
      throw QueryError(ErrorKind::kSyntax,
                       "DELETE removes nodes and relationships; use REMOVE to remove labels",
                       target.span);
    }
  } while (Accept(TokenKind::kComma));
  clause->span = SpanFrom(start);
  return clause;
}

std::string Parser::ParseProcedureName() {
  std::string name = ParseSymbolicName("a procedure name");
  while (At(TokenKind::kDot)) {
    Advance();
    name += "." + ParseSymbolicName("a procedure name part after '.'");
  }
  return name;
}

ClausePtr Parser::ParseCall() {
  size_t start = StartOffset();
  const Token& call_token = Advance();
  if (At(TokenKind::kLBrace)) NotSupported("CALL { subquery }", call_token);
  if (At(TokenKind::kLParen)) NotSupported("CALL (variables) { subquery }", call_token);
  auto clause = std::make_unique<Clause>(ClauseKind::kCall);
  clause->procedure = ParseProcedureName();
  if (Accept(TokenKind::kLParen)) {
    clause->call_has_args = true;
    if (!At(TokenKind::kRParen)) {
      do {
        clause->call_args.push_back(ParseExpression());
      } while (Accept(TokenKind::kComma));
    }
    Expect(TokenKind::kRParen, "')' to close the procedure arguments");
  }
  if (AcceptKeyword("YIELD")) {
    if (Accept(TokenKind::kStar)) {
      clause->yield_star = true;
    } else {
      do {
        std::string name = ParseSymbolicName("a procedure output name after YIELD");
        std::optional<std::string> alias;
        if (AcceptKeyword("AS")) alias = ParseSymbolicName("an alias after AS");
        clause->yield_items.emplace_back(std::move(name), std::move(alias));
      } while (Accept(TokenKind::kComma));
    }
    if (AcceptKeyword("WHERE")) clause->where = ParseExpression();
  }
  clause->span = SpanFrom(start);
  return clause;
}

}  // namespace parser_internal

Statement ParseStatement(const std::string& text) {
  parser_internal::Parser parser(text);
  return parser.ParseStatement();
}

}  // namespace ecograph::query
