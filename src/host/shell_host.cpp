// The ShellHost defaults, which are DefaultHost's behaviour (SHELL-HOST.md §4, DEVIATIONS.md §G).
// The pure functions really work; everything that would touch processes, files for writing or
// signals is a no-op, and `exec` answers 127 without starting anything.
#include "fusevm/shell_host.h"

namespace fusevm {

ShellHost::~ShellHost() = default;

// ── Expansion ──

// `recursive` is ignored: `**` is pattern syntax and is honoured by Glob and GlobRecursive alike,
// as in the original.
std::vector<std::string> ShellHost::glob(std::string_view pattern, bool /*recursive*/) {
  return shell::glob_paths(pattern);
}

std::string ShellHost::tilde_expand(std::string_view s) { return shell::tilde_expand(s); }

std::vector<std::string> ShellHost::brace_expand(std::string_view s) {
  return shell::brace_expand(s);
}

std::vector<std::string> ShellHost::word_split(std::string_view s) { return shell::word_split(s); }

Value ShellHost::expand_param(std::string_view name, uint8_t modifier, std::span<const Value> args) {
  return shell::expand_param(variables_, name, modifier, args);
}

Value ShellHost::array_index(std::string_view /*name*/, const Value& /*index*/) {
  return Value::undef();
}

// ── Substitution: DefaultHost runs no sub-chunks, so every substitution is empty ──

std::string ShellHost::cmd_subst(const Chunk& /*sub*/) { return {}; }
std::string ShellHost::process_sub_in(const Chunk& /*sub*/) { return {}; }
std::string ShellHost::process_sub_out(const Chunk& /*sub*/) { return {}; }

// ── Redirection: nothing is opened ──

void ShellHost::redirect(uint8_t /*fd*/, uint8_t /*op*/, std::string_view /*target*/) {}
void ShellHost::heredoc(std::string_view /*content*/) {}
void ShellHost::herestring(std::string_view /*content*/) {}
void ShellHost::with_redirects_begin(uint8_t /*count*/) {}
void ShellHost::with_redirects_end() {}

// ── Pipelines and subshells ──

void ShellHost::pipeline_begin(uint8_t /*stages*/) {}
void ShellHost::pipeline_stage() {}
int32_t ShellHost::pipeline_end() { return 0; }
void ShellHost::subshell_begin() {}
std::optional<int32_t> ShellHost::subshell_end() { return std::nullopt; }

// ── Traps: no signal handler is ever installed ──

void ShellHost::trap_set(std::string_view /*signal*/, const Chunk& /*handler*/) {}
void ShellHost::trap_check() {}

// ── Execution: never starts a process (DEVIATIONS.md §G) ──

std::optional<int32_t> ShellHost::call_function(std::string_view /*name*/,
                                                std::vector<std::string> /*args*/) {
  return std::nullopt;
}

// 127 is the shell's "command not found", which is what a host without process control can
// honestly say. An empty command is success, as in the original.
int32_t ShellHost::exec(std::vector<std::string> argv) { return argv.empty() ? 0 : 127; }

// No background job is started, so there is no pid to report.
int32_t ShellHost::exec_bg(std::vector<std::string> /*argv*/) { return 0; }

// ── Matching ──

bool ShellHost::str_match(std::string_view s, std::string_view pattern) {
  return shell::glob_match(pattern, s);
}

void ShellHost::run_ended(bool /*failed*/) {}

bool ShellHost::test_file(uint8_t code, std::string_view path) { return shell::test_file(code, path); }

bool ShellHost::regex_match(std::string_view s, std::string_view regex) {
  return shell::regex_search(s, regex);
}

}  // namespace fusevm
