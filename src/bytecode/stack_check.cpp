// Static stack-depth analysis: proves underflows that must happen.
//
// Every op gets an interval [lo, hi] of the stack depths (relative to its frame's base) that can
// reach it, computed by a worklist fixpoint over the control-flow graph:
//  * entry points: op 0 with depth 0; each sub entry with the argument counts of the Calls that
//    name it (unknown if the sub can also be reached by name through Exec/CallFunction, or no
//    Call names it); each block start with the value(s) its block op pushes (a block runs with
//    its own stack base, so it cannot reach the values below them);
//  * transfer: the op's stack effect from the op table. An effect decided by an embedder
//    handler (CallBuiltin, Extended, ...) makes the depth unknown; PushFrame starts a new base
//    (depth 0) and remembers the depth it left, which the matching PopFrame returns to (the
//    scope's own values are dropped). A Call leaves the caller's depth minus the arguments plus
//    what the callee returns (0 or 1).
//  * join: the interval hull; after a few updates an op's interval is widened (hi to unbounded,
//    lo to 0) so loops that grow or shrink the stack terminate quickly.
// hi is an upper bound of every depth that can reach the op, so `hi < needs` proves that the op
// underflows whenever it runs: that is reported as an error. Nothing is reported when the depth
// is unknown, so the analysis never rejects a chunk that could run.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "verifier_internal.h"

namespace fusevm::detail {
namespace {

constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max() / 4;
constexpr int kWidenAfter = 4;
// Scopes nested deeper than this are not tracked (PopFrame out of them gives an unknown depth),
// which bounds the analysis' work on any chunk.
constexpr size_t kMaxTrackedScopes = 64;

struct Interval {
  int64_t lo = 0;
  int64_t hi = 0;
  friend auto operator<=>(const Interval&, const Interval&) = default;
};

// The enclosing frames' depths that PushFrame scopes left behind (innermost last), so that
// PopFrame can return to them. Lists are interned (ScopeLists) and named by index, which keeps a
// Depth small and cheap to copy; list 0 is the empty list.
using ScopeList = std::vector<Interval>;

// The depth in the current frame and the scopes it is nested in. scopes_known is false when
// paths with different scope nesting meet; a PopFrame then gives an unknown depth.
struct Depth {
  int64_t lo = 0;
  int64_t hi = 0;
  uint32_t scopes = 0;
  bool scopes_known = true;
  bool reached = false;  // some path gets here (the other fields mean nothing until then)
};

Depth known_depth(int64_t lo, int64_t hi, uint32_t scopes = 0) { return {lo, hi, scopes, true, true}; }
Depth unknown_depth(int64_t at_least = 0) { return known_depth(at_least, kUnbounded); }

Interval hull(Interval a, Interval b) { return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)}; }

class StackChecker {
 public:
  explicit StackChecker(VerifyContext& cx)
      : cx_(cx), ops_(cx.chunk.ops), state_(ops_.size()), updates_(ops_.size(), 0),
        reported_(ops_.size(), false), scope_lists_(1) {}

  void run() {
    summarize_subs();
    seed_entries();
    while (!work_.empty()) {
      const size_t ip = work_.back();
      work_.pop_back();
      queued_[ip] = false;
      step(ip);
    }
    // Proven when every op that runs (reached by the analysis) finds what it pops.
    bool proven = true;
    for (size_t ip = 0; ip < ops_.size() && proven; ++ip) {
      if (!state_[ip].reached) continue;
      const StackEffect e = stack_effect(ops_[ip]);
      if (e.unknown || e.take_up_to) continue;
      proven = state_[ip].lo >= static_cast<int64_t>(e.pops);
    }
    cx_.stack_proven = proven;
  }

 private:
  // For each sub (by name index): does every way out of it return a value? Then a Call to it
  // pushes exactly one. Follows the sub's own control flow from its entry (a Call inside it
  // continues after the call); finding a plain Return, or running off into the unknown, means no.
  void summarize_subs() {
    const Chunk& c = cx_.chunk;
    // One mark array for all subs: an op is seen by the current sub when its mark is the sub's
    // number (so each sub costs what it visits, not the chunk's size).
    std::vector<uint32_t> seen_by(ops_.size(), 0);
    uint32_t sub_number = 0;
    std::vector<uint64_t> todo;
    for (const SubEntry& e : c.sub_entries) {
      if (c.find_sub(e.name) != e.ip || e.ip >= ops_.size()) continue;
      ++sub_number;
      todo.assign(1, e.ip);
      bool always_value = true;
      while (!todo.empty() && always_value) {
        const uint64_t ip = todo.back();
        todo.pop_back();
        if (ip >= ops_.size()) {  // running off the end ends the run: no value comes back
          always_value = false;
          break;
        }
        if (seen_by[ip] == sub_number) continue;
        seen_by[ip] = sub_number;
        const Instr& ins = ops_[ip];
        const OpInfo& info = ins.info();
        if (ins.op == Op::Return) always_value = false;
        if (ins.op == Op::ReturnValue || ins.op == Op::AwkSignal) continue;
        if (!info.has(opflag::kNoFallthrough)) todo.push_back(ip + 1);
        if (info.has(opflag::kBranch) || info.has(opflag::kJump))
          for (size_t i = 0; i < ins.operand_count(); ++i)
            if (ins.operand_kind(i) == OperandKind::Target) todo.push_back(ins.raw(i));
      }
      if (always_value) returns_value_.insert(e.name);
    }
  }

  void seed_entries() {
    queued_.assign(ops_.size(), false);
    merge(0, known_depth(0, 0));
    seed_subs();
    for (const Instr& ins : ops_) {
      if (!ins.info().has(opflag::kBlockOp)) continue;
      uint64_t b = ins.raw(0);
      if (b >= cx_.chunk.block_ranges.size()) continue;
      const BlockRange& r = cx_.chunk.block_ranges[b];
      // A block runs with its own stack base: it sees only what its op pushes for it (one
      // element; the pair being compared for SortBlock), never the values below.
      int64_t pushed = ins.op == Op::SortBlock ? 2 : 1;
      if (r.start < r.end && r.end <= ops_.size()) merge(r.start, known_depth(pushed, pushed));
    }
  }

  void seed_subs() {
    const Chunk& c = cx_.chunk;
    bool reachable_by_name = false;
    for (const Instr& ins : ops_)
      if (ins.op == Op::Exec || ins.op == Op::CallFunction) reachable_by_name = true;
    // The argument counts each name is called with, in one pass over the code.
    std::map<uint64_t, Interval> argc_by_name;
    for (const Instr& ins : ops_) {
      if (ins.op != Op::Call) continue;
      const auto argc = static_cast<int64_t>(ins.raw(1));
      auto [it, fresh] = argc_by_name.try_emplace(ins.raw(0), Interval{argc, argc});
      if (!fresh) it->second = hull(it->second, Interval{argc, argc});
    }
    for (const SubEntry& e : c.sub_entries) {
      if (e.ip >= ops_.size()) continue;
      std::optional<Depth> entry;
      // Only the first sub entry with a name is ever called.
      const auto called = argc_by_name.find(e.name);
      if (called != argc_by_name.end() && c.find_sub(e.name) == e.ip)
        entry = known_depth(called->second.lo, called->second.hi);
      if (!entry || reachable_by_name) entry = unknown_depth();
      merge(e.ip, *entry);
    }
  }

  // The index of `list` in scope_lists_, adding it if new.
  uint32_t intern(ScopeList list) {
    if (list.empty()) return 0;
    auto [it, fresh] = scope_index_.try_emplace(list, static_cast<uint32_t>(scope_lists_.size()));
    if (fresh) scope_lists_.push_back(std::move(list));
    return it->second;
  }

  void merge(uint64_t ip, const Depth& d) {
    if (ip >= ops_.size()) return;  // the end of the chunk (or past it): the run ends there
    Depth& s = state_[ip];
    if (!s.reached) {
      s = d;
    } else {
      Depth joined = known_depth(std::min(s.lo, d.lo), std::max(s.hi, d.hi), s.scopes);
      const ScopeList& mine = scope_lists_[s.scopes];
      const ScopeList& theirs = scope_lists_[d.scopes];
      joined.scopes_known = s.scopes_known && d.scopes_known && mine.size() == theirs.size();
      if (!joined.scopes_known) {
        joined.scopes = 0;
      } else if (s.scopes != d.scopes) {
        ScopeList hulled = mine;
        for (size_t i = 0; i < hulled.size(); ++i) hulled[i] = hull(mine[i], theirs[i]);
        joined.scopes = intern(std::move(hulled));
      }
      if (joined.lo == s.lo && joined.hi == s.hi && joined.scopes == s.scopes &&
          joined.scopes_known == s.scopes_known)
        return;
      if (++updates_[ip] > kWidenAfter) {
        if (joined.hi != s.hi) joined.hi = kUnbounded;
        if (joined.lo != s.lo) joined.lo = 0;
        if (joined.scopes != 0)
          joined.scopes = intern(ScopeList(scope_lists_[joined.scopes].size(), Interval{0, kUnbounded}));
      }
      s = joined;
    }
    if (!queued_[ip]) {
      queued_[ip] = true;
      work_.push_back(ip);
    }
  }

  void step(size_t ip) {
    const Instr& ins = ops_[ip];
    const OpInfo& info = ins.info();
    const Depth in = state_[ip];
    StackEffect e = stack_effect(ins);
    if (ins.op == Op::Call && returns_value_.count(static_cast<uint16_t>(ins.raw(0))) != 0)
      e.pushes_min = 1;  // the callee always returns a value
    Depth out = in;
    if (ins.op == Op::PushFrame) {
      // A new base at the current depth; PopFrame returns to it.
      ScopeList scopes = scope_lists_[in.scopes];
      scopes.push_back({in.lo, in.hi});
      const bool tracked = in.scopes_known && scopes.size() <= kMaxTrackedScopes;
      out = known_depth(0, 0, tracked ? intern(std::move(scopes)) : 0);
      out.scopes_known = tracked;
    } else if (ins.op == Op::PopFrame) {
      // Back to the depth the matching PushFrame left (the scope's own values are dropped).
      const ScopeList& scopes = scope_lists_[in.scopes];
      if (in.scopes_known && !scopes.empty()) {
        ScopeList outer(scopes.begin(), scopes.end() - 1);
        out = known_depth(scopes.back().lo, scopes.back().hi, intern(std::move(outer)));
      } else {
        out = unknown_depth();
        out.scopes_known = false;
      }
    } else if (e.unknown) {
      out.lo = 0;
      out.hi = kUnbounded;
    } else {
      const auto pops = static_cast<int64_t>(e.pops);
      const int64_t needs = e.take_up_to ? 0 : pops;
      if (in.hi < needs && !reported_[ip]) {
        reported_[ip] = true;
        cx_.report(Severity::Error, ip,
                   "stack underflow: " + std::string(info.name) + " needs " + std::to_string(needs) +
                       (needs == 1 ? " value" : " values") + " but at most " +
                       std::to_string(in.hi) + " can be on the stack here");
      }
      if (e.take_up_to) {
        out.lo = std::max<int64_t>(in.lo - pops, 0) + e.pushes_min;
        out.hi = in.hi >= kUnbounded ? kUnbounded : std::max<int64_t>(in.hi - pops, 0) + e.pushes_max;
      } else {
        // Continue with the paths that did not underflow.
        out.lo = std::max(in.lo, needs) - pops + e.pushes_min;
        out.hi = in.hi >= kUnbounded ? kUnbounded : std::max(in.hi, needs) - pops + e.pushes_max;
      }
    }
    if (info.has(opflag::kBranch) || info.has(opflag::kJump)) {
      for (size_t i = 0; i < ins.operand_count(); ++i)
        if (ins.operand_kind(i) == OperandKind::Target) merge(ins.raw(i), out);
    }
    if (!info.has(opflag::kNoFallthrough)) merge(ip + 1, out);
  }

  VerifyContext& cx_;
  const std::vector<Instr>& ops_;
  std::vector<Depth> state_;
  std::vector<int> updates_;
  std::vector<bool> reported_;
  std::vector<bool> queued_;
  std::vector<size_t> work_;  // ops whose state changed (a stack: the order does not matter)
  std::set<uint16_t> returns_value_;  // subs every exit of which returns a value
  std::vector<ScopeList> scope_lists_;  // interned; [0] is the empty list
  std::map<ScopeList, uint32_t> scope_index_;
};

}  // namespace

void check_stack(VerifyContext& cx) { StackChecker(cx).run(); }

}  // namespace fusevm::detail
