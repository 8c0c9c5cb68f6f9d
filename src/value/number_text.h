// Number <-> text conversions with the original's exact rules (VALUE.md §7, §9), shared by the
// value coercions, the JSON and text formats, and the CLI.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fusevm::detail {

/// Appends a float as the original's to_str prints it (Rust Display): the shortest round-trip
/// digits laid out positionally, never in exponent form ("100000000000000000000", "0.00001",
/// "-0", "NaN", "inf").
void append_float_display(std::string& out, double f);

/// Appends a finite float as serde_json writes it (ryu layout): shortest round-trip digits,
/// always with a '.' or an exponent ("1.0", "2.5", "1e20", "1.5e-10", "-0.0").
void append_float_json(std::string& out, double f);

/// Appends a decimal integer.
void append_int(std::string& out, int64_t n);

/// to_int of a string: an optional sign and ASCII digits, the whole string, in int64 range.
/// Returns false (and leaves `out` alone) on any failure.
bool parse_int_strict(std::string_view s, int64_t& out) noexcept;

/// to_float of a string: sign? (digits [. digits*] | . digits) ([eE] sign? digits)?, or
/// inf / infinity / nan in any case. Correctly rounded; overflow gives ±inf and underflow ±0.
/// Returns false on any other text.
bool parse_float_strict(std::string_view s, double& out) noexcept;

}  // namespace fusevm::detail
