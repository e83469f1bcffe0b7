#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Loopback stand-ins for the page's upstream, for the start-up benchmark.

    upstream.py serve DOCS_ROOT STATS   an HTTP server for a docs tree
    upstream.py stall STATS             accepts connections, never answers

Both listen on 127.0.0.1 on a port of the kernel's choosing, print that
port on the first line of stdout, and run until SIGTERM. They write
"requests N" (serve) or "connections N" (stall) to STATS after every
request or connection, so the benchmark can tell that the app used the
address it was given, and no other.
"""

import functools
import http.server
import signal
import socket
import sys
import threading


class Counter:
    def __init__(self, stats, word):
        self.stats = stats
        self.word = word
        self.count = 0
        self.lock = threading.Lock()
        self.write()

    def add(self):
        with self.lock:
            self.count += 1
            self.write()

    def write(self):
        with open(self.stats, "w") as f:
            f.write(f"{self.word} {self.count}\n")


def serve(docs_root, stats):
    counter = Counter(stats, "requests")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def send_head(self):
            counter.add()
            return super().send_head()

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=docs_root))
    print(server.server_address[1], flush=True)
    server.serve_forever()


def stall(stats):
    counter = Counter(stats, "connections")
    held = []
    with socket.create_server(("127.0.0.1", 0)) as listener:
        print(listener.getsockname()[1], flush=True)
        while True:
            conn, _ = listener.accept()
            held.append(conn)  # kept open, never read, never answered
            counter.add()


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if len(sys.argv) == 4 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "stall":
        stall(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
