// MapBlock, GrepBlock, SortBlock and ForEachBlock (DEVIATIONS.md F), run by the main loop.
//
// A block op pushes a Block frame and jumps into the block's code unit; each time the block
// reaches its end sentinel, block_step() takes its result and either feeds the next element or
// finishes. Nothing recurses on the C++ stack, so blocks nest freely, calls inside blocks work,
// and limits and interrupts apply inside them.
//
// A block runs in its enclosing frame's slots, with its own stack base: it sees only what its op
// pushed for it. Map and Grep blocks must leave exactly one value (the mapped value, or the value
// whose truth decides), a Sort block one number for each pair (negative: a first, positive: b
// first, zero or NaN: keep their order), a ForEach block nothing. Sorting is a stable bottom-up
// merge sort that resumes at every comparison, so any comparator, even an inconsistent one,
// ends after O(n log n) comparisons.
#include <algorithm>

#include "compare.h"
#include "interp.h"

namespace fusevm {
namespace {

void begin_merge(BlockRun& r) {
  const size_t n = r.order.size();
  r.mid = std::min(r.lo + r.width, n);
  r.hi = std::min(r.lo + 2 * r.width, n);
  r.i = r.lo;
  r.j = r.mid;
  r.k = r.lo;
}

// Advances the merge until a comparison is needed (true) or the sort is done (false).
bool sort_advance(BlockRun& r) {
  const size_t n = r.order.size();
  for (;;) {
    if (r.i < r.mid && r.j < r.hi) return true;
    while (r.i < r.mid) r.merged[r.k++] = r.order[r.i++];
    while (r.j < r.hi) r.merged[r.k++] = r.order[r.j++];
    r.lo += 2 * r.width;
    if (r.lo >= n) {
      std::swap(r.order, r.merged);
      r.width *= 2;
      if (r.width >= n) return false;
      r.lo = 0;
    }
    begin_merge(r);
  }
}

Value sorted_result(const BlockRun& r) {
  const Array& items = r.source.as_array();
  ValueVector sorted;
  sorted.reserve(items.size());
  for (uint32_t i : r.order) sorted.push_back(items[i]);
  return Value::array(std::move(sorted));
}

// Comparisons a merge sort of n elements makes at most: n per pass, ceil(log2 n) passes.
uint64_t max_comparisons(size_t n) {
  uint64_t passes = 0;
  for (size_t width = 1; width < n; width *= 2) ++passes;
  return static_cast<uint64_t>(n) * passes;
}

}  // namespace

bool VM::Impl::op_higher_order(const Instr& ins) {
  ++executed_;  // the block op itself (the loop dispatches without counting)
  if (!need(1, ins)) return false;
  const uint64_t block = ins.raw(0);
  Value source = std::move(stack_[--sp_]);
  if (!source.is_array()) source = Value::array({std::move(source)});
  const size_t n = source.as_array().size();

  BlockRun run;
  run.op = ins.op;
  run.unit = static_cast<uint32_t>(1 + block);
  run.op_index = units_[unit_].origin + ip_;
  if (ins.op == Op::SortBlock && n > 1) {
    run.order.resize(n);
    for (size_t i = 0; i < n; ++i) run.order[i] = static_cast<uint32_t>(i);
    run.merged.resize(n);
    begin_merge(run);
    sort_advance(run);
  }
  const bool nothing_to_run = n == 0 || (ins.op == Op::SortBlock && n == 1);
  if (nothing_to_run) {
    ++ip_;
    if (ins.op == Op::ForEachBlock) return true;
    return push_checked(ins.op == Op::SortBlock ? std::move(source) : Value::array());
  }
  if (frames_.size() >= limits_.max_call_depth) {
    raise(ErrorCode::CallDepthExceeded, "call depth limit exceeded (" +
                                            std::to_string(limits_.max_call_depth) +
                                            " frames, VMLimits::max_call_depth)");
    return false;
  }
  if (ins.op == Op::MapBlock) run.results.reserve(n);
  run.source = std::move(source);

  if (ins.op == Op::SortBlock && units_[run.unit].native_order != NativeOrder::None &&
      can_sort_natively(n)) {
    if (!sort_natively(run, units_[run.unit].native_order)) return false;
    ++ip_;
    return push_checked(sorted_result(run));
  }

  Frame frame;
  frame.kind = FrameKind::Block;
  frame.return_unit = unit_;
  frame.return_ip = ip_ + 1;
  frame.stack_base = sp_;
  frame.slot_base = frames_.back().slot_base;  // the block shares its frame's slots
  frame.block_run = static_cast<uint32_t>(block_runs_.size());
  frames_.push_back(frame);
  block_runs_.push_back(std::move(run));

  BlockRun& r = block_runs_.back();
  const Array& items = r.source.as_array();
  if (r.op == Op::SortBlock) {
    if (!push_checked(items[r.order[r.i]]) || !push_checked(items[r.order[r.j]])) return false;
  } else if (!push_checked(items[0])) {
    return false;
  }
  unit_ = r.unit;
  ip_ = 0;
  return true;
}

// A sort whose block is one comparison op runs without entering the block: the same merge sort
// makes the same comparisons in the same order, each counted as the one op the block would have
// run. It is used only when the result cannot differ from running the block: the fuel left
// covers every comparison and the stack can take the two values the block would be given.
bool VM::Impl::can_sort_natively(size_t n) const {
  const bool fuel_covers = limits_.fuel == 0 || executed_ + max_comparisons(n) <= limits_.fuel;
  const bool stack_takes_pair = sp_ + 2 <= std::max(stack_.size(), limits_.max_stack);
  return fuel_covers && stack_takes_pair;
}

bool VM::Impl::sort_natively(BlockRun& r, NativeOrder order) {
  const Array& items = r.source.as_array();
  uint64_t comparisons = 0;
  constexpr uint64_t kInterruptCheck = (1u << 14) - 1;
  do {
    const Value& a = items[r.order[r.i]];
    const Value& b = items[r.order[r.j]];
    const int64_t c = order == NativeOrder::Numeric ? spaceship(a, b) : compare_text(a, b);
    r.merged[r.k++] = c > 0 ? r.order[r.j++] : r.order[r.i++];
    if ((++comparisons & kInterruptCheck) == 0 && interrupt_.load(std::memory_order_relaxed)) {
      executed_ += comparisons;
      raise(ErrorCode::Interrupted, "interrupted");
      return false;
    }
  } while (sort_advance(r));
  executed_ += comparisons;
  return true;
}

bool VM::Impl::block_step() {
  if (!check_limits()) return false;
  const Frame frame = frames_.back();
  if (frame.kind != FrameKind::Block) {
    raise(ErrorCode::RuntimeError, "a block ended inside a PushFrame scope it did not close");
    return false;
  }
  BlockRun& r = block_runs_[frame.block_run];
  const size_t left = sp_ - frame.stack_base;
  const size_t expected = r.op == Op::ForEachBlock ? 0 : 1;
  if (left != expected) {
    // Named at the block op (the block's end is not an op of its own).
    unit_ = 0;
    ip_ = r.op_index;
    raise(ErrorCode::RuntimeError, std::string("the block must leave ") +
                                       (expected == 0 ? "nothing" : "exactly one value") +
                                       " on the stack, it left " + std::to_string(left));
    return false;
  }
  const Array& items = r.source.as_array();
  bool more = false;
  switch (r.op) {
    case Op::MapBlock:
      r.results.push_back(std::move(stack_[--sp_]));
      more = ++r.index < items.size();
      break;
    case Op::GrepBlock: {
      const bool keep = stack_[--sp_].is_truthy();
      stack_[sp_] = Value();
      if (keep) r.results.push_back(items[r.index]);
      more = ++r.index < items.size();
      break;
    }
    case Op::ForEachBlock:
      more = ++r.index < items.size();
      break;
    default: {  // SortBlock
      const double order = stack_[--sp_].to_float();
      stack_[sp_] = Value();
      if (order > 0) {
        r.merged[r.k++] = r.order[r.j++];
      } else {
        r.merged[r.k++] = r.order[r.i++];
      }
      more = sort_advance(r);
      break;
    }
  }
  if (more) {
    if (r.op == Op::SortBlock) {
      if (!push_checked(items[r.order[r.i]]) || !push_checked(items[r.order[r.j]])) return false;
    } else if (!push_checked(items[r.index])) {
      return false;
    }
    ip_ = 0;
    return true;
  }
  // Done: leave the block and hand its op's result to the code after it.
  Value result;
  if (r.op == Op::MapBlock || r.op == Op::GrepBlock) {
    result = Value::array(std::move(r.results));
  } else if (r.op == Op::SortBlock) {
    result = sorted_result(r);
  }
  const Op op = r.op;
  block_runs_.pop_back();
  frames_.pop_back();
  unit_ = frame.return_unit;
  ip_ = frame.return_ip;
  if (op == Op::ForEachBlock) return true;
  return push_checked(std::move(result));
}

}  // namespace fusevm
