#!/usr/bin/env python3
"""Lists the conformance vectors whose outcome fusevm changes on purpose but which deviations.json
does not list: those that underflow the stack in the ORIGINAL implementation (section A), plus a
few hand-checked ones (EXTRA below).

DEVIATIONS.md section A makes every stack underflow an error; deviations.json lists only 22 of the
vectors where that changes the outcome. This script simulates the original's own stack rules
(ORIGINAL-BEHAVIOUR.md §7: the "fast path" binary ops do nothing on a short stack, other pops yield
Undef, Dup pushes Undef on an empty stack, MakeArray/MakeHash take what is there) on each vector,
op by op from ip 0, and reports the first op that reads below the stack base. It stops at the first
control transfer it cannot follow statically, so it only claims an underflow it has proved.

Output: tests/data/fusevm-deviations.json (vector name -> section, requirement, and for underflows
the op index and op name).
"""
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "conformance", "upstream-v0.13.6")

FIXED = {  # op -> (pops, pushes) in the original, for the ops that appear in the vectors
    **{op: (2, 1) for op in "Add Sub Mul Div Mod Pow Concat StringRepeat NumEq NumNe NumLt NumGt NumLe NumGe "
       "Spaceship StrEq StrNe StrLt StrGt StrLe StrGe StrCmp LogAnd LogOr BitAnd BitOr BitXor Shl Shr "
       "Range PowFloat Atan2Float".split()},
    **{op: (1, 1) for op in "Negate Inc Dec StringLen LogNot BitNot SqrtFloat SinFloat CosFloat ExpFloat "
       "LogFloat AbsFloat TruncInt".split()},
    **{op: (0, 1) for op in "LoadInt LoadFloat LoadConst LoadTrue LoadFalse LoadUndef GetSlot GetVar".split()},
    **{op: (1, 0) for op in "Pop SetSlot SetVar DeclareVar".split()},
    "Nop": (0, 0), "Dup": (1, 2), "Dup2": (2, 4), "Swap": (2, 2), "Rot": (3, 3),
}
CONTROL = {"Jump", "JumpIfTrue", "JumpIfFalse", "JumpIfTrueKeep", "JumpIfFalseKeep", "Call",
           "Return", "ReturnValue"}

# Vectors that deviations.json misses for other sections, checked by hand against DEVIATIONS.md.
EXTRA = {
    "0095_slots_slotarrayset_unset_slot": {
        "section": "C",
        "require": {"status": "ok", "result": "99"},
        "note": "SlotArraySet on an Undef slot: DEVIATIONS.md C makes the slot an array and the write "
                "happens (the original drops the write); deviations.json lists only the non-array case 0094",
    },
    "0497_shell_nohost_expandparam_default": {
        "section": "G",
        "require": {"status": "ok", "result": "1 dflt"},
        "note": "DEVIATIONS.md G: DefaultHost's pure functions really work, parameter expansion included "
                "(docs/hosts.md); ${x:-dflt} with x unset is dflt (the original expands every modifier to \"\")",
    },
}


def first_underflow(ops):
    depth = 0
    scopes = []  # depths left behind by PushFrame; PopFrame truncates back to them
    for ip, op in enumerate(ops):
        name, payload = (op, None) if isinstance(op, str) else next(iter(op.items()))
        if name == "PushFrame":
            scopes.append(depth)
            depth = 0
            continue
        if name == "PopFrame":
            if not scopes:
                return None  # popping the root frame: section D, listed separately
            depth = scopes.pop()
            continue
        if name in ("MakeArray", "MakeHash"):
            depth = depth - min(depth, payload) + 1
            continue
        if name in ("JumpIfTrue", "JumpIfFalse", "JumpIfTrueKeep", "JumpIfFalseKeep") and depth < 1:
            return ip, name
        if name in CONTROL:
            return None  # control flow: stop, claim nothing further
        if name not in FIXED:
            return None
        pops, pushes = FIXED[name]
        if depth < pops:
            return ip, name
        depth += pushes - pops
    return None


def main():
    listed = json.load(open(os.path.join(ROOT, "deviations.json")))
    found = {}
    vec_dir = os.path.join(ROOT, "vectors")
    for fname in sorted(os.listdir(vec_dir)):
        name = fname[:-5]
        if name in listed:
            continue
        vec = json.load(open(os.path.join(vec_dir, fname)))
        hit = first_underflow(vec["chunk"]["ops"])
        if hit:
            found[name] = {"section": "A", "ip": hit[0], "op": hit[1],
                           "require": {"status": "error", "error_contains": "stack underflow"},
                           "original": vec["status"], "note": "underflows in the original; not listed in deviations.json"}
    found.update(EXTRA)
    out = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "fusevm-deviations.json")
    with open(out, "w") as f:
        json.dump(found, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(found)} vectors deviate without being listed -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
