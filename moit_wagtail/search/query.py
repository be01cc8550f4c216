"""The public search of the current site, through the search backend.

The searched pages are the current site's live pages that nobody restricted
(``live().public().descendant_of(root)``), newest first among equals; the backend adds the
match and the ranking. A result page then costs a fixed number of queries whatever its
length: the count, the pages, their snippets' text, their ancestors, and the files of the
results whose words were found only inside an attached file.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from . import highlight, segment, spelling
from .models import IndexEntry

MAX_QUERY_LENGTH = 200
PER_PAGE = 10


@dataclass
class Result:
    page: Page
    url: str
    title: str
    snippet: str
    crumbs: list
    found_in_file: str = ""  # the attachment whose text held the words, when only it did


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
    return [term for group in segment.query_groups(text) for term in group]


def searched_pages(root):
    return (
        Page.objects.live()
        .public()
        .descendant_of(root, inclusive=True)
        .order_by("-first_published_at", "-id")
    )


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
    found = get_search_backend().search(candidate, searched_pages(root), order_by_relevance=False)
    return candidate if found[:1] else ""


def run(request, root, text, page_number=None):
    query, truncated = clean_query(text)
    search = Search(query=query, truncated=truncated)
    if not query or root is None:
        return search
    search.terms = query_terms(query)
    if not search.terms:
        return search
    found = get_search_backend().search(query, searched_pages(root))
    search.terms = found.query_compiler.terms()  # as searched (a compound may be split)
    paginator = Paginator(found, PER_PAGE)
    search.total = paginator.count
    results = paginator.get_page(page_number)
    if search.total == 0:
        search.suggestion = suggest(root, query)
    results.object_list = build_results(request, root, list(results.object_list), search.terms)
    search.results = results
    return search


def _crumbs(request, root, pages):
    step = Page.steplen
    paths = {
        page.path[:end]
        for page in pages
        for end in range(len(root.path) + step, len(page.path), step)
    }
    ancestors = {
        page.path: page
        for page in Page.objects.filter(path__in=paths).only(
            "id", "title", "url_path", "path", "depth", "locale_id"
        )
    }
    return {
        page.pk: [
            (ancestors[page.path[:end]].title, ancestors[page.path[:end]].get_url(request))
            for end in range(len(root.path) + step, len(page.path), step)
            if page.path[:end] in ancestors
        ]
        for page in pages
    }


def _file_matches(page_ids, pattern):
    """{page id: (attachment title, its text)} for the first attached file whose text
    holds a match (one query for the whole result page)."""
    from moit_wagtail.pages.models import PageAttachment

    found = {}
    attachments = (
        PageAttachment.objects.filter(page_id__in=page_ids, document__moit_file_text__status="ok")
        .select_related("document", "document__moit_file_text")
        .order_by("page_id", "sort_order")
    )
    for attachment in attachments:
        if attachment.page_id in found:
            continue
        text = attachment.document.moit_file_text.text
        if pattern.search(text):
            found[attachment.page_id] = (attachment.title, text)
    return found


def build_results(request, root, pages, terms):
    if not pages:
        return []
    ids = [page.pk for page in pages]
    content_type = ContentType.objects.get_for_model(Page)
    texts = dict(
        IndexEntry.objects.filter(content_type=content_type, object_id__in=ids).values_list(
            "object_id", "text"
        )
    )
    pattern = highlight.matcher(terms)
    crumbs = _crumbs(request, root, pages)
    own_match = {
        page.pk: bool(pattern and pattern.search(f"{page.title} {texts.get(page.pk, '')}"))
        for page in pages
    }
    unmatched = [page_id for page_id, matched in own_match.items() if not matched]
    in_files = _file_matches(unmatched, pattern) if unmatched and pattern else {}
    results = []
    for page in pages:
        file_name, text = in_files.get(page.pk, ("", texts.get(page.pk, "")))
        results.append(
            Result(
                page=page,
                url=page.get_url(request),
                title=highlight.mark(page.title, pattern),
                snippet=highlight.snippet(text, pattern),
                crumbs=crumbs[page.pk],
                found_in_file=file_name,
            )
        )
    return results
