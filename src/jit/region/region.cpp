// Region discovery: reachable ops, leaders, basic blocks, loop depths.
#include "jit/region/region.h"

#include <algorithm>

namespace fusevm::jit {

bool is_control_op(Op op) {
  const OpInfo& in = op_info(op);
  return in.has(opflag::kBranch) || in.has(opflag::kJump) || in.has(opflag::kReturn);
}

uint64_t jump_target(const Instr& ins) {
  for (size_t i = 0; i < ins.operand_count(); ++i)
    if (ins.operand_kind(i) == OperandKind::Target) return ins.raw(i);
  return 0;
}

uint32_t Region::slot_index(uint16_t slot) const {
  auto it = std::lower_bound(slots.begin(), slots.end(), slot);
  return static_cast<uint32_t>(it - slots.begin());
}

Region build_region(const Chunk& chunk, uint64_t entry, size_t max_ops,
                    const CompilablePredicate& compilable) {
  const std::vector<Instr>& ops = chunk.ops;
  const size_t n = ops.size();
  Region region;
  region.entry = entry;

  // 1. Reachable ops (through compilable ones) and leaders.
  std::vector<uint8_t> state(n, 0);  // bit 0: reachable and compiled, bit 1: leader, bit 2: stop
  constexpr uint8_t kIn = 1, kLeader = 2, kStop = 4;
  std::vector<uint64_t> work{entry};
  state[entry] |= kLeader;
  size_t count = 0;
  auto add_leader = [&](uint64_t ip) {
    if (ip >= n) return;
    if (!(state[ip] & kLeader)) state[ip] |= kLeader;
    if (!(state[ip] & (kIn | kStop))) work.push_back(ip);
  };
  while (!work.empty()) {
    uint64_t ip = work.back();
    work.pop_back();
    // Follow one straight path until it is known, leaves, or stops.
    while (ip < n && !(state[ip] & (kIn | kStop))) {
      const Instr& ins = ops[ip];
      if (count >= max_ops || !compilable(ins)) {
        state[ip] |= kStop;
        break;
      }
      state[ip] |= kIn;
      ++count;
      const OpInfo& in = op_info(ins.op);
      if (in.has(opflag::kReturn)) break;
      if (in.has(opflag::kJump) || in.has(opflag::kBranch)) {
        region.straight_line = false;
        add_leader(jump_target(ins));
        if (in.has(opflag::kJump)) break;
        add_leader(ip + 1);
      }
      if (in.has(opflag::kCall)) region.straight_line = false;
      ++ip;
    }
  }
  region.op_count = count;

  // 2. Blocks: each leader runs until a control op, a stop, the next leader or the end.
  std::vector<uint32_t> block_at(n + 1, kEnd);
  for (uint64_t ip = 0; ip < n; ++ip) {
    if (!(state[ip] & kLeader)) continue;
    Block b;
    b.start = static_cast<uint32_t>(ip);
    uint64_t at = ip;
    while (true) {
      if (at >= n || (state[at] & kStop) || !(state[at] & kIn)) {
        b.kind = BlockEnd::Stop;
        break;
      }
      if (at != ip && (state[at] & kLeader)) {
        b.kind = BlockEnd::Fallthrough;
        break;
      }
      const OpInfo& in = op_info(ops[at].op);
      if (in.has(opflag::kReturn)) {
        b.kind = BlockEnd::Return;
        ++at;
        break;
      }
      if (in.has(opflag::kJump)) {
        b.kind = BlockEnd::Jump;
        ++at;
        break;
      }
      if (in.has(opflag::kBranch)) {
        b.kind = BlockEnd::Branch;
        ++at;
        break;
      }
      ++at;
    }
    b.end = static_cast<uint32_t>(at);
    block_at[ip] = static_cast<uint32_t>(region.blocks.size());
    region.blocks.push_back(b);
  }
  auto block_of = [&](uint64_t ip) -> uint32_t { return ip < n ? block_at[ip] : kEnd; };
  for (Block& b : region.blocks) {
    if (b.kind == BlockEnd::Jump || b.kind == BlockEnd::Branch)
      b.target = block_of(jump_target(ops[b.end - 1]));
    if (b.kind == BlockEnd::Fallthrough || b.kind == BlockEnd::Branch) b.next = block_of(b.end);
  }
  region.entry_block = block_at[entry];

  // 3. Loop depths: a jump from block x back to block h (h starts at or before x) makes every
  //    block between them part of that loop. Approximate, but only register priorities use it.
  for (const Block& x : region.blocks) {
    if (x.kind != BlockEnd::Jump && x.kind != BlockEnd::Branch) continue;
    if (x.target == kEnd) continue;
    const uint32_t head = region.blocks[x.target].start;
    if (head > x.start) continue;
    for (Block& b : region.blocks)
      if (b.start >= head && b.start <= x.start) ++b.loop_depth;
  }

  // 4. The slots the region's ops name.
  for (uint64_t ip = 0; ip < n; ++ip) {
    if (!(state[ip] & kIn)) continue;
    const Instr& ins = ops[ip];
    for (size_t i = 0; i < ins.operand_count(); ++i)
      if (ins.operand_kind(i) == OperandKind::Slot)
        region.slots.push_back(static_cast<uint16_t>(ins.raw(i)));
  }
  std::sort(region.slots.begin(), region.slots.end());
  region.slots.erase(std::unique(region.slots.begin(), region.slots.end()), region.slots.end());
  return region;
}

}  // namespace fusevm::jit
