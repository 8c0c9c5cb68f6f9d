// `fusevm awk`: argument parsing (POSIX awk's syntax, not getopt_long's: -F: and -vx=1 may be
// joined, the first non-option word is the program), then parse, compile and run.
#include "awk/driver/awk_main.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "awk/driver/awk_run.h"

namespace fusevm::awkfront {
namespace {

constexpr int kExitTrouble = 2;

constexpr const char* kUsage =
    "usage: fusevm awk [--no-jit] [--dump] [--sandbox] [-F fs] [-v var=value]... [-f progfile | 'program'] [file ...]\n"
    "  -F fs          field separator (escape sequences like \\t are processed)\n"
    "  -v var=value   assign before the program starts (repeatable)\n"
    "  -f progfile    read the program from a file (repeatable; the files are joined)\n"
    "  --no-jit       interpret only\n"
    "  --dump         print the compiled chunk as assembly and exit\n"
    "  --sandbox      untrusted program: no commands, no files but the operands, output to stdout/stderr only\n"
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
  bool sandbox = false;
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
    } else if (arg == "--sandbox") {
      out.sandbox = true;
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

  AwkRunOptions options;
  if (arguments.has_field_separator) {
    // Escape sequences apply (-F '\t' is a tab); -Ft is the letter t, as in gawk and mawk.
    options.assignments.emplace_back("FS", arguments.field_separator);
  }
  for (const auto& a : arguments.assignments) options.assignments.push_back(a);
  options.operands = arguments.operands;
  options.runtime.sandbox = arguments.sandbox;
  options.jit = arguments.jit;
  options.dump = arguments.dump;
  // A terminal sees each line as it is printed; a file or a pipe gets large writes.
  const bool interactive = ::isatty(1) != 0;
  options.runtime.unbuffered = interactive;
  const AwkRunResult result = run_awk(arguments.sources, std::move(options));
  if (!result.listing.empty()) std::fputs(result.listing.c_str(), stdout);
  if (!result.error.empty()) {
    std::string message = "fusevm awk: " + result.error;
    if (message.back() != '\n') message += '\n';
    std::fputs(message.c_str(), stderr);
  }
  return result.status;
}

}  // namespace fusevm::awkfront
