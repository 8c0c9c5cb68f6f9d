// The op table: count, names, layout, stack effects and the derived helpers.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "fusevm/code_tables.h"
#include "fusevm/op.h"

namespace fusevm {
namespace {

TEST(OpTable, HasTheOriginalsTwoHundredSixOps) {
  EXPECT_EQ(kOpCount, 206u);
  std::set<std::string_view> names;
  for (const OpInfo& in : kOpTable) names.insert(in.name);
  EXPECT_EQ(names.size(), kOpCount) << "op names are unique";
}

TEST(OpTable, NameLookupRoundTrips) {
  for (size_t i = 0; i < kOpCount; ++i) {
    auto op = static_cast<Op>(i);
    auto found = op_from_name(op_name(op));
    ASSERT_TRUE(found.has_value()) << op_name(op);
    EXPECT_EQ(*found, op);
  }
  EXPECT_FALSE(op_from_name("add").has_value()) << "names are case-sensitive";
  EXPECT_FALSE(op_from_name("").has_value());
}

TEST(OpTable, OperandShapesMatchTheOriginal) {
  EXPECT_EQ(op_info(Op::SlotLtIntJumpIfFalse).operand_count, 3);
  EXPECT_EQ(op_info(Op::ConcatConstLoop).operand_count, 4);
  EXPECT_EQ(op_info(Op::Add).operand_count, 0);
  EXPECT_EQ(op_info(Op::ExtendedWide).operands[1], OperandKind::ExtPayload);
  // 112 unit ops, as Appendix A counts them.
  int unit = 0;
  for (const OpInfo& in : kOpTable) unit += in.operand_count == 0;
  EXPECT_EQ(unit, 112);
}

TEST(OpTable, OperandsDoNotOverlap) {
  for (const OpInfo& in : kOpTable) {
    bool used[16] = {true};
    for (int i = 0; i < in.operand_count; ++i) {
      unsigned w = operand_width(in.operands[i]);
      ASSERT_GE(in.offsets[i], 1) << in.name;
      ASSERT_LE(in.offsets[i] + w, 16u) << in.name;
      EXPECT_EQ(in.offsets[i] % w, 0u) << in.name << " operand " << i << " is misaligned";
      for (unsigned b = in.offsets[i]; b < in.offsets[i] + w; ++b) {
        EXPECT_FALSE(used[b]) << in.name << " operand " << i << " overlaps";
        used[b] = true;
      }
    }
  }
}

TEST(OpTable, TypedMakersStoreEveryOperand) {
  Instr a = ins::SlotLtIntJumpIfFalse(7, -5, 123456789012345ull);
  EXPECT_EQ(a.op, Op::SlotLtIntJumpIfFalse);
  EXPECT_EQ((a.get<Op::SlotLtIntJumpIfFalse, 0>()), 7);
  EXPECT_EQ((a.get<Op::SlotLtIntJumpIfFalse, 1>()), -5);
  EXPECT_EQ((a.get<Op::SlotLtIntJumpIfFalse, 2>()), 123456789012345ull);
  EXPECT_EQ(a.integer(1), -5);
  EXPECT_EQ(a.raw(1), 0xFFFFFFFBu);

  Instr b = ins::ConcatConstLoop(1, 2, 3, 1000000);
  EXPECT_EQ(b.raw(0), 1u);
  EXPECT_EQ(b.raw(1), 2u);
  EXPECT_EQ(b.raw(2), 3u);
  EXPECT_EQ(b.integer(3), 1000000);

  Instr c = ins::LoadInt(INT64_MIN);
  EXPECT_EQ(c.integer(0), INT64_MIN);
  Instr d = ins::LoadFloat(-0.0);
  EXPECT_TRUE(std::signbit(d.f64(0)));
  EXPECT_EQ(ins::Add(), Instr(Op::Add));
}

TEST(OpTable, FitsChecksOperandRanges) {
  Instr call = ins::Call(0, 0);
  EXPECT_TRUE(call.fits(0, 65535));
  EXPECT_FALSE(call.fits(0, 65536));
  EXPECT_FALSE(call.fits(0, -1));
  EXPECT_TRUE(call.fits(1, 255));
  EXPECT_FALSE(call.fits(1, 256));
  Instr loop = ins::AccumSumLoop(0, 1, 0);
  EXPECT_TRUE(loop.fits(2, INT32_MIN));
  EXPECT_FALSE(loop.fits(2, int64_t{INT32_MAX} + 1));
}

TEST(OpTable, StackEffects) {
  auto e = stack_effect(ins::Add());
  EXPECT_EQ(e.pops, 2u);
  EXPECT_EQ(e.pushes_min, 1u);

  e = stack_effect(ins::Dup());
  EXPECT_EQ(e.pops, 1u) << "Dup reads the top, so an empty frame underflows";
  EXPECT_EQ(e.pushes_max, 2u);

  e = stack_effect(ins::MakeArray(5));
  EXPECT_EQ(e.pops, 5u);
  EXPECT_TRUE(e.take_up_to) << "MakeArray collects up to n values";
  EXPECT_EQ(e.pushes_max, 1u);

  e = stack_effect(ins::Print(3));
  EXPECT_EQ(e.pops, 3u);
  EXPECT_EQ(e.pushes_max, 0u);

  e = stack_effect(ins::Call(0, 2));
  EXPECT_EQ(e.pops, 2u);
  EXPECT_EQ(e.pushes_min, 0u);
  EXPECT_EQ(e.pushes_max, 1u);

  e = stack_effect(ins::ExpandParam(param_mod::SUBST_ALL));
  EXPECT_EQ(e.pops, 3u);
  e = stack_effect(ins::ExpandParam(200));
  EXPECT_EQ(e.pops, 1u) << "unknown modifiers take no arguments";

  e = stack_effect(ins::AwkGetline(getline_source::FILE));
  EXPECT_EQ(e.pops, 1u);
  e = stack_effect(ins::AwkGetline(getline_source::MAIN));
  EXPECT_EQ(e.pops, 0u);

  e = stack_effect(ins::AwkLength(0));
  EXPECT_EQ(e.pops, 0u);
  e = stack_effect(ins::AwkLength(3));
  EXPECT_EQ(e.pops, 1u) << "AwkLength pops one value whatever k is";

  e = stack_effect(ins::ExtendedWide(40017, 3));  // AwkPrintf(3)
  EXPECT_EQ(e.pops, 3u);
  EXPECT_FALSE(e.unknown);
  e = stack_effect(ins::ExtendedWide(12, 3));
  EXPECT_TRUE(e.unknown);
  e = stack_effect(ins::CallBuiltin(3, 2));
  EXPECT_TRUE(e.unknown);
}

TEST(OpTable, AwkIds) {
  EXPECT_EQ(awk_op_for_id(40040), Op::AwkToUpper);
  EXPECT_EQ(awk_id_for_op(Op::AwkGensub), 40071);
  EXPECT_FALSE(awk_op_for_id(40999).has_value());
  EXPECT_FALSE(awk_id_for_op(Op::AwkDiv).has_value());
  EXPECT_TRUE(is_awk_id(40000));
  EXPECT_FALSE(is_awk_id(39999));
  EXPECT_FALSE(is_awk_id(41000));
}

TEST(OpTable, CodeTables) {
  EXPECT_EQ(file_test::IS_CHAR_DEV, 11);
  EXPECT_EQ(redirect_op::APPEND_BOTH, 8);
  EXPECT_EQ(param_mod::SLICE, 17);
  EXPECT_EQ(code_name(OperandKind::FileTest, 1), "IS_DIR");
  EXPECT_EQ(code_from_name(OperandKind::FileTest, "-d"), 1);
  EXPECT_EQ(code_from_name(OperandKind::RedirOp, "DUP_WRITE"), 6);
  EXPECT_EQ(code_name(OperandKind::FileTest, 99), "");
  EXPECT_FALSE(has_code_table(OperandKind::Slot));
  EXPECT_EQ(param_mod_arg_count(param_mod::SLICE), 2);
}

TEST(OpTable, HashIsStable) {
  EXPECT_EQ(op_table_hash(), op_table_hash());
  EXPECT_NE(op_table_hash(), 0u);
}

}  // namespace
}  // namespace fusevm
