"""The public search page of the current site (a GET form: no cookie, no CSRF token)."""

from django.template.response import TemplateResponse
from wagtail.models import Site

from . import query

# The hint under the search box: a word found inside a longer written word. Chosen from
# what a health office publishes (and the demo holds: tests/test_search_demo.py).
HINT_PART = "เลือด"
HINT_WORD = "ไข้เลือดออก"


def search(request):
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    found = query.run(request, root, request.GET.get("q", ""), request.GET.get("page"))
    context = {
        "search": found,
        "search_query": found.query,  # base.html fills its box
        "hint_part": HINT_PART,
        "hint_word": HINT_WORD,
    }
    return TemplateResponse(request, "moit_search/search.html", context)
