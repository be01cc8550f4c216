"""Which units a user acts on, and the one scoping rule every admin screen applies.

A unit is a Wagtail Site. A unit's staff act on the sites whose root they hold page
permissions on (directly or above); the provincial office's admins, who hold
``moit_checklist.view_all_units``, follow every unit where oversight is allowed (the
monitoring reports, checklist records). Citizens' personal data (e-service submissions,
survey comments) is never opened by oversight: only the unit's own staff read it.

``UnitScope`` says how a record reaches its unit (a site foreign key or a page), and
``UnitScopedViewSet`` applies it to every view of a Wagtail ``ModelViewSet`` (listing and
export, edit, delete, history, usage, inspect): listings show only the user's units'
records, and another unit's record answers a plain 403, whatever the view.
"""

from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.urls import path
from django.views.defaults import permission_denied
from wagtail.models import GroupPagePermission, Site

VIEW_ALL_PERMISSION = "moit_checklist.view_all_units"


def sites_for_user(user, oversight=True, page_permission=None):
    """Sites whose root the user holds a page permission on (directly or above).

    ``oversight``: the provincial permission opens every site. ``page_permission``
    (e.g. ``"publish"``) counts only that page permission. Superusers see every site.
    """
    if not (user.is_authenticated and user.is_active):
        return []
    key = (oversight, page_permission)
    cache = user.__dict__.setdefault("_moit_unit_sites", {})
    if key not in cache:
        cache[key] = _sites_for_user(user, oversight, page_permission)
    return cache[key]


def _sites_for_user(user, oversight, page_permission):
    sites = list(Site.objects.select_related("root_page").order_by("-is_default_site", "site_name"))
    if user.is_superuser or (oversight and user.has_perm(VIEW_ALL_PERMISSION)):
        return sites
    grants = GroupPagePermission.objects.filter(group__user=user)
    if page_permission:
        grants = grants.filter(permission__codename=f"{page_permission}_page")
    granted_paths = set(grants.values_list("page__path", flat=True))
    return [
        site
        for site in sites
        if any(site.root_page.path.startswith(path) for path in granted_paths)
    ]


def site_for_user(user, site_id):
    """The site with ``site_id`` if the user may see it, else None."""
    return next((site for site in sites_for_user(user) if str(site.pk) == str(site_id)), None)


def is_under(page, sites):
    """Whether ``page`` lies inside one of ``sites``."""
    return page is not None and any(page.path.startswith(s.root_page.path) for s in sites)


# -- the scoping rule of unit records ----------------------------------------------------


class OtherUnitRecord(PermissionDenied):
    """A record of a unit the user does not act on: answered with a plain 403 (Wagtail's
    admin would turn a PermissionDenied into a redirect that hides what happened)."""


def refuse_other_units(view):
    """Wrap a view so ``OtherUnitRecord`` answers 403 instead of Wagtail's redirect."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OtherUnitRecord as error:
            return permission_denied(request, error)

    return wrapped


@dataclass(frozen=True)
class UnitScope:
    """How a model's records reach their unit: ``site_field`` (a Site foreign key) or
    ``page_field`` (a page foreign key, "" for a page model itself); ``oversight`` as in
    ``sites_for_user``; ``permission``, if set, is needed to see any record at all."""

    site_field: str | None = None
    page_field: str | None = None
    oversight: bool = True
    permission: str | None = None

    def sites(self, user):
        if self.permission and not user.has_perm(self.permission):
            return []
        return sites_for_user(user, oversight=self.oversight)

    def q(self, user):
        sites = self.sites(user)
        if self.site_field is not None:
            return Q(**{f"{self.site_field}__in": [site.pk for site in sites]})
        through = f"{self.page_field}__" if self.page_field else ""
        return under_sites(sites, through=through)

    def filter(self, queryset, user):
        return queryset.filter(self.q(user))

    def contains(self, user, obj):
        return type(obj)._default_manager.filter(self.q(user), pk=obj.pk).exists()

    def check(self, user, obj):
        """Raise ``OtherUnitRecord`` unless ``obj`` belongs to one of the user's units."""
        if obj is not None and obj.pk is not None and not self.contains(user, obj):
            raise OtherUnitRecord
        return obj


class UnitScopedObjectMixin:
    """A Wagtail object view (edit, delete, history, usage, inspect...) that refuses
    another unit's record."""

    unit_scope = None

    def get_object(self, *args, **kwargs):
        return self.unit_scope.check(self.request.user, super().get_object(*args, **kwargs))


class UnitScopedListingMixin(UnitScopedObjectMixin):
    """A Wagtail listing (and its CSV/XLSX export) of the user's units' records only."""

    def get_base_queryset(self):
        return self.unit_scope.filter(super().get_base_queryset(), self.request.user)


class UnitScopedViewSet:
    """A ``ModelViewSet`` mixin: every view it builds applies ``unit_scope``, and every URL
    answers another unit's record with 403. Views added to the viewset later are scoped too."""

    unit_scope = UnitScope()

    def construct_view(self, view_class, **kwargs):
        from wagtail.admin.views.generic import IndexView  # admin views load after apps

        if not issubclass(view_class, UnitScopedObjectMixin):
            mixin = UnitScopedListingMixin if issubclass(view_class, IndexView) else None
            mixin = mixin or UnitScopedObjectMixin
            attrs = {"unit_scope": self.unit_scope}
            view_class = type(view_class.__name__, (mixin, view_class), attrs)
        return super().construct_view(view_class, **kwargs)

    def get_urlpatterns(self):
        return [
            path(str(pattern.pattern), refuse_other_units(pattern.callback), name=pattern.name)
            for pattern in super().get_urlpatterns()
        ]


# -- counting and locating pages by site -------------------------------------------------


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


def chooser_pages(pages, request):
    """The page chooser lists what is public everywhere, and unpublished pages (drafts,
    pages awaiting approval) only inside the user's own units: another unit's draft title
    is not for this unit's staff, not even in a link dialog's search."""
    user = request.user
    if user.is_superuser:
        return pages
    return pages.filter(Q(live=True) | under_sites(sites_for_user(user, oversight=False)))
