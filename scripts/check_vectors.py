#!/usr/bin/env python3
"""Runs every conformance vector through `fusevm run --json-result` and compares the JSON object
it prints with the original's recorded outcome, the way an outside checker would.

A vector listed in a deviations file (tests/data/conformance/upstream-v0.13.6/deviations.json, or
our tests/data/fusevm-deviations.json) is judged by its `require` entry; "see section" entries
are judged by tests/interp_deviations_test.cpp and only counted here. Prints `N passed, N failed`
and exits 1 on any failure. (The CTest target `conformance` does the same in-process.)
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests/data/conformance/upstream-v0.13.6/vectors"


def normalise(value):
    """Hash entries compare without order (DEVIATIONS.md H)."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def judge(vector, got, require):
    if isinstance(require, str):
        return None  # judged by its section's own tests
    if isinstance(require, dict):
        if got["status"] != require["status"]:
            return f"status {got['status']}, the deviation requires {require['status']}"
        if "error_contains" in require and require["error_contains"] not in (got.get("error") or ""):
            return f"error {got.get('error')!r} lacks {require['error_contains']!r}"
        if "result" in require and got.get("result") != require["result"]:
            return f"result {got.get('result')!r}, the deviation requires {require['result']!r}"
        return None
    want = vector["status"]
    if got["status"] != want:
        return f"status {got['status']} (want {want}) {got.get('error') or ''}"
    if want == "ok":
        if normalise(got["value"]) != normalise(vector["value"]):
            return f"value {json.dumps(got['value'])} (want {json.dumps(vector['value'])})"
        if got["result"] != vector["result"]:
            return f"result {got['result']!r} (want {vector['result']!r})"
    if want == "error" and vector["error"] not in (got.get("error") or ""):
        return f"error {got.get('error')!r} (want it to contain {vector['error']!r})"
    if "stdout" in vector and got["stdout"] != vector["stdout"]:
        return f"stdout {got['stdout']!r} (want {vector['stdout']!r})"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fusevm", default=str(ROOT / "build/release/tools/fusevm/fusevm"))
    args = ap.parse_args()
    listed = json.loads((VECTORS.parent / "deviations.json").read_text())
    ours = json.loads((ROOT / "tests/data/fusevm-deviations.json").read_text())
    passed = failed = 0
    for path in sorted(VECTORS.glob("*.json")):
        vector = json.loads(path.read_text())
        entry = listed.get(path.stem) or ours.get(path.stem)
        p = subprocess.run([args.fusevm, "run", "--json-result", str(path)], stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=60)
        try:
            got = json.loads(p.stdout.decode("utf-8", "replace"))
        except ValueError:
            got = None
        problem = "no JSON object on stdout" if not isinstance(got, dict) else judge(
            vector, got, entry["require"] if entry else None)
        if problem:
            failed += 1
            print(f"FAIL {path.stem}: {problem}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed ({passed + failed} vectors through `fusevm run --json-result`)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
