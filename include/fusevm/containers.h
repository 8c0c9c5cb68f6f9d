// Array and Hash: the heap objects behind Value's container variants.
//
// Both are reached through a Value: `v.as_array()` to read, `v.mutable_array()` to write (which
// first makes the object unshared, see value.h). They cannot be created on their own.
//
// Hash is an insertion-ordered hash map from byte strings to values: entries live in a vector in
// insertion order and an open-addressing index (linear probing, power-of-two size) points into it.
// Deleting leaves a hole that iteration skips; holes are compacted away once they outnumber the
// live entries. Keys are hashed with XXH3 and a per-process random seed, so crafted keys cannot
// force collisions across runs. Do not mutate a hash while iterating over it.
#pragma once

#include <cstdint>
#include <string_view>

#include "fusevm/value.h"

namespace fusevm {

/// An array of values.
class Array : detail::HeapObject {
 public:
  size_t size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }
  const Value& operator[](size_t i) const noexcept { return items_[i]; }
  Value& operator[](size_t i) noexcept { return items_[i]; }
  /// The element at i, or nullptr when out of range.
  const Value* get(size_t i) const noexcept { return i < items_.size() ? &items_[i] : nullptr; }

  void push_back(Value v) { items_.push_back(std::move(v)); }
  /// Removes and returns the last element (Undef when empty).
  Value pop_back() noexcept;
  /// Removes and returns the first element (Undef when empty).
  Value pop_front() noexcept;
  /// Grows (with Undef) or shrinks to n elements.
  void resize(size_t n) { items_.resize(n); }
  void reserve(size_t n) { items_.reserve(n); }
  void clear() noexcept { items_.clear(); }

  ValueVector& items() noexcept { return items_; }
  const ValueVector& items() const noexcept { return items_; }
  auto begin() noexcept { return items_.begin(); }
  auto end() noexcept { return items_.end(); }
  auto begin() const noexcept { return items_.begin(); }
  auto end() const noexcept { return items_.end(); }

 private:
  friend class Value;
  friend void detail::destroy_heap(ValueType, detail::HeapObject*) noexcept;
  Array() = default;
  explicit Array(ValueVector items) : items_(std::move(items)) {}
  ValueVector items_;
};

/// An insertion-ordered map from byte strings to values.
class Hash : detail::HeapObject {
 public:
  /// One entry; `key` is always a Str.
  struct Entry {
    Value key;
    Value value;
  };

  size_t size() const noexcept { return live_; }
  bool empty() const noexcept { return live_ == 0; }

  /// The value stored under `key`, or nullptr.
  const Value* find(std::string_view key) const noexcept;
  Value* find(std::string_view key) noexcept;
  bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }

  /// Inserts or replaces (a replaced key keeps its position).
  void set(std::string_view key, Value value);
  /// As above with the key as a Str value (shares its bytes instead of copying them).
  void set(const Value& key_str, Value value);
  /// The value under `key`, inserting Undef first if absent.
  Value& get_or_insert(std::string_view key);
  /// Removes `key`; stores the removed value in *removed if given. False if it was absent.
  bool erase(std::string_view key, Value* removed = nullptr);
  void clear() noexcept;
  void reserve(size_t n);

  /// Storage of one entry (an implementation detail the iterator walks over).
  struct Node {
    Entry entry;
    uint64_t hash;
  };

  /// Iterates the live entries in insertion order.
  class const_iterator {
   public:
    using value_type = Entry;
    using difference_type = std::ptrdiff_t;
    const Entry& operator*() const noexcept { return node_->entry; }
    const Entry* operator->() const noexcept { return &node_->entry; }
    const_iterator& operator++() noexcept {
      ++node_;
      skip_holes();
      return *this;
    }
    bool operator==(const const_iterator& o) const noexcept { return node_ == o.node_; }

   private:
    friend class Hash;
    const_iterator(const Node* node, const Node* end) noexcept : node_(node), end_(end) {
      skip_holes();
    }
    void skip_holes() noexcept {
      while (node_ != end_ && node_->entry.key.is_undef()) ++node_;
    }
    const Node* node_;
    const Node* end_;
  };
  const_iterator begin() const noexcept;
  const_iterator end() const noexcept;

 private:
  friend class Value;
  friend void detail::destroy_heap(ValueType, detail::HeapObject*) noexcept;
  Hash() = default;
  int64_t find_node(std::string_view key, uint64_t hash) const noexcept;
  void insert_new(Value key_str, Value value, uint64_t hash);
  void rebuild_index(size_t min_capacity);
  void compact();

  std::vector<Node, detail::TrackedAllocator<Node>> nodes_;  // insertion order; holes have an Undef key
  // Open-addressing index, linear probing. Each slot: low 32 bits 0 (empty), 1 (deleted) or
  // node+2; high 32 bits the top of the node's hash, so probing rarely has to touch a node.
  std::vector<uint64_t, detail::TrackedAllocator<uint64_t>> index_;
  size_t live_ = 0;
  size_t index_used_ = 0;  // index slots that are not empty (live or deleted)
};

namespace detail {
/// The box behind a Ref value.
struct RefObject : HeapObject {
  Value inner;
};
}  // namespace detail

inline const Array& Value::as_array() const noexcept {
  return *static_cast<const Array*>(payload_.heap);
}
inline const Hash& Value::as_hash() const noexcept {
  return *static_cast<const Hash*>(payload_.heap);
}
inline const Value& Value::as_ref() const noexcept {
  return static_cast<const detail::RefObject*>(payload_.heap)->inner;
}

}  // namespace fusevm
