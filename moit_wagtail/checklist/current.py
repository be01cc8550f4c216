"""Which public MOIT / ITA page a unit's home page and footer link to.

Assessors and citizens look for "this year's MOIT page" from the home page. A page that
follows the current fiscal year (``/moit/``, earlier years at ``/moit/2569/``) is always
this year's; a unit that keeps a page per year (``/moit-2569/``) gets the page of the
current Thai fiscal year when it has published one, else its newest. This is the only
place that decides it.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.utils import timezone
from wagtail.models import PageViewRestriction

from moit_wagtail import dates

from .models import ChecklistPage

MOIT_FRAMEWORK_SLUG = "moit"


def moit_page_for_site(site, today=None):
    """The live, public MOIT page under ``site`` for the current fiscal year, else the
    newest one up to this year, else the newest at all; None without any. One query."""
    if site is None:
        return None
    year = dates.fiscal_year(today or timezone.localdate())
    # Not ``.public()``: it reads every restriction in a query of its own first.
    outer_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restricted = PageViewRestriction.objects.annotate(under=outer_path).filter(
        under__startswith=F("page__path")
    )
    candidates = list(
        ChecklistPage.objects.live()
        .exclude(Exists(restricted))
        .descendant_of(site.root_page)
        .filter(framework__slug=MOIT_FRAMEWORK_SLUG)
        .select_related("framework")
        .order_by("-framework__fiscal_year", "path")
    )
    for wanted in (
        lambda page: page.follow_current_year,
        lambda page: page.framework.fiscal_year == year,
        lambda page: page.framework.fiscal_year <= year,
        lambda page: True,
    ):
        found = next((page for page in candidates if wanted(page)), None)
        if found is not None:
            return found
    return None
