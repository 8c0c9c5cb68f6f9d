#!/usr/bin/env python3
"""Runs the awk conformance corpus (tests/awk/corpus/*.t) against an awk.

Usage:
  run_corpus.py --awk "CMD WORDS" [--filter SUBSTR] [-v] [--jobs N] [CORPUS_DIR]
  run_corpus.py --peers [--filter SUBSTR] [-v] [--jobs N] [CORPUS_DIR]

--awk runs every case with the given command (shlex-split, e.g.
"build/dev/tools/fusevm/fusevm awk") and prints each failure, then one line
"N passed, N failed"; the exit status is 1 if any case failed.

--peers runs every case against the reference awks -- `gawk --posix` (plain `gawk` for
cases marked `=== gawk-ext`), `mawk` and `original-awk` -- and checks each case's
`=== peers` line: an awk listed there must still produce the expected result (else
"UNEXPECTED", exit 1); an awk that now agrees but is not listed is noted. Awks not
listed (and all awks for "ours: see docs/awk-compat.md#..." cases) are expected to
differ; -v shows those differences too.

Case file format: sections start with a line "=== KEYWORD [ARG]" and run to the next
"===" line; a body is the text between, including its final newline.
  about             what the case checks (required)
  options           one line, shlex: arguments before the program
  program           the program text (required); written to prog.awk and run with -f
  inline            (empty) pass the program text (without its final newline) as argument
  operands          one line, shlex: arguments after the program
  stdin             standard input (default: empty)
  stdin-raw         standard input as a Python string/bytes literal
  file NAME         creates NAME in the working directory with the body
  file-raw NAME     the same, the body being a Python string/bytes literal
  expected          expected standard output
  expected-raw      expected standard output as a Python string/bytes literal
  exit N            (empty body) expected exit status (default 0)
  stderr-contains   a line that must appear in standard error
  expect-file NAME  the content NAME must have after the run
  expect-file-raw NAME   the same, as a Python literal
  peers             which reference awks agree, or "ours: see docs/awk-compat.md#anchor"
  gawk-ext          (empty) the case uses gawk extensions (peers mode runs plain gawk)
Each case runs in a fresh temporary directory with LC_ALL=C, TZ=UTC and
FUSEVM_TEST_VAR="hello world" in the environment, and a 10 second timeout.
Python 3 standard library only.
"""

import argparse
import ast
import concurrent.futures
import difflib
import os
import shlex
import subprocess
import sys
import tempfile

TIMEOUT = 10
PEERS = [("gawk-posix", ["gawk", "--posix"]), ("mawk", ["mawk"]), ("original-awk", ["original-awk"])]
SINGLE_LINE = {"about", "options", "operands", "stderr-contains", "peers"}
EMPTY = {"inline", "gawk-ext", "exit"}
KNOWN = SINGLE_LINE | EMPTY | {"program", "stdin", "stdin-raw", "file", "file-raw", "expected",
                               "expected-raw", "expect-file", "expect-file-raw"}
WITH_ARG = {"file", "file-raw", "expect-file", "expect-file-raw", "exit"}


class CaseError(Exception):
    pass


def to_bytes(text):
    return text.encode("utf-8", "surrogateescape")


def literal(body, where):
    try:
        value = ast.literal_eval(body.strip())
    except (ValueError, SyntaxError) as e:
        raise CaseError(f"{where}: not a Python literal: {e}")
    if isinstance(value, str):
        return to_bytes(value)
    if isinstance(value, bytes):
        return value
    raise CaseError(f"{where}: literal is not a string")


class Case:
    def __init__(self, path):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "surrogateescape")
        sections = []
        current = None
        for line in text.splitlines(keepends=True):
            if line.startswith("==="):
                words = line[3:].strip().split(None, 1)
                if not words:
                    raise CaseError(f"{self.name}: empty section header")
                current = [words[0], words[1] if len(words) > 1 else None, ""]
                sections.append(current)
            elif current is None:
                if line.strip():
                    raise CaseError(f"{self.name}: text before the first section")
            else:
                current[2] += line
        self.about = None
        self.options = []
        self.program = None
        self.inline = False
        self.operands = []
        self.stdin = b""
        self.files = []
        self.expected = None
        self.exit = 0
        self.stderr_contains = None
        self.expect_files = []
        self.peers = ""
        self.gawk_ext = False
        for key, arg, body in sections:
            where = f"{self.name}: === {key}"
            if key not in KNOWN:
                raise CaseError(f"{where}: unknown section")
            if (key in WITH_ARG) != (arg is not None):
                raise CaseError(f"{where}: " + ("needs a name" if key in WITH_ARG else "takes no argument"))
            if key in EMPTY and body.strip():
                raise CaseError(f"{where}: must be empty")
            if key in SINGLE_LINE:
                body = body.strip()
                if "\n" in body and key not in ("about",):
                    raise CaseError(f"{where}: must be one line")
            if key == "about":
                self.about = body
            elif key == "options":
                self.options = shlex.split(body)
            elif key == "program":
                self.program = body
            elif key == "inline":
                self.inline = True
            elif key == "operands":
                self.operands = shlex.split(body)
            elif key == "stdin":
                self.stdin = to_bytes(body)
            elif key == "stdin-raw":
                self.stdin = literal(body, where)
            elif key == "file":
                self.files.append((arg, to_bytes(body)))
            elif key == "file-raw":
                self.files.append((arg, literal(body, where)))
            elif key == "expected":
                self.expected = to_bytes(body)
            elif key == "expected-raw":
                self.expected = literal(body, where)
            elif key == "exit":
                try:
                    self.exit = int(arg)
                except ValueError:
                    raise CaseError(f"{where}: not a number")
            elif key == "stderr-contains":
                self.stderr_contains = body
            elif key == "expect-file":
                self.expect_files.append((arg, to_bytes(body)))
            elif key == "expect-file-raw":
                self.expect_files.append((arg, literal(body, where)))
            elif key == "peers":
                self.peers = body
            elif key == "gawk-ext":
                self.gawk_ext = True
        if self.about is None:
            raise CaseError(f"{self.name}: no === about")
        if self.program is None:
            raise CaseError(f"{self.name}: no === program")
        if self.expected is None and not self.expect_files and "exit" not in [s[0] for s in sections]:
            raise CaseError(f"{self.name}: nothing to check (no expected, expect-file or exit)")


def environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in
           ("LANG", "LANGUAGE", "POSIXLY_CORRECT", "AWKPATH", "AWKLIBPATH", "GAWK_READ_TIMEOUT")}
    env.update(LC_ALL="C", TZ="UTC", FUSEVM_TEST_VAR="hello world")
    return env


ENV = environment()


class Outcome:
    def __init__(self, stdout=b"", stderr=b"", status=None, files=None, note=None):
        self.stdout, self.stderr, self.status = stdout, stderr, status
        self.files = files or {}
        self.note = note  # set when the awk could not be run or timed out


def run_case(case, awk):
    """Runs one case with the awk command (a list of words) in a fresh directory."""
    with tempfile.TemporaryDirectory(prefix="awkcase-") as cwd:
        for name, data in case.files:
            with open(os.path.join(cwd, name), "wb") as f:
                f.write(data)
        argv = list(awk) + case.options
        if case.inline:
            argv.append(case.program[:-1] if case.program.endswith("\n") else case.program)
        else:
            with open(os.path.join(cwd, "prog.awk"), "wb") as f:
                f.write(to_bytes(case.program))
            argv += ["-f", "prog.awk"]
        argv += case.operands
        try:
            p = subprocess.run(argv, cwd=cwd, env=ENV, input=case.stdin, capture_output=True,
                               timeout=TIMEOUT)
        except subprocess.TimeoutExpired as e:
            return Outcome(e.stdout or b"", e.stderr or b"", None, note=f"timed out after {TIMEOUT}s")
        except OSError as e:
            return Outcome(note=f"cannot run {argv[0]}: {e}")
        files = {}
        for name, _ in case.expect_files:
            try:
                with open(os.path.join(cwd, name), "rb") as f:
                    files[name] = f.read()
            except OSError:
                files[name] = None
        return Outcome(p.stdout, p.stderr, p.returncode, files)


def short_diff(want, got, label, limit=20):
    w = want.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    g = got.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(w, g, f"expected {label}", f"actual {label}", n=1))
    if not lines:  # differ only in a final newline or invisible bytes
        return f"    expected {want[-60:]!r}\n    actual   {got[-60:]!r}\n"
    out = []
    for line in lines[:limit]:
        out.append("    " + (line if line.endswith("\n") else line + "\\ (no newline)\n"))
    if len(lines) > limit:
        out.append(f"    ... ({len(lines) - limit} more diff lines)\n")
    return "".join(out)


def check(case, outcome):
    """Returns a list of problem descriptions (empty when the case passed)."""
    if outcome.note:
        problems = [outcome.note]
        if outcome.stderr:
            problems.append("stderr: " + outcome.stderr.decode("utf-8", "replace").strip()[:300])
        return problems
    problems = []
    if outcome.status != case.exit:
        err = outcome.stderr.decode("utf-8", "replace").strip()[:300]
        problems.append(f"exit status {outcome.status}, expected {case.exit}" + (f"; stderr: {err}" if err else ""))
    if case.expected is not None and outcome.stdout != case.expected:
        problems.append("stdout differs:\n" + short_diff(case.expected, outcome.stdout, "stdout").rstrip("\n"))
    for name, want in case.expect_files:
        got = outcome.files.get(name)
        if got is None:
            problems.append(f"file {name} was not created")
        elif got != want:
            problems.append(f"file {name} differs:\n" + short_diff(want, got, name).rstrip("\n"))
    if case.stderr_contains is not None:
        if case.stderr_contains not in outcome.stderr.decode("utf-8", "replace"):
            problems.append(f"stderr lacks {case.stderr_contains!r}: {outcome.stderr[:200]!r}")
    return problems


def load_cases(corpus, substr):
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".t"))
    if substr:
        names = [n for n in names if substr in n]
    cases, errors = [], []
    for n in names:
        try:
            cases.append(Case(os.path.join(corpus, n)))
        except CaseError as e:
            errors.append(str(e))
    return cases, errors


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.path.join(here, "corpus"))
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--awk", help='the awk command, shlex-split, e.g. "mawk" or "fusevm awk"')
    mode.add_argument("--peers", action="store_true", help="check the expectations against gawk, mawk, original-awk")
    ap.add_argument("--filter", help="run only cases whose file name contains this")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list passing cases")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    cases, errors = load_cases(args.corpus, args.filter)
    for e in errors:
        print(f"BAD CASE {e}")
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))

    if args.awk:
        awk = shlex.split(args.awk)
        if awk and os.sep in awk[0]:  # cases run in temporary directories: anchor a relative path
            awk[0] = os.path.abspath(awk[0])
        results = pool.map(lambda c: (c, check(c, run_case(c, awk))), cases)
        passed = failed = 0
        for case, problems in results:
            if problems:
                failed += 1
                print(f"FAIL {case.name}: {case.about.splitlines()[0]}")
                for p in problems:
                    print("  " + p)
            else:
                passed += 1
                if args.verbose:
                    print(f"ok   {case.name}")
        failed += len(errors)
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0

    # --peers
    def peer_runs(case):
        runs = []
        for label, cmd in PEERS:
            if case.gawk_ext and label == "gawk-posix":
                label, cmd = "gawk", ["gawk"]
            runs.append((label, check(case, run_case(case, cmd))))
        return case, runs

    agree = {}
    unexpected = 0
    for case, runs in pool.map(peer_runs, cases):
        listed = set() if case.peers.startswith("ours:") else set(case.peers.split())
        for label, problems in runs:
            key = "gawk-posix" if label == "gawk" else label
            agree[key] = agree.get(key, 0) + (0 if problems else 1)
            if problems and label in listed:
                # the peers line says this awk agreed: the expectation or the awk changed
                unexpected += 1
                print(f"UNEXPECTED {case.name}: {label} is listed in '=== peers {case.peers}' but differs")
                for p in problems:
                    print("  " + p.replace("\n", "\n  "))
            elif problems and args.verbose:
                print(f"known      {case.name}: {label} differs [{case.peers}]")
                for p in problems:
                    print("  " + p.replace("\n", "\n  "))
            elif not problems and listed and label not in listed:
                print(f"note       {case.name}: {label} now agrees but is not listed in '=== peers {case.peers}'")
    print(f"{len(cases)} cases; agreeing with the expectation: " +
          ", ".join(f"{label} {agree.get(label, 0)}" for label, _ in PEERS) +
          f"; {unexpected} unexpected disagreements")
    return 1 if errors or unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
