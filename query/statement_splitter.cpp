// QueryEngine::SplitStatements: splits a script on ';' outside string
// literals, backtick-quoted names and comments. Each statement is trimmed
// of surrounding whitespace; statements holding only whitespace and
// comments are dropped. Unterminated strings or comments run to the end of
// the script (the parser then reports them).
#include <string>
#include <vector>

#include "query/engine.h"

namespace ecograph::query {
namespace {

bool OnlySpaceAndComments(const std::string& text) {
  size_t pos = 0;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos;
    } else if (c == '/' && pos + 1 < text.size() && text[pos + 1] == '/') {
      while (pos < text.size() && text[pos] != '\n') ++pos;
    } else if (c == '/' && pos + 1 < text.size() && text[pos + 1] == '*') {
      size_t close = text.find("*/", pos + 2);
      if (close == std::string::npos) return false;
      pos = close + 2;
    } else {
      return false;
    }
  }
  return true;
}

std::string Trim(const std::string& text) {
  const char* kSpace = " \t\n\r\f\v";
  size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

}  // namespace

std::vector<std::string> QueryEngine::SplitStatements(const std::string& script) {
  std::vector<std::string> statements;
  size_t start = 0;
  size_t pos = 0;
  auto flush = [&](size_t end) {
    std::string statement = script.substr(start, end - start);
    if (!OnlySpaceAndComments(statement)) statements.push_back(Trim(statement));
  };
  while (pos < script.size()) {
    char c = script[pos];
    if (c == '\'' || c == '"' || c == '`') {
      ++pos;
      while (pos < script.size() && script[pos] != c) {
        if (script[pos] == '\\' && c != '`') ++pos;
        ++pos;
      }
      ++pos;
    } else if (c == '/' && pos + 1 < script.size() && script[pos + 1] == '/') {
      while (pos < script.size() && script[pos] != '\n') ++pos;
    } else if (c == '/' && pos + 1 < script.size() && script[pos + 1] == '*') {
      size_t close = script.find("*/", pos + 2);
      pos = close == std::string::npos ? script.size() : close + 2;
    } else if (c == ';') {
      flush(pos);
      start = pos + 1;
      ++pos;
    } else {
      ++pos;
    }
  }
  if (start < script.size()) flush(script.size());
  return statements;
}

}  // namespace ecograph::query
