"""Benchmark: what visitor counting costs cached pages, measured in one run.

Serves the demo site with gunicorn (2 workers, DEBUG off, the anonymous page cache on)
twice per round, without and with ``VisitorCountMiddleware`` before the page cache, and
loads the home page and a detail page with browser-like clients. Every request comes from
a new visitor (a new user agent), the worst case: each one is counted. Rounds alternate
off/on so drift on the machine hits both. Goal: under 5% throughput loss. Afterwards the
counted page views are compared with the successful requests (none may be lost).
"""

import argparse
import contextlib
import http.client
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

import _server
from _server import gunicorn, run_python

# A work directory of its own, so another benchmark running at the same time cannot
# reset it under this one.
WORK = _server.WORK = _server.ROOT / "var" / "bench-stats"

MIDDLEWARE = "moit_wagtail.stats.middleware.VisitorCountMiddleware"
SETTINGS = """
import os
from importlib import import_module
_base = import_module(os.environ.get("STATS_BENCH_BASE", "moit_site.settings"))
globals().update({{key: value for key, value in vars(_base).items() if key.isupper()}})
MIDDLEWARE = [name for name in MIDDLEWARE if name != {mw!r}]
CACHE_MIDDLEWARE = "moit_wagtail.page_cache.AnonymousPageCacheMiddleware"
if {on}:
    MIDDLEWARE.insert(MIDDLEWARE.index(CACHE_MIDDLEWARE), {mw!r})
"""
# Today's views only: the demo seeds a year of past days.
COUNTED = """
from django.utils import timezone
from moit_wagtail.stats.models import DailyCount
today = DailyCount.objects.filter(day=timezone.localdate())
print(sum(today.values_list("views", flat=True)))
"""


def get(port, path, agent):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", "User-Agent": agent})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def client_loop(args):
    port, path, seconds, client = args
    agent = f"Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36 visitor/{client}-"
    latencies, ok = [], 0
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        start = time.perf_counter()
        with contextlib.suppress(OSError):
            ok += get(port, path, f"{agent}{len(latencies)}") == 200
        latencies.append(time.perf_counter() - start)
    return latencies, ok


def measure(port, path, seconds, connections):
    for n in range(20):  # warm the page cache and the workers
        get(port, path, f"curl/8 warm-up {n}")  # a bot: not counted
    jobs = [
        (port, path, seconds, f"{os.getpid()}-{path}-{time.monotonic_ns()}-{n}")
        for n in range(connections)
    ]
    with ProcessPoolExecutor(max_workers=connections) as pool:
        results = list(pool.map(client_loop, jobs))
    latencies = sorted(lat for lats, _ in results for lat in lats)
    ok = sum(count for _, count in results)
    return {
        "requests": len(latencies),
        "ok": ok,
        "errors": len(latencies) - ok,
        "rps": len(latencies) / seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    env, targets = _server.middleware_ab_project("stats_bench", SETTINGS, MIDDLEWARE)

    results = {(name, on): [] for name, _ in targets for on in (False, True)}
    counted_requests = 0
    for _round in range(args.rounds):
        for on in (False, True):
            module = "stats_bench_on" if on else "stats_bench_off"
            with gunicorn({**env, "DJANGO_SETTINGS_MODULE": module}, workers=2) as port:
                for name, path in targets:
                    row = measure(port, path, args.seconds, args.connections)
                    results[(name, on)].append(row)
                    counted_requests += row["ok"] if on else 0
    counted = int(run_python(env, COUNTED).strip().splitlines()[-1])

    _server.report_middleware_ab(
        f"visitor counting, gunicorn 2 workers, page cache on, {args.rounds} rounds off/on, "
        "every request a new visitor",
        targets,
        results,
        ("no counting", "counting"),
    )
    verdict = "none lost" if counted == counted_requests else "MISMATCH"
    print(f"counted page views {counted} for {counted_requests} successful requests ({verdict})")


if __name__ == "__main__":
    main()
