// PosixHost with real processes: Exec statuses and errors, the environment and PATH, every
// redirection kind, here-documents and here-strings, command and process substitution.
// (Pipelines, scopes, subshells, traps, jobs and the stress test: posix_host_pipeline_test.cpp.)
#include <sys/stat.h>

#include "posix_host_support.h"

namespace fusevm {
namespace {

using test::Prog;
using test::Rig;
using test::TempDir;

int32_t status_of(Prog& p, PosixHostOptions opts = {}, std::string* err = nullptr, std::string* out = nullptr) {
  p.get_status();
  Rig rig(p.build(), std::move(opts));
  VMResult r = rig.run();
  EXPECT_TRUE(r.is_ok()) << r.error();
  if (err != nullptr) *err = rig.stderr_text();
  if (out != nullptr) *out = rig.stdout_text();
  return static_cast<int32_t>(r.value().to_int());
}

TEST(PosixHost, ExecReportsExitCodesAndSignals) {
  Prog a;
  a.cmd({"/bin/sh", "-c", "exit 3"});
  EXPECT_EQ(status_of(a), 3);
  Prog b;
  b.cmd({"sh", "-c", "kill -9 $$"});
  EXPECT_EQ(status_of(b), 128 + 9);
  Prog c;
  c.cmd({"true"});  // the VM's inline `true`: never reaches the host
  EXPECT_EQ(status_of(c), 0);
}

TEST(PosixHost, StartFailuresNameThePathAndTheError) {
  TempDir dir;
  std::string err;
  Prog a;
  a.cmd({dir.file("missing")});
  EXPECT_EQ(status_of(a, {}, &err), 127);
  EXPECT_EQ(err, "test: " + dir.file("missing") + ": No such file or directory\n");
  Prog b;
  b.cmd({dir.path.string()});  // a directory: found but not executable
  EXPECT_EQ(status_of(b, {}, &err), 126);
  EXPECT_EQ(err, "test: " + dir.path.string() + ": Permission denied\n");
  Prog c;
  c.cmd({"no-such-command-fusevm"});
  EXPECT_EQ(status_of(c, {}, &err), 127);
  EXPECT_EQ(err, "test: no-such-command-fusevm: command not found\n");
}

TEST(PosixHost, ChildrenGetTheShellsPathAndExportedVariables) {
  Prog p;
  p.cmd({"sh", "-c", "printf '%s|%s' \"$FUSEVM_A\" \"$FUSEVM_B\""});
  p.get_status();
  Rig rig(p.build());
  rig.host->variables().set("FUSEVM_A", Value::string("exported"));
  rig.host->variables().set_exported("FUSEVM_A", true);
  rig.host->variables().set("FUSEVM_B", Value::string("private"));
  ASSERT_FALSE(rig.run().is_error());
  EXPECT_EQ(rig.stdout_text(), "exported|");

  TempDir dir;
  Prog q;
  q.cmd({"sh", "-c", "true"});
  q.get_status();
  Rig rig2(q.build());
  rig2.host->variables().set("PATH", Value::string(dir.path.string()));  // no sh there
  VMResult r = rig2.run();
  EXPECT_EQ(r.value().to_int(), 127);
}

TEST(PosixHost, EveryRedirectionKind) {
  TempDir d;
  Prog p;
  // WRITE, then APPEND
  p.redirect(1, redirect_op::WRITE, d.file("w"));
  p.cmd({"/bin/echo", "one"});
  p.redirect(1, redirect_op::APPEND, d.file("w"));
  p.cmd({"/bin/echo", "two"});
  // READ
  p.redirect(0, redirect_op::READ, d.file("w"));
  p.redirect(1, redirect_op::WRITE, d.file("r"));
  p.cmd({"tr", "a-z", "A-Z"});
  // READ_WRITE: creates, does not truncate
  p.redirect(3, redirect_op::READ_WRITE, d.file("rw"));
  p.cmd({"sh", "-c", "echo rw >&3"});
  // CLOBBER under noclobber
  p.redirect(1, redirect_op::CLOBBER, d.file("w"));
  p.cmd({"/bin/echo", "clobbered"});
  // DUP_WRITE: 2>&1 into a file
  p.redirect(1, redirect_op::WRITE, d.file("dup"));
  p.redirect(2, redirect_op::DUP_WRITE, "1");
  p.cmd({"sh", "-c", "echo out; echo err >&2"});
  // DUP_READ: 0<&3 with 3 from a file
  p.redirect(3, redirect_op::READ, d.file("r"));
  p.redirect(0, redirect_op::DUP_READ, "3");
  p.redirect(1, redirect_op::WRITE, d.file("dupread"));
  p.cmd({"cat"});
  // WRITE_BOTH, APPEND_BOTH
  p.redirect(1, redirect_op::WRITE_BOTH, d.file("both"));
  p.cmd({"sh", "-c", "echo a; echo b >&2"});
  p.redirect(1, redirect_op::APPEND_BOTH, d.file("both"));
  p.cmd({"sh", "-c", "echo c >&2"});
  // `>&-` closes: writing to the closed fd fails in the child
  p.redirect(1, redirect_op::DUP_WRITE, "-");
  p.cmd({"sh", "-c", "echo gone 2>/dev/null || exit 9"});
  PosixHostOptions opts;
  opts.noclobber = true;
  EXPECT_EQ(status_of(p, opts), 9);
  EXPECT_EQ(test::slurp(d.file("w")), "clobbered\n");
  EXPECT_EQ(test::slurp(d.file("r")), "ONE\nTWO\n");
  EXPECT_EQ(test::slurp(d.file("rw")), "rw\n");
  EXPECT_EQ(test::slurp(d.file("dup")), "out\nerr\n");
  EXPECT_EQ(test::slurp(d.file("dupread")), "ONE\nTWO\n");
  EXPECT_EQ(test::slurp(d.file("both")), "a\nb\nc\n");
}

TEST(PosixHost, RedirectionFailuresSkipTheCommand) {
  TempDir d;
  std::string err;
  Prog a;
  a.redirect(0, redirect_op::READ, d.file("absent"));
  a.cmd({"sh", "-c", "echo ran"});
  std::string out;
  EXPECT_EQ(status_of(a, {}, &err, &out), 1);
  EXPECT_EQ(out, "");
  EXPECT_EQ(err, "test: " + d.file("absent") + ": No such file or directory\n");

  std::ofstream(d.file("exists")) << "keep\n";
  Prog b;
  b.redirect(1, redirect_op::WRITE, d.file("exists"));
  b.cmd({"/bin/echo", "overwrite"});
  PosixHostOptions opts;
  opts.noclobber = true;
  EXPECT_EQ(status_of(b, opts, &err), 1);
  EXPECT_EQ(err, "test: " + d.file("exists") + ": cannot overwrite existing file\n");
  EXPECT_EQ(test::slurp(d.file("exists")), "keep\n");

  Prog c;
  c.redirect(0, redirect_op::DUP_READ, "7");  // fd 7 is not open in the shell
  c.cmd({"cat"});
  EXPECT_EQ(status_of(c, {}, &err), 1);
  EXPECT_EQ(err, "test: 7: bad file descriptor\n");
}

TEST(PosixHost, HereDocumentsLargerThanAPipe) {
  std::string body;
  for (int i = 0; i < 40000; ++i) body += "line " + std::to_string(i) + "\n";  // ~470 KiB
  ASSERT_GT(body.size(), size_t{65536});
  Prog p;
  const uint16_t idx = p.b.add_constant(Value::string(body));
  p.b.emit(ins::HereDoc(idx), 1);
  p.cmd({"wc", "-c"});
  p.b.emit(ins::HereDoc(idx), 1);
  p.cmd({"tail", "-n", "1"});
  p.push("a here-string");
  p.b.emit(ins::HereString(), 1);
  p.cmd({"cat"});
  std::string out;
  EXPECT_EQ(status_of(p, {}, nullptr, &out), 0);
  EXPECT_EQ(out, std::to_string(body.size()) + "\nline 39999\na here-string\n");
}

Chunk sub_chunk(const std::vector<std::vector<std::string>>& commands) {
  Prog s;
  for (const auto& c : commands) s.cmd(c);
  return s.build();
}

TEST(PosixHost, CommandSubstitutionOfMoreThanAMebibyte) {
  Prog p;
  const uint16_t sub = p.b.add_sub_chunk(sub_chunk({{"sh", "-c", "head -c 1500000 /dev/zero | tr '\\0' x; printf '\\n\\n'"}}));
  p.b.emit(ins::CmdSubst(sub), 1);
  Rig rig(p.build());
  VMResult r = rig.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_EQ(r.value().to_str(), std::string(1500000, 'x'));  // trailing newlines removed
  EXPECT_EQ(rig.host->last_status(), 0);
}

TEST(PosixHost, CommandSubstitutionIsASubshell) {
  // The sub-chunk sees the variables, assigns one (${v:=...}), changes directory and fails;
  // none of it leaks, and its status is the host's last_status.
  Prog s;
  s.push("GREETING");
  s.push("");
  s.b.emit(ins::ExpandParam(param_mod::DEFAULT), 1);
  s.b.emit(ins::Pop(), 1);
  s.push("NEW");
  s.push("assigned");
  s.b.emit(ins::ExpandParam(param_mod::ASSIGN), 1);
  s.b.emit(ins::Pop(), 1);
  s.cmd({"sh", "-c", "cd / && printf '%s' \"$GREETING\"; exit 4"});
  Prog p;
  const uint16_t sub = p.b.add_sub_chunk(s.build());
  p.b.emit(ins::CmdSubst(sub), 1);
  Rig rig(p.build());
  rig.host->variables().set("GREETING", Value::string("hello"));
  rig.host->variables().set_exported("GREETING", true);
  const std::string cwd = std::filesystem::current_path().string();
  VMResult r = rig.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_EQ(r.value().to_str(), "hello");
  EXPECT_EQ(rig.host->last_status(), 4);
  EXPECT_EQ(rig.host->variables().get("NEW"), nullptr);
  EXPECT_EQ(std::filesystem::current_path().string(), cwd);
}

TEST(PosixHost, ProcessSubstitutionBothWays) {
  TempDir d;
  Prog p;
  const uint16_t in = p.b.add_sub_chunk(sub_chunk({{"printf", "b\\na\\nc\\n"}}));
  const uint16_t out = p.b.add_sub_chunk(sub_chunk({{"sh", "-c", "tr a-z A-Z > " + d.file("upper")}}));
  p.push("sort");
  p.b.emit(ins::ProcessSubIn(in), 1);
  p.b.emit(ins::Exec(2), 1);
  p.b.emit(ins::SetStatus(), 1);
  p.push("cp");
  p.b.emit(ins::ProcessSubIn(in), 1);
  p.b.emit(ins::ProcessSubOut(out), 1);
  p.b.emit(ins::Exec(3), 1);
  p.b.emit(ins::SetStatus(), 1);
  std::string stdout_text;
  const size_t fds = test::open_fd_count();
  EXPECT_EQ(status_of(p, {}, nullptr, &stdout_text), 0);
  EXPECT_EQ(stdout_text, "a\nb\nc\n");
  EXPECT_EQ(test::slurp(d.file("upper")), "B\nA\nC\n");  // the >(...) child was waited for
  EXPECT_EQ(test::open_fd_count(), fds);
  EXPECT_FALSE(test::has_zombie_child());
}

TEST(PosixHost, ChangeDirectoryAndErrors) {
  Rig rig(Prog().build());
  TempDir d;
  const auto before = std::filesystem::current_path();
  const Value* pwd = rig.host->variables().get("PWD");
  const std::string old_pwd = pwd != nullptr ? pwd->to_str() : std::string();
  EXPECT_EQ(rig.host->change_directory(d.path.string()), 0);
  EXPECT_EQ(std::filesystem::current_path(), std::filesystem::canonical(d.path));
  EXPECT_EQ(rig.host->change_directory(d.file("nope")), 1);
  EXPECT_EQ(rig.stderr_text(), "test: cd: " + d.file("nope") + ": No such file or directory\n");
  EXPECT_EQ(rig.host->variables().get("OLDPWD")->to_str(), old_pwd);
  EXPECT_EQ(rig.host->variables().get("PWD")->to_str(), std::filesystem::canonical(d.path).string());
  std::filesystem::current_path(before);
}

}  // namespace
}  // namespace fusevm
