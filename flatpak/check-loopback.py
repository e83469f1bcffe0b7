# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-loopback.py KEYFILE URL
# Exits 1 unless the app's GSettings keyfile sets page-sources and
# notice-sources (the list of the community's posts) to addresses under URL
# (a docs server on 127.0.0.1) and nothing else: the Flatpak test runs this
# before every start of the app, so no run can reach the real upstream or
# GitHub.
import ast
import configparser
import sys

keyfile, allowed = sys.argv[1], sys.argv[2]
parser = configparser.ConfigParser(interpolation=None)
parser.optionxform = str
parser.read(keyfile, encoding="utf-8")
for key in ("page-sources", "notice-sources"):
    try:
        sources = ast.literal_eval(parser["top/jpom/Community"][key])
    except Exception as error:
        sys.exit(f"no readable {key} in {keyfile}: {error}")
    bad = [s for s in sources if not s.startswith(allowed)]
    if not sources or bad:
        sys.exit(f"{key} {sources} in {keyfile} is not only {allowed}")
