// The C API's error reporting and library identity: status names, the thread-local last error,
// the version queries and fusevm_free.
#include <cstdlib>

#include "capi_internal.h"
#include "fusevm/version.h"

namespace fusevm::capi {

namespace {

// One message per thread, so that threads using different handles never see each other's
// errors and no lock is needed.
thread_local std::string tls_last_error;

// The C enum spells out the numbers of errors.def; these fail the build if the two drift.
#define FUSEVM_CHECK_CODE(c_name, cpp_name) \
  static_assert(static_cast<int>(c_name) == static_cast<int>(ErrorCode::cpp_name), #c_name);
FUSEVM_CHECK_CODE(FUSEVM_OK, Ok)
FUSEVM_CHECK_CODE(FUSEVM_ERR_PARSE, ParseError)
FUSEVM_CHECK_CODE(FUSEVM_ERR_FORMAT, FormatError)
FUSEVM_CHECK_CODE(FUSEVM_ERR_TRUNCATED, Truncated)
FUSEVM_CHECK_CODE(FUSEVM_ERR_BAD_MAGIC, BadMagic)
FUSEVM_CHECK_CODE(FUSEVM_ERR_VERSION_MISMATCH, VersionMismatch)
FUSEVM_CHECK_CODE(FUSEVM_ERR_OP_TABLE_MISMATCH, OpTableMismatch)
FUSEVM_CHECK_CODE(FUSEVM_ERR_CHECKSUM_MISMATCH, ChecksumMismatch)
FUSEVM_CHECK_CODE(FUSEVM_ERR_LIMIT_EXCEEDED, LimitExceeded)
FUSEVM_CHECK_CODE(FUSEVM_ERR_VERIFY_FAILED, VerifyFailed)
FUSEVM_CHECK_CODE(FUSEVM_ERR_IO, IoError)
FUSEVM_CHECK_CODE(FUSEVM_ERR_OUT_OF_MEMORY, OutOfMemory)
FUSEVM_CHECK_CODE(FUSEVM_ERR_UNREPRESENTABLE, Unrepresentable)
FUSEVM_CHECK_CODE(FUSEVM_ERR_INVALID_ARGUMENT, InvalidArgument)
FUSEVM_CHECK_CODE(FUSEVM_ERR_RUNTIME, RuntimeError)
FUSEVM_CHECK_CODE(FUSEVM_ERR_STACK_UNDERFLOW, StackUnderflow)
FUSEVM_CHECK_CODE(FUSEVM_ERR_STACK_OVERFLOW, StackOverflow)
FUSEVM_CHECK_CODE(FUSEVM_ERR_CALL_DEPTH, CallDepthExceeded)
FUSEVM_CHECK_CODE(FUSEVM_ERR_FUEL_EXHAUSTED, FuelExhausted)
FUSEVM_CHECK_CODE(FUSEVM_ERR_INTERRUPTED, Interrupted)
FUSEVM_CHECK_CODE(FUSEVM_ERR_MEMORY_LIMIT, MemoryLimit)
FUSEVM_CHECK_CODE(FUSEVM_ERR_HANDLER_FAILED, HandlerFailed)
FUSEVM_CHECK_CODE(FUSEVM_ERR_NOT_COMPILED, NotCompiled)
#undef FUSEVM_CHECK_CODE

constexpr int kLastCoreCode = static_cast<int>(ErrorCode::NotCompiled);

}  // namespace

std::string& last_error_storage() noexcept { return tls_last_error; }

fusevm_status set_error(fusevm_status status, std::string_view message) noexcept {
  try {
    tls_last_error.assign(message);
  } catch (...) {
    // Out of memory while recording the message: an empty message is better than none at all.
    tls_last_error.clear();
  }
  return status;
}

fusevm_status set_error(const Status& status) noexcept {
  return set_error(to_c_status(status.code()), status.message());
}

fusevm_status to_c_status(ErrorCode code) noexcept {
  const int n = static_cast<int>(code);
  // A code appended to errors.def after this API was built still fails the call.
  if (n > kLastCoreCode) return FUSEVM_ERR_INTERNAL;
  return static_cast<fusevm_status>(n);
}

const char* status_name(int n) noexcept {
  if (n == FUSEVM_ERR_INTERNAL) return "Internal";
  if (n < 0 || n > kLastCoreCode) return "Unknown";
  // error_code_name views the string literals of errors.def, so .data() is NUL-terminated.
  return error_code_name(static_cast<ErrorCode>(n)).data();
}

fusevm_status null_argument(const char* function, const char* argument) noexcept {
  try {
    return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                     std::string(function) + ": " + argument + " is NULL");
  } catch (...) {
    return FUSEVM_ERR_INVALID_ARGUMENT;
  }
}

}  // namespace fusevm::capi

using namespace fusevm;

extern "C" {

const char* fusevm_status_name(fusevm_status status) {
  return capi::status_name(capi::enum_value(status));
}

const char* fusevm_last_error(void) { return capi::tls_last_error.c_str(); }

const char* fusevm_version(void) { return kVersion.data(); }

int fusevm_c_api_version(void) { return FUSEVM_C_API_VERSION; }

void fusevm_free(void* data) { std::free(data); }

}  // extern "C"
