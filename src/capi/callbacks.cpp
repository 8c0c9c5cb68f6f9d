// The C API's callbacks: builtins, extension-op handlers and output sinks given as C function
// pointers with a user-data pointer, adapted to the VM's C++ handlers.
//
// A C callback cannot throw, so failure comes back as a status (or fusevm_vm_fail) and is turned
// into VM::fail here. The adaptors also check the builtin stack contract, because a C callback
// that pops the wrong number of values would otherwise corrupt the frame silently.
#include <cstdio>

#include "capi_internal.h"

using namespace fusevm;
using capi::guarded;
using capi::null_argument;
using capi::set_error;

namespace fusevm::capi {

bool CallbackScope::failed(int status, const std::string& what) {
  if (vm_->fail_pending) return failed_ = true;  // fusevm_vm_fail gave the VM its message
  if (status == FUSEVM_OK) return false;
  failed_ = true;
  std::string message = what + " failed (" + status_name(status) + ")";
  // The callback most likely failed on a call of ours; its message says why.
  const char* detail = fusevm_last_error();
  if (detail && *detail) message += std::string(": ") + detail;
  vm_->vm.fail(std::move(message));
  return true;
}

}  // namespace fusevm::capi

extern "C" {

fusevm_status fusevm_vm_register_builtin(fusevm_vm* vm, uint16_t id, fusevm_builtin_fn fn,
                                         void* user) {
  return guarded("fusevm_vm_register_builtin", [&] {
    if (!vm) return null_argument("fusevm_vm_register_builtin", "vm");
    if (!fn) {
      vm->vm.register_builtin(id, nullptr);
      return FUSEVM_OK;
    }
    vm->vm.register_builtin(id, [vm, fn, user, id](VM& v, uint8_t argc) -> Value {
      capi::CallbackScope scope(vm);
      const size_t before = v.frame_stack_size();
      const int status = capi::enum_value(fn(vm, argc, user));
      const std::string what = "builtin " + std::to_string(id);
      if (scope.failed(status, what)) return Value();
      // The contract: argc values popped, then at most one pushed (the result).
      const size_t base = before >= argc ? before - argc : 0;
      const size_t after = v.frame_stack_size();
      if (after == base + 1) return v.pop();
      if (after == base) return Value();
      v.fail(what + " must pop its " + std::to_string(argc) +
             " argument(s) and push at most one result (the frame went from " +
             std::to_string(before) + " to " + std::to_string(after) + " values)");
      return Value();
    });
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_set_extension_handler(fusevm_vm* vm, fusevm_extension_fn fn, void* user) {
  return guarded("fusevm_vm_set_extension_handler", [&] {
    if (!vm) return null_argument("fusevm_vm_set_extension_handler", "vm");
    if (!fn) {
      vm->vm.set_extension_handler(nullptr);
      return FUSEVM_OK;
    }
    vm->vm.set_extension_handler([vm, fn, user](VM&, uint16_t id, uint8_t arg) {
      capi::CallbackScope scope(vm);
      const int status = capi::enum_value(fn(vm, id, arg, user));
      (void)scope.failed(status, "extension op " + std::to_string(id));
    });
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_set_extension_wide_handler(fusevm_vm* vm, fusevm_extension_wide_fn fn,
                                                   void* user) {
  return guarded("fusevm_vm_set_extension_wide_handler", [&] {
    if (!vm) return null_argument("fusevm_vm_set_extension_wide_handler", "vm");
    if (!fn) {
      vm->vm.set_extension_wide_handler(nullptr);
      return FUSEVM_OK;
    }
    vm->vm.set_extension_wide_handler([vm, fn, user](VM&, uint16_t id, uint64_t payload) {
      capi::CallbackScope scope(vm);
      const int status = capi::enum_value(fn(vm, id, payload, user));
      (void)scope.failed(status, "wide extension op " + std::to_string(id));
    });
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_set_output(fusevm_vm* vm, fusevm_output_fn fn, void* user) {
  return guarded("fusevm_vm_set_output", [&] {
    if (!vm) return null_argument("fusevm_vm_set_output", "vm");
    if (!fn) {
      vm->vm.set_output([](std::string_view text) {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
      });
      return FUSEVM_OK;
    }
    vm->vm.set_output([fn, user](std::string_view text) { fn(text.data(), text.size(), user); });
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_vm_fail(fusevm_vm* vm, const char* message) {
  return guarded("fusevm_vm_fail", [&] {
    if (!vm) return null_argument("fusevm_vm_fail", "vm");
    if (!message) return null_argument("fusevm_vm_fail", "message");
    if (vm->callback_depth == 0)
      return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                       "fusevm_vm_fail: only a running callback can fail its run");
    vm->vm.fail(message);
    vm->fail_pending = true;
    return FUSEVM_OK;
  });
}

}  // extern "C"
