// ChunkBuilder: incremental construction of a Chunk.
#include "fusevm/builder.h"

#include "fusevm/fuse.h"

#include <stdexcept>

namespace fusevm {
namespace {

constexpr size_t kMaxPoolEntries = 65536;

uint16_t checked_index(size_t size, const char* pool) {
  if (size >= kMaxPoolEntries)
    throw std::length_error(std::string("fusevm: the ") + pool + " pool is full (65536 entries)");
  return static_cast<uint16_t>(size);
}

}  // namespace

size_t ChunkBuilder::emit(Instr ins, uint32_t line) {
  chunk_.ops.push_back(ins);
  chunk_.lines.push_back(line);
  return chunk_.ops.size() - 1;
}

uint16_t ChunkBuilder::add_constant(Value value) {
  uint16_t idx = checked_index(chunk_.constants.size(), "constant");
  chunk_.constants.push_back(std::move(value));
  return idx;
}

uint16_t ChunkBuilder::add_name(std::string_view name) {
  auto it = interned_.find(std::string(name));
  if (it != interned_.end()) return it->second;
  uint16_t idx = checked_index(chunk_.names.size(), "name");
  chunk_.names.emplace_back(name);
  interned_.emplace(std::string(name), idx);
  return idx;
}

void ChunkBuilder::patch_jump(size_t op_idx, size_t target) {
  if (op_idx >= chunk_.ops.size())
    throw std::logic_error("patch_jump on non-jump op at " + std::to_string(op_idx) +
                           " (no such op)");
  Instr& ins = chunk_.ops[op_idx];
  for (size_t i = 0; i < ins.operand_count(); ++i) {
    if (ins.operand_kind(i) == OperandKind::Target) {
      ins.set_raw(i, target);
      return;
    }
  }
  throw std::logic_error("patch_jump on non-jump op at " + std::to_string(op_idx));
}

void ChunkBuilder::add_sub_entry(uint16_t name_idx, size_t ip) {
  chunk_.sub_entries.push_back(SubEntry{name_idx, ip});
}

uint16_t ChunkBuilder::add_block_range(size_t start, size_t end) {
  uint16_t idx = checked_index(chunk_.block_ranges.size(), "block-range");
  chunk_.block_ranges.push_back(BlockRange{start, end});
  return idx;
}

uint16_t ChunkBuilder::add_sub_chunk(Chunk sub) {
  uint16_t idx = checked_index(chunk_.sub_chunks.size(), "sub-chunk");
  chunk_.sub_chunks.push_back(std::move(sub));
  return idx;
}

Chunk ChunkBuilder::build() && {
  interned_.clear();
  if (fusion_) return fuse_chunk(std::move(chunk_));
  chunk_.refresh_content_hash();
  return std::move(chunk_);
}

}  // namespace fusevm
