// The fusion table (include/fusevm/fuse.def), entry by entry: on random inputs that meet the
// entry's preconditions, the op sequence and the fused op it is replaced by leave the same
// values on the stack and in the slots; and the fusion pass, run over the sequence, rewrites it
// (the prologue makes the preconditions provable) into a chunk that behaves the same.
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <random>
#include <set>

#include "fusevm/formats.h"
#include "fusevm/fuse.h"
#include "run_outcome.h"
#include "support/split.h"

namespace fusevm {
namespace {

struct Entry {
  Op fused;
  const char* sequence;
  const char* conditions;
  const char* replacement;
};

const Entry kTable[] = {
#define FUSEVM_FUSE(fused, sequence, conditions, replacement) {Op::fused, sequence, conditions, replacement},
#include "fusevm/fuse.def"
#undef FUSEVM_FUSE
};

constexpr int kSlots = 4;

using detail::split_fields;
using detail::split_words;

// One random instance of a table entry: values for its variables and slots.
class Instance {
 public:
  Instance(const Entry& e, std::mt19937_64& rng) : entry_(e), rng_(rng) {
    loop_ = std::string_view(e.sequence).find("Jump") != std::string_view::npos ||
            std::string_view(e.sequence).find("@B") != std::string_view::npos;
    for (const std::string& c : split_fields(e.conditions, ';')) {
      const auto w = split_words(c);
      if (w.empty()) continue;
      if (w[0] == "int") ints_.insert(w[1]);
      if (w[0] == "str") strs_.insert(w[1]);
      if (w[0] == "distinct") distinct_.emplace_back(w[1], w[2]);
    }
    choose_slots();
  }

  /// The program: prologue (slot values), then `body`, then the stack and slots as the result.
  std::string program(const std::string& body) const {
    std::string text = ".const " + constant_ + "\n" + prologue_ + body;
    // Both ways out of a branch are told apart by the marker they leave.
    text += "LoadInt 111\nJump collect\ntarget: LoadInt 222\ncollect:\n";
    for (int s = 0; s < kSlots; ++s) text += "GetSlot " + std::to_string(s) + "\n";
    text += "MakeArray 64\n";
    return text;
  }

  std::string sequence() const { return substitute(entry_.sequence); }
  std::string replacement() const { return substitute(entry_.replacement); }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  void choose_slots() {
    // Slot variables get slots (equal ones allowed unless `distinct`), $n a limit, $k the
    // constant, $t the branch target.
    for (const char* v : {"$s", "$a", "$b", "$i", "$sum"}) vars_[v] = std::to_string(pick(0, kSlots - 1));
    for (const auto& [x, y] : distinct_)
      while (vars_[x] == vars_[y]) vars_[y] = std::to_string(pick(0, kSlots - 1));
    const int64_t n = loop_ ? pick(-5, 60)
                            : std::vector<int64_t>{0, 1, -1, 7, 100, std::numeric_limits<int32_t>::max(),
                                                   std::numeric_limits<int32_t>::min()}[static_cast<size_t>(pick(0, 6))];
    vars_["$n"] = std::to_string(n);
    vars_["$k"] = "#0";
    vars_["$t"] = "target";
    const char* constants[] = {"Str \"ab\"", "Int 5", "Float 2.5", "Undef", "Str \"\""};
    constant_ = constants[pick(0, 4)];
    for (int s = 0; s < kSlots; ++s) prologue_ += load_for_slot(s) + "SetSlot " + std::to_string(s) + "\n";
  }

  // A value for slot s: an Int or Str where a precondition asks for one, anything otherwise
  // (kept small in loops so that they end quickly).
  std::string load_for_slot(int s) {
    bool want_int = false, want_str = false;
    for (const auto& v : ints_) want_int = want_int || vars_[v] == std::to_string(s);
    for (const auto& v : strs_) want_str = want_str || vars_[v] == std::to_string(s);
    if (want_int) return "LoadInt " + random_int() + "\n";
    if (want_str) return "LoadConst Str \"" + std::string(pick(0, 1) ? "x" : "") + "\"\n";
    switch (pick(0, 6)) {
      case 0: case 1: return "LoadInt " + random_int() + "\n";
      case 2: return loop_ ? "LoadFloat 3.75\n" : "LoadFloat " + std::string(pick(0, 1) ? "-2.5" : "1e300") + "\n";
      case 3: return "LoadConst Str \"" + std::string(pick(0, 1) ? "12" : "abc") + "\"\n";
      case 4: return "LoadUndef\n";
      case 5: return "LoadTrue\n";
      default: return "LoadConst Array [Int 1, Int 2]\n";
    }
  }

  std::string random_int() {
    if (loop_) return std::to_string(pick(-5, 50));
    static const char* kInts[] = {"0", "1", "-1", "41", "9223372036854775807", "-9223372036854775808"};
    return kInts[pick(0, 5)];
  }

  std::string substitute(std::string_view text) const {
    std::string out;
    for (const std::string& part : split_fields(text, ';')) {
      auto w = split_words(part);
      std::string line;
      for (const std::string& word : w) {
        if (word[0] == '@' && word.back() == ':') {
          line += "L_" + word.substr(1, word.size() - 2) + ": ";
        } else if (word[0] == '@') {
          line += " L_" + word.substr(1);
        } else if (word[0] == '$') {
          line += " " + vars_.at(word);
        } else {
          line += (line.empty() || line.back() == ' ' ? "" : " ") + word;
        }
      }
      out += line + "\n";
    }
    return out;
  }

  const Entry& entry_;
  std::mt19937_64& rng_;
  bool loop_ = false;
  std::set<std::string> ints_, strs_;
  std::vector<std::pair<std::string, std::string>> distinct_;
  mutable std::map<std::string, std::string> vars_;
  std::string constant_;
  std::string prologue_;
};

test::RunOptions options() {
  test::RunOptions o;
  o.limits.fuel = 10'000'000;  // a safety net: every instance ends long before
  o.slots_to_read = kSlots;
  return o;
}

TEST(FuseTable, EveryRewriteIsEquivalentOnRandomInputs) {
  std::mt19937_64 rng(2026);
  for (const Entry& e : kTable) {
    size_t fused_by_pass = 0;
    for (int round = 0; round < 300; ++round) {
      Instance inst(e, rng);
      const Chunk sequence = test::assemble_text(inst.program(inst.sequence()), "sequence.fvm");
      const Chunk replacement = test::assemble_text(inst.program(inst.replacement()), "replacement.fvm");
      const auto a = test::run_outcome(sequence, options());
      const auto b = test::run_outcome(replacement, options());
      ASSERT_EQ(test::outcome_difference(a, b, /*compare_ops=*/false, /*compare_errors=*/false), "")
          << op_name(e.fused) << ": " << e.sequence << "\nsequence:\n"
          << test::listing(sequence) << "replacement:\n"
          << test::listing(replacement);
      ASSERT_NE(a.code, ErrorCode::FuelExhausted);

      // The pass rewrites the sequence (its preconditions hold for the prologue's values).
      FuseReport report;
      const Chunk fused = fuse_chunk(sequence, &report);
      fused_by_pass += report.by_op[static_cast<size_t>(e.fused)] > 0;
      const auto c = test::run_outcome(fused, options());
      ASSERT_EQ(test::outcome_difference(a, c, false, false), "")
          << op_name(e.fused) << ": the pass changed behaviour\n"
          << test::listing(sequence) << "fused:\n"
          << test::listing(fused);
    }
    EXPECT_GT(fused_by_pass, 0u) << op_name(e.fused) << ": " << e.sequence << " was never rewritten";
  }
}

TEST(FuseTable, NoRewriteWhenAJumpLandsInsideTheSequence) {
  // `GetSlot 0; LoadInt 1; Add; SetSlot 0` is PreIncSlotVoid, but a jump targets its Add.
  const Chunk chunk = test::assemble_text(
      "LoadInt 0\nSetSlot 0\nLoadInt 5\nJumpIfTrue mid\nGetSlot 0\nLoadInt 1\nmid: Add\nSetSlot 0\nGetSlot 0\n");
  FuseReport report;
  const Chunk fused = fuse_chunk(chunk, &report);
  EXPECT_EQ(report.by_op[static_cast<size_t>(Op::PreIncSlotVoid)], 0u);
}

TEST(FuseTable, JumpTargetsAreRemapped) {
  const Chunk chunk = test::assemble_text(
      "LoadInt 0\nSetSlot 0\n"
      "top: GetSlot 0\nLoadInt 10\nNumLt\nJumpIfFalse done\nGetSlot 0\nLoadInt 1\nAdd\nSetSlot 0\nJump top\n"
      "done: GetSlot 0\n");
  FuseReport report;
  const Chunk fused = fuse_chunk(chunk, &report);
  EXPECT_GT(report.rewrites, 0u);
  EXPECT_LT(fused.ops.size(), chunk.ops.size());
  EXPECT_EQ(test::run_outcome(fused, {}).value.as_int(), 10);
}

}  // namespace
}  // namespace fusevm
