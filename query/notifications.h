#pragma once
// Notifications: warnings about a statement that are not errors. As Neo4j
// does, a statement that reads a label, relationship type or property key
// the database has never seen still runs (it finds nothing), but the user
// is told, with a suggestion when a known name is close.
#include <string>
#include <vector>

#include "query/query_error.h"

namespace ecograph::storage { class Transaction; }

namespace ecograph::query {

struct Statement;

struct Notification {
  // "label 'Compnay' is not in the database (did you mean 'Company'?)"
  std::string message;
  // The name in the statement text (valid when it could be located).
  SourceSpan span;
};

// Names that `statement` reads and the database does not have: labels and
// relationship types of MATCH patterns and pattern predicates, and property
// keys read from pattern-bound variables (n.key, {key: ...} in MATCH).
// Names the statement itself writes (CREATE, MERGE, SET) are never reported.
// In order of appearance, each name once. Reads the catalog only when the
// statement reads names at all.
std::vector<Notification> CollectNotifications(const Statement& statement, const std::string& text,
                                               storage::Transaction& txn);

}  // namespace ecograph::query
