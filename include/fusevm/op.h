// The instruction set: the Op enum, per-op metadata and the 16-byte instruction, all derived from
// the X-macro table in ops.def.
//
// An Instr is one byte of opcode followed by 15 bytes of operand storage. Where each operand lives
// is computed at compile time from its width (8-byte operands at offset 8, 4-byte at 4, and so on),
// so the interpreter reads an operand with one load at a constant offset, and the binary format can
// store instructions as they are in memory. Unused bytes are always zero, so two equal instructions
// compare equal bytewise.
//
// Frontends build instructions with the typed makers in namespace fusevm::ins:
//     builder.emit(ins::LoadInt(42), line);
//     builder.emit(ins::SlotLtIntJumpIfFalse(slot, 1000, target), line);
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <type_traits>

namespace fusevm {

static_assert(std::endian::native == std::endian::little,
              "fusevm stores operands little-endian and reads them with plain loads");

/// Every operation of the VM, in op-table order (ops.def).
enum class Op : uint8_t {
#define FUSEVM_OP(name, operands, effect, flags, doc) name,
#include "fusevm/ops.def"
#undef FUSEVM_OP
};

/// Number of ops in the table.
inline constexpr size_t kOpCount = 0
#define FUSEVM_OP(name, operands, effect, flags, doc) +1
#include "fusevm/ops.def"
#undef FUSEVM_OP
    ;
static_assert(kOpCount <= 256, "the opcode is one byte");

/// What an operand refers to (operand_kinds.def).
enum class OperandKind : uint8_t {
#define FUSEVM_OPERAND(kind, ctype, doc) kind,
#include "fusevm/operand_kinds.def"
#undef FUSEVM_OPERAND
};

/// The C++ type an operand of kind K is stored as.
template <OperandKind K>
struct OperandType;
#define FUSEVM_OPERAND(kind, ctype, doc)     \
  template <>                                \
  struct OperandType<OperandKind::kind> {    \
    using type = ctype;                      \
  };
#include "fusevm/operand_kinds.def"
#undef FUSEVM_OPERAND
template <OperandKind K>
using operand_type_t = typename OperandType<K>::type;

/// Bytes an operand of this kind occupies.
constexpr uint8_t operand_width(OperandKind k) {
  switch (k) {
#define FUSEVM_OPERAND(kind, ctype, doc) \
  case OperandKind::kind:                \
    return sizeof(ctype);
#include "fusevm/operand_kinds.def"
#undef FUSEVM_OPERAND
  }
  return 0;
}
/// True for kinds stored as a signed integer (sign-extended when widened).
constexpr bool operand_is_signed(OperandKind k) {
  return k == OperandKind::I64 || k == OperandKind::Limit;
}
/// True for the one floating-point kind.
constexpr bool operand_is_float(OperandKind k) { return k == OperandKind::F64; }
/// The kind's identifier, e.g. "Slot".
std::string_view operand_kind_name(OperandKind k) noexcept;

/// Op flags (bit set). Tier names: linear, block, trace.
namespace opflag {
enum : uint32_t {
  kNone = 0,
  kPure = 1u << 0,           ///< result depends only on the popped operands; no side effects
  kBranch = 1u << 1,         ///< conditional jump: may go to its Target or fall through
  kJump = 1u << 2,           ///< unconditional jump to its Target
  kNoFallthrough = 1u << 3,  ///< control never reaches the next op directly
  kCall = 1u << 4,           ///< may enter a sub of this chunk
  kReturn = 1u << 5,         ///< leaves the current frame
  kCallsHost = 1u << 6,      ///< calls embedder code (handlers, shell or awk host)
  kMayFail = 1u << 7,        ///< may raise a runtime error besides stack underflow / out of memory
  kFused = 1u << 8,          ///< a superinstruction (fuse.def lists what it replaces)
  kBlockOp = 1u << 9,        ///< runs a block from block_ranges
  kSlotRead = 1u << 10,      ///< reads a frame slot
  kSlotWrite = 1u << 11,     ///< writes a frame slot
  kIO = 1u << 12,            ///< reads stdin or writes stdout
  kShell = 1u << 13,         ///< one of the 29 shell ops
  kAwk = 1u << 14,           ///< part of the awk vocabulary
  kJitLinear = 1u << 15,     ///< the linear tier may compile it
  kJitBlock = 1u << 16,      ///< the block tier may compile it
  kJitTrace = 1u << 17,      ///< the trace tier may record it
  kJitCfg = kJitBlock | kJitTrace,
  kJitAll = kJitLinear | kJitBlock | kJitTrace,
};
}  // namespace opflag

/// How an op's stack effect is computed (the FR(...) entries of ops.def).
enum class EffectRule : uint8_t {
  Fixed,             ///< pops/pushes as declared
  TakeUpTo,          ///< pops up to the count operand (what the frame holds), pushes 1
  PopsOperand,       ///< pops the count operand, pushes nothing
  PopsOperandPush1,  ///< pops the count operand, pushes 1
  OptionalOne,       ///< pops 1 if the count operand is non-zero, else 0; pushes 1
  CallLike,          ///< pops the count operand; pushes 0 or 1 (the callee decides)
  Unknown,           ///< decided by an embedder handler at run time
  ExtendedWide,      ///< awk range: as the awk op; other ids: Unknown
  ExpandParam,       ///< pops name + the modifier's argument count, pushes 1
  Getline,           ///< pops the file/command for the sources that have one, pushes 1
};

/// The declared effect of an op (before operands are known).
struct EffectSpec {
  EffectRule rule = EffectRule::Fixed;
  uint8_t pops = 0;    ///< values removed (they must be above the frame base)
  uint8_t pushes = 0;  ///< values added
};

/// Up to four operands per instruction.
inline constexpr size_t kMaxOperands = 4;

/// Everything the table says about one op.
struct OpInfo {
  std::string_view name;
  uint8_t operand_count = 0;
  std::array<OperandKind, kMaxOperands> operands{};
  std::array<uint8_t, kMaxOperands> offsets{};  ///< byte offset of each operand inside an Instr
  EffectSpec effect;
  uint32_t flags = 0;
  std::string_view doc;

  constexpr bool has(uint32_t flag) const { return (flags & flag) != 0; }
};

namespace detail {

struct OperandList {
  uint8_t count = 0;
  std::array<OperandKind, kMaxOperands> kinds{};
};

template <class... K>
constexpr OperandList operand_list(K... k) {
  static_assert(sizeof...(K) <= kMaxOperands, "too many operands");
  OperandList list;
  ((list.kinds[list.count++] = k), ...);
  return list;
}

// Places operands inside the 15 operand bytes: widest first, each at the lowest free offset that
// is a multiple of its width. Returns offset 0 for an operand that does not fit (checked below).
constexpr std::array<uint8_t, kMaxOperands> layout_operands(const OperandList& list) {
  std::array<uint8_t, kMaxOperands> offsets{};
  bool used[16] = {true};
  for (uint8_t width : {8, 4, 2, 1}) {
    for (uint8_t i = 0; i < list.count; ++i) {
      if (operand_width(list.kinds[i]) != width) continue;
      for (uint8_t at = width; at + width <= 16; at = static_cast<uint8_t>(at + width)) {
        bool free = true;
        for (uint8_t b = at; b < at + width; ++b) free = free && !used[b];
        if (!free) continue;
        for (uint8_t b = at; b < at + width; ++b) used[b] = true;
        offsets[i] = at;
        break;
      }
    }
  }
  return offsets;
}

constexpr bool layout_fits(const OperandList& list) {
  auto offsets = layout_operands(list);
  for (uint8_t i = 0; i < list.count; ++i)
    if (offsets[i] == 0) return false;
  return true;
}

constexpr OpInfo make_op_info(std::string_view name, OperandList operands, EffectSpec effect,
                              uint32_t flags, std::string_view doc) {
  OpInfo info;
  info.name = name;
  info.operand_count = operands.count;
  info.operands = operands.kinds;
  info.offsets = layout_operands(operands);
  info.effect = effect;
  info.flags = flags;
  info.doc = doc;
  return info;
}

// The table is expanded inside this namespace so that ops.def can name operand kinds and flags
// without qualification.
namespace opdef {
using enum OperandKind;
using namespace opflag;

#define FX(p, q) EffectSpec{EffectRule::Fixed, p, q}
#define FR(rule) EffectSpec{EffectRule::rule, 0, 0}

#define FUSEVM_OP(name, operands, effect, flags, doc) \
  static_assert(layout_fits(operand_list operands), #name " does not fit in 16 bytes");
#include "fusevm/ops.def"
#undef FUSEVM_OP

inline constexpr std::array<OpInfo, kOpCount> kTable = {{
#define FUSEVM_OP(name, operands, effect, flags, doc) \
  make_op_info(#name, operand_list operands, effect, flags, doc),
#include "fusevm/ops.def"
#undef FUSEVM_OP
}};

#undef FX
#undef FR
}  // namespace opdef
}  // namespace detail

/// The whole op table, indexed by Op.
inline constexpr const std::array<OpInfo, kOpCount>& kOpTable = detail::opdef::kTable;

/// Metadata of one op.
constexpr const OpInfo& op_info(Op op) { return kOpTable[static_cast<size_t>(op)]; }
/// The op's name: its JSON tag and assembly mnemonic.
constexpr std::string_view op_name(Op op) { return op_info(op).name; }
/// True if the byte is a valid opcode.
constexpr bool is_valid_op(uint8_t byte) { return byte < kOpCount; }
/// Looks an op up by its exact (case-sensitive) name.
std::optional<Op> op_from_name(std::string_view name) noexcept;

/// A 64-bit hash of the op table's encoding-relevant parts (names, operand kinds, stack
/// effects). Binary chunks and JIT cache files carry it and are refused when it differs.
uint64_t op_table_hash() noexcept;

/// One instruction: an opcode and its operands in 16 bytes.
struct alignas(8) Instr {
  Op op = Op::Nop;
  uint8_t operand_bytes[15] = {};

  constexpr Instr() = default;
  explicit constexpr Instr(Op o) : op(o) {}

  const OpInfo& info() const { return op_info(op); }
  size_t operand_count() const { return op_info(op).operand_count; }
  OperandKind operand_kind(size_t i) const { return op_info(op).operands[i]; }

  /// Operand i as raw bits, zero-extended (a float's bit pattern, a signed value's two's
  /// complement at its own width).
  uint64_t raw(size_t i) const {
    const OpInfo& in = op_info(op);
    uint64_t bits = 0;
    std::memcpy(&bits, base() + in.offsets[i], operand_width(in.operands[i]));
    return bits;
  }
  /// Operand i as a signed integer (signed kinds sign-extended, unsigned ones zero-extended).
  int64_t integer(size_t i) const {
    const OpInfo& in = op_info(op);
    uint64_t bits = raw(i);
    unsigned width = operand_width(in.operands[i]);
    if (operand_is_signed(in.operands[i]) && width < 8) {
      unsigned shift = 64 - 8 * width;
      return static_cast<int64_t>(bits << shift) >> shift;
    }
    return static_cast<int64_t>(bits);
  }
  /// Operand i of an F64 kind.
  double f64(size_t i) const { return std::bit_cast<double>(raw(i)); }

  /// Stores operand i from raw bits, truncated to its width.
  void set_raw(size_t i, uint64_t bits) {
    const OpInfo& in = op_info(op);
    std::memcpy(base() + in.offsets[i], &bits, operand_width(in.operands[i]));
  }

  /// True if `value` fits operand i without truncation.
  bool fits(size_t i, int64_t value) const;

  /// Typed operand read for code that knows the op at compile time (the interpreter).
  template <Op O, size_t I>
  auto get() const {
    constexpr const OpInfo& in = op_info(O);
    static_assert(I < in.operand_count, "operand index out of range");
    using T = operand_type_t<in.operands[I]>;
    T value;
    std::memcpy(&value, base() + in.offsets[I], sizeof(T));
    return value;
  }

  friend bool operator==(const Instr& a, const Instr& b) {
    return std::memcmp(&a, &b, sizeof(Instr)) == 0;
  }

 private:
  const uint8_t* base() const { return reinterpret_cast<const uint8_t*>(this); }
  uint8_t* base() { return reinterpret_cast<uint8_t*>(this); }
};
static_assert(sizeof(Instr) == 16, "an instruction is 16 bytes");
static_assert(std::is_trivially_copyable_v<Instr>);

/// Builds an instruction of op O from its operands (converted to each operand's type).
template <Op O, class... A>
Instr make_instr(A... args) {
  constexpr const OpInfo& in = op_info(O);
  static_assert(sizeof...(A) == in.operand_count, "wrong number of operands for this op");
  Instr ins(O);
  size_t i = 0;
  auto store = [&](auto v) {
    if (operand_is_float(in.operands[i])) {
      ins.set_raw(i, std::bit_cast<uint64_t>(static_cast<double>(v)));
    } else {
      ins.set_raw(i, static_cast<uint64_t>(static_cast<int64_t>(v)));
    }
    ++i;
  };
  (store(args), ...);
  (void)store;  // unused for ops without operands
  return ins;
}

/// Typed instruction makers, one per op: ins::LoadInt(5), ins::Call(name, argc), ...
namespace ins {
#define FUSEVM_OP(name, operands, effect, flags, doc) \
  template <class... A>                               \
  inline Instr name(A... args) {                      \
    return make_instr<Op::name>(args...);             \
  }
#include "fusevm/ops.def"
#undef FUSEVM_OP
}  // namespace ins

/// The stack effect of one concrete instruction.
struct StackEffect {
  uint32_t pops = 0;        ///< values removed; fewer above the frame base is a stack underflow
  uint32_t pushes_min = 0;  ///< values added, lower bound
  uint32_t pushes_max = 0;  ///< values added, upper bound
  bool take_up_to = false;  ///< removes min(pops, values above the frame base) and never underflows
  bool unknown = false;     ///< an embedder handler decides; nothing is known statically
};

/// Computes the stack effect of an instruction from its op and operands.
StackEffect stack_effect(const Instr& ins) noexcept;

/// The awk op whose ExtendedWide id this is, if any (awk_ids.def).
std::optional<Op> awk_op_for_id(uint16_t id) noexcept;
/// The ExtendedWide id of an awk op, if it has one.
std::optional<uint16_t> awk_id_for_op(Op op) noexcept;
/// The reserved ExtendedWide id range of the awk ops.
inline constexpr uint16_t kAwkIdFirst = 40000;
inline constexpr uint16_t kAwkIdEnd = 41000;
constexpr bool is_awk_id(uint64_t id) { return id >= kAwkIdFirst && id < kAwkIdEnd; }

}  // namespace fusevm
