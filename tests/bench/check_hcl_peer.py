#!/usr/bin/env python3
"""The hashicorp/hcl/v2 peer benchmark still builds, runs and measures the
same files as clause, so that `make bench`'s comparison cannot rot unseen.

Builds bench/peers/hclparse offline against Debian's hcl/v2 package, runs it
on the two fixture files in tests/bench/fixtures (by argument and by -list,
each tree dropped and kept), checks its report (files, bytes, top-level
blocks, errors) and its error count on a broken file, checks that clause's
parse-only run counts the same files and bytes, and runs `scripts/bench
--peers-only` on the fixtures end to end, and clause_bench_treesitter
(tree-sitter-hcl alone) when the benchmarks are built. Exit 77 (skipped) when Go or the
package is not installed (`scripts/install-deps bench`).
"""
import argparse
import os
import subprocess
import sys
import tempfile

SKIP = 77
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL: " + what)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--build", required=True)
    a = ap.parse_args()
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, os.path.join(a.source, "bench", "peers"))
    import hclpeer

    why = hclpeer.missing()
    if why:
        print(f"skipped: {why}")
        return SKIP
    exe = hclpeer.build(os.path.join(a.build, "bench", "peers"))
    fixtures = os.path.join(a.source, "tests", "bench", "fixtures")
    paths = [os.path.join(fixtures, n) for n in ("main.tf", "outputs.tf")]
    size = sum(os.path.getsize(p) for p in paths)
    check(size == 305, f"the fixtures are 305 bytes, not {size}")

    with tempfile.TemporaryDirectory(prefix="clause-hcl-peer-") as tmp:
        by_args = subprocess.run([exe] + paths, capture_output=True, text=True, check=True).stdout
        by_args = hclpeer.parse_report(by_args.strip())
        for keep in (False, True):
            r = hclpeer.run(exe, paths, os.path.join(tmp, "list.txt"), keep=keep)
            what = "kept" if keep else "dropped"
            check((r["files"], r["bytes"], r["blocks"], r["errors"]) == (2, size, 5, 0),
                  f"trees {what}: report {r}, expected 2 files, {size} bytes, 5 blocks, 0 errors")
            check(r["cpu_s"] >= 0 and r["peak_rss_kib"] > 0, f"trees {what}: no CPU time or RSS in {r}")
            check({k: r[k] for k in ("files", "bytes", "blocks", "errors")} ==
                  {k: by_args[k] for k in ("files", "bytes", "blocks", "errors")},
                  f"-list and arguments disagree: {r} against {by_args}")

        broken = os.path.join(tmp, "broken.tf")
        with open(broken, "w") as f:
            f.write('resource "aws_s3_bucket" "b" {\n  bucket = \n')
        r = hclpeer.run(exe, [paths[0], broken], os.path.join(tmp, "list.txt"))
        check((r["files"], r["errors"]) == (2, 1), f"one broken file of two: report {r}, expected errors=1")

        missing = subprocess.run([exe, os.path.join(tmp, "absent.tf")], capture_output=True, text=True)
        check(missing.returncode == 2 and "absent.tf" in missing.stderr,
              f"an absent file: exit {missing.returncode}, stderr {missing.stderr!r}")

        clause = os.path.join(a.build, "clause")
        out = subprocess.run([clause, "scan", "--parse-only", "-j1", fixtures], capture_output=True, text=True,
                             check=True).stdout
        check(out.startswith(f"parsed 2 files ({size} bytes): 2 documents"), f"clause --parse-only said {out!r}")

        env = dict(os.environ, CLAUSE_CORPUS=fixtures)
        bench = subprocess.run([sys.executable, os.path.join(a.source, "scripts", "bench"), a.build, "--peers-only",
                                "--repeat", "1"], capture_output=True, text=True, env=env)
        check(bench.returncode == 0, f"scripts/bench --peers-only failed ({bench.returncode}): {bench.stderr}")
        text = bench.stdout
        for row in ("| hashicorp/hcl/v2 parse only (hclsyntax.ParseConfig) | 2 |",
                    "| hashicorp/hcl/v2 parse only, every tree kept | 2 |", "| clause parse only | 2 |",
                    "| clause full scan, all rules, SARIF | 2 |", "(2 files, 5 top-level blocks, 0 with hcl/v2 errors)",
                    "- clause parse only / hcl/v2 parse only, CPU: **",
                    "- clause full scan / clause parse only, CPU: **"):
            check(row in text, f"scripts/bench --peers-only printed no {row!r}:\n{text}")

        # tree-sitter-hcl alone (built with the benchmarks, not in sanitizer builds).
        floor = os.path.join(a.build, "bench", "clause_bench_treesitter")
        if os.access(floor, os.X_OK):
            out = subprocess.run([floor] + paths, capture_output=True, text=True, check=True).stdout
            r = hclpeer.parse_report(out.strip())
            check((r["files"], r["bytes"], r["nodes"], r["tokens"], r["errors"]) == (2, size, 169, 82, 0),
                  f"clause_bench_treesitter: report {r}, expected 2 files, {size} bytes, 169 nodes, 82 leaves")
            r = hclpeer.run(floor, [broken], os.path.join(tmp, "list.txt"))
            check(r["errors"] == 1, f"clause_bench_treesitter on a broken file: report {r}, expected errors=1")
            for row in ("| tree-sitter-hcl alone (files read first, one parser, trees deleted) | 2 |",
                        "- tree-sitter-hcl's own parse (ts_parser_parse_string", "(82 leaves, 169 nodes)"):
                check(row in text, f"scripts/bench --peers-only printed no {row!r}:\n{text}")

    if failures:
        return 1
    print("hcl/v2 peer: built, 2 fixture files parsed, same files and bytes as clause; scripts/bench row printed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
