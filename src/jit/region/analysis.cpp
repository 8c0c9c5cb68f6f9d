// The type analysis: block-entry states by fixpoint iteration over each function's blocks, and
// return summaries by fixpoint iteration over the unit's functions (callees first seen return
// nothing; a caller's code after such a call is not compiled until they are known).
#include <algorithm>

#include "jit/region/unit.h"
#include "jit/region/walk.h"

namespace fusevm::jit {

const char* type_name(TypeSet t) {
  static const char* const kNames[] = {"Undef", "Bool", "Int", "Float", "Other"};
  static thread_local std::string text;
  text.clear();
  for (int i = 0; i < 5; ++i) {
    if (!(t & (1 << i))) continue;
    if (!text.empty()) text += '|';
    text += kNames[i];
  }
  if (text.empty()) text = "None";
  return text.c_str();
}

TypeState Function::entry_state() const {
  TypeState s;
  s.stack = entry_stack;
  s.slots.assign(region.slots.size(), kUndef);
  for (const auto& [slot, type] : entry_slots) {
    auto it = std::lower_bound(region.slots.begin(), region.slots.end(), slot);
    if (it != region.slots.end() && *it == slot) s.slots[static_cast<size_t>(it - region.slots.begin())] = type;
  }
  return s;
}

const Value& Unit::constant(size_t i) const {
  static const Value kUndefValue;
  return i < chunk->constants.size() ? chunk->constants[i] : kUndefValue;
}

uint32_t Unit::import_index(const NativeOpSpec* spec) {
  for (size_t i = 0; i < imports.size(); ++i)
    if (imports[i] == spec) return static_cast<uint32_t>(i);
  imports.push_back(spec);
  return static_cast<uint32_t>(imports.size() - 1);
}

bool op_compilable(const Instr& ins, bool linear_only, const ExtensionLookup* extensions) {
  if (ins.op == Op::Extended || ins.op == Op::CallBuiltin)
    return extensions != nullptr && extensions->find(ins) != nullptr;
  return op_info(ins.op).has(linear_only ? opflag::kJitLinear : opflag::kJitBlock);
}

int Unit::callee(uint64_t entry, const std::vector<TypeSet>& args) {
  for (size_t i = 0; i < functions.size(); ++i) {
    const Function& f = *functions[i];
    if (f.kind == EntryKind::Call && f.entry == entry && f.entry_stack == args) return static_cast<int>(i);
  }
  if (functions.size() >= limits.max_functions) return -1;
  auto f = std::make_unique<Function>();
  f->entry = entry;
  f->kind = EntryKind::Call;
  f->entry_stack = args;
  f->region = build_region(*chunk, entry, limits.max_region_ops,
                           [this](const Instr& ins) { return op_compilable(ins, false, extensions); });
  functions.push_back(std::move(f));
  return static_cast<int>(functions.size() - 1);
}

namespace {

// The walker's emitter for the analysis: it only tracks types, and records what leaves a block.
class TypeOnly {
 public:
  TypeOnly(Function& f, const Block& block, TypeState state)
      : f_(f), block_(block), st_(std::move(state)) {}

  const Region& region() const { return f_.region; }
  size_t depth() const { return st_.stack.size(); }
  TypeSet type(size_t k) const { return st_.stack[st_.stack.size() - 1 - k]; }
  TypeSet slot_type(uint32_t d) const { return st_.slots[d]; }
  bool narrow(size_t k) { return narrow_set(st_.stack[st_.stack.size() - 1 - k]); }
  bool narrow_slot(uint32_t d) { return narrow_set(st_.slots[d]); }

  void push_const(TypeSet t, uint64_t) { push(t); }
  void drop(size_t n) { st_.stack.resize(st_.stack.size() - n); }
  void dup(size_t k) { push(type(k)); }
  void swap() { std::swap(st_.stack[depth() - 1], st_.stack[depth() - 2]); }
  void rot() {
    auto& s = st_.stack;
    std::rotate(s.end() - 3, s.end() - 2, s.end());  // [a b c] -> [b c a]
  }
  void get_slot(uint32_t d) { push(st_.slots[d]); }
  void set_slot(uint32_t d) {
    write(d, type(0));
    drop(1);
  }
  void unary(Op, TypeSet result) {
    drop(1);
    push(result);
  }
  void binary(Op, TypeSet result) {
    drop(2);
    push(result);
  }
  void slot_update(Op op, uint32_t d) {
    write(d, kInt);
    if (op != Op::PreIncSlotVoid) push(kInt);
  }
  void add_assign_slot(uint32_t a, uint32_t) { write(a, kInt); }
  void accum_sum(uint32_t s, uint32_t i, int32_t) {
    write(s, kInt);
    write(i, kInt);
  }
  void jump(const Instr&) { leave(block_.target); }
  void branch(const Instr& ins, uint32_t d) {
    if (ins.op == Op::JumpIfTrue || ins.op == Op::JumpIfFalse) drop(1);
    if (ins.op == Op::SlotIncLtIntJumpBack) write(d, kInt);
    leave(block_.target);
    leave(block_.next);
  }
  void call(const Function& callee, size_t, size_t argc) {
    drop(argc);
    if (callee.returns == Returns::Value) push(callee.ret_types);
  }
  void ret(bool with_value) {
    const Returns kind = with_value ? Returns::Value : Returns::Plain;
    if (f_.returns == Returns::None) f_.returns = kind;
    else if (f_.returns != kind) f_.returns = Returns::Mixed;
    if (with_value) f_.ret_types |= type(0);
  }
  void native_op(const NativeOpSpec& spec, uint32_t) {
    drop(spec.params.size());
    push(spec.result);
  }
  void fallthrough() { leave(block_.next); }

  // What the block hands on: (successor, state) pairs; a kEnd successor is an exit.
  std::vector<std::pair<uint32_t, TypeState>> successors;
  size_t max_depth = 0;

 private:
  static bool narrow_set(TypeSet& t) {
    if (is_single_scalar(t)) return true;
    const TypeSet s = speculate(t);
    if (s == kNone) return false;
    t = s;
    return true;
  }
  void write(uint32_t d, TypeSet t) {
    st_.slots[d] = t;
    f_.slot_kinds[d] |= t;
  }
  void push(TypeSet t) {
    st_.stack.push_back(t);
    max_depth = std::max(max_depth, st_.stack.size());
  }
  void leave(uint32_t block) {
    if (block != kEnd) successors.emplace_back(block, st_);
  }

  Function& f_;
  const Block& block_;
  TypeState st_;
};

// Analyses one function against the unit's current summaries. False when two paths reach a
// block with different stack depths (not compiled).
bool analyse_function(Unit& unit, Function& f) {
  const size_t n = f.region.blocks.size();
  f.block_in.assign(n, TypeState{});
  f.reached.assign(n, 0);
  f.returns = Returns::None;
  f.ret_types = kNone;
  f.max_depth = static_cast<uint32_t>(f.entry_stack.size());
  f.slot_kinds.assign(f.region.slots.size(), kNone);
  if (f.region.entry_block == kEnd) return false;

  std::vector<uint32_t> work;
  std::vector<uint8_t> queued(n, 0);
  auto arrive = [&](uint32_t b, const TypeState& s) {
    bool changed = false;
    if (!f.reached[b]) {
      f.block_in[b] = s;
      f.reached[b] = 1;
      changed = true;
    } else if (!join_into(f.block_in[b], s, changed)) {
      return false;
    }
    if (changed && !queued[b]) {
      queued[b] = 1;
      work.push_back(b);
    }
    return true;
  };
  if (!arrive(f.region.entry_block, f.entry_state())) return false;
  size_t steps = 0;
  while (!work.empty()) {
    // Lowest block first: loops settle with fewer passes.
    auto it = std::min_element(work.begin(), work.end());
    const uint32_t b = *it;
    work.erase(it);
    queued[b] = 0;
    if (++steps > 64 * n + 64) return false;  // cannot happen (finite lattice); belt and braces
    const Block& block = f.region.blocks[b];
    TypeOnly e(f, block, f.block_in[b]);
    bool completed = true;
    for (uint32_t ip = block.start; ip < block.end; ++ip) {
      if (!walk_op(e, unit, unit.chunk->ops[ip])) {
        completed = false;
        break;
      }
    }
    if (completed && block.kind == BlockEnd::Fallthrough) e.fallthrough();
    f.max_depth = std::max<uint32_t>(f.max_depth, static_cast<uint32_t>(e.max_depth));
    for (auto& [succ, state] : e.successors)
      if (!arrive(succ, state)) return false;
  }
  return true;
}

}  // namespace

std::optional<Unit> analyse_unit(const Chunk& chunk, Function main, const UnitLimits& limits,
                                 bool linear_only, const ExtensionLookup* extensions,
                                 std::string& why_not, bool fuel_checks) {
  Unit unit;
  unit.fuel_checks = fuel_checks;
  unit.chunk = &chunk;
  unit.limits = limits;
  unit.linear_only = linear_only;
  unit.extensions = extensions;
  // Sub entries as the interpreter resolves them (code.cpp): the first entry for a name wins.
  size_t names = chunk.names.size();
  for (const SubEntry& e : chunk.sub_entries) names = std::max<size_t>(names, e.name + 1u);
  unit.sub_entry.assign(names, -1);
  for (const SubEntry& e : chunk.sub_entries)
    if (unit.sub_entry[e.name] < 0) unit.sub_entry[e.name] = static_cast<int64_t>(std::min<uint64_t>(e.ip, chunk.ops.size()));

  if (main.region.blocks.empty())
    main.region = build_region(chunk, main.entry, limits.max_region_ops, [&](const Instr& ins) {
      return op_compilable(ins, linear_only, extensions);
    });
  if (linear_only && !main.region.straight_line) {
    why_not = "not straight-line code";
    return std::nullopt;
  }
  unit.functions.push_back(std::make_unique<Function>(std::move(main)));

  // Fixpoint over return summaries. Each round re-analyses every function; a round that
  // changes no summary leaves every function analysed against the final ones.
  for (int round = 0;; ++round) {
    if (round > 32) {
      why_not = "return types did not settle";
      return std::nullopt;
    }
    bool changed = false;
    for (size_t i = 0; i < unit.functions.size(); ++i) {
      Function& f = *unit.functions[i];
      const Returns old_returns = f.returns;
      const TypeSet old_types = f.ret_types;
      if (!analyse_function(unit, f)) {
        if (i == 0) {
          why_not = "stack depths differ where paths meet";
          return std::nullopt;
        }
        f.returns = Returns::Mixed;  // callers exit at calls to it
      }
      changed |= f.returns != old_returns || f.ret_types != old_types;
    }
    if (!changed) break;
  }
  if (unit.functions[0]->region.op_count == 0) {
    why_not = "the first op is not compiled";
    return std::nullopt;
  }
  return unit;
}

}  // namespace fusevm::jit

namespace fusevm::jit {
namespace {
// The op table is the source of truth for what each tier compiles; the walker must handle
// exactly the ops it flags (an op flagged without an emitter fails the build).
constexpr bool jit_flags_match_walker() {
  for (size_t i = 0; i < kOpCount; ++i) {
    const Op op = static_cast<Op>(i);
    const OpInfo& in = kOpTable[i];
    if (in.has(opflag::kJitBlock) != walker_handles(op)) return false;
    const bool control = in.has(opflag::kBranch) || in.has(opflag::kJump) || in.has(opflag::kCall) ||
                         in.has(opflag::kReturn);
    if (in.has(opflag::kJitLinear) != (walker_handles(op) && !control)) return false;
  }
  return true;
}
static_assert(jit_flags_match_walker(), "ops.def JIT flags and walk.h disagree");
}  // namespace
}  // namespace fusevm::jit
