"""``{% moit_page as page %}``: the unit's MOIT page of this fiscal year, for links."""

from django import template
from django.utils import timezone
from wagtail.models import Site

from moit_wagtail import dates, page_cache

from ..current import moit_page_for_site

register = template.Library()
CACHE_SECONDS = 3600


@register.simple_tag(takes_context=True)
def moit_page(context):
    """Looked up once per request; between publications, kept in the page cache's store
    under its generation (as the footer links are), keyed by the fiscal year."""
    request = context.get("request")
    if request is not None and hasattr(request, "_moit_checklist_page"):
        return request._moit_checklist_page
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    store = page_cache.page_cache()
    year = dates.fiscal_year(timezone.localdate())
    key = f"moit:moit-page:{site.pk}:{year}:{page_cache.current_generation(store)}"
    found = store.get(key)
    if found is None:
        found = moit_page_for_site(site) or ""
        store.set(key, found, CACHE_SECONDS)
    found = found or None
    if request is not None:
        request._moit_checklist_page = found
    return found
