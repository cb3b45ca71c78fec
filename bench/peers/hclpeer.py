"""Builds and runs bench/peers/hclparse, the hashicorp/hcl/v2 peer benchmark.

Used by scripts/bench (the `make bench` table) and by the ctest
`bench_hcl_peer`, so that both build it the same way: offline, in GOPATH
mode against Debian's packaged module (golang-github-hashicorp-hcl-v2-dev
puts its sources under /usr/share/gocode/src; `scripts/install-deps bench`
installs it and Go). Nothing is downloaded: GOPROXY=off, GOFLAGS cleared.
"""
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "hclparse")
GOPATH = os.environ.get("CLAUSE_GOPATH", "/usr/share/gocode")
PACKAGE = "github.com/hashicorp/hcl/v2/hclsyntax"
INSTALL_HINT = "scripts/install-deps bench installs golang-go and golang-github-hashicorp-hcl-v2-dev"


class Unavailable(Exception):
    """Go or the hcl/v2 package is not installed: the peer cannot be built."""


def missing():
    """Why the peer cannot be built here, or None when it can."""
    if not shutil.which("go"):
        return f"go is not installed ({INSTALL_HINT})"
    if not os.path.isdir(os.path.join(GOPATH, "src", PACKAGE)):
        return f"{PACKAGE} is not under {GOPATH}/src ({INSTALL_HINT})"
    return None


def build(out_dir):
    """Builds the peer into out_dir; returns the executable's path.
    Raises Unavailable when Go or the package is missing, RuntimeError when
    the build fails."""
    why = missing()
    if why:
        raise Unavailable(why)
    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    exe = os.path.join(out_dir, "hclparse")
    env = dict(os.environ, GO111MODULE="off", GOPATH=GOPATH, GOFLAGS="", GOPROXY="off",
               GOCACHE=os.path.join(out_dir, "go-cache"), CGO_ENABLED="0")
    proc = subprocess.run(["go", "build", "-o", exe, "."], cwd=SOURCE, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"building {SOURCE} failed:\n{proc.stdout}{proc.stderr}")
    return exe


def parse_report(line):
    """A report line of `key=number` words (the peer's, clause_bench_treesitter's)
    as a dict: seconds (keys ending in _s) as floats, counts as ints."""
    fields = dict(word.split("=", 1) for word in line.split())
    return {k: (float(v) if k.endswith("_s") else int(v)) for k, v in fields.items()}


def run(exe, paths, list_file, keep=False):
    """Runs the peer on paths (written to list_file); returns its report."""
    with open(list_file, "w") as f:
        f.writelines(p + "\n" for p in paths)
    cmd = [exe, "-list", list_file] + (["-keep"] if keep else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return parse_report(out.strip())
