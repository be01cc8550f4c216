"""Load benchmark: the demo site under a mix of visitors for minutes, not seconds.

gunicorn (sync workers, DEBUG off) on 127.0.0.1 serves the demo content; ``--connections``
virtual visitors (threads in ``--processes`` client processes, each with its own cookies)
request, for ``--seconds``: the home page, category indexes, detail pages, documents, Thai
search, and post the satisfaction survey and the complaint/OIA forms (GET the form first
for its CSRF token, as a browser does). Reports req/s, p50/p99 per kind, 429s and
unexpected statuses (goal 0), and each worker's resident memory after warm-up and at the
end (goal: flat). ``bench/load_settings.py`` raises the forms' per-client limits, since all
visitors come from one address.

``--servers 2`` starts two gunicorn processes on two ports sharing the database and the
cache (REDIS_URL must be set), spreads the visitors over both, and then checks that
unpublishing a page on one is seen at once by the other (shared page-cache generation).

Database: DATABASE_URL if exported (PostgreSQL: its schema is emptied and refilled with
the demo), else a SQLite file in bench/.work-load. ``--reuse`` skips the set-up.
"""

import argparse
import json
import os
import platform
import time
from concurrent.futures import ProcessPoolExecutor, wait

from _client import markdown_table, request, start_load, summarise
from _load import Gunicorn, database_label, format_rss, load_env, machine_load, prepare, warm
from _server import run_python

UNPUBLISH = """
from urllib.parse import unquote
from wagtail.models import Page, Site
root = Site.objects.get(is_default_site=True).root_page
page = Page.objects.get(url_path=root.url_path + unquote({path!r}).lstrip("/")).specific
if {publish}:
    page.get_latest_revision().publish()
else:
    page.unpublish()
print("ok")
"""


def shared_invalidation(servers, plan, env):
    """GET a detail page on every server (cached), unpublish it, GET it again everywhere;
    then publish it again (the demo stays whole for ``--reuse``) and GET it once more."""
    path = plan["details"][-1]
    seen = [[request(server.port, "GET", path)[0] for server in servers]]
    for publish in (False, True):
        run_python(env, UNPUBLISH.format(path=path, publish=publish))
        seen.append([request(server.port, "GET", path)[0] for server in servers])
    return path, seen


def load_with_samples(servers, plan, args):
    """Run the load; meanwhile note the workers' mean RSS every ``--sample-every`` seconds."""
    ports, samples, started = [s.port for s in servers], [], time.time()
    processes = min(args.processes, args.connections)
    with ProcessPoolExecutor(max_workers=processes) as pool:
        futures = start_load(pool, ports, plan, args.seconds, args.connections, processes)
        while wait(futures, timeout=args.sample_every).done != set(futures):
            sizes = [mb for server in servers for mb in server.rss_mb().values()]
            samples.append((time.time() - started, sum(sizes) / max(1, len(sizes))))
        return [record for future in futures for record in future.result()], samples


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--servers", type=int, default=1, help="gunicorn processes (ports)")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded demo")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--sample-every", type=float, default=30, help="RSS sample (s)")
    args = parser.parse_args()

    extra = {"REDIS_URL": os.environ["REDIS_URL"]} if os.environ.get("REDIS_URL") else {}
    if args.servers > 1 and not extra:
        parser.error("--servers > 1 needs REDIS_URL (a cache shared by the servers)")
    env = load_env(**extra)
    plan = prepare(env, reuse=args.reuse)
    servers = [Gunicorn(env, workers=args.workers) for _ in range(args.servers)]
    try:
        ports = [server.port for server in servers]
        warm(ports, plan)
        rss_start = {pid: mb for s in servers for pid, mb in s.rss_mb().items()}
        load_before = machine_load()
        started = time.time()
        records, samples = load_with_samples(servers, plan, args)
        elapsed = time.time() - started
        rss_end = {pid: mb for s in servers for pid, mb in s.rss_mb().items()}
        load_after = machine_load()
        invalidation = shared_invalidation(servers, plan, env) if args.servers > 1 else None
    finally:
        for server in servers:
            server.stop()

    rows = summarise(records, elapsed)
    cache = "Redis" if extra else "file cache"
    print(
        f"\n### Load: {args.connections} connections, {elapsed:.0f} s, {database_label(env)}, "
        f"{args.servers} gunicorn process(es) x {args.workers} sync workers, {cache}\n"
    )
    print(markdown_table(rows))
    print(f"\n- worker RSS (start -> end): {format_rss(rss_start, rss_end)}")
    series = ", ".join(f"{at:.0f} s: {mb:.0f}" for at, mb in samples)
    print(f"- mean worker RSS during the run (MB): {series}")
    print(f"- machine before: {load_before}; after: {load_after}")
    print(f"- Python {platform.python_version()}, client: {args.processes} processes, same machine")
    if invalidation:
        path, (before, unpublished, republished) = invalidation
        print(
            f"- shared invalidation: {path} answered {before} on the servers, {unpublished} "
            f"right after unpublishing, {republished} after publishing again"
        )
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"rows": rows, "rss_start": rss_start, "rss_end": rss_end}, out, indent=1)


if __name__ == "__main__":
    main()
