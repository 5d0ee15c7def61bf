#include <algorithm>

#include "query/physical/operators.h"

namespace ecograph::query {

namespace {

struct Entity {
  bool is_node = true;
  bool present = false;
  uint64_t id = 0;
};

Entity TargetOf(ExecContext& ctx, const BoundExpr& target, const Row& row) {
  Slot slot = EvaluateToSlot(target, row, ctx);
  Entity entity;
  if (slot.is_null()) return entity;
  if (slot.kind == Slot::Kind::kNode || slot.kind == Slot::Kind::kRel) {
    entity = {slot.kind == Slot::Kind::kNode, true, slot.id};
  } else if (slot.value.type() == ValueType::kNode) {
    entity = {true, true, slot.value.as_node().id};
  } else if (slot.value.type() == ValueType::kRel) {
    entity = {false, true, slot.value.as_rel().id};
  } else {
    throw QueryError(ErrorKind::kRuntime,
                     std::string("cannot set properties on a ") + ValueTypeName(slot.value.type()),
                     target.span);
  }
  return entity;
}

void SetProperty(ExecContext& ctx, const Entity& entity, const std::string& key, const Value& value,
                 const SourceSpan& span) {
  storage::PropertyValue property;
  if (!value.ToProperty(&property)) {
    throw QueryError(ErrorKind::kRuntime,
                     "property '" + key + "' cannot store a " + ValueTypeName(value.type()), span);
  }
  storage::Status status = entity.is_node ? ctx.txn().SetNodeProperty(entity.id, key, property)
                                          : ctx.txn().SetRelProperty(entity.id, key, property);
  ThrowIfError(status);
  ctx.stats().properties_set++;
}

const storage::PropertyMap* CurrentProperties(ExecContext& ctx, const Entity& entity) {
  if (entity.is_node) {
    auto node = ctx.GetNode(entity.id);
    return node ? &node->properties : nullptr;
  }
  auto rel = ctx.GetRel(entity.id);
  return rel ? &rel->properties : nullptr;
}

}  // namespace

void ApplySet(ExecContext& ctx, const SetSpec& spec, const Row& row) {
  Entity entity = TargetOf(ctx, *spec.target, row);
  if (!entity.present) return;
  switch (spec.kind) {
    case SetItemKind::kProperty: {
      Value value = Evaluate(*spec.value, row, ctx);
      SetProperty(ctx, entity, spec.key, value, spec.span);
      break;
    }
    case SetItemKind::kReplaceMap:
    case SetItemKind::kMergeMap: {
      Value value = Evaluate(*spec.value, row, ctx);
      ValueMap entries;
      if (value.type() == ValueType::kMap) {
        entries = value.as_map();
      } else if (value.type() == ValueType::kNode) {
        for (const auto& [k, v] : value.as_node().properties) entries[k] = Value::FromProperty(v);
      } else if (value.type() == ValueType::kRel) {
        for (const auto& [k, v] : value.as_rel().properties) entries[k] = Value::FromProperty(v);
      } else if (!value.is_null()) {
        throw QueryError(ErrorKind::kRuntime, "SET expects a map", spec.span);
      }
      if (spec.kind == SetItemKind::kReplaceMap) {
        ctx.InvalidateCaches();
        const storage::PropertyMap* current = CurrentProperties(ctx, entity);
        if (current) {
          std::vector<std::string> keys;
          for (const auto& [k, v] : *current) {
            if (!entries.count(k)) keys.push_back(k);
          }
          for (const auto& k : keys) SetProperty(ctx, entity, k, Value(), spec.span);
        }
      }
      for (const auto& [k, v] : entries) SetProperty(ctx, entity, k, v, spec.span);
      break;
    }
    case SetItemKind::kLabels: {
      if (!entity.is_node) throw QueryError(ErrorKind::kRuntime, "cannot set labels on a relationship", spec.span);
      ctx.InvalidateCaches();
      auto node = ctx.GetNode(entity.id);
      for (const auto& label : spec.labels) {
        if (node && std::find(node->labels.begin(), node->labels.end(), label) != node->labels.end()) continue;
        ThrowIfError(ctx.txn().AddLabel(entity.id, label));
        ctx.stats().labels_added++;
      }
      break;
    }
  }
  ctx.InvalidateCaches();
}

SetOperator::SetOperator(OperatorPtr child, std::vector<SetSpec> items) : items_(std::move(items)) {
  children_.push_back(std::move(child));
}

void SetOperator::Apply(ExecContext& ctx, Row* row) {
  for (const auto& item : items_) ApplySet(ctx, item, *row);
}

RemoveOperator::RemoveOperator(OperatorPtr child, std::vector<RemoveSpec> items)
    : items_(std::move(items)) {
  children_.push_back(std::move(child));
}

void RemoveOperator::Apply(ExecContext& ctx, Row* row) {
  for (const auto& item : items_) {
    Entity entity = TargetOf(ctx, *item.target, *row);
    if (!entity.present) continue;
    ctx.InvalidateCaches();
    if (item.kind == RemoveItemKind::kProperty) {
      const storage::PropertyMap* current = CurrentProperties(ctx, entity);
      if (!current || !current->count(item.key)) continue;
      storage::Status status = entity.is_node
                                   ? ctx.txn().SetNodeProperty(entity.id, item.key, storage::PropertyValue())
                                   : ctx.txn().SetRelProperty(entity.id, item.key, storage::PropertyValue());
      ThrowIfError(status);
      ctx.stats().properties_set++;
    } else {
      if (!entity.is_node) continue;
      auto node = ctx.GetNode(entity.id);
      for (const auto& label : item.labels) {
        if (!node || std::find(node->labels.begin(), node->labels.end(), label) == node->labels.end()) continue;
        ThrowIfError(ctx.txn().RemoveLabel(entity.id, label));
        ctx.stats().labels_removed++;
      }
    }
  }
  ctx.InvalidateCaches();
}

}  // namespace ecograph::query
