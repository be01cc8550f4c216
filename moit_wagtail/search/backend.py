"""A Wagtail search backend over the Thai term index: ``WAGTAILSEARCH_BACKENDS`` points here.

Wagtail's own database backend cannot find a Thai word inside a longer written word (the
database's tokenizer splits Thai at every vowel and tone mark), and no maintained backend
segments Thai, so this one is written by hand on Wagtail's public backend API: the admin
explorer, the page, document and image choosers, listings' search boxes, ``update_index``
and the public search all read and write the same index, on SQLite and PostgreSQL.

Indexing follows each model's ``search_fields`` (``documents``); searching adds a condition
to the searched queryset (``compiler``), so filters, ordering and counts stay the ORM's.
"""

from django.db import connection, transaction
from django.db.models import Count
from wagtail.search.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchResults,
    get_model_root,
)

from .compiler import ThaiAutocompleteQueryCompiler, ThaiSearchQueryCompiler, root_content_type
from .documents import indexed_object
from .models import IndexEntry, IndexTerm

SCORE = "_moit_search_score"


def _indexed_as(obj):
    """The model an object is indexed as: its most specific page type for pages."""
    specific_class = getattr(obj, "specific_class", None) or type(obj)
    return specific_class._meta.concrete_model


def _integer_pk(obj):
    if not isinstance(obj.pk, int):
        raise TypeError(
            f"The Thai search backend indexes models with integer primary keys; "
            f"{type(obj).__name__} has {obj.pk!r}."
        )
    return obj.pk


def _lock_objects(content_type, ids):
    """On PostgreSQL, one indexer at a time per object until the transaction ends.

    Two transactions indexing the same object (a publish, and the background reader adding
    the text of its files) would each delete its rows, see none of the other's uncommitted
    ones, and insert: the second commit then breaks ``moit_search_entry_unique``. Waiting
    for the first makes the second delete what the first wrote. SQLite has one writer at a
    time already. Keys are sorted so that two batches never wait for each other in a ring.
    """
    if connection.vendor != "postgresql" or not ids:
        return
    keys = sorted(((content_type.pk & 0xFFFFF) << 43) | (pk & (2**43 - 1)) for pk in ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(key) FROM unnest(%s::bigint[]) AS key ORDER BY key",
            [keys],
        )


class ThaiSearchIndex(BaseIndex):
    """One index for every model: rows keyed by the model's root content type and pk."""

    def add_items(self, model, objs):
        # update_index offers every page once per class in its hierarchy (as a Page, then
        # as a NewsPage): index it once, from its most specific class, which has its fields.
        objs = [obj for obj in objs if _indexed_as(obj) is model._meta.concrete_model]
        if not objs:
            return
        content_type = root_content_type(model)
        for obj in objs:
            _integer_pk(obj)
        indexed = {obj.pk: indexed_object(obj) for obj in objs}
        stored = dict(
            IndexEntry.objects.filter(content_type=content_type, object_id__in=indexed).values_list(
                "object_id", "digest"
            )
        )
        changed = {pk: item for pk, item in indexed.items() if stored.get(pk) != item.digest}
        if not changed:
            return
        entries = [
            IndexEntry(content_type=content_type, object_id=pk, text=item.text, digest=item.digest)
            for pk, item in changed.items()
        ]
        terms = [
            IndexTerm(term=term, content_type=content_type, object_id=pk, weight=weight)
            for pk, item in changed.items()
            for term, weight in item.terms.items()
        ]
        with transaction.atomic():
            _lock_objects(content_type, list(changed))
            self._delete(content_type, list(changed))
            IndexEntry.objects.bulk_create(entries)
            IndexTerm.objects.bulk_create(terms, batch_size=2000)

    def delete_item(self, item):
        self._delete(root_content_type(type(item)), [item.pk])

    def _delete(self, content_type, ids):
        IndexTerm.objects.filter(content_type=content_type, object_id__in=ids).delete()
        IndexEntry.objects.filter(content_type=content_type, object_id__in=ids).delete()

    def reset(self):
        IndexTerm.objects.all()._raw_delete(IndexTerm.objects.db)
        IndexEntry.objects.all()._raw_delete(IndexEntry.objects.db)


class ThaiSearchRebuilder:
    """``update_index``: empty the index, then Wagtail adds every object again."""

    def __init__(self, index):
        self.index = index

    def start(self):
        self.index.reset()
        return self.index

    def finish(self):
        pass


class ThaiSearchResults(BaseSearchResults):
    supports_facet = True

    def _match(self):
        if not hasattr(self, "_match_cache"):
            self._match_cache = self.query_compiler.match()
        return self._match_cache

    def _clone(self):
        new = super()._clone()
        if hasattr(self, "_match_cache"):
            new._match_cache = self._match_cache
        return new

    def matching_queryset(self):
        """The searched queryset restricted to the matches, unordered and unsliced."""
        return self.query_compiler.queryset.filter(self._match().condition)

    def _do_search(self):
        match = self._match()
        queryset = self.matching_queryset()
        score_field = self._score_field
        if match.scoring is not None and (self.query_compiler.order_by_relevance or score_field):
            queryset = queryset.annotate(**{SCORE: self.query_compiler.score(match.scoring)})
            if self.query_compiler.order_by_relevance:
                ties = list(self.query_compiler.queryset.query.order_by) or ["-pk"]
                queryset = queryset.order_by(f"-{SCORE}", *ties)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        results = list(queryset[self.start : self.stop])
        if score_field:
            for obj in results:
                setattr(obj, score_field, getattr(obj, SCORE, None))
        return results

    def _do_count(self):
        return self.matching_queryset().count()

    def facet(self, field_name):
        model = self.query_compiler.queryset.model
        field = next(
            (
                field
                for field in model.get_filterable_search_fields()
                if field_name in (field.field_name, field.get_attname(model))
            ),
            None,
        )
        if field is None:
            raise ValueError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to '
                f"{self.query_compiler.queryset.model.__name__}.search_fields."
            )
        attname = field.get_attname(model)
        rows = (
            self.matching_queryset()
            .order_by()
            .values(attname)
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        return {row[attname]: row["count"] for row in rows}


class ThaiSearchBackend(BaseSearchBackend):
    query_compiler_class = ThaiSearchQueryCompiler
    autocomplete_query_compiler_class = ThaiAutocompleteQueryCompiler
    index_class = ThaiSearchIndex
    results_class = ThaiSearchResults
    rebuilder_class = ThaiSearchRebuilder

    def __init__(self, params):
        super().__init__(params)


SearchBackend = ThaiSearchBackend
__all__ = ["SearchBackend", "ThaiSearchBackend", "get_model_root"]
