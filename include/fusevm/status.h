// Status and Result<T>: how every fallible fusevm API reports failure.
//
// The core never throws for expected failures (bad input, limits, verification). A Status carries
// an ErrorCode from errors.def plus a human-readable message that names what failed and where.
// Result<T> is either a value or a non-ok Status. Both are [[nodiscard]]: ignoring an error is a
// compile-time warning.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace fusevm {

/// Every error code fusevm reports (generated from errors.def).
enum class ErrorCode : uint16_t {
#define FUSEVM_ERROR(name, text) name,
#include "fusevm/errors.def"
#undef FUSEVM_ERROR
};

/// The identifier of an error code, e.g. "ParseError".
std::string_view error_code_name(ErrorCode code) noexcept;
/// The short description of an error code from errors.def.
std::string_view error_code_description(ErrorCode code) noexcept;

/// Success, or an error code with a message.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok_status() { return Status(); }

  bool ok() const noexcept { return code_ == ErrorCode::Ok; }
  ErrorCode code() const noexcept { return code_; }
  /// The full message, e.g. "demo.fvm:12 (ip 37, ArrayGet): index -1 out of range".
  const std::string& message() const noexcept { return message_; }

  /// Prefixes the message with context ("while loading x.json: ...").
  Status& prepend(std::string_view context) {
    message_.insert(0, std::string(context) + ": ");
    return *this;
  }

 private:
  ErrorCode code_ = ErrorCode::Ok;
  std::string message_;
};

/// Either a T or a non-ok Status.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {}  // NOLINT(google-explicit-constructor)
  Result(ErrorCode code, std::string message) : data_(Status(code, std::move(message))) {}

  bool ok() const noexcept { return std::holds_alternative<T>(data_); }
  explicit operator bool() const noexcept { return ok(); }

  /// The value; only valid when ok().
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// The error; an ok Status when a value is held.
  Status status() const {
    if (ok()) return Status();
    return std::get<Status>(data_);
  }
  const std::string& message() const {
    static const std::string empty;
    return ok() ? empty : std::get<Status>(data_).message();
  }

 private:
  std::variant<T, Status> data_;
};

}  // namespace fusevm

/// Returns from the enclosing function if `expr` (a Status) is an error.
#define FUSEVM_RETURN_IF_ERROR(expr)            \
  do {                                          \
    ::fusevm::Status fusevm_status_ = (expr);   \
    if (!fusevm_status_.ok()) return fusevm_status_; \
  } while (0)

#define FUSEVM_CONCAT_INNER_(a, b) a##b
#define FUSEVM_CONCAT_(a, b) FUSEVM_CONCAT_INNER_(a, b)

/// `FUSEVM_ASSIGN_OR_RETURN(auto x, f());` declares x from a Result or returns its Status.
#define FUSEVM_ASSIGN_OR_RETURN(lhs, expr) \
  FUSEVM_ASSIGN_OR_RETURN_IMPL_(FUSEVM_CONCAT_(fusevm_result_, __LINE__), lhs, expr)
#define FUSEVM_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()
