"""Does indexing one page get slower as the Thai search index grows?

``search_bench.py`` builds 10,000 real pages, which takes many minutes and mixes page
creation with indexing. This isolates the index: it times ``indexer.index_page`` on one
page (median of ``--repeat``, each time with new Thai text) on an empty index, then again
after writing ``--rows`` synthetic index rows for other pages (default 600,000: about 10,000
pages of 60 words), in one process and one database. The baseline is the first
measurement: flat means the second is within noise of it.

A throwaway SQLite file in a temporary directory, or the (empty, throwaway) database in
``DATABASE_URL``: PostgreSQL is what production runs.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHRASES = (
    "กระทรวงอุตสาหกรรมประกาศนโยบาย สำนักงานสาธารณสุขจังหวัด โรงพยาบาลส่งเสริมสุขภาพตำบล "
    "รณรงค์ป้องกันโรคไข้เลือดออก คัดกรองผู้ป่วยโรคเบาหวาน ประกาศผลผู้ชนะการเสนอราคา"
)


def setup(work):
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="moit_site.settings",
        DJANGO_DEBUG="1",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_CACHE_DIR=str(work / "cache"),
        DJANGO_LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'growth.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed_indexing(page, vocabulary, repeat, rng):
    from moit_wagtail.search import indexer

    times = []
    for _ in range(repeat):
        page.title = "ข่าว " + " ".join(rng.sample(vocabulary, 40))
        started = time.perf_counter()
        indexer.index_page(page)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def fill(rows, vocabulary, rng, per_page=60):
    """``rows`` index rows for ``rows // per_page`` bare pages made for the purpose."""
    from django.db import connection, transaction
    from wagtail.models import Locale, Page

    from moit_wagtail.search.models import SearchTerm

    root = Page.get_first_root_node()
    locale = Locale.get_default()
    pages = [
        Page(
            title=f"p{number}",
            draft_title=f"p{number}",
            slug=f"p{number}",
            path="0009" + Page._int2str(number + 1).rjust(Page.steplen, "0"),
            depth=2,
            numchild=0,
            url_path=f"/p{number}/",
            content_type=root.content_type,
            locale=locale,
            live=True,
        )
        for number in range(rows // per_page)
    ]
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=2000)
        ids = list(Page.objects.filter(path__startswith="0009").values_list("pk", "path"))
        batch = []
        for number in range(rows):
            page_id, path = ids[number // per_page]
            batch.append(
                SearchTerm(
                    term=rng.choice(vocabulary),
                    page_id=page_id,
                    path=path,
                    weight=rng.randrange(1, 20),
                )
            )
            if len(batch) == 20_000:
                SearchTerm.objects.bulk_create(batch)
                batch = []
        SearchTerm.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__, allow_abbrev=False)
    parser.add_argument("--rows", type=int, default=600_000, help="synthetic index rows")
    parser.add_argument("--repeat", type=int, default=30, help="timed indexings per size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="moit-index-growth-") as work:
        setup(Path(work))
        from wagtail.models import Page

        from moit_wagtail.search import segment
        from moit_wagtail.search.models import SearchTerm

        rng = random.Random(2569)
        vocabulary = list(segment.index_terms(PHRASES)) + [f"w{i}" for i in range(20_000)]
        page = Page.objects.filter(depth=2).first()
        empty = timed_indexing(page, vocabulary, args.repeat, rng)
        started = time.perf_counter()
        fill(args.rows, vocabulary, rng)
        loaded = time.perf_counter() - started
        full = timed_indexing(page, vocabulary, args.repeat, rng)
        total = SearchTerm.objects.count()
    vendor = os.environ["DATABASE_URL"].split(":", 1)[0]
    print(f"\n== Indexing one page as the Thai search index grows ({vendor}, in-process)")
    print(f"{'index rows':>12}{'index_page ms (p50)':>22}")
    print(f"{'~0':>12}{empty:>22.1f}   (baseline)")
    print(f"{total:>12,}{full:>22.1f}   ({full / empty:.2f}x the baseline)")
    print(f"(loading {args.rows:,} synthetic rows took {loaded:.0f} s; not part of the timing)")


if __name__ == "__main__":
    main()
