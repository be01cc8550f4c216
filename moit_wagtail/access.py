"""Which unit websites a user may monitor.

A unit's staff see their own site; whoever may see several sites (a provincial admin,
or anyone with page permissions above several site roots) gets the provincial roll-up.
Checked on the server by every monitoring view, not only by hiding menu items.
"""

from django.db.models import Count, Q
from django.db.models.functions import Substr
from wagtail.models import GroupPagePermission, Site

VIEW_ALL_PERMISSION = "moit_checklist.view_all_units"


def sites_for_user(user):
    """Sites whose root the user holds any page permission on (directly or above)."""
    if not user.is_active:
        return []
    sites = list(Site.objects.select_related("root_page").order_by("-is_default_site", "site_name"))
    if user.is_superuser or user.has_perm(VIEW_ALL_PERMISSION):
        return sites
    granted_paths = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    )
    return [
        site
        for site in sites
        if any(site.root_page.path.startswith(path) for path in granted_paths)
    ]


def site_for_user(user, site_id):
    """The site with ``site_id`` if the user may see it, else None."""
    return next((site for site in sites_for_user(user) if str(site.pk) == str(site_id)), None)


def under_sites(sites, through=""):
    """A Q matching pages (or rows reaching a page via ``through``) inside ``sites``."""
    lookup = f"{through}path__startswith"
    condition = Q(pk__in=[])
    for site in sites:
        condition |= Q(**{lookup: site.root_page.path})
    return condition


def count_per_site(pages, sites):
    """{site pk: number of ``pages`` under its root}, counted by the database.

    One grouped query per distinct depth of site roots (one in practice).
    """
    counts = {site.pk: 0 for site in sites}
    for length in {len(site.root_page.path) for site in sites}:
        group = [site for site in sites if len(site.root_page.path) == length]
        by_root = {site.root_page.path: site.pk for site in group}
        rows = (
            pages.filter(under_sites(group))
            .order_by()  # Page orders by path, which would join the grouping
            .values(root=Substr("path", 1, length))
            .annotate(count=Count("pk"))
            .values_list("root", "count")
        )
        for root, count in rows:
            counts[by_root[root]] += count
    return counts


class SiteIndex:
    """Finds the site a page path belongs to by cutting the path at each root's length
    (the deepest root wins), without a loop over every site."""

    def __init__(self, sites):
        self.by_path = {site.root_page.path: site for site in sites}
        self.lengths = sorted({len(path) for path in self.by_path}, reverse=True)

    def site_of(self, path):
        for length in self.lengths:
            site = self.by_path.get(path[:length])
            if site is not None:
                return site
        return None
