// Helpers shared by the awk host tests (awk_host_test.cpp, awk_host_io_test.cpp): value makers,
// an exact value matcher, and the AwkRuntime fixtures. Included by test files only; the
// unnamed namespace gives each test file its own copy.
#pragma once

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

}  // namespace
}  // namespace fusevm::awkfront
