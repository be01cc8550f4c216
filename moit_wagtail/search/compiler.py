"""A Wagtail search query -> a condition on the searched queryset's primary key, and a score.

The searched queryset keeps its own filters and ordering: the match is one more
``pk IN (subquery over IndexTerm)`` condition, so the database applies ``live()``,
``descendant_of()``, ``public()``, collections and permissions as in any listing, and
counts and pagination are the ORM's own. The subquery reads only the term index.

Terms come from ``segment.query_groups``: one group per word typed; an object matches a
word when it holds every term of the word's group (a Thai word may be cut into several
terms). Words combine with ``operator`` ("and" by default here: every word typed must be
found, as people expect of a search box; "or" on request). Autocomplete matches the last
term typed as a prefix ("เผยแ" finds "เผยแพร่").
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from wagtail.search.backends.base import (
    BaseSearchQueryCompiler,
    SearchFieldError,
    get_model_root,
)
from wagtail.search.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from . import segment
from .models import IndexTerm

PREFIX_END = "\U0010ffff"


def root_content_type(model):
    return ContentType.objects.get_for_model(get_model_root(model))


def _prefix_condition(prefix):
    """Terms starting with ``prefix``, as a range where the database can use the index.

    SQLite compares text by code point, so a range is exact and indexed; PostgreSQL's
    collations do not promise that for Thai, and its pattern index serves LIKE 'x%'.
    """
    if connections[router.db_for_read(IndexTerm)].vendor == "sqlite":
        return Q(term__gte=prefix, term__lt=prefix + PREFIX_END)
    return Q(term__startswith=prefix)


@dataclass
class Match:
    condition: Q  # on the searched model's pk
    scoring: Q | None  # the term rows that add to the score; None: no score (match all)


class ThaiSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    prefix_last_term = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content_type = root_content_type(self.queryset.model)
        self._cache = {}

    def check(self):
        if self.fields:
            raise SearchFieldError(
                "The Thai search backend searches all of a model's search_fields together; "
                f"searching only {list(self.fields)!r} is not supported. Leave out fields=.",
                field_name=self.fields[0],
            )
        super().check()

    # -- compiling ------------------------------------------------------------------------

    def terms(self):
        """Every term of the query, for highlighting."""
        return [term for group in self._groups_of(self.query) for term in group]

    def _groups_of(self, query):
        if isinstance(query, (PlainText, Phrase)):
            return self._query_groups(query.query_string)
        if isinstance(query, Boost):
            return self._groups_of(query.subquery)
        if isinstance(query, (And, Or)):
            return [group for sub in query.subqueries for group in self._groups_of(sub)]
        return []

    def match(self):
        return self._compile(self.query)

    def _compile(self, query):
        if isinstance(query, MatchAll):
            return Match(Q(), None)
        if isinstance(query, PlainText):
            return self._words(self._query_groups(query.query_string), query.operator)
        if isinstance(query, Phrase):
            groups = self._query_groups(query.query_string)
            return self._words([[term for group in groups for term in group]], "and")
        if isinstance(query, Boost):
            return self._compile(query.subquery)
        if isinstance(query, Not):
            inner = self._compile(query.subquery)
            return Match(~inner.condition, None)
        if isinstance(query, (And, Or)):
            parts = [self._compile(sub) for sub in query.subqueries]
            condition = parts[0].condition
            for part in parts[1:]:
                condition = (
                    condition & part.condition
                    if isinstance(query, And)
                    else (condition | part.condition)
                )
            scorings = [part.scoring for part in parts if part.scoring is not None]
            scoring = None
            for part in scorings:
                scoring = part if scoring is None else scoring | part
            return Match(condition, scoring)
        if isinstance(query, Fuzzy):
            raise NotImplementedError(
                "The Thai search backend has no fuzzy matching; it suggests a corrected "
                "spelling instead (moit_wagtail.search.spelling)."
            )
        raise NotImplementedError(f"The Thai search backend cannot search {query!r}.")

    def _query_groups(self, text):
        key = ("groups", text)
        if key not in self._cache:
            self._cache[key] = self._expand_unknown(segment.query_groups(text))
        return self._cache[key]

    def _expand_unknown(self, groups):
        """A compound nobody wrote whole ("กระทรวงอุตสาหกรรม" where pages have its parts
        apart) is replaced by the dictionary words it is made of."""
        expanded = []
        for group in groups:
            new_group = []
            for term in group:
                parts = segment.sub_words(term, depth=1) if segment.is_thai(term) else ()
                parts = [part for part in parts if not segment.is_stopword(part)]
                if parts and not self._rows().filter(term=term).exists():
                    new_group.extend(parts)
                else:
                    new_group.append(term)
            expanded.append(list(dict.fromkeys(new_group)))
        return expanded

    def _rows(self):
        return IndexTerm.objects.filter(content_type=self.content_type)

    def _term_condition(self, term, is_last):
        if is_last and self.prefix_last_term:
            return _prefix_condition(term)
        return Q(term=term)

    def _words(self, groups, operator):
        groups = [group for group in groups if group]
        if not groups:
            return Match(Q(pk__in=[]), None)
        operator = (operator or self.DEFAULT_OPERATOR).lower()
        last = (len(groups) - 1, len(groups[-1]) - 1)
        conditions = [
            [self._term_condition(term, (g, t) == last) for t, term in enumerate(group)]
            for g, group in enumerate(groups)
        ]
        any_term = Q()
        for group in conditions:
            for condition in group:
                any_term |= condition
        rows = self._rows().filter(any_term)
        flat = [condition for group in conditions for condition in group]
        if len(flat) == 1:
            ids = rows.values("object_id")
        else:
            counts = {f"t{i}": Count("pk", filter=condition) for i, condition in enumerate(flat)}
            having, i = Q(), 0
            for group in conditions:
                group_q = Q()
                for _condition in group:
                    group_q &= Q(**{f"t{i}__gt": 0})
                    i += 1
                having = having & group_q if operator == "and" else having | group_q
            ids = rows.values("object_id").annotate(**counts).filter(having).values("object_id")
        return Match(Q(pk__in=ids), any_term)

    def score(self, scoring):
        """The summed weights of the object's matching terms (title words weigh most)."""
        total = (
            self._rows()
            .filter(scoring, object_id=OuterRef("pk"))
            .values("object_id")
            .annotate(total=Sum("weight"))
            .values("total")[:1]
        )
        return Coalesce(Subquery(total, output_field=IntegerField()), 0)


class ThaiAutocompleteQueryCompiler(ThaiSearchQueryCompiler):
    prefix_last_term = True

    def _query_groups(self, text):
        """The word being typed is cut short, so the segmenter cannot read it: as long as
        some indexed term starts with it whole, it is matched as that prefix."""
        chunks = (text or "").split()
        if chunks:
            typing = segment.normalize(chunks[-1]).lower()[: segment.MAX_TERM_LENGTH]
            if len(typing) > 1 and self._rows().filter(_prefix_condition(typing)).exists():
                earlier = super()._query_groups(" ".join(chunks[:-1]))
                return [*earlier, [typing]]
        return super()._query_groups(text)
