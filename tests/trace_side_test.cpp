// Side traces: a hot exit grows a side path that is compiled into its trace (a trace tree),
// rejoining the loop in registers when it can and otherwise leaving at the loop header to be
// entered again; side paths grow from side paths (also from inside inlined calls) up to the
// chain limit; trees travel in TraceMetadata.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "fusevm/formats.h"
#include "fusevm/jit.h"
#include "fusevm/vm.h"
#include "trace_support.h"

namespace fusevm::test {
namespace {

using jit::JitCompiler;
using jit::TraceJitConfig;


// Three ways through the body by i mod 4 (odd, 2 mod 4, 0 mod 4), each adding its own amount
// to slot 1: the first path recorded is the odd one, the second grows from its first guard and
// the third from the second's guard (a chain two deep). Slots: 0 i, 1 sum.
const char* kThreeWays = R"(
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 0
        LoadInt 1
        BitAnd
        JumpIfFalse even
        GetSlot 1
        LoadInt 1
        Add
        SetSlot 1
        Jump next
even:   GetSlot 0
        LoadInt 2
        BitAnd
        JumpIfFalse four
        GetSlot 1
        LoadInt 10
        Add
        SetSlot 1
        Jump next
four:   GetSlot 1
        LoadInt 100
        Add
        SetSlot 1
next:   PreIncSlotVoid 0
        GetSlot 0
        LoadInt 4000
        NumLt
        JumpIfTrue loop
        GetSlot 1
)";

// Every third i calls f with the sum on the stack below the call; f's own branch flips at 600,
// so a side path grows from inside the inlined call of a side path. Slots: 0 i, 1 sum.
const char* kSideThroughACall = R"(
.name f
.sub f body
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   GetSlot 0
        LoadInt 3
        Mod
        LoadInt 0
        NumEq
        JumpIfFalse plain
        GetSlot 1
        GetSlot 0
        Call f 1
        Add
        SetSlot 1
        Jump next
plain:  PreIncSlotVoid 1
next:   PreIncSlotVoid 0
        GetSlot 0
        LoadInt 1500
        NumLt
        JumpIfTrue loop
        GetSlot 1
        Jump end
body:   SetSlot 0
        GetSlot 0
        LoadInt 600
        NumGt
        JumpIfFalse small
        GetSlot 0
        LoadInt 2
        Mul
        ReturnValue
small:  GetSlot 0
        ReturnValue
end:    Nop
)";

// Traces are shared process-wide: each test starts without the trees an earlier one grew.
TraceJitConfig side_config(uint32_t trace_threshold, uint32_t side_threshold = 3) {
  JitCompiler::global().clear_memory_cache();
  TraceJitConfig c = traced();
  c.trace_threshold = trace_threshold;
  c.side_exit_threshold = side_threshold;
  return c;
}

VM::TraceSummary only_loop(const VM& vm) {
  const auto s = vm.trace_summaries();
  EXPECT_EQ(s.size(), 1u);
  return s.empty() ? VM::TraceSummary{} : s.front();
}

TEST(TraceSide, AHotExitGrowsASidePathThatRejoinsTheLoop) {
  const Chunk c = assemble_text(kAlternatingLoop);
  // Recording the third iteration (i = 2, even) makes the even path the trace; the odd one,
  // which leaves at the first guard every other iteration, becomes the side path. It writes
  // only the counter, which the loop carries in a register: it rejoins the loop natively.
  ScopedConfig cfg(side_config(2));
  VM vm(c);
  const uint64_t sides_before = JitCompiler::global().stats().trace_side_traces;
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value().as_int(), 2500);
  EXPECT_EQ(JitCompiler::global().stats().trace_side_traces - sides_before, 1u);
  const VM::TraceSummary s = only_loop(vm);
  EXPECT_FALSE(s.blacklisted);
  EXPECT_EQ(s.side_traces, 1u);
  EXPECT_LE(s.side_exits, 4u);  // the three that made the exit hot, then none
  EXPECT_LE(s.entries, 6u);     // one entry runs the rest of the loop
  EXPECT_GT(s.native_ops, vm.stats().ops_executed * 9 / 10);
  expect_same_as_interpreter(c);
}

TEST(TraceSide, ASidePathThatCannotRejoinLeavesAtTheHeaderAndTheTraceIsEnteredAgain) {
  const Chunk c = assemble_text(kAlternatingLoop);
  // Recording the second iteration (odd) makes the odd path the trace; the even side path
  // writes slot 1, which the loop never writes (so does not carry): it ends at the header and
  // the VM enters the trace again at once, without interpreting an iteration.
  ScopedConfig cfg(side_config(1));
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value().as_int(), 2500);
  const VM::TraceSummary s = only_loop(vm);
  EXPECT_FALSE(s.blacklisted);
  EXPECT_EQ(s.side_traces, 1u);
  EXPECT_LE(s.side_exits, 4u);
  EXPECT_GT(s.entries, 2000u);  // once per even iteration
  EXPECT_GT(s.native_ops, vm.stats().ops_executed * 9 / 10);
}

TEST(TraceSide, SidePathsGrowFromSidePaths) {
  const Chunk c = assemble_text(kThreeWays);
  ScopedConfig cfg(side_config(1));
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value().as_int(), 2000 * 1 + 1000 * 10 + 1000 * 100);
  const VM::TraceSummary s = only_loop(vm);
  EXPECT_EQ(s.side_traces, 2u);
  EXPECT_LE(s.side_exits, 8u);
  EXPECT_GT(s.native_ops, vm.stats().ops_executed * 9 / 10);
  expect_same_as_interpreter(c);
}

TEST(TraceSide, TheChainLimitStopsGrowth) {
  const Chunk c = assemble_text(kThreeWays);
  const auto side_traces = [] { return JitCompiler::global().stats().trace_side_traces; };
  TraceJitConfig limited = side_config(1);
  limited.max_trace_chain = 1;  // a side path may grow from the loop, not from a side path
  ScopedConfig cfg(limited);
  uint64_t before = side_traces();
  VM vm(c);
  ASSERT_TRUE(vm.run().is_ok());
  EXPECT_EQ(side_traces() - before, 1u);
  limited.side_exit_threshold = 0;  // no side traces at all
  ScopedConfig none(limited);
  JitCompiler::global().clear_memory_cache();
  before = side_traces();
  VM plain(c);
  ASSERT_TRUE(plain.run().is_ok());
  EXPECT_EQ(side_traces() - before, 0u);
}

// fusevm run --trace-dot: a tree of three paths drawn as one graph whose edges all join
// declared nodes, with the side paths branching from guards and rejoining or exiting.
TEST(TraceSide, TheTraceGraphShowsEverySidePath) {
  const Chunk c = assemble_text(kThreeWays);
  ScopedConfig cfg(side_config(1));
  VM vm(c);
  vm.set_trace_dump(true);
  ASSERT_TRUE(vm.run().is_ok());
  const std::string dot = vm.trace_dot();
  ASSERT_EQ(dot.rfind("digraph fusevm_traces {", 0), 0u) << dot;
  EXPECT_NE(dot.find("side path 0 from snap"), std::string::npos) << dot;
  EXPECT_NE(dot.find("side path 1 from snap"), std::string::npos) << dot;
  EXPECT_NE(dot.find("label=\"back edge\", style=bold"), std::string::npos);
  EXPECT_NE(dot.find("label=\"side\""), std::string::npos);
  EXPECT_NE(dot.find("label=\"loop exit\""), std::string::npos);
  EXPECT_NE(dot.find("GuardTrue"), std::string::npos);
  // Node names of this graph: t<trace>_b<box> and t<trace>_x<exit>.
  const auto node_name = [](const std::string& line, size_t from) {
    size_t end = from;
    while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_')) ++end;
    return line.substr(from, end - from);
  };
  std::set<std::string> nodes, targets;
  size_t pos = 0;
  while (pos < dot.size()) {
    const size_t nl = dot.find('\n', pos);
    const std::string line = dot.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? dot.size() : nl + 1;
    const size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line[start] != 't') continue;
    const std::string first = node_name(line, start);
    const std::string rest = line.substr(start + first.size());
    if (rest.rfind(" [label=", 0) == 0) nodes.insert(first);
    if (rest.rfind(" -> ", 0) == 0) {
      targets.insert(first);
      targets.insert(node_name(rest, 4));
    }
  }
  EXPECT_GT(nodes.size(), 6u);
  for (const std::string& t : targets) EXPECT_TRUE(nodes.count(t)) << t << " is used by an edge but not declared";
  // Without set_trace_dump nothing is kept.
  VM quiet(c);
  ASSERT_TRUE(quiet.run().is_ok());
  EXPECT_NE(quiet.trace_dot().find("no trace compiled"), std::string::npos);
}

TEST(TraceSide, SidePathsThroughInlinedCallsDeoptimiseExactly) {
  const Chunk c = assemble_text(kSideThroughACall);
  ScopedConfig cfg(side_config(1, 2));
  VM vm(c);
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok());
  int64_t want = 0;
  for (int64_t i = 0; i < 1500; ++i) want += i % 3 == 0 ? (i > 600 ? 2 * i : i) : 1;
  EXPECT_EQ(r.value().as_int(), want);
  EXPECT_GE(only_loop(vm).side_traces, 2u);
  expect_same_as_interpreter(c);
  for (uint64_t fuel : {100u, 777u, 5001u, 20000u}) expect_same_as_interpreter(c, fuel);
}

TEST(TraceSide, FuelAndForcedExitsInsideSidePathsMatchTheInterpreter) {
  for (const char* text : {kAlternatingLoop, kThreeWays}) {
    const Chunk c = assemble_text(text);
    for (uint64_t fuel : {60u, 999u, 4321u, 30001u}) expect_same_as_interpreter(c, fuel);
  }
}

TEST(TraceSide, TreesTravelInTraceMetadata) {
  const Chunk c = assemble_text(kThreeWays);
  ScopedConfig cfg(side_config(1));
  VM first(c);
  ASSERT_TRUE(first.run().is_ok());
  const std::vector<jit::TraceMetadata> recipes = first.export_traces();
  ASSERT_EQ(recipes.size(), 1u);
  ASSERT_EQ(recipes[0].side_traces.size(), 2u);
  auto back = jit::trace_metadata_from_json(jit::trace_metadata_to_json(recipes[0]));
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(*back, recipes[0]);

  VM fresh(c);
  ASSERT_TRUE(fresh.import_trace(*back).ok());
  const uint64_t recordings = JitCompiler::global().stats().trace_recordings;
  VMResult r = fresh.run();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r.value().as_int(), 112000);
  EXPECT_EQ(JitCompiler::global().stats().trace_recordings, recordings);  // warm: nothing to record
  EXPECT_EQ(only_loop(fresh).side_traces, 2u);

  jit::TraceMetadata bad = *back;
  bad.side_traces[0].exit = 9999;
  EXPECT_FALSE(VM(c).import_trace(bad).ok());
  bad = *back;
  bad.side_traces[1].recorded_ips.front() += 1;  // does not start where its exit resumes
  EXPECT_FALSE(VM(c).import_trace(bad).ok());
  bad = *back;
  bad.side_traces[0].recorded_ips.pop_back();  // does not reach the loop header
  EXPECT_FALSE(VM(c).import_trace(bad).ok());
}

}  // namespace
}  // namespace fusevm::test
