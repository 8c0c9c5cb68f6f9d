// Compiles a parsed awk program to one fusevm chunk.
//
// The chunk's shape: `Jump main`, the user functions, then the main code — the -v assignments,
// the BEGIN actions, the record loop (NextRecord, each rule's pattern and action) and the END
// actions. Variables used only outside functions live in slots of the top-level frame (so the
// JIT can keep loops over them in registers); variables that functions use are VM globals;
// function parameters and locals are the function's slots. Arrays are Int handles into the
// runtime's ArrayTable (global arrays get fixed handles, see CompiledProgram::global_arrays).
//
// Values are typed statically where the program allows it (a variable only ever assigned
// numbers is a number), so arithmetic, comparisons and conditions on numbers compile to the VM's
// own ops; everything else goes through the runtime's ext ops, which apply awk's rules.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "awk/ast.h"
#include "awk/source.h"
#include "fusevm/chunk.h"

namespace fusevm::awkfront {

struct CompileOptions {
  /// -v assignments, in order: (name, value before escape processing).
  std::vector<std::pair<std::string, std::string>> assignments;
  /// The operands (files and `var=value` assignments); their assigned names become VM globals
  /// so that the runtime can store them when the main input reaches them.
  std::vector<std::string> operands;
  /// Run the fusion pass on the chunk (ChunkBuilder::set_fusion).
  bool fusion = true;
};

/// Where a variable lives, for command-line assignments made while the program runs.
struct VariableHome {
  enum class Kind : uint8_t { Global, Special } kind = Kind::Global;
  uint16_t name_index = 0;  ///< Global: the VM global's index; Special: unused
};

struct CompiledProgram {
  Chunk chunk;
  /// The program's regex literals, in the order of their indices (the runtime compiles them
  /// with add_static_regex, which must hand out the same indices).
  std::vector<std::string> regexes;
  /// The user's global arrays in handle order: handle of global_arrays[i] is 2 + i (0 and 1 are
  /// ARGV and ENVIRON).
  std::vector<std::string> global_arrays;
  /// Variables a command-line assignment may store to, by name.
  std::vector<std::pair<std::string, VariableHome>> assignable;
};

/// Compiles `program` (parsed from `sources`). Returns false with `error` set on a semantic
/// error (a scalar used as an array, a function defined twice, an undefined function, a bad
/// regex literal, more than 255 arguments).
bool compile_program(const Program& program, const std::vector<Source>& sources, const CompileOptions& options,
                     CompiledProgram& out, SyntaxError& error);

}  // namespace fusevm::awkfront
