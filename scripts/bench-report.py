#!/usr/bin/env python3
"""Writes docs/benchmarks.md and docs/benchmarks.svg: fusevm beside its peers, on this machine.

    scripts/bench-report.py                 # build release, install peers if missing, full runs
    scripts/bench-report.py --quick         # one run per cell, small awk inputs (a draft)
    scripts/bench-report.py --no-build --fusevm build/release/tools/fusevm/fusevm

Steps: builds the `release` preset (unless --no-build); installs the peers when one is missing
(scripts/install-deps.sh --with-peers); runs bench/peers/run_peers.py (fusevm's interpreter and
each JIT tier, C, Lua 5.4, LuaJIT, Python, Perl, Node.js) and the awk benchmark (the workloads
and data generator of ../shared/awk-bench, or --awk-bench DIR: mawk, gawk, original-awk,
busybox awk, fusevm awk with and without its JIT); writes the markdown report with the machine,
date and versions, and draws the chart with gnuplot. Times are wall clock of the whole process,
minimum over the runs. Run it on a quiet machine: the report says when it was a --quick draft.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
PEERS = os.path.join(REPO, "bench", "peers", "run_peers.py")
DEFAULT_FUSEVM = os.path.join(REPO, "build", "release", "tools", "fusevm", "fusevm")
DEFAULT_AWK_BENCH = os.path.abspath(os.path.join(REPO, "..", "shared", "awk-bench"))

# The chart shows these columns of the peer table (the rest are in the tables), in this order.
CHART_IMPLS = ["fusevm-interp", "fusevm-notrace", "fusevm", "c", "lua", "luajit-jit", "python", "perl", "node"]
# An awk cell whose run takes longer than this is run once (busybox and original-awk take minutes
# on some workloads that others finish in milliseconds).
SLOW_CELL_SECONDS = 10.0
PEER_COMMANDS = ["lua5.4", "luajit", "node", "perl", "mawk", "gawk", "original-awk", "busybox", "gnuplot"]


def log(msg):
    print(f"bench-report: {msg}", file=sys.stderr, flush=True)


def run(argv, **kw):
    log("$ " + " ".join(shlex.quote(a) for a in argv))
    return subprocess.run(argv, **kw)


def first_line(argv):
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        if line.strip():
            return line.strip()
    return ""


# ── steps ──────────────────────────────────────────────────────────────────────────────────────

def build_release():
    if run(["cmake", "--preset", "release"], cwd=REPO).returncode != 0:
        sys.exit("bench-report: cmake --preset release failed")
    if run(["cmake", "--build", "--preset", "release", "--target", "fusevm_cli"], cwd=REPO).returncode != 0:
        sys.exit("bench-report: the release build failed")


def ensure_peers():
    missing = [c for c in PEER_COMMANDS if not shutil.which(c)]
    if missing:
        log(f"missing: {', '.join(missing)}; installing the peers")
        run([os.path.join(REPO, "scripts", "install-deps.sh"), "--with-peers"], cwd=REPO)


def run_peer_suite(fusevm, quick, runs, work):
    out = os.path.join(work, "peers.json")
    argv = [sys.executable, PEERS, "--fusevm", fusevm, "--json", out]
    argv += ["--quick"] if quick else ["--runs", str(runs)]
    p = run(argv, stdout=subprocess.PIPE)
    table = p.stdout.decode("utf-8", "replace")
    if not os.path.exists(out):
        sys.exit("bench-report: run_peers.py wrote no results")
    with open(out) as f:
        data = json.load(f)
    data["exit_status"] = p.returncode
    data["tables"] = table
    return data


def awk_commands(fusevm):
    return [
        ("mawk", ["mawk"]),
        ("gawk", ["gawk"]),
        ("original-awk", ["original-awk"]),
        ("busybox awk", ["busybox", "awk"]),
        ("fusevm awk", [fusevm, "awk"]),
        ("fusevm awk --no-jit", [fusevm, "awk", "--no-jit"]),
    ]


def run_awk_suite(bench_dir, fusevm, quick, runs, work, timeout):
    """The awk benchmark's workloads, timed like the peers (min of runs, whole process)."""
    workloads_file = os.path.join(bench_dir, "workloads.txt")
    gen = os.path.join(bench_dir, "gen-data.sh")
    if not (os.path.isfile(workloads_file) and os.path.isfile(gen)):
        log(f"no awk benchmark in {bench_dir} (workloads.txt, gen-data.sh): awk section left out")
        return None
    rows = 100000 if quick else 1000000
    data_dir = os.path.join(work, "awk-data")
    if run(["sh", gen, data_dir, str(rows)], stdout=subprocess.DEVNULL).returncode != 0:
        log("gen-data.sh failed: awk section left out")
        return None
    awks = [(label, argv) for label, argv in awk_commands(fusevm) if shutil.which(argv[0])]
    workloads = []
    with open(workloads_file) as f:
        for line in f:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, prog, kind = (x.strip() for x in line.split("|"))
            inputs = {"table": [os.path.join(data_dir, "table.tsv")],
                      "text": [os.path.join(data_dir, "text.txt")]}.get(kind, [])
            workloads.append((name, shlex.split(prog) + inputs))
    cells = {}
    for name, args in workloads:
        cells[name] = {}
        for label, argv in awks:
            times, status = [], "ok"
            for _ in range(1 if quick else runs):
                t0 = time.perf_counter()
                try:
                    p = subprocess.run(argv + args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, timeout=timeout)
                except subprocess.TimeoutExpired:
                    status = "TIMEOUT"
                    break
                if p.returncode != 0:
                    status = "FAIL"
                    break
                times.append(time.perf_counter() - t0)
                if times[-1] > SLOW_CELL_SECONDS:
                    break  # noise is small beside the time itself; repeating it costs minutes
            cells[name][label] = min(times) if status == "ok" else status
            log(f"  awk {name:14s} {label:20s} {cells[name][label]}")
    version_args = {"mawk": ["-W", "version"], "gawk": ["--version"], "original-awk": ["-version"],
                    "busybox awk": ["--help"]}
    versions = {label: first_line(argv[:1] + version_args.get(label, ["--version"])) for label, argv in awks}
    return {"rows": rows, "awks": [a for a, _ in awks], "cells": cells, "versions": versions,
            "workloads": [w for w, _ in workloads]}


# ── report ─────────────────────────────────────────────────────────────────────────────────────

def fmt(x):
    if isinstance(x, str):
        return x
    return f"{x:.3f}" if x >= 0.01 else f"{x:.4f}"


def ratio_fmt(r):
    return f"{r:.2f}" if r >= 0.1 else f"{r:.3f}"


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def peer_ratios(peers):
    """{impl: {workload: time / baseline time}} for cells where both ran."""
    base = peers["baseline"]
    out = {}
    for impl in peers["implementations"]:
        k = impl["key"]
        out[k] = {}
        for w in peers["workloads"]:
            c, b = peers["cells"][w][k], peers["cells"][w][base]
            if c["status"] == "ok" and b["status"] == "ok" and b["seconds"]:
                out[k][w] = c["seconds"] / b["seconds"]
    return out


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    distro = ""
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    distro = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {
        "cpu": model or platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "memory": mem,
        "kernel": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "os": distro,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    }


def git_revision():
    rev = first_line(["git", "-C", REPO, "rev-parse", "--short", "HEAD"])
    dirty = first_line(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"])
    return rev + (" (with uncommitted changes)" if dirty else "") if rev else "unknown"


def impl_table(L, impls, workloads, cell_text):
    """Appends a markdown table: a row per workload, a column per implementation."""
    L.append("| workload | " + " | ".join(i["label"] for i in impls) + " |")
    L.append("|---|" + "---:|" * len(impls))
    for w in workloads:
        L.append(f"| {w} | " + " | ".join(cell_text(w, i) for i in impls) + " |")


def write_markdown(path, peers, awk, m, quick, runs, chart_name, argv, revision):
    impls = [i for i in peers["implementations"] if i["available"]]
    ratios = peer_ratios(peers)
    base_label = next(i["label"] for i in peers["implementations"] if i["key"] == peers["baseline"])
    L = []
    L.append("# Benchmarks")
    L.append("")
    L.append("<!-- Written by scripts/bench-report.py; rerun it rather than editing this file. -->")
    L.append("")
    if quick:
        L.append("> **Draft.** Made with `--quick` (one run per cell, small awk inputs) on a machine that "
                 "was busy with other work: the numbers show the shape, not the final figures. Rerun "
                 "`scripts/bench-report.py` on a quiet machine for the real report.")
        L.append("")
    L.append(f"Measured on {m['date']} at revision {revision} by `{' '.join(argv)}`.")
    L.append("")
    L.append("| machine | |")
    L.append("|---|---|")
    L.append(f"| CPU | {m['cpu']} |")
    L.append(f"| logical cores | {m['cores']} |")
    if m["memory"]:
        L.append(f"| memory | {m['memory']} |")
    L.append(f"| kernel | {m['kernel']} |")
    if m["os"]:
        L.append(f"| OS | {m['os']} |")
    L.append(f"| load average at the end | {m['load']} |")
    L.append("")
    L.append("## The peer suite")
    L.append("")
    L.append("Eleven workloads written the same way in each language (`bench/peers/`, whose README "
             "describes them and how each language is written). Time is wall clock of the whole "
             f"process, start-up included, minimum of {peers['runs']} run(s); fusevm's code cache is "
             "off, so every fusevm run pays for its own compiles. fusevm runs five ways:")
    L.append("")
    L.append("* `fusevm --no-jit`: the interpreter alone;")
    L.append("* `fusevm no trace`: the linear and block tiers (`FUSEVM_JIT_TRACE=off`);")
    L.append("* `fusevm trace only`: the trace tier without the other two "
             "(`FUSEVM_JIT_LINEAR=off FUSEVM_JIT_BLOCK=off`);")
    L.append("* `fusevm`: every tier (the default);")
    L.append("* `fusevm --fuse`: every tier, after automatic fusion (which turns the whole loops of "
             "`sum_loop` and `string_append` into single fused ops).")
    L.append("")
    L.append("The linear tier compiles only chunks without control flow, so alone it would time the "
             "interpreter on every one of these workloads.")
    L.append("")
    L.append(f"![Time relative to {base_label}, log scale](benchmarks.svg)")
    L.append("")
    L.append("Seconds (lower is better):")
    L.append("")
    def seconds_text(w, i):
        c = peers["cells"][w][i["key"]]
        return fmt(c["seconds"]) if c["status"] == "ok" else c["status"]

    impl_table(L, impls, peers["workloads"], seconds_text)
    L.append("")
    L.append(f"Time relative to {base_label} (time / {base_label} time; lower is better), and the "
             "geometric mean over the workloads:")
    L.append("")
    def ratio_text(w, i):
        r = ratios[i["key"]].get(w)
        return ratio_fmt(r) if r is not None else peers["cells"][w][i["key"]]["status"]

    impl_table(L, impls, peers["workloads"], ratio_text)
    gm = []
    for i in impls:
        g = geomean(list(ratios[i["key"]].values()))
        n = len(ratios[i["key"]])
        gm.append("—" if g is None else f"**{g:.2f}**" + ("" if n == len(peers["workloads"]) else f" ({n}/{len(peers['workloads'])})"))
    L.append("| **geometric mean** | " + " | ".join(gm) + " |")
    L.append("")
    failed = [(w, i["label"], peers["cells"][w][i["key"]]) for w in peers["workloads"] for i in impls
              if peers["cells"][w][i["key"]]["status"] not in ("ok", "n/a")]
    if failed:
        L.append("Cells that did not run cleanly:")
        L.append("")
        for w, label, c in failed:
            L.append(f"* {w}, {label}: {c['status']} — {c['detail']}")
        L.append("")
    missing = [i for i in peers["implementations"] if not i["available"]]
    L.append("Versions:")
    L.append("")
    for i in impls:
        L.append(f"* {i['label']}: {i['version'] or 'unknown'}")
    for i in missing:
        L.append(f"* {i['label']}: not run — {i['why_na']}")
    L.append("")
    if awk:
        L.append("## The awk benchmark")
        L.append("")
        L.append(f"The ten workloads of the awk benchmark (`workloads.txt` and `gen-data.sh` of "
                 f"`../shared/awk-bench`) on {awk['rows']:,}-line inputs; seconds, minimum of "
                 f"{1 if quick else runs} run(s) (one where a run took over {SLOW_CELL_SECONDS:.0f} s), "
                 "whole process (lower is better):")
        L.append("")
        L.append("| workload | " + " | ".join(awk["awks"]) + " |")
        L.append("|---|" + "---:|" * len(awk["awks"]))
        for w in awk["workloads"]:
            L.append(f"| {w} | " + " | ".join(fmt(awk["cells"][w][a]) for a in awk["awks"]) + " |")
        if "gawk" in awk["awks"]:
            gm = []
            for a in awk["awks"]:
                rs = [awk["cells"][w][a] / awk["cells"][w]["gawk"] for w in awk["workloads"]
                      if not isinstance(awk["cells"][w][a], str) and not isinstance(awk["cells"][w]["gawk"], str)]
                g = geomean(rs)
                gm.append("—" if g is None else f"**{g:.2f}**" + ("" if len(rs) == len(awk["workloads"]) else f" ({len(rs)})"))
            L.append("| **geometric mean vs gawk** | " + " | ".join(gm) + " |")
        L.append("")
        L.append("Versions:")
        L.append("")
        for a in awk["awks"]:
            L.append(f"* {a}: {awk['versions'].get(a) or 'unknown'}")
        L.append("")
    L.append("## Reproducing")
    L.append("")
    L.append("```sh")
    L.append("scripts/bench-report.py            # builds release, installs missing peers, five runs a cell")
    L.append("scripts/bench-report.py --quick    # one run per cell: a draft in a few minutes")
    L.append("```")
    L.append("")
    L.append("It writes this file and `docs/benchmarks.svg` (gnuplot). Compare ratios from one run "
             "rather than absolute times across machines.")
    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")


def write_chart(path, peers, work):
    """A grouped bar chart of time relative to the baseline (log scale), one group per workload
    and one for the geometric mean."""
    gnuplot = shutil.which("gnuplot")
    if not gnuplot:
        log("gnuplot not found (scripts/install-deps.sh --with-peers): no chart")
        return False
    ratios = peer_ratios(peers)
    impls = [i for i in peers["implementations"] if i["available"] and i["key"] in CHART_IMPLS]
    impls.sort(key=lambda i: CHART_IMPLS.index(i["key"]))
    rows = list(peers["workloads"]) + ["geomean"]
    dat = os.path.join(work, "chart.dat")
    with open(dat, "w") as f:
        f.write("workload " + " ".join('"%s"' % i["label"] for i in impls) + "\n")
        for w in rows:
            vals = []
            for i in impls:
                r = geomean(list(ratios[i["key"]].values())) if w == "geomean" else ratios[i["key"]].get(w)
                vals.append(f"{r:.5f}" if r else "NaN")
            f.write(f"{w} " + " ".join(vals) + "\n")
    base_label = next(i["label"] for i in peers["implementations"] if i["key"] == peers["baseline"])
    colors = ["#9ecae1", "#4292c6", "#08306b", "#737373", "#fdae6b", "#e6550d", "#74c476", "#9e9ac8", "#f768a1"]
    script = os.path.join(work, "chart.gp")
    with open(script, "w") as f:
        f.write(f"""set terminal svg size 1200,520 dynamic font "sans,11" background "#ffffff"
set output "{path}"
set termoption noenhanced
set title "Time relative to {base_label} (log scale, lower is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set boxwidth 0.9
set logscale y 10
set yrange [0.001:*]
set format y "%g"
set grid ytics
set xtics rotate by -30 nomirror
set key outside right top vertical
set ylabel "time / {base_label} time"
set datafile missing "NaN"
""")
        plots = []
        for n, i in enumerate(impls):
            plots.append(f'"{dat}" using {n + 2}:xtic(1) title columnheader({n + 2}) lc rgb "{colors[n % len(colors)]}"')
        f.write("plot " + ", \\\n     ".join(plots) + "\n")
    p = run([gnuplot, script], stderr=subprocess.PIPE)
    if p.returncode != 0:
        log("gnuplot failed: " + p.stderr.decode(errors="replace"))
        return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="one run per cell and 100k-line awk inputs (a draft)")
    ap.add_argument("--runs", type=int, default=5, help="runs per cell, minimum reported (default 5)")
    ap.add_argument("--fusevm", default=DEFAULT_FUSEVM, help="the fusevm binary (default: the release build)")
    ap.add_argument("--no-build", action="store_true", help="do not build the release preset first")
    ap.add_argument("--no-install", action="store_true", help="do not install missing peers")
    ap.add_argument("--awk-bench", default=DEFAULT_AWK_BENCH, help="the awk benchmark directory")
    ap.add_argument("--no-awk", action="store_true", help="leave the awk benchmark out")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds before an awk run is abandoned (default 300, 60 with --quick)")
    ap.add_argument("--out", default=os.path.join(REPO, "docs", "benchmarks.md"), help="the markdown report")
    args = ap.parse_args()

    if args.timeout is None:
        args.timeout = 60.0 if args.quick else 300.0
    if not args.no_build:
        build_release()
    if not args.no_install:
        ensure_peers()
    fusevm = os.path.abspath(args.fusevm)
    if not os.access(fusevm, os.X_OK):
        sys.exit(f"bench-report: {fusevm} not found (build it, or pass --fusevm)")
    argv = ["scripts/bench-report.py"] + sys.argv[1:]
    revision = git_revision()  # before the runs: the tree may change while they take their time
    with tempfile.TemporaryDirectory(prefix="fusevm-bench-") as work:
        peers = run_peer_suite(fusevm, args.quick, args.runs, work)
        awk = None if args.no_awk else run_awk_suite(args.awk_bench, fusevm, args.quick, args.runs, work, args.timeout)
        chart = os.path.join(os.path.dirname(os.path.abspath(args.out)), "benchmarks.svg")
        write_chart(chart, peers, work)
        write_markdown(args.out, peers, awk, machine(), args.quick, args.runs, os.path.basename(chart), argv, revision)
    log(f"wrote {args.out} and {chart}")
    return peers["exit_status"]


if __name__ == "__main__":
    sys.exit(main())
