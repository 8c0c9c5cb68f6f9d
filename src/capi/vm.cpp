// The C API's VM handles: creation, runs and their results, limits, statistics, and the
// process-wide JIT queries.
#include "capi_internal.h"
#include "fusevm/jit.h"

using namespace fusevm;
using capi::guarded;
using capi::null_argument;
using capi::set_error;

namespace {

VMLimits limits_from_c(const fusevm_limits& in) {
  VMLimits out;
  out.fuel = in.fuel;
  out.max_stack = static_cast<size_t>(in.max_stack);
  out.max_call_depth = in.max_call_depth;
  out.memory_limit = static_cast<size_t>(in.memory_limit);
  return out;
}

fusevm_limits limits_to_c(const VMLimits& in) {
  fusevm_limits out{};
  out.fuel = in.fuel;
  out.max_stack = in.max_stack;
  out.max_call_depth = in.max_call_depth;
  out.memory_limit = in.memory_limit;
  return out;
}

// Running, resetting or freeing a VM from inside its own callback would pull the stack and
// frames out from under the op that called it.
fusevm_status refuse_in_callback(const fusevm_vm* vm, const char* function) {
  if (vm->callback_depth == 0) return FUSEVM_OK;
  return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                   std::string(function) + ": not allowed inside one of the VM's own callbacks");
}

void forget_run(fusevm_vm* vm) {
  vm->last.reset();
  vm->result_text.clear();
  vm->result_viewed = false;
  vm->arena.clear();
}

}  // namespace

extern "C" {

fusevm_status fusevm_limits_init(fusevm_limits* out) {
  return guarded("fusevm_limits_init", [&] {
    if (!out) return null_argument("fusevm_limits_init", "out");
    *out = limits_to_c(VMLimits{});
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_new(const fusevm_chunk* chunk, const fusevm_limits* limits,
                            fusevm_vm** out_vm) {
  return guarded("fusevm_vm_new", [&] {
    if (out_vm) *out_vm = nullptr;
    if (!chunk) return null_argument("fusevm_vm_new", "chunk");
    if (!out_vm) return null_argument("fusevm_vm_new", "out_vm");
    // A deep copy shares no reference counts with the caller's chunk, so threads may create
    // VMs from one chunk at once and run them independently.
    *out_vm = new fusevm_vm(chunk->chunk.deep_copy(), limits ? limits_from_c(*limits) : VMLimits{});
    return FUSEVM_OK;
  });
}

void fusevm_vm_free(fusevm_vm* vm) {
  // Freeing from inside a callback would destroy the running VM; leaking is the lesser harm.
  if (vm && vm->callback_depth == 0) delete vm;
}

fusevm_status fusevm_vm_run(fusevm_vm* vm, fusevm_outcome* out_outcome) {
  return guarded("fusevm_vm_run", [&] {
    if (out_outcome) *out_outcome = FUSEVM_OUTCOME_NONE;
    if (!vm) return null_argument("fusevm_vm_run", "vm");
    if (fusevm_status s = refuse_in_callback(vm, "fusevm_vm_run")) return s;
    forget_run(vm);
    vm->last.emplace(vm->vm.run());
    const VMResult& r = *vm->last;
    if (out_outcome)
      *out_outcome = r.is_ok() ? FUSEVM_OUTCOME_OK
                               : r.is_halted() ? FUSEVM_OUTCOME_HALTED : FUSEVM_OUTCOME_ERROR;
    if (r.is_error()) return set_error(capi::to_c_status(r.error_code()), r.error());
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_outcome(const fusevm_vm* vm, fusevm_outcome* out_outcome) {
  return guarded("fusevm_vm_outcome", [&] {
    if (!vm) return null_argument("fusevm_vm_outcome", "vm");
    if (!out_outcome) return null_argument("fusevm_vm_outcome", "out_outcome");
    if (!vm->last) *out_outcome = FUSEVM_OUTCOME_NONE;
    else if (vm->last->is_ok()) *out_outcome = FUSEVM_OUTCOME_OK;
    else if (vm->last->is_halted()) *out_outcome = FUSEVM_OUTCOME_HALTED;
    else *out_outcome = FUSEVM_OUTCOME_ERROR;
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_result(fusevm_vm* vm, fusevm_value* out_value) {
  return guarded("fusevm_vm_result", [&] {
    if (!vm) return null_argument("fusevm_vm_result", "vm");
    if (!out_value) return null_argument("fusevm_vm_result", "out_value");
    // Rendered once per run, so the string of every view of this result stays valid.
    if (!vm->result_viewed) {
      capi::view_of(vm->last ? vm->last->value() : Value(), &vm->result_view, vm->result_text);
      vm->result_viewed = true;
    }
    *out_value = vm->result_view;
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_error(const fusevm_vm* vm, const char** out_message) {
  return guarded("fusevm_vm_error", [&] {
    if (!vm) return null_argument("fusevm_vm_error", "vm");
    if (!out_message) return null_argument("fusevm_vm_error", "out_message");
    *out_message = vm->last ? vm->last->error().c_str() : "";
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_reset(fusevm_vm* vm) {
  return guarded("fusevm_vm_reset", [&] {
    if (!vm) return null_argument("fusevm_vm_reset", "vm");
    if (fusevm_status s = refuse_in_callback(vm, "fusevm_vm_reset")) return s;
    forget_run(vm);
    vm->vm.reset();
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_reset_chunk(fusevm_vm* vm, const fusevm_chunk* chunk) {
  return guarded("fusevm_vm_reset_chunk", [&] {
    if (!vm) return null_argument("fusevm_vm_reset_chunk", "vm");
    if (!chunk) return null_argument("fusevm_vm_reset_chunk", "chunk");
    if (fusevm_status s = refuse_in_callback(vm, "fusevm_vm_reset_chunk")) return s;
    forget_run(vm);
    vm->vm.reset(chunk->chunk.deep_copy());
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_set_limits(fusevm_vm* vm, const fusevm_limits* limits) {
  return guarded("fusevm_vm_set_limits", [&] {
    if (!vm) return null_argument("fusevm_vm_set_limits", "vm");
    if (!limits) return null_argument("fusevm_vm_set_limits", "limits");
    vm->vm.set_limits(limits_from_c(*limits));
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_get_limits(const fusevm_vm* vm, fusevm_limits* out_limits) {
  return guarded("fusevm_vm_get_limits", [&] {
    if (!vm) return null_argument("fusevm_vm_get_limits", "vm");
    if (!out_limits) return null_argument("fusevm_vm_get_limits", "out_limits");
    *out_limits = limits_to_c(vm->vm.limits());
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_interrupt(fusevm_vm* vm) {
  if (!vm) return null_argument("fusevm_vm_interrupt", "vm");
  vm->vm.interrupt();  // noexcept and lock-free: safe while another thread runs the VM
  return FUSEVM_OK;
}

fusevm_status fusevm_vm_stats(const fusevm_vm* vm, fusevm_stats* out_stats) {
  return guarded("fusevm_vm_stats", [&] {
    if (!vm) return null_argument("fusevm_vm_stats", "vm");
    if (!out_stats) return null_argument("fusevm_vm_stats", "out_stats");
    const VMStats& s = vm->vm.stats();
    *out_stats = fusevm_stats{};
    out_stats->ops_executed = s.ops_executed;
    out_stats->peak_memory = s.peak_memory;
    out_stats->jit_entries = s.jit_entries;
    out_stats->jit_exits = s.jit_exits;
    out_stats->jit_ops = s.jit_ops;
    out_stats->trace_entries = s.trace_entries;
    out_stats->trace_exits = s.trace_exits;
    out_stats->trace_ops = s.trace_ops;
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_set_jit(fusevm_vm* vm, int on) {
  return guarded("fusevm_vm_set_jit", [&] {
    if (!vm) return null_argument("fusevm_vm_set_jit", "vm");
    vm->vm.set_jit(on != 0);
    return FUSEVM_OK;
  });
}

int fusevm_jit_available(void) { return FUSEVM_HAS_JIT ? 1 : 0; }

fusevm_status fusevm_jit_get_stats(fusevm_jit_stats* out_stats) {
  return guarded("fusevm_jit_get_stats", [&] {
    if (!out_stats) return null_argument("fusevm_jit_get_stats", "out_stats");
    // Without the JIT the compiler's stats() is all zeros, which is the documented answer.
    const jit::JitStats s = jit::JitCompiler::global().stats();
    *out_stats = fusevm_jit_stats{};
    out_stats->compiles_linear = s.compiles_linear;
    out_stats->compiles_block = s.compiles_block;
    out_stats->compiles_trace = s.compiles_trace;
    out_stats->compile_failures = s.compile_failures;
    out_stats->compile_ns = s.compile_ns;
    out_stats->trace_recordings = s.trace_recordings;
    out_stats->trace_aborts = s.trace_aborts;
    out_stats->trace_entries = s.trace_entries;
    out_stats->trace_exits = s.trace_exits;
    out_stats->trace_side_exits = s.trace_side_exits;
    out_stats->native_bytes = s.native_bytes;
    out_stats->native_entries = s.native_entries;
    out_stats->native_exits = s.native_exits;
    out_stats->memory_hits = s.memory_hits;
    out_stats->disk_hits = s.disk_hits;
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_jit_reset_stats(void) {
  return guarded("fusevm_jit_reset_stats", [&] {
    jit::JitCompiler::global().reset_stats();
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_jit_set_cache_dir(const char* dir) {
  return guarded("fusevm_jit_set_cache_dir", [&] {
    jit::JitCompiler::global().set_cache_dir(dir ? std::optional<std::string>(dir) : std::nullopt);
    return FUSEVM_OK;
  });
}

}  // extern "C"
