"""The public search page of the current site (a GET form: no cookie, no CSRF token)."""

from django.template.response import TemplateResponse
from wagtail.models import Site

from . import query


def search(request):
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    found = query.run(request, root, request.GET.get("q", ""), request.GET.get("page"))
    context = {"search": found, "search_query": found.query}  # base.html fills its box
    return TemplateResponse(request, "moit_search/search.html", context)
