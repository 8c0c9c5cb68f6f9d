// The host-independent awk builtins (AWK.md §6) with the values the conformance vectors pin
// (0512–0516, 0530–0538), the AwkHost defaults, UTF-8 and invalid-byte handling, and inputs that
// must neither crash nor escape the heap budget.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "fusevm/awk_host.h"

namespace fusevm {
namespace {

using namespace std::string_literals;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Value S(std::string_view s) { return Value::string(s); }
Value I(int64_t n) { return Value::integer(n); }
Value F(double f) { return Value::floating(f); }

// Same variant and payload; floats compare bit for bit except that any NaN matches a NaN.
::testing::AssertionResult Same(const Value& got, const Value& want) {
  bool ok = got.type() == want.type();
  if (ok && got.is_float()) {
    ok = std::isnan(want.as_float()) ? std::isnan(got.as_float()) : identical(got, want);
  } else if (ok) {
    ok = identical(got, want);
  }
  if (ok) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << value_type_name(got.type()) << " \"" << got.to_str()
                                       << "\", want " << value_type_name(want.type()) << " \""
                                       << want.to_str() << "\"";
}

// Sets TZ for one test and restores it afterwards.
class ScopedTz {
 public:
  explicit ScopedTz(const char* tz) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    setenv("TZ", tz, 1);
    tzset();
  }
  ~ScopedTz() {
    if (old_) {
      setenv("TZ", old_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

 private:
  std::optional<std::string> old_;
};

std::string strftime_utc(std::string_view fmt, double ts) {
  const Value args[] = {S(fmt), F(ts), I(1)};
  return awk::strftime(args).to_str();
}

double mktime_of(std::string_view spec, bool utc = true) {
  const Value args[] = {S(spec), I(utc ? 1 : 0)};
  return awk::mktime(args).as_float();
}

// ── Strings ──

TEST(AwkLength, CountsCharacters) {
  EXPECT_EQ(awk::length(S("hello")), 5);
  EXPECT_EQ(awk::length(S("h\xC3\xA9llo")), 5);  // vector 0531
  EXPECT_EQ(awk::length(S("\xF0\x9F\x98\x80")), 1);
  EXPECT_EQ(awk::length(S("")), 0);
  EXPECT_EQ(awk::length(Value()), 0);
  EXPECT_EQ(awk::length(I(123)), 3);
  EXPECT_EQ(awk::length(F(0.1 + 0.2)), 19);  // "0.30000000000000004"
  // Each byte that is not well-formed UTF-8 is one character.
  EXPECT_EQ(awk::length(S("\xFF\xFE")), 2);
  EXPECT_EQ(awk::length(S("a\xE2\x82")), 3);        // truncated sequence
  EXPECT_EQ(awk::length(S("\xC0\x80")), 2);         // overlong NUL
  EXPECT_EQ(awk::length(S("\xED\xA0\x80")), 3);     // a surrogate
  EXPECT_EQ(awk::length(S("\xF4\x90\x80\x80")), 4);  // above U+10FFFF
  EXPECT_EQ(awk::length(S("\xC3\xA9\x80")), 2);     // stray continuation byte
}

TEST(AwkSubstr, PosixWindow) {
  const struct {
    int64_t m;
    std::optional<int64_t> n;
    const char* want;
  } cases[] = {{2, 3, "ell"},       {2, std::nullopt, "ello"}, {0, 3, "he"},   {-1, 3, "h"},
               {0, std::nullopt, "hello"}, {5, 1, "o"},  {6, 1, ""},    {2, 0, ""},
               {2, -1, ""},         {kMin, 3, ""},     {1, kMax, "hello"}, {kMax, kMax, ""},
               {kMin, kMax, ""}, {kMin, kMin, ""}, {-5, 7, "h"},  {1, 5, "hello"},
               {6, std::nullopt, ""}, {kMax, std::nullopt, ""}, {3, 100, "llo"}};
  for (const auto& c : cases) {
    EXPECT_TRUE(Same(awk::substr(S("hello"), c.m, c.n), S(c.want))) << c.m;
  }
  EXPECT_TRUE(Same(awk::substr(S("h\xC3\xA9llo"), 2, 2), S("\xC3\xA9l")));
  EXPECT_TRUE(Same(awk::substr(S("a\xFF" "b"), 2, 1), S("\xFF")));
  EXPECT_TRUE(Same(awk::substr(I(12345), 2, 3), S("234")));
  EXPECT_TRUE(Same(awk::substr(Value(), 1, 3), S("")));
}

TEST(AwkIndex, CharacterPositions) {
  EXPECT_EQ(awk::index(S("hello"), S("ll")), 3);  // vector 0531
  EXPECT_EQ(awk::index(S("h\xC3\xA9llo"), S("llo")), 3);
  EXPECT_EQ(awk::index(S("hello"), S("z")), 0);
  EXPECT_EQ(awk::index(S("abc"), S("")), 1);
  EXPECT_EQ(awk::index(S(""), S("")), 1);
  EXPECT_EQ(awk::index(S(""), S("a")), 0);
  EXPECT_EQ(awk::index(I(12345), I(34)), 3);
  // A match must start and end on character boundaries.
  EXPECT_EQ(awk::index(S("\xC3\xA9"), S("\xA9")), 0);
  EXPECT_EQ(awk::index(S("\xC3\xA9"), S("\xC3")), 0);
  EXPECT_EQ(awk::index(S("\xC3\xA9\xA9"), S("\xA9")), 2);
  EXPECT_EQ(awk::index(S("a\xFF" "b"), S("b")), 3);
}

TEST(AwkCase, FullUnicodeMapping) {
  EXPECT_TRUE(Same(awk::toupper(S("MiXed \xC3\xA9")), S("MIXED \xC3\x89")));  // vector 0530
  EXPECT_TRUE(Same(awk::tolower(S("MiXed \xC3\xA9")), S("mixed \xC3\xA9")));
  const struct {
    const char* in;
    const char* upper;
    const char* lower;
  } cases[] = {
      {"\xC3\x9F", "SS", "\xC3\x9F"},                                    // ß
      {"\xEF\xAC\x81", "FI", "\xEF\xAC\x81"},                            // ﬁ
      {"\xC4\xB0", "\xC4\xB0", "i\xCC\x87"},                             // İ → i + U+0307
      {"\xC7\x85", "\xC7\x84", "\xC7\x86"},                              // ǅ
      {"\xC5\x89", "\xCA\xBCN", "\xC5\x89"},                             // ŉ
      {"\xCE\x90", "\xCE\x99\xCC\x88\xCC\x81", "\xCE\x90"},              // ΐ → three characters
      {"\xF0\x90\xB5\xB0", "\xF0\x90\xB5\x90", "\xF0\x90\xB5\xB0"},      // Garay (Unicode 16)
      {"\xC9\xA4", "\xEA\x9F\x8B", "\xC9\xA4"},                          // ɤ (Unicode 16)
      {"\xE1\xB2\x89", "\xE1\xB2\x89", "\xE1\xB2\x8A"},                  // Cyrillic TJE
      {"123 !?", "123 !?", "123 !?"},
      {"a\xFF" "B\xC3", "A\xFF" "B\xC3", "a\xFF" "b\xC3"},               // invalid bytes kept
      {"", "", ""},
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(Same(awk::toupper(S(c.in)), S(c.upper))) << c.in;
    EXPECT_TRUE(Same(awk::tolower(S(c.in)), S(c.lower))) << c.in;
  }
  EXPECT_TRUE(Same(awk::toupper(I(-5)), S("-5")));
}

TEST(AwkCase, FinalSigma) {
  const struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"\xCE\x91\xCE\xA3", "\xCE\xB1\xCF\x82"},                  // ΑΣ → ας
      {"\xCE\x91\xCE\xA3 \xCE\x92", "\xCE\xB1\xCF\x82 \xCE\xB2"},  // ΑΣ Β → ας β
      {"\xCE\xA3\xCE\x91", "\xCF\x83\xCE\xB1"},                  // initial Σ → σ
      {"\xCE\xA3", "\xCF\x83"},                                  // alone → σ
      {"\xCE\x91\xCE\xA3\xCE\x91", "\xCE\xB1\xCF\x83\xCE\xB1"},  // medial → σ
      {"\xCE\x91.\xCE\xA3", "\xCE\xB1.\xCF\x82"},                // '.' is Case_Ignorable
      {"\xCE\x91\xCE\xA3.\xCE\x92", "\xCE\xB1\xCF\x83.\xCE\xB2"},  // ignorable, then cased
      {"\xCE\x91\xCE\xA3.", "\xCE\xB1\xCF\x82."},
      {"A\xCE\xA3\xCE\xA3", "a\xCF\x83\xCF\x82"},
      {"1\xCE\xA3", "1\xCF\x83"},                                // a digit is not cased
      {"\xFF\xCE\xA3", "\xFF\xCF\x83"},                          // nor is an invalid byte
      {"A\xCE\xA3\xFF", "a\xCF\x82\xFF"},
  };
  for (const auto& c : cases) EXPECT_TRUE(Same(awk::tolower(S(c.in)), S(c.want))) << c.in;
}

// ── Numbers ──

TEST(AwkInt, IntWhenRepresentable) {
  EXPECT_TRUE(Same(awk::int_(F(-3.7)), I(-3)));  // vector 0532
  EXPECT_TRUE(Same(awk::int_(F(1e300)), F(1e300)));
  EXPECT_TRUE(Same(awk::int_(F(-0.5)), I(0)));
  EXPECT_TRUE(Same(awk::int_(F(0x1p63)), I(kMax)));
  EXPECT_TRUE(Same(awk::int_(F(-0x1p63)), I(kMin)));
  EXPECT_TRUE(Same(awk::int_(F(9.3e18)), F(9.3e18)));
  EXPECT_TRUE(Same(awk::int_(F(kNaN)), F(kNaN)));
  EXPECT_TRUE(Same(awk::int_(F(-kInf)), F(-kInf)));
  EXPECT_TRUE(Same(awk::int_(S("3.7")), I(3)));
  EXPECT_TRUE(Same(awk::int_(S(" 3.7")), I(0)));
  EXPECT_TRUE(Same(awk::int_(I(kMin)), I(kMin)));
}

TEST(AwkMath, OperandPools) {
  // The pool of vectors 0512–0516 and their results (the *Float ops compute the same numbers).
  const Value pool[] = {I(4), I(-4), F(0.5), F(-0.0), F(2.0), S("9"), S("abc"), Value(),
                        Value::boolean(true), F(1e300), I(kMax)};
  const double sqrt_want[] = {2, kNaN, 0.7071067811865476, -0.0, 1.4142135623730951, 3, 0, 0,
                              1, 1e150, 3037000499.97605};
  const double sin_want[] = {-0.7568024953079282, 0.7568024953079282, 0.479425538604203, -0.0,
                             0.9092974268256817, 0.4121184852417566, 0, 0, 0.8414709848078965,
                             -0.8178819121159085, 0.9999303766734422};
  const double cos_want[] = {-0.6536436208636119, -0.6536436208636119, 0.8775825618903728, 1,
                             -0.4161468365471424, -0.9111302618846769, 1, 1, 0.5403023058681398,
                             -0.5753861119575491, 0.011800076512800236};
  const double exp_want[] = {54.598150033144236, 0.01831563888873418, 1.6487212707001282, 1,
                             7.38905609893065, 8103.083927575384, 1, 1, 2.718281828459045,
                             kInf, kInf};
  const double log_want[] = {1.3862943611198906, kNaN, -0.6931471805599453, -kInf,
                             0.6931471805599453, 2.1972245773362196, -kInf, -kInf, 0,
                             690.7755278982137, 43.66827237527655};
  for (size_t k = 0; k < std::size(pool); ++k) {
    EXPECT_TRUE(Same(awk::sqrt(pool[k]), F(sqrt_want[k]))) << k;
    EXPECT_TRUE(Same(awk::sin(pool[k]), F(sin_want[k]))) << k;
    EXPECT_TRUE(Same(awk::cos(pool[k]), F(cos_want[k]))) << k;
    EXPECT_TRUE(Same(awk::exp(pool[k]), F(exp_want[k]))) << k;
    EXPECT_TRUE(Same(awk::log(pool[k]), F(log_want[k]))) << k;
  }
  EXPECT_TRUE(Same(awk::atan2(I(1), I(1)), F(0.7853981633974483)));
  EXPECT_TRUE(Same(awk::atan2(F(-0.0), I(-1)), F(-3.141592653589793)));
}

TEST(AwkMath, NaNCanonicalisedOnlyWhereSpecified) {
  const Value nan_in[] = {F(kInf), F(-kInf), F(-kNaN), F(kNaN)};
  for (const Value& x : nan_in) {
    for (const Value& r : {awk::sin(x), awk::cos(x)}) {
      ASSERT_TRUE(std::isnan(r.as_float()));
      EXPECT_FALSE(std::signbit(r.as_float()));
    }
  }
  EXPECT_FALSE(std::signbit(awk::exp(F(-kNaN)).as_float()));
  EXPECT_FALSE(std::signbit(awk::atan2(F(-kNaN), I(1)).as_float()));
  EXPECT_TRUE(std::signbit(awk::log(F(-kNaN)).as_float()));  // passed through untouched
  EXPECT_TRUE(std::signbit(awk::sqrt(F(-kNaN)).as_float()));
}

TEST(AwkBits, FoldsAndShifts) {
  const Value and3[] = {I(15), I(6), I(4)};
  const Value or2[] = {I(8), I(1)};
  const Value xor2[] = {I(12), I(10)};
  EXPECT_TRUE(Same(awk::bit_and(and3), I(4)));  // vector 0533
  EXPECT_TRUE(Same(awk::bit_or(or2), I(9)));
  EXPECT_TRUE(Same(awk::bit_xor(xor2), I(6)));
  EXPECT_TRUE(Same(awk::bit_compl(I(0)), I(-1)));
  EXPECT_TRUE(Same(awk::lshift(I(1), I(4)), I(16)));
  EXPECT_TRUE(Same(awk::rshift(I(64), I(2)), I(16)));
  const Value neg[] = {I(-1), I(3)};
  const Value one[] = {F(7.9)};
  EXPECT_TRUE(Same(awk::bit_and(neg), I(3)));
  EXPECT_TRUE(Same(awk::bit_and({}), I(0)));
  EXPECT_TRUE(Same(awk::bit_or({}), I(0)));
  EXPECT_TRUE(Same(awk::bit_xor(one), I(7)));
  EXPECT_TRUE(Same(awk::bit_compl(I(-1)), I(0)));
  EXPECT_TRUE(Same(awk::bit_compl(F(1.5)), I(-2)));
  EXPECT_TRUE(Same(awk::bit_compl(F(1e20)), I(kMin)));
  EXPECT_TRUE(Same(awk::bit_compl(F(kNaN)), I(-1)));
  EXPECT_TRUE(Same(awk::lshift(I(1), I(64)), I(1)));
  EXPECT_TRUE(Same(awk::lshift(I(1), I(65)), I(2)));
  EXPECT_TRUE(Same(awk::lshift(I(-1), I(1)), I(-2)));
  EXPECT_TRUE(Same(awk::lshift(I(1), I(-1)), I(kMin)));
  EXPECT_TRUE(Same(awk::lshift(I(3), I(62)), I(-4611686018427387904)));
  EXPECT_TRUE(Same(awk::rshift(I(-1), I(1)), I(kMax)));
  EXPECT_TRUE(Same(awk::rshift(F(1e19), I(1)), I(4611686018427387903)));
  EXPECT_TRUE(Same(awk::lshift(F(kInf), F(kNaN)), I(kMax)));
}

TEST(AwkStrtonum, Forms) {
  const struct {
    const char* in;
    double want;
  } cases[] = {
      {"0x1A", 26}, {"017", 15}, {"12abc", 12},  // vector 0537
      {"0Xff", 255}, {"0x", 0}, {"0x1G", 0}, {"0x1A zz", 0}, {"0x+1A", 26}, {"0x-1", 0},
      {"0x+", 0}, {"0xFFFFFFFFFFFFFFFF", 18446744073709551616.0}, {"0x10000000000000000", 0},
      {"010", 8}, {"0777", 511}, {"00", 0}, {"08", 0}, {"012abc", 0}, {"0", 0},
      {"0777777777777777777777", 9223372036854775807.0}, {"01000000000000000000000", 0},
      {"42abc", 42}, {"3.5", 3.5}, {"1e5x", 100000}, {"-.5e1z", -5}, {".5", 0.5},
      {"1_000", 1}, {"+0x10", 0}, {"1e400", kInf}, {"+inf", kInf}, {"-INF", -kInf},
      {"+infinity", 0}, {"+inf.", kInf}, {"-nanx", 0}, {"0e5", 0}, {"012.5", 12.5},
      {" 12 ", 12}, {"\t0x10\n", 16}, {"1.", 1}, {"1.e2", 100}, {"1e", 1}, {"1e+", 1},
      {"-", 0}, {"+", 0}, {".", 0}, {".e5", 0}, {"", 0}, {"   ", 0}, {"inf", 0}, {"nan", 0},
      {"abc", 0}, {"-12", -12}, {"+7", 7}, {"1\xC3\xA9", 1}, {"7\xFF", 7},
      {"\xE3\x80\x80" "5\xC2\xA0", 5},  // ideographic space and NBSP are White_Space
      {"\xC2\xA0\xC2", 0}, {"5\xC2", 5},
  };
  for (const auto& c : cases) EXPECT_TRUE(Same(awk::strtonum(S(c.in)), F(c.want))) << c.in;
  EXPECT_TRUE(std::isnan(awk::strtonum(S("-nan")).as_float()));
  EXPECT_TRUE(std::signbit(awk::strtonum(S("-0x10")).as_float()));  // prefix "-0"
  EXPECT_TRUE(Same(awk::strtonum(I(17)), F(17)));
  EXPECT_TRUE(Same(awk::strtonum(F(2.5)), F(2.5)));
  EXPECT_TRUE(Same(awk::strtonum(S(std::string(100000, '7') + "x")), F(std::strtod(
      std::string(100000, '7').c_str(), nullptr))));
}

// ── PRNG ──

TEST(AwkRand, SequenceFromSeedOne) {
  uint64_t seed = 1;
  const double want[] = {0.51385498046875, 0.17572021484375, 0.308624267578125,
                         0.534515380859375, 0.947601318359375};
  for (double w : want) EXPECT_EQ(awk::rand_next(seed), w);
}

TEST(AwkRand, Srand) {
  uint64_t seed = 1;
  const Value v42 = I(42);
  EXPECT_EQ(awk::srand(seed, &v42), 1.0);  // a fresh seed reports 1
  EXPECT_EQ(awk::rand_next(seed), 0.582305908203125);
  seed = 1;  // vector 0534
  awk::rand_next(seed);
  awk::rand_next(seed);
  const Value v5 = I(5);
  EXPECT_EQ(awk::srand(seed, &v5), 2524885223.0);
  EXPECT_EQ(awk::rand_next(seed), 0.569305419921875);
  const Value neg = I(-3);
  awk::srand(seed, &neg);
  EXPECT_EQ(seed, 0u);
  EXPECT_EQ(awk::rand_next(seed), 0.0);
  for (const Value& x : {F(kNaN), F(-kInf), S("x")}) {
    awk::srand(seed, &x);
    EXPECT_EQ(seed, 0u);
  }
  const Value big = F(1e10);
  awk::srand(seed, &big);
  EXPECT_EQ(seed, 4294967295u);
  const Value frac = F(7.9);
  EXPECT_EQ(awk::srand(seed, &frac), 4294967295.0);
  EXPECT_EQ(seed, 7u);
  seed = 0x1234567890ABCDEFu;
  EXPECT_EQ(awk::srand(seed, nullptr), static_cast<double>(0x90ABCDEFu));  // low 32 bits
  EXPECT_NE(seed, 0x1234567890ABCDEFu);
}

// ── Characters and scalars ──

TEST(AwkOrdChr, CodePoints) {
  EXPECT_TRUE(Same(awk::ord(S("A")), F(65)));  // vector 0535
  EXPECT_TRUE(Same(awk::chr(I(233)), S("\xC3\xA9")));
  EXPECT_TRUE(Same(awk::ord(I(65)), F(54)));
  EXPECT_TRUE(Same(awk::ord(F(1.5)), F(49)));
  EXPECT_TRUE(Same(awk::ord(S("\xC3\xA9t\xC3\xA9")), F(233)));
  EXPECT_TRUE(Same(awk::ord(S("")), F(0)));
  EXPECT_TRUE(Same(awk::ord(S("\xFF" "a")), F(255)));
  EXPECT_TRUE(Same(awk::chr(F(65.9)), S("A")));
  EXPECT_TRUE(Same(awk::chr(I(0x1F600)), S("\xF0\x9F\x98\x80")));
  EXPECT_TRUE(Same(awk::chr(S("66")), S("B")));
  EXPECT_TRUE(Same(awk::chr(I(0x10FFFF)), S("\xF4\x8F\xBF\xBF")));
  for (const Value& bad : {I(0xD800), I(0xDFFF), I(0x110000), F(1e10), F(kInf)}) {
    EXPECT_TRUE(Same(awk::chr(bad), S(""))) << bad.to_str();
  }
  for (const Value& nul : {I(0), I(-5), F(kNaN), S("x"), Value()}) {
    EXPECT_TRUE(Same(awk::chr(nul), S("\0"s))) << nul.to_str();
  }
}

TEST(AwkMkbool, UsesFusevmTruthiness) {
  EXPECT_TRUE(Same(awk::mkbool(S("0")), F(0)));  // vector 0535
  EXPECT_TRUE(Same(awk::mkbool(S("0.0")), F(1)));
  EXPECT_TRUE(Same(awk::mkbool(Value()), F(0)));
  EXPECT_TRUE(Same(awk::mkbool(F(kNaN)), F(1)));
  EXPECT_TRUE(Same(awk::mkbool(I(-2)), F(1)));
}

TEST(AwkIntdiv, TruncatingQuotient) {
  EXPECT_TRUE(Same(awk::intdiv(I(7), I(2)), F(3)));  // vector 0536
  EXPECT_TRUE(Same(awk::intdiv(I(-7), I(2)), F(-3)));
  EXPECT_TRUE(Same(awk::intdiv(I(1), I(0)), Value()));
  EXPECT_TRUE(Same(awk::intdiv0(I(1), I(0)), F(0)));
  EXPECT_TRUE(Same(awk::intdiv(F(7.9), F(2.9)), F(3)));
  EXPECT_TRUE(Same(awk::intdiv(S("7"), S("2")), F(3)));
  EXPECT_TRUE(Same(awk::intdiv(I(1), F(0.5)), Value()));
  EXPECT_TRUE(Same(awk::intdiv0(I(1), F(0.5)), F(0)));
  EXPECT_TRUE(Same(awk::intdiv(I(1), F(kNaN)), Value()));
  EXPECT_TRUE(Same(awk::intdiv(I(1), F(-0.0)), Value()));
  EXPECT_TRUE(Same(awk::intdiv(F(-1e19), I(-1)), F(9223372036854775808.0)));
  EXPECT_TRUE(Same(awk::intdiv0(I(kMin), I(-1)), F(9223372036854775808.0)));
  EXPECT_TRUE(Same(awk::intdiv(F(kInf), I(2)), F(static_cast<double>(kMax / 2))));
}

// ── Time ──

TEST(AwkTime, Systime) {
  const double t = awk::systime().as_float();
  EXPECT_GT(t, 1.7e9);
  EXPECT_LT(t, 1e11);
}

TEST(AwkStrftime, ChronoSpecifiers) {
  EXPECT_EQ(strftime_utc("%Y-%m-%d", 0), "1970-01-01");
  EXPECT_EQ(strftime_utc("%H:%M:%S", 0), "00:00:00");
  const double d = 1330819200;  // 2012-03-04, a Sunday
  EXPECT_EQ(strftime_utc("%Y,%C,%y,%G,%g", d), "2012,20,12,2012,12");
  EXPECT_EQ(strftime_utc("%m,%b,%h,%B", d), "03,Mar,Mar,March");
  EXPECT_EQ(strftime_utc("%d,%e", d), "04, 4");
  EXPECT_EQ(strftime_utc("%U,%W,%V", d), "10,09,09");
  EXPECT_EQ(strftime_utc("%a,%A,%w,%u", d), "Sun,Sunday,0,7");
  EXPECT_EQ(strftime_utc("%j,%D,%x,%F,%v", d), "064,03/04/12,03/04/12,2012-03-04, 4-Mar-2012");
  EXPECT_EQ(strftime_utc("%t%n%%%n%t", d), "\t\n%\n\t");
  EXPECT_EQ(strftime_utc("%q%_q%0q", d), "111");  // chrono 0.4.40+: the quarter, never padded
  EXPECT_EQ(strftime_utc("%q", 1283929614), "3");
  EXPECT_EQ(strftime_utc("%G,%g,%U,%W,%V", 1199059200), "2008,08,52,53,01");  // 2007-12-31
  EXPECT_EQ(strftime_utc("%G,%g,%U,%W,%V", 1262476800), "2009,09,01,00,53");  // 2010-01-03
  const double t = 1283929614;  // 2010-09-08 07:06:54
  EXPECT_EQ(strftime_utc("%c|%s|%+", t), "Wed Sep  8 07:06:54 2010|1283929614|"
                                         "2010-09-08T07:06:54+00:00");
  EXPECT_EQ(strftime_utc("%H,%k,%I,%l,%P,%p,%R,%T,%X,%r", t),
            "07, 7,07, 7,am,AM,07:06,07:06:54,07:06:54,07:06:54 AM");
  EXPECT_EQ(strftime_utc("%r %P", t + 6 * 3600 + 50 * 60), "01:56:54 PM pm");
  EXPECT_EQ(strftime_utc("%l %I", 43200), "12 12");
  EXPECT_EQ(strftime_utc("%Z %z %:z %::z %:::z", t), "UTC +0000 +00:00 +00:00:00 +00");
  EXPECT_EQ(strftime_utc("%S,%f,%.f,%.3f,%.6f,%.9f,%3f,%6f,%9f", t + 0.125),
            "54,125000000,.125,.125,.125000,.125000000,125,125000,125000000");
  EXPECT_EQ(strftime_utc("%.f|%f|%+", t), "|000000000|2010-09-08T07:06:54+00:00");
  EXPECT_EQ(strftime_utc("%.f %+", t + 0.0009765625),
            ".000976563 2010-09-08T07:06:54.000976563+00:00");
  EXPECT_EQ(strftime_utc("%.f", 0.5), ".500");
  EXPECT_EQ(strftime_utc("%.f", 0.25e-3), ".000250");
}

TEST(AwkStrftime, PaddingAndYears) {
  const double d = 1330819200;  // 2012-03-04
  EXPECT_EQ(strftime_utc("%-d|%_m|%0e|%-j|%_j|%-Y|%_H|%-M|%_w|%0u", d),
            "4| 3|04|64| 64|2012| 0|0|0|7");
  EXPECT_EQ(strftime_utc("%0s|%_s|%-s", 5), "000000005|        5|5");
  EXPECT_EQ(strftime_utc("%0s|%_s|%s", -5), "-00000005|       -5|-5");
  EXPECT_EQ(strftime_utc("%-f|%_f", 0.5), "500000000|500000000");
  const double year_minus_1 = -62198755200;  // -0001-01-01
  EXPECT_EQ(strftime_utc("%Y|%C|%y|%F|%+", year_minus_1),
            "-0001|I5|99|-0001-01-01|-0001-01-01T00:00:00+00:00");
  EXPECT_EQ(strftime_utc("%Y|%-Y|%_Y|%C", -62135596800 + 4 * 31536000 + 86400), "0005|5|   5|00");
  EXPECT_EQ(strftime_utc("%Y|%_Y|%y|%C|%+", 253402300800), "+10000|+10000|00|:0|"
                                                           "+10000-01-01T00:00:00+00:00");
  EXPECT_EQ(strftime_utc("%Y %c", 8210266876799), "+262142 Mon Dec 31 23:59:59 +262142");
  EXPECT_EQ(strftime_utc("%Y", 8210266876800), "");
  EXPECT_EQ(strftime_utc("%Y-%m-%d", -8334601228800), "-262143-01-01");
  EXPECT_EQ(strftime_utc("%Y", -8334601228801), "");
}

TEST(AwkStrftime, UnsupportedSpecifiersAreCopied) {
  const struct {
    const char* fmt;
    const char* want;
  } cases[] = {
      {"%Q", "%Q"},       {"%5Y", "%5Y"},   {"%", "%"},           {"a%", "a%"},
      {"%%%", "%%"},      {"%E", "%E"},     {"%Ey", "%Ey"},       {"%O", "%O"},
      {"%N", "%N"},       {"%Q%", "%Q%"},     {"%#z", "%#z"},       {"%#", "%#"},
      {"%#Y", "%#Y"},     {"%-a", "%-a"},   {"%_c", "%_c"},       {"%0%", "%0%"},
      {"%-", "%-"},       {"%.", "%."},     {"%.x", "%.x"},       {"%.3", "%.3"},
      {"%.3x", "%.3x"},   {"%3", "%3"},     {"%3g", "%3g"},       {"%:", "%:"},
      {"%:x", "%:x"},     {"%-:z", "%-:z"}, {"%-.f", "%-.f"},     {"%_3f", "%_3f"},
      {"%.%Y", "%.%Y"},   {"%-.%Y", "%-.%Y"}, {"%\xC3\xA9%Y", "%\xC3\xA9" "1970"},
      {"%\xFF", "%\xFF"}, {"x%Yy", "x1970y"}, {"%:::z%::z", "+00+00:00:00"},
  };
  for (const auto& c : cases) EXPECT_EQ(strftime_utc(c.fmt, 0), c.want) << c.fmt;
}

TEST(AwkStrftime, Arguments) {
  const Value nan_ts[] = {S("%F %T"), F(kNaN), I(1)};
  EXPECT_EQ(awk::strftime(nan_ts).to_str(), "1970-01-01 00:00:00");
  EXPECT_EQ(strftime_utc("%F %T", -1.5), "1969-12-31 23:59:58");
  EXPECT_EQ(strftime_utc("%F %T%.f", -0.25), "1969-12-31 23:59:59.750");
  for (double huge : {1e20, -1e20, kInf, -kInf}) EXPECT_EQ(strftime_utc("%Y", huge), "");
  const Value nan_utc[] = {S("%Z"), I(0), F(kNaN)};  // NaN != 0, so UTC
  EXPECT_EQ(awk::strftime(nan_utc).to_str(), "UTC");
  ScopedTz tz("EST5EDT,M3.2.0,M11.1.0");
  const Value yes_is_local[] = {S("%H %Z %z"), I(0), S("yes"), I(1)};  // "yes" -> 0.0 -> local
  EXPECT_EQ(awk::strftime(yes_is_local).to_str(), "19 -05:00 -0500");
  const Value two_args[] = {S("%F %T %Z %:z %s"), F(1625140800)};  // 2021-07-01 12:00 UTC
  EXPECT_EQ(awk::strftime(two_args).to_str(), "2021-07-01 08:00:00 -04:00 -04:00 1625140800");
  const Value one_arg[] = {S("%Y")};
  EXPECT_EQ(awk::strftime(one_arg).to_str().size(), 4u);
  EXPECT_EQ(awk::strftime({}).to_str().size(), sizeof("Thu Jan  1 00:00:00 -05:00 1970") - 1);
}

TEST(AwkStrftime, LocalZones) {
  {
    ScopedTz tz("UTC0");
    const Value args[] = {S("%a %b %e %H:%M:%S %Z %Y"), I(0)};
    EXPECT_EQ(awk::strftime(args).to_str(), "Thu Jan  1 00:00:00 +00:00 1970");
  }
  ScopedTz tz("LMT-0:19:32");  // an offset with seconds, as in historic zones
  const Value args[] = {S("%H:%M:%S|%Z|%z|%:z|%::z|%:::z|%+"), I(0)};
  EXPECT_EQ(awk::strftime(args).to_str(),
            "00:19:32|+00:19:32|+0020|+00:20|+00:19:32|+00|1970-01-01T00:19:32+00:20");
}

TEST(AwkMktime, Datespecs) {
  EXPECT_EQ(mktime_of("2020 01 01 00 00 00"), 1577836800);  // vector 0538
  EXPECT_EQ(mktime_of("2020 1 1 0 0 0 1 extra"), 1577836800);
  EXPECT_EQ(mktime_of("+2020 +1 +1 +0 +0 +0"), 1577836800);
  EXPECT_EQ(mktime_of("  2020\t1\n1 \xE3\x80\x80" "0\xC2\xA0" "0 0  "), 1577836800);
  EXPECT_EQ(mktime_of("-1 01 01 00 00 00"), -62198755200);
  EXPECT_EQ(mktime_of("2020 02 29 23 59 59"), 1583020799);
  EXPECT_EQ(mktime_of("262142 12 31 23 59 59"), 8210266876799);
  EXPECT_EQ(mktime_of("-262143 1 1 0 0 0"), -8334601228800);
  for (const char* bad :
       {"2020.5 1 1 0 0 0", "2020 -1 1 0 0 0", "2020 01 01", "", "2020 13 01 00 00 00",
        "2020 0 1 0 0 0", "2020 2 30 0 0 0", "2019 2 29 0 0 0", "2020 1 0 0 0 0",
        "2020 1 1 24 0 0", "2020 1 1 0 60 0", "2020 1 1 0 0 60", "2147483648 1 1 0 0 0",
        "262143 1 1 0 0 0", "-262144 12 31 23 59 59", "2020 4294967296 1 0 0 0",
        "+ 1 1 0 0 0", "2020 +-1 1 0 0 0", "2020 1 1 0 0 -0", "2020 1 1 0 0 0x0",
        "2020 \xFF 1 0 0 0", "\xD9\xA2\xD9\xA0 1 1 0 0 0"}) {
    EXPECT_EQ(mktime_of(bad), -1) << bad;
  }
  EXPECT_EQ(mktime_of("1969 12 31 23 59 59"), -1);  // genuine, and the error value
  EXPECT_EQ(awk::mktime({}).as_float(), -1);
  const Value one[] = {S("1970 1 1 0 0 0")};
  EXPECT_TRUE(awk::mktime(one).is_float());
}

TEST(AwkMktime, LocalTime) {
  ScopedTz tz("EST5EDT,M3.2.0,M11.1.0");
  EXPECT_EQ(mktime_of("2021 01 01 00 00 00", false), 1609477200);
  EXPECT_EQ(mktime_of("2021 07 01 08 00 00", false), 1625140800);
  EXPECT_EQ(mktime_of("2021 03 14 02 30 00", false), -1);  // in the spring-forward gap
  EXPECT_EQ(mktime_of("2021 11 07 01 30 00", false), -1);  // ambiguous
  EXPECT_EQ(mktime_of("2021 11 07 02 30 00", false), 1636270200);
  const Value yes[] = {S("2021 01 01 00 00 00"), S("yes")};  // "yes" -> 0.0 -> local
  EXPECT_EQ(awk::mktime(yes).as_float(), 1609477200);
}

// ── Robustness ──

TEST(AwkRobustness, EveryTwoByteSpecifier) {
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; b += 7) {
      const std::string fmt{'%', static_cast<char>(a), static_cast<char>(b)};
      for (double ts : {0.0, -1e12, 8e12, 1.5}) (void)strftime_utc(fmt, ts);
    }
  }
  EXPECT_EQ(strftime_utc(std::string(20000, '%') + "%c", 0).size(), 10000 + 24u);
}

TEST(AwkRobustness, ResultsAreChargedToTheHeapBudget) {
  const Value big = S(std::string(1 << 16, 'a'));
  const Value fmt[] = {S(std::string(1 << 12, 'x') + "%c"), I(0), I(1)};
  HeapBudget budget;
  budget.limit = 4096;
  ScopedHeapBudget scope(&budget);
  EXPECT_THROW(awk::toupper(big), std::bad_alloc);
  EXPECT_THROW(awk::tolower(big), std::bad_alloc);
  EXPECT_THROW(awk::substr(big, 2, std::nullopt), std::bad_alloc);
  EXPECT_NO_THROW(awk::substr(big, 1, std::nullopt));  // the whole string is shared, not copied
  EXPECT_THROW(awk::strftime(fmt), std::bad_alloc);
}

// ── The AwkHost defaults ──

TEST(AwkHostDefaults, NeutralValuesAndNativeBuiltins) {
  DefaultAwkHost host;
  EXPECT_TRUE(Same(host.field_get(1), S("")));
  EXPECT_EQ(host.nf(), 0);
  EXPECT_TRUE(Same(host.special_get("NR"), Value()));
  EXPECT_TRUE(Same(host.sprintf("%d", {}), S("")));
  EXPECT_EQ(host.getline(2, "file", std::nullopt), 0);
  const Value x = S("x");
  EXPECT_EQ(host.split(x, "a", nullptr), 0);
  EXPECT_EQ(host.sub(x, x, AwkLvalue{}), 0);
  EXPECT_EQ(host.gsub(x, x, AwkLvalue{AwkLvalue::Kind::Var, "v", 0, ""}), 0);
  EXPECT_EQ(host.match_re(x, x), 0);
  EXPECT_TRUE(Same(host.gensub(x, x, S("g"), nullptr), S("")));
  EXPECT_TRUE(Same(host.array_get("a", x), S("")));
  EXPECT_FALSE(host.array_exists("a", x));
  EXPECT_EQ(host.array_len("a"), 0);
  host.field_set(1, x);
  host.set_record(x);
  host.special_set("FS", x);
  host.print({});
  host.printf("", {});
  host.array_set("a", x, x);
  host.array_delete("a", x);
  host.array_clear("a");
  EXPECT_EQ(host.length(nullptr), 0);
  const Value word = S("h\xC3\xA9llo");
  EXPECT_EQ(host.length(&word), 5);
  EXPECT_TRUE(Same(host.substr(word, 2, 3), S("\xC3\xA9ll")));
  EXPECT_EQ(host.index(word, S("l")), 3);
  EXPECT_TRUE(Same(host.toupper(word), S("H\xC3\x89LLO")));
  EXPECT_TRUE(Same(host.int_(F(2.5)), I(2)));
  EXPECT_TRUE(Same(host.mkbool(S("0")), F(0)));
  EXPECT_TRUE(Same(host.intdiv0(I(1), I(0)), F(0)));
  const Value args[] = {S("2020 01 01 00 00 00"), I(1)};
  EXPECT_TRUE(Same(host.mktime(args), F(1577836800)));
  EXPECT_TRUE(Same(host.chr(I(66)), S("B")));
  EXPECT_TRUE(Same(host.strtonum(S("0x10")), F(16)));
}

TEST(AwkHostDefaults, OverridingOneMethodKeepsTheOthers) {
  struct Host : AwkHost {
    Value field_get(int64_t i) override { return Value::integer(i * 10); }
  } host;
  AwkHost& base = host;
  EXPECT_TRUE(Same(base.field_get(2), I(20)));
  EXPECT_TRUE(Same(base.ord(S("A")), F(65)));
  EXPECT_EQ(base.nf(), 0);
}

}  // namespace
}  // namespace fusevm
