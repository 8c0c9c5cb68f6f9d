// run_awk: parse, compile, install the runtime, run, flush, and the exit status.
#include "awk/driver/awk_run.h"

#include "awk/compiler/compiler.h"
#include "awk/parser.h"
#include "fusevm/formats.h"

namespace fusevm::awkfront {
namespace {

constexpr int kExitTrouble = 2;

}  // namespace

std::string awk_error_message(const std::string& vm_message) {
  // "file:line (ip N, Op): [extension op N: ]message" -> "file:line: message"
  const size_t open = vm_message.find(" (ip ");
  if (open == std::string::npos) return vm_message;
  const size_t close = vm_message.find("): ", open);
  if (close == std::string::npos) return vm_message;
  std::string rest = vm_message.substr(close + 3);
  if (rest.compare(0, 13, "extension op ") == 0) {
    const size_t colon = rest.find(": ");
    if (colon != std::string::npos) rest = rest.substr(colon + 2);
  }
  // The vocabulary's ops report a host's exception as "AwkPrintf: awk host threw: ...".
  const size_t threw = rest.find(": awk host threw: ");
  if (threw != std::string::npos) rest = rest.substr(threw + 18);
  return vm_message.substr(0, open) + ": " + rest;
}

AwkRunResult run_awk(const std::vector<Source>& sources, AwkRunOptions options) {
  AwkRunResult result;
  Program program;
  SyntaxError syntax;
  if (!parse_program(sources, program, syntax)) {
    result.status = kExitTrouble;
    result.error = render_syntax_error(sources, syntax);
    return result;
  }
  CompileOptions compile_options;
  compile_options.assignments = options.assignments;
  compile_options.operands = options.operands;
  CompiledProgram compiled;
  if (!compile_program(program, sources, compile_options, compiled, syntax)) {
    result.status = kExitTrouble;
    result.error = render_syntax_error(sources, syntax);
    return result;
  }
  if (options.dump) {
    result.listing = disassemble(compiled.chunk);
    return result;
  }

  AwkRuntimeOptions& runtime_options = options.runtime;
  runtime_options.argv.clear();
  runtime_options.argv.push_back("awk");
  for (const std::string& operand : options.operands) runtime_options.argv.push_back(operand);
  auto runtime = std::make_unique<AwkRuntime>(std::move(runtime_options));
  for (size_t i = 0; i < compiled.regexes.size(); ++i) {
    size_t index = 0;
    std::string error;
    if (!runtime->add_static_regex(compiled.regexes[i], index, error) || index != i) {
      result.status = kExitTrouble;
      result.error = "regex /" + compiled.regexes[i] + "/: " + error;
      return result;
    }
  }
  for (size_t i = 0; i < compiled.global_arrays.size(); ++i) {
    if (runtime->add_global_array(compiled.global_arrays[i]) != static_cast<int64_t>(i) + 2) {
      result.status = kExitTrouble;
      result.error = "internal error: array handles out of order";
      return result;
    }
  }

  VM vm(std::move(compiled.chunk), options.limits);
  vm.set_jit(options.jit);
  AwkRuntime* rt = runtime.get();
  auto homes = std::move(compiled.assignable);
  auto find_home = [homes](std::string_view name) -> const VariableHome* {
    for (const auto& [n, home] : homes)
      if (n == name) return &home;
    return nullptr;
  };
  runtime->set_assignment_handler([&vm, rt, find_home](std::string_view name, Value value) {
    if (const VariableHome* home = find_home(name)) {
      if (home->kind == VariableHome::Kind::Special) {
        rt->special_set(name, std::move(value));
      } else {
        vm.set_global(home->name_index, std::move(value));
      }
    }
  });
  runtime->set_variable_reader([&vm, rt, find_home](std::string_view name) -> Value {
    if (const VariableHome* home = find_home(name)) {
      return home->kind == VariableHome::Kind::Special ? rt->special_get(name) : vm.get_global(home->name_index);
    }
    return Value();
  });
  install_awk_runtime(vm, std::move(runtime));

  const VMResult outcome = vm.run();
  std::string io_error;
  const bool flushed = rt->finish(io_error);
  if (outcome.is_error()) {
    result.status = kExitTrouble;
    result.error = awk_error_message(outcome.error());
  } else if (!flushed) {
    result.status = kExitTrouble;
    result.error = io_error;
  } else if (rt->exit_code() == 0 && rt->had_input_error()) {
    result.status = kExitTrouble;
  } else {
    result.status = rt->exit_code();
  }
  return result;
}

}  // namespace fusevm::awkfront
