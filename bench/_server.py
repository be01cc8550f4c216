"""Shared plumbing for the HTTP benchmarks: a throwaway production-like site and a load loop.

The site runs with DEBUG off under gunicorn on 127.0.0.1, on its own SQLite file (or the
DATABASE_URL you export), so numbers are comparable between runs on the same machine.
"""

import contextlib
import http.client
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
PYTHON = sys.executable


def bench_env():
    WORK.mkdir(parents=True, exist_ok=True)
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "MOIT_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="moit_site.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_MEDIA_ROOT=str(WORK / "media"),
        DJANGO_STATIC_ROOT=str(WORK / "static"),
        DJANGO_CACHE_DIR=str(WORK / "cache"),
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'site'}",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
    return env


def reset_work_dir():
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)


def manage(env, *args):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def run_python(env, code):
    """Run a snippet inside the configured Django project and return its stdout."""
    prelude = "import django; django.setup()\n"
    done = subprocess.run(
        [PYTHON, "-c", prelude + code],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return done.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env, workers=2):
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "--pythonpath",
            "site",
            "moit_site.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if get(port, "/healthz/")[0] == 200:
                    break
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        body = response.read()
        return response.status, body
    finally:
        connection.close()


def _client_loop(args):
    port, path, seconds = args
    latencies, errors = [], 0
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        start = time.perf_counter()
        try:
            status, _ = get(port, path)
        except OSError:
            status = 0
        latencies.append(time.perf_counter() - start)
        if status != 200:
            errors += 1
    return latencies, errors


def measure(port, path, seconds=8.0, connections=4):
    """Closed-loop load: ``connections`` client processes request ``path`` for ``seconds``."""
    for _ in range(20):  # warm the workers' caches
        get(port, path)
    with ProcessPoolExecutor(max_workers=connections) as pool:
        results = list(pool.map(_client_loop, [(port, path, seconds)] * connections))
    latencies = sorted(lat for lats, _ in results for lat in lats)
    errors = sum(err for _, err in results)
    return {
        "path": path,
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def print_table(title, rows, baseline):
    print(f"\n== {title}")
    print(f"{'target':<34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs trivial':>12}")
    for name, row in rows:
        ratio = row["rps"] / baseline["rps"] if baseline["rps"] else 0
        print(
            f"{name:<34}{row['rps']:>9.1f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            f"{row['errors']:>8}{ratio:>11.0%}"
        )


# -- with/without one middleware, same run (stats_bench.py, traffic_bench.py) ---------------

CACHED_TARGETS = """
import json
from wagtail.models import Site
from moit_wagtail.pages.models import PublicationPage
site = Site.objects.get(is_default_site=True)
detail = PublicationPage.objects.live().descendant_of(site.root_page).filter(
    attachments__isnull=False).first() or PublicationPage.objects.live().first()
print(json.dumps({"detail": detail.url}))
"""


def middleware_ab_project(prefix, settings_template, middleware):
    """A demo project with two settings modules, ``<prefix>_off`` and ``<prefix>_on`` (the
    template formatted with ``mw`` and ``on``); returns (env, [(target name, path)])."""
    reset_work_dir()
    env = bench_env()
    for on in (False, True):
        module = f"{prefix}_{'on' if on else 'off'}"
        (WORK / f"{module}.py").write_text(settings_template.format(mw=middleware, on=on))
    env["PYTHONPATH"] = f"{env['PYTHONPATH']}{os.pathsep}{WORK}"
    env["DJANGO_SETTINGS_MODULE"] = f"{prefix}_off"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo")
    detail = json.loads(run_python(env, CACHED_TARGETS).strip().splitlines()[-1])["detail"]
    return env, [("home page (cached)", "/"), ("detail page (cached)", detail)]


def report_middleware_ab(title, targets, results, labels):
    """Mean of the rounds per target, off and on, and the throughput loss against < 5 %.
    ``results[(target name, on)]`` are measure() rows; ``labels`` = (off, on) suffixes."""

    def mean(rows):
        keys = ("rps", "p50_ms", "p99_ms", "errors")
        return {key: statistics.mean(row[key] for row in rows) for key in keys}

    rows = []
    for name, _path in targets:
        rows.append((f"{name}, {labels[0]}", mean(results[(name, False)])))
        rows.append((f"{name}, {labels[1]}", mean(results[(name, True)])))
    print_table(title, rows, rows[0][1])
    for index, (name, _path) in enumerate(targets):
        off, on = rows[2 * index][1]["rps"], rows[2 * index + 1][1]["rps"]
        loss = 1 - on / off if off else 0
        verdict = "meets" if loss < 0.05 else "misses"
        print(f"{name}: {loss:+.1%} throughput loss with {labels[1]} ({verdict} the <5% goal)")
