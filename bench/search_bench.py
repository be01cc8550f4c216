"""Search benchmark: Thai word search at 10,000 pages against Wagtail's database backend.

The site's search backend is the Thai index (moit_wagtail.search.backend); the baseline is
Wagtail's own database backend, indexed with the same pages in the same run.

Citizens search the whole site for a word; Thai has no spaces, so the search must find
"อุตสาหกรรม" inside "กระทรวงอุตสาหกรรม". This builds one unit site, measures at 0 filler
pages and again at ``--pages`` (default 10,000), in one run and one ``django.setup()``:

* search: the public view ``/search/?q=...`` through ``django.test.Client`` (server time,
  median of ``--repeat`` requests after warm-up, SQL queries of one request), for a common
  word, a word inside compounds, two words, a rare word, a Latin word and a word found
  nowhere; and, as the baseline, Wagtail's own backend (``Page.objects.live()
  .descendant_of(home).search(q)``: the first 10 results and the count), with how many
  pages each finds;
* indexing one new page: this index (the Thai backend's ``add``) and Wagtail's backend
  (``backend.add``), median over ``--new-pages`` fresh pages at each size.

Project: a throwaway production-like project (DEBUG off) in a temporary directory, or the
``DATABASE_URL`` you export (an empty throwaway database). Filler pages get varied Thai
titles and bodies from a small vocabulary of health-office phrases, are written with
``Model.save_base`` and indexed in bulk by both indexes (not timed as per-page indexing).
"""

import argparse
import json
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _server import PYTHON, ROOT, bench_env, manage

HOST = "search-bench.localhost"
QUERIES = [
    ("common word", "สาธารณสุข"),
    ("word inside compounds", "อุตสาหกรรม"),
    ("two words", "ไข้เลือดออก ประกาศ"),
    ("rare word", "ฝีดาษลิง"),
    ("Latin word", "covid"),
    ("found nowhere", "ดาวเทียม"),
]
PHRASES = [
    "กระทรวงอุตสาหกรรมประกาศนโยบาย",
    "สำนักงานสาธารณสุขจังหวัด",
    "โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "รณรงค์ป้องกันโรคไข้เลือดออก",
    "คัดกรองผู้ป่วยโรคเบาหวาน",
    "ประกาศผลผู้ชนะการเสนอราคา",
    "จัดซื้อวัสดุการแพทย์",
    "แผนปฏิบัติราชการประจำปีงบประมาณ",
    "รายงานผลการดำเนินงาน",
    "อบรมเชิงปฏิบัติการเจ้าหน้าที่",
    "ฉีดวัคซีนไข้หวัดใหญ่",
    "มาตรการประหยัดพลังงาน",
    "ความร่วมมือกับภาคอุตสาหกรรม",
    "ตรวจสุขภาพผู้สูงอายุ",
    "ป้องกันการทุจริตและประพฤติมิชอบ",
    "ประชุมคณะกรรมการบริหาร",
    "COVID-19 ระลอกใหม่",
    "รับสมัครพนักงานราชการ",
]
SKIPPED_TYPES = ("OrganisationStructurePage", "ActivityPage")


# -- inside the Django process (--worker) ---------------------------------------------------


def build_unit():
    from wagtail.models import Page, Site

    from home.models import HomePage
    from moit_wagtail.models import AgencyProfile
    from tests import factories

    home = HomePage(title="หน่วยทดสอบการค้นหา", slug="search-bench", welcome="ยินดีต้อนรับ", live=True)
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="ค้นหา")
    AgencyProfile.objects.create(site=site, name_th="หน่วยทดสอบการค้นหา")
    return home, factories.build_indexes(home)


def filler_text(rng, number):
    title = " ".join(rng.sample(PHRASES, 2)) + f" ครั้งที่ {number}"
    body = " ".join(rng.choice(PHRASES) for _ in range(12))
    if number % 1000 == 7:
        body += " เฝ้าระวังโรคฝีดาษลิง"
    return title, f"<p>{body}</p>"


def new_page(indexes, owner, model, step, number, rng):
    """An unsaved-to-index live page of ``model`` written with ``save_base`` (no signals)."""
    from django.db import models
    from django.utils import timezone
    from wagtail.models import Page

    from tests import factories

    index = indexes[factories.PAGE_TYPES[model]]
    title, body = filler_text(rng, number)
    page = factories.build_page(model, owner, title=title, slug=f"filler-{number:05d}")
    if hasattr(page, "body"):
        page.body = body
    else:
        page.summary = body[3:-4][:400]
    page.path = index.path + Page._int2str(step).rjust(Page.steplen, "0")
    page.depth, page.url_path = index.depth + 1, f"{index.url_path}{page.slug}/"
    page.draft_title, page.locale_id = page.title, index.locale_id
    page.content_type = page.cached_content_type
    page.clause, page.evidence_code = page.seed_clause, page.get_evidence_code()
    page.live = True
    page.first_published_at = page.last_published_at = timezone.now()
    models.Model.save_base(page, force_insert=True)
    return page


class Filler:
    def __init__(self, indexes, owner):
        from tests import factories

        self.indexes, self.owner = indexes, owner
        self.types = [m for m in factories.PAGE_TYPES if m.__name__ not in SKIPPED_TYPES]
        self.steps, self.count, self.rng = {}, 0, random.Random(2569)

    def add(self):
        from django.db.models import F
        from wagtail.models import Page

        from tests import factories

        model = self.types[self.count % len(self.types)]
        index = self.indexes[factories.PAGE_TYPES[model]]
        self.steps[index.pk] = self.steps.get(index.pk, 0) + 1
        page = new_page(self.indexes, self.owner, model, self.steps[index.pk], self.count, self.rng)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + 1)
        self.count += 1
        return page


def wagtail_database_backend():
    """Wagtail's own database backend, the baseline (its tables exist with wagtail.search)."""
    from wagtail.search.backends.database import SearchBackend

    return SearchBackend({})


def fill(filler, upto):
    from django.db import connection, transaction
    from wagtail.search.backends import get_search_backend
    from workflow_bench import index_updates_suspended

    created = {}
    with index_updates_suspended(), transaction.atomic():
        while filler.count < upto:
            page = filler.add()
            created.setdefault(type(page), []).append(page)
    timings = []
    for backend in (get_search_backend(), wagtail_database_backend()):
        started = time.perf_counter()
        with transaction.atomic():
            for model, objects in created.items():
                backend.add_bulk(model, objects)
        timings.append(time.perf_counter() - started)
    # What autovacuum does soon after a bulk load: planner statistics and, on PostgreSQL,
    # the visibility map that lets index-only scans skip the table.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return timings


def per_page_indexing(filler, count):
    """Median ms to index one fresh page: ours, then Wagtail's backend; our queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.search.backends import get_search_backend
    from workflow_bench import index_updates_suspended

    backend, wagtail_backend = get_search_backend(), wagtail_database_backend()
    ours, wagtail = [], []
    for _ in range(count):
        with index_updates_suspended():
            page = filler.add()
        start = time.perf_counter()
        backend.add(page)
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        wagtail_backend.add(page)
        wagtail.append((time.perf_counter() - start) * 1000)
    with index_updates_suspended():
        page = filler.add()
    with CaptureQueriesContext(connection) as queries:
        backend.add(page)
    return statistics.median(ours), statistics.median(wagtail), len(queries.captured_queries)


def median_ms(call, repeat):
    call()
    call()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def time_view(client, home, query, repeat):
    """(view ms, own ms, queries of one request, pages found): the whole view, then the
    search alone (``query.run``: words, lookups, snippets), without the site's chrome."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from moit_wagtail.search import query as search

    def get():
        response = client.get("/search/", {"q": query}, HTTP_HOST=HOST)
        assert response.status_code == 200, response.status_code

    request = RequestFactory().get("/search/", HTTP_HOST=HOST)
    view = median_ms(get, repeat)
    own = median_ms(lambda: search.run(request, home, query), repeat)
    with CaptureQueriesContext(connection) as queries:
        get()
    found = search.run(request, home, query).total
    return view, own, len(queries.captured_queries), found


def time_wagtail(home, query, repeat):
    from wagtail.models import Page

    backend = wagtail_database_backend()

    def run():
        results = backend.search(query, Page.objects.live().descendant_of(home))
        list(results[:10])
        return results.count()

    return median_ms(run, repeat), run()


def time_admin(admin_client, query, repeat):
    """(view ms, search ms): Wagtail's admin page search (/admin/pages/search/), then the
    search it runs alone (autocomplete over every page: first 20 and the count)."""
    from wagtail.models import Page

    def get():
        response = admin_client.get("/admin/pages/search/", {"q": query}, HTTP_HOST=HOST)
        assert response.status_code == 200, response.status_code

    def search():
        results = Page.objects.all().autocomplete(query)
        list(results[:20])
        results.count()

    return median_ms(get, repeat), median_ms(search, repeat)


def measure(home, filler, client, admin_client, args):
    from wagtail.models import Page

    row = {"pages": Page.objects.descendant_of(home).count(), "search": {}}
    row["chrome_ms"] = time_view(client, home, "", args.repeat)[0]
    for label, query in QUERIES:
        ours = time_view(client, home, query, args.repeat)
        theirs = time_wagtail(home, query, max(3, args.repeat // 3))
        admin = time_admin(admin_client, query, max(3, args.repeat // 3))
        row["search"][label] = [query, *ours, *theirs, *admin]
    row["index_ms"] = per_page_indexing(filler, args.new_pages)
    return row


def run_worker(args):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from workflow_bench import index_updates_suspended

    owner = get_user_model().objects.create_superuser("search-bench", password="x")
    with index_updates_suspended(), transaction.atomic():
        home, indexes = build_unit()
    filler = Filler(indexes, owner)
    client, admin_client = Client(), Client()
    admin_client.force_login(owner)
    results = {"small": measure(home, filler, client, admin_client, args)}
    results["fill_seconds"] = fill(filler, args.pages)
    results["large"] = measure(home, filler, client, admin_client, args)
    return results


# -- the driver --------------------------------------------------------------------------


def report(results, database):
    print(f"\n== Thai word search, in-process (test client), DEBUG off, {database}")
    print(f"{'query':<24}{'pages':>7}{'view ms':>9}{'own ms':>8}{'queries':>9}{'found':>7}"
          f"{'wagtail ms':>12}{'found':>7}{'admin view':>11}{'admin own':>10}")  # fmt: skip
    for size in ("small", "large"):
        row = results[size]
        print(f"{'(empty query: chrome)':<24}{row['pages']:>7}{row['chrome_ms']:>9.1f}")
        for label, values in row["search"].items():
            query, ms, own, queries, found, w_ms, w_found, admin, a_own = values
            print(f"{label:<24}{row['pages']:>7}{ms:>9.1f}{own:>8.1f}{queries:>9}{found:>7}"
                  f"{w_ms:>12.1f}{w_found:>7}{admin:>11.1f}{a_own:>10.1f}  {query}")  # fmt: skip
    print(f"\n{'index one new page':<24}{'pages':>7}{'ours ms':>9}{'wagtail ms':>12}{'queries':>9}")
    for size in ("small", "large"):
        row = results[size]
        ours, theirs, queries = row["index_ms"]
        print(f"{'':<24}{row['pages']:>7}{ours:>9.1f}{theirs:>12.1f}{queries:>9}")
    ours, theirs = results["fill_seconds"]
    print(f"(bulk indexing of the filler: ours {ours:.0f} s, Wagtail add_bulk {theirs:.0f} s;"
          " goal: search < 50 ms, per-page indexing flat)")  # fmt: skip
    print("(view: the whole request incl. base.html header/footer; own: query.run() alone;")
    print(" wagtail: Wagtail's database backend on the same pages, first 10 + count;")
    print(" admin view: Wagtail's admin page search /admin/pages/search/?q= as a superuser;")
    print(" admin own: the autocomplete search it runs, first 20 + count)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, allow_abbrev=False)
    parser.add_argument("--repeat", type=int, default=9, help="timed searches of each kind")
    parser.add_argument("--pages", type=int, default=10_000, help="filler pages, second pass")
    parser.add_argument("--new-pages", type=int, default=25, help="pages indexed one by one")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args, _others = parser.parse_known_args()  # run_all.py passes every bench its options
    if args.worker:
        print(json.dumps(run_worker(args)))
        return

    with tempfile.TemporaryDirectory(prefix="moit-search-bench-") as work:
        env = bench_env()
        work = Path(work)
        if "DATABASE_URL" not in env or "bench/.work" in env["DATABASE_URL"]:
            env["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
        env.update(
            DJANGO_ALLOWED_HOSTS=f"testserver,{HOST}",
            DJANGO_MEDIA_ROOT=str(work / "media"),
            DJANGO_STATIC_ROOT=str(work / "static"),
            DJANGO_CACHE_DIR=str(work / "cache"),
        )
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        options = ["--repeat", str(args.repeat), "--pages", str(args.pages),
                   "--new-pages", str(args.new_pages)]  # fmt: skip
        done = subprocess.run(
            [PYTHON, str(Path(__file__).resolve()), "--worker", *options],
            env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
    results = json.loads(done.stdout.strip().splitlines()[-1])
    report(results, env["DATABASE_URL"].split(":", 1)[0])


if __name__ == "__main__":
    main()
