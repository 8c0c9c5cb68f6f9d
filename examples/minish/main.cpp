// minish's driver: `minish script.sh`, `minish -c 'text'`, or a script on stdin; `--dump`
// prints the compiled chunk instead of running it. Runs on PosixHost with minish's builtins
// registered by their BUILTINS.md ids; exits with the script's `$?`.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fusevm/builtins.h"
#include "fusevm/formats.h"
#include "fusevm/posix_host.h"
#include "fusevm/vm.h"
#include "minish.h"

namespace {

using namespace fusevm;
namespace bi = fusevm::builtins;

// A builtin's arguments, in order, split words flattened.
std::vector<std::string> pop_args(VM& vm, uint8_t argc) {
  std::vector<Value> vals(argc);
  for (size_t i = argc; i-- > 0;) vals[i] = vm.pop();
  std::vector<std::string> out;
  for (const Value& v : vals) {
    if (v.is_array()) {
      for (const Value& item : v.as_array()) out.push_back(item.to_str());
    } else {
      out.push_back(v.to_str());
    }
  }
  return out;
}

// Shell variable names for export/unset.
bool valid_name(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!(c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

void install_builtins(VM& vm, PosixHost& host) {
  vm.register_builtin(minish::kAssignBuiltin, [&host](VM& v, uint8_t) {
    const bool from_subst = v.pop().to_int() != 0;
    Value value = v.pop();
    const std::string name = v.pop().to_str();
    host.variables().set(name, Value::string(value.to_str()));
    return Value::status(from_subst ? host.last_status() : 0);  // `x=$(false)` leaves $? = 1
  });
  vm.register_builtin(bi::BUILTIN_CD, [&host](VM& v, uint8_t argc) {
    const std::vector<std::string> a = pop_args(v, argc);
    return Value::status(host.change_directory(a.empty() ? std::string() : a[0]));
  });
  vm.register_builtin(bi::BUILTIN_EXIT, [](VM& v, uint8_t argc) {
    const std::vector<std::string> a = pop_args(v, argc);
    const int32_t status = a.empty() ? v.last_status() : static_cast<int32_t>(std::strtol(a[0].c_str(), nullptr, 10) & 0xFF);
    v.set_last_status(status);
    v.request_halt();
    return Value::status(status);
  });
  vm.register_builtin(bi::BUILTIN_EXPORT, [&host](VM& v, uint8_t argc) {
    int32_t status = 0;
    for (const std::string& arg : pop_args(v, argc)) {
      const size_t eq = arg.find('=');
      const std::string name = arg.substr(0, eq);
      if (!valid_name(name)) {
        host.report_error("export: " + arg + ": bad variable name");
        status = 1;
        continue;
      }
      if (eq != std::string::npos) host.variables().set(name, Value::string(arg.substr(eq + 1)));
      host.variables().set_exported(name, true);
    }
    return Value::status(status);
  });
  vm.register_builtin(bi::BUILTIN_UNSET, [&host](VM& v, uint8_t argc) {
    for (const std::string& name : pop_args(v, argc)) host.variables().unset(name);
    return Value::status(0);
  });
  vm.register_builtin(bi::BUILTIN_WAIT, [&host](VM& v, uint8_t argc) {
    const std::vector<std::string> a = pop_args(v, argc);
    if (a.empty()) return Value::status(host.wait_jobs());
    return Value::status(host.wait_job(static_cast<pid_t>(std::strtol(a[0].c_str(), nullptr, 10))));
  });
  vm.register_builtin(bi::BUILTIN_COLON, [](VM& v, uint8_t argc) {
    (void)pop_args(v, argc);
    return Value::status(0);
  });
}

int usage() {
  std::cerr << "usage: minish [--dump] [script | -c text]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool dump = false;
  std::string source, name = "stdin";
  int i = 1;
  if (i < argc && std::strcmp(argv[i], "--dump") == 0) dump = true, ++i;
  if (i < argc && std::strcmp(argv[i], "-c") == 0) {
    if (i + 1 >= argc) return usage();
    source = argv[i + 1];
    name = "-c";
  } else if (i < argc) {
    name = argv[i];
    std::ifstream in(name, std::ios::binary);
    if (!in) {
      std::cerr << "minish: " << name << ": " << std::strerror(errno) << "\n";
      return 127;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    source = ss.str();
  } else {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    source = ss.str();
  }

  Chunk chunk;
  try {
    chunk = minish::compile(*minish::parse(source), name);
  } catch (const minish::SyntaxError& e) {
    std::cerr << "minish: " << name << ": " << e.what() << "\n";
    return 2;
  }
  if (dump) {
    std::cout << disassemble(chunk);
    return 0;
  }

  PosixHostOptions opts;
  opts.name = "minish";
  opts.prepare_vm = install_builtins;  // the VMs of $(...) and traps get them too
  auto host = std::make_unique<PosixHost>(std::move(opts));
  PosixHost* h = host.get();
  VM vm(std::move(chunk));
  vm.set_shell_host(std::move(host));
  vm.set_output(h->output_sink());
  install_builtins(vm, *h);
  VMResult r = vm.run();
  h->run_exit_trap();
  if (r.is_error()) {
    h->report_error(r.error());
    return 2;
  }
  return vm.last_status() & 0xFF;
}
