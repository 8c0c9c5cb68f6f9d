// awk's number <-> text conversions and printf engine (number_text.h, printf_format.h). Expected
// values are what gawk --posix, gawk, mawk, original-awk and busybox print in LC_ALL=C where they
// agree, and the headers' documented choices where they do not (tests/awk/format_reference.sh).
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "awk/runtime/number_text.h"
#include "awk/runtime/printf_format.h"

namespace fusevm::awkfront {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTwoPow63 = 9223372036854775808.0;
constexpr double kTwoPow64 = 18446744073709551616.0;
const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kNegNan = std::copysign(kNan, -1.0);

// One printf argument: a number, or a string whose numeric value follows awk's rules.
struct Arg {
  Arg(double v) : is_number(true), number(v) {}  // NOLINT: implicit for brace lists
  Arg(int v) : Arg(static_cast<double>(v)) {}    // NOLINT
  Arg(const char* s) : text(s) {}                // NOLINT
  Arg(std::string s) : text(std::move(s)) {}     // NOLINT
  bool is_number = false;
  double number = 0;
  std::string text;
};

// What an awk host would supply: numbers convert to strings with CONVFMT "%.6g".
class TestArgs final : public FormatArgs {
 public:
  explicit TestArgs(std::initializer_list<Arg> args) : args_(args) {}
  size_t size() const override { return args_.size(); }
  bool is_number(size_t i) const override { return args_.at(i).is_number; }
  double number(size_t i) const override {
    const Arg& a = args_.at(i);
    return a.is_number ? a.number : string_to_number(a.text);
  }
  std::string_view string(size_t i, std::string& scratch) const override {
    const Arg& a = args_.at(i);
    if (!a.is_number) return a.text;
    scratch = number_to_string(a.number, "%.6g");
    return scratch;
  }

 private:
  std::vector<Arg> args_;
};

// The formatted text, or "error: ..." when format_printf fails.
std::string format(std::string_view fmt, std::initializer_list<Arg> args = {}) {
  const TestArgs arguments(args);
  std::string out;
  std::string error;
  if (!format_printf(fmt, arguments, out, error)) return "error: " + error;
  return out;
}

std::string nul() {
  return std::string(1, '\0');
}

// ---------------------------------------------------------------------------------------------
// number_text.h

TEST(AwkNumberText, LooksNumericAcceptsThePosixForm) {
  for (const char* text : {"1", "+1", "-1", "-.5", "5.", ".5", "1e5", "1E+05", "2.5e-3", "0", "00",
                           "-0", "007", "1.", "+.5E5", "  12  ", " \t\n\v\f\r12\r\n\f\v\t "}) {
    EXPECT_TRUE(looks_numeric(text)) << text;
  }
}

TEST(AwkNumberText, LooksNumericRejectsEverythingElse) {
  for (const char* text :
       {"",    " ",     ".",    "+",   "-",     "+.",    ".e1",   "e5",   "1e",   "1e+",
        "1E-", "0x1A",  "0X10", "inf", "+inf",  "-inf",  "nan",   "-nan", "+nan", "infinity",
        "1 2", "12abc", "++1",  "+-1", "1.2.3", "1e5.0", "1e5e5", "- 1",  "1,5"}) {
    EXPECT_FALSE(looks_numeric(text)) << text;
  }
  EXPECT_FALSE(looks_numeric(std::string("1\0", 2)));     // NUL is not a blank
  EXPECT_FALSE(looks_numeric(std::string{'\xa0', '1'}));  // nor is a non-ASCII byte
}

TEST(AwkNumberText, StringToNumberTakesTheLongestDecimalPrefix) {
  EXPECT_EQ(string_to_number("12abc"), 12);
  EXPECT_EQ(string_to_number(".5e1x"), 5);
  EXPECT_EQ(string_to_number("1e"), 1);
  EXPECT_EQ(string_to_number("1e+"), 1);
  EXPECT_EQ(string_to_number("1e-x"), 1);
  EXPECT_EQ(string_to_number("2e3e4"), 2000);
  EXPECT_EQ(string_to_number("1.5.5"), 1.5);
  EXPECT_EQ(string_to_number("5."), 5);
  EXPECT_EQ(string_to_number("-.5"), -0.5);
  EXPECT_EQ(string_to_number("+7"), 7);
  EXPECT_EQ(string_to_number("  -3.25  "), -3.25);
  EXPECT_EQ(string_to_number(" \t\n\v\f\r42"), 42);
  EXPECT_EQ(string_to_number("1E+02"), 100);
  EXPECT_EQ(string_to_number("0012"), 12);
  for (const char* text :
       {"", "  ", "+", "-", ".", "+.", "-.e5", "e5", "abc", "0x1A", "0X10", "- 1", "++1"}) {
    const double v = string_to_number(text);
    EXPECT_EQ(v, 0) << text;
    EXPECT_FALSE(std::signbit(v)) << text;
  }
  EXPECT_EQ(string_to_number("0x1A"), 0);  // the "0" before the x
  EXPECT_TRUE(std::signbit(string_to_number("-0")));
}

TEST(AwkNumberText, StringToNumberIsCorrectlyRounded) {
  EXPECT_EQ(string_to_number("0.1"), 0.1);
  EXPECT_EQ(string_to_number("0.1000000000000000055511151231257827"), 0.1);
  EXPECT_EQ(string_to_number("9007199254740993"), 9007199254740992.0);  // ties to even
  EXPECT_EQ(string_to_number("9007199254740995"), 9007199254740996.0);
  EXPECT_EQ(string_to_number("1.7976931348623157e308"), DBL_MAX);
  EXPECT_EQ(string_to_number("2.2250738585072014e-308"), DBL_MIN);
  EXPECT_EQ(string_to_number("4.9406564584124654e-324"), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(string_to_number("2.4703282292062328e-324"), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(string_to_number("123456789012345678901234567890"), 123456789012345678901234567890.0);
  // Far more digits than a double holds, the last one deciding the rounding.
  EXPECT_EQ(string_to_number("1.00000000000000011102230246251565404236316680908203125"), 1.0);
  EXPECT_EQ(string_to_number("1.00000000000000011102230246251565404236316680908203126"),
            std::nextafter(1.0, 2.0));
}

TEST(AwkNumberText, StringToNumberOverflowsToInfAndUnderflowsToZero) {
  EXPECT_EQ(string_to_number("1e400"), kInf);
  EXPECT_EQ(string_to_number("-1e400"), -kInf);
  EXPECT_EQ(string_to_number("1.7976931348623159e308"), kInf);  // past DBL_MAX + half an ulp
  EXPECT_EQ(string_to_number("10000000000e300"), kInf);
  EXPECT_EQ(string_to_number("0.001e312"), kInf);
  EXPECT_EQ(string_to_number("1e99999999999999999999999"), kInf);
  const double tiny = string_to_number("1e-400");
  EXPECT_EQ(tiny, 0);
  EXPECT_FALSE(std::signbit(tiny));
  const double negative_tiny = string_to_number("-1e-400");
  EXPECT_EQ(negative_tiny, 0);
  EXPECT_TRUE(std::signbit(negative_tiny));
  EXPECT_EQ(string_to_number("2.4703282292062327e-324"), 0);  // just under half the least
  EXPECT_EQ(string_to_number("123456789e-400"), 0);
  EXPECT_EQ(string_to_number("0.00000001e-320"), 0);
  EXPECT_EQ(string_to_number("1e-99999999999999999999999"), 0);
  EXPECT_EQ(string_to_number("0e99999"), 0);
  EXPECT_EQ(string_to_number("1e400x"), kInf);
}

TEST(AwkNumberText, StringToNumberAcceptsOnlyWholeSignedInfAndNan) {
  EXPECT_EQ(string_to_number("+inf"), kInf);
  EXPECT_EQ(string_to_number("-inf"), -kInf);
  EXPECT_EQ(string_to_number("+INF"), kInf);
  EXPECT_EQ(string_to_number("-InF"), -kInf);
  EXPECT_EQ(string_to_number("  +inf \t\n"), kInf);
  const double plus_nan = string_to_number("+nan");
  EXPECT_TRUE(std::isnan(plus_nan));
  EXPECT_FALSE(std::signbit(plus_nan));
  for (const char* text : {"-nan", "-NaN", " -NAN "}) {
    const double v = string_to_number(text);
    EXPECT_TRUE(std::isnan(v)) << text;
    EXPECT_TRUE(std::signbit(v)) << text;
  }
  for (const char* text : {"inf", "nan", "INF", "+infx", "+inf x", "+infinity", "-infinity", "+in",
                           "+i", "+", "+nanx", "+ inf", "inf+", "infinity"}) {
    EXPECT_EQ(string_to_number(text), 0) << text;
  }
}

TEST(AwkNumberText, NeverReadsPastTheView) {
  const std::string_view digits = "12345";
  EXPECT_EQ(string_to_number(digits.substr(0, 2)), 12);
  EXPECT_EQ(string_to_number(std::string_view("1e5", 2)), 1);
  EXPECT_EQ(string_to_number(std::string_view("1.5", 2)), 1);
  EXPECT_EQ(string_to_number(std::string_view("+inf", 3)), 0);
  EXPECT_EQ(string_to_number(std::string_view("1e400", 4)), 1e40);
  EXPECT_EQ(string_to_number(std::string_view("-", 1)), 0);
  EXPECT_EQ(string_to_number(std::string_view()), 0);
  EXPECT_FALSE(looks_numeric(std::string_view("1e5", 2)));
  EXPECT_TRUE(looks_numeric(std::string_view("15x", 2)));
  EXPECT_FALSE(looks_numeric(std::string_view()));
  // A buffer with nothing readable around the view: the sanitizers catch any stray read.
  const std::vector<char> heap = {'-', '1', '.', '5', 'e', '+'};
  EXPECT_EQ(string_to_number(std::string_view(heap.data(), heap.size())), -1.5);
  EXPECT_FALSE(looks_numeric(std::string_view(heap.data(), heap.size())));
  const std::vector<char> inf = {'-', 'i', 'n', 'f'};
  EXPECT_EQ(string_to_number(std::string_view(inf.data(), inf.size())), -kInf);
}

TEST(AwkNumberText, IntegralValuesPrintAsExactIntegers) {
  EXPECT_EQ(number_to_string(0, "%.6g"), "0");
  EXPECT_EQ(number_to_string(-0.0, "%.6g"), "0");
  EXPECT_EQ(number_to_string(100, "%.6g"), "100");
  EXPECT_EQ(number_to_string(-17, "%.6g"), "-17");
  EXPECT_EQ(number_to_string(1e6, "%.6g"), "1000000");
  EXPECT_EQ(number_to_string(123456789012, "%.6g"), "123456789012");  // mawk: 1.23457e+11
  EXPECT_EQ(number_to_string(1e15, "%.6g"), "1000000000000000");
  EXPECT_EQ(number_to_string(1e16, "%.6g"), "10000000000000000");
  EXPECT_EQ(number_to_string(2147483648.0, "%.6g"), "2147483648");
  EXPECT_EQ(number_to_string(9007199254740992.0, "%.6g"), "9007199254740992");
  EXPECT_EQ(number_to_string(1e25, "%.6g"), "10000000000000000905969664");
  EXPECT_EQ(number_to_string(1e30, "%.6g"), "1000000000000000019884624838656");
  EXPECT_EQ(number_to_string(-1e30, "%.6g"), "-1000000000000000019884624838656");
  EXPECT_EQ(number_to_string(kTwoPow63 - 1024, "%.6g"), "9223372036854774784");
  EXPECT_EQ(number_to_string(kTwoPow63, "%.6g"), "9223372036854775808");
  EXPECT_EQ(number_to_string(-kTwoPow63, "%.6g"), "-9223372036854775808");
  EXPECT_EQ(number_to_string(kTwoPow64, "%.6g"), "18446744073709551616");
  const std::string max = number_to_string(DBL_MAX, "%.6g");
  EXPECT_EQ(max.size(), 309u);
  EXPECT_EQ(max.substr(0, 20), "17976931348623157081");
  EXPECT_EQ(number_to_string(-DBL_MAX, "%.6g").size(), 310u);
  // CONVFMT does not apply to integral values.
  EXPECT_EQ(number_to_string(17, "%.2f"), "17");
  EXPECT_EQ(number_to_string(1e30, "%.2f"), "1000000000000000019884624838656");
}

TEST(AwkNumberText, InfinitiesAndNansIgnoreConvfmt) {
  for (const char* convfmt : {"%.6g", "%.2f", "%d", "%s", "%d %d"}) {
    EXPECT_EQ(number_to_string(kInf, convfmt), "+inf") << convfmt;
    EXPECT_EQ(number_to_string(-kInf, convfmt), "-inf") << convfmt;
    EXPECT_EQ(number_to_string(kNan, convfmt), "+nan") << convfmt;
    EXPECT_EQ(number_to_string(kNegNan, convfmt), "-nan") << convfmt;
  }
}

TEST(AwkNumberText, OtherValuesUseConvfmt) {
  EXPECT_EQ(number_to_string(0.1, "%.6g"), "0.1");
  EXPECT_EQ(number_to_string(1.0 / 3, "%.6g"), "0.333333");
  EXPECT_EQ(number_to_string(0.1 + 0.2, "%.6g"), "0.3");
  EXPECT_EQ(number_to_string(-2.5, "%.6g"), "-2.5");
  EXPECT_EQ(number_to_string(1234567.5, "%.6g"), "1.23457e+06");
  EXPECT_EQ(number_to_string(3.14159, "%.2f"), "3.14");
  EXPECT_EQ(number_to_string(3.14159, "%.30g"), "3.14158999999999988261834005243");
  EXPECT_EQ(number_to_string(3.7, "%d"), "3");  // original-awk prints garbage
  EXPECT_EQ(number_to_string(-3.7, "%i"), "-3");
  EXPECT_EQ(number_to_string(0.25, "x%.1fy"), "x0.2y");
  EXPECT_EQ(number_to_string(1.5, "%e"), "1.500000e+00");
  EXPECT_EQ(number_to_string(65.5, "%c"), "A");
  EXPECT_EQ(number_to_string(0.5, "%5.1f%%"), "  0.5%");
  EXPECT_EQ(number_to_string(0.5, ""), "");
}

TEST(AwkNumberText, BadConvfmtFallsBackToG6) {
  // gawk segfaults on "%s"; mawk and original-awk print "(null)".
  EXPECT_EQ(number_to_string(0.5, "%s"), "0.5");
  EXPECT_EQ(number_to_string(1.0 / 3, "[%s]"), "[0.333333]");
  EXPECT_EQ(number_to_string(1.0 / 3, "%.2s"), "0.");
  // Needing a second argument makes the whole conversion "%.6g", not a partial text.
  EXPECT_EQ(number_to_string(0.5, "%d %d"), "0.5");
  EXPECT_EQ(number_to_string(1.0 / 3, "x%dy%sz"), "0.333333");
  EXPECT_EQ(number_to_string(0.5, "%*d"), "0.5");
  EXPECT_EQ(number_to_string(0.5, "%.*f"), "0.5");
}

TEST(AwkNumberText, AppendNumberOnlyAppends) {
  std::string out = "x=";
  append_number(out, 42, "%.6g");
  EXPECT_EQ(out, "x=42");
  append_number(out, 0.5, "%.6g");
  EXPECT_EQ(out, "x=420.5");
  append_number(out, -kTwoPow63, "%.6g");
  EXPECT_EQ(out, "x=420.5-9223372036854775808");
  out = "a";
  append_number(out, 1.5, "[%d %d]");
  EXPECT_EQ(out, "a1.5");
  append_number(out, 2.25, "<%.1f>");
  EXPECT_EQ(out, "a1.5<2.2>");
  append_number(out, -kInf, "%.6g");
  EXPECT_EQ(out, "a1.5<2.2>-inf");
  append_number(out, 1e20, "%.6g");
  EXPECT_EQ(out, "a1.5<2.2>-inf100000000000000000000");
}

TEST(AwkNumberText, RoundTripsThroughG17) {
  for (double v : {0.1, 1.0 / 3, 2.5e-300, 6.02214076e23, -123.456, DBL_MIN, 5e-324}) {
    EXPECT_EQ(string_to_number(number_to_string(v, "%.17g")), v) << v;
  }
}

// ---------------------------------------------------------------------------------------------
// printf_format.h

TEST(AwkPrintf, LiteralTextAndPercent) {
  EXPECT_EQ(format(""), "");
  EXPECT_EQ(format("abc\n"), "abc\n");
  EXPECT_EQ(format("100%%"), "100%");
  EXPECT_EQ(format("%%|%5%"), "%|%");
  // gawk: width and flags are ignored, and a `*` still takes its argument.
  EXPECT_EQ(format("100%%|%5%|%-%|%*%|%d", {3, 7}), "100%|%|%|%|7");
  EXPECT_EQ(format("%l%|%.3%"), "%|%");
  EXPECT_EQ(format(std::string_view("a\0b%d", 5), {1}), std::string("a\0b1", 4));
}

TEST(AwkPrintf, OutputIsAppended) {
  const TestArgs args({5});
  std::string out = "x";
  std::string error;
  ASSERT_TRUE(format_printf("%d|", args, out, error));
  ASSERT_TRUE(format_printf("%d", args, out, error));
  EXPECT_EQ(out, "x5|5");
  EXPECT_EQ(error, "");
}

TEST(AwkPrintf, DecimalTruncatesTowardZero) {
  EXPECT_EQ(format("%d|%i", {3.99, -3.99}), "3|-3");
  EXPECT_EQ(format("%d", {-0.5}), "0");
  EXPECT_EQ(format("%+d", {-0.5}), "+0");
  EXPECT_EQ(format("%d", {"12abc"}), "12");
  EXPECT_EQ(format("%d", {"abc"}), "0");
  EXPECT_EQ(format("%d", {" -7e2 "}), "-700");
  EXPECT_EQ(format("%d", {kTwoPow63 - 1024}), "9223372036854774784");
}

TEST(AwkPrintf, DecimalFlagsWidthAndPrecision) {
  EXPECT_EQ(format("%5d|%-5d|%05d|%+d|% d|%+ d", {42, 42, 42, 42, 42, 42}),
            "   42|42   |00042|+42| 42|+42");
  EXPECT_EQ(format("%.3d|%5.3d|%-5.3d|%05.3d", {7, 7, 7, 7}), "007|  007|007  |  007");
  EXPECT_EQ(format("%05d|%+5d|%.4d|%-6d|% d", {-42, -42, -42, -42, -42}),
            "-0042|  -42|-0042|-42   |-42");
  EXPECT_EQ(format("%+05d|% 05d|%+.3d", {42, 42, 42}), "+0042| 0042|+042");
  EXPECT_EQ(format("%2d|%.1d", {12345, 12345}), "12345|12345");
  EXPECT_EQ(format("%.d|%.d", {0, 5}), "|5");  // "." alone is precision 0
  // C's rules, which mawk, original-awk and busybox follow (gawk prints nothing for "%+.0d").
  EXPECT_EQ(format("%.0d|%+.0d|% .0d|%5.0d|%-3.0d|", {0, 0, 0, 0, 0}), "|+| |     |   |");
}

TEST(AwkPrintf, FlagsInAnyOrderAndRepeated) {
  EXPECT_EQ(format("%--5d|%-0-5d|%00d|%++d|%0-5d|", {1, 2, 3, 4, 5}), "1    |2    |3|+4|5    |");
  EXPECT_EQ(format("%0+ 5d|% +5d|%#0-+ 5d|", {3, 3, 3}), "+0003|   +3|+3   |");
  EXPECT_EQ(format("%0#8x|%#08x|%-#8x|", {255, 255, 255}), "0x0000ff|0x0000ff|0xff    |");
}

TEST(AwkPrintf, DecimalBigValuesAreExact) {
  EXPECT_EQ(format("%d", {9007199254740992.0}), "9007199254740992");
  EXPECT_EQ(format("%d", {kTwoPow63}), "9223372036854775808");  // original-awk: -2^63
  EXPECT_EQ(format("%d", {-kTwoPow63}), "-9223372036854775808");
  EXPECT_EQ(format("%d", {1e30}), "1000000000000000019884624838656");  // mawk: 2147483647
  EXPECT_EQ(format("%i", {-1e30}), "-1000000000000000019884624838656");
  EXPECT_EQ(format("%35d|", {1e30}), "    1000000000000000019884624838656|");
  EXPECT_EQ(format("%-35d|", {1e30}), "1000000000000000019884624838656    |");
  EXPECT_EQ(format("%+d", {1e30}), "+1000000000000000019884624838656");
  EXPECT_EQ(format("%035d", {-1e30}), "-0001000000000000000019884624838656");
  EXPECT_EQ(format("%.33d", {1e30}), "001000000000000000019884624838656");
  EXPECT_EQ(format("%.0d", {1e30}), "1000000000000000019884624838656");
  EXPECT_EQ(format("%d", {DBL_MAX}).size(), 309u);
  EXPECT_EQ(format("%d", {"1e30"}), "1000000000000000019884624838656");
}

TEST(AwkPrintf, DecimalInfAndNanPrintAsG) {
  // `gawk --posix`; gawk in its own mode prints "+inf" and ignores the width.
  EXPECT_EQ(format("%d|%5d|%-6d|%+d|%05d|%.3d|% d", {kInf, kInf, -kInf, kInf, kInf, kInf, kInf}),
            "inf|  inf|-inf  |+inf|  inf|inf| inf");
  EXPECT_EQ(format("%d|%5d|%-6d|%+d|%i", {kNan, kNan, kNegNan, kNan, kNegNan}),
            "nan|  nan|-nan  |+nan|-nan");
  EXPECT_EQ(format("%d", {"-inf"}), "-inf");
  EXPECT_EQ(format("%d", {"1e400"}), "inf");
}

TEST(AwkPrintf, UnsignedConversions) {
  EXPECT_EQ(format("%o|%u|%x|%X|%#o|%#x|%#X", {8, 8, 255, 255, 8, 255, 255}),
            "10|8|ff|FF|010|0xff|0XFF");
  EXPECT_EQ(format("%+u|% x|%+x|% o", {5, 5, 5, 5}), "5|5|5|5");  // sign flags are for d, i
  EXPECT_EQ(format("%08.3x|%-8.3X|%#010x|%#10X", {255, 255, 255, 255}),
            "     0ff|0FF     |0x000000ff|      0XFF");
  EXPECT_EQ(format("%x|%X|%o|%u", {3.9, 3.9, 3.9, 3.9}), "3|3|3|3");
  EXPECT_EQ(format("%x", {"0x1A"}), "0");
  EXPECT_EQ(format("%x|%u", {kTwoPow63, kTwoPow63}), "8000000000000000|9223372036854775808");
  EXPECT_EQ(format("%x|%u", {kTwoPow64 - 2048, kTwoPow64 - 2048}),
            "fffffffffffff800|18446744073709549568");
  EXPECT_EQ(format("%#o", {kTwoPow64 - 2048}), "01777777777777777774000");
}

TEST(AwkPrintf, UnsignedNegativeValuesAreTwosComplement) {
  // gawk and original-awk; mawk prints 0, busybox the 32-bit form.
  EXPECT_EQ(format("%x|%o|%u", {-1, -1, -1}),
            "ffffffffffffffff|1777777777777777777777|18446744073709551615");
  EXPECT_EQ(format("%X", {-1}), "FFFFFFFFFFFFFFFF");
  EXPECT_EQ(format("%x", {-3.9}), "fffffffffffffffd");
  EXPECT_EQ(format("%x|%u", {-kTwoPow63, -kTwoPow63}), "8000000000000000|9223372036854775808");
  EXPECT_EQ(format("%#x|%20x|", {-2, -2}), "0xfffffffffffffffe|    fffffffffffffffe|");
  EXPECT_EQ(format("%x", {-0.9}), "0");
}

TEST(AwkPrintf, UnsignedOutOfRangeInfAndNanPrintAsG) {
  EXPECT_EQ(format("%x", {-kTwoPow63 - 4096}), "-9.22337e+18");  // original-awk: 8000000000000000
  EXPECT_EQ(format("%x|%u|%o", {kTwoPow64, kTwoPow64, kTwoPow64}),
            "1.84467e+19|1.84467e+19|1.84467e+19");
  EXPECT_EQ(format("%x|%#x|%08.3x|%+X|%-8X|", {1e30, 1e30, 1e30, 1e30, 1e30}),
            "1e+30|1.00000e+30|0001e+30|+1e+30|1e+30   |");
  EXPECT_EQ(format("%x|%u|%5x|%-5o|%X", {kInf, -kInf, kNan, kNegNan, kInf}),
            "inf|-inf|  nan|-nan |inf");
}

TEST(AwkPrintf, AlternateFormsAndZeroPrecision) {
  // C's rules, as mawk and original-awk; gawk prints "0010" and "0".
  EXPECT_EQ(format("%#.3o|%#o|%#.0o|%#x", {8, 0, 0, 0}), "010|0|0|0");
  EXPECT_EQ(format("%#.0x|%.0x|%.0o|%.0u|%#.0X|", {0, 0, 0, 0, 0}), "|||||");
  EXPECT_EQ(format("%#05o|%#5o|%#-6o|%#.5o", {8, 8, 8, 8}), "00010|  010|010   |00010");
  EXPECT_EQ(format("%#-6x|%#.4x|%#3.0o", {255, 255, 0}), "0xff  |0x00ff|  0");
}

TEST(AwkPrintf, CharFromNumberIsOneByte) {
  EXPECT_EQ(format("%c|%c|%c", {65, 321, 65.9}), "A|A|A");
  EXPECT_EQ(format("%c", {-1}), "\xff");
  EXPECT_EQ(format("%c", {-129}), "\x7f");
  EXPECT_EQ(format("%c", {-255}), "\x01");
  EXPECT_EQ(format("%c", {8364}), "\xac");  // no UTF-8 in the C locale
  EXPECT_EQ(format("%c", {256}), nul());    // original-awk prints nothing
  EXPECT_EQ(format("%c", {0}), nul());
  EXPECT_EQ(format("%c", {0.9}), nul());
  EXPECT_EQ(format("%c", {-256.5}), nul());
  EXPECT_EQ(format("%c", {1e30}), nul());  // a multiple of 256
  EXPECT_EQ(format("%c", {kTwoPow64 + 4096 * 65}), nul());
  EXPECT_EQ(format("%c", {kTwoPow63 + 1024 * 3}), nul());
  EXPECT_EQ(format("%c", {-(kTwoPow63 + 1024)}), nul());
  EXPECT_EQ(format("%c", {4294967361.0}), "A");  // 2^32 + 65
  EXPECT_EQ(format("%c", {kInf}), nul());        // gawk; mawk prints \xff
  EXPECT_EQ(format("%c", {-kInf}), nul());
  EXPECT_EQ(format("%c", {kNan}), nul());
  EXPECT_EQ(format("%3c|%-3c|%03c|%.0c", {66, 66, 66, 66}), "  B|B  |  B|B");
}

TEST(AwkPrintf, CharFromStringIsItsFirstByte) {
  EXPECT_EQ(format("%c|%c", {"hello", ""}), "h|" + nul());  // original-awk prints nothing for ""
  EXPECT_EQ(format("%c", {"65"}), "6");                     // a string, not a number
  EXPECT_EQ(format("%c", {"\xe2\x82\xac"}), "\xe2");
  // The 0 flag and the precision are ignored (mawk prints nothing for "%.0c").
  EXPECT_EQ(format("%5c|%-5c|%05c|%.0c|%.3c", {"x", "x", "x", "x", "xyz"}),
            "    x|x    |    x|x|x");
  EXPECT_EQ(format("%3c|", {""}), "  " + nul() + "|");
}

TEST(AwkPrintf, StringPrecisionAndWidth) {
  EXPECT_EQ(format("%s|%5s|%-5s|%.2s|%5.1s|%.0s|%05s|%-05s",
                   {"abc", "abc", "abc", "abc", "abc", "abc", "abc", "abc"}),
            "abc|  abc|abc  |ab|    a||  abc|abc  ");
  EXPECT_EQ(format("%.10s|%2s|%s|", {"abc", "abc", ""}), "abc|abc||");
  EXPECT_EQ(format("%s|%s|%s|%s", {0.1, 1e30, 3, -kInf}),
            "0.1|1000000000000000019884624838656|3|-inf");
  EXPECT_EQ(format("%.2s", {1.0 / 3}), "0.");
  EXPECT_EQ(format("%s", {std::string("a\0b", 3)}), std::string("a\0b", 3));
  // Precision and width count bytes.
  EXPECT_EQ(format("%.2s|%4s", {"\xe2\x82\xac", "\xe2\x82\xac"}), "\xe2\x82| \xe2\x82\xac");
}

TEST(AwkPrintf, FloatingConversions) {
  EXPECT_EQ(format("%f|%e|%E|%g|%G", {3.14159, 3.14159, 3.14159, 3.14159, 3.14159}),
            "3.141590|3.141590e+00|3.141590E+00|3.14159|3.14159");
  EXPECT_EQ(format("%.2f|%10.3e|%-10.1f|%+g|% g|%#g|%#.0f|%010.2f",
                   {1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, -1.5}),
            "1.50| 1.500e+00|1.5       |+1.5| 1.5|1.50000|2.|-000001.50");
  EXPECT_EQ(format("%F|%a|%A", {1.5, 1.5, 1.5}), "1.500000|0x1.8p+0|0X1.8P+0");
  EXPECT_EQ(format("%.30f", {0.1}), "0.100000000000000005551115123126");
  EXPECT_EQ(format("%f|%.0e|%G", {"3.5abc", 12345, 1e-10}), "3.500000|1e+04|1E-10");
  EXPECT_EQ(format("%lf|%Lg|%hf", {0.5, 0.5, 0.5}), "0.500000|0.5|0.500000");
  EXPECT_EQ(format("%f|%e|%g|%E|%G|%F", {kInf, -kInf, kNan, kNegNan, kInf, -kInf}),
            "inf|-inf|nan|-NAN|INF|-INF");
  EXPECT_EQ(format("%5.1f|%-8f|%08f|%+e", {kInf, kNegNan, kInf, kNan}),
            "  inf|-nan    |     inf|+nan");
}

TEST(AwkPrintf, FloatingOutputLongerThanTheStackBuffer) {
  EXPECT_EQ(format("%.400f", {1}), "1." + std::string(400, '0'));
  EXPECT_EQ(format("%600.1f|", {1}), std::string(597, ' ') + "1.0|");
  EXPECT_EQ(format("%-600.1e|", {1}), "1.0e+00" + std::string(593, ' ') + "|");
  const std::string huge = format("%f", {DBL_MAX});
  EXPECT_EQ(huge.size(), 309u + 7);
  EXPECT_EQ(huge.substr(0, 17), "17976931348623157");
  EXPECT_EQ(huge.substr(309), ".000000");
  EXPECT_EQ(format("a%.600fb", {0.5}), "a0.5" + std::string(599, '0') + "b");
}

TEST(AwkPrintf, StarWidthAndPrecision) {
  EXPECT_EQ(format("%*d|%-*d|%.*f|%*.*f", {5, 1, 5, 2, 2, 3.14159, 8, 3, 3.14159}),
            "    1|2    |3.14|   3.142");
  EXPECT_EQ(format("%*d|%-*d|", {-5, 1, -3, 2}), "1    |2  |");  // negative width: '-'
  // A negative precision means none (mawk prints garbage, original-awk "%.0-1f").
  EXPECT_EQ(format("%.*f|%.*s|%.*d|", {-1, 3.14159, -1, "abc", -2, 7}), "3.141590|abc|7|");
  EXPECT_EQ(format("%*d|%.*d|", {3.9, 1, 2.9, 1}), "  1|01|");  // truncated
  EXPECT_EQ(format("%*d|", {-0.5, 1}), "1|");
  EXPECT_EQ(format("%*s|%.*s|", {"4", "x", "2abc", "xyz"}), "   x|xy|");  // strings as numbers
  EXPECT_EQ(format("%0*d|%-0*d|", {4, 7, 4, 7}), "0007|7   |");
  EXPECT_EQ(format("%*c|", {3, "z"}), "  z|");
  EXPECT_EQ(format("%*d|%.*d|", {kNan, 1, kNan, 0}), "1||");  // NaN counts as 0
}

TEST(AwkPrintf, LengthModifiersAreSkipped) {
  // gawk rejects "%lld", "%hhd" and "%qd"; original-awk accepts them.
  EXPECT_EQ(format("%lld|%hhd|%qd|%ld|%hd|%Lf|%jd|%zd|%td", {1, 2, 3, 4, 5, 6, 7, 8, 9}),
            "1|2|3|4|5|6.000000|7|8|9");
  EXPECT_EQ(format("%llx|%hhlLqjzts|%-5lc|", {255, "a", 66}), "ff|a|B    |");
  EXPECT_EQ(format("%hhd", {300}), "300");  // no narrowing either
}

TEST(AwkPrintf, InvalidConversionsAreCopiedLiterally) {
  EXPECT_EQ(format("a%zb|%d", {1}), "a%zb|1");
  EXPECT_EQ(format("%z|%d", {1}), "%z|1");
  EXPECT_EQ(format("%5k|%d", {1}), "%5k|1");
  EXPECT_EQ(format("%-+ #0k|%.3y|%d", {1}), "%-+ #0k|%.3y|1");
  EXPECT_EQ(format("%b%n%p%v|%d", {1}), "%b%n%p%v|1");
  // A `*` already read keeps its argument.
  EXPECT_EQ(format("%*k|%d", {1, 2}), "%*k|2");
  EXPECT_EQ(format("%5.*r|%d", {3, 4}), "%5.*r|4");
  // A `*` after width digits is invalid as in C (gawk takes it as the width).
  EXPECT_EQ(format("%5*d|%d", {1, 2}), "%5*d|1");
  EXPECT_EQ(format("%*5d|%d", {1, 2}), "%*5d|2");
  EXPECT_EQ(format("%.-1d|%d", {1}), "%.-1d|1");
  EXPECT_EQ(format("%k"), "%k");  // no argument needed
  EXPECT_EQ(format("%\xe2\x82\xac"), "%\xe2\x82\xac");
}

TEST(AwkPrintf, FormatEndingInsideAConversionIsCopied) {
  EXPECT_EQ(format("a%"), "a%");
  EXPECT_EQ(format("%5"), "%5");
  EXPECT_EQ(format("%-"), "%-");
  EXPECT_EQ(format("%.5"), "%.5");
  EXPECT_EQ(format("%#10.3"), "%#10.3");
  EXPECT_EQ(format("%ll"), "%ll");
  EXPECT_EQ(format("x%d%", {1}), "x1%");
  EXPECT_EQ(format("%*", {1}), "%*");
  EXPECT_EQ(format("%*.*", {1, 2}), "%*.*");
  EXPECT_EQ(format("%*"), "error: not enough arguments for format \"%*\"");
}

TEST(AwkPrintf, WidthAndPrecisionAreClamped) {
  const size_t max = static_cast<size_t>(kMaxFieldWidth);
  EXPECT_EQ(format("%1000000000d", {1}), std::string(max - 1, ' ') + "1");
  EXPECT_EQ(format("%.1000000000d", {0}), std::string(max, '0'));
  EXPECT_EQ(format("%99999999999999999999999999s", {"x"}).size(), max);
  EXPECT_EQ(format("%1048577s", {"x"}).size(), max);
  EXPECT_EQ(format("%1048576s", {"x"}).size(), max);
  EXPECT_EQ(format("%1048575s", {"x"}).size(), max - 1);
  EXPECT_EQ(format("%*d", {1e10, 1}), std::string(max - 1, ' ') + "1");
  EXPECT_EQ(format("%*d", {-1e10, 1}), "1" + std::string(max - 1, ' '));
  EXPECT_EQ(format("%*d", {kInf, 1}).size(), max);
  EXPECT_EQ(format("%*d", {-kInf, 1}).size(), max);
  EXPECT_EQ(format("%.*f", {1e10, 1}), "1." + std::string(max, '0'));
  EXPECT_EQ(format("%.*s", {1e300, "abc"}), "abc");
  EXPECT_EQ(format("%.99999999999999999999e", {1}).size(), max + 6);  // "1." digits "e+00"
}

TEST(AwkPrintf, NotEnoughArgumentsFailsWithoutOutput) {
  const TestArgs one({1});
  std::string out = "keep";
  std::string error;
  EXPECT_FALSE(format_printf("%d %d", one, out, error));
  EXPECT_EQ(out, "keep");
  EXPECT_EQ(error, "not enough arguments for format \"%d %d\"");
  EXPECT_FALSE(format_printf("%s long text %1000000d and %d", one, out, error));
  EXPECT_EQ(out, "keep");
  EXPECT_EQ(format("abc%d"), "error: not enough arguments for format \"abc%d\"");
  EXPECT_EQ(format("%c"), "error: not enough arguments for format \"%c\"");
  EXPECT_EQ(format("%d\n"), "error: not enough arguments for format \"%d\\n\"");
  EXPECT_EQ(format("%*d", {5}), "error: not enough arguments for format \"%*d\"");
  EXPECT_EQ(format("%.*s", {5}), "error: not enough arguments for format \"%.*s\"");
  EXPECT_EQ(format("%*.*f", {5, 2}), "error: not enough arguments for format \"%*.*f\"");
  EXPECT_EQ(format("%*%"), "error: not enough arguments for format \"%*%\"");
  EXPECT_EQ(format("%*k"), "error: not enough arguments for format \"%*k\"");
}

TEST(AwkPrintf, SurplusArgumentsAreIgnored) {
  EXPECT_EQ(format("%s", {1, 2, 3}), "1");
  EXPECT_EQ(format("plain", {1}), "plain");
  EXPECT_EQ(format("%%", {1}), "%");
}

TEST(AwkPrintf, BenchmarkLine) {
  EXPECT_EQ(format("%-10s:%8.2f:%06d\n", {"abc", 3.14159, 42}), "abc       :    3.14:000042\n");
  EXPECT_EQ(format("%-10s:%8.2f:%06d\n", {"longer than ten", -1234.567, -42}),
            "longer than ten:-1234.57:-00042\n");
}

}  // namespace
}  // namespace fusevm::awkfront
