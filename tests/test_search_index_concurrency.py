"""Two transactions indexing the same page at once (a publish, and the background reader
adding the text of its files) on PostgreSQL: the second waits for the first and replaces
its rows, instead of breaking the index's unique entry per object."""

import contextlib
import threading

import pytest
from django.db import connection, connections
from wagtail.search.backends import get_search_backend

from moit_wagtail.pages import models as pages
from moit_wagtail.search.models import IndexEntry, IndexTerm

requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL for simultaneous writers (SQLite allows one writer at a time)",
)


@requires_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_indexers_of_one_page_at_the_same_moment(make_page, monkeypatch):
    page = make_page(pages.NewsPage, title="ประกาศรณรงค์ป้องกันโรคไข้เลือดออก")
    index = get_search_backend().get_index_for_model(pages.NewsPage)
    both_deleted = threading.Barrier(2, timeout=2)
    real_delete = index._delete

    def delete_then_meet(content_type, ids):
        real_delete(content_type, ids)
        # Without the lock both get here before either writes; with it, one waits.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_deleted.wait()

    monkeypatch.setattr(index, "_delete", delete_then_meet)
    errors = []

    def reindex():
        try:
            specific = pages.NewsPage.objects.get(pk=page.pk)
            index.add_items(pages.NewsPage, [specific])
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    # Not indexed yet (a page being published): neither indexer has rows to wait on.
    IndexTerm.objects.filter(object_id=page.pk).delete()
    IndexEntry.objects.filter(object_id=page.pk).delete()
    threads = [threading.Thread(target=reindex) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert IndexEntry.objects.filter(object_id=page.pk).count() == 1
    terms = list(IndexTerm.objects.filter(object_id=page.pk).values_list("term", flat=True))
    assert terms and len(terms) == len(set(terms))  # one set of terms, not both
