// Value construction, copy-on-write, destruction and the coercions (VALUE.md).
#include "fusevm/value.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <new>
#include <utility>
#include <vector>

#include "number_text.h"

namespace fusevm {

std::string_view value_type_name(ValueType type) noexcept {
  switch (type) {
    case ValueType::Undef:
      return "Undef";
    case ValueType::Bool:
      return "Bool";
    case ValueType::Int:
      return "Int";
    case ValueType::Float:
      return "Float";
    case ValueType::Str:
      return "Str";
    case ValueType::Array:
      return "Array";
    case ValueType::Hash:
      return "Hash";
    case ValueType::Status:
      return "Status";
    case ValueType::Ref:
      return "Ref";
    case ValueType::NativeFn:
      return "NativeFn";
  }
  return "?";
}

namespace detail {

StrObject* new_str(const char* data, size_t size, size_t capacity) {
  capacity = std::max(capacity, size);
  if (capacity > SIZE_MAX - sizeof(StrObject)) throw std::bad_alloc();
  void* mem = heap_alloc(sizeof(StrObject) + capacity);
  auto* s = new (mem) StrObject();
  s->size = size;
  s->capacity = capacity;
  if (size != 0) std::memcpy(s->chars(), data, size);
  return s;
}

namespace {

// The destruction worklist is threaded through the dying objects themselves: an object whose
// count reached zero no longer needs the count, so `refs` holds the link to the next pending
// object, tagged with its type in the low bits (heap objects are at least 16-byte aligned).
constexpr uintptr_t kTypeMask = 15;
static_assert(alignof(std::max_align_t) >= 16);

}  // namespace

void destroy_heap(ValueType type, HeapObject* object) noexcept {
  uintptr_t pending = 0;
  auto push = [&pending](ValueType t, HeapObject* o) {
    o->refs = pending;
    pending = reinterpret_cast<uintptr_t>(o) | static_cast<uintptr_t>(t);
  };
  auto drop = [&push](Value& v) {
    if (v.is_heap() && --v.payload_.heap->refs == 0) push(v.type_, v.payload_.heap);
    v.forget();
  };
  push(type, object);
  while (pending != 0) {
    auto* o = reinterpret_cast<HeapObject*>(pending & ~kTypeMask);
    auto t = static_cast<ValueType>(pending & kTypeMask);
    pending = static_cast<uintptr_t>(o->refs);
    switch (t) {
      case ValueType::Str: {
        auto* s = static_cast<StrObject*>(o);
        size_t bytes = sizeof(StrObject) + s->capacity;
        s->~StrObject();
        heap_free(s, bytes);
        break;
      }
      case ValueType::Array: {
        auto* a = static_cast<Array*>(o);
        for (Value& v : a->items_) drop(v);
        a->~Array();
        heap_free(a, sizeof(Array));
        break;
      }
      case ValueType::Hash: {
        auto* h = static_cast<Hash*>(o);
        for (auto& node : h->nodes_) {
          drop(node.entry.key);
          drop(node.entry.value);
        }
        h->~Hash();
        heap_free(h, sizeof(Hash));
        break;
      }
      case ValueType::Ref: {
        auto* r = static_cast<RefObject*>(o);
        drop(r->inner);
        r->~RefObject();
        heap_free(r, sizeof(RefObject));
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace detail

// ── Construction ──

template <class T, class... A>
T* Value::new_heap_object(A&&... args) {
  void* mem = detail::heap_alloc(sizeof(T));
  try {
    return new (mem) T(std::forward<A>(args)...);
  } catch (...) {
    detail::heap_free(mem, sizeof(T));
    throw;
  }
}

Value Value::string(std::string_view s) {
  return from_heap(ValueType::Str, detail::new_str(s.data(), s.size(), s.size()));
}

Value Value::string_with_capacity(std::string_view s, size_t capacity) {
  return from_heap(ValueType::Str, detail::new_str(s.data(), s.size(), capacity));
}

Value Value::input_string(std::string_view s) {
  detail::StrObject* obj = detail::new_str(s.data(), s.size(), s.size());
  obj->from_input = true;
  return from_heap(ValueType::Str, obj);
}

Value Value::array() { return from_heap(ValueType::Array, new_heap_object<Array>()); }

Value Value::array(std::initializer_list<Value> items) {
  ValueVector v(items.begin(), items.end());
  return array(std::move(v));
}

Value Value::array(ValueVector items) {
  return from_heap(ValueType::Array, new_heap_object<Array>(std::move(items)));
}

Value Value::hash() { return from_heap(ValueType::Hash, new_heap_object<Hash>()); }

Value Value::ref(Value inner) {
  auto* r = new_heap_object<detail::RefObject>();
  r->inner = std::move(inner);
  return from_heap(ValueType::Ref, r);
}

// ── Copy-on-write ──

Array& Value::mutable_array() {
  auto* a = static_cast<Array*>(payload_.heap);
  if (a->refs > 1) {
    Value copy = array(a->items_);
    *this = std::move(copy);
  }
  return *static_cast<Array*>(payload_.heap);
}

Hash& Value::mutable_hash() {
  auto* h = static_cast<Hash*>(payload_.heap);
  if (h->refs > 1) {
    Value copy = hash();
    Hash& dst = *static_cast<Hash*>(copy.payload_.heap);
    dst.reserve(h->size());
    for (const Hash::Entry& e : *h) dst.set(e.key, e.value);
    *this = std::move(copy);
  }
  return *static_cast<Hash*>(payload_.heap);
}

Value& Value::mutable_ref() {
  auto* r = static_cast<detail::RefObject*>(payload_.heap);
  if (r->refs > 1) {
    Value copy = ref(r->inner);
    *this = std::move(copy);
  }
  return static_cast<detail::RefObject*>(payload_.heap)->inner;
}

void Value::append(std::string_view bytes) {
  auto* s = static_cast<detail::StrObject*>(payload_.heap);
  const size_t needed = s->size + bytes.size();
  if (needed < s->size) throw std::bad_alloc();
  if (s->refs == 1 && needed <= s->capacity) {
    if (!bytes.empty()) std::memcpy(s->chars() + s->size, bytes.data(), bytes.size());
    s->size = needed;
    s->from_input = false;
    return;
  }
  // Grow geometrically so that repeated appends stay amortised O(1).
  size_t capacity = std::max<size_t>({needed, s->capacity * 2, 16});
  detail::StrObject* grown = detail::new_str(s->chars(), s->size, capacity);
  if (!bytes.empty()) std::memcpy(grown->chars() + grown->size, bytes.data(), bytes.size());
  grown->size = needed;
  *this = from_heap(ValueType::Str, grown);
}

void Value::append_repeated(std::string_view piece, size_t times) {
  if (piece.empty() || times == 0) return;
  auto* s = static_cast<detail::StrObject*>(payload_.heap);
  if (times > (SIZE_MAX - s->size) / piece.size()) throw std::bad_alloc();
  if (piece.data() >= s->chars() && piece.data() < s->chars() + s->capacity) {
    const std::string copy(piece);  // a piece of this very string: keep it across the growth
    return append_repeated(copy, times);
  }
  const size_t start = s->size;
  const size_t total = piece.size() * times;
  if (s->refs != 1 || start + total > s->capacity) {
    *this = from_heap(ValueType::Str, detail::new_str(s->chars(), start, start + total));
    s = static_cast<detail::StrObject*>(payload_.heap);
  }
  s->from_input = false;
  // Write the piece once, then double what is written until it is all there.
  char* out = s->chars() + start;
  std::memcpy(out, piece.data(), piece.size());
  for (size_t filled = piece.size(); filled < total;) {
    const size_t n = std::min(filled, total - filled);
    std::memcpy(out + filled, out, n);
    filled += n;
  }
  s->size = start + total;
}

void Value::append_value(const Value& other) {
  if (other.is_int()) {  // the common `"key" . $i`, without a temporary string
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, other.as_int()).ptr;
    append(std::string_view(digits, static_cast<size_t>(end - digits)));
    return;
  }
  if (other.is_str()) {
    if (other.payload_.heap == payload_.heap) {
      std::string copy(other.as_str());  // appending a string to itself
      append(copy);
    } else {
      append(other.as_str());
    }
    return;
  }
  std::string text;
  other.append_str_to(text);
  append(text);
}

// ── Coercions ──

int64_t Value::to_int_slow() const noexcept {
  switch (type_) {
    case ValueType::Float: {
      double f = payload_.f;
      if (f != f) return 0;
      if (f >= 9223372036854775808.0) return INT64_MAX;
      if (f < -9223372036854775808.0) return INT64_MIN;
      return static_cast<int64_t>(f);
    }
    case ValueType::Bool:
      return payload_.b ? 1 : 0;
    case ValueType::Str: {
      int64_t n = 0;
      return detail::parse_int_strict(as_str(), n) ? n : 0;
    }
    case ValueType::Status:
      return payload_.status;
    case ValueType::Array:
      return static_cast<int64_t>(as_array().size());
    default:
      return 0;
  }
}

double Value::to_float_slow() const noexcept {
  switch (type_) {
    case ValueType::Bool:
      return payload_.b ? 1.0 : 0.0;
    case ValueType::Str: {
      double f = 0.0;
      return detail::parse_float_strict(as_str(), f) ? f : 0.0;
    }
    case ValueType::Status:
      return payload_.status;
    default:
      return 0.0;
  }
}

bool Value::is_truthy_slow() const noexcept {
  switch (type_) {
    case ValueType::Str: {
      std::string_view s = as_str();
      return !s.empty() && s != "0";
    }
    case ValueType::Array:
      return !as_array().empty();
    case ValueType::Hash:
      return !as_hash().empty();
    default:
      return false;
  }
}

namespace {

void append_scalar(std::string& out, const Value& v) {
  switch (v.type()) {
    case ValueType::Undef:
      break;
    case ValueType::Bool:
      if (v.as_bool()) out += '1';
      break;
    case ValueType::Int:
      detail::append_int(out, v.as_int());
      break;
    case ValueType::Float:
      detail::append_float_display(out, v.as_float());
      break;
    case ValueType::Str:
      out += v.as_str();
      break;
    case ValueType::Hash:
      out += "(hash)";
      break;
    case ValueType::Status:
      detail::append_int(out, v.as_status());
      break;
    case ValueType::Ref:
      out += "(ref)";
      break;
    case ValueType::NativeFn:
      out += "(builtin:";
      detail::append_int(out, v.as_native_fn());
      out += ')';
      break;
    case ValueType::Array:
      break;  // handled by the caller
  }
}

}  // namespace

void Value::append_str_to(std::string& out) const {
  if (!is_array()) {
    append_scalar(out, *this);
    return;
  }
  // Arrays join their elements' text with single spaces, recursively; walk them with an
  // explicit stack so that deep nesting cannot overflow the C++ stack.
  std::vector<std::pair<const Array*, size_t>> stack;
  stack.emplace_back(&as_array(), 0);
  while (!stack.empty()) {
    auto& [arr, index] = stack.back();
    if (index == arr->size()) {
      stack.pop_back();
      continue;
    }
    if (index > 0) out += ' ';
    const Value& element = (*arr)[index++];
    if (element.is_array()) {
      stack.emplace_back(&element.as_array(), 0);
    } else {
      append_scalar(out, element);
    }
  }
}

std::string Value::to_str() const {
  if (is_str()) return std::string(as_str());
  std::string out;
  append_str_to(out);
  return out;
}

Value Value::to_str_value() const {
  if (is_str()) return *this;
  std::string text;
  append_str_to(text);
  return string(text);
}

size_t Value::len() const noexcept {
  switch (type_) {
    case ValueType::Str:
      return as_str().size();
    case ValueType::Array:
      return as_array().size();
    case ValueType::Hash:
      return as_hash().size();
    case ValueType::Undef:
      return 0;
    case ValueType::Bool:
      return payload_.b ? 1 : 0;
    case ValueType::Ref:
      return 5;  // "(ref)"
    default:
      try {
        std::string text;
        append_str_to(text);
        return text.size();
      } catch (...) {
        return 0;  // unreachable in practice: scalars format into a few dozen bytes
      }
  }
}

// ── Deep copy and equality (iterative: nesting depth is unbounded) ──

Value Value::deep_copy() const {
  Value root;
  std::vector<std::pair<Value*, const Value*>> work;
  work.emplace_back(&root, this);
  while (!work.empty()) {
    auto [dst, src] = work.back();
    work.pop_back();
    switch (src->type_) {
      case ValueType::Str:
        *dst = src->is_input_string() ? input_string(src->as_str()) : string(src->as_str());
        break;
      case ValueType::Array: {
        const Array& from = src->as_array();
        *dst = array(ValueVector(from.size()));
        Array& to = *static_cast<Array*>(dst->payload_.heap);
        for (size_t i = 0; i < from.size(); ++i) work.emplace_back(&to[i], &from[i]);
        break;
      }
      case ValueType::Hash: {
        const Hash& from = src->as_hash();
        *dst = hash();
        Hash& to = *static_cast<Hash*>(dst->payload_.heap);
        to.reserve(from.size());
        for (const Hash::Entry& e : from) to.set(e.key.as_str(), Value());
        // No insertion happens below, so the pointers into `to` stay valid.
        auto it = from.begin();
        for (auto& node : to.nodes_) {
          work.emplace_back(&node.entry.value, &it->value);
          ++it;
        }
        break;
      }
      case ValueType::Ref:
        *dst = ref(Value());
        work.emplace_back(&static_cast<detail::RefObject*>(dst->payload_.heap)->inner,
                          &src->as_ref());
        break;
      default:
        *dst = *src;
        break;
    }
  }
  return root;
}

namespace {

// Structural comparison without recursion. `strict` is identical(): floats compare by bit
// pattern and hash entries must come in the same order; otherwise == of VALUE.md §3.
bool compare_values(const Value& a, const Value& b, bool strict) {
  std::vector<std::pair<const Value*, const Value*>> work;
  work.emplace_back(&a, &b);
  while (!work.empty()) {
    auto [x, y] = work.back();
    work.pop_back();
    if (x->type() != y->type()) return false;
    switch (x->type()) {
      case ValueType::Undef:
        break;
      case ValueType::Bool:
        if (x->as_bool() != y->as_bool()) return false;
        break;
      case ValueType::Int:
        if (x->as_int() != y->as_int()) return false;
        break;
      case ValueType::Float:
        if (strict ? std::bit_cast<uint64_t>(x->as_float()) != std::bit_cast<uint64_t>(y->as_float())
                   : !(x->as_float() == y->as_float()))
          return false;
        break;
      case ValueType::Str:
        if (x->as_str() != y->as_str()) return false;
        break;
      case ValueType::Status:
        if (x->as_status() != y->as_status()) return false;
        break;
      case ValueType::NativeFn:
        if (x->as_native_fn() != y->as_native_fn()) return false;
        break;
      case ValueType::Array: {
        const Array& p = x->as_array();
        const Array& q = y->as_array();
        if (&p == &q) break;
        if (p.size() != q.size()) return false;
        for (size_t i = 0; i < p.size(); ++i) work.emplace_back(&p[i], &q[i]);
        break;
      }
      case ValueType::Hash: {
        const Hash& p = x->as_hash();
        const Hash& q = y->as_hash();
        if (&p == &q) break;
        if (p.size() != q.size()) return false;
        auto in_order = q.begin();
        for (const Hash::Entry& e : p) {
          const Value* other = nullptr;
          if (strict) {
            if (e.key.as_str() != in_order->key.as_str()) return false;
            other = &in_order->value;
            ++in_order;
          } else {
            other = q.find(e.key.as_str());
            if (other == nullptr) return false;
          }
          work.emplace_back(&e.value, other);
        }
        break;
      }
      case ValueType::Ref:
        if (&x->as_ref() != &y->as_ref()) work.emplace_back(&x->as_ref(), &y->as_ref());
        break;
    }
  }
  return true;
}

}  // namespace

bool operator==(const Value& a, const Value& b) { return compare_values(a, b, false); }

bool identical(const Value& a, const Value& b) { return compare_values(a, b, true); }

// ── Array ──

Value Array::pop_back() noexcept {
  if (items_.empty()) return Value();
  Value v = std::move(items_.back());
  items_.pop_back();
  return v;
}

Value Array::pop_front() noexcept {
  if (items_.empty()) return Value();
  Value v = std::move(items_.front());
  items_.erase(items_.begin());
  return v;
}

}  // namespace fusevm
