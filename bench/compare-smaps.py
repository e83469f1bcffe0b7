#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where two programs' memory differs, mapping by mapping.

    compare-smaps.py A_SMAPS... -- B_SMAPS...

Each argument is a copy of /proc/PID/smaps, such as the probe saves with
COMMUNITY_BENCH_SMAPS=PREFIX (PREFIX.settled: once the page is built).
Sums the Pss of each mapped file (shared libraries by name, without their
version) and of the heap and anonymous memory, takes the median over the
copies of each side, and prints the largest differences, A minus B, in KiB.
"""

import collections
import re
import statistics
import sys

MAPPING = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")


def pss_by_mapping(path):
    pss = collections.Counter()
    name = None
    with open(path) as f:
        for line in f:
            if MAPPING.match(line):
                fields = line.split()
                name = fields[5].rsplit("/", 1)[-1] if len(fields) > 5 else "[anon]"
                if ".so" in name:
                    name = name[:name.index(".so") + 3]
            elif line.startswith("Pss:"):
                pss[name] += int(line.split()[1])
    return pss


def main():
    if "--" not in sys.argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    split = sys.argv.index("--")
    sides = [[pss_by_mapping(p) for p in sys.argv[1:split]],
             [pss_by_mapping(p) for p in sys.argv[split + 1:]]]
    if not all(sides):
        print(__doc__, file=sys.stderr)
        return 2
    names = set().union(*sides[0], *sides[1])
    medians = {n: [statistics.median(c[n] for c in side) for side in sides] for n in names}
    totals = [statistics.median(sum(c.values()) for c in side) for side in sides]
    print(f"{'total':40} {totals[0]:9.0f} {totals[1]:9.0f} {totals[0] - totals[1]:+9.0f} KiB")
    rows = sorted(names, key=lambda n: medians[n][1] - medians[n][0])
    for name in rows[:25]:
        a, b = medians[name]
        if a != b:
            print(f"{name:40} {a:9.0f} {b:9.0f} {a - b:+9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
