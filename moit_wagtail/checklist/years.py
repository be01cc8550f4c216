"""Which fiscal year's list is in force: the one place that decides it.

Every screen that does not say otherwise follows the calendar: the list of the Thai
fiscal year that contains today, else the newest list before it (next year's is not yet
in force), else the newest at all. The annual report looks back a year instead.
"""

from django.utils import timezone

from moit_wagtail import dates


def current_fiscal_year(today=None):
    return dates.fiscal_year(today or timezone.localdate())


def in_force(frameworks, today=None):
    """One list per family (``slug``) out of ``frameworks``: the one in force today.

    Keeps the order of first appearance of each family; reads no database itself when
    given a list.
    """
    year = current_fiscal_year(today)
    by_slug = {}
    for framework in frameworks:
        by_slug.setdefault(framework.slug, []).append(framework)
    return [_pick(found, year) for found in by_slug.values()]


def _pick(found, year):
    newest_first = sorted(found, key=lambda framework: framework.fiscal_year, reverse=True)
    for framework in newest_first:
        if framework.fiscal_year == year:
            return framework
    earlier = [framework for framework in newest_first if framework.fiscal_year < year]
    return earlier[0] if earlier else newest_first[0]


def list_in_force(slug, today=None):
    """The list of family ``slug`` in force today, or None (one query)."""
    from .models import Framework

    found = in_force(Framework.objects.filter(slug=slug), today)
    return found[0] if found else None
