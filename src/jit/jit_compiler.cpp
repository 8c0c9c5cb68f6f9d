// JitCompiler: the compile pipeline behind both tiers, and its caches.
//
//   compile(chunk, tier, entry)
//     region of the entry -> entry signature (the kinds of the values it starts with)
//     -> key = hash(chunk content, tier, entry, signature, extensions, limits)
//     -> in memory? -> declined before? -> on disk (validated)? -> analyse + generate + map
//     -> remember in memory, write to disk
#include <xxhash.h>

#include <chrono>

#include "compiler_impl.h"
#include "jit/backend/backend.h"
#include "jit/jit_log.h"
#include "jit/native_code.h"

namespace fusevm::jit {

// ── NativeCode ──

NativeCode::NativeCode(Tier tier, EntryKind kind, uint64_t chunk_hash, uint64_t entry, std::unique_ptr<Impl> impl)
    : tier_(tier), kind_(kind), chunk_hash_(chunk_hash), entry_(entry), impl_(std::move(impl)) {}
NativeCode::~NativeCode() = default;
size_t NativeCode::code_size() const noexcept { return impl_->memory ? impl_->memory->size() : 0; }

// ── Extensions ──

void ExtensionRegistry::add(std::shared_ptr<const JitExtension> ext) {
  if (!ext) return;
  for (const auto& e : extensions_)
    if (e->name() == ext->name()) return;  // the first registration of a name wins
  const std::string id = std::string(ext->name()) + "#" + std::to_string(ext->version());
  salt_ = XXH64(id.data(), id.size(), salt_ ^ 0x9E3779B97F4A7C15ull);
  extensions_.push_back(std::move(ext));
  claimed_.clear();  // a lookup that found nothing may find something now
}

const NativeOpSpec* ExtensionRegistry::find(const Instr& ins) const {
  if (ins.op != Op::Extended && ins.op != Op::CallBuiltin) return nullptr;
  const auto key = std::make_tuple(static_cast<uint8_t>(ins.op), static_cast<uint16_t>(ins.raw(0)),
                                   static_cast<uint8_t>(ins.raw(1)));
  auto it = claimed_.find(key);
  if (it != claimed_.end()) return it->second.get();
  std::unique_ptr<NativeOpSpec> spec;
  for (const auto& ext : extensions_) {
    const std::optional<NativeOp> op = ins.op == Op::Extended
                                           ? ext->extended(std::get<1>(key), std::get<2>(key))
                                           : ext->builtin(std::get<1>(key), std::get<2>(key));
    if (!op || op->function == nullptr || op->symbol.empty()) continue;
    size_t ints = 0, floats = 0;
    bool ok = op->result == SlotKind::Int || op->result == SlotKind::Float || op->result == SlotKind::Bool;
    auto s = std::make_unique<NativeOpSpec>();
    for (SlotKind k : op->params) {
      if (k == SlotKind::Float) ++floats;
      else if (k == SlotKind::Int) ++ints;
      else ok = false;
      s->params.push_back(k == SlotKind::Float ? kFloat : kInt);
    }
    if (ins.op == Op::CallBuiltin && op->params.size() != std::get<2>(key)) ok = false;
    if (!ok || ints > 6 || floats > 8) continue;  // not a native op this JIT can call
    s->function = op->function;
    s->symbol = op->symbol;
    s->op = std::get<0>(key);
    s->id = std::get<1>(key);
    s->arg = std::get<2>(key);
    s->result = op->result == SlotKind::Float ? kFloat : (op->result == SlotKind::Bool ? kBool : kInt);
    spec = std::move(s);
    break;
  }
  const NativeOpSpec* out = spec.get();
  claimed_.emplace(key, std::move(spec));
  return out;
}

// ── The compiler ──

JitCompiler::Impl::Impl() : config_(TraceJitConfig::from_env()) {}

TraceJitConfig JitCompiler::Impl::config() const {
  std::lock_guard lock(mu);
  return config_;
}

void JitCompiler::Impl::set_config(const TraceJitConfig& c) {
  std::lock_guard lock(mu);
  config_ = c;
}

uint32_t JitCompiler::Impl::count_run(uint64_t chunk_hash) {
  std::lock_guard lock(mu);
  if (runs.size() > 65536) runs.clear();  // bound the table; counts simply start again
  uint32_t& n = runs[chunk_hash];
  if (n < UINT32_MAX) ++n;
  return n;
}

void JitCompiler::Impl::note_native(uint64_t entries, uint64_t exits) {
  native_entries.fetch_add(entries, std::memory_order_relaxed);
  native_exits.fetch_add(exits, std::memory_order_relaxed);
}

DiskCache* JitCompiler::Impl::disk_cache() {
  const std::string dir = DiskCache::resolve_dir(cache_dir_override);
  if (dir.empty()) return nullptr;
  if (!disk || disk->dir() != dir) {
    disk = std::make_unique<DiskCache>(dir);
    if (!disk->usable()) {
      if (auto* log = jit_log()) log->warn("code cache off: {}", disk->problem());
    }
  }
  return disk->usable() ? disk.get() : nullptr;
}

std::shared_ptr<const NativeCode> JitCompiler::Impl::make_code(const CachedCode& c, std::vector<const void*> imports,
                                                               uint64_t ns, bool from_disk, std::string& why) {
  Result<std::unique_ptr<ExecMemory>> mem = ExecMemory::map(c.code.data(), c.code.size());
  if (!mem.ok()) {
    why = mem.message();
    return nullptr;
  }
  auto impl = std::make_unique<NativeCode::Impl>();
  impl->memory = std::move(*mem);
  impl->fn = reinterpret_cast<NativeFn>(const_cast<uint8_t*>(impl->memory->data() + c.entry_offset));
  impl->imports = std::move(imports);
  impl->stack_types = c.stack_types;
  impl->slot_types = c.slot_types;
  impl->max_depth = c.max_depth;
  auto code = std::make_shared<NativeCode>(c.tier, c.kind, c.chunk_hash, c.entry, std::move(impl));
  NativeCode& n = *code;
  n.op_count_ = c.op_count;
  n.compile_ns_ = ns;
  n.from_disk_ = from_disk;
  n.fuel_checks_ = c.fuel_checks;
  for (TypeSet t : c.stack_types) n.stack_sig_.push_back(kind_of(t));
  for (const auto& [slot, t] : c.slot_types) n.slot_sig_.emplace_back(slot, kind_of(t));
  return code;
}

Result<std::shared_ptr<const NativeCode>> JitCompiler::Impl::compile(const Chunk& chunk, Tier tier,
                                                                     const EntryState& entry) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  std::lock_guard lock(mu);
  const TraceJitConfig cfg = config_;
  const bool linear = tier == Tier::Linear;
  if (!cfg.enabled || (linear && !cfg.linear_enabled) || (tier == Tier::Block && !cfg.block_enabled))
    return Status(ErrorCode::NotCompiled, "the " + std::string(tier_name(tier)) + " tier is disabled");
  if (tier != Tier::Linear && tier != Tier::Block)
    return Status(ErrorCode::NotCompiled, "no such tier yet: " + std::string(tier_name(tier)));
  if (entry.ip >= chunk.ops.size()) return Status(ErrorCode::NotCompiled, "the entry is past the end of the chunk");
  const uint64_t chunk_hash = chunk.content_hash != 0 ? chunk.content_hash : chunk.compute_content_hash();

  // The entry's function and its signature.
  Function main;
  main.entry = entry.ip;
  main.kind = entry.kind;
  main.region = build_region(chunk, entry.ip, cfg.max_region_ops, [&](const Instr& ins) {
    return op_compilable(ins, linear, &extensions);
  });
  for (SlotKind k : entry.stack) main.entry_stack.push_back(type_of(k));
  if (entry.kind != EntryKind::Call)
    for (uint16_t s : main.region.slots)
      main.entry_slots.emplace_back(s, s < entry.slots.size() ? type_of(entry.slots[s]) : kUndef);

  XXH64_state_t* st = XXH64_createState();
  XXH64_reset(st, 0x6a17c0de);
  const uint64_t head[] = {chunk_hash,
                           static_cast<uint64_t>(tier),
                           static_cast<uint64_t>(entry.kind),
                           entry.ip,
                           extensions.salt(),
                           cfg.max_region_ops,
                           cfg.max_functions,
                           main.entry_stack.size(),
                           main.entry_slots.size(),
                           entry.fuel_checks ? 1u : 0u};
  XXH64_update(st, head, sizeof head);
  XXH64_update(st, main.entry_stack.data(), main.entry_stack.size());
  for (const auto& [slot, t] : main.entry_slots) {
    const uint32_t word = (uint32_t{slot} << 8) | t;
    XXH64_update(st, &word, sizeof word);
  }
  const uint64_t key = XXH64_digest(st);
  XXH64_freeState(st);

  if (auto it = memory.find(key); it != memory.end()) {
    memory_hits.fetch_add(1, std::memory_order_relaxed);
    return it->second;
  }
  if (auto it = declined.find(key); it != declined.end()) return Status(ErrorCode::NotCompiled, it->second);
  auto decline = [&](std::string why) -> Result<std::shared_ptr<const NativeCode>> {
    compile_failures.fetch_add(1, std::memory_order_relaxed);
    if (auto* log = jit_log())
      log->info("declined chunk={:016x} tier={} entry={} kind={} reason=\"{}\"", chunk_hash, tier_name(tier),
                entry.ip, static_cast<int>(entry.kind), why);
    if (declined.size() > 65536) declined.clear();
    declined.emplace(key, why);
    return Status(ErrorCode::NotCompiled, std::move(why));
  };
  auto remember = [&](std::shared_ptr<const NativeCode> code) {
    if (memory.size() > 16384) memory.clear();  // code in use stays alive with its VMs
    memory.emplace(key, code);
    return code;
  };

  // On disk?
  DiskCache* dc = disk_cache();
  if (dc != nullptr) {
    CacheMiss miss;
    std::string why;
    if (std::optional<CachedCode> c = dc->load(key, miss, why)) {
      bool ok = c->chunk_hash == chunk_hash && c->entry == entry.ip && c->kind == entry.kind && c->tier == tier &&
                c->fuel_checks == entry.fuel_checks &&
                c->stack_types == main.entry_stack && c->slot_types == main.entry_slots;
      std::vector<const void*> imports;
      for (const CachedImport& imp : c->imports) {
        Instr ins(static_cast<Op>(imp.op));
        if (ins.op == Op::Extended || ins.op == Op::CallBuiltin) {
          ins.set_raw(0, imp.id);
          ins.set_raw(1, imp.arg);
        }
        const NativeOpSpec* spec = extensions.find(ins);
        if (spec == nullptr || spec->symbol != imp.symbol) ok = false;
        else imports.push_back(spec->function);
      }
      if (!ok) why = "signature or imports do not match";
      std::shared_ptr<const NativeCode> code;
      if (ok) {
        const uint64_t ns = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
        code = make_code(*c, std::move(imports), ns, true, why);
      }
      if (code) {
        disk_hits.fetch_add(1, std::memory_order_relaxed);
        compile_ns.fetch_add(code->compile_ns(), std::memory_order_relaxed);
        (tier == Tier::Linear ? compile_ns_linear : compile_ns_block).fetch_add(code->compile_ns(), std::memory_order_relaxed);
        if (auto* log = jit_log())
          log->info("cache hit chunk={:016x} tier={} entry={} bytes={} us={:.1f}", chunk_hash, tier_name(tier),
                    entry.ip, code->code_size(), code->compile_ns() / 1000.0);
        return remember(std::move(code));
      }
      miss = CacheMiss::Rejected;
    }
    if (miss == CacheMiss::Rejected) {
      disk_rejects.fetch_add(1, std::memory_order_relaxed);
      if (auto* log = jit_log()) log->warn("cache file rejected (rebuilding): {}", why);
    } else {
      disk_misses.fetch_add(1, std::memory_order_relaxed);
      if (auto* log = jit_log()) log->debug("cache miss chunk={:016x} entry={}", chunk_hash, entry.ip);
    }
  }

  // Compile.
  std::string why;
  UnitLimits limits;
  limits.max_region_ops = cfg.max_region_ops;
  limits.max_functions = cfg.max_functions;
  const std::vector<TypeSet> sig_stack = main.entry_stack;
  const auto sig_slots = main.entry_slots;
  std::optional<Unit> unit = analyse_unit(chunk, std::move(main), limits, linear, &extensions, why, entry.fuel_checks);
  if (!unit) return decline(why);
  Result<CodeBlob> blob = generate_code(*unit);
  if (!blob.ok()) return decline(blob.message());
  CachedCode c;
  c.key = key;
  c.chunk_hash = chunk_hash;
  c.entry = entry.ip;
  c.kind = entry.kind;
  c.tier = tier;
  c.max_depth = unit->functions[0]->max_depth;
  c.op_count = static_cast<uint32_t>(unit->functions[0]->region.op_count);
  c.entry_offset = blob->entry_offset;
  c.fuel_checks = entry.fuel_checks;
  c.stack_types = sig_stack;
  c.slot_types = sig_slots;
  c.code = std::move(blob->code);
  // The import table says which op each import implements, so a loading process asks its own
  // extensions again (it never trusts an address, or a name alone).
  std::vector<const void*> imports;
  for (const NativeOpSpec* spec : unit->imports) {
    imports.push_back(spec->function);
    c.imports.push_back(CachedImport{spec->op, spec->id, spec->arg, spec->symbol});
  }
  const uint64_t ns = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
  std::shared_ptr<const NativeCode> code = make_code(c, std::move(imports), ns, false, why);
  if (!code) return decline(why);
  (linear ? compiles_linear : compiles_block).fetch_add(1, std::memory_order_relaxed);
  compile_ns.fetch_add(ns, std::memory_order_relaxed);
  (linear ? compile_ns_linear : compile_ns_block).fetch_add(ns, std::memory_order_relaxed);
  native_bytes.fetch_add(c.code.size(), std::memory_order_relaxed);
  if (auto* log = jit_log())
    log->info("compiled chunk={:016x} tier={} entry={} kind={} ops={} functions={} bytes={} us={:.1f}", chunk_hash,
              tier_name(tier), entry.ip, static_cast<int>(entry.kind), c.op_count, unit->functions.size(),
              c.code.size(), ns / 1000.0);
  if (dc != nullptr) {
    std::string werr;
    if (dc->store(c, werr)) {
      disk_writes.fetch_add(1, std::memory_order_relaxed);
    } else if (auto* log = jit_log()) {
      log->warn("cache write failed: {}", werr);
    }
  }
  return remember(std::move(code));
}

// ── The public face ──

JitCompiler::JitCompiler() : impl_(std::make_unique<Impl>()) {}
JitCompiler::~JitCompiler() = default;

JitCompiler& JitCompiler::global() {
  static JitCompiler* const instance = new JitCompiler();  // never destroyed: VMs may outlive main
  return *instance;
}

TraceJitConfig JitCompiler::config() const { return impl_->config(); }
void JitCompiler::set_config(const TraceJitConfig& config) { impl_->set_config(config); }

JitStats JitCompiler::stats() const {
  const Impl& i = *impl_;
  JitStats s;
  s.compiles_linear = i.compiles_linear.load();
  s.compiles_block = i.compiles_block.load();
  s.compile_failures = i.compile_failures.load();
  s.compile_ns = i.compile_ns.load();
  s.native_bytes = i.native_bytes.load();
  s.memory_hits = i.memory_hits.load();
  s.disk_hits = i.disk_hits.load();
  s.disk_misses = i.disk_misses.load();
  s.disk_writes = i.disk_writes.load();
  s.disk_rejects = i.disk_rejects.load();
  s.native_entries = i.native_entries.load();
  s.native_exits = i.native_exits.load();
  s.compile_ns_linear = i.compile_ns_linear.load();
  s.compile_ns_block = i.compile_ns_block.load();
  s.compiles_trace = i.compiles_trace.load();
  s.compile_ns_trace = i.compile_ns_trace.load();
  s.trace_recordings = i.trace_recordings.load();
  s.trace_aborts = i.trace_aborts.load();
  s.trace_blacklisted = i.trace_blacklisted.load();
  s.trace_entries = i.trace_entries.load();
  s.trace_exits = i.trace_exits.load();
  s.trace_side_exits = i.trace_side_exits.load();
  s.trace_side_traces = i.trace_side_traces.load();
  return s;
}

void JitCompiler::reset_stats() {
  Impl& i = *impl_;
  for (std::atomic<uint64_t>* c : {&i.compiles_linear, &i.compiles_block, &i.compile_failures, &i.compile_ns,
                                   &i.native_bytes, &i.memory_hits, &i.disk_hits, &i.disk_misses, &i.disk_writes,
                                   &i.disk_rejects, &i.native_entries, &i.native_exits, &i.compile_ns_linear,
                                   &i.compile_ns_block, &i.compiles_trace, &i.compile_ns_trace, &i.trace_recordings,
                                   &i.trace_aborts, &i.trace_blacklisted, &i.trace_entries, &i.trace_exits,
                                   &i.trace_side_exits, &i.trace_side_traces})
    c->store(0);
}

void JitCompiler::register_extension(std::shared_ptr<const JitExtension> extension) {
  std::lock_guard lock(impl_->mu);
  impl_->extensions.add(std::move(extension));
}

Result<std::shared_ptr<const NativeCode>> JitCompiler::compile_linear(const Chunk& chunk, const EntryState& entry) {
  return impl_->compile(chunk, Tier::Linear, entry);
}
Result<std::shared_ptr<const NativeCode>> JitCompiler::compile_block(const Chunk& chunk, const EntryState& entry) {
  return impl_->compile(chunk, Tier::Block, entry);
}

void JitCompiler::set_cache_dir(std::optional<std::string> dir) {
  std::lock_guard lock(impl_->mu);
  impl_->cache_dir_override = std::move(dir);
  impl_->disk.reset();
}

std::string JitCompiler::cache_dir() const {
  std::lock_guard lock(impl_->mu);
  return DiskCache::resolve_dir(impl_->cache_dir_override);
}

void JitCompiler::clear_memory_cache() {
  std::lock_guard lock(impl_->mu);
  impl_->memory.clear();
  impl_->declined.clear();
  impl_->runs.clear();
  impl_->traces.clear();
}

void JitCompiler::set_log_level(std::string_view level) { set_jit_log_level(level); }

}  // namespace fusevm::jit
