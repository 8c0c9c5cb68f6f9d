// The x86-64 register plan shared by the code generator's files (see emitter.h).
#pragma once

#include <asmjit/x86.h>

#include <cstdint>

namespace fusevm::jit::x64 {

namespace ax = asmjit::x86;

inline const ax::Gp kCtx = ax::r15;    // JitContext*
inline const ax::Gp kSlots = ax::r14;  // this frame's first slot
inline const ax::Gp kStack = ax::r13;  // this frame's first stack value
inline const ax::Gp kCount = ax::rbp;  // ops executed

/// Allocatable GPRs, callee-saved first (homes prefer them: they survive helper calls).
inline constexpr uint8_t kGprOrder[] = {3 /*rbx*/, 12, 6 /*rsi*/, 7 /*rdi*/, 8, 9, 10, 11};
inline constexpr uint32_t kCallerSavedGpr = (1u << 6) | (1u << 7) | (1u << 8) | (1u << 9) |
                                            (1u << 10) | (1u << 11);
/// Allocatable XMMs (all caller-saved); xmm0 and xmm1 are scratch.
inline constexpr uint8_t kXmmFirst = 2;
inline constexpr uint8_t kXmmEnd = 16;

/// At most this many GPR / XMM homes, so that temporaries always have registers to work in.
inline constexpr uint32_t kMaxGprHomes = 5;
inline constexpr uint32_t kMaxXmmHomes = 10;

inline ax::Gp gp(uint32_t id) { return ax::gpq(id); }
inline ax::Xmm xmm(uint32_t id) { return ax::xmm(id); }

}  // namespace fusevm::jit::x64
