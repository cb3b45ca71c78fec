#!/usr/bin/env python3
"""Runs the bash completion (packaging/completions/clause.bash) as bash would:
COMP_WORDS and COMP_CWORD set, _clause called, COMPREPLY read back.
Exit 0 when every check holds; the last line reads "N passed, M failed".
"""
import argparse
import shlex
import subprocess
import sys

checks = {"passed": 0, "failed": 0}


def complete(script, words):
    cmd = (f"source {shlex.quote(script)}; COMP_WORDS=({' '.join(shlex.quote(w) for w in words)}); "
           f"COMP_CWORD={len(words) - 1}; _clause; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True)
    return [w for w in r.stdout.split("\n") if w]


def expect(script, words, want, exact=False):
    got = complete(script, words)
    ok = got == want if exact else all(w in got for w in want)
    checks["passed" if ok else "failed"] += 1
    if not ok:
        print(f"FAIL: {' '.join(words[1:])!r} completes to {got}, expected {'exactly ' if exact else ''}{want}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--clause", required=True)
    a = ap.parse_args()
    script = a.source + "/packaging/completions/clause.bash"
    c = a.clause
    expect(script, [c, "sc"], ["scan"], exact=True)
    expect(script, [c, ""], ["scan", "baseline", "merge", "rules", "explain"])
    expect(script, [c, "scan", "--fail"], ["--fail-on"], exact=True)
    expect(script, [c, "scan", "--fail-on", "hi"], ["high"], exact=True)
    expect(script, [c, "scan", "-f", "sa"], ["sarif"], exact=True)
    expect(script, [c, "scan", "--repro"], ["--reproducible"], exact=True)
    expect(script, [c, "explain", "CL-090"], ["CL-0901", "CL-0902"])
    expect(script, [c, "merge", "--"], ["--output", "--help"])
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    return 1 if checks["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
