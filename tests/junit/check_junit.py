#!/usr/bin/env python3
"""Validates clause's JUnit XML by structure.

Scans roots with `clause scan -f junit` and checks that the document is
well-formed XML; that <testsuites> and every <testsuite> carry tests,
failures, errors and skipped counts equal to what their <testcase> children
hold; that each testcase has a classname and a name, and at most one of
failure/error/skipped kinds; and, for the compliance fixture, that passing,
failing, skipped (not applicable / undecided) cases are all present.
Like junitparser and Jenkins, it keys a case by classname and name, so it
also checks that every case holds at most one <failure>, that names are
unique, and that a finding's case is named `path:line RULE-ID` with `file`
and `line` attributes saying the same.
Exit 0 when every check holds; the last line reads "N passed, M failed".
"""
import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET

checks = {"passed": 0, "failed": 0}


def check(ok, what):
    if ok:
        checks["passed"] += 1
    else:
        checks["failed"] += 1
        print("FAIL: " + what)


def counts(cases):
    failures = sum(1 for c in cases if c.find("failure") is not None)
    errors = sum(1 for c in cases if c.find("error") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    return len(cases), failures, errors, skipped


def validate(xml_text, label):
    try:
        root = ET.fromstring(xml_text.encode("utf-8"))
    except ET.ParseError as e:
        check(False, f"{label}: not well-formed XML: {e}")
        return None
    check(root.tag == "testsuites", f"{label}: root element is <testsuites>")
    totals = [0, 0, 0, 0]
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        got = counts(cases)
        want = tuple(int(suite.get(k, "-1")) for k in ("tests", "failures", "errors", "skipped"))
        check(got == want, f"{label}: suite {suite.get('name')!r} says {want}, holds {got}")
        for c in cases:
            check(bool(c.get("classname")) and bool(c.get("name")), f"{label}: testcase without classname/name")
            kinds = [k for k in ("failure", "error", "skipped") if c.find(k) is not None]
            check(len(kinds) <= 1, f"{label}: testcase {c.get('name')!r} is {kinds}")
            check(len(c.findall("failure")) <= 1, f"{label}: testcase {c.get('name')!r} folds several failures")
            if c.find("failure") is not None:
                where = f"{c.get('file')}:{c.get('line')} {c.get('classname')}"
                check(c.get("name") == where, f"{label}: failing case {c.get('name')!r} is not named {where!r}")
        totals = [a + b for a, b in zip(totals, got)]
    names = [c.get("name") for c in root.iter("testcase")]
    keys = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    check(len(set(names)) == len(names), f"{label}: testcase names repeat")
    check(len(set(keys)) == len(keys), f"{label}: (classname, name) pairs repeat")
    want = [int(root.get(k, "-1")) for k in ("tests", "failures", "errors", "skipped")]
    check(totals == want, f"{label}: testsuites says {want}, suites hold {totals}")
    return root


def scan(clause, args):
    r = subprocess.run([clause, "scan", "-f", "junit"] + args, capture_output=True, text=True)
    check(r.returncode in (0, 1), f"clause scan {' '.join(args)} exited {r.returncode}: {r.stderr}")
    return r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clause", required=True)
    ap.add_argument("--source", required=True)
    a = ap.parse_args()
    fx = a.source + "/fixtures/compliance"

    root = validate(scan(a.clause, ["--enable", "CL-0301,CL-0901,CL-1001", fx + "/alpha", fx + "/beta"]),
                    "compliance fixture")
    if root is not None:
        cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
        alpha, beta = fx + "/alpha", fx + "/beta"

        def case(rule, name):
            return cases.get((rule, name))

        failing = case("CL-0901", f"{alpha}/main.tf:11 CL-0901")
        check(failing is not None and failing.find("failure") is not None, "alpha's database fails CL-0901")
        passing = case("CL-0301", f"cat.tag-service (2 targets pass) [{alpha}]")
        check(passing is not None and passing.find("failure") is None and passing.find("skipped") is None,
              "alpha's 2 tagged resources pass CL-0301 as one case")
        undecided = case("CL-1001", f"mon.log-retention-set (1 target undecided) [{alpha}]")
        check(undecided is not None and undecided.find("skipped") is not None, "alpha's log group is undecided")
        na = case("CL-1001", f"mon.log-retention-set (not applicable) [{beta}]")
        check(na is not None and "not applicable" in na.find("skipped").get("message", ""),
              "CL-1001 is not applicable to beta")
        bucket = case("CL-0301", f"{beta}/main.tf:13 CL-0301")
        check(bucket is not None and bucket.get("file") == f"{beta}/main.tf" and bucket.get("line") == "13",
              "beta's bucket fails CL-0301")

    validate(scan(a.clause, [a.source + "/fixtures/demo"]), "demo")
    validate(scan(a.clause, [a.source + "/fixtures/compliance/alpha", a.source + "/fixtures/demo",
                             a.source + "/fixtures/plan"]), "three roots")
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    return 1 if checks["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
