// The JIT's statistics: what one run did natively (VM::stats) and what the process-wide compiler
// did (JitCompiler::stats), for the same hot loop with the JIT on and off. The results agree;
// only the time and the counters differ. In a build without the JIT the counters stay zero.
#include <chrono>
#include <cstdio>

#include "fusevm/formats.h"
#include "fusevm/jit.h"
#include "fusevm/vm.h"

using namespace fusevm;

int main() {
  Result<Chunk> chunk = assemble(R"(
        LoadFloat 0.0
        SetSlot 0
        LoadInt 0
        SetSlot 1
top:    GetSlot 1
        LoadInt 2000000
        NumLt
        JumpIfFalse done
        GetSlot 0
        GetSlot 1
        LoadFloat 0.5
        Mul
        Add
        SetSlot 0
        GetSlot 1
        Inc
        SetSlot 1
        Jump top
done:   GetSlot 0
)", "jit_stats.fvm");
  if (!chunk.ok()) return std::fprintf(stderr, "%s\n", chunk.message().c_str()), 1;

  auto& jit = jit::JitCompiler::global();
  jit.set_cache_dir("");  // compile afresh rather than load from the disk cache
  jit.reset_stats();
  std::string answers[2];
  for (bool on : {false, true}) {
    VM vm(*chunk);
    vm.set_jit(on);
    vm.set_jit_timing(true);
    const auto start = std::chrono::steady_clock::now();
    VMResult r = vm.run();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const VMStats& s = vm.stats();
    answers[on] = r.value().to_str();
    std::printf("jit %-3s result %s  %.1f ms  ops %llu  native ops %llu (traces %llu)  entries %llu  exits %llu\n",
                on ? "on" : "off", answers[on].c_str(), ms, static_cast<unsigned long long>(s.ops_executed),
                static_cast<unsigned long long>(s.jit_ops), static_cast<unsigned long long>(s.trace_ops),
                static_cast<unsigned long long>(s.jit_entries), static_cast<unsigned long long>(s.jit_exits));
  }
  const jit::JitStats js = jit.stats();
  std::printf("compiler: linear %llu  block %llu  trace %llu  declined %llu  %llu bytes of code in %.2f ms\n",
              static_cast<unsigned long long>(js.compiles_linear), static_cast<unsigned long long>(js.compiles_block),
              static_cast<unsigned long long>(js.compiles_trace), static_cast<unsigned long long>(js.compile_failures),
              static_cast<unsigned long long>(js.native_bytes), js.compile_ns / 1e6);
  std::printf("%s\n", answers[0] == answers[1] ? "same result with and without the JIT" : "RESULTS DIFFER");
  return answers[0] == answers[1] ? 0 : 1;
}
