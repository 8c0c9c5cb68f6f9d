// Calling embedder handlers: builtins, extension ops, the wide extension ops (whose reserved awk
// range goes to the awk ops). A handler's exception becomes a VM error and never unwinds through
// the loop; std::bad_alloc still propagates so that memory limits report as such.
#include <exception>

#include "fusevm/builtins.h"
#include "interp.h"

namespace fusevm {

std::string describe_exception(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return std::string("threw: ") + ex.what();
  } catch (...) {
    return "threw an exception that is not a std::exception";
  }
}

// Runs `call`; maps a handler's exception or fail() to an error. Returns false on failure.
// `who` names the handler for the message; it is only called on failure, so that the common case
// (a frontend's ext op run millions of times) builds no string.
template <class Who, class F>
static bool guarded(VM::Impl& vm, Who&& who, F&& call) {
  try {
    call();
  } catch (const std::bad_alloc&) {
    throw;
  } catch (...) {
    vm.raise(ErrorCode::HandlerFailed, who() + " " + describe_exception(std::current_exception()));
    return false;
  }
  if (vm.pending_error_) {
    vm.raise(vm.pending_error_->first, who() + ": " + vm.pending_error_->second);
    vm.pending_error_.reset();
    return false;
  }
  return true;
}

bool VM::Impl::call_builtin(uint16_t id, uint8_t argc) {
  if (id >= builtins_.size() || !builtins_[id]) {
    // Shell builtin ids are named (BUILTINS.md), so a frontend sees which command it forgot.
    const std::string_view name = builtins::builtin_name(id);
    raise(ErrorCode::RuntimeError, "no builtin registered for id " + std::to_string(id) +
                                       (name.empty() ? "" : " (" + std::string(name) + ")"));
    return false;
  }
  BuiltinHandler& handler = *builtins_[id];  // stays alive even if replaced meanwhile
  Value result;
  if (!guarded(*this, [id] { return "builtin " + std::to_string(id); },
               [&] { result = handler(*owner_, argc); }))
    return false;
  return push_checked(std::move(result));
}

bool VM::Impl::call_extension(uint16_t id, uint8_t arg) {
  if (!ext_) {
    raise(ErrorCode::RuntimeError, "no extension handler for op " + std::to_string(id));
    return false;
  }
  // Hold the handler in a local while it runs, so that replacing it from inside is safe; a
  // handler installed during the call is kept.
  ExtensionHandler handler = std::move(ext_);
  ext_ = nullptr;
  bool ok = false;
  try {
    ok = guarded(*this, [id] { return "extension op " + std::to_string(id); }, [&] { handler(*owner_, id, arg); });
  } catch (...) {
    if (!ext_) ext_ = std::move(handler);
    throw;
  }
  if (!ext_) ext_ = std::move(handler);
  return ok;
}

bool VM::Impl::call_extension_wide(uint16_t id, uint64_t payload) {
  if (is_awk_id(id)) {
    auto op = awk_op_for_id(id);
    if (!op) {
      raise(ErrorCode::RuntimeError,
            "no extension handler for op " + std::to_string(id) + " (reserved awk id with no awk op)");
      return false;
    }
    // The payload plays the part of the awk op's operand, at that operand's width.
    const OpInfo& info = op_info(*op);
    if (info.operand_count > 0) {
      const unsigned width = operand_width(info.operands[0]);
      if (width < 8) payload &= (uint64_t{1} << (8 * width)) - 1;
    }
    return op_awk(*op, payload);
  }
  if (!ext_wide_) {
    raise(ErrorCode::RuntimeError, "no extension handler for op " + std::to_string(id));
    return false;
  }
  ExtensionWideHandler handler = std::move(ext_wide_);
  ext_wide_ = nullptr;
  bool ok = false;
  try {
    ok = guarded(*this, [id] { return "extension op " + std::to_string(id); }, [&] { handler(*owner_, id, payload); });
  } catch (...) {
    if (!ext_wide_) ext_wide_ = std::move(handler);
    throw;
  }
  if (!ext_wide_) ext_wide_ = std::move(handler);
  return ok;
}

}  // namespace fusevm
