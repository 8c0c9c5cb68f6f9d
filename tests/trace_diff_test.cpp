// Differential tests of the trace tier against the interpreter: random programs, every
// conformance vector and the original's JIT fuzz loops, run with the trace tier alone (every
// loop traced at once), with random guard failures forced (every deopt path), and with each
// combination of optimisations switched off. Status, value, error, output, op count and final
// slots must be the same as the interpreter's.
//
// FUSEVM_TRACE_DIFF_SECONDS bounds the random-program phase (default 15 s);
// FUSEVM_TRACE_DIFF_SEED=N runs that one program and prints its trace dumps.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fusevm/formats.h"
#include "fusevm/jit.h"
#include "program_gen.h"
#include "run_outcome.h"

namespace fusevm::test {
namespace {

// The pass combination for a seed: each optimisation off in turn, then random subsets.
jit::TraceOptimizations passes_for(uint64_t seed) {
  jit::TraceOptimizations o;
  const uint64_t bits = seed < 8 ? ~(uint64_t{1} << seed) : seed * 0x9E3779B97F4A7C15ull >> 40;
  o.fold = bits & 1;
  o.cse = bits & 2;
  o.guard_elim = bits & 4;
  o.peel = bits & 8;
  o.unbox = bits & 16;
  o.sink = bits & 32;
  o.closed_form = bits & 64;
  return o;
}

std::string describe(const jit::TraceOptimizations& o) {
  std::string s;
  if (!o.fold) s += " nofold";
  if (!o.cse) s += " nocse";
  if (!o.guard_elim) s += " noguards";
  if (!o.peel) s += " nopeel";
  if (!o.unbox) s += " nounbox";
  if (!o.sink) s += " nosink";
  if (!o.closed_form) s += " noclosed";
  return s.empty() ? " all passes" : s;
}

std::string trace_differences(const Chunk& chunk, uint64_t seed, Coverage* cov, uint64_t fuel = 0) {
  RunOptions o;
  o.slots_to_read = kGenSlots;
  o.limits.fuel = fuel;
  std::string d = jit_differences(chunk, {JitMode::Traced, JitMode::TraceChaos}, o, cov);
  if (!d.empty()) return d;
  o.trace_opts = passes_for(seed);
  d = jit_differences(chunk, {JitMode::Traced, JitMode::TraceChaos}, o, cov);
  return d.empty() ? d : d + " (with" + describe(o.trace_opts) + ")";
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

GenOptions gen_for(uint64_t seed) {
  GenOptions g;
  g.loops = true;
  g.calls = seed % 3 != 0;
  g.fuse = seed % 5 == 0;
  g.exotic = seed % 4 == 0;
  return g;
}

TEST(TraceDiff, RandomPrograms) {
  if (const char* one = std::getenv("FUSEVM_TRACE_DIFF_SEED")) {
    const uint64_t seed = std::strtoull(one, nullptr, 10);
    const Chunk chunk = generate_program(seed, gen_for(seed));
    std::cout << listing(chunk) << "\n" << trace_differences(chunk, seed, nullptr) << "\n";
    return;
  }
  double seconds = 15;
  if (const char* s = std::getenv("FUSEVM_TRACE_DIFF_SECONDS")) seconds = std::atof(s);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  uint64_t programs = 0, failures = 0;
  Coverage cov;
  for (uint64_t seed = 1; std::chrono::steady_clock::now() < deadline || programs < 200; ++seed) {
    const Chunk chunk = generate_program(seed, gen_for(seed));
    std::string d = trace_differences(chunk, seed, &cov);
    if (d.empty() && seed % 4 == 0) {
      RunOptions o;
      const uint64_t ops = run_outcome(chunk, o).ops;
      const uint64_t fuel = 1 + (seed * 2654435761u) % (ops + 1);
      d = trace_differences(chunk, seed, &cov, fuel);
      if (!d.empty()) d = "fuel " + std::to_string(fuel) + ": " + d;
    }
    ++programs;
    if (!d.empty()) {
      ++failures;
      if (failures <= 5) ADD_FAILURE() << "seed " << seed << ": " << d << "\n" << listing(chunk);
    }
    if (programs >= 2000000) break;
  }
  std::cout << "[ trace diff ] " << programs << " random programs, " << failures << " differ, " << cov.entries
            << " native entries, " << cov.native_ops << " of " << cov.ops << " ops native, " << cov.side_traces
            << " side traces\n";
  EXPECT_GT(cov.entries, programs / 4);
  EXPECT_GT(cov.side_traces, programs / 50);
  EXPECT_GT(cov.native_ops, cov.ops / 10);
}

TEST(TraceDiff, ConformanceVectorsAndFuzzLoops) {
  const std::filesystem::path data = FUSEVM_TEST_DATA_DIR;
  size_t chunks = 0, failures = 0;
  Coverage cov;
  const auto check = [&](const Chunk& chunk, const std::string& name, std::vector<Value> initial) {
    ++chunks;
    RunOptions o;
    o.slots_to_read = kGenSlots;
    o.initial_slots = std::move(initial);
    const std::string d = jit_differences(chunk, {JitMode::Traced, JitMode::TraceChaos}, o, &cov);
    if (!d.empty() && ++failures <= 10) ADD_FAILURE() << name << ": " << d << "\n" << listing(chunk);
  };
  for (const auto& file : std::filesystem::directory_iterator(data / "conformance/upstream-v0.13.6/vectors")) {
    if (file.path().extension() != ".json") continue;
    auto chunk = chunk_from_json_document(read_file(file.path()));
    if (chunk.ok()) check(*chunk, file.path().filename().string(), {});
  }
  const auto doc = nlohmann::json::parse(read_file(data / "conformance/jit-fuzz-cases.json"));
  for (const auto& c : doc["cases"]) {
    auto chunk = chunk_from_json(c["chunk"].dump());
    if (chunk.ok()) check(*chunk, "fuzz case " + c["case"].dump(), {Value::integer(0), Value::integer(0)});
  }
  std::cout << "[ trace diff ] " << chunks << " chunks, " << failures << " differ, " << cov.entries
            << " trace entries, " << cov.native_ops << " of " << cov.ops << " ops native, " << cov.side_traces
            << " side traces\n";
  EXPECT_GT(chunks, 800u);
  EXPECT_GT(cov.entries, 100u);
}

}  // namespace
}  // namespace fusevm::test
