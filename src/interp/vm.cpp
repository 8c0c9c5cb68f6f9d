// VM: construction, run() around the dispatch loop, reset, and the API handlers use.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "fusevm/builtins.h"
#include "fusevm/verifier.h"
#include "interp.h"
#include "jit/trace/recorder.h"
#include "value_access.h"

namespace fusevm {

namespace {
constexpr size_t kInitialStack = 256;
const Value kUndef;
}  // namespace

VM::Impl::~Impl() = default;

VM::Impl::Impl(VM* owner, Chunk chunk, VMLimits limits) : owner_(owner), limits_(limits) {
  output_ = [](std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  };
  input_ = []() -> std::optional<std::string> {
    std::string line;
    int c;
    bool any = false;
    while ((c = std::fgetc(stdin)) != EOF) {
      any = true;
      if (c == '\n') break;
      line.push_back(static_cast<char>(c));
    }
    if (!any) return std::nullopt;
    return line;
  };
  reset(std::move(chunk));
}

void VM::Impl::reset(Chunk chunk) {
  ScopedHeapBudget scope(&budget_);  // values freed here are credited to this VM
  chunk_ = std::move(chunk);
  verify_error_.reset();
  VerifyReport report = verify_chunk(chunk_);
  if (!report.ok()) verify_error_ = report.to_status().message();
  slot_count_ = report.slot_count;
  stack_proven_ = report.stack_proven;
  prepare();
  jit_prepare();
  clear_state();
}

void VM::Impl::clear_state() {
  ScopedHeapBudget scope(&budget_);
  stack_.clear();
  stack_.resize(kInitialStack);
  sp_ = 0;
  frames_.assign(1, Frame{});
  awk_args_.clear();
  frames_.reserve(64);  // calls find room without allocating (they grow it when needed)
  slots_.clear();
  slots_.reserve(std::max<size_t>(slot_count_, std::min<size_t>(64 * size_t{slot_count_}, 16384)));
  slots_.resize(slot_count_);
  globals_.clear();
  globals_.resize(global_count_);
  default_shell_.variables().clear();  // `${x:=v}` without a host must not outlive the run's state
  block_runs_.clear();
  unit_ = 0;
  ip_ = 0;
  last_status_ = 0;
  halted_ = false;
  finished_ = false;
  failed_ = false;
  failure_.clear();
  failure_code_ = ErrorCode::Ok;
  awk_seed_ = 1;
  pending_error_.reset();
  executed_ = 0;
}

VMResult VM::Impl::run() {
  if (in_run_)
    return VMResult::error(ErrorCode::InvalidArgument, "run() called while the VM is already running");
  if (verify_error_) return VMResult::error(ErrorCode::VerifyFailed, *verify_error_);
  if (failed_)
    return VMResult::error(failure_code_,
                           "the VM stopped with an error and must be reset() before it runs again: " +
                               failure_);
  interrupt_.store(false, std::memory_order_relaxed);
  awk_signal_.reset();
  ScopedHeapBudget scope(&budget_);
  budget_.limit = limits_.memory_limit != 0 ? limits_.memory_limit : SIZE_MAX;
  budget_.peak = budget_.used;
  budget_.fail_at = inject_failure_at_ != 0 ? budget_.allocations + inject_failure_at_ : 0;
  if (halted_ || finished_) {
    // The run already ended: like the original, a further run only hands out the next value.
    if (sp_ == 0) return VMResult::halted();
    return VMResult::ok(std::move(stack_[--sp_]));
  }
  executed_ = 0;
  // The stack's capacity is where the loop checks the limit, so it must not start above it.
  if (stack_.size() > limits_.max_stack) stack_.resize(std::max(sp_, limits_.max_stack));
  in_run_ = true;
  VMResult result = VMResult::halted();
  try {
    if (units_quickened_ != quicken_) build_units();  // VM::set_quickening since the last run
    jit_begin_run();
    if (jit_run_start()) result = execute();
    else result = VMResult::error(failure_code_, failure_);
  } catch (const MemoryLimitExceeded&) {
    if (budget_.fail_at != 0 && budget_.allocations == budget_.fail_at)
      raise(ErrorCode::OutOfMemory, "out of memory (injected failure of allocation " +
                                        std::to_string(inject_failure_at_) + " of this run)");
    else
      raise(ErrorCode::MemoryLimit, "memory limit exceeded (" + std::to_string(limits_.memory_limit) +
                                        " bytes of strings, arrays and hashes)");
    result = VMResult::error(failure_code_, failure_);
  } catch (const std::bad_alloc&) {
    raise(ErrorCode::OutOfMemory, "out of memory");
    result = VMResult::error(failure_code_, failure_);
  } catch (const std::length_error&) {
    raise(ErrorCode::OutOfMemory, "out of memory (a container would exceed its maximum size)");
    result = VMResult::error(failure_code_, failure_);
  } catch (...) {
    // Handlers are guarded where they are called (hooks.cpp); what arrives here came from an
    // output sink, input source, trace hook or host. It stops the run like any handler error.
    raise(ErrorCode::HandlerFailed, "a callback " + describe_exception(std::current_exception()));
    result = VMResult::error(failure_code_, failure_);
  }
  in_run_ = false;
  graveyard_.clear();
  try {
    flush_output();
  } catch (...) {
    if (!result.is_error()) {
      raise(ErrorCode::HandlerFailed, "the output sink " + describe_exception(std::current_exception()));
      result = VMResult::error(failure_code_, failure_);
    }
  }
  if (shell_) {
    // The host undoes what the chunk left open (redirect scopes after an error, for one).
    try {
      shell_->run_ended(result.is_error());
    } catch (...) {
      if (!result.is_error()) {
        raise(ErrorCode::HandlerFailed, "the shell host " + describe_exception(std::current_exception()));
        result = VMResult::error(failure_code_, failure_);
      }
    }
  }
  stats_.ops_executed = executed_;
  stats_.peak_memory = budget_.peak;
  jit_end_run();
  if (result.is_error()) failed_ = true;
  return result;
}

std::string VM::Impl::location(uint32_t unit, uint64_t ip) const {
  const uint64_t at = unit < units_.size() ? units_[unit].origin + ip : ip;
  return format_location(chunk_, at);
}

void VM::Impl::raise(ErrorCode code, std::string message) {
  failure_code_ = code;
  failure_ = location(unit_, ip_) + ": " + message;
}

void VM::Impl::grow_stack(size_t needed) {
  const size_t want = sp_ + needed;
  if (want > limits_.max_stack) {
    pending_error_.emplace(ErrorCode::StackOverflow,
                           "stack overflow: more than " + std::to_string(limits_.max_stack) +
                               " values (VMLimits::max_stack)");
    return;
  }
  size_t size = std::max(stack_.size() * 2, want);
  size = std::min(size, std::max(limits_.max_stack, want));
  stack_.resize(size);
}

bool VM::Impl::push_checked(Value v) {
  if (sp_ == stack_.size()) {
    grow_stack(1);
    if (pending_error_) {
      raise(pending_error_->first, pending_error_->second);
      pending_error_.reset();
      return false;
    }
  }
  detail::ValueAccess::move_into(stack_[sp_++], v);
  return true;
}

bool VM::Impl::underflow(size_t n, const Instr& ins) {
  const size_t have = sp_ - frames_.back().stack_base;
  raise(ErrorCode::StackUnderflow, "stack underflow: " + std::string(op_name(ins.op)) + " needs " +
                                       std::to_string(n) + (n == 1 ? " value" : " values") +
                                       " but the frame has " + std::to_string(have));
  return false;
}

bool VM::Impl::check_limits() {
  if (interrupt_.load(std::memory_order_relaxed)) {
    raise(ErrorCode::Interrupted, "interrupted");
    return false;
  }
  if (limits_.fuel != 0 && executed_ > limits_.fuel) {
    raise(ErrorCode::FuelExhausted, "instruction budget exhausted (" + std::to_string(limits_.fuel) +
                                        " instructions, VMLimits::fuel)");
    return false;
  }
  return true;
}

void VM::Impl::write_output(std::string_view text) {
  out_buf_ += text;
  if (out_buf_.size() >= (size_t{1} << 16)) flush_output();
}

void VM::Impl::flush_output() {
  if (out_buf_.empty()) return;
  std::string text;
  text.swap(out_buf_);
  if (output_) output_(text);
}

std::optional<std::string> VM::Impl::read_line() {
  flush_output();  // a prompt printed before reading must show
  return input_ ? input_() : std::nullopt;
}

// ── Handler-facing API ──

void VM::Impl::push(Value v) {
  if (sp_ == stack_.size()) {
    grow_stack(1);
    if (pending_error_) return;
  }
  detail::ValueAccess::move_into(stack_[sp_++], v);
}

Value VM::Impl::pop() {
  if (sp_ <= frames_.back().stack_base) {
    if (in_run_ && !pending_error_)
      pending_error_.emplace(ErrorCode::StackUnderflow,
                             "stack underflow: a handler popped more values than its frame has");
    return Value();
  }
  return std::move(stack_[--sp_]);
}

const Value& VM::Impl::peek() const noexcept {
  return sp_ > frames_.back().stack_base ? stack_[sp_ - 1] : kUndef;
}

Value VM::Impl::get_slot(uint16_t slot) const {
  const size_t at = frames_.back().slot_base + slot;
  return at < slots_.size() ? slots_[at] : Value();
}

void VM::Impl::set_slot(uint16_t slot, Value v) {
  const size_t at = frames_.back().slot_base + slot;
  if (at >= slots_.size()) slots_.resize(at + 1);
  slots_[at] = std::move(v);
}

Value VM::Impl::get_global(size_t index) const {
  return index < globals_.size() ? globals_[index] : Value();
}

void VM::Impl::set_global(size_t index, Value v) {
  if (index >= globals_.size()) globals_.resize(index + 1);
  globals_[index] = std::move(v);
}

void VM::Impl::fail(std::string message) {
  if (!pending_error_) pending_error_.emplace(ErrorCode::HandlerFailed, std::move(message));
}

// ── VM: forwards to the Impl ──

VM::VM(Chunk chunk, VMLimits limits) : impl_(std::make_unique<Impl>(this, std::move(chunk), limits)) {}
VM::~VM() {
  if (impl_) {
    ScopedHeapBudget scope(&impl_->budget_);
    impl_.reset();
  }
}
VM::VM(VM&& other) noexcept : impl_(std::move(other.impl_)) {
  if (impl_) impl_->owner_ = this;
}
VM& VM::operator=(VM&& other) noexcept {
  impl_ = std::move(other.impl_);
  if (impl_) impl_->owner_ = this;
  return *this;
}

VMResult VM::run() { return impl_->run(); }
void VM::reset(Chunk chunk) { impl_->reset(std::move(chunk)); }
void VM::reset() {
  ScopedHeapBudget scope(&impl_->budget_);
  impl_->clear_state();
}

void VM::register_builtin(uint16_t id, BuiltinHandler handler) {
  auto& table = impl_->builtins_;
  if (id >= table.size()) table.resize(static_cast<size_t>(id) + 1);
  // A handler replaced while the VM runs may be the one running: keep it alive until the run ends.
  if (impl_->in_run_ && table[id]) impl_->graveyard_.push_back(std::move(table[id]));
  table[id] = handler ? std::make_unique<BuiltinHandler>(std::move(handler)) : nullptr;
}
bool VM::register_builtin(std::string_view name, BuiltinHandler handler) {
  const std::optional<uint16_t> id = builtins::builtin_id(name);
  if (!id) return false;
  register_builtin(*id, std::move(handler));
  return true;
}
void VM::set_extension_handler(ExtensionHandler handler) { impl_->ext_ = std::move(handler); }
void VM::set_extension_wide_handler(ExtensionWideHandler handler) {
  impl_->ext_wide_ = std::move(handler);
}
void VM::set_shell_host(std::unique_ptr<ShellHost> host) { impl_->shell_ = std::move(host); }
void VM::set_awk_host(std::unique_ptr<AwkHost> host) { impl_->awk_ = std::move(host); }
ShellHost* VM::shell_host() noexcept { return impl_->shell_.get(); }
AwkHost* VM::awk_host() noexcept { return impl_->awk_.get(); }
void VM::set_output(OutputSink sink) { impl_->output_ = std::move(sink); }
void VM::set_input(InputSource source) { impl_->input_ = std::move(source); }
void VM::set_limits(const VMLimits& limits) { impl_->limits_ = limits; }
const VMLimits& VM::limits() const noexcept { return impl_->limits_; }
void VM::interrupt() noexcept { impl_->interrupt_.store(true, std::memory_order_relaxed); }
const VMStats& VM::stats() const noexcept { return impl_->stats_; }
void VM::set_trace(TraceHook hook) { impl_->trace_ = std::move(hook); }

void VM::set_quickening(bool on) { impl_->quicken_ = on; }
void VM::inject_allocation_failure(uint64_t nth) { impl_->inject_failure_at_ = nth; }

void VM::push(Value v) { impl_->push(std::move(v)); }
Value VM::pop() { return impl_->pop(); }
const Value& VM::peek() const noexcept { return impl_->peek(); }
size_t VM::frame_stack_size() const noexcept { return impl_->frame_stack_size(); }
Value VM::get_slot(uint16_t slot) const { return impl_->get_slot(slot); }
void VM::set_slot(uint16_t slot, Value v) { impl_->set_slot(slot, std::move(v)); }
Value VM::get_global(size_t index) const { return impl_->get_global(index); }
void VM::set_global(size_t index, Value v) { impl_->set_global(index, std::move(v)); }
int32_t VM::last_status() const noexcept { return impl_->last_status_; }
void VM::set_last_status(int32_t status) noexcept { impl_->last_status_ = status; }
void VM::request_halt() noexcept { impl_->halted_ = true; }
void VM::fail(std::string message) { impl_->fail(std::move(message)); }
std::optional<uint8_t> VM::awk_signal() const noexcept { return impl_->awk_signal_; }
size_t VM::ip() const noexcept { return impl_->units_[impl_->unit_].origin + impl_->ip_; }
const Chunk& VM::chunk() const noexcept { return impl_->chunk_; }

}  // namespace fusevm
