#pragma once
// The subcommands of the ecograph executable. Each takes its arguments with
// args[0] = "ecograph <command>", returns the exit code, and may throw
// CliError (mapped to its exit code by Main).
#include <string>
#include <vector>

namespace ecograph::cli {

using Args = std::vector<std::string>;

int RunReplCommand(const Args& args);
int RunQueryCommand(const Args& args);
int RunImportCommand(const Args& args);
int RunExportCommand(const Args& args);
int RunRenderCommand(const Args& args);
int RunPathCommand(const Args& args);
int RunSearchCommand(const Args& args);
int RunSchemaCommand(const Args& args);
int RunStatsCommand(const Args& args);
int RunCheckCommand(const Args& args);
int RunBenchCommand(const Args& args);
int RunVersionCommand(const Args& args);

// The whole program: picks the subcommand and maps errors to exit codes.
int Main(int argc, char** argv);

}  // namespace ecograph::cli
