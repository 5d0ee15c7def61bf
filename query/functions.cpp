// Scalar functions of the query language. Each takes evaluated arguments;
// null in (mostly) gives null out, as in openCypher.
#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

#include <utf8proc.h>

#include "query/bound_expr.h"

namespace ecograph::query {

namespace {

using Args = std::vector<Value>;

bool IsNumber(const Value& v) { return v.type() == ValueType::kInt || v.type() == ValueType::kFloat; }
double AsDouble(const Value& v) {
  return v.type() == ValueType::kInt ? static_cast<double>(v.as_int()) : v.as_float();
}

[[noreturn]] void WrongType(ExecContext& ctx, const BoundExpr& call, const char* expected,
                            const Value& got) {
  ThrowRuntime(ctx, call, call.name + "() expects " + expected + ", got " + ValueTypeName(got.type()));
}

const std::string& StringArg(ExecContext& ctx, const BoundExpr& call, const Value& v) {
  if (v.type() != ValueType::kString) WrongType(ctx, call, "a String", v);
  return v.as_string();
}

int64_t IntArg(ExecContext& ctx, const BoundExpr& call, const Value& v) {
  if (v.type() == ValueType::kInt) return v.as_int();
  if (v.type() == ValueType::kFloat) return static_cast<int64_t>(v.as_float());
  WrongType(ctx, call, "an Integer", v);
}

double NumberArg(ExecContext& ctx, const BoundExpr& call, const Value& v) {
  if (!IsNumber(v)) WrongType(ctx, call, "a Number", v);
  return AsDouble(v);
}

bool AnyNull(const Args& args) {
  return std::any_of(args.begin(), args.end(), [](const Value& v) { return v.is_null(); });
}

// UTF-8 code point boundaries, for substring/left/right/reverse/size.
std::vector<size_t> CodePointOffsets(const std::string& s) {
  std::vector<size_t> offsets;
  for (size_t idx = 0; idx < s.size(); ++idx) {
    if ((static_cast<unsigned char>(s[idx]) & 0xC0) != 0x80) offsets.push_back(idx);
  }
  offsets.push_back(s.size());
  return offsets;
}

std::string Utf8Substr(const std::string& s, int64_t start, int64_t length) {
  auto offsets = CodePointOffsets(s);
  int64_t count = static_cast<int64_t>(offsets.size()) - 1;
  start = std::clamp<int64_t>(start, 0, count);
  int64_t end = length < 0 ? count : std::clamp<int64_t>(start + length, start, count);
  return s.substr(offsets[start], offsets[end] - offsets[start]);
}

Value FnId(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.type() == ValueType::kNode) return Value::Int(static_cast<int64_t>(v.as_node().id));
  if (v.type() == ValueType::kRel) return Value::Int(static_cast<int64_t>(v.as_rel().id));
  WrongType(ctx, call, "a Node or Relationship", v);
}

Value FnLabels(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[0].type() != ValueType::kNode) WrongType(ctx, call, "a Node", args[0]);
  ValueList out;
  for (const auto& label : args[0].as_node().labels) out.push_back(Value::String(label));
  return Value::List(std::move(out));
}

Value FnType(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[0].type() != ValueType::kRel) WrongType(ctx, call, "a Relationship", args[0]);
  return Value::String(args[0].as_rel().type);
}

Value FnProperties(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  ValueMap out;
  if (v.type() == ValueType::kNode) {
    for (const auto& [k, p] : v.as_node().properties) out[k] = Value::FromProperty(p);
  } else if (v.type() == ValueType::kRel) {
    for (const auto& [k, p] : v.as_rel().properties) out[k] = Value::FromProperty(p);
  } else if (v.type() == ValueType::kMap) {
    return v;
  } else {
    WrongType(ctx, call, "a Node, Relationship or Map", v);
  }
  return Value::Map(std::move(out));
}

Value FnKeys(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  ValueList out;
  if (v.type() == ValueType::kNode) {
    for (const auto& [k, p] : v.as_node().properties) out.push_back(Value::String(k));
  } else if (v.type() == ValueType::kRel) {
    for (const auto& [k, p] : v.as_rel().properties) out.push_back(Value::String(k));
  } else if (v.type() == ValueType::kMap) {
    for (const auto& [k, p] : v.as_map()) out.push_back(Value::String(k));
  } else {
    WrongType(ctx, call, "a Node, Relationship or Map", v);
  }
  return Value::List(std::move(out));
}

Value FnStartNode(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[0].type() != ValueType::kRel) WrongType(ctx, call, "a Relationship", args[0]);
  return ctx.Materialize(Slot::NodeRef(args[0].as_rel().src));
}

Value FnEndNode(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[0].type() != ValueType::kRel) WrongType(ctx, call, "a Relationship", args[0]);
  return ctx.Materialize(Slot::NodeRef(args[0].as_rel().dst));
}

Value FnNodes(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[0].type() != ValueType::kPath) WrongType(ctx, call, "a Path", args[0]);
  ValueList out;
  for (const auto& node : args[0].as_path().nodes) out.push_back(Value::Node(node));
  return Value::List(std::move(out));
}

Value FnRelationships(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[0].type() != ValueType::kPath) WrongType(ctx, call, "a Path", args[0]);
  ValueList out;
  for (const auto& rel : args[0].as_path().rels) out.push_back(Value::Rel(rel));
  return Value::List(std::move(out));
}

Value FnLength(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.type() == ValueType::kPath) return Value::Int(static_cast<int64_t>(v.as_path().rels.size()));
  if (v.type() == ValueType::kString) {
    return Value::Int(static_cast<int64_t>(CodePointOffsets(v.as_string()).size() - 1));
  }
  if (v.type() == ValueType::kList) return Value::Int(static_cast<int64_t>(v.as_list().size()));
  WrongType(ctx, call, "a Path", v);
}

Value FnSize(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.type() == ValueType::kList) return Value::Int(static_cast<int64_t>(v.as_list().size()));
  if (v.type() == ValueType::kString) {
    return Value::Int(static_cast<int64_t>(CodePointOffsets(v.as_string()).size() - 1));
  }
  if (v.type() == ValueType::kMap) return Value::Int(static_cast<int64_t>(v.as_map().size()));
  WrongType(ctx, call, "a List or String", v);
}

Value FnCoalesce(ExecContext&, const BoundExpr&, Args& args) {
  for (auto& v : args) {
    if (!v.is_null()) return v;
  }
  return Value();
}

Value FnHead(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[0].type() != ValueType::kList) WrongType(ctx, call, "a List", args[0]);
  return args[0].as_list().empty() ? Value() : args[0].as_list().front();
}

Value FnLast(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[0].type() != ValueType::kList) WrongType(ctx, call, "a List", args[0]);
  return args[0].as_list().empty() ? Value() : args[0].as_list().back();
}

Value FnTail(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[0].type() != ValueType::kList) WrongType(ctx, call, "a List", args[0]);
  const auto& list = args[0].as_list();
  if (list.empty()) return Value::List({});
  return Value::List(ValueList(list.begin() + 1, list.end()));
}

Value FnRange(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (AnyNull(args)) ThrowRuntime(ctx, call, "range() arguments must not be null");
  for (const auto& arg : args) {
    if (arg.type() != ValueType::kInt) WrongType(ctx, call, "Integer arguments", arg);
  }
  int64_t start = args[0].as_int();
  int64_t end = args[1].as_int();
  int64_t step = args.size() > 2 ? args[2].as_int() : 1;
  if (step == 0) ThrowRuntime(ctx, call, "range() step must not be zero");
  __int128 span = static_cast<__int128>(end) - start;
  __int128 count = span / step >= 0 ? span / step + 1 : 0;
  ctx.CheckValueSize(static_cast<uint64_t>(std::min<__int128>(count, INT64_MAX / 64)) * sizeof(Value), "range()", call.span);
  ValueList out;
  for (int64_t value = start; step > 0 ? value <= end : value >= end; value += step) {
    out.push_back(Value::Int(value));
    if (out.size() % 4096 == 0) {
      ctx.CheckRowCount(out.size(), "range()");
      ctx.CheckTimeout();
    }
    if ((step > 0 && value > INT64_MAX - step) || (step < 0 && value < INT64_MIN - step)) break;
  }
  return Value::List(std::move(out));
}

Value FnToInteger(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  switch (v.type()) {
    case ValueType::kNull: return Value();
    case ValueType::kInt: return v;
    case ValueType::kFloat: {
      double d = v.as_float();
      if (std::isnan(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18) {
        ThrowRuntime(ctx, call, "value out of Integer range");
      }
      return Value::Int(static_cast<int64_t>(d));
    }
    case ValueType::kBool: return Value::Int(v.as_bool() ? 1 : 0);
    case ValueType::kString: {
      const std::string& s = v.as_string();
      try {
        size_t used = 0;
        int64_t i = std::stoll(s, &used);
        if (used == s.size()) return Value::Int(i);
        double d = std::stod(s, &used);
        if (used == s.size() && std::isfinite(d)) return Value::Int(static_cast<int64_t>(d));
      } catch (const std::exception&) {
      }
      return Value();
    }
    default: WrongType(ctx, call, "a String, Number or Boolean", v);
  }
}

Value FnToFloat(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  switch (v.type()) {
    case ValueType::kNull: return Value();
    case ValueType::kInt: return Value::Float(static_cast<double>(v.as_int()));
    case ValueType::kFloat: return v;
    case ValueType::kString: {
      try {
        size_t used = 0;
        double d = std::stod(v.as_string(), &used);
        if (used == v.as_string().size()) return Value::Float(d);
      } catch (const std::exception&) {
      }
      return Value();
    }
    default: WrongType(ctx, call, "a String or Number", v);
  }
}

Value FnToString(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  switch (v.type()) {
    case ValueType::kNull: return Value();
    case ValueType::kString: return v;
    case ValueType::kInt:
    case ValueType::kFloat:
    case ValueType::kBool: return Value::String(v.ToDisplayString());
    default: WrongType(ctx, call, "a String, Number or Boolean", v);
  }
}

Value FnToStringOrNull(ExecContext&, const BoundExpr&, Args& args) {
  const Value& v = args[0];
  switch (v.type()) {
    case ValueType::kString: return v;
    case ValueType::kInt:
    case ValueType::kFloat:
    case ValueType::kBool: return Value::String(v.ToDisplayString());
    default: return Value();
  }
}

Value FnToBoolean(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  switch (v.type()) {
    case ValueType::kNull: return Value();
    case ValueType::kBool: return v;
    case ValueType::kInt: return Value::Bool(v.as_int() != 0);
    case ValueType::kString: {
      std::string s = v.as_string();
      std::transform(s.begin(), s.end(), s.begin(), ::tolower);
      if (s == "true") return Value::Bool(true);
      if (s == "false") return Value::Bool(false);
      return Value();
    }
    default: WrongType(ctx, call, "a String, Integer or Boolean", v);
  }
}

template <Value (*F)(ExecContext&, const BoundExpr&, Args&)>
Value OrNull(ExecContext& ctx, const BoundExpr& call, Args& args) {
  try {
    return F(ctx, call, args);
  } catch (const QueryError&) {
    return Value();
  }
}

// Maps every code point with `convert` (utf8proc's Unicode case tables);
// bytes that are not valid UTF-8 are kept as they are.
std::string MapCase(const std::string& text, utf8proc_int32_t (*convert)(utf8proc_int32_t)) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t code_point = 0;
    utf8proc_ssize_t length = utf8proc_iterate(bytes, remaining, &code_point);
    if (length <= 0) {
      out.push_back(static_cast<char>(*bytes));
      ++bytes;
      --remaining;
      continue;
    }
    utf8proc_uint8_t encoded[4];
    utf8proc_ssize_t written = utf8proc_encode_char(convert(code_point), encoded);
    out.append(reinterpret_cast<const char*>(encoded), static_cast<size_t>(written));
    bytes += length;
    remaining -= length;
  }
  return out;
}

Value FnToLower(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  return Value::String(MapCase(StringArg(ctx, call, args[0]), utf8proc_tolower));
}

Value FnToUpper(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  return Value::String(MapCase(StringArg(ctx, call, args[0]), utf8proc_toupper));
}

Value TrimImpl(ExecContext& ctx, const BoundExpr& call, Args& args, bool left, bool right) {
  if (args[0].is_null()) return Value();
  const std::string& s = StringArg(ctx, call, args[0]);
  size_t begin = 0, end = s.size();
  if (left) while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  if (right) while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return Value::String(s.substr(begin, end - begin));
}
Value FnTrim(ExecContext& c, const BoundExpr& e, Args& a) { return TrimImpl(c, e, a, true, true); }
Value FnLTrim(ExecContext& c, const BoundExpr& e, Args& a) { return TrimImpl(c, e, a, true, false); }
Value FnRTrim(ExecContext& c, const BoundExpr& e, Args& a) { return TrimImpl(c, e, a, false, true); }

Value FnSplit(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (AnyNull(args)) return Value();
  const std::string& s = StringArg(ctx, call, args[0]);
  const std::string& delimiter = StringArg(ctx, call, args[1]);
  ValueList out;
  if (delimiter.empty()) {
    auto offsets = CodePointOffsets(s);
    for (size_t idx = 0; idx + 1 < offsets.size(); ++idx) {
      out.push_back(Value::String(s.substr(offsets[idx], offsets[idx + 1] - offsets[idx])));
    }
    return Value::List(std::move(out));
  }
  size_t start = 0;
  while (true) {
    size_t found = s.find(delimiter, start);
    if (found == std::string::npos) {
      out.push_back(Value::String(s.substr(start)));
      break;
    }
    out.push_back(Value::String(s.substr(start, found - start)));
    start = found + delimiter.size();
  }
  return Value::List(std::move(out));
}

Value FnSubstring(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  const std::string& s = StringArg(ctx, call, args[0]);
  if (args[1].is_null()) ThrowRuntime(ctx, call, "substring() start must not be null");
  int64_t start = IntArg(ctx, call, args[1]);
  int64_t length = -1;
  if (args.size() > 2) {
    if (args[2].is_null()) ThrowRuntime(ctx, call, "substring() length must not be null");
    length = IntArg(ctx, call, args[2]);
  }
  if (start < 0 || (args.size() > 2 && length < 0)) {
    ThrowRuntime(ctx, call, "substring() start and length must not be negative");
  }
  return Value::String(Utf8Substr(s, start, length));
}

Value FnReplace(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (AnyNull(args)) return Value();
  std::string s = StringArg(ctx, call, args[0]);
  const std::string& from = StringArg(ctx, call, args[1]);
  const std::string& to = StringArg(ctx, call, args[2]);
  if (from.empty()) return Value::String(s);
  std::string out;
  size_t start = 0;
  while (true) {
    size_t found = s.find(from, start);
    if (found == std::string::npos) break;
    out += s.substr(start, found - start) + to;
    start = found + from.size();
    if (out.size() >= (uint64_t{1} << 20)) ctx.CheckValueSize(out.size() + s.size(), "replace()", call.span);
  }
  out += s.substr(start);
  return Value::String(std::move(out));
}

Value FnLeft(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[1].is_null()) ThrowRuntime(ctx, call, "left() length must not be null");
  int64_t length = IntArg(ctx, call, args[1]);
  if (length < 0) ThrowRuntime(ctx, call, "left() length must not be negative");
  return Value::String(Utf8Substr(StringArg(ctx, call, args[0]), 0, length));
}

Value FnRight(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  if (args[1].is_null()) ThrowRuntime(ctx, call, "right() length must not be null");
  int64_t length = IntArg(ctx, call, args[1]);
  if (length < 0) ThrowRuntime(ctx, call, "right() length must not be negative");
  const std::string& s = StringArg(ctx, call, args[0]);
  int64_t count = static_cast<int64_t>(CodePointOffsets(s).size()) - 1;
  return Value::String(Utf8Substr(s, std::max<int64_t>(0, count - length), -1));
}

Value FnReverse(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.type() == ValueType::kList) {
    ValueList out(v.as_list().rbegin(), v.as_list().rend());
    return Value::List(std::move(out));
  }
  const std::string& s = StringArg(ctx, call, v);
  auto offsets = CodePointOffsets(s);
  std::string out;
  for (size_t idx = offsets.size() - 1; idx > 0; --idx) {
    out += s.substr(offsets[idx - 1], offsets[idx] - offsets[idx - 1]);
  }
  return Value::String(std::move(out));
}

Value FnAbs(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.type() == ValueType::kInt) {
    if (v.as_int() == INT64_MIN) ThrowRuntime(ctx, call, "integer overflow");
    return Value::Int(std::abs(v.as_int()));
  }
  return Value::Float(std::fabs(NumberArg(ctx, call, v)));
}

Value FnSign(ExecContext& ctx, const BoundExpr& call, Args& args) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  double d = NumberArg(ctx, call, v);
  return Value::Int(d > 0 ? 1 : (d < 0 ? -1 : 0));
}

template <double (*F)(double)>
Value MathFn(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  return Value::Float(F(NumberArg(ctx, call, args[0])));
}
double RoundHalfUp(double d) { return std::floor(d + 0.5); }
double Sqrt(double d) { return std::sqrt(d); }
double Exp(double d) { return std::exp(d); }
double Log(double d) { return std::log(d); }
double Log10(double d) { return std::log10(d); }
double Floor(double d) { return std::floor(d); }
double Ceil(double d) { return std::ceil(d); }
double Sin(double d) { return std::sin(d); }
double Cos(double d) { return std::cos(d); }
double Tan(double d) { return std::tan(d); }
double Asin(double d) { return std::asin(d); }
double Acos(double d) { return std::acos(d); }
double Atan(double d) { return std::atan(d); }

Value FnRound(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (args[0].is_null()) return Value();
  double d = NumberArg(ctx, call, args[0]);
  if (args.size() > 1 && !args[1].is_null()) {
    double scale = std::pow(10.0, static_cast<double>(IntArg(ctx, call, args[1])));
    return Value::Float(std::floor(d * scale + 0.5) / scale);
  }
  return Value::Float(RoundHalfUp(d));
}

Value FnAtan2(ExecContext& ctx, const BoundExpr& call, Args& args) {
  if (AnyNull(args)) return Value();
  return Value::Float(std::atan2(NumberArg(ctx, call, args[0]), NumberArg(ctx, call, args[1])));
}

Value FnRand(ExecContext&, const BoundExpr&, Args&) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return Value::Float(std::uniform_real_distribution<double>(0.0, 1.0)(engine));
}
Value FnPi(ExecContext&, const BoundExpr&, Args&) { return Value::Float(M_PI); }
Value FnE(ExecContext&, const BoundExpr&, Args&) { return Value::Float(M_E); }

Value FnExists(ExecContext&, const BoundExpr&, Args& args) { return Value::Bool(!args[0].is_null()); }

Value FnTimestamp(ExecContext&, const BoundExpr&, Args&) {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return Value::Int(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

const std::unordered_map<std::string, FunctionInfo>& Registry() {
  static const std::unordered_map<std::string, FunctionInfo> registry = {
      {"id", {FnId, 1, 1}},
      {"labels", {FnLabels, 1, 1}},
      {"type", {FnType, 1, 1}},
      {"properties", {FnProperties, 1, 1}},
      {"keys", {FnKeys, 1, 1}},
      {"startnode", {FnStartNode, 1, 1}},
      {"endnode", {FnEndNode, 1, 1}},
      {"nodes", {FnNodes, 1, 1}},
      {"relationships", {FnRelationships, 1, 1}},
      {"rels", {FnRelationships, 1, 1}},
      {"length", {FnLength, 1, 1}},
      {"size", {FnSize, 1, 1}},
      {"coalesce", {FnCoalesce, 1, -1}},
      {"head", {FnHead, 1, 1}},
      {"last", {FnLast, 1, 1}},
      {"tail", {FnTail, 1, 1}},
      {"range", {FnRange, 2, 3}},
      {"tointeger", {FnToInteger, 1, 1}},
      {"tofloat", {FnToFloat, 1, 1}},
      {"tostring", {FnToString, 1, 1}},
      {"toboolean", {FnToBoolean, 1, 1}},
      {"tointegerornull", {OrNull<FnToInteger>, 1, 1}},
      {"tofloatornull", {OrNull<FnToFloat>, 1, 1}},
      {"tostringornull", {FnToStringOrNull, 1, 1}},
      {"tobooleanornull", {OrNull<FnToBoolean>, 1, 1}},
      {"tolower", {FnToLower, 1, 1}},
      {"toupper", {FnToUpper, 1, 1}},
      {"trim", {FnTrim, 1, 1}},
      {"ltrim", {FnLTrim, 1, 1}},
      {"rtrim", {FnRTrim, 1, 1}},
      {"split", {FnSplit, 2, 2}},
      {"substring", {FnSubstring, 2, 3}},
      {"replace", {FnReplace, 3, 3}},
      {"left", {FnLeft, 2, 2}},
      {"right", {FnRight, 2, 2}},
      {"reverse", {FnReverse, 1, 1}},
      {"abs", {FnAbs, 1, 1}},
      {"sign", {FnSign, 1, 1}},
      {"round", {FnRound, 1, 2}},
      {"floor", {MathFn<Floor>, 1, 1}},
      {"ceil", {MathFn<Ceil>, 1, 1}},
      {"sqrt", {MathFn<Sqrt>, 1, 1}},
      {"exp", {MathFn<Exp>, 1, 1}},
      {"log", {MathFn<Log>, 1, 1}},
      {"log10", {MathFn<Log10>, 1, 1}},
      {"sin", {MathFn<Sin>, 1, 1}},
      {"cos", {MathFn<Cos>, 1, 1}},
      {"tan", {MathFn<Tan>, 1, 1}},
      {"asin", {MathFn<Asin>, 1, 1}},
      {"acos", {MathFn<Acos>, 1, 1}},
      {"atan", {MathFn<Atan>, 1, 1}},
      {"atan2", {FnAtan2, 2, 2}},
      {"rand", {FnRand, 0, 0}},
      {"pi", {FnPi, 0, 0}},
      {"e", {FnE, 0, 0}},
      {"exists", {FnExists, 1, 1}},
      {"timestamp", {FnTimestamp, 0, 0}},
  };
  return registry;
}

}  // namespace

const FunctionInfo* FindFunction(const std::string& lower_name) {
  auto it = Registry().find(lower_name);
  return it == Registry().end() ? nullptr : &it->second;
}

std::vector<std::string> ScalarFunctionNames() {
  std::vector<std::string> names;
  for (const auto& [name, info] : Registry()) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

bool IsAggregateFunction(const std::string& lower_name) {
  static const char* kNames[] = {"count", "sum", "avg", "min", "max", "collect",
                                 "stdev", "stdevp", "percentilecont", "percentiledisc"};
  for (const char* name : kNames) {
    if (lower_name == name) return true;
  }
  return false;
}

}  // namespace ecograph::query
