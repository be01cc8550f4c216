"""Monitoring benchmark: coverage report, roll-up, stale pages and dashboard at province size.

A provincial office follows about twenty units; each publishes a few hundred pages a year.
The reports read every unit's evidence on each request, so this measures them at 20 unit
sites × 500 publication pages (10,000 pages) with the three shipped checklists, through the
real admin views (``django.test.Client``, a superuser, ``force_login``): server time only,
median of ``--repeat`` requests after warm-up, and SQL queries of one request counted with
``CaptureQueriesContext``. It also counts and times each report's own work (the functions
the views call, without Wagtail's admin chrome and other apps' hooks), measures Wagtail's
own "Aging pages" and "Site history" reports as the baseline, and measures everything once
at a small size first (``--small-per-unit`` pages) so growing query counts show.

Project: a throwaway production-like project (DEBUG off) whose database, media, static and
cache live in a temporary directory under /tmp (or the ``DATABASE_URL`` you export, which
must be an empty throwaway database). Filler pages are written with ``Model.save_base``
(no validation, revision or search indexing), with codes, publication dates, review dates,
data periods and expiry spread so that every status and reason occurs.
"""

import argparse
import contextlib
import json
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _server import PYTHON, ROOT, bench_env, manage

UNITS = 20
TARGETS = [
    ("coverage report", "/admin/moit/monitoring/coverage/"),
    ("provincial roll-up", "/admin/moit/monitoring/rollup/"),
    ("stale pages report", "/admin/moit/monitoring/stale/"),
    ("dashboard /admin/ (panel)", "/admin/"),
    ("baseline: Wagtail aging pages", "/admin/reports/aging-pages/"),
    ("baseline: Wagtail site history", "/admin/reports/site-history/"),
]
# Types whose filler needs no image file (structure chart and activity photos do).
SKIPPED_TYPES = ("OrganisationStructurePage", "ActivityPage")


# -- inside the Django process (--worker) ---------------------------------------------------


def build_units(count):
    from wagtail.models import Page, Site

    from home.models import HomePage
    from moit_wagtail.models import AgencyProfile, Unit
    from moit_wagtail.roles import ensure_unit_groups
    from tests import factories

    units = []
    root = Page.get_first_root_node()
    for number in range(count):
        name = f"หน่วยทดสอบ {number + 1:02d}"
        home = HomePage(title=name, slug=f"unit-{number:02d}", welcome="ยินดีต้อนรับ", live=True)
        root.add_child(instance=home)
        site = Site.objects.create(
            hostname=f"unit{number:02d}.localhost", port=80, root_page=home, site_name=name,
            is_default_site=number == 0,
        )  # fmt: skip
        AgencyProfile.objects.create(site=site, name_th=name)
        Unit.objects.create(site=site, group_key=name, unit_type="hospital")
        ensure_unit_groups(site, name)
        units.append(factories.build_indexes(home))
    return units


def fill_unit(indexes, owner, upto, rng):
    """Bring one unit to ``upto`` filler pages spread over the publication types."""
    import datetime

    from django.db import models
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from tests import factories

    now, today = timezone.now(), timezone.localdate()
    types = [m for m in factories.PAGE_TYPES if m.__name__ not in SKIPPED_TYPES]
    done = sum(
        model.objects.child_of(index).filter(slug__startswith="filler-").count()
        for model in types
        for index in [indexes[factories.PAGE_TYPES[model]]]
    )
    steps, added = {}, {}
    for number in range(done, upto):
        model = types[number % len(types)]
        index = indexes[factories.PAGE_TYPES[model]]
        if index.pk not in steps:
            index.refresh_from_db()
            last = index.get_last_child()
            steps[index.pk] = Page._str2int(last.path[-Page.steplen :]) if last else 0
        steps[index.pk] += 1
        title, slug = f"รายการ {number:04d}", f"filler-{number:04d}"
        page = factories.build_page(model, owner, title=title, slug=slug)
        page.path = index.path + Page._int2str(steps[index.pk]).rjust(Page.steplen, "0")
        page.depth, page.url_path = index.depth + 1, f"{index.url_path}{page.slug}/"
        page.draft_title, page.locale_id = page.title, index.locale_id
        page.content_type = page.cached_content_type
        page.clause, page.evidence_code = page.seed_clause, page.get_evidence_code()
        published = now - datetime.timedelta(days=rng.randint(0, 540))
        page.first_published_at = page.last_published_at = published
        roll = rng.random()
        page.live = roll >= 0.03
        page.expired = not page.live
        if roll < 0.03:
            page.expire_at = now - datetime.timedelta(days=rng.randint(1, 90))
        elif roll < 0.08:
            page.expire_at = now + datetime.timedelta(days=rng.randint(1, 30))
        page.review_by = rng.choice(
            [None, None, today + datetime.timedelta(days=rng.randint(-60, 200))]
        )
        page.data_period_end = today + datetime.timedelta(days=rng.randint(-40, 365))
        models.Model.save_base(page, force_insert=True)
        added[index.pk] = added.get(index.pk, 0) + 1
    for index_id, extra in added.items():
        Page.objects.filter(pk=index_id).update(numchild=F("numchild") + extra)


def timed(client, url, repeat):
    """Median ms and queries of ``url`` after two warm-up requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), len(queries.captured_queries)


def own_work(user, repeat):
    """Median ms and queries of each report's own functions (no admin chrome)."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from moit_wagtail.checklist.attention import max_age_by_code
    from moit_wagtail.checklist.status import coverage, site_coverage
    from moit_wagtail.monitoring import filters
    from moit_wagtail.monitoring.panels import unit_summaries
    from moit_wagtail.monitoring.stale import attention_rows

    def request():
        made = RequestFactory().get("/")
        made.user = user
        return made

    def coverage_report():
        made = request()
        site = filters.user_sites(made)[0]
        site_coverage(site, filters.default_framework(made))
        filters.governance_by_site([site])

    def rollup():
        made = request()
        coverage(filters.user_sites(made), filters.default_framework(made))

    def stale():
        made = request()
        limits = max_age_by_code(filters.current_lists(made))
        attention_rows(filters.user_sites(made), limits=limits)

    found = {}
    for name, call in [
        ("coverage report", coverage_report),
        ("provincial roll-up", rollup),
        ("stale pages report", stale),
        ("dashboard /admin/ (panel)", lambda: unit_summaries(request())),
    ]:
        call()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            call()
        found[name] = (statistics.median(times), len(queries.captured_queries))
    return found


def measure(client, user, repeat):
    from moit_wagtail.pages.models import PublicationPage

    row = {"pages": PublicationPage.objects.count(), "views": {}}
    for label, url in TARGETS:
        row["views"][label] = timed(client, url, repeat)
    row["own"] = own_work(user, repeat)
    return row


@contextlib.contextmanager
def index_updates_suspended():
    from workflow_bench import index_updates_suspended as suspended

    with suspended():
        yield


def run_worker(args):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    start = time.perf_counter()
    user = get_user_model().objects.create_superuser("monitoring-bench", "bench@example.go.th")
    client = Client()
    client.force_login(user)
    rng = random.Random(2569)
    with index_updates_suspended(), transaction.atomic():
        units = build_units(args.units)
    results = {}
    for size in (args.small_per_unit, args.pages_per_unit):
        started = time.perf_counter()
        with index_updates_suspended(), transaction.atomic():
            for indexes in units:
                fill_unit(indexes, user, size, rng)
        filled = time.perf_counter() - started
        results[size] = measure(client, user, args.repeat)
        results[size]["fill_seconds"] = filled
    results["setup_seconds"] = time.perf_counter() - start
    return results


# -- the driver --------------------------------------------------------------------------


def report(results, sizes, database):
    print(f"\n== monitoring reports, admin views in-process (test client), DEBUG off, {database}")
    header = f"{'target':<38}{'pages':>7}{'p50 ms':>9}{'queries':>9}{'own ms':>9}{'own q':>7}"
    print(header)
    for size in sizes:
        row = results[str(size)]
        for label, _url in TARGETS:
            ms, queries = row["views"][label]
            own = row["own"].get(label)
            extra = f"{own[0]:>9.1f}{own[1]:>7}" if own else f"{'':>9}{'':>7}"
            print(f"{label:<38}{row['pages']:>7}{ms:>9.1f}{queries:>9}{extra}")
    small, large = (results[str(size)] for size in sizes)
    for label, _url in TARGETS[:5]:
        x, y = small["views"][label][1], large["views"][label][1]
        verdict = "equal" if x == y else "NOT EQUAL: grows with the pages"
        print(f"{label}: {x} queries at {small['pages']} pages, {y} at {large['pages']} {verdict}")
    print(
        "(queries: whole admin request incl. Wagtail chrome and other apps' hooks; own: the "
        "report's functions alone; goal < 300 ms and <= 15 own queries)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, allow_abbrev=False)
    parser.add_argument("--repeat", type=int, default=7, help="timed requests of each kind")
    parser.add_argument("--units", type=int, default=UNITS, help="unit sites")
    parser.add_argument("--pages-per-unit", type=int, default=500, help="pages per unit site")
    parser.add_argument("--small-per-unit", type=int, default=25, help="pages per unit, first pass")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args, _others = parser.parse_known_args()  # run_all.py passes every bench its options
    if args.worker:
        print(json.dumps(run_worker(args)))
        return

    with tempfile.TemporaryDirectory(prefix="moit-monitoring-bench-") as work:
        env = bench_env()
        work = Path(work)
        if "DATABASE_URL" not in env or "bench/.work" in env["DATABASE_URL"]:
            env["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
        env.update(
            DJANGO_ALLOWED_HOSTS="testserver",
            DJANGO_MEDIA_ROOT=str(work / "media"),
            DJANGO_STATIC_ROOT=str(work / "static"),
            DJANGO_CACHE_DIR=str(work / "cache"),
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        options = [
            "--repeat", str(args.repeat), "--units", str(args.units),
            "--pages-per-unit", str(args.pages_per_unit),
            "--small-per-unit", str(args.small_per_unit),
        ]  # fmt: skip
        done = subprocess.run(
            [PYTHON, str(Path(__file__).resolve()), "--worker", *options],
            env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
    results = json.loads(done.stdout.strip().splitlines()[-1])
    database = env["DATABASE_URL"].split(":", 1)[0]
    report(results, (args.small_per_unit, args.pages_per_unit), database)
    seconds = results["setup_seconds"]
    print(f"(worker: {args.units} units built, filled and measured in {seconds:.0f} s)")


if __name__ == "__main__":
    main()
