// The contract between native code and the VM: the context every compiled function receives,
// its calling convention, and the statuses it returns.
//
// Calling convention (System V x86-64; every tier uses it, the trace tier included):
//
//   uint32_t fn(JitContext* ctx, uint64_t base, uint64_t slot_base)
//
// `base` is the VM stack index of the frame's first value and `slot_base` the index of its first
// slot in the VM's slot array. Native code works on the VM's own memory: the frame's values at
// ctx->stack[base...] and its slots at ctx->slots[slot_base...], both arrays of 16-byte Values.
// Inside a function, scalars live unboxed in registers; whenever control leaves native code it
// writes them back as proper Values first (materialisation), so the interpreter always finds
// exactly the state it would have had itself.
//
// A trace (the trace tier) always returns kExited, with ctx->exit_ip holding the number of the
// snapshot it left by and ctx->trace_values[i] the raw bits of that snapshot's i-th value; the
// VM rebuilds the interpreter state from the snapshot (src/jit/runtime/trace_glue.cpp).
//
// A function returns kReturned after a Return/ReturnValue (its frame popped and the value pushed,
// as the interpreter would; ctx->ret_* say where the caller resumes), or kExited when it stopped before an op
// it does not compile or whose guard failed: ctx->exit_ip / exit_sp say where the interpreter
// resumes, with every frame's state written back. kExitCheckLimits in exit_flags asks the VM to
// run its limit check (fuel, interrupt) before resuming, because the exit happened at a taken
// jump, where the interpreter checks.
//
// Native calls between the functions of one unit write no interpreter frame (lazy frames), unless
// the unit was generated with eager frames (see below). The caller passes the callee's frame index
// and slot window in registers (a function of a unit also takes rcx = its own frame's index in
// the frame stack, so the next call's record goes there, and r8 = the slot stack's size above its
// slot window); the callee's Call frame record, the slot stack's size and the
// frame stack's size are written only when control leaves for the interpreter: the exit stub of
// the innermost function sets both sizes, and each caller on the way out writes the record of the
// call it made. So between entry and exit the VM's frame and slot stacks may hold, above their
// sizes, slot windows the interpreter does not know of yet; nothing reads them there, because a
// lazy unit calls no helper that looks at frames. A unit whose return would have to drop heap
// values (the CallReturn helper) is generated with eager frames instead: every native call pushes
// the interpreter's Call frame inline and every return pops it.
//
// Invariants native code keeps:
//  * It never allocates, frees or copies a heap value. An op that would read, copy, drop or
//    overwrite one is an exit. So a VM stack position above the frame's values, or a slot whose
//    value lives in a register, holds a stale scalar, never a heap object.
//  * ctx->executed is exact at every exit, call and return: the number of ops the interpreter
//    would have counted there.
//  * Helpers may move the VM's stack and slot arrays (growth); native code reloads its pointers
//    from ctx after every helper or native call.
#pragma once

#include <cstddef>
#include <cstdint>

#include "fusevm/value.h"
#include "interp/value_access.h"

namespace fusevm::jit {

struct JitContext {
  Value* stack = nullptr;          ///< the VM's value stack (moves when it grows)
  Value* slots = nullptr;          ///< the VM's slot array (moves when it grows)
  Value* globals = nullptr;        ///< the VM's globals
  uint64_t executed = 0;           ///< ops executed by the run so far
  uint64_t check_at = UINT64_MAX;  ///< leave at the taken jump or call where executed reaches it
  const uint8_t* interrupt = nullptr;  ///< the VM's interrupt flag, read at backward jumps
  const void* const* helpers = nullptr;  ///< helpers.def, by index
  const void* const* imports = nullptr;  ///< the running code's extension functions
  void* vm = nullptr;              ///< the VM::Impl (for helpers)
  const void* awk_host = nullptr;  ///< non-null when the VM has an awk host
  uint64_t exit_ip = 0;            ///< kExited: the op the interpreter resumes at
  uint64_t exit_sp = 0;            ///< kExited: the VM stack size there
  uint32_t exit_flags = 0;         ///< kExited: kExitCheckLimits
  uint32_t native_depth = 0;       ///< nested native calls now running
  uint32_t max_native_depth = 0;   ///< deeper calls leave to the interpreter (C stack bound)
  uint32_t ret_unit = 0;           ///< kReturned: the code unit the caller resumes in
  uint64_t ret_ip = 0;             ///< kReturned: the op the caller resumes at
  uint64_t ret_sp = 0;             ///< kReturned: the VM stack size after the return
  void* frames = nullptr;          ///< the VM's frame stack (a FlatStack<Frame>)
  void* slot_stack = nullptr;      ///< the VM's slot stack (a FlatStack<Value>)
  uint64_t stack_size = 0;         ///< values the VM stack holds (native code stays below)
  uint64_t max_call_depth = 0;     ///< VMLimits::max_call_depth
  uint64_t slot_count = 0;         ///< slots a Call frame gets
  uint64_t call_limit = 0;         ///< lazy frames: a native call's frame index must stay below
  uint64_t slot_limit = 0;         ///< lazy frames: the slot stack's capacity
  uint64_t* trace_values = nullptr;  ///< a trace's exit writes its snapshot's values here
  uint64_t chaos_state = 0;          ///< the chaos testing mode's random state
};

using NativeFn = uint32_t (*)(JitContext* ctx, uint64_t base, uint64_t slot_base);

inline constexpr uint32_t kReturned = 0;
inline constexpr uint32_t kExited = 1;
inline constexpr uint32_t kExitCheckLimits = 1;
/// A trace's exit forced by the chaos testing mode: resume on the recorded path.
inline constexpr uint32_t kExitForced = 2;

/// CallReturn's tag for a plain Return (no value).
inline constexpr uint64_t kNoReturnValue = 0xFF;

/// Field offsets, for the code generator.
namespace ctx_off {
inline constexpr int32_t stack = offsetof(JitContext, stack);
inline constexpr int32_t slots = offsetof(JitContext, slots);
inline constexpr int32_t globals = offsetof(JitContext, globals);
inline constexpr int32_t executed = offsetof(JitContext, executed);
inline constexpr int32_t check_at = offsetof(JitContext, check_at);
inline constexpr int32_t interrupt = offsetof(JitContext, interrupt);
inline constexpr int32_t helpers = offsetof(JitContext, helpers);
inline constexpr int32_t imports = offsetof(JitContext, imports);
inline constexpr int32_t awk_host = offsetof(JitContext, awk_host);
inline constexpr int32_t exit_ip = offsetof(JitContext, exit_ip);
inline constexpr int32_t exit_sp = offsetof(JitContext, exit_sp);
inline constexpr int32_t exit_flags = offsetof(JitContext, exit_flags);
inline constexpr int32_t native_depth = offsetof(JitContext, native_depth);
inline constexpr int32_t max_native_depth = offsetof(JitContext, max_native_depth);
inline constexpr int32_t ret_unit = offsetof(JitContext, ret_unit);
inline constexpr int32_t ret_ip = offsetof(JitContext, ret_ip);
inline constexpr int32_t ret_sp = offsetof(JitContext, ret_sp);
inline constexpr int32_t frames = offsetof(JitContext, frames);
inline constexpr int32_t slot_stack = offsetof(JitContext, slot_stack);
inline constexpr int32_t stack_size = offsetof(JitContext, stack_size);
inline constexpr int32_t max_call_depth = offsetof(JitContext, max_call_depth);
inline constexpr int32_t slot_count = offsetof(JitContext, slot_count);
inline constexpr int32_t call_limit = offsetof(JitContext, call_limit);
inline constexpr int32_t slot_limit = offsetof(JitContext, slot_limit);
inline constexpr int32_t trace_values = offsetof(JitContext, trace_values);
inline constexpr int32_t chaos_state = offsetof(JitContext, chaos_state);
}  // namespace ctx_off

/// The helpers native code calls (helpers.def), by index.
enum class Helper : uint32_t {
#define FUSEVM_JIT_HELPER(name, ret, params) name,
#include "helpers.def"
#undef FUSEVM_JIT_HELPER
  kCount
};

/// The helper table JitContext::helpers points to.
const void* const* helper_table() noexcept;
/// A hash of helpers.def (names and order), part of the disk cache's fingerprint.
uint64_t helpers_hash() noexcept;

/// Where a Value keeps its payload and its type tag (the layout native code reads and writes).
inline constexpr int32_t kValueSize = sizeof(Value);
inline constexpr int32_t kPayloadOffset = static_cast<int32_t>(detail::ValueAccess::payload_offset());
inline constexpr int32_t kTagOffset = static_cast<int32_t>(detail::ValueAccess::type_offset());
static_assert(kValueSize == 16 && kPayloadOffset == 0 && kTagOffset == 8,
              "native code assumes a Value is an 8-byte payload followed by its one-byte tag");

}  // namespace fusevm::jit
