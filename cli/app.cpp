// Subcommand dispatch and the top-level error handling of ecograph.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <exception>
#include <iostream>

#include "cli/cli_error.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/stdout_buffer.h"

namespace ecograph::cli {
namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const Args&);
};

constexpr Command kCommands[] = {
    {"repl", "Interactive shell (the default on a terminal)", RunReplCommand},
    {"query", "Run statements from -c, -f FILE or stdin", RunQueryCommand},
    {"import", "Bulk-load CSV / JSON Lines files into a database", RunImportCommand},
    {"export", "Write the graph (or a query's subgraph) as csv, jsonl, graphml or dot",
     RunExportCommand},
    {"render", "Draw a diagram of a filtered subgraph (svg, png, pdf, dot)", RunRenderCommand},
    {"path", "Trace market-entry paths between countries or companies", RunPathCommand},
    {"search", "Find companies, countries, regions, industries by name or alias", RunSearchCommand},
    {"schema", "Labels, relationship types, property keys and indexes", RunSchemaCommand},
    {"stats", "Counts and size of the database", RunStatsCommand},
    {"check", "Verify the database's consistency", RunCheckCommand},
    {"bench", "Run the peer benchmark (runner contract of shared/bench)", RunBenchCommand},
    {"version", "Print the version", RunVersionCommand},
};

void PrintOverview(std::ostream& out) {
  out << "ecograph: an embedded graph database and company-ecosystem explorer\n\n"
         "Usage: ecograph [COMMAND] [OPTIONS]\n\nCommands:\n";
  for (const Command& command : kCommands) {
    out << "  " << command.name << std::string(10 - std::strlen(command.name), ' ')
        << command.summary << '\n';
  }
  out << "\nWithout a command: the REPL on a terminal, else statements from stdin.\n"
         "Run 'ecograph COMMAND --help' for the options of a command.\n\n"
         "Examples:\n"
         "  ecograph                                   # REPL on the bundled Alibaba graph\n"
         "  ecograph query -c 'MATCH (c:Company) RETURN c.name LIMIT 5'\n"
         "  ecograph < script.cypher\n"
         "  ecograph path --from China --to Turkey\n"
         "  ecograph render --country Pakistan -o pakistan.svg\n";
}

// Flushes and closes standard output. Returns the error text when any
// write to it failed (disk full, /dev/full, ...).
std::optional<std::string> CloseStdout(const StdoutBuffer& buffer) {
  std::cout.flush();
  int error = buffer.error();
  // Anything written through stdio (C APIs) goes through `stdout`.
  errno = 0;
  if (std::fflush(stdout) != 0 && error == 0) error = errno != 0 ? errno : EIO;
  if (std::ferror(stdout) && error == 0) error = EIO;
  errno = 0;
  if (std::fclose(stdout) != 0 && error == 0) error = errno != 0 ? errno : EIO;
  if (error == 0) return std::nullopt;
  return std::string(std::strerror(error));
}

int RunCommandLine(int argc, char** argv) {
  Args args(argv, argv + argc);
  try {
    const Command* chosen = nullptr;
    size_t first_option = 1;
    if (args.size() >= 2) {
      const std::string& word = args[1];
      if (word == "--help" || word == "-h" || word == "help") {
        if (word == "help" && args.size() >= 3) {
          for (const Command& command : kCommands) {
            if (args[2] == command.name)
              return command.run({std::string("ecograph ") + command.name, "--help"});
          }
        }
        PrintOverview(std::cout);
        return 0;
      }
      if (word == "--version" || word == "-V") return RunVersionCommand({"ecograph version"});
      if (!word.empty() && word[0] != '-') {
        for (const Command& command : kCommands) {
          if (word == command.name) chosen = &command;
        }
        if (chosen == nullptr) {
          throw UsageError("unknown command '" + word + "' (run 'ecograph --help' for the list)");
        }
        first_option = 2;
      }
    }
    if (chosen == nullptr) {
      // No command: interactive on a terminal, else a script on stdin.
      chosen = isatty(STDIN_FILENO) ? &kCommands[0] : &kCommands[1];
    }
    Args command_args{std::string("ecograph ") + chosen->name};
    command_args.insert(command_args.end(), args.begin() + static_cast<long>(first_option),
                        args.end());
    int code = chosen->run(command_args);
    std::cout.flush();
    return code;
  } catch (const CliError& error) {
    std::cout.flush();
    std::cerr << "ecograph: " << error.what() << '\n';
    return static_cast<int>(error.code());
  } catch (const cxxopts::exceptions::exception& error) {
    std::cout.flush();
    std::cerr << "ecograph: " << error.what() << " (see --help)\n";
    return static_cast<int>(ExitCode::kUsage);
  } catch (const std::exception& error) {
    std::cout.flush();
    std::cerr << "ecograph: " << error.what() << '\n';
    return static_cast<int>(ExitCode::kError);
  }
}

}  // namespace

int Main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // Never destroyed: std::cout is flushed again after main returns.
  static StdoutBuffer* const buffer = new StdoutBuffer;
  std::cout.rdbuf(buffer);
  int code = RunCommandLine(argc, argv);
  // Results that never reached their destination are a failure, not a
  // success with a truncated file.
  if (auto error = CloseStdout(*buffer)) {
    std::cerr << "ecograph: error writing to standard output: " << *error << '\n';
    if (code == 0) code = static_cast<int>(ExitCode::kError);
  }
  return code;
}

}  // namespace ecograph::cli
