#include "query/notifications.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <utility>

#include "query/ast.h"
#include "storage/store.h"

namespace ecograph::query {
namespace {

enum class NameKind { kLabel = 0, kRelType = 1, kPropertyKey = 2 };

const char* KindNoun(NameKind kind) {
  switch (kind) {
    case NameKind::kLabel:
      return "label";
    case NameKind::kRelType:
      return "relationship type";
    case NameKind::kPropertyKey:
      return "property key";
  }
  return "name";
}

struct NameUse {
  NameKind kind;
  std::string name;
  SourceSpan span;
  // Property keys: the variable the key is read from (empty for keys of a
  // MATCH pattern's property map, which always belong to an entity).
  std::string base;
};

bool IsBlank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// The first occurrence of `name` inside `within` for which `accept(before,
// after)` holds, where before/after are the nearest non-blank characters
// around it (a surrounding backtick is skipped). Invalid span when none.
template <typename Accept>
SourceSpan Locate(const std::string& text, SourceSpan within, const std::string& name,
                  Accept accept) {
  if (!within.valid || name.empty()) return {};
  size_t begin = std::min<size_t>(within.offset, text.size());
  size_t end = std::min<size_t>(begin + within.length, text.size());
  for (size_t at = text.find(name, begin); at != std::string::npos && at + name.size() <= end;
       at = text.find(name, at + 1)) {
    size_t left = at, right = at + name.size();
    if (left > begin && text[left - 1] == '`') --left;
    if (right < end && text[right] == '`') ++right;
    while (left > begin && IsBlank(text[left - 1])) --left;
    while (right < end && IsBlank(text[right])) ++right;
    char before = left > begin ? text[left - 1] : '\0';
    char after = right < end ? text[right] : '\0';
    if (accept(before, after)) {
      return SourceSpan{static_cast<uint32_t>(at), static_cast<uint32_t>(name.size()), true};
    }
  }
  return {};
}

// Walks a statement and records which names it reads and which it writes.
class NameCollector {
 public:
  explicit NameCollector(const std::string& text) : text_(text) {}

  void Collect(const Statement& statement) {
    for (const SingleQuery& query : statement.queries) {
      for (const ClausePtr& clause : query.clauses) VisitClause(*clause);
    }
  }

  // Read uses not written by the statement, in order of appearance.
  std::vector<NameUse> UnwrittenReads() const {
    std::vector<NameUse> out;
    for (const NameUse& use : reads_) {
      if (written_[static_cast<int>(use.kind)].count(use.name) > 0) continue;
      // A key read from a variable that is not (only) a node or relationship
      // may be a map key: not a name of the database.
      if (use.kind == NameKind::kPropertyKey && !use.base.empty() &&
          (entity_vars_.count(use.base) == 0 || rebound_vars_.count(use.base) > 0)) {
        continue;
      }
      out.push_back(use);
    }
    return out;
  }

 private:
  void Read(NameKind kind, const std::string& name, SourceSpan span, std::string base = "") {
    reads_.push_back(NameUse{kind, name, span, std::move(base)});
  }
  void Write(NameKind kind, const std::string& name) {
    written_[static_cast<int>(kind)].insert(name);
  }

  void VisitClause(const Clause& clause) {
    switch (clause.kind) {
      case ClauseKind::kMatch:
        VisitPattern(clause.pattern, /*writes=*/false);
        VisitExpr(clause.where.get());
        break;
      case ClauseKind::kUnwind:
        VisitExpr(clause.unwind_expr.get());
        rebound_vars_.insert(clause.unwind_alias);
        break;
      case ClauseKind::kWith:
      case ClauseKind::kReturn: {
        const ProjectionBody& body = clause.projection;
        for (const ProjectionItem& item : body.items) {
          VisitExpr(item.expr.get());
          bool same_variable = item.expr && item.expr->kind == ExprKind::kVariable && item.alias &&
                               item.expr->name == *item.alias;
          if (item.alias && !same_variable) rebound_vars_.insert(*item.alias);
        }
        for (const SortItem& sort : body.order_by) VisitExpr(sort.expr.get());
        VisitExpr(body.skip.get());
        VisitExpr(body.limit.get());
        VisitExpr(clause.where.get());
        break;
      }
      case ClauseKind::kCreate:
        VisitPattern(clause.pattern, /*writes=*/true);
        break;
      case ClauseKind::kMerge:
        VisitPattern(clause.pattern, /*writes=*/true);
        for (const SetItem& item : clause.on_create) VisitSetItem(item);
        for (const SetItem& item : clause.on_match) VisitSetItem(item);
        break;
      case ClauseKind::kSet:
        for (const SetItem& item : clause.set_items) VisitSetItem(item);
        break;
      case ClauseKind::kRemove:
        // Removing a name the database lacks changes nothing: no warning.
        for (const RemoveItem& item : clause.remove_items) {
          if (item.target && item.target->kind == ExprKind::kProperty &&
              !item.target->children.empty()) {
            VisitExpr(item.target->children[0].get());
          }
        }
        break;
      case ClauseKind::kDelete:
        for (const ExprPtr& expr : clause.delete_exprs) VisitExpr(expr.get());
        break;
      case ClauseKind::kCall:
        for (const ExprPtr& arg : clause.call_args) VisitExpr(arg.get());
        for (const auto& [name, alias] : clause.yield_items)
          rebound_vars_.insert(alias.value_or(name));
        VisitExpr(clause.where.get());
        break;
      case ClauseKind::kCreateIndex:
      case ClauseKind::kDropIndex:
      case ClauseKind::kCreateConstraint:
      case ClauseKind::kDropConstraint:
        break;  // schema for data that may come later
    }
  }

  void VisitSetItem(const SetItem& item) {
    switch (item.kind) {
      case SetItemKind::kProperty:
        if (item.target && item.target->kind == ExprKind::kProperty) {
          Write(NameKind::kPropertyKey, item.target->name);
          if (!item.target->children.empty()) VisitExpr(item.target->children[0].get());
        }
        break;
      case SetItemKind::kReplaceMap:
      case SetItemKind::kMergeMap:
        if (item.value && item.value->kind == ExprKind::kMap) {
          for (const std::string& key : item.value->map_keys) Write(NameKind::kPropertyKey, key);
        }
        break;
      case SetItemKind::kLabels:
        for (const std::string& label : item.labels) Write(NameKind::kLabel, label);
        break;
    }
    VisitExpr(item.value.get());
  }

  // Keys of a pattern's property map: written by CREATE/MERGE, read by MATCH.
  void VisitPropertyMap(const Expr* properties, bool writes) {
    if (properties == nullptr) return;
    if (properties->kind == ExprKind::kMap) {
      for (const std::string& key : properties->map_keys) {
        if (writes) {
          Write(NameKind::kPropertyKey, key);
        } else {
          Read(NameKind::kPropertyKey, key,
               Locate(text_, properties->span, key, [](char before, char after) {
                 return (before == '{' || before == ',') && after == ':';
               }));
        }
      }
    }
    VisitExpr(properties);
  }

  // Labels of a node or types of a relationship pattern, found in `span`.
  void VisitPatternNames(NameKind kind, const std::vector<std::string>& names, SourceSpan span,
                         bool writes) {
    auto after_colon = [](char before, char) { return before == ':' || before == '|'; };
    for (const std::string& name : names) {
      if (writes) {
        Write(kind, name);
      } else {
        Read(kind, name, Locate(text_, span, name, after_colon));
      }
    }
  }

  void VisitPattern(const Pattern& pattern, bool writes) {
    for (const PatternPart& part : pattern.parts) {
      for (const NodePattern& node : part.nodes) {
        if (node.variable) entity_vars_.insert(*node.variable);
        VisitPatternNames(NameKind::kLabel, node.labels, node.span, writes);
        VisitPropertyMap(node.properties.get(), writes);
      }
      for (const RelPattern& rel : part.rels) {
        if (rel.variable) entity_vars_.insert(*rel.variable);
        VisitPatternNames(NameKind::kRelType, rel.types, rel.span, writes);
        VisitPropertyMap(rel.properties.get(), writes);
      }
    }
  }

  void VisitExpr(const Expr* expr) {
    if (expr == nullptr) return;
    switch (expr->kind) {
      case ExprKind::kProperty:
        if (!expr->children.empty() && expr->children[0]->kind == ExprKind::kVariable) {
          // The key ends the span ("n.key" or "n.`key`").
          Read(NameKind::kPropertyKey, expr->name,
               Locate(text_, expr->span, expr->name,
                      [](char before, char after) { return before == '.' && after == '\0'; }),
               expr->children[0]->name);
        }
        break;
      case ExprKind::kListComprehension:
      case ExprKind::kQuantifier:
        rebound_vars_.insert(expr->name);
        break;
      default:
        break;
    }
    if (expr->pattern) VisitPattern(*expr->pattern, /*writes=*/false);
    for (const ExprPtr& child : expr->children) VisitExpr(child.get());
    for (const Expr* part :
         {expr->case_subject.get(), expr->case_else.get(), expr->slice_from.get(),
          expr->slice_to.get(), expr->where_expr.get(), expr->map_expr.get()}) {
      VisitExpr(part);
    }
  }

  const std::string& text_;
  std::vector<NameUse> reads_;
  std::array<std::set<std::string>, 3> written_;
  std::set<std::string> entity_vars_;   // bound by a node or relationship pattern
  std::set<std::string> rebound_vars_;  // also bound to a value (UNWIND, AS, YIELD, ...)
};

// Levenshtein distance with adjacent transpositions ("nmae" -> "name" is 1).
size_t TypoDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The known name closest to `name`: the same ignoring case, else the
// nearest within a third of its length (at least 1, at most 3 edits).
std::string Suggestion(const std::string& name, const std::vector<std::string>& known) {
  const std::string lower = Lower(name);
  for (const std::string& candidate : known) {
    if (Lower(candidate) == lower) return candidate;
  }
  const size_t limit = std::clamp<size_t>(name.size() / 3, 1, 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : known) {
    size_t distance = TypoDistance(lower, Lower(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace

std::vector<Notification> CollectNotifications(const Statement& statement, const std::string& text,
                                               storage::Transaction& txn) {
  NameCollector collector(text);
  collector.Collect(statement);
  std::vector<NameUse> uses = collector.UnwrittenReads();
  if (uses.empty()) return {};
  // Labels and types are checked one by one (a counter read each); the full
  // lists are read only to suggest a name for one that is missing.
  std::array<std::vector<std::string>, 3> known;
  std::array<bool, 3> loaded{};
  auto names = [&](NameKind kind) -> const std::vector<std::string>& {
    int slot = static_cast<int>(kind);
    if (!loaded[slot]) {
      known[slot] = kind == NameKind::kLabel     ? txn.Labels()
                    : kind == NameKind::kRelType ? txn.RelTypes()
                                                 : txn.PropertyKeys();
      loaded[slot] = true;
    }
    return known[slot];
  };
  std::set<std::pair<int, std::string>> reported;
  std::vector<Notification> out;
  for (const NameUse& use : uses) {
    bool exists = false;
    switch (use.kind) {
      case NameKind::kLabel:
        exists = txn.CountLabel(use.name) > 0;
        break;
      case NameKind::kRelType:
        exists = txn.CountRelType(use.name) > 0;
        break;
      case NameKind::kPropertyKey: {
        const std::vector<std::string>& keys = names(use.kind);
        exists = std::binary_search(keys.begin(), keys.end(), use.name);
        break;
      }
    }
    if (exists || !reported.insert({static_cast<int>(use.kind), use.name}).second) continue;
    std::string message =
        std::string(KindNoun(use.kind)) + " '" + use.name + "' is not in the database";
    std::string suggestion = Suggestion(use.name, names(use.kind));
    if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
    out.push_back(Notification{std::move(message), use.span});
  }
  return out;
}

}  // namespace ecograph::query
