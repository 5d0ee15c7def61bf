#include "query/lexer.h"

#include <cstdint>

namespace ecograph::query {
namespace {

SourceSpan Span(size_t offset, size_t length) {
  return SourceSpan{static_cast<uint32_t>(offset), static_cast<uint32_t>(length), true};
}

[[noreturn]] void Fail(const std::string& message, size_t offset, size_t length) {
  throw QueryError(ErrorKind::kSyntax, message, Span(offset, length == 0 ? 1 : length));
}

// Length of the valid UTF-8 sequence at text[pos], or 0 when it is invalid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
size_t Utf8SequenceLength(const std::string& text, size_t pos, uint32_t* code_point) {
  auto byte = [&](size_t idx) { return static_cast<unsigned char>(text[idx]); };
  unsigned char lead = byte(pos);
  size_t length = 0;
  uint32_t cp = 0;
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (size_t idx = 1; idx < length; ++idx) {
    if ((byte(pos + idx) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(pos + idx) & 0x3F);
  }
  if ((length == 2 && cp < 0x80) || (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  *code_point = cp;
  return length;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
// Identifier characters: ASCII letters, digits, '_' and any non-ASCII code
// point (the input is already known to be valid UTF-8).
bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (static_cast<unsigned char>(c) >= 0x80);
}
bool IsIdentPart(char c) { return IsIdentStart(c) || IsDigit(c); }

class Lexer {
 public:
  explicit Lexer(const std::string& text) : text_(text) {}

  std::vector<Token> Run() {
    CheckUtf8();
    while (true) {
      SkipSpaceAndComments();
      if (pos_ >= text_.size()) break;
      LexOne();
    }
    Token end;
    end.kind = TokenKind::kEnd;
    end.span = Span(text_.size(), 0);
    tokens_.push_back(end);
    return std::move(tokens_);
  }

 private:
  void CheckUtf8() {
    size_t pos = 0;
    while (pos < text_.size()) {
      uint32_t cp = 0;
      size_t length = Utf8SequenceLength(text_, pos, &cp);
      if (length == 0) Fail("invalid UTF-8 byte in query text", pos, 1);
      if (cp == 0) Fail("NUL character in query text", pos, 1);
      pos += length;
    }
  }

  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  void SkipSpaceAndComments() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++pos_;
      } else if (c == '/' && Peek(1) == '/') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (c == '/' && Peek(1) == '*') {
        size_t close = text_.find("*/", pos_ + 2);
        if (close == std::string::npos) Fail("unterminated comment", pos_, 2);
        pos_ = close + 2;
      } else if (static_cast<unsigned char>(c) == 0xC2 && Peek(1) == '\xA0') {
        pos_ += 2;  // no-break space
      } else {
        break;
      }
    }
  }

  void Push(TokenKind kind, size_t start, std::string text, bool quoted = false) {
    Token token;
    token.kind = kind;
    token.text = std::move(text);
    token.span = Span(start, pos_ - start);
    token.quoted = quoted;
    tokens_.push_back(std::move(token));
  }

  // '.5' is a float unless the '.' could be a property access or a range:
  // after ')', ']', '}', a literal, a parameter, or an identifier written
  // directly before the dot.
  bool PrevAllowsLeadingDotFloat() const {
    if (tokens_.empty()) return true;
    const Token& prev = tokens_.back();
    switch (prev.kind) {
      case TokenKind::kIdentifier:
        return prev.span.offset + prev.span.length < pos_;
      case TokenKind::kParameter:
      case TokenKind::kRParen:
      case TokenKind::kRBracket:
      case TokenKind::kRBrace:
      case TokenKind::kInteger:
      case TokenKind::kFloat:
      case TokenKind::kString:
      case TokenKind::kDotDot:
        return false;
      default:
        return true;
    }
  }

  void LexOne() {
    size_t start = pos_;
    char c = text_[pos_];
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)) && PrevAllowsLeadingDotFloat())) {
      LexNumber();
      return;
    }
    if (IsIdentStart(c)) {
      while (pos_ < text_.size() && IsIdentPart(text_[pos_])) ++pos_;
      Push(TokenKind::kIdentifier, start, text_.substr(start, pos_ - start));
      return;
    }
    switch (c) {
      case '`':
        LexQuotedIdentifier(TokenKind::kIdentifier, start);
        return;
      case '\'':
      case '"':
        LexString();
        return;
      case '$': {
        ++pos_;
        if (Peek() == '`') {
          LexQuotedIdentifier(TokenKind::kParameter, start);
          return;
        }
        size_t name_start = pos_;
        while (pos_ < text_.size() && IsIdentPart(text_[pos_])) ++pos_;
        if (pos_ == name_start) Fail("expected a parameter name after '$'", start, 1);
        Push(TokenKind::kParameter, start, text_.substr(name_start, pos_ - name_start));
        return;
      }
      default:
        break;
    }
    auto single = [&](TokenKind kind, size_t length) {
      pos_ += length;
      Push(kind, start, text_.substr(start, length));
    };
    switch (c) {
      case '(':
        return single(TokenKind::kLParen, 1);
      case ')':
        return single(TokenKind::kRParen, 1);
      case '[':
        return single(TokenKind::kLBracket, 1);
      case ']':
        return single(TokenKind::kRBracket, 1);
      case '{':
        return single(TokenKind::kLBrace, 1);
      case '}':
        return single(TokenKind::kRBrace, 1);
      case ',':
        return single(TokenKind::kComma, 1);
      case '.':
        return Peek(1) == '.' ? single(TokenKind::kDotDot, 2) : single(TokenKind::kDot, 1);
      case ':':
        return single(TokenKind::kColon, 1);
      case ';':
        return single(TokenKind::kSemicolon, 1);
      case '|':
        return single(TokenKind::kPipe, 1);
      case '+':
        return Peek(1) == '=' ? single(TokenKind::kPlusEq, 2) : single(TokenKind::kPlus, 1);
      case '-':
        return single(TokenKind::kMinus, 1);
      case '*':
        return single(TokenKind::kStar, 1);
      case '/':
        return single(TokenKind::kSlash, 1);
      case '%':
        return single(TokenKind::kPercent, 1);
      case '^':
        return single(TokenKind::kCaret, 1);
      case '=':
        return Peek(1) == '~' ? single(TokenKind::kRegexMatch, 2) : single(TokenKind::kEq, 1);
      case '!':
        if (Peek(1) == '=') return single(TokenKind::kNe, 2);
        break;
      case '<':
        if (Peek(1) == '>') return single(TokenKind::kNe, 2);
        if (Peek(1) == '=') return single(TokenKind::kLe, 2);
        return single(TokenKind::kLt, 1);
      case '>':
        if (Peek(1) == '=') return single(TokenKind::kGe, 2);
        return single(TokenKind::kGt, 1);
      default:
        break;
    }
    uint32_t cp = 0;
    size_t length = Utf8SequenceLength(text_, pos_, &cp);
    Fail("unexpected character '" + text_.substr(pos_, length == 0 ? 1 : length) + "'", pos_,
         length);
  }

  void LexNumber() {
    size_t start = pos_;
    if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X')) {
      pos_ += 2;
      while (pos_ < text_.size() && IsIdentPart(text_[pos_])) ++pos_;
      for (size_t idx = start + 2; idx < pos_; ++idx) {
        if (!IsHexDigit(text_[idx]) || pos_ == start + 2) {
          Fail("invalid hexadecimal integer literal '" + text_.substr(start, pos_ - start) + "'",
               start, pos_ - start);
        }
      }
      if (pos_ == start + 2) Fail("invalid hexadecimal integer literal '0x'", start, 2);
      Push(TokenKind::kInteger, start, text_.substr(start, pos_ - start));
      return;
    }
    if (Peek() == '0' && (Peek(1) == 'o' || Peek(1) == 'O')) {
      pos_ += 2;
      while (pos_ < text_.size() && IsIdentPart(text_[pos_])) ++pos_;
      bool valid = pos_ > start + 2;
      for (size_t idx = start + 2; idx < pos_; ++idx) {
        if (text_[idx] < '0' || text_[idx] > '7') valid = false;
      }
      if (!valid) {
        Fail("invalid octal integer literal '" + text_.substr(start, pos_ - start) + "'", start,
             pos_ - start);
      }
      Push(TokenKind::kInteger, start, text_.substr(start, pos_ - start));
      return;
    }
    bool is_float = false;
    while (IsDigit(Peek())) ++pos_;
    if (Peek() == '.' && IsDigit(Peek(1))) {
      is_float = true;
      ++pos_;
      while (IsDigit(Peek())) ++pos_;
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '-' || Peek(1) == '+') && IsDigit(Peek(2))))) {
      is_float = true;
      pos_ += 2;
      while (IsDigit(Peek())) ++pos_;
    }
    if (IsIdentPart(Peek())) {
      size_t end = pos_;
      while (end < text_.size() && IsIdentPart(text_[end])) ++end;
      Fail("invalid number literal '" + text_.substr(start, end - start) + "'", start, end - start);
    }
    Push(is_float ? TokenKind::kFloat : TokenKind::kInteger, start,
         text_.substr(start, pos_ - start));
  }

  void LexQuotedIdentifier(TokenKind kind, size_t start) {
    ++pos_;  // opening backtick
    std::string name;
    while (true) {
      if (pos_ >= text_.size()) Fail("unterminated quoted identifier", start, 1);
      if (text_[pos_] == '`') {
        if (Peek(1) == '`') {
          name.push_back('`');
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      name.push_back(text_[pos_++]);
    }
    if (name.empty()) Fail("empty quoted identifier", start, pos_ - start);
    Push(kind, start, std::move(name), true);
  }

  uint32_t ReadHex(size_t digits, size_t escape_start) {
    uint32_t value = 0;
    for (size_t idx = 0; idx < digits; ++idx) {
      char c = Peek();
      if (!IsHexDigit(c)) {
        Fail("invalid unicode escape: expected " + std::to_string(digits) + " hex digits",
             escape_start, pos_ - escape_start + 1);
      }
      value = value * 16 + static_cast<uint32_t>(IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
      ++pos_;
    }
    return value;
  }

  void LexString() {
    size_t start = pos_;
    char quote = text_[pos_++];
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) Fail("unterminated string literal", start, 1);
      char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        break;
      }
      if (c != '\\') {
        value.push_back(c);
        ++pos_;
        continue;
      }
      size_t escape_start = pos_;
      ++pos_;
      if (pos_ >= text_.size()) Fail("unterminated string literal", start, 1);
      char e = text_[pos_++];
      switch (e) {
        case '\\':
          value.push_back('\\');
          break;
        case '\'':
          value.push_back('\'');
          break;
        case '"':
          value.push_back('"');
          break;
        case 'n':
          value.push_back('\n');
          break;
        case 't':
          value.push_back('\t');
          break;
        case 'r':
          value.push_back('\r');
          break;
        case 'b':
          value.push_back('\b');
          break;
        case 'f':
          value.push_back('\f');
          break;
        case 'u':
        case 'U': {
          uint32_t cp = ReadHex(e == 'u' ? 4 : 8, escape_start);
          if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            Fail("invalid unicode escape: code point out of range", escape_start,
                 pos_ - escape_start);
          }
          AppendUtf8(cp, &value);
          break;
        }
        default: {
          uint32_t cp = 0;
          size_t length = Utf8SequenceLength(text_, pos_ - 1, &cp);
          Fail("invalid escape sequence '\\" + text_.substr(pos_ - 1, length) + "' in string",
               escape_start, 1 + length);
        }
      }
    }
    Push(TokenKind::kString, start, std::move(value));
  }

  const std::string& text_;
  size_t pos_ = 0;
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> Lex(const std::string& text) {
  if (text.size() >= UINT32_MAX) {
    throw QueryError(ErrorKind::kSyntax, "query text is too long");
  }
  return Lexer(text).Run();
}

std::string DescribeToken(const Token& token, const std::string& source) {
  if (token.kind == TokenKind::kEnd) return "end of input";
  std::string text = source.substr(token.span.offset, token.span.length);
  if (text.size() > 40) {
    size_t cut = 37;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return "'" + text + "'";
}

}  // namespace ecograph::query
