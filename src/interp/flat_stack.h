// FlatStack: the VM's frame and slot stacks — a growable array like std::vector, with a layout
// the JIT relies on (three words: data, size, capacity), so native code can push and pop a call
// frame and its slot window without calling out.
//
// Elements in [0, size) are constructed; the storage beyond is raw. Native code may shrink size
// without running destructors only over elements whose destructors do nothing (scalar Values,
// Frames).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace fusevm {

template <class T>
class FlatStack {
 public:
  FlatStack() = default;
  ~FlatStack() {
    clear();
    ::operator delete(data_);
  }
  FlatStack(const FlatStack&) = delete;
  FlatStack& operator=(const FlatStack&) = delete;

  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  size_t size() const noexcept { return size_; }
  size_t capacity() const noexcept { return capacity_; }
  bool empty() const noexcept { return size_ == 0; }
  T& operator[](size_t i) noexcept { return data_[i]; }
  const T& operator[](size_t i) const noexcept { return data_[i]; }
  T& back() noexcept { return data_[size_ - 1]; }
  const T& back() const noexcept { return data_[size_ - 1]; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }

  void reserve(size_t n) {
    if (n <= capacity_) return;
    T* fresh = static_cast<T*>(::operator new(n * sizeof(T)));
    for (size_t i = 0; i < size_; ++i) {
      ::new (fresh + i) T(std::move(data_[i]));
      data_[i].~T();
    }
    ::operator delete(data_);
    data_ = fresh;
    capacity_ = n;
  }
  template <class... A>
  T& emplace_back(A&&... args) {
    if (size_ == capacity_) reserve(capacity_ < 8 ? 8 : capacity_ * 2);
    T* p = ::new (data_ + size_) T(std::forward<A>(args)...);
    ++size_;
    return *p;
  }
  void push_back(const T& v) { emplace_back(v); }
  void pop_back() noexcept { data_[--size_].~T(); }
  /// Grows with value-initialised elements or shrinks, destroying the removed ones.
  void resize(size_t n) {
    if (n > capacity_) reserve(n < capacity_ * 2 ? capacity_ * 2 : n);
    while (size_ < n) ::new (data_ + size_++) T();
    while (size_ > n) data_[--size_].~T();
  }
  void assign(size_t n, const T& v) {
    clear();
    reserve(n);
    while (size_ < n) ::new (data_ + size_++) T(v);
  }
  void clear() noexcept {
    while (size_ > 0) data_[--size_].~T();
  }

  /// Whether the members sit where flat_stack_layout says.
  static constexpr bool layout_matches() {
    return offsetof(FlatStack, data_) == 0 && offsetof(FlatStack, size_) == 8 &&
           offsetof(FlatStack, capacity_) == 16;
  }

 private:
  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

/// The layout native code uses (see the file comment).
namespace flat_stack_layout {
inline constexpr int32_t kData = 0;
inline constexpr int32_t kSize = 8;
inline constexpr int32_t kCapacity = 16;
}  // namespace flat_stack_layout
static_assert(sizeof(FlatStack<int>) == 24 && FlatStack<int>::layout_matches(), "FlatStack is three words");

}  // namespace fusevm
