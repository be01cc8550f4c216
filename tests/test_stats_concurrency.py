"""Counting under concurrency: parallel writers lose no count and count a reload once.

Real concurrency needs a server database: on PostgreSQL (DATABASE_URL set, as in CI) 8
threads, each with its own connection, write 25 hits each at the same moment. SQLite
takes one writer at a time (concurrent writers fail with "database is locked" rather
than lose counts), so there the test is skipped.
"""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from wagtail.models import Site

from moit_wagtail.stats import recorder, rules
from moit_wagtail.stats.models import DailyCount, PageCount

THREADS, HITS = 8, 25

pytestmark = [
    # Serialized rollback: a browser test before this one on the worker may have emptied
    # the tables (root page, locales) that the migrations made.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL for parallel writers (SQLite allows one writer at a time)",
    ),
]


def test_parallel_hits_are_all_counted_and_shared_reloads_once(home_page, settings):
    settings.MOIT_STATS_FLUSH_SECONDS = 0
    site = Site.objects.get(is_default_site=True)
    now = timezone.now()
    start = threading.Barrier(THREADS)
    errors = []

    def worker(number):
        try:
            start.wait()
            for n in range(HITS):
                # a new visitor each time, plus one visitor whom every thread sees
                recorder.record(rules.Hit(site.pk, "", "", f"t{number}-{n}", "p", "/news/", now))
                recorder.record(rules.Hit(site.pk, "", "", "shared", "p", "/news/", now))
            recorder.flush()
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recorder.flush()

    assert errors == []
    day = DailyCount.objects.get(site=site)
    assert day.visits == THREADS * HITS + 1
    assert day.views == THREADS * HITS + 1
    assert PageCount.objects.get(site=site).views == THREADS * HITS + 1
