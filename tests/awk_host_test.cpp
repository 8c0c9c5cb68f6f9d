// The awk vocabulary (ops.def "Awk vocabulary", AWK.md §3, §4, §8) run through a real VM with
// AwkRuntime installed as its AwkHost: every op the runtime handles, built with ChunkBuilder and
// the typed makers, checking the values pushed (variant and text) and the printed output.
//
// Where AwkRuntime deliberately follows POSIX awk / the measured awks instead of the original's
// inert defaults (text is bytes, numbers are Floats, substr clamps a start below 1 keeping the
// length, CONVFMT/OFMT with exact integers), the expectations follow the runtime's header and
// docs/awk-compat.md.
#include "awk_host_support.h"

namespace fusevm::awkfront {
namespace {

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

}  // namespace
}  // namespace fusevm::awkfront
