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
#include <deque>
#include <limits>
#include <optional>
#include <set>
#include <vector>

#include "verifier_internal.h"

namespace fusevm::detail {
namespace {

constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max() / 4;
constexpr int kWidenAfter = 4;

struct Interval {
  int64_t lo = 0;
  int64_t hi = 0;
  friend bool operator==(const Interval&, const Interval&) = default;
};

// The depth in the current frame, and the depths of the enclosing frames that PushFrame
// scopes left behind (innermost last), so that PopFrame can return to them. scopes_known is
// false when paths with different scope nesting meet; a PopFrame then gives an unknown depth.
struct Depth {
  int64_t lo = 0;
  int64_t hi = 0;
  std::vector<Interval> scopes;
  bool scopes_known = true;
};

Depth unknown_depth(int64_t at_least = 0) { return {at_least, kUnbounded, {}, true}; }

Interval hull(Interval a, Interval b) { return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)}; }

class StackChecker {
 public:
  explicit StackChecker(VerifyContext& cx)
      : cx_(cx), ops_(cx.chunk.ops), state_(ops_.size()), updates_(ops_.size(), 0),
        reported_(ops_.size(), false) {}

  void run() {
    summarize_subs();
    seed_entries();
    while (!work_.empty()) {
      size_t ip = work_.front();
      work_.pop_front();
      queued_[ip] = false;
      step(ip);
    }
    // Proven when every op that runs (reached by the analysis) finds what it pops.
    bool proven = true;
    for (size_t ip = 0; ip < ops_.size() && proven; ++ip) {
      if (!state_[ip]) continue;
      const StackEffect e = stack_effect(ops_[ip]);
      if (e.unknown || e.take_up_to) continue;
      proven = state_[ip]->lo >= static_cast<int64_t>(e.pops);
    }
    cx_.stack_proven = proven;
  }

 private:
  // For each sub (by name index): does every way out of it return a value? Then a Call to it
  // pushes exactly one. Follows the sub's own control flow from its entry (a Call inside it
  // continues after the call); finding a plain Return, or running off into the unknown, means no.
  void summarize_subs() {
    const Chunk& c = cx_.chunk;
    for (const SubEntry& e : c.sub_entries) {
      if (c.find_sub(e.name) != e.ip || e.ip >= ops_.size()) continue;
      std::vector<bool> seen(ops_.size(), false);
      std::vector<uint64_t> todo{e.ip};
      bool always_value = true;
      while (!todo.empty() && always_value) {
        const uint64_t ip = todo.back();
        todo.pop_back();
        if (ip >= ops_.size()) {  // running off the end ends the run: no value comes back
          always_value = false;
          break;
        }
        if (seen[ip]) continue;
        seen[ip] = true;
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
    merge(0, Depth{0, 0, {}, true});
    seed_subs();
    for (const Instr& ins : ops_) {
      if (!ins.info().has(opflag::kBlockOp)) continue;
      uint64_t b = ins.raw(0);
      if (b >= cx_.chunk.block_ranges.size()) continue;
      const BlockRange& r = cx_.chunk.block_ranges[b];
      // A block runs with its own stack base: it sees only what its op pushes for it (one
      // element; the pair being compared for SortBlock), never the values below.
      int64_t pushed = ins.op == Op::SortBlock ? 2 : 1;
      if (r.start < r.end && r.end <= ops_.size()) merge(r.start, Depth{pushed, pushed, {}, true});
    }
  }

  void seed_subs() {
    const Chunk& c = cx_.chunk;
    bool reachable_by_name = false;
    for (const Instr& ins : ops_)
      if (ins.op == Op::Exec || ins.op == Op::CallFunction) reachable_by_name = true;
    for (const SubEntry& e : c.sub_entries) {
      if (e.ip >= ops_.size()) continue;
      std::optional<Depth> entry;
      for (const Instr& ins : ops_) {
        if (ins.op != Op::Call || ins.raw(0) != e.name) continue;
        // Only the first sub entry with a name is ever called.
        if (c.find_sub(e.name) != e.ip) continue;
        auto argc = static_cast<int64_t>(ins.raw(1));
        entry = entry ? Depth{std::min(entry->lo, argc), std::max(entry->hi, argc), {}, true}
                      : Depth{argc, argc, {}, true};
      }
      if (!entry || reachable_by_name) entry = unknown_depth();
      merge(e.ip, *entry);
    }
  }

  void merge(uint64_t ip, Depth d) {
    if (ip >= ops_.size()) return;  // the end of the chunk (or past it): the run ends there
    auto& s = state_[ip];
    if (!s) {
      s = d;
    } else {
      Depth joined{std::min(s->lo, d.lo), std::max(s->hi, d.hi), s->scopes,
                   s->scopes_known && d.scopes_known && s->scopes.size() == d.scopes.size()};
      if (joined.scopes_known) {
        for (size_t i = 0; i < joined.scopes.size(); ++i) joined.scopes[i] = hull(s->scopes[i], d.scopes[i]);
      } else {
        joined.scopes.clear();
      }
      if (joined.lo == s->lo && joined.hi == s->hi && joined.scopes == s->scopes &&
          joined.scopes_known == s->scopes_known)
        return;
      if (++updates_[ip] > kWidenAfter) {
        if (joined.hi != s->hi) joined.hi = kUnbounded;
        if (joined.lo != s->lo) joined.lo = 0;
        for (Interval& outer : joined.scopes) outer = {0, kUnbounded};
      }
      s = std::move(joined);
    }
    if (!queued_[ip]) {
      queued_[ip] = true;
      work_.push_back(ip);
    }
  }

  void step(size_t ip) {
    const Instr& ins = ops_[ip];
    const OpInfo& info = ins.info();
    const Depth in = *state_[ip];
    StackEffect e = stack_effect(ins);
    if (ins.op == Op::Call && returns_value_.count(static_cast<uint16_t>(ins.raw(0))) != 0)
      e.pushes_min = 1;  // the callee always returns a value
    Depth out;
    if (ins.op == Op::PushFrame) {
      // A new base at the current depth; PopFrame returns to it.
      out = Depth{0, 0, in.scopes, in.scopes_known};
      out.scopes.push_back({in.lo, in.hi});
    } else if (ins.op == Op::PopFrame) {
      // Back to the depth the matching PushFrame left (the scope's own values are dropped).
      if (in.scopes_known && !in.scopes.empty()) {
        out = Depth{in.scopes.back().lo, in.scopes.back().hi, in.scopes, true};
        out.scopes.pop_back();
      } else {
        out = unknown_depth();
        out.scopes_known = false;
      }
    } else if (e.unknown) {
      out = unknown_depth();
      out.scopes = in.scopes;
      out.scopes_known = in.scopes_known;
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
      out.scopes = in.scopes;
      out.scopes_known = in.scopes_known;
      if (e.take_up_to) {
        out.lo = std::max<int64_t>(in.lo - pops, 0) + e.pushes_min;
        out.hi = in.hi >= kUnbounded ? kUnbounded : std::max<int64_t>(in.hi - pops, 0) + e.pushes_max;
      } else {
        // Continue with the paths that did not underflow.
        out.lo = std::max(in.lo, needs) - pops + e.pushes_min;
        out.hi = in.hi >= kUnbounded ? kUnbounded : std::max(in.hi, needs) - pops + e.pushes_max;
      }
    }
    if (!info.has(opflag::kNoFallthrough)) merge(ip + 1, out);
    if (info.has(opflag::kBranch) || info.has(opflag::kJump)) {
      for (size_t i = 0; i < ins.operand_count(); ++i)
        if (ins.operand_kind(i) == OperandKind::Target) merge(ins.raw(i), out);
    }
  }

  VerifyContext& cx_;
  const std::vector<Instr>& ops_;
  std::vector<std::optional<Depth>> state_;
  std::vector<int> updates_;
  std::vector<bool> reported_;
  std::vector<bool> queued_;
  std::deque<size_t> work_;
  std::set<uint16_t> returns_value_;  // subs every exit of which returns a value
};

}  // namespace

void check_stack(VerifyContext& cx) { StackChecker(cx).run(); }

}  // namespace fusevm::detail
