#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks what an app centre shows of the merged metainfo, as TAP.

1. The newest release is the project's version, so a published build
   names itself.
2. Every release has a description, so an update says what changed.
3. Every screenshot has an image URL and a caption in English and in
   each language of po/LINGUAS.
4. There are keywords in English and in each language of po/LINGUAS.

Usage: test-metainfo.py METAINFO VERSION LINGUAS
"""
import sys
import xml.etree.ElementTree as ET

LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def languages(elements):
    return {element.get(LANG, "C") for element in elements}


def main():
    path, version, linguas = sys.argv[1:]
    wanted = {"C"} | {line.strip() for line in open(linguas, encoding="utf-8")
                      if line.strip() and not line.startswith("#")}
    component = ET.parse(path).getroot()
    releases = component.findall("releases/release")
    screenshots = component.findall("screenshots/screenshot")
    checks = [
        ("the newest release is " + version,
         bool(releases) and releases[0].get("version") == version),
        ("every release has a description",
         bool(releases) and all(r.find("description") is not None for r in releases)),
        ("there are screenshots", bool(screenshots)),
        ("every screenshot has an image URL",
         all((s.findtext("image") or "").startswith("https://") for s in screenshots)),
        ("every screenshot has a caption in " + ", ".join(sorted(wanted)),
         all(wanted <= languages(s.findall("caption")) for s in screenshots)),
        ("keywords in " + ", ".join(sorted(wanted)),
         wanted <= languages(component.findall("keywords/keyword"))),
    ]
    failed = 0
    for number, (name, passed) in enumerate(checks, 1):
        print(f"{'ok' if passed else 'not ok'} {number} - {name}")
        failed += not passed
    print(f"1..{len(checks)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
