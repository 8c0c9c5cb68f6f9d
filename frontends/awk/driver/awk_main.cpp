// `fusevm awk`: argument parsing (POSIX awk's syntax, not getopt_long's: -F: and -vx=1 may be
// joined, the first non-option word is the program), then parse, compile and run.
#include "awk/driver/awk_main.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "awk/compiler/compiler.h"
#include "awk/parser.h"
#include "awk/runtime/awk_runtime.h"
#include "fusevm/formats.h"
#include "fusevm/vm.h"

namespace fusevm::awkfront {
namespace {

constexpr int kExitTrouble = 2;

constexpr const char* kUsage =
    "usage: fusevm awk [--no-jit] [--dump] [-F fs] [-v var=value]... [-f progfile | 'program'] [file ...]\n"
    "  -F fs          field separator (escape sequences like \\t are processed)\n"
    "  -v var=value   assign before the program starts (repeatable)\n"
    "  -f progfile    read the program from a file (repeatable; the files are joined)\n"
    "  --no-jit       interpret only\n"
    "  --dump         print the compiled chunk as assembly and exit\n"
    "  operands are input files, '-' for standard input, or var=value assignments\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "fusevm awk: %s\n%s", message.c_str(), kUsage);
  return kExitTrouble;
}

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  text = s.str();
  return !in.bad();
}

struct Arguments {
  std::vector<Source> sources;
  std::string field_separator;
  bool has_field_separator = false;
  std::vector<std::pair<std::string, std::string>> assignments;
  std::vector<std::string> operands;
  bool jit = true;
  bool dump = false;
};

// Returns -1 when parsing succeeded, else the exit status.
int parse_arguments(const std::vector<std::string>& args, Arguments& out) {
  size_t i = 0;
  bool have_program_file = false;
  auto take_value = [&](const std::string& arg, size_t prefix, std::string& value) {
    if (arg.size() > prefix) {
      value = arg.substr(prefix);
      return true;
    }
    if (i + 1 >= args.size()) return false;
    value = args[++i];
    return true;
  };
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') break;
    if (arg == "--no-jit") {
      out.jit = false;
    } else if (arg == "--dump") {
      out.dump = true;
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg.compare(0, 2, "-F") == 0) {
      if (!take_value(arg, 2, out.field_separator)) return usage_error("-F needs a value");
      out.has_field_separator = true;
    } else if (arg.compare(0, 2, "-v") == 0) {
      std::string assignment;
      if (!take_value(arg, 2, assignment)) return usage_error("-v needs var=value");
      const size_t eq = assignment.find('=');
      if (eq == std::string::npos || eq == 0) return usage_error("-v wants var=value, not '" + assignment + "'");
      out.assignments.emplace_back(assignment.substr(0, eq), assignment.substr(eq + 1));
    } else if (arg.compare(0, 2, "-f") == 0) {
      std::string path;
      if (!take_value(arg, 2, path)) return usage_error("-f needs a file name");
      Source source;
      source.name = path;
      if (!read_file(path, source.text)) {
        std::fprintf(stderr, "fusevm awk: can't open program file '%s'\n", path.c_str());
        return kExitTrouble;
      }
      out.sources.push_back(std::move(source));
      have_program_file = true;
    } else {
      return usage_error("unknown option " + arg);
    }
  }
  if (!have_program_file) {
    if (i >= args.size()) return usage_error("no program given");
    out.sources.push_back(Source{"cmd. line", args[i++]});
  }
  out.operands.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  return -1;
}

}  // namespace

int awk_main(const std::vector<std::string>& args) {
  Arguments arguments;
  if (const int status = parse_arguments(args, arguments); status >= 0) return status;

  Program program;
  SyntaxError syntax;
  if (!parse_program(arguments.sources, program, syntax)) {
    std::fputs(("fusevm awk: " + render_syntax_error(arguments.sources, syntax)).c_str(), stderr);
    return kExitTrouble;
  }
  CompileOptions options;
  if (arguments.has_field_separator) {
    // Escape sequences apply (-F '\t' is a tab); -Ft is the letter t, as in gawk and mawk.
    options.assignments.emplace_back("FS", arguments.field_separator);
  }
  for (const auto& a : arguments.assignments) options.assignments.push_back(a);
  options.operands = arguments.operands;
  CompiledProgram compiled;
  if (!compile_program(program, arguments.sources, options, compiled, syntax)) {
    std::fputs(("fusevm awk: " + render_syntax_error(arguments.sources, syntax)).c_str(), stderr);
    return kExitTrouble;
  }
  if (arguments.dump) {
    std::fputs(disassemble(compiled.chunk).c_str(), stdout);
    return 0;
  }

  AwkRuntimeOptions runtime_options;
  runtime_options.argv.push_back("awk");
  for (const std::string& operand : arguments.operands) runtime_options.argv.push_back(operand);
  auto runtime = std::make_unique<AwkRuntime>(std::move(runtime_options));
  for (size_t i = 0; i < compiled.regexes.size(); ++i) {
    size_t index = 0;
    std::string error;
    if (!runtime->add_static_regex(compiled.regexes[i], index, error) || index != i) {
      std::fprintf(stderr, "fusevm awk: regex /%s/: %s\n", compiled.regexes[i].c_str(), error.c_str());
      return kExitTrouble;
    }
  }
  for (size_t i = 0; i < compiled.global_arrays.size(); ++i) {
    if (runtime->add_global_array(compiled.global_arrays[i]) != static_cast<int64_t>(i) + 2) {
      std::fputs("fusevm awk: internal error: array handles out of order\n", stderr);
      return kExitTrouble;
    }
  }
  runtime->io().set_stdout_unbuffered(::isatty(1) != 0);

  VM vm(std::move(compiled.chunk));
  vm.set_jit(arguments.jit);
  AwkRuntime* rt = runtime.get();
  runtime->set_assignment_handler([&vm, rt, homes = std::move(compiled.assignable)](std::string_view name, Value value) {
    for (const auto& [n, home] : homes) {
      if (n != name) continue;
      if (home.kind == VariableHome::Kind::Special) {
        rt->special_set(name, std::move(value));
      } else {
        vm.set_global(home.name_index, std::move(value));
      }
      return;
    }
  });
  install_awk_runtime(vm, std::move(runtime));

  const VMResult result = vm.run();
  std::string io_error;
  const bool flushed = rt->finish(io_error);
  if (result.is_error()) {
    std::fprintf(stderr, "fusevm awk: %s\n", result.error().c_str());
    return kExitTrouble;
  }
  if (!flushed) {
    std::fprintf(stderr, "fusevm awk: %s\n", io_error.c_str());
    return kExitTrouble;
  }
  if (rt->exit_code() == 0 && rt->had_input_error()) return kExitTrouble;
  return rt->exit_code();
}

}  // namespace fusevm::awkfront
