// Value: the VM's dynamically typed value — ten variants in 16 bytes.
//
// Layout: an 8-byte payload (bool, int64, double, int32 status, uint16 builtin id, or a pointer to
// a heap object) and a one-byte type tag. Undef, Bool, Int, Float, Status and NativeFn live inline;
// Str, Array, Hash and Ref point to a reference-counted heap object.
//
// Invariants:
//  * Every variant has value semantics. Copying a Value is O(1): heap objects are shared and their
//    reference count goes up. A mutation goes through mutable_array() / mutable_hash() /
//    mutable_ref() / append(), which first clones the object if anyone else holds it
//    (copy-on-write), so no other copy can observe the change. An unshared container is mutated
//    in place.
//  * Strings are immutable once shared. An unshared string grows in place with geometric capacity,
//    so appending to it repeatedly is amortised O(1) per byte.
//  * Strings are byte strings: lengths are bytes, no UTF-8 validation is ever done.
//  * Hashes map byte-string keys to values and iterate in insertion order (re-setting an existing
//    key keeps its position; deleting and re-adding moves it to the end).
//  * Destroying a value never recurses: nested containers are freed with an explicit worklist,
//    so arbitrarily deep nesting cannot overflow the C++ stack. to_str, deep_copy and == are
//    iterative for the same reason.
//  * All heap memory goes through the heap budget (heap.h), so a VM can cap what a program
//    allocates and tests can inject allocation failures.
//
// Threading rule: reference counts are not atomic. A Value, and everything it shares heap
// objects with, belongs to one thread at a time. To hand a value to another thread, pass
// deep_copy() of it (which shares nothing). A VM and every value inside it move between threads
// only as a whole (VMPool does this under a lock).
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "fusevm/heap.h"

namespace fusevm {

/// The ten variants, in the original's declaration order.
enum class ValueType : uint8_t { Undef, Bool, Int, Float, Str, Array, Hash, Status, Ref, NativeFn };

/// The variant's name, e.g. "Int".
std::string_view value_type_name(ValueType type) noexcept;

class Array;
class Hash;
class Value;
namespace detail {
struct ValueAccess;
}

/// The vector type arrays are stored in (all memory accounted by the heap budget; value_vector.h).
class ValueVector;

namespace detail {

/// Header of every heap object. `refs` counts the Values that point at the object; while the
/// object is being destroyed the field is reused as a link in the destruction worklist.
struct HeapObject {
  uint64_t refs = 1;
};

/// A byte string. The characters follow the header in the same allocation.
struct StrObject : HeapObject {
  size_t size = 0;
  size_t capacity = 0;
  bool from_input = false;  ///< see Value::input_string
  char* chars() { return reinterpret_cast<char*>(this + 1); }
  const char* chars() const { return reinterpret_cast<const char*>(this + 1); }
};

/// Frees a heap object whose count reached zero, and everything only it kept alive.
void destroy_heap(ValueType type, HeapObject* object) noexcept;
/// Allocates a string object with room for `capacity` bytes, holding `size` bytes of `data`.
StrObject* new_str(const char* data, size_t size, size_t capacity);

}  // namespace detail

/// A dynamically typed value. See the file comment for the rules.
class Value {
 public:
  /// Undef.
  Value() noexcept { payload_.i = 0; }
  ~Value() { release(); }

  Value(const Value& other) noexcept : payload_(other.payload_), type_(other.type_) { retain(); }
  Value(Value&& other) noexcept : payload_(other.payload_), type_(other.type_) {
    other.type_ = ValueType::Undef;
  }
  Value& operator=(const Value& other) noexcept {
    other.retain();
    release();
    payload_ = other.payload_;
    type_ = other.type_;
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    // Read the source first: this order is also correct for self-move, without a branch.
    const Payload p = other.payload_;
    const ValueType t = other.type_;
    other.type_ = ValueType::Undef;
    release();
    payload_ = p;
    type_ = t;
    return *this;
  }

  // ── Constructors ──
  static Value undef() noexcept { return Value(); }
  static Value boolean(bool b) noexcept {
    Value v;
    v.type_ = ValueType::Bool;
    v.payload_.i = 0;
    v.payload_.b = b;
    return v;
  }
  static Value integer(int64_t n) noexcept {
    Value v;
    v.type_ = ValueType::Int;
    v.payload_.i = n;
    return v;
  }
  static Value floating(double f) noexcept {
    Value v;
    v.type_ = ValueType::Float;
    v.payload_.f = f;
    return v;
  }
  static Value status(int32_t code) noexcept {
    Value v;
    v.type_ = ValueType::Status;
    v.payload_.i = 0;
    v.payload_.status = code;
    return v;
  }
  static Value native_fn(uint16_t id) noexcept {
    Value v;
    v.type_ = ValueType::NativeFn;
    v.payload_.i = 0;
    v.payload_.native = id;
    return v;
  }
  /// A string holding a copy of `s`.
  static Value string(std::string_view s);
  /// A string with `s` and room to grow to `capacity` bytes without reallocating.
  static Value string_with_capacity(std::string_view s, size_t capacity);
  /// A string that came from input data (an awk field, a getline result, a split() element):
  /// awk compares such a string as a number when it looks like one (POSIX "numeric string").
  /// Every core op treats it exactly as string(s); copies keep the mark, and any op that builds
  /// a new string (or appends in place) drops it, so only the text a frontend read carries it.
  static Value input_string(std::string_view s);
  /// An empty array, or one holding `items`.
  static Value array();
  static Value array(std::initializer_list<Value> items);
  static Value array(ValueVector items);
  /// An empty hash.
  static Value hash();
  /// A reference box holding `inner`.
  static Value ref(Value inner);

  // ── Type tests ──
  ValueType type() const noexcept { return type_; }
  bool is_undef() const noexcept { return type_ == ValueType::Undef; }
  bool is_bool() const noexcept { return type_ == ValueType::Bool; }
  bool is_int() const noexcept { return type_ == ValueType::Int; }
  bool is_float() const noexcept { return type_ == ValueType::Float; }
  bool is_str() const noexcept { return type_ == ValueType::Str; }
  /// A Str made by input_string().
  bool is_input_string() const noexcept {
    return is_str() && static_cast<const detail::StrObject*>(payload_.heap)->from_input;
  }
  bool is_array() const noexcept { return type_ == ValueType::Array; }
  bool is_hash() const noexcept { return type_ == ValueType::Hash; }
  bool is_status() const noexcept { return type_ == ValueType::Status; }
  bool is_ref() const noexcept { return type_ == ValueType::Ref; }
  bool is_native_fn() const noexcept { return type_ == ValueType::NativeFn; }
  /// True for the variants that point to a heap object (Str, Array, Hash, Ref).
  bool is_heap() const noexcept { return is_heap_type(type_); }
  /// True if another Value shares this one's heap object.
  bool is_shared() const noexcept { return is_heap() && payload_.heap->refs > 1; }

  // ── Payload access (the caller has checked the type) ──
  bool as_bool() const noexcept { return payload_.b; }
  int64_t as_int() const noexcept { return payload_.i; }
  double as_float() const noexcept { return payload_.f; }
  int32_t as_status() const noexcept { return payload_.status; }
  uint16_t as_native_fn() const noexcept { return payload_.native; }
  std::string_view as_str() const noexcept {
    const auto* s = static_cast<const detail::StrObject*>(payload_.heap);
    return {s->chars(), s->size};
  }
  const Array& as_array() const noexcept;
  const Hash& as_hash() const noexcept;
  const Value& as_ref() const noexcept;

  /// Mutable access with copy-on-write: clones the object first if it is shared.
  Array& mutable_array();
  Hash& mutable_hash();
  Value& mutable_ref();

  /// Appends bytes to a Str (in place when unshared; capacity grows geometrically).
  void append(std::string_view bytes);
  /// Appends to_str(other) to a Str.
  void append_value(const Value& other);
  /// Appends `piece` to a Str `times` times, with at most one allocation.
  void append_repeated(std::string_view piece, size_t times);

  // ── Coercions (VALUE.md) ──
  /// Int: itself. Float: truncated, saturating, NaN -> 0. Bool: 0/1. Str: strict decimal integer
  /// parse of the whole string, 0 on any failure. Status: the code. Array: its length. Else 0.
  int64_t to_int() const noexcept {
    if (type_ == ValueType::Int) return payload_.i;
    if (type_ == ValueType::Float) {  // the common other case (awk fields and indices are Floats)
      const double f = payload_.f;
      if (f > -9223372036854775808.0 && f < 9223372036854775808.0) return static_cast<int64_t>(f);
    }
    return to_int_slow();
  }
  /// Float: itself. Int: nearest double. Bool: 0/1. Str: strict float parse, 0 on failure.
  /// Status: the code. Everything else (arrays too) 0.
  double to_float() const noexcept {
    if (type_ == ValueType::Float) return payload_.f;
    if (type_ == ValueType::Int) return static_cast<double>(payload_.i);
    return to_float_slow();
  }
  /// The text of the value: Float in the original's positional shortest form, Bool "1"/"",
  /// Undef "", arrays space-joined, Hash "(hash)", Ref "(ref)", NativeFn "(builtin:N)".
  std::string to_str() const;
  /// Appends to_str() to `out`.
  void append_str_to(std::string& out) const;
  /// This value as a Str (shares the object when it already is one).
  Value to_str_value() const;
  /// False only for Undef, false, Int 0, Float ±0.0, "" and "0", empty containers and a
  /// Status other than 0 (shell convention). NaN is true.
  bool is_truthy() const noexcept {
    switch (type_) {
      case ValueType::Undef:
        return false;
      case ValueType::Bool:
        return payload_.b;
      case ValueType::Int:
        return payload_.i != 0;
      case ValueType::Float:
        return payload_.f != 0.0 || payload_.f != payload_.f;
      case ValueType::Status:
        return payload_.status == 0;
      case ValueType::Ref:
      case ValueType::NativeFn:
        return true;
      default:
        return is_truthy_slow();
    }
  }
  /// Bytes of a Str, elements of an Array or Hash, else the byte length of to_str().
  size_t len() const noexcept;
  bool is_empty() const noexcept { return len() == 0; }

  /// A copy that shares no heap object with this one (safe to hand to another thread).
  Value deep_copy() const;

  /// Structural equality (VALUE.md §3): different variants are never equal, floats compare by
  /// IEEE ==, hashes ignore order. The VM's comparison ops do not use this.
  friend bool operator==(const Value& a, const Value& b);

 private:
  friend class Array;
  friend class Hash;
  friend struct detail::ValueAccess;
  friend void detail::destroy_heap(ValueType, detail::HeapObject*) noexcept;

  // One shift and a mask instead of four compares: this test sits on every copy and destroy.
  static constexpr uint32_t kHeapTypeMask =
      (1u << static_cast<int>(ValueType::Str)) | (1u << static_cast<int>(ValueType::Array)) |
      (1u << static_cast<int>(ValueType::Hash)) | (1u << static_cast<int>(ValueType::Ref));
  static constexpr bool is_heap_type(ValueType t) {
    return ((kHeapTypeMask >> static_cast<uint32_t>(t)) & 1u) != 0;
  }
  template <class T, class... A>
  static T* new_heap_object(A&&... args);  // defined in value.cpp
  static Value from_heap(ValueType t, detail::HeapObject* obj) noexcept {
    Value v;
    v.type_ = t;
    v.payload_.heap = obj;
    return v;
  }
// GCC 12 at -O3 reports a false -Warray-bounds here once these are inlined into code whose
// values it can see are not heap values (the guarded dereference is dead there).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif
  // Always inlined: they sit on every copy and destruction, including the interpreter's loop.
  [[gnu::always_inline]] void retain() const noexcept {
    if (is_heap()) ++payload_.heap->refs;
  }
  [[gnu::always_inline]] void release() noexcept {
    if (is_heap() && --payload_.heap->refs == 0) detail::destroy_heap(type_, payload_.heap);
  }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  // Drops the pointer without touching the count (used while destroying).
  void forget() noexcept { type_ = ValueType::Undef; }

  int64_t to_int_slow() const noexcept;
  double to_float_slow() const noexcept;
  bool is_truthy_slow() const noexcept;

  union Payload {
    bool b;
    int64_t i;
    double f;
    int32_t status;
    uint16_t native;
    detail::HeapObject* heap;
  } payload_;
  ValueType type_ = ValueType::Undef;
};

static_assert(sizeof(Value) == 16, "a Value is 16 bytes");

/// True if two values are the same in every observable detail: same variant, floats with the
/// same bit pattern, hash entries in the same order. Stricter than ==; used for round trips.
bool identical(const Value& a, const Value& b);

}  // namespace fusevm

#include "fusevm/value_vector.h"
#include "fusevm/containers.h"
