#!/usr/bin/env python3
"""Checks the code-scanning workflow example and the SARIF check it runs.

The workflow in .github/workflows/code-scanning.yaml and its copy in
docs/github-code-scanning.md must: grant exactly contents: read, actions: read
and security-events: write; upload with github/codeql-action/upload-sarif at
major version 4; check the SARIF with scripts/check-sarif (which ships in the
repository and, as clause-check-sarif, in the package) between the scan that
writes it and the upload. scripts/check-sarif itself must pass clause's SARIF
of fixtures/demo and fail a log of 21 runs.
Exit 0 when every check holds; the last line reads "N passed, M failed".
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

checks = {"passed": 0, "failed": 0}


def check(ok, what):
    checks["passed" if ok else "failed"] += 1
    if not ok:
        print("FAIL: " + what)


def check_workflow(wf, label):
    check(isinstance(wf, dict), f"{label}: a YAML mapping")
    perms = wf.get("permissions")
    check(perms == {"contents": "read", "actions": "read", "security-events": "write"},
          f"{label}: permissions are contents: read, actions: read, security-events: write (got {perms})")
    jobs = wf.get("jobs") or {}
    check(len(jobs) == 1, f"{label}: one job")
    steps = next(iter(jobs.values())).get("steps", []) if jobs else []
    uploads = [i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    check(len(uploads) == 1, f"{label}: one upload-sarif step")
    if not uploads:
        return
    upload = steps[uploads[0]]
    major = re.fullmatch(r"github/codeql-action/upload-sarif@v(\d+)", upload["uses"])
    check(major is not None and major.group(1) == "4", f"{label}: upload-sarif@v4 (got {upload['uses']})")
    sarif = (upload.get("with") or {}).get("sarif_file")
    check(bool(sarif), f"{label}: the upload names its sarif_file")
    runs = [(i, s.get("run", "")) for i, s in enumerate(steps)]
    scans = [i for i, r in runs if re.search(r"clause scan .*-o " + re.escape(str(sarif)) + r"\b", r)]
    checks_ = [i for i, r in runs if re.search(r"(scripts/check-sarif|clause-check-sarif) " + re.escape(str(sarif)) + r"\b", r)]
    check(len(scans) == 1, f"{label}: one step scans into {sarif}")
    check(len(checks_) == 1, f"{label}: one step checks {sarif} with scripts/check-sarif")
    if scans and checks_:
        check(scans[0] < checks_[0] < uploads[0], f"{label}: scan, then check, then upload")
    for i, r in runs:
        if "clause scan" in r and "-f sarif" in r:
            check("--fail-on never" in r, f"{label}: the scan step uses --fail-on never so that the upload runs")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--clause", required=True)
    a = ap.parse_args()
    path = os.path.join(a.source, ".github/workflows/code-scanning.yaml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    workflow = yaml.safe_load(text)
    check_workflow(workflow, "code-scanning.yaml")

    with open(os.path.join(a.source, "docs/github-code-scanning.md"), encoding="utf-8") as f:
        doc = f.read()
    section = doc.split("\n## Workflow\n", 1)[-1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    check(block is not None, "docs/github-code-scanning.md: a yaml block under ## Workflow")
    if block:
        documented = yaml.safe_load(block.group(1))
        check(documented == workflow, "docs/github-code-scanning.md shows the workflow file as it is")

    checker = os.path.join(a.source, "scripts/check-sarif")
    check(os.access(checker, os.X_OK), "scripts/check-sarif is executable")
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "demo.sarif")
        scan = subprocess.run([a.clause, "scan", os.path.join(a.source, "fixtures/demo"), "-f", "sarif", "-o", good,
                               "--fail-on", "never"], capture_output=True, text=True)
        check(scan.returncode == 0, f"the demo scan writes SARIF ({scan.stderr.strip()})")
        r = subprocess.run([checker, good], capture_output=True, text=True)
        check(r.returncode == 0 and r.stdout.endswith("1 passed, 0 failed\n"),
              f"check-sarif passes the demo's SARIF:\n{r.stdout}")
        with open(good, encoding="utf-8") as f:
            log = json.load(f)
        run = log["runs"][0]
        log["runs"] = []
        for i in range(21):
            copy = json.loads(json.dumps(run))
            copy["automationDetails"] = {"id": f"clause/r{i}/"}
            log["runs"].append(copy)
        bad = os.path.join(tmp, "many.sarif")
        with open(bad, "w", encoding="utf-8") as f:
            json.dump(log, f)
        r = subprocess.run([checker, bad], capture_output=True, text=True)
        check(r.returncode == 1 and "  21 runs (GitHub accepts at most 20 in one file)\n" in r.stdout,
              f"check-sarif fails a log of 21 runs:\n{r.stdout}")
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    return 1 if checks["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
