// Chunk queries, exact equality and the content hash.
#include "fusevm/chunk.h"

#include <bit>
#include <cstring>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace fusevm {

std::optional<uint64_t> Chunk::find_sub(uint16_t name_idx) const noexcept {
  for (const SubEntry& e : sub_entries)
    if (e.name == name_idx) return e.ip;
  return std::nullopt;
}

namespace {

// Walks a value in pre-order without recursion, calling `scalar` for every node with its type
// tag and payload and `count` for container sizes.
class ValueHasher {
 public:
  explicit ValueHasher(XXH3_state_t* state) : state_(state) {}

  void add(const Value& root) {
    std::vector<const Value*> work{&root};
    while (!work.empty()) {
      const Value* v = work.back();
      work.pop_back();
      put_u8(static_cast<uint8_t>(v->type()));
      switch (v->type()) {
        case ValueType::Undef:
          break;
        case ValueType::Bool:
          put_u8(v->as_bool() ? 1 : 0);
          break;
        case ValueType::Int:
          put_u64(static_cast<uint64_t>(v->as_int()));
          break;
        case ValueType::Float:
          put_u64(std::bit_cast<uint64_t>(v->as_float()));
          break;
        case ValueType::Str:
          put_bytes(v->as_str());
          break;
        case ValueType::Status:
          put_u64(static_cast<uint64_t>(static_cast<int64_t>(v->as_status())));
          break;
        case ValueType::NativeFn:
          put_u64(v->as_native_fn());
          break;
        case ValueType::Array: {
          const Array& a = v->as_array();
          put_u64(a.size());
          for (size_t i = a.size(); i-- > 0;) work.push_back(&a[i]);
          break;
        }
        case ValueType::Hash: {
          const Hash& h = v->as_hash();
          put_u64(h.size());
          std::vector<const Value*> values;
          for (const Hash::Entry& e : h) {
            put_bytes(e.key.as_str());
            values.push_back(&e.value);
          }
          for (size_t i = values.size(); i-- > 0;) work.push_back(values[i]);
          break;
        }
        case ValueType::Ref:
          work.push_back(&v->as_ref());
          break;
      }
    }
  }

  void put_u8(uint8_t b) { XXH3_64bits_update(state_, &b, 1); }
  void put_u64(uint64_t x) { XXH3_64bits_update(state_, &x, sizeof x); }
  void put_bytes(std::string_view s) {
    put_u64(s.size());
    XXH3_64bits_update(state_, s.data(), s.size());
  }

 private:
  XXH3_state_t* state_;
};

}  // namespace

uint64_t Chunk::compute_content_hash() const {
  XXH3_state_t state;
  XXH3_64bits_reset(&state);
  ValueHasher h(&state);
  h.put_u64(op_table_hash());
  h.put_u64(ops.size());
  if (!ops.empty()) XXH3_64bits_update(&state, ops.data(), ops.size() * sizeof(Instr));
  h.put_u64(constants.size());
  for (const Value& v : constants) h.add(v);
  h.put_u64(names.size());
  for (const std::string& n : names) h.put_bytes(n);
  h.put_u64(sub_entries.size());
  for (const SubEntry& e : sub_entries) {
    h.put_u64(e.name);
    h.put_u64(e.ip);
  }
  h.put_u64(block_ranges.size());
  for (const BlockRange& b : block_ranges) {
    h.put_u64(b.start);
    h.put_u64(b.end);
  }
  h.put_u64(sub_chunks.size());
  for (const Chunk& sub : sub_chunks) h.put_u64(sub.compute_content_hash());
  return XXH3_64bits_digest(&state);
}

void Chunk::refresh_content_hash() {
  for (Chunk& sub : sub_chunks) sub.refresh_content_hash();
  content_hash = compute_content_hash();
}

bool identical(const Value& a, const Value& b) {
  std::vector<std::pair<const Value*, const Value*>> work{{&a, &b}};
  while (!work.empty()) {
    auto [x, y] = work.back();
    work.pop_back();
    if (x->type() != y->type()) return false;
    switch (x->type()) {
      case ValueType::Float:
        if (std::bit_cast<uint64_t>(x->as_float()) != std::bit_cast<uint64_t>(y->as_float()))
          return false;
        break;
      case ValueType::Array: {
        const Array& p = x->as_array();
        const Array& q = y->as_array();
        if (p.size() != q.size()) return false;
        for (size_t i = 0; i < p.size(); ++i) work.emplace_back(&p[i], &q[i]);
        break;
      }
      case ValueType::Hash: {
        const Hash& p = x->as_hash();
        const Hash& q = y->as_hash();
        if (p.size() != q.size()) return false;
        auto it = q.begin();
        for (const Hash::Entry& e : p) {
          if (e.key.as_str() != it->key.as_str()) return false;
          work.emplace_back(&e.value, &it->value);
          ++it;
        }
        break;
      }
      case ValueType::Ref:
        work.emplace_back(&x->as_ref(), &y->as_ref());
        break;
      default:
        if (!(*x == *y)) return false;
        break;
    }
  }
  return true;
}

bool operator==(const Chunk& a, const Chunk& b) {
  if (a.ops != b.ops || a.names != b.names || a.lines != b.lines ||
      a.sub_entries != b.sub_entries || a.block_ranges != b.block_ranges ||
      a.source != b.source || a.constants.size() != b.constants.size() ||
      a.sub_chunks.size() != b.sub_chunks.size())
    return false;
  for (size_t i = 0; i < a.constants.size(); ++i)
    if (!identical(a.constants[i], b.constants[i])) return false;
  for (size_t i = 0; i < a.sub_chunks.size(); ++i)
    if (!(a.sub_chunks[i] == b.sub_chunks[i])) return false;
  return true;
}

std::string format_location(const Chunk& chunk, size_t ip) {
  std::string out = chunk.source.empty() ? "<chunk>" : chunk.source;
  if (ip < chunk.lines.size()) {
    out += ':';
    out += std::to_string(chunk.lines[ip]);
  }
  out += " (ip ";
  out += std::to_string(ip);
  if (ip < chunk.ops.size()) {
    out += ", ";
    out += op_name(chunk.ops[ip].op);
  }
  out += ")";
  return out;
}

}  // namespace fusevm
