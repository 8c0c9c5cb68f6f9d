// The C API's handles and the helpers every src/capi file shares: turning Status, C++ exceptions
// and argument checks into a fusevm_status plus the thread's last-error message.
//
// Rule of the C API: no exception crosses the C boundary. Every exported function runs its body
// through guarded(), which catches everything; std::bad_alloc becomes FUSEVM_ERR_OUT_OF_MEMORY.
#pragma once

#include <cstddef>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fusevm/builder.h"
#include "fusevm/chunk.h"
#include "fusevm/fusevm.h"
#include "fusevm/status.h"
#include "fusevm/vm.h"

struct fusevm_builder {
  fusevm::ChunkBuilder builder;
  bool fusion = true;  // ChunkBuilder has no getter; kept to survive fusevm_builder_build
};

struct fusevm_chunk {
  fusevm::Chunk chunk;
};

struct fusevm_vm {
  explicit fusevm_vm(fusevm::Chunk chunk, fusevm::VMLimits limits) : vm(std::move(chunk), limits) {}

  fusevm::VM vm;
  std::optional<fusevm::VMResult> last;  // the last run's result; nullopt after creation/reset
  std::string result_text;               // backs the result view's string
  fusevm_value result_view{};            // the result as C sees it, once result_viewed
  bool result_viewed = false;
  // Backs the strings of views handed out by pops and peeks. A deque keeps earlier strings in
  // place as it grows; callbacks truncate it back to where they found it.
  std::deque<std::string> arena;
  int callback_depth = 0;    // > 0 while one of this VM's callbacks runs
  bool fail_pending = false; // fusevm_vm_fail was called by the running callback
};

namespace fusevm::capi {

/// Records `message` as this thread's last error and returns `status`.
fusevm_status set_error(fusevm_status status, std::string_view message) noexcept;
/// As set_error, from a library Status (must not be ok).
fusevm_status set_error(const Status& status) noexcept;
/// The C status for a library error code (the numbers are the same by construction).
fusevm_status to_c_status(ErrorCode code) noexcept;

/// The calling thread's last-error message (what fusevm_last_error() returns).
std::string& last_error_storage() noexcept;

/// fusevm_status_name for any int (a callback may return a number outside the enum).
const char* status_name(int status) noexcept;

/// FUSEVM_ERR_INVALID_ARGUMENT naming the function and the argument.
fusevm_status null_argument(const char* function, const char* argument) noexcept;

/// Runs `body` (returning fusevm_status), turning any escaping exception into a status.
template <class F>
fusevm_status guarded(const char* function, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return set_error(FUSEVM_ERR_OUT_OF_MEMORY, std::string(function) + ": out of memory");
  } catch (const std::length_error& e) {
    return set_error(FUSEVM_ERR_LIMIT_EXCEEDED, std::string(function) + ": " + e.what());
  } catch (const std::logic_error& e) {
    return set_error(FUSEVM_ERR_INVALID_ARGUMENT, std::string(function) + ": " + e.what());
  } catch (const std::exception& e) {
    return set_error(FUSEVM_ERR_INTERNAL, std::string(function) + ": " + e.what());
  } catch (...) {
    return set_error(FUSEVM_ERR_INTERNAL, std::string(function) + ": unknown exception");
  }
}

/// The integer a C caller stored in an enum. C allows any int there, but C++ code must not load
/// an enum object holding a value outside the enum's range, so it is read as bytes.
template <class E>
int enum_value(const E& e) noexcept {
  static_assert(sizeof(E) == sizeof(int), "the C API's enums are int-sized");
  int v;
  std::memcpy(&v, &e, sizeof v);
  return v;
}

/// Converts a C view into a Value (scalars and strings only).
Result<Value> value_from_view(const fusevm_value* view);
/// Fills a C view of `value`; a string's bytes (or a container's JSON) go to `storage`.
void view_of(const Value& value, fusevm_value* out, std::string& storage);
/// A view whose string lives in the VM's arena (pops, peeks, globals).
void arena_view(fusevm_vm* vm, const Value& value, fusevm_value* out);

/// Adapts a C callback's return to the VM: a failing status (or fusevm_vm_fail) fails the run.
/// Sets up and tears down the per-callback state (arena mark, failure flag, depth).
class CallbackScope {
 public:
  // The thread's last error is set aside while the callback runs, so that a failing callback
  // is reported with the message of its own failed call, never an older one; it is put back
  // when the callback succeeds (the run then has not failed, and the errno-like rule holds).
  explicit CallbackScope(fusevm_vm* vm) noexcept
      : vm_(vm), arena_mark_(vm->arena.size()), saved_fail_(vm->fail_pending) {
    ++vm_->callback_depth;
    vm_->fail_pending = false;
    saved_error_.swap(last_error_storage());
  }
  ~CallbackScope() {
    if (!failed_) saved_error_.swap(last_error_storage());
    vm_->arena.resize(arena_mark_);
    vm_->fail_pending = saved_fail_;
    --vm_->callback_depth;
  }
  CallbackScope(const CallbackScope&) = delete;
  CallbackScope& operator=(const CallbackScope&) = delete;

  /// True if the callback asked for the run to fail, or returned an error (then the run fails
  /// with a message made from `what`, unless fusevm_vm_fail gave one).
  bool failed(int status, const std::string& what);

 private:
  fusevm_vm* vm_;
  size_t arena_mark_;
  bool saved_fail_;
  bool failed_ = false;
  std::string saved_error_;
};

}  // namespace fusevm::capi
