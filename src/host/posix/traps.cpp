// PosixHost: traps. The signal handler only records the signal (async-signal-safe); TrapCheck
// runs the recorded traps' chunks, in this process, on a fresh VM whose host forwards to this
// one (so the handler sees and sets the same variables and fds).
#include <signal.h>

#include <atomic>
#include <charconv>
#include <cstring>

#include "internal.h"

namespace fusevm {
namespace {

volatile sig_atomic_t g_pending[NSIG];
volatile sig_atomic_t g_any_pending = 0;

extern "C" void record_signal(int sig) {
  if (sig > 0 && sig < NSIG) g_pending[sig] = 1;
  g_any_pending = 1;
}

struct SignalName {
  const char* name;
  int number;
};
constexpr SignalName kSignals[] = {
    {"HUP", SIGHUP},   {"INT", SIGINT},   {"QUIT", SIGQUIT}, {"ILL", SIGILL},     {"TRAP", SIGTRAP},
    {"ABRT", SIGABRT}, {"BUS", SIGBUS},   {"FPE", SIGFPE},   {"KILL", SIGKILL},   {"USR1", SIGUSR1},
    {"SEGV", SIGSEGV}, {"USR2", SIGUSR2}, {"PIPE", SIGPIPE}, {"ALRM", SIGALRM},   {"TERM", SIGTERM},
    {"CHLD", SIGCHLD}, {"CONT", SIGCONT}, {"STOP", SIGSTOP}, {"TSTP", SIGTSTP},   {"TTIN", SIGTTIN},
    {"TTOU", SIGTTOU}, {"URG", SIGURG},   {"XCPU", SIGXCPU}, {"XFSZ", SIGXFSZ},   {"VTALRM", SIGVTALRM},
    {"PROF", SIGPROF}, {"WINCH", SIGWINCH}, {"IO", SIGIO},   {"SYS", SIGSYS},
};

// Every ShellHost call goes to the PosixHost running the trap, except run_ended: the handler's
// run ending must not unwind the interrupted code's scopes.
class ForwardingHost final : public ShellHost {
 public:
  explicit ForwardingHost(PosixHost& to) : to_(to) {}
  std::vector<std::string> glob(std::string_view p, bool r) override { return to_.glob(p, r); }
  std::string tilde_expand(std::string_view s) override { return to_.tilde_expand(s); }
  std::vector<std::string> brace_expand(std::string_view s) override { return to_.brace_expand(s); }
  std::vector<std::string> word_split(std::string_view s) override { return to_.word_split(s); }
  Value expand_param(std::string_view n, uint8_t m, std::span<const Value> a) override {
    return to_.expand_param(n, m, a);
  }
  Value array_index(std::string_view n, const Value& i) override { return to_.array_index(n, i); }
  std::string cmd_subst(const Chunk& c) override { return to_.cmd_subst(c); }
  std::string process_sub_in(const Chunk& c) override { return to_.process_sub_in(c); }
  std::string process_sub_out(const Chunk& c) override { return to_.process_sub_out(c); }
  void redirect(uint8_t fd, uint8_t op, std::string_view t) override { to_.redirect(fd, op, t); }
  void heredoc(std::string_view c) override { to_.heredoc(c); }
  void herestring(std::string_view c) override { to_.herestring(c); }
  void with_redirects_begin(uint8_t n) override { to_.with_redirects_begin(n); }
  void with_redirects_end() override { to_.with_redirects_end(); }
  void pipeline_begin(uint8_t n) override { to_.pipeline_begin(n); }
  void pipeline_stage() override { to_.pipeline_stage(); }
  int32_t pipeline_end() override { return to_.pipeline_end(); }
  void subshell_begin() override { to_.subshell_begin(); }
  std::optional<int32_t> subshell_end() override { return to_.subshell_end(); }
  void trap_set(std::string_view s, const Chunk& h) override { to_.trap_set(s, h); }
  void trap_check() override { to_.trap_check(); }
  std::optional<int32_t> call_function(std::string_view n, std::vector<std::string> a) override {
    return to_.call_function(n, std::move(a));
  }
  int32_t exec(std::vector<std::string> argv) override { return to_.exec(std::move(argv)); }
  int32_t exec_bg(std::vector<std::string> argv) override { return to_.exec_bg(std::move(argv)); }
  bool str_match(std::string_view s, std::string_view p) override { return to_.str_match(s, p); }
  bool regex_match(std::string_view s, std::string_view r) override { return to_.regex_match(s, r); }
  bool test_file(uint8_t code, std::string_view path) override { return to_.test_file(code, path); }

 private:
  PosixHost& to_;
};

}  // namespace

std::optional<int> PosixHost::signal_number(std::string_view name) {
  if (name == "EXIT") return 0;
  if (!name.empty() && name.front() >= '0' && name.front() <= '9') {
    int n = -1;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
    if (ec != std::errc() || end != name.data() + name.size() || n < 0 || n >= NSIG) return std::nullopt;
    return n;
  }
  if (name.size() > 3 && name.substr(0, 3) == "SIG") name.remove_prefix(3);
  for (const SignalName& s : kSignals)
    if (name == s.name) return s.number;
  return std::nullopt;
}

void PosixHost::trap_set(std::string_view signal, const Chunk& handler) {
  const std::optional<int> sig = signal_number(signal);
  if (!sig || *sig == SIGKILL || *sig == SIGSTOP) {
    report_error("trap: " + std::string(signal) + ": invalid signal specification");
    return;
  }
  auto it = s_->traps.find(*sig);
  if (it == s_->traps.end()) {
    it = s_->traps.emplace(*sig, posix::Trap{}).first;
    if (*sig > 0) ::sigaction(*sig, nullptr, &it->second.previous);
  }
  it->second.handler = handler;
  if (*sig == 0) return;  // EXIT: run by run_exit_trap
  struct sigaction sa {};
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // slow system calls go on; the trap runs at the next TrapCheck
  sa.sa_handler = handler.ops.empty() ? SIG_IGN : record_signal;
  if (::sigaction(*sig, &sa, nullptr) != 0)
    report_error("trap: " + std::string(signal) + ": " + posix::errno_text(errno));
}

bool PosixHost::trap_reset(std::string_view signal) {
  const std::optional<int> sig = signal_number(signal);
  if (!sig) return false;
  auto it = s_->traps.find(*sig);
  if (it == s_->traps.end()) return true;
  if (*sig > 0) ::sigaction(*sig, &it->second.previous, nullptr);
  s_->traps.erase(it);
  return true;
}

namespace {

void run_trap_chunk(PosixHost& host, const Chunk& chunk, const PosixHostOptions& opts) {
  VM vm(chunk, opts.limits);
  vm.set_jit(false);
  vm.set_shell_host(std::make_unique<ForwardingHost>(host));
  vm.set_output(host.output_sink());
  if (opts.prepare_vm) opts.prepare_vm(vm, host);
  VMResult r = vm.run();
  if (r.is_error()) host.report_error("trap: " + r.error());
}

}  // namespace

void PosixHost::trap_check() {
  if (!g_any_pending || s_->in_trap) return;
  g_any_pending = 0;
  s_->in_trap = true;
  struct Leave {
    bool& flag;
    ~Leave() { flag = false; }
  } leave{s_->in_trap};
  for (int sig = 1; sig < NSIG; ++sig) {
    if (!g_pending[sig]) continue;
    g_pending[sig] = 0;
    auto it = s_->traps.find(sig);
    if (it == s_->traps.end() || it->second.handler.ops.empty()) continue;
    const Chunk handler = it->second.handler;  // the trap may replace itself while it runs
    run_trap_chunk(*this, handler, s_->options);
  }
}

void PosixHost::run_exit_trap() {
  auto it = s_->traps.find(0);
  if (it == s_->traps.end()) return;
  const Chunk handler = std::move(it->second.handler);
  s_->traps.erase(it);
  if (!handler.ops.empty()) run_trap_chunk(*this, handler, s_->options);
}

}  // namespace fusevm
