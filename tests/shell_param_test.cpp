// Parameter expansion (ExpandParam) over a host's variable store: the 18 modifiers in
// DefaultHost and through the VM without a host, and the shell builtin id table (BUILTINS.md).
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "fusevm/builder.h"
#include "fusevm/builtins.h"
#include "fusevm/code_tables.h"
#include "fusevm/shell_host.h"
#include "fusevm/vm.h"

namespace fusevm {
namespace {

Value expand(DefaultHost& h, std::string_view name, uint8_t m, std::vector<Value> args = {}) {
  return h.expand_param(name, m, args);
}
std::string str(DefaultHost& h, std::string_view name, uint8_t m, std::vector<Value> args = {}) {
  return expand(h, name, m, std::move(args)).to_str();
}
Value S(std::string_view s) { return Value::string(s); }

TEST(ShellParam, DefaultAssignErrorAlternate) {
  DefaultHost h;
  h.variables().set("set", S("value"));
  h.variables().set("empty", S(""));
  EXPECT_EQ(str(h, "set", param_mod::DEFAULT, {S("w")}), "value");
  EXPECT_EQ(str(h, "empty", param_mod::DEFAULT, {S("w")}), "w");
  EXPECT_EQ(str(h, "unset", param_mod::DEFAULT, {S("w")}), "w");
  EXPECT_EQ(str(h, "unset", param_mod::ASSIGN, {S("new")}), "new");
  EXPECT_EQ(h.variables().get("unset")->to_str(), "new");
  EXPECT_EQ(str(h, "set", param_mod::ASSIGN, {S("other")}), "value");
  EXPECT_EQ(str(h, "set", param_mod::ALTERNATE, {S("alt")}), "alt");
  EXPECT_EQ(str(h, "empty", param_mod::ALTERNATE, {S("alt")}), "");
  EXPECT_EQ(str(h, "set", param_mod::ERROR, {S("msg")}), "value");
  try {
    expand(h, "nothing", param_mod::ERROR, {S("")});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "nothing: parameter null or not set");
  }
  EXPECT_THROW(expand(h, "empty", param_mod::ERROR, {S("custom")}), std::runtime_error);
}

TEST(ShellParam, LengthCaseIndirectKeys) {
  DefaultHost h;
  h.variables().set("v", S("h\xC3\xA9llo"));  // héllo: 5 characters, 6 bytes
  h.variables().set("ptr", S("v"));
  h.variables().set("arr", Value::array({S("a"), S("b"), S("c")}));
  EXPECT_EQ(expand(h, "v", param_mod::LENGTH).to_int(), 5);
  EXPECT_EQ(expand(h, "arr", param_mod::LENGTH).to_int(), 3);
  EXPECT_EQ(expand(h, "none", param_mod::LENGTH).to_int(), 0);
  EXPECT_EQ(str(h, "v", param_mod::UPPER), "H\xC3\xA9LLO");  // ASCII only
  EXPECT_EQ(str(h, "v", param_mod::UPPER_FIRST), "H\xC3\xA9llo");
  h.variables().set("u", S("ABC"));
  EXPECT_EQ(str(h, "u", param_mod::LOWER), "abc");
  EXPECT_EQ(str(h, "u", param_mod::LOWER_FIRST), "aBC");
  EXPECT_EQ(str(h, "ptr", param_mod::INDIRECT), "h\xC3\xA9llo");
  EXPECT_EQ(expand(h, "arr", param_mod::KEYS).to_str(), "0 1 2");
  EXPECT_TRUE(expand(h, "none", param_mod::KEYS).is_array());
  EXPECT_EQ(expand(h, "none", param_mod::KEYS).as_array().size(), 0u);
  EXPECT_EQ(str(h, "v", 200), "");  // unknown modifier
}

TEST(ShellParam, StripSubstituteSlice) {
  DefaultHost h;
  h.variables().set("p", S("/usr/local/lib/libx.so.1"));
  EXPECT_EQ(str(h, "p", param_mod::STRIP_SHORT, {S("*/")}), "usr/local/lib/libx.so.1");
  EXPECT_EQ(str(h, "p", param_mod::STRIP_LONG, {S("*/")}), "libx.so.1");
  EXPECT_EQ(str(h, "p", param_mod::RSTRIP_SHORT, {S(".*")}), "/usr/local/lib/libx.so");
  EXPECT_EQ(str(h, "p", param_mod::RSTRIP_LONG, {S(".*")}), "/usr/local/lib/libx");
  EXPECT_EQ(str(h, "p", param_mod::STRIP_SHORT, {S("nomatch")}), "/usr/local/lib/libx.so.1");
  h.variables().set("s", S("a-b-c"));
  EXPECT_EQ(str(h, "s", param_mod::SUBST_FIRST, {S("-"), S("+")}), "a+b-c");
  EXPECT_EQ(str(h, "s", param_mod::SUBST_ALL, {S("-"), S("+")}), "a+b+c");
  EXPECT_EQ(str(h, "s", param_mod::SUBST_ALL, {S("[ac]"), S("X")}), "X-b-X");
  EXPECT_EQ(str(h, "s", param_mod::SUBST_FIRST, {S("-*"), S("")}), "a");  // longest match
  EXPECT_EQ(str(h, "s", param_mod::SUBST_FIRST, {S("#a"), S("Z")}), "Z-b-c");
  EXPECT_EQ(str(h, "s", param_mod::SUBST_FIRST, {S("#b"), S("Z")}), "a-b-c");
  EXPECT_EQ(str(h, "s", param_mod::SUBST_FIRST, {S("%c"), S("Z")}), "a-b-Z");
  EXPECT_EQ(str(h, "s", param_mod::SUBST_ALL, {S(""), S("Z")}), "a-b-c");
  EXPECT_EQ(str(h, "s", param_mod::SUBST_ALL, {S("?-"), S("")}), "c");
  EXPECT_EQ(str(h, "s", param_mod::SUBST_FIRST, {S("%?"), S("Z")}), "a-b-Z");
  EXPECT_EQ(str(h, "s", param_mod::SUBST_FIRST, {S("[[:alpha:]]"), S("Z")}), "Z-b-c");
  h.variables().set("u", S("\xC3\xA9t\xC3\xA9"));  // été
  EXPECT_EQ(str(h, "u", param_mod::SUBST_ALL, {S("\xC3\xA9"), S("e")}), "ete");
  EXPECT_EQ(str(h, "u", param_mod::STRIP_SHORT, {S("?")}), "t\xC3\xA9");
  EXPECT_EQ(str(h, "u", param_mod::RSTRIP_SHORT, {S("[!x]")}), "\xC3\xA9t");
  h.variables().set("t", S("0123456789"));
  EXPECT_EQ(str(h, "t", param_mod::SLICE, {Value::integer(2), Value::integer(3)}), "234");
  EXPECT_EQ(str(h, "t", param_mod::SLICE, {Value::integer(7), Value()}), "789");
  EXPECT_EQ(str(h, "t", param_mod::SLICE, {Value::integer(-3), Value::integer(2)}), "78");
  EXPECT_EQ(str(h, "t", param_mod::SLICE, {Value::integer(2), Value::integer(-2)}), "234567");
  EXPECT_EQ(str(h, "t", param_mod::SLICE, {Value::integer(20), Value::integer(1)}), "");
  EXPECT_EQ(str(h, "t", param_mod::SLICE, {Value::integer(-20), Value()}), "");
  EXPECT_EQ(str(h, "t", param_mod::SLICE, {Value::integer(8), Value::integer(-5)}), "");
}

TEST(ShellParam, HostilePatternsFailInsteadOfRunningOn) {
  DefaultHost h;
  h.variables().set("big", S(std::string(200000, 'a')));
  EXPECT_THROW(expand(h, "big", param_mod::SUBST_ALL, {S("*a*a*a*b"), S("x")}), std::runtime_error);
  EXPECT_THROW(expand(h, "big", param_mod::STRIP_LONG, {S("*b")}), std::runtime_error);
  // Cheap work on the same value still succeeds: patterns without `*` are tried at one length.
  EXPECT_EQ(expand(h, "big", param_mod::STRIP_SHORT, {S("a")}).to_str().size(), 199999u);
  EXPECT_EQ(expand(h, "big", param_mod::RSTRIP_LONG, {S("a?")}).to_str().size(), 199998u);
  EXPECT_EQ(expand(h, "big", param_mod::SUBST_ALL, {S("[a]a"), S("b")}).to_str(), std::string(100000, 'b'));
  EXPECT_EQ(expand(h, "big", param_mod::SUBST_ALL, {S("\\a"), S("")}).to_str(), "");
  EXPECT_EQ(expand(h, "big", param_mod::LENGTH).to_int(), 200000);
}

TEST(ShellParam, WithoutAHostTheVmUsesItsOwnEmptyStore) {
  // ${x:=v} then ${x:-w}: the assignment is seen by the next expansion, and reset() forgets it.
  ChunkBuilder b;
  b.set_fusion(false);
  b.emit(ins::LoadConst(b.add_constant(S("x"))), 1);
  b.emit(ins::LoadConst(b.add_constant(S("v"))), 1);
  b.emit(ins::ExpandParam(param_mod::ASSIGN), 1);
  b.emit(ins::Pop(), 1);
  b.emit(ins::LoadConst(b.add_constant(S("x"))), 1);
  b.emit(ins::LoadConst(b.add_constant(S("w"))), 1);
  b.emit(ins::ExpandParam(param_mod::DEFAULT), 1);
  VM vm(std::move(b).build());
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_EQ(r.value().to_str(), "v");
  vm.reset();
  EXPECT_EQ(vm.run().value().to_str(), "v");  // assigned afresh, not remembered

  ChunkBuilder e;
  e.emit(ins::LoadConst(e.add_constant(S("missing"))), 1);
  e.emit(ins::LoadConst(e.add_constant(S("is required"))), 1);
  e.emit(ins::ExpandParam(param_mod::ERROR), 1);
  VM vm2(std::move(e).build());
  VMResult err = vm2.run();
  ASSERT_TRUE(err.is_error());
  EXPECT_NE(err.error().find("ExpandParam"), std::string::npos) << err.error();
  EXPECT_NE(err.error().find("missing: is required"), std::string::npos) << err.error();
}

TEST(ShellHostExtension, AHostMayAnswerFileTests) {
  // TestFile asks the host (a port extension); the default is the VM's own evaluation.
  struct Hiding : ShellHost {
    bool test_file(uint8_t, std::string_view) override { return false; }
  };
  auto chunk = [] {
    ChunkBuilder b;
    b.emit(ins::LoadConst(b.add_constant(S("/"))), 1);
    b.emit(ins::TestFile(file_test::IS_DIR), 1);
    return std::move(b).build();
  };
  VM plain(chunk());
  EXPECT_TRUE(plain.run().value().as_bool());
  VM hidden(chunk());
  hidden.set_shell_host(std::make_unique<Hiding>());
  EXPECT_FALSE(hidden.run().value().as_bool());
}

// ── Builtin ids (BUILTINS.md) ──

using namespace builtins;

TEST(ShellBuiltins, ConstantsAndLookup) {
  EXPECT_EQ(BUILTIN_CD, 0);
  EXPECT_EQ(BUILTIN_TEST, 12);
  EXPECT_EQ(BUILTIN_TYPESET, 22);
  EXPECT_EQ(BUILTIN_TRAP, 100);
  EXPECT_EQ(BUILTIN_MKTEMP, 262);
  EXPECT_EQ(BUILTIN_MAX, 280);
  EXPECT_EQ(kBuiltinNameCount, 145u);
  static_assert(builtin_id("cd") == BUILTIN_CD);
  static_assert(builtin_id("chdir") == BUILTIN_CD);
  EXPECT_EQ(builtin_id("."), BUILTIN_SOURCE);
  EXPECT_EQ(builtin_id("logout"), BUILTIN_EXIT);
  EXPECT_EQ(builtin_id("bye"), BUILTIN_EXIT);
  EXPECT_EQ(builtin_id("["), BUILTIN_TEST);
  EXPECT_EQ(builtin_id("declare"), BUILTIN_TYPESET);
  EXPECT_EQ(builtin_id("typeset"), BUILTIN_TYPESET);
  EXPECT_EQ(builtin_id("readarray"), BUILTIN_MAPFILE);
  EXPECT_EQ(builtin_id("bind"), BUILTIN_BINDKEY);
  for (std::string_view bad : {"", "ls", "grep", "[[", "]", "CD", "Cd", " cd", "cd ", "cd\n", "c d", "echo;",
                               "cd/", "dot", "caf\xC3\xA9", "definitely_not_a_builtin_xyz"})
    EXPECT_FALSE(is_builtin(bad)) << bad;
  EXPECT_FALSE(is_builtin(std::string_view("\0", 1)));
  EXPECT_EQ(builtin_name(BUILTIN_CD), "cd");
  EXPECT_EQ(builtin_name(BUILTIN_DOT), ".");
  EXPECT_EQ(builtin_name(BUILTIN_DECLARE), "declare");
  EXPECT_EQ(builtin_name(15), "");
  EXPECT_EQ(builtin_name(BUILTIN_MAX), "");
  EXPECT_EQ(builtin_name(60000), "");
}

TEST(ShellBuiltins, TheTableIsConsistent) {
  // Every id a name reaches is below BUILTIN_MAX, named back to a name with the same id, and
  // never one of the two unnamed constants; 137 canonical names reach 137 distinct ids.
  std::set<uint16_t> reached;
  for (const auto& e : builtins::detail::kNamesSorted) {
    ASSERT_LT(e.id, BUILTIN_MAX) << e.name;
    EXPECT_NE(e.id, BUILTIN_DOT);
    EXPECT_NE(e.id, BUILTIN_DECLARE);
    EXPECT_EQ(builtin_id(builtin_name(e.id)), e.id) << e.name;
    reached.insert(e.id);
  }
  EXPECT_EQ(reached.size(), 137u);
  size_t named = 0;
  for (uint16_t id = 0; id < BUILTIN_MAX; ++id) named += builtin_name(id).empty() ? 0 : 1;
  EXPECT_EQ(named, 139u);  // the 137 plus "." and "declare" for the unnamed constants
}

TEST(ShellBuiltins, RegisterByName) {
  ChunkBuilder b;
  b.emit(ins::LoadConst(b.add_constant(S("/tmp"))), 1);
  b.emit(ins::CallBuiltin(BUILTIN_CD, uint8_t{1}), 1);
  VM vm(std::move(b).build());
  EXPECT_FALSE(vm.register_builtin("not-a-builtin", [](VM&, uint8_t) { return Value(); }));
  EXPECT_TRUE(vm.register_builtin("chdir", [](VM& v, uint8_t) { return Value::string("cd " + v.pop().to_str()); }));
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_EQ(r.value().to_str(), "cd /tmp");

  ChunkBuilder m;
  m.emit(ins::CallBuiltin(BUILTIN_PWD, uint8_t{0}), 1);
  VM missing(std::move(m).build());
  EXPECT_NE(missing.run().error().find("no builtin registered for id 1 (pwd)"), std::string::npos);
}

}  // namespace
}  // namespace fusevm
