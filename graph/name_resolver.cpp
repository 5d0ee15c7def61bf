#include "graph/name_resolver.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

namespace ecograph::graph {

namespace {

using storage::Status;
using storage::StatusCode;

bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Words of a normalized string: runs of letters, digits and non-ASCII bytes.
std::vector<std::string> Words(const std::string& normalized) {
  std::vector<std::string> words;
  std::string current;
  for (char c : normalized) {
    if (IsWordByte(static_cast<unsigned char>(c))) {
      current += c;
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// True when `needle` is a contiguous run of `hay`.
bool ContainsRun(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  for (size_t start = 0; start + needle.size() <= hay.size(); ++start) {
    if (std::equal(needle.begin(), needle.end(), hay.begin() + static_cast<std::ptrdiff_t>(start))) {
      return true;
    }
  }
  return false;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// Similarity of one query word to the closest candidate word: 1 for equal,
// 0.9 for a prefix, 1 - distance/length when the distance is small.
double WordSimilarity(const std::string& query, const std::vector<std::string>& words) {
  double best = 0;
  for (const std::string& word : words) {
    if (word == query) return 1.0;
    if (query.size() >= 2 && word.compare(0, query.size(), query) == 0) {
      best = std::max(best, 0.9);
      continue;
    }
    const size_t longest = std::max(word.size(), query.size());
    if (longest > 64) continue;
    const size_t distance = EditDistance(query, word);
    const size_t allowed = std::max<size_t>(1, query.size() / 3);
    if (distance <= allowed && distance < query.size()) {
      best = std::max(best, 1.0 - static_cast<double>(distance) / static_cast<double>(longest));
    }
  }
  return best;
}

std::optional<std::string> StringProperty(const storage::PropertyMap& props, const char* key) {
  const auto it = props.find(key);
  if (it == props.end() || it->second.kind() != storage::ValueKind::kString) return std::nullopt;
  return it->second.as_string();
}

}  // namespace

std::string NormalizeName(std::string_view text) {
  std::string folded;
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (length >= 0 && mapped != nullptr) {
    folded.assign(reinterpret_cast<const char*>(mapped), static_cast<size_t>(length));
  } else {
    folded.assign(text);
    for (char& c : folded) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  std::free(mapped);
  std::string out;
  bool space = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

NameIndex::NameIndex(std::vector<NamedEntry> entries) : entries_(std::move(entries)) {
  keys_.resize(entries_.size());
  codes_.resize(entries_.size());
  for (size_t entry_idx = 0; entry_idx < entries_.size(); ++entry_idx) {
    const NamedEntry& entry = entries_[entry_idx];
    auto add = [&](const std::string& text) {
      if (text.empty()) return;
      Key key;
      key.normalized = NormalizeName(text);
      if (key.normalized.empty()) return;
      key.words = Words(key.normalized);
      keys_[entry_idx].emplace_back(std::move(key), &text);
    };
    add(entry.name);
    for (const std::string& alias : entry.aliases) add(alias);
    for (const std::string& code : entry.codes) {
      if (!code.empty()) codes_[entry_idx].push_back(NormalizeName(code));
    }
  }
}

storage::Result<NameIndex> NameIndex::Build(storage::Transaction& txn,
                                            const std::vector<std::string>& labels) {
  std::vector<NamedEntry> entries;
  std::set<storage::NodeId> seen;
  for (const std::string& label : labels) {
    std::unique_ptr<storage::NodeIdIterator> ids = txn.ScanLabel(label);
    storage::NodeId id = 0;
    while (ids->Next(&id)) {
      auto node = txn.GetNode(id);
      if (!node.ok()) return node.status();
      if (!node.value() || !seen.insert(id).second) continue;
      const storage::PropertyMap& props = node.value()->properties;
      NamedEntry entry;
      entry.id = id;
      entry.label = label;
      entry.name = StringProperty(props, "name").value_or("");
      if (const auto it = props.find("aliases"); it != props.end()) {
        if (it->second.kind() == storage::ValueKind::kList) {
          for (const auto& item : it->second.as_list()) {
            if (item.kind() == storage::ValueKind::kString) entry.aliases.push_back(item.as_string());
          }
        } else if (it->second.kind() == storage::ValueKind::kString) {
          entry.aliases.push_back(it->second.as_string());
        }
      }
      for (const char* key : {"iso2", "iso3", "iso", "iso_code", "code"}) {
        if (auto code = StringProperty(props, key)) entry.codes.push_back(*code);
      }
      entries.push_back(std::move(entry));
    }
    if (!ids->status().ok()) return ids->status();
  }
  return NameIndex(std::move(entries));
}

std::vector<NameMatch> NameIndex::Lookup(std::string_view text, bool allow_partial) const {
  const std::string query = NormalizeName(text);
  const std::vector<std::string> query_words = Words(query);
  std::vector<NameMatch> tiers[4];
  if (query.empty()) return {};
  for (size_t entry_idx = 0; entry_idx < entries_.size(); ++entry_idx) {
    std::optional<NameMatch> best;
    auto offer = [&](MatchTier tier, const std::string& matched) {
      if (!best || tier < best->tier) best = NameMatch{&entries_[entry_idx], matched, tier};
    };
    for (size_t code_idx = 0; code_idx < codes_[entry_idx].size(); ++code_idx) {
      if (codes_[entry_idx][code_idx] == query) {
        offer(MatchTier::kExact, entries_[entry_idx].codes[code_idx]);
      }
    }
    for (const auto& [key, original] : keys_[entry_idx]) {
      if (key.normalized == query) {
        offer(MatchTier::kExact, *original);
      } else if (allow_partial) {
        if (ContainsRun(key.words, query_words)) {
          offer(MatchTier::kWords, *original);
        } else if (query.size() >= 2 && key.normalized.compare(0, query.size(), query) == 0) {
          offer(MatchTier::kPrefix, *original);
        } else if (query.size() >= 3 && key.normalized.find(query) != std::string::npos) {
          offer(MatchTier::kContains, *original);
        }
      }
    }
    if (best) tiers[static_cast<int>(best->tier)].push_back(std::move(*best));
  }
  for (auto& tier : tiers) {
    if (!tier.empty()) return std::move(tier);
  }
  return {};
}

std::vector<SearchHit> NameIndex::Search(std::string_view text, size_t limit,
                                         double min_score) const {
  const std::string query = NormalizeName(text);
  const std::vector<std::string> query_words = Words(query);
  std::vector<SearchHit> hits;
  if (query.empty()) return hits;
  for (size_t entry_idx = 0; entry_idx < entries_.size(); ++entry_idx) {
    SearchHit best;
    auto offer = [&](double score, const std::string& matched) {
      if (score > best.score) best = SearchHit{&entries_[entry_idx], matched, score};
    };
    for (size_t code_idx = 0; code_idx < codes_[entry_idx].size(); ++code_idx) {
      if (codes_[entry_idx][code_idx] == query) offer(0.95, entries_[entry_idx].codes[code_idx]);
    }
    for (const auto& [key, original] : keys_[entry_idx]) {
      double score = 0;
      if (key.normalized == query) {
        score = 1.0;
      } else if (key.normalized.compare(0, query.size(), query) == 0) {
        score = 0.9;
      } else if (ContainsRun(key.words, query_words)) {
        score = 0.85;
      } else if (query.size() >= 3 && key.normalized.find(query) != std::string::npos) {
        score = 0.7;
      } else if (!query_words.empty()) {
        // Every query word against its closest word of the name: typos
        // cost in proportion to the word's length.
        double total = 0;
        for (const std::string& word : query_words) total += WordSimilarity(word, key.words);
        score = 0.65 * total / static_cast<double>(query_words.size());
        // Whole strings for one-word names typed with a typo ("Alibba").
        const size_t longest = std::max(key.normalized.size(), query.size());
        if (longest <= 64) {
          const size_t distance = EditDistance(query, key.normalized);
          if (distance <= std::max<size_t>(1, query.size() / 3)) {
            score = std::max(score, 0.65 * (1.0 - static_cast<double>(distance) /
                                                      static_cast<double>(longest)));
          }
        }
      }
      // Among equal matches, the shorter name covers more of the query.
      if (score > 0 && score < 1.0) {
        score -= 0.01 * std::min(1.0, static_cast<double>(key.normalized.size()) / 100.0);
      }
      offer(score, *original);
    }
    if (best.entry != nullptr && best.score >= min_score) hits.push_back(std::move(best));
  }
  std::sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.entry->name != b.entry->name) return a.entry->name < b.entry->name;
    return a.entry->id < b.entry->id;
  });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

std::vector<std::string> SearchLabels(storage::Transaction& txn) {
  std::vector<std::string> present = txn.Labels();
  std::sort(present.begin(), present.end());
  std::vector<std::string> labels;
  for (const char* first : {"Company", "Country", "Region", "Industry"}) {
    if (std::binary_search(present.begin(), present.end(), first)) labels.push_back(first);
  }
  for (const std::string& label : present) {
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
  }
  return labels;
}

std::string QuotedList(const std::vector<std::string>& names, size_t max_shown) {
  std::string out;
  const size_t shown = std::min(names.size(), max_shown);
  for (size_t idx = 0; idx < shown; ++idx) {
    if (idx > 0) out += (idx + 1 == shown && shown == names.size()) ? " or " : ", ";
    out += "'" + names[idx] + "'";
  }
  if (names.size() > shown) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

std::string NameIndex::DidYouMean(std::string_view text, size_t limit) const {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const SearchHit& hit : Search(text, limit * 2)) {
    const std::string& name = hit.entry->name.empty() ? hit.matched : hit.entry->name;
    if (seen.insert(name).second) names.push_back(name);
    if (names.size() == limit) break;
  }
  if (names.empty()) return "";
  return " (did you mean " + QuotedList(names, limit) + "?)";
}

storage::Result<NameMatch> ResolveOne(const NameIndex& index, std::string_view what,
                                      std::string_view text, bool allow_partial) {
  std::vector<NameMatch> matches = index.Lookup(text, allow_partial);
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    return Status::Error(StatusCode::kNotFound, "unknown " + std::string(what) + " '" +
                                                    std::string(text) + "'" +
                                                    index.DidYouMean(text));
  }
  std::vector<std::string> names;
  for (const NameMatch& match : matches) names.push_back(match.entry->name);
  std::sort(names.begin(), names.end());
  return Status::Error(StatusCode::kNotFound,
                       std::string(what) + " '" + std::string(text) + "' is ambiguous: it matches " +
                           QuotedList(names, 8) + " (give more of the name)");
}

}  // namespace ecograph::graph
