#!/usr/bin/env python3
"""Lists of TensorFlow op types, one per line, sorted, for list-ops.test.

    op_lists.py docs OPS.md        ops named in the first column of the op
                                   table ("Add, AddV2" names two)
    op_lists.py import-tests DIR   ops that appear as `op: "Name"` in the
                                   GraphDef text files (*.pbtxt) under DIR

Plain Python 3, no packages: the tests that use it run without the venv.
"""

import re
import sys
from pathlib import Path


def documented(path):
    ops = set()
    in_table = False
    for line in Path(path).read_text().splitlines():
        if line.startswith("| TensorFlow op |"):
            in_table = True
            continue
        if not in_table or not line.startswith("|"):
            in_table = in_table and line.startswith("|")
            continue
        first = line.split("|")[1].strip()
        if set(first) <= set("-: "):
            continue
        for name in first.split(","):
            name = name.strip().strip("`")
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                sys.exit(f"{path}: not an op name in the op table: {name!r}")
            ops.add(name)
    return ops


def imported_in_tests(directory):
    ops = set()
    for path in sorted(Path(directory).rglob("*.pbtxt")):
        ops.update(re.findall(r'\bop:\s*"([A-Za-z0-9_]+)"', path.read_text()))
    return ops


def main(argv):
    if len(argv) != 3 or argv[1] not in ("docs", "import-tests"):
        sys.exit(__doc__)
    ops = documented(argv[2]) if argv[1] == "docs" else imported_in_tests(
        argv[2])
    for op in sorted(ops):
        print(op)


if __name__ == "__main__":
    main(sys.argv)
