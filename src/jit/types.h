// Type sets: what the JIT knows about a value at one program point.
//
// A value the compiler tracks (an abstract stack entry or a frame slot) has a set of possible
// runtime types. The four scalar kinds the native code computes with are Undef, Bool, Int and
// Float; everything else (strings, containers, Status, Ref, NativeFn) is Other, which native
// code never touches: an op that would read, copy or drop an Other value is an exit to the
// interpreter. A set with one scalar kind is a "single" type and lives unboxed in a register;
// any other set lives in VM memory as a proper Value and is narrowed by a tag guard where an op
// needs one kind (speculate() picks which).
#pragma once

#include <cstdint>

#include "fusevm/value.h"

namespace fusevm::jit {

using TypeSet = uint8_t;
inline constexpr TypeSet kNone = 0;  // bottom: no value reaches here (yet)
inline constexpr TypeSet kUndef = 1;
inline constexpr TypeSet kBool = 2;
inline constexpr TypeSet kInt = 4;
inline constexpr TypeSet kFloat = 8;
inline constexpr TypeSet kOther = 16;
inline constexpr TypeSet kScalar = kUndef | kBool | kInt | kFloat;
inline constexpr TypeSet kAny = kScalar | kOther;

/// Exactly one kind.
constexpr bool is_single(TypeSet t) { return t != 0 && (t & (t - 1)) == 0; }
/// Exactly one scalar kind (a value native code can hold unboxed).
constexpr bool is_single_scalar(TypeSet t) { return is_single(t) && (t & kScalar) != 0; }
/// A kind held in a general-purpose register (Bool as 0/1, Int as itself).
constexpr bool in_gpr(TypeSet t) { return t == kBool || t == kInt; }

/// The kind of a runtime value.
constexpr TypeSet type_of(ValueType t) {
  switch (t) {
    case ValueType::Undef: return kUndef;
    case ValueType::Bool: return kBool;
    case ValueType::Int: return kInt;
    case ValueType::Float: return kFloat;
    default: return kOther;
  }
}
inline TypeSet type_of(const Value& v) { return type_of(v.type()); }

/// The Value tag of a single scalar kind.
constexpr ValueType tag_of(TypeSet single) {
  switch (single) {
    case kBool: return ValueType::Bool;
    case kInt: return ValueType::Int;
    case kFloat: return ValueType::Float;
    default: return ValueType::Undef;
  }
}

/// The kind a guard checks for when an op needs one kind out of a set: the most numeric
/// scalar in it (Float, then Int, Bool, Undef), or kNone when the set holds no scalar.
constexpr TypeSet speculate(TypeSet t) {
  if (t & kFloat) return kFloat;
  if (t & kInt) return kInt;
  if (t & kBool) return kBool;
  if (t & kUndef) return kUndef;
  return kNone;
}

/// "Int", "Float|Undef", ... (for logs and test messages).
const char* type_name(TypeSet t);

}  // namespace fusevm::jit
