// ValueVector: the growable sequence of Values an Array holds (and the type frontends build
// arrays from). It has the std::vector interface the VM and embedders use — iterators are plain
// pointers — with two differences that matter for speed and safety:
//
//  * Growth reallocates in place with realloc instead of moving element by element: a Value holds
//    no pointer into itself, so moving its 16 bytes moves it. A large array then grows without
//    copying at all (the C library remaps its pages), and a smaller one with one memcpy.
//  * Every byte is charged to the thread's heap budget (heap.h), so a program that builds a huge
//    array stops with a memory-limit error instead of taking the process down. Only the growth is
//    charged when an array grows, not the old and new blocks at once.
//
// The layout (three pointers: first element, end, end of capacity) is what the trace tier reads
// (jit/runtime/array_layout.h finds the first two by looking).
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <new>
#include <utility>

#include "fusevm/heap.h"

namespace fusevm {

class ValueVector {
 public:
  using value_type = Value;
  using size_type = size_t;
  using difference_type = std::ptrdiff_t;
  using reference = Value&;
  using const_reference = const Value&;
  using pointer = Value*;
  using const_pointer = const Value*;
  using iterator = Value*;
  using const_iterator = const Value*;
  using reverse_iterator = std::reverse_iterator<iterator>;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  ValueVector() noexcept = default;
  /// `n` Undef values.
  explicit ValueVector(size_t n) { resize(n); }
  ValueVector(size_t n, const Value& v) { resize(n, v); }
  template <std::input_iterator It>
  ValueVector(It first, It last) {
    append_range(first, last);
  }
  ValueVector(std::initializer_list<Value> init) { append_range(init.begin(), init.end()); }
  ValueVector(const ValueVector& other) { append_range(other.begin(), other.end()); }
  ValueVector(ValueVector&& other) noexcept : begin_(other.begin_), end_(other.end_), cap_(other.cap_) {
    other.begin_ = other.end_ = other.cap_ = nullptr;
  }
  ValueVector& operator=(const ValueVector& other) {
    if (this != &other) {
      ValueVector copy(other);
      swap(copy);
    }
    return *this;
  }
  ValueVector& operator=(ValueVector&& other) noexcept {
    if (this != &other) {
      ValueVector taken(std::move(other));
      swap(taken);
    }
    return *this;
  }
  ~ValueVector() {
    clear();
    detail::heap_free(begin_, capacity() * sizeof(Value));
  }

  size_t size() const noexcept { return static_cast<size_t>(end_ - begin_); }
  bool empty() const noexcept { return end_ == begin_; }
  size_t capacity() const noexcept { return static_cast<size_t>(cap_ - begin_); }
  static constexpr size_t max_size() noexcept { return (size_t{1} << 40) / sizeof(Value); }

  Value* data() noexcept { return begin_; }
  const Value* data() const noexcept { return begin_; }
  Value& operator[](size_t i) noexcept { return begin_[i]; }
  const Value& operator[](size_t i) const noexcept { return begin_[i]; }
  Value& front() noexcept { return *begin_; }
  const Value& front() const noexcept { return *begin_; }
  Value& back() noexcept { return end_[-1]; }
  const Value& back() const noexcept { return end_[-1]; }

  iterator begin() noexcept { return begin_; }
  iterator end() noexcept { return end_; }
  const_iterator begin() const noexcept { return begin_; }
  const_iterator end() const noexcept { return end_; }
  const_iterator cbegin() const noexcept { return begin_; }
  const_iterator cend() const noexcept { return end_; }
  reverse_iterator rbegin() noexcept { return reverse_iterator(end_); }
  reverse_iterator rend() noexcept { return reverse_iterator(begin_); }
  const_reverse_iterator rbegin() const noexcept { return const_reverse_iterator(end_); }
  const_reverse_iterator rend() const noexcept { return const_reverse_iterator(begin_); }

  void push_back(const Value& v) { emplace_back(v); }
  void push_back(Value&& v) { emplace_back(std::move(v)); }
  /// Constructs a Value at the end. Safe when the argument is an element of this vector.
  template <class... Args>
  Value& emplace_back(Args&&... args) {
    if (end_ == cap_) {
      Value made(std::forward<Args>(args)...);  // before growing moves the elements
      grow(size() + 1);
      ::new (static_cast<void*>(end_)) Value(std::move(made));
    } else {
      ::new (static_cast<void*>(end_)) Value(std::forward<Args>(args)...);
    }
    return *end_++;
  }
  void pop_back() noexcept { (--end_)->~Value(); }

  void clear() noexcept { shrink_end(begin_); }
  void reserve(size_t n) {
    if (n > capacity()) reallocate(n);
  }
  void shrink_to_fit() {
    if (end_ != cap_) reallocate(size());
  }
  /// Grows with Undef values, or drops elements from the end.
  void resize(size_t n) {
    if (n <= size()) return shrink_end(begin_ + n);
    reserve(n);
    while (end_ != begin_ + n) ::new (static_cast<void*>(end_++)) Value();
  }
  void resize(size_t n, const Value& v) {
    if (n <= size()) return shrink_end(begin_ + n);
    const Value fill(v);  // v may be an element
    reserve(n);
    while (end_ != begin_ + n) ::new (static_cast<void*>(end_++)) Value(fill);
  }

  iterator insert(const_iterator pos, Value v) {
    const size_t at = static_cast<size_t>(pos - begin_);
    emplace_back(std::move(v));
    std::rotate(begin_ + at, end_ - 1, end_);
    return begin_ + at;
  }
  template <std::input_iterator It>
  iterator insert(const_iterator pos, It first, It last) {
    const size_t at = static_cast<size_t>(pos - begin_);
    const size_t old = size();
    ValueVector added(first, last);  // the range may lie inside this vector
    reserve(old + added.size());
    for (Value& v : added) ::new (static_cast<void*>(end_++)) Value(std::move(v));
    std::rotate(begin_ + at, begin_ + old, end_);
    return begin_ + at;
  }
  iterator insert(const_iterator pos, std::initializer_list<Value> values) {
    return insert(pos, values.begin(), values.end());
  }
  iterator erase(const_iterator pos) { return erase(pos, pos + 1); }
  iterator erase(const_iterator first, const_iterator last) {
    Value* const from = begin_ + (first - begin_);
    Value* const to = begin_ + (last - begin_);
    shrink_end(std::move(to, end_, from));
    return from;
  }

  void swap(ValueVector& other) noexcept {
    std::swap(begin_, other.begin_);
    std::swap(end_, other.end_);
    std::swap(cap_, other.cap_);
  }

 private:
  template <class It>
  void append_range(It first, It last) {
    if constexpr (std::forward_iterator<It>) reserve(size() + static_cast<size_t>(std::distance(first, last)));
    for (; first != last; ++first) emplace_back(*first);
  }

  void shrink_end(Value* new_end) noexcept {
    while (end_ != new_end) (--end_)->~Value();
  }

  void grow(size_t needed) {
    const size_t cap = capacity();
    reallocate(std::max({needed, 2 * cap, size_t{4}}));
  }

  void reallocate(size_t cap) {
    if (cap > max_size()) throw std::bad_alloc();
    const size_t n = size();
    // Relocates the elements bitwise (see the file comment); leaves everything as it was when the
    // budget or the allocator refuses.
    void* moved = detail::heap_realloc(begin_, capacity() * sizeof(Value), cap * sizeof(Value));
    begin_ = static_cast<Value*>(moved);
    end_ = begin_ + n;
    cap_ = begin_ + cap;
  }

  Value* begin_ = nullptr;
  Value* end_ = nullptr;
  Value* cap_ = nullptr;
};

inline void swap(ValueVector& a, ValueVector& b) noexcept { a.swap(b); }

}  // namespace fusevm
