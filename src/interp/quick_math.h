// The arithmetic and comparisons of the quick ops, for the operands they fold in: stack or slot
// values, Int immediates and Float immediates. Each function handles Int and Float operands
// exactly as the plain op does (loop.cpp, ORIGINAL-BEHAVIOUR.md §7) and reports anything else
// as not handled, so the quick op can deoptimize.
#pragma once

#include <cmath>
#include <cstdint>

#include "fusevm/value.h"
#include "quick.h"
#include "value_access.h"

namespace fusevm::quick {

inline int64_t wrap_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t wrap_sub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t wrap_mul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}

/// The closed form of AccumSumLoop's body: sum + i + (i+1) + ... + (lim-1), wrapping like the
/// step-by-step loop would (for first < lim). n*(first+last) is even, so halving the 128-bit
/// product is exact, and its low 64 bits are the wrapped sum. The JIT calls this too.
/// The number of integers in [lo, hi) for lo < hi. It can exceed INT64_MAX (lo = INT64_MIN),
/// so it is computed in unsigned arithmetic, where the wrap-around is the exact answer.
inline uint64_t range_length(int64_t lo, int64_t hi) {
  return static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
}

/// a + b, or UINT64_MAX if that overflows: instruction counts saturate instead of wrapping
/// past a fuel limit.
inline uint64_t saturating_add(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

inline int64_t sum_range_wrapping(int64_t sum, int64_t first, int64_t lim) {
  __extension__ typedef __int128 int128;
  const int128 n = static_cast<int128>(lim) - first;
  const int128 total = n * (static_cast<int128>(first) + (lim - 1)) / 2;
  return wrap_add(sum, static_cast<int64_t>(static_cast<uint64_t>(total)));
}

/// An Int immediate, with the part of Value's interface the templates below use.
struct IntImm {
  int64_t v;
  bool is_int() const noexcept { return true; }
  bool is_float() const noexcept { return false; }
  int64_t as_int() const noexcept { return v; }
  double to_float() const noexcept { return static_cast<double>(v); }
};
/// A Float immediate.
struct FloatImm {
  double v;
  bool is_int() const noexcept { return false; }
  bool is_float() const noexcept { return true; }
  int64_t as_int() const noexcept { return 0; }
  double to_float() const noexcept { return v; }
};

template <class X>
[[gnu::always_inline]] inline bool is_number(const X& x) noexcept {
  return x.is_int() || x.is_float();
}

/// Writes `x A y` to `out` (which holds no heap object and may be x's storage) and returns true,
/// or returns false without writing when an operand is neither Int nor Float.
template <Op A, class X, class Y>
[[gnu::always_inline]] inline bool arith(const X& x, const Y& y, Value& out) noexcept {
  using detail::ValueAccess;
  if (x.is_int() && y.is_int()) {
    const int64_t a = x.as_int(), b = y.as_int();
    if constexpr (A == Op::Add) ValueAccess::set_int(out, wrap_add(a, b));
    if constexpr (A == Op::Sub) ValueAccess::set_int(out, wrap_sub(a, b));
    if constexpr (A == Op::Mul) ValueAccess::set_int(out, wrap_mul(a, b));
    if constexpr (A == Op::Div) {
      if (b == 0) out = Value();
      else ValueAccess::set_float(out, static_cast<double>(a) / static_cast<double>(b));
    }
    // x % 0 is 0; MIN % -1 is 0 rather than a trap (DEVIATIONS.md B).
    if constexpr (A == Op::Mod) ValueAccess::set_int(out, (b == 0 || b == -1) ? 0 : a % b);
    return true;
  }
  if (!is_number(x) || !is_number(y)) return false;
  const double a = x.to_float(), b = y.to_float();
  if constexpr (A == Op::Add) ValueAccess::set_float(out, a + b);
  if constexpr (A == Op::Sub) ValueAccess::set_float(out, a - b);
  if constexpr (A == Op::Mul) ValueAccess::set_float(out, a * b);
  if constexpr (A == Op::Div) {
    if (b == 0.0) out = Value();
    else ValueAccess::set_float(out, a / b);
  }
  if constexpr (A == Op::Mod) ValueAccess::set_float(out, std::fmod(a, b));
  return true;
}

/// The outcome of comparing x with y (kLess, kEqual, kGreater or kUnordered), or 0 when an
/// operand is neither Int nor Float.
template <class X, class Y>
[[gnu::always_inline]] inline uint8_t compare(const X& x, const Y& y) noexcept {
  if (x.is_int() && y.is_int()) return outcome(x.as_int(), y.as_int());
  if (!is_number(x) || !is_number(y)) return 0;
  return outcome(x.to_float(), y.to_float());
}

}  // namespace fusevm::quick
