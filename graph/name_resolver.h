#pragma once
// Names as people type them. A node answers to its `name`, to every string
// of its `aliases` list property, and (exact matches only) to its `iso2` /
// `iso3` codes. Names compare after NormalizeName: Unicode case folding,
// compatibility decomposition and accent stripping, so "TÜRKIYE",
// "turkiye" and "Türkiye" are the same name.
//
// Lookup tiers, best first; a lookup answers with the first non-empty tier:
//   kExact    the whole name, alias or code;
//   kWords    a run of whole words of a name or alias ("lazada" in
//             "Lazada Group", "e commerce" in "E-commerce services");
//   kPrefix   the start of a name or alias (at least 2 characters);
//   kContains anywhere inside a name or alias (at least 3 characters).
// Search ranks every node by how well its best name or alias matches,
// including misspellings (edit distance per word).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"
#include "storage/store.h"

namespace ecograph::graph {

// Case-folded, accent-free, compatibility-decomposed UTF-8 with runs of
// whitespace collapsed to one space and trimmed. Invalid UTF-8 falls back to
// ASCII lower-casing of the bytes.
std::string NormalizeName(std::string_view text);

struct NamedEntry {
  storage::NodeId id = 0;
  std::string label;                 // the label it was indexed under
  std::string name;                  // `name` as stored (may be empty)
  std::vector<std::string> aliases;  // `aliases`, as stored
  std::vector<std::string> codes;    // iso2 / iso3: exact matches only
};

enum class MatchTier { kExact = 0, kWords = 1, kPrefix = 2, kContains = 3 };

struct NameMatch {
  const NamedEntry* entry = nullptr;
  std::string matched;  // the name, alias or code that matched, as stored
  MatchTier tier = MatchTier::kExact;
};

struct SearchHit {
  const NamedEntry* entry = nullptr;
  std::string matched;  // the best-matching name or alias, as stored
  double score = 0;     // (0, 1]; 1 = exact
};

class NameIndex {
 public:
  NameIndex() = default;
  explicit NameIndex(std::vector<NamedEntry> entries);
  // Every node carrying one of `labels`, in label order then id order; a
  // node with several of them is indexed once, under the first.
  static storage::Result<NameIndex> Build(storage::Transaction& txn,
                                          const std::vector<std::string>& labels);

  const std::vector<NamedEntry>& entries() const { return entries_; }

  // The entries of the best non-empty tier (at most kExact when
  // `allow_partial` is false), one match per entry, in index order.
  std::vector<NameMatch> Lookup(std::string_view text, bool allow_partial) const;

  // Entries ranked by score (descending), then name; at most `limit`.
  // Only entries scoring at least `min_score` are returned.
  std::vector<SearchHit> Search(std::string_view text, size_t limit,
                                double min_score = 0.3) const;

  // " (did you mean 'A', 'B' or 'C'?)" from the best Search hits, or "".
  std::string DidYouMean(std::string_view text, size_t limit = 5) const;

 private:
  struct Key {
    std::string normalized;
    std::vector<std::string> words;
  };
  std::vector<NamedEntry> entries_;
  // Per entry: normalized name and aliases (same order: name first).
  std::vector<std::vector<std::pair<Key, const std::string*>>> keys_;
  std::vector<std::vector<std::string>> codes_;
};

// Resolves `text` to exactly one entry. `what` names the kind for messages
// ("company", "industry"). Errors (kNotFound for both, so callers map them
// alike): "unknown company 'x' (did you mean ...?)" and "company 'x' is
// ambiguous: it matches 'A', 'B' (give the full name)".
storage::Result<NameMatch> ResolveOne(const NameIndex& index, std::string_view what,
                                      std::string_view text, bool allow_partial = true);

// Labels for search over a whole graph: Company, Country, Region, Industry
// first (when present), then the other labels of `txn` in name order.
std::vector<std::string> SearchLabels(storage::Transaction& txn);

// "'A', 'B' or 'C'".
std::string QuotedList(const std::vector<std::string>& names, size_t max_shown = 5);

}  // namespace ecograph::graph
