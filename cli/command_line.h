#pragma once
// Options shared by every subcommand (--db, --format, --param, ...) and the
// cxxopts plumbing around them.
#define CXXOPTS_VECTOR_DELIMITER '\x1f'  // repeatable options keep commas
#include <cxxopts.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/result_printer.h"
#include "query/engine.h"

namespace ecograph::cli {

struct CommonOptions {
  std::string db_path;    // --db, else DefaultDatabasePath()
  bool db_given = false;  // --db or $ECOGRAPH_DB named it
  std::optional<OutputFormat> format;
  query::Params params;         // --params FILE then --param name=value
  double timeout_seconds = 60;  // 0 = none
  double memory_budget_mib = 2048;  // per query; 0 = none
  bool read_only = false;
  bool no_color = false;
  bool create = false;  // create an empty database when missing
  bool sync_commits = true;  // false: --no-sync (storage::OpenOptions::sync_commits)
};

// Which of the shared options a subcommand takes.
struct CommonOptionSet {
  bool db = true;
  bool format = true;
  bool params = true;
  bool timeout = true;        // --timeout and --memory-budget
  bool memory_budget = true;  // with `timeout`: the command runs queries
  const char* timeout_help = "Query timeout in seconds (0 = none; default 60)";
};

// A subcommand's parser: name "ecograph <command>", usage line, summary.
cxxopts::Options MakeOptions(const std::string& command, const std::string& summary,
                             const CommonOptionSet& common = {});

// Parses; throws UsageError with cxxopts' message on bad arguments.
cxxopts::ParseResult ParseArguments(cxxopts::Options& options, std::vector<std::string> args);

// `output_format` false: --format belongs to the command (export, render)
// and is not read as an output format.
CommonOptions ReadCommonOptions(const cxxopts::ParseResult& parsed, bool output_format = true);

// True when --help was given; then prints help + examples to stdout.
bool HandleHelp(const cxxopts::ParseResult& parsed, const cxxopts::Options& options,
                const std::string& examples);

// Colour for a file descriptor: a terminal, no --no-color, no $NO_COLOR.
bool ColorEnabled(bool no_color, int fd);

// Splits "a,b , c" on commas, trimming blanks and dropping empty parts.
std::vector<std::string> SplitList(const std::string& text);
// "A..B", "A..", "..B" or "A" -> inclusive year bounds; throws UsageError.
void ParseYearRange(const std::string& text, std::optional<int64_t>* from,
                    std::optional<int64_t>* to);

}  // namespace ecograph::cli
