"""The recall and precision that bench/search_quality.py measures in memory are the search's
own: the same evaluation set, indexed and searched through the Wagtail search backend in the
database, finds exactly what the in-memory rule finds, and scores the goal."""

import importlib.util
from pathlib import Path

import pytest
from wagtail.documents.models import Document
from wagtail.search.backends import get_search_backend

from moit_wagtail.search import segment

BENCH = Path(__file__).resolve().parent.parent / "bench" / "search_quality.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("search_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def in_memory(query, terms):
    groups = segment.query_groups(query)
    return bool(groups) and all(all(term in terms for term in group) for group in groups)


@pytest.mark.django_db
def test_the_backend_finds_what_the_evaluation_measures(bench):
    titles = [title for _category, title in bench.load_titles()]
    queries = bench.load_queries()
    truth = bench.ground_truth(queries, titles)
    documents = Document.objects.bulk_create(
        Document(title=title, file=f"documents/eval-{number}.pdf")
        for number, title in enumerate(titles)
    )
    get_search_backend().add_bulk(Document, documents)
    position = {document.pk: number for number, document in enumerate(documents)}
    terms = [set(segment.index_terms(title)) for title in titles]
    hits = relevant = retrieved = 0
    for query in queries:
        found = {position[document.pk] for document in Document.objects.search(query["q"])}
        expected = {number for number in range(len(titles)) if in_memory(query["q"], terms[number])}
        assert found == expected, query["q"]
        hits += len(found & truth[query["q"]])
        relevant += len(truth[query["q"]])
        retrieved += len(found)
    assert hits / relevant >= 0.98 and hits / retrieved >= 0.97
