"""Template helpers of the public site: footer links, related items, grouped links, the map.

Each tag costs a fixed number of queries whatever the size of the site; the footer's links
(the same on every page) are cached until the next publish or change.
"""

from decimal import Decimal

from django import template
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from moit_wagtail import page_cache
from moit_wagtail.pages.models import PublicationPage
from moit_wagtail.pages.models.links import LINK_GROUPS
from moit_wagtail.public.models import FOOTER_FIELDS, FooterSettings

register = template.Library()

FOOTER_LABELS = {
    "website_policy": _("Website policy"),
    "privacy_policy": _("Privacy policy"),
    "security_policy": _("Security policy"),
    "disclaimer": _("Disclaimer"),
    "accessibility_statement": _("Accessibility statement"),
    "sitemap_page": _("Sitemap"),
}
RELATED_ITEMS = 5
FOOTER_CACHE_SECONDS = 3600
# Half the width and height of the embedded map, in degrees (about 1 km across).
MAP_SPAN = Decimal("0.005")


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


@register.simple_tag(takes_context=True)
def visitor_counter_if_available(context):
    """The visitor counter of ``moit_wagtail.stats`` once that app provides the tag."""
    engine = context.template.engine
    library = engine.template_libraries.get("moit_stats")
    if library is None or "visitor_counter" not in library.tags:
        return ""
    return engine.from_string("{% load moit_stats %}{% visitor_counter %}").render(context)


@register.simple_tag
def related_items(page, limit=RELATED_ITEMS):
    """Other live items of the same category, those of the same sub-clause first."""
    if not isinstance(page, PublicationPage):
        return []
    same_code = Case(
        When(evidence_code=page.evidence_code, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return list(
        PublicationPage.objects.live()
        .public()
        .sibling_of(page, inclusive=False)
        .annotate(same_code=same_code)
        .order_by("same_code", "-first_published_at", "-pk")
        .only("id", "title", "url_path", "path", "depth", "first_published_at", "evidence_code")[
            :limit
        ]
    )


@register.simple_tag
def link_groups(links):
    """Related websites grouped as seed 1.4 lists them: in-unit, same ministry, external."""
    groups = {key: {"key": key, "label": label, "links": []} for key, label in LINK_GROUPS}
    for link in links:
        groups.get(link.group, groups["other"])["links"].append(link)
    return [group for group in groups.values() if group["links"]]


@register.simple_tag
def osm_embed_url(latitude, longitude):
    """OpenStreetMap's embeddable map around a point (loaded only after consent)."""
    if latitude is None or longitude is None:
        return ""
    lat, lon = Decimal(latitude), Decimal(longitude)
    bbox = ",".join(
        str(value) for value in (lon - MAP_SPAN, lat - MAP_SPAN, lon + MAP_SPAN, lat + MAP_SPAN)
    )
    query = urlencode({"bbox": bbox, "layer": "mapnik", "marker": f"{lat},{lon}"})
    return f"https://www.openstreetmap.org/export/embed.html?{query}"
