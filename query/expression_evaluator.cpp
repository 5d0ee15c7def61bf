// Expression evaluation with openCypher semantics: three-valued logic,
// null propagation, checked integer arithmetic.
#include <re2/re2.h>

#include <cmath>
#include <limits>
#include <unordered_map>

#include "query/bound_expr.h"
#include "query/physical/operators.h"
#include "query/value_ops.h"

namespace ecograph::query {

PatternPlan::PatternPlan() = default;
PatternPlan::~PatternPlan() = default;
PatternPlan::PatternPlan(PatternPlan&&) noexcept = default;

namespace {

[[noreturn]] void ThrowRuntimeAt(ExecContext& ctx, const SourceSpan& span, const std::string& message) {
  std::string text = ctx.SpanText(span);
  throw QueryError(ErrorKind::kRuntime, text.empty() ? message : message + " in '" + text + "'", span);
}

}  // namespace

void ThrowRuntime(ExecContext& ctx, const BoundExpr& expr, const std::string& message) {
  ThrowRuntimeAt(ctx, expr.span, message);
}

namespace {

using Tri = std::optional<bool>;

Value FromTri(Tri t) { return t.has_value() ? Value::Bool(*t) : Value(); }

Tri ToTri(ExecContext& ctx, const BoundExpr& expr, const Value& v) {
  if (v.is_null()) return std::nullopt;
  if (v.type() != ValueType::kBool) {
    ThrowRuntime(ctx, expr, std::string("expected a Boolean but got ") + ValueTypeName(v.type()));
  }
  return v.as_bool();
}

bool IsNumber(const Value& v) { return v.type() == ValueType::kInt || v.type() == ValueType::kFloat; }
double AsDouble(const Value& v) {
  return v.type() == ValueType::kInt ? static_cast<double>(v.as_int()) : v.as_float();
}

const Slot* EntitySlot(const BoundExpr& expr, const Row& row) {
  if (expr.kind != ExprKind::kVariable || expr.internal != InternalOp::kNone || expr.slot < 0) {
    return nullptr;
  }
  const Slot& slot = row[expr.slot];
  return slot.kind == Slot::Kind::kValue ? nullptr : &slot;
}

Value PropertyOf(ExecContext& ctx, const BoundExpr& expr, const Value& target,
                 const std::string& key) {
  switch (target.type()) {
    case ValueType::kNull: return Value();
    case ValueType::kNode: {
      auto it = target.as_node().properties.find(key);
      return it == target.as_node().properties.end() ? Value() : Value::FromProperty(it->second);
    }
    case ValueType::kRel: {
      auto it = target.as_rel().properties.find(key);
      return it == target.as_rel().properties.end() ? Value() : Value::FromProperty(it->second);
    }
    case ValueType::kMap: {
      auto it = target.as_map().find(key);
      return it == target.as_map().end() ? Value() : it->second;
    }
    default:
      ThrowRuntime(ctx, expr, std::string("cannot read property '") + key + "' of a " +
                                  ValueTypeName(target.type()));
  }
}

Value SlotProperty(ExecContext& ctx, const Slot& slot, const std::string& key) {
  const storage::PropertyMap* properties = nullptr;
  std::shared_ptr<const NodeValue> node;
  std::shared_ptr<const RelValue> rel;
  if (slot.kind == Slot::Kind::kNode) {
    node = ctx.GetNode(slot.id);
    if (!node) {
      throw QueryError(ErrorKind::kRuntime, "node " + std::to_string(slot.id) + " has been deleted");
    }
    properties = &node->properties;
  } else {
    rel = ctx.GetRel(slot.id);
    if (!rel) {
      throw QueryError(ErrorKind::kRuntime, "relationship " + std::to_string(slot.id) + " has been deleted");
    }
    properties = &rel->properties;
  }
  auto it = properties->find(key);
  return it == properties->end() ? Value() : Value::FromProperty(it->second);
}

// `span`: the source of this one operation (errors quote it).
Value Arithmetic(ExecContext& ctx, const SourceSpan& span, BinaryOp op, const Value& a,
                 const Value& b) {
  if (a.is_null() || b.is_null()) return Value();
  if (op == BinaryOp::kAdd) {
    if (a.type() == ValueType::kList || b.type() == ValueType::kList) {
      // The operands stay alive while the result is built: count both.
      ctx.CheckValueSize(2 * (ApproxBytes(a) + ApproxBytes(b)), "a list concatenation", span);
      ValueList out;
      if (a.type() == ValueType::kList) out = a.as_list(); else out.push_back(a);
      if (b.type() == ValueType::kList) {
        out.insert(out.end(), b.as_list().begin(), b.as_list().end());
      } else {
        out.push_back(b);
      }
      return Value::List(std::move(out));
    }
    if (a.type() == ValueType::kString || b.type() == ValueType::kString) {
      auto append = [](std::string& out, const Value& v) {
        if (v.type() == ValueType::kString) {
          out += v.as_string();
        } else {
          out += v.ToDisplayString();
        }
      };
      if ((a.type() == ValueType::kString || IsNumber(a) || a.type() == ValueType::kBool) &&
          (b.type() == ValueType::kString || IsNumber(b) || b.type() == ValueType::kBool)) {
        ctx.CheckValueSize(2 * (ApproxBytes(a) + ApproxBytes(b)), "a string concatenation", span);
        std::string out;
        out.reserve(ApproxBytes(a) + ApproxBytes(b));
        append(out, a);
        append(out, b);
        return Value::String(std::move(out));
      }
    }
  }
  if (!IsNumber(a) || !IsNumber(b)) {
    static const char* kOpNames[] = {"OR", "XOR", "AND", "+", "-", "*", "/", "%", "^"};
    ThrowRuntimeAt(ctx, span, std::string("cannot apply '") + kOpNames[static_cast<int>(op)] +
                                "' to " + ValueTypeName(a.type()) + " and " +
                                ValueTypeName(b.type()));
  }
  if (a.type() == ValueType::kInt && b.type() == ValueType::kInt && op != BinaryOp::kPower) {
    int64_t x = a.as_int(), y = b.as_int(), result = 0;
    switch (op) {
      case BinaryOp::kAdd:
        if (__builtin_add_overflow(x, y, &result)) ThrowRuntimeAt(ctx, span, "integer overflow");
        return Value::Int(result);
      case BinaryOp::kSubtract:
        if (__builtin_sub_overflow(x, y, &result)) ThrowRuntimeAt(ctx, span, "integer overflow");
        return Value::Int(result);
      case BinaryOp::kMultiply:
        if (__builtin_mul_overflow(x, y, &result)) ThrowRuntimeAt(ctx, span, "integer overflow");
        return Value::Int(result);
      case BinaryOp::kDivide:
        if (y == 0) ThrowRuntimeAt(ctx, span, "division by zero");
        if (x == std::numeric_limits<int64_t>::min() && y == -1) {
          ThrowRuntimeAt(ctx, span, "integer overflow");
        }
        return Value::Int(x / y);
      case BinaryOp::kModulo:
        if (y == 0) ThrowRuntimeAt(ctx, span, "division by zero");
        if (y == -1) return Value::Int(0);
        return Value::Int(x % y);
      default: break;
    }
  }
  double x = AsDouble(a), y = AsDouble(b);
  switch (op) {
    case BinaryOp::kAdd: return Value::Float(x + y);
    case BinaryOp::kSubtract: return Value::Float(x - y);
    case BinaryOp::kMultiply: return Value::Float(x * y);
    case BinaryOp::kDivide: return Value::Float(x / y);
    case BinaryOp::kModulo: return Value::Float(std::fmod(x, y));
    case BinaryOp::kPower: return Value::Float(std::pow(x, y));
    default: return Value();
  }
}

const RE2& CompiledRegex(ExecContext& ctx, const BoundExpr& expr, const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::unique_ptr<RE2>> cache;
  auto it = cache.find(pattern);
  if (it != cache.end()) return *it->second;
  if (cache.size() > 256) cache.clear();
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_unique<RE2>(pattern, options);
  if (!regex->ok()) ThrowRuntime(ctx, expr, "invalid regular expression: " + regex->error());
  return *cache.emplace(pattern, std::move(regex)).first->second;
}

Value StringPredicate(ExecContext& ctx, const BoundExpr& expr, BinaryOp op, const Value& a,
                      const Value& b) {
  if (a.type() != ValueType::kString || b.type() != ValueType::kString) return Value();
  const std::string& s = a.as_string();
  const std::string& t = b.as_string();
  switch (op) {
    case BinaryOp::kStartsWith: return Value::Bool(s.compare(0, t.size(), t) == 0 && s.size() >= t.size());
    case BinaryOp::kEndsWith:
      return Value::Bool(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
    case BinaryOp::kContains: return Value::Bool(s.find(t) != std::string::npos);
    case BinaryOp::kRegexMatch: return Value::Bool(RE2::FullMatch(s, CompiledRegex(ctx, expr, t)));
    default: return Value();
  }
}

Value InList(const Value& item, const Value& list, ExecContext& ctx, const BoundExpr& expr) {
  if (list.is_null()) return Value();
  if (list.type() != ValueType::kList) {
    ThrowRuntime(ctx, expr, std::string("IN expects a List but got ") + ValueTypeName(list.type()));
  }
  bool unknown = false;
  for (const auto& element : list.as_list()) {
    auto eq = CypherEquals(item, element);
    if (!eq.has_value()) unknown = true;
    else if (*eq) return Value::Bool(true);
  }
  if (unknown || (item.is_null() && !list.as_list().empty())) return Value();
  return Value::Bool(false);
}

bool CompareHolds(ComparisonOp op, int c) {
  switch (op) {
    case ComparisonOp::kEq: return c == 0;
    case ComparisonOp::kNe: return c != 0;
    case ComparisonOp::kLt: return c < 0;
    case ComparisonOp::kLe: return c <= 0;
    case ComparisonOp::kGt: return c > 0;
    case ComparisonOp::kGe: return c >= 0;
  }
  return false;
}

Tri CompareValues(ComparisonOp op, const Value& a, const Value& b) {
  if (op == ComparisonOp::kEq || op == ComparisonOp::kNe) {
    auto eq = CypherEquals(a, b);
    if (!eq.has_value()) return std::nullopt;
    return op == ComparisonOp::kEq ? *eq : !*eq;
  }
  auto c = CypherCompare(a, b);
  if (!c.has_value()) {
    // NaN compares false rather than null.
    bool nan = (a.type() == ValueType::kFloat && std::isnan(a.as_float()) && IsNumber(b)) ||
               (b.type() == ValueType::kFloat && std::isnan(b.as_float()) && IsNumber(a));
    if (nan) return false;
    return std::nullopt;
  }
  return CompareHolds(op, *c);
}

int64_t ClampIndex(int64_t index, int64_t size) {
  if (index < 0) index += size;
  return std::max<int64_t>(0, std::min(index, size));
}

Value RunPatternComprehension(const BoundExpr& expr, const Row& row, ExecContext& ctx) {
  PatternPlan& plan = *expr.pattern;
  plan.argument->SetArgument(&row);
  plan.root->Open(ctx);
  Row buffer(row.size());
  ValueList out;
  while (plan.root->Next(ctx, &buffer)) {
    ctx.Tick();
    if (expr.where_expr && !EvaluatePredicate(*expr.where_expr, buffer, ctx)) continue;
    out.push_back(Evaluate(*expr.map_expr, buffer, ctx));
  }
  return Value::List(std::move(out));
}

bool RunPatternExists(const BoundExpr& expr, const Row& row, ExecContext& ctx) {
  PatternPlan& plan = *expr.pattern;
  plan.argument->SetArgument(&row);
  plan.root->Open(ctx);
  Row buffer(row.size());
  return plan.root->Next(ctx, &buffer);
}

NodeValue NodeOf(ExecContext& ctx, const Slot& slot) {
  if (slot.kind == Slot::Kind::kNode) {
    auto node = ctx.GetNode(slot.id);
    return node ? *node : NodeValue{slot.id, {}, {}};
  }
  if (slot.value.type() == ValueType::kNode) return slot.value.as_node();
  return NodeValue{};
}

Value BuildPath(const BoundExpr& expr, const Row& row, ExecContext& ctx) {
  PathValue path;
  const Slot& first = row[expr.path_slots[0]];
  if (first.is_null()) return Value();
  path.nodes.push_back(NodeOf(ctx, first));
  for (size_t idx = 1; idx + 1 < expr.path_slots.size(); idx += 2) {
    const Slot& rel_slot = row[expr.path_slots[idx]];
    const Slot& node_slot = row[expr.path_slots[idx + 1]];
    if (node_slot.is_null()) return Value();
    if (expr.path_rel_is_list[idx / 2]) {
      // Var-length: a list of relationships; intermediate nodes follow them.
      if (rel_slot.value.type() == ValueType::kList) {
        for (const auto& rel : rel_slot.value.as_list()) {
          const RelValue& r = rel.as_rel();
          uint64_t current = path.nodes.back().id;
          uint64_t next = r.src == current ? r.dst : r.src;
          path.rels.push_back(r);
          auto node = ctx.GetNode(next);
          path.nodes.push_back(node ? *node : NodeValue{next, {}, {}});
        }
      }
      if (path.nodes.back().id != NodeOf(ctx, node_slot).id) path.nodes.push_back(NodeOf(ctx, node_slot));
      continue;
    }
    Value rel = ctx.Materialize(rel_slot);
    if (rel.type() != ValueType::kRel) return Value();
    path.rels.push_back(rel.as_rel());
    path.nodes.push_back(NodeOf(ctx, node_slot));
  }
  return Value::Path(std::move(path));
}

}  // namespace

Slot EvaluateToSlot(const BoundExpr& expr, const Row& row, ExecContext& ctx) {
  if (expr.kind == ExprKind::kVariable && expr.internal == InternalOp::kNone && expr.slot >= 0) {
    return row[expr.slot];
  }
  Slot slot;
  slot.value = Evaluate(expr, row, ctx);
  return slot;
}

bool EvaluatePredicate(const BoundExpr& expr, const Row& row, ExecContext& ctx) {
  Value v = Evaluate(expr, row, ctx);
  if (v.is_null()) return false;
  if (v.type() != ValueType::kBool) {
    ThrowRuntime(ctx, expr, std::string("expected a Boolean predicate but got ") +
                                ValueTypeName(v.type()));
  }
  return v.as_bool();
}

Value Evaluate(const BoundExpr& expr, const Row& row, ExecContext& ctx) {
  ctx.Tick();  // long list operations and comprehensions stay interruptible
  switch (expr.internal) {
    case InternalOp::kNone: break;
    case InternalOp::kHasLabels: {
      const Slot& slot = row[expr.slot];
      if (slot.is_null()) return Value();
      uint64_t id = slot.kind == Slot::Kind::kNode ? slot.id
                    : slot.value.type() == ValueType::kNode ? slot.value.as_node().id
                                                             : UINT64_MAX;
      if (id == UINT64_MAX) ThrowRuntime(ctx, expr, "label check on a non-node");
      for (const auto& label : expr.labels) {
        if (!ctx.HasLabel(id, label)) return Value::Bool(false);
      }
      return Value::Bool(true);
    }
    case InternalOp::kPropertyEquals: {
      const Slot& slot = row[expr.slot];
      Value actual = slot.kind == Slot::Kind::kValue
                         ? PropertyOf(ctx, expr, slot.value, expr.name)
                         : SlotProperty(ctx, slot, expr.name);
      return FromTri(CypherEquals(actual, Evaluate(*expr.children[0], row, ctx)));
    }
    case InternalOp::kBuildPath: return BuildPath(expr, row, ctx);
    case InternalOp::kSameRel: {
      // Null (an OPTIONAL MATCH that found nothing) or not a relationship:
      // no relationship is it.
      const Slot& mine = row[expr.slot];
      const Slot& bound = row[expr.path_slots[0]];
      uint64_t bound_id = 0;
      if (bound.kind == Slot::Kind::kRel) {
        bound_id = bound.id;
      } else if (bound.kind == Slot::Kind::kValue && bound.value.type() == ValueType::kRel) {
        bound_id = bound.value.as_rel().id;
      } else {
        return Value::Bool(false);
      }
      const uint64_t mine_id = mine.kind == Slot::Kind::kRel ? mine.id : mine.value.as_rel().id;
      return Value::Bool(mine_id == bound_id);
    }
    case InternalOp::kRelUnique: {
      const Slot& slot = row[expr.slot];
      for (int other : expr.path_slots) {
        if (row[other].kind == Slot::Kind::kRel && row[other].id == slot.id) return Value::Bool(false);
      }
      return Value::Bool(true);
    }
  }

  switch (expr.kind) {
    case ExprKind::kLiteral: return expr.constant;
    case ExprKind::kParameter: {
      auto it = ctx.params().find(expr.name);
      if (it == ctx.params().end()) {
        throw QueryError(ErrorKind::kSemantic, "expected parameter $" + expr.name, expr.span);
      }
      return it->second;
    }
    case ExprKind::kVariable: return ctx.Materialize(row[expr.slot]);
    case ExprKind::kProperty: {
      if (const Slot* slot = EntitySlot(*expr.children[0], row)) {
        return SlotProperty(ctx, *slot, expr.name);
      }
      Value target = Evaluate(*expr.children[0], row, ctx);
      // Node and relationship values may predate a SET: read the current record.
      if (target.type() == ValueType::kNode) return SlotProperty(ctx, Slot::NodeRef(target.as_node().id), expr.name);
      if (target.type() == ValueType::kRel) {
        Slot rel;
        rel.kind = Slot::Kind::kRel;
        rel.id = target.as_rel().id;
        return SlotProperty(ctx, rel, expr.name);
      }
      return PropertyOf(ctx, expr, target, expr.name);
    }
    case ExprKind::kList: {
      ValueList items;
      items.reserve(expr.children.size());
      for (const auto& child : expr.children) items.push_back(Evaluate(*child, row, ctx));
      return Value::List(std::move(items));
    }
    case ExprKind::kMap: {
      ValueMap entries;
      for (size_t idx = 0; idx < expr.children.size(); ++idx) {
        entries[expr.map_keys[idx]] = Evaluate(*expr.children[idx], row, ctx);
      }
      return Value::Map(std::move(entries));
    }
    case ExprKind::kUnary: {
      Value v = Evaluate(*expr.children[0], row, ctx);
      UnaryOp op = expr.unary_op;
      if (op == UnaryOp::kNot) {
        Tri t = ToTri(ctx, expr, v);
        return t.has_value() ? Value::Bool(!*t) : Value();
      }
      if (v.is_null()) return Value();
      if (!IsNumber(v)) {
        ThrowRuntime(ctx, expr, std::string("expected a Number but got ") + ValueTypeName(v.type()));
      }
      if (op == UnaryOp::kPlus) return v;
      if (v.type() == ValueType::kFloat) return Value::Float(-v.as_float());
      if (v.as_int() == std::numeric_limits<int64_t>::min()) ThrowRuntime(ctx, expr, "integer overflow");
      return Value::Int(-v.as_int());
    }
    case ExprKind::kBinary: {
      BinaryOp op = expr.binary_op;
      if (op == BinaryOp::kAnd || op == BinaryOp::kOr || op == BinaryOp::kXor) {
        Tri left = ToTri(ctx, *expr.children[0], Evaluate(*expr.children[0], row, ctx));
        if (op == BinaryOp::kAnd && left == false) return Value::Bool(false);
        if (op == BinaryOp::kOr && left == true) return Value::Bool(true);
        Tri right = ToTri(ctx, *expr.children[1], Evaluate(*expr.children[1], row, ctx));
        if (op == BinaryOp::kAnd) {
          if (right == false) return Value::Bool(false);
          if (!left.has_value() || !right.has_value()) return Value();
          return Value::Bool(true);
        }
        if (op == BinaryOp::kOr) {
          if (right == true) return Value::Bool(true);
          if (!left.has_value() || !right.has_value()) return Value();
          return Value::Bool(false);
        }
        if (!left.has_value() || !right.has_value()) return Value();
        return Value::Bool(*left != *right);
      }
      Value a = Evaluate(*expr.children[0], row, ctx);
      if (expr.children.size() > 2) {  // a flat arithmetic chain: fold left, iteratively
        for (size_t idx = 1; idx < expr.children.size(); ++idx) {
          // Errors quote the chain up to this term: `a + b` of `a + b - c`.
          SourceSpan step = expr.span;
          const SourceSpan& term = expr.children[idx]->span;
          if (step.valid && term.valid && term.offset + term.length > step.offset) {
            step.length = term.offset + term.length - step.offset;
          }
          a = Arithmetic(ctx, step, expr.chain_ops[idx - 1], a, Evaluate(*expr.children[idx], row, ctx));
        }
        return a;
      }
      Value b = Evaluate(*expr.children[1], row, ctx);
      switch (op) {
        case BinaryOp::kIn: return InList(a, b, ctx, expr);
        case BinaryOp::kStartsWith:
        case BinaryOp::kEndsWith:
        case BinaryOp::kContains:
        case BinaryOp::kRegexMatch: return StringPredicate(ctx, expr, op, a, b);
        default: return Arithmetic(ctx, expr.span, op, a, b);
      }
    }
    case ExprKind::kComparison: {
      const auto& ops = expr.comparison_ops;
      Tri result = true;
      // Fast path: entity references compare by id.
      if (ops.size() == 1 && (ops[0] == ComparisonOp::kEq || ops[0] == ComparisonOp::kNe)) {
        const Slot* left = EntitySlot(*expr.children[0], row);
        const Slot* right = EntitySlot(*expr.children[1], row);
        if (left && right) {
          bool same = left->kind == right->kind && left->id == right->id;
          return Value::Bool(ops[0] == ComparisonOp::kEq ? same : !same);
        }
      }
      Value left = Evaluate(*expr.children[0], row, ctx);
      for (size_t idx = 0; idx < ops.size(); ++idx) {
        Value right = Evaluate(*expr.children[idx + 1], row, ctx);
        Tri t = CompareValues(ops[idx], left, right);
        if (t == false) return Value::Bool(false);
        if (!t.has_value()) result = std::nullopt;
        left = std::move(right);
      }
      return FromTri(result);
    }
    case ExprKind::kIsNull: {
      bool is_null;
      if (expr.children[0]->kind == ExprKind::kVariable && expr.children[0]->slot >= 0) {
        is_null = row[expr.children[0]->slot].is_null();
      } else {
        is_null = Evaluate(*expr.children[0], row, ctx).is_null();
      }
      return Value::Bool(expr.negated ? !is_null : is_null);
    }
    case ExprKind::kFunctionCall: {
      // Fast paths that need no store access.
      if (expr.children.size() == 1) {
        if (const Slot* slot = EntitySlot(*expr.children[0], row)) {
          if (expr.name == "id") return Value::Int(static_cast<int64_t>(slot->id));
          if (expr.name == "type" && slot->kind == Slot::Kind::kRel) {
            return Value::String(ctx.TypeName(slot->type));
          }
        }
      }
      std::vector<Value> args;
      args.reserve(expr.children.size());
      for (const auto& child : expr.children) args.push_back(Evaluate(*child, row, ctx));
      return expr.function(ctx, expr, args);
    }
    case ExprKind::kCountStar:
      ThrowRuntime(ctx, expr, "count(*) is only valid in RETURN and WITH");
    case ExprKind::kCase: {
      size_t pairs = expr.children.size() / 2;
      if (expr.case_subject) {
        Value subject = Evaluate(*expr.case_subject, row, ctx);
        for (size_t idx = 0; idx < pairs; ++idx) {
          Value when = Evaluate(*expr.children[2 * idx], row, ctx);
          if (CypherEquals(subject, when) == true) return Evaluate(*expr.children[2 * idx + 1], row, ctx);
        }
      } else {
        for (size_t idx = 0; idx < pairs; ++idx) {
          Value when = Evaluate(*expr.children[2 * idx], row, ctx);
          if (when.type() == ValueType::kBool && when.as_bool()) {
            return Evaluate(*expr.children[2 * idx + 1], row, ctx);
          }
        }
      }
      return expr.case_else ? Evaluate(*expr.case_else, row, ctx) : Value();
    }
    case ExprKind::kIndex: {
      Value target = Evaluate(*expr.children[0], row, ctx);
      Value index = Evaluate(*expr.children[1], row, ctx);
      if (target.is_null() || index.is_null()) return Value();
      if (target.type() == ValueType::kList) {
        if (index.type() != ValueType::kInt) {
          ThrowRuntime(ctx, expr, std::string("list index must be an Integer, not ") +
                                      ValueTypeName(index.type()));
        }
        int64_t size = static_cast<int64_t>(target.as_list().size());
        int64_t i = index.as_int();
        if (i < 0) i += size;
        if (i < 0 || i >= size) return Value();
        return target.as_list()[i];
      }
      if (index.type() != ValueType::kString) {
        ThrowRuntime(ctx, expr, std::string("key must be a String, not ") + ValueTypeName(index.type()));
      }
      return PropertyOf(ctx, expr, target, index.as_string());
    }
    case ExprKind::kSlice: {
      Value target = Evaluate(*expr.children[0], row, ctx);
      if (target.is_null()) return Value();
      if (target.type() != ValueType::kList) {
        ThrowRuntime(ctx, expr, std::string("cannot slice a ") + ValueTypeName(target.type()));
      }
      int64_t size = static_cast<int64_t>(target.as_list().size());
      int64_t from = 0, to = size;
      if (expr.slice_from) {
        Value v = Evaluate(*expr.slice_from, row, ctx);
        if (v.is_null()) return Value();
        if (v.type() != ValueType::kInt) ThrowRuntime(ctx, expr, "slice bounds must be Integers");
        from = ClampIndex(v.as_int(), size);
      }
      if (expr.slice_to) {
        Value v = Evaluate(*expr.slice_to, row, ctx);
        if (v.is_null()) return Value();
        if (v.type() != ValueType::kInt) ThrowRuntime(ctx, expr, "slice bounds must be Integers");
        to = ClampIndex(v.as_int(), size);
      }
      ValueList out;
      for (int64_t idx = from; idx < to; ++idx) out.push_back(target.as_list()[idx]);
      return Value::List(std::move(out));
    }
    case ExprKind::kListComprehension:
    case ExprKind::kQuantifier: {
      Value list = Evaluate(*expr.children[0], row, ctx);
      if (list.is_null()) return Value();
      if (list.type() != ValueType::kList) {
        ThrowRuntime(ctx, expr, std::string("expected a List but got ") + ValueTypeName(list.type()));
      }
      Row local = row;
      if (expr.kind == ExprKind::kListComprehension) {
        ValueList out;
        for (const auto& item : list.as_list()) {
          local[expr.slot] = Slot();
          local[expr.slot].value = item;
          if (expr.where_expr && !EvaluatePredicate(*expr.where_expr, local, ctx)) continue;
          out.push_back(expr.map_expr ? Evaluate(*expr.map_expr, local, ctx) : item);
        }
        return Value::List(std::move(out));
      }
      size_t true_count = 0, null_count = 0;
      for (const auto& item : list.as_list()) {
        local[expr.slot] = Slot();
        local[expr.slot].value = item;
        Value v = expr.where_expr ? Evaluate(*expr.where_expr, local, ctx) : Value::Bool(true);
        Tri t = ToTri(ctx, *expr.where_expr, v);
        if (!t.has_value()) ++null_count;
        else if (*t) ++true_count;
      }
      size_t total = list.as_list().size();
      size_t false_count = total - true_count - null_count;
      switch (expr.quantifier) {
        case Quantifier::kAll:
          if (false_count > 0) return Value::Bool(false);
          return null_count > 0 ? Value() : Value::Bool(true);
        case Quantifier::kAny:
          if (true_count > 0) return Value::Bool(true);
          return null_count > 0 ? Value() : Value::Bool(false);
        case Quantifier::kNone:
          if (true_count > 0) return Value::Bool(false);
          return null_count > 0 ? Value() : Value::Bool(true);
        case Quantifier::kSingle:
          if (true_count > 1) return Value::Bool(false);
          if (null_count > 0) return Value();
          return Value::Bool(true_count == 1);
      }
      return Value();
    }
    case ExprKind::kPatternPredicate: return Value::Bool(RunPatternExists(expr, row, ctx));
    case ExprKind::kExists: {
      if (expr.pattern) return Value::Bool(RunPatternExists(expr, row, ctx));
      return Value::Bool(!Evaluate(*expr.children[0], row, ctx).is_null());
    }
    case ExprKind::kMapProjection: {
      const Slot& slot = row[expr.slot];
      Value target = ctx.Materialize(slot);
      if (target.is_null()) return Value();
      ValueMap out;
      if (expr.map_projection_all) {
        if (target.type() == ValueType::kNode) {
          for (const auto& [k, v] : target.as_node().properties) out[k] = Value::FromProperty(v);
        } else if (target.type() == ValueType::kRel) {
          for (const auto& [k, v] : target.as_rel().properties) out[k] = Value::FromProperty(v);
        } else if (target.type() == ValueType::kMap) {
          out = target.as_map();
        }
      }
      for (size_t idx = 0; idx < expr.children.size(); ++idx) {
        const std::string& key = expr.map_keys[idx];
        out[key] = expr.children[idx] ? Evaluate(*expr.children[idx], row, ctx)
                                      : PropertyOf(ctx, expr, target, key);
      }
      return Value::Map(std::move(out));
    }
    case ExprKind::kPatternComprehension: return RunPatternComprehension(expr, row, ctx);
  }
  return Value();
}

}  // namespace ecograph::query
