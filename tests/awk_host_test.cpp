// The awk vocabulary (ops.def "Awk vocabulary", AWK.md §3, §4, §8) run through a real VM with
// AwkRuntime installed as its AwkHost: every op the runtime handles, built with ChunkBuilder and
// the typed makers, checking the values pushed (variant and text) and the printed output.
//
// Where AwkRuntime deliberately follows POSIX awk / the measured awks instead of the original's
// inert defaults (text is bytes, numbers are Floats, substr clamps a start below 1 keeping the
// length, CONVFMT/OFMT with exact integers), the expectations follow the runtime's header and
// docs/awk-compat.md.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "awk/runtime/awk_runtime.h"
#include "awk/runtime/records.h"
#include "fusevm/builder.h"
#include "fusevm/code_tables.h"
#include "fusevm/op.h"
#include "fusevm/vm.h"

namespace fusevm::awkfront {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Value S(std::string_view s) { return Value::string(s); }
Value In(std::string_view s) { return Value::input_string(s); }
Value F(double f) { return Value::floating(f); }
Value I(int64_t n) { return Value::integer(n); }
Value B(bool b) { return Value::boolean(b); }
Value U() { return Value(); }

std::string describe(const Value& v) {
  std::string text = std::string(value_type_name(v.type()));
  if (v.is_input_string()) text += "(input)";
  return text + " \"" + v.to_str() + "\"";
}

// Same variant, same payload (floats bit for bit, any NaN matching a NaN), and for strings the
// same input-string mark.
::testing::AssertionResult Is(const Value& got, const Value& want) {
  bool ok = got.type() == want.type();
  if (ok && got.is_float() && std::isnan(want.as_float())) {
    ok = std::isnan(got.as_float());
  } else if (ok) {
    ok = identical(got, want) && got.is_input_string() == want.is_input_string();
  }
  if (ok) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "got " << describe(got) << ", want " << describe(want);
}

class AwkHostRuntime : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "awk_host_test_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    options_.argv = {"awk"};
    options_.use_process_environ = false;
    options_.environ = {"FOO=bar", "N=42"};
    options_.output = [this](std::string_view text) { out_.append(text); };
    options_.stdin_source = [this] { return std::make_unique<StringSource>(stdin_text_); };
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // ── Building the program ──
  void Emit(Instr ins) { b_.emit(ins, ++line_); }
  uint16_t Name(std::string_view name) { return b_.add_name(name); }
  void Push(Value v) { Emit(ins::LoadConst(b_.add_constant(std::move(v)))); }
  void Str(std::string_view s) { Push(S(s)); }
  void Num(double f) { Emit(ins::LoadFloat(f)); }
  void Int(int64_t n) { Emit(ins::LoadInt(n)); }
  void Undef() { Emit(ins::LoadUndef()); }
  void GetSpecial(std::string_view name) { Emit(ins::AwkSpecialGet(Name(name))); }
  void SetSpecial(std::string_view name, Value v) {
    Push(std::move(v));
    Emit(ins::AwkSpecialSet(Name(name)));
  }
  void Field(int64_t i) {
    Int(i);
    Emit(ins::AwkFieldGet());
  }
  void SetField(int64_t i, Value v) {
    Push(std::move(v));
    Int(i);
    Emit(ins::AwkFieldSet());
  }
  void Record(Value v) {
    Push(std::move(v));
    Emit(ins::AwkSetRecord());
  }
  void Getline(uint8_t kind, std::string_view operand = {}) {
    if (getline_source_pops(kind)) Str(operand);
    Emit(ins::AwkGetline(kind));
  }
  void ArrayGet(std::string_view array, Value key) {
    Push(std::move(key));
    Emit(ins::AwkArrayGet(Name(array)));
  }
  void ArraySet(std::string_view array, Value key, Value value) {
    Push(std::move(value));
    Push(std::move(key));
    Emit(ins::AwkArraySet(Name(array)));
  }
  void ArrayExists(std::string_view array, Value key) {
    Push(std::move(key));
    Emit(ins::AwkArrayExists(Name(array)));
  }
  void ArrayDelete(std::string_view array, Value key) {
    Push(std::move(key));
    Emit(ins::AwkArrayDelete(Name(array)));
  }
  void ArrayLen(std::string_view array) { Emit(ins::AwkArrayLen(Name(array))); }

  // ── Running it ──
  /// Builds the chunk (collecting the top `collect` values into one Array when non-zero), runs it
  /// in a fresh VM with a fresh AwkRuntime, and flushes the runtime's output into out_.
  VMResult Run(uint16_t collect = 0) {
    if (collect > 0) Emit(ins::MakeArray(collect));
    ChunkBuilder builder = std::move(b_);
    b_ = ChunkBuilder();
    line_ = 0;
    vm_ = std::make_unique<VM>(std::move(builder).build());
    rt_ = install_awk_runtime(*vm_, std::make_unique<AwkRuntime>(options_));
    if (configure_) configure_(*rt_);
    VMResult r = vm_->run();
    std::string error;
    EXPECT_TRUE(rt_->finish(error)) << error;
    return r;
  }
  /// Runs and returns the `n` collected values (an empty vector, with a failure, if the run did
  /// not end with them).
  std::vector<Value> Values(uint16_t n) {
    const VMResult r = Run(n);
    std::vector<Value> values;
    EXPECT_TRUE(r.is_ok()) << r.error();
    if (!r.is_ok() || !r.value().is_array()) return values;
    for (const Value& v : r.value().as_array()) values.push_back(v);
    EXPECT_EQ(values.size(), n);
    return values;
  }
  /// Runs a program that must fail; returns the error message.
  std::string Error() {
    const VMResult r = Run();
    EXPECT_TRUE(r.is_error()) << "the run did not fail";
    return r.error();
  }

  /// Writes a file under the test's temporary directory; returns its path.
  std::string File(std::string_view name, std::string_view text) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  std::filesystem::path dir_;
  AwkRuntimeOptions options_;
  std::string stdin_text_;
  std::string out_;
  std::function<void(AwkRuntime&)> configure_;
  ChunkBuilder b_;
  uint32_t line_ = 0;
  std::unique_ptr<VM> vm_;
  AwkRuntime* rt_ = nullptr;
};

// Suite names for the groups below (one fixture).
using AwkHostRuntimeFields = AwkHostRuntime;
using AwkHostRuntimeSpecials = AwkHostRuntime;
using AwkHostRuntimePrint = AwkHostRuntime;
using AwkHostRuntimeGetline = AwkHostRuntime;
using AwkHostRuntimeStrings = AwkHostRuntime;
using AwkHostRuntimeRegex = AwkHostRuntime;
using AwkHostRuntimeNumeric = AwkHostRuntime;
using AwkHostRuntimeArrays = AwkHostRuntime;
using AwkHostRuntimeVmNative = AwkHostRuntime;

// ═════════════════════════ Records and fields ═════════════════════════

TEST_F(AwkHostRuntimeFields, SetRecordSplitsOnBlanksAndFieldsAreInputStrings) {
  Record(S("  alpha beta\tgamma  "));
  Field(0);
  Field(1);
  Field(3);
  Field(4);  // beyond NF: an empty input string
  Emit(ins::AwkNf());
  const auto v = Values(5);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_TRUE(Is(v[0], In("  alpha beta\tgamma  ")));
  EXPECT_TRUE(Is(v[1], In("alpha")));
  EXPECT_TRUE(Is(v[2], In("gamma")));
  EXPECT_TRUE(Is(v[3], In("")));
  EXPECT_TRUE(Is(v[4], I(3)));
}

TEST_F(AwkHostRuntimeFields, FieldAssignmentRebuildsTheRecordWithOfs) {
  SetSpecial("OFS", S("-"));
  Record(S("a b c"));
  SetField(2, S("X"));
  Field(0);
  Field(2);  // keeps the type of what was assigned: a plain string
  Emit(ins::AwkNf());
  const auto v = Values(3);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(Is(v[0], In("a-X-c")));
  EXPECT_TRUE(Is(v[1], S("X")));
  EXPECT_TRUE(Is(v[2], I(3)));
}

TEST_F(AwkHostRuntimeFields, AssigningBeyondNfGrowsNfWithEmptyFields) {
  Record(S("a b"));
  SetField(5, S("x"));
  Field(0);
  Emit(ins::AwkNf());
  Field(4);
  GetSpecial("NF");
  const auto v = Values(4);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(Is(v[0], In("a b   x")));
  EXPECT_TRUE(Is(v[1], I(5)));
  EXPECT_TRUE(Is(v[2], In("")));
  EXPECT_TRUE(Is(v[3], F(5)));  // NF through special_get agrees with AwkNf (as a number)
}

TEST_F(AwkHostRuntimeFields, AssigningFieldZeroResplits) {
  Record(S("a b"));
  SetField(0, S("p q r s"));
  Emit(ins::AwkNf());
  Field(4);
  Field(0);
  const auto v = Values(3);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(Is(v[0], I(4)));
  EXPECT_TRUE(Is(v[1], In("s")));
  EXPECT_TRUE(Is(v[2], In("p q r s")));
}

TEST_F(AwkHostRuntimeFields, NumericFieldValuesKeepTheirTypeAndRecordUsesConvfmt) {
  Record(S("a b"));
  SetField(2, F(0.1 + 0.2));
  SetField(3, F(1e16));
  SetField(4, I(-7));
  SetField(5, U());  // an uninitialised value makes an empty field
  Field(0);
  Field(2);
  Field(5);
  const auto v = Values(3);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(Is(v[0], In("a 0.3 10000000000000000 -7 ")));
  EXPECT_TRUE(Is(v[1], F(0.1 + 0.2)));
  EXPECT_TRUE(Is(v[2], S("")));
}

TEST_F(AwkHostRuntimeFields, NumberRecordIsConvertedWithConvfmt) {
  SetSpecial("CONVFMT", S("%.2f"));
  Record(F(3.14159));
  Field(0);
  Record(F(42));
  Field(1);
  Record(I(12));
  Emit(ins::AwkNf());
  const auto v = Values(3);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(Is(v[0], In("3.14")));
  EXPECT_TRUE(Is(v[1], In("42")));  // integral: exact, not through CONVFMT
  EXPECT_TRUE(Is(v[2], I(1)));
}

TEST_F(AwkHostRuntimeFields, EmptyRecordHasNoFields) {
  Emit(ins::AwkNf());
  Field(0);
  Record(S("   "));
  Emit(ins::AwkNf());
  const auto v = Values(3);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(Is(v[0], I(0)));
  EXPECT_TRUE(Is(v[1], In("")));
  EXPECT_TRUE(Is(v[2], I(0)));
}

TEST_F(AwkHostRuntimeFields, NegativeFieldIndexIsAnError) {
  Record(S("a"));
  Field(-1);
  EXPECT_NE(Error().find("attempt to access field -1"), std::string::npos);
}

TEST_F(AwkHostRuntimeFields, NegativeFieldAssignmentIsAnError) {
  SetField(-2, S("x"));
  EXPECT_NE(Error().find("attempt to access field -2"), std::string::npos);
}

TEST_F(AwkHostRuntimeFields, OfsChangedAfterAFieldAssignmentDoesNotRewriteTheRecord) {
  Record(S("a b c"));
  SetField(2, S("X"));
  SetSpecial("OFS", S("-"));
  Field(0);
  Emit(ins::AwkLength(0));
  Emit(ins::AwkPrint(0));
  const auto v = Values(2);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(Is(v[0], In("a X c")));
  EXPECT_TRUE(Is(v[1], I(5)));
  EXPECT_EQ(out_, "a X c\n");
}

TEST_F(AwkHostRuntimeFields, OfsChangedAfterAnNfAssignmentDoesNotRewriteTheRecord) {
  Record(S("a b c"));
  SetSpecial("NF", F(2));
  SetSpecial("OFS", S("-"));
  Field(0);
  const auto v = Values(1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(Is(v[0], In("a b")));
}

// ═════════════════════════ Special variables ═════════════════════════

TEST_F(AwkHostRuntimeSpecials, InitialValues) {
  for (const char* name : {"NR", "FNR", "NF", "FS", "OFS", "ORS", "RS", "SUBSEP", "CONVFMT", "OFMT",
                           "RSTART", "FILENAME", "ARGC", "NOSUCH"})
    GetSpecial(name);
  const auto v = Values(14);
  ASSERT_EQ(v.size(), 14u);
  EXPECT_TRUE(Is(v[0], F(0)));
  EXPECT_TRUE(Is(v[1], F(0)));
  EXPECT_TRUE(Is(v[2], F(0)));
  EXPECT_TRUE(Is(v[3], S(" ")));
  EXPECT_TRUE(Is(v[4], S(" ")));
  EXPECT_TRUE(Is(v[5], S("\n")));
  EXPECT_TRUE(Is(v[6], S("\n")));
  EXPECT_TRUE(Is(v[7], S("\034")));
  EXPECT_TRUE(Is(v[8], S("%.6g")));
  EXPECT_TRUE(Is(v[9], S("%.6g")));
  EXPECT_TRUE(Is(v[10], F(0)));
  EXPECT_TRUE(Is(v[11], U()));  // FILENAME before any input: uninitialised
  EXPECT_TRUE(Is(v[12], F(1)));  // ARGC = the size of options.argv
  EXPECT_TRUE(Is(v[13], U()));   // unknown names: Undef
}

TEST_F(AwkHostRuntimeSpecials, RlengthIsZeroBeforeAnyMatch) {
  GetSpecial("RLENGTH");
  const auto v = Values(1);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(Is(v[0], F(0)));
}

TEST_F(AwkHostRuntimeSpecials, EverySpecialCanBeSetAndReadBack) {
  SetSpecial("NR", S("12"));  // numbers are converted with awk's rules
  SetSpecial("FNR", F(3));
  SetSpecial("FS", S(":"));
  SetSpecial("OFS", S("-"));
  SetSpecial("ORS", S("|\n"));
  SetSpecial("RS", S(";"));
  SetSpecial("SUBSEP", S("@"));
  SetSpecial("CONVFMT", S("%.2g"));
  SetSpecial("OFMT", S("%.3f"));
  SetSpecial("RSTART", F(5));
  SetSpecial("RLENGTH", S("7"));
  SetSpecial("FILENAME", S("x.txt"));
  SetSpecial("ARGC", F(2));
  SetSpecial("NOSUCH", S("ignored"));
  for (const char* name : {"NR", "FNR", "FS", "OFS", "ORS", "RS", "SUBSEP", "CONVFMT", "OFMT",
                           "RSTART", "RLENGTH", "FILENAME", "ARGC", "NOSUCH"})
    GetSpecial(name);
  const auto v = Values(14);
  ASSERT_EQ(v.size(), 14u);
  EXPECT_TRUE(Is(v[0], F(12)));
  EXPECT_TRUE(Is(v[1], F(3)));
  EXPECT_TRUE(Is(v[2], S(":")));
  EXPECT_TRUE(Is(v[3], S("-")));
  EXPECT_TRUE(Is(v[4], S("|\n")));
  EXPECT_TRUE(Is(v[5], S(";")));
  EXPECT_TRUE(Is(v[6], S("@")));
  EXPECT_TRUE(Is(v[7], S("%.2g")));
  EXPECT_TRUE(Is(v[8], S("%.3f")));
  EXPECT_TRUE(Is(v[9], F(5)));
  EXPECT_TRUE(Is(v[10], F(7)));
  EXPECT_TRUE(Is(v[11], S("x.txt")));
  EXPECT_TRUE(Is(v[12], F(2)));
  EXPECT_TRUE(Is(v[13], U()));
}

TEST_F(AwkHostRuntimeSpecials, NumbersAssignedToStringSpecialsUseConvfmt) {
  SetSpecial("FS", I(1));
  SetSpecial("SUBSEP", F(0.5));
  GetSpecial("FS");
  GetSpecial("SUBSEP");
  const auto v = Values(2);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(Is(v[0], S("1")));
  EXPECT_TRUE(Is(v[1], S("0.5")));
}

TEST_F(AwkHostRuntimeSpecials, NfAssignmentTruncatesAndExtends) {
  SetSpecial("OFS", S("-"));
  Record(S("a b c d"));
  SetSpecial("NF", F(2));
  Emit(ins::AwkNf());
  Field(0);
  SetSpecial("NF", S("4"));
  Field(0);
  GetSpecial("NF");
  Field(4);
  const auto v = Values(5);
  ASSERT_EQ(v.size(), 5u);
  EXPECT_TRUE(Is(v[0], I(2)));
  EXPECT_TRUE(Is(v[1], In("a-b")));
  EXPECT_TRUE(Is(v[2], In("a-b--")));
  EXPECT_TRUE(Is(v[3], F(4)));
  EXPECT_TRUE(Is(v[4], In("")));
}

TEST_F(AwkHostRuntimeSpecials, NegativeNfIsAnError) {
  SetSpecial("NF", F(-1));
  EXPECT_NE(Error().find("NF set to negative value -1"), std::string::npos);
}

TEST_F(AwkHostRuntimeSpecials, FsChangeAppliesToTheNextRecord) {
  Record(S("a:b c"));
  SetSpecial("FS", S(":"));
  Field(1);  // the current record keeps the old separator
  Record(S("a:b c"));
  Field(1);
  SetSpecial("FS", S("[0-9]+"));  // longer than one character: an ERE
  Record(S("x1y22z"));
  Emit(ins::AwkNf());
  Field(3);
  SetSpecial("FS", S("|"));  // any other single character: literal
  Record(S("p||q"));
  Emit(ins::AwkNf());
  Field(2);
  const auto v = Values(6);
  ASSERT_EQ(v.size(), 6u);
  EXPECT_TRUE(Is(v[0], In("a:b")));
  EXPECT_TRUE(Is(v[1], In("a")));
  EXPECT_TRUE(Is(v[2], I(3)));
  EXPECT_TRUE(Is(v[3], In("z")));
  EXPECT_TRUE(Is(v[4], I(3)));
  EXPECT_TRUE(Is(v[5], In("")));
}

TEST_F(AwkHostRuntimeSpecials, FsChangeSurvivesAGetlineThatReadsNoRecord) {
  Record(S("a:b c"));
  SetSpecial("FS", S(":"));
  Getline(getline_source::FILE, (dir_ / "missing").string());
  Field(1);
  const auto v = Values(2);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(Is(v[0], I(-1)));
  EXPECT_TRUE(Is(v[1], In("a:b")));
}

TEST_F(AwkHostRuntimeSpecials, RsSingleCharacterSeparatesRecords) {
  stdin_text_ = "r1;r2;;r4";
  SetSpecial("RS", S(";"));
  for (int i = 0; i < 4; ++i) {
    Getline(getline_source::MAIN);
    Field(0);
  }
  Getline(getline_source::MAIN);
  const auto v = Values(9);
  ASSERT_EQ(v.size(), 9u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("r1")));
  EXPECT_TRUE(Is(v[3], In("r2")));
  EXPECT_TRUE(Is(v[5], In("")));
  EXPECT_TRUE(Is(v[7], In("r4")));
  EXPECT_TRUE(Is(v[8], I(0)));
}

TEST_F(AwkHostRuntimeSpecials, RsEmptyIsParagraphModeWithNewlineSeparatingFields) {
  stdin_text_ = "\n\na b\n\n\nc:d\ne\n\n";
  SetSpecial("RS", S(""));
  SetSpecial("FS", S(":"));
  Getline(getline_source::MAIN);
  Field(0);
  Emit(ins::AwkNf());
  Getline(getline_source::MAIN);
  Field(0);
  Emit(ins::AwkNf());
  Field(3);
  Getline(getline_source::MAIN);
  const auto v = Values(8);
  ASSERT_EQ(v.size(), 8u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("a b")));
  EXPECT_TRUE(Is(v[2], I(1)));  // FS ":" and newline: "a b" is one field
  EXPECT_TRUE(Is(v[3], I(1)));
  EXPECT_TRUE(Is(v[4], In("c:d\ne")));
  EXPECT_TRUE(Is(v[5], I(3)));
  EXPECT_TRUE(Is(v[6], In("e")));
  EXPECT_TRUE(Is(v[7], I(0)));
}

TEST_F(AwkHostRuntimeSpecials, RsLongerThanOneCharacterIsARegex) {
  stdin_text_ = "a1b22c\n";
  SetSpecial("RS", S("[0-9]+"));
  for (int i = 0; i < 3; ++i) {
    Getline(getline_source::MAIN);
    Emit(ins::Pop());
    Field(0);
  }
  const auto v = Values(3);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(Is(v[0], In("a")));
  EXPECT_TRUE(Is(v[1], In("b")));
  EXPECT_TRUE(Is(v[2], In("c\n")));
}

TEST_F(AwkHostRuntimeSpecials, InvalidFsRegexIsAnErrorAtTheNextRecord) {
  SetSpecial("FS", S("a("));
  Record(S("x"));
  EXPECT_NE(Error().find("invalid FS"), std::string::npos);
}

TEST_F(AwkHostRuntimeSpecials, InvalidRsRegexIsAnError) {
  SetSpecial("RS", S("a("));
  EXPECT_NE(Error().find("invalid RS"), std::string::npos);
}

TEST_F(AwkHostRuntimeSpecials, ConvfmtConvertsNonIntegralNumbersToText) {
  SetSpecial("CONVFMT", S("%.2g"));
  Num(1.0 / 3);
  Emit(ins::AwkLength(1));  // "0.33"
  Num(1e16);
  Emit(ins::AwkLength(1));  // integral: "10000000000000000"
  Str("%s|%s");
  Num(3.14159);
  Num(-0.0);
  Emit(ins::AwkSprintf(3));
  const auto v = Values(3);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(Is(v[0], I(4)));
  EXPECT_TRUE(Is(v[1], I(17)));
  EXPECT_TRUE(Is(v[2], S("3.1|0")));
}

TEST_F(AwkHostRuntimeSpecials, FilenameIsDashWhileReadingStandardInput) {
  stdin_text_ = "x\n";
  Getline(getline_source::MAIN);
  GetSpecial("FILENAME");
  const auto v = Values(2);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(Is(v[0], I(1)));
  EXPECT_TRUE(Is(v[1], In("-")));
}

// ═════════════════════════ print, printf, sprintf ═════════════════════════

TEST_F(AwkHostRuntimePrint, NoArgumentsPrintsTheRecord) {
  Record(S("x  y"));
  Emit(ins::AwkPrint(0));
  EXPECT_TRUE(Run().is_halted());
  EXPECT_EQ(out_, "x  y\n");
}

TEST_F(AwkHostRuntimePrint, NoArgumentsPrintsTheRebuiltRecord) {
  Record(S("a  b"));
  SetField(3, S("c"));
  Emit(ins::AwkPrint(0));
  EXPECT_TRUE(Run().is_halted());
  EXPECT_EQ(out_, "a b c\n");
}

TEST_F(AwkHostRuntimePrint, ArgumentsAreJoinedByOfsAndEndedByOrs) {
  SetSpecial("OFS", S(", "));
  SetSpecial("ORS", S("!\n"));
  Str("a");
  Int(1);
  Num(2.5);
  Push(B(true));
  Undef();
  Push(In("007"));  // an input string prints its text
  Emit(ins::AwkPrint(6));
  Str("second");
  Emit(ins::AwkPrint(1));
  EXPECT_TRUE(Run().is_halted());
  EXPECT_EQ(out_, "a, 1, 2.5, 1, , 007!\nsecond!\n");
}

TEST_F(AwkHostRuntimePrint, NumbersPrintThroughOfmtWithIntegralValuesExact) {
  SetSpecial("OFMT", S("%.2f"));
  SetSpecial("CONVFMT", S("%.4f"));
  Num(3.14159265);
  Num(9007199254740992.0);
  Num(-0.0);
  Num(1e30);
  Str("3.14159265");  // strings are printed as they are
  Num(0);
  Emit(ins::AwkLog());  // -inf
  Num(1e-300);
  Emit(ins::AwkPrint(7));
  Str("%s");
  Num(3.14159265);
  Emit(ins::AwkPrintf(2));  // %s of a number: CONVFMT, not OFMT
  EXPECT_TRUE(Run().is_halted());
  EXPECT_EQ(out_, "3.14 9007199254740992 0 1000000000000000019884624838656 3.14159265 -inf 0.00\n3.1416");
}

TEST_F(AwkHostRuntimePrint, PrintfFormatsItsArgumentsWithoutOrs) {
  SetSpecial("ORS", S("<ORS>"));
  Str("%s=%d|%5.2f|%-3s|%c|%x|%%|%i\n");
  Str("n");
  Str("42abc");
  Num(3.14159);
  Str("ab");
  Int(65);
  Num(255);
  Num(-7.9);
  Emit(ins::AwkPrintf(8));
  Str("%s");
  Str("tail");
  Emit(ins::AwkPrintf(2));
  Emit(ins::AwkPrintf(0));  // printf with no format prints nothing
  EXPECT_TRUE(Run().is_halted());
  EXPECT_EQ(out_, "n=42| 3.14|ab |A|ff|%|-7\ntail");
}

TEST_F(AwkHostRuntimePrint, SprintfPushesTheFormattedString) {
  Str("%05d|%.3e|%s|%c|%5s|%-5d|");
  Int(42);
  Num(12345.678);
  Num(1.0 / 3);
  Str("hello");
  Str("ab");
  Int(-3);
  Emit(ins::AwkSprintf(7));
  Emit(ins::AwkSprintf(0));
  Str("no conversions");
  Emit(ins::AwkSprintf(1));
  Str("%d %s");
  Int(1);
  Str("x");
  Str("surplus");
  Emit(ins::AwkSprintf(4));  // surplus arguments are ignored
  const auto v = Values(4);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_TRUE(Is(v[0], S("00042|1.235e+04|0.333333|h|   ab|-3   |")));
  EXPECT_TRUE(Is(v[1], S("")));
  EXPECT_TRUE(Is(v[2], S("no conversions")));
  EXPECT_TRUE(Is(v[3], S("1 x")));
  EXPECT_EQ(out_, "");
}

TEST_F(AwkHostRuntimePrint, PrintfWithTooFewArgumentsEndsTheRunWithAnError) {
  Str("before");
  Emit(ins::AwkPrint(1));
  Str("%d %d\n");
  Int(1);
  Emit(ins::AwkPrintf(2));
  Str("after");
  Emit(ins::AwkPrint(1));
  const std::string error = Error();
  EXPECT_NE(error.find("not enough arguments"), std::string::npos) << error;
  EXPECT_NE(error.find("AwkPrintf"), std::string::npos) << error;
  EXPECT_EQ(out_, "before\n");  // nothing of the failing printf, nothing after it
}

TEST_F(AwkHostRuntimePrint, SprintfWithTooFewArgumentsEndsTheRunWithAnError) {
  Str("%s and %s");
  Str("one");
  Emit(ins::AwkSprintf(2));
  const std::string error = Error();
  EXPECT_NE(error.find("not enough arguments"), std::string::npos) << error;
  EXPECT_NE(error.find("AwkSprintf"), std::string::npos) << error;
}

// ═════════════════════════ getline (kinds 0..5) ═════════════════════════

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
