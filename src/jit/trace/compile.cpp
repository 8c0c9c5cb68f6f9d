// The trace tier's pipeline: recording -> IR (build_trace, peeling, side paths, dead code) ->
// machine code -> executable memory, with the process-wide memory of compiled traces and the
// persistent code cache.
//
// A cached trace is its machine code plus its recipe (TraceMetadata). Loading one rebuilds the
// IR from the recipe — checked against the chunk like any imported recipe — and uses the code
// only if that IR hashes to the value stored beside it: the exits' snapshots come from the IR,
// so code and IR must be the pair the writing process compiled.
#include <xxhash.h>

#include <chrono>

#include "jit/backend/backend.h"
#include "jit/compiler_impl.h"
#include "jit/jit_log.h"
#include "jit/trace/closed_form.h"
#include "jit/trace/peel.h"
#include "jit/trace/recipe.h"

namespace fusevm::jit {

namespace {

using Clock = std::chrono::steady_clock;

uint64_t trace_key(uint64_t chunk_hash, uint64_t anchor, const std::vector<SlotKind>& kinds,
                   const TraceOptimizations& o, uint32_t chaos) {
  uint64_t h = XXH64(kinds.data(), kinds.size() * sizeof(SlotKind), chunk_hash ^ (anchor * 0x9E3779B97F4A7C15ull));
  const uint64_t flags = (o.fold ? 1u : 0u) | (o.cse ? 2u : 0u) | (o.guard_elim ? 4u : 0u) | (o.peel ? 8u : 0u) |
                         (o.unbox ? 16u : 0u) | (o.sink ? 32u : 0u) | (o.closed_form ? 64u : 0u) | (static_cast<uint64_t>(chaos) << 8);
  return XXH64(&flags, sizeof flags, h);
}

uint64_t since(Clock::time_point t0) {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
}

Result<trace::TraceIr> optimised_ir(const trace::TraceSource& source, const TraceJitConfig& cfg) {
  auto ir = trace::build_trace(source, cfg.trace_opts);
  if (!ir.ok()) return ir;
  trace::dead_code(*ir);
  ir->chaos_mask = cfg.trace_chaos_mask;
  // Not in the chaos mode, whose point is to fail the guards a skip would pass over.
  if (cfg.trace_opts.closed_form && cfg.trace_chaos_mask == 0) trace::find_closed_form(*ir);
  return ir;
}

}  // namespace

Result<std::shared_ptr<trace::CompiledTrace>> JitCompiler::Impl::install_trace(
    trace::TraceIr ir, const trace::TraceSource& source, uint64_t chunk_hash, const std::vector<uint8_t>& code,
    uint32_t entry_offset) {
  auto out = std::make_shared<trace::CompiledTrace>();
  auto mem = ExecMemory::map(code.data(), code.size());
  if (!mem.ok()) return mem.status();
  out->memory = std::move(*mem);
  out->fn = reinterpret_cast<NativeFn>(const_cast<uint8_t*>(out->memory->data() + entry_offset));
  for (const trace::Snapshot& s : ir.snaps)
    out->max_snapshot_values = std::max<uint32_t>(out->max_snapshot_values, static_cast<uint32_t>(s.entries.size()));
  out->ir = std::move(ir);
  out->recording = source.recording;
  out->sides = source.sides;
  out->chunk_hash = chunk_hash;
  return out;
}

void JitCompiler::Impl::remember_trace(uint64_t chunk_hash, const trace::TraceSource& source,
                                       std::shared_ptr<const trace::CompiledTrace> t) {
  const TraceJitConfig cfg = config();
  std::lock_guard lock(mu);
  if (traces.size() > 4096) traces.clear();  // bound the table; traces in use stay alive with their VMs
  traces[trace_key(chunk_hash, source.recording.anchor, source.recording.slot_kinds, cfg.trace_opts,
                   cfg.trace_chaos_mask)] = std::move(t);
}

std::shared_ptr<const trace::CompiledTrace> JitCompiler::Impl::find_trace(uint64_t chunk_hash,
                                                                          const trace::TraceSource& site,
                                                                          bool from_disk) {
  const TraceJitConfig cfg = config();
  const uint64_t key = trace_key(chunk_hash, site.recording.anchor, site.recording.slot_kinds, cfg.trace_opts,
                                 cfg.trace_chaos_mask);
  {
    std::lock_guard lock(mu);
    auto it = traces.find(key);
    if (it != traces.end()) {
      memory_hits.fetch_add(1, std::memory_order_relaxed);
      return it->second;
    }
  }
  if (!from_disk) return nullptr;
  const auto t0 = Clock::now();
  CacheMiss miss = CacheMiss::Absent;
  std::string why;
  std::optional<CachedCode> c;
  {
    std::lock_guard lock(mu);  // the cache object is shared with the other tiers
    DiskCache* dc = disk_cache();
    if (dc == nullptr) return nullptr;
    c = dc->load(key, miss, why);
  }
  std::shared_ptr<const trace::CompiledTrace> found;
  if (c) {
    miss = CacheMiss::Rejected;
    auto recipe = trace_metadata_from_json(c->recipe);
    if (c->tier != Tier::Trace || c->chunk_hash != chunk_hash || c->entry != site.recording.anchor || !recipe.ok() ||
        recipe->chunk_hash != chunk_hash || recipe->anchor_ip != site.recording.anchor ||
        recipe->slot_kinds != site.recording.slot_kinds) {
      why = "not the trace asked for";
    } else {
      trace::TraceSource src = site;
      trace::recordings_of(*recipe, src);
      auto ir = optimised_ir(src, cfg);
      if (!ir.ok()) {
        why = "its recipe does not build: " + ir.message();
      } else if (trace::ir_hash(*ir) != c->ir_hash) {
        why = "its IR differs from the one the code was built from";
      } else {
        auto t = install_trace(std::move(*ir), src, chunk_hash, c->code, c->entry_offset);
        if (t.ok()) {
          (*t)->compile_ns = since(t0);
          found = *t;
          remember_trace(chunk_hash, src, found);
        } else {
          why = t.message();
        }
      }
    }
  }
  if (found) {
    disk_hits.fetch_add(1, std::memory_order_relaxed);
    compile_ns.fetch_add(found->compile_ns, std::memory_order_relaxed);
    compile_ns_trace.fetch_add(found->compile_ns, std::memory_order_relaxed);
    if (auto* log = jit_log())
      log->info("cache hit chunk={:016x} tier=trace anchor={} sides={} us={:.1f}", chunk_hash, site.recording.anchor,
                found->sides.size(), found->compile_ns / 1000.0);
  } else if (miss == CacheMiss::Rejected) {
    disk_rejects.fetch_add(1, std::memory_order_relaxed);
    if (auto* log = jit_log()) log->warn("cache file rejected (recording again): {}", why);
  } else {
    disk_misses.fetch_add(1, std::memory_order_relaxed);
  }
  return found;
}

Result<std::shared_ptr<const trace::CompiledTrace>> JitCompiler::Impl::compile_trace(const trace::TraceSource& source,
                                                                                    uint64_t chunk_hash, bool dump) {
  const auto t0 = Clock::now();
  const TraceJitConfig cfg = config();
  const auto refuse = [&](const Status& why) -> Result<std::shared_ptr<const trace::CompiledTrace>> {
    compile_failures.fetch_add(1, std::memory_order_relaxed);
    if (auto* log = jit_log())
      log->info("trace declined chunk={:016x} anchor={}: {}", chunk_hash, source.recording.anchor, why.message());
    return why;
  };
  std::string before;
  if (dump) {
    TraceOptimizations none;
    none.fold = none.cse = none.guard_elim = none.peel = none.unbox = none.sink = none.closed_form = false;
    auto plain = trace::build_trace(source, none);
    before = plain.ok() ? trace::dump_ir(*plain, *source.chunk) : plain.message() + "\n";
  }
  auto ir = optimised_ir(source, cfg);
  if (!ir.ok()) return refuse(ir.status());
  std::string listing;
  auto blob = generate_trace_code(*ir, dump ? &listing : nullptr);
  if (!blob.ok()) return refuse(blob.status());
  const uint64_t hash = trace::ir_hash(*ir);
  const std::string after = dump ? trace::dump_ir(*ir, *source.chunk) : std::string();
  auto installed = install_trace(std::move(*ir), source, chunk_hash, blob->code, blob->entry_offset);
  if (!installed.ok()) return refuse(installed.status());
  std::shared_ptr<trace::CompiledTrace> out = *installed;
  out->ir_before = std::move(before);
  out->ir_after = after;
  out->listing = std::move(listing);
  out->compile_ns = since(t0);
  compiles_trace.fetch_add(1, std::memory_order_relaxed);
  compile_ns.fetch_add(out->compile_ns, std::memory_order_relaxed);
  compile_ns_trace.fetch_add(out->compile_ns, std::memory_order_relaxed);
  native_bytes.fetch_add(blob->code.size(), std::memory_order_relaxed);
  if (auto* log = jit_log())
    log->info("trace compiled chunk={:016x} anchor={} ops={} sides={} ir={} snapshots={} bytes={} us={:.1f}",
              chunk_hash, source.recording.anchor, source.recording.ips.size(), source.sides.size(),
              out->ir.ins.size(), out->ir.snaps.size(), blob->code.size(), out->compile_ns / 1000.0);
  remember_trace(chunk_hash, source, out);
  // Chaos-mode traces are a testing device: never persisted.
  std::lock_guard lock(mu);
  if (DiskCache* dc = cfg.trace_chaos_mask == 0 ? disk_cache() : nullptr) {
    CachedCode c;
    c.key = trace_key(chunk_hash, source.recording.anchor, source.recording.slot_kinds, cfg.trace_opts,
                      cfg.trace_chaos_mask);
    c.chunk_hash = chunk_hash;
    c.entry = source.recording.anchor;
    c.kind = EntryKind::Loop;
    c.tier = Tier::Trace;
    c.entry_offset = blob->entry_offset;
    c.code = std::move(blob->code);
    c.recipe = trace_metadata_to_json(trace::recipe_of(source.recording, source.sides, chunk_hash));
    c.ir_hash = hash;
    std::string werr;
    if (dc->store(c, werr)) disk_writes.fetch_add(1, std::memory_order_relaxed);
    else if (auto* log = jit_log()) log->warn("cache write failed: {}", werr);
  }
  return std::shared_ptr<const trace::CompiledTrace>(out);
}

}  // namespace fusevm::jit
