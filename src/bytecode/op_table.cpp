// Queries over the op table: name lookup, the table hash, stack effects and the awk id map.
#include <algorithm>
#include <array>
#include <limits>

#include "fusevm/code_tables.h"
#include "fusevm/op.h"

namespace fusevm {
namespace {

constexpr std::array kOperandKindNames = {
#define FUSEVM_OPERAND(kind, ctype, doc) std::string_view(#kind),
#include "fusevm/operand_kinds.def"
#undef FUSEVM_OPERAND
};

// Op names sorted for binary search; built once.
struct NameIndex {
  std::array<std::pair<std::string_view, Op>, kOpCount> sorted{};
  NameIndex() {
    for (size_t i = 0; i < kOpCount; ++i) sorted[i] = {kOpTable[i].name, static_cast<Op>(i)};
    std::sort(sorted.begin(), sorted.end());
  }
};

const NameIndex& name_index() {
  static const NameIndex index;
  return index;
}

// FNV-1a: small, stable across builds and platforms, good enough to tell two tables apart.
constexpr uint64_t fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}
constexpr uint64_t fnv1a_byte(uint64_t h, uint8_t b) {
  h ^= b;
  return h * 0x100000001b3ull;
}

constexpr uint64_t compute_table_hash() {
  uint64_t h = 0xcbf29ce484222325ull;
  for (const OpInfo& in : kOpTable) {
    h = fnv1a(h, in.name);
    h = fnv1a_byte(h, in.operand_count);
    for (uint8_t i = 0; i < in.operand_count; ++i) {
      h = fnv1a_byte(h, static_cast<uint8_t>(in.operands[i]));
      h = fnv1a_byte(h, in.offsets[i]);
    }
    h = fnv1a_byte(h, static_cast<uint8_t>(in.effect.rule));
    h = fnv1a_byte(h, in.effect.pops);
    h = fnv1a_byte(h, in.effect.pushes);
    h = fnv1a_byte(h, 0xff);
  }
  return h;
}
constexpr uint64_t kTableHash = compute_table_hash();

struct AwkIdEntry {
  uint16_t id;
  Op op;
};
constexpr std::array kAwkIds = {
#define FUSEVM_AWK_ID(op, id) AwkIdEntry{id, Op::op},
#include "fusevm/awk_ids.def"
#undef FUSEVM_AWK_ID
};

// The index of the operand that counts stack values (Argc, Count or Count8), if any.
int count_operand(const OpInfo& in) {
  for (uint8_t i = 0; i < in.operand_count; ++i) {
    OperandKind k = in.operands[i];
    if (k == OperandKind::Argc || k == OperandKind::Count || k == OperandKind::Count8) return i;
  }
  return -1;
}

StackEffect fixed(uint32_t pops, uint32_t pushes) {
  StackEffect e;
  e.pops = pops;
  e.pushes_min = e.pushes_max = pushes;
  return e;
}

StackEffect effect_of(Op op, uint64_t count) noexcept;

StackEffect effect_of_instr(const Instr& ins) noexcept {
  const OpInfo& in = ins.info();
  if (in.effect.rule == EffectRule::Fixed) return fixed(in.effect.pops, in.effect.pushes);  // most ops
  int ci = count_operand(in);
  uint64_t count = ci >= 0 ? ins.raw(static_cast<size_t>(ci)) : 0;
  switch (in.effect.rule) {
    case EffectRule::ExtendedWide: {
      uint64_t id = ins.raw(0);
      if (!is_awk_id(id)) {
        StackEffect e;
        e.unknown = true;
        return e;
      }
      auto awk = awk_op_for_id(static_cast<uint16_t>(id));
      if (!awk) return fixed(0, 0);  // names no awk op: a runtime error, no stack effect
      // The payload plays the part of the awk op's single operand, at that operand's width.
      const OpInfo& target = op_info(*awk);
      uint64_t payload = ins.raw(1);
      if (target.operand_count > 0) {
        unsigned width = operand_width(target.operands[0]);
        if (width < 8) payload &= (uint64_t{1} << (8 * width)) - 1;
      }
      Instr as_op(*awk);
      if (target.operand_count > 0) as_op.set_raw(0, payload);
      return effect_of_instr(as_op);
    }
    case EffectRule::ExpandParam: {
      uint32_t args = param_mod_arg_count(static_cast<uint8_t>(ins.raw(0)));
      return fixed(args + 1, 1);
    }
    case EffectRule::Getline: {
      uint32_t pops = getline_source_pops(static_cast<uint8_t>(ins.raw(0))) ? 1 : 0;
      return fixed(pops, 1);
    }
    default:
      return effect_of(ins.op, count);
  }
}

StackEffect effect_of(Op op, uint64_t count) noexcept {
  const OpInfo& in = op_info(op);
  const auto n = static_cast<uint32_t>(std::min<uint64_t>(count, std::numeric_limits<uint32_t>::max()));
  switch (in.effect.rule) {
    case EffectRule::Fixed:
      return fixed(in.effect.pops, in.effect.pushes);
    case EffectRule::TakeUpTo: {
      StackEffect e = fixed(n, 1);
      e.take_up_to = true;
      return e;
    }
    case EffectRule::PopsOperand:
      return fixed(n, 0);
    case EffectRule::PopsOperandPush1:
      return fixed(n, 1);
    case EffectRule::OptionalOne:
      return n == 0 ? fixed(0, 1) : fixed(1, 1);
    case EffectRule::CallLike: {
      StackEffect e = fixed(n, 0);
      e.pushes_max = 1;
      return e;
    }
    case EffectRule::Unknown:
    case EffectRule::ExtendedWide:
    case EffectRule::ExpandParam:
    case EffectRule::Getline: {
      StackEffect e;
      e.unknown = true;
      return e;
    }
  }
  return StackEffect{};
}

}  // namespace

std::string_view operand_kind_name(OperandKind k) noexcept {
  auto i = static_cast<size_t>(k);
  return i < kOperandKindNames.size() ? kOperandKindNames[i] : std::string_view("?");
}

std::optional<Op> op_from_name(std::string_view name) noexcept {
  const auto& sorted = name_index().sorted;
  auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                             [](const auto& entry, std::string_view n) { return entry.first < n; });
  if (it != sorted.end() && it->first == name) return it->second;
  return std::nullopt;
}

uint64_t op_table_hash() noexcept { return kTableHash; }

bool Instr::fits(size_t i, int64_t value) const {
  OperandKind k = operand_kind(i);
  unsigned width = operand_width(k);
  if (width == 8) return !operand_is_float(k);
  if (operand_is_signed(k)) {
    int64_t lo = -(int64_t{1} << (8 * width - 1));
    int64_t hi = (int64_t{1} << (8 * width - 1)) - 1;
    return value >= lo && value <= hi;
  }
  return value >= 0 && value < (int64_t{1} << (8 * width));
}

StackEffect stack_effect(const Instr& ins) noexcept { return effect_of_instr(ins); }

std::optional<Op> awk_op_for_id(uint16_t id) noexcept {
  for (const AwkIdEntry& e : kAwkIds)
    if (e.id == id) return e.op;
  return std::nullopt;
}

std::optional<uint16_t> awk_id_for_op(Op op) noexcept {
  for (const AwkIdEntry& e : kAwkIds)
    if (e.op == op) return e.id;
  return std::nullopt;
}

}  // namespace fusevm
