#include "cli/command_line.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/cli_error.h"
#include "cli/paths.h"
#include "cli/value_json.h"

namespace ecograph::cli {

cxxopts::Options MakeOptions(const std::string& command, const std::string& summary,
                             const CommonOptionSet& common) {
  cxxopts::Options options("ecograph " + command, summary);
  options.set_width(100);
  options.add_options("Common")("h,help", "Show this help");
  if (common.db) {
    options.add_options("Common")(
        "db", "Database directory (default: $ECOGRAPH_DB or " + DefaultDatabasePath() + ")",
        cxxopts::value<std::string>(),
        "PATH")("read-only", "Open the database read-only (works while another process writes)")(
        "create", "Create an empty database when PATH does not exist")(
        "no-sync",
        "Do not fsync each commit (faster bulk writes; a power failure may lose the last "
        "commits, a crash does not)");
  }
  if (common.format) {
    options.add_options("Common")(
        "format",
        std::string("Output format: ") + OutputFormatNames() + " (default: auto on a terminal, else csv)",
        cxxopts::value<std::string>(), "FMT");
  }
  if (common.params) {
    options.add_options("Common")(
        "param", "Query parameter name=value (repeatable; ints, floats, true/false/null, JSON)",
        cxxopts::value<std::vector<std::string>>(),
        "NAME=VALUE")("params", "JSON file with an object of query parameters",
                      cxxopts::value<std::string>(), "FILE");
  }
  if (common.timeout) {
    options.add_options("Common")("timeout", common.timeout_help, cxxopts::value<double>(), "SECONDS");
    if (common.memory_budget) {
      options.add_options("Common")("memory-budget",
                                    "Memory a query may buffer, in MiB (0 = none; default 2048)",
                                    cxxopts::value<double>(), "MIB");
    }
  }
  options.add_options("Common")("no-color", "Never colour the output");
  return options;
}

cxxopts::ParseResult ParseArguments(cxxopts::Options& options, std::vector<std::string> args) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  try {
    cxxopts::ParseResult parsed = options.parse(static_cast<int>(args.size()), argv.data());
    if (!parsed.unmatched().empty()) {
      throw UsageError("unexpected argument '" + parsed.unmatched().front() + "' (see --help)");
    }
    return parsed;
  } catch (const cxxopts::exceptions::exception& error) {
    throw UsageError(std::string(error.what()) + " (see --help)");
  }
}

CommonOptions ReadCommonOptions(const cxxopts::ParseResult& parsed, bool output_format) {
  CommonOptions common;
  try {
    if (parsed.count("db")) {
      common.db_path = parsed["db"].as<std::string>();
      common.db_given = true;
    } else {
      // $ECOGRAPH_DB only moves the default database: it is still built
      // from the bundled data on first use.
      common.db_given = false;
      common.db_path = DefaultDatabasePath();
    }
    if (output_format && parsed.count("format")) {
      std::string name = parsed["format"].as<std::string>();
      common.format = ParseOutputFormat(name);
      if (!common.format) {
        throw UsageError("unknown --format '" + name + "' (" + OutputFormatNames() + ")");
      }
    }
    if (parsed.count("params")) common.params = ReadParamsFile(parsed["params"].as<std::string>());
    if (parsed.count("param")) {
      for (const std::string& assignment : parsed["param"].as<std::vector<std::string>>()) {
        auto [name, value] = ParseParamAssignment(assignment);
        common.params[name] = std::move(value);
      }
    }
    if (parsed.count("timeout")) {
      common.timeout_seconds = parsed["timeout"].as<double>();
      if (common.timeout_seconds < 0) throw UsageError("--timeout must be >= 0");
    }
    if (parsed.count("memory-budget")) {
      common.memory_budget_mib = parsed["memory-budget"].as<double>();
      if (common.memory_budget_mib < 0) throw UsageError("--memory-budget must be >= 0");
    }
    common.read_only = parsed.count("read-only") > 0;
    common.create = parsed.count("create") > 0;
    common.sync_commits = parsed.count("no-sync") == 0;
    common.no_color = parsed.count("no-color") > 0;
  } catch (const cxxopts::exceptions::exception& error) {
    throw UsageError(std::string(error.what()) + " (see --help)");
  }
  return common;
}

bool HandleHelp(const cxxopts::ParseResult& parsed, const cxxopts::Options& options,
                const std::string& examples) {
  if (!parsed.count("help")) return false;
  std::cout << options.help();
  if (!examples.empty()) std::cout << "\nExamples:\n" << examples;
  std::cout << "\nExit codes: 0 success, 1 query or data error, 2 usage error, "
               "3 database unavailable.\n";
  return true;
}

bool ColorEnabled(bool no_color, int fd) {
  if (no_color) return false;
  if (const char* env = std::getenv("NO_COLOR"); env != nullptr && *env != '\0') return false;
  return isatty(fd) != 0;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(start, comma - start);
    size_t first = part.find_first_not_of(" \t");
    size_t last = part.find_last_not_of(" \t");
    if (first != std::string::npos) parts.push_back(part.substr(first, last - first + 1));
    start = comma + 1;
  }
  return parts;
}

namespace {

int64_t ParseYear(const std::string& text, const std::string& whole) {
  char* end = nullptr;
  errno = 0;
  long long year = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || errno != 0 || *end != '\0') {
    throw UsageError("bad year range '" + whole + "' (expected A..B, A.. or ..B)");
  }
  return year;
}

}  // namespace

void ParseYearRange(const std::string& text, std::optional<int64_t>* from,
                    std::optional<int64_t>* to) {
  size_t dots = text.find("..");
  if (dots == std::string::npos) {
    *from = *to = ParseYear(text, text);
    return;
  }
  std::string left = text.substr(0, dots);
  std::string right = text.substr(dots + 2);
  if (left.empty() && right.empty()) throw UsageError("bad year range '" + text + "'");
  if (!left.empty()) *from = ParseYear(left, text);
  if (!right.empty()) *to = ParseYear(right, text);
  if (*from && *to && **from > **to) {
    throw UsageError("year range '" + text + "' is empty (start after end)");
  }
}

}  // namespace ecograph::cli
