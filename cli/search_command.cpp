// `ecograph search TEXT`: nodes ranked by how well their name or one of
// their aliases matches TEXT (graph/name_resolver.h), typos included.
#include <algorithm>
#include <cmath>
#include <iostream>

#include "cli/cli_error.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "cli/statement_runner.h"
#include "graph/name_resolver.h"

namespace ecograph::cli {

int RunSearchCommand(const Args& args) {
  CommonOptionSet set;
  set.params = false;
  set.timeout = false;
  cxxopts::Options options = MakeOptions(
      "search",
      "Finds companies, countries, regions and industries by name or alias: exact, prefix, "
      "whole words, substring, then close spellings, best first.",
      set);
  options.positional_help("TEXT");
  options.add_options()("text", "What to look for", cxxopts::value<std::vector<std::string>>())(
      "label", "Only nodes with this label (e.g. Company)", cxxopts::value<std::string>(),
      "LABEL")("limit", "At most N results", cxxopts::value<size_t>()->default_value("10"), "N");
  options.parse_positional({"text"});
  auto parsed = ParseArguments(options, args);
  if (HandleHelp(parsed, options,
                 "  ecograph search paytm\n"
                 "  ecograph search 'alibba' --label Company\n"
                 "  ecograph search turkiye --format json\n")) {
    return 0;
  }
  CommonOptions common = ReadCommonOptions(parsed);
  if (!parsed.count("text")) throw UsageError("search needs the TEXT to look for");
  std::string text;
  for (const std::string& word : parsed["text"].as<std::vector<std::string>>()) {
    text += (text.empty() ? "" : " ") + word;
  }
  const size_t limit = parsed["limit"].as<size_t>();
  if (limit == 0) throw UsageError("--limit must be at least 1");

  auto db = Database::Open(common, OpenMode::kReadFallback);
  auto txn = db->store().BeginRead();
  std::vector<std::string> labels;
  if (parsed.count("label")) {
    const std::string label = parsed["label"].as<std::string>();
    const std::vector<std::string> known = txn->Labels();
    if (std::find(known.begin(), known.end(), label) == known.end()) {
      throw UsageError("unknown label '" + label + "' (known: " + graph::QuotedList(known, 50) +
                       ")");
    }
    labels.push_back(label);
  } else {
    labels = graph::SearchLabels(*txn);
  }
  auto index = graph::NameIndex::Build(*txn, labels);
  if (!index.ok()) throw DataError(index.status().message());
  query::QueryResult result;
  result.columns = {"name", "label", "matched", "score"};
  for (const graph::SearchHit& hit : index.value().Search(text, limit)) {
    result.rows.push_back({query::Value::String(hit.entry->name),
                           query::Value::String(hit.entry->label),
                           query::Value::String(hit.matched),
                           query::Value::Float(std::round(hit.score * 1000) / 1000)});
  }
  RunSettings settings = MakeRunSettings(common, *db);
  PrintResult(result, settings.print, std::cout, std::cerr);
  if (result.rows.empty()) {
    std::cerr << "no name or alias close to '" << text << "'\n";
    return static_cast<int>(ExitCode::kError);
  }
  return 0;
}

}  // namespace ecograph::cli
