#!/usr/bin/env python3
"""No sentence of the annotated drafts in the code: fails on any run of
twenty or more Chinese characters that both `src/` and a draft hold (the
genre's terms are shorter).

usage: no-corpus-in-src.py SRC DIR [DIR ...]
"""
import os
import re
import sys

RUN = re.compile(r"[\u3400-\u9fff]{20,}")
WIDTH = 20


def windows(text):
    out = set()
    for m in RUN.finditer(text):
        run = m.group(0)
        out.update(run[i:i + WIDTH] for i in range(len(run) - WIDTH + 1))
    return out


def main():
    src, dirs = sys.argv[1], sys.argv[2:]
    code = {}
    for root, _, names in os.walk(src):
        for name in names:
            if name.endswith(".rs"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    for w in windows(f.read()):
                        code.setdefault(w, path)
    found = 0
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    for w in windows(f.read()) & code.keys():
                        print(f"{code[w]}: holds “{w}” from {d}/{name}")
                        found += 1
    print(f"corpus text in src: {found} run(s) of {WIDTH}+ Chinese characters")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
