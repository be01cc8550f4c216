"""Issue 6 benchmark: what the Computer Crime Act traffic log costs cached pages, in one run.

Serves the demo site with gunicorn (2 workers, DEBUG off, the anonymous page cache on)
without and with ``TrafficLogMiddleware`` (first in MIDDLEWARE, as the site wires it) and
loads the home page and a detail page from the page cache. Every request is logged. Rounds
alternate off/on so drift on the machine hits both. Goal: under 5% throughput loss.
Afterwards the logged rows are compared with the requests answered (none may be lost: the
workers write what is buffered when gunicorn stops them).
"""

import argparse
import json
import os
import statistics

import _server
from _server import bench_env, gunicorn, manage, measure, print_table, reset_work_dir, run_python

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
TARGETS = """
import json
from moit_wagtail.pages.models import PublicationPage
from wagtail.models import Site
site = Site.objects.get(is_default_site=True)
detail = PublicationPage.objects.live().descendant_of(site.root_page).filter(
    attachments__isnull=False).first() or PublicationPage.objects.live().first()
print(json.dumps({"detail": detail.url}))
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

    reset_work_dir()
    env = bench_env()
    for name, on in (("traffic_bench_off", False), ("traffic_bench_on", True)):
        (WORK / f"{name}.py").write_text(SETTINGS.format(mw=MIDDLEWARE, on=on))
    env["PYTHONPATH"] = f"{env['PYTHONPATH']}{os.pathsep}{WORK}"
    env["TRAFFIC_BENCH_BASE"] = os.environ.get("TRAFFIC_BENCH_BASE", "moit_site.settings")
    env["DJANGO_SETTINGS_MODULE"] = "traffic_bench_off"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo")
    detail = json.loads(run_python(env, TARGETS).strip().splitlines()[-1])["detail"]
    targets = [("home page (cached)", "/"), ("detail page (cached)", detail)]

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

    def mean(rows):
        return {
            key: statistics.mean(row[key] for row in rows)
            for key in ("rps", "p50_ms", "p99_ms", "errors")
        }

    rows = []
    for name, _path in targets:
        rows.append((f"{name}, no traffic log", mean(results[(name, False)])))
        rows.append((f"{name}, traffic log", mean(results[(name, True)])))
    print_table(
        f"traffic log, gunicorn 2 workers, page cache on, {args.rounds} rounds off/on",
        rows,
        rows[0][1],
    )
    for index, (name, _path) in enumerate(targets):
        off, on = rows[2 * index][1]["rps"], rows[2 * index + 1][1]["rps"]
        loss = 1 - on / off if off else 0
        verdict = "meets" if loss < 0.05 else "misses"
        print(f"{name}: {loss:+.1%} throughput loss with the traffic log ({verdict} the <5% goal)")
    verdict = "none lost" if logged >= answered else "MISSING ROWS"
    print(f"logged {logged} rows for at least {answered} requests answered ({verdict})")


if __name__ == "__main__":
    main()
