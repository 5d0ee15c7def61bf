#include "query/physical/operators.h"

namespace ecograph::query {

namespace {

storage::PropertyMap ToProperties(ExecContext& ctx, const BoundExprPtr& expr, const Row& row, bool merge) {
  storage::PropertyMap properties;
  if (!expr) return properties;
  Value map = Evaluate(*expr, row, ctx);
  if (map.is_null()) return properties;
  if (map.type() != ValueType::kMap) {
    throw QueryError(ErrorKind::kRuntime, "properties must be a map", expr->span);
  }
  for (const auto& [key, value] : map.as_map()) {
    if (value.is_null()) {
      if (merge) {
        throw QueryError(ErrorKind::kSemantic,
                         "cannot merge using the null property value of '" + key + "'", expr->span);
      }
      continue;
    }
    storage::PropertyValue property;
    if (!value.ToProperty(&property)) {
      throw QueryError(ErrorKind::kRuntime,
                       "property '" + key + "' cannot store a " + ValueTypeName(value.type()),
                       expr->span);
    }
    properties.emplace(key, std::move(property));
  }
  return properties;
}

uint64_t NodeIdOf(const Slot& slot, const char* what) {
  if (slot.kind == Slot::Kind::kNode) return slot.id;
  if (slot.kind == Slot::Kind::kValue && slot.value.type() == ValueType::kNode) return slot.value.as_node().id;
  throw QueryError(ErrorKind::kRuntime, std::string("cannot create a relationship ") + what +
                                            " a null or non-node value");
}

}  // namespace

void CreatePattern(ExecContext& ctx, const std::vector<CreatePatternSpec>& parts, Row* row, bool merge) {
  for (const auto& part : parts) {
    for (const auto& node : part.nodes) {
      if (node.bound) continue;
      storage::PropertyMap properties = ToProperties(ctx, node.properties, *row, merge);
      auto created = ctx.txn().CreateNode(node.labels, properties);
      if (!created.ok()) ThrowIfError(created.status());
      ctx.stats().nodes_created++;
      ctx.stats().labels_added += node.labels.size();
      ctx.stats().properties_set += properties.size();
      (*row)[node.slot] = Slot::NodeRef(created.value());
    }
    for (const auto& rel : part.rels) {
      storage::PropertyMap properties = ToProperties(ctx, rel.properties, *row, merge);
      uint64_t src = NodeIdOf((*row)[rel.from_slot], "from");
      uint64_t dst = NodeIdOf((*row)[rel.to_slot], "to");
      auto created = ctx.txn().CreateRel(src, dst, rel.type, properties);
      if (!created.ok()) ThrowIfError(created.status());
      ctx.stats().rels_created++;
      ctx.stats().properties_set += properties.size();
      (*row)[rel.slot] = ctx.RelSlot(created.value(), src, dst, rel.type);
    }
    if (part.path_slot >= 0) {
      BoundExpr build;
      build.internal = InternalOp::kBuildPath;
      build.path_slots = part.path_slots;
      build.path_rel_is_list.assign(part.path_slots.size() / 2, false);
      Slot path;
      ctx.InvalidateCaches();
      path.value = Evaluate(build, *row, ctx);
      (*row)[part.path_slot] = std::move(path);
    }
  }
  ctx.InvalidateCaches();
}

CreateOperator::CreateOperator(OperatorPtr child, std::vector<CreatePatternSpec> parts)
    : parts_(std::move(parts)) {
  children_.push_back(std::move(child));
}

void CreateOperator::Apply(ExecContext& ctx, Row* row) { CreatePattern(ctx, parts_, row); }

}  // namespace ecograph::query
