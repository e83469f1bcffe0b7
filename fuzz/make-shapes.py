#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the pathological page shapes the fuzz target must get through
quickly: cmark's test/pathological_tests.py shapes, sized up to the page
limit (512 KiB) so that they reach the parser, and the same kind of shapes
one layer up (containers, front matter, the page model, the join model).
fuzz/meson.build runs them through the standalone driver in `meson test`;
fuzz/run-fuzz.sh through the libFuzzer build.

Usage: make-shapes.py OUTDIR     writes shape-NAME.md for each shape
       make-shapes.py --names    prints the file names, one per line
"""
import itertools
import os
import sys


def collisions(count):
    # Keys that all land in one bucket of a 16-bucket table under the
    # shift-add hash cmark's reference map used: many references, one label.
    def bucket0(key):
        h = 0
        for c in key:
            h = (ord(c) + ((h << 6) & 0xFFFFFFFF) + ((h << 16) & 0xFFFFFFFF) - h) & 0xFFFFFFFF
        return h % 16 == 0
    keys = list(itertools.islice((k for k in ("x%d" % i for i in itertools.count())
                                  if bucket0(k)), count))
    return "".join("[%s]: /url\n\n[%s]\n\n" % (k, keys[0]) for k in keys[1:])


SHAPES = {
    # cmark's shapes.
    "nested-strong-emph": lambda: ("*a **a " * 20000) + "b" + (" a** a*" * 20000),
    "emph-closers": lambda: "a_ " * 60000,
    "emph-openers": lambda: "_a " * 60000,
    "link-closers": lambda: "a]" * 60000,
    "link-openers": lambda: "[a" * 60000,
    "mismatched": lambda: "*a_ " * 60000,
    "openers-closers-3": lambda: "a**b" + ("c* " * 60000),
    "link-emph": lambda: "[ a_" * 60000,
    "bracket-paren": lambda: "[ (](" * 60000,
    "image-brackets": lambda: "![[]()" * 80000,
    "image-brackets-a": lambda: "![[a]()" * 70000,
    "nested-brackets": lambda: "[" * 50000 + "a" + "]" * 50000,
    "nested-block-quotes": lambda: ">" * 50000 + "a",
    "nested-block-quotes-spaced": lambda: "> " * 50000 + "a",
    "deep-lists": lambda: "".join("  " * x + "* a\n" for x in range(400)),
    "empty-list-items": lambda: "- " * 50000 + "a\n",
    "backticks": lambda: "".join("e" + "`" * x for x in range(1, 700)),
    "unclosed-links-a": lambda: "[a](<b" * 30000,
    "unclosed-links-b": lambda: "[a](b" * 30000,
    "unclosed-comments": lambda: "</" + "<!--" * 60000,
    "nested-inlines": lambda: "*" * 20000 + "a" + "*" * 20000,
    "many-references": lambda: "".join("[%d]: /u\n" % i for i in range(20000)) + "[0]" * 20000,
    "emph-issue-389": lambda: "*a " * 20000 + "_a*_ " * 20000,
    "hard-link-emph": lambda: "**x [a*b**c*](d)",
    "nul-in-input": lambda: "abc\0de\0",
    "empty-lines-in-nested-lists": lambda: "- " * 30000 + "x" + "\n" * 30000,
    "empty-lines-in-nested-lists-in-quote": lambda: "> " + "- " * 30000 + "x\n" + ">\n" * 30000,
    "emph-in-deep-quote": lambda: ">" * 100000 + "a*" * 100000,
    "reference-collisions": lambda: collisions(12000),
    # Ours: containers, HTML, headings, front matter, the document model
    # and the join model.
    "containers": lambda: "::: tip\n" * 20000,
    "html-attributes": lambda: "<a title=\"" * 40000,
    "headings": lambda: "## a\n" * 60000,
    "front-matter": lambda: "---\n" + "k: v\n" * 60000,
    "image-brackets-in-container": lambda: "::: tip\n" + "![[]()" * 80000 + "\n:::\n",
    "container-closers": lambda: ":::\n" * 100000,
    "containers-in-list-items": lambda: "- ::: tip a\n  b\n" * 20000,
    "long-paragraph-soft-breaks": lambda: "a\n" * 200000,
    "sections-with-remark-items": lambda: "## 社群 a\n\n- 备注：`x` 表示社群 a\n" * 12000,
    "wechat-paragraphs": lambda: "微信 WeChat `id` 微信\n\n" * 18000,
    "strong-prices": lambda: "## a\n\n" + "**20元/月** " * 36000,
    "headings-same-anchor": lambda: "## 社群\n\n" * 45000,
}


# COMMUNITY_PAGE_MAX_SIZE: a larger page is refused before it is parsed.
MAX_SIZE = 512 * 1024


def file_name(shape):
    return "shape-" + shape + ".md"


def main():
    if sys.argv[1:] == ["--names"]:
        for shape in SHAPES:
            print(file_name(shape))
        return 0
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    os.makedirs(sys.argv[1], exist_ok=True)
    for shape, make in SHAPES.items():
        data = make().encode("utf-8")
        if len(data) > MAX_SIZE:
            print(f"{shape}: {len(data)} bytes, over the page limit", file=sys.stderr)
            return 1
        with open(os.path.join(sys.argv[1], file_name(shape)), "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
