// The verifier: each check, severities, strict mode, the stack analysis, and its verdict on every
// conformance vector.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "fusevm/builder.h"
#include "fusevm/code_tables.h"
#include "fusevm/formats.h"
#include "fusevm/verifier.h"
#include "test_support.h"

namespace fusevm {
namespace {

Chunk make(std::initializer_list<Instr> ops) {
  ChunkBuilder b;
  b.set_source("t.fvm");
  uint32_t line = 1;
  for (const Instr& i : ops) b.emit(i, line++);
  return std::move(b).build();
}

// The messages of all diagnostics of one severity, joined.
std::string messages(const VerifyReport& r, Severity s) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == s) out += d.message + "\n";
  return out;
}

TEST(Verifier, AcceptsAWellFormedChunk) {
  ChunkBuilder b;
  uint16_t x = b.add_name("x");
  uint16_t k = b.add_constant(Value::integer(3));
  b.emit(ins::LoadConst(k), 1);
  b.emit(ins::SetVar(x), 1);
  b.emit(ins::LoadInt(0), 2);
  b.emit(ins::SetSlot(4), 2);
  size_t loop = b.emit(ins::SlotLtIntJumpIfFalse(4, 10, 0), 3);
  b.emit(ins::PreIncSlotVoid(4), 4);
  b.emit(ins::Jump(loop), 4);
  b.patch_jump(loop, b.current_pos());
  b.emit(ins::GetVar(x), 5);
  auto r = verify_chunk(std::move(b).build());
  EXPECT_TRUE(r.ok()) << r.format();
  EXPECT_EQ(r.diagnostics.size(), 0u) << r.format();
  EXPECT_EQ(r.slot_count, 5u);
  EXPECT_TRUE(r.to_status().ok());
}

TEST(Verifier, WarnsAboutWhatTheOriginalTolerates) {
  Chunk c = make({ins::LoadConst(5), ins::GetVar(9), ins::Jump(100), ins::TestFile(99),
                  ins::CmdSubst(2), ins::Call(0, 0), ins::Redirect(1, 42), ins::ExpandParam(77),
                  ins::AwkGetline(9), ins::AwkSignal(7)});
  auto r = verify_chunk(c);
  EXPECT_TRUE(r.ok()) << r.format();
  std::string w = messages(r, Severity::Warning);
  for (const char* expected :
       {"t.fvm:1 (ip 0, LoadConst): constant #5 does not exist", "(ip 1, GetVar): name #9",
        "(ip 2, Jump): jump target 100 is past the end", "unknown FileTest code 99",
        "sub-chunk #2 does not exist", "undefined function: ?", "unknown RedirOp code 42",
        "unknown ParamMod code 77", "unknown GetlineKind code 9", "unknown Signal code 7"})
    EXPECT_NE(w.find(expected), std::string::npos) << "missing: " << expected << "\n" << w;

  VerifyOptions strict;
  strict.strict = true;
  auto s = verify_chunk(c, strict);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.error_count(), r.warning_count());
  EXPECT_EQ(s.to_status().code(), ErrorCode::VerifyFailed);
  EXPECT_NE(s.to_status().message().find("more errors"), std::string::npos);
}

TEST(Verifier, ChecksBlocks) {
  ChunkBuilder b;
  b.emit(ins::LoadInt(1), 1);
  b.emit(ins::MakeArray(1), 1);
  b.emit(ins::MapBlock(0), 1);
  b.emit(ins::MapBlock(3), 1);  // no such block
  b.emit(ins::Jump(8), 1);
  b.emit(ins::LoadInt(2), 2);     // block 0: [5, 8)
  b.emit(ins::Jump(1), 2);        //   jumps out of the block
  b.emit(ins::ReturnValue(), 2);  //   returns from inside it
  b.add_block_range(5, 8);
  b.add_block_range(9, 3);  // malformed
  auto r = verify_chunk(std::move(b).build());
  std::string e = messages(r, Severity::Error);
  EXPECT_NE(e.find("block #3 does not exist"), std::string::npos) << e;
  EXPECT_NE(e.find("jumps to 1, outside block #0 [5, 8)"), std::string::npos) << e;
  EXPECT_NE(e.find("returns from inside block #0"), std::string::npos) << e;
  EXPECT_NE(e.find("block #1 [9, 3) is not a range"), std::string::npos) << e;
}

TEST(Verifier, ChecksTablesAndAwkIds) {
  ChunkBuilder b;
  b.emit(ins::ExtendedWide(40999, 0), 1);
  b.emit(ins::ExtendedWide(40040, 0), 1);  // AwkToUpper: an id the awk table has
  b.emit(ins::ExtendedWide(7, 0), 1);      // a frontend's own id
  b.add_sub_entry(12, 50);
  Chunk c = std::move(b).build();
  auto r = verify_chunk(c);
  EXPECT_NE(messages(r, Severity::Error).find("no awk op has id 40999"), std::string::npos) << r.format();
  std::string w = messages(r, Severity::Warning);
  EXPECT_NE(w.find("sub entry 0 (#12): name #12 does not exist"), std::string::npos) << w;
  EXPECT_NE(w.find("entry ip 50 is past the end"), std::string::npos) << w;
}

TEST(Verifier, VerifiesSubChunksAndNamesThem) {
  ChunkBuilder inner;
  inner.set_source("inner.fvm");
  inner.emit(ins::Pop(), 7);
  ChunkBuilder outer;
  outer.add_sub_chunk(ChunkBuilder().peek());
  outer.add_sub_chunk(std::move(inner).build());
  auto r = verify_chunk(std::move(outer).build());
  ASSERT_EQ(r.error_count(), 1u) << r.format();
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.chunk_path, "sub_chunks[1]");
  EXPECT_EQ(d.ip, 0u);
  EXPECT_EQ(d.message.rfind("inner.fvm:7 (ip 0, Pop) in sub_chunks[1]: stack underflow", 0), 0u)
      << d.message;
}

// ── Stack analysis ──

std::string underflow_of(const Chunk& c) {
  auto r = verify_chunk(c);
  return messages(r, Severity::Error);
}

TEST(VerifierStack, StraightLine) {
  EXPECT_EQ(underflow_of(make({ins::LoadInt(1), ins::LoadInt(2), ins::Add()})), "");
  EXPECT_NE(underflow_of(make({ins::LoadInt(1), ins::Add()})).find("(ip 1, Add): stack underflow: Add needs 2 values but at most 1"),
            std::string::npos);
  EXPECT_NE(underflow_of(make({ins::Dup()})).find("Dup needs 1 value"), std::string::npos);
  EXPECT_EQ(underflow_of(make({ins::MakeArray(9)})), "") << "MakeArray takes up to n";
  EXPECT_NE(underflow_of(make({ins::LoadInt(1), ins::Print(2)})).find("Print needs 2"), std::string::npos);
  EXPECT_NE(underflow_of(make({ins::ExpandParam(param_mod::SUBST_ALL)})).find("needs 3"), std::string::npos);
}

TEST(VerifierStack, OnlyCertainUnderflowsAreReported) {
  // Depth 0 or 1 reaches the Pop: it may succeed, so nothing is reported.
  Chunk branchy = make({ins::LoadTrue(), ins::JumpIfFalse(3), ins::LoadInt(1), ins::Pop()});
  EXPECT_EQ(underflow_of(branchy), "");
  // Every path reaches the Add with one value.
  Chunk both = make({ins::LoadTrue(), ins::JumpIfFalse(4), ins::LoadInt(1), ins::Jump(5),
                     ins::LoadInt(2), ins::Add()});
  EXPECT_NE(underflow_of(both).find("(ip 5, Add)"), std::string::npos);
  // After an embedder handler the depth is unknown.
  EXPECT_EQ(underflow_of(make({ins::CallBuiltin(3, 0), ins::Add()})), "");
  EXPECT_EQ(underflow_of(make({ins::Extended(1, 0), ins::Pop()})), "");
}

TEST(VerifierStack, LoopsConverge) {
  // A loop that pushes every iteration, and one that pops every iteration.
  Chunk grows = make({ins::LoadInt(1), ins::LoadTrue(), ins::JumpIfTrue(0)});
  EXPECT_EQ(underflow_of(grows), "");
  Chunk shrinks = make({ins::LoadInt(1), ins::LoadInt(1), ins::LoadInt(1), ins::Pop(), ins::Jump(3)});
  EXPECT_EQ(underflow_of(shrinks), "") << "the first iterations succeed";
  Chunk bad_loop = make({ins::Pop(), ins::Jump(0)});
  EXPECT_NE(underflow_of(bad_loop).find("(ip 0, Pop)"), std::string::npos);
}

TEST(VerifierStack, FramesAndCalls) {
  ChunkBuilder b;
  uint16_t f = b.add_name("f");
  b.emit(ins::LoadInt(1), 1);
  b.emit(ins::LoadInt(2), 1);
  b.emit(ins::Call(f, 2), 1);  // leaves 0 or 1 value
  b.emit(ins::Jump(7), 1);
  b.emit(ins::Add(), 2);  // f: two arguments on its frame
  b.emit(ins::ReturnValue(), 2);
  b.emit(ins::Nop(), 3);
  b.emit(ins::Nop(), 4);
  b.add_sub_entry(f, 4);
  EXPECT_EQ(underflow_of(std::move(b).build()), "");

  ChunkBuilder c;
  uint16_t g = c.add_name("g");
  c.emit(ins::Call(g, 1), 1);  // called with one argument
  c.emit(ins::Jump(4), 1);
  c.emit(ins::Add(), 2);  // g adds two: certain underflow inside the callee
  c.emit(ins::ReturnValue(), 2);
  c.add_sub_entry(g, 2);
  std::string e = underflow_of(std::move(c).build());
  EXPECT_NE(e.find("(ip 0, Call): stack underflow"), std::string::npos) << e;
  EXPECT_NE(e.find("(ip 2, Add): stack underflow"), std::string::npos) << e;

  // PushFrame starts a new base: the caller's values are out of reach.
  EXPECT_NE(underflow_of(make({ins::LoadInt(1), ins::PushFrame(), ins::Pop()})).find("(ip 2, Pop)"),
            std::string::npos);
  // PopFrame returns to the depth PushFrame left; the scope's values are gone.
  EXPECT_NE(underflow_of(make({ins::PushFrame(), ins::LoadInt(1), ins::PopFrame(), ins::Pop()}))
                .find("(ip 3, Pop)"),
            std::string::npos);
  EXPECT_EQ(underflow_of(make({ins::LoadInt(1), ins::PushFrame(), ins::PopFrame(), ins::Pop()})), "");
  // Paths with different scope nesting meet: PopFrame's depth becomes unknown.
  Chunk uneven = make({ins::LoadTrue(), ins::JumpIfFalse(3), ins::PushFrame(), ins::PopFrame(), ins::Pop()});
  EXPECT_EQ(underflow_of(uneven), "");
}

TEST(VerifierStack, BlocksSeeTheirElement) {
  ChunkBuilder b;
  b.emit(ins::LoadInt(1), 1);
  b.emit(ins::MakeArray(1), 1);
  b.emit(ins::SortBlock(0), 1);
  b.emit(ins::Jump(6), 1);
  b.emit(ins::Spaceship(), 2);  // the comparator gets a and b
  b.emit(ins::Nop(), 2);
  b.add_block_range(4, 6);
  EXPECT_EQ(underflow_of(std::move(b).build()), "");
}

// ── Every conformance vector ──

TEST(VerifierConformance, EveryVectorIsAcceptedOrRejectedForItsDeviation) {
  const auto dir = test::vectors_dir().parent_path();
  const auto listed = nlohmann::json::parse(test::read_text(dir / "deviations.json"));
  const auto own = nlohmann::json::parse(
      test::read_text(std::filesystem::path(FUSEVM_TEST_DATA_DIR) / "fusevm-deviations.json"));
  // The underflow (section A) entries: those the verifier must reject.
  nlohmann::json unlisted = nlohmann::json::object();
  for (const auto& [name, entry] : own.items())
    if (entry["section"] == "A") unlisted[name] = entry;
  size_t accepted = 0, rejected_listed = 0, rejected_unlisted = 0;
  for (const auto& file : test::vector_files()) {
    const std::string name = file.stem().string();
    Chunk chunk = test::load_vector_chunk(file);
    VerifyReport r = verify_chunk(chunk);
    if (r.ok()) {
      ++accepted;
      EXPECT_FALSE(unlisted.contains(name)) << name << " underflows in the original but verified";
      continue;
    }
    const std::string msg = r.to_status().message();
    if (listed.contains(name)) {
      const auto& require = listed[name]["require"];
      ASSERT_TRUE(require.is_object()) << name << " is rejected but its deviation is 'see section': " << msg;
      EXPECT_EQ(require["status"], "error") << name;
      EXPECT_NE(msg.find(require["error_contains"].get<std::string>()), std::string::npos)
          << name << ": " << msg;
      ++rejected_listed;
    } else {
      EXPECT_TRUE(unlisted.contains(name)) << name << " rejected: " << msg;
      EXPECT_NE(msg.find("stack underflow"), std::string::npos) << name << ": " << msg;
      const auto first_error = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                            [](const Diagnostic& d) { return d.severity == Severity::Error; });
      EXPECT_EQ(first_error->ip, unlisted[name]["ip"].get<size_t>())
          << name << ": the verifier and the simulation of the original disagree on where";
      ++rejected_unlisted;
    }
  }
  EXPECT_EQ(rejected_listed, 23u) << "22 underflow vectors plus the reserved awk id (0511)";
  EXPECT_EQ(rejected_unlisted, 159u);
  EXPECT_EQ(accepted + rejected_listed + rejected_unlisted, 773u);
}

}  // namespace
}  // namespace fusevm
