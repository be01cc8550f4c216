"""Who runs each unit's website, and whether the seed's safeguards hold (seed 3.1, 2.2).

The announcement asks for at least two website admins who can stand in for each other,
approval by someone other than the requester, and written confirmation of urgent verbal
approvals. Every exception to segregation of duties is counted: urgent publications,
publications by one of the content's authors (a superuser's, recorded by ``duties``) and
items published as imported from the previous website.
A unit can drift out of all three without anyone noticing (an admin leaves, an account
goes unused), so the dashboard and reports read these warnings.

Everything is read in a fixed number of queries, whatever the number of units.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission, Page, PageLogEntry, TaskState

from moit_wagtail.access import SiteIndex, under_sites
from moit_wagtail.dates import fiscal_year, fiscal_year_bounds
from moit_wagtail.models import Unit
from moit_wagtail.publication_actions import IMPORT_PUBLISH_ACTION
from moit_wagtail.roles import ADMINS_ROLE, group_name
from moit_wagtail.workflow.duties import PUBLISHED_BY_AUTHOR_ACTION
from moit_wagtail.workflow.models import UrgentApproval

MIN_ADMINS = 2
INACTIVE_AFTER_DAYS = 90
# Created by Wagtail's initial migration with rights on the tree root, i.e. on every unit.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")

TOO_FEW_ADMINS = "too_few_admins"
INACTIVE_ADMINS = "inactive_admins"
SELF_APPROVALS = "self_approvals"
UNCONFIRMED_URGENT = "unconfirmed_urgent"
URGENT_PUBLICATIONS = "urgent_publications"
PUBLISHED_BY_AUTHOR = "published_by_author"
PUBLISHED_BY_IMPORT = "published_by_import"
GROUPS_WITH_ROOT_PERMISSIONS = "groups_with_root_permissions"

MESSAGES = {
    TOO_FEW_ADMINS: _(
        "Fewer than two active website admins: at least two must be able to stand in for "
        "each other."
    ),
    INACTIVE_ADMINS: _("Website admins who have not logged in for 90 days or more, or never."),
    SELF_APPROVALS: _(
        "Publishing requests approved by the person who asked for them (this fiscal year)."
    ),
    UNCONFIRMED_URGENT: _(
        "Urgent publications whose verbal approval is not yet confirmed in the system."
    ),
    URGENT_PUBLICATIONS: _(
        "Publications on a verbal approval, without the usual approval (this fiscal year)."
    ),
    PUBLISHED_BY_AUTHOR: _(
        "Publications by someone who wrote or asked to publish the content, e.g. a "
        "superuser (this fiscal year)."
    ),
    PUBLISHED_BY_IMPORT: _(
        "Items published as imported from the previous website, without approval here "
        "(this fiscal year): check that each was public there."
    ),
    GROUPS_WITH_ROOT_PERMISSIONS: _(
        "Wagtail's default Editors or Moderators groups still hold page permissions on the "
        "root page, which covers every unit's site."
    ),
}


@dataclass(frozen=True)
class GovernanceWarning:
    code: str
    count: int
    users: tuple = ()
    items: tuple = ()

    @property
    def message(self):
        return MESSAGES[self.code]

    @property
    def url(self):
        """Where to put it right: the users, the urgent list, the page's history, the group."""
        if self.code in (TOO_FEW_ADMINS, INACTIVE_ADMINS):
            return reverse("wagtailusers_users:index")
        if self.code in (UNCONFIRMED_URGENT, URGENT_PUBLICATIONS):
            return reverse("moit_urgent_list")
        if self.code in (SELF_APPROVALS, PUBLISHED_BY_AUTHOR, PUBLISHED_BY_IMPORT) and self.items:
            return reverse("wagtailadmin_pages:history", args=[self.items[0].page_id])
        if self.code == GROUPS_WITH_ROOT_PERMISSIONS and self.items:
            return reverse("wagtailusers_groups:edit", args=[self.items[0].pk])
        return ""


@dataclass(frozen=True)
class SelfApproval:
    """An approved step whose approver also made the request."""

    page_id: int
    page_title: str
    user: object
    approved_at: datetime.datetime


@dataclass
class UnitGovernance:
    site: object
    warnings: list = field(default_factory=list)

    @property
    def is_ok(self):
        return not self.warnings

    def warning(self, code):
        return next((warning for warning in self.warnings if warning.code == code), None)


def unit_admins(sites, related=()):
    """{site id: [members of the unit's website-admin group]}, active or not, in 2 queries."""
    keys = dict(Unit.objects.filter(site__in=sites).values_list("site_id", "group_key"))
    sites_by_group = {}
    for site in sites:
        name = keys.get(site.pk)
        if name:
            sites_by_group.setdefault(group_name(name, ADMINS_ROLE), []).append(site.pk)
    admins = {site.pk: [] for site in sites}
    if not sites_by_group:
        return admins
    memberships = (
        get_user_model()
        .groups.through.objects.filter(group__name__in=sites_by_group)
        .select_related("group", "user", *related)
        .order_by("user__username")
    )
    for membership in memberships:
        for site_id in sites_by_group[membership.group.name]:
            admins[site_id].append(membership.user)
    return admins


def _self_approvals(sites, index, since):
    """{site id: [SelfApproval]} for steps approved since ``since``, in 2 queries."""
    states = list(
        TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            finished_by=F("workflow_state__requested_by"),
            finished_at__gte=since,
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__base_content_type__model="page",
        )
        .select_related("finished_by", "workflow_state")
        .order_by("-finished_at")
    )
    if not states:
        return {}
    page_ids = {int(state.workflow_state.object_id) for state in states}
    pages = {
        pk: (path, title)
        for pk, path, title in Page.objects.filter(under_sites(sites), pk__in=page_ids).values_list(
            "pk", "path", "title"
        )
    }
    found = {}
    for state in states:
        page_id = int(state.workflow_state.object_id)
        if page_id in pages:
            path, title = pages[page_id]
            found.setdefault(index.site_of(path).pk, []).append(
                SelfApproval(page_id, title, state.finished_by, state.finished_at)
            )
    return found


def _urgent_publications(sites, index, since):
    """{site id: [UrgentApproval]} published since ``since``, in 1 query."""
    found = {}
    records = (
        UrgentApproval.objects.filter(published_at__gte=since)
        .filter(under_sites(sites, through="page__"))
        .select_related("page")
        .order_by("-published_at")
    )
    for record in records:
        found.setdefault(index.site_of(record.page.path).pk, []).append(record)
    return found


def _logged(actions, sites, index, since):
    """{action: {site id: [PageLogEntry]}} of ``actions`` since ``since``, newest first, in
    1 query: publications by one of the content's authors, imports published without
    approval."""
    found = {action: {} for action in actions}
    entries = (
        PageLogEntry.objects.filter(action__in=actions, timestamp__gte=since)
        .filter(under_sites(sites, through="page__"))
        .select_related("page", "user")
        .order_by("-timestamp")
    )
    for entry in entries:
        found[entry.action].setdefault(index.site_of(entry.page.path).pk, []).append(entry)
    return found


def _unconfirmed_urgent(sites, index):
    """{site id: [UrgentApproval]} awaiting the approver's confirmation, in 1 query."""
    found = {}
    records = (
        UrgentApproval.objects.awaiting_confirmation()
        .filter(under_sites(sites, through="page__"))
        .select_related("page", "approver", "published_by")
        .order_by("published_at")
    )
    for record in records:
        found.setdefault(index.site_of(record.page.path).pk, []).append(record)
    return found


def _default_groups_on_root():
    """Wagtail's default groups that still hold page permissions on the tree root."""
    groups = {}
    for permission in GroupPagePermission.objects.filter(
        page__depth=1, group__name__in=WAGTAIL_DEFAULT_GROUPS
    ).select_related("group"):
        groups.setdefault(permission.group.pk, permission.group)
    return sorted(groups.values(), key=lambda group: group.name)


def _admin_warnings(admins, now):
    active = [user for user in admins if user.is_active]
    cutoff = now - datetime.timedelta(days=INACTIVE_AFTER_DAYS)
    idle = [user for user in active if user.last_login is None or user.last_login < cutoff]
    warnings = []
    if len(active) < MIN_ADMINS:
        warnings.append(GovernanceWarning(TOO_FEW_ADMINS, len(active), users=tuple(active)))
    if idle:
        warnings.append(GovernanceWarning(INACTIVE_ADMINS, len(idle), users=tuple(idle)))
    return warnings


def unit_checks(sites, now=None):
    """One UnitGovernance per site, same order. The installation-wide check (Wagtail's
    default groups on the root) is reported once, on the first unit."""
    now = now or timezone.now()
    sites = list(sites)
    if not sites:
        return []
    index = SiteIndex(sites)
    admins = unit_admins(sites)
    since_fy = fiscal_year_bounds(fiscal_year(now))[0]
    since = timezone.make_aware(datetime.datetime.combine(since_fy, datetime.time.min))
    self_approvals = _self_approvals(sites, index, since)
    urgent = _unconfirmed_urgent(sites, index)
    logged = _logged((PUBLISHED_BY_AUTHOR_ACTION, IMPORT_PUBLISH_ACTION), sites, index, since)
    exceptions = (
        (URGENT_PUBLICATIONS, _urgent_publications(sites, index, since)),
        (PUBLISHED_BY_AUTHOR, logged[PUBLISHED_BY_AUTHOR_ACTION]),
        (PUBLISHED_BY_IMPORT, logged[IMPORT_PUBLISH_ACTION]),
    )
    root_groups = _default_groups_on_root()

    report = []
    for site in sites:
        warnings = _admin_warnings(admins[site.pk], now)
        if self_approvals.get(site.pk):
            found = tuple(self_approvals[site.pk])
            warnings.append(GovernanceWarning(SELF_APPROVALS, len(found), items=found))
        if urgent.get(site.pk):
            found = tuple(urgent[site.pk])
            warnings.append(GovernanceWarning(UNCONFIRMED_URGENT, len(found), items=found))
        for code, by_site in exceptions:
            if by_site.get(site.pk):
                found = tuple(by_site[site.pk])
                warnings.append(GovernanceWarning(code, len(found), items=found))
        if root_groups and not report:
            warnings.append(
                GovernanceWarning(
                    GROUPS_WITH_ROOT_PERMISSIONS, len(root_groups), items=tuple(root_groups)
                )
            )
        report.append(UnitGovernance(site, warnings))
    return report
