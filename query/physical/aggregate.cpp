// Hash aggregation. Grouping keys hash entity references by id, so grouping
// by a node never fetches its properties.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "query/physical/operators.h"

namespace ecograph::query {

struct AggregateOperator::State {
  int64_t count = 0;
  bool sum_is_int = true;
  int64_t int_sum = 0;
  __int128 wide_sum = 0;  // avg() of integers: cannot overflow for < 2^64 values
  double float_sum = 0;
  bool has_best = false;
  Value best;
  ValueList items;
  std::unique_ptr<std::unordered_set<std::vector<Slot>, SlotVectorHash, SlotVectorEq>> seen;
  // DISTINCT over node/relationship references hashes ids only.
  std::unique_ptr<std::unordered_set<uint64_t>> seen_nodes, seen_rels;
  Value extra;  // percentile
};

namespace {

bool IsNumber(const Value& v) { return v.type() == ValueType::kInt || v.type() == ValueType::kFloat; }

// True when `expr` depends only on the slots it adds to `slots`.
bool CollectKeyDependencies(const BoundExpr& expr, std::vector<int>* slots) {
  if (expr.internal != InternalOp::kNone) return false;
  switch (expr.kind) {
    case ExprKind::kLiteral:
    case ExprKind::kParameter: return true;
    case ExprKind::kVariable:
      slots->push_back(expr.slot);
      return expr.slot >= 0;
    case ExprKind::kProperty: return CollectKeyDependencies(*expr.children[0], slots);
    default: return false;
  }
}

}  // namespace

AggregateOperator::AggregateOperator(OperatorPtr child, std::vector<ProjectItem> keys,
                                     std::vector<AggregateSpec> aggregates)
    : keys_(std::move(keys)), aggregates_(std::move(aggregates)) {
  children_.push_back(std::move(child));
  keys_cacheable_ = !keys_.empty();
  for (const auto& key : keys_) {
    if (!CollectKeyDependencies(*key.expr, &key_dependencies_)) keys_cacheable_ = false;
  }
}

std::string AggregateOperator::Describe() const {
  std::string out = keys_.empty() ? "Aggregation(" : "HashAggregation(keys: ";
  for (size_t idx = 0; idx < keys_.size(); ++idx) out += (idx ? ", " : "") + keys_[idx].name;
  if (!keys_.empty()) out += "; ";
  for (size_t idx = 0; idx < aggregates_.size(); ++idx) {
    out += (idx ? ", " : "") + aggregates_[idx].function + (aggregates_[idx].distinct ? " DISTINCT" : "");
  }
  return out + ")";
}

void AggregateOperator::Open(ExecContext& ctx) {
  Operator::Open(ctx);
  results_.clear();
  next_ = 0;
  consumed_ = false;
}

void AggregateOperator::Consume(ExecContext& ctx, Row* row) {
  std::unordered_map<std::vector<Slot>, size_t, SlotVectorHash, SlotVectorEq> index;
  std::vector<Row> reps;
  std::vector<std::vector<State>> states;
  std::vector<Slot> key;
  std::vector<Slot> key_values;
  std::vector<uint64_t> previous_entities;  // kind/id pairs of key_dependencies_
  std::vector<uint64_t> current_entities;
  size_t previous_group = SIZE_MAX;
  // Per key item that depends only on entity slots: its value for the
  // entities of the last evaluated row (rows from one expansion share them).
  struct ItemCache {
    bool cacheable = false;
    bool valid = false;
    std::vector<int> dependencies;
    std::vector<uint64_t> previous, current;  // kind/id pairs
    Slot value;
  };
  std::vector<ItemCache> item_caches(keys_.size());
  for (size_t key_idx = 0; key_idx < keys_.size(); ++key_idx) {
    ItemCache& cache = item_caches[key_idx];
    cache.cacheable = CollectKeyDependencies(*keys_[key_idx].expr, &cache.dependencies) &&
                      !cache.dependencies.empty();
  }
  // Per aggregate: 1 = count(*), 2 = count(variable) (counts non-null
  // slots without evaluating), 0 = general.
  std::vector<uint8_t> fast(aggregates_.size(), 0);
  for (size_t agg_idx = 0; agg_idx < aggregates_.size(); ++agg_idx) {
    const AggregateSpec& spec = aggregates_[agg_idx];
    if (spec.function == "count*") {
      fast[agg_idx] = 1;
    } else if (spec.function == "count" && !spec.distinct &&
               spec.argument->kind == ExprKind::kVariable &&
               spec.argument->internal == InternalOp::kNone && spec.argument->slot >= 0) {
      fast[agg_idx] = 2;
    }
  }
  while (child()->Next(ctx, row)) {
    ctx.Tick();
    size_t group_index = SIZE_MAX;
    bool cacheable = keys_cacheable_;
    if (cacheable) {
      current_entities.clear();
      for (int slot : key_dependencies_) {
        const Slot& value = (*row)[slot];
        if (value.kind == Slot::Kind::kValue) {
          cacheable = false;
          break;
        }
        current_entities.push_back(static_cast<uint64_t>(value.kind));
        current_entities.push_back(value.id);
      }
      if (cacheable && previous_group != SIZE_MAX && current_entities == previous_entities) {
        group_index = previous_group;
      }
    }
    if (group_index == SIZE_MAX) {
      key.clear();
      key_values.clear();
      for (size_t key_idx = 0; key_idx < keys_.size(); ++key_idx) {
        ItemCache& cache = item_caches[key_idx];
        bool reuse = false;
        if (cache.cacheable) {
          cache.current.clear();
          for (int slot : cache.dependencies) {
            const Slot& value = (*row)[slot];
            if (value.kind == Slot::Kind::kValue) {
              cache.current.clear();
              cache.valid = false;
              break;
            }
            cache.current.push_back(static_cast<uint64_t>(value.kind));
            cache.current.push_back(value.id);
          }
          reuse = cache.valid && !cache.current.empty() && cache.current == cache.previous;
        }
        Slot value = reuse ? cache.value : EvaluateToSlot(*keys_[key_idx].expr, *row, ctx);
        if (cache.cacheable && !reuse && !cache.current.empty()) {
          cache.previous.swap(cache.current);
          cache.value = value;
          cache.valid = true;
        }
        key.push_back(KeySlot(value));
        key_values.push_back(std::move(value));
      }
      auto [it, inserted] = index.try_emplace(key, reps.size());
      if (inserted) {
        ctx.CheckRowCount(reps.size() + 1, "aggregation");
        Row rep = *row;
        for (size_t idx = 0; idx < keys_.size(); ++idx) rep[keys_[idx].slot] = key_values[idx];
        ctx.ChargeMemory(2 * ApproxBytes(rep), "aggregation");
        reps.push_back(std::move(rep));
        states.emplace_back(aggregates_.size());
      }
      group_index = it->second;
      if (cacheable) {
        previous_entities.swap(current_entities);
        previous_group = group_index;
      } else {
        previous_group = SIZE_MAX;
      }
    }
    auto& group = states[group_index];
    for (size_t agg_idx = 0; agg_idx < aggregates_.size(); ++agg_idx) {
      const AggregateSpec& spec = aggregates_[agg_idx];
      State& state = group[agg_idx];
      if (fast[agg_idx] == 1) {
        ++state.count;
        continue;
      }
      if (fast[agg_idx] == 2) {
        if (!(*row)[spec.argument->slot].is_null()) ++state.count;
        continue;
      }
      Slot arg = EvaluateToSlot(*spec.argument, *row, ctx);
      if (arg.is_null()) continue;
      if (spec.distinct) {
        Slot distinct_key = KeySlot(arg);
        if (distinct_key.kind != Slot::Kind::kValue) {
          auto& ids = distinct_key.kind == Slot::Kind::kNode ? state.seen_nodes : state.seen_rels;
          if (!ids) ids = std::make_unique<std::unordered_set<uint64_t>>();
          if (!ids->insert(distinct_key.id).second) continue;
        } else {
          if (!state.seen) state.seen = std::make_unique<std::unordered_set<std::vector<Slot>, SlotVectorHash, SlotVectorEq>>();
          if (!state.seen->insert({std::move(distinct_key)}).second) continue;
        }
      }
      if (spec.function == "count") {
        ++state.count;
        continue;
      }
      Value v = arg.kind == Slot::Kind::kValue ? std::move(arg.value) : ctx.Materialize(arg);
      ++state.count;
      if (spec.function == "sum" || spec.function == "avg") {
        if (!IsNumber(v)) {
          throw QueryError(ErrorKind::kRuntime,
                           spec.function + "() expects numbers, got " + ValueTypeName(v.type()) +
                               " in '" + ctx.SpanText(spec.span) + "'",
                           spec.span);
        }
        if (v.type() == ValueType::kInt && state.sum_is_int && spec.function == "avg") {
          state.wide_sum += v.as_int();
        } else if (v.type() == ValueType::kInt && state.sum_is_int) {
          if (__builtin_add_overflow(state.int_sum, v.as_int(), &state.int_sum)) {
            throw QueryError(ErrorKind::kRuntime, "integer overflow in '" + ctx.SpanText(spec.span) + "'",
                             spec.span);
          }
        } else {
          if (state.sum_is_int) {
            state.float_sum = static_cast<double>(spec.function == "avg" ? state.wide_sum : state.int_sum);
            state.sum_is_int = false;
          }
          state.float_sum += v.type() == ValueType::kInt ? static_cast<double>(v.as_int()) : v.as_float();
        }
      } else if (spec.function == "min" || spec.function == "max") {
        if (!state.has_best) {
          state.best = std::move(v);
          state.has_best = true;
        } else {
          int c = OrderCompare(v, state.best);
          if ((spec.function == "min" && c < 0) || (spec.function == "max" && c > 0)) state.best = std::move(v);
        }
      } else {
        if (spec.function != "collect" && !IsNumber(v)) {
          throw QueryError(ErrorKind::kRuntime,
                           spec.function + "() expects numbers, got " + ValueTypeName(v.type()),
                           spec.span);
        }
        if (spec.extra_argument && state.items.empty()) state.extra = Evaluate(*spec.extra_argument, *row, ctx);
        ctx.ChargeMemory(ApproxBytes(v), spec.function.c_str());
        state.items.push_back(std::move(v));
        if (state.items.size() % 65536 == 0) ctx.CheckRowCount(state.items.size(), spec.function.c_str());
      }
    }
  }
  if (reps.empty() && keys_.empty()) {
    Row rep(row->size());
    reps.push_back(std::move(rep));
    states.emplace_back(aggregates_.size());
  }
  for (size_t group_idx = 0; group_idx < reps.size(); ++group_idx) {
    Row& out = reps[group_idx];
    for (size_t agg_idx = 0; agg_idx < aggregates_.size(); ++agg_idx) {
      const AggregateSpec& spec = aggregates_[agg_idx];
      State& state = states[group_idx][agg_idx];
      Value result;
      const std::string& f = spec.function;
      if (f == "count" || f == "count*") {
        result = Value::Int(state.count);
      } else if (f == "sum") {
        result = state.sum_is_int ? Value::Int(state.int_sum) : Value::Float(state.float_sum);
      } else if (f == "avg") {
        if (state.count > 0) {
          double total = state.sum_is_int ? static_cast<double>(state.wide_sum) : state.float_sum;
          result = Value::Float(total / static_cast<double>(state.count));
        }
      } else if (f == "min" || f == "max") {
        result = state.best;
      } else if (f == "collect") {
        result = Value::List(std::move(state.items));
      } else if (f == "stdev" || f == "stdevp") {
        size_t n = state.items.size();
        if (n == 0 || (f == "stdev" && n == 1)) {
          result = Value::Float(0.0);
        } else {
          double mean = 0;
          for (const auto& v : state.items) mean += v.type() == ValueType::kInt ? v.as_int() : v.as_float();
          mean /= static_cast<double>(n);
          double squares = 0;
          for (const auto& v : state.items) {
            double d = (v.type() == ValueType::kInt ? v.as_int() : v.as_float()) - mean;
            squares += d * d;
          }
          result = Value::Float(std::sqrt(squares / static_cast<double>(f == "stdev" ? n - 1 : n)));
        }
      } else if (f == "percentilecont" || f == "percentiledisc") {
        if (!state.items.empty()) {
          if (!IsNumber(state.extra)) {
            throw QueryError(ErrorKind::kRuntime, "percentile must be a number between 0 and 1", spec.span);
          }
          double p = state.extra.type() == ValueType::kInt ? state.extra.as_int() : state.extra.as_float();
          if (p < 0 || p > 1) {
            throw QueryError(ErrorKind::kRuntime, "percentile must be a number between 0 and 1", spec.span);
          }
          std::sort(state.items.begin(), state.items.end(),
                    [](const Value& a, const Value& b) { return OrderCompare(a, b) < 0; });
          size_t n = state.items.size();
          auto number = [](const Value& v) { return v.type() == ValueType::kInt ? static_cast<double>(v.as_int()) : v.as_float(); };
          if (f == "percentiledisc") {
            size_t index = p == 0 ? 0 : static_cast<size_t>(std::ceil(p * static_cast<double>(n))) - 1;
            result = state.items[std::min(index, n - 1)];
          } else {
            double position = p * static_cast<double>(n - 1);
            size_t lower = static_cast<size_t>(std::floor(position));
            size_t upper = std::min(lower + 1, n - 1);
            double fraction = position - static_cast<double>(lower);
            result = Value::Float(number(state.items[lower]) +
                                  fraction * (number(state.items[upper]) - number(state.items[lower])));
          }
        }
      }
      Slot slot;
      slot.value = std::move(result);
      out[spec.slot] = std::move(slot);
    }
  }
  results_ = std::move(reps);
}

bool AggregateOperator::NextImpl(ExecContext& ctx, Row* row) {
  if (!consumed_) {
    consumed_ = true;
    Consume(ctx, row);
  }
  if (next_ >= results_.size()) return false;
  *row = std::move(results_[next_++]);
  return true;
}

}  // namespace ecograph::query
