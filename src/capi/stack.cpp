// The C API's access to the VM's stack and globals, for callbacks and between runs.
//
// Pops check the frame first: the C++ VM::pop() below the frame's base fails the run, but a C
// caller should get a status it can act on instead, with nothing changed.
#include "capi_internal.h"

using namespace fusevm;
using capi::guarded;
using capi::null_argument;
using capi::set_error;

namespace {

fusevm_status underflow(const char* function) {
  return set_error(FUSEVM_ERR_STACK_UNDERFLOW,
                   std::string(function) + ": the current frame has no values");
}

// Globals are named by name-pool indices, which are 16-bit; a larger index is a caller's bug
// (and would make the VM allocate a huge globals table).
constexpr size_t kMaxGlobals = size_t{1} << 16;

}  // namespace

extern "C" {

fusevm_status fusevm_vm_stack_size(const fusevm_vm* vm, size_t* out_size) {
  return guarded("fusevm_vm_stack_size", [&] {
    if (!vm) return null_argument("fusevm_vm_stack_size", "vm");
    if (!out_size) return null_argument("fusevm_vm_stack_size", "out_size");
    *out_size = vm->vm.frame_stack_size();
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_push(fusevm_vm* vm, const fusevm_value* value) {
  return guarded("fusevm_vm_push", [&] {
    if (!vm) return null_argument("fusevm_vm_push", "vm");
    if (!value) return null_argument("fusevm_vm_push", "value");
    Result<Value> v = capi::value_from_view(value);
    if (!v.ok()) return set_error(v.status().prepend("fusevm_vm_push"));
    vm->vm.push(std::move(v).value());
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_push_int(fusevm_vm* vm, int64_t value) {
  return guarded("fusevm_vm_push_int", [&] {
    if (!vm) return null_argument("fusevm_vm_push_int", "vm");
    vm->vm.push(Value::integer(value));
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_push_float(fusevm_vm* vm, double value) {
  return guarded("fusevm_vm_push_float", [&] {
    if (!vm) return null_argument("fusevm_vm_push_float", "vm");
    vm->vm.push(Value::floating(value));
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_push_string(fusevm_vm* vm, const char* data, size_t len) {
  return guarded("fusevm_vm_push_string", [&] {
    if (!vm) return null_argument("fusevm_vm_push_string", "vm");
    if (!data && len != 0) return null_argument("fusevm_vm_push_string", "data");
    vm->vm.push(Value::string(std::string_view(len ? data : "", len)));
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_push_array(fusevm_vm* vm, size_t count) {
  return guarded("fusevm_vm_push_array", [&] {
    if (!vm) return null_argument("fusevm_vm_push_array", "vm");
    if (vm->vm.frame_stack_size() < count)
      return set_error(FUSEVM_ERR_STACK_UNDERFLOW,
                       "fusevm_vm_push_array: " + std::to_string(count) +
                           " values wanted, the current frame has " +
                           std::to_string(vm->vm.frame_stack_size()));
    ValueVector items(count);
    for (size_t i = count; i-- > 0;) items[i] = vm->vm.pop();
    vm->vm.push(Value::array(std::move(items)));
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_pop(fusevm_vm* vm, fusevm_value* out_value) {
  return guarded("fusevm_vm_pop", [&] {
    if (!vm) return null_argument("fusevm_vm_pop", "vm");
    if (vm->vm.frame_stack_size() == 0) return underflow("fusevm_vm_pop");
    Value v = vm->vm.pop();
    if (out_value) capi::arena_view(vm, v, out_value);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_pop_int(fusevm_vm* vm, int64_t* out_value) {
  return guarded("fusevm_vm_pop_int", [&] {
    if (!vm) return null_argument("fusevm_vm_pop_int", "vm");
    if (!out_value) return null_argument("fusevm_vm_pop_int", "out_value");
    if (vm->vm.frame_stack_size() == 0) return underflow("fusevm_vm_pop_int");
    *out_value = vm->vm.pop().to_int();
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_pop_float(fusevm_vm* vm, double* out_value) {
  return guarded("fusevm_vm_pop_float", [&] {
    if (!vm) return null_argument("fusevm_vm_pop_float", "vm");
    if (!out_value) return null_argument("fusevm_vm_pop_float", "out_value");
    if (vm->vm.frame_stack_size() == 0) return underflow("fusevm_vm_pop_float");
    *out_value = vm->vm.pop().to_float();
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_pop_string(fusevm_vm* vm, const char** out_data, size_t* out_len) {
  return guarded("fusevm_vm_pop_string", [&] {
    if (!vm) return null_argument("fusevm_vm_pop_string", "vm");
    if (!out_data) return null_argument("fusevm_vm_pop_string", "out_data");
    if (vm->vm.frame_stack_size() == 0) return underflow("fusevm_vm_pop_string");
    std::string& text = vm->arena.emplace_back();
    vm->vm.pop().append_str_to(text);
    *out_data = text.c_str();
    if (out_len) *out_len = text.size();
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_peek(fusevm_vm* vm, fusevm_value* out_value) {
  return guarded("fusevm_vm_peek", [&] {
    if (!vm) return null_argument("fusevm_vm_peek", "vm");
    if (!out_value) return null_argument("fusevm_vm_peek", "out_value");
    if (vm->vm.frame_stack_size() == 0) return underflow("fusevm_vm_peek");
    capi::arena_view(vm, vm->vm.peek(), out_value);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_get_global(fusevm_vm* vm, size_t index, fusevm_value* out_value) {
  return guarded("fusevm_vm_get_global", [&] {
    if (!vm) return null_argument("fusevm_vm_get_global", "vm");
    if (!out_value) return null_argument("fusevm_vm_get_global", "out_value");
    capi::arena_view(vm, vm->vm.get_global(index), out_value);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_set_global(fusevm_vm* vm, size_t index, const fusevm_value* value) {
  return guarded("fusevm_vm_set_global", [&] {
    if (!vm) return null_argument("fusevm_vm_set_global", "vm");
    if (!value) return null_argument("fusevm_vm_set_global", "value");
    if (index >= kMaxGlobals)
      return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                       "fusevm_vm_set_global: index " + std::to_string(index) +
                           " is not a name-pool index (0..65535)");
    Result<Value> v = capi::value_from_view(value);
    if (!v.ok()) return set_error(v.status().prepend("fusevm_vm_set_global"));
    vm->vm.set_global(index, std::move(v).value());
    return FUSEVM_OK;
  });
}

}  // extern "C"
