// Names and descriptions of the error codes, generated from errors.def.
#include "fusevm/status.h"

#include <array>

namespace fusevm {
namespace {

constexpr std::array kErrorNames = {
#define FUSEVM_ERROR(name, text) std::string_view(#name),
#include "fusevm/errors.def"
#undef FUSEVM_ERROR
};

constexpr std::array kErrorDescriptions = {
#define FUSEVM_ERROR(name, text) std::string_view(text),
#include "fusevm/errors.def"
#undef FUSEVM_ERROR
};

}  // namespace

std::string_view error_code_name(ErrorCode code) noexcept {
  auto i = static_cast<size_t>(code);
  return i < kErrorNames.size() ? kErrorNames[i] : std::string_view("Unknown");
}

std::string_view error_code_description(ErrorCode code) noexcept {
  auto i = static_cast<size_t>(code);
  return i < kErrorDescriptions.size() ? kErrorDescriptions[i] : std::string_view("unknown error");
}

}  // namespace fusevm
