// The host helpers native code calls (helpers.def). Each does exactly what the interpreter does
// for its op, on the VM's own state; none throws (native frames have no unwind tables), so a
// failure is a return value that makes the native code exit and leave the op to the
// interpreter, which then reports it the usual way.
#include <bit>
#include <cmath>

#include "fusevm/containers.h"

#include "interp/interp.h"
#include "interp/quick_math.h"
#include "jit/runtime/context.h"
#include "jit/trace/closed_form.h"

namespace fusevm::jit {
namespace {

VM::Impl& vm_of(JitContext* ctx) { return *static_cast<VM::Impl*>(ctx->vm); }

// Pushes the Call frame for a native callee whose arguments are at [callee_base, ...), with
// room for `needed` values; returns its slot base, or -1 (nothing changed) when the interpreter
// would fail the call (call depth, stack size) or memory runs out.
int64_t call_enter(JitContext* ctx, uint64_t callee_base, uint64_t return_ip, uint64_t needed) noexcept {
  VM::Impl& vm = vm_of(ctx);
  if (vm.frames_.size() >= vm.limits_.max_call_depth) return -1;
  const size_t want = static_cast<size_t>(callee_base + needed);
  try {
    if (want > vm.stack_.size()) {
      if (want > vm.limits_.max_stack) return -1;
      vm.stack_.resize(std::min(std::max(vm.stack_.size() * 2, want), vm.limits_.max_stack));
      ctx->stack = vm.stack_.data();
      ctx->stack_size = vm.stack_.size();
    }
    Frame call;
    call.kind = FrameKind::Call;
    call.return_unit = 0;
    call.return_ip = return_ip;
    call.stack_base = static_cast<size_t>(callee_base);
    call.slot_base = vm.slots_.size();
    vm.frames_.push_back(call);
    try {
      vm.slots_.resize(vm.slots_.size() + vm.slot_count_);
    } catch (...) {
      vm.frames_.pop_back();
      return -1;
    }
    ctx->slots = vm.slots_.data();
    return static_cast<int64_t>(call.slot_base);
  } catch (...) {
    return -1;
  }
}

// Return / ReturnValue from a native function's Call frame, as the interpreter's inline path
// does it: the callee's values are dropped, the return value (already in VM memory at top-1)
// moves to the frame's base, the frame and its slots go. -1 when the top frame is not a Call
// frame (top level, or a scope is open): the interpreter handles that.
int64_t call_return(JitContext* ctx, uint64_t top, uint64_t, uint64_t tag) noexcept {
  VM::Impl& vm = vm_of(ctx);
  const Frame callee = vm.frames_.back();
  if (callee.kind != FrameKind::Call) return -1;
  const bool with_value = tag != kNoReturnValue;
  Value result;
  if (with_value) result = std::move(vm.stack_[top - 1]);
  for (size_t p = callee.stack_base; p < top; ++p) vm.stack_[p] = Value();
  if (with_value) vm.stack_[callee.stack_base] = std::move(result);
  vm.slots_.resize(callee.slot_base);
  ctx->ret_sp = callee.stack_base + (with_value ? 1 : 0);
  ctx->ret_unit = callee.return_unit;
  ctx->ret_ip = callee.return_ip;
  vm.frames_.pop_back();
  return 0;
}

double pow_helper(double a, double b) noexcept { return std::pow(a, b); }
double fmod_helper(double a, double b) noexcept { return std::fmod(a, b); }
double sin_helper(double x) noexcept { return std::sin(x); }
double cos_helper(double x) noexcept { return std::cos(x); }
double exp_helper(double x) noexcept { return std::exp(x); }
double log_helper(double x) noexcept { return std::log(x); }
double atan2_helper(double y, double x) noexcept { return std::atan2(y, x); }
int64_t sum_range_helper(int64_t sum, int64_t first, int64_t limit) noexcept {
  return quick::sum_range_wrapping(sum, first, limit);
}

// ArrayPush of a scalar onto an unshared global array (the trace tier): 1 when pushed, 0 when
// the interpreter must do it (not such an array, or the memory limit refused the growth — the
// vector is then unchanged and the interpreter's own push raises the error).
uint64_t array_push_helper(Value* globals, uint64_t global, uint64_t bits, uint64_t type) noexcept {
  Value& target = globals[global];
  if (!target.is_array() || target.is_shared()) return 0;
  Value v;
  switch (static_cast<ValueType>(type)) {
    case ValueType::Bool: v = Value::boolean(bits != 0); break;
    case ValueType::Int: v = Value::integer(static_cast<int64_t>(bits)); break;
    case ValueType::Float: v = Value::floating(std::bit_cast<double>(bits)); break;
    default: break;
  }
  try {
    target.mutable_array().push_back(v);
  } catch (...) {
    return 0;
  }
  return 1;
}

// A closed-form loop's skip (trace/closed_form.h): io holds a LoopSkipInput's eight words; returns
// how many iterations to skip and leaves k*(k-1)/2 (modulo 2^64) in io[0] for the sums.
uint64_t loop_skip_helper(int64_t* io) noexcept {
  const trace::LoopSkipInput in{io[0], io[1], io[2], io[3], static_cast<uint64_t>(io[4]), static_cast<uint64_t>(io[5]),
                                static_cast<uint64_t>(io[6]), static_cast<uint64_t>(io[7])};
  const uint64_t k = trace::loop_skip_count(in);
  __extension__ typedef unsigned __int128 Wide;
  const Wide pairs = static_cast<Wide>(k) * (k == 0 ? 0 : k - 1) / 2;
  io[0] = static_cast<int64_t>(static_cast<uint64_t>(pairs));
  return k;
}

// In helpers.def order.
const void* const kHelpers[] = {
    reinterpret_cast<const void*>(&call_enter),   reinterpret_cast<const void*>(&call_return),
    reinterpret_cast<const void*>(&pow_helper),   reinterpret_cast<const void*>(&fmod_helper),
    reinterpret_cast<const void*>(&sin_helper),   reinterpret_cast<const void*>(&cos_helper),
    reinterpret_cast<const void*>(&exp_helper),   reinterpret_cast<const void*>(&log_helper),
    reinterpret_cast<const void*>(&atan2_helper), reinterpret_cast<const void*>(&sum_range_helper),
    reinterpret_cast<const void*>(&array_push_helper), reinterpret_cast<const void*>(&loop_skip_helper),
};
static_assert(sizeof(kHelpers) / sizeof(kHelpers[0]) == static_cast<size_t>(Helper::kCount),
              "one function per helpers.def entry");

}  // namespace

const void* const* helper_table() noexcept { return kHelpers; }

uint64_t helpers_hash() noexcept {
  static const uint64_t hash = [] {
    uint64_t h = 0xcbf29ce484222325ull;
    const char* const names[] = {
#define FUSEVM_JIT_HELPER(name, ret, params) #name " " #ret " " #params,
#include "helpers.def"
#undef FUSEVM_JIT_HELPER
    };
    for (const char* n : names) {
      for (const char* c = n; *c; ++c) h = (h ^ static_cast<uint8_t>(*c)) * 0x100000001b3ull;
      h = (h ^ 0xff) * 0x100000001b3ull;
    }
    return h;
  }();
  return hash;
}

}  // namespace fusevm::jit
