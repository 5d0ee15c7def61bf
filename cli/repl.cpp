#include "cli/repl.h"

#include <editline/readline.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "cli/cli_error.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/line_input.h"
#include "cli/pager.h"
#include "cli/param_command.h"
#include "cli/paths.h"
#include "cli/result_subgraph.h"
#include "cli/terminal.h"
#include "cli/value_json.h"
#include "graph/render/diagram.h"

namespace ecograph::cli {

query::QueryResult SchemaResult(storage::Store& store);

namespace {

constexpr const char* kMetaCommands[] = {
    ":help",   ":schema",  ":param",  ":params", ":format", ":maxrows", ":pager", ":timer",
    ":explain", ":profile", ":render", ":source", ":quit",   ":exit"};

// The REPL whose completion libedit calls (one per process).
Repl* g_active_repl = nullptr;
std::vector<std::string> g_matches;

char* CompletionGenerator(const char* /*text*/, int state) {
  if (static_cast<size_t>(state) >= g_matches.size()) return nullptr;
  return strdup(g_matches[static_cast<size_t>(state)].c_str());
}

char** AttemptCompletion(const char* text, int start, int /*end*/) {
  rl_attempted_completion_over = 1;
  if (g_active_repl == nullptr) return nullptr;
  std::string line = rl_line_buffer != nullptr ? rl_line_buffer : "";
  // Names after ':', '.' or '$' usually continue with ')' or ']': no space.
  char before = start > 0 && static_cast<size_t>(start) <= line.size() ? line[start - 1] : ' ';
  bool name =
      before == ':' || before == '.' || before == '$' || std::strpbrk(text, ":.$") != nullptr;
  rl_completion_append_character = name && !(start == 1 && line[0] == ':') ? '\0' : ' ';
  g_matches = g_active_repl->Complete(line, static_cast<size_t>(std::max(start, 0)), text);
  if (g_matches.empty()) return nullptr;
  return rl_completion_matches(text, CompletionGenerator);
}

bool StartsWithIgnoreCase(const std::string& word, const std::string& prefix) {
  if (prefix.size() > word.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::string Trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError("cannot read '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

bool StatementComplete(const std::string& buffer) {
  char quote = 0;
  bool line_comment = false, block_comment = false;
  char last_significant = 0;
  for (size_t i = 0; i < buffer.size(); ++i) {
    char c = buffer[i];
    char next = i + 1 < buffer.size() ? buffer[i + 1] : '\0';
    if (line_comment) {
      if (c == '\n') line_comment = false;
      continue;
    }
    if (block_comment) {
      if (c == '*' && next == '/') {
        block_comment = false;
        ++i;
      }
      continue;
    }
    if (quote != 0) {
      if (c == '\\' && quote != '`') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      last_significant = 'x';
      continue;
    }
    if (c == '/' && next == '/') {
      line_comment = true;
      ++i;
      continue;
    }
    if (c == '/' && next == '*') {
      block_comment = true;
      ++i;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      last_significant = 'x';
      continue;
    }
    if (!std::isspace(static_cast<unsigned char>(c))) last_significant = c;
  }
  return quote == 0 && !block_comment && last_significant == ';';
}

Repl::Repl(Database& db, RunSettings settings, bool interactive)
    : db_(db), settings_(std::move(settings)), interactive_(interactive) {
  keywords_ = query::QueryEngine::Keywords();
  functions_ = query::QueryEngine::FunctionNames();
  procedures_ = query::QueryEngine::ProcedureNames();
  RefreshCatalog();
  history_path_ = (std::filesystem::path(DataDirectory()) / "history").string();
}

Repl::~Repl() {
  if (g_active_repl == this) g_active_repl = nullptr;
}

void Repl::RefreshCatalog() {
  auto txn = db_.store().BeginRead();
  labels_ = txn->Labels();
  rel_types_ = txn->RelTypes();
  property_keys_ = txn->PropertyKeys();
}

std::vector<std::string> Repl::Complete(const std::string& line, size_t start,
                                        const std::string& full_text) const {
  // Some libedit versions break words on their own characters only: split
  // "c:Comp" / "c.na" / "$p" here and give back the prefix untouched.
  std::string text = full_text;
  std::string kept;
  if (!(full_text.rfind(":", 0) == 0 &&
        Trim(line.substr(0, std::min(start, line.size()))).empty())) {
    size_t split = full_text.find_last_of(":.$");
    if (split != std::string::npos) {
      kept = full_text.substr(0, split + 1);
      text = full_text.substr(split + 1);
      start += split + 1;
    }
  }
  std::vector<std::string> out = CompleteWord(line, start, text);
  for (std::string& candidate : out) candidate = kept + candidate;
  return out;
}

std::vector<std::string> Repl::CompleteWord(const std::string& line, size_t start,
                                            const std::string& text) const {
  std::vector<std::string> out;
  auto add_matching = [&](const std::vector<std::string>& names, bool ignore_case) {
    for (const std::string& name : names) {
      bool match = ignore_case ? StartsWithIgnoreCase(name, text) : name.rfind(text, 0) == 0;
      if (match) out.push_back(name);
    }
  };
  start = std::min(start, line.size());
  std::string before = line.substr(0, start);
  std::string head = Trim(before);
  // Meta-command names at the start of the line (':' may be a word break).
  if (!head.empty() && head == ":") {
    for (const char* meta : kMetaCommands) {
      std::string name = meta + 1;
      if (name.rfind(text, 0) == 0) out.push_back(name);
    }
    return out;
  }
  if (text.rfind(":", 0) == 0 && head.empty()) {
    for (const char* meta : kMetaCommands) {
      if (std::string(meta).rfind(text, 0) == 0) out.push_back(meta);
    }
    return out;
  }
  if (!head.empty() && head[0] == ':') {
    // Arguments of meta-commands.
    if (head.rfind(":format", 0) == 0) {
      add_matching({"table", "vertical", "auto", "csv", "tsv", "json", "jsonl", "markdown"}, false);
    } else if (head.rfind(":timer", 0) == 0 || head.rfind(":pager", 0) == 0) {
      add_matching({"on", "off"}, false);
    } else if (head.rfind(":render", 0) == 0 && head.find(' ') != std::string::npos) {
      add_matching({"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "auto"}, false);
    }
    return out;
  }
  char previous = before.empty() ? '\0' : before.back();
  if (previous == ':') {
    add_matching(labels_, false);
    add_matching(rel_types_, false);
  } else if (previous == '$') {
    for (const auto& [name, value] : settings_.params) {
      if (name.rfind(text, 0) == 0) out.push_back(name);
    }
  } else if (previous == '.') {
    // "algo.pa" completes procedure names; "c.na" property keys.
    size_t token_start = before.size() - 1;
    while (token_start > 0 && (std::isalnum(static_cast<unsigned char>(before[token_start - 1])) ||
                               before[token_start - 1] == '_' || before[token_start - 1] == '.')) {
      --token_start;
    }
    std::string prefix = before.substr(token_start) + text;
    for (const auto& names : {procedures_, functions_}) {
      for (const std::string& name : names) {
        if (StartsWithIgnoreCase(name, prefix)) {
          out.push_back(name.substr(before.size() - token_start));
        }
      }
    }
    add_matching(property_keys_, false);
  } else {
    add_matching(keywords_, true);
    add_matching(functions_, true);
    add_matching(procedures_, true);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Repl::RunStatements(const std::string& script, RunSettings settings) {
  // On a terminal Ctrl-C cancels the running statement, not the shell.
  std::optional<CancelOnInterrupt> cancel;
  if (interactive_) {
    cancel.emplace();
    settings.query_options.cancel = cancel->flag();
  }
  auto result = std::make_unique<query::QueryResult>();
  std::string ran;
  bool ok = RunScript(db_.engine(), script, settings, std::cout, std::cerr, &ran, result.get());
  std::cout.flush();
  if (settings.explain == query::ExplainMode::kNone) {
    if (!ran.empty()) last_statement_ = ran;
    if (ok) last_result_ = std::move(result);
  }
  if (!ok) failed_ = true;
  RefreshCatalog();
  return ok;
}

bool Repl::ExecuteStatement(const std::string& statement, query::ExplainMode mode) {
  RunSettings settings = settings_;
  settings.explain = mode;
  return RunStatements(statement, std::move(settings));
}

void Repl::SetParams(const std::string& line, size_t args) {
  ParamAssignments assigned =
      EvaluateParamCommand(db_.engine(), line, args, settings_.params, settings_.query_options);
  if (!assigned.error.empty()) {
    std::cerr << assigned.error << (assigned.error.back() == '\n' ? "" : "\n");
    failed_ = !interactive_ || failed_;
    return;
  }
  for (auto& [name, value] : assigned.values) {
    if (interactive_) std::cout << "$" << name << " = " << value.ToDisplayString() << '\n';
    settings_.params[name] = std::move(value);
  }
}

void Repl::PrintHelp() {
  std::cout << "Enter openCypher statements ending with ';' (they may span lines).\n"
               "Meta-commands:\n"
               "  :help                 this help\n"
               "  :schema               labels, relationship types, indexes, property keys\n"
               "  :param NAME VALUE     set $NAME to a Cypher expression (also NAME => VALUE,\n"
               "                        {NAME: VALUE, ...}); :param name 'Turkey'\n"
               "  :params [clear]       list (or clear) the parameters\n"
               "  :format FMT           auto (table; vertical when too wide), table, vertical,\n"
               "                        csv, tsv, json, jsonl, markdown\n"
               "  :maxrows N            show at most N rows of a table (0 = all)\n"
               "  :pager on|off|CMD     page results taller than the terminal (default $PAGER\n"
               "                        or less -S -R)\n"
               "  :timer on|off         show the time of each statement\n"
               "  :explain / :profile   plan of the last statement (profile runs it)\n"
               "  :render FILE [ENGINE] draw the last result's nodes/relationships/paths\n"
               "                        (.svg .png .pdf .dot; engine dot, neato, fdp, sfdp, ...;\n"
               "                        an existing FILE needs --force)\n"
               "  :source FILE          run the statements of a file\n"
               "  :quit / :exit         leave (Ctrl-D too)\n"
               "Ctrl-C cancels the running statement, or clears the line being typed.\n"
               "Tab completes keywords, labels (after ':'), property keys (after '.'),\n"
               "functions, procedures and meta-commands. History: "
            << history_path_ << '\n';
}

void Repl::RenderLast(const std::string& path, const std::string& engine, bool overwrite) {
  if (!last_result_) {
    std::cerr << "no result to render: run a query that returns nodes, relationships or paths\n";
    return;
  }
  auto txn = db_.store().BeginRead();
  graph::Subgraph subgraph = SubgraphFromResult(*last_result_, txn.get(), last_statement_);
  if (subgraph.nodes.empty()) {
    std::cerr << "the last result holds no nodes, relationships or paths to render\n";
    return;
  }
  graph::RenderOptions options;
  if (!engine.empty()) {
    auto parsed = graph::ParseLayoutEngine(engine);
    if (!parsed.ok()) {
      std::cerr << parsed.status().message() << '\n';
      return;
    }
    options.engine = *parsed;
  }
  storage::Status status = graph::RenderToFile(subgraph, path, options, overwrite, txn.get());
  if (!status.ok()) {
    std::cerr << "render failed: " << status.message() << '\n';
    return;
  }
  std::cout << "wrote " << path << " (" << subgraph.nodes.size() << " nodes, "
            << subgraph.rels.size() << " relationships)\n";
}

bool Repl::HandleMeta(const std::string& line) {
  std::istringstream words(line);
  std::string command;
  words >> command;
  std::string rest;
  std::getline(words, rest);
  rest = Trim(rest);
  if (command == ":quit" || command == ":exit" || command == ":q") return false;
  if (command == ":help" || command == ":h" || command == ":?") {
    PrintHelp();
  } else if (command == ":schema") {
    PrintResult(SchemaResult(db_.store()), settings_.print, std::cout, std::cerr);
  } else if (command == ":param" && rest != "list" && rest != "clear") {
    SetParams(line, line.find(command) + command.size());
  } else if (command == ":params" || command == ":param") {
    if (rest == "clear") {
      settings_.params.clear();
    } else if (!rest.empty() && rest != "list") {
      SetParams(line, line.find(command) + command.size());
    } else {
      if (settings_.params.empty()) std::cout << "no parameters set\n";
      for (const auto& [name, value] : settings_.params) {
        std::cout << "$" << name << " = " << value.ToDisplayString() << '\n';
      }
    }
  } else if (command == ":format") {
    auto format = ParseOutputFormat(rest);
    if (!format) {
      std::cerr << "unknown format '" << rest << "' (" << OutputFormatNames() << ")\n";
    } else {
      settings_.print.format = *format;
    }
  } else if (command == ":maxrows") {
    char* end = nullptr;
    long long rows = std::strtoll(rest.c_str(), &end, 10);
    if (rest.empty() || *end != '\0' || rows < 0) {
      std::cerr << "usage: :maxrows N (0 shows every row; now "
                << settings_.print.max_rows << ")\n";
    } else {
      settings_.print.max_rows = static_cast<size_t>(rows);
    }
  } else if (command == ":pager") {
    if (rest == "off") {
      settings_.pager.clear();
    } else if (rest.empty() || rest == "on") {
      settings_.pager = DefaultPagerCommand();
    } else {
      settings_.pager = rest;
    }
  } else if (command == ":timer") {
    if (rest == "on" || rest.empty()) {
      settings_.print.timer = true;
    } else if (rest == "off") {
      settings_.print.timer = false;
    } else {
      std::cerr << "usage: :timer on|off\n";
    }
  } else if (command == ":explain" || command == ":profile") {
    if (last_statement_.empty()) {
      std::cerr << "no statement yet\n";
    } else {
      ExecuteStatement(last_statement_, command == ":explain" ? query::ExplainMode::kExplain
                                                              : query::ExplainMode::kProfile);
    }
  } else if (command == ":render") {
    std::istringstream args(rest);
    std::vector<std::string> words;
    bool force = false;
    for (std::string word; args >> word;) {
      if (word == "--force") {
        force = true;
      } else {
        words.push_back(word);
      }
    }
    if (words.empty() || words.size() > 2) {
      std::cerr << "usage: :render FILE [ENGINE] [--force]\n";
    } else {
      RenderLast(words[0], words.size() > 1 ? words[1] : "", force);
    }
  } else if (command == ":source") {
    if (rest.empty()) {
      std::cerr << "usage: :source FILE\n";
    } else {
      try {
        std::string script = ReadFile(rest);
        RunSettings settings = settings_;
        settings.source = rest;
        RunStatements(script, std::move(settings));
      } catch (const CliError& error) {
        std::cerr << error.what() << '\n';
        failed_ = true;
      }
    }
  } else {
    std::cerr << "unknown command '" << command << "' (:help lists them)\n";
    if (!interactive_) failed_ = true;
  }
  std::cout.flush();
  return true;
}

int Repl::Run() {
  if (interactive_) {
    rl_readline_name = "ecograph";
    rl_catch_signals = 0;
    rl_getc_function = ReadLineKey;  // before rl_initialize, which installs it
    rl_initialize();
    g_active_repl = this;
    rl_attempted_completion_function = AttemptCompletion;
    static char word_breaks[] = " \t\n\"'`@$><=;|&{(,:.[]-*+/%^)}";
    rl_completer_word_break_characters = word_breaks;
    rl_basic_word_break_characters = word_breaks;
    stifle_history(1000);
    read_history(history_path_.c_str());
    std::cout << "ecograph " << ECOGRAPH_VERSION << " on " << db_.store().path()
              << "\nStatements end with ';'. Type :help for help, :quit to leave.\n";
    std::cout.flush();
  }
  std::string buffer;
  while (true) {
    std::string line;
    if (interactive_) {
      const char* prompt = buffer.empty() ? "ecograph> " : "     ...> ";
      // Ctrl-C at the prompt interrupts read() and drops the statement being
      // typed; while a statement runs it cancels it (RunStatements).
      char* raw = nullptr;
      bool interrupted = false;
      {
        PromptInterrupt interrupt;
        // A resize while typing: libedit learns the new width and the line
        // is redrawn at once, without the rows the terminal re-wrapped
        // (cli/line_input.h).
        LineResizeRedraw resize(prompt);
        rl_resize_terminal();  // the window may have changed since the last line
        raw = readline(prompt);
        interrupted = PromptInterrupt::Interrupted();
      }
      if (raw == nullptr && interrupted) {
        buffer.clear();
        std::cout << "^C" << std::endl;
        continue;
      }
      if (raw == nullptr) {
        std::cout << '\n';
        break;
      }
      if (interrupted) {
        std::free(raw);
        buffer.clear();
        continue;
      }
      line = raw;
      std::free(raw);
    } else if (!std::getline(std::cin, line)) {
      break;
    }
    if (buffer.empty()) {
      std::string trimmed = Trim(line);
      if (trimmed.empty()) continue;
      if (trimmed[0] == ':') {
        bool quitting = trimmed == ":quit" || trimmed == ":exit" || trimmed == ":q";
        if (interactive_ && !quitting) {
          add_history(trimmed.c_str());
          write_history(history_path_.c_str());
        }
        if (!HandleMeta(trimmed)) break;
        continue;
      }
    }
    buffer += buffer.empty() ? line : "\n" + line;
    if (!StatementComplete(buffer)) continue;
    std::string statement = buffer;
    buffer.clear();
    if (interactive_) {
      std::string entry = statement;
      std::replace(entry.begin(), entry.end(), '\n', ' ');
      add_history(entry.c_str());
      write_history(history_path_.c_str());
    }
    ExecuteStatement(statement, query::ExplainMode::kNone);
    std::cout.flush();
  }
  if (!Trim(buffer).empty()) ExecuteStatement(buffer, query::ExplainMode::kNone);
  if (interactive_) {
    write_history(history_path_.c_str());
    g_active_repl = nullptr;
  }
  return !interactive_ && failed_ ? static_cast<int>(ExitCode::kError) : 0;
}

int RunReplCommand(const Args& args) {
  cxxopts::Options options = MakeOptions(
      "repl", "Interactive openCypher shell with history, completion and meta-commands.");
  options.add_options()("max-rows", "Tables show at most N rows (0 = all; default 1000 on a terminal)",
                        cxxopts::value<size_t>(), "N")(
      "no-pager", "Never page long results (default: $PAGER or less -S -R on a terminal)");
  auto parsed = ParseArguments(options, args);
  if (HandleHelp(
          parsed, options,
          "  ecograph                      # the REPL on the bundled Alibaba graph\n"
          "  ecograph repl --db my.db --format markdown\n"
          "  ecograph repl < script.cypher # meta-commands work in scripts too\n"
          "  ecograph repl --max-rows 50 --no-pager\n"
          "In the REPL: MATCH (c:Company {name: 'Trendyol'}) RETURN c;  then :render t.svg\n")) {
    return 0;
  }
  CommonOptions common = ReadCommonOptions(parsed);
  auto db = Database::Open(common, OpenMode::kExisting);
  bool interactive = isatty(STDIN_FILENO) != 0;
  // libedit drops multibyte input unless the character type is UTF-8.
  if (interactive && !UseUtf8CharacterType()) {
    std::cerr << "warning: no UTF-8 locale on this system: non-ASCII input may be dropped\n";
  }
  RunSettings settings = MakeRunSettings(common, *db);
  settings.print.timer = interactive;
  settings.print.max_rows = isatty(STDOUT_FILENO) ? kTerminalMaxRows : 0;
  settings.print.more_rows_hint = ":maxrows 0 shows all";
  if (parsed.count("max-rows")) settings.print.max_rows = parsed["max-rows"].as<size_t>();
  if (interactive && isatty(STDOUT_FILENO) && !parsed.count("no-pager")) {
    settings.pager = DefaultPagerCommand();
  }
  Repl repl(*db, settings, interactive);
  return repl.Run();
}

}  // namespace ecograph::cli
