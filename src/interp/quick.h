// Quick ops: the interpreter's private superinstructions (quick_ops.def) and their operand layout.
//
// A quick instruction is a 16-byte Instr whose opcode is past the end sentinel. Its operands sit
// at fixed offsets, chosen so that every quick op's operands fit without overlapping:
//
//   byte 0     opcode
//   byte 1     m   compare mask (CmpJump*, JumpCmpJumpSI)
//   bytes 2-3  a   first slot
//   bytes 4-7  t   jump target (unit-relative op index)       or  c (bytes 4-5), destination slot
//   bytes 8-15 k   Int or Float immediate                     or  b (bytes 8-9), second slot
//                                                             or  k32 (8-11) and x (12-15)
#pragma once

#include <cstdint>
#include <cstring>

#include "fusevm/op.h"

namespace fusevm::quick {

/// The quick opcodes, numbered after the end sentinel (kOpCount).
enum class QuickOp : uint8_t {
  kFirst = static_cast<uint8_t>(kOpCount),  // the end sentinel's opcode
#define FUSEVM_QUICK(name, length, sequence) name,
#include "quick_ops.def"
#undef FUSEVM_QUICK
};

inline constexpr size_t kQuickCount = 0
#define FUSEVM_QUICK(name, length, sequence) +1
#include "quick_ops.def"
#undef FUSEVM_QUICK
    ;
static_assert(kOpCount + kQuickCount <= 255, "quick opcodes must fit in the opcode byte");

/// Opcodes the dispatch table must cover: every op, the end sentinel and the quick ops.
inline constexpr size_t kDispatchCount = kOpCount + 1 + kQuickCount;

// ── Operand access ──
template <class T, size_t kOffset>
inline T field(const Instr& ins) noexcept {
  static_assert(kOffset >= 1 && kOffset + sizeof(T) <= sizeof(Instr));
  T v;
  std::memcpy(&v, ins.operand_bytes + (kOffset - 1), sizeof(T));
  return v;
}
template <class T, size_t kOffset>
inline void set_field(Instr& ins, T v) noexcept {
  static_assert(kOffset >= 1 && kOffset + sizeof(T) <= sizeof(Instr));
  std::memcpy(ins.operand_bytes + (kOffset - 1), &v, sizeof(T));
}

inline uint8_t m(const Instr& i) noexcept { return field<uint8_t, 1>(i); }
inline uint16_t a(const Instr& i) noexcept { return field<uint16_t, 2>(i); }
inline uint32_t t(const Instr& i) noexcept { return field<uint32_t, 4>(i); }
inline uint16_t c(const Instr& i) noexcept { return field<uint16_t, 4>(i); }
inline uint16_t b(const Instr& i) noexcept { return field<uint16_t, 8>(i); }
inline int64_t k(const Instr& i) noexcept { return field<int64_t, 8>(i); }
inline double kf(const Instr& i) noexcept { return field<double, 8>(i); }
inline int32_t k32(const Instr& i) noexcept { return field<int32_t, 8>(i); }
inline uint32_t x(const Instr& i) noexcept { return field<uint32_t, 12>(i); }

// ── Compare masks ──
// A comparison has one of four outcomes; bit i of a mask says whether outcome i makes the
// compare-and-branch jump. NaN on either side is "unordered", which only NumNe calls true.
inline constexpr uint8_t kLess = 1, kEqual = 2, kGreater = 4, kUnordered = 8;

inline uint8_t outcome(int64_t x, int64_t y) noexcept {
  return x < y ? kLess : (x == y ? kEqual : kGreater);
}
inline uint8_t outcome(double x, double y) noexcept {
  if (x < y) return kLess;
  if (x > y) return kGreater;
  return x == y ? kEqual : kUnordered;
}

/// The outcomes for which NumXx is true, or 0 if `op` is not a numeric comparison.
constexpr uint8_t true_outcomes(Op op) noexcept {
  switch (op) {
    case Op::NumLt: return kLess;
    case Op::NumLe: return kLess | kEqual;
    case Op::NumGt: return kGreater;
    case Op::NumGe: return kGreater | kEqual;
    case Op::NumEq: return kEqual;
    case Op::NumNe: return kLess | kGreater | kUnordered;
    default: return 0;
  }
}

/// For every sequence of `ops` (a code unit's n ops, without its end sentinel; jump targets
/// unit-relative) that a quick op stands for, writes the quick op to `out` at the sequence's
/// first index. `out` starts as a copy of `ops`; every other op of it is left alone.
void quicken(const Instr* ops, size_t n, Instr* out);

}  // namespace fusevm::quick
