#!/usr/bin/env python3
"""`gouji check --fix` on copies of annotated drafts changes no line outside
an annotated finding's lines (its `lines` and `related` ranges): a safe fix
never rewrites a figure that is right.

usage: fix-stays-in-findings.py BIN DIR [DIR ...]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    binary, dirs = sys.argv[1], sys.argv[2:]
    bad, fixed, files = 0, 0, 0
    for d in dirs:
        with tempfile.TemporaryDirectory() as tmp:
            for name in sorted(os.listdir(d)):
                if not name.endswith(".txt"):
                    continue
                expected = os.path.join(d, name[:-4] + ".expected.json")
                if not os.path.exists(expected):
                    continue
                files += 1
                copy = os.path.join(tmp, name)
                shutil.copyfile(os.path.join(d, name), copy)
                os.chmod(copy, 0o644)
                with open(copy, encoding="utf-8") as f:
                    before = f.read().splitlines()
                p = subprocess.run([binary, "check", "--fix", copy], capture_output=True, text=True, timeout=120)
                if p.returncode not in (0, 1):
                    print(f"{name}: exit {p.returncode}: {p.stderr[:300]}")
                    bad += 1
                    continue
                with open(copy, encoding="utf-8") as f:
                    after = f.read().splitlines()
                with open(expected, encoding="utf-8") as f:
                    findings = json.load(f)["findings"]
                allowed = set()
                for finding in findings:
                    for lo, hi in finding.get("lines", []) + finding.get("related", []):
                        allowed.update(range(lo, hi + 1))
                if len(before) != len(after):
                    print(f"{name}: --fix changed the number of lines")
                    bad += 1
                    continue
                for i, (a, b) in enumerate(zip(before, after), start=1):
                    if a != b:
                        fixed += 1
                        if i not in allowed:
                            print(f"{name}:{i}: a safe fix changed a line outside every finding\n  - {a}\n  + {b}")
                            bad += 1
    print(f"fix: {fixed} line(s) changed in {files} file(s), {bad} outside a finding")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
