// PosixHost with real processes: pipelines of 1-8 stages, pipefail, redirect scopes (undone at
// their end and after an error), subshells, traps on real signals, background jobs, and a stress
// test of 1,000 pipelines that must leave no fd and no zombie behind.
#include <signal.h>

#include "posix_host_support.h"

namespace fusevm {
namespace {

using test::Prog;
using test::Rig;
using test::TempDir;

TEST(PosixHostPipeline, OneToEightStages) {
  for (int n = 1; n <= 8; ++n) {
    std::vector<std::vector<std::string>> stages;
    stages.push_back({"printf", "c\\na\\nb\\n"});
    for (int i = 1; i < n - 1; ++i) stages.push_back(i % 2 ? std::vector<std::string>{"cat"} : std::vector<std::string>{"sort"});
    if (n > 1) stages.push_back({"wc", "-l"});
    Prog p;
    p.pipeline(stages);
    p.get_status();
    Rig rig(p.build());
    VMResult r = rig.run();
    ASSERT_TRUE(r.is_ok()) << r.error();
    EXPECT_EQ(r.value().to_int(), 0);
    EXPECT_EQ(rig.stdout_text(), n == 1 ? "c\na\nb\n" : "3\n") << n << " stages";
    EXPECT_EQ(rig.stderr_text(), "");
  }
}

TEST(PosixHostPipeline, StatusIsTheLastStageOrWithPipefailTheLastFailure) {
  auto run = [](bool pipefail, std::vector<std::vector<std::string>> stages) {
    Prog p;
    p.pipeline(stages);
    p.get_status();
    PosixHostOptions opts;
    opts.pipefail = pipefail;
    Rig rig(p.build(), opts);
    return rig.run().value().to_int();
  };
  const std::vector<std::vector<std::string>> fail_first = {{"sh", "-c", "exit 3"}, {"cat"}};
  const std::vector<std::vector<std::string>> fail_mid = {{"sh", "-c", "exit 3"}, {"sh", "-c", "cat; exit 5"}, {"cat"}};
  EXPECT_EQ(run(false, fail_first), 0);
  EXPECT_EQ(run(true, fail_first), 3);
  EXPECT_EQ(run(true, fail_mid), 5);
  EXPECT_EQ(run(false, {{"cat", "/dev/null"}, {"sh", "-c", "cat >/dev/null; exit 7"}}), 7);
  EXPECT_EQ(run(false, {{"printf", "x"}, {"no-such-command-fusevm"}}), 127);
  // `yes` dies of SIGPIPE once `head` is done: the pipeline still ends.
  EXPECT_EQ(run(true, {{"yes"}, {"head", "-n", "1"}}), 128 + SIGPIPE);
}

TEST(PosixHostPipeline, StageRedirectionsApplyOnTopOfThePipe) {
  // sh -c 'echo out; echo err >&2' 2>&1 | tr a-z A-Z
  Prog p;
  p.b.emit(ins::PipelineBegin(2), 1);
  p.redirect(2, redirect_op::DUP_WRITE, "1");
  p.stage({"sh", "-c", "echo out; echo err >&2"});
  p.b.emit(ins::PipelineStage(), 1);
  p.stage({"tr", "a-z", "A-Z"});
  p.b.emit(ins::PipelineEnd(), 1);
  Rig rig(p.build());
  ASSERT_FALSE(rig.run().is_error());
  EXPECT_EQ(rig.stdout_text(), "OUT\nERR\n");
}

TEST(PosixHostPipeline, TheVmsOwnOutputFlowsThroughStages) {
  // Inline `echo` (and Print) write through the host's sink into the stage's pipe: more than a
  // pipe holds (a forked writer hands it over) and less (written directly).
  for (const size_t size : {size_t{200000}, size_t{3} << 20}) {
  const std::string big(size, 'y');
  Prog p;
  p.b.emit(ins::PipelineBegin(2), 1);
  p.stage({"echo", "hello"});
  p.push(big);
  p.b.emit(ins::PrintLn(1), 1);
  p.b.emit(ins::PipelineStage(), 1);
  p.stage({"wc", "-c"});
  p.b.emit(ins::PipelineEnd(), 1);
  Rig rig(p.build());
  VMResult r = rig.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_EQ(rig.stdout_text(), std::to_string(6 + big.size() + 1) + "\n");
  EXPECT_FALSE(test::has_zombie_child());
  }
}

TEST(PosixHostScopes, RedirectionsOfABlockAreUndoneAtItsEnd) {
  TempDir d;
  Prog p;
  p.redirect(1, redirect_op::WRITE, d.file("block"));
  p.b.emit(ins::WithRedirectsBegin(1), 1);
  p.stage({"echo", "inline"});
  p.cmd({"/bin/echo", "child"});
  p.redirect(1, redirect_op::APPEND, d.file("inner"));
  p.b.emit(ins::WithRedirectsBegin(1), 1);
  p.cmd({"/bin/echo", "nested"});
  p.b.emit(ins::WithRedirectsEnd(), 1);
  p.cmd({"/bin/echo", "back in block"});
  p.b.emit(ins::WithRedirectsEnd(), 1);
  p.cmd({"/bin/echo", "after"});
  Rig rig(p.build());
  ASSERT_FALSE(rig.run().is_error());
  EXPECT_EQ(test::slurp(d.file("block")), "inline\nchild\nback in block\n");
  EXPECT_EQ(test::slurp(d.file("inner")), "nested\n");
  EXPECT_EQ(rig.stdout_text(), "after\n");
}

TEST(PosixHostScopes, UndoneWhenTheBlockFails) {
  TempDir d;
  Prog p;
  p.redirect(1, redirect_op::WRITE, d.file("block"));
  p.b.emit(ins::WithRedirectsBegin(1), 1);
  p.redirect(2, redirect_op::WRITE, d.file("err"));
  p.b.emit(ins::WithRedirectsBegin(1), 1);
  p.b.emit(ins::PipelineBegin(2), 1);
  p.stage({"sleep", "0.05"});
  p.b.emit(ins::PipelineStage(), 1);
  p.cmd({"/bin/echo", "in block"});
  p.b.emit(ins::CallBuiltin(uint16_t{999}, uint8_t{0}), 1);  // an error: no such builtin
  p.b.emit(ins::WithRedirectsEnd(), 1);
  p.b.emit(ins::WithRedirectsEnd(), 1);
  Rig rig(p.build());
  const int out_before = rig.host->fd(1);
  const int err_before = rig.host->fd(2);
  const size_t fds = test::open_fd_count();
  VMResult r = rig.run();
  ASSERT_TRUE(r.is_error());
  EXPECT_NE(r.error().find("no builtin registered for id 999"), std::string::npos);
  EXPECT_EQ(rig.host->fd(1), out_before);
  EXPECT_EQ(rig.host->fd(2), err_before);
  EXPECT_EQ(test::open_fd_count(), fds);
  EXPECT_FALSE(test::has_zombie_child());  // the open pipeline's process was waited for
  EXPECT_EQ(test::slurp(d.file("block")), "in block\n");
  // The host works normally afterwards.
  rig.vm->reset(test::Prog().build());
  Prog q;
  q.cmd({"/bin/echo", "after"});
  rig.vm->reset(q.build());
  ASSERT_FALSE(rig.run().is_error());
  EXPECT_EQ(rig.stdout_text(), "after\n");
}

TEST(PosixHostSubshell, ExitStatusAndIsolation) {
  TempDir d;
  Prog p;
  p.b.emit(ins::SubshellBegin(), 1);
  p.push("X");
  p.push("inner");
  p.b.emit(ins::ExpandParam(param_mod::ASSIGN), 1);
  p.b.emit(ins::Pop(), 1);
  p.redirect(1, redirect_op::WRITE, d.file("sub"));
  p.b.emit(ins::WithRedirectsBegin(1), 1);  // left open: SubshellEnd undoes it
  p.cmd({"sh", "-c", "echo in subshell; exit 3"});
  p.b.emit(ins::SubshellEnd(), 1);
  p.get_status();
  p.cmd({"/bin/echo", "outside"});
  Rig rig(p.build());
  VMResult r = rig.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_EQ(r.value().to_int(), 3);  // (… exit 3); echo $?
  EXPECT_EQ(rig.host->variables().get("X"), nullptr);
  EXPECT_EQ(test::slurp(d.file("sub")), "in subshell\n");
  EXPECT_EQ(rig.stdout_text(), "outside\n");
  EXPECT_EQ(rig.host->subshell_depth(), 0u);
}

TEST(PosixHostTraps, RealSignalsRunTheirChunkAtTrapCheck) {
  Prog handler;
  handler.push("trapped");
  handler.b.emit(ins::PrintLn(1), 1);
  Prog p;
  const uint16_t h = p.b.add_sub_chunk(handler.build());
  p.push("USR1");
  p.b.emit(ins::TrapSet(h), 1);
  p.cmd({"kill", "-USR1", std::to_string(::getpid())});
  p.push("before check");
  p.b.emit(ins::PrintLn(1), 1);
  p.b.emit(ins::TrapCheck(), 1);
  p.b.emit(ins::TrapCheck(), 1);  // delivered once
  p.push("INVALID");
  p.b.emit(ins::TrapSet(h), 1);
  Rig rig(p.build());
  struct sigaction before {};
  ::sigaction(SIGUSR1, nullptr, &before);
  ASSERT_FALSE(rig.run().is_error());
  EXPECT_EQ(rig.stdout_text(), "before check\ntrapped\n");
  EXPECT_EQ(rig.stderr_text(), "test: trap: INVALID: invalid signal specification\n");
  EXPECT_TRUE(rig.host->trap_reset("SIGUSR1"));
  struct sigaction after {};
  ::sigaction(SIGUSR1, nullptr, &after);
  EXPECT_EQ(after.sa_handler, before.sa_handler);
  EXPECT_EQ(PosixHost::signal_number("SIGTERM"), SIGTERM);
  EXPECT_EQ(PosixHost::signal_number("15"), 15);
  EXPECT_EQ(PosixHost::signal_number("EXIT"), 0);
  EXPECT_EQ(PosixHost::signal_number("int"), std::nullopt);
}

TEST(PosixHostTraps, IgnoredSignalsAreInheritedAndTheExitTrapRunsOnce) {
  Prog empty;
  Prog handler;
  handler.push("bye");
  handler.b.emit(ins::PrintLn(1), 1);
  Prog p;
  const uint16_t e = p.b.add_sub_chunk(empty.build());
  const uint16_t h = p.b.add_sub_chunk(handler.build());
  p.push("TERM");
  p.b.emit(ins::TrapSet(e), 1);  // trap '' TERM
  p.push("EXIT");
  p.b.emit(ins::TrapSet(h), 1);
  p.cmd({"sh", "-c", "kill -TERM $$; echo survived"});
  Rig rig(p.build());
  ASSERT_FALSE(rig.run().is_error());
  rig.host->run_exit_trap();
  rig.host->run_exit_trap();
  EXPECT_EQ(rig.stdout_text(), "survived\nbye\n");
  EXPECT_TRUE(rig.host->trap_reset("TERM"));
}

TEST(PosixHostJobs, BackgroundJobsAreWaitedFor) {
  TempDir d;
  Prog p;
  p.argv({"sh", "-c", "sleep 0.05; echo done > " + d.file("bg")});
  p.b.emit(ins::ExecBg(3), 1);
  p.b.emit(ins::Pop(), 1);
  p.argv({"sh", "-c", "exit 6"});
  p.b.emit(ins::ExecBg(3), 1);
  Rig rig(p.build());
  ASSERT_FALSE(rig.run().is_error());
  const pid_t last = rig.host->last_background_pid();
  ASSERT_GT(last, 0);
  EXPECT_EQ(rig.host->wait_job(last), 6);
  EXPECT_EQ(rig.host->wait_job(last), 127);  // no longer a job
  EXPECT_EQ(rig.host->wait_jobs(), 0);
  EXPECT_TRUE(rig.host->jobs().empty());
  EXPECT_EQ(test::slurp(d.file("bg")), "done\n");
  EXPECT_FALSE(test::has_zombie_child());
}

TEST(PosixHostStress, AThousandPipelinesLeaveNoFdOrZombie) {
  // for i in 1..1000: /bin/true | /bin/true | /bin/true   (a loop in the chunk)
  Prog p;
  p.b.emit(ins::LoadInt(0), 1);
  p.b.emit(ins::SetSlot(0), 1);
  const size_t top = p.b.current_pos();
  const size_t exit_jump = p.b.emit(ins::SlotLtIntJumpIfFalse(uint16_t{0}, int32_t{1000}, uint32_t{0}), 1);
  p.pipeline({{"/bin/true"}, {"/bin/true"}, {"/bin/true"}});
  p.b.emit(ins::PreIncSlot(0), 1);
  p.b.emit(ins::Pop(), 1);
  p.b.emit(ins::Jump(static_cast<uint32_t>(top)), 1);
  p.b.patch_jump(exit_jump, p.b.current_pos());
  p.get_status();
  Rig rig(p.build());
  rig.vm->set_jit(true);  // shell ops are never compiled: the loop must still be right
  const size_t fds = test::open_fd_count();
  VMResult r = rig.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_EQ(r.value().to_int(), 0);
  EXPECT_EQ(test::open_fd_count(), fds);
  EXPECT_FALSE(test::has_zombie_child());
  EXPECT_EQ(rig.stderr_text(), "");
}

}  // namespace
}  // namespace fusevm
