// Values in .fvm text — `Int -42`, `Str "x"`, `Array [..]`, `Hash {"k": ..}`, `Ref ..` — read by
// the assembler and printed by the disassembler. Both directions work without recursion, so deep
// nesting costs heap memory (bounded by LoadLimits when reading), never C++ stack.
#pragma once

#include <cstdint>
#include <string>

#include "asm_text.h"
#include "fusevm/value.h"

namespace fusevm::fvm {

/// Reads one value at the cursor. `depth` is how deep the value already sits (the nesting of
/// its chunk); an Array, Hash or Ref that would open at depth `max_nesting` or deeper is refused.
bool read_value(LineCursor& cur, size_t depth, uint32_t max_nesting, Value& out, TextError& error);

/// Appends a value as read_value() reads it. With a `limit`, stops soon after `limit` bytes have
/// been appended (the caller cuts the excess), so describing a huge value stays cheap.
void append_value(std::string& out, const Value& value, size_t limit = SIZE_MAX);

}  // namespace fusevm::fvm
