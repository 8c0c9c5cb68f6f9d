// `fusevm run FILE` and `fusevm eval 'LoadInt 40; LoadInt 2; Add'`: run a chunk in the VM, with
// limits, statistics, a per-op trace, and a machine-readable result (--json-result).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli_common.h"
#include "fusevm/fuse.h"
#include "fusevm/jit.h"
#include "fusevm/vm.h"

namespace fusevm::cli {
namespace {

struct RunOptions {
  bool fuse = false;
  bool no_jit = false;
  bool jit_eager = false;
  bool no_trace_jit = false;
  bool jit_stats = false;
  bool dump_trace = false;
  std::string trace_dot;
  std::string jit_log;
  bool no_quicken = false;
  bool stats = false;
  bool trace = false;
  bool json_result = false;
  bool print_result = false;
  uint64_t fuel = 0;
  size_t max_stack = VMLimits{}.max_stack;
  uint32_t max_depth = VMLimits{}.max_call_depth;
  size_t memory_limit = VMLimits{}.memory_limit;
};

void add_run_options(CLI::App* cmd, RunOptions& o) {
  cmd->add_flag("--fuse", o.fuse, "Rewrite op sequences into fused superinstructions before running");
  cmd->add_flag("--no-jit", o.no_jit, "Interpreter only (the JIT is on by default; FUSEVM_JIT=off also disables it)");
  cmd->add_flag("--jit-eager", o.jit_eager,
                "Compile every entry as soon as it is reached (all JIT thresholds 0; for testing)");
  cmd->add_option("--jit-log", o.jit_log, "JIT events on stderr: info, debug or trace");
  cmd->add_flag("--no-trace-jit", o.no_trace_jit, "No trace tier (the linear and block tiers stay on)");
  cmd->add_flag("--jit-stats", o.jit_stats,
                "Print on stderr what each JIT tier did: compiles and their time, native time and ops, and "
                "per loop header the trace, its entries, exits and aborts");
  cmd->add_flag("--dump-trace", o.dump_trace,
                "Print each compiled trace on stderr: its IR before and after optimisation and its machine code");
  cmd->add_option("--trace-dot", o.trace_dot,
                  "Write the compiled traces to this file as a Graphviz graph (render with dot -Tsvg): "
                  "instructions split at guards, exits, side paths, the back edge");
  cmd->add_flag("--no-quicken", o.no_quicken,
                "Run the ops as written, without the VM's private superinstructions (same results; for debugging)");
  cmd->add_flag("--stats", o.stats, "Print a stats line on stderr: run_ms, ops, load_ms, verify_ms");
  cmd->add_flag("--trace", o.trace, "Log every executed op on stderr (slow)");
  cmd->add_flag("--json-result", o.json_result,
                "Print one JSON object on stdout: status, result, value, error and the program's output");
  cmd->add_flag("--print-result", o.print_result, "Print the result value (to_str) after a successful run");
  cmd->add_option("--fuel", o.fuel, "Instruction budget (0: none)");
  cmd->add_option("--max-stack", o.max_stack, "Most values on the value stack");
  cmd->add_option("--max-depth", o.max_depth, "Most nested frames (calls, scopes, blocks)");
  cmd->add_option("--memory-limit", o.memory_limit, "Bytes of strings, arrays and hashes (0: none)");
}

// --jit-stats: one block per tier, then one line per loop header the trace tier looked at.
void print_jit_stats(const VM& vm, const jit::JitStats& js, double run_ms) {
  const VMStats& st = vm.stats();
  const uint64_t native = st.jit_ops, traced = st.trace_ops;
  std::fprintf(stderr, "jit-stats: run %.3f ms, %llu ops: interpreter %llu, linear+block %llu, trace %llu\n", run_ms,
               static_cast<unsigned long long>(st.ops_executed),
               static_cast<unsigned long long>(st.ops_executed - native),
               static_cast<unsigned long long>(native - traced), static_cast<unsigned long long>(traced));
  std::fprintf(stderr, "  time in native code: linear+block %.3f ms, trace %.3f ms\n", st.block_ns / 1e6,
               st.trace_ns / 1e6);
  std::fprintf(stderr, "  compiles: linear %llu (%.1f us), block %llu (%.1f us), trace %llu (%.1f us), declined %llu\n",
               static_cast<unsigned long long>(js.compiles_linear), js.compile_ns_linear / 1e3,
               static_cast<unsigned long long>(js.compiles_block), js.compile_ns_block / 1e3,
               static_cast<unsigned long long>(js.compiles_trace), js.compile_ns_trace / 1e3,
               static_cast<unsigned long long>(js.compile_failures));
  std::fprintf(stderr,
               "  traces: %llu recordings, %llu aborts, %llu blacklisted, %llu side traces, %llu entries, %llu exits "
               "(%llu side exits)\n",
               static_cast<unsigned long long>(js.trace_recordings), static_cast<unsigned long long>(js.trace_aborts),
               static_cast<unsigned long long>(js.trace_blacklisted), static_cast<unsigned long long>(js.trace_side_traces),
               static_cast<unsigned long long>(st.trace_entries),
               static_cast<unsigned long long>(st.trace_exits), static_cast<unsigned long long>(js.trace_side_exits));
  for (const VM::TraceSummary& t : vm.trace_summaries())
    std::fprintf(stderr,
                 "  loop at ip %llu: %s, %zu trace(s), %u ops/iteration, %u IR instructions, %u snapshots, "
                 "%u side traces, %llu entries, %llu side exits, %llu native ops, %u aborts\n",
                 static_cast<unsigned long long>(t.anchor), t.blacklisted ? "blacklisted" : "active", t.variants,
                 t.ops_per_iteration, t.ir_instructions, t.snapshots, t.side_traces, static_cast<unsigned long long>(t.entries),
                 static_cast<unsigned long long>(t.side_exits), static_cast<unsigned long long>(t.native_ops),
                 t.aborts);
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::string status_name(const VMResult& r) {
  return r.is_ok() ? "ok" : r.is_halted() ? "halted" : "error";
}

int run_chunk(Chunk chunk, const RunOptions& o, double load_ms, bool echo_result) {
  if (o.fuse) chunk = fuse_chunk(std::move(chunk));
  VMLimits limits;
  limits.fuel = o.fuel;
  limits.max_stack = o.max_stack;
  limits.max_call_depth = o.max_depth;
  limits.memory_limit = o.memory_limit;
  auto verify_start = std::chrono::steady_clock::now();
  jit::JitCompiler& jc = jit::JitCompiler::global();
  if (!o.jit_log.empty()) jc.set_log_level(o.jit_log);
  if (o.jit_eager) {
    jit::TraceJitConfig eager = jit::TraceJitConfig::eager();
    eager.enabled = jc.config().enabled;
    eager.linear_enabled = jc.config().linear_enabled;
    eager.block_enabled = jc.config().block_enabled;
    eager.trace_enabled = jc.config().trace_enabled;
    eager.trace_opts = jc.config().trace_opts;
    eager.trace_chaos_mask = jc.config().trace_chaos_mask;
    jc.set_config(eager);
  }
  if (o.no_trace_jit) {
    jit::TraceJitConfig c = jc.config();
    c.trace_enabled = false;
    jc.set_config(c);
  }
  VM vm(std::move(chunk), limits);
  if (o.no_quicken) vm.set_quickening(false);
  if (o.no_jit) vm.set_jit(false);
  if (o.jit_stats) vm.set_jit_timing(true);
  if (o.dump_trace || !o.trace_dot.empty()) vm.set_trace_dump(true);
  const double verify_ms = ms_since(verify_start);
  std::string captured;
  if (o.json_result) vm.set_output([&captured](std::string_view text) { captured += text; });
  if (o.trace) {
    auto logger = spdlog::stderr_color_st("trace");
    logger->set_pattern("[%n] %v");
    vm.set_trace([logger, &vm](const TraceEvent& e) {
      std::string top = e.top ? std::string(value_type_name(e.top->type())) + " " + e.top->to_str() : "-";
      if (top.size() > 60) top = top.substr(0, 57) + "...";
      logger->info("ip={} line={} {} depth={} frames={} top={}", e.ip, e.line, op_name(e.op),
                   e.stack_depth, e.frame_depth, top);
      (void)vm;
    });
  }
  auto run_start = std::chrono::steady_clock::now();
  VMResult r = vm.run();
  const double run_ms = ms_since(run_start);
  if (o.stats) {
    const jit::JitStats js = jc.stats();
    std::fprintf(stderr,
                 "stats: run_ms=%.3f ops=%llu load_ms=%.3f verify_ms=%.3f jit_ops=%llu jit_entries=%llu "
                 "jit_exits=%llu jit_compiles=%llu jit_compile_us=%.1f\n",
                 run_ms, static_cast<unsigned long long>(vm.stats().ops_executed), load_ms, verify_ms,
                 static_cast<unsigned long long>(vm.stats().jit_ops),
                 static_cast<unsigned long long>(vm.stats().jit_entries),
                 static_cast<unsigned long long>(vm.stats().jit_exits),
                 static_cast<unsigned long long>(js.compiles_linear + js.compiles_block + js.disk_hits),
                 js.compile_ns / 1000.0);
  }
  if (o.dump_trace) std::cerr << vm.trace_dump();
  bool dot_failed = false;
  if (!o.trace_dot.empty()) {
    std::ofstream dot(o.trace_dot, std::ios::binary | std::ios::trunc);
    dot << vm.trace_dot();
    dot.close();
    if (!dot) {
      std::cerr << "fusevm: " << o.trace_dot << ": cannot write the trace graph: " << std::strerror(errno) << "\n";
      dot_failed = true;
    }
  }
  if (o.jit_stats) print_jit_stats(vm, jc.stats(), run_ms);
  if (o.json_result) {
    std::string out = "{\"status\": \"" + status_name(r) + "\"";
    if (r.is_ok()) {
      out += ", \"result\": " + json_quote_lossy(r.value().to_str());
      auto value = value_to_json(r.value(), ValueJsonStyle::Report);
      out += ", \"value\": " + (value.ok() ? *value : std::string("null"));
    } else {
      out += ", \"result\": null, \"value\": null";
    }
    out += ", \"error\": " + (r.is_error() ? json_quote_lossy(r.error()) : std::string("null"));
    out += ", \"stdout\": " + json_quote_lossy(captured) + "}\n";
    std::cout << out;
    std::cout.flush();
    return r.is_error() ? kExitError : kExitOk;
  }
  if (r.is_error()) return fail(r.error());
  if ((o.print_result || echo_result) && r.is_ok()) std::cout << r.value().to_str() << "\n";
  return dot_failed ? kExitError : kExitOk;
}

// `eval` text: instructions separated by ';' (outside string literals) or newlines.
std::string eval_to_assembly(std::string_view text) {
  std::string out;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
      out += c;
    } else {
      out += c == ';' ? '\n' : c;
    }
  }
  return out;
}

}  // namespace

Runner add_run_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "run", "Run a chunk (.fvm, .json chunk or conformance vector, .fbc). Exit 0 when it ends ok or "
             "halted, 1 on an error (printed on stderr)");
  auto file = std::make_shared<std::string>();
  auto options = std::make_shared<RunOptions>();
  cmd->add_option("FILE", *file, "Chunk file")->required();
  add_run_options(cmd, *options);
  return [file, options]() -> int {
    auto start = std::chrono::steady_clock::now();
    auto chunk = load_or_report(*file);
    if (!chunk) return kExitError;
    return run_chunk(std::move(*chunk), *options, ms_since(start), false);
  };
}

Runner add_eval_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "eval", "Assemble and run instructions given on the command line, separated by ';' "
              "(e.g. 'LoadInt 40; LoadInt 2; Add'), and print the result");
  auto text = std::make_shared<std::string>();
  auto options = std::make_shared<RunOptions>();
  cmd->add_option("CODE", *text, "Assembly text; ';' separates instructions")->required();
  add_run_options(cmd, *options);
  return [text, options]() -> int {
    auto start = std::chrono::steady_clock::now();
    auto chunk = assemble(eval_to_assembly(*text), "<eval>");
    if (!chunk.ok()) return fail(chunk.message());
    return run_chunk(std::move(*chunk), *options, ms_since(start), true);
  };
}

}  // namespace fusevm::cli
