"""fusevm from Python through ctypes: a small binding of the C API (include/fusevm/fusevm.h).

It shows what a frontend in another language binds to: opaque handles, status codes turned into
exceptions, callbacks with a user-data pointer, and values crossing as a flat struct. Nothing here
is compiled; it needs only libfusevm.so.

    lib = Library("/usr/local/lib/libfusevm.so")
    chunk = lib.assemble("LoadInt 40\\nLoadInt 2\\nAdd\\n")
    vm = lib.vm(chunk, fuel=1_000_000)
    vm.register_builtin(1, lambda x: x * 2)
    print(vm.run())        # 42
"""

import ctypes
import json

# fusevm_type
UNDEF, BOOL, INT, FLOAT, STR, ARRAY, HASH, STATUS, REF, NATIVE_FN = range(10)
# fusevm_format
FORMAT_JSON, FORMAT_BINARY, FORMAT_TEXT = range(3)
OK = 0
ERR_HANDLER_FAILED = 21


class FusevmError(Exception):
    """A call failed: `status` is the fusevm_status name ("FuelExhausted"), the message says where."""

    def __init__(self, status, message):
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class Value(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("i", ctypes.c_int64), ("f", ctypes.c_double),
                ("str", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class Limits(ctypes.Structure):
    _fields_ = [("fuel", ctypes.c_uint64), ("max_stack", ctypes.c_uint64),
                ("max_call_depth", ctypes.c_uint32), ("memory_limit", ctypes.c_uint64)]


class Stats(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint64) for name in (
        "ops_executed", "peak_memory", "jit_entries", "jit_exits", "jit_ops", "trace_entries",
        "trace_exits", "trace_ops")]


class JitStats(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint64) for name in (
        "compiles_linear", "compiles_block", "compiles_trace", "compile_failures", "compile_ns",
        "trace_recordings", "trace_aborts", "trace_entries", "trace_exits", "trace_side_exits",
        "native_bytes", "native_entries", "native_exits", "memory_hits", "disk_hits")]


_P = ctypes.c_void_p
_BUILTIN = ctypes.CFUNCTYPE(ctypes.c_int, _P, ctypes.c_uint8, _P)
_OUTPUT = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_size_t, _P)
_EXTENSION = ctypes.CFUNCTYPE(ctypes.c_int, _P, ctypes.c_uint16, ctypes.c_uint8, _P)

# name: (argument types); every one returns a fusevm_status unless listed in _RESTYPES.
_SIGNATURES = {
    "fusevm_status_name": [ctypes.c_int],
    "fusevm_last_error": [],
    "fusevm_version": [],
    "fusevm_c_api_version": [],
    "fusevm_free": [_P],
    "fusevm_op_from_name": [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)],
    "fusevm_builder_new": [ctypes.POINTER(_P)],
    "fusevm_builder_free": [_P],
    "fusevm_builder_add_constant": [_P, ctypes.POINTER(Value), ctypes.POINTER(ctypes.c_uint16)],
    "fusevm_builder_emit": [_P, ctypes.c_int, ctypes.POINTER(ctypes.c_int64), ctypes.c_size_t,
                            ctypes.c_uint32, ctypes.POINTER(ctypes.c_size_t)],
    "fusevm_builder_patch_jump": [_P, ctypes.c_size_t, ctypes.c_size_t],
    "fusevm_builder_current_pos": [_P, ctypes.POINTER(ctypes.c_size_t)],
    "fusevm_builder_build": [_P, ctypes.POINTER(_P)],
    "fusevm_chunk_load": [_P, ctypes.c_size_t, ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(_P)],
    "fusevm_chunk_save": [_P, ctypes.c_int, ctypes.POINTER(_P), ctypes.POINTER(ctypes.c_size_t)],
    "fusevm_chunk_verify": [_P],
    "fusevm_chunk_free": [_P],
    "fusevm_limits_init": [ctypes.POINTER(Limits)],
    "fusevm_vm_new": [_P, ctypes.POINTER(Limits), ctypes.POINTER(_P)],
    "fusevm_vm_free": [_P],
    "fusevm_vm_run": [_P, ctypes.POINTER(ctypes.c_int)],
    "fusevm_vm_result": [_P, ctypes.POINTER(Value)],
    "fusevm_vm_reset": [_P],
    "fusevm_vm_stats": [_P, ctypes.POINTER(Stats)],
    "fusevm_vm_register_builtin": [_P, ctypes.c_uint16, _BUILTIN, _P],
    "fusevm_vm_set_extension_handler": [_P, _EXTENSION, _P],
    "fusevm_vm_set_output": [_P, _OUTPUT, _P],
    "fusevm_vm_fail": [_P, ctypes.c_char_p],
    "fusevm_vm_push": [_P, ctypes.POINTER(Value)],
    "fusevm_vm_push_array": [_P, ctypes.c_size_t],
    "fusevm_vm_pop": [_P, ctypes.POINTER(Value)],
    "fusevm_jit_available": [],
    "fusevm_jit_get_stats": [ctypes.POINTER(JitStats)],
    "fusevm_jit_reset_stats": [],
    "fusevm_jit_set_cache_dir": [ctypes.c_char_p],
}
_RESTYPES = {"fusevm_status_name": ctypes.c_char_p, "fusevm_last_error": ctypes.c_char_p,
             "fusevm_version": ctypes.c_char_p, "fusevm_free": None, "fusevm_builder_free": None,
             "fusevm_chunk_free": None, "fusevm_vm_free": None}


def _from_serde(node):
    """A value in the serde JSON shape the C API gives for containers, as Python data."""
    if node == "Undef":
        return None
    (kind, payload), = node.items()
    if kind == "Array":
        return [_from_serde(item) for item in payload]
    if kind == "Hash":
        return {key: _from_serde(item) for key, item in payload.items()}
    if kind == "Ref":
        return _from_serde(payload)
    return payload


class Library:
    """libfusevm.so with every function used here declared."""

    def __init__(self, path):
        self.c = ctypes.CDLL(path)
        for name, argtypes in _SIGNATURES.items():
            fn = getattr(self.c, name)
            fn.argtypes = argtypes
            fn.restype = _RESTYPES.get(name, ctypes.c_int)
        self.version = self.c.fusevm_version().decode()
        self.jit_available = bool(self.c.fusevm_jit_available())

    def check(self, status):
        if status != OK:
            raise FusevmError(self.c.fusevm_status_name(status).decode(),
                              self.c.fusevm_last_error().decode(errors="replace"))

    def load(self, data, fmt, name="<python>"):
        handle = _P()
        self.check(self.c.fusevm_chunk_load(data, len(data), fmt, name.encode(), ctypes.byref(handle)))
        return Chunk(self, handle)

    def assemble(self, text, name="<python>"):
        return self.load(text.encode(), FORMAT_TEXT, name)

    def builder(self):
        return Builder(self)

    def vm(self, chunk, **limits):
        return VM(self, chunk, limits)

    def jit_stats(self):
        stats = JitStats()
        self.check(self.c.fusevm_jit_get_stats(ctypes.byref(stats)))
        return {name: getattr(stats, name) for name, _ in JitStats._fields_}


class Chunk:
    def __init__(self, lib, handle):
        self.lib, self.handle = lib, handle

    def __del__(self):
        self.lib.c.fusevm_chunk_free(self.handle)

    def save(self, fmt):
        data, size = _P(), ctypes.c_size_t()
        self.lib.check(self.lib.c.fusevm_chunk_save(self.handle, fmt, ctypes.byref(data), ctypes.byref(size)))
        try:
            return ctypes.string_at(data, size.value)
        finally:
            self.lib.c.fusevm_free(data)

    def verify(self):
        self.lib.check(self.lib.c.fusevm_chunk_verify(self.handle))


class Builder:
    """Emits ops by name: b.emit("LoadInt", 5). Jumps take op indices; patch them later."""

    def __init__(self, lib):
        self.lib, self.handle = lib, _P()
        lib.check(lib.c.fusevm_builder_new(ctypes.byref(self.handle)))

    def __del__(self):
        self.lib.c.fusevm_builder_free(self.handle)

    def emit(self, op_name, *operands, line=0):
        op, index = ctypes.c_int(), ctypes.c_size_t()
        self.lib.check(self.lib.c.fusevm_op_from_name(op_name.encode(), ctypes.byref(op)))
        array = (ctypes.c_int64 * len(operands))(*operands)
        self.lib.check(self.lib.c.fusevm_builder_emit(self.handle, op.value, array, len(operands), line,
                                                      ctypes.byref(index)))
        return index.value

    def constant(self, text):
        raw = text.encode()
        value, index = Value(STR, 0, 0.0, ctypes.cast(ctypes.c_char_p(raw), _P), len(raw)), ctypes.c_uint16()
        self.lib.check(self.lib.c.fusevm_builder_add_constant(self.handle, ctypes.byref(value), ctypes.byref(index)))
        return index.value

    def pos(self):
        pos = ctypes.c_size_t()
        self.lib.check(self.lib.c.fusevm_builder_current_pos(self.handle, ctypes.byref(pos)))
        return pos.value

    def patch(self, op_index, target):
        self.lib.check(self.lib.c.fusevm_builder_patch_jump(self.handle, op_index, target))

    def build(self):
        handle = _P()
        self.lib.check(self.lib.c.fusevm_builder_build(self.handle, ctypes.byref(handle)))
        return Chunk(self.lib, handle)


class VM:
    def __init__(self, lib, chunk, limits):
        self.lib, self.handle = lib, _P()
        c_limits = Limits()
        lib.check(lib.c.fusevm_limits_init(ctypes.byref(c_limits)))
        for name, value in limits.items():
            setattr(c_limits, name, value)
        lib.check(lib.c.fusevm_vm_new(chunk.handle, ctypes.byref(c_limits), ctypes.byref(self.handle)))
        self._callbacks = []  # ctypes callback objects must outlive the VM's use of them

    def __del__(self):
        self.lib.c.fusevm_vm_free(self.handle)

    def _value(self, view):
        if view.type == UNDEF:
            return None
        if view.type == BOOL:
            return bool(view.i)
        if view.type in (INT, STATUS, NATIVE_FN):
            return view.i
        if view.type == FLOAT:
            return view.f
        text = ctypes.string_at(view.str, view.len).decode(errors="surrogateescape")
        return text if view.type == STR else _from_serde(json.loads(text))

    def _push(self, value):
        if isinstance(value, (list, tuple)):
            for item in value:
                self._push(item)
            self.lib.check(self.lib.c.fusevm_vm_push_array(self.handle, len(value)))
            return
        view = Value()
        if value is None:
            view.type = UNDEF
        elif isinstance(value, bool):
            view.type, view.i = BOOL, int(value)
        elif isinstance(value, int):
            view.type, view.i = INT, value
        elif isinstance(value, float):
            view.type, view.f = FLOAT, value
        else:
            raw = str(value).encode(errors="surrogateescape")
            buffer = ctypes.create_string_buffer(raw, len(raw))
            view.type, view.str, view.len = STR, ctypes.cast(buffer, _P), len(raw)
        self.lib.check(self.lib.c.fusevm_vm_push(self.handle, ctypes.byref(view)))

    def _pop(self):
        view = Value()
        self.lib.check(self.lib.c.fusevm_vm_pop(self.handle, ctypes.byref(view)))
        return self._value(view)

    def register_builtin(self, builtin_id, fn):
        """CallBuiltin builtin_id argc calls fn(*args); its return value is the op's result.
        An exception fails the run with its message."""

        def trampoline(vm_handle, argc, _user):
            try:
                args = [self._pop() for _ in range(argc)][::-1]
                self._push(fn(*args))
                return OK
            except Exception as error:  # nothing may propagate through C frames
                self.lib.c.fusevm_vm_fail(vm_handle, f"{type(error).__name__}: {error}".encode())
                return ERR_HANDLER_FAILED

        callback = _BUILTIN(trampoline)
        self._callbacks.append(callback)
        self.lib.check(self.lib.c.fusevm_vm_register_builtin(self.handle, builtin_id, callback, None))

    def set_extension_handler(self, fn):
        """Extended id arg calls fn(vm, id, arg); it works the stack with vm.pop() / vm.push()."""

        def trampoline(vm_handle, ext_id, arg, _user):
            try:
                fn(self, ext_id, arg)
                return OK
            except Exception as error:
                self.lib.c.fusevm_vm_fail(vm_handle, f"{type(error).__name__}: {error}".encode())
                return ERR_HANDLER_FAILED

        callback = _EXTENSION(trampoline)
        self._callbacks.append(callback)
        self.lib.check(self.lib.c.fusevm_vm_set_extension_handler(self.handle, callback, None))

    push, pop = _push, _pop

    def capture_output(self):
        """Collects what Print/PrintLn write; returns the list the pieces are appended to."""
        pieces = []
        callback = _OUTPUT(lambda data, size, _user: pieces.append(ctypes.string_at(data, size).decode()))
        self._callbacks.append(callback)
        self.lib.check(self.lib.c.fusevm_vm_set_output(self.handle, callback, None))
        return pieces

    def run(self):
        """The run's value (None when it halted); FusevmError when it failed."""
        self.lib.check(self.lib.c.fusevm_vm_run(self.handle, None))
        view = Value()
        self.lib.check(self.lib.c.fusevm_vm_result(self.handle, ctypes.byref(view)))
        return self._value(view)

    def reset(self):
        self.lib.check(self.lib.c.fusevm_vm_reset(self.handle))

    def stats(self):
        stats = Stats()
        self.lib.check(self.lib.c.fusevm_vm_stats(self.handle, ctypes.byref(stats)))
        return {name: getattr(stats, name) for name, _ in Stats._fields_}
