// The insertion-ordered hash map behind Hash values (see containers.h for the design).
#include <random>

#include "fusevm/value.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace fusevm {
namespace {

constexpr uint32_t kEmpty = 0;
constexpr uint32_t kDeleted = 1;
constexpr size_t kMinIndex = 8;

uint64_t process_seed() {
  static const uint64_t seed = [] {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }();
  return seed;
}

uint64_t hash_key(std::string_view key) {
  return XXH3_64bits_withSeed(key.data(), key.size(), process_seed());
}

// An index slot: the node's position (+2) and the top of its hash.
uint64_t index_entry(size_t node, uint64_t hash) {
  return (hash & 0xFFFFFFFF00000000ull) | static_cast<uint32_t>(node + 2);
}
uint32_t slot_state(uint64_t entry) { return static_cast<uint32_t>(entry); }
bool same_tag(uint64_t entry, uint64_t hash) { return (entry ^ hash) >> 32 == 0; }

}  // namespace

int64_t Hash::find_node(std::string_view key, uint64_t hash) const noexcept {
  if (index_.empty()) return -1;
  const size_t mask = index_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint64_t e = index_[slot];
    const uint32_t v = slot_state(e);
    if (v == kEmpty) return -1;
    if (v == kDeleted || !same_tag(e, hash)) continue;
    const Node& node = nodes_[v - 2];
    if (node.hash == hash && node.entry.key.as_str() == key) return v - 2;
  }
}

const Value* Hash::find(std::string_view key) const noexcept {
  int64_t i = find_node(key, hash_key(key));
  return i < 0 ? nullptr : &nodes_[static_cast<size_t>(i)].entry.value;
}

Value* Hash::find(std::string_view key) noexcept {
  int64_t i = find_node(key, hash_key(key));
  return i < 0 ? nullptr : &nodes_[static_cast<size_t>(i)].entry.value;
}

void Hash::rebuild_index(size_t min_capacity) {
  size_t capacity = kMinIndex;
  while (capacity < min_capacity) capacity *= 2;
  std::vector<uint64_t, detail::TrackedAllocator<uint64_t>> index(capacity, kEmpty);
  const size_t mask = capacity - 1;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].entry.key.is_undef()) continue;
    size_t slot = nodes_[i].hash & mask;
    while (slot_state(index[slot]) != kEmpty) slot = (slot + 1) & mask;
    index[slot] = index_entry(i, nodes_[i].hash);
  }
  index_ = std::move(index);
  index_used_ = live_;
}

void Hash::insert_new(Value key_str, Value value, uint64_t hash) {
  if (nodes_.size() >= UINT32_MAX - 2) throw std::bad_alloc();
  // Keep the index at most 3/4 full, counting deleted slots.
  if ((index_used_ + 1) * 4 > index_.size() * 3) rebuild_index((live_ + 1) * 2);
  nodes_.push_back(Node{Entry{std::move(key_str), std::move(value)}, hash});
  const size_t mask = index_.size() - 1;
  size_t slot = hash & mask;
  while (slot_state(index_[slot]) > kDeleted) slot = (slot + 1) & mask;
  if (slot_state(index_[slot]) == kEmpty) ++index_used_;
  index_[slot] = index_entry(nodes_.size() - 1, hash);
  ++live_;
}

void Hash::set(std::string_view key, Value value) {
  uint64_t h = hash_key(key);
  int64_t i = find_node(key, h);
  if (i >= 0) {
    nodes_[static_cast<size_t>(i)].entry.value = std::move(value);
    return;
  }
  insert_new(Value::string(key), std::move(value), h);
}

void Hash::set(const Value& key_str, Value value) {
  std::string_view key = key_str.as_str();
  uint64_t h = hash_key(key);
  int64_t i = find_node(key, h);
  if (i >= 0) {
    nodes_[static_cast<size_t>(i)].entry.value = std::move(value);
    return;
  }
  insert_new(key_str, std::move(value), h);
}

Value& Hash::get_or_insert(std::string_view key) {
  uint64_t h = hash_key(key);
  int64_t i = find_node(key, h);
  if (i < 0) {
    insert_new(Value::string(key), Value(), h);
    i = static_cast<int64_t>(nodes_.size() - 1);
  }
  return nodes_[static_cast<size_t>(i)].entry.value;
}

bool Hash::erase(std::string_view key, Value* removed) {
  if (index_.empty()) return false;
  uint64_t h = hash_key(key);
  const size_t mask = index_.size() - 1;
  for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
    const uint64_t e = index_[slot];
    const uint32_t v = slot_state(e);
    if (v == kEmpty) return false;
    if (v == kDeleted || !same_tag(e, h)) continue;
    Node& node = nodes_[v - 2];
    if (node.hash != h || node.entry.key.as_str() != key) continue;
    if (removed != nullptr) *removed = std::move(node.entry.value);
    node.entry.value = Value();
    node.entry.key = Value();  // a hole: iteration skips it
    index_[slot] = kDeleted;
    --live_;
    if (nodes_.size() > 2 * live_ + kMinIndex) compact();
    return true;
  }
}

void Hash::compact() {
  size_t out = 0;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].entry.key.is_undef()) continue;
    if (out != i) nodes_[out] = std::move(nodes_[i]);
    ++out;
  }
  nodes_.resize(out);
  rebuild_index(live_ * 2);
}

void Hash::clear() noexcept {
  nodes_.clear();
  index_.clear();
  live_ = 0;
  index_used_ = 0;
}

void Hash::reserve(size_t n) {
  nodes_.reserve(n);
  if ((n + 1) * 4 > index_.size() * 3) rebuild_index((n + 1) * 2);
}

Hash::const_iterator Hash::begin() const noexcept {
  return const_iterator(nodes_.data(), nodes_.data() + nodes_.size());
}

Hash::const_iterator Hash::end() const noexcept {
  const Node* e = nodes_.data() + nodes_.size();
  return const_iterator(e, e);
}

}  // namespace fusevm
