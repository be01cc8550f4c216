"""Writing one page into the index, and rebuilding the whole index.

A page's rows are replaced as a whole (delete its rows, insert the new ones) in one
transaction: the cost depends on the page's own text only, never on the site's size.
Only live pages are indexed; the search also checks ``live`` so a stale row never shows.
"""

from django.db import transaction
from django.db.models import OuterRef, Subquery
from wagtail.models import Page

from . import segment
from .extract import WEIGHTS, page_fields, snippet_text
from .models import SearchDocument, SearchTerm

SNIPPET_SOURCE_LIMIT = 20_000
EXACT_FACTOR, PART_FACTOR = 2, 1


def page_terms(fields):
    """{term: weight}: per field group, the group's weight x2 for a whole word, x1 for a
    part of a compound; summed over the groups the term appears in."""
    weights = {}
    for group, texts in fields.items():
        found = {}
        for text in texts:
            for term, exact in segment.index_terms(text).items():
                found[term] = found.get(term, False) or exact
        for term, exact in found.items():
            factor = EXACT_FACTOR if exact else PART_FACTOR
            weights[term] = weights.get(term, 0) + WEIGHTS[group] * factor
    return weights


def index_page(page):
    """(Re)index ``page`` (any Page); a page that is not live is removed instead."""
    page = page.specific if type(page) is Page else page
    if not page.live:
        remove_page(page.pk)
        return
    fields = page_fields(page)
    terms = page_terms(fields)
    text = segment.normalize(snippet_text(fields))[:SNIPPET_SOURCE_LIMIT]
    with transaction.atomic():
        SearchTerm.objects.filter(page_id=page.pk).delete()
        SearchDocument.objects.update_or_create(page_id=page.pk, defaults={"text": text})
        SearchTerm.objects.bulk_create(
            SearchTerm(
                term=term,
                page_id=page.pk,
                path=page.path,
                weight=weight,
                published=page.first_published_at,
            )
            for term, weight in terms.items()
        )


def remove_page(page_id):
    with transaction.atomic():
        SearchTerm.objects.filter(page_id=page_id).delete()
        SearchDocument.objects.filter(page_id=page_id).delete()


def refresh_paths(*parents):
    """Copy the current tree path onto the rows of every page under ``parents`` (after a
    move, which can also shift the paths of the moved page's new siblings)."""
    for parent in parents:
        pages = Page.objects.descendant_of(parent, inclusive=True)
        SearchTerm.objects.filter(page__in=pages).update(
            path=Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1])
        )


def rebuild(batch_size=500, stdout=None):
    """Empty the index and index every live page again; returns the number indexed."""
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchDocument.objects.all().delete()
    done = 0
    ids = list(
        Page.objects.live().filter(depth__gt=1).order_by("path").values_list("pk", flat=True)
    )
    for start in range(0, len(ids), batch_size):
        for page in Page.objects.filter(pk__in=ids[start : start + batch_size]).specific():
            index_page(page)
            done += 1
        if stdout:
            stdout.write(f"{done} / {len(ids)}")
    return done
