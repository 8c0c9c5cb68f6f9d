// Hooks: builtins, extension handlers and what handlers may do (read and push values, read
// slots, set the status, fail, halt), exceptions thrown by handlers, and handlers across reset().
#include <gtest/gtest.h>

#include <stdexcept>

#include "fusevm/vm.h"
#include "run_outcome.h"

namespace fusevm {
namespace {

TEST(InterpHooks, BuiltinPopsItsArgumentsAndItsResultIsPushed) {
  VM vm(test::assemble_text("LoadInt 30\nLoadInt 12\nCallBuiltin 7 2\nLoadInt 1\nAdd\n"));
  vm.register_builtin(7, [](VM& v, uint8_t argc) {
    EXPECT_EQ(argc, 2);
    const int64_t b = v.pop().as_int();
    const int64_t a = v.pop().as_int();
    return Value::integer(a + b);
  });
  EXPECT_EQ(vm.run().value().as_int(), 43);
}

TEST(InterpHooks, HandlersSeeSlotsGlobalsAndStatus) {
  VM vm(test::assemble_text(".name g\nLoadInt 5\nSetSlot 2\nLoadInt 6\nSetVar g\nCallBuiltin 1 0\nGetStatus\nMakeArray 2\n"));
  vm.register_builtin(1, [](VM& v, uint8_t) {
    v.set_last_status(3);
    return Value::integer(v.get_slot(2).as_int() * v.get_global(0).as_int());
  });
  EXPECT_EQ(vm.run().value().to_str(), "30 3");
}

TEST(InterpHooks, AnyCallableIsAccepted) {
  struct Doubler {
    int calls = 0;
    Value operator()(VM& v, uint8_t) {
      ++calls;
      return Value::integer(v.pop().as_int() * 2);
    }
  };
  VM vm(test::assemble_text("LoadInt 21\nCallBuiltin 3 1\n"));
  vm.register_builtin(3, Doubler{});
  EXPECT_EQ(vm.run().value().as_int(), 42);
}

TEST(InterpHooks, ExtensionHandlersDoTheirOwnStackWork) {
  VM vm(test::assemble_text("LoadInt 2\nExtended 9 5\nExtendedWide 100 1000\nMakeArray 9\n"));
  vm.set_extension_handler([](VM& v, uint16_t id, uint8_t arg) {
    const int64_t top = v.pop().as_int();
    v.push(Value::integer(top * id + arg));  // 2*9+5
  });
  vm.set_extension_wide_handler([](VM& v, uint16_t id, uint64_t payload) {
    v.push(Value::integer(static_cast<int64_t>(payload) + id));
  });
  EXPECT_EQ(vm.run().value().to_str(), "23 1100");
}

TEST(InterpHooks, AThrowingHandlerBecomesAnErrorAndTheVmStaysUsable) {
  VM vm(test::assemble_text(".line 4\nLoadInt 1\nCallBuiltin 2 1\n"));
  vm.register_builtin(2, [](VM&, uint8_t) -> Value { throw std::runtime_error("disk on fire"); });
  VMResult r = vm.run();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::HandlerFailed);
  EXPECT_EQ(r.error(), "test.fvm:4 (ip 1, CallBuiltin): builtin 2 threw: disk on fire");
  vm.register_builtin(2, [](VM& v, uint8_t) { return v.pop(); });
  vm.reset();
  EXPECT_EQ(vm.run().value().as_int(), 1) << "handlers survive reset(); a new one replaces the old";
}

TEST(InterpHooks, NonStandardExceptionsAreCaughtToo) {
  VM vm(test::assemble_text("Extended 1 0\n"));
  vm.set_extension_handler([](VM&, uint16_t, uint8_t) { throw 42; });
  const VMResult r = vm.run();
  EXPECT_EQ(r.error_code(), ErrorCode::HandlerFailed);
  EXPECT_NE(r.error().find("not a std::exception"), std::string::npos) << r.error();
}

TEST(InterpHooks, FailAndHaltFromAHandler) {
  VM failing(test::assemble_text("CallBuiltin 1 0\nLoadInt 5\n"));
  failing.register_builtin(1, [](VM& v, uint8_t) {
    v.fail("bad input");
    return Value();
  });
  const VMResult r = failing.run();
  ASSERT_TRUE(r.is_error());
  EXPECT_NE(r.error().find("(ip 0, CallBuiltin): builtin 1: bad input"), std::string::npos) << r.error();

  VM halting(test::assemble_text("LoadInt 7\nCallBuiltin 1 0\nLoadInt 5\n"));
  halting.register_builtin(1, [](VM& v, uint8_t) {
    v.request_halt();
    return Value::integer(8);
  });
  const VMResult h = halting.run();
  ASSERT_TRUE(h.is_ok());
  EXPECT_EQ(h.value().as_int(), 8) << "the run ends after the handler's op";
  EXPECT_EQ(halting.stats().ops_executed, 2u);
}

TEST(InterpHooks, PoppingBelowTheFrameFailsTheRun) {
  VM vm(test::assemble_text("CallBuiltin 1 0\n"));
  vm.register_builtin(1, [](VM& v, uint8_t) {
    EXPECT_TRUE(v.pop().is_undef());
    return Value();
  });
  const VMResult r = vm.run();
  EXPECT_EQ(r.error_code(), ErrorCode::StackUnderflow) << r.error();
}

TEST(InterpHooks, MissingHandlersAreErrors) {
  EXPECT_NE(test::run_text("CallBuiltin 5 0\n").error.find("no builtin registered for id 5"), std::string::npos);
  EXPECT_NE(test::run_text("Extended 6 0\n").error.find("no extension handler for op 6"), std::string::npos);
  EXPECT_NE(test::run_text("ExtendedWide 7 0\n").error.find("no extension handler for op 7"), std::string::npos);
}

TEST(InterpHooks, AHandlerMayReplaceItselfWhileRunning) {
  VM vm(test::assemble_text("CallBuiltin 1 0\nCallBuiltin 1 0\nMakeArray 2\n"));
  vm.register_builtin(1, [](VM& v, uint8_t) {
    v.register_builtin(1, [](VM&, uint8_t) { return Value::integer(2); });
    return Value::integer(1);  // this closure is still alive while it returns
  });
  EXPECT_EQ(vm.run().value().to_str(), "1 2");
}

TEST(InterpHooks, AThrowingOutputSinkOrInputSourceStopsTheRunCleanly) {
  VM printing(test::assemble_text("LoadInt 1\nPrintLn 1\nLoadInt 2\n"));
  printing.set_output([](std::string_view) { throw std::runtime_error("pipe closed"); });
  VMResult r = printing.run();
  ASSERT_TRUE(r.is_error());
  EXPECT_EQ(r.error_code(), ErrorCode::HandlerFailed);
  EXPECT_NE(r.error().find("threw: pipe closed"), std::string::npos) << r.error();

  VM reading(test::assemble_text("ReadLine\n"));
  reading.set_input([]() -> std::optional<std::string> { throw std::runtime_error("tty gone"); });
  r = reading.run();
  EXPECT_EQ(r.error_code(), ErrorCode::HandlerFailed);
  EXPECT_NE(r.error().find("(ip 0, ReadLine): a callback threw: tty gone"), std::string::npos) << r.error();
  reading.set_input([]() -> std::optional<std::string> { return "line"; });
  reading.reset();
  EXPECT_EQ(reading.run().value().to_str(), "line") << "usable after reset()";
}

TEST(InterpHooks, RunningAgainFromAHandlerIsRefused) {
  VM vm(test::assemble_text("CallBuiltin 1 0\n"));
  vm.register_builtin(1, [](VM& v, uint8_t) {
    const VMResult nested = v.run();
    EXPECT_TRUE(nested.is_error());
    return Value::integer(1);
  });
  EXPECT_EQ(vm.run().value().as_int(), 1);
}

}  // namespace
}  // namespace fusevm
