// A compilation unit: the function a tier was asked for, plus every function it calls natively,
// each with its region, its analysed block-entry states and its return summary.
//
// Functions are specialised on their entry state: a sub called with (Int, Float) and the same
// sub called with (Int, Int) are two functions. The analysis (analysis.cpp) runs every function's
// blocks to a fixpoint, then repeats until no callee's return summary changes; the code
// generator then emits each function from those states.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fusevm/chunk.h"
#include "fusevm/jit.h"
#include "jit/region/region.h"
#include "jit/region/type_state.h"

namespace fusevm::jit {

class JitExtension;
struct NativeOpSpec;

/// What a function's returns push for its caller.
enum class Returns : uint8_t { None /* none found (yet) */, Value, Plain, Mixed };

struct Function {
  uint64_t entry = 0;
  EntryKind kind = EntryKind::Run;
  std::vector<TypeSet> entry_stack;  ///< the frame's values at entry (a Call: its arguments)
  /// Run/Loop entries: the type of every slot the region names, by slot number; Call entries
  /// start with every slot Undef.
  std::vector<std::pair<uint16_t, TypeSet>> entry_slots;

  Region region;
  std::vector<TypeState> block_in;  ///< analysed state at each block's entry
  std::vector<uint8_t> reached;     ///< whether block_in[b] is known
  uint32_t max_depth = 0;           ///< the most values its frame ever holds
  std::vector<TypeSet> slot_kinds;  ///< every kind each slot holds anywhere (register planning)

  Returns returns = Returns::None;
  TypeSet ret_types = kNone;  ///< types of the values its ReturnValues push

  /// The entry state in dense form.
  TypeState entry_state() const;
};

/// Limits on what one unit may hold (TraceJitConfig fills them).
struct UnitLimits {
  size_t max_region_ops = 4096;
  size_t max_functions = 16;
};

/// One Extended / CallBuiltin op an extension compiles natively.
struct ExtensionLookup {
  virtual ~ExtensionLookup() = default;
  /// The native op for this instruction, or nullptr.
  virtual const NativeOpSpec* find(const Instr& ins) const = 0;
};

struct Unit {
  const Chunk* chunk = nullptr;
  std::vector<std::unique_ptr<Function>> functions;  ///< [0] is the one asked for
  std::vector<int64_t> sub_entry;                    ///< name index -> entry ip (-1: none)
  UnitLimits limits;
  bool linear_only = false;  ///< the linear tier: one block, no control flow
  /// Check the fuel limit at every taken jump and call, as the interpreter does. Code without
  /// the checks is only run by VMs that have no fuel limit (it still checks interrupts).
  bool fuel_checks = true;
  const ExtensionLookup* extensions = nullptr;
  /// The extension ops the unit's code calls (their import-table order).
  std::vector<const NativeOpSpec*> imports;

  /// The function for (sub entry, argument types), added (unanalysed) if new; -1 when the unit
  /// is full or the entry is not compilable.
  int callee(uint64_t entry, const std::vector<TypeSet>& args);
  /// The import index of an extension op, added if new.
  uint32_t import_index(const NativeOpSpec* spec);
  /// The constant at index i as the interpreter sees it (Undef when out of range).
  const Value& constant(size_t i) const;
};

/// Creates the unit for one entry and analyses it (and its callees). Returns nullopt with a
/// reason when the entry cannot be compiled at all.
std::optional<Unit> analyse_unit(const Chunk& chunk, Function main, const UnitLimits& limits,
                                 bool linear_only, const ExtensionLookup* extensions,
                                 std::string& why_not, bool fuel_checks = true);

/// The predicate deciding which ops a tier compiles (op table flags, plus extension ops).
bool op_compilable(const Instr& ins, bool linear_only, const ExtensionLookup* extensions);

}  // namespace fusevm::jit
