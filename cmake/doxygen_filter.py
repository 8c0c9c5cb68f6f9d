#!/usr/bin/env python3
"""Doxygen input filter: inlines the X-macro tables (.def files) a public header includes.

Doxygen's preprocessor expands macros but never reads an #include's text, so
`enum class Op { #define FUSEVM_OP(...) name, #include "fusevm/ops.def" }` would show one bogus
enumerator. This filter replaces each `#include "fusevm/NAME.def"` line with the table's
contents joined onto that one line (comments removed), so that line numbers stay right. When the
line before it is a one-line `#define` of the table's macro, the filter expands the macro itself
and blanks the #define, because Doxygen lists a #define inside an enum as an enumerator.
Usage (Doxyfile FILTER_PATTERNS): doxygen_filter.py HEADER; the filtered header goes to stdout.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"fusevm/(\w+\.def)"\s*$')
DEFINE = re.compile(r'^\s*#\s*define\s+(\w+)\(([^)]*)\)\s*(.*?)\s*$')


def strip_comment(line):
    """The line without a trailing // comment (one inside a string literal is kept)."""
    in_str = False
    i = 0
    while i < len(line):
        c = line[i]
        if in_str:
            if c == "\\":
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif line.startswith("//", i):
            return line[:i]
        i += 1
    return line


def calls(text, name):
    """The argument lists of every call NAME(...) in text, split at top-level commas."""
    out = []
    for m in re.finditer(r"\b%s\s*\(" % re.escape(name), text):
        i, depth, args, cur, in_str = m.end(), 1, [], "", False
        while i < len(text) and depth > 0:
            c = text[i]
            if in_str:
                cur += c
                if c == "\\":
                    cur += text[i + 1]
                    i += 1
                elif c == '"':
                    in_str = False
            elif c == '"':
                in_str = True
                cur += c
            elif c in "([":
                depth += 1
                cur += c
            elif c in ")]":
                depth -= 1
                if depth > 0:
                    cur += c
            elif c == "," and depth == 1:
                args.append(cur.strip())
                cur = ""
            else:
                cur += c
            i += 1
        args.append(cur.strip())
        out.append(args)
    return out


def expand(define, table_text):
    name, params, body = define
    params = [p.strip() for p in params.split(",") if p.strip()]
    pieces = []
    for args in calls(table_text, name):
        values = dict(zip(params, args))

        def sub(m):
            if m.group(1):  # #param: stringized
                return '"%s"' % values.get(m.group(2), m.group(2))
            return values.get(m.group(2), m.group(2))

        pieces.append(re.sub(r"(#?)\b(\w+)\b", sub, body))
    return " ".join(pieces)


def main():
    header = sys.argv[1]
    here = os.path.dirname(os.path.abspath(header))
    with open(header, encoding="utf-8") as f:
        lines = f.readlines()
    out = []
    for i, line in enumerate(lines):
        m = INCLUDE.match(line)
        table = os.path.join(here, m.group(1)) if m else None
        if not (table and os.path.isfile(table)):
            out.append(line)
            continue
        with open(table, encoding="utf-8") as t:
            text = " ".join(strip_comment(x).strip() for x in t)
        d = DEFINE.match(lines[i - 1]) if i > 0 else None
        if d and not d.group(3).endswith("\\"):
            out[-1] = "\n"
            out.append(expand(d.groups(), text) + "\n")
        else:
            out.append(re.sub(r"\s+", " ", text).strip() + "\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
