// MapBlock, GrepBlock, SortBlock, SortDefault and ForEachBlock (DEVIATIONS.md F): results,
// nesting, slots, sort stability, inconsistent comparators, errors inside and at the end of
// blocks, and the native comparator path.
#include <gtest/gtest.h>

#include "fusevm/vm.h"
#include "run_outcome.h"

namespace fusevm {
namespace {

using test::run_text;

// [3 1 2] in slot 0, then `tail` (which jumps over the blocks it defines with `Jump go`).
std::string with_array(std::string_view blocks, std::string_view tail) {
  return std::string(blocks) + "LoadInt 3\nLoadInt 1\nLoadInt 2\nMakeArray 3\nSetSlot 0\nJump go\n" +
         std::string(tail);
}

TEST(InterpBlocks, MapGrepForEach) {
  const auto map = run_text(with_array(".block b = body go\n", "body: LoadInt 10\nMul\ngo: GetSlot 0\nMapBlock b\n"));
  EXPECT_EQ(map.value.to_str(), "30 10 20") << map.error;
  const auto grep = run_text(with_array(".block b = body go\n", "body: LoadInt 2\nNumGe\ngo: GetSlot 0\nGrepBlock b\n"));
  EXPECT_EQ(grep.value.to_str(), "3 2") << grep.error;
  // ForEach: sum into slot 1 (the block shares its frame's slots).
  const auto each = run_text(with_array(".block b = body go\n",
                                        "body: GetSlot 1\nAdd\nSetSlot 1\ngo: LoadInt 0\nSetSlot 1\nGetSlot 0\n"
                                        "ForEachBlock b\nGetSlot 1\n"));
  EXPECT_EQ(each.value.as_int(), 6) << each.error;
}

TEST(InterpBlocks, ANonArrayIsAOneElementArrayAndEmptyRunsNothing) {
  const auto one = run_text(".block b = body go\nJump go\nbody: LoadInt 1\nAdd\ngo: LoadInt 41\nMapBlock b\n");
  EXPECT_EQ(one.value.to_str(), "42");
  const auto none = run_text(".block b = body go\nJump go\nbody: Pop\nLoadInt 1\ngo: MakeArray 0\nMapBlock b\n");
  EXPECT_EQ(none.value.to_str(), "");
  EXPECT_EQ(none.ops, 3u) << "the block never ran";
}

TEST(InterpBlocks, SortWithABlockAndByDefault) {
  const auto desc = run_text(with_array(".block b = body go\n", "body: Swap\nSpaceship\ngo: GetSlot 0\nSortBlock b\n"));
  EXPECT_EQ(desc.value.to_str(), "3 2 1") << desc.error;
  const auto text = run_text(
      "LoadInt 10\nLoadInt 9\nLoadConst Str \"a\"\nLoadInt 100\nMakeArray 4\nSortDefault\n");
  EXPECT_EQ(text.value.to_str(), "10 100 9 a") << "string order";
}

TEST(InterpBlocks, SortIsStable) {
  // Compare by tens only (x / 10 truncated): numbers with equal tens keep their order.
  const auto stable = run_text(
      ".block b = body go\nJump go\n"
      "body: LoadInt 10\nDiv\nTruncInt\nSwap\nLoadInt 10\nDiv\nTruncInt\nSwap\nSpaceship\n"
      "go: LoadInt 31\nLoadInt 12\nLoadInt 35\nLoadInt 17\nLoadInt 33\nLoadInt 14\nMakeArray 6\nSortBlock b\n");
  EXPECT_EQ(stable.value.to_str(), "12 17 14 31 35 33") << stable.error;
}

TEST(InterpBlocks, AnInconsistentComparatorStillEnds) {
  // The comparator alternates its answer through a slot: no total order at all.
  const auto out = run_text(
      ".block b = body go\nJump go\n"
      "body: Pop\nPop\nGetSlot 0\nLoadInt 1\nAdd\nDup\nSetSlot 0\nLoadInt 2\nMod\nLoadInt 2\nMul\nLoadInt 1\nSub\n"
      "go: LoadInt 0\nSetSlot 0\n"
      "LoadInt 5\nLoadInt 4\nLoadInt 3\nLoadInt 2\nLoadInt 1\nLoadInt 0\nMakeArray 6\nSortBlock b\n");
  ASSERT_EQ(out.kind, VMResult::Kind::Ok) << out.error;
  std::vector<int64_t> got;
  for (const Value& v : out.value.as_array()) got.push_back(v.as_int());
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<int64_t>{0, 1, 2, 3, 4, 5})) << "a permutation of the input";
}

TEST(InterpBlocks, BlocksNest) {
  // Map over [[1 2] [3]]: the outer block maps each inner array with the inner block (x * 10).
  const auto out = run_text(
      ".block inner = inner_body outer_body\n.block outer = outer_body go\nJump go\n"
      "inner_body: LoadInt 10\nMul\n"
      "outer_body: MapBlock inner\n"
      "go: LoadInt 1\nLoadInt 2\nMakeArray 2\nLoadInt 3\nMakeArray 1\nMakeArray 2\nMapBlock outer\n");
  ASSERT_EQ(out.kind, VMResult::Kind::Ok) << out.error;
  EXPECT_EQ(out.value.to_str(), "10 20 30");
  ASSERT_EQ(out.value.as_array().size(), 2u);
  EXPECT_EQ(out.value.as_array()[0].to_str(), "10 20");
}

TEST(InterpBlocks, CallsInsideBlocks) {
  const auto out = run_text(
      ".sub twice twice_entry\n.block b = body go\nJump go\n"
      "body: Call twice 1\n"
      "go: LoadInt 4\nLoadInt 5\nMakeArray 2\nMapBlock b\nJump end\n"
      "twice_entry: LoadInt 2\nMul\nReturnValue\n"
      "end:\n");
  EXPECT_EQ(out.value.to_str(), "8 10") << out.error;
}

TEST(InterpBlocks, ABlockThatLeavesTheWrongNumberOfValuesIsAnError) {
  const auto out = run_text(".block b = body go\nJump go\nbody: Dup\n"
                            ".line 7\ngo: LoadInt 1\nMakeArray 1\nMapBlock b\n");
  EXPECT_EQ(out.error, "test.fvm:7 (ip 4, MapBlock): the block must leave exactly one value on the stack, it left 2");
}

TEST(InterpBlocks, AnErrorInsideABlockNamesTheOpInTheBlock) {
  const auto out = run_text(".name a\n.block b = body go\nJump go\n"
                            "body: LoadInt -1\nArraySet a\nLoadInt 0\n"
                            "go: LoadInt 1\nMakeArray 1\nMapBlock b\n");
  EXPECT_NE(out.error.find("(ip 2, ArraySet): index -1 out of range"), std::string::npos) << out.error;
}

TEST(InterpBlocks, ReturnInsideABlockIsAnError) {
  // The verifier refuses a Return inside a block it can see; one reached through a call's
  // continuation is refused at run time. The static case:
  const auto out = run_text(".block b = body go\nJump go\nbody: ReturnValue\ngo: LoadInt 1\nMapBlock b\n");
  EXPECT_EQ(out.kind, VMResult::Kind::Error);
}

TEST(InterpBlocks, NativeComparatorSortsLikeTheInterpretedOne) {
  // `Spaceship` alone runs natively; `Spaceship; LoadInt 0; Add` is the same order, interpreted.
  std::string items;
  for (int i = 0; i < 200; ++i) items += "LoadInt " + std::to_string((i * 7919) % 101) + "\n";
  const std::string tail = "MakeArray 200\nSortBlock b\n";
  const auto native = run_text(".block b = body go\nJump go\nbody: Spaceship\ngo: " + items + tail);
  const auto interpreted =
      run_text(".block b = body go\nJump go\nbody: Spaceship\nLoadInt 0\nAdd\ngo: " + items + tail);
  ASSERT_EQ(native.kind, VMResult::Kind::Ok) << native.error;
  EXPECT_TRUE(identical(native.value, interpreted.value));
  // Each comparison counts one op natively and three interpreted.
  const uint64_t base = 1 + 200 + 2;
  const uint64_t comparisons = native.ops - base;
  EXPECT_GT(comparisons, 200u);
  EXPECT_EQ(interpreted.ops - base, 3 * comparisons);
}

TEST(InterpBlocks, FuelCountsEveryComparison) {
  std::string items;
  for (int i = 0; i < 100; ++i) items += "LoadInt " + std::to_string(100 - i) + "\n";
  test::RunOptions options;
  options.limits.fuel = 150;  // fewer than the comparisons the sort needs
  const auto out = run_text(".block b = body go\nJump go\nbody: Spaceship\ngo: " + items + "MakeArray 100\nSortBlock b\n",
                            options);
  EXPECT_EQ(out.code, ErrorCode::FuelExhausted) << out.error;
}

}  // namespace
}  // namespace fusevm
