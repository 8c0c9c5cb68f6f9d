// Chunk queries, exact equality and the content hash.
#include "fusevm/chunk.h"

#include <algorithm>
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

// The content hash is XXH3 of a canonical byte serialization of everything that affects
// execution, built in one buffer (one hash call is much faster than many small streaming
// updates; chunks are small).
class HashInput {
 public:
  explicit HashInput(size_t expected) { buf_.reserve(expected); }
  void u8(uint8_t b) { buf_.push_back(static_cast<char>(b)); }
  void u64(uint64_t x) { buf_.append(reinterpret_cast<const char*>(&x), sizeof x); }
  void bytes(std::string_view s) {
    u64(s.size());
    buf_.append(s);
  }
  void raw(const void* p, size_t n) { buf_.append(static_cast<const char*>(p), n); }

  // Pre-order, without recursion.
  void value(const Value& root) {
    if (!is_container(root)) return scalar(root);
    std::vector<const Value*>& work = work_;
    work.assign(1, &root);
    while (!work.empty()) {
      const Value* v = work.back();
      work.pop_back();
      if (!is_container(*v)) {
        scalar(*v);
        continue;
      }
      u8(static_cast<uint8_t>(v->type()));
      if (v->is_array()) {
        const Array& a = v->as_array();
        u64(a.size());
        for (size_t i = a.size(); i-- > 0;) work.push_back(&a[i]);
      } else if (v->is_hash()) {
        const Hash& h = v->as_hash();
        u64(h.size());
        size_t first = work.size();
        for (const Hash::Entry& e : h) {
          bytes(e.key.as_str());
          work.push_back(&e.value);
        }
        std::reverse(work.begin() + static_cast<std::ptrdiff_t>(first), work.end());
      } else {
        work.push_back(&v->as_ref());
      }
    }
  }

  uint64_t digest() const { return XXH3_64bits(buf_.data(), buf_.size()); }

 private:
  static bool is_container(const Value& v) { return v.is_array() || v.is_hash() || v.is_ref(); }

  // A value that holds no other value: most constants.
  void scalar(const Value& v) {
    u8(static_cast<uint8_t>(v.type()));
    switch (v.type()) {
      case ValueType::Bool:
        u8(v.as_bool() ? 1 : 0);
        break;
      case ValueType::Int:
        u64(static_cast<uint64_t>(v.as_int()));
        break;
      case ValueType::Float:
        u64(std::bit_cast<uint64_t>(v.as_float()));
        break;
      case ValueType::Str:
        bytes(v.as_str());
        break;
      case ValueType::Status:
        u64(static_cast<uint64_t>(static_cast<int64_t>(v.as_status())));
        break;
      case ValueType::NativeFn:
        u64(v.as_native_fn());
        break;
      default:
        break;
    }
  }

  std::string buf_;
  std::vector<const Value*> work_;  // reused across values
};

}  // namespace

Chunk Chunk::deep_copy() const {
  Chunk copy;
  copy.ops = ops;
  copy.constants.reserve(constants.size());
  for (const Value& v : constants) copy.constants.push_back(v.deep_copy());
  copy.names = names;
  copy.lines = lines;
  copy.sub_entries = sub_entries;
  copy.block_ranges = block_ranges;
  copy.sub_chunks.reserve(sub_chunks.size());
  for (const Chunk& sub : sub_chunks) copy.sub_chunks.push_back(sub.deep_copy());
  copy.source = source;
  copy.content_hash = content_hash;
  return copy;
}

uint64_t Chunk::compute_content_hash() const {
  HashInput in(64 + ops.size() * sizeof(Instr) + constants.size() * 16 + names.size() * 16);
  in.u64(op_table_hash());
  in.u64(ops.size());
  if (!ops.empty()) in.raw(ops.data(), ops.size() * sizeof(Instr));
  in.u64(constants.size());
  for (const Value& v : constants) in.value(v);
  in.u64(names.size());
  for (const std::string& n : names) in.bytes(n);
  in.u64(sub_entries.size());
  for (const SubEntry& e : sub_entries) {
    in.u64(e.name);
    in.u64(e.ip);
  }
  in.u64(block_ranges.size());
  for (const BlockRange& b : block_ranges) {
    in.u64(b.start);
    in.u64(b.end);
  }
  in.u64(sub_chunks.size());
  for (const Chunk& sub : sub_chunks) in.u64(sub.compute_content_hash());
  return in.digest();
}

void Chunk::refresh_content_hash() {
  for (Chunk& sub : sub_chunks) sub.refresh_content_hash();
  content_hash = compute_content_hash();
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
