// Where we differ from the original on purpose (DEVIATIONS.md): the conformance vectors whose
// deviation entry says "see section" are judged here, each against the outcome its section
// prescribes, next to tests of each section's rule on its own.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "fusevm/formats.h"
#include "fusevm/vm.h"
#include "run_outcome.h"
#include "test_support.h"

namespace fusevm {
namespace {

test::RunOutcome run_vector(std::string_view stem) {
  for (const auto& path : test::vector_files())
    if (path.stem().string().rfind(stem, 0) == 0) return test::run_outcome(test::load_vector_chunk(path), {});
  ADD_FAILURE() << "no vector " << stem;
  return {};
}

std::string json_of(const Value& v) {
  auto text = value_to_json(v, ValueJsonStyle::Report);
  return text.ok() ? *text : "?";
}

// ── A: stack underflow is an error ──
TEST(DeviationA, PoppingBelowTheFrameIsAnErrorNotUndef) {
  // The callee pops more than its one argument: its frame ends at the argument.
  const auto out = test::run_text(
      ".sub f f_entry\nLoadInt 1\nLoadInt 2\nCall f 1\nJump end\n"
      "f_entry: CallBuiltin 1 0\nPop\nPop\nPop\nReturn\nend:\n");
  EXPECT_EQ(out.code, ErrorCode::RuntimeError) << "(without builtin 1 the run stops there)";
  VM vm(test::assemble_text(".sub f f_entry\nLoadInt 1\nLoadInt 2\nCall f 1\nJump end\n"
                            "f_entry: CallBuiltin 1 0\nPop\nPop\nPop\nReturn\nend:\n"));
  vm.register_builtin(1, [](VM&, uint8_t) { return Value::integer(0); });
  const VMResult r = vm.run();
  EXPECT_EQ(r.error_code(), ErrorCode::StackUnderflow) << r.error();
  EXPECT_NE(r.error().find("(ip 7, Pop): stack underflow: Pop needs 1 value but the frame has 0"),
            std::string::npos)
      << r.error();
}

TEST(DeviationA, AnEmptyChunkAndAnEmptyStackStillEndHalted) {
  EXPECT_EQ(test::run_text("").kind, VMResult::Kind::Halted);
  EXPECT_EQ(test::run_text("LoadInt 1\nPop\n").kind, VMResult::Kind::Halted);
}

// ── B: nothing panics ──
TEST(DeviationB, NegativeWriteIndexIsAnErrorAndReadsGiveUndef) {
  EXPECT_NE(test::run_text(".name a\nLoadInt 1\nLoadInt -1\nArraySet a\n").error.find("index -1 out of range"),
            std::string::npos);
  EXPECT_NE(test::run_text("LoadInt 1\nLoadInt -2\nSlotArraySet 0\n").error.find("index -2 out of range"),
            std::string::npos);
  EXPECT_TRUE(test::run_text(".name a\nDeclareArray a\nLoadInt -1\nArrayGet a\n").value.is_undef());
  EXPECT_TRUE(test::run_text(".name a\nDeclareArray a\nLoadInt 99\nArrayGet a\n").value.is_undef());
}

TEST(DeviationB, MinModMinusOneIsZero) {
  EXPECT_EQ(test::run_text("LoadInt -9223372036854775808\nLoadInt -1\nMod\n").value.as_int(), 0);
}

// ── C: writes to containers never vanish ──
TEST(DeviationC, Vector0121PushToAnUndeclaredArrayCreatesIt) {
  const auto out = run_vector("0121_");
  EXPECT_EQ(json_of(out.value), R"({"Array":[{"Int":1},{"Array":[{"Int":1}]}]})");
}

TEST(DeviationC, Vector0125ArraySetOnAnUndeclaredNameCreatesTheArray) {
  const auto out = run_vector("0125_");
  EXPECT_EQ(json_of(out.value), R"({"Array":[{"Array":[{"Int":1}]}]})");
}

TEST(DeviationC, Vector0146HashSetOnAnUndeclaredNameCreatesTheHash) {
  const auto out = run_vector("0146_");
  EXPECT_EQ(json_of(out.value), R"({"Array":[{"Hash":{"a":{"Int":1}}},{"Int":1}]})");
}

TEST(DeviationC, WritingIntoANonContainerIsAnErrorNamingIt) {
  EXPECT_NE(test::run_text(".name a\nLoadInt 5\nSetVar a\nLoadInt 1\nArrayPush a\n")
                .error.find("ArrayPush: 'a' holds Int, not an Array"),
            std::string::npos);
  EXPECT_NE(test::run_text(".name h\nLoadInt 5\nSetVar h\nLoadInt 1\nLoadConst Str \"k\"\nHashSet h\n")
                .error.find("HashSet: 'h' holds Int, not a Hash"),
            std::string::npos);
  EXPECT_NE(test::run_text("LoadConst Str \"x\"\nSetSlot 2\nLoadInt 1\nLoadInt 0\nSlotArraySet 2\n")
                .error.find("SlotArraySet: slot 2 holds Str, not an Array"),
            std::string::npos);
}

// ── D: returns and frames end cleanly ──
TEST(DeviationD, Vector0393TopLevelReturnValueEndsTheRun) {
  const auto out = run_vector("0393_");
  EXPECT_EQ(out.kind, VMResult::Kind::Ok);
  EXPECT_EQ(json_of(out.value), R"({"Int":1})") << "ran once, not twice";
}

TEST(DeviationD, Vector0394TopLevelReturnEndsTheRun) {
  const auto out = run_vector("0394_");
  EXPECT_EQ(json_of(out.value), R"({"Int":1})");
}

TEST(DeviationD, Vector0395TopLevelReturnValueKeepsItsValue) {
  const auto out = run_vector("0395_");
  EXPECT_EQ(json_of(out.value), R"({"Array":[{"Int":5}]})");
}

TEST(DeviationD, TopLevelReturnWithAnEmptyStackHalts) {
  EXPECT_EQ(test::run_text("Return\nLoadInt 1\n").kind, VMResult::Kind::Halted);
}

TEST(DeviationD, PopFrameWithoutPushFrameIsAnError) {
  EXPECT_NE(test::run_text("PopFrame\n").error.find("PopFrame without PushFrame"), std::string::npos);
  // Inside a call, the caller's scope does not count.
  const auto out = test::run_text(".sub f f_entry\nPushFrame\nCall f 0\nPopFrame\nJump end\nf_entry: PopFrame\nReturn\nend:\n");
  EXPECT_NE(out.error.find("PopFrame without PushFrame"), std::string::npos) << out.error;
}

// ── E: missing handlers are errors ──
TEST(DeviationE, MissingHandlersAndHostsAreNamed) {
  EXPECT_NE(test::run_text("CallBuiltin 9 0\n").error.find("no builtin registered for id 9"), std::string::npos);
  EXPECT_NE(test::run_text("Extended 3 1\n").error.find("no extension handler for op 3"), std::string::npos);
  EXPECT_NE(test::run_text("AwkNf\n").error.find("AwkNf: no awk host set"), std::string::npos);
  // Host-independent awk ops work without a host.
  EXPECT_EQ(test::run_text("LoadFloat 16.0\nAwkSqrt\n").value.to_str(), "4");
}

// ── F: the higher-order ops work (interp_blocks_test.cpp has the rest) ──
TEST(DeviationF, Vector0420MapBlockMaps) {
  EXPECT_EQ(json_of(run_vector("0420_").value),
            R"({"Array":[{"Array":[{"Int":6},{"Int":2},{"Int":4}]},{"Int":99}]})");
}

TEST(DeviationF, Vector0421GrepBlockKeepsTruthyElements) {
  // The block doubles each element; every double is truthy, so all are kept.
  EXPECT_EQ(json_of(run_vector("0421_").value),
            R"({"Array":[{"Array":[{"Int":3},{"Int":1},{"Int":2}]},{"Int":99}]})");
}

TEST(DeviationF, Vector0422SortBlockWithABadComparatorIsAnError) {
  // The block `LoadInt 2; Mul` leaves two values for each comparison.
  EXPECT_EQ(run_vector("0422_").error,
            "<chunk>:1 (ip 9, SortBlock): the block must leave exactly one value on the stack, it left 2");
}

TEST(DeviationF, Vector0423ForEachBlockThatLeavesAValueIsAnError) {
  EXPECT_EQ(run_vector("0423_").error,
            "<chunk>:1 (ip 9, ForEachBlock): the block must leave nothing on the stack, it left 1");
}

TEST(DeviationF, Vector0424SortDefaultSorts) {
  EXPECT_EQ(json_of(run_vector("0424_").value),
            R"({"Array":[{"Array":[{"Int":1},{"Int":2},{"Int":3}]},{"Int":99}]})");
}

// ── G: the default host is safe ──
TEST(DeviationG, Vector0492StrMatchMatchesGlobs) {
  EXPECT_EQ(json_of(run_vector("0492_").value), R"({"Array":[{"Bool":true},{"Bool":true}]})");
}

TEST(DeviationG, Vector0493RegexMatchUsesRe2) {
  EXPECT_EQ(json_of(run_vector("0493_").value), R"({"Bool":true})");
}

TEST(DeviationG, Vector0495BraceExpandExpands) {
  EXPECT_EQ(json_of(run_vector("0495_").value), R"({"Array":[{"Str":"a"},{"Str":"b"}]})");
}

TEST(DeviationG, Vector0496TildeExpandUsesHome) {
  const auto out = run_vector("0496_");
  const char* home = std::getenv("HOME");
  ASSERT_NE(home, nullptr);
  EXPECT_EQ(out.value.to_str(), std::string(home) + "/x");
}

TEST(DeviationG, UnknownCommandsAreNotStarted) {
  // `touch` would create the file if a process were started.
  const std::string path = ::testing::TempDir() + "fusevm_default_host_probe";
  std::filesystem::remove(path);
  const auto out = test::run_text("LoadConst Str \"touch\"\nLoadConst Str \"" + path + "\"\nExec 2\n");
  EXPECT_EQ(out.value.to_str(), "127");
  EXPECT_FALSE(std::filesystem::exists(path)) << "no process ran";
}

}  // namespace
}  // namespace fusevm
