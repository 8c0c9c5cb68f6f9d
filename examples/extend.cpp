// Extending the VM from C++: builtins (CallBuiltin id argc), an extension op (Extended id arg)
// and a wide one (ExtendedWide id payload) with handlers, and a JitExtension that lets native
// code call one builtin directly. The program is written in assembly text (docs/formats.md).
#include <cctype>
#include <cstdio>
#include <memory>

#include "fusevm/formats.h"
#include "fusevm/jit.h"
#include "fusevm/vm.h"

using namespace fusevm;

// Builtin 3, square(x), as a plain C function the JIT may call: it must compute exactly what
// the VM's handler computes (the interpreter keeps using the handler).
extern "C" int64_t example_square(int64_t x) { return static_cast<int64_t>(static_cast<uint64_t>(x) * static_cast<uint64_t>(x)); }

class ExampleOps : public jit::JitExtension {
 public:
  std::string_view name() const override { return "extend-example"; }
  std::optional<jit::NativeOp> builtin(uint16_t id, uint8_t argc) const override {
    if (id != 3 || argc != 1) return std::nullopt;
    return jit::NativeOp{reinterpret_cast<const void*>(&example_square), "example_square",
                         {jit::SlotKind::Int}, jit::SlotKind::Int};
  }
};

constexpr const char* kProgram = R"(
.source "extend.fvm"
        LoadConst Str "fusevm"
        CallBuiltin 1 1          ; upper("fusevm")
        PrintLn 1
        LoadInt 250
        Extended 1 100           ; clamp to at most 100
        PrintLn 1
        LoadInt 5
        ExtendedWide 2 0x100000000   ; add the payload
        PrintLn 1
        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
top:    GetSlot 1                ; sum of square(i) for i < 1000
        LoadInt 1000
        NumLt
        JumpIfFalse done
        GetSlot 0
        GetSlot 1
        CallBuiltin 3 1
        Add
        SetSlot 0
        GetSlot 1
        Inc
        SetSlot 1
        Jump top
done:   GetSlot 0
)";

void install(VM& vm) {
  vm.register_builtin(1, [](VM& v, uint8_t argc) {
    if (argc != 1) v.fail("upper takes one argument");
    std::string s = v.pop().to_str();
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return Value::string(s);
  });
  vm.register_builtin(3, [](VM& v, uint8_t) { return Value::integer(example_square(v.pop().to_int())); });
  // Extension handlers do their own stack work: pop what the op consumes, push what it makes.
  vm.set_extension_handler([](VM& v, uint16_t id, uint8_t arg) {
    if (id != 1) return v.fail("unknown extension op " + std::to_string(id));
    const int64_t x = v.pop().to_int();
    v.push(Value::integer(x > arg ? arg : x));
  });
  vm.set_extension_wide_handler([](VM& v, uint16_t id, uint64_t payload) {
    if (id != 2) return v.fail("unknown wide extension op " + std::to_string(id));
    v.push(Value::integer(v.pop().to_int() + static_cast<int64_t>(payload)));
  });
}

int main() {
  jit::JitCompiler::global().register_extension(std::make_shared<ExampleOps>());
  Result<Chunk> chunk = assemble(kProgram, "extend.fvm");
  if (!chunk.ok()) return std::fprintf(stderr, "%s\n", chunk.message().c_str()), 1;

  VM vm(*chunk);
  install(vm);
  VMResult r = vm.run();
  if (!r.is_ok()) return std::fprintf(stderr, "%s\n", r.error().c_str()), 1;
  std::printf("sum of squares below 1000: %lld\n", static_cast<long long>(r.value().as_int()));

  // An op no handler knows fails the run with its location; the VM is reusable after reset.
  Result<Chunk> bad = assemble("LoadInt 1\nExtended 9 0\n", "bad.fvm");
  vm.reset(std::move(bad).value());
  r = vm.run();
  std::printf("unknown op: %s\n", r.error().c_str());
  return 0;
}
