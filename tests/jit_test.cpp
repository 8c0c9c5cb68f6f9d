// The JIT's tiers and policy, its exits to the interpreter (guards, zero divisors, limits,
// interrupts), native calls, the Mod fast path, JitExtension, configuration and W^X. Results are
// always checked against the interpreter; the stats say which tier ran.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "fusevm/builder.h"
#include "fusevm/jit.h"
#include "fusevm/vm.h"
#include "run_outcome.h"

namespace fusevm::test {
namespace {

using jit::JitCompiler;
using jit::TraceJitConfig;

// Sets the process-wide JIT configuration for one test and restores it after.
class ScopedConfig {
 public:
  explicit ScopedConfig(const TraceJitConfig& c) : saved_(JitCompiler::global().config()) {
    JitCompiler::global().set_config(c);
    JitCompiler::global().clear_memory_cache();
  }
  ~ScopedConfig() { JitCompiler::global().set_config(saved_); }

 private:
  TraceJitConfig saved_;
};

RunOutcome run_with(const Chunk& chunk, JitMode mode, uint16_t slots = 4, VMLimits limits = {}) {
  RunOptions o;
  o.jit = mode;
  o.slots_to_read = slots;
  o.limits = limits;
  return run_outcome(chunk, o);
}

void expect_same_as_interpreter(const Chunk& chunk, JitMode mode, VMLimits limits = {}) {
  const RunOutcome a = run_with(chunk, JitMode::Off, 4, limits);
  const RunOutcome b = run_with(chunk, mode, 4, limits);
  EXPECT_EQ(outcome_difference(a, b), "") << listing(chunk);
  EXPECT_GT(b.jit_entries, 0u) << "native code never ran\n" << listing(chunk);
}

const char* kSumLoop = R"(
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 1
        LoadInt 100000
        NumLt
        JumpIfFalse done
        GetSlot 0
        GetSlot 1
        Add
        SetSlot 0
        GetSlot 1
        LoadInt 1
        Add
        SetSlot 1
        Jump loop
done:   GetSlot 0
)";

TEST(Jit, LinearTierCompilesAStraightLineChunkOnItsFirstRun) {
  ScopedConfig config(TraceJitConfig{});
  const uint64_t before = JitCompiler::global().stats().compiles_linear;
  const Chunk c = assemble_text("LoadInt 40\nLoadInt 2\nAdd\nLoadFloat 0.5\nMul\n");
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_TRUE(r.value().is_float());
  EXPECT_EQ(r.value().as_float(), 21.0);
  EXPECT_EQ(vm.stats().jit_entries, 1u);
  EXPECT_EQ(vm.stats().jit_ops, 5u);
  EXPECT_EQ(JitCompiler::global().stats().compiles_linear, before + 1);
}

TEST(Jit, BlockTierWaitsForTheRunThreshold) {
  TraceJitConfig cfg;
  cfg.trace_enabled = false;  // the loop would be traced long before
  cfg.block_threshold = 3;
  cfg.loop_sample_interval = 1u << 30;  // keep loop sampling out of it
  ScopedConfig config(cfg);
  const Chunk c = assemble_text(kSumLoop);
  for (int run = 1; run <= 5; ++run) {
    VM vm(c);
    VMResult r = vm.run();
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value().as_int(), 4999950000);
    EXPECT_EQ(vm.stats().jit_entries, run <= 3 ? 0u : 1u) << "run " << run;
  }
}

TEST(Jit, SubsAreCompiledAfterThresholdCallsAndCalledNatively) {
  TraceJitConfig cfg;
  cfg.block_threshold = 2;
  cfg.loop_sample_interval = 1u << 30;
  ScopedConfig config(cfg);
  // fib(20) from the interpreter: the third call enters native code, which recurses natively.
  const Chunk c = assemble_text(R"(
.sub fib fib_entry
        LoadInt 20
        Call fib 1
        Jump end
fib_entry:
        SetSlot 0
        GetSlot 0
        LoadInt 2
        NumLt
        JumpIfFalse recurse
        GetSlot 0
        ReturnValue
recurse:
        GetSlot 0
        LoadInt 1
        Sub
        Call fib 1
        GetSlot 0
        LoadInt 2
        Sub
        Call fib 1
        Add
        ReturnValue
end:
)");
  const RunOutcome a = run_with(c, JitMode::Off);
  const RunOutcome b = run_with(c, JitMode::Default);
  EXPECT_EQ(outcome_difference(a, b), "");
  EXPECT_EQ(b.value.as_int(), 6765);
  EXPECT_GT(b.jit_ops, b.ops / 2);
}

TEST(Jit, HotLoopsAreEnteredMidRun) {
  ScopedConfig config(TraceJitConfig{});
  const Chunk c = assemble_text(kSumLoop);
  const RunOutcome b = run_with(c, JitMode::Default);
  EXPECT_EQ(b.value.as_int(), 4999950000);
  EXPECT_GT(b.jit_ops, b.ops * 9 / 10);  // all but the first few samples' worth ran native
}

TEST(Jit, ExitsHandTheInterpreterTheExactState) {
  // A zero divisor (Undef), a string in a slot (Other), output: each stops native code.
  const Chunk c = assemble_text(R"(
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 1
        LoadInt 3
        Mod
        SetSlot 2
        GetSlot 0
        GetSlot 2
        Div
        SetSlot 3
        GetSlot 1
        LoadInt 50
        NumEq
        JumpIfFalse skip
        LoadConst #0
        SetSlot 3
        GetSlot 3
        PrintLn 1
skip:   GetSlot 0
        GetSlot 1
        Add
        SetSlot 0
        PreIncSlotVoid 1
        GetSlot 1
        LoadInt 100
        NumLt
        JumpIfTrue loop
        GetSlot 3
)"
                                "\n.const Str \"str\"\n");
  expect_same_as_interpreter(c, JitMode::Eager);
  expect_same_as_interpreter(c, JitMode::Sampled);
}

TEST(Jit, AwkDivisionByZeroIsTheInterpretersError) {
  const Chunk c = assemble_text("LoadFloat 7.0\nLoadInt 0\nAwkDivJit\n");
  const RunOutcome a = run_with(c, JitMode::Off);
  const RunOutcome b = run_with(c, JitMode::Eager);
  EXPECT_EQ(outcome_difference(a, b), "");
  EXPECT_EQ(b.kind, VMResult::Kind::Error);
  EXPECT_NE(b.error.find("division by zero attempted"), std::string::npos);
}

TEST(Jit, FuelRunsOutAtTheSamePlace) {
  VMLimits limits;
  for (uint64_t fuel : {1u, 17u, 1000u, 123457u}) {
    limits.fuel = fuel;
    const Chunk c = assemble_text(kSumLoop);
    const RunOutcome a = run_with(c, JitMode::Off, 2, limits);
    const RunOutcome b = run_with(c, JitMode::Eager, 2, limits);
    EXPECT_EQ(outcome_difference(a, b), "") << "fuel " << fuel;
    EXPECT_EQ(b.code, ErrorCode::FuelExhausted);
  }
}

TEST(Jit, CallDepthLimitInNativeRecursion) {
  const Chunk c = assemble_text(R"(
.sub down down_entry
        LoadInt 5000
        Call down 1
        Jump end
down_entry:
        SetSlot 0
        GetSlot 0
        LoadInt 0
        NumLe
        JumpIfTrue base
        GetSlot 0
        LoadInt 1
        Sub
        Call down 1
        LoadInt 1
        Add
        ReturnValue
base:   LoadInt 0
        ReturnValue
end:
)");
  VMLimits limits;
  limits.max_call_depth = 1000;
  const RunOutcome a = run_with(c, JitMode::Off, 1, limits);
  const RunOutcome b = run_with(c, JitMode::Eager, 1, limits);
  EXPECT_EQ(outcome_difference(a, b), "");
  EXPECT_EQ(b.code, ErrorCode::CallDepthExceeded);
  limits.max_call_depth = 10000;  // deeper than max_native_depth: leaves and re-enters
  const RunOutcome c2 = run_with(c, JitMode::Off, 1, limits);
  const RunOutcome d = run_with(c, JitMode::Eager, 1, limits);
  EXPECT_EQ(outcome_difference(c2, d), "");
  EXPECT_EQ(d.value.as_int(), 5000);
}


// ── Native calls without interpreter frames (lazy frames) ──

// walk(n) keeps a value on its stack and one in a slot across its recursive call, and prints at
// n == 5: that exit, eight native calls deep, must hand the interpreter every frame, slot window
// and stack value the native calls hold. The interpreter then makes the rest of the calls, which
// enter native code again from the interpreter.
const char* kWalk = R"(
.sub walk walk_entry
        LoadInt 100
        LoadInt 12
        Call walk 1
        Add
        Jump end
walk_entry:
        SetSlot 0
        GetSlot 0
        LoadInt 3
        Mul
        SetSlot 1
        GetSlot 0
        LoadInt 0
        NumLe
        JumpIfFalse deeper
        LoadInt 0
        ReturnValue
deeper: GetSlot 0
        LoadInt 5
        NumEq
        JumpIfFalse quiet
        GetSlot 1
        PrintLn 1
quiet:  GetSlot 1
        GetSlot 0
        LoadInt 1
        Sub
        Call walk 1
        Add
        GetSlot 0
        Sub
        ReturnValue
end:
)";

TEST(Jit, AnExitDeepInNativeRecursionWritesEveryFrame) {
  ScopedConfig config(TraceJitConfig::eager());
  const Chunk c = assemble_text(kWalk);
  expect_same_as_interpreter(c, JitMode::Eager);
  const RunOutcome b = run_with(c, JitMode::Eager);
  EXPECT_EQ(b.stdout_text, "15\n");
  EXPECT_EQ(b.value.as_int(), 100 + 2 * (12 * 13 / 2));
}

TEST(Jit, ErrorsDeepInNativeRecursionNameTheSameFrames) {
  // At n == 5 the sub divides by a string: the interpreter raises it, with the frames the
  // native calls made.
  std::string text = kWalk;
  const std::string print = "        GetSlot 1\n        PrintLn 1\n";
  text.replace(text.find(print), print.size(), "        GetSlot 1\n        LoadConst #0\n        Div\n        Pop\n");
  text += ".const Str \"x\"\n";
  const Chunk c = assemble_text(text);
  const RunOutcome a = run_with(c, JitMode::Off);
  const RunOutcome b = run_with(c, JitMode::Eager);
  EXPECT_EQ(outcome_difference(a, b), "");
  EXPECT_GT(b.jit_entries, 0u);
}

TEST(Jit, FuelRunsOutAtTheSamePlaceInNativeRecursion) {
  const Chunk c = assemble_text(kWalk);
  VMLimits limits;
  for (uint64_t fuel : {5u, 40u, 61u, 150u, 211u}) {
    limits.fuel = fuel;
    const RunOutcome a = run_with(c, JitMode::Off, 2, limits);
    const RunOutcome b = run_with(c, JitMode::Eager, 2, limits);
    EXPECT_EQ(outcome_difference(a, b), "") << "fuel " << fuel;
    EXPECT_EQ(b.code, ErrorCode::FuelExhausted) << "fuel " << fuel;
  }
}

TEST(Jit, SubsThatCannotHaveLazyFramesStillRunNatively) {
  ScopedConfig config(TraceJitConfig::eager());
  // keep(s, n) passes its string argument on to twice(s, n) in a native call, and twice returns
  // with the string still below its result, so its return must drop a heap value; mixed(n)
  // returns a value or none. Both units are compiled with eager frames.
  const Chunk c = assemble_text(R"(
.sub keep keep_entry
.sub twice twice_entry
.sub mixed mixed_entry
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   LoadConst #0
        GetSlot 1
        Call keep 2
        GetSlot 0
        Add
        SetSlot 0
        GetSlot 1
        Call mixed 1
        PreIncSlotVoid 1
        GetSlot 1
        LoadInt 40
        NumLt
        JumpIfTrue loop
        GetSlot 0
        Jump end
keep_entry:
        SetSlot 0
        GetSlot 0
        Call twice 2
        ReturnValue
twice_entry:
        SetSlot 0
        GetSlot 0
        LoadInt 2
        Mul
        ReturnValue
mixed_entry:
        SetSlot 0
        GetSlot 0
        LoadInt 2
        Mod
        JumpIfTrue odd
        GetSlot 0
        ReturnValue
odd:    Return
end:
.const Str "s"
)");
  const RunOutcome a = run_with(c, JitMode::Off);
  const RunOutcome b = run_with(c, JitMode::Eager);
  EXPECT_EQ(outcome_difference(a, b), "") << listing(c);
  EXPECT_GT(b.jit_ops, 0u);
}

TEST(Jit, ModFastPathMatchesTheInterpreter) {
  std::mt19937_64 rng(42);
  const int64_t edges[] = {0, 1, -1, 2, -2, 7, -7, INT32_MAX, INT32_MIN, int64_t{INT32_MAX} + 1,
                           int64_t{INT32_MIN} - 1, INT64_MAX, INT64_MIN, (int64_t{1} << 53) + 1};
  std::vector<int64_t> values(std::begin(edges), std::end(edges));
  for (int i = 0; i < 200; ++i) values.push_back(static_cast<int32_t>(rng()));
  for (int i = 0; i < 50; ++i) values.push_back(static_cast<int64_t>(rng()));
  std::string text = "LoadInt 0\n";
  int n = 0;
  for (size_t i = 0; i < values.size(); i += 3) {
    for (size_t j = 0; j < values.size(); j += 5) {
      text += "LoadInt " + std::to_string(values[i]) + "\nSetSlot 1\nLoadInt " + std::to_string(values[j]) +
              "\nSetSlot 2\nGetSlot 1\nGetSlot 2\nMod\nBitXor\n";
      ++n;
    }
  }
  const Chunk c = assemble_text(text);
  expect_same_as_interpreter(c, JitMode::Eager);
  EXPECT_GT(n, 1000);
}

// ── JitExtension ──

extern "C" int64_t floored_mod(int64_t a, int64_t b) {
  if (b == 0 || b == -1) return 0;
  const int64_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}
extern "C" double halve(double x) { return x / 2; }

class TestExtension : public jit::JitExtension {
 public:
  std::string_view name() const override { return "test-ext"; }
  std::optional<jit::NativeOp> extended(uint16_t id, uint8_t) const override {
    if (id != 7) return std::nullopt;
    return jit::NativeOp{reinterpret_cast<const void*>(&floored_mod), "test_floored_mod",
                         {jit::SlotKind::Int, jit::SlotKind::Int}, jit::SlotKind::Int};
  }
  std::optional<jit::NativeOp> builtin(uint16_t id, uint8_t argc) const override {
    if (id != 3 || argc != 1) return std::nullopt;
    return jit::NativeOp{reinterpret_cast<const void*>(&halve), "test_halve", {jit::SlotKind::Float},
                         jit::SlotKind::Float};
  }
};

TEST(Jit, ExtensionOpsAreCalledNatively) {
  JitCompiler::global().register_extension(std::make_shared<TestExtension>());
  ScopedConfig config(TraceJitConfig::eager());
  const Chunk c = assemble_text(R"(
        LoadInt -50
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 1
        GetSlot 0
        LoadInt 7
        Extended 7 0
        Add
        SetSlot 1
        GetSlot 1
        CallBuiltin 3 1
        SetSlot 2
        PreIncSlotVoid 0
        GetSlot 0
        LoadInt 50
        NumLt
        JumpIfTrue loop
        GetSlot 1
)");
  auto run = [&](bool jit) {
    VM vm(c);
    vm.set_jit(jit);
    vm.set_extension_handler([](VM& v, uint16_t id, uint8_t) {
      if (id != 7) return;  // id 9: does nothing (no JIT lowering: the VM runs it)
      const int64_t b = v.pop().to_int(), a = v.pop().to_int();
      v.push(Value::integer(floored_mod(a, b)));
    });
    vm.register_builtin(3, [](VM& v, uint8_t) { return Value::floating(halve(v.pop().to_float())); });
    VMResult r = vm.run();
    return std::make_tuple(r.value().as_int(), vm.get_slot(2).as_float(), vm.stats().jit_ops, vm.stats().ops_executed);
  };
  const auto [i_val, i_half, i_native, i_ops] = run(false);
  const auto [j_val, j_half, j_native, j_ops] = run(true);
  EXPECT_EQ(i_val, j_val);
  EXPECT_EQ(i_half, j_half);
  EXPECT_EQ(i_ops, j_ops);
  EXPECT_EQ(i_native, 0u);
  EXPECT_GT(j_native, j_ops * 9 / 10);
}

TEST(Jit, UnclaimedExtensionOpsRunInTheInterpreter) {
  ScopedConfig config(TraceJitConfig::eager());
  const Chunk c = assemble_text("LoadInt 5\nLoadInt 3\nExtended 999 1\nAdd\n");
  auto run = [&](bool jit) {
    VM vm(c);
    vm.set_jit(jit);
    vm.set_extension_handler([](VM& v, uint16_t, uint8_t arg) { v.push(Value::integer(arg * 10)); });
    return vm.run().value().as_int();
  };
  EXPECT_EQ(run(false), 13);
  EXPECT_EQ(run(true), 13);
}

// ── Configuration ──

TEST(Jit, EnvironmentOverridesTheDefaults) {
  setenv("FUSEVM_JIT_BLOCK_THRESHOLD", "3", 1);
  setenv("FUSEVM_JIT_TRACE_THRESHOLD", "7", 1);
  setenv("FUSEVM_JIT", "off", 1);
  const TraceJitConfig c = TraceJitConfig::from_env();
  unsetenv("FUSEVM_JIT_BLOCK_THRESHOLD");
  unsetenv("FUSEVM_JIT_TRACE_THRESHOLD");
  unsetenv("FUSEVM_JIT");
  EXPECT_EQ(c.block_threshold, 3u);
  EXPECT_EQ(c.trace_threshold, 7u);
  EXPECT_FALSE(c.enabled);
  const TraceJitConfig d = TraceJitConfig::from_env();
  EXPECT_EQ(d.block_threshold, 10u);
  EXPECT_EQ(d.trace_threshold, 50u);
  EXPECT_TRUE(d.enabled);
}

TEST(Jit, DisabledMeansInterpretedAndIdentical) {
  TraceJitConfig cfg = TraceJitConfig::eager();
  cfg.enabled = false;
  ScopedConfig config(cfg);
  VM vm(assemble_text(kSumLoop));
  ASSERT_TRUE(vm.run().is_ok());
  EXPECT_EQ(vm.stats().jit_entries, 0u);
}

TEST(Jit, NoMappingIsWritableAndExecutable) {
  ScopedConfig config(TraceJitConfig::eager());
  for (int i = 0; i < 20; ++i) {
    VM vm(assemble_text(std::string(kSumLoop) + "LoadInt " + std::to_string(i) + "\nAdd\n"));
    ASSERT_TRUE(vm.run().is_ok());
  }
  std::ifstream maps("/proc/self/maps");
  std::string line;
  int executable = 0;
  while (std::getline(maps, line)) {
    std::istringstream in(line);
    std::string range, perms;
    in >> range >> perms;
    EXPECT_FALSE(perms.size() >= 3 && perms[1] == 'w' && perms[2] == 'x') << line;
    if (line.find("fusevm-jit") != std::string::npos && perms[2] == 'x') ++executable;
  }
  EXPECT_GT(executable, 0);  // the code really lives in the JIT's own mappings
}

TEST(Jit, LoggingCanBeSwitchedOn) {
  JitCompiler::global().set_log_level("debug");
  ScopedConfig config(TraceJitConfig::eager());
  VM vm(assemble_text("LoadInt 1\nLoadInt 2\nAdd\n"));
  EXPECT_TRUE(vm.run().is_ok());
  JitCompiler::global().set_log_level("off");
}

}  // namespace
}  // namespace fusevm::test
