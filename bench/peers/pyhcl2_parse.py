"""Parses every file of a folder with python-hcl2 (hcl2.load), as Checkov
does before its checks run; prints how many parsed and how many failed."""
import os
import sys

import hcl2

parsed = failed = 0
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
        try:
            hcl2.load(f)
            parsed += 1
        except Exception:  # a file python-hcl2 cannot parse still cost its time
            failed += 1
print(parsed, failed)
