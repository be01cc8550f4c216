"""Template helpers of the public site: the footer links.

Each tag costs a fixed number of queries whatever the size of the site; the footer's links
(the same on every page) are cached until the next publish or change.
"""

from django import template
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from moit_wagtail import page_cache
from moit_wagtail.pages.templatetags.moit_pages_tags import (
    link_groups,
    osm_embed_url,
    related_items,
)
from moit_wagtail.public.models import FOOTER_FIELDS, FooterSettings
from moit_wagtail.templatetags.moit_tags import visitor_counter_if_available

register = template.Library()

FOOTER_LABELS = {
    "website_policy": _("Website policy"),
    "privacy_policy": _("Privacy policy"),
    "security_policy": _("Security policy"),
    "disclaimer": _("Disclaimer"),
    "accessibility_statement": _("Accessibility statement"),
    "sitemap_page": _("Sitemap"),
}
FOOTER_CACHE_SECONDS = 3600


@register.simple_tag(takes_context=True)
def footer_links(context):
    """[{"label", "page"}] for the footer, in a fixed order; pages chosen in the footer
    setting win, else the first live policy page of that kind (or sitemap) under the root."""
    request = context.get("request")
    cached = getattr(request, "_moit_footer_links", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # The same for every page of the site until something is published or changed: kept
    # in the page cache's store under its generation, which every such change moves on.
    store = page_cache.page_cache()
    key = f"moit:footer-links:{site.pk}:{page_cache.current_generation(store)}"
    found = store.get(key)
    if found is None:
        found = _footer_pages(site)
        store.set(key, found, FOOTER_CACHE_SECONDS)
    links = [{"name": name, "label": FOOTER_LABELS[name], "page": page} for name, page in found]
    if request is not None:
        request._moit_footer_links = links
    return links


def _footer_pages(site):
    """[(footer field, page)]: the setting's choices, else the first page of each kind."""
    root = site.root_page
    # One query: the footer setting's choices are read inside it (no settings row is
    # created on a visitor's GET), beside every policy or sitemap page under the root.
    setting = FooterSettings.objects.filter(site_id=site.pk)
    chosen_as = {
        f"chosen_{name}": Exists(setting.filter(**{f"{name}_id": OuterRef("pk")}))
        for name in FOOTER_FIELDS
    }
    own_kinds = Q(policypage__isnull=False) | Q(sitemappage__isnull=False)
    wanted = Q(depth=root.depth + 1, path__startswith=root.path) & own_kinds
    # Filter on the chosen ids (indexed IN subqueries), not on the annotated flags: OR-ing
    # the flags made the database evaluate them for every page of the installation.
    for name in FOOTER_FIELDS:
        wanted |= Q(pk__in=setting.values(f"{name}_id"))
    pages = (
        Page.objects.live()
        .annotate(
            **chosen_as,
            policy_kind=F("policypage__kind"),
            sitemap_id=F("sitemappage__page_ptr_id"),
        )
        .filter(wanted)
        .only("id", "title", "url_path", "path", "depth")
        .order_by("path")
    )
    chosen, by_kind = {}, {}
    for page in pages:
        for name in FOOTER_FIELDS:
            if getattr(page, f"chosen_{name}"):
                chosen.setdefault(name, page)
        kind = page.policy_kind or ("sitemap" if page.sitemap_id else None)
        if kind and page.path.startswith(root.path):
            by_kind.setdefault(kind, page)
    found = []
    for name, kind in FOOTER_FIELDS.items():
        page = chosen.get(name) or by_kind.get(kind or "sitemap")
        if page is not None:
            found.append((name, page))
    return found


# The category pages' helpers live in the pages app; kept here for templates that load them
# from this library.
register.simple_tag(related_items)
register.simple_tag(link_groups)
register.simple_tag(osm_embed_url)
register.simple_tag(visitor_counter_if_available, takes_context=True)
