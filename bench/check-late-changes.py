#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The check that nothing visible changes after the first content frame.

For the minimal window and each of the app's start-up modes (as in
startup.py): screen-watch takes a screenshot of the X screen every 20 ms
from before the launch until the program quits, and the probe keeps the
program open until 1 s after its first frame. The screenshots from the
first content frame to 1 s after the first frame must all be the same
image. A capture taken less than SETTLE_MS after the frame may still show
the frame before it (the X server draws it a moment later) and is not
counted.

Prints a line per program and exits 1 when one of them changed what it
showed; saves each distinct screenshot as PNG, with a timeline, in
OUTDIR/<program>/.

Runs inside the display, the bus and the network namespace that
run-benchmarks.sh sets up.
"""

import os
import shutil
import struct
import subprocess
import sys
import zlib

from startup import Setup, argument_parser

INTERVAL_MS = 20
LINGER_MS = 1000
SETTLE_MS = 5


def ppm_to_png(ppm, png):
    with open(ppm, "rb") as f:
        data = f.read()
    magic, width, height, maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P6" and maxval == b"255"
    width, height = int(width), int(height)
    stride = width * 3
    raw = b"".join(b"\0" + pixels[y * stride:(y + 1) * stride] for y in range(height))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))

    with open(png, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))
    os.unlink(ppm)


def watch(mode, launcher, hook, screen_watch, size, outdir, log):
    """Runs @mode once under screen-watch; returns (probe values, captures)."""
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    watcher = subprocess.Popen([screen_watch, str(INTERVAL_MS), "60000", str(size[0]),
                                str(size[1]), outdir],
                               stdout=subprocess.PIPE, stderr=log, text=True)
    captures = [watcher.stdout.readline().split()]  # one before the launch
    env = dict(mode.env, BENCH_PRELOAD=hook, COMMUNITY_BENCH_LINGER_MS=str(LINGER_MS))
    run = subprocess.run([launcher, "60"] + mode.argv, env=env, stdout=subprocess.PIPE,
                         stderr=log, text=True)
    watcher.terminate()
    out, _ = watcher.communicate()
    captures += [line.split() for line in out.splitlines()]
    values = {}
    for line in run.stdout.splitlines():
        key, _, value = line.partition(" ")
        if value.lstrip("-").isdigit():
            values[key] = int(value)
    # (µs, hash, file or "-")
    return values, [(int(c[1]), c[2], c[3]) for c in captures if len(c) == 4]


def judge(values, captures):
    """A sentence, and whether the check passed."""
    if values.get("first-content-frame-index", 0) < 1:
        return "no content frame", False
    content = values["first-content-frame"]
    until = values["first-frame"] + LINGER_MS * 1000
    shown = [c for c in captures if content + SETTLE_MS * 1000 <= c[0] <= until]
    if len(shown) < 2:
        return f"only {len(shown)} captures after the content frame", False
    changes = [c for prev, c in zip(shown, shown[1:]) if c[1] != prev[1]]
    span = (shown[-1][0] - content) / 1000
    if changes:
        at = ", ".join(f"{(c[0] - content) / 1000:+.0f} ms" for c in changes)
        return f"{len(shown)} captures up to {span:.0f} ms after the content frame: changed at {at}", False
    return (f"{len(shown)} captures from {(shown[0][0] - content) / 1000:+.0f} to "
            f"{span:+.0f} ms after the content frame: all the same image", True)


def main():
    parser = argument_parser()
    parser.add_argument("--screen-watch", required=True)
    parser.add_argument("--size", default="800x900", help="the screen area captured")
    parser.add_argument("--outdir", required=True)
    args = parser.parse_args()

    size = [int(x) for x in args.size.split("x")]
    setup = Setup(args.app, args.minimal, args.page, args.schema_dir, args.workdir,
                  args.modes.split(","), args.extra, say=lambda line: print(line, file=sys.stderr))
    passed = True
    with open(args.log, "a") as log:
        for mode in setup.modes:
            if mode.name == "stalled":
                mode.empty_cache()
            outdir = os.path.join(args.outdir, mode.name)
            values, captures = watch(mode, args.launcher, args.hook, args.screen_watch,
                                     size, outdir, log)
            sentence, ok = judge(values, captures)
            passed = passed and ok
            label = "minimal window" if mode.name == "minimal" else f"app, {mode.name}"
            print(f"| {label} | {'no change' if ok else 'CHANGED'} | {sentence} |")
            with open(os.path.join(outdir, "timeline.txt"), "w") as f:
                launch = values.get("launch", captures[0][0])
                for key in ("first-frame", "first-content-frame"):
                    if key in values:
                        f.write(f"{(values[key] - launch) / 1000:8.1f} ms  {key}\n")
                for t, h, path in captures:
                    if path != "-":
                        png = path[:-len(".ppm")] + ".png"
                        ppm_to_png(path, png)
                        path = os.path.basename(png)
                    f.write(f"{(t - launch) / 1000:8.1f} ms  {h}  {path}\n")
    setup.stop()
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
