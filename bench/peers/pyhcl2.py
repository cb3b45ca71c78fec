"""python-hcl2, the parser Checkov's Terraform scanning stands on, as a
benchmark peer for scripts/bench.

python-hcl2 is not packaged by Debian, so the project cannot install it:
the row runs only when the module can be imported by Debian's Python, either
installed or from a source tree named by CLAUSE_PYTHON_HCL2 (its two
dependencies are Debian packages, which `scripts/install-deps bench`
installs: python3-lark and python3-regex). Otherwise it is skipped with a
message.
"""
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
PARSE = os.path.join(HERE, "pyhcl2_parse.py")
PYTHON = "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else shutil.which("python3")
SOURCE = os.environ.get("CLAUSE_PYTHON_HCL2", "")
HINT = ("python-hcl2 is not a Debian package: set CLAUSE_PYTHON_HCL2 to a python-hcl2 source tree "
        "(its dependencies: scripts/install-deps bench)")


def environment():
    env = dict(os.environ)
    if SOURCE:
        env["PYTHONPATH"] = SOURCE + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def missing():
    """Why python-hcl2 cannot run here, or None when it can."""
    if not PYTHON:
        return "no python3"
    probe = subprocess.run([PYTHON, "-c", "import hcl2"], env=environment(), capture_output=True, text=True)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["import failed"])[-1]
        return f"{last} ({HINT})"
    return None


def version():
    probe = "import hcl2, lark; print(getattr(hcl2, '__version__', '?'), lark.__version__)"
    out = subprocess.run([PYTHON, "-c", probe], env=environment(), capture_output=True, text=True)
    parts = out.stdout.split()
    return f"python-hcl2 {parts[0]}, lark {parts[1]}" if len(parts) == 2 else "python-hcl2"


def command(folder):
    """The command that parses every file of folder with hcl2.load."""
    return [PYTHON, PARSE, folder]
