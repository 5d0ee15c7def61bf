#include <algorithm>
#include <unordered_set>

#include "query/physical/operators.h"

namespace ecograph::query {

DeleteOperator::DeleteOperator(OperatorPtr child, std::vector<BoundExprPtr> targets, bool detach)
    : targets_(std::move(targets)), detach_(detach) {
  children_.push_back(std::move(child));
}

void DeleteOperator::Apply(ExecContext& ctx, Row* row) {
  for (const auto& target : targets_) {
    Slot slot = EvaluateToSlot(*target, *row, ctx);
    if (slot.is_null()) continue;
    if (slot.kind == Slot::Kind::kNode) {
      nodes_.push_back(slot.id);
    } else if (slot.kind == Slot::Kind::kRel) {
      rels_.push_back(slot.id);
    } else if (slot.value.type() == ValueType::kNode) {
      nodes_.push_back(slot.value.as_node().id);
    } else if (slot.value.type() == ValueType::kRel) {
      rels_.push_back(slot.value.as_rel().id);
    } else if (slot.value.type() == ValueType::kPath) {
      for (const auto& node : slot.value.as_path().nodes) nodes_.push_back(node.id);
      for (const auto& rel : slot.value.as_path().rels) rels_.push_back(rel.id);
    } else {
      throw QueryError(ErrorKind::kRuntime,
                       std::string("DELETE expects a node, relationship or path, got ") +
                           ValueTypeName(slot.value.type()),
                       target->span);
    }
  }
}

void DeleteOperator::Finish(ExecContext& ctx) {
  std::unordered_set<uint64_t> deleted_rels;
  for (uint64_t rel : rels_) {
    if (!deleted_rels.insert(rel).second) continue;
    auto existing = ctx.txn().GetRelHeader(rel);
    if (!existing.ok()) ThrowIfError(existing.status());
    if (!existing.value().has_value()) continue;
    ThrowIfError(ctx.txn().DeleteRel(rel));
    ctx.stats().rels_deleted++;
  }
  std::unordered_set<uint64_t> deleted_nodes;
  for (uint64_t node : nodes_) {
    if (!deleted_nodes.insert(node).second) continue;
    auto existing = ctx.txn().GetNode(node);
    if (!existing.ok()) ThrowIfError(existing.status());
    if (!existing.value().has_value()) continue;
    uint64_t attached = 0;
    if (detach_) {
      std::unordered_set<uint64_t> rels;
      auto iterator = ctx.txn().Expand(node, storage::Direction::kBoth, {});
      storage::AdjacencyEntry entry;
      while (iterator->Next(&entry)) rels.insert(entry.rel);
      ThrowIfError(iterator->status());
      attached = rels.size();
    }
    storage::Status status = ctx.txn().DeleteNode(node, detach_);
    if (!status.ok() && status.code() == storage::StatusCode::kConstraintViolation && !detach_) {
      throw QueryError(ErrorKind::kConstraint,
                       "cannot delete node " + std::to_string(node) +
                           " because it still has relationships; use DETACH DELETE");
    }
    ThrowIfError(status);
    ctx.stats().nodes_deleted++;
    ctx.stats().rels_deleted += attached;
  }
  nodes_.clear();
  rels_.clear();
}

}  // namespace ecograph::query
