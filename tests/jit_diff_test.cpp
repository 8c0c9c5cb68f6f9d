// Differential tests of the JIT against the interpreter, which defines what every op means:
// every conformance vector, the original's JIT fuzz loops, and random programs, each run with
// the JIT off and in several JIT modes, must give the same status, value, error text, output,
// op count and final slots.
//
// FUSEVM_JIT_DIFF_SECONDS bounds the random-program phase (default 20 s).
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

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `chunk` with the JIT off and in `modes`; returns the first difference ("" if none).
std::string differences(const Chunk& chunk, std::initializer_list<JitMode> modes, size_t runs,
                        Coverage* cov = nullptr, std::vector<Value> initial = {}, uint64_t fuel = 0) {
  RunOptions o;
  o.limits.fuel = fuel;
  o.slots_to_read = kGenSlots;
  o.runs = runs;
  o.initial_slots = std::move(initial);
  return jit_differences(chunk, modes, o, cov);
}

TEST(JitDiff, EveryConformanceVector) {
  const std::filesystem::path dir = std::filesystem::path(FUSEVM_TEST_DATA_DIR) / "conformance/upstream-v0.13.6/vectors";
  size_t vectors = 0, failures = 0;
  Coverage cov;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    if (file.path().extension() != ".json") continue;
    auto chunk = chunk_from_json_document(read_file(file.path()));
    if (!chunk.ok()) continue;  // vectors of malformed chunks test the loader, not the JIT
    ++vectors;
    const std::string d = differences(*chunk, {JitMode::Eager, JitMode::Sampled}, 1, &cov);
    const std::string d12 = d.empty() ? differences(*chunk, {JitMode::Default}, 12, &cov) : "";
    if (!d.empty() || !d12.empty()) {
      ++failures;
      if (failures <= 10)
        ADD_FAILURE() << file.path().filename() << ": " << d << d12 << "\n" << listing(*chunk);
    }
  }
  std::cout << "[ jit diff ] " << vectors << " vectors, " << failures << " differ, " << cov.entries
            << " native entries, " << cov.native_ops << " of " << cov.ops << " ops native\n";
  EXPECT_GT(vectors, 700u);
  EXPECT_GT(cov.entries, vectors);  // the JIT really ran most of them
}

TEST(JitDiff, OriginalFuzzLoops) {
  const auto doc = nlohmann::json::parse(read_file(std::filesystem::path(FUSEVM_TEST_DATA_DIR) / "conformance/jit-fuzz-cases.json"));
  size_t cases = 0;
  Coverage cov;
  for (const auto& c : doc["cases"]) {
    auto chunk = chunk_from_json(c["chunk"].dump());
    ASSERT_TRUE(chunk.ok()) << chunk.message();
    const std::vector<Value> initial{Value::integer(0), Value::integer(0)};
    EXPECT_EQ(differences(*chunk, {JitMode::Eager, JitMode::Sampled, JitMode::Default}, 3, &cov, initial), "")
        << "case " << c["case"] << "\n" << listing(*chunk);
    // And the original interpreter's answer (an Int, the loop counter).
    RunOptions o;
    o.jit = JitMode::Eager;
    o.initial_slots = initial;
    const RunOutcome r = run_outcome(*chunk, o);
    ASSERT_TRUE(r.value.is_int()) << "case " << c["case"];
    EXPECT_EQ(r.value.as_int(), c["interp_value"]["Int"].get<int64_t>()) << "case " << c["case"];
    ++cases;
  }
  EXPECT_EQ(cases, 100u);
  EXPECT_GT(cov.native_ops, cov.ops / 2);
}

TEST(JitDiff, RandomPrograms) {
  double seconds = 20;
  if (const char* s = std::getenv("FUSEVM_JIT_DIFF_SECONDS")) seconds = std::atof(s);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  uint64_t programs = 0, failures = 0;
  Coverage cov;
  for (uint64_t seed = 1; std::chrono::steady_clock::now() < deadline || programs < 200; ++seed) {
    GenOptions g;
    g.loops = seed % 4 != 0;
    g.calls = seed % 3 != 0;
    g.fuse = seed % 5 == 0;
    g.exotic = seed % 7 != 0;
    const Chunk chunk = generate_program(seed, g);
    std::string d = differences(chunk, {JitMode::Eager, JitMode::Sampled}, seed % 11 == 0 ? 3 : 1, &cov);
    if (d.empty() && seed % 3 == 0) {
      // Under a fuel limit (the code that checks it at every taken jump and call), including
      // one that runs out part-way.
      RunOptions o;
      const uint64_t ops = run_outcome(chunk, o).ops;
      const uint64_t fuel = seed % 2 ? ops + 5 : 1 + (seed * 2654435761u) % (ops + 1);
      d = differences(chunk, {JitMode::Eager, JitMode::Sampled}, 1, &cov, {}, fuel);
      if (!d.empty()) d = "fuel " + std::to_string(fuel) + ": " + d;
    }
    ++programs;
    if (!d.empty()) {
      ++failures;
      if (failures <= 5) ADD_FAILURE() << "seed " << seed << ": " << d << "\n" << listing(chunk);
    }
    if (programs >= 2000000) break;
  }
  std::cout << "[ jit diff ] " << programs << " random programs, " << failures << " differ, " << cov.entries
            << " native entries, " << cov.native_ops << " of " << cov.ops << " ops native\n";
  EXPECT_GT(cov.entries, programs / 2);
  EXPECT_GT(cov.native_ops, cov.ops / 4);
}

}  // namespace
}  // namespace fusevm::test
