#!/usr/bin/env python3
"""Checks that the .deb installs where CI runs (issue 21).

Builds the package with CPack into a scratch directory (what `make package`
does), then reads it back: Depends: names only libc6, libstdc++6 and
libgcc-s1 at versions Debian 12, Ubuntu 22.04 and Ubuntu 24.04 all have,
and names libstdc++6 and libgcc-s1 exactly when the binary needs them (the
release build links the C++ runtime in, CLAUSE_STATIC_RUNTIME); the
binary's NEEDED libraries (readelf) and what ldd resolves are only the
C and C++ runtime; its newest symbol versions (GLIBC_*, GLIBCXX_*, CXXABI_*)
are covered by the declared minimums; the package holds the binary, the
Debian copyright file, the licence, the manual page and the completions.
Exits 77 (skipped) when dpkg-deb is not installed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

checks = {"passed": 0, "failed": 0}

# The oldest of Debian 12 (glibc 2.36, GCC 12), Ubuntu 22.04 (glibc 2.35,
# libstdc++6 from GCC 12) and Ubuntu 24.04 (glibc 2.39, GCC 14).
OLDEST_GLIBC = (2, 35)
OLDEST_GLIBCXX = (3, 4, 30)  # GCC 12
OLDEST_CXXABI = (1, 3, 13)   # GCC 12
ALLOWED_DEPENDS = {"libc6", "libstdc++6", "libgcc-s1"}
ALLOWED_NEEDED = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2"}


def check(ok, what):
    checks["passed" if ok else "failed"] += 1
    if not ok:
        print("FAIL: " + what)


def version(text):
    return tuple(int(p) for p in re.findall(r"\d+", text))


def run(*cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    a = ap.parse_args()
    if not shutil.which("dpkg-deb"):
        print("SKIPPED: dpkg-deb is not installed (a Debian or Ubuntu tool); the package cannot be read")
        return 77
    # A sanitizer build links the sanitizers' runtimes: it is never packaged,
    # and its NEEDED list is not the release's.
    cache = os.path.join(a.build, "CMakeCache.txt")
    if os.path.exists(cache):
        with open(cache, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("CLAUSE_SANITIZE:") and line.split("=", 1)[1].strip():
                    print("SKIPPED: a sanitizer build (CLAUSE_SANITIZE) is not a release package")
                    return 77
    with tempfile.TemporaryDirectory() as tmp:
        r = run("cpack", "-G", "DEB", "-B", tmp, cwd=a.build)
        debs = [f for f in os.listdir(tmp) if f.endswith(".deb")]
        if r.returncode != 0 or len(debs) != 1:
            print(f"FAIL: cpack did not build one .deb:\n{r.stdout}{r.stderr}")
            return 1
        deb = os.path.join(tmp, debs[0])

        depends = run("dpkg-deb", "-f", deb, "Depends").stdout.strip()
        print(f"Depends: {depends}")
        declared = {}
        for entry in [e.strip() for e in depends.split(",") if e.strip()]:
            m = re.fullmatch(r"([a-z0-9.+-]+)(?: \(>= ([^)]+)\))?", entry)
            check(m is not None, f"Depends entry {entry!r} is a package with an optional minimum version")
            if m:
                declared[m.group(1)] = m.group(2) or ""
        check(set(declared) <= ALLOWED_DEPENDS, f"Depends names only {sorted(ALLOWED_DEPENDS)} (got {sorted(declared)})")
        check("libc6" in declared, "Depends names libc6")
        check(version(declared.get("libc6", "99")) <= OLDEST_GLIBC, f"libc6 minimum {declared.get('libc6')} <= 2.35")
        if "libstdc++6" in declared:
            check(version(declared["libstdc++6"]) <= (12,), f"libstdc++6 minimum {declared['libstdc++6']} <= 12")

        contents = run("dpkg-deb", "-c", deb).stdout
        for f in ["./usr/bin/clause", "./usr/bin/clause-check-sarif", "./usr/share/doc/clause/copyright",
                  "./usr/share/doc/clause/LICENSE", "./usr/share/man/man1/clause.1",
                  "./usr/share/bash-completion/completions/clause", "./usr/share/zsh/vendor-completions/_clause"]:
            check(re.search(r" " + re.escape(f) + r"$", contents, re.M) is not None, f"the package holds {f}")

        root = os.path.join(tmp, "root")
        run("dpkg-deb", "-x", deb, root)
        binary = os.path.join(root, "usr/bin/clause")
        needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", run("readelf", "-d", binary).stdout))
        print(f"NEEDED: {sorted(needed)}")
        check(bool(needed) and needed <= ALLOWED_NEEDED, f"NEEDED is only the C/C++ runtime (got {sorted(needed)})")
        for library, package in [("libstdc++.so.6", "libstdc++6"), ("libgcc_s.so.1", "libgcc-s1")]:
            check((library in needed) == (package in declared),
                  f"Depends names {package} exactly when the binary needs {library}")
        ldd = run("ldd", binary).stdout
        resolved = set(re.findall(r"^\s*(\S+\.so[.\d]*)\s", ldd, re.M)) - {"linux-vdso.so.1"}
        resolved = {os.path.basename(n) for n in resolved}
        check(resolved <= ALLOWED_NEEDED, f"ldd finds only the C/C++ runtime (got {sorted(resolved)})")
        check("not found" not in ldd, "ldd resolves every library")

        symbols = run("objdump", "-T", binary).stdout
        def newest(prefix):
            found = [version(v) for v in re.findall(r"\b" + prefix + r"_([\d.]+)\b", symbols)]
            return max(found) if found else ()
        glibc, glibcxx, cxxabi = newest("GLIBC"), newest("GLIBCXX"), newest("CXXABI")
        print(f"newest symbol versions: GLIBC_{glibc} GLIBCXX_{glibcxx} CXXABI_{cxxabi}")
        check(glibc <= version(declared.get("libc6", "0")), f"GLIBC_{glibc} is covered by libc6 (>= {declared.get('libc6')})")
        check(glibc <= OLDEST_GLIBC, f"GLIBC_{glibc} is in glibc 2.35 (Ubuntu 22.04)")
        check(glibcxx <= OLDEST_GLIBCXX, f"GLIBCXX_{glibcxx} is in GCC 12's libstdc++")
        check(cxxabi <= OLDEST_CXXABI, f"CXXABI_{cxxabi} is in GCC 12's libstdc++")
        r = run(binary, "version")
        check(r.returncode == 0 and r.stdout.startswith("clause "), "the packaged binary runs")
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    return 1 if checks["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
