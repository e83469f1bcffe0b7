#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the shape of the sources in the given folders, as TAP.

1. The include graph has no cycle. A node is a unit, the .c and .h of one
   name together, with its -private.h (community-page-loader.c is a unit
   of its own, community-node-private.h belongs to community-node); an edge
   goes from a unit to each "community-*.h" its files include. page.c
   including containers.h while containers.c includes page.h is a cycle
   between the units page and containers.
2. Every public header declares each function once.

Usage: test-include-graph.py DIR [DIR...]   (relative to TOP_SRCDIR or
the current folder)
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"(community-[^"]+)\.h"', re.M)
COMMENT = re.compile(r'/\*.*?\*/', re.S)
# A declaration starts a line (after the return type) and names a function
# followed by its parameter list; macros and calls inside macros do not.
DECL = re.compile(r'^(?!\s*#)[A-Za-z_][^;{}()#]*?\b(community_[a-z0-9_]+)\s*\(', re.M)


def unit_of(stem):
    """community-node-private is a header of community-node."""
    return stem[:-len('-private')] if stem.endswith('-private') else stem


def units(dirs):
    """{unit: {included unit, ...}} and {header path: text}."""
    graph = {}
    headers = {}
    for d in dirs:
        for name in sorted(os.listdir(d)):
            stem, ext = os.path.splitext(name)
            if ext not in ('.c', '.h') or not stem.startswith('community-'):
                continue
            path = os.path.join(d, name)
            with open(path, encoding='utf-8') as f:
                text = f.read()
            if ext == '.h':
                headers[path] = text
            stem = unit_of(stem)
            deps = graph.setdefault(stem, set())
            deps.update(unit_of(i) for i in INCLUDE.findall(text) if unit_of(i) != stem)
    return graph, headers


def find_cycle(graph):
    """A list of units that form a cycle, or None. Edges to units outside
    the folders checked are ignored."""
    state = {}
    stack = []

    def visit(node):
        state[node] = 'open'
        stack.append(node)
        for dep in sorted(graph[node]):
            if dep not in graph:
                continue
            if state.get(dep) == 'open':
                return stack[stack.index(dep):] + [dep]
            if dep not in state:
                cycle = visit(dep)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 'done'
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def duplicate_declarations(headers):
    found = []
    for path, text in sorted(headers.items()):
        names = DECL.findall(COMMENT.sub('', text))
        for name in sorted(set(n for n in names if names.count(n) > 1)):
            found.append('%s declares %s() %d times' % (path, name, names.count(name)))
    return found


def main(argv):
    top = os.environ.get('TOP_SRCDIR', '.')
    dirs = [os.path.join(top, d) for d in argv[1:]]
    missing = [d for d in dirs if not os.path.isdir(d)]
    if not dirs or missing:
        print('Bail out! no such folder: %s' % ' '.join(missing or ['(none given)']))
        return 1

    graph, headers = units(dirs)
    failed = False
    where = ', '.join(argv[1:])

    cycle = find_cycle(graph)
    if cycle is None:
        edges = sum(len(v & graph.keys()) for v in graph.values())
        print('ok 1 - the include graph of %s has no cycle (%d units, %d edges)'
              % (where, len(graph), edges))
    else:
        failed = True
        print('not ok 1 - the include graph of %s has a cycle' % where)
        print('# ' + ' -> '.join(cycle))

    dups = duplicate_declarations(headers)
    if not dups:
        print('ok 2 - each of the %d headers declares each function once' % len(headers))
    else:
        failed = True
        print('not ok 2 - a header declares a function more than once')
        for line in dups:
            print('# ' + line)

    print('1..2')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
