#!/usr/bin/env python3
"""The original fusevm's bench chunks on our interpreter, against the original's timings.

Runs every bench/chunks/*.json (except manifest.json) with

    FUSEVM run --no-jit --stats --json-result CHUNK.json

checks the result against bench/chunks/manifest.json, takes the run time from the `stats:` line
on stderr (minimum over --runs runs, default 3) and prints a markdown table: chunk, our run ms, the
original's median ms (from bench/chunks/UPSTREAM-TIMINGS.md) and the speedup (original / ours).

    bench/peers/upstream_chunks.py
    bench/peers/upstream_chunks.py --fusevm build/dev/tools/fusevm/fusevm --runs 1 --only 01,04

Exits 1 if any chunk gives a wrong result, fails or times out. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CHUNKS = os.path.join(REPO, "bench", "chunks")
DEFAULT_FUSEVM = os.path.join(REPO, "build", "release", "tools", "fusevm", "fusevm")

STATS_RE = re.compile(
    r"^stats: run_ms=(?P<run>[0-9.eE+-]+) ops=(?P<ops>\d+) load_ms=(?P<load>[0-9.eE+-]+) "
    r"verify_ms=(?P<verify>[0-9.eE+-]+)\s*$", re.M)
NUM_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def chunk_id(filename):
    """'03b_sum_loop_fused_backedge.json' -> '03b'."""
    return filename.split("_", 1)[0]


def upstream_medians(path):
    """Parses the table in UPSTREAM-TIMINGS.md: chunk id -> (label, median ms)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 4 or not re.match(r"^\d+[a-z]?\s", cells[0]):
                continue
            m = NUM_RE.search(cells[3])
            if m:
                cid, label = cells[0].split(None, 1)
                out[cid] = (label.replace("`", ""), float(m.group(0)))
    return out


def run_once(argv, timeout):
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:g} s"
    except OSError as e:
        return None, str(e)
    return p, ""


def measure(fusevm, path, expected, runs, timeout):
    """-> dict(status='ok'|'FAIL'|'TIMEOUT', run_ms, ops, detail)."""
    best = None
    ops = None
    for _ in range(runs):
        p, err = run_once([fusevm, "run", "--no-jit", "--stats", "--json-result", path], timeout)
        if p is None:
            return {"status": "TIMEOUT" if "timed out" in err else "FAIL", "detail": err}
        stdout = p.stdout.decode("utf-8", "replace")
        stderr = p.stderr.decode("utf-8", "replace")
        try:
            res = json.loads(stdout.strip().splitlines()[-1]) if stdout.strip() else None
        except ValueError:
            res = None
        if not isinstance(res, dict):
            return {"status": "FAIL",
                    "detail": f"exit {p.returncode}, no JSON result on stdout: "
                              f"{(stdout or stderr).strip()[:200]!r}"}
        if res.get("status") == "error":
            return {"status": "FAIL", "detail": f"error: {res.get('error')}"}
        if str(res.get("result")) != expected:
            return {"status": "FAIL",
                    "detail": f"status {res.get('status')}, result {res.get('result')!r}, expected {expected!r}"}
        m = STATS_RE.search(stderr)
        if not m:
            return {"status": "FAIL", "detail": f"no stats line on stderr: {stderr.strip()[:200]!r}"}
        # The original's figures cover VM::new + run, so ours do too: constructing our VM
        # verifies and prepares the chunk (verify_ms), then run_ms.
        ms = float(m.group("run")) + float(m.group("verify"))
        ops = int(m.group("ops"))
        best = ms if best is None else min(best, ms)
    return {"status": "ok", "run_ms": best, "ops": ops, "detail": ""}


def fmt_ms(ms):
    if ms >= 100:
        return f"{ms:.0f}"
    if ms >= 1:
        return f"{ms:.1f}"
    return f"{ms:.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fusevm", default=DEFAULT_FUSEVM,
                    help="the fusevm binary (default: build/release/tools/fusevm/fusevm)")
    ap.add_argument("--runs", type=int, default=3, help="runs per chunk; the minimum run_ms is reported")
    ap.add_argument("--only", default="", help="comma-separated chunk ids or file names (01,04b,...)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is abandoned")
    ap.add_argument("--out", default="", help="also write the table to this markdown file")
    args = ap.parse_args()

    fusevm = os.path.abspath(args.fusevm)
    if not os.access(fusevm, os.X_OK):
        print(f"error: {fusevm} not found or not executable", file=sys.stderr)
        return 2
    with open(os.path.join(CHUNKS, "manifest.json"), encoding="utf-8") as f:
        manifest = {e["file"]: e for e in json.load(f)}
    upstream = upstream_medians(os.path.join(CHUNKS, "UPSTREAM-TIMINGS.md"))
    files = sorted(f for f in os.listdir(CHUNKS) if f.endswith(".json") and f != "manifest.json")
    if args.only:
        wanted = {w.strip() for w in args.only.split(",") if w.strip()}
        files = [f for f in files if f in wanted or chunk_id(f) in wanted or f[:-5] in wanted]
        if not files:
            ap.error("--only matched no chunk")

    rows = []
    failed = False
    speedups = []
    for f in files:
        cid = chunk_id(f)
        entry = manifest.get(f)
        label, median = upstream.get(cid, (f[:-5], None))
        if entry is None:
            r = {"status": "FAIL", "detail": "not in manifest.json"}
        else:
            r = measure(fusevm, os.path.join(CHUNKS, f), str(entry["expected_result"]), max(1, args.runs),
                        args.timeout)
        if r["status"] != "ok":
            failed = True
            print(f"{r['status']}: {f}: {r['detail']}", file=sys.stderr)
            ours, speed = r["status"], "—"
        else:
            ours = fmt_ms(r["run_ms"])
            if median and r["run_ms"] > 0:
                s = median / r["run_ms"]
                speedups.append(s)
                speed = f"{s:.1f}×"
            else:
                speed = "—"
        print(f"  {f:45s} {ours}", file=sys.stderr, flush=True)
        rows.append((cid, label, ours, fmt_ms(median) if median is not None else "—", speed))

    lines = [
        f"Time in ms of VM construction + run (`stats: verify_ms + run_ms`, minimum of {max(1, args.runs)}), "
        "as the original's figures are, against the original's "
        "interpreter (median ms, UPSTREAM-TIMINGS.md); speedup = original / ours:",
        "",
        "| chunk | what | ours ms | original ms | speedup |",
        "|---|---|---:|---:|---:|",
    ]
    for cid, label, ours, med, speed in rows:
        lines.append(f"| {cid} | {label} | {ours} | {med} | {speed} |")
    if speedups:
        g = math.exp(sum(math.log(s) for s in speedups) / len(speedups))
        lines.append(f"| | **geometric mean** ({len(speedups)} chunks with both times) | | | **{g:.1f}×** |")
    table = "\n".join(lines)
    print(table)
    if args.out:
        model = ""
        try:
            with open("/proc/cpuinfo") as cf:
                model = next((l.split(":", 1)[1].strip() for l in cf if l.startswith("model name")), "")
        except OSError:
            pass
        ver = subprocess.run([fusevm, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        with open(args.out, "w") as out:
            out.write("# The original's bench chunks on fusevm\n\n" + table + "\n\n")
            out.write(f"* date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}\n")
            out.write(f"* CPU: {model or platform.processor()}, {os.cpu_count()} logical cores\n")
            out.write(f"* fusevm: {fusevm} ({ver.stdout.decode(errors='replace').strip()})\n")
        print(f"\nwrote {args.out}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
