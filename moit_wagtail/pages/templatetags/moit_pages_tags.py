"""Template helpers of the category pages that need no optional app."""

from decimal import Decimal

from django import template
from django.db.models import Case, IntegerField, Value, When
from django.template.loader import get_template
from django.utils.http import urlencode

from moit_wagtail.pages.models import PublicationPage
from moit_wagtail.pages.models.links import LINK_GROUPS

register = template.Library()

RELATED_ITEMS = 5
# Half the width and height of the embedded map, in degrees (about 1 km across).
MAP_SPAN = Decimal("0.005")


@register.simple_tag(takes_context=True)
def statistics_section(context, section):
    """One app's section of the 1.10 page: its template, the page's context plus its own."""
    values = context.flatten()
    values.update(section.context)
    return get_template(section.template).render(values, context.get("request"))


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
