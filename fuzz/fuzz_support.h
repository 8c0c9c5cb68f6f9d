// Helpers shared by the fuzz targets.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "bytecode/binary_internal.h"
#include "fusevm/formats.h"
#include "fusevm/vm.h"

namespace fusevm::fuzz {

/// Small limits so that the fuzzer spends its time on structure, not on size.
inline LoadLimits limits() {
  LoadLimits l;
  l.max_input_bytes = 1 << 20;
  l.max_nesting = 64;
  return l;
}

/// Aborts (a finding) when a property fails.
inline void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "property failed: %s\n", what);
    std::abort();
  }
}

/// Wraps raw bytes as the payload of a binary chunk with a valid header and checksum, so the
/// fuzzer exercises the decoder instead of bouncing off the checksum.
inline std::vector<uint8_t> with_valid_header(const uint8_t* data, size_t size) {
  return detail::binary_with_header(std::span(data, size));
}

/// Every accepted chunk must survive binary and text round trips unchanged.
inline void check_round_trips(const Chunk& chunk) {
  auto binary = chunk_from_binary(chunk_to_binary(chunk), limits());
  check(binary.ok() && *binary == chunk, "binary round trip");
  auto text = assemble(disassemble(chunk), "fuzz.fvm", limits());
  check(text.ok() && *text == chunk, "text round trip");
}

/// True if the chunk uses an op whose result depends on the disk or the clock (globbing, file
/// tests, time functions): two runs of it need not agree, so the differential targets skip it.
inline bool uses_environment(const Chunk& chunk) {
  for (const Instr& ins : chunk.ops) {
    Op op = ins.op;
    if (op == Op::ExtendedWide) op = awk_op_for_id(static_cast<uint16_t>(ins.raw(0))).value_or(op);
    if (op == Op::Glob || op == Op::GlobRecursive || op == Op::TestFile || op == Op::AwkSystime ||
        op == Op::AwkSrand || op == Op::AwkStrftime || op == Op::AwkMktime)
      return true;
  }
  return false;
}

/// Everything observable about one run.
struct Outcome {
  VMResult::Kind kind = VMResult::Kind::Halted;
  std::string error;
  Value value;
  std::string out;
  uint64_t ops = 0;
  std::vector<Value> slots;  // slots 0..7 after the run
};

/// Runs `chunk` once under small limits (so that no input runs for long: fuel counts
/// instructions, and one instruction may copy up to the memory limit), with the default shell
/// host, no awk host and no input; `configure` adjusts the VM first.
inline Outcome run_small(const Chunk& chunk, uint64_t fuel, const std::function<void(VM&)>& configure) {
  VMLimits limits;
  limits.fuel = fuel;
  limits.max_stack = 10'000;
  limits.max_call_depth = 200;
  limits.memory_limit = 1 << 20;
  VM vm(chunk, limits);
  configure(vm);
  Outcome o;
  vm.set_output([&o](std::string_view text) {
    if (o.out.size() < (1 << 16)) o.out.append(text);
  });
  vm.set_input([]() -> std::optional<std::string> { return std::nullopt; });
  VMResult r = vm.run();
  o.kind = r.kind();
  o.error = r.error();
  o.value = r.value();
  o.ops = vm.stats().ops_executed;
  for (uint16_t s = 0; s < 8; ++s) o.slots.push_back(vm.get_slot(s));
  return o;
}

}  // namespace fusevm::fuzz
