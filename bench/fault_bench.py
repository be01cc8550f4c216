"""Fault runs: what visitors see when PostgreSQL restarts, a worker dies, the disk fills.

* ``pg-restart``: the load of ``load_bench`` runs; a third of the way in, the throwaway
  PostgreSQL cluster of DATABASE_URL (``.ci/postgres.sh``) is restarted with ``pg_ctl
  restart -m fast`` (``--down-seconds N``: stopped, N seconds later started). Expected:
  503s with Retry-After while it is away, never 500, then only successes, with the same
  gunicorn workers (Django's CONN_HEALTH_CHECKS reconnects).
* ``kill-worker``: a third of the way in, a busy gunicorn worker gets SIGKILL (``--kills``
  times, 3 s apart). Expected: only the request each one held fails; gunicorn starts a new
  worker and the site keeps serving.
* ``disk-full``: MEDIA_ROOT and MOIT_PRIVATE_MEDIA_ROOT are small tmpfs mounts (root
  only). A citizen posts complaints with three 700 kB PDFs, and a superuser uploads 1 MB
  documents in the admin, until the disk is full. Expected: a Thai message or the 503
  page, and no file on disk that no database row names (no partial or orphaned files).

Every request is timed and kept; the report gives per-second counts around the fault.
"""

import argparse
import collections
import os
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from _client import KINDS, markdown_table, start_load, summarise
from _load import Gunicorn, database_label, load_env, machine_load, prepare, warm

OK = {status for _, statuses in KINDS.values() for status in statuses}


def pg_ctl(*args):
    url = urlsplit(os.environ.get("DATABASE_URL", ""))
    if url.scheme not in {"postgres", "postgresql"}:
        raise SystemExit("pg-restart needs DATABASE_URL of a .ci/postgres.sh cluster")
    data = f"/tmp/moit-pg-{url.port}/data"
    binary = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
    command = [str(binary), "-D", data, "-w", *args]
    if os.getuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def timeline(records, fault_at, before=3, after=15):
    """Per-second counts of successes, 503, 500, connection failures and others."""
    buckets = collections.defaultdict(collections.Counter)
    for wall, kind, status, seconds in records:
        done = wall + seconds  # when the visitor saw it (requests queue in the backlog)
        second = int(done - fault_at) if done >= fault_at else int(done - fault_at) - 1
        if -before <= second <= after:
            label = {503: "503", 500: "500", 0: "conn"}.get(status)
            label = label or ("ok" if status in KINDS[kind][1] or status == 429 else "other")
            buckets[second][label] += 1
    lines = [
        "| s after fault | ok | 503 | 500 | conn. failed | other |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for second in sorted(buckets):
        b = buckets[second]
        lines.append(
            f"| {second} | {b['ok']} | {b['503']} | {b['500']} | {b['conn']} | {b['other']} |"
        )
    return "\n".join(lines)


def run_with_fault(server, plan, args, fault):
    """Run the load; ``fault()`` at a third of the way; return (records, fault time, note)."""
    with ProcessPoolExecutor(max_workers=args.processes) as pool:
        futures = start_load(
            pool, [server.port], plan, args.seconds, args.connections, args.processes
        )
        time.sleep(args.seconds / 3)
        fault_at = time.time()
        note = fault()
        records = [record for future in futures for record in future.result()]
    return records, fault_at, note


def report_window(records, fault_at):
    records = sorted((wall + seconds, kind, status) for wall, kind, status, seconds in records)
    bad = [r for r in records if r[2] not in OK and r[2] != 429 and r[0] >= fault_at - 1]
    unavailable = [r for r in bad if r[2] == 503]
    others = collections.Counter(r[2] for r in bad if r[2] != 503)
    last_bad = bad[-1][0] - fault_at if bad else None
    lines = [
        f"- failed requests after the fault: {len(bad)} "
        f"(503: {len(unavailable)}, others: {dict(others)})"
    ]
    if unavailable:
        first, last = unavailable[0][0] - fault_at, unavailable[-1][0] - fault_at
        lines.append(
            f"- 503s seen from {first:+.1f} s to {last:+.1f} s after the fault "
            f"({last - first:.1f} s of 503s)"
        )
    if last_bad is not None:
        tail = [r for r in records if r[0] > bad[-1][0]]
        ok_tail = sum(1 for r in tail if r[2] in OK)
        lines.append(
            f"- after the last failure (+{last_bad:.1f} s): {ok_tail}/{len(tail)} succeeded"
        )
    return "\n".join(lines)


def pg_restart(env, plan, args):
    server = Gunicorn(env, workers=args.workers)
    try:
        warm([server.port], plan)
        workers_before = sorted(server.workers())

        port = urlsplit(env["DATABASE_URL"]).port
        cluster = f"/tmp/moit-pg-{port}"
        # As .ci/postgres.sh starts it (``restart`` reuses the options by itself, ``start``
        # would fall back to port 5432).
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={cluster} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )

        def fault():
            started = time.monotonic()
            if args.down_seconds:
                pg_ctl("stop", "-m", "fast")
                time.sleep(args.down_seconds)
                pg_ctl("start", "-l", f"{cluster}/server.log", "-o", options)
            else:
                pg_ctl("restart", "-m", "fast")
            return f"PostgreSQL back after {time.monotonic() - started:.1f} s"

        records, fault_at, note = run_with_fault(server, plan, args, fault)
        same = sorted(server.workers()) == workers_before
    finally:
        server.stop()
    action = f"stopped for {args.down_seconds} s" if args.down_seconds else "pg_ctl restart -m fast"
    print(f"\n### Fault: PostgreSQL {action} under {args.connections} connections\n")
    print(f"- {note}; same gunicorn workers afterwards (no app restart): {same}")
    print(report_window(records, fault_at))
    print("\n" + timeline(records, fault_at))
    print("\n" + markdown_table(summarise(records, args.seconds)))


def kill_worker(env, plan, args):
    server = Gunicorn(env, workers=args.workers)
    try:
        warm([server.port], plan)
        before = set(server.workers())

        def fault():
            killed = []
            for n in range(args.kills):
                if n:
                    time.sleep(3)
                killed.append(server.kill_worker())
            return killed

        records, fault_at, killed = run_with_fault(server, plan, args, fault)
        after = set(server.workers())
    finally:
        server.stop()
    print(f"\n### Fault: SIGKILL of gunicorn workers {killed} (3 s apart) under load\n")
    print(
        f"- workers before {sorted(before)}, after {sorted(after)} (new: {sorted(after - before)})"
    )
    print(report_window(records, fault_at))
    print("\n" + timeline(records, fault_at))
    print("\n" + markdown_table(summarise(records, args.seconds)))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("fault", choices=["pg-restart", "kill-worker", "disk-full"])
    parser.add_argument("--seconds", type=float, default=45)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--down-seconds", type=float, default=0)
    parser.add_argument("--kills", type=int, default=3, help="kill-worker: how many")
    parser.add_argument("--disk-mb", type=int, default=4)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()

    env = load_env()
    plan = prepare(env, reuse=args.reuse)
    print(f"{database_label(env)}; {machine_load()}")
    if args.fault == "pg-restart":
        pg_restart(env, plan, args)
    elif args.fault == "kill-worker":
        kill_worker(env, plan, args)
    else:
        from _disk import disk_full

        disk_full(env, plan, args)


if __name__ == "__main__":
    main()
