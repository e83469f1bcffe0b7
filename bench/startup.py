#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start-up benchmark: the app against the minimal window, alternating.

Runs inside one X server and one session bus (run-benchmarks.sh starts
both). Each run goes through bench-launch, which takes CLOCK_MONOTONIC just
before fork and reads the peak RSS with wait4; the program prints the
CLOCK_MONOTONIC time of its first painted frame (COMMUNITY_BENCH_FIRST_FRAME)
and quits. Never fails because the machine is slow: a run that does not
finish within the timeout is reported and left out of the medians.
"""

import argparse
import os
import statistics
import subprocess
import sys


def page_title_and_first_paragraph(path):
    """The front matter title and the first paragraph of the body."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    title = ""
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            if lines[i].startswith("title:"):
                title = lines[i][len("title:"):].strip()
            i += 1
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    paragraph = []
    while i < len(lines) and lines[i].strip():
        paragraph.append(lines[i].strip())
        i += 1
    return title, " ".join(paragraph)


def run_once(launcher, argv, timeout, log):
    """One launch; returns (first frame ms, peak RSS KiB, CPU ms) or None."""
    env = dict(os.environ, COMMUNITY_BENCH_FIRST_FRAME="1")
    proc = subprocess.run([launcher, str(timeout)] + argv, env=env,
                          stdout=subprocess.PIPE, stderr=log, text=True)
    values = {}
    for line in proc.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key in ("first-frame", "first-frame-cpu", "launch", "peak-rss-kib", "status"):
            values[key] = int(value)
    if values.get("status") != 0 or "first-frame" not in values:
        print(f"  run of {argv[0]} gave no first frame "
              f"(status {values.get('status')}); left out", file=sys.stderr)
        return None
    return ((values["first-frame"] - values["launch"]) / 1000.0,
            values["peak-rss-kib"],
            values.get("first-frame-cpu", 0) / 1000.0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--launcher", required=True)
    parser.add_argument("--app", required=True)
    parser.add_argument("--minimal", required=True)
    parser.add_argument("--page", required=True)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--log", default=os.devnull)
    parser.add_argument("--results", help="write 'key value' lines here")
    args = parser.parse_args()

    title, paragraph = page_title_and_first_paragraph(args.page)
    programs = {
        "app": [args.app],
        "minimal": [args.minimal, title, paragraph],
    }
    samples = {"app": [], "minimal": []}
    pairs = []  # (app, minimal) of one round, for the paired ratios

    with open(args.log, "a") as log:
        # One unmeasured run each: the font cache, the a11y bus and the
        # page cache are then warm for both.
        for name in programs:
            run_once(args.launcher, programs[name], args.timeout, log)
        # ABBA order, so neither program always runs right after the other.
        for i in range(args.runs):
            order = ["app", "minimal"] if i % 2 == 0 else ["minimal", "app"]
            round_samples = {}
            for name in order:
                sample = run_once(args.launcher, programs[name], args.timeout, log)
                if sample is not None:
                    samples[name].append(sample)
                    round_samples[name] = sample
                    print(f"  {name:8} run {i + 1}: first frame {sample[0]:8.1f} ms"
                          f" (CPU {sample[2]:6.1f} ms), peak RSS {sample[1] / 1024:6.1f} MiB")
            if len(round_samples) == 2:
                pairs.append((round_samples["app"], round_samples["minimal"]))

    if not samples["app"] or not samples["minimal"]:
        print("start-up: no complete runs; see the log", file=sys.stderr)
        return 0

    med = {}
    for name, runs in samples.items():
        med[name] = (statistics.median(s[0] for s in runs),
                     statistics.median(s[1] for s in runs) / 1024.0,
                     statistics.median(s[2] for s in runs))
    time_ratio = med["app"][0] / med["minimal"][0]
    rss_ratio = med["app"][1] / med["minimal"][1]
    cpu_ratio = med["app"][2] / med["minimal"][2] if med["minimal"][2] > 0 else 0.0
    n = min(len(samples["app"]), len(samples["minimal"]))

    print(f"start-up, median of {n} runs each:")
    print("| measure | app | minimal window | app / minimal | target | |")
    print("|---|---:|---:|---:|---:|---|")
    print(f"| first painted frame (wall) | {med['app'][0]:.1f} ms | {med['minimal'][0]:.1f} ms "
          f"| {time_ratio:.3f} | ≤ 1.15 | {'met' if time_ratio <= 1.15 else 'missed'} |")
    print(f"| peak RSS (whole page built) | {med['app'][1]:.1f} MiB | {med['minimal'][1]:.1f} MiB "
          f"| {rss_ratio:.3f} | ≤ 1.25 | {'met' if rss_ratio <= 1.25 else 'missed'} |")
    print(f"| CPU time to first frame (all threads) | {med['app'][2]:.1f} ms "
          f"| {med['minimal'][2]:.1f} ms | {cpu_ratio:.3f} | – | for reference |")

    # On a shared machine the speed drifts from minute to minute; the two
    # runs of one round see nearly the same machine, so the ratios of the
    # rounds show how steady the figure above is.
    if len(pairs) >= 4:
        def spread(values):
            q = statistics.quantiles(values, n=4)
            return f"{statistics.median(values):.2f} (quartiles {q[0]:.2f}–{q[2]:.2f})"
        print(f"per-round ratios, {len(pairs)} rounds: first frame "
              f"{spread([a[0] / m[0] for a, m in pairs])}, CPU "
              f"{spread([a[2] / m[2] for a, m in pairs if m[2] > 0])}")

    if args.results:
        with open(args.results, "w") as f:
            f.write(f"startup-runs {n}\n")
            f.write(f"app-first-frame-ms {med['app'][0]:.3f}\n")
            f.write(f"minimal-first-frame-ms {med['minimal'][0]:.3f}\n")
            f.write(f"app-peak-rss-mib {med['app'][1]:.3f}\n")
            f.write(f"minimal-peak-rss-mib {med['minimal'][1]:.3f}\n")
            f.write(f"app-first-frame-cpu-ms {med['app'][2]:.3f}\n")
            f.write(f"minimal-first-frame-cpu-ms {med['minimal'][2]:.3f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
