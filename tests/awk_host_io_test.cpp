// The awk vocabulary through a VM with AwkRuntime, continued: getline and input, strings,
// regular expressions, numbers, arrays, and the ops the VM runs natively with a host present.
// (awk_host_test.cpp has fields, specials and printing; awk_host_support.h the helpers.)
#include "awk_host_support.h"

namespace fusevm::awkfront {
namespace {

TEST_F(AwkHostRuntimeGetline, MainInputFromStandardInputSetsRecordNfNrFnr) {
  stdin_text_ = "l1\nl2 x\n";
  Getline(getline_source::MAIN);
  Field(0);
  GetSpecial("NR");
  GetSpecial("FNR");
  Getline(getline_source::MAIN);
  Field(2);
  Emit(ins::AwkNf());
  Getline(getline_source::MAIN);  // end of input
  GetSpecial("NR");
  Field(0);  // unchanged at the end
  const auto v = Values(10);
  ASSERT_EQ(v.size(), 10u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("l1")));
  EXPECT_TRUE(Is(v[2], F(1)));
  EXPECT_TRUE(Is(v[3], F(1)));
  EXPECT_TRUE(Is(v[4], I(1)));
  EXPECT_TRUE(Is(v[5], In("x")));
  EXPECT_TRUE(Is(v[6], I(2)));
  EXPECT_TRUE(Is(v[7], I(0)));
  EXPECT_TRUE(Is(v[8], F(2)));
  EXPECT_TRUE(Is(v[9], In("l2 x")));
}

TEST_F(AwkHostRuntimeGetline, NrContinuesFromAnAssignedValue) {
  stdin_text_ = "a\nb\n";
  Getline(getline_source::MAIN);
  Emit(ins::Pop());
  SetSpecial("NR", F(10));
  SetSpecial("FNR", F(20));
  Getline(getline_source::MAIN);
  Emit(ins::Pop());
  GetSpecial("NR");
  GetSpecial("FNR");
  const auto v = Values(2);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(Is(v[0], F(11)));
  EXPECT_TRUE(Is(v[1], F(21)));
}

// The VM never passes the variable of `getline var` (AWK.md §4.5), so kind 1 reads and counts a
// record that goes nowhere: $0 is untouched and no variable is assigned.
TEST_F(AwkHostRuntimeGetline, MainVarKindConsumesARecordButDeliversItNowhere) {
  stdin_text_ = "a\nb\n";
  std::vector<std::string> assigned;
  configure_ = [&](AwkRuntime& rt) {
    rt.set_assignment_handler([&](std::string_view name, Value) { assigned.emplace_back(name); });
  };
  Record(S("keep"));
  Getline(getline_source::MAIN_VAR);
  Field(0);
  GetSpecial("NR");
  GetSpecial("FNR");
  Getline(getline_source::MAIN);
  Field(0);
  const auto v = Values(6);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("keep")));
  EXPECT_TRUE(Is(v[2], F(1)));
  EXPECT_TRUE(Is(v[3], F(1)));
  EXPECT_TRUE(Is(v[4], I(1)));
  EXPECT_TRUE(Is(v[5], In("b")));
  EXPECT_TRUE(assigned.empty());
}

TEST_F(AwkHostRuntimeGetline, MainInputReadsTheArgvOperandsInTurn) {
  const std::string f1 = File("f1", "a\nb\n");
  const std::string f2 = File("f2", "c\n");
  options_.argv = {"awk", f1, f2};
  stdin_text_ = "not read\n";
  Getline(getline_source::MAIN);
  Field(0);
  GetSpecial("FILENAME");
  GetSpecial("FNR");
  GetSpecial("NR");
  Getline(getline_source::MAIN);
  Emit(ins::Pop());
  Getline(getline_source::MAIN);
  Emit(ins::Pop());
  Field(0);
  GetSpecial("FILENAME");
  GetSpecial("FNR");
  GetSpecial("NR");
  Getline(getline_source::MAIN);
  GetSpecial("ARGC");
  const auto v = Values(11);
  ASSERT_EQ(v.size(), 11u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("a")));
  EXPECT_TRUE(Is(v[2], In(f1)));
  EXPECT_TRUE(Is(v[3], F(1)));
  EXPECT_TRUE(Is(v[4], F(1)));
  EXPECT_TRUE(Is(v[5], In("c")));
  EXPECT_TRUE(Is(v[6], In(f2)));
  EXPECT_TRUE(Is(v[7], F(1)));  // FNR restarts per file
  EXPECT_TRUE(Is(v[8], F(3)));
  EXPECT_TRUE(Is(v[9], I(0)));
  EXPECT_TRUE(Is(v[10], F(3)));
}

TEST_F(AwkHostRuntimeGetline, AssignmentOperandsGoToTheAssignmentHandler) {
  const std::string f1 = File("f1", "rec\n");
  options_.argv = {"awk", "v=7", "w=a\\tb", f1};
  std::vector<std::pair<std::string, Value>> assigned;
  configure_ = [&](AwkRuntime& rt) {
    rt.set_assignment_handler([&](std::string_view name, Value value) { assigned.emplace_back(name, value); });
  };
  Getline(getline_source::MAIN);
  Field(0);
  const auto v = Values(2);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("rec")));
  ASSERT_EQ(assigned.size(), 2u);
  EXPECT_EQ(assigned[0].first, "v");
  EXPECT_TRUE(Is(assigned[0].second, In("7")));
  EXPECT_EQ(assigned[1].first, "w");
  EXPECT_TRUE(Is(assigned[1].second, In("a\tb")));  // escapes are processed
}

TEST_F(AwkHostRuntimeGetline, ArgvAndArgcChangedByTheProgramSteerTheMainInput) {
  const std::string f1 = File("f1", "one\n");
  const std::string f2 = File("f2", "two\n");
  const std::string f3 = File("f3", "three\n");
  options_.argv = {"awk", f1, f2};
  ArraySet("ARGV", I(1), S(f3));  // replaces the first operand
  SetSpecial("ARGC", F(2));       // the second operand is not read
  Getline(getline_source::MAIN);
  Field(0);
  GetSpecial("FILENAME");
  Getline(getline_source::MAIN);
  const auto v = Values(4);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("three")));
  EXPECT_TRUE(Is(v[2], In(f3)));
  EXPECT_TRUE(Is(v[3], I(0)));
}

TEST_F(AwkHostRuntimeGetline, DeletedArgvOperandsAreSkipped) {
  const std::string f1 = File("f1", "one\n");
  const std::string f2 = File("f2", "two\n");
  options_.argv = {"awk", f1, f2};
  ArrayDelete("ARGV", I(1));
  Getline(getline_source::MAIN);
  Field(0);
  GetSpecial("FILENAME");
  const auto v = Values(3);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("two")));
  EXPECT_TRUE(Is(v[2], In(f2)));
}

TEST_F(AwkHostRuntimeGetline, FileKindSetsRecordAndNfButNotNr) {
  const std::string f = File("data", "one\ntwo three\n");
  Getline(getline_source::FILE, f);
  Field(0);
  GetSpecial("NR");
  GetSpecial("FNR");
  Getline(getline_source::FILE, f);  // the same stream continues
  Emit(ins::AwkNf());
  Field(2);
  Getline(getline_source::FILE, f);  // end of file
  Getline(getline_source::FILE, (dir_ / "missing").string());  // cannot be opened
  Field(0);
  const auto v = Values(10);
  ASSERT_EQ(v.size(), 10u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("one")));
  EXPECT_TRUE(Is(v[2], F(0)));
  EXPECT_TRUE(Is(v[3], F(0)));
  EXPECT_TRUE(Is(v[4], I(1)));
  EXPECT_TRUE(Is(v[5], I(2)));
  EXPECT_TRUE(Is(v[6], In("three")));
  EXPECT_TRUE(Is(v[7], I(0)));
  EXPECT_TRUE(Is(v[8], I(-1)));
  EXPECT_TRUE(Is(v[9], In("two three")));
}

TEST_F(AwkHostRuntimeGetline, FileVarKindConsumesARecordOfTheSameStream) {
  const std::string f = File("data", "one\ntwo\n");
  Record(S("keep"));
  Getline(getline_source::FILE_VAR, f);
  Field(0);
  GetSpecial("NR");
  Getline(getline_source::FILE, f);
  Field(0);
  Getline(getline_source::FILE_VAR, f);
  const auto v = Values(6);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("keep")));
  EXPECT_TRUE(Is(v[2], F(0)));
  EXPECT_TRUE(Is(v[3], I(1)));
  EXPECT_TRUE(Is(v[4], In("two")));
  EXPECT_TRUE(Is(v[5], I(0)));
}

TEST_F(AwkHostRuntimeGetline, CommandKindReadsTheCommandsOutput) {
  const std::string cmd = "echo hello; echo 'big world'";
  Str("first");
  Emit(ins::AwkPrint(1));
  Getline(getline_source::CMD, cmd);
  Field(0);
  GetSpecial("NR");  // cmd | getline leaves NR alone (all reference awks; docs/awk-compat.md)
  Getline(getline_source::CMD, cmd);
  Emit(ins::AwkNf());
  Field(2);
  Getline(getline_source::CMD, cmd);
  const auto v = Values(7);
  ASSERT_EQ(v.size(), 7u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("hello")));
  EXPECT_TRUE(Is(v[2], F(0)));
  EXPECT_TRUE(Is(v[3], I(1)));
  EXPECT_TRUE(Is(v[4], I(2)));
  EXPECT_TRUE(Is(v[5], In("world")));
  EXPECT_TRUE(Is(v[6], I(0)));
  EXPECT_EQ(out_, "first\n");
}

TEST_F(AwkHostRuntimeGetline, CommandVarKindConsumesALineOfTheSameCommand) {
  const std::string cmd = "echo a; echo b";
  Record(S("keep"));
  Getline(getline_source::CMD_VAR, cmd);
  Field(0);
  Getline(getline_source::CMD, cmd);
  Field(0);
  const auto v = Values(4);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("keep")));
  EXPECT_TRUE(Is(v[2], I(1)));
  EXPECT_TRUE(Is(v[3], In("b")));
}

TEST_F(AwkHostRuntimeGetline, FileDashReadsTheStandardInputSource) {
  // Should the runtime read the real descriptor 0, let it see an empty file, not the terminal.
  const int saved = ::dup(0);
  const int null_fd = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(saved, 0);
  ASSERT_GE(null_fd, 0);
  ::dup2(null_fd, 0);
  ::close(null_fd);
  stdin_text_ = "from the source\n";
  Getline(getline_source::FILE, "-");
  Field(0);
  const auto v = Values(2);
  ::dup2(saved, 0);
  ::close(saved);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("from the source")));
}

// ═════════════════════════ String builtins ═════════════════════════

TEST_F(AwkHostRuntimeStrings, LengthCountsBytesOfTheRecordOrOfAValue) {
  Emit(ins::AwkLength(0));  // no record yet
  Record(S("h\xC3\xA9llo"));
  Emit(ins::AwkLength(0));
  Str("abc");
  Emit(ins::AwkLength(1));
  Num(1.0 / 3);
  Emit(ins::AwkLength(1));
  Int(12345);
  Emit(ins::AwkLength(1));
  Undef();
  Emit(ins::AwkLength(1));
  Record(S("a b"));
  SetField(3, S("c"));
  Emit(ins::AwkLength(0));  // of the rebuilt record
  const auto v = Values(7);
  ASSERT_EQ(v.size(), 7u);
  EXPECT_TRUE(Is(v[0], I(0)));
  EXPECT_TRUE(Is(v[1], I(6)));  // bytes, not characters
  EXPECT_TRUE(Is(v[2], I(3)));
  EXPECT_TRUE(Is(v[3], I(8)));  // "0.333333"
  EXPECT_TRUE(Is(v[4], I(5)));
  EXPECT_TRUE(Is(v[5], I(0)));
  EXPECT_TRUE(Is(v[6], I(5)));
}

TEST_F(AwkHostRuntimeStrings, SubstrTruncatesAndClampsAStartBelowOneKeepingTheLength) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  const struct {
    int64_t m;
    std::optional<int64_t> n;
    const char* want;
  } cases[] = {{2, 3, "ell"}, {2, std::nullopt, "ello"}, {0, 3, "hel"},  {-1, 3, "hel"},
               {0, std::nullopt, "hello"}, {5, 1, "o"}, {6, 1, ""}, {2, 0, ""},
               {2, -1, ""}, {1, kMax, "hello"}, {kMin, 3, "hel"}, {3, 100, "llo"}, {kMax, 1, ""}};
  for (const auto& c : cases) {
    Str("hello");
    Int(c.m);
    if (c.n) Int(*c.n);
    Emit(ins::AwkSubstr(c.n ? 3 : 2));
  }
  Str("hello");
  Emit(ins::AwkSubstr(1));  // start defaults to 1
  Emit(ins::AwkSubstr(0));  // no string: ""
  Num(3.14159265);          // a number through CONVFMT: "3.14159"
  Int(1);
  Int(4);
  Emit(ins::AwkSubstr(3));
  Str("h\xC3\xA9llo");  // bytes
  Int(2);
  Int(2);
  Emit(ins::AwkSubstr(3));
  const size_t n = std::size(cases);
  const auto v = Values(static_cast<uint16_t>(n + 4));
  ASSERT_EQ(v.size(), n + 4);
  for (size_t i = 0; i < n; ++i) EXPECT_TRUE(Is(v[i], S(cases[i].want))) << "substr(\"hello\", " << cases[i].m << ")";
  EXPECT_TRUE(Is(v[n], S("hello")));
  EXPECT_TRUE(Is(v[n + 1], S("")));
  EXPECT_TRUE(Is(v[n + 2], S("3.14")));
  EXPECT_TRUE(Is(v[n + 3], S("\xC3\xA9")));
}

TEST_F(AwkHostRuntimeStrings, IndexIsTheOneBasedBytePosition) {
  const std::pair<Value, Value> cases[] = {
      {S("foobar"), S("ob")}, {S("foobar"), S("z")}, {S("abc"), S("")},       {S(""), S("")},
      {I(12345), I(34)},      {S("h\xC3\xA9llo"), S("llo")}, {F(0.5), S(".")}, {U(), S("a")}};
  for (const auto& [s, t] : cases) {
    Push(s);
    Push(t);
    Emit(ins::AwkIndex());
  }
  const auto v = Values(8);
  ASSERT_EQ(v.size(), 8u);
  const int64_t want[] = {3, 0, 1, 1, 3, 4, 2, 0};
  for (size_t i = 0; i < 8; ++i) EXPECT_TRUE(Is(v[i], I(want[i]))) << i;
}

TEST_F(AwkHostRuntimeStrings, CaseMappingIsAsciiOnBytes) {
  Str("MiXed \xC3\xA9 1");
  Emit(ins::AwkToLower());
  Str("MiXed \xC3\xA9 1");
  Emit(ins::AwkToUpper());
  Num(1e-7);  // CONVFMT: "1e-07"
  Emit(ins::AwkToUpper());
  Push(In("ABC"));
  Emit(ins::AwkToLower());
  const auto v = Values(4);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(Is(v[0], S("mixed \xC3\xA9 1")));
  EXPECT_TRUE(Is(v[1], S("MIXED \xC3\xA9 1")));
  EXPECT_TRUE(Is(v[2], S("1E-07")));
  EXPECT_TRUE(Is(v[3], S("abc")));
}

TEST_F(AwkHostRuntimeStrings, SplitFillsTheArrayNamedOnTheStack) {
  Str("  a  b\tc  ");
  Str("parts");
  Emit(ins::AwkSplit(2));  // default FS " "
  ArrayGet("parts", I(1));
  ArrayGet("parts", S("3"));
  ArrayLen("parts");
  Str("a1b22c");
  Str("p2");
  Str("[0-9]+");
  Emit(ins::AwkSplit(3));
  ArrayGet("p2", I(2));
  Str("a:b::c");
  Str("p3");
  Str(":");
  Emit(ins::AwkSplit(3));
  ArrayGet("p3", I(3));
  Str("abc");
  Str("p4");
  Str("");
  Emit(ins::AwkSplit(3));  // "" splits into characters
  ArrayGet("p4", I(2));
  const auto v = Values(10);
  ASSERT_EQ(v.size(), 10u);
  EXPECT_TRUE(Is(v[0], I(3)));
  EXPECT_TRUE(Is(v[1], In("a")));
  EXPECT_TRUE(Is(v[2], In("c")));
  EXPECT_TRUE(Is(v[3], I(3)));
  EXPECT_TRUE(Is(v[4], I(3)));
  EXPECT_TRUE(Is(v[5], In("b")));
  EXPECT_TRUE(Is(v[6], I(4)));
  EXPECT_TRUE(Is(v[7], In("")));
  EXPECT_TRUE(Is(v[8], I(3)));
  EXPECT_TRUE(Is(v[9], In("b")));
}

TEST_F(AwkHostRuntimeStrings, SplitClearsTheArrayAndUsesTheCurrentFs) {
  ArraySet("parts", S("old"), S("x"));
  Str("u,v,w");
  Str("parts");
  Str(",");
  Emit(ins::AwkSplit(3));
  ArrayExists("parts", S("old"));
  Str("");
  Str("parts");
  Emit(ins::AwkSplit(2));
  ArrayLen("parts");
  SetSpecial("FS", S(","));
  Str("u,v");
  Str("parts");
  Emit(ins::AwkSplit(2));
  ArrayGet("parts", I(2));
  Num(1.5);  // a number is split as its text
  Str("num");
  Str(".");
  Emit(ins::AwkSplit(3));
  ArrayGet("num", I(2));
  const auto v = Values(8);
  ASSERT_EQ(v.size(), 8u);
  EXPECT_TRUE(Is(v[0], I(3)));
  EXPECT_TRUE(Is(v[1], B(false)));
  EXPECT_TRUE(Is(v[2], I(0)));
  EXPECT_TRUE(Is(v[3], I(0)));
  EXPECT_TRUE(Is(v[4], I(2)));
  EXPECT_TRUE(Is(v[5], In("v")));
  EXPECT_TRUE(Is(v[6], I(2)));
  EXPECT_TRUE(Is(v[7], In("5")));
}

// ═════════════════════════ Regex builtins ═════════════════════════

TEST_F(AwkHostRuntimeRegex, SubAndGsubOnTheRecordReturnCountsAndResplit) {
  Record(S("foo bar foo"));
  Str("o+");
  Str("[&]");
  Emit(ins::AwkSub(2));
  Field(0);
  Str("foo");
  Str("X");
  Emit(ins::AwkGsub(2));
  Field(0);
  Str("z");
  Str("Y");
  Emit(ins::AwkSub(2));  // no match: 0, record untouched
  Field(3);
  Record(S("a,b c"));
  Str(",");
  Str(" ");
  Emit(ins::AwkGsub(2));
  Emit(ins::AwkNf());
  const auto v = Values(8);
  ASSERT_EQ(v.size(), 8u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("f[oo] bar foo")));
  EXPECT_TRUE(Is(v[2], I(1)));
  EXPECT_TRUE(Is(v[3], In("f[oo] bar X")));
  EXPECT_TRUE(Is(v[4], I(0)));
  EXPECT_TRUE(Is(v[5], In("X")));
  EXPECT_TRUE(Is(v[6], I(1)));
  EXPECT_TRUE(Is(v[7], I(3)));
}

TEST_F(AwkHostRuntimeRegex, ReplacementBackslashesAndEmptyMatches) {
  Record(S("a.b"));
  Str("\\.");
  Str("\\\\");  // two backslashes: one literal backslash (POSIX)
  Emit(ins::AwkGsub(2));
  Emit(ins::Pop());
  Field(0);
  Record(S("hello"));
  Str("l+");
  Str("[&|\\&]");
  Emit(ins::AwkSub(2));
  Emit(ins::Pop());
  Field(0);
  Record(S("x"));
  Str("x");
  Str("\\\\&");  // backslash, then the match
  Emit(ins::AwkSub(2));
  Emit(ins::Pop());
  Field(0);
  Record(S("abc"));
  Str("x*");
  Str("-");
  Emit(ins::AwkGsub(2));
  Field(0);
  Record(S("aaa"));
  Str("^a");
  Str("X");
  Emit(ins::AwkGsub(2));
  Field(0);
  const auto v = Values(7);
  ASSERT_EQ(v.size(), 7u);
  EXPECT_TRUE(Is(v[0], In("a\\b")));
  EXPECT_TRUE(Is(v[1], In("he[ll|&]o")));
  EXPECT_TRUE(Is(v[2], In("\\x")));
  EXPECT_TRUE(Is(v[3], I(4)));
  EXPECT_TRUE(Is(v[4], In("-a-b-c-")));
  EXPECT_TRUE(Is(v[5], I(1)));
  EXPECT_TRUE(Is(v[6], In("Xaa")));
}

// With three arguments the VM hands sub/gsub a Var target named by the third stack value. The
// variable's value lives in the VM, so AwkRuntime reads it through set_variable_reader and writes
// the result through the assignment handler; without both the op fails.
TEST_F(AwkHostRuntimeRegex, VarTargetWithoutVariableAccessIsAnError) {
  Str("a");
  Str("b");
  Str("v");
  Emit(ins::AwkSub(3));
  const std::string error = Error();
  EXPECT_NE(error.find("sub/gsub: no access to variable 'v'"), std::string::npos) << error;
}

TEST_F(AwkHostRuntimeRegex, VarTargetGoesThroughTheReaderAndTheAssignmentHandler) {
  std::vector<std::string> read;
  std::vector<std::pair<std::string, Value>> assigned;
  configure_ = [&](AwkRuntime& rt) {
    rt.set_variable_reader([&](std::string_view name) {
      read.emplace_back(name);
      return name == "v" ? S("banana") : U();
    });
    rt.set_assignment_handler([&](std::string_view name, Value value) { assigned.emplace_back(name, value); });
  };
  Str("a");
  Str("o");
  Str("v");
  Emit(ins::AwkGsub(3));
  Str("z");
  Str("o");
  Str("v");
  Emit(ins::AwkSub(3));  // no match: nothing assigned
  Record(S("aXa"));
  Str("a");
  Str("b");
  Str("");  // an unnamed target is $0
  Emit(ins::AwkGsub(3));
  Field(0);
  const auto v = Values(4);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(Is(v[0], I(3)));
  EXPECT_TRUE(Is(v[1], I(0)));
  EXPECT_TRUE(Is(v[2], I(2)));
  EXPECT_TRUE(Is(v[3], In("bXb")));
  EXPECT_EQ(read, (std::vector<std::string>{"v", "v"}));
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0].first, "v");
  EXPECT_TRUE(Is(assigned[0].second, S("bonono")));
}

TEST_F(AwkHostRuntimeRegex, MatchSetsRstartAndRlength) {
  Str("foobar");
  Str("o+b");
  Emit(ins::AwkMatch());
  GetSpecial("RSTART");
  GetSpecial("RLENGTH");
  Str("xabcd");
  Str("ab|abcd|a");  // leftmost-longest
  Emit(ins::AwkMatch());
  GetSpecial("RLENGTH");
  Str("abc");
  Str("z");
  Emit(ins::AwkMatch());
  GetSpecial("RSTART");
  GetSpecial("RLENGTH");
  Str("");
  Str("^$");
  Emit(ins::AwkMatch());
  GetSpecial("RLENGTH");
  Num(3.14159);  // "3.14159"
  Str("\\.1");
  Emit(ins::AwkMatch());
  const auto v = Values(11);
  ASSERT_EQ(v.size(), 11u);
  EXPECT_TRUE(Is(v[0], I(2)));
  EXPECT_TRUE(Is(v[1], F(2)));
  EXPECT_TRUE(Is(v[2], F(3)));
  EXPECT_TRUE(Is(v[3], I(2)));
  EXPECT_TRUE(Is(v[4], F(4)));
  EXPECT_TRUE(Is(v[5], I(0)));
  EXPECT_TRUE(Is(v[6], F(0)));
  EXPECT_TRUE(Is(v[7], F(-1)));
  EXPECT_TRUE(Is(v[8], I(1)));
  EXPECT_TRUE(Is(v[9], F(0)));
  EXPECT_TRUE(Is(v[10], I(2)));
}

TEST_F(AwkHostRuntimeRegex, InvalidDynamicRegexIsAnError) {
  Str("a");
  Str("(");
  Emit(ins::AwkMatch());
  const std::string error = Error();
  EXPECT_NE(error.find("invalid regular expression"), std::string::npos) << error;
}

TEST_F(AwkHostRuntimeRegex, GensubReturnsTheNewTextAndLeavesTheTargetAlone) {
  Str("([a-z]+)-([0-9]+)");
  Str("\\2:\\1");
  Str("g");
  Str("ab-12 cd-34");
  Emit(ins::AwkGensub(4));
  Str("o");
  Str("0");
  Num(2);
  Str("foo boo");
  Emit(ins::AwkGensub(4));  // only the second match
  Str("o");
  Str("0");
  Str("G");
  Str("foo");
  Emit(ins::AwkGensub(4));
  Str("o");
  Str("0");
  Num(0);  // below 1: the first match
  Str("foo");
  Emit(ins::AwkGensub(4));
  Str("b+");
  Str("[\\0|&]");
  Str("g");
  Str("abbc");
  Emit(ins::AwkGensub(4));
  Record(S("aaa bbb"));
  Str("b+");
  Str("<&>");
  Str("1");
  Emit(ins::AwkGensub(3));  // target $0
  Field(0);
  Record(S("xax"));
  Str("x");
  Str("y");
  Emit(ins::AwkGensub(2));  // how defaults to "g"
  const auto v = Values(8);
  ASSERT_EQ(v.size(), 8u);
  EXPECT_TRUE(Is(v[0], S("12:ab 34:cd")));
  EXPECT_TRUE(Is(v[1], S("fo0 boo")));
  EXPECT_TRUE(Is(v[2], S("f00")));
  EXPECT_TRUE(Is(v[3], S("f0o")));
  EXPECT_TRUE(Is(v[4], S("a[bb|bb]c")));
  EXPECT_TRUE(Is(v[5], S("aaa <bbb>")));
  EXPECT_TRUE(Is(v[6], In("aaa bbb")));
  EXPECT_TRUE(Is(v[7], S("yay")));
}

// ═════════════════════════ Numeric builtins ═════════════════════════

TEST_F(AwkHostRuntimeNumeric, IntTruncatesTowardZeroAsAFloat) {
  Num(3.9);
  Emit(ins::AwkInt());
  Str(" -3.7xyz");  // awk's string -> number
  Emit(ins::AwkInt());
  Int(5);
  Emit(ins::AwkInt());
  Str("1e3");
  Emit(ins::AwkInt());
  Num(-0.5);
  Emit(ins::AwkInt());
  const auto v = Values(5);
  ASSERT_EQ(v.size(), 5u);
  // AwkRuntime keeps awk numbers as Floats (its header), where the host-less default gives Int.
  EXPECT_TRUE(Is(v[0], F(3)));
  EXPECT_TRUE(Is(v[1], F(-3)));
  EXPECT_TRUE(Is(v[2], F(5)));
  EXPECT_TRUE(Is(v[3], F(1000)));
  EXPECT_TRUE(Is(v[4], F(-0.0)));
}

TEST_F(AwkHostRuntimeNumeric, MathUsesAwkConversions) {
  Str(" 16");  // the VM's strict parse would give 0
  Emit(ins::AwkSqrt());
  Str("2x");
  Emit(ins::AwkSqrt());
  Num(-1);
  Emit(ins::AwkSqrt());
  Num(0);
  Emit(ins::AwkSin());
  Num(0);
  Emit(ins::AwkCos());
  Str("1");
  Emit(ins::AwkExp());
  Num(1);
  Emit(ins::AwkLog());
  Num(0);
  Emit(ins::AwkLog());
  Num(0);
  Num(-1);
  Emit(ins::AwkAtan2());
  Str("1");
  Str(" 1");
  Emit(ins::AwkAtan2());
  Num(2);
  Emit(ins::AwkSin());
  Num(2);
  Emit(ins::AwkCos());
  const auto v = Values(12);
  ASSERT_EQ(v.size(), 12u);
  EXPECT_TRUE(Is(v[0], F(4)));
  EXPECT_TRUE(Is(v[1], F(std::sqrt(2.0))));
  EXPECT_TRUE(Is(v[2], F(kNaN)));
  EXPECT_TRUE(Is(v[3], F(0)));
  EXPECT_TRUE(Is(v[4], F(1)));
  EXPECT_TRUE(Is(v[5], F(std::exp(1.0))));
  EXPECT_TRUE(Is(v[6], F(0)));
  EXPECT_TRUE(Is(v[7], F(-kInf)));
  EXPECT_TRUE(Is(v[8], F(std::atan2(0.0, -1.0))));
  EXPECT_TRUE(Is(v[9], F(std::atan2(1.0, 1.0))));
  EXPECT_TRUE(Is(v[10], F(std::sin(2.0))));
  EXPECT_TRUE(Is(v[11], F(std::cos(2.0))));
}

TEST_F(AwkHostRuntimeNumeric, StrtonumReadsHexOctalAndDecimalPrefixes) {
  for (const char* s : {"0x1A", "017", " 12 ", "12abc", "abc", "0x", "-.5e1z"}) {
    Str(s);
    Emit(ins::AwkStrtonum());
  }
  Push(In("010"));
  Emit(ins::AwkStrtonum());
  Int(17);
  Emit(ins::AwkStrtonum());
  Num(3.5);
  Emit(ins::AwkStrtonum());
  const auto v = Values(10);
  ASSERT_EQ(v.size(), 10u);
  const double want[] = {26, 15, 12, 12, 0, 0, -5, 8, 17, 3.5};
  for (size_t i = 0; i < 10; ++i) EXPECT_TRUE(Is(v[i], F(want[i]))) << i;
}

TEST_F(AwkHostRuntimeNumeric, BitOperationsGiveInts) {
  Num(15);
  Num(6);
  Num(4);
  Emit(ins::AwkAnd(3));
  Num(8);
  Num(1);
  Emit(ins::AwkOr(2));
  Num(12);
  Num(10);
  Emit(ins::AwkXor(2));
  Num(0);
  Emit(ins::AwkCompl());
  Num(1);
  Num(4);
  Emit(ins::AwkLshift());
  Num(64);
  Num(2);
  Emit(ins::AwkRshift());
  Num(-1);
  Num(3);
  Emit(ins::AwkAnd(2));
  const auto v = Values(7);
  ASSERT_EQ(v.size(), 7u);
  const int64_t want[] = {4, 9, 6, -1, 16, 16, 3};
  for (size_t i = 0; i < 7; ++i) EXPECT_TRUE(Is(v[i], I(want[i]))) << i;
}

TEST_F(AwkHostRuntimeNumeric, CharacterTimeAndScalarBuiltins) {
  Str("A");
  Emit(ins::AwkOrd());
  Num(66);
  Emit(ins::AwkChr());
  Num(0);
  Emit(ins::AwkMkbool());
  Str("x");
  Emit(ins::AwkMkbool());
  Num(7);
  Num(2);
  Emit(ins::AwkIntdiv());
  Num(-7);
  Num(2);
  Emit(ins::AwkIntdiv());
  Num(1);
  Num(0);
  Emit(ins::AwkIntdiv());
  Num(1);
  Num(0);
  Emit(ins::AwkIntdiv0());
  Str("%Y-%m-%d %H:%M:%S");
  Num(86400);
  Num(1);
  Emit(ins::AwkStrftime(3));
  Str("1970 01 02 00 00 00");
  Num(1);
  Emit(ins::AwkMktime(2));
  Emit(ins::AwkSystime());
  const auto v = Values(11);
  ASSERT_EQ(v.size(), 11u);
  EXPECT_TRUE(Is(v[0], F(65)));
  EXPECT_TRUE(Is(v[1], S("B")));
  EXPECT_TRUE(Is(v[2], F(0)));
  EXPECT_TRUE(Is(v[3], F(1)));
  EXPECT_TRUE(Is(v[4], F(3)));
  EXPECT_TRUE(Is(v[5], F(-3)));
  EXPECT_TRUE(Is(v[6], U()));
  EXPECT_TRUE(Is(v[7], F(0)));
  EXPECT_TRUE(Is(v[8], S("1970-01-02 00:00:00")));
  EXPECT_TRUE(Is(v[9], F(86400)));
  ASSERT_TRUE(v[10].is_float());
  EXPECT_GT(v[10].as_float(), 1.6e9);
}

// ═════════════════════════ Arrays by name ═════════════════════════

TEST_F(AwkHostRuntimeArrays, SetGetExistsDeleteClearLen) {
  ArraySet("a", S("k1"), S("v1"));
  ArrayGet("a", S("k1"));
  ArrayExists("a", S("k1"));
  ArrayExists("a", S("nope"));
  ArrayLen("a");
  ArrayGet("a", S("missing"));  // reading creates an uninitialised element
  ArrayExists("a", S("missing"));
  ArrayLen("a");
  ArrayDelete("a", S("k1"));
  ArrayExists("a", S("k1"));
  ArrayLen("a");
  ArrayDelete("a", S("never there"));
  Emit(ins::AwkArrayClear(Name("a")));
  ArrayLen("a");
  ArrayLen("other");  // arrays are separate by name
  const auto v = Values(11);
  ASSERT_EQ(v.size(), 11u);
  EXPECT_TRUE(Is(v[0], S("v1")));
  EXPECT_TRUE(Is(v[1], B(true)));
  EXPECT_TRUE(Is(v[2], B(false)));
  EXPECT_TRUE(Is(v[3], I(1)));
  EXPECT_TRUE(Is(v[4], U()));
  EXPECT_TRUE(Is(v[5], B(true)));
  EXPECT_TRUE(Is(v[6], I(2)));
  EXPECT_TRUE(Is(v[7], B(false)));
  EXPECT_TRUE(Is(v[8], I(1)));
  EXPECT_TRUE(Is(v[9], I(0)));
  EXPECT_TRUE(Is(v[10], I(0)));
}

TEST_F(AwkHostRuntimeArrays, NumericSubscriptsAreTheirAwkText) {
  ArraySet("b", I(1), S("one"));
  ArrayGet("b", S("1"));
  ArrayGet("b", F(1));
  ArraySet("b", F(1e16), S("big"));
  ArrayExists("b", S("10000000000000000"));
  SetSpecial("CONVFMT", S("%.2g"));
  ArraySet("b", F(0.123), S("x"));
  ArrayExists("b", S("0.12"));
  ArraySet("b", U(), S("empty key"));
  ArrayGet("b", S(""));
  const auto v = Values(5);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_TRUE(Is(v[0], S("one")));
  EXPECT_TRUE(Is(v[1], S("one")));
  EXPECT_TRUE(Is(v[2], B(true)));
  EXPECT_TRUE(Is(v[3], B(true)));
  EXPECT_TRUE(Is(v[4], S("empty key")));
}

TEST_F(AwkHostRuntimeArrays, ArgvByName) {
  options_.argv = {"awk", "file1", "x=1"};
  ArrayGet("ARGV", I(0));
  ArrayGet("ARGV", S("1"));
  ArrayLen("ARGV");
  ArrayExists("ARGV", I(3));
  ArraySet("ARGV", I(3), S("new"));
  ArrayLen("ARGV");
  ArrayGet("ARGV", F(3));
  ArrayDelete("ARGV", I(2));
  ArrayExists("ARGV", I(2));
  GetSpecial("ARGC");  // not tied to ARGV's size
  const auto v = Values(8);
  ASSERT_EQ(v.size(), 8u);
  EXPECT_TRUE(Is(v[0], In("awk")));
  EXPECT_TRUE(Is(v[1], In("file1")));
  EXPECT_TRUE(Is(v[2], I(3)));
  EXPECT_TRUE(Is(v[3], B(false)));
  EXPECT_TRUE(Is(v[4], I(4)));
  EXPECT_TRUE(Is(v[5], S("new")));
  EXPECT_TRUE(Is(v[6], B(false)));
  EXPECT_TRUE(Is(v[7], F(3)));
}

TEST_F(AwkHostRuntimeArrays, EnvironByNameFromTheGivenEntries) {
  options_.environ = {"FOO=bar", "N=42", "NOEQUALS", "EQ=a=b", "EMPTY="};
  ArrayGet("ENVIRON", S("FOO"));
  ArrayGet("ENVIRON", S("N"));
  ArrayGet("ENVIRON", S("EQ"));
  ArrayGet("ENVIRON", S("EMPTY"));
  ArrayExists("ENVIRON", S("NOEQUALS"));
  ArrayExists("ENVIRON", S("PATH"));  // the process's environment is not used
  ArrayLen("ENVIRON");
  ArrayDelete("ENVIRON", S("FOO"));
  ArrayLen("ENVIRON");
  Emit(ins::AwkArrayClear(Name("ENVIRON")));
  ArrayLen("ENVIRON");
  const auto v = Values(9);
  ASSERT_EQ(v.size(), 9u);
  EXPECT_TRUE(Is(v[0], In("bar")));
  EXPECT_TRUE(Is(v[1], In("42")));
  EXPECT_TRUE(Is(v[2], In("a=b")));
  EXPECT_TRUE(Is(v[3], In("")));
  EXPECT_TRUE(Is(v[4], B(false)));
  EXPECT_TRUE(Is(v[5], B(false)));
  EXPECT_TRUE(Is(v[6], I(4)));
  EXPECT_TRUE(Is(v[7], I(3)));
  EXPECT_TRUE(Is(v[8], I(0)));
}

TEST_F(AwkHostRuntimeArrays, EnvironFromTheProcessWithGivenEntriesOverriding) {
  ::setenv("AWK_HOST_TEST_A", "from process", 1);
  ::setenv("AWK_HOST_TEST_B", "from process", 1);
  options_.use_process_environ = true;
  options_.environ = {"AWK_HOST_TEST_B=given"};
  ArrayGet("ENVIRON", S("AWK_HOST_TEST_A"));
  ArrayGet("ENVIRON", S("AWK_HOST_TEST_B"));
  const auto v = Values(2);
  ::unsetenv("AWK_HOST_TEST_A");
  ::unsetenv("AWK_HOST_TEST_B");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(Is(v[0], In("from process")));
  EXPECT_TRUE(Is(v[1], In("given")));
}

// ═════════════════════════ VM-native awk ops ═════════════════════════

TEST_F(AwkHostRuntimeVmNative, RandAndSrandUseTheVmsGenerator) {
  Emit(ins::AwkRand());
  Emit(ins::AwkRand());
  Num(5);
  Emit(ins::AwkSrand(1));
  Emit(ins::AwkRand());
  Emit(ins::AwkSrand(0));  // from the clock; gives back the low 32 bits of the previous state
  const auto v = Values(5);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_TRUE(Is(v[0], F(0.51385498046875)));
  EXPECT_TRUE(Is(v[1], F(0.17572021484375)));
  EXPECT_TRUE(Is(v[2], F(2524885223.0)));
  EXPECT_TRUE(Is(v[3], F(0.569305419921875)));
  EXPECT_TRUE(Is(v[4], F(static_cast<double>((5u * 1103515245ull + 12345u) & 0xffffffffu))));
}

TEST_F(AwkHostRuntimeVmNative, SrandSeedsAreSaturatedToUint32) {
  Num(42);
  Emit(ins::AwkSrand(1));
  Emit(ins::AwkRand());
  Num(-3);
  Emit(ins::AwkSrand(1));
  Emit(ins::AwkRand());
  const auto v = Values(4);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(Is(v[0], F(1)));
  EXPECT_TRUE(Is(v[1], F(0.582305908203125)));
  EXPECT_TRUE(Is(v[2], F(static_cast<double>((42u * 1103515245ull + 12345u) & 0xffffffffu))));
  EXPECT_TRUE(Is(v[3], F(0)));  // a negative seed is 0
}

TEST_F(AwkHostRuntimeVmNative, DivisionAndModulo) {
  Num(7);
  Num(2);
  Emit(ins::AwkDiv());
  Num(-7.5);
  Num(2);
  Emit(ins::AwkMod());
  Str("9");
  Int(2);
  Emit(ins::AwkDivJit());
  Num(7);
  Num(-3);
  Emit(ins::AwkModJit());
  const auto v = Values(4);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(Is(v[0], F(3.5)));
  EXPECT_TRUE(Is(v[1], F(-1.5)));
  EXPECT_TRUE(Is(v[2], F(4.5)));
  EXPECT_TRUE(Is(v[3], F(1)));
}

TEST_F(AwkHostRuntimeVmNative, DivisionByZeroEndsTheRun) {
  Str("before");
  Emit(ins::AwkPrint(1));
  Num(1);
  Num(0);
  Emit(ins::AwkDiv());
  const VMResult r = Run();
  ASSERT_TRUE(r.is_error());
  EXPECT_NE(r.error().find("division by zero attempted"), std::string::npos) << r.error();
  EXPECT_EQ(r.error().find("in `%'"), std::string::npos) << r.error();
  EXPECT_EQ(out_, "before\n");
}

TEST_F(AwkHostRuntimeVmNative, ModuloByZeroEndsTheRun) {
  Num(1);
  Str("abc");  // coerces to 0
  Emit(ins::AwkMod());
  EXPECT_NE(Error().find("division by zero attempted in `%'"), std::string::npos);
}

TEST_F(AwkHostRuntimeVmNative, DivJitByUndefEndsTheRun) {
  Num(1);
  Undef();
  Emit(ins::AwkDivJit());
  EXPECT_NE(Error().find("division by zero attempted"), std::string::npos);
}

TEST_F(AwkHostRuntimeVmNative, GuardedJitBuiltins) {
  Num(15);
  Emit(ins::AwkComplJit());
  Num(1);
  Num(4);
  Emit(ins::AwkLshiftJit());
  Num(64);
  Num(2);
  Emit(ins::AwkRshiftJit());
  Num(16);
  Emit(ins::AwkSqrtJit());
  Num(1);
  Emit(ins::AwkLogJit());
  const auto v = Values(5);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_TRUE(Is(v[0], F(-16)));
  EXPECT_TRUE(Is(v[1], F(16)));
  EXPECT_TRUE(Is(v[2], F(16)));
  EXPECT_TRUE(Is(v[3], F(4)));
  EXPECT_TRUE(Is(v[4], F(0)));
}

TEST_F(AwkHostRuntimeVmNative, NegativeComplJitIsAnError) {
  Num(-1);
  Emit(ins::AwkComplJit());
  EXPECT_NE(Error().find("compl: negative value is not allowed"), std::string::npos);
}

TEST_F(AwkHostRuntimeVmNative, SignalRecordsAndHalts) {
  Str("x");
  Emit(ins::AwkPrint(1));
  Int(7);
  Emit(ins::AwkSignal(awk_signal::EXIT));
  Str("never");
  Emit(ins::AwkPrint(1));
  const VMResult r = Run();
  ASSERT_TRUE(r.is_ok()) << r.error();
  EXPECT_TRUE(Is(r.value(), I(7)));
  EXPECT_EQ(vm_->awk_signal(), std::optional<uint8_t>(awk_signal::EXIT));
  EXPECT_EQ(out_, "x\n");
}

TEST_F(AwkHostRuntimeVmNative, SignalWithAnEmptyStackHalts) {
  Emit(ins::AwkSignal(awk_signal::NEXT));
  Str("never");
  Emit(ins::AwkPrint(1));
  const VMResult r = Run();
  EXPECT_TRUE(r.is_halted());
  EXPECT_EQ(vm_->awk_signal(), std::optional<uint8_t>(awk_signal::NEXT));
  EXPECT_EQ(out_, "");
}

// The ExtendedWide form of an awk op behaves exactly like the first-class op (AWK.md §2.1).
TEST_F(AwkHostRuntimeVmNative, ExtendedWideIdsReachTheSameHost) {
  Str("foobar");
  Str("ob");
  Emit(ins::ExtendedWide(uint16_t{40034}, uint64_t{0}));  // AwkIndex
  Emit(ins::ExtendedWide(uint16_t{40004}, uint64_t{Name("OFS")}));  // AwkSpecialGet
  Record(S("p q"));
  Int(2);
  Emit(ins::ExtendedWide(uint16_t{40000}, uint64_t{0}));  // AwkFieldGet
  const auto v = Values(3);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(Is(v[0], I(3)));
  EXPECT_TRUE(Is(v[1], S(" ")));
  EXPECT_TRUE(Is(v[2], In("q")));
}

}  // namespace
}  // namespace fusevm::awkfront
