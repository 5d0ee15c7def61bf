#pragma once
// Hand-built BoundPatterns and a hand-made Catalog for the optimizer rule
// tests: no database, no parser.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "query/optimizer/catalog.h"
#include "query/planner/logical_match.h"

namespace ecograph::query::testing {

class FakeCatalog : public Catalog {
 public:
  FakeCatalog& Label(const std::string& label, uint64_t count) {
    counts_[label] = count;
    nodes_ += count;
    return *this;
  }
  FakeCatalog& Index(const std::string& label, const std::string& key) {
    indexes_.insert({label, key});
    return *this;
  }
  bool HasIndex(const std::string& label, const std::string& key) const override {
    return indexes_.count({label, key}) > 0;
  }
  uint64_t LabelCount(const std::string& label) const override {
    auto it = counts_.find(label);
    return it == counts_.end() ? 0 : it->second;
  }
  uint64_t NodeCount() const override {
    ++node_count_reads;
    return nodes_;
  }
  mutable int node_count_reads = 0;

 private:
  std::map<std::string, uint64_t> counts_;
  std::set<std::pair<std::string, std::string>> indexes_;
  uint64_t nodes_ = 0;
};

inline BoundExprPtr Var(int slot) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = ExprKind::kVariable;
  expr->slot = slot;
  return expr;
}

inline BoundExprPtr Prop(int slot, const std::string& key) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = ExprKind::kProperty;
  expr->name = key;
  expr->children.push_back(Var(slot));
  return expr;
}

inline BoundExprPtr IdOf(int slot) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = ExprKind::kFunctionCall;
  expr->name = "id";
  expr->children.push_back(Var(slot));
  return expr;
}

inline BoundExprPtr Int(int64_t value) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = ExprKind::kLiteral;
  expr->constant = Value::Int(value);
  return expr;
}

inline BoundExprPtr Compare(BoundExprPtr left, ComparisonOp op, BoundExprPtr right) {
  auto expr = std::make_unique<BoundExpr>();
  expr->kind = ExprKind::kComparison;
  expr->comparison_ops.push_back(op);
  expr->children.push_back(std::move(left));
  expr->children.push_back(std::move(right));
  return expr;
}

// Copyable descriptions (BoundNode and BoundRel own expressions).
struct NodeSpec {
  int slot;
  std::string name;
  std::vector<std::string> labels;
};

struct RelSpec {
  int slot;
  std::string name;
  std::string type;
};

inline NodeSpec Node(int slot, const std::string& name, std::vector<std::string> labels = {}) {
  return NodeSpec{slot, name, std::move(labels)};
}

inline RelSpec Rel(int slot, const std::string& name, const std::string& type) { return RelSpec{slot, name, type}; }

// A part (nodes[0])-[rels[0]]->(nodes[1])-...
inline BoundPatternPart Part(const std::vector<NodeSpec>& nodes, const std::vector<RelSpec>& rels) {
  BoundPatternPart part;
  for (const auto& spec : nodes) {
    BoundNode node;
    node.slot = spec.slot;
    node.name = spec.name;
    node.labels = spec.labels;
    part.nodes.push_back(std::move(node));
  }
  for (const auto& spec : rels) {
    BoundRel rel;
    rel.slot = spec.slot;
    rel.name = spec.name;
    rel.named = true;
    rel.types = {spec.type};
    part.rels.push_back(std::move(rel));
  }
  return part;
}

inline void AddConjunct(BoundPattern* pattern, BoundExprPtr expr, const std::string& text) {
  BoundConjunct conjunct;
  CollectSlots(*expr, &conjunct.reads);
  conjunct.expr = std::move(expr);
  conjunct.text = text;
  pattern->conjuncts.push_back(std::move(conjunct));
}

}  // namespace ecograph::query::testing
