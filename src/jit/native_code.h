// NativeCode's internals: the executable mapping, the entry point, the resolved imports, and the
// entry signature in the form the VM checks before running it.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "fusevm/jit.h"
#include "jit/runtime/context.h"
#include "jit/runtime/exec_memory.h"
#include "jit/types.h"

namespace fusevm::jit {

constexpr TypeSet type_of(SlotKind k) { return static_cast<TypeSet>(1u << static_cast<unsigned>(k)); }
constexpr SlotKind kind_of(TypeSet single) {
  switch (single) {
    case kBool: return SlotKind::Bool;
    case kInt: return SlotKind::Int;
    case kFloat: return SlotKind::Float;
    case kUndef: return SlotKind::Undef;
    default: return SlotKind::Other;
  }
}

struct NativeCode::Impl {
  std::unique_ptr<ExecMemory> memory;
  NativeFn fn = nullptr;
  std::vector<const void*> imports;  ///< ctx->imports while it runs
  std::vector<TypeSet> stack_types;  ///< the entry signature (each a single kind)
  std::vector<std::pair<uint16_t, TypeSet>> slot_types;
  uint32_t max_depth = 0;            ///< frame values it may use (the VM makes room first)
};

}  // namespace fusevm::jit
