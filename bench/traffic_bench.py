"""Benchmark: what the Computer Crime Act traffic log costs cached pages, in one run.

Serves the demo site with gunicorn (2 workers, DEBUG off, the anonymous page cache on)
without and with ``TrafficLogMiddleware`` (first in MIDDLEWARE, as the site wires it) and
loads the home page and a detail page from the page cache. Every request is logged. Rounds
alternate off/on so drift on the machine hits both. Goal: under 5% throughput loss.
Afterwards the logged rows are compared with the requests answered (none may be lost: the
workers write what is buffered when gunicorn stops them).
"""

import argparse

import _server
from _server import gunicorn, measure, run_python

# A work directory of its own, so another benchmark running at the same time cannot reset it.
WORK = _server.WORK = _server.ROOT / "var" / "bench-traffic"

MIDDLEWARE = "moit_wagtail.traffic.middleware.TrafficLogMiddleware"
SETTINGS = """
import os
from importlib import import_module
_base = import_module(os.environ.get("TRAFFIC_BENCH_BASE", "moit_site.settings"))
globals().update({{key: value for key, value in vars(_base).items() if key.isupper()}})
MIDDLEWARE = [name for name in MIDDLEWARE if name != {mw!r}]
if {on}:
    MIDDLEWARE.insert(0, {mw!r})
"""
LOGGED = """
from moit_wagtail.traffic.models import TrafficLogEntry
print(TrafficLogEntry.objects.count())
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    env, targets = _server.middleware_ab_project("traffic_bench", SETTINGS, MIDDLEWARE)

    results = {(name, on): [] for name, _ in targets for on in (False, True)}
    answered = 0
    for _round in range(args.rounds):
        for on in (False, True):
            module = "traffic_bench_on" if on else "traffic_bench_off"
            with gunicorn({**env, "DJANGO_SETTINGS_MODULE": module}, workers=2) as port:
                for name, path in targets:
                    row = measure(port, path, args.seconds, args.connections)
                    results[(name, on)].append(row)
                    # measure() also sends 20 warm-up requests; the start-up probe is one
                    answered += row["requests"] + 20 if on else 0
            answered += 1 if on else 0  # gunicorn() polls /healthz/ until it answers
    logged = int(run_python(env, LOGGED).strip().splitlines()[-1])

    _server.report_middleware_ab(
        f"traffic log, gunicorn 2 workers, page cache on, {args.rounds} rounds off/on",
        targets,
        results,
        ("no traffic log", "traffic log"),
    )
    verdict = "none lost" if logged >= answered else "MISSING ROWS"
    print(f"logged {logged} rows for at least {answered} requests answered ({verdict})")


if __name__ == "__main__":
    main()
