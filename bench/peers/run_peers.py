#!/usr/bin/env python3
"""Peer benchmarks: the same workloads in fusevm assembly, C, Lua, Python, Perl and JavaScript.

fusevm runs five ways: with its JIT (the default: every tier), interpreter only (--no-jit), with
the trace tier off (FUSEVM_JIT_TRACE=off: linear and block tiers), with the trace tier alone
(FUSEVM_JIT_LINEAR=off FUSEVM_JIT_BLOCK=off), and with automatic fusion (--fuse, JIT on). LuaJIT
runs with its JIT on and off. fusevm's code cache is switched off (FUSEVM_JIT_CACHE_DIR=off), so
every fusevm run pays its own compiles.

For each workload in this directory (NAME.fvm, NAME.c, NAME.lua, NAME.py, NAME.pl, NAME.js) it runs every
implementation, checks that each prints exactly what the C build prints, times each one (wall
clock of the whole process, minimum over --runs runs) and prints a markdown table of seconds and
one of ratios against Lua 5.4 (time / lua_time: lower is better) with their geometric mean.

    bench/peers/run_peers.py                        # everything, 3 runs each
    bench/peers/run_peers.py --quick --skip python,perl
    bench/peers/run_peers.py --only fib,sort --runs 5 --out /tmp/peers.md
    bench/peers/run_peers.py --json /tmp/peers.json     # also the raw times, for scripts

Exits 1 if any output differs from the reference, a program fails or times out. Standard library
only. See README.md next to this file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_FUSEVM = os.path.join(REPO, "build", "release", "tools", "fusevm", "fusevm")

# In table order.
WORKLOADS = [
    "sum_loop",
    "fib",
    "float_loop",
    "primes",
    "sieve",
    "array_push_sum",
    "hash_setget",
    "string_append",
    "calls",
    "mandelbrot",
    "sort",
]

# What every program prints at the sizes in the sources. The reference is the C build's output;
# this table is used only when gcc is unavailable, and to warn when C disagrees with it (a size
# changed in one place).
EXPECTED = {
    "sum_loop": "4999999950000000",
    "fib": "5702887",
    "float_loop": "1989220347",
    "primes": "49098",
    "sieve": "348513",
    "array_push_sum": "49999995000000",
    "hash_setget": "124999750000",
    "string_append": "24000000",
    "calls": "200000010000000",
    "mandelbrot": "14565995",
    "sort": "221890359",
}

BASELINE = "lua"  # ratios are time / time of this implementation


@dataclass
class Impl:
    key: str  # used by --skip
    label: str  # column heading
    ext: str  # source file extension
    aliases: tuple = ()
    argv: Optional[Callable[[str], list]] = None  # workload name -> command, set when available
    why_na: str = ""  # why it is unavailable
    version: str = ""
    env: dict = field(default_factory=dict)  # extra environment of its runs


@dataclass
class Cell:
    seconds: Optional[float] = None
    status: str = ""  # "" = ok, else "FAIL", "TIMEOUT", "n/a"
    detail: str = ""
    output: str = ""  # what the first run printed (trailing newlines removed)
    times: list = field(default_factory=list)


def sh(argv, timeout=20):
    """Runs a short command, returns stdout+stderr text or None if it cannot run."""
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return p.stdout.decode("utf-8", "replace")


def first_line(text):
    if not text:
        return ""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def split_list(s):
    return [x.strip() for x in s.split(",") if x.strip()] if s else []


# ── implementations ────────────────────────────────────────────────────────────────────────────

def make_impls():
    return [
        Impl("fusevm", "fusevm", "fvm", aliases=("fusevm-jit",)),
        Impl("fusevm-interp", "fusevm --no-jit", "fvm", aliases=("interp",)),
        Impl("fusevm-notrace", "fusevm no trace", "fvm", aliases=("notrace",)),
        Impl("fusevm-trace", "fusevm trace only", "fvm", aliases=("trace",)),
        Impl("fusevm-fuse", "fusevm --fuse", "fvm", aliases=("fuse",)),
        Impl("c", "C -O2", "c", aliases=("gcc",)),
        Impl("lua", "Lua 5.4", "lua", aliases=("lua5.4",)),
        Impl("luajit-jit", "LuaJIT", "lua"),
        Impl("luajit", "LuaJIT -joff", "lua"),
        Impl("python", "Python 3", "py", aliases=("python3", "py")),
        Impl("perl", "Perl 5", "pl"),
        Impl("node", "Node.js", "js", aliases=("nodejs", "js")),
    ]


def setup_fusevm(impls, fusevm):
    jit = next(i for i in impls if i.key == "fusevm")
    interp = next(i for i in impls if i.key == "fusevm-interp")
    fused = next(i for i in impls if i.key == "fusevm-fuse")
    notrace = next(i for i in impls if i.key == "fusevm-notrace")
    trace = next(i for i in impls if i.key == "fusevm-trace")
    mine = (jit, interp, fused, notrace, trace)
    if not (os.path.isfile(fusevm) and os.access(fusevm, os.X_OK)):
        for i in mine:
            i.why_na = f"{fusevm} not found (build it: cmake --preset release && cmake --build --preset release)"
        return
    helptext = sh([fusevm, "run", "--help"])
    version = first_line(sh([fusevm, "--version"]))
    if helptext is None or not re.search(r"^Usage: \S+ run\b", helptext, re.M):
        for i in mine:
            i.why_na = f"{fusevm} has no `run` subcommand yet"
        return
    base = [fusevm, "run"]
    jit.argv = lambda w: base + [os.path.join(HERE, w + ".fvm")]
    for i in mine:
        i.version = version
    if "--no-jit" in helptext:
        interp.argv = lambda w: base + ["--no-jit", os.path.join(HERE, w + ".fvm")]
    else:
        interp.why_na = f"{fusevm} run has no --no-jit option"
    # The tiers are switched by environment (docs/jit.md, "Configuration"); a build without the
    # trace tier ignores FUSEVM_JIT_TRACE, so its two columns would only repeat the first.
    for impl, env in ((notrace, {"FUSEVM_JIT_TRACE": "off"}),
                      (trace, {"FUSEVM_JIT_LINEAR": "off", "FUSEVM_JIT_BLOCK": "off"})):
        if "--jit-stats" in helptext:
            impl.argv = jit.argv
            impl.env = env
        else:
            impl.why_na = f"{fusevm} has no trace tier"
    if "--fuse" in helptext:
        fused.argv = lambda w: base + ["--fuse", os.path.join(HERE, w + ".fvm")]
    else:
        fused.why_na = f"{fusevm} run has no --fuse option"


def setup_c(impl, workloads, cdir):
    gcc = shutil.which("gcc")
    if not gcc:
        impl.why_na = "gcc not found"
        return
    impl.version = first_line(sh([gcc, "--version"]))
    built = {}
    for w in workloads:
        src = os.path.join(HERE, w + ".c")
        exe = os.path.join(cdir, w)
        p = subprocess.run([gcc, "-std=c11", "-O2", "-o", exe, src, "-lm"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            print(f"gcc failed on {w}.c:\n{p.stdout.decode(errors='replace')}", file=sys.stderr)
            built[w] = None
        else:
            built[w] = exe
    impl.argv = lambda w: [built[w]] if built.get(w) else None


def setup_interp(impl, exe_name, extra, version_argv):
    exe = shutil.which(exe_name)
    if not exe:
        impl.why_na = f"{exe_name} not installed (scripts/install-deps.sh --with-peers)"
        return
    impl.version = first_line(sh([exe] + version_argv))
    impl.argv = lambda w: [exe] + extra + [os.path.join(HERE, w + "." + impl.ext)]


def setup_python(impl):
    exe = shutil.which("python3")
    if not exe:
        impl.why_na = "python3 not found"
        return
    # Resolve wrappers (pyenv shims are shell scripts) so their start-up is not timed.
    real = first_line(sh([exe, "-c", "import sys; print(sys.executable)"])) or exe
    impl.version = first_line(sh([real, "--version"]))
    impl.argv = lambda w: [real, os.path.join(HERE, w + ".py")]


# ── running ────────────────────────────────────────────────────────────────────────────────────

def run_once(argv, timeout, env=None):
    full_env = dict(os.environ, **env) if env else None
    t0 = time.perf_counter()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, env=full_env)
    except subprocess.TimeoutExpired:
        return None, None, None, "timeout"
    except OSError as e:
        return None, None, None, str(e)
    t1 = time.perf_counter()
    return t1 - t0, p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def run_into(cell, argv, timeout, reference, env=None):
    """Runs once and records the time in `cell`, or marks it FAIL/TIMEOUT."""
    secs, rc, out, err = run_once(argv, timeout, env)
    if secs is None:
        cell.status = "TIMEOUT" if err == "timeout" else "FAIL"
        cell.detail = f"timed out after {timeout:g} s" if err == "timeout" else err
        return
    if rc != 0:
        cell.status = "FAIL"
        cell.detail = f"exit {rc}: {first_line(err) or first_line(out)}"
        return
    out = out.rstrip("\n")
    if not cell.times:
        cell.output = out
    if reference is not None and out != reference:
        cell.status = "FAIL"
        shown = out if len(out) < 200 else out[:200] + "..."
        cell.detail = f"printed {shown!r}, expected {reference!r}"
        return
    cell.times.append(secs)
    cell.seconds = min(cell.times)


# ── output ─────────────────────────────────────────────────────────────────────────────────────

def fmt_secs(cell):
    if cell.status:
        return cell.status
    s = cell.seconds
    return f"{s:.3f}" if s >= 0.01 else f"{s:.4f}"


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def tables(workloads, impls, cells, runs):
    cols = list(impls)
    lines = []
    lines.append(f"Wall-clock seconds per run (minimum of {runs}), whole process:")
    lines.append("")
    lines.append("| workload | " + " | ".join(i.label for i in cols) + " |")
    lines.append("|---|" + "---:|" * len(cols))
    for w in workloads:
        lines.append(f"| {w} | " + " | ".join(fmt_secs(cells[w][i.key]) for i in cols) + " |")
    lines.append("")

    base = next((i for i in impls if i.key == BASELINE), None)
    base_label = base.label if base else BASELINE
    lines.append(f"Ratio to {base_label} (time / {base_label} time; lower is better):")
    lines.append("")
    lines.append("| workload | " + " | ".join(i.label for i in cols) + " |")
    lines.append("|---|" + "---:|" * len(cols))
    ratios = {i.key: [] for i in cols}
    for w in workloads:
        b = cells[w][BASELINE] if base else None
        row = []
        for i in cols:
            c = cells[w][i.key]
            if c.status:
                row.append(c.status)
            elif b is None or b.status or not b.seconds:
                row.append("—")
            else:
                r = c.seconds / b.seconds
                ratios[i.key].append(r)
                row.append(f"{r:.2f}" if r >= 0.1 else f"{r:.3f}")
        lines.append(f"| {w} | " + " | ".join(row) + " |")
    gm = []
    for i in cols:
        g = geomean(ratios[i.key])
        if g is None:
            gm.append("n/a" if all(cells[w][i.key].status == "n/a" for w in workloads) else "—")
        else:
            n = len(ratios[i.key])
            gm.append(f"**{g:.2f}**" + ("" if n == len(workloads) else f" ({n}/{len(workloads)})"))
    lines.append("| **geometric mean** | " + " | ".join(gm) + " |")
    return "\n".join(lines)


def machine_info(impls, runs, argv):
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    lines = [
        "## Machine",
        "",
        f"* date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"* CPU: {model or platform.processor() or 'unknown'}, {os.cpu_count()} logical cores",
        f"* OS: {platform.system()} {platform.release()} ({platform.machine()})",
        f"* command: `{' '.join(argv)}` ({runs} run(s) per cell, minimum taken)",
        "",
        "## Tools",
        "",
    ]
    for i in impls:
        if i.argv:
            lines.append(f"* {i.label}: {i.version or 'version unknown'}")
        else:
            lines.append(f"* {i.label}: n/a — {i.why_na or 'skipped'}")
    return "\n".join(lines)


def write_json(path, workloads, impls, cells, runs):
    doc = {
        "runs": runs,
        "baseline": BASELINE,
        "workloads": workloads,
        "implementations": [
            {"key": i.key, "label": i.label, "version": i.version, "available": bool(i.argv),
             "why_na": i.why_na, "env": i.env}
            for i in impls
        ],
        "cells": {
            w: {k: {"seconds": c.seconds, "status": c.status or "ok", "times": c.times, "detail": c.detail}
                for k, c in cells[w].items()}
            for w in workloads
        },
    }
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fusevm", default=DEFAULT_FUSEVM,
                    help="the fusevm binary (default: build/release/tools/fusevm/fusevm)")
    ap.add_argument("--only", default="", help="comma-separated workloads to run")
    ap.add_argument("--skip", default="",
                    help="comma-separated implementations to leave out: "
                         "fusevm, fusevm-interp, fusevm-notrace, fusevm-trace, fusevm-fuse, c, lua, "
                         "luajit-jit, luajit, python, perl, node")
    ap.add_argument("--runs", type=int, default=3, help="runs per cell; the minimum is reported (default 3)")
    ap.add_argument("--quick", action="store_true", help="one run per cell (same as --runs 1)")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds before a single run is abandoned and the cell shows TIMEOUT (default 120)")
    ap.add_argument("--out", default="", help="also write the tables and machine info to this markdown file")
    ap.add_argument("--json", default="",
                    help="also write every cell (seconds, status, all run times) and the tools' versions "
                         "to this JSON file")
    args = ap.parse_args()

    runs = 1 if args.quick else max(1, args.runs)
    os.environ["FUSEVM_JIT_CACHE_DIR"] = "off"  # every fusevm run compiles for itself
    workloads = WORKLOADS
    if args.only:
        wanted = split_list(args.only)
        unknown = [w for w in wanted if w not in WORKLOADS]
        if unknown:
            ap.error(f"unknown workload(s): {', '.join(unknown)} (have: {', '.join(WORKLOADS)})")
        workloads = [w for w in WORKLOADS if w in wanted]

    with tempfile.TemporaryDirectory(prefix="fusevm-peers-") as cdir:
        impls = make_impls()
        skip = set(split_list(args.skip))
        known = {k for i in impls for k in (i.key,) + i.aliases}
        bad = skip - known
        if bad:
            ap.error(f"unknown implementation(s) in --skip: {', '.join(sorted(bad))}")

        fusevm = os.path.abspath(args.fusevm)
        by_key = {i.key: i for i in impls}
        setup_fusevm(impls, fusevm)
        setup_c(by_key["c"], workloads, cdir)
        setup_interp(by_key["lua"], "lua5.4", [], ["-v"])
        setup_interp(by_key["luajit-jit"], "luajit", [], ["-v"])
        setup_interp(by_key["luajit"], "luajit", ["-joff"], ["-v"])
        setup_python(by_key["python"])
        setup_interp(by_key["perl"], "perl", [], ["-e", 'print "perl $^V\\n"'])
        setup_interp(by_key["node"], "node", [], ["--version"])
        for i in impls:
            if i.key in skip or skip.intersection(i.aliases):
                i.argv = None
                i.why_na = "skipped (--skip)"
        for i in impls:
            if not i.argv:
                print(f"note: {i.label}: n/a — {i.why_na}", file=sys.stderr)

        failed = False
        cells = {}
        c_impl = by_key["c"]
        # The C build goes first: its output is the reference for the others. The runs of one
        # workload go round-robin over the implementations, so a burst of load on the machine
        # hits all of them alike.
        order = [c_impl] + [i for i in impls if i is not c_impl]
        for w in workloads:
            row = cells[w] = {}
            reference = EXPECTED.get(w)
            for impl in order:
                if not impl.argv:
                    row[impl.key] = Cell(status="n/a")
                elif impl.argv(w) is None:  # available, but this workload's build failed
                    row[impl.key] = Cell(status="FAIL", detail="build failed")
                else:
                    row[impl.key] = Cell()
            for r in range(runs):
                for impl in order:
                    cell = row[impl.key]
                    if cell.status:
                        continue
                    run_into(cell, impl.argv(w), args.timeout, None if impl is c_impl else reference,
                             impl.env)
                    if impl is c_impl and r == 0 and not cell.status:
                        if reference not in (None, cell.output):
                            print(f"warning: {w}: C prints {cell.output!r}, EXPECTED in run_peers.py "
                                  f"says {reference!r} (update it after changing a size)", file=sys.stderr)
                        reference = cell.output
            for impl in order:
                cell = row[impl.key]
                if cell.status in ("FAIL", "TIMEOUT"):
                    failed = True
                    print(f"{cell.status}: {w} [{impl.label}]: {cell.detail}", file=sys.stderr)
                if cell.status != "n/a":
                    print(f"  {w:15s} {impl.label:14s} {fmt_secs(cell)}", file=sys.stderr, flush=True)

        table = tables(workloads, impls, cells, runs)
        print(table)
        if args.out:
            with open(args.out, "w") as f:
                f.write("# fusevm peer benchmarks\n\n")
                f.write(table + "\n\n")
                f.write(machine_info(impls, runs, [os.path.relpath(sys.argv[0], REPO)] + sys.argv[1:]) + "\n")
            print(f"\nwrote {args.out}", file=sys.stderr)
        if args.json:
            write_json(args.json, workloads, impls, cells, runs)
            print(f"wrote {args.json}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
