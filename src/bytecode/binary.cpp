// The compact binary chunk format (.fbc). Layout (little-endian), described in docs/formats.md:
//
//   header   magic[8] | u32 format version | u32 flags (0) | u64 op-table hash
//            | u64 payload size | u64 XXH3-64 of the payload
//   payload  chunk := varint n, n x 16-byte Instr          (ops, exactly as in memory)
//                     varint n, n x value                   (constants)
//                     varint n, n x (varint len, bytes)     (names)
//                     varint n, n x u32                     (lines)
//                     varint n, n x (varint name, varint ip)
//                     varint n, n x (varint start, varint end)
//                     varint n, n x chunk                   (sub-chunks)
//                     varint len, bytes                     (source)
//            value := u8 ValueType, then: Bool u8 | Int 8 bytes | Float 8 bytes (bits)
//                     | Str varint len, bytes | Array varint n, n x value
//                     | Hash varint n, n x (varint len, key bytes, value) | Status 4 bytes
//                     | Ref value | NativeFn 2 bytes | Undef nothing
//
// Loading is the fast path (ops are one memcpy plus a per-op check), and it is defensive: the
// checksum is verified before anything is decoded, every count is checked against the bytes
// left before anything is allocated, nesting is bounded, unused operand bytes must be zero.
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "binary_internal.h"
#include "fusevm/formats.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace fusevm {
namespace {

constexpr size_t kHeaderSize = 40;

// For each op, a mask of the Instr bytes it does not use (they must be zero in a file), as two
// 64-bit words so an instruction is checked with two ANDs.
struct UnusedMasks {
  std::array<std::array<uint64_t, 2>, kOpCount> mask{};
  UnusedMasks() {
    for (size_t op = 0; op < kOpCount; ++op) {
      uint8_t bytes[16];
      std::memset(bytes, 0xFF, sizeof bytes);
      bytes[0] = 0;
      const OpInfo& in = kOpTable[op];
      for (size_t i = 0; i < in.operand_count; ++i)
        std::memset(bytes + in.offsets[i], 0, operand_width(in.operands[i]));
      std::memcpy(mask[op].data(), bytes, sizeof bytes);
    }
  }
};
const UnusedMasks& unused_masks() {
  static const UnusedMasks table;
  return table;
}

// ── Encoding ──

class Encoder {
 public:
  void u8(uint8_t b) { out_.push_back(b); }
  void fixed(const void* p, size_t n) {
    if (n == 0) return;
    const size_t at = out_.size();
    out_.resize(at + n);
    std::memcpy(out_.data() + at, p, n);
  }
  void varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<uint8_t>(v));
  }
  void bytes(std::string_view s) {
    varint(s.size());
    fixed(s.data(), s.size());
  }

  void value(const Value& root) {
    struct Task {
      const Value* value;
      const Value* key;  // a hash key to write first
    };
    std::vector<Task> tasks{{&root, nullptr}};
    while (!tasks.empty()) {
      Task t = tasks.back();
      tasks.pop_back();
      if (t.key != nullptr) bytes(t.key->as_str());
      const Value& v = *t.value;
      u8(static_cast<uint8_t>(v.type()));
      switch (v.type()) {
        case ValueType::Undef:
          break;
        case ValueType::Bool:
          u8(v.as_bool() ? 1 : 0);
          break;
        case ValueType::Int: {
          int64_t n = v.as_int();
          fixed(&n, 8);
          break;
        }
        case ValueType::Float: {
          uint64_t bits = std::bit_cast<uint64_t>(v.as_float());
          fixed(&bits, 8);
          break;
        }
        case ValueType::Str:
          bytes(v.as_str());
          break;
        case ValueType::Status: {
          int32_t s = v.as_status();
          fixed(&s, 4);
          break;
        }
        case ValueType::NativeFn: {
          uint16_t id = v.as_native_fn();
          fixed(&id, 2);
          break;
        }
        case ValueType::Ref:
          tasks.push_back({&v.as_ref(), nullptr});
          break;
        case ValueType::Array: {
          const Array& a = v.as_array();
          varint(a.size());
          for (size_t i = a.size(); i-- > 0;) tasks.push_back({&a[i], nullptr});
          break;
        }
        case ValueType::Hash: {
          const Hash& h = v.as_hash();
          varint(h.size());
          size_t first = tasks.size();
          for (const Hash::Entry& e : h) tasks.push_back({&e.value, &e.key});
          std::reverse(tasks.begin() + static_cast<std::ptrdiff_t>(first), tasks.end());
          break;
        }
      }
    }
  }

  void chunk(const Chunk& c) {
    varint(c.ops.size());
    if (!c.ops.empty()) fixed(c.ops.data(), c.ops.size() * sizeof(Instr));
    varint(c.constants.size());
    for (const Value& v : c.constants) value(v);
    varint(c.names.size());
    for (const std::string& n : c.names) bytes(n);
    varint(c.lines.size());
    if (!c.lines.empty()) fixed(c.lines.data(), c.lines.size() * sizeof(uint32_t));
    varint(c.sub_entries.size());
    for (const SubEntry& e : c.sub_entries) {
      varint(e.name);
      varint(e.ip);
    }
    varint(c.block_ranges.size());
    for (const BlockRange& b : c.block_ranges) {
      varint(b.start);
      varint(b.end);
    }
    varint(c.sub_chunks.size());
    for (const Chunk& sub : c.sub_chunks) chunk(sub);
    bytes(c.source);
  }

  std::vector<uint8_t>& out() { return out_; }

 private:
  std::vector<uint8_t> out_;
};

// ── Decoding ──

class Decoder {
 public:
  Decoder(const uint8_t* data, size_t size, const LoadLimits& limits)
      : data_(data), size_(size), limits_(limits) {}

  Status chunk(Chunk& c, uint32_t nesting) {
    uint64_t n = 0;
    FUSEVM_RETURN_IF_ERROR(count(n, sizeof(Instr), "ops"));
    c.ops.resize(n);
    if (n != 0) std::memcpy(c.ops.data(), data_ + pos_, n * sizeof(Instr));
    const UnusedMasks& masks = unused_masks();
    for (size_t i = 0; i < n; ++i) {
      const auto* raw = data_ + pos_ + i * sizeof(Instr);
      if (!is_valid_op(raw[0]))
        return fail(pos_ + i * sizeof(Instr), "op " + std::to_string(i) + " has unknown opcode " +
                                                  std::to_string(raw[0]));
      uint64_t words[2];
      std::memcpy(words, raw, sizeof words);
      const auto& mask = masks.mask[raw[0]];
      if ((words[0] & mask[0]) != 0 || (words[1] & mask[1]) != 0)
        return fail(pos_ + i * sizeof(Instr),
                    "op " + std::to_string(i) + " (" + std::string(op_name(static_cast<Op>(raw[0]))) +
                        ") has a non-zero unused byte");
    }
    pos_ += n * sizeof(Instr);

    FUSEVM_RETURN_IF_ERROR(count(n, 1, "constants"));
    c.constants.resize(n);
    for (Value& v : c.constants) FUSEVM_RETURN_IF_ERROR(value(v, nesting));

    FUSEVM_RETURN_IF_ERROR(count(n, 1, "names"));
    c.names.resize(n);
    for (std::string& s : c.names) FUSEVM_RETURN_IF_ERROR(string(s));

    FUSEVM_RETURN_IF_ERROR(count(n, sizeof(uint32_t), "lines"));
    c.lines.resize(n);
    if (n != 0) std::memcpy(c.lines.data(), data_ + pos_, n * sizeof(uint32_t));
    pos_ += n * sizeof(uint32_t);

    FUSEVM_RETURN_IF_ERROR(count(n, 2, "sub_entries"));
    c.sub_entries.resize(n);
    for (SubEntry& e : c.sub_entries) {
      uint64_t name = 0;
      FUSEVM_RETURN_IF_ERROR(varint(name));
      if (name > UINT16_MAX) return fail(pos_, "sub entry name index " + std::to_string(name) + " exceeds u16");
      e.name = static_cast<uint16_t>(name);
      FUSEVM_RETURN_IF_ERROR(varint(e.ip));
    }

    FUSEVM_RETURN_IF_ERROR(count(n, 2, "block_ranges"));
    c.block_ranges.resize(n);
    for (BlockRange& b : c.block_ranges) {
      FUSEVM_RETURN_IF_ERROR(varint(b.start));
      FUSEVM_RETURN_IF_ERROR(varint(b.end));
    }

    FUSEVM_RETURN_IF_ERROR(count(n, 8, "sub_chunks"));
    if (n != 0 && nesting >= limits_.max_nesting)
      return fail(pos_, "sub-chunks nest deeper than " + std::to_string(limits_.max_nesting));
    sub_chunks_made_ += n;
    if (sub_chunks_made_ > limits_.max_sub_chunks)
      return Status(ErrorCode::LimitExceeded,
                    "binary chunk has more than " + std::to_string(limits_.max_sub_chunks) +
                        " sub-chunks (LoadLimits::max_sub_chunks)");
    c.sub_chunks.resize(n);
    for (Chunk& sub : c.sub_chunks) FUSEVM_RETURN_IF_ERROR(chunk(sub, nesting + 1));

    return string(c.source);
  }

  size_t position() const { return pos_; }

 private:
  Status fail(size_t at, const std::string& what) {
    return Status(ErrorCode::FormatError,
                  "binary chunk, payload byte " + std::to_string(at) + ": " + what);
  }
  Status truncated(const char* what) {
    return Status(ErrorCode::Truncated,
                  "binary chunk, payload byte " + std::to_string(pos_) + ": truncated " + what);
  }

  // Unsigned LEB128. Only the shortest encoding is accepted, so every chunk has exactly one
  // binary form.
  Status varint(uint64_t& out) {
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
      if (pos_ >= size_) return truncated("integer");
      uint8_t b = data_[pos_++];
      if (shift == 63 && b > 1) return fail(pos_ - 1, "integer overflows 64 bits");
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && shift > 0) return fail(pos_ - 1, "integer is not in its shortest form");
        break;
      }
    }
    out = v;
    return Status();
  }

  // Reads an element count and checks the remaining bytes could hold that many elements of at
  // least `min_size` bytes each, so a forged count can never make us allocate.
  Status count(uint64_t& n, size_t min_size, const char* what) {
    FUSEVM_RETURN_IF_ERROR(varint(n));
    if (n > (size_ - pos_) / min_size)
      return Status(ErrorCode::Truncated, "binary chunk, payload byte " + std::to_string(pos_) +
                                              ": " + std::to_string(n) + " " + what +
                                              " cannot fit in the " + std::to_string(size_ - pos_) +
                                              " bytes left");
    return Status();
  }

  Status raw(void* out, size_t n, const char* what) {
    if (size_ - pos_ < n) return truncated(what);
    std::memcpy(out, data_ + pos_, n);
    pos_ += n;
    return Status();
  }

  Status string(std::string& out) {
    uint64_t n = 0;
    FUSEVM_RETURN_IF_ERROR(count(n, 1, "string bytes"));
    out.assign(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return Status();
  }

  Status value(Value& out, uint32_t nesting) {
    uint8_t tag = 0;
    FUSEVM_RETURN_IF_ERROR(raw(&tag, 1, "value"));
    switch (static_cast<ValueType>(tag)) {
      case ValueType::Undef:
        out = Value();
        return Status();
      case ValueType::Bool: {
        uint8_t b = 0;
        FUSEVM_RETURN_IF_ERROR(raw(&b, 1, "Bool"));
        if (b > 1) return fail(pos_ - 1, "Bool byte must be 0 or 1");
        out = Value::boolean(b != 0);
        return Status();
      }
      case ValueType::Int: {
        int64_t n = 0;
        FUSEVM_RETURN_IF_ERROR(raw(&n, 8, "Int"));
        out = Value::integer(n);
        return Status();
      }
      case ValueType::Float: {
        uint64_t bits = 0;
        FUSEVM_RETURN_IF_ERROR(raw(&bits, 8, "Float"));
        out = Value::floating(std::bit_cast<double>(bits));
        return Status();
      }
      case ValueType::Str: {
        uint64_t n = 0;
        FUSEVM_RETURN_IF_ERROR(count(n, 1, "string bytes"));
        out = Value::string(std::string_view(reinterpret_cast<const char*>(data_ + pos_), n));
        pos_ += n;
        return Status();
      }
      case ValueType::Status: {
        int32_t s = 0;
        FUSEVM_RETURN_IF_ERROR(raw(&s, 4, "Status"));
        out = Value::status(s);
        return Status();
      }
      case ValueType::NativeFn: {
        uint16_t id = 0;
        FUSEVM_RETURN_IF_ERROR(raw(&id, 2, "NativeFn"));
        out = Value::native_fn(id);
        return Status();
      }
      case ValueType::Array:
      case ValueType::Hash:
      case ValueType::Ref:
        break;
      default:
        return fail(pos_ - 1, "unknown value tag " + std::to_string(tag));
    }
    if (nesting >= limits_.max_nesting)
      return fail(pos_ - 1, "values nest deeper than " + std::to_string(limits_.max_nesting));
    if (static_cast<ValueType>(tag) == ValueType::Ref) {
      Value inner;
      FUSEVM_RETURN_IF_ERROR(value(inner, nesting + 1));
      out = Value::ref(std::move(inner));
      return Status();
    }
    uint64_t n = 0;
    if (static_cast<ValueType>(tag) == ValueType::Array) {
      FUSEVM_RETURN_IF_ERROR(count(n, 1, "array elements"));
      ValueVector items(n);
      for (Value& item : items) FUSEVM_RETURN_IF_ERROR(value(item, nesting + 1));
      out = Value::array(std::move(items));
      return Status();
    }
    FUSEVM_RETURN_IF_ERROR(count(n, 2, "hash entries"));
    Value h = Value::hash();
    Hash& hash = h.mutable_hash();
    hash.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      std::string key;
      FUSEVM_RETURN_IF_ERROR(string(key));
      Value v;
      FUSEVM_RETURN_IF_ERROR(value(v, nesting + 1));
      if (hash.contains(key)) return fail(pos_, "duplicate hash key");
      hash.set(key, std::move(v));
    }
    out = std::move(h);
    return Status();
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  uint64_t sub_chunks_made_ = 0;
  const LoadLimits& limits_;
};

uint64_t load_u64(const uint8_t* p) {
  uint64_t v = 0;
  std::memcpy(&v, p, 8);
  return v;
}
uint32_t load_u32(const uint8_t* p) {
  uint32_t v = 0;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace

namespace detail {

std::vector<uint8_t> binary_with_header(std::span<const uint8_t> payload) {
  std::vector<uint8_t> out(kHeaderSize + payload.size());
  std::memcpy(out.data(), kBinaryMagic, sizeof kBinaryMagic);
  const uint32_t version = kBinaryFormatVersion, flags = 0;
  const uint64_t table = op_table_hash(), size = payload.size();
  const uint64_t checksum = XXH3_64bits(payload.data(), payload.size());
  std::memcpy(out.data() + 8, &version, 4);
  std::memcpy(out.data() + 12, &flags, 4);
  std::memcpy(out.data() + 16, &table, 8);
  std::memcpy(out.data() + 24, &size, 8);
  std::memcpy(out.data() + 32, &checksum, 8);
  if (!payload.empty()) std::memcpy(out.data() + kHeaderSize, payload.data(), payload.size());
  return out;
}

}  // namespace detail

std::vector<uint8_t> chunk_to_binary(const Chunk& chunk) {
  Encoder enc;
  enc.chunk(chunk);
  return detail::binary_with_header(enc.out());
}

Result<Chunk> chunk_from_binary(std::span<const uint8_t> bytes, const LoadLimits& limits) {
  if (bytes.size() > limits.max_input_bytes)
    return Result<Chunk>(ErrorCode::LimitExceeded,
                         "binary chunk is " + std::to_string(bytes.size()) + " bytes; the limit is " +
                             std::to_string(limits.max_input_bytes) + " (LoadLimits::max_input_bytes)");
  if (bytes.size() < sizeof kBinaryMagic || std::memcmp(bytes.data(), kBinaryMagic, sizeof kBinaryMagic) != 0)
    return Result<Chunk>(ErrorCode::BadMagic, "not a fusevm binary chunk (bad magic bytes)");
  if (bytes.size() < kHeaderSize)
    return Result<Chunk>(ErrorCode::Truncated, "binary chunk header is truncated");
  const uint8_t* p = bytes.data();
  if (uint32_t version = load_u32(p + 8); version != kBinaryFormatVersion)
    return Result<Chunk>(ErrorCode::VersionMismatch,
                         "binary chunk has format version " + std::to_string(version) +
                             "; this fusevm reads version " + std::to_string(kBinaryFormatVersion));
  if (uint32_t flags = load_u32(p + 12); flags != 0)
    return Result<Chunk>(ErrorCode::FormatError, "binary chunk has unknown flags " + std::to_string(flags));
  if (load_u64(p + 16) != op_table_hash())
    return Result<Chunk>(ErrorCode::OpTableMismatch,
                         "binary chunk was written for a different op table; rebuild it from its "
                         "source, JSON or text form");
  const uint64_t payload_size = load_u64(p + 24);
  if (payload_size != bytes.size() - kHeaderSize)
    return Result<Chunk>(payload_size > bytes.size() - kHeaderSize ? ErrorCode::Truncated
                                                                    : ErrorCode::FormatError,
                         "binary chunk header says " + std::to_string(payload_size) +
                             " payload bytes but the file has " +
                             std::to_string(bytes.size() - kHeaderSize));
  if (XXH3_64bits(p + kHeaderSize, payload_size) != load_u64(p + 32))
    return Result<Chunk>(ErrorCode::ChecksumMismatch, "binary chunk is corrupt (checksum mismatch)");
  try {
    Chunk chunk;
    Decoder dec(p + kHeaderSize, payload_size, limits);
    FUSEVM_RETURN_IF_ERROR(dec.chunk(chunk, 0));
    if (dec.position() != payload_size)
      return Result<Chunk>(ErrorCode::FormatError,
                           "binary chunk has " + std::to_string(payload_size - dec.position()) +
                               " unexpected bytes after the chunk");
    chunk.refresh_content_hash();
    return chunk;
  } catch (const std::bad_alloc&) {
    return Result<Chunk>(ErrorCode::OutOfMemory, "out of memory while loading the binary chunk");
  }
}

}  // namespace fusevm
