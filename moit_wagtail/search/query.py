"""Running a search: the query's words -> pages of the current site that hold all of them.

One query over the term index (``term IN (...)`` and the site's tree path, minus pages
under a view restriction; grouped by page when there are several words), ranked by summed
weight (title words weigh most), then by first publication date. A result page then costs three more
queries whatever its length: the pages, their snippets' text and their ancestors.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Max, Q, Sum
from wagtail.models import Page, PageViewRestriction

from . import highlight, segment, spelling
from .models import SearchDocument, SearchTerm

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
PER_PAGE = 10


@dataclass
class Result:
    page: Page
    url: str
    title: str
    snippet: str
    crumbs: list


@dataclass
class Search:
    query: str = ""
    terms: list = field(default_factory=list)
    truncated: bool = False
    results: object = None  # a Paginator page of Result
    total: int = 0
    suggestion: str = ""

    @property
    def problem(self):
        """Why nothing could be searched: "empty", "no_words" (only common words or
        punctuation), or "" when the query was searched."""
        if not self.query:
            return "empty"
        return "" if self.terms else "no_words"


def clean_query(text):
    text = " ".join((text or "").split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH


def query_terms(text):
    return list(dict.fromkeys(segment.words(text)))[:MAX_TERMS]


def matches(root, terms):
    """Rows {page_id, score} of unrestricted pages under ``root`` holding every term, best
    first. Reads only the covering index of ``SearchTerm``; one word needs no grouping."""
    restricted = PageViewRestriction.objects.filter(page__path__startswith=root.path)
    hidden = Q()
    for path in restricted.values_list("page__path", flat=True):
        hidden |= Q(path__startswith=path)
    rows = SearchTerm.objects.filter(term__in=terms, path__startswith=root.path)
    if hidden:
        rows = rows.exclude(page__in=Page.objects.filter(hidden).values("pk"))
    if len(terms) == 1:
        return rows.values("page_id", score=F("weight")).order_by(
            "-weight", "-published", "-page_id"
        )
    return (
        rows.values("page_id")
        .annotate(score=Sum("weight"), hits=Count("term"), date=Max("published"))
        .filter(hits=len(terms))
        .order_by("-score", "-date", "-page_id")
    )


def split_unknown(terms):
    """Terms no page holds, replaced by the words they are made of (a compound typed whole
    where pages have its parts apart); None when that changes nothing."""
    changed, result = False, []
    for term in terms:
        parts = segment.sub_words(term, depth=1) if segment.is_thai(term) else ()
        parts = [part for part in parts if not segment.is_stopword(part)]
        if parts and not SearchTerm.objects.filter(term=term).exists():
            result.extend(parts)
            changed = True
        else:
            result.append(term)
    return list(dict.fromkeys(result))[:MAX_TERMS] if changed else None


def suggest(root, text):
    """A corrected query that finds something: Thai spelling, or Thai typed on the English
    keyboard layout ("l;ylfu" -> "สวัสดี"). Empty when nothing better is found."""
    chunks = text.split()
    if any(segment.THAI_RUN.search(chunk) for chunk in chunks):
        candidate = " ".join(
            spelling.correct_word(chunk) if segment.is_thai(chunk) else chunk for chunk in chunks
        )
    else:
        candidate = spelling.keyboard_layout(text)
    terms = query_terms(candidate)
    if not terms or candidate == text or terms == query_terms(text):
        return ""
    return candidate if matches(root, terms).exists() else ""


def run(request, root, text, page_number=None):
    query, truncated = clean_query(text)
    search = Search(query=query, truncated=truncated)
    if not query or root is None:
        return search
    search.terms = query_terms(query)
    if not search.terms:
        return search
    rows = matches(root, search.terms)
    paginator = Paginator(rows, PER_PAGE)
    if paginator.count == 0:
        retry = split_unknown(search.terms)
        if retry:
            search.terms = retry
            paginator = Paginator(matches(root, retry), PER_PAGE)
    search.total = paginator.count
    results = paginator.get_page(page_number)
    if search.total == 0:
        search.suggestion = suggest(root, query)
    results.object_list = build_results(request, root, list(results.object_list), search.terms)
    search.results = results
    return search


def build_results(request, root, rows, terms):
    ids = [row["page_id"] for row in rows]
    if not ids:
        return []
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids)}
    texts = dict(SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", "text"))
    step = Page.steplen
    ancestor_paths = {
        page.path[:end]
        for page in pages.values()
        for end in range(len(root.path) + step, len(page.path), step)
    }
    ancestors = {
        page.path: page
        for page in Page.objects.filter(path__in=ancestor_paths).only(
            "id", "title", "url_path", "path", "depth", "locale_id"
        )
    }
    pattern = highlight.matcher(terms)
    results = []
    for page_id in ids:
        page = pages.get(page_id)
        if page is None or not page.live or not page.path.startswith(root.path):
            continue  # unpublished or moved without a signal: dropped until reindexed
        crumbs = [
            ancestors[page.path[:end]]
            for end in range(len(root.path) + step, len(page.path), step)
            if page.path[:end] in ancestors
        ]
        results.append(
            Result(
                page=page,
                url=page.get_url(request),
                title=highlight.mark(page.title, pattern),
                snippet=highlight.snippet(texts.get(page_id, ""), pattern),
                crumbs=[(crumb.title, crumb.get_url(request)) for crumb in crumbs],
            )
        )
    return results
