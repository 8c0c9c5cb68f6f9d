// ChunkBuilder: how a frontend produces a Chunk, one instruction at a time.
//
//   ChunkBuilder b;
//   b.set_source("demo.src");
//   uint16_t x = b.add_name("x");
//   b.emit(ins::LoadInt(41), 1);
//   b.emit(ins::SetVar(x), 1);
//   size_t jump = b.emit(ins::JumpIfFalse(0), 2);   // target patched below
//   ...
//   b.patch_jump(jump, b.current_pos());
//   Chunk chunk = std::move(b).build();
//
// Misuse (patching an op that has no jump target, more than 65536 pool entries) is a programming
// error and throws std::logic_error / std::length_error; nothing else here fails.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "fusevm/chunk.h"

namespace fusevm {

class ChunkBuilder {
 public:
  ChunkBuilder() = default;

  /// Appends an op with its source line; returns its index.
  size_t emit(Instr ins, uint32_t line);
  /// Appends a constant (no deduplication); returns its index.
  uint16_t add_constant(Value value);
  /// Returns the index of `name`, adding it the first time it is seen (interned).
  uint16_t add_name(std::string_view name);
  /// The index the next emit() will return.
  size_t current_pos() const noexcept { return chunk_.ops.size(); }
  /// Sets the jump target of the op at `op_idx`. Works on every op with a Target operand
  /// (plain and fused jumps). Throws std::logic_error for other ops or a bad index.
  void patch_jump(size_t op_idx, size_t target);
  /// Declares that calls to names[name_idx] start at `ip`.
  void add_sub_entry(uint16_t name_idx, size_t ip);
  /// Adds a block range [start, end); returns its index.
  uint16_t add_block_range(size_t start, size_t end);
  /// Adds a nested chunk; returns its index.
  uint16_t add_sub_chunk(Chunk sub);
  /// Sets the source name used in messages.
  void set_source(std::string source) { chunk_.source = std::move(source); }

  /// Whether build() runs the fusion pass (fuse.h); on by default.
  void set_fusion(bool on) noexcept { fusion_ = on; }

  /// The chunk built so far (for inspection).
  const Chunk& peek() const noexcept { return chunk_; }
  /// Finishes: fuses op sequences into superinstructions (unless set_fusion(false)), computes the
  /// content hash and returns the chunk.
  Chunk build() &&;

 private:
  Chunk chunk_;
  bool fusion_ = true;
  std::unordered_map<std::string, uint16_t> interned_;
};

}  // namespace fusevm
