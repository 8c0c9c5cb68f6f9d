// The backend interface: turns an analysed unit into position-independent machine code.
//
// Everything that knows about a target instruction set (today x86-64 through asmjit) sits behind
// this one function, so an asmjit upgrade or a second target touches only src/jit/backend/.
// The code it returns refers to nothing by absolute address: VM state through the JitContext,
// helpers through ctx->helpers, extension functions through ctx->imports, other functions of
// the unit and constants PC-relatively. It can be copied to any address, including from disk.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fusevm/status.h"
#include "jit/region/unit.h"
#include "jit/trace/ir.h"

namespace fusevm::jit {

/// Machine code for one unit.
struct CodeBlob {
  std::vector<uint8_t> code;              ///< the bytes to map executable
  uint32_t entry_offset = 0;              ///< where the unit's first function starts
  std::vector<std::string> import_symbols;  ///< ctx->imports[i] must point to this function
};

/// Generates code for `unit`. An error is never a user error: the caller counts it and keeps
/// interpreting.
Result<CodeBlob> generate_code(Unit& unit);

/// Generates a trace's code (the trace tier). `listing`, when given, receives the assembly.
Result<CodeBlob> generate_trace_code(const trace::TraceIr& ir, std::string* listing = nullptr);

/// "x86-64 (avx2 bmi2 ...)": the target and the CPU features generated code may use (part of
/// the disk cache's fingerprint).
std::string backend_target_description();

}  // namespace fusevm::jit
