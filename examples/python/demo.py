"""Drives fusevm from Python through the ctypes binding in fusevm.py: builds a chunk op by op,
runs programs with Python builtins and an extension op, converts chunks between formats, and
shows limits and JIT statistics. Usage: python3 demo.py PATH/TO/libfusevm.so"""

import sys

from fusevm import FORMAT_BINARY, FORMAT_JSON, FORMAT_TEXT, FusevmError, Library


def main(path):
    lib = Library(path)
    print(f"fusevm {lib.version} (C API {lib.c.fusevm_c_api_version()}), JIT {'on' if lib.jit_available else 'off'}")
    lib.c.fusevm_jit_set_cache_dir(b"")  # no disk cache for a demo

    # 1. A chunk built op by op: sum of py_square(i) for i < 100, py_square written in Python.
    b = lib.builder()
    b.emit("LoadInt", 0), b.emit("SetSlot", 0), b.emit("LoadInt", 0), b.emit("SetSlot", 1)
    top = b.pos()
    b.emit("GetSlot", 1), b.emit("LoadInt", 100), b.emit("NumLt")
    exit_jump = b.emit("JumpIfFalse", 0)
    b.emit("GetSlot", 0), b.emit("GetSlot", 1), b.emit("CallBuiltin", 1, 1), b.emit("Add"), b.emit("SetSlot", 0)
    b.emit("GetSlot", 1), b.emit("Inc"), b.emit("SetSlot", 1), b.emit("Jump", top)
    b.patch(exit_jump, b.pos())
    b.emit("LoadConst", b.constant("total: ")), b.emit("GetSlot", 0), b.emit("Concat"), b.emit("PrintLn", 1)
    b.emit("GetSlot", 0)
    chunk = b.build()
    chunk.verify()

    vm = lib.vm(chunk, fuel=1_000_000)
    calls = []
    vm.register_builtin(1, lambda x: calls.append(x) or x * x)
    output = vm.capture_output()
    result = vm.run()
    print(f"built chunk: {result} after {len(calls)} Python calls, printed {output[0]!r}")

    # 2. The same chunk through every format and back.
    for name, fmt in (("json", FORMAT_JSON), ("binary", FORMAT_BINARY), ("text", FORMAT_TEXT)):
        data = chunk.save(fmt)
        again = lib.load(data, fmt)
        assert again.save(fmt) == data, name
    print(f"formats: json {len(chunk.save(FORMAT_JSON))} bytes, binary {len(chunk.save(FORMAT_BINARY))} bytes, round trips exact")

    # 3. Values both ways, containers included, and an extension op worked from Python.
    program = lib.assemble('.const Str "py"\nLoadConst #0\nLoadInt 3\nCallBuiltin 2 2\nExtended 1 4\n', "values.fvm")
    vm = lib.vm(program)
    vm.register_builtin(2, lambda s, n: [s * n, n, 1.5, True, None])

    def rotate(v, ext_id, arg):
        items = v.pop()
        v.push(items[arg % len(items):] + items[:arg % len(items)])

    vm.set_extension_handler(rotate)
    print(f"values: {vm.run()}")

    # 4. Errors: bad input, a builtin raising, a limit. Each says what and where.
    try:
        lib.assemble("Frob 1\n", "bad.fvm")
    except FusevmError as e:
        print(f"error: {e.status}: {e.message}")
    vm = lib.vm(lib.assemble("LoadInt 1\nCallBuiltin 3 1\n", "raise.fvm"))
    vm.register_builtin(3, lambda x: 1 // (x - 1))
    try:
        vm.run()
    except FusevmError as e:
        print(f"error: {e.status}: {e.message}")
    vm = lib.vm(lib.assemble("top: Jump top\n", "loop.fvm"), fuel=10_000)
    try:
        vm.run()
    except FusevmError as e:
        print(f"error: {e.status}: {e.message}")

    # 5. A hot loop and the JIT's counters (all zero in a build without the JIT).
    lib.c.fusevm_jit_reset_stats()
    vm = lib.vm(lib.assemble(
        "LoadInt 0\nSetSlot 0\nLoadInt 0\nSetSlot 1\n"
        "top: GetSlot 1\nLoadInt 100000\nNumLt\nJumpIfFalse end\n"
        "GetSlot 0\nGetSlot 1\nAdd\nSetSlot 0\nGetSlot 1\nInc\nSetSlot 1\nJump top\nend: GetSlot 0\n"))
    total = vm.run()
    stats, jit = vm.stats(), lib.jit_stats()
    native = stats["jit_ops"] > 0 and jit["native_bytes"] > 0
    print(f"jit: result {total}, ops {stats['ops_executed']}, native {'yes' if native else 'no'}")
    if native != lib.jit_available:
        print("jit: unexpected")
        return 1
    print("python: all good")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
