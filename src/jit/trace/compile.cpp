// The trace tier's pipeline: recording -> IR (build_trace, peeling, dead code) -> machine code
// -> executable memory, with the process-wide memory of compiled traces.
#include <xxhash.h>

#include <chrono>

#include "jit/backend/backend.h"
#include "jit/compiler_impl.h"
#include "jit/jit_log.h"
#include "jit/trace/peel.h"

namespace fusevm::jit {

namespace {

uint64_t trace_key(uint64_t chunk_hash, uint64_t anchor, const std::vector<SlotKind>& kinds,
                   const TraceOptimizations& o, uint32_t chaos) {
  uint64_t h = XXH64(kinds.data(), kinds.size() * sizeof(SlotKind), chunk_hash ^ (anchor * 0x9E3779B97F4A7C15ull));
  const uint64_t flags = (o.fold ? 1u : 0u) | (o.cse ? 2u : 0u) | (o.guard_elim ? 4u : 0u) | (o.peel ? 8u : 0u) |
                         (o.unbox ? 16u : 0u) | (o.sink ? 32u : 0u) | (static_cast<uint64_t>(chaos) << 8);
  return XXH64(&flags, sizeof flags, h);
}

}  // namespace

std::shared_ptr<const trace::CompiledTrace> JitCompiler::Impl::find_trace(uint64_t chunk_hash, uint64_t anchor,
                                                                          const std::vector<SlotKind>& kinds) {
  std::lock_guard lock(mu);
  auto it = traces.find(trace_key(chunk_hash, anchor, kinds, config_.trace_opts, config_.trace_chaos_mask));
  if (it == traces.end()) return nullptr;
  memory_hits.fetch_add(1, std::memory_order_relaxed);
  return it->second;
}

Result<std::shared_ptr<const trace::CompiledTrace>> JitCompiler::Impl::compile_trace(const trace::TraceSource& source,
                                                                                    uint64_t chunk_hash, bool dump) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const TraceJitConfig cfg = config();
  const auto refuse = [&](const Status& why) -> Result<std::shared_ptr<const trace::CompiledTrace>> {
    compile_failures.fetch_add(1, std::memory_order_relaxed);
    if (auto* log = jit_log())
      log->info("trace declined chunk={:016x} anchor={}: {}", chunk_hash, source.recording.anchor, why.message());
    return why;
  };
  auto out = std::make_shared<trace::CompiledTrace>();
  if (dump) {
    TraceOptimizations none;
    none.fold = none.cse = none.guard_elim = none.peel = none.unbox = none.sink = false;
    auto plain = trace::build_trace(source, none);
    out->ir_before = plain.ok() ? trace::dump_ir(*plain, *source.chunk) : plain.message() + "\n";
  }
  auto ir = trace::build_trace(source, cfg.trace_opts);
  if (!ir.ok()) return refuse(ir.status());
  trace::dead_code(*ir);
  ir->chaos_mask = cfg.trace_chaos_mask;
  auto blob = generate_trace_code(*ir, dump ? &out->listing : nullptr);
  if (!blob.ok()) return refuse(blob.status());
  auto mem = ExecMemory::map(blob->code.data(), blob->code.size());
  if (!mem.ok()) return refuse(mem.status());
  out->memory = std::move(*mem);
  out->fn = reinterpret_cast<NativeFn>(const_cast<uint8_t*>(out->memory->data() + blob->entry_offset));
  for (const trace::Snapshot& s : ir->snaps)
    out->max_snapshot_values = std::max<uint32_t>(out->max_snapshot_values, static_cast<uint32_t>(s.entries.size()));
  if (dump) out->ir_after = trace::dump_ir(*ir, *source.chunk);
  out->ir = std::move(*ir);
  out->recording = source.recording;
  out->chunk_hash = chunk_hash;
  out->compile_ns = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
  compiles_trace.fetch_add(1, std::memory_order_relaxed);
  compile_ns.fetch_add(out->compile_ns, std::memory_order_relaxed);
  compile_ns_trace.fetch_add(out->compile_ns, std::memory_order_relaxed);
  native_bytes.fetch_add(blob->code.size(), std::memory_order_relaxed);
  if (auto* log = jit_log())
    log->info("trace compiled chunk={:016x} anchor={} ops={} ir={} snapshots={} bytes={} us={:.1f}", chunk_hash,
              source.recording.anchor, source.recording.ips.size(), out->ir.ins.size(), out->ir.snaps.size(),
              blob->code.size(), out->compile_ns / 1000.0);
  std::shared_ptr<const trace::CompiledTrace> done = out;
  {
    std::lock_guard lock(mu);
    if (traces.size() > 4096) traces.clear();  // bound the table; traces in use stay alive with their VMs
    traces[trace_key(chunk_hash, source.recording.anchor, source.recording.slot_kinds, cfg.trace_opts,
                     cfg.trace_chaos_mask)] = done;
  }
  return done;
}

}  // namespace fusevm::jit
