#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start-up benchmark: the app against the minimal window, alternating.

Runs inside one X server and one session bus (run-benchmarks.sh starts
both, in a network namespace of its own). Each run goes through
bench-launch, which takes CLOCK_MONOTONIC just before fork and reads the
peak RSS with wait4, and which preloads the probe (bench-hook.c) into the
program: the probe prints the time of the first frame and of the first
frame that shows the page's first paragraph, and the PSS once the whole
page is built, then quits.

The app runs in up to three modes, each against the same minimal window:

  bundled  no cache, the bundled page (with --offline when the app has it)
  cached   a valid cache of the current page, made by `jpom-community
           --update` from a loopback copy of the upstream tree
  stalled  no cache, and page-sources pointing at a loopback server that
           accepts connections and never answers

and any number of other builds of the app (--extra NAME=PATH), run like
the bundled mode, for A/B measurements of a change.

Every mode runs with GSETTINGS_BACKEND=keyfile and a keyfile of its own
that points page-sources at a loopback address, and private config and
cache directories: the benchmark never reaches the real upstream.

Never fails because the machine is slow: a run that does not finish within
the timeout is reported and left out of the medians.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
APP_ID = "top.jpom.Community"
PAGE_PATH = "支持/110.加入社群.md"  # COMMUNITY_REFRESH_PAGE_PATH
APP_CACHE = "jpom-community"  # under XDG_CACHE_HOME (community_live_page_new)


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


class Upstream:
    """One bench/upstream.py server on 127.0.0.1."""

    def __init__(self, workdir, name, *args):
        self.stats = os.path.join(workdir, f"{name}.stats")
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "upstream.py"), *args, self.stats],
            stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline())
        self.url = f"http://127.0.0.1:{self.port}/"

    def count(self):
        with open(self.stats) as f:
            return int(f.read().split()[1])

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Mode:
    """A program and the environment it runs in."""

    def __init__(self, name, argv, workdir, sources, base_env):
        # The XDG folders must be absolute: the app refuses a relative
        # cache folder (it would read and write the working directory).
        workdir = os.path.abspath(workdir)
        self.name = name
        self.argv = argv
        self.config = os.path.join(workdir, name, "config")
        self.cache = os.path.join(workdir, name, "cache")
        self.sources = sources
        self.env = dict(base_env,
                        XDG_CONFIG_HOME=self.config,
                        XDG_CACHE_HOME=self.cache,
                        XDG_DATA_HOME=os.path.join(workdir, name, "data"),
                        XDG_STATE_HOME=os.path.join(workdir, name, "state"))
        self.samples = []
        self.reset()

    def empty_cache(self):
        """Removes the app's cache; what libraries keep there (Mesa's
        shader cache, fontconfig's) stays, as in the other modes."""
        shutil.rmtree(os.path.join(self.cache, APP_CACHE), ignore_errors=True)

    def reset(self):
        """Empty cache; a keyfile with only page-sources, and no notice
        sources (the app would otherwise ask GitHub for its notices)."""
        shutil.rmtree(os.path.dirname(self.config), ignore_errors=True)
        settings = os.path.join(self.config, "glib-2.0", "settings")
        os.makedirs(settings)
        os.makedirs(self.cache)
        quoted = ", ".join(f"'{s}'" for s in self.sources)
        with open(os.path.join(settings, "keyfile"), "w") as f:
            f.write(f"[{APP_ID.replace('.', '/')}]\npage-sources=[{quoted}]\n"
                    "notice-sources=@as []\n")


class Setup:
    """The programs and modes to run, their settings and caches, and the
    loopback upstream servers."""

    def __init__(self, app, minimal, page, schema_dir, workdir, wanted, extras,
                 say=print):
        self.say = say
        title, paragraph = page_title_and_first_paragraph(page)
        base_env = dict(os.environ,
                        GSETTINGS_BACKEND="keyfile",
                        GSETTINGS_SCHEMA_DIR=os.path.abspath(schema_dir),
                        # The first frame that shows the page's opening words.
                        COMMUNITY_BENCH_CONTENT=paragraph[:16])
        for key in ("LD_PRELOAD", "COMMUNITY_BENCH_LINGER_MS"):
            base_env.pop(key, None)
        os.makedirs(workdir, exist_ok=True)

        options = app_options(app, base_env)
        self.notes = []
        if "page-sources" not in schema_keys(schema_dir):
            self.notes.append("the schema has no page-sources key yet: the app has no live "
                              "page, and its modes differ only in their empty cache")

        docs = os.path.join(workdir, "docs")
        os.makedirs(os.path.join(docs, os.path.dirname(PAGE_PATH)), exist_ok=True)
        shutil.copyfile(page, os.path.join(docs, PAGE_PATH))
        self.served = Upstream(workdir, "served", "serve", docs)
        self.stalled = Upstream(workdir, "stalled", "stall")
        # A docs root on the served server that holds nothing (404).
        nowhere = self.served.url + urllib.parse.quote("empty/")

        offline = ["--offline"] if "--offline" in options else []
        self.modes = [Mode("minimal", [minimal, title, paragraph], workdir, [nowhere], base_env)]
        if "bundled" in wanted:
            self.modes.append(Mode("bundled", [app] + offline, workdir, [nowhere], base_env))
            if not offline:
                self.notes.append("the app has no --offline option: the bundled mode points "
                                  "page-sources at a loopback root that answers 404")
        if "cached" in wanted:
            if "--update" in options:
                self.add_cached(app, workdir, base_env)
            else:
                self.notes.append("the app has no --update option yet: no cached mode")
        if "stalled" in wanted:
            self.modes.append(Mode("stalled", [app], workdir, [self.stalled.url], base_env))
        for extra in extras:
            name, _, path = extra.partition("=")
            extra_offline = ["--offline"] if "--offline" in app_options(path, base_env) else []
            self.modes.append(Mode(name, [path] + extra_offline, workdir, [nowhere], base_env))

    def add_cached(self, app, workdir, base_env):
        mode = Mode("cached", [app], workdir, [self.served.url], base_env)
        update = subprocess.run([app, "--update"], env=mode.env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, timeout=120)
        self.say(f"cached mode: `jpom-community --update` said: {update.stdout.strip()}"
                 f" (exit {update.returncode})")
        if update.returncode == 0:
            self.modes.append(mode)
        else:
            self.notes.append("`--update` did not make a cache: no cached mode")

    def stop(self):
        self.served.stop()
        self.stalled.stop()


def run_once(launcher, hook, mode, timeout, log):
    """One launch; a dict of the probe's and the launcher's values, or None."""
    env = dict(mode.env, BENCH_PRELOAD=hook)
    proc = subprocess.run([launcher, str(timeout)] + mode.argv, env=env,
                          stdout=subprocess.PIPE, stderr=log, text=True)
    values = {}
    for line in proc.stdout.splitlines():
        key, _, value = line.partition(" ")
        try:
            values[key] = int(value)
        except ValueError:
            pass
    if values.get("status") != 0 or values.get("first-content-frame-index", 0) < 1:
        print(f"  {mode.name} gave no content frame (status {values.get('status')},"
              f" content frame index {values.get('first-content-frame-index')}); left out",
              file=sys.stderr)
        return None
    return {
        "content": (values["first-content-frame"] - values["launch"]) / 1000.0,
        "frame": (values["first-frame"] - values["launch"]) / 1000.0,
        "index": values["first-content-frame-index"],
        "cpu": values.get("first-frame-cpu", 0) / 1000.0,
        "pss": values.get("settled-pss-kib", 0) / 1024.0,
        "rss": values["peak-rss-kib"] / 1024.0,
    }


def app_options(app, env):
    """The long options the app's --help-all lists."""
    proc = subprocess.run([app, "--help-all"], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, timeout=30)
    return {word.split("=")[0] for word in proc.stdout.split() if word.startswith("--")}


def schema_keys(schema_dir):
    proc = subprocess.run(["gsettings", "--schemadir", schema_dir, "list-keys", APP_ID],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return set(proc.stdout.split())


def opened_under(launcher, hook, mode, directory, log):
    """True when one run of @mode opens a file under @directory (strace);
    None when strace is missing."""
    if shutil.which("strace") is None:
        return None
    trace = os.path.join(os.path.dirname(directory), "openat.trace")
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=openat", "-o", trace,
                    launcher, "60"] + mode.argv,
                   env=dict(mode.env, BENCH_PRELOAD=hook),
                   stdout=subprocess.DEVNULL, stderr=log, timeout=120)
    with open(trace) as f:
        return any(directory in line and "ENOENT" not in line for line in f)


def median_quartiles(values):
    q = statistics.quantiles(values, n=4) if len(values) >= 2 else [values[0]] * 3
    return statistics.median(values), q[0], q[2]


def fmt_spread(values, digits=3):
    m, lo, hi = median_quartiles(values)
    return f"{m:.{digits}f} ({lo:.{digits}f}–{hi:.{digits}f})"


def argument_parser():
    """The arguments startup.py and check-late-changes.py share."""
    parser = argparse.ArgumentParser()
    for name in ("--launcher", "--hook", "--app", "--minimal", "--page", "--schema-dir",
                 "--workdir"):
        parser.add_argument(name, required=True)
    parser.add_argument("--modes", default="bundled,cached,stalled")
    parser.add_argument("--extra", action="append", default=[], metavar="NAME=PATH",
                        help="another build of the app, run like the bundled mode")
    parser.add_argument("--log", default=os.devnull)
    return parser


def main():
    parser = argument_parser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--results", help="write 'key value' lines here")
    args = parser.parse_args()

    setup = Setup(args.app, args.minimal, args.page, args.schema_dir, args.workdir,
                  args.modes.split(","), args.extra)
    modes, served, stalled, notes = setup.modes, setup.served, setup.stalled, setup.notes

    log = open(args.log, "a")
    for mode in modes:
        if mode.name == "cached":
            used = opened_under(args.launcher, args.hook, mode, mode.cache, log)
            if used is not None:
                print(f"cached mode: the app {'opens' if used else 'does NOT open'} "
                      f"its cache ({mode.cache})")
    served_before = served.count()
    stalled_before = stalled.count()

    # One unmeasured run each: the font cache, the bus and the page cache
    # are then warm for all.
    for mode in modes:
        run_once(args.launcher, args.hook, mode, args.timeout, log)
    # Rounds in rotating order, reversed every other round, so that no
    # program always runs right after another.
    rounds = []
    for i in range(args.runs):
        k = (i // 2) % len(modes)
        order = modes[k:] + modes[:k]
        if i % 2 == 1:
            order.reverse()
        this_round = {}
        for mode in order:
            if mode.name == "stalled":
                mode.empty_cache()  # the fetch is due at every start
            sample = run_once(args.launcher, args.hook, mode, args.timeout, log)
            if sample is None:
                continue
            mode.samples.append(sample)
            this_round[mode.name] = sample
            print(f"  {mode.name:8} round {i + 1:2}: content frame {sample['content']:7.1f} ms"
                  f" (frame {sample['index']}), CPU {sample['cpu']:6.1f} ms,"
                  f" PSS {sample['pss']:6.1f} MiB, peak RSS {sample['rss']:6.1f} MiB")
        rounds.append(this_round)
        sys.stdout.flush()

    served_during = served.count() - served_before
    stalled_during = stalled.count() - stalled_before
    setup.stop()

    if not all(mode.samples for mode in modes):
        print("start-up: a program gave no complete runs; see the log", file=sys.stderr)
        return 0

    minimal = modes[0]
    print()
    print(f"Start-up, {args.runs} rounds:")
    print()
    print("| program | first content frame | PSS (page built) | peak RSS | CPU to first frame | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    med = {}
    for mode in modes:
        s = mode.samples
        med[mode.name] = {k: statistics.median(x[k] for x in s)
                          for k in ("content", "pss", "rss", "cpu")}
        m = med[mode.name]
        label = "minimal window" if mode is minimal else f"app, {mode.name}"
        print(f"| {label} | {m['content']:.1f} ms | {m['pss']:.1f} MiB | {m['rss']:.1f} MiB "
              f"| {m['cpu']:.1f} ms | {len(s)} |")
    print()
    # PSS divides each shared page among the processes that map it, so it
    # moves with whatever else runs on the machine (other GTK programs
    # share the same libraries and fonts); the two runs of a round see
    # nearly the same machine, and so does their ratio.
    print("Ratios app / minimal window: median of the per-round ratios (quartiles);"
          " for the first content frame also the ratio of the medians, after the slash.")
    print()
    print("| mode | first content frame | target ≤ 1.10 | PSS | target ≤ 1.20 | peak RSS | CPU to first frame |")
    print("|---|---:|---|---:|---|---:|---:|")
    results = {"startup-runs": args.runs}
    for mode in modes[1:]:
        ratios = {k: [r[mode.name][k] / r["minimal"][k] for r in rounds
                      if mode.name in r and "minimal" in r and r["minimal"][k] > 0]
                  for k in ("content", "pss", "rss", "cpu")}
        of_medians = {k: med[mode.name][k] / med["minimal"][k] for k in ratios}
        verdict = {k: "met" if statistics.median(ratios[k]) <= limit else "missed"
                   for k, limit in (("content", 1.10), ("pss", 1.20))}
        print(f"| {mode.name} | {fmt_spread(ratios['content'])} / {of_medians['content']:.3f} "
              f"| {verdict['content']} | {fmt_spread(ratios['pss'])} "
              f"| {verdict['pss']} | {fmt_spread(ratios['rss'])} | {fmt_spread(ratios['cpu'])} |")
        for k in ratios:
            results[f"{mode.name}-{k}-ratio"] = f"{statistics.median(ratios[k]):.3f}"
            results[f"{mode.name}-{k}-ms" if k in ("content", "cpu") else f"{mode.name}-{k}-mib"] = \
                f"{med[mode.name][k]:.3f}"
    for k in ("content", "cpu"):
        results[f"minimal-{k}-ms"] = f"{med['minimal'][k]:.3f}"
    for k in ("pss", "rss"):
        results[f"minimal-{k}-mib"] = f"{med['minimal'][k]:.3f}"

    base = "bundled" if "bundled" in med else None
    if base:
        print()
        for mode in modes:
            if mode.name in ("minimal", base):
                continue
            ratios = [r[mode.name]["content"] / r[base]["content"] for r in rounds
                      if mode.name in r and base in r]
            print(f"{mode.name} / {base}, first content frame, per round: {fmt_spread(ratios)}")
        results["app-first-frame-ms"] = f"{med[base]['content']:.3f}"

    late = [s["index"] for mode in modes for s in mode.samples if s["index"] != 1]
    print()
    print(f"Content in the first frame after map: {'every run' if not late else f'not in {len(late)} runs (frames {sorted(set(late))})'}.")
    print(f"Loopback upstream during the rounds: {served_during} requests to the served tree,"
          f" {stalled_during} connections to the stalled server.")
    for note in notes:
        print(f"Note: {note}.")

    if args.results:
        with open(args.results, "w") as f:
            for key, value in results.items():
                f.write(f"{key} {value}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
