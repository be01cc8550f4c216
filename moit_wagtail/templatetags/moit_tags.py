"""Template helpers: Buddhist-era dates, the category menu and breadcrumbs."""

from django import template
from django.apps import apps
from django.conf import settings
from django.urls import translate_url
from django.utils.encoding import uri_to_iri
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from moit_wagtail import dates, page_cache

MENU_CACHE_SECONDS = 3600

register = template.Library()


@register.filter
def be_date(value):
    """'27 พฤศจิกายน 2569' (Thai, Buddhist era) or '27 November 2026' (English)."""
    return dates.format_date(value)


@register.filter
def be_date_short(value):
    return dates.format_date(value, short=True)


@register.filter
def be_datetime(value):
    return dates.format_datetime(value)


@register.filter
def readable_url(value):
    """A URL as people read it: Thai path segments shown as Thai, not %E0%B8..."""
    return uri_to_iri(value) if value else ""


@register.filter
def fiscal_year(value):
    return dates.fiscal_year(value) if value else ""


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def category_menu(context):
    """The live, in-menu children of the current site's root (the ten categories).

    On every page, header and footer. Reading a root's children scans all of its
    descendants' paths (treebeard has no index on depth), which grows with the site, so the
    list is cached in the page cache's store under its generation: any publish, unpublish,
    move or delete forgets it. Also kept on the request for the footer.
    """
    request = context.get("request")
    cached = getattr(request, "_moit_category_menu", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    store = page_cache.page_cache()
    key = f"moit:category-menu:{site.root_page_id}:{page_cache.current_generation(store)}"
    items = store.get(key)
    if items is None:
        items = list(
            site.root_page.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth", "content_type")
        )
        store.set(key, items, MENU_CACHE_SECONDS)
    if request is not None:
        request._moit_category_menu = items
    return items


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    """Ancestors of ``page`` below the site root, for the breadcrumb trail (one query)."""
    request = context.get("request")
    root = _site_root(request)
    if root is None or not isinstance(page, Page):
        return []
    return list(
        page.get_ancestors()
        .filter(depth__gt=root.depth, path__startswith=root.path)
        .only("id", "title", "url_path", "path", "depth")
    )


def same_site_path(url):
    """``url`` as a path on this site: a request for ``//evil.example/`` (a 404 page
    still shows the switcher) must not become a protocol-relative link to another site."""
    url = "/" + url.lstrip("/\\")
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=None) else "/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to this page in each language (a plain link: no form, no cookie, cacheable)."""
    request = context.get("request")
    path = same_site_path(request.get_full_path()) if request else "/"
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": same_site_path(translate_url(path, code)),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag
def app_installed(name):
    """Whether an optional app is installed, so a template includes its part only then
    (its tag libraries exist only when it is)."""
    return apps.is_installed(name)


@register.simple_tag(takes_context=True)
def visitor_counter_if_available(context):
    """The visitor counter of ``moit_wagtail.stats`` once that app provides the tag."""
    engine = context.template.engine
    library = engine.template_libraries.get("moit_stats")
    if library is None or "visitor_counter" not in library.tags:
        return ""
    return engine.from_string("{% load moit_stats %}{% visitor_counter %}").render(context)
