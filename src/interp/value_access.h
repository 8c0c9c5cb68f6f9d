// Raw value writes for the interpreter's hot paths. Each function's precondition is that the
// destination holds no heap object (a scalar, or a stack slot at or above the stack pointer),
// so nothing needs releasing; the loop guarantees it (interp.h).
#pragma once

#include <cstddef>

#include "fusevm/value.h"

namespace fusevm::detail {

struct ValueAccess {
  /// Where a Value keeps its payload and its type tag (the JIT reads and writes both directly).
  static constexpr size_t payload_offset() noexcept { return offsetof(Value, payload_); }
  static constexpr size_t type_offset() noexcept { return offsetof(Value, type_); }
  static void set_int(Value& v, int64_t n) noexcept {
    v.payload_.i = n;
    v.type_ = ValueType::Int;
  }
  static void set_float(Value& v, double f) noexcept {
    v.payload_.f = f;
    v.type_ = ValueType::Float;
  }
  static void set_bool(Value& v, bool b) noexcept {
    v.payload_.i = 0;
    v.payload_.b = b;
    v.type_ = ValueType::Bool;
  }
  static void set_undef(Value& v) noexcept { v.type_ = ValueType::Undef; }
  /// Moves `src` into `dst` (which holds nothing) and leaves `src` Undef.
  static void move_into(Value& dst, Value& src) noexcept {
    dst.payload_ = src.payload_;
    dst.type_ = src.type_;
    src.type_ = ValueType::Undef;
  }
  /// Copies `src` into `dst` (which holds nothing).
  static void copy_into(Value& dst, const Value& src) noexcept {
    src.retain();
    dst.payload_ = src.payload_;
    dst.type_ = src.type_;
  }
};

}  // namespace fusevm::detail
