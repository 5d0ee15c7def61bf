// `ecograph query`: statements from -c, -f FILE or stdin.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_error.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "cli/statement_runner.h"

namespace ecograph::cli {

RunSettings MakeRunSettings(const CommonOptions& common, const Database& db) {
  RunSettings settings;
  // A table on a terminal, csv-like text in a pipe (as cypher-shell).
  const bool terminal = isatty(STDOUT_FILENO) != 0;
  settings.print.format =
      common.format.value_or(terminal ? OutputFormat::kAuto : OutputFormat::kCsv);
  settings.print.max_width = TerminalWidth();
  settings.track_terminal_width = true;
  settings.print.color = ColorEnabled(common.no_color, STDOUT_FILENO);
  settings.params = common.params;
  settings.query_options = db.QueryOptionsFor(common);
  settings.query_options.notifications = true;  // warnings for unknown names
  settings.color_errors = ColorEnabled(common.no_color, STDERR_FILENO);
  return settings;
}

int RunQueryCommand(const Args& args) {
  cxxopts::Options options = MakeOptions(
      "query", "Runs openCypher statements (separated by ';') and prints their results.");
  options.add_options()("c,command", "Statement(s) to run", cxxopts::value<std::string>(), "TEXT")(
      "f,file", "File of statements to run", cxxopts::value<std::string>(), "FILE")(
      "explain", "Print the plan instead of running")(
      "profile", "Run and print the plan with rows and time per operator")(
      "timer", "Print the time of each statement under tables")(
      "max-rows", "Tables show at most N rows (0 = all; default 1000 on a terminal)",
      cxxopts::value<size_t>(), "N");
  options.positional_help("[STATEMENT]");
  options.add_options()("statement", "Statement (same as -c)", cxxopts::value<std::string>());
  options.parse_positional({"statement"});
  auto parsed = ParseArguments(options, args);
  if (HandleHelp(parsed, options,
                 "  ecograph query -c 'MATCH (c:Company) RETURN c.name LIMIT 3'\n"
                 "  ecograph query -f script.cypher --format csv > out.csv\n"
                 "  echo 'MATCH (n) RETURN count(n);' | ecograph query --format json\n"
                 "  ecograph query --param name=Trendyol -c 'MATCH (c {name: $name}) RETURN c'\n"
                 "  ecograph query --params p.json -c 'RETURN $x'\n")) {
    return 0;
  }
  CommonOptions common = ReadCommonOptions(parsed);
  int sources =
      static_cast<int>(parsed.count("command") + parsed.count("file") + parsed.count("statement"));
  if (sources > 1) throw UsageError("give at most one of -c, -f and a statement argument");
  std::string script;
  std::string source_name;
  if (parsed.count("command")) {
    script = parsed["command"].as<std::string>();
  } else if (parsed.count("statement")) {
    script = parsed["statement"].as<std::string>();
  } else if (parsed.count("file")) {
    source_name = parsed["file"].as<std::string>();
    std::ifstream in(source_name, std::ios::binary);
    if (!in) throw UsageError("cannot read '" + source_name + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    script = buffer.str();
  } else {
    if (isatty(STDIN_FILENO)) {
      throw UsageError("no statement: give -c TEXT, -f FILE, or pipe statements on stdin");
    }
    std::stringstream buffer;
    buffer << std::cin.rdbuf();
    script = buffer.str();
  }
  auto db = Database::Open(common, OpenMode::kExisting);
  RunSettings settings = MakeRunSettings(common, *db);
  settings.source = source_name;
  settings.print.timer = parsed.count("timer") > 0;
  settings.print.max_rows = isatty(STDOUT_FILENO) ? kTerminalMaxRows : 0;
  settings.print.more_rows_hint = "--max-rows 0 shows all";
  if (parsed.count("max-rows")) settings.print.max_rows = parsed["max-rows"].as<size_t>();
  if (parsed.count("explain")) settings.explain = query::ExplainMode::kExplain;
  if (parsed.count("profile")) settings.explain = query::ExplainMode::kProfile;
  bool ok = RunScript(db->engine(), script, settings, std::cout, std::cerr);
  return ok ? 0 : static_cast<int>(ExitCode::kError);
}

}  // namespace ecograph::cli
