// Chunk: the unit of compiled code — ops, constant and name pools, line table, sub entries,
// block ranges and nested sub-chunks — exactly the original's fields, plus a content hash.
//
// A Chunk is a plain value: copyable, comparable, and holding nothing that refers back to the VM.
// Copying one shares its constants' heap objects (see the threading rule in value.h): a chunk may
// be read by several threads at once, but copy it on one thread at a time; deep_copy() makes one
// that shares nothing. A VM keeps the chunk it was given and runs on private copies of its
// constants.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fusevm/op.h"
#include "fusevm/value.h"

namespace fusevm {

/// A sub (function) entry point: calls naming `name` start at op `ip`.
struct SubEntry {
  uint16_t name = 0;  ///< name-pool index
  uint64_t ip = 0;    ///< op index of the first instruction
  friend bool operator==(const SubEntry&, const SubEntry&) = default;
};

/// The ops [start, end) of a block run by MapBlock, GrepBlock, SortBlock and ForEachBlock.
struct BlockRange {
  uint64_t start = 0;
  uint64_t end = 0;
  friend bool operator==(const BlockRange&, const BlockRange&) = default;
};

/// A compiled unit of bytecode.
struct Chunk {
  std::vector<Instr> ops;              ///< the code; jump targets are indices into it
  std::vector<Value> constants;        ///< LoadConst / ConcatConstLoop / HereDoc pool
  std::vector<std::string> names;      ///< globals, subs and host-facing names
  std::vector<uint32_t> lines;         ///< source line of each op (may be shorter than ops)
  std::vector<SubEntry> sub_entries;   ///< first match by name wins
  std::vector<BlockRange> block_ranges;
  std::vector<Chunk> sub_chunks;       ///< command substitution, traps, ... (run by hosts)
  std::string source;                  ///< source file name, used in messages
  /// Hash of everything that affects execution (not lines or source), computed by
  /// ChunkBuilder::build() and by every loader; keys the JIT caches. 0 = not computed.
  uint64_t content_hash = 0;

  /// The entry ip of the first sub entry for `name_idx`.
  std::optional<uint64_t> find_sub(uint16_t name_idx) const noexcept;
  /// The source line of op `ip`, or 0 when the line table does not cover it.
  uint32_t line_at(size_t ip) const noexcept { return ip < lines.size() ? lines[ip] : 0; }
  /// The name at `idx`, or "" when out of range.
  std::string_view name_at(size_t idx) const noexcept {
    return idx < names.size() ? std::string_view(names[idx]) : std::string_view();
  }

  /// A copy that shares no heap objects with this chunk (constants deep-copied, sub-chunks
  /// too), so it may go to another thread while this one stays in use.
  Chunk deep_copy() const;

  /// Computes the content hash (sub-chunks included) without storing it.
  uint64_t compute_content_hash() const;
  /// Recomputes and stores the content hash of this chunk and its sub-chunks.
  void refresh_content_hash();

  /// Exact equality of every field except content_hash: constants compare with identical()
  /// (floats by bit pattern, hash entries in order).
  friend bool operator==(const Chunk& a, const Chunk& b);
};

/// "demo.fvm:12 (ip 37, ArrayGet)": where an op is, for messages. The source falls back to
/// "<chunk>", and the ":line" part is left out when the line table has no entry for ip.
std::string format_location(const Chunk& chunk, size_t ip);

}  // namespace fusevm
