// Value: variants, copy-on-write, coercions (the tables of VALUE.md), hashes, heap budget.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "fusevm/value.h"
#include "value/number_text.h"

namespace fusevm {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

Value S(std::string_view s) { return Value::string(s); }
Value I(int64_t n) { return Value::integer(n); }
Value F(double f) { return Value::floating(f); }

TEST(Value, IsSixteenBytesAndDefaultsToUndef) {
  static_assert(sizeof(Value) == 16);
  Value v;
  EXPECT_TRUE(v.is_undef());
  EXPECT_EQ(v.to_str(), "");
}

TEST(Value, Truthiness) {
  struct Case {
    Value v;
    bool truthy;
  };
  const Case cases[] = {
      {I(0), false},           {I(5), true},          {I(-7), true},
      {I(INT64_MIN), true},    {F(0.0), false},       {F(-0.0), false},
      {F(2.5), true},          {F(kNaN), true},       {F(kInf), true},
      {S(""), false},          {S("0"), false},       {S("0.0"), true},
      {S("00"), true},         {S(" "), true},        {S("-0"), true},
      {Value(), false},        {Value::boolean(false), false},
      {Value::boolean(true), true},                   {Value::status(0), true},
      {Value::status(3), false},                      {Value::status(-1), false},
      {Value::array({I(1)}), true},                   {Value::array({Value()}), true},
      {Value::array(), false}, {Value::hash(), false}, {Value::ref(I(0)), true},
      {Value::native_fn(0), true},
  };
  for (const Case& c : cases) EXPECT_EQ(c.v.is_truthy(), c.truthy) << c.v.to_str();
}

TEST(Value, ToInt) {
  EXPECT_EQ(F(1e20).to_int(), INT64_MAX);
  EXPECT_EQ(F(-1e20).to_int(), INT64_MIN);
  EXPECT_EQ(F(2.9).to_int(), 2);
  EXPECT_EQ(F(-2.9).to_int(), -2);
  EXPECT_EQ(F(9.2e18).to_int(), 9200000000000000000);
  EXPECT_EQ(F(9223372036854775808.0).to_int(), INT64_MAX);
  EXPECT_EQ(F(-9223372036854775808.0).to_int(), INT64_MIN);
  EXPECT_EQ(F(kNaN).to_int(), 0);
  EXPECT_EQ(F(kInf).to_int(), INT64_MAX);
  EXPECT_EQ(F(-kInf).to_int(), INT64_MIN);
  EXPECT_EQ(Value::boolean(true).to_int(), 1);
  EXPECT_EQ(Value::status(3).to_int(), 3);
  EXPECT_EQ(Value::array({I(1), I(2), I(3)}).to_int(), 3);
  EXPECT_EQ(Value::hash().to_int(), 0);
  EXPECT_EQ(Value::ref(I(5)).to_int(), 0);
  EXPECT_EQ(Value::native_fn(2).to_int(), 0);
  const std::pair<const char*, int64_t> strings[] = {
      {"42", 42},   {"+42", 42},    {"-42", -42}, {"00012", 12}, {"-0", 0},
      {"9223372036854775807", INT64_MAX},           {"-9223372036854775808", INT64_MIN},
      {"9223372036854775808", 0},   {"-9223372036854775809", 0},  {" 42", 0},
      {"42 ", 0},   {"\t5", 0},     {"3.7", 0},   {".5", 0},     {"1e3", 0},
      {"inf", 0},   {"0x1A", 0},    {"4_2", 0},   {"42abc", 0},  {"", 0},
      {"+", 0},     {"-", 0},       {"+-1", 0},   {"+0", 0},     {"\xef\xbc\x91", 0},
  };
  for (auto [text, expected] : strings) EXPECT_EQ(S(text).to_int(), expected) << text;
}

TEST(Value, ToFloat) {
  const std::pair<const char*, double> strings[] = {
      {"42", 42.0},    {"+42", 42.0},    {"3.7", 3.7},     {".5", 0.5},     {"5.", 5.0},
      {"-.5", -0.5},   {".", 0.0},       {"1e3", 1000.0},  {"1E3", 1000.0}, {"1e+3", 1000.0},
      {"1e-3", 0.001}, {"1e", 0.0},      {"e3", 0.0},      {"0.1e1", 1.0},  {"1.e2", 100.0},
      {"inf", kInf},   {"+inf", kInf},   {"INFINITY", kInf},                {"-Infinity", -kInf},
      {"1e400", kInf}, {"0x1A", 0.0},    {"00012", 12.0},  {" 42", 0.0},    {"42 ", 0.0},
      {"4_2", 0.0},    {"1,5", 0.0},     {"in", 0.0},      {"infin", 0.0},  {"nan(1)", 0.0},
      {"+", 0.0},      {"1e+", 0.0},     {"0x1p3", 0.0},   {"1.5E2", 150.0}, {"+.5", 0.5},
      {"9223372036854775807", 9223372036854775808.0},
  };
  for (auto [text, expected] : strings) EXPECT_EQ(S(text).to_float(), expected) << text;
  EXPECT_TRUE(std::isnan(S("nan").to_float()));
  EXPECT_TRUE(std::isnan(S("-nan").to_float()));
  EXPECT_TRUE(std::isnan(S("NAN").to_float()));
  EXPECT_TRUE(std::signbit(S("-0").to_float()));
  EXPECT_TRUE(std::signbit(S("-1e-400").to_float()));
  EXPECT_EQ(S("1e-400").to_float(), 0.0);
  EXPECT_EQ(S("0.5e309").to_float(), kInf);
  EXPECT_EQ(Value::array({I(4), I(5)}).to_float(), 0.0) << "arrays are 0.0 as floats";
  EXPECT_EQ(Value::status(3).to_float(), 3.0);
  EXPECT_EQ(I(INT64_MAX).to_float(), 9223372036854775808.0);
}

std::string display(double f) {
  std::string s;
  detail::append_float_display(s, f);
  return s;
}

TEST(Value, FloatDisplayMatchesTheOriginal) {
  EXPECT_EQ(display(1.0), "1");
  EXPECT_EQ(display(-1.0), "-1");
  EXPECT_EQ(display(0.5), "0.5");
  EXPECT_EQ(display(1e15), "1000000000000000");
  EXPECT_EQ(display(1e23), "100000000000000000000000");
  EXPECT_EQ(display(1e-7), "0.0000001");
  EXPECT_EQ(display(1.23e-18), "0.00000000000000000123");
  EXPECT_EQ(display(1.5e-10), "0.00000000015");
  EXPECT_EQ(display(123456.789), "123456.789");
  EXPECT_EQ(display(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(display(2.0 / 3.0), "0.6666666666666666");
  EXPECT_EQ(display(1234567890123456.8), "1234567890123456.8");
  EXPECT_EQ(display(9223372036854775808.0), "9223372036854776000");
  EXPECT_EQ(display(-0.0), "-0");
  EXPECT_EQ(display(0.0), "0");
  EXPECT_EQ(display(kNaN), "NaN");
  EXPECT_EQ(display(-kNaN), "NaN");
  EXPECT_EQ(display(kInf), "inf");
  EXPECT_EQ(display(-kInf), "-inf");
  EXPECT_EQ(display(1e100), "1" + std::string(100, '0'));
  EXPECT_EQ(display(5e-324), "0." + std::string(323, '0') + "5");
  EXPECT_EQ(display(1.7976931348623157e308), "17976931348623157" + std::string(292, '0'));
  EXPECT_EQ(display(2.5e-300), "0." + std::string(299, '0') + "25");
}

std::string json(double f) {
  std::string s;
  detail::append_float_json(s, f);
  return s;
}

TEST(Value, FloatJsonTextIsShortestRoundTrip) {
  EXPECT_EQ(json(1.0), "1.0");
  EXPECT_EQ(json(-0.0), "-0.0");
  EXPECT_EQ(json(2.5), "2.5");
  EXPECT_EQ(json(1e20), "1e20");
  EXPECT_EQ(json(1.5e-10), "1.5e-10");
  EXPECT_EQ(json(1e15), "1000000000000000.0");
  EXPECT_EQ(json(1e16), "1e16");
  EXPECT_EQ(json(1e-5), "0.00001");
  EXPECT_EQ(json(1e-6), "1e-6");
  EXPECT_EQ(json(123.456), "123.456");
  EXPECT_EQ(json(1.7976931348623157e308), "1.7976931348623157e308");
  for (double f : {0.1, 1.0 / 3, 5e-324, 2.2250738585072014e-308, 12345678.9, 9007199254740993.0}) {
    double back = 0;
    ASSERT_TRUE(detail::parse_float_strict(json(f), back)) << json(f);
    EXPECT_EQ(back, f) << json(f);
  }
}

TEST(Value, ToStr) {
  EXPECT_EQ(I(INT64_MIN).to_str(), "-9223372036854775808");
  EXPECT_EQ(Value().to_str(), "");
  EXPECT_EQ(Value::boolean(true).to_str(), "1");
  EXPECT_EQ(Value::boolean(false).to_str(), "");
  EXPECT_EQ(Value::status(-3).to_str(), "-3");
  EXPECT_EQ(Value::native_fn(4).to_str(), "(builtin:4)");
  EXPECT_EQ(Value::ref(I(1)).to_str(), "(ref)");
  EXPECT_EQ(Value::hash().to_str(), "(hash)");
  Value nested = Value::array({I(1), Value::array({I(2), I(3)}), S(""), S("z")});
  EXPECT_EQ(nested.to_str(), "1 2 3  z");
  EXPECT_EQ(Value::array().to_str(), "");
  EXPECT_EQ(Value::array({Value(), Value()}).to_str(), " ");
}

TEST(Value, Len) {
  EXPECT_EQ(I(0).len(), 1u);
  EXPECT_EQ(I(-7).len(), 2u);
  EXPECT_EQ(I(INT64_MIN).len(), 20u);
  EXPECT_EQ(F(-0.0).len(), 2u);
  EXPECT_EQ(F(1e20).len(), 21u);
  EXPECT_EQ(S("\xc3\xa9").len(), 2u);
  EXPECT_EQ(Value().len(), 0u);
  EXPECT_EQ(Value::boolean(true).len(), 1u);
  EXPECT_EQ(Value::array({I(1), I(2), I(3)}).len(), 3u);
  EXPECT_EQ(Value::ref(I(5)).len(), 5u);
  EXPECT_EQ(Value::native_fn(2).len(), 11u);
  EXPECT_TRUE(Value::array().is_empty());
  EXPECT_FALSE(I(0).is_empty());
}

TEST(Value, EqualityIsStrictAcrossVariants) {
  EXPECT_FALSE(I(1) == F(1.0));
  EXPECT_FALSE(I(0) == Value::boolean(false));
  EXPECT_FALSE(I(0) == Value::status(0));
  EXPECT_FALSE(F(kNaN) == F(kNaN));
  EXPECT_TRUE(F(0.0) == F(-0.0));
  EXPECT_TRUE(Value() == Value());
  Value h1 = Value::hash(), h2 = Value::hash();
  h1.mutable_hash().set("a", I(1));
  h1.mutable_hash().set("b", I(2));
  h2.mutable_hash().set("b", I(2));
  h2.mutable_hash().set("a", I(1));
  EXPECT_TRUE(h1 == h2) << "hash equality ignores order";
}

TEST(Value, CopyOnWriteKeepsCopiesIndependent) {
  Value a = Value::array({I(1), I(2)});
  Value b = a;
  EXPECT_TRUE(a.is_shared());
  b.mutable_array().push_back(I(3));
  EXPECT_EQ(a.as_array().size(), 2u);
  EXPECT_EQ(b.as_array().size(), 3u);
  EXPECT_FALSE(a.is_shared());

  const Array* before = &a.as_array();
  a.mutable_array().push_back(I(9));
  EXPECT_EQ(&a.as_array(), before) << "an unshared array is mutated in place";
}

TEST(Value, UnsharedStringAppendsInPlace) {
  Value s = Value::string("");
  s.append("x");
  const char* data = s.as_str().data();
  for (int i = 0; i < 10; ++i) s.append("y");
  Value keep = s;
  s.append("z");
  EXPECT_EQ(keep.as_str(), "xyyyyyyyyyy") << "a shared string is never changed";
  EXPECT_EQ(s.as_str(), "xyyyyyyyyyyz");
  (void)data;
  Value self = Value::string("ab");
  self.append_value(self);
  EXPECT_EQ(self.as_str(), "abab");
}

TEST(Value, AppendIsAmortisedConstant) {
  Value s = Value::string("");
  size_t reallocations = 0;
  const char* last = nullptr;
  for (int i = 0; i < 100000; ++i) {
    s.append("ab");
    if (s.as_str().data() != last) ++reallocations, last = s.as_str().data();
  }
  EXPECT_EQ(s.as_str().size(), 200000u);
  EXPECT_LT(reallocations, 40u) << "capacity grows geometrically";
}

TEST(Value, AppendRepeatedWritesEveryCopy) {
  for (size_t times : {0u, 1u, 2u, 3u, 7u, 8u, 1000u}) {
    Value s = Value::string("<");
    Value keep = s;
    s.append_repeated("abc", times);
    std::string want = "<";
    for (size_t i = 0; i < times; ++i) want += "abc";
    EXPECT_EQ(s.as_str(), want) << times;
    EXPECT_EQ(keep.as_str(), "<") << "a shared string is never changed";
  }
  Value self = Value::string("xy");
  self.append_repeated(self.as_str(), 3);  // a piece of the string itself
  EXPECT_EQ(self.as_str(), "xyxyxyxy");
}

TEST(Value, DeepNestingDoesNotOverflowTheStack) {
  Value v = Value::array();
  for (int i = 0; i < 1000000; ++i) v = Value::array({std::move(v)});
  EXPECT_EQ(v.to_str(), "");
  Value copy = v.deep_copy();
  EXPECT_TRUE(copy == v);
  Value ref = Value::ref(Value());
  for (int i = 0; i < 1000000; ++i) ref = Value::ref(std::move(ref));
  // Destruction of both happens here and must not recurse.
}

TEST(Value, DeepCopySharesNothing) {
  Value h = Value::hash();
  h.mutable_hash().set("k", Value::array({S("x")}));
  Value c = h.deep_copy();
  EXPECT_TRUE(c == h);
  EXPECT_NE(&c.as_hash(), &h.as_hash());
  EXPECT_NE(c.as_hash().find("k")->as_array()[0].as_str().data(),
            h.as_hash().find("k")->as_array()[0].as_str().data());
}

TEST(Value, InputStringsAreStringsWithAMarkThatOnlyCopiesKeep) {
  const Value field = Value::input_string("10.0");
  EXPECT_TRUE(field.is_str());
  EXPECT_TRUE(field.is_input_string());
  EXPECT_FALSE(Value::string("10.0").is_input_string());
  EXPECT_FALSE(Value::integer(1).is_input_string());
  EXPECT_TRUE(identical(field, Value::string("10.0")));  // the mark is not part of the value
  const Value copy = field;
  EXPECT_TRUE(copy.is_input_string());
  EXPECT_TRUE(field.deep_copy().is_input_string());
  Value grown = Value::input_string("ab");
  grown.append("c");  // a new text is no longer what was read
  EXPECT_FALSE(grown.is_input_string());
  EXPECT_EQ(grown.as_str(), "abc");
  Value repeated = Value::input_string("x");
  repeated.append_repeated("y", 3);
  EXPECT_FALSE(repeated.is_input_string());
}

TEST(Hash, KeepsInsertionOrderAndSupportsDeletes) {
  Value v = Value::hash();
  Hash& h = v.mutable_hash();
  for (int i = 0; i < 1000; ++i) h.set(std::to_string(i), I(i));
  h.set("5", I(-5));  // replacing keeps the position
  for (int i = 0; i < 1000; i += 2) EXPECT_TRUE(h.erase(std::to_string(i)));
  EXPECT_FALSE(h.erase("0"));
  EXPECT_EQ(h.size(), 500u);
  int expected = 1;
  for (const Hash::Entry& e : h) {
    EXPECT_EQ(e.key.as_str(), std::to_string(expected));
    EXPECT_EQ(e.value.as_int(), expected == 5 ? -5 : expected);
    expected += 2;
  }
  h.set("0", I(0));  // re-added keys go to the end
  const Hash::Entry* last = nullptr;
  for (const Hash::Entry& e : h) last = &e;
  EXPECT_EQ(last->key.as_str(), "0");
  Value removed;
  EXPECT_TRUE(h.erase("1", &removed));
  EXPECT_EQ(removed.as_int(), 1);
  EXPECT_EQ(h.find("3")->as_int(), 3);
  EXPECT_EQ(h.find("1"), nullptr);
  h.get_or_insert("new") = I(7);
  EXPECT_EQ(h.find("new")->as_int(), 7);
}

TEST(HeapBudget, LimitsAndFaultInjection) {
  HeapBudget budget;
  budget.limit = 1 << 20;
  {
    ScopedHeapBudget scope(&budget);
    Value small = Value::string("hello");
    EXPECT_GT(budget.used, 0u);
    EXPECT_THROW(Value::string_with_capacity("", size_t{1} << 30), MemoryLimitExceeded);
  }
  EXPECT_EQ(current_heap_budget(), nullptr);
  HeapBudget failing;
  failing.fail_at = 3;
  ScopedHeapBudget scope(&failing);
  Value a = Value::string("a");
  Value b = Value::string("b");
  EXPECT_THROW(Value::string("c"), MemoryLimitExceeded);
  Value d = Value::string("d");
  EXPECT_EQ(d.as_str(), "d");
}

}  // namespace
}  // namespace fusevm
